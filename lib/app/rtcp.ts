/**
 * RTCP, RTP's control protocol (RFC 3550 section 6): a UDP datagram holds packets one after
 * the other, each a 4-byte header (version, padding, count, type, length in words less one)
 * and the sender's SSRC, then for a sender report (200) its 20-byte sender information and
 * for a sender or receiver report (201) `count` 24-byte report blocks. RTCP has no port of
 * its own: tcpdump prints it only when told to (`-T rtcp`), so the decoder has no bindings.
 * As tcpdump's udp_print() does, the packets are read up to the IP packet's captured end.
 *
 * @module
 */

import type { DecodeError } from "../errors.ts";
import { readUint16, readUint32 } from "../_bytes.ts";
import { decodeOne } from "../_decode_one.ts";
import { beginMessageToSnapEnd } from "./_wire_length.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";

/** The packet types tcpdump names. */
export const RtcpType = {
  SR: 200,
  RR: 201,
  SDES: 202,
  BYE: 203,
} as const;

/** The length of an RTCP header with its SSRC. */
export const RTCP_HEADER_LENGTH = 8;
/** The length of a sender report's sender information. */
export const RTCP_SENDER_INFO_LENGTH = 20;
/** The length of a report block. */
export const RTCP_REPORT_LENGTH = 24;

/** One report block of a sender or receiver report. */
export interface RtcpReport {
  /** The SSRC of the source reported on. */
  readonly source: number;
  /** The cumulative number of packets lost (24 bits). */
  readonly lost: number;
  /** The extended highest sequence number received. */
  readonly lastSequence: number;
  /** The interarrival jitter. */
  readonly jitter: number;
  /** The last sender report's timestamp (the middle 32 bits of its NTP time). */
  readonly lastReport: number;
  /** The delay since the last sender report, in 1/65536 seconds. */
  readonly delay: number;
}

/** A sender report's sender information. */
export interface RtcpSenderInfo {
  /** The NTP timestamp's seconds. */
  readonly ntpSeconds: number;
  /** The NTP timestamp's fraction of a second, in 1/2^32. */
  readonly ntpFraction: number;
  /** The RTP timestamp. */
  readonly rtpTimestamp: number;
  /** The sender's packet count. */
  readonly packets: number;
  /** The sender's octet count. */
  readonly octets: number;
}

/**
 * One RTCP packet of a datagram, read where it starts; a part the capture cut reads as
 * `undefined`.
 *
 * @example Read a BYE
 * ```ts
 * import { RtcpPacket } from "./rtcp.ts";
 * import assert from "node:assert/strict";
 *
 * const bye = new RtcpPacket(new Uint8Array([0x81, 203, 0, 1, 0, 0, 0, 4]), 0, 8);
 * assert.equal(bye.captured, true);
 * assert.equal(bye.type, 203);
 * assert.equal(bye.next, 8);
 * ```
 */
export class RtcpPacket {
  readonly #data: Uint8Array;
  readonly #snapEnd: number;
  /** Where the packet starts in the layer's bytes. */
  readonly at: number;

  /**
   * Reads the RTCP packet at `at`.
   *
   * @param data The packet bytes.
   * @param at Where the RTCP packet starts.
   * @param snapEnd Where the captured bytes end.
   */
  constructor(data: Uint8Array, at: number, snapEnd: number) {
    this.#data = data;
    this.at = at;
    this.#snapEnd = snapEnd;
  }

  /** Whether the 8-byte header (with the SSRC) was captured: the other getters need it. */
  get captured(): boolean {
    return this.at + RTCP_HEADER_LENGTH <= this.#snapEnd;
  }

