/**
 * ISAKMP / IKE (RFC 2408, RFC 7296) over UDP port 500, and the UDP encapsulation of RFC
 * 3948 on port 4500: NAT keepalives, IKE after the non-ESP marker, or ESP (decoded on by
 * the ESP decoder).
 *
 * @module
 */

import type { DecodeError } from "../errors.ts";
import { decodeOne } from "../_decode_one.ts";
import { beginMessage } from "./_wire_length.ts";
import { IpProtocol } from "../ip_protocol.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";

/** The ISAKMP header flags. */
export const IsakmpFlag = {
  /** Encryption (IKEv1). */
  ENCRYPTION: 0x01,
  /** Commit (IKEv1). */
  COMMIT: 0x02,
  /** Initiator (IKEv2). */
  INITIATOR: 0x08,
  /** Version (IKEv2). */
  VERSION: 0x10,
  /** Response (IKEv2). */
  RESPONSE: 0x20,
} as const;

/** One payload of the chain: its type (from the previous header) and where it lies. */
export interface IsakmpPayload {
  /** The payload type (1 SA, 4 KE, 13 VID...; 33 and up in IKEv2). */
  readonly type: number;
  /** The next payload's type, 0 for the last. */
  readonly nextPayload: number;
  /** The critical bit (IKEv2) and reserved bits: the header's second byte. */
  readonly flags: number;
  /** The payload length, its 4-byte generic header included. */
  readonly length: number;
  /** Offset of the payload's generic header. */
  readonly offset: number;
}

/**
 * An ISAKMP message, or what port 4500 carries in its place (`encapsulation`): a NAT
 * keepalive, an IKE message after the non-ESP marker, or ESP (then this layer is empty
 * and the ESP layer follows). `truncated` says the 28-byte header was not all captured.
 *
 * @example Decode an IKEv2 IKE_SA_INIT request header
 * ```ts
 * import { decodeIsakmp } from "./isakmp.ts";
 * import assert from "node:assert/strict";
 *
 * const header = new Uint8Array(28);
 * header.set([0, 0, 0, 0, 0, 0, 0, 1], 0); // initiator SPI
 * header.set([33, 0x20, 34, 0x08], 16); // next payload SA, 2.0, IKE_SA_INIT, initiator
 * header[27] = 28;
 * const ike = decodeIsakmp(header);
 * assert.equal(ike.majorVersion, 2);
 * assert.equal(ike.exchangeType, 34);
 * assert.equal(ike.messageLength, 28);
 * ```
 */
export class Isakmp extends LayerBase {
  /** The discriminant. */
  readonly kind = "isakmp" as const;
  /**
   * What port 4500 carries: `"keepalive"` (one 0xff byte), `"non-esp"` (IKE after four
   * zero bytes), `"esp"`; `"none"` on the other ports.
   */
  encapsulation: "none" | "keepalive" | "non-esp" | "esp" = "none";
  /** The header is not all captured (or, on port 4500, fewer than 4 bytes are there). */
  truncated = false;
  /** The message came on port 4500 (RFC 3948's UDP encapsulation). */
  natTraversal = false;
  /** The first payload's type. */
  nextPayload = 0;
  /** The major version (1 or 2). */
  majorVersion = 0;
  /** The minor version. */
  minorVersion = 0;
  /** The exchange type (2 identity protection, 34 IKE_SA_INIT...). */
  exchangeType = 0;
  /** The flags (see {@linkcode IsakmpFlag}). */
  flags = 0;
  /** The message ID. */
  messageId = 0;
  /** The length field: the message's length, header included. */
  messageLength = 0;
  /** The UDP payload's length (on the wire), the non-ESP marker included. */
  wireLength = 0;

  /** Offset of the ISAKMP header (after the non-ESP marker on port 4500). */
  get headerOffset(): number {
    return this.encapsulation === "non-esp" ? this.offset + 4 : this.offset;
  }

  /** The initiator cookie or SPI (a view of 8 bytes). */
  get initiatorCookie(): Uint8Array {
    return this.data.subarray(this.headerOffset, this.headerOffset + 8);
  }

  /** The responder cookie or SPI (a view of 8 bytes). */
  get responderCookie(): Uint8Array {
    return this.data.subarray(this.headerOffset + 8, this.headerOffset + 16);
  }

  /** The message ID's 4 bytes (a view). */
  get messageIdBytes(): Uint8Array {
    return this.data.subarray(this.headerOffset + 20, this.headerOffset + 24);
  }

  /**
   * The chain of payloads after the header, as far as the captured bytes and the message
   * hold them; `truncated` when a payload runs past them.
   */
  payloads(): { payloads: IsakmpPayload[]; truncated: boolean } {
    const payloads: IsakmpPayload[] = [];
    if (this.truncated || this.encapsulation === "esp" || this.encapsulation === "keepalive") {
      return { payloads, truncated: this.truncated };
    }
    let type = this.nextPayload;
    let at = this.headerOffset + 28;
    const end = this.end;
    while (type !== 0) {
      if (at + 4 > end) return { payloads, truncated: true };
      const length = (this.data[at + 2]! << 8) | this.data[at + 3]!;
      const payload = {
        type,
        nextPayload: this.data[at]!,
        flags: this.data[at + 1]!,
        length,
        offset: at,
      };
      if (length < 4 || at + length > end) {
        return { payloads: [...payloads, payload], truncated: true };
      }
      payloads.push(payload);
      type = payload.nextPayload;
      at += length;
    }
    return { payloads, truncated: false };
  }

