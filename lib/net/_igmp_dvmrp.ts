/**
 * DVMRP (RFC 1075, draft-ietf-idmr-dvmrp-v3, mrouted's messages): IGMP type 0x13, the code
 * byte giving the DVMRP type. The bodies as tcpdump's dvmrp_print() walks them: the
 * lengths by the IP header decide what is malformed, the captured bytes where a read stops.
 * Private to `lib/net/`.
 *
 * @module
 */

import { readUint32 } from "../_bytes.ts";

/**
 * DVMRP message types (the IGMP code byte), as mrouted numbers them.
 *
 * @example Tell a Neighbors2 reply
 * ```ts
 * import { decodeIgmp, DvmrpType } from "./igmp.ts";
 * import assert from "node:assert/strict";
 *
 * const igmp = decodeIgmp(new Uint8Array([0x13, 6, 0, 0, 0, 0, 4, 12]));
 * assert.equal(igmp.dvmrp?.type, DvmrpType.NEIGHBORS2);
 * ```
 */
export const DvmrpType = {
  /** Neighbor discovery: the generation ID, then the neighbors heard. */
  PROBE: 1,
  /** Routes: per netmask, origins and metrics. */
  REPORT: 2,
  /** mrinfo's old request for a router's neighbors. */
  ASK_NEIGHBORS: 3,
  /** The old reply: per local address, metric, threshold and neighbors. */
  NEIGHBORS: 4,
  /** mrinfo's request for a router's neighbors in the new format. */
  ASK_NEIGHBORS2: 5,
  /** The new reply: the version in the group field, flags per local address. */
  NEIGHBORS2: 6,
  /** Prune: source, group and lifetime. */
  PRUNE: 7,
  /** Graft: source and group. */
  GRAFT: 8,
  /** Graft acknowledgement: source and group. */
  GRAFT_ACK: 9,
} as const;

/**
 * Where a walk of a DVMRP body stopped before its length's end: `"cut"` a read past the
 * captured bytes; `"short"` fewer bytes left by the IP length than the next item needs
 * (`remaining` says how many, `needed` how many it needs); `"report"` a route entry longer than the rest of a report;
 * `"ncount"` a Neighbors2 entry with more neighbors than its bytes.
 */
export interface DvmrpStop {
  /** Why the walk stopped. */
  readonly reason: "cut" | "short" | "report" | "ncount";
  /** With `"short"`: the bytes left by the IP length. */
  readonly remaining: number;
  /** With `"short"`: the bytes the next item needs. */
  readonly needed: number;
}

/** One line of a Report: a netmask, or a route under the last netmask. */
export interface DvmrpReportEntry {
  /** `"mask"` or `"route"`. */
  readonly kind: "mask" | "route";
  /** The netmask or the route's origin, as an unsigned 32-bit number. */
  readonly address: number;
  /** The route's metric (0 for a netmask). */
  readonly metric: number;
}

/** One neighbor of a Neighbors or Neighbors2 reply, with its local address's entry. */
export interface DvmrpNeighbor {
  /** Where the local address lies in `data`. */
  readonly localOffset: number;
  /** Where the neighbor's address lies in `data`; -1 when the capture cut it. */
  readonly neighborOffset: number;
  /** The local address's metric. */
  readonly metric: number;
  /** The local address's TTL threshold. */
  readonly threshold: number;
  /** Neighbors2: the flags (tunnel 0x01, source route 0x02, down 0x10, disabled 0x20, querier 0x40). */
  readonly flags: number;
}

/** Items of a walk, and where it stopped early (none when it reached the length's end). */
export interface DvmrpWalk<T> {
  /** The items, in order. */
  readonly items: readonly T[];
  /** What stopped the walk early. */
  readonly stop?: DvmrpStop;
}

function stopped<T>(
  items: T[],
  reason: DvmrpStop["reason"],
  remaining = 0,
  needed = 0,
): DvmrpWalk<T> {
  return { items, stop: { reason, remaining, needed } };
}

/**
 * A Probe's neighbors after its generation ID: `at` the first, `length` the bytes left
 * by the IP length, `end` the end of the captured bytes.
 */
export function probeNeighbors(at: number, length: number, end: number): DvmrpWalk<number> {
  const items: number[] = [];
  for (; length > 0; at += 4, length -= 4) {
    if (length < 4) return stopped(items, "short", length, 4);
    if (at + 4 > end) return stopped(items, "cut");
    items.push(at);
  }
  return { items };
}

/**
 * A Report's netmasks and routes: each netmask's 3 low bytes, then routes of as many origin
 * bytes as the mask has (1 to 4) and a metric whose top bit ends the netmask's list.
 */
