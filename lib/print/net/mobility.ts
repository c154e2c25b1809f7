/**
 * The IPv6 Mobility header as tcpdump's mobility_print() writes it: the message type and
 * its fields, with `-v` the cookies, tokens and options.
 *
 * @module
 */

import { hex2 } from "../../_hex.ts";
import { readCut, truncated, truncatedRead } from "../_truncation.ts";
import type { PrintContext } from "../context.ts";
import type { Layer } from "../../layer_map.ts";
import { type Mobility, MobilityOptionType, MobilityType } from "../../net/mobility.ts";

const NAMES: readonly string[] = ["BRR", "HoTI", "CoTI", "HoT", "CoT", "BU", "BA", "BE"];
/** The Binding Update flags, high bit first, as tcpdump's bittok2str_nosep() joins them. */
const UPDATE_FLAGS: readonly [number, string][] = [[8, "A"], [4, "H"], [2, "L"], [1, "K"]];

/**
 * Prints a Mobility header. Its fields are read where tcpdump reads them: a field past
 * the capture ends the packet as tcpdump's longjmp does (whole-packet dump with -X); the
 * checks tcpdump makes itself end it with a plain ` [|mobility]`.
 *
 * @param ctx The print context.
 * @param mobility The layer.
 * @param _next The layer after it (none).
 */
export function printMobility(
  ctx: PrintContext,
  mobility: Mobility,
  _next: Layer | undefined,
): void {
  const out = ctx.out;
  ctx.done = true;
  const type = mobility.messageType;
  if (type < 0) return truncatedRead(ctx, "mobility");
  if (mobility.tooShort) {
    out.ascii(`(header length ${mobility.declaredLength} is too small for type ${type})`);
    truncated(ctx, "mobility");
    return;
  }
  out.ascii("mobility: ");
  out.ascii(NAMES[type] ?? `type-#${type}`);
  const verbose = ctx.verbose > 0;
  switch (type) {
    case MobilityType.BINDING_REFRESH_REQUEST:
      break;
    case MobilityType.HOME_TEST_INIT:
    case MobilityType.CARE_OF_TEST_INIT:
      if (verbose && !cookie(ctx, mobility, 8, type === 1 ? "Home" : "Care-of", "Init Cookie")) {
        return;
      }
      break;
    case MobilityType.HOME_TEST:
    case MobilityType.CARE_OF_TEST: {
      const nonce = mobility.nonceIndex;
      if (nonce < 0) return truncatedRead(ctx, "mobility");
      out.ascii(` nonce id=0x${nonce.toString(16)}`);
      const who = type === 3 ? "Home" : "Care-of";
      if (
        verbose &&
        (!cookie(ctx, mobility, 8, who, "Init Cookie") ||
          !cookie(ctx, mobility, 16, who, "Keygen Token"))
      ) return;
      break;
    }
    case MobilityType.BINDING_UPDATE: {
      const sequence = mobility.sequenceNumber;
      if (sequence < 0) return truncatedRead(ctx, "mobility");
      out.ascii(` seq#=${sequence}`);
      // tcpdump checks the flags and the reserved byte before it reads the flags.
      if (mobility.uint16At(8) < 0) {
        truncated(ctx, "mobility");
        return;
      }
      const flags = mobility.flags;
      if (flags !== 0) {
        out.byte(0x20);
        for (const [bit, letter] of UPDATE_FLAGS) if ((flags & bit) !== 0) out.ascii(letter);
      }
      if (!lifetime(ctx, mobility)) return;
      break;
    }
    case MobilityType.BINDING_ACK: {
      const status = mobility.status;
      if (status < 0) return truncatedRead(ctx, "mobility");
      out.ascii(` status=${status}`);
      const flags = mobility.flags;
      if (flags < 0) return truncatedRead(ctx, "mobility");
      if (flags !== 0) out.ascii(" K");
      const sequence = mobility.sequenceNumber;
      if (sequence < 0) return truncatedRead(ctx, "mobility");
      out.ascii(` seq#=${sequence}`);
      if (!lifetime(ctx, mobility)) return;
      break;
    }
    case MobilityType.BINDING_ERROR: {
      const status = mobility.status;
      if (status < 0) return truncatedRead(ctx, "mobility");
      out.ascii(` status=${status}`);
      const home = mobility.homeAddress;
      if (home === undefined) return truncatedRead(ctx, "mobility");
      out.ascii(` homeaddr ${home}`);
      break;
    }
    default:
      // A type tcpdump does not know: its length field, and no options.
      out.ascii(` len=${mobility.lengthField}`);
      return;
  }
  if (verbose) options(ctx, mobility);
}

