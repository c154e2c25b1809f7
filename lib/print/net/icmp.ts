/**
 * ICMP as tcpdump's icmp_print() writes it, with `-v` a bad checksum, the quoted
 * datagram of an error message and its RFC 4884 extension.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { Icmp } from "../../net/icmp.ts";
import { decodeWith } from "../../_packet.ts";
import { LinkType } from "../../link_type.ts";
import { foldChecksum, sumWords } from "../../checksum.ts";
import { expectedChecksum } from "../_shared.ts";
import { printError } from "../_undecoded.ts";
import { truncatedRead } from "../_truncation.ts";
import { icmpText } from "./_icmp_text.ts";
import { printIcmpExtension } from "./_icmp_extension.ts";

/**
 * Prints an ICMP message.
 *
 * @param ctx The print context.
 * @param icmp The layer.
 */
export function printIcmp(ctx: PrintContext, icmp: Icmp): void {
  const out = ctx.out;
  ctx.done = true;
  const length = ctx.network ? ctx.ipEnd - icmp.offset : icmp.end - icmp.offset;
  const type = icmp.type;
  if (type === 0 || type === 8) {
    // An echo, the common message, is written without building its text.
    const identifier = icmp.identifier;
    if (identifier === undefined) return truncatedRead(ctx, "icmp");
    out.ascii(type === 0 ? "ICMP echo reply, id " : "ICMP echo request, id ");
    out.uint(identifier);
    out.ascii(", seq ");
    out.uint(icmp.sequenceNumber!);
  } else {
    const text = icmpText(icmp);
    if (text === undefined) return truncatedRead(ctx, "icmp");
    out.ascii("ICMP ");
    out.ascii(text);
  }
  out.ascii(", length ");
  out.uint(length);
  if (ctx.verbose === 0) return;
  if (!ctx.fragment && icmp.offset + length <= icmp.end) {
    const sum = foldChecksum(sumWords(icmp.data, icmp.offset, icmp.offset + length, 0));
    if (sum !== 0) {
      if (icmp.offset + 4 > icmp.end) {
        truncatedRead(ctx, "icmp");
        return;
      }
      out.ascii(" (wrong icmp cksum ");
      out.hex(icmp.checksum);
      out.ascii(" (->");
      out.hex(expectedChecksum(icmp.checksum, sum));
      out.ascii(")!)");
    }
  }
  if (type === 3 || type === 4 || type === 5 || type === 11 || type === 12) {
    out.ascii("\n\t");
    const quotedLength = icmp.quoted!.totalLength;
    if (quotedLength === undefined) {
      truncatedRead(ctx, "icmp");
      return;
    }
    quoted(ctx, icmp, quotedLength);
    if (length > 136 && type !== 4 && type !== 5) {
      printIcmpExtension(ctx, icmp, length);
    }
  }
}

/**
 * With -v, tcpdump prints the IP datagram that an ICMP error quotes, its capture cut at
 * the quoted header's total length.
 */
function quoted(ctx: PrintContext, icmp: Icmp, quotedLength: number): void {
  const data = ctx.data;
  const start = ctx.start;
  const end = ctx.end;
  const linkEnd = ctx.linkEnd;
  const originalLength = ctx.originalLength;
  const ipEnd = ctx.ipEnd;
  const from = icmp.offset + 8;
  const inner = decodeWith(
    LinkType.IPV4,
    icmp.data.subarray(from, Math.min(icmp.end, from + quotedLength)),
    { registry: ctx.registry },
  );
  ctx.data = inner.data;
  ctx.start = 0;
  ctx.end = inner.data.length;
  ctx.linkEnd = -1;
  ctx.originalLength = Infinity;
  ctx.done = false;
  ctx.printLayers(inner.layers, 0, inner.count);
  if (!ctx.done && inner.error !== undefined) printError(ctx, inner.error);
  ctx.done = true;
  ctx.data = data;
  ctx.start = start;
  ctx.end = end;
  ctx.linkEnd = linkEnd;
  ctx.originalLength = originalLength;
  ctx.ipEnd = ipEnd;
}
