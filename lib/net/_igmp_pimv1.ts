/**
 * PIM version 1 in IGMP (type 0x14): the message's fields as tcpdump's pimv1_print() reads
 * them, for `Igmp.pimv1()`. Private to `lib/net/`.
 *
 * @module
 */

import { readUint16, readUint32 } from "../_bytes.ts";

/**
 * PIM version 1 message types: the code byte of an IGMP message of type 0x14.
 *
 * @example Compare a PIM version 1 type
 * ```ts
 * import { Pimv1Type } from "./igmp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(Pimv1Type.RP_REACHABILITY, 4);
 * ```
 */
export const Pimv1Type = {
  QUERY: 0,
  REGISTER: 1,
  REGISTER_STOP: 2,
  JOIN_PRUNE: 3,
  RP_REACHABILITY: 4,
  ASSERT: 5,
  GRAFT: 6,
  GRAFT_ACK: 7,
} as const;

/**
 * Where a PIM version 1 message's fields stop, as tcpdump's pimv1_print() stops reading:
 * `message` when it is shorter than a Join/Prune's 8-byte header or a Register's packet
 * header was not captured (the version is then not read), `length` when the message (by
 * the IP length) ends inside a Join/Prune body, `capture` when a field was not captured.
 */
export type Pimv1Cut = "message" | "length" | "capture";

/** One source of a PIM version 1 Join/Prune group, as `Igmp.pimv1()` reads it. */
export interface Pimv1Source {
  /** Offset of the source address in the layer's `data`. */
  readonly addressAt: number;
  /** The S bit: sparse mode (else dense). */
  readonly sparse: boolean;
  /** The W bit: wildcard. */
  readonly wildcard: boolean;
  /** The R bit: towards the RP (else the shortest-path tree). */
  readonly rpTree: boolean;
  /** The mask length (6 bits). */
  readonly maskLength: number;
}

/** One group of a PIM version 1 Join/Prune, with the fields read before any cut. */
export interface Pimv1Group {
  /** Offset of the group address in the layer's `data`. */
  readonly addressAt: number;
  /** The group mask; `undefined` from the cut on. */
  mask: number | undefined;
  /** Offset of the group mask in `data`. */
  readonly maskAt: number;
  /** The number of joined sources; `undefined` from the cut on. */
  joinCount: number | undefined;
  /** The number of pruned sources; `undefined` from the cut on. */
  pruneCount: number | undefined;
  /** The sources read, joined ones first. */
  readonly sources: Pimv1Source[];
}

/**
 * The fields of a PIM version 1 message, as `Igmp.pimv1()` reads them: each is
 * `undefined` when the type has no such field, or from where the reading stopped (`cut`).
 */
export interface Pimv1Message {
  /** The PIM message type ({@linkcode Pimv1Type}), the IGMP code byte. */
  type: number | undefined;
  /** The PIM version, the high 4 bits of byte 4. */
  version: number | undefined;
  /** Query: the mode, the high 4 bits of byte 8 (0 dense, 1 sparse, 2 sparse-dense). */
  mode: number | undefined;
  /** Query, RP-Reachability and Join/Prune: the hold time in seconds. */
  holdTime: number | undefined;
  /**
   * Offset in `data` of the group address: Register (the destination of the packet
   * header inside), Register-Stop, RP-Reachability and Assert.
   */
  groupAt: number | undefined;
  /** Offset of the source address: Register (of the packet inside), Register-Stop, Assert. */
  sourceAt: number | undefined;
  /** RP-Reachability and Assert: the group mask. */
  groupMask: number | undefined;
  /** Offset of the group mask in `data`. */
  groupMaskAt: number | undefined;
  /** RP-Reachability: offset of the RP address. */
  rpAt: number | undefined;
  /** Assert: the R bit (the RP tree, else the shortest-path tree). */
  rpTree: boolean | undefined;
  /** Assert: the metric preference (31 bits). */
  preference: number | undefined;
  /** Assert: the metric. */
  metric: number | undefined;
  /** Join/Prune, Graft, Graft-Ack: offset of the upstream neighbor address. */
  upstreamAt: number | undefined;
  /** Join/Prune, Graft, Graft-Ack: the number of groups. */
  groupCount: number | undefined;
  /** Join/Prune, Graft, Graft-Ack: the groups read. */
  readonly groups: Pimv1Group[];
  /**
   * Join/Prune, Graft, Graft-Ack: one group with one source, its 30 bytes captured (tcpdump
   * then prints it on one line).
   */
  compact: boolean;
  /** Where the fields stop, or `undefined` when the message holds them all. */
  cut: Pimv1Cut | undefined;
}

/**
 * Reads the PIM version 1 message of the IGMP message at `at` (`length` its length by the
 * IP header, `captured` the captured end), its fields as far as both go, in the order
 * tcpdump's pimv1_print() reads them.
 */
