/**
 * Bidirectional Forwarding Detection (RFC 5880/5881/5883/7130), UDP destination ports
 * 3784 (control), 4784 (multihop), 6784 (LAG) and 3785 (echo): a 24-byte control header
 * (version, diagnostic, state and flags, detect multiplier, length, discriminators and
 * intervals).
 *
 * @module
 */

import { DecodeError } from "../errors.ts";
import { decodeOne } from "../_decode_one.ts";
import { readUint32, readUint32Before, readUint8Before } from "../_bytes.ts";
import { beginMessage } from "./_wire_length.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";
// tcpdump tries Broadcom LI's source port before BFD.
import { BCM_LI_PORT } from "../net/bcm_li.ts";

/** The size of a BFD control header. */
export const BFD_HEADER_LENGTH = 24;

/** BFD's UDP destination ports. */
export const BfdPort = { CONTROL: 3784, ECHO: 3785, MULTIHOP: 4784, LAG: 6784 } as const;

/** The A (Authentication Present) flag of the flags byte. */
const AUTH_FLAG = 0x04;

/**
 * The authentication section of a BFD control packet (RFC 5880 section 4.1), after the
 * 24-byte header: its fixed fields, and where its data lies.
 */
export interface BfdAuthentication {
  /** The authentication type: 1 simple password, 2/3 (meticulous) keyed MD5, 4/5 SHA1. */
  type: number;
  /** The section's length field, in bytes (type and length included). */
  length: number;
  /** The key ID, when its byte was captured. */
  keyId: number | undefined;
  /** The sequence number of the MD5 and SHA1 types, when captured. */
  sequenceNumber: number | undefined;
  /**
   * Where the password (type 1) or the digest (the other types) starts in the layer's
   * `data`: 3 or 8 bytes after the section's start.
   */
  valueOffset: number;
}

/** The BFD ports, as a set built once: decodeFrom() checks each packet against it. */
const BFD_PORTS: ReadonlySet<number> = new Set(Object.values(BfdPort));

/**
 * A BFD packet: control header fields (zero for echo packets and cut ones).
 *
 * @example Read a BFD control header
 * ```ts
 * import { decodeBfd } from "./bfd.ts";
 * import assert from "node:assert/strict";
 *
 * const bytes = new Uint8Array(24);
 * bytes.set([0x20, 0xc0, 3, 24]);
 * const bfd = decodeBfd(bytes);
 * assert.equal(bfd.version, 1);
 * assert.equal(bfd.state, 3);
 * ```
 */
export class Bfd extends LayerBase {
  /** The discriminant. */
  readonly kind = "bfd" as const;
  /** The UDP destination port (which says control, multihop, LAG or echo). */
  port: number = BfdPort.CONTROL;
  /** The version (3 bits). */
  version = 0;
  /** The diagnostic (5 bits). */
  diagnostic = 0;
  /** The flags byte (state in the top 2 bits for version 1). */
  flags = 0;
  /** The detect time multiplier. */
  detectMultiplier = 0;
  /** The BFD length field. */
  length = 0;
  /** My discriminator. */
  myDiscriminator = 0;
  /** Your discriminator. */
  yourDiscriminator = 0;
  /** Desired minimum transmit interval, in microseconds. */
  desiredMinTx = 0;
  /** Required minimum receive interval, in microseconds. */
  requiredMinRx = 0;
  /** Required minimum echo receive interval, in microseconds. */
  requiredMinEcho = 0;
  /** Whether the 24-byte control header was captured. */
  complete = false;
  /** The BFD bytes the transport declares. */
  wireLength = 0;

  /** The session state (version 1): 0 AdminDown, 1 Down, 2 Init, 3 Up. */
  get state(): number {
    return this.flags >> 6;
  }

  /**
   * The authentication section, when the A flag is set and its type and length bytes
   * were captured.
   */
  get authentication(): BfdAuthentication | undefined {
    const at = this.offset + BFD_HEADER_LENGTH;
    if (!this.complete || (this.flags & AUTH_FLAG) === 0 || at + 2 > this.end) return undefined;
    const data = this.data;
    const type = data[at]!;
    const password = type === 1;
    return {
      type,
      length: data[at + 1]!,
      keyId: at + 3 <= this.end ? data[at + 2]! : undefined,
      sequenceNumber: !password && at + 8 <= this.end ? readUint32(data, at + 4) : undefined,
      valueOffset: at + (password ? 3 : 8),
    };
  }

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    context: DecodeContext,
  ): DecodeError | undefined {
    const udp = context.transport;
    if (udp !== undefined && udp.kind === "udp") {
      if (!BFD_PORTS.has(udp.destinationPort) || udp.sourcePort === BCM_LI_PORT) {
        return DecodeError.malformed(this.kind, offset, 0, 0, "not sent to a BFD port");
      }
      this.port = udp.destinationPort;
    }
    const error = beginMessage(this, data, offset, end, context);
    if (error !== undefined) return error;
    this.complete = end - offset >= BFD_HEADER_LENGTH;
    this.headerLength = Math.min(BFD_HEADER_LENGTH, end - offset);
    // Past the first byte, the fields are read from a complete header only.
    const limit = this.complete ? end : offset;
    this.version = data[offset]! >> 5;
    this.diagnostic = data[offset]! & 0x1f;
    this.flags = readUint8Before(data, offset + 1, limit);
    this.detectMultiplier = readUint8Before(data, offset + 2, limit);
    this.length = readUint8Before(data, offset + 3, limit);
    this.myDiscriminator = readUint32Before(data, offset + 4, limit);
    this.yourDiscriminator = readUint32Before(data, offset + 8, limit);
    this.desiredMinTx = readUint32Before(data, offset + 12, limit);
    this.requiredMinRx = readUint32Before(data, offset + 16, limit);
    this.requiredMinEcho = readUint32Before(data, offset + 20, limit);
    return undefined;
  }

  /** Picks the decoder of the payload from the context's tables. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return {
      version: this.version,
      diagnostic: this.diagnostic,
      state: this.state,
      flags: this.flags,
      detectMultiplier: this.detectMultiplier,
      length: this.length,
      myDiscriminator: this.myDiscriminator,
      yourDiscriminator: this.yourDiscriminator,
      desiredMinTx: this.desiredMinTx,
      requiredMinRx: this.requiredMinRx,
      requiredMinEcho: this.requiredMinEcho,
      authentication: this.authentication,
    };
  }
}

/**
 * Creates {@linkcode Bfd} layers; bound to UDP ports 3784, 3785, 4784 and 6784 (as a
 * destination port, as tcpdump reads them).
 *
 * @example Create a BFD layer
 * ```ts
 * import { bfdDecoder } from "./bfd.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(bfdDecoder.create().kind, "bfd");
 * ```
 */
export const bfdDecoder: ProtocolDescriptor<Bfd> = defineProtocol({
  kind: "bfd",
  name: "BFD",
  tcpdumpName: "bfd",
  create: () => new Bfd(),
  bindings: { udpPorts: [3784, 3785, 4784, 6784] },
});

/**
 * Decodes a BFD control packet.
 *
 * @param data The bytes.
 * @param offset Where it starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When no byte remains.
 *
 * @example Reject an empty packet
 * ```ts
 * import { decodeBfd } from "./bfd.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeBfd(new Uint8Array(0)), {
 *   message: "Cannot decode BFD header: 1 bytes required, received 0",
 * });
 * ```
 */
export function decodeBfd(data: Uint8Array, offset = 0): Bfd {
  return decodeOne(new Bfd(), data, offset);
}
