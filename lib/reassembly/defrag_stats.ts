/**
 * What a `Defragmenter` counts: fragments taken, datagrams rebuilt, and what it dropped,
 * by reason.
 *
 * @module
 */

/**
 * Why fragments or datagrams were dropped.
 *
 * - `timeout`: the datagram was still incomplete when its time ran out (capture time).
 * - `overlap`: the `rfc5722` policy discarded the datagram (or a fragment of a datagram it
 *   had discarded) because fragments overlapped.
 * - `duplicate`: the fragment brought no byte that the policy kept (a retransmission, or
 *   data that held fragments win).
 * - `tooLarge`: the fragment reaches past 65535 bytes of datagram (IPv4 total length,
 *   IPv6 payload length): the "ping of death".
 * - `malformed`: a fragment that is not the last whose length is not a multiple of 8, an
 *   empty fragment, a zero or short length field, or an end that contradicts the last
 *   fragment's.
 * - `truncated`: the capture cut the fragment short (snapshot length), so its bytes are
 *   not all there.
 * - `pendingDatagrams`: the datagram was evicted, oldest first, to stay under
 *   `maxDatagrams`.
 * - `pendingBytes`: the datagram was evicted, oldest first, to stay under `maxBytes`.
 * - `fragmentsPerDatagram`: the datagram had more than `maxFragments` fragments.
 * - `flushed`: `flush()` discarded the datagram, incomplete (as at the end of a capture).
 *
 * @example Name a reason
 * ```ts
 * import { DEFRAG_DROP_REASONS } from "./defrag_stats.ts";
 * import assert from "node:assert/strict";
 *
 * assert.ok(DEFRAG_DROP_REASONS.includes("timeout"));
 * ```
 */
export type DefragDropReason =
  | "timeout"
  | "overlap"
  | "duplicate"
  | "tooLarge"
  | "malformed"
  | "truncated"
  | "pendingDatagrams"
  | "pendingBytes"
  | "fragmentsPerDatagram"
  | "flushed";

/** Every {@linkcode DefragDropReason}, in the order the stats list them. */
export const DEFRAG_DROP_REASONS: readonly DefragDropReason[] = [
  "timeout",
  "overlap",
  "duplicate",
  "tooLarge",
  "malformed",
  "truncated",
  "pendingDatagrams",
  "pendingBytes",
  "fragmentsPerDatagram",
  "flushed",
];

/** The counters of a `Defragmenter` (its `stats` property, updated in place). */
export interface DefragStats {
  /** Fragments pushed (packets that `isFragment()` accepts). */
  fragments: number;
  /** IPv6 atomic fragments (offset 0, no more fragments) seen: left as they are. */
  atomicFragments: number;
  /** Datagrams rebuilt from fragments. */
  datagrams: number;
  /** Fragments that overlapped held data (whatever the policy then did). */
  overlaps: number;
  /**
   * Fragments dropped, by reason: alone (`duplicate`, `malformed`...) or with the
   * incomplete datagram they were held in (`timeout`, `pendingBytes`...).
   */
  droppedFragments: Record<DefragDropReason, number>;
  /** Incomplete datagrams discarded, by reason. */
  droppedDatagrams: Record<DefragDropReason, number>;
}

function zeros(): Record<DefragDropReason, number> {
  return Object.fromEntries(DEFRAG_DROP_REASONS.map((reason) => [reason, 0])) as Record<
    DefragDropReason,
    number
  >;
}

/**
 * Makes a zeroed {@linkcode DefragStats}.
 *
 * @returns The counters, all 0.
 *
 * @example Start from zero
 * ```ts
 * import { createDefragStats } from "./defrag_stats.ts";
 * import assert from "node:assert/strict";
 *
 * const stats = createDefragStats();
 * assert.equal(stats.datagrams, 0);
 * assert.equal(stats.droppedFragments.timeout, 0);
 * ```
 */
export function createDefragStats(): DefragStats {
  return {
    fragments: 0,
    atomicFragments: 0,
    datagrams: 0,
    overlaps: 0,
    droppedFragments: zeros(),
    droppedDatagrams: zeros(),
  };
}
