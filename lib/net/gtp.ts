/**
 * The GPRS Tunnelling Protocol for user data, version 1 (GTP-U, 3GPP TS 29.281): mobile
 * users' IP packets carried between the nodes of a GPRS, UMTS or LTE core over UDP port
 * 2152. A G-PDU message decodes on to the IPv4 or IPv6 packet it carries.
 *
 * @module
 */

import { DecodeError } from "../errors.ts";
import { decodeOne } from "../_decode_one.ts";
import { wireLength } from "../app/_wire_length.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";
import { EtherType } from "../link/ethernet.ts";

/** The UDP port of GTP-U (3GPP TS 29.281). */
export const GTP_U_PORT = 2152;

/** The message type of a G-PDU: a user packet. */
export const GTP_G_PDU = 0xff;

/** One extension header of a GTP-U header. */
export interface GtpExtension {
  /** The extension header type (the previous header's "next extension header type"). */
  type: number;
  /** Where the extension header starts (its length byte) in the packet's bytes. */
  offset: number;
  /** Its length in bytes (the length field times 4). */
  length: number;
  /** Its content, between the length byte and the next type byte (a view). */
  content: Uint8Array;
}

/**
 * A GTPv1-U header, its optional fields and its extension headers. Fields that the flags
 * leave out are `undefined`.
 *
 * @example Decode a G-PDU header in front of an IPv4 packet
 * ```ts
 * import { decodeGtp } from "./gtp.ts";
 * import assert from "node:assert/strict";
 *
 * // Version 1, PT 1, G-PDU, length 1, TEID 0x1234; then an IPv4 byte.
 * const gtp = decodeGtp(new Uint8Array([0x30, 0xff, 0, 1, 0, 0, 0x12, 0x34, 0x45]));
 * assert.equal(gtp.version, 1);
 * assert.equal(gtp.messageType, 0xff);
 * assert.equal(gtp.teid, 0x1234);
 * assert.equal(gtp.headerLength, 8);
 * ```
 */
export class Gtp extends LayerBase {
  /** The discriminant. */
  readonly kind = "gtp" as const;
  /** The flags byte: version (3 bits), PT, a reserved bit, E, S and PN. */
  flags = 0;
  /** The version (1). */
  version = 0;
  /** The message type (`0xff` G-PDU, 1 echo request...). */
  messageType = 0;
  /** The length field: the bytes after the first 8. */
  length = 0;
  /** The tunnel endpoint identifier. */
  teid = 0;
  /** The sequence number (when any of E, S and PN is set). */
  sequenceNumber: number | undefined = undefined;
  /** The N-PDU number (when any of E, S and PN is set). */
  npduNumber: number | undefined = undefined;
  /** The first next extension header type (when any of E, S and PN is set). */
  nextExtensionType: number | undefined = undefined;
  /**
   * The length of the GTP message on the wire, from the UDP and IP length fields; the
   * captured bytes when no header says.
   */
  wireLength = 0;
  #extensions: GtpExtension[] = [];

  /** The protocol type bit (PT): 1 for GTP, 0 for GTP'. */
  get protocolType(): number {
    return (this.flags >> 4) & 1;
  }

  /** Whether the E flag (an extension header follows) is set. */
  get extensionFlag(): boolean {
    return (this.flags & 0x04) !== 0;
  }

  /** Whether the S flag (the sequence number is meaningful) is set. */
  get sequenceFlag(): boolean {
    return (this.flags & 0x02) !== 0;
  }

  /** Whether the PN flag (the N-PDU number is meaningful) is set. */
  get npduFlag(): boolean {
    return (this.flags & 0x01) !== 0;
  }

