/**
 * Reading an IEEE 802.15.4 frame as tcpdump's print-802_15_4.c does with its `GET_`
 * macros: a read past the captured bytes ends the packet's printing (a longjmp in
 * tcpdump), which {@linkcode Ieee802154Cut} carries up to the frame's printer. Private to
 * `lib/print/`.
 *
 * @module
 */

import type { Ieee802154 } from "../../link/ieee802154.ts";
import type { PrintContext } from "../context.ts";

/** Thrown where tcpdump's `GET_` read would pass the captured bytes. */
export class Ieee802154Cut extends Error {}

/**
 * The byte at `at` (tcpdump's GET_U_1).
 *
 * @throws {Ieee802154Cut} When it was not captured.
 */
export function u8(f: Ieee802154, at: number): number {
  const value = f.u8(at);
  if (value < 0) throw new Ieee802154Cut();
  return value;
}

/**
 * The little-endian integer of `size` bytes at `at` (tcpdump's GET_LE_U_N).
 *
 * @throws {Ieee802154Cut} When its bytes were not captured.
 */
export function le(f: Ieee802154, at: number, size = 2): number {
  const value = f.le(at, size);
  if (value < 0) throw new Ieee802154Cut();
  return value;
}

/** `%02x` of a number (no truncation: wider numbers keep their digits). */
export function hex2(n: number): string {
  return n.toString(16).padStart(2, "0");
}

/** `%04x` of a number. */
export function hex4(n: number): string {
  return n.toString(16).padStart(4, "0");
}

/**
 * Prints `%02x ` of each byte of `[from, to)`, as tcpdump's IE data loops do.
 *
 * @throws {Ieee802154Cut} At the first byte not captured (after the bytes before it).
 */
export function bytes(ctx: PrintContext, f: Ieee802154, from: number, to: number): void {
  for (let i = from; i < to; i++) ctx.out.ascii(`${hex2(u8(f, i))} `);
}

/**
 * Prints an address of `length` bytes at `at` as ieee802_15_4_print_addr() does: `none`,
 * a short address as `%04x`, an extended one as le64addr_string() (bytes reversed, colons).
 *
 * @throws {Ieee802154Cut} When its bytes were not captured.
 */
export function address(ctx: PrintContext, f: Ieee802154, at: number, length: number): void {
  const out = ctx.out;
  if (length === 0) out.ascii("none");
  else if (length === 2) out.ascii(hex4(le(f, at)));
  else if (length === 8) {
    if (f.u8(at + 7) < 0 || at < f.offset) throw new Ieee802154Cut();
    const parts: string[] = [];
    for (let i = 7; i >= 0; i--) parts.push(hex2(f.data[at + i]!));
    out.ascii(parts.join(":"));
  }
}
