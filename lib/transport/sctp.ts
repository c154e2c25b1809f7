/**
 * Stream Control Transmission Protocol (RFC 9260), IP protocol 132: the common header
 * and its chunks, with the fields of DATA, INIT, INIT ACK and SACK chunks.
 *
 * @module
 */

import { readUint32 } from "../_bytes.ts";
import { decodeOne } from "../_decode_one.ts";
import type { DecodeError } from "../errors.ts";
import { beginLayer } from "../_begin_layer.ts";
import { IpProtocol } from "../ip_protocol.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";

/** SCTP chunk types (RFC 9260 section 3.2, RFC 3758, and tcpdump's reliable control). */
export const SctpChunkType = {
  DATA: 0,
  INIT: 1,
  INIT_ACK: 2,
  SACK: 3,
  HEARTBEAT: 4,
  HEARTBEAT_ACK: 5,
  ABORT: 6,
  SHUTDOWN: 7,
  SHUTDOWN_ACK: 8,
  ERROR: 9,
  COOKIE_ECHO: 10,
  COOKIE_ACK: 11,
  ECNE: 12,
  CWR: 13,
  SHUTDOWN_COMPLETE: 14,
  FORWARD_TSN: 0xc0,
} as const;

/** The flags of a DATA chunk. */
export const SctpDataFlag = {
  /** E: the last fragment of a user message. */
  END: 0x01,
  /** B: the first fragment of a user message. */
  BEGINNING: 0x02,
  /** U: unordered. */
  UNORDERED: 0x04,
} as const;

/**
 * Why a chunk walk stopped at a chunk:
 * - `"cut"`: fewer than 4 bytes of the packet are left for a chunk header;
 * - `"short"`: the chunk length is below 4;
 * - `"long"`: the packet has fewer bytes left than the chunk's padding;
 * - `"truncated"`: the captured bytes end inside the chunk (or its padding);
 * - `"bogus"`: the chunk is too short for its fixed fields (the fields read are set).
 */
export type SctpChunkProblem = "cut" | "short" | "long" | "truncated" | "bogus";

/** The fields of a DATA chunk. */
export interface SctpData {
  /** The transmission sequence number. */
  readonly tsn: number;
  /** The stream identifier. */
  readonly streamId: number;
  /** The stream sequence number. */
  readonly streamSequence: number;
  /** The payload protocol identifier. */
  readonly ppid: number;
  /** Offset of the user data in `data`. */
  readonly payloadOffset: number;
  /** The user data length (the chunk length less 16). */
  readonly payloadLength: number;
}

/** The fixed fields of an INIT or INIT ACK chunk. */
export interface SctpInit {
  /** The initiate tag. */
  readonly initiateTag: number;
  /** The advertised receiver window credit. */
  readonly window: number;
  /** The number of outbound streams. */
  readonly outboundStreams: number;
  /** The number of inbound streams. */
  readonly inboundStreams: number;
  /** The initial TSN. */
  readonly initialTsn: number;
}

/** The fields of a SACK chunk. */
export interface SctpSack {
  /** The cumulative TSN ack. */
  readonly cumulativeTsnAck: number;
  /** The advertised receiver window credit. */
  readonly window: number;
  /** The number of gap ack blocks announced. */
  readonly gapCount: number;
  /** The number of duplicate TSNs announced. */
  readonly duplicateCount: number;
  /** The gap ack blocks read: start and end offsets from the cumulative TSN ack. */
  readonly gaps: readonly (readonly [number, number])[];
  /** The duplicate TSNs read. */
  readonly duplicates: readonly number[];
}

/** One chunk of an SCTP packet, as far as its bytes allow. */
export interface SctpChunk {
  /** Offset of the chunk header in `data`. */
  readonly offset: number;
  /** The chunk type ({@linkcode SctpChunkType}); -1 when the header was not there. */
  readonly type: number;
  /** The chunk flags. */
  readonly flags: number;
  /** The chunk length field (header and value, without padding). */
  readonly length: number;
  /** Why the walk stopped here; `undefined` for a chunk read whole. */
  readonly problem: SctpChunkProblem | undefined;
  /** The DATA fields (when the chunk is long enough for them). */
  readonly data?: SctpData;
  /** The INIT or INIT ACK fields (when the chunk is long enough for them). */
  readonly init?: SctpInit;
  /** The SACK fields (when the chunk is long enough for them). */
  readonly sack?: SctpSack;
}

