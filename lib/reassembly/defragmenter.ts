/**
 * IP defragmentation (RFC 791, RFC 815, RFC 8200 section 4.5): {@linkcode Defragmenter}
 * takes decoded packets, holds the fragments of each datagram, and gives back the whole
 * datagram, decoded, when its last piece comes.
 *
 * @module
 */

import { decode, type DecodedPacket, type DecodeOptions, type Packet } from "../decode.ts";
import { LinkType } from "../link_type.ts";
import { DEFAULT_DEFRAG_POLICY, type DefragPolicy, isDefragPolicy } from "./defrag_policy.ts";
import { createDefragStats, type DefragDropReason, type DefragStats } from "./defrag_stats.ts";
import { FragmentKind, LocatedFragment, locateFragment } from "./_defrag_fragment.ts";
import { type FragmentInfo, PendingDatagram } from "./_defrag_datagram.ts";

export type { FragmentInfo } from "./_defrag_datagram.ts";

/** Where a pushed packet came from: its frame number and capture time. */
export interface FrameInfo {
  /** The frame number (1-based, as tshark counts) or record index: kept, not read. */
  readonly frame: number;
  /** The capture time in nanoseconds since the epoch; timeouts are measured with it. */
  readonly timestamp: bigint;
}

/** Options of {@linkcode Defragmenter}. */
export interface DefragmenterOptions {
  /** How overlapping fragments are resolved (default `bsd`, see {@linkcode DefragPolicy}). */
  policy?: DefragPolicy;
  /** The policy for IPv6, when it should differ from `policy` (such as `rfc5722`). */
  ipv6Policy?: DefragPolicy;
  /**
   * Seconds an IPv4 datagram may take to complete, from its first fragment (default 30,
   * Linux's `ipfrag_time`).
   */
  ipv4Timeout?: number;
  /** Seconds for an IPv6 datagram (default 60, RFC 8200's reassembly timeout). */
  ipv6Timeout?: number;
  /** Most datagrams held at once (default 4096); the oldest is evicted to make room. */
  maxDatagrams?: number;
  /**
   * Most bytes held at once (default 4 MiB, Linux's `ipfrag_high_thresh`): the copied
   * fragments plus {@linkcode DEFRAG_FRAGMENT_OVERHEAD} bytes for each and
   * {@linkcode DEFRAG_DATAGRAM_OVERHEAD} for each datagram, about what the heap holds. The
   * oldest datagrams are evicted to make room.
   */
  maxBytes?: number;
  /**
   * Most fragments in one datagram (default 128: a 65535-byte datagram over a 576-byte MTU
   * takes 119); a datagram with more is discarded.
   */
  maxFragments?: number;
  /** How reassembled datagrams are decoded (registry, layer limit). */
  decodeOptions?: DecodeOptions;
}

/** A datagram rebuilt from its fragments. */
export interface ReassembledDatagram {
  /** The IP version. */
  readonly version: 4 | 6;
  /** `LinkType.IPV4` or `LinkType.IPV6`: the link type `packet` was decoded with. */
  readonly linkType: number;
  /** The whole datagram, IP header first. */
  readonly data: Uint8Array;
  /**
   * Bytes of `data` before the reassembled part: the IPv4 header, or the IPv6 header and
   * the extension headers that came before the fragment header.
   */
  readonly headerLength: number;
  /** The datagram, decoded. */
  readonly packet: Packet;
  /** The fragments it was built from (also duplicates and overlapped ones), in arrival order. */
  readonly fragments: readonly FragmentInfo[];
  /** Whether fragments overlapped (the policy decided which bytes count). */
  readonly overlapped: boolean;
}

/**
 * Bytes counted against `maxBytes` for each fragment held, besides its data: about what V8
 * takes to hold the fragment's copy (a `Uint8Array` of its own), its piece and its
 * {@linkcode FragmentInfo}, as `bench/defrag_flood.ts` measures the heap.
 *
 * @example Budget memory for fragments
 * ```ts
 * import { DEFRAG_FRAGMENT_OVERHEAD } from "./defragmenter.ts";
 * import assert from "node:assert/strict";
 *
 * // 1000 fragments of 1232 bytes (a 1280-byte IPv6 MTU).
 * assert.ok(1000 * (1232 + DEFRAG_FRAGMENT_OVERHEAD) < 4 * 1024 * 1024);
 * ```
 */
export const DEFRAG_FRAGMENT_OVERHEAD = 360;

