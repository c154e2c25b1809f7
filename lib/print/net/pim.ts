/**
 * PIM as tcpdump's pim_print() writes it: the version, type and length, and with `-v`
 * the checksum and the options of a Hello message.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { Layer } from "../../layer_map.ts";
import { type Pim, PimType } from "../../net/pim.ts";
import { relativeTime, u32, unknownData } from "../_shared.ts";

/**
 * Prints a PIM message.
 *
 * @param ctx The print context.
 * @param pim The layer.
 * @param _next The layer after it (none).
 */
export function printPim(ctx: PrintContext, pim: Pim, _next: Layer | undefined): void {
  const out = ctx.out;
  ctx.done = true;
  const length = (ctx.network ? ctx.ipEnd : pim.end) - pim.offset;
  if (pim.version !== 2) {
    out.ascii(`PIMv${pim.version}, length ${length}`);
    return;
  }
  const name = TYPE_NAMES[pim.type] ?? "Unknown Type";
  if (ctx.verbose === 0) {
    out.ascii(`PIMv2, ${name}, length ${length}`);
    return;
  }
  out.ascii(`PIMv2, length ${length}\n\t${name}`);
  if (pim.headerLength < 2) {
    out.ascii(" [|pimv2]");
    return;
  }
  if ((pim.reserved & 0x0f) !== 0) out.ascii(", RFC2117-encoding");
  if (pim.headerLength < 4) {
    out.ascii(" [|pimv2]");
    return;
  }
  out.ascii(", cksum 0x");
  out.hex(pim.checksum, 4);
  if (pim.checksum === 0) out.ascii(" (unverified)");
  else if (pim.type !== PimType.REGISTER && pim.end - pim.offset < length) {
    out.ascii(" (unverified)");
  } else out.ascii(pim.checksumValid ? " (correct)" : " (incorrect)");
  if (pim.type === PimType.HELLO) hello(ctx, pim, length);
}

function hello(ctx: PrintContext, pim: Pim, length: number): void {
  const out = ctx.out;
  const d = pim.data;
  for (const option of pim.helloOptions(length)) {
    if (option.type < 0) {
      out.ascii(" [|pimv2]");
      return;
    }
    const { type, length: size, valueOffset: at } = option;
    out.ascii(`\n\t  ${OPTION_NAMES.get(type) ?? "Unknown"} Option (${type}), length ${size}`);
    out.ascii(", Value: ");
    if (option.truncated) {
      out.ascii(" [|pimv2]");
      return;
    }
    const invalid = (expected: number): void => {
      out.ascii(`[option length ${size} != ${expected}] (invalid)`);
    };
    switch (type) {
      case 1:
        if (size !== 2) return invalid(2);
        out.ascii(relativeTime((d[at]! << 8) | d[at + 1]!));
        break;
      case 2: {
        if (size !== 4) return invalid(4);
        const delay = (d[at]! << 8) | d[at + 1]!;
        const override = (d[at + 2]! << 8) | d[at + 3]!;
        out.ascii(`\n\t    T-bit=${delay >> 15}, LAN delay ${delay & 0x7fff}ms, `);
        out.ascii(`Override interval ${override}ms`);
        break;
      }
      case 18:
      case 19:
        if (size === 0) out.ascii("Bi-Directional Capability (Old)");
        else if (size === 4) out.uint(u32(d, at));
        else return invalid(4);
        break;
      case 20:
        if (size !== 4) return invalid(4);
        out.ascii("0x");
        out.hex(u32(d, at), 8);
        break;
      case 21:
        if (size !== 4) return invalid(4);
        out.ascii(`v${d[at]}`);
        if (d[at + 1] !== 0) out.ascii(`, interval ${relativeTime(d[at + 1]!)}`);
        if (d[at + 2] !== 0 || d[at + 3] !== 0) {
          out.ascii(" ?0x");
          out.hex((d[at + 2]! << 8) | d[at + 3]!, 4);
          out.byte(0x3f);
        }
        break;
      case 22:
      case 24:
      case 65001:
        break;
      default:
        unknownData(ctx, at, at + size, "\n\t    ");
    }
  }
}

const TYPE_NAMES: readonly string[] = [
  "Hello",
  "Register",
  "Register Stop",
  "Join / Prune",
  "Bootstrap",
  "Assert",
  "Graft",
  "Graft Acknowledgement",
  "Candidate RP Advertisement",
  "Prune Refresh",
  "DF Election",
  "ECMP Redirect",
];

const OPTION_NAMES: ReadonlyMap<number, string> = new Map([
  [1, "Hold Time"],
  [2, "LAN Prune Delay"],
  [18, "DR Priority (Old)"],
  [19, "DR Priority"],
  [20, "Generation ID"],
  [21, "State Refresh Capability"],
  [22, "Bi-Directional Capability"],
  [24, "Address List"],
  [65001, "Address List (Old)"],
]);