  /** The 8-bit number at `at` in the packet bytes. */
  uint8(at: number): number {
    return this.data[at]!;
  }

  /** The 16-bit number at `at` in the packet bytes. */
  uint16(at: number): number {
    return (this.data[at]! << 8) | this.data[at + 1]!;
  }

  /** The 32-bit number at `at` in the packet bytes. */
  uint32(at: number): number {
    const d = this.data;
    return ((d[at]! << 24) | (d[at + 1]! << 16) | (d[at + 2]! << 8) | d[at + 3]!) >>> 0;
  }

  /** Bytes `[at, at + length)` of the packet (a view). */
  bytes(at: number, length: number): Uint8Array {
    return this.data.subarray(at, at + length);
  }

  /**
   * The generic header of the payload at `at` (a nested chain's, such as the proposals
   * of an SA, or the top level's): its next payload type and length, or `undefined` when
   * its 4 bytes are not captured.
   */
  genericHeader(at: number): { nextPayload: number; length: number } | undefined {
    if (at + 4 > this.end) return undefined;
    return { nextPayload: this.data[at]!, length: this.uint16(at + 2) };
  }

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    context: DecodeContext,
  ): DecodeError | undefined {
    const error = beginMessage(this, data, offset, end, context);
    if (error !== undefined) return error;
    this.encapsulation = "none";
    this.truncated = false;
    this.natTraversal = false;
    this.headerLength = 0;
    // A reused layer must not keep the last message's header when this one has none.
    this.nextPayload = 0;
    this.majorVersion = 0;
    this.minorVersion = 0;
    this.exchangeType = 0;
    this.flags = 0;
    this.messageId = 0;
    this.messageLength = 0;
    const transport = context.transport;
    const ports = transport === undefined || transport.kind !== "udp"
      ? []
      : [transport.sourcePort, transport.destinationPort];
    let at = offset;
    if (ports.includes(4500) && !ports.includes(500)) {
      this.natTraversal = true;
      if (this.wireLength === 1 && data[offset] === 0xff) {
        this.encapsulation = "keepalive";
        this.headerLength = 1;
        return undefined;
      }
      if (this.wireLength < 4 || end - offset < 4) {
        this.truncated = true;
        return undefined;
      }
      if ((data[at]! | data[at + 1]! | data[at + 2]! | data[at + 3]!) !== 0) {
        this.encapsulation = "esp";
        return undefined;
      }
      this.encapsulation = "non-esp";
      at += 4;
    }
    if (end - at < 28) {
      this.truncated = true;
      return undefined;
    }
    this.nextPayload = data[at + 16]!;
    this.majorVersion = data[at + 17]! >> 4;
    this.minorVersion = data[at + 17]! & 0x0f;
    this.exchangeType = data[at + 18]!;
    this.flags = data[at + 19]!;
    this.messageId = ((data[at + 20]! << 24) | (data[at + 21]! << 16) | (data[at + 22]! << 8) |
      data[at + 23]!) >>> 0;
    this.messageLength = ((data[at + 24]! << 24) | (data[at + 25]! << 16) |
      (data[at + 26]! << 8) | data[at + 27]!) >>> 0;
    this.headerLength = at + 28 - offset;
    return undefined;
  }

  /** Picks the decoder of the payload from the context's tables. */
  nextDecoder(context: DecodeContext): Decoder | undefined {
    return this.encapsulation === "esp"
      ? context.tables.ipProtocols.get(IpProtocol.ESP)
      : undefined;
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return {
      encapsulation: this.encapsulation,
      nextPayload: this.nextPayload,
      majorVersion: this.majorVersion,
      minorVersion: this.minorVersion,
      exchangeType: this.exchangeType,
      flags: this.flags,
      messageId: this.messageId,
      length: this.messageLength,
      payloads: this.payloads().payloads.map((p) => ({ type: p.type, length: p.length })),
    };
  }
}

/**
 * Creates {@linkcode Isakmp} layers; the registry entry for UDP ports 500 and 4500 (and
 * 7500 and 8500, as tcpdump binds them).
 *
 * @example Create an ISAKMP layer
 * ```ts
 * import { isakmpDecoder } from "./isakmp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(isakmpDecoder.create().kind, "isakmp");
 * ```
 */
export const isakmpDecoder: ProtocolDescriptor<Isakmp> = defineProtocol({
  kind: "isakmp",
  name: "ISAKMP",
  tcpdumpName: "isakmp",
  create: () => new Isakmp(),
  bindings: { udpPorts: [500, 4500, 7500, 8500] },
});

/**
 * Decodes an ISAKMP message (as on port 500).
 *
 * @param data The bytes.
 * @param offset Where the message starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When no byte remains.
 *
 * @example Read a header cut short
 * ```ts
 * import { decodeIsakmp } from "./isakmp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(decodeIsakmp(new Uint8Array(20)).truncated, true);
 * ```
 */
export function decodeIsakmp(data: Uint8Array, offset = 0): Isakmp {
  return decodeOne(new Isakmp(), data, offset);
}
