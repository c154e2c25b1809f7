/**
 * The TLVs of a Babel packet's body or trailer, walked as tcpdump's babel_print_v2_tlvs()
 * walks them: the lengths each type needs, the address encodings (AE 0 to 3), the prefix
 * compression of Updates (per section), and the sub-TLVs in a TLV's extra data. Private.
 *
 * @module
 */

import { readUint16, readUint32 } from "../_bytes.ts";
import {
  formatAddress,
  formatId,
  formatPrefix,
  networkPrefix,
  V4_PREFIX,
} from "./_babel_prefix.ts";

/** Babel TLV types (RFC 8966, RFC 7298, RFC 8967, draft-boutier-babel-source-specific). */
export const BabelTlvType = {
  PAD1: 0,
  PADN: 1,
  ACK_REQUEST: 2,
  ACK: 3,
  HELLO: 4,
  IHU: 5,
  ROUTER_ID: 6,
  NEXT_HOP: 7,
  UPDATE: 8,
  ROUTE_REQUEST: 9,
  SEQNO_REQUEST: 10,
  TS_PC: 11,
  HMAC: 12,
  SS_UPDATE: 13,
  SS_REQUEST: 14,
  SS_MH_REQUEST: 15,
  MAC: 16,
  PC: 17,
  CHALLENGE_REQUEST: 18,
  CHALLENGE_REPLY: 19,
} as const;

/**
 * What is wrong with a TLV or sub-TLV: `"none"`; `"length"`, a sub-TLV's length byte is
 * missing or its body overruns its TLV, a challenge is longer than 192 bytes; `"short"`,
 * the body is shorter than its type needs; `"address"`, its address or prefix does not
 * fit its encoding.
 */
export type BabelProblem = "none" | "length" | "short" | "address";

/** One sub-TLV in the extra data of a TLV. */
export interface BabelSubTlv {
  /** The sub-TLV's type (bit 0x80: mandatory). */
  readonly type: number;
  /** Where it starts. */
  readonly offset: number;
  /** Its body's length (0 for Pad1, and when its length byte is missing). */
  readonly length: number;
  /** `"length"` or `"short"` (a timestamp) end the walk of the sub-TLVs with it. */
  readonly problem: BabelProblem;
  /** Diversity: the channels; timestamp: one (in a Hello) or two (in an IHU) values. */
  readonly values: readonly number[];
}

/** One TLV. The fields a type does not carry are 0 or empty. */
export interface BabelTlv {
  /** The TLV's type (see {@linkcode BabelTlvType}). */
  readonly type: number;
  /** Where it starts (its type byte). */
  readonly offset: number;
  /** Its body's length, after the type and length bytes (0 for Pad1). */
  readonly length: number;
  /** Whether its body holds what its type needs (tcpdump's `-v` reading). */
  readonly problem: BabelProblem;
  /** The address encoding (IHU, Next Hop, Update, requests). */
  readonly ae: number;
  /** Update's flags (0x80 prefix, 0x40 router ID); Hello's flags (0x8000 unicast). */
  readonly flags: number;
  /** Sequence number (Hello, Update, Seqno Request); nonce (Ack-Req, Ack). */
  readonly seqno: number;
  /** Interval in centiseconds (Ack-Req, Hello, IHU, Update). */
  readonly interval: number;
  /** Metric (Update), rxcost (IHU), hop count (Seqno Request), key ID (HMAC). */
  readonly metric: number;
  /** TS/PC's timestamp, PC's value. */
  readonly timestamp: number;
  /** TS/PC's packet counter. */
  readonly counter: number;
  /**
   * The address (IHU, Next Hop) or prefix (`addr/len`) as tcpdump formats it; `""` for
   * AE 0.
   */
  readonly prefix: string;
  /** The source prefix of source-specific TLVs. */
  readonly source: string;
  /** The router ID (Router-Id, Seqno Request), 8 bytes colon-separated. */
  readonly routerId: string;
  /** HMAC's digest (a view). */
  readonly digest: Uint8Array;
  /** The sub-TLVs of its extra data, up to the first with a problem. */
  readonly subTlvs: readonly BabelSubTlv[];
}

/**
 * How a walk ends: `"end"`, the section's TLVs all read; `"invalid"`, a TLV overruns the
 * section; `"truncated"`, the capture cut a TLV's length or body; `"cut-type"`, it cut
 * a TLV's type byte (tcpdump reads it without a check).
 */
export type BabelWalkEnd = "end" | "invalid" | "truncated" | "cut-type";