export function readPimv1(
  d: Uint8Array,
  at: number,
  length: number,
  captured: number,
): Pimv1Message {
  // tcpdump reads no further than the IP packet, whatever the capture holds past it.
  const end = Math.min(captured, at + length);
  const has = (from: number, size: number) => at + from + size <= end;
  const message: Pimv1Message = {
    type: has(1, 1) ? d[at + 1]! : undefined,
    version: has(4, 1) ? d[at + 4]! >> 4 : undefined,
    mode: undefined,
    holdTime: undefined,
    groupAt: undefined,
    sourceAt: undefined,
    groupMask: undefined,
    groupMaskAt: undefined,
    rpAt: undefined,
    rpTree: undefined,
    preference: undefined,
    metric: undefined,
    upstreamAt: undefined,
    groupCount: undefined,
    groups: [],
    compact: false,
    cut: undefined,
  };
  switch (message.type) {
    case Pimv1Type.QUERY:
      if (has(8, 1)) message.mode = d[at + 8]! >> 4;
      if (has(10, 2)) message.holdTime = readUint16(d, at + 10);
      else message.cut = "capture";
      break;
    case Pimv1Type.REGISTER:
      // The addresses of the IPv4 header inside, read only once its 20 bytes are there.
      if (has(8, 20)) {
        message.sourceAt = at + 20;
        message.groupAt = at + 24;
      } else message.cut = "message";
      break;
    case Pimv1Type.REGISTER_STOP:
      if (has(8, 8)) {
        message.groupAt = at + 8;
        message.sourceAt = at + 12;
      } else message.cut = "capture";
      break;
    case Pimv1Type.RP_REACHABILITY:
      if (has(8, 4)) message.groupAt = at + 8;
      if (has(12, 4)) {
        message.groupMask = readUint32(d, at + 12);
        message.groupMaskAt = at + 12;
      }
      if (has(16, 4)) message.rpAt = at + 16;
      if (has(22, 2)) message.holdTime = readUint16(d, at + 22);
      else message.cut = "capture";
      break;
    case Pimv1Type.ASSERT:
      if (has(16, 4)) {
        message.groupAt = at + 8;
        message.groupMask = readUint32(d, at + 12);
        message.groupMaskAt = at + 12;
        message.sourceAt = at + 16;
      }
      if (has(20, 8)) {
        message.rpTree = (d[at + 20]! & 0x80) !== 0;
        message.preference = readUint32(d, at + 20) & 0x7fffffff;
        message.metric = readUint32(d, at + 24);
      } else message.cut = "capture";
      break;
    case Pimv1Type.JOIN_PRUNE:
    case Pimv1Type.GRAFT:
    case Pimv1Type.GRAFT_ACK:
      message.cut = joinPrune(d, at, length, message, end);
      break;
  }
  return message;
}

// Reads a Join/Prune body into `message` as pimv1_join_prune_print() does: each field is
// first checked against the message length, then read from the captured bytes (to `end`).
// Returns where it stopped.
function joinPrune(
  d: Uint8Array,
  offset: number,
  length: number,
  message: Pimv1Message,
  end: number,
): Pimv1Cut | undefined {
  if (length < 8) return "message";
  let at = offset + 8;
  let left = length - 8;
  const stop = (size: number): Pimv1Cut | undefined =>
    left < size ? "length" : at + size > end ? "capture" : undefined;
  // One group with one source, its 30 bytes captured: the fields tcpdump's one line shows.
  message.compact = at + 30 <= end && d[at + 11] === 1 &&
    readUint16(d, at + 20) + readUint16(d, at + 22) === 1;
  let cut = stop(4);
  if (cut) return cut;
  message.upstreamAt = at;
  at += 4;
  left -= 4;
  if ((cut = stop(4))) return cut;
  message.holdTime = readUint16(d, at + 2);
  at += 4;
  left -= 4;
  if ((cut = stop(4))) return cut;
  const groupCount = d[at + 3]!;
  message.groupCount = groupCount;
  at += 4;
  left -= 4;
  for (let g = 0; g < groupCount; g++) {
    if ((cut = stop(4))) return cut;
    const group: Pimv1Group = {
      addressAt: at,
      mask: undefined,
      maskAt: at + 4,
      joinCount: undefined,
      pruneCount: undefined,
      sources: [],
    };
    message.groups.push(group);
    at += 4;
    left -= 4;
    if ((cut = stop(4))) return cut;
    group.mask = readUint32(d, at);
    at += 4;
    left -= 4;
    if ((cut = stop(4))) return cut;
    group.joinCount = readUint16(d, at);
    group.pruneCount = readUint16(d, at + 2);
    at += 4;
    left -= 4;
    for (let n = group.joinCount + group.pruneCount; n > 0; n--) {
      if ((cut = stop(6))) return cut;
      const flags = d[at + 1]!;
      group.sources.push({
        addressAt: at + 2,
        sparse: (d[at]! & 0x01) !== 0,
        wildcard: (flags & 0x80) !== 0,
        rpTree: (flags & 0x40) !== 0,
        maskLength: flags & 0x3f,
      });
      at += 6;
      left -= 6;
    }
  }
  return undefined;
}