  /** The extension headers, in order. */
  get extensions(): readonly GtpExtension[] {
    return this.#extensions;
  }

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    context: DecodeContext,
  ): DecodeError | undefined {
    const available = end - offset;
    if (available < 8) return DecodeError.truncated(this.kind, offset, 8, available);
    const flags = data[offset]!;
    const version = flags >> 5;
    if (version !== 1) {
      return DecodeError.malformed(this.kind, offset, 1, version, `version ${version} is not 1`);
    }
    let length = 8;
    const extensions: GtpExtension[] = [];
    let sequenceNumber: number | undefined;
    let npduNumber: number | undefined;
    let nextType: number | undefined;
    if ((flags & 0x07) !== 0) {
      length = 12;
      if (available < 12) return DecodeError.truncated(this.kind, offset, 12, available);
      sequenceNumber = (data[offset + 8]! << 8) | data[offset + 9]!;
      npduNumber = data[offset + 10]!;
      nextType = data[offset + 11]!;
      let type = (flags & 0x04) !== 0 ? nextType : 0;
      while (type !== 0) {
        if (available < length + 1) {
          return DecodeError.truncated(this.kind, offset, length + 1, available);
        }
        const size = data[offset + length]! * 4;
        if (size === 0) {
          return DecodeError.malformed(
            this.kind,
            offset + length,
            4,
            0,
            "extension header of length 0",
          );
        }
        if (available < length + size) {
          return DecodeError.truncated(this.kind, offset, length + size, available);
        }
        const at = offset + length;
        extensions.push({
          type,
          offset: at,
          length: size,
          content: data.subarray(at + 1, at + size - 1),
        });
        type = data[at + size - 1]!;
        length += size;
        if (extensions.length > 64) {
          return DecodeError.malformed(this.kind, at, 64, 65, "more than 64 extension headers");
        }
      }
    }
    this.data = data;
    this.offset = offset;
    this.headerLength = length;
    this.end = end;
    this.flags = flags;
    this.version = version;
    this.messageType = data[offset + 1]!;
    this.length = (data[offset + 2]! << 8) | data[offset + 3]!;
    this.teid = ((data[offset + 4]! << 24) | (data[offset + 5]! << 16) |
      (data[offset + 6]! << 8) | data[offset + 7]!) >>> 0;
    this.sequenceNumber = sequenceNumber;
    this.npduNumber = npduNumber;
    this.nextExtensionType = nextType;
    this.#extensions = extensions;
    this.wireLength = wireLength(context, offset, available);
    return undefined;
  }

  /** Picks the decoder of the payload from the context's tables. */
  nextDecoder(context: DecodeContext): Decoder | undefined {
    if (this.messageType !== GTP_G_PDU) return undefined;
    const at = this.offset + this.headerLength;
    if (at >= this.end) return undefined;
    const nibble = this.data[at]! >> 4;
    if (nibble === 4) return context.tables.etherTypes.get(EtherType.IPV4);
    if (nibble === 6) return context.tables.etherTypes.get(EtherType.IPV6);
    return undefined;
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    const header: Record<string, unknown> = {
      flags: this.flags,
      version: this.version,
      protocolType: this.protocolType,
      messageType: this.messageType,
      length: this.length,
      teid: this.teid,
    };
    if (this.sequenceNumber !== undefined) {
      header.sequenceNumber = this.sequenceNumber;
      header.npduNumber = this.npduNumber;
      header.nextExtensionType = this.nextExtensionType;
    }
    if (this.#extensions.length > 0) {
      header.extensions = this.#extensions.map((extension) => ({
        type: extension.type,
        length: extension.length,
        content: Array.from(extension.content),
      }));
    }
    return header;
  }
}

/**
 * Creates {@linkcode Gtp} layers; the registry entry for UDP port 2152.
 *
 * @example Create a GTP-U layer
 * ```ts
 * import { gtpDecoder } from "./gtp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(gtpDecoder.create().kind, "gtp");
 * assert.deepEqual(gtpDecoder.bindings.udpPorts, [2152]);
 * ```
 */
export const gtpDecoder: ProtocolDescriptor<Gtp> = defineProtocol({
  kind: "gtp",
  name: "GTP-U",
  tcpdumpName: "gtp",
  create: () => new Gtp(),
  bindings: { udpPorts: [GTP_U_PORT] },
});

/**
 * Decodes a GTPv1-U header with its extension headers.
 *
 * @param data The bytes.
 * @param offset Where the header starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When the header is cut short, or its version is not 1.
 *
 * @example Read the sequence number and an extension header (PDU session container)
 * ```ts
 * import { decodeGtp } from "./gtp.ts";
 * import assert from "node:assert/strict";
 *
 * const gtp = decodeGtp(new Uint8Array([
 *   0x36, 0xff, 0, 8, 0, 0, 0, 1, 0, 7, 0, 0x85, // E and S flags, seq 7, next type 0x85
 *   1, 0x10, 0x05, 0, // a 4-byte extension header, then no more
 * ]));
 * assert.equal(gtp.sequenceNumber, 7);
 * assert.equal(gtp.extensions[0]?.type, 0x85);
 * assert.equal(gtp.headerLength, 16);
 * assert.throws(() => decodeGtp(new Uint8Array([0x30, 0xff, 0, 0])), {
 *   message: "Cannot decode GTP-U header: 8 bytes required, received 4",
 * });
 * ```
 */
export function decodeGtp(data: Uint8Array, offset = 0): Gtp {
  return decodeOne(new Gtp(), data, offset);
}