/**
 * Bytes counted against `maxBytes` for each datagram held, besides its fragments: its
 * record, key and table entry, as `bench/defrag_flood.ts` measures the heap.
 *
 * @example Budget memory for many one-fragment datagrams
 * ```ts
 * import { DEFRAG_DATAGRAM_OVERHEAD, DEFRAG_FRAGMENT_OVERHEAD } from "./defragmenter.ts";
 * import assert from "node:assert/strict";
 *
 * const perDatagram = DEFRAG_DATAGRAM_OVERHEAD + DEFRAG_FRAGMENT_OVERHEAD + 20 + 8;
 * assert.ok(Math.floor(4 * 1024 * 1024 / perDatagram) > 4096);
 * ```
 */
export const DEFRAG_DATAGRAM_OVERHEAD = 600;
const NS_PER_SECOND = 1_000_000_000;

function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!(value > 0) || !Number.isFinite(value)) {
    throw new RangeError(
      `Cannot create Defragmenter: ${name} must be a positive number, received ${value}`,
    );
  }
  return value;
}

function policyOption(
  name: string,
  value: string | undefined,
  fallback: DefragPolicy,
): DefragPolicy {
  if (value === undefined) return fallback;
  if (!isDefragPolicy(value)) {
    throw new RangeError(`Cannot create Defragmenter: unknown ${name} "${value}"`);
  }
  return value;
}

/**
 * Reassembles IPv4 and IPv6 datagrams from their fragments, in any order, with duplicates
 * and overlaps resolved by a {@linkcode DefragPolicy}. Fragments are keyed as the RFCs say:
 * source, destination, protocol and identification for IPv4; source, destination and
 * identification for IPv6.
 *
 * Time is capture time: each push's timestamp expires the datagrams whose first fragment
 * is older than the timeout. Memory is bounded: at most `maxDatagrams` datagrams and
 * `maxBytes` bytes are held (the oldest datagrams are evicted first) and a datagram has at
 * most `maxFragments` fragments; whatever is dropped is counted by reason in
 * {@linkcode Defragmenter.prototype.stats}. Nothing a packet holds makes it throw.
 *
 * A packet that is not a fragment costs a walk over its layers and allocates nothing; a
 * fragment's bytes are copied only when it is held. IPv6 atomic fragments (offset 0, M flag
 * clear) are whole datagrams: they are counted and left alone.
 *
 * @example Reassemble a datagram sent in two fragments
 * ```ts
 * import { Defragmenter } from "./defragmenter.ts";
 * import { decode } from "../decode.ts";
 * import { LinkType } from "../link_type.ts";
 * import assert from "node:assert/strict";
 *
 * // UDP 10.0.0.1:5000 -> 10.0.0.2:7, 16 bytes of payload, sent in two fragments.
 * const udp = [0x13, 0x88, 0, 7, 0, 24, 0, 0, ...new Uint8Array(16).fill(0x61)];
 * const fragment = (offset: number, more: boolean, data: number[]) =>
 *   new Uint8Array([
 *     0x45, 0, 0, 20 + data.length, 0x12, 0x34, (more ? 0x20 : 0) | (offset >> 11),
 *     (offset >> 3) & 0xff, 64, 17, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2, ...data,
 *   ]);
 * const defrag = new Defragmenter();
 * const first = decode(LinkType.IPV4, fragment(0, true, udp.slice(0, 16)));
 * const last = decode(LinkType.IPV4, fragment(16, false, udp.slice(16)));
 * assert.equal(defrag.push(last, { frame: 2, timestamp: 1_000n }), undefined);
 * const datagram = defrag.push(first, { frame: 1, timestamp: 2_000n });
 * assert.equal(datagram?.data.length, 20 + 24);
 * assert.equal(datagram?.packet.layer("udp")?.payload.length, 16);
 * assert.deepEqual(datagram?.fragments.map((f) => f.frame), [2, 1]);
 * ```
 */
export class Defragmenter {
  /** The counters, updated in place. */
  readonly stats: DefragStats = createDefragStats();
  readonly #policy4: DefragPolicy;
  readonly #policy6: DefragPolicy;
  readonly #timeout4: bigint;
  readonly #timeout6: bigint;
  readonly #maxDatagrams: number;
  readonly #maxBytes: number;
  readonly #maxFragments: number;
  readonly #decodeOptions: DecodeOptions;
  // Insertion order is creation order: the oldest datagram (first to time out) is first.
  readonly #pending4 = new Map<string, PendingDatagram>();
  readonly #pending6 = new Map<string, PendingDatagram>();
  readonly #scratch = new LocatedFragment();
  #bytes = 0;