  /** The first 16 bits: version, padding, count and type. */
  get flags(): number {
    return readUint16(this.#data, this.at);
  }

  /** The packet type (200: sender report, 201: receiver report, 202: SDES, 203: BYE...). */
  get type(): number {
    return this.flags & 0xff;
  }

  /** The 5-bit count (report blocks, sources or chunks). */
  get count(): number {
    return (this.flags >>> 8) & 0x1f;
  }

  /** The packet's length in bytes, by its length field. */
  get length(): number {
    return (readUint16(this.#data, this.at + 2) + 1) * 4;
  }

  /** The SSRC of the sender (or of the first source). */
  get ssrc(): number {
    return readUint32(this.#data, this.at + 4);
  }

  /** Where the next packet starts, by this one's length field. */
  get next(): number {
    return this.at + this.length;
  }

  /** A sender report's sender information, or `undefined` when not captured. */
  senderInfo(): RtcpSenderInfo | undefined {
    const at = this.at + RTCP_HEADER_LENGTH;
    if (at + RTCP_SENDER_INFO_LENGTH > this.#snapEnd) return undefined;
    const data = this.#data;
    return {
      ntpSeconds: readUint32(data, at),
      ntpFraction: readUint32(data, at + 4),
      rtpTimestamp: readUint32(data, at + 8),
      packets: readUint32(data, at + 12),
      octets: readUint32(data, at + 16),
    };
  }

  /**
   * Report block `index` (after the sender information of a sender report), or `undefined`
   * when not captured.
   *
   * @param index The block's index.
   * @returns The block.
   */
  report(index: number): RtcpReport | undefined {
    const first = this.at + RTCP_HEADER_LENGTH +
      (this.type === RtcpType.SR ? RTCP_SENDER_INFO_LENGTH : 0);
    const at = first + RTCP_REPORT_LENGTH * index;
    if (at + RTCP_REPORT_LENGTH > this.#snapEnd) return undefined;
    const data = this.#data;
    return {
      source: readUint32(data, at),
      lost: readUint32(data, at + 4) & 0xffffff,
      lastSequence: readUint32(data, at + 8),
      jitter: readUint32(data, at + 12),
      lastReport: readUint32(data, at + 16),
      delay: readUint32(data, at + 20),
    };
  }
}

/**
 * The RTCP packets of a UDP datagram.
 *
 * @example Decode a receiver report
 * ```ts
 * import { decodeRtcp } from "./rtcp.ts";
 * import assert from "node:assert/strict";
 *
 * const rtcp = decodeRtcp(new Uint8Array([0x80, 201, 0, 1, 0, 0, 0, 9]));
 * const [packet] = rtcp.packets();
 * assert.equal(packet!.type, 201);
 * assert.equal(packet!.ssrc, 9);
 * assert.equal(packet!.length, 8);
 * ```
 */
export class Rtcp extends LayerBase {
  /** The discriminant. */
  readonly kind = "rtcp" as const;
  /** The datagram's length on the wire (the UDP payload's). */
  wireLength = 0;
  /** Where the captured bytes end (tcpdump's snapend: the IP packet's). */
  snapEnd = 0;

  /**
   * The packets, each where the one before ends by its length field, up to the captured
   * end (the last one may be cut: see {@linkcode RtcpPacket.captured}).
   *
   * @returns The packets.
   */
  *packets(): Generator<RtcpPacket> {
    for (let at = this.offset; at < this.snapEnd;) {
      const packet = new RtcpPacket(this.data, at, this.snapEnd);
      yield packet;
      if (!packet.captured) return;
      at = packet.next;
    }
  }

  /** Decodes the datagram at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    context: DecodeContext,
  ): DecodeError | undefined {
    // rtcp_print() reads past the UDP length, to the IP packet's captured end.
    const error = beginMessageToSnapEnd(this, data, offset, end, context);
    if (error !== undefined) return error;
    this.headerLength = Math.min(RTCP_HEADER_LENGTH, Math.max(0, end - offset));
    return undefined;
  }

  /** RTCP carries no further layer. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /** Returns the packets' headers as plain objects. */
  toJSON(): Record<string, unknown> {
    const packets = [];
    for (const packet of this.packets()) {
      if (!packet.captured) break;
      packets.push({ type: packet.type, count: packet.count, length: packet.length });
    }
    return { packets };
  }
}

/**
 * Creates {@linkcode Rtcp} layers. RTCP has no port: it is decoded only as tcpdump's
 * `-T rtcp` says.
 *
 * @example Create an RTCP layer
 * ```ts
 * import { rtcpDecoder } from "./rtcp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(rtcpDecoder.create().kind, "rtcp");
 * ```
 */
export const rtcpDecoder: ProtocolDescriptor<Rtcp> = defineProtocol({
  kind: "rtcp",
  name: "RTCP",
  tcpdumpName: "rtcp",
  create: () => new Rtcp(),
  bindings: {},
});

/**
 * Decodes the RTCP packets of a datagram.
 *
 * @param data The bytes.
 * @param offset Where the first packet starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When no byte remains.
 *
 * @example Decode a BYE
 * ```ts
 * import { decodeRtcp } from "./rtcp.ts";
 * import assert from "node:assert/strict";
 *
 * const [bye] = decodeRtcp(new Uint8Array([0x81, 203, 0, 1, 0, 0, 0, 1])).packets();
 * assert.equal(bye!.type, 203);
 * ```
 */
export function decodeRtcp(data: Uint8Array, offset = 0): Rtcp {
  return decodeOne(new Rtcp(), data, offset);
}
