/**
 * One direction of a TCP connection (private): where its byte stream stands, and the
 * out-of-order segments that wait for a hole to fill, kept sorted and without overlaps.
 *
 * Sequence numbers wrap at 2^32; offsets into the byte stream do not: a sequence number
 * is turned into an offset by its signed 32-bit distance from the next expected one.
 *
 * @module
 */

import type { OverlapPolicy } from "./stream_types.ts";

/** Out-of-order bytes waiting: `data` starts at offset `start` of the byte stream. */
export interface WaitingSegment {
  start: number;
  data: Uint8Array;
}

/** One direction's reassembly state. */
export class TcpHalf {
  /** Whether the first sequence number was seen. */
  started = false;
  /** The sequence number of the next byte expected (uint32). */
  nextSeq = 0;
  /** The offset of the next byte expected: bytes delivered plus gaps. */
  nextOffset = 0;
  /** Waiting segments, sorted by start, not overlapping, all after `nextOffset`. */
  waiting: WaitingSegment[] = [];
  /** Bytes in `waiting`. */
  buffered = 0;
  /** The end of the furthest bytes seen (retransmissions start before it). */
  highest = 0;
  /** The offset of the FIN, or -1 before one was seen. */
  finOffset = -1;
  /** The sequence number the first packet set (tshark's base sequence), for numbering. */
  baseSeq = 0;
  /** Whether `baseSeq` is set. */
  baseSet = false;

  /**
   * Starts the byte stream at a sequence number.
   *
   * @param seq The sequence number of offset 0.
   */
  start(seq: number): void {
    this.started = true;
    this.nextSeq = seq >>> 0;
    this.nextOffset = 0;
  }

  /**
   * The offset of a sequence number: its signed distance from the next expected one.
   *
   * @param seq The sequence number.
   * @returns The offset (negative before the stream's start).
   */
  offsetOf(seq: number): number {
    return this.nextOffset + ((seq - this.nextSeq) | 0);
  }

  /**
   * Moves the next expected offset forward.
   *
   * @param count Bytes (or gap) passed.
   */
  advance(count: number): void {
    this.nextOffset += count;
    this.nextSeq = (this.nextSeq + count) >>> 0;
  }

  /** Whether every byte before the FIN was passed. */
  get finished(): boolean {
    return this.finOffset >= 0 && this.nextOffset >= this.finOffset;
  }

  /**
   * Buffers bytes that start after `nextOffset`, copying them; where they overlap bytes
   * already waiting, the policy decides which stay.
   *
   * @param start Their offset.
   * @param data The bytes (copied).
   * @param policy `first` or `last`.
   * @returns How many bytes the buffer grew by (negative when it shrank).
   */
  buffer(start: number, data: Uint8Array, policy: OverlapPolicy): number {
    const before = this.buffered;
    const end = start + data.length;
    const waiting = this.waiting;
    let i = this.#firstEndingAfter(start);
    if (policy === "first") {
      let cursor = start;
      while (cursor < end) {
        const next = waiting[i];
        const holeEnd = next === undefined ? end : Math.min(end, next.start);
        if (holeEnd > cursor) {
          waiting.splice(i, 0, {
            start: cursor,
            data: data.slice(cursor - start, holeEnd - start),
          });
          this.buffered += holeEnd - cursor;
          i++;
        }
        if (next === undefined) break;
        cursor = Math.max(cursor, next.start + next.data.length);
        i++;
      }
    } else {
      // `last`: cut what the new bytes cover out of the waiting segments, then insert them.
      const kept: WaitingSegment[] = [];
      let j = i;
      while (j < waiting.length && waiting[j]!.start < end) {
        const segment = waiting[j]!;
        const segmentEnd = segment.start + segment.data.length;
        if (segment.start < start) {
          kept.push({
            start: segment.start,
            data: segment.data.subarray(0, start - segment.start),
          });
        }
        if (segmentEnd > end) {
          kept.push({ start: end, data: segment.data.subarray(end - segment.start) });
        }
        this.buffered -= segment.data.length;
        j++;
      }
      const inserted = { start, data: data.slice() };
      const replacement = kept.filter((segment) => segment.start < start);
      replacement.push(inserted, ...kept.filter((segment) => segment.start >= end));
      waiting.splice(i, j - i, ...replacement);
      for (const segment of replacement) this.buffered += segment.data.length;
    }
    return this.buffered - before;
  }

  /** The index of the first waiting segment that ends after `offset`. */
  #firstEndingAfter(offset: number): number {
    const waiting = this.waiting;
    let low = 0;
    let high = waiting.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const segment = waiting[middle]!;
      if (segment.start + segment.data.length <= offset) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
