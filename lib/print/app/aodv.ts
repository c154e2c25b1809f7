/**
 * AODV as tcpdump's aodv_print() writes it, at every verbosity: ` aodv`, then the message
 * (`rreq`, `v6 rreq`, `rrep`, `rerr` with its unreachable destinations, `rrep-ack`, or the
 * unknown type and length), the flags, hop count, addresses and sequence numbers on a
 * second line, and an extension after an RREQ or RREP (`ext HELLO N ms`).
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import {
  type Aodv,
  AODV_EXT_HELLO,
  AODV_RERR_NO_DELETE,
  AodvMessageType,
  AodvRrepFlag,
  AodvRreqFlag,
} from "../../app/aodv.ts";
import { truncated } from "../_truncation.ts";

/** The size of an extension's header (type and length) and of a Hello extension. */
const EXT_HEADER = 2;
const EXT_HELLO = 6;

/**
 * Prints an AODV message after its UDP header.
 *
 * @param ctx The print context.
 * @param aodv The layer.
 */
export function printAodv(ctx: PrintContext, aodv: Aodv): void {
  ctx.done = true;
  const out = ctx.out;
  const type = aodv.messageType;
  const length = aodv.wireLength;
  out.ascii(" aodv");
  const layout = aodv.layout;
  if (layout === undefined) {
    const ack = type === AodvMessageType.RREP_ACK || type === AodvMessageType.V6_DRAFT_01_RREP_ACK;
    out.ascii(ack ? ` rrep-ack ${length}` : ` type ${type} ${length}`);
    return;
  }
  // Each message checks that its fixed part was captured, then that the length holds it.
  if (!aodv.complete || length < layout.size) return void truncated(ctx, "aodv");
  if (layout.message === "rerr") return rerr(ctx, aodv, length);
  // tcpdump tests the flag bits in the type byte, not in the flags byte.
  if (layout.message === "rreq") {
    out.ascii(type === AodvMessageType.RREQ && aodv.ipv6 ? " v6 rreq" : " rreq");
    out.ascii(
      ` ${length} ${type & AodvRreqFlag.JOIN ? "[J]" : ""}${
        type & AodvRreqFlag.REPAIR ? "[R]" : ""
      }` +
        `${type & AodvRreqFlag.GRATUITOUS ? "[G]" : ""}${type & AodvRreqFlag.DEST ? "[D]" : ""}` +
        `${type & AodvRreqFlag.UNKNOWN ? "[U] " : " "}hops ${aodv.hops} id 0x` +
        `${aodv.requestId.toString(16).padStart(8, "0")}\n\tdst ${aodv.destination} seq ` +
        `${aodv.destinationSequence} src ${aodv.originator} seq ${aodv.originatorSequence}`,
    );
  } else {
    out.ascii(
      ` rrep ${length} ${type & AodvRrepFlag.REPAIR ? "[R]" : ""}` +
        `${type & AodvRrepFlag.ACK ? "[A] " : " "}prefix ${aodv.prefixSize} hops ${aodv.hops}` +
        `\n\tdst ${aodv.destination} dseq ${aodv.destinationSequence} src ${aodv.originator} ` +
        `${aodv.lifetime} ms`,
    );
  }
  const rest = length - layout.size;
  if (rest >= EXT_HEADER) extension(ctx, aodv, rest);
}

/** The extension after the fixed part, of which `rest` bytes lie within the message. */
function extension(ctx: PrintContext, aodv: Aodv, rest: number): void {
  const ext = aodv.extension;
  if (ext === undefined) return void truncated(ctx, "aodv");
  if (ext.type !== AODV_EXT_HELLO) {
    ctx.out.ascii(`\n\text ${ext.type} ${ext.length}`);
    return;
  }
  if (ext.interval < 0 || rest < EXT_HELLO) return void truncated(ctx, "aodv");
  ctx.out.ascii(
    ext.length < 4
      ? `\n\text HELLO - bad length ${ext.length}`
      : `\n\text HELLO ${ext.interval} ms`,
  );
}

/** An RERR's header and its unreachable destinations, as many as its count says. */
function rerr(ctx: PrintContext, aodv: Aodv, length: number): void {
  const count = aodv.destinationCount;
  ctx.out.ascii(
    ` rerr ${aodv.flags & AODV_RERR_NO_DELETE ? "[D]" : ""} [items ${count}] [${length}]:`,
  );
  const size = aodv.unreachableSize;
  let rest = length - aodv.layout!.size;
  for (let index = 0; index < count; index++, rest -= size) {
    const unreachable = aodv.unreachableAt(index);
    if (unreachable === undefined || rest < size) return void truncated(ctx, "aodv");
    ctx.out.ascii(` {${unreachable.address}}(${unreachable.sequence})`);
  }
}
