/**
 * BGP UPDATE messages as tcpdump's bgp_update_print() writes them at `-v`: withdrawn
 * routes, each path attribute's header line and value, the End-of-RIB marker and the
 * updated routes. Private to `lib/print/app/`.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import { BgpUpdateCursor, BgpUpdateItem } from "../../app/_bgp_update.ts";
import { ATTRIBUTE_NAMES, attributeFlags, printAttribute } from "./_bgp_attributes.ts";
import { formatPrefix } from "./_bgp_mp.ts";
import { markTruncated } from "../_truncation.ts";

const cursor = new BgpUpdateCursor();

/**
 * Prints the body of an UPDATE message.
 *
 * @param ctx The print context.
 * @param at Where the message (its marker) starts.
 * @param length Its length.
 * @param end Where the captured bytes end.
 * @throws {BgpCut} Where tcpdump gives up the packet.
 */
export function printBgpUpdate(ctx: PrintContext, at: number, length: number, end: number): void {
  const out = ctx.out;
  const walk = cursor.reset(ctx.data, at, length, end);
  for (;;) {
    const item = walk.next();
    switch (item) {
      case BgpUpdateItem.WITHDRAWN:
        out.ascii("\n\t  Withdrawn routes:");
        break;
      case BgpUpdateItem.PREFIX:
        out.ascii(`\n\t    ${formatPrefix(ctx.data, walk.addressAt, walk.bits, 1)}`);
        if (walk.addPath) out.ascii(`   Path Id: ${walk.pathId}`);
        break;
      case BgpUpdateItem.ILLEGAL_PREFIX:
        out.ascii("\n\t    (illegal prefix length)");
        break;
      case BgpUpdateItem.END_OF_RIB:
        out.ascii("\n\t  End-of-Rib Marker (empty NLRI)");
        break;
      case BgpUpdateItem.ATTRIBUTES_SHORT:
        out.ascii("\n\t  [path attrs too short]");
        break;
      case BgpUpdateItem.ATTRIBUTE:
      case BgpUpdateItem.VALUE_SHORT: {
        const { type, flags, length: valueLength, valueAt } = walk;
        out.ascii(`\n\t  ${ATTRIBUTE_NAMES.get(type) ?? "Unknown Attribute"} (${type})`);
        out.ascii(`, length: ${valueLength}`);
        if (flags !== 0) out.ascii(attributeFlags(flags) + ": ");
        if (item === BgpUpdateItem.VALUE_SHORT) out.ascii(" [path attrs too short]");
        else if (!printAttribute(ctx, type, valueAt, valueLength, end, 0)) {
          markTruncated(ctx, "bgp");
          return;
        }
        break;
      }
      case BgpUpdateItem.UPDATED:
        out.ascii("\n\t  Updated routes:");
        break;
      case BgpUpdateItem.TRUNCATED:
        markTruncated(ctx, "bgp");
        return;
      default:
        return;
    }
  }
}