/**
 * An SCTP common header (12 bytes); its payload is the chunks, read by
 * {@linkcode Sctp.chunks}.
 *
 * @example Decode an SCTP packet with a COOKIE ACK chunk
 * ```ts
 * import { decodeSctp } from "./sctp.ts";
 * import assert from "node:assert/strict";
 *
 * const sctp = decodeSctp(new Uint8Array([
 *   0x0b, 0x59, 0x0b, 0x59, 0, 0, 0, 1, 0, 0, 0, 0, 11, 0, 0, 4,
 * ]));
 * assert.equal(sctp.sourcePort, 2905);
 * assert.equal(sctp.verificationTag, 1);
 * assert.equal(sctp.chunks().length, 1);
 * assert.equal(sctp.chunks()[0]!.type, 11);
 * ```
 */
export class Sctp extends LayerBase {
  /** The discriminant. */
  readonly kind = "sctp" as const;
  /** The source port. */
  sourcePort = 0;
  /** The destination port. */
  destinationPort = 0;
  /** The verification tag. */
  verificationTag = 0;
  /** The CRC32c checksum field. */
  checksum = 0;

  /**
   * Walks the chunks as tcpdump's sctp_print() does: up to `length` bytes of packet
   * (by default the bytes to `end`), stopping at the first chunk with a problem (see
   * {@linkcode SctpChunkProblem}), which is the last in the list.
   *
   * @param length The packet length (the IP payload length), from the header's start.
   * @returns The chunks.
   */
  chunks(length: number = this.end - this.offset): SctpChunk[] {
    const d = this.data;
    const end = this.end;
    const list: SctpChunk[] = [];
    let at = this.offset + 12;
    let remaining = length - 12;
    while (remaining > 0) {
      if (remaining < 4) {
        list.push({ offset: at, type: -1, flags: 0, length: 0, problem: "cut" });
        break;
      }
      if (at + 4 > end) {
        list.push({ offset: at, type: -1, flags: 0, length: 0, problem: "truncated" });
        break;
      }
      const type = d[at]!;
      const flags = d[at + 1]!;
      const chunkLength = (d[at + 2]! << 8) | d[at + 3]!;
      const base = { offset: at, type, flags, length: chunkLength };
      if (chunkLength < 4) {
        list.push({ ...base, problem: "short" });
        break;
      }
      const align = (4 - (chunkLength % 4)) % 4;
      if (remaining < align) {
        list.push({ ...base, problem: "long" });
        break;
      }
      if (at + chunkLength > end) {
        list.push({ ...base, problem: "truncated" });
        break;
      }
      const chunk = readChunk(d, at, type, chunkLength, base);
      list.push(chunk);
      if (chunk.problem !== undefined) break;
      at += chunkLength;
      remaining -= chunkLength;
      if (remaining < 0) remaining = Infinity; // tcpdump's unsigned count wraps
      if (align !== 0) {
        if (at + align > end) {
          list.push({ offset: at, type: -1, flags: 0, length: 0, problem: "truncated" });
          break;
        }
        at += align;
        remaining -= align;
      }
    }
    return list;
  }

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    context: DecodeContext,
  ): DecodeError | undefined {
    const error = beginLayer(this, data, offset, end, 12);
    if (error !== undefined) return error;
    this.headerLength = 12;
    this.sourcePort = (data[offset]! << 8) | data[offset + 1]!;
    this.destinationPort = (data[offset + 2]! << 8) | data[offset + 3]!;
    this.verificationTag = readUint32(data, offset + 4);
    this.checksum = readUint32(data, offset + 8);
    context.transport = undefined;
    return undefined;
  }

  /** Picks the decoder of the payload from the context's tables. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return {
      sourcePort: this.sourcePort,
      destinationPort: this.destinationPort,
      verificationTag: this.verificationTag,
      checksum: this.checksum,
      chunks: this.chunks().map(({ offset: _offset, ...fields }) => fields),
    };
  }
}

function readChunk(
  d: Uint8Array,
  at: number,
  type: number,
  length: number,
  base: { offset: number; type: number; flags: number; length: number },
): SctpChunk {
  const value = at + 4;
  const valueLength = length - 4;
  switch (type) {
    case SctpChunkType.DATA: {
      if (valueLength < 12) return { ...base, problem: "bogus" };
      const data: SctpData = {
        tsn: readUint32(d, value),
        streamId: (d[value + 4]! << 8) | d[value + 5]!,
        streamSequence: (d[value + 6]! << 8) | d[value + 7]!,
        ppid: readUint32(d, value + 8),
        payloadOffset: value + 12,
        payloadLength: valueLength - 12,
      };
      return { ...base, problem: data.payloadLength === 0 ? "bogus" : undefined, data };
    }
    case SctpChunkType.INIT:
    case SctpChunkType.INIT_ACK: {
      if (valueLength < 16) return { ...base, problem: "bogus" };
      const init: SctpInit = {
        initiateTag: readUint32(d, value),
        window: readUint32(d, value + 4),
        outboundStreams: (d[value + 8]! << 8) | d[value + 9]!,
        inboundStreams: (d[value + 10]! << 8) | d[value + 11]!,
        initialTsn: readUint32(d, value + 12),
      };
      return { ...base, problem: undefined, init };
    }
    case SctpChunkType.SACK: {
      if (valueLength < 12) return { ...base, problem: "bogus" };
      const gapCount = (d[value + 8]! << 8) | d[value + 9]!;
      const duplicateCount = (d[value + 10]! << 8) | d[value + 11]!;
      const gaps: [number, number][] = [];
      const duplicates: number[] = [];
      let p = value + 12;
      let left = valueLength - 12;
      let problem: SctpChunkProblem | undefined = undefined;
      for (let i = 0; left !== 0 && i < gapCount; i++) {
        if (left < 4) {
          problem = "bogus";
          break;
        }
        gaps.push([(d[p]! << 8) | d[p + 1]!, (d[p + 2]! << 8) | d[p + 3]!]);
        p += 4;
        left -= 4;
      }
      for (let i = 0; problem === undefined && left !== 0 && i < duplicateCount; i++) {
        if (left < 4) {
          problem = "bogus";
          break;
        }
        duplicates.push(readUint32(d, p));
        p += 4;
        left -= 4;
      }
      const sack: SctpSack = {
        cumulativeTsnAck: readUint32(d, value),
        window: readUint32(d, value + 4),
        gapCount,
        duplicateCount,
        gaps,
        duplicates,
      };
      return { ...base, problem, sack };
    }
    default:
      return { ...base, problem: undefined };
  }
}

/**
 * Creates {@linkcode Sctp} layers; the registry entry for IP protocol 132.
 *
 * @example Create an SCTP layer
 * ```ts
 * import { sctpDecoder } from "./sctp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(sctpDecoder.create().kind, "sctp");
 * ```
 */
export const sctpDecoder: ProtocolDescriptor<Sctp> = defineProtocol({
  kind: "sctp",
  name: "SCTP",
  tcpdumpName: "sctp",
  create: () => new Sctp(),
  bindings: { ipProtocols: [IpProtocol.SCTP] },
});

/**
 * Decodes an SCTP common header.
 *
 * @param data The bytes.
 * @param offset Where the header starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When the header is cut short.
 *
 * @example Reject a cut-off header
 * ```ts
 * import { decodeSctp } from "./sctp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeSctp(new Uint8Array(8)), {
 *   message: "Cannot decode SCTP header: 12 bytes required, received 8",
 * });
 * ```
 */
export function decodeSctp(data: Uint8Array, offset = 0): Sctp {
  return decodeOne(new Sctp(), data, offset);
}