/** Two 32-bit words at `at` as `Who What=xxxxxxxx:xxxxxxxx`; `false` when cut. */
function cookie(ctx: PrintContext, mobility: Mobility, at: number, who: string, what: string) {
  const high = mobility.uint32At(at);
  const low = mobility.uint32At(at + 4);
  if (high < 0 || low < 0) {
    return readCut(ctx, "mobility");
  }
  const word = (value: number) => value.toString(16).padStart(8, "0");
  ctx.out.ascii(` ${who} ${what}=${word(high)}:${word(low)}`);
  return true;
}

/** A Binding Update's or Acknowledgement's lifetime; `false` when cut. */
function lifetime(ctx: PrintContext, mobility: Mobility): boolean {
  const seconds = mobility.lifetime;
  if (seconds < 0) {
    return readCut(ctx, "mobility");
  }
  ctx.out.ascii(` lifetime=${seconds}`);
  return true;
}

/**
 * The options as tcpdump's mobility_opt_print() walks them, over the length the header
 * gives: an option that runs past it, or whose next byte was not captured, ends the
 * packet with ` [|mobility]`; a value read past the capture ends it as a longjmp. Option
 * values are checked against the room left in the header, not the option's length, as
 * tcpdump does.
 */
function options(ctx: PrintContext, mobility: Mobility): void {
  const out = ctx.out;
  const start = mobility.optionsOffset;
  const length = mobility.declaredLength - start;
  let optionLength = 0;
  for (let i = 0; i < length; i += optionLength) {
    const at = start + i;
    const type = mobility.uint8At(at);
    if (type < 0) return truncatedRead(ctx, "mobility");
    if (type === MobilityOptionType.PAD1) optionLength = 1;
    else {
      if (i + 1 >= length) return void truncated(ctx, "mobility");
      const field = mobility.uint8At(at + 1);
      if (field < 0) return truncatedRead(ctx, "mobility");
      optionLength = field + 2;
    }
    if (i + optionLength > length || mobility.uint8At(at + optionLength) < 0) {
      return void truncated(ctx, "mobility");
    }
    const room = length - i;
    switch (type) {
      case MobilityOptionType.PAD1:
        out.ascii("(pad1)");
        break;
      case MobilityOptionType.PADN:
        out.ascii("(padn)");
        break;
      case MobilityOptionType.REFRESH: {
        if (room < 4) return shortOption(ctx, "refresh");
        const units = mobility.uint16At(at + 2);
        if (units < 0) return truncatedRead(ctx, "mobility");
        // Units of 4 seconds.
        out.ascii(`(refresh: ${units * 4})`);
        break;
      }
      case MobilityOptionType.ALTERNATE_CARE_OF: {
        if (room < 18) return shortOption(ctx, "altcoa");
        const address = mobility.addressAt(at + 2);
        if (address === undefined) return truncatedRead(ctx, "mobility");
        out.ascii(`(alt-CoA: ${address})`);
        break;
      }
      case MobilityOptionType.NONCE_INDICES: {
        if (room < 6) return shortOption(ctx, "ni");
        const home = mobility.uint16At(at + 2);
        const careOf = mobility.uint16At(at + 4);
        if (home < 0 || careOf < 0) return truncatedRead(ctx, "mobility");
        const word = (value: number) => value.toString(16).padStart(4, "0");
        out.ascii(`(ni: ho=0x${word(home)} co=0x${word(careOf)})`);
        break;
      }
      case MobilityOptionType.AUTHORIZATION:
        if (room < 12) return shortOption(ctx, "auth");
        out.ascii("(auth)");
        break;
      default:
        out.ascii(`(type-0x${hex2(type)}: len=${optionLength - 2})`);
    }
  }
}

/** An option the header has no room for: `(name: trunc)` and the end of the packet. */
function shortOption(ctx: PrintContext, name: string): void {
  ctx.out.ascii(`(${name}: trunc)`);
  truncated(ctx, "mobility");
}
