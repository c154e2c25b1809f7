/**
 * IGMP, the Internet Group Management Protocol: version 1 (RFC 1112), 2 (RFC 2236) and 3
 * (RFC 3376) queries and reports, the multicast traceroute queries and responses of
 * mrouted's mtrace (draft-ietf-idmr-traceroute-ipm), DVMRP (RFC 1075 and mrouted's
 * messages, such as mrinfo's), and the PIM version 1 messages that IGMP type 0x14 carries.
 *
 * @module
 */

import { formatIpv4 } from "../address.ts";
import { readUint16, readUint32 } from "../_bytes.ts";
import { expectedChecksum, foldChecksum, sumWords } from "../checksum.ts";
import { DecodeError } from "../errors.ts";
import { decodeOne } from "../_decode_one.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";
import { IpProtocol } from "../ip_protocol.ts";
import { Ipv4 } from "./ipv4.ts";
import { type DvmrpMessage, readDvmrp } from "./_igmp_dvmrp.ts";
import { type Pimv1Message, readPimv1 } from "./_igmp_pimv1.ts";

export type {
  DvmrpMessage,
  DvmrpNeighbor,
  DvmrpReportEntry,
  DvmrpStop,
  DvmrpWalk,
} from "./_igmp_dvmrp.ts";
export { DvmrpType } from "./_igmp_dvmrp.ts";
export type { Pimv1Cut, Pimv1Group, Pimv1Message, Pimv1Source } from "./_igmp_pimv1.ts";
export { Pimv1Type } from "./_igmp_pimv1.ts";

/**
 * IGMP message types that wirekit names.
 *
 * @example Compare a message type
 * ```ts
 * import { IgmpType } from "./igmp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(IgmpType.V3_REPORT, 0x22);
 * ```
 */
export const IgmpType = {
  /** Membership query, of every version (told apart by length and code). */
  MEMBERSHIP_QUERY: 0x11,
  /** Version 1 membership report. */
  V1_REPORT: 0x12,
  /** Version 2 membership report. */
  V2_REPORT: 0x16,
  /** Version 2 leave group. */
  LEAVE_GROUP: 0x17,
  /** Version 3 membership report. */
  V3_REPORT: 0x22,
  /** Multicast traceroute response (mtrace's reply, its query then one block per hop). */
  MTRACE_RESPONSE: 0x1e,
  /** Multicast traceroute query or request (mtrace). */
  MTRACE: 0x1f,
  /** DVMRP, the code byte giving its type (see {@linkcode Igmp.dvmrp}). */
  DVMRP: 0x13,
  /** A PIM version 1 message, its PIM type in the code byte (see {@linkcode Pimv1Type}). */
  PIMV1: 0x14,
} as const;

/** The length of a multicast traceroute query after the 8-byte IGMP header. */
export const MTRACE_QUERY_LENGTH = 16;

/** An IGMP message type that wirekit names. */
export type IgmpType = typeof IgmpType[keyof typeof IgmpType];

/** One group record of a version 3 report, as {@linkcode Igmp.records} returns it. */
export interface IgmpGroupRecord {
  /** The record type: 1 `is_in`, 2 `is_ex`, 3 `to_in`, 4 `to_ex`, 5 `allow`, 6 `block`. */
  readonly type: number;
  /** The auxiliary data length field, in 32-bit words. */
  readonly auxDataLength: number;
  /** The number of sources field. */
  readonly sourceCount: number;
  /** The multicast group address, such as `239.255.255.250`. */
  readonly group: string;
  /** The source addresses that the capture holds (fewer than `sourceCount` when cut short). */
  readonly sources: readonly string[];
  /** Offset of the record in the layer's `data`. */
  readonly offset: number;
  /** The record's length in bytes, sources and auxiliary data included. */
  readonly length: number;
  /** The capture (or the IP packet) ends inside the record. */
  readonly truncated: boolean;
}

/**
 * An IGMP message. The version is told apart as RFC 3376 section 7.1 says: a query of 8
 * bytes is version 1 when its code (max response time) is 0, else version 2; a query of 12
 * bytes or more is version 3.
 *
 * @example Decode a version 2 membership report
 * ```ts
 * import { decodeIgmp } from "./igmp.ts";
 * import assert from "node:assert/strict";
 *
 * const igmp = decodeIgmp(new Uint8Array([0x16, 0, 0xfa, 0x04, 239, 255, 255, 250]));
 * assert.equal(igmp.version, 2);
 * assert.equal(igmp.type, 0x16);
 * assert.equal(igmp.group, "239.255.255.250");
 * assert.equal(igmp.checksumValid, true);
 * ```
 */
