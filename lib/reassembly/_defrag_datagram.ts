/**
 * One datagram being reassembled: its pieces of data (non-overlapping, sorted), the header
 * of its first fragment, and the rebuilding of the whole datagram. Private to the
 * defragmenter.
 *
 * @module
 */

import { foldChecksum, sumWords } from "../checksum.ts";
import { type DefragPolicy, newFragmentWins } from "./defrag_policy.ts";
import type { DefragDropReason } from "./defrag_stats.ts";

/** Where one fragment of a datagram came from. */
export interface FragmentInfo {
  /** The frame number (or record index) that the caller gave with the fragment. */
  readonly frame: number;
  /** Its capture time, in nanoseconds since the epoch. */
  readonly timestamp: bigint;
  /** Its offset in the datagram's fragmentable part, in bytes. */
  readonly offset: number;
  /** Its data length in bytes. */
  readonly length: number;
}

/** A run of held bytes: datagram bytes `[start, end)` are `bytes[at..]`. */
interface Piece {
  start: number;
  end: number;
  bytes: Uint8Array;
  at: number;
}

/** The datagram's bytes: header, then the pieces; what `assemble()` returns. */
export class PendingDatagram {
  /** The IP version. */
  readonly version: 4 | 6;
  /** When the first fragment came (capture time, ns): the timeout counts from it. */
  readonly created: bigint;
  /** The pieces, sorted by start, not overlapping. */
  pieces: Piece[] = [];
  /** The fragments taken, in arrival order. */
  readonly fragments: FragmentInfo[] = [];
  /** Fragments taken that were not dropped alone: what discarding the datagram drops. */
  live = 0;
  /** The header kept from the fragment whose data starts the datagram. */
  header: Uint8Array | undefined;
  /** IPv6: the fragment header's next header, and where in `header` to write it. */
  nextHeader = 0;
  /** IPv6: offset in `header` of the next-header octet that named the fragment header. */
  nextHeaderAt = 0;
  /** The length of the fragmentable part, once the last fragment came; -1 before. */
  total = -1;
  /** The furthest end of any fragment held. */
  maxEnd = 0;
  /** The bytes counted against the memory limit. */
  bytes = 0;
  /** Whether fragments overlapped (set by the defragmenter). */
  overlapped = false;
  /** Set when the datagram was discarded but its key is kept to drop its other fragments. */
  discarded: DefragDropReason | undefined;
  #lastCopy: Uint8Array | undefined;

  /**
   * Makes an empty datagram.
   *
   * @param version The IP version.
   * @param created The capture time of its first fragment.
   */
  constructor(version: 4 | 6, created: bigint) {
    this.version = version;
    this.created = created;
  }

  /** Whether `[start, end)` overlaps a held piece. */
  overlaps(start: number, end: number): boolean {
    for (const piece of this.pieces) {
      if (piece.start < end && piece.end > start) return true;
    }
    return false;
  }

  /** Whether a held piece is exactly `[start, end)`. */
  holds(start: number, end: number): boolean {
    return this.pieces.some((piece) => piece.start === start && piece.end === end);
  }

  /**
   * Adds a fragment's bytes `[start, end)` (read from `source[at..]`) under a policy; the
   * bytes it keeps are copied out of `source`.
   *
   * @returns How many of its bytes the datagram kept (0: nothing was copied).
   */
  insert(
    policy: DefragPolicy,
    start: number,
    end: number,
    source: Uint8Array,
    at: number,
  ): number {
    // Most fragments overlap nothing and come in order: slot them in from the end.
    const pieces = this.pieces;
    let index = pieces.length;
    while (index > 0 && pieces[index - 1]!.start >= end) index--;
    if (index === 0 || pieces[index - 1]!.end <= start) {
      const copy = source.slice(at, at + end - start);
      this.#lastCopy = copy;
      pieces.splice(index, 0, { start, end, bytes: copy, at: 0 });
      if (end > this.maxEnd) this.maxEnd = end;
      return end - start;
    }
    const next: Piece[] = [];
    const blocked: number[] = [];
    for (const piece of pieces) {
      if (piece.end <= start || piece.start >= end) {
        next.push(piece);
        continue;
      }
      if (newFragmentWins(policy, piece.start, piece.end, start, end)) {
        if (piece.start < start) next.push({ ...piece, end: start });
        if (piece.end > end) {
          next.push({
            start: end,
            end: piece.end,
            bytes: piece.bytes,
            at: piece.at + end - piece.start,
          });
        }
      } else {
        next.push(piece);
        blocked.push(Math.max(piece.start, start), Math.min(piece.end, end));
      }
    }
    // The new fragment keeps [start, end) minus what held pieces won (sorted, disjoint).
    const kept: Piece[] = [];
    let cursor = start;
    for (let i = 0; i < blocked.length; i += 2) {
      if (blocked[i]! > cursor) {
        kept.push({ start: cursor, end: blocked[i]!, bytes: source, at: 0 });
      }
      cursor = blocked[i + 1]!;
    }
    if (cursor < end) kept.push({ start: cursor, end, bytes: source, at: 0 });
    if (kept.length === 0) return 0;
    const copy = source.slice(at, at + end - start);
    this.#lastCopy = copy;
    let length = 0;
    for (const piece of kept) {
      piece.bytes = copy;
      piece.at = piece.start - start;
      length += piece.end - piece.start;
      next.push(piece);
    }
    next.sort((a, b) => a.start - b.start);
    this.pieces = next;
    if (end > this.maxEnd) this.maxEnd = end;
    return length;
  }

  /** Whether the datagram's first byte is now one of the fragment that `insert()` copied last. */
  get startsWithLastCopy(): boolean {
    const first = this.pieces[0];
    return first !== undefined && first.start === 0 && first.bytes === this.#lastCopy;
  }

  /** Whether every byte of the datagram is held, and the first fragment's header. */
  get complete(): boolean {
    if (this.total < 0 || this.header === undefined) return false;
    let at = 0;
    for (const piece of this.pieces) {
      if (piece.start !== at) return false;
      at = piece.end;
    }
    return at === this.total;
  }

  /**
   * Rebuilds the datagram: the first fragment's header with its length fields fixed, then
   * the data. IPv4: total length, flags (MF cleared, DF and the reserved bit kept) and
   * offset, then the header checksum, as Linux's `ip_frag_reasm()` does. IPv6: the
   * fragment header removed, the next header that named it set to what it carried, and
   * the payload length.
   *
   * @returns The datagram, or `undefined` when it would pass 65535 bytes.
   */
  assemble(): Uint8Array | undefined {
    const header = this.header!;
    const size = header.length + this.total;
    if ((this.version === 4 ? size : size - 40) > 0xffff) return undefined;
    const out = new Uint8Array(size);
    out.set(header);
    for (const piece of this.pieces) {
      out.set(
        piece.bytes.subarray(piece.at, piece.at + piece.end - piece.start),
        header.length + piece.start,
      );
    }
    if (this.version === 4) {
      out[2] = size >> 8;
      out[3] = size & 0xff;
      out[6]! &= 0xc0;
      out[7] = 0;
      out[10] = 0;
      out[11] = 0;
      const checksum = foldChecksum(sumWords(out, 0, header.length, 0));
      out[10] = checksum >> 8;
      out[11] = checksum & 0xff;
    } else {
      const payload = size - 40;
      out[4] = payload >> 8;
      out[5] = payload & 0xff;
      out[this.nextHeaderAt] = this.nextHeader;
    }
    return out;
  }
}
