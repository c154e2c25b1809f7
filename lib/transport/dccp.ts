/**
 * Datagram Congestion Control Protocol (RFC 4340), IP protocol 33: the generic header
 * (short or extended sequence numbers), the fields of each packet type, and the options,
 * read as tcpdump's dccp_print() reads them.
 *
 * @module
 */

import { readUint16, readUint32 } from "../_bytes.ts";
import { foldChecksum, sumWords } from "../checksum.ts";
import { decodeOne } from "../_decode_one.ts";
import type { DecodeError } from "../errors.ts";
import { beginLayer } from "../_begin_layer.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type NetworkLayer,
  type ProtocolDescriptor,
} from "../layer.ts";

/** DCCP packet types (RFC 4340 section 5.1). */
export const DccpType = {
  REQUEST: 0,
  RESPONSE: 1,
  DATA: 2,
  ACK: 3,
  DATA_ACK: 4,
  CLOSE_REQ: 5,
  CLOSE: 6,
  RESET: 7,
  SYNC: 8,
  SYNC_ACK: 9,
} as const;

/** The IP protocol number of DCCP. */
export const DCCP_IP_PROTOCOL = 33;

/**
 * The bytes tcpdump expects after the generic header for each known packet type (the
 * Acknowledgement Number subheader counted as 8 bytes even with short sequence numbers,
 * as dccp_print() counts it); unknown types have none.
 */
const TYPE_FIELDS: readonly number[] = [4, 12, 0, 8, 8, 8, 8, 12, 8, 8];

/**
 * Why an option walk stopped at an option:
 * - `"short"`: the option's length byte is below 2;
 * - `"long"`: the option runs past the header's Data Offset;
 * - `"cut"`: the capture ends inside the option (tcpdump checks this and goes on to `>`);
 * - `"read"`: the capture ends before the option's type or length byte (tcpdump's read
 *   past the capture, which ends the packet).
 */
export type DccpOptionProblem = "short" | "long" | "cut" | "read";

/** One option of a DCCP header. */
export interface DccpOption {
  /** Offset of the option's type byte in `data`. */
  readonly offset: number;
  /** The option type; -1 when not captured. */
  readonly type: number;
  /** The option length (1 for the single-byte types 0 to 31). */
  readonly length: number;
  /** Why the walk stopped here; `undefined` for an option read whole. */
  readonly problem: DccpOptionProblem | undefined;
}

/**
 * A DCCP header: the generic header (12 bytes, 16 with extended sequence numbers) is
 * decoded; the packet type's fields and the options are read by getters, which return -1
 * where the capture ends.
 *
 * @example Decode a DCCP-Request
 * ```ts
 * import { decodeDccp } from "./dccp.ts";
 * import assert from "node:assert/strict";
 *
 * const dccp = decodeDccp(new Uint8Array([
 *   0x13, 0x89, 0xcd, 0xbb, 5, 0x30, 0, 0, 0x01, 0, 1, 2, 3, 4, 5, 6, 0, 0, 0, 42,
 * ]));
 * assert.equal(dccp.sourcePort, 5001);
 * assert.equal(dccp.type, 0);
 * assert.equal(dccp.sequence, 0x010203040506);
 * assert.equal(dccp.serviceCode, 42);
 * ```
 */
export class Dccp extends LayerBase {
  /** The discriminant. */
  readonly kind = "dccp" as const;
  /** The source port. */
  sourcePort = 0;
  /** The destination port. */
  destinationPort = 0;
  /** The Data Offset: the header's length in 32-bit words. */
  dataOffset = 0;
  /** CCVal, the sender CCID's 4 bits. */
  ccval = 0;
  /** CsCov, the checksum coverage (0: the whole packet). */
  checksumCoverage = 0;
  /** The checksum field. */
  checksum = 0;
  /** X: the sequence numbers are 48 bits long (and the generic header 16 bytes). */
  extended = false;
  /** The packet type ({@linkcode DccpType}); 4 bits. */
  type = 0;

  #network: NetworkLayer | undefined = undefined;

  /**
   * The folded Internet checksum over the IP pseudo-header and the bytes CsCov covers, as
   * tcpdump's dccp_cksum() sums them: 0 when the checksum field is right, -1 when there
   * is no IP layer or the packet was not all captured.
   *
   * @param length The packet's length (the IP payload length), from the header's start.
   * @returns The sum.
   */
  checksumSum(length: number = this.end - this.offset): number {
    const network = this.#network;
    if (network === undefined || this.offset + length > this.end) return -1;
    // RFC 4340 section 9.2: CsCov n covers the header and the first n-1 words of data.
    const covered = this.checksumCoverage === 0
      ? length
      : Math.min(length, (this.dataOffset + this.checksumCoverage - 1) * 4);
    const initial = network.pseudoHeaderSum(DCCP_IP_PROTOCOL, length);
    return foldChecksum(sumWords(this.data, this.offset, this.offset + covered, initial));
  }

  /** The length of the generic header: 16 with extended sequence numbers, else 12. */
  get genericLength(): number {
    return this.extended ? 16 : 12;
  }

  /** The generic header and the packet type's fields, as tcpdump counts them. */
  get fixedLength(): number {
    return this.genericLength + (TYPE_FIELDS[this.type] ?? 0);
  }