export class Igmp extends LayerBase {
  /** The discriminant. */
  readonly kind = "igmp" as const;
  /** The message type (see {@linkcode IgmpType}). */
  type = 0;
  /** The second byte: the max response code of queries (version 2 and 3), else unused. */
  maxResponseCode = 0;
  /** The checksum field. */
  checksum = 0;
  /** The group address as an unsigned 32-bit number (0 in a general query and v3 report). */
  groupAddress = 0;
  /** The version, 1 to 3, told by the type, length and code; 0 for other types. */
  version = 0;
  /**
   * The message length by the IP header (the IP payload), which can exceed the captured
   * bytes; without an IPv4 header below, the bytes available.
   */
  length = 0;
  /** Version 3 query: the S flag (suppress router-side processing). */
  suppressRouterProcessing = false;
  /** Version 3 query: the querier's robustness variable (QRV). */
  robustness = 0;
  /** Version 3 query: the querier's query interval code (QQIC). */
  queryIntervalCode = 0;
  /** Version 3 query: the number of sources field. */
  sourceCount = 0;
  /** Version 3 report: the number of group records field. */
  recordCount = 0;
  /**
   * Multicast traceroute: the 16-byte query after the header was captured (its fields
   * below read 0 or `""` when not).
   */
  traceQueryCaptured = false;
  /** Multicast traceroute: the query ID (24 bits). */
  traceQueryId = 0;
  /** Multicast traceroute: the TTL the response is sent with (to a multicast address). */
  traceResponseTtl = 0;
  /** Multicast traceroute: the response address as an unsigned 32-bit number. */
  traceResponseAddressValue = 0;
  #whole = false;

  /** The group address, such as `239.255.255.250` (`0.0.0.0` in a general query). */
  get group(): string {
    return formatIpv4(this.data, this.offset + 4);
  }

  /** Multicast traceroute: the traced source's address, or `""` when not captured. */
  get traceSource(): string {
    return this.#traceAddress(0);
  }

  /** Multicast traceroute: the traced destination's address, or `""` when not captured. */
  get traceDestination(): string {
    return this.#traceAddress(4);
  }

  /** Multicast traceroute: where the response goes, or `""` when not captured. */
  get traceResponseAddress(): string {
    return this.#traceAddress(8);
  }

  /**
   * DVMRP (type 0x13): the message's fields and walks, read on each call; `undefined` for
   * other types.
   */
  get dvmrp(): DvmrpMessage | undefined {
    if (this.type !== IgmpType.DVMRP) return undefined;
    return readDvmrp(this.data, this.offset, this.length, this.end);
  }