export function reportEntries(
  data: Uint8Array,
  at: number,
  length: number,
  end: number,
): DvmrpWalk<DvmrpReportEntry> {
  const items: DvmrpReportEntry[] = [];
  while (length > 0) {
    if (length < 3) return stopped(items, "short", length, 3);
    if (at + 3 > end) return stopped(items, "cut");
    const low = (data[at]! << 16) | (data[at + 1]! << 8) | data[at + 2]!;
    // The origin has as many bytes as the mask's last non-zero byte says.
    const width = data[at + 2] ? 4 : data[at + 1] ? 3 : data[at] ? 2 : 1;
    items.push({ kind: "mask", address: (0xff000000 | low) >>> 0, metric: 0 });
    at += 3;
    length -= 3;
    let last = false;
    while (!last) {
      if (length < width + 1) return stopped(items, "report");
      if (at + width + 1 > end) return stopped(items, "cut");
      let origin = 0;
      for (let i = 0; i < 4; i++) origin = origin * 256 + (i < width ? data[at + i]! : 0);
      const metric = data[at + width]!;
      last = (metric & 0x80) !== 0;
      items.push({ kind: "route", address: origin, metric: metric & 0x7f });
      at += width + 1;
      length -= width + 1;
    }
  }
  return { items };
}

/**
 * The neighbors of a Neighbors (`flagged` false: 7-byte entries) or Neighbors2 (`flagged`
 * true: 8-byte entries with flags) reply: per entry a local address, metric, threshold,
 * (flags,) count and the neighbors' addresses.
 */
export function neighborEntries(
  data: Uint8Array,
  at: number,
  length: number,
  end: number,
  flagged: boolean,
): DvmrpWalk<DvmrpNeighbor> {
  const items: DvmrpNeighbor[] = [];
  const size = flagged ? 8 : 7;
  while (length > 0) {
    if (length < size) return stopped(items, "short", length, size);
    if (at + size > end) return stopped(items, "cut");
    const localOffset = at;
    const metric = data[at + 4]!;
    const threshold = data[at + 5]!;
    const flags = flagged ? data[at + 6]! : 0;
    let count = data[at + size - 1]!;
    at += size;
    length -= size;
    // Neighbors2 stops its list at the length's end, and says so when neighbors remain.
    for (; count > 0 && (!flagged || length > 0); count--, at += 4, length -= 4) {
      if (length < 4) return stopped(items, "short", length, 4);
      const neighborOffset = at + 4 <= end ? at : -1;
      items.push({ localOffset, neighborOffset, metric, threshold, flags });
      if (neighborOffset < 0) return stopped(items, "cut");
    }
    if (count > 0) return stopped(items, "ncount");
  }
  return { items };
}

/** Reads the 32-bit word at `at`, or -1 when it passes `end`. */
export function wordBefore(data: Uint8Array, at: number, end: number): number {
  return at + 4 <= end ? readUint32(data, at) : -1;
}

/** A DVMRP message's fields, as {@linkcode readDvmrp} reads those of its type. */
export interface DvmrpMessage {
  /** The DVMRP type (the IGMP code byte; see {@linkcode DvmrpType}); -1 when not captured. */
  readonly type: number;
  /** The body's length after the 8-byte IGMP header, by the IP length (below 0 when short). */
  readonly length: number;
  /** Neighbors2: the major version (the group field's last byte); -1 when not captured. */
  readonly majorVersion: number;
  /** Neighbors2: the minor version (the group field's third byte); -1 when not captured. */
  readonly minorVersion: number;
  /** Probe: the generation ID; -1 when not captured. */
  readonly generationId: number;
  /** Probe: the neighbors after the generation ID (empty for other types). */
  readonly probeNeighbors: DvmrpWalk<number>;
  /** Report: the netmasks and routes (empty for other types). */
  readonly report: DvmrpWalk<DvmrpReportEntry>;
  /** Neighbors and Neighbors2: the neighbors (empty for other types). */
  readonly neighbors: DvmrpWalk<DvmrpNeighbor>;
  /** Prune, Graft, Graft-ACK: where the source address lies; -1 when the pair was cut. */
  readonly sourceOffset: number;
  /** Prune: the prune lifetime in seconds; -1 when not captured. */
  readonly pruneLifetime: number;
}

const NONE: DvmrpWalk<never> = { items: [] };

/**
 * Reads the DVMRP message of the IGMP message at `offset` (`length` its length by the IP
 * header, `end` the captured end).
 */
export function readDvmrp(
  data: Uint8Array,
  offset: number,
  length: number,
  end: number,
): DvmrpMessage {
  // A message cut inside the IGMP header (a partial layer) holds only what was captured.
  const type = offset + 1 < end ? data[offset + 1]! : -1;
  const version = offset + 8 <= end;
  const body = offset + 8;
  const rest = length - 8;
  const pair = type === DvmrpType.PRUNE || type === DvmrpType.GRAFT ||
    type === DvmrpType.GRAFT_ACK;
  return {
    type,
    length: rest,
    majorVersion: version ? data[offset + 7]! : -1,
    minorVersion: version ? data[offset + 6]! : -1,
    generationId: type === DvmrpType.PROBE ? wordBefore(data, body, end) : -1,
    probeNeighbors: type === DvmrpType.PROBE ? probeNeighbors(body + 4, rest - 4, end) : NONE,
    report: type === DvmrpType.REPORT ? reportEntries(data, body, rest, end) : NONE,
    neighbors: type === DvmrpType.NEIGHBORS || type === DvmrpType.NEIGHBORS2
      ? neighborEntries(data, body, rest, end, type === DvmrpType.NEIGHBORS2)
      : NONE,
    sourceOffset: pair && body + 8 <= end ? body : -1,
    pruneLifetime: type === DvmrpType.PRUNE ? wordBefore(data, body + 8, end) : -1,
  };
}