/** The TLVs of a section and how their walk ended. */
export interface BabelTlvs {
  /** The TLVs read. */
  readonly tlvs: readonly BabelTlv[];
  /** How the walk ended. */
  readonly stop: BabelWalkEnd;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Walks the TLVs of `length` bytes at `start`, the captured bytes ending at `end`.
 *
 * @param data The packet's bytes.
 * @param start The section's first byte.
 * @param length The section's length.
 * @param end Where the captured bytes end.
 * @returns The TLVs and how the walk ended.
 */
export function walkBabelTlvs(
  data: Uint8Array,
  start: number,
  length: number,
  end: number,
): BabelTlvs {
  const tlvs: BabelTlv[] = [];
  // Update's prefix compression state, IPv4 and IPv6.
  const v4 = new Uint8Array(16);
  v4.set(V4_PREFIX);
  const v6 = new Uint8Array(16);
  let i = 0;
  while (i < length) {
    const at = start + i;
    if (at >= end) return { tlvs, stop: "cut-type" };
    const type = data[at]!;
    if (type === BabelTlvType.PAD1) {
      tlvs.push(tlv(type, at, 0));
      i += 1;
      continue;
    }
    if (i + 2 > length) return { tlvs, stop: "invalid" };
    if (at + 2 > end) return { tlvs, stop: "truncated" };
    const len = data[at + 1]!;
    if (i + 2 + len > length) return { tlvs, stop: "invalid" };
    if (at + 2 + len > end) return { tlvs, stop: "truncated" };
    const entry = tlv(type, at, len);
    readBody(data, entry, v4, v6);
    tlvs.push(entry);
    i += 2 + len;
  }
  return { tlvs, stop: "end" };
}

function tlv(type: number, offset: number, length: number): Mutable<BabelTlv> {
  return {
    type,
    offset,
    length,
    problem: "none",
    ae: 0,
    flags: 0,
    seqno: 0,
    interval: 0,
    metric: 0,
    timestamp: 0,
    counter: 0,
    prefix: "",
    source: "",
    routerId: "",
    digest: EMPTY,
    subTlvs: [],
  };
}

const EMPTY = new Uint8Array(0);

/** The least body length of each type that has one (tcpdump's checks). */
const LEAST: readonly number[] = [0, 0, 6, 2, 6, 6, 10, 2, 10, 2, 14, 6, 18, 10, 3, 14, 0, 4];

/** Reads the body of a TLV whose bytes were all captured. */
function readBody(data: Uint8Array, t: Mutable<BabelTlv>, v4: Uint8Array, v6: Uint8Array): void {
  const m = t.offset;
  const len = t.length;
  const type = t.type;
  if (type === BabelTlvType.CHALLENGE_REQUEST || type === BabelTlvType.CHALLENGE_REPLY) {
    if (len > 192) t.problem = "length";
    return;
  }
  if (len < (LEAST[type] ?? 0)) {
    t.problem = "short";
    return;
  }
  const scratch = new Uint8Array(16);
  switch (type) {
    case BabelTlvType.ACK_REQUEST:
      t.seqno = readUint16(data, m + 4);
      t.interval = readUint16(data, m + 6);
      break;
    case BabelTlvType.ACK:
      t.seqno = readUint16(data, m + 2);
      break;
    case BabelTlvType.HELLO:
      t.flags = readUint16(data, m + 2);
      t.seqno = readUint16(data, m + 4);
      t.interval = readUint16(data, m + 6);
      if (len > 6) t.subTlvs = readSubTlvs(data, m + 8, m + 2 + len, type);
      break;
    case BabelTlvType.IHU: {
      t.ae = data[m + 2]!;
      t.metric = readUint16(data, m + 4);
      t.interval = readUint16(data, m + 6);
      const rc = networkPrefix(t.ae, -1, 0, data, m + 8, len - 6, undefined, scratch);
      if (rc < 0) {
        t.problem = "address";
        break;
      }
      t.prefix = t.ae === 0 ? "" : formatAddress(scratch);
      if (rc < len - 6) t.subTlvs = readSubTlvs(data, m + 8 + rc, m + 2 + len, type);
      break;
    }
    case BabelTlvType.ROUTER_ID:
      t.routerId = formatId(data, m + 4);
      break;
    case BabelTlvType.NEXT_HOP:
      t.ae = data[m + 2]!;
      if (networkPrefix(t.ae, -1, 0, data, m + 4, len - 2, undefined, scratch) < 0) {
        t.problem = "address";
      } else if (t.ae !== 0) t.prefix = formatAddress(scratch);
      break;
    case BabelTlvType.UPDATE: {
      const ae = t.ae = data[m + 2]!;
      t.flags = data[m + 3]!;
      const plen = data[m + 4]!;
      const previous = ae === 1 ? v4 : v6;
      const rc = networkPrefix(ae, plen, data[m + 5]!, data, m + 12, len - 10, previous, scratch);
      if (rc < 0) {
        t.problem = "address";
        break;
      }
      t.interval = readUint16(data, m + 6);
      t.seqno = readUint16(data, m + 8);
      t.metric = readUint16(data, m + 10);
      if (ae !== 0) t.prefix = formatPrefix(scratch, ae, plen);
      if (t.flags & 0x80) previous.set(scratch);
      if (rc < len - 10) t.subTlvs = readSubTlvs(data, m + 12 + rc, m + 2 + len, type);
      break;
    }
    case BabelTlvType.ROUTE_REQUEST: {
      const ae = t.ae = data[m + 2]!;
      const plen = data[m + 3]!;
      if (networkPrefix(ae, plen, 0, data, m + 4, len - 2, undefined, scratch) < 0) {
        t.problem = "address";
      } else if (ae !== 0) t.prefix = formatPrefix(scratch, ae, plen);
      break;
    }
    case BabelTlvType.SEQNO_REQUEST: {
      const ae = t.ae = data[m + 2]!;
      const plen = data[m + 3]!;
      t.seqno = readUint16(data, m + 4);
      t.metric = data[m + 6]!;
      t.routerId = formatId(data, m + 8);
      if (networkPrefix(ae, plen, 0, data, m + 16, len - 14, undefined, scratch) < 0) {
        t.problem = "address";
      } else if (ae !== 0) t.prefix = formatPrefix(scratch, ae, plen);
      break;
    }
    case BabelTlvType.TS_PC:
      t.counter = readUint16(data, m + 2);
      t.timestamp = readUint32(data, m + 4);
      break;
    case BabelTlvType.HMAC:
      t.metric = readUint16(data, m + 2);
      t.digest = data.subarray(m + 4, m + 2 + len);
      break;
    case BabelTlvType.SS_UPDATE:
    case BabelTlvType.SS_REQUEST:
    case BabelTlvType.SS_MH_REQUEST:
      readSourceSpecific(data, t, v4, v6);
      break;
    case BabelTlvType.PC:
      t.timestamp = readUint32(data, m + 2);
      break;
  }
}

/** The fixed fields' bytes before the first prefix, and where plen, src plen lie. */
const SOURCE_SPECIFIC: ReadonlyMap<number, readonly [fixed: number, plen: number, src: number]> =
  new Map([[13, [10, 4, 3]], [14, [3, 3, 4]], [15, [14, 3, 7]]]);

/** A source-specific Update or request: a destination prefix, then a source prefix. */
function readSourceSpecific(
  data: Uint8Array,
  t: Mutable<BabelTlv>,
  v4: Uint8Array,
  v6: Uint8Array,
): void {
  const m = t.offset;
  const [fixed, plenAt, srcAt] = SOURCE_SPECIFIC.get(t.type)!;
  const ae = t.ae = data[m + 2]!;
  const update = t.type === BabelTlvType.SS_UPDATE;
  // Only an Update omits bytes, from the state of its address family (which it leaves).
  const previous = ae === 1 ? v4 : v6;
  const scratch = new Uint8Array(16);
  const plen = data[m + plenAt]!;
  const omitted = update ? data[m + 5]! : 0;
  let parsed = fixed;
  let rc = networkPrefix(
    ae,
    plen,
    omitted,
    data,
    m + 2 + parsed,
    t.length - parsed,
    previous,
    scratch,
  );
  if (rc < 0) {
    t.problem = "address";
    return;
  }
  t.prefix = formatPrefix(scratch, ae, plen);
  parsed += rc;
  const srcPlen = data[m + srcAt]!;
  rc = networkPrefix(ae, srcPlen, 0, data, m + 2 + parsed, t.length - parsed, undefined, scratch);
  if (rc < 0) {
    t.problem = "address";
    return;
  }
  t.source = formatPrefix(scratch, ae, srcPlen);
  parsed += rc;
  if (t.type === BabelTlvType.SS_MH_REQUEST) {
    t.seqno = readUint16(data, m + 4);
    t.metric = data[m + 6]!;
    t.routerId = formatId(data, m + 8);
  } else if (update) {
    t.interval = readUint16(data, m + 6);
    t.seqno = readUint16(data, m + 8);
    t.metric = readUint16(data, m + 10);
    if (parsed < t.length) t.subTlvs = readSubTlvs(data, m + 2 + parsed, m + 2 + t.length, t.type);
  }
}

/** The sub-TLVs between `at` and `end` (all captured), up to the first with a problem. */
function readSubTlvs(data: Uint8Array, at: number, end: number, parent: number): BabelSubTlv[] {
  const subs: BabelSubTlv[] = [];
  while (at < end) {
    const type = data[at]!;
    const offset = at++;
    if (type === 0) {
      subs.push({ type, offset, length: 0, problem: "none", values: [] });
      continue;
    }
    if (at === end || at + 1 + data[at]! > end) {
      subs.push({ type, offset, length: 0, problem: "length", values: [] });
      break;
    }
    const length = data[at++]!;
    const values: number[] = [];
    let problem: BabelProblem = "none";
    if (type === 2) {
      for (let k = 0; k < length; k++) values.push(data[at + k]!);
    } else if (type === 3) {
      const count = parent === BabelTlvType.HELLO ? 1 : parent === BabelTlvType.IHU ? 2 : 0;
      if (length < 4 * count) problem = "short";
      else for (let k = 0; k < count; k++) values.push(readUint32(data, at + 4 * k));
    }
    subs.push({ type, offset, length, problem, values });
    if (problem !== "none") break;
    at += length;
  }
  return subs;
}