  /** The address `at` bytes into the traceroute query, or `""` when it was not captured. */
  #traceAddress(at: number): string {
    return this.traceQueryCaptured ? formatIpv4(this.data, this.offset + 8 + at) : "";
  }

  /**
   * The max response time in tenths of a second: the code as is for version 2, decoded as
   * a floating-point value (RFC 3376 section 4.1.1) for a version 3 query.
   */
  get maxResponseTime(): number {
    const code = this.maxResponseCode;
    if (this.version !== 3 || code < 128) return code;
    return ((code & 0x0f) | 0x10) << (((code >> 4) & 7) + 3);
  }

  /** Version 3 query: the query interval in seconds, the QQIC decoded as RFC 3376 says. */
  get queryInterval(): number {
    const code = this.queryIntervalCode;
    if (code < 128) return code;
    return ((code & 0x0f) | 0x10) << (((code >> 4) & 7) + 3);
  }

  /** Version 3 query: the source addresses that the capture holds. */
  get sources(): string[] {
    const out: string[] = [];
    if (this.type !== IgmpType.MEMBERSHIP_QUERY || this.version !== 3) return out;
    for (let i = 0, at = this.offset + 12; i < this.sourceCount && at + 4 <= this.end; i++) {
      out.push(formatIpv4(this.data, at));
      at += 4;
    }
    return out;
  }

  /**
   * Version 3 report: the group records, in order, up to the first that the bytes cut
   * short (then marked `truncated`, and the last). Built on each call.
   */
  get records(): IgmpGroupRecord[] {
    const out: IgmpGroupRecord[] = [];
    if (this.type !== IgmpType.V3_REPORT) return out;
    let at = 8;
    for (let i = 0; i < this.recordCount; i++) {
      const record = this.recordAt(at);
      if (record === undefined) break;
      out.push(record);
      if (record.truncated) break;
      at += record.length;
    }
    return out;
  }

  /**
   * Version 3 report: the group record that starts `at` bytes into the message, read as far
   * as the bytes go (`truncated` when they end inside it), or `undefined` when they end
   * before it. {@linkcode Igmp.records} steps over each record's sources and auxiliary
   * data; tcpdump steps over the sources alone, so its printer asks by offset.
   *
   * @param at The record's offset from the IGMP header.
   * @param withSources Whether to format the source addresses (`false`: `sources` is empty,
   * for a reader that needs only their count).
   * @returns The record, or `undefined`.
   */
  recordAt(at: number, withSources = true): IgmpGroupRecord | undefined {
    const d = this.data;
    const end = this.end;
    const offset = this.offset + at;
    if (offset >= end) return undefined;
    if (offset + 8 > end) {
      return {
        type: d[offset]!,
        auxDataLength: offset + 1 < end ? d[offset + 1]! : 0,
        sourceCount: offset + 3 < end ? (d[offset + 2]! << 8) | d[offset + 3]! : 0,
        group: "",
        sources: [],
        offset,
        length: end - offset,
        truncated: true,
      };
    }
    const sourceCount = (d[offset + 2]! << 8) | d[offset + 3]!;
    const length = 8 + 4 * sourceCount + 4 * d[offset + 1]!;
    const sources: string[] = [];
    for (let s = 0; withSources && s < sourceCount && offset + 12 + 4 * s <= end; s++) {
      sources.push(formatIpv4(d, offset + 8 + 4 * s));
    }
    return {
      type: d[offset]!,
      auxDataLength: d[offset + 1]!,
      sourceCount,
      group: formatIpv4(d, offset + 4),
      sources,
      offset,
      length,
      truncated: offset + length > end,
    };
  }

  /**
   * Type {@linkcode IgmpType.PIMV1}: the PIM version 1 message, its fields read as far as
   * the message (by the IP length) and the captured bytes go, in the order tcpdump's
   * pimv1_print() reads them; `undefined` for other types. Built on each call.
   */
  pimv1(): Pimv1Message | undefined {
    if (this.type !== IgmpType.PIMV1) return undefined;
    return readPimv1(this.data, this.offset, this.length, this.end);
  }

  /**
   * The checksum the sender should have put, computed over the whole message; `undefined`
   * when the capture does not hold it all or it is an IP fragment.
   */
  get expectedChecksum(): number | undefined {
    if (!this.#whole) return undefined;
    const computed = foldChecksum(sumWords(this.data, this.offset, this.end, 0));
    return expectedChecksum(this.checksum, computed);
  }

  /** Whether the checksum is correct; `undefined` when it cannot be told. */
  get checksumValid(): boolean | undefined {
    if (!this.#whole) return undefined;
    return foldChecksum(sumWords(this.data, this.offset, this.end, 0)) === 0;
  }

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    context: DecodeContext,
  ): DecodeError | undefined {
    const available = end - offset;
    // A message cut short is kept from its type on: tcpdump prints what its bytes hold.
    if (available < 1) return DecodeError.truncated(this.kind, offset, 8, available);
    const network = context.network;
    let length = available;
    let whole = true;
    if (network instanceof Ipv4) {
      if (network.totalLength !== 0) length = network.offset + network.totalLength - offset;
      whole = !network.isFragment && length <= available;
    }
    const type = data[offset]!;
    const code = available >= 2 ? data[offset + 1]! : 0;
    this.data = data;
    this.offset = offset;
    this.end = end;
    this.length = length;
    this.#whole = whole;
    this.type = type;
    this.maxResponseCode = code;
    this.checksum = available >= 4 ? readUint16(data, offset + 2) : 0;
    this.groupAddress = available >= 8 ? readUint32(data, offset + 4) : 0;
    this.suppressRouterProcessing = false;
    this.robustness = 0;
    this.queryIntervalCode = 0;
    this.sourceCount = 0;
    this.recordCount = 0;
    this.traceQueryCaptured = false;
    this.traceQueryId = 0;
    this.traceResponseTtl = 0;
    this.traceResponseAddressValue = 0;
    let headerLength = 8;
    switch (type) {
      case IgmpType.MEMBERSHIP_QUERY:
        if (length >= 12) {
          this.version = 3;
          if (available >= 12) {
            headerLength = 12;
            this.suppressRouterProcessing = (data[offset + 8]! & 0x08) !== 0;
            this.robustness = data[offset + 8]! & 0x07;
            this.queryIntervalCode = data[offset + 9]!;
            this.sourceCount = (data[offset + 10]! << 8) | data[offset + 11]!;
          }
        } else this.version = code === 0 ? 1 : 2;
        break;
      case IgmpType.V1_REPORT:
        this.version = 1;
        break;
      case IgmpType.V2_REPORT:
      case IgmpType.LEAVE_GROUP:
        this.version = 2;
        break;
      case IgmpType.V3_REPORT:
        this.version = 3;
        if (available >= 8) this.recordCount = readUint16(data, offset + 6);
        break;
      case IgmpType.MTRACE_RESPONSE:
      case IgmpType.MTRACE:
        this.version = 0;
        if (available >= 8 + MTRACE_QUERY_LENGTH) {
          this.traceQueryCaptured = true;
          const at = offset + 8;
          this.traceResponseAddressValue = ((data[at + 8]! << 24) | (data[at + 9]! << 16) |
            (data[at + 10]! << 8) | data[at + 11]!) >>> 0;
          this.traceResponseTtl = data[at + 12]!;
          this.traceQueryId = (data[at + 13]! << 16) | (data[at + 14]! << 8) | data[at + 15]!;
        }
        break;
      default:
        this.version = 0;
    }
    this.headerLength = Math.min(headerLength, available);
    return available < 8 ? DecodeError.truncated(this.kind, offset, 8, available, true) : undefined;
  }

  /** Picks the decoder of the payload from the context's tables. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    const json: Record<string, unknown> = {
      version: this.version,
      type: this.type,
      maxResponseCode: this.maxResponseCode,
      checksum: this.checksum,
    };
    if (this.headerLength >= 8) json.group = this.group;
    const pimv1 = this.pimv1();
    if (pimv1 !== undefined) {
      json.pimv1 = {
        ...pimv1,
        groups: pimv1.groups.map((group) => ({ ...group, sources: [...group.sources] })),
      };
    }
    if (this.type === IgmpType.MEMBERSHIP_QUERY && this.version === 3) {
      json.suppressRouterProcessing = this.suppressRouterProcessing;
      json.robustness = this.robustness;
      json.queryIntervalCode = this.queryIntervalCode;
      json.sourceCount = this.sourceCount;
      json.sources = this.sources;
    }
    if (this.type === IgmpType.V3_REPORT) {
      json.recordCount = this.recordCount;
      json.records = this.records.map((record) => ({ ...record, sources: [...record.sources] }));
    }
    const dvmrp = this.dvmrp;
    if (dvmrp !== undefined) json.dvmrp = dvmrp;
    if (this.traceQueryCaptured) {
      json.traceQueryId = this.traceQueryId;
      json.traceSource = this.traceSource;
      json.traceDestination = this.traceDestination;
      json.traceResponseAddress = this.traceResponseAddress;
      json.traceResponseTtl = this.traceResponseTtl;
    }
    return json;
  }
}

/** Creates {@linkcode Igmp} layers; the registry entry for IP protocol 2. */
export const igmpDecoder: ProtocolDescriptor<Igmp> = defineProtocol({
  kind: "igmp",
  name: "IGMP",
  tcpdumpName: "igmp",
  tcpdumpCut: "read",
  create: () => new Igmp(),
  bindings: { ipProtocols: [IpProtocol.IGMP] },
});

/**
 * Decodes an IGMP message.
 *
 * @param data The bytes.
 * @param offset Where the message starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When fewer than 8 bytes are there.
 *
 * @example Decode a version 3 report
 * ```ts
 * import { decodeIgmp } from "./igmp.ts";
 * import assert from "node:assert/strict";
 *
 * const igmp = decodeIgmp(new Uint8Array([
 *   0x22, 0, 0xea, 0x03, 0, 0, 0, 1,
 *   4, 0, 0, 0, 239, 255, 255, 250,
 * ]));
 * assert.equal(igmp.version, 3);
 * assert.deepEqual(igmp.records.map((record) => [record.type, record.group]), [
 *   [4, "239.255.255.250"],
 * ]);
 * ```
 */
export function decodeIgmp(data: Uint8Array, offset = 0): Igmp {
  return decodeOne(new Igmp(), data, offset);
}
