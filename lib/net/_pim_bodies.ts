/**
 * The bodies of PIM messages other than Hello (RFC 7761 section 4.9), read as tcpdump's
 * pimv2_print() walks them. Private to `lib/net/`: the {@linkcode Pim} layer exposes them.
 *
 * @module
 */

import type { Pim } from "./pim.ts";

/** How an encoded address is laid out (RFC 7761 section 4.9.1). */
export type PimAddressKind = "unicast" | "group" | "source";

/** An encoded unicast, group or source address. */
export interface PimEncodedAddress {
  /** 4 for IPv4, 6 for IPv6. */
  readonly family: 4 | 6;
  /** Offset of the address bytes in `data`. */
  readonly addressAt: number;
  /** Group and source: the flags byte (source: S 0x04, W 0x02, R 0x01); 0 for unicast. */
  readonly flags: number;
  /** Group and source: the mask length; -1 for unicast. */
  readonly maskLength: number;
  /** The encoded length in bytes. */
  readonly length: number;
}

/** One group of a Join/Prune, Graft or Graft-Ack message. */
export interface PimJoinPruneGroup {
  /** The group address (undefined when it could not be read: the walk stops). */
  readonly group: PimEncodedAddress | undefined;
  /** The number of joined sources announced (-1 when not read). */
  readonly joinedCount: number;
  /** The number of pruned sources announced (-1 when not read). */
  readonly prunedCount: number;
  /** The joined sources read. */
  readonly joined: readonly PimEncodedAddress[];
  /** The pruned sources read. */
  readonly pruned: readonly PimEncodedAddress[];
}

/** The body of a Join/Prune, Graft or Graft-Ack message, as far as it could be read. */
export interface PimJoinPrune {
  /** The upstream neighbor (not in a Graft-Ack; undefined when it could not be read). */
  readonly upstreamNeighbor: PimEncodedAddress | undefined;
  /** The number of groups (-1 when not read). */
  readonly groupCount: number;
  /** The hold time in seconds. */
  readonly holdTime: number;
  /** The groups read. */
  readonly groups: readonly PimJoinPruneGroup[];
  /** Whether the body ended before all that it announces. */
  readonly truncated: boolean;
}

/** The body of an Assert message, as far as it could be read. */
export interface PimAssert {
  /** The group address. */
  readonly group: PimEncodedAddress | undefined;
  /** The source address. */
  readonly source: PimEncodedAddress | undefined;
  /** The RPT bit, the metric preference and the metric (undefined when not read). */
  readonly metric:
    | { readonly rpt: boolean; readonly preference: number; readonly metric: number }
    | undefined;
}

/**
 * The body of a Bootstrap message as far as it could be read: each field is `undefined`
 * from where the message (or the captured bytes) ends.
 */
export interface PimBootstrap {
  /** The fragment tag: the same in every fragment of one bootstrap message. */
  readonly tag: number | undefined;
  /** The hash mask length, in bits, that routers hash group addresses with to pick an RP. */
  readonly hashMaskLength: number | undefined;
  /** The BSR priority (the highest wins the BSR election). */
  readonly priority: number | undefined;
  /** The BSR address. */
  readonly bsr: PimEncodedAddress | undefined;
  /** The groups. */
  readonly groups: readonly {
    readonly group: PimEncodedAddress | undefined;
    readonly rpCount: number | undefined;
    readonly fragmentRpCount: number | undefined;
    /** Whether the reserved bytes after the counts are there. */
    readonly complete: boolean;
    readonly rps: readonly {
      readonly address: PimEncodedAddress | undefined;
      readonly holdTime: number | undefined;
      readonly priority: number | undefined;
      readonly complete: boolean;
    }[];
  }[];
}

/** The body of a Candidate-RP-Advertisement as far as it could be read. */
export interface PimCandidateRp {
  /** The number of group prefixes advertised (0: all multicast groups). */
  readonly prefixCount: number | undefined;
  /** The candidate RP's priority (the lowest is preferred). */
  readonly priority: number | undefined;
  /** How long, in seconds, the advertisement stays valid. */
  readonly holdTime: number | undefined;
  /** The RP address. */
  readonly rp: PimEncodedAddress | undefined;
  /** The group addresses read (the last `undefined` when it could not be). */
  readonly groups: readonly (PimEncodedAddress | undefined)[];
}

