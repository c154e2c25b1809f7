/**
 * One browser's view of the ring: its filter and the numbers of the packets it matches,
 * so that rows are addressed by their place in the filtered list.
 *
 * @module
 */

import type { PacketFilter } from "../pipeline/filter.ts";
import type { PacketRing, RingPacket } from "./packet_ring.ts";

/** The filtered list of one browser. */
export class RingView {
  readonly #ring: PacketRing;
  #filter: PacketFilter | undefined;
  /** Numbers of matching packets; entries before `#head` were evicted. */
  #numbers: number[] = [];
  #head = 0;
  /** Matching packets dropped from the front, so row indexes stay put. */
  #base = 0;
  #seen = 0;

  constructor(ring: PacketRing, filter: PacketFilter | undefined) {
    this.#ring = ring;
    this.#filter = filter;
    this.catchUp();
  }

  /** Takes the packets that came since the last call. */
  catchUp(): void {
    for (const packet of this.#ring.packets(this.#seen + 1)) {
      if (this.#matches(packet)) this.#numbers.push(packet.number);
    }
    this.#seen = this.#ring.total;
    const first = this.#ring.first;
    while (this.#head < this.#numbers.length && this.#numbers[this.#head]! < first) this.#head++;
    if (this.#head > 4096 && this.#head * 2 > this.#numbers.length) {
      this.#base += this.#head;
      this.#numbers = this.#numbers.slice(this.#head);
      this.#head = 0;
    }
  }

  #matches(packet: RingPacket): boolean {
    return this.#filter === undefined ||
      this.#filter.matches(packet.linkType, packet.data, packet.originalLength);
  }

  /** Index of the first kept row. */
  get firstRow(): number {
    return this.#base + this.#head;
  }

  /** Index one past the last row. */
  get endRow(): number {
    return this.#base + this.#numbers.length;
  }

  /** The filter of the view. */
  get filter(): PacketFilter | undefined {
    return this.#filter;
  }

  /** The kept packets of rows `[from, from + count)`. */
  rows(from: number, count: number): RingPacket[] {
    this.catchUp();
    const out: RingPacket[] = [];
    const start = Math.max(from, this.firstRow);
    const end = Math.min(from + Math.max(0, count), this.endRow);
    for (let row = start; row < end; row++) {
      const packet = this.#ring.get(this.#numbers[row - this.#base]!);
      if (packet !== undefined) out.push(packet);
    }
    return out;
  }

  /** Every kept packet of the view, oldest first. */
  *packets(): IterableIterator<RingPacket> {
    this.catchUp();
    for (let i = this.#head; i < this.#numbers.length; i++) {
      const packet = this.#ring.get(this.#numbers[i]!);
      if (packet !== undefined) yield packet;
    }
  }
}