  /** The sequence number (24 or 48 bits); -1 when not captured. */
  get sequence(): number {
    const at = this.offset;
    if (!this.extended) return (this.data[at + 9]! << 16) | readUint16(this.data, at + 10);
    return this.end - at < 16 ? -1 : readUint16(this.data, at + 10) * 2 ** 32 +
      readUint32(this.data, at + 12);
  }

  /** The acknowledgement number (24 or 48 bits); -1 when not captured. */
  get acknowledgment(): number {
    const at = this.offset + this.genericLength;
    if (this.extended) {
      return at + 8 > this.end ? -1 : readUint16(this.data, at + 2) * 2 ** 32 +
        readUint32(this.data, at + 4);
    }
    return at + 4 > this.end ? -1 : (this.data[at + 1]! << 16) | readUint16(this.data, at + 2);
  }

  /**
   * The service code of a Request or a Response; -1 when the type's fields were not all
   * captured (or for another type).
   */
  get serviceCode(): number {
    const at = this.offset + this.genericLength;
    if (this.type === DccpType.REQUEST) return at + 4 > this.end ? -1 : readUint32(this.data, at);
    if (this.type !== DccpType.RESPONSE || at + 12 > this.end) return -1;
    return readUint32(this.data, at + 8);
  }

  /** The reset code of a Reset; -1 when its fields were not all captured (or another type). */
  get resetCode(): number {
    const at = this.offset + this.genericLength;
    return this.type !== DccpType.RESET || at + 12 > this.end ? -1 : this.data[at + 8]!;
  }

  /**
   * Walks the options as tcpdump's dccp_print() does, from the end of the type's fields to
   * the Data Offset, stopping at the first option with a problem (the last in the list).
   *
   * @returns The options; none when the Data Offset does not reach past the fixed fields.
   */
  options(): DccpOption[] {
    const d = this.data;
    const end = this.end;
    const list: DccpOption[] = [];
    let left = this.dataOffset * 4 - this.fixedLength;
    let at = this.offset + this.fixedLength;
    while (left > 0) {
      if (at >= end) {
        list.push({ offset: at, type: -1, length: 0, problem: "read" });
        break;
      }
      const type = d[at]!;
      let length = 1;
      if (type >= 32) {
        if (at + 1 >= end) {
          list.push({ offset: at, type, length: 0, problem: "read" });
          break;
        }
        length = d[at + 1]!;
        if (length < 2) {
          list.push({ offset: at, type, length, problem: "short" });
          break;
        }
      }
      const problem = left < length ? "long" : at + length > end ? "cut" : undefined;
      list.push({ offset: at, type, length, problem });
      if (problem !== undefined || left <= length) break;
      left -= length;
      at += length;
    }
    return list;
  }

  /** Decodes the generic header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    context: DecodeContext,
  ): DecodeError | undefined {
    // tcpdump needs the 12 bytes of the short header before it looks at X; the printer
    // tells an extended header cut after them.
    const error = beginLayer(this, data, offset, end, 12);
    if (error !== undefined) return error;
    this.sourcePort = readUint16(data, offset);
    this.destinationPort = readUint16(data, offset + 2);
    this.dataOffset = data[offset + 4]!;
    this.ccval = data[offset + 5]! >> 4;
    this.checksumCoverage = data[offset + 5]! & 0x0f;
    this.checksum = readUint16(data, offset + 6);
    this.extended = (data[offset + 8]! & 1) !== 0;
    this.type = (data[offset + 8]! >> 1) & 0x0f;
    this.headerLength = Math.min(end - offset, this.genericLength);
    this.#network = context.network;
    context.transport = undefined;
    return undefined;
  }

  /** Picks the decoder of the payload: none. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return {
      sourcePort: this.sourcePort,
      destinationPort: this.destinationPort,
      dataOffset: this.dataOffset,
      ccval: this.ccval,
      checksumCoverage: this.checksumCoverage,
      checksum: this.checksum,
      extended: this.extended,
      type: this.type,
      sequence: this.sequence,
      acknowledgment: this.acknowledgment,
      serviceCode: this.serviceCode,
      resetCode: this.resetCode,
      options: this.options().map(({ offset: _offset, ...fields }) => fields),
    };
  }
}

/**
 * Creates {@linkcode Dccp} layers; the registry entry for IP protocol 33.
 *
 * @example Create a DCCP layer
 * ```ts
 * import { dccpDecoder } from "./dccp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(dccpDecoder.create().kind, "dccp");
 * ```
 */
export const dccpDecoder: ProtocolDescriptor<Dccp> = defineProtocol({
  kind: "dccp",
  name: "DCCP",
  tcpdumpName: "dccp",
  create: () => new Dccp(),
  bindings: { ipProtocols: [DCCP_IP_PROTOCOL] },
});

/**
 * Decodes a DCCP generic header.
 *
 * @param data The bytes.
 * @param offset Where the header starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When fewer than 12 bytes are left.
 *
 * @example Reject a cut-off header
 * ```ts
 * import { decodeDccp } from "./dccp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeDccp(new Uint8Array(8)), {
 *   message: "Cannot decode DCCP header: 12 bytes required, received 8",
 * });
 * ```
 */
export function decodeDccp(data: Uint8Array, offset = 0): Dccp {
  return decodeOne(new Dccp(), data, offset);
}