export function readJoinPrune(pim: Pim, length: number): PimJoinPrune | undefined {
  if (pim.type !== 3 && pim.type !== 6 && pim.type !== 7) return undefined;
  const d = pim.data;
  const limit = Math.min(pim.end, pim.offset + length);
  let at = pim.offset + 4;
  let upstreamNeighbor: PimEncodedAddress | undefined = undefined;
  const groups: PimJoinPruneGroup[] = [];
  const cut = (groupCount = -1, holdTime = 0): PimJoinPrune => ({
    upstreamNeighbor,
    groupCount,
    holdTime,
    groups,
    truncated: true,
  });
  if (pim.type !== 7) {
    upstreamNeighbor = pim.readAddress(at, limit, "unicast");
    if (upstreamNeighbor === undefined) return cut();
    at += upstreamNeighbor.length;
  }
  if (at + 4 > limit) return cut();
  const groupCount = d[at + 1]!;
  const holdTime = (d[at + 2]! << 8) | d[at + 3]!;
  at += 4;
  for (let i = 0; i < groupCount; i++) {
    const group = pim.readAddress(at, limit, "group");
    if (group === undefined || at + group.length + 4 > limit) {
      groups.push({ group, joinedCount: -1, prunedCount: -1, joined: [], pruned: [] });
      return cut(groupCount, holdTime);
    }
    at += group.length;
    const joinedCount = (d[at]! << 8) | d[at + 1]!;
    const prunedCount = (d[at + 2]! << 8) | d[at + 3]!;
    at += 4;
    const joined: PimEncodedAddress[] = [];
    const pruned: PimEncodedAddress[] = [];
    groups.push({ group, joinedCount, prunedCount, joined, pruned });
    for (const [count, list] of [[joinedCount, joined], [prunedCount, pruned]] as const) {
      for (let j = 0; j < count; j++) {
        const source = pim.readAddress(at, limit, "source");
        if (source === undefined) return cut(groupCount, holdTime);
        list.push(source);
        at += source.length;
      }
    }
  }
  return { upstreamNeighbor, groupCount, holdTime, groups, truncated: false };
}

export function readAssert(pim: Pim, length: number): PimAssert | undefined {
  if (pim.type !== 5) return undefined;
  const d = pim.data;
  const limit = Math.min(pim.end, pim.offset + length);
  let at = pim.offset + 4;
  const group = pim.readAddress(at, limit, "group");
  if (group === undefined) return { group, source: undefined, metric: undefined };
  at += group.length;
  const source = pim.readAddress(at, limit, "unicast");
  if (source === undefined) return { group, source, metric: undefined };
  at += source.length;
  if (at + 8 > limit) return { group, source, metric: undefined };
  const word = ((d[at]! << 24) | (d[at + 1]! << 16) | (d[at + 2]! << 8) | d[at + 3]!) >>> 0;
  const metric = ((d[at + 4]! << 24) | (d[at + 5]! << 16) | (d[at + 6]! << 8) | d[at + 7]!) >>>
    0;
  return {
    group,
    source,
    metric: { rpt: word >>> 31 === 1, preference: word & 0x7fffffff, metric },
  };
}

export function readBootstrap(pim: Pim, length: number): PimBootstrap | undefined {
  if (pim.type !== 4) return undefined;
  const d = pim.data;
  const limit = Math.min(pim.end, pim.offset + length);
  let at = pim.offset + 4;
  const byte = (p: number): number | undefined => p < limit ? d[p] : undefined;
  const tag = at + 2 <= limit ? (d[at]! << 8) | d[at + 1]! : undefined;
  const hashMaskLength = tag === undefined ? undefined : byte(at + 2);
  // tcpdump checks the byte after the priority too before it prints the priority.
  const priority = hashMaskLength === undefined || at + 4 > limit ? undefined : d[at + 3];
  const groups: PimBootstrap["groups"][number][] = [];
  const partial = { tag, hashMaskLength, priority, groups };
  if (priority === undefined) return { ...partial, bsr: undefined };
  at += 4;
  const bsr = pim.readAddress(at, limit, "unicast");
  if (bsr === undefined) return { ...partial, bsr };
  at += bsr.length;
  while (at < limit) {
    const group = pim.readAddress(at, limit, "group");
    const rps: PimBootstrap["groups"][number]["rps"][number][] = [];
    if (group === undefined) {
      groups.push({
        group,
        rpCount: undefined,
        fragmentRpCount: undefined,
        complete: false,
        rps,
      });
      break;
    }
    at += group.length;
    const rpCount = byte(at);
    const fragmentRpCount = rpCount === undefined ? undefined : byte(at + 1);
    const complete = at + 4 <= limit;
    groups.push({ group, rpCount, fragmentRpCount, complete, rps });
    if (!complete) break;
    at += 4;
    for (let j = 0; j < fragmentRpCount! && at < limit; j++) {
      const address = pim.readAddress(at, limit, "unicast");
      if (address === undefined) {
        rps.push({ address, holdTime: undefined, priority: undefined, complete: false });
        return { ...partial, bsr };
      }
      at += address.length;
      const holdTime = at + 2 <= limit ? (d[at]! << 8) | d[at + 1]! : undefined;
      const rpPriority = holdTime === undefined ? undefined : byte(at + 2);
      const rpComplete = at + 4 <= limit;
      rps.push({ address, holdTime, priority: rpPriority, complete: rpComplete });
      if (!rpComplete) return { ...partial, bsr };
      at += 4;
    }
  }
  return { ...partial, bsr };
}