  /**
   * Makes a defragmenter.
   *
   * @param options Policy, timeouts, limits and decode options.
   * @throws {RangeError} On an unknown policy or a limit that is not a positive number.
   */
  constructor(options: DefragmenterOptions = {}) {
    this.#policy4 = policyOption("policy", options.policy, DEFAULT_DEFRAG_POLICY);
    this.#policy6 = policyOption("ipv6Policy", options.ipv6Policy, this.#policy4);
    this.#timeout4 = BigInt(
      Math.round(positive("ipv4Timeout", options.ipv4Timeout, 30) * NS_PER_SECOND),
    );
    this.#timeout6 = BigInt(
      Math.round(positive("ipv6Timeout", options.ipv6Timeout, 60) * NS_PER_SECOND),
    );
    this.#maxDatagrams = positive("maxDatagrams", options.maxDatagrams, 4096);
    this.#maxBytes = positive("maxBytes", options.maxBytes, 4 * 1024 * 1024);
    this.#maxFragments = positive("maxFragments", options.maxFragments, 128);
    this.#decodeOptions = options.decodeOptions ?? {};
  }

  /** Datagrams held, incomplete (and discarded ones whose key is kept until they time out). */
  get pendingDatagrams(): number {
    return this.#pending4.size + this.#pending6.size;
  }

  /** Bytes held: copied fragments plus bookkeeping, as `maxBytes` counts them. */
  get pendingBytes(): number {
    return this.#bytes;
  }

  /**
   * Tells whether a packet is a fragment that {@linkcode push} would take: an IPv4
   * fragment, or an IPv6 packet with a fragment header that is not atomic.
   *
   * @param packet The decoded packet.
   * @returns `true` for a fragment.
   */
  isFragment(packet: DecodedPacket): boolean {
    return locateFragment(packet, this.#scratch) === FragmentKind.FRAGMENT;
  }

  /**
   * Takes a packet. A fragment is held (or dropped, and counted); when it completes its
   * datagram, the datagram is rebuilt and decoded. Other packets are left alone.
   *
   * @param packet The decoded packet (a `Packet`, or a `PacketParser` right after
   * `parse()`: what is kept is copied).
   * @param frame The packet's frame number and capture time.
   * @returns The datagram this fragment completed, or `undefined`.
   */
  push(packet: DecodedPacket, frame: FrameInfo): ReassembledDatagram | undefined {
    const f = this.#scratch;
    const kind = locateFragment(packet, f);
    if (kind === FragmentKind.NONE) return undefined;
    if (kind === FragmentKind.ATOMIC) {
      this.stats.atomicFragments++;
      return undefined;
    }
    this.stats.fragments++;
    this.expire(frame.timestamp);
    const length = f.dataEnd - f.dataStart;
    const end = f.offset + length;
    if (f.dataEnd < f.claimedEnd) return this.#dropFragment("truncated");
    if (f.malformed || length === 0 || (f.more && length % 8 !== 0)) {
      return this.#dropFragment("malformed");
    }
    const limit = f.version === 4 ? 0xffff - 20 : 0xffff - (f.headerEnd - f.ipOffset - 40);
    if (end > limit) return this.#dropFragment("tooLarge");

    const pending = f.version === 4 ? this.#pending4 : this.#pending6;
    const key = f.key();
    let datagram = pending.get(key);
    if (datagram === undefined) {
      while (this.pendingDatagrams >= this.#maxDatagrams) this.#evictOldest("pendingDatagrams");
      datagram = new PendingDatagram(f.version, frame.timestamp);
      pending.set(key, datagram);
    }
    if (datagram.discarded !== undefined) return this.#dropFragment(datagram.discarded);
    if (
      f.more
        ? datagram.total >= 0 && end > datagram.total
        : (datagram.total >= 0 && end !== datagram.total) || datagram.maxEnd > end
    ) {
      return this.#dropFragment("malformed");
    }
    datagram.live++;
    datagram.fragments.push({
      frame: frame.frame,
      timestamp: frame.timestamp,
      offset: f.offset,
      length,
    });
    const policy = f.version === 4 ? this.#policy4 : this.#policy6;
    if (datagram.overlaps(f.offset, end)) {
      this.stats.overlaps++;
      datagram.overlapped = true;
      if (policy === "rfc5722") {
        if (datagram.holds(f.offset, end)) return this.#dropHeld(datagram, "duplicate");
        this.#discard(key, datagram, "overlap");
        return undefined;
      }
    }
    if (datagram.fragments.length > this.#maxFragments) {
      this.#discard(key, datagram, "fragmentsPerDatagram");
      return undefined;
    }
    const header = f.offset === 0 ? f.headerEnd - f.ipOffset : 0;
    const cost = length + header + DEFRAG_FRAGMENT_OVERHEAD +
      (datagram.bytes === 0 ? DEFRAG_DATAGRAM_OVERHEAD : 0);
    while (this.#bytes + cost > this.#maxBytes && this.pendingDatagrams > 1) {
      this.#evictOldest("pendingBytes", datagram);
    }
    if (this.#bytes + cost > this.#maxBytes) {
      this.#discard(key, datagram, "pendingBytes");
      return undefined;
    }
    if (datagram.insert(policy, f.offset, end, f.data, f.dataStart) === 0) {
      return this.#dropHeld(datagram, "duplicate");
    }
    if (datagram.startsWithLastCopy) {
      datagram.header = f.data.slice(f.ipOffset, f.headerEnd);
      datagram.nextHeader = f.nextHeader;
      datagram.nextHeaderAt = f.nextHeaderAt - f.ipOffset;
    }
    datagram.bytes += cost;
    this.#bytes += cost;
    if (!f.more) datagram.total = end;
    if (!datagram.complete) return undefined;
    pending.delete(key);
    this.#bytes -= datagram.bytes;
    const data = datagram.assemble();
    if (data === undefined) {
      this.#countDiscard(datagram, "tooLarge");
      return undefined;
    }
    this.stats.datagrams++;
    const linkType = datagram.version === 4 ? LinkType.IPV4 : LinkType.IPV6;
    return {
      version: datagram.version,
      linkType,
      data,
      headerLength: data.length - datagram.total,
      packet: decode(linkType, data, this.#decodeOptions),
      fragments: datagram.fragments,
      overlapped: datagram.overlapped,
    };
  }

  /**
   * Discards the datagrams whose time ran out by `now` (capture time), counted as
   * `timeout`. {@linkcode push} calls it with each packet's time.
   *
   * @param now The current capture time, in nanoseconds since the epoch.
   * @returns How many datagrams were discarded.
   */
  expire(now: bigint): number {
    return this.#expire(this.#pending4, now - this.#timeout4) +
      this.#expire(this.#pending6, now - this.#timeout6);
  }

  /**
   * Discards every datagram held, counted as `flushed` (for the end of a capture).
   *
   * @returns How many incomplete datagrams were discarded.
   */
  flush(): number {
    let count = 0;
    for (const pending of [this.#pending4, this.#pending6]) {
      for (const datagram of pending.values()) {
        if (datagram.discarded === undefined) {
          this.#countDiscard(datagram, "flushed");
          count++;
        }
      }
      pending.clear();
    }
    this.#bytes = 0;
    return count;
  }

  #expire(pending: Map<string, PendingDatagram>, before: bigint): number {
    let count = 0;
    for (const [key, datagram] of pending) {
      if (datagram.created > before) break;
      pending.delete(key);
      if (datagram.discarded === undefined) {
        this.#bytes -= datagram.bytes;
        this.#countDiscard(datagram, "timeout");
        count++;
      }
    }
    return count;
  }

  #dropFragment(reason: DefragDropReason): undefined {
    this.stats.droppedFragments[reason]++;
    return undefined;
  }

  /** Drops the fragment just added to a datagram's list, alone. */
  #dropHeld(datagram: PendingDatagram, reason: DefragDropReason): undefined {
    datagram.live--;
    return this.#dropFragment(reason);
  }

  #countDiscard(datagram: PendingDatagram, reason: DefragDropReason): void {
    this.stats.droppedDatagrams[reason]++;
    this.stats.droppedFragments[reason] += datagram.live;
  }

  /** Discards a datagram and keeps its key, so that its other fragments are dropped too. */
  #discard(key: string, datagram: PendingDatagram, reason: DefragDropReason): void {
    this.#countDiscard(datagram, reason);
    this.#bytes -= datagram.bytes;
    const tombstone = new PendingDatagram(datagram.version, datagram.created);
    tombstone.discarded = reason;
    (datagram.version === 4 ? this.#pending4 : this.#pending6).set(key, tombstone);
  }

  /** Evicts the oldest datagram (other than `keep`). */
  #evictOldest(reason: DefragDropReason, keep?: PendingDatagram): void {
    let oldest: [string, PendingDatagram, Map<string, PendingDatagram>] | undefined;
    for (const pending of [this.#pending4, this.#pending6]) {
      for (const [key, datagram] of pending) {
        if (datagram === keep) continue;
        if (oldest === undefined || datagram.created < oldest[1].created) {
          oldest = [key, datagram, pending];
        }
        break;
      }
    }
    if (oldest === undefined) return;
    const [key, datagram, pending] = oldest;
    pending.delete(key);
    if (datagram.discarded === undefined) {
      this.#bytes -= datagram.bytes;
      this.#countDiscard(datagram, reason);
    }
  }
}