export function readCandidateRp(pim: Pim, length: number): PimCandidateRp | undefined {
  if (pim.type !== 8) return undefined;
  const d = pim.data;
  const limit = Math.min(pim.end, pim.offset + length);
  let at = pim.offset + 4;
  const prefixCount = at < limit ? d[at] : undefined;
  const priority = at + 1 < limit ? d[at + 1] : undefined;
  const holdTime = at + 4 <= limit ? (d[at + 2]! << 8) | d[at + 3]! : undefined;
  const groups: (PimEncodedAddress | undefined)[] = [];
  if (holdTime === undefined) return { prefixCount, priority, holdTime, rp: undefined, groups };
  at += 4;
  const rp = pim.readAddress(at, limit, "unicast");
  if (rp !== undefined) {
    at += rp.length;
    for (let i = 0; i < prefixCount! && at < limit; i++) {
      const group = pim.readAddress(at, limit, "group");
      groups.push(group);
      if (group === undefined) break;
      at += group.length;
    }
  }
  return { prefixCount, priority, holdTime, rp, groups };
}

export function readRegisterStop(
  pim: Pim,
  length: number,
): { group: PimEncodedAddress | undefined; source: PimEncodedAddress | undefined } | undefined {
  if (pim.type !== 2) return undefined;
  const limit = Math.min(pim.end, pim.offset + length);
  const group = pim.readAddress(pim.offset + 4, limit, "group");
  if (group === undefined) return { group, source: undefined };
  const source = pim.readAddress(pim.offset + 4 + group.length, limit, "unicast");
  return { group, source };
}

/** The body of a DF Election message (RFC 5015), as far as it could be read. */
export interface PimDfElection {
  /** The subtype (the high 4 bits of the reserved byte): 1 offer, 2 winner, 3 backoff, 4 pass. */
  readonly subtype: number;
  /** The rendezvous point address. */
  readonly rpa: PimEncodedAddress | undefined;
  /** The sender's metric preference. */
  readonly senderPreference: number | undefined;
  /** The sender's metric. */
  readonly senderMetric: number | undefined;
  /** Backoff and pass: the offering (or new winner) address, preference and metric. */
  readonly address: PimEncodedAddress | undefined;
  /** Backoff and pass: the metric preference of `address`. */
  readonly preference: number | undefined;
  /** Backoff and pass: the metric of `address`. */
  readonly metric: number | undefined;
  /** Backoff: the interval in milliseconds. */
  readonly interval: number | undefined;
}

export function readDfElection(pim: Pim, length: number): PimDfElection | undefined {
  if (pim.type !== 10) return undefined;
  const d = pim.data;
  const end = pim.end;
  const u32 = (p: number): number | undefined =>
    p + 4 <= end
      ? ((d[p]! << 24) | (d[p + 1]! << 16) | (d[p + 2]! << 8) | d[p + 3]!) >>> 0
      : undefined;
  const subtype = pim.reserved >> 4;
  let at = pim.offset + 4;
  // tcpdump bounds the addresses by the message length, the numbers by the captured bytes.
  const limit = Math.min(end, pim.offset + length);
  const rpa = pim.readAddress(at, limit, "unicast");
  const none = {
    subtype,
    rpa,
    senderPreference: undefined,
    senderMetric: undefined,
    address: undefined,
    preference: undefined,
    metric: undefined,
    interval: undefined,
  };
  if (rpa === undefined) return none;
  at += rpa.length;
  const senderPreference = u32(at);
  const senderMetric = senderPreference === undefined ? undefined : u32(at + 4);
  const sender = { ...none, senderPreference, senderMetric };
  if (senderMetric === undefined || (subtype !== 3 && subtype !== 4)) return sender;
  at += 8;
  const address = pim.readAddress(at, Math.max(limit, at), "unicast");
  if (address === undefined) return sender;
  at += address.length;
  const preference = u32(at);
  const metric = preference === undefined ? undefined : u32(at + 4);
  const interval = subtype === 3 && metric !== undefined && at + 10 <= end
    ? (d[at + 8]! << 8) | d[at + 9]!
    : undefined;
  return { ...sender, address, preference, metric, interval };
}
