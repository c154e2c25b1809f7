/**
 * ARCNET headers as tcpdump's arcnet_if_print() and arcnet_linux_if_print() write them:
 * with `-e` the stations, the system code's name and, for an RFC 1201 BSD header, the
 * sequence number and fragment (`be 50 ip seqid 1234 (first of 2 fragments) 508: `); the
 * payload by its system code (tcpdump's arcnet_encap_print()), a fragment after the first
 * as nothing, an unknown code's bytes in hex; a cut header as ` [|arcnet]`.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { Layer } from "../../layer_map.ts";
import { type Arcnet, type ArcnetLinux, ArcnetType } from "../../link/arcnet.ts";
import { hexAndAsciiPrint } from "../_hex.ts";
import { truncatedRead } from "../_truncation.ts";

/** tcpdump's arctypemap: the system codes it names. */
const TYPE_NAMES: ReadonlyMap<number, string> = new Map([
  [ArcnetType.IP_OLD, "oldip"],
  [ArcnetType.ARP_OLD, "oldarp"],
  [ArcnetType.IP, "ip"],
  [ArcnetType.ARP, "arp"],
  [ArcnetType.REVARP, "rarp"],
  [ArcnetType.ATALK, "atalk"],
  [ArcnetType.BANYAN, "banyan"],
  [ArcnetType.IPX, "ipx"],
  [ArcnetType.INET6, "ipv6"],
  [ArcnetType.DIAGNOSE, "diag"],
]);

/** Two lowercase hex digits and a space. */
function station(ctx: PrintContext, value: number): void {
  ctx.out.hex(value, 2);
  ctx.out.byte(0x20);
}

/**
 * tcpdump's arcnet_print(): the stations, then (not with `-q`) the type's name, the
 * sequence number and fragment of an RFC 1201 header (`fragments` false: none), then the
 * length on the wire.
 */
function header(
  ctx: PrintContext,
  arcnet: Arcnet | ArcnetLinux,
  type: number,
  fragments: boolean,
  length: number,
): void {
  const out = ctx.out;
  station(ctx, arcnet.source);
  station(ctx, arcnet.destination);
  if (!ctx.quiet) {
    const name = TYPE_NAMES.get(type);
    if (name !== undefined) out.ascii(name);
    else out.hex(type, 2);
    out.byte(0x20);
    if (fragments) {
      const flag = arcnet.flag;
      out.ascii("seqid ");
      out.hex(arcnet.sequenceId, 4);
      out.byte(0x20);
      if (flag !== 0) {
        if (flag & 1) out.ascii(`(first of ${(flag + 3) >> 1} fragments) `);
        else out.ascii(`(fragment ${(flag >> 1) + 1}) `);
      }
    }
  }
  out.uint(length);
  out.ascii(": ");
}

/**
 * The payload by its system code, as arcnet_encap_print() hands it on (AppleTalk's `et1 `
 * with `-v` is the DDP printer's): IPX without the Ethernet framing's name; a code that no decoder reads (or no
 * decoder bound to its EtherType) as tcpdump's default print of the bytes in hex, which
 * arcnet_if_print() calls whatever `-q`, `-x` or `-X` say.
 */
function payload(ctx: PrintContext, arcnet: Arcnet | ArcnetLinux, next: Layer | undefined): void {
  const type = arcnet.type;
  if (type === ArcnetType.IPX) ctx.ipxFramed = true;
  if (next !== undefined || ctx.error !== undefined) return;
  hexAndAsciiPrint(ctx, arcnet.offset + arcnet.headerLength, ctx.end);
  ctx.done = true;
}

/**
 * Prints a BSD ARCNET header (`LINKTYPE_ARCNET_BSD`) as tcpdump's arcnet_if_print():
 * the header with `-e`; an RFC 1201 header cut by the capture as the short header, then
 * `phds` (`phds extended` in an exception packet's 4 more bytes), even without `-e`.
 *
 * @param ctx The print context.
 * @param arcnet The layer.
 * @param next The layer after it, if one decoded.
 */
export function printArcnet(ctx: PrintContext, arcnet: Arcnet, next: Layer | undefined): void {
  const length = ctx.originalLength - (arcnet.offset - ctx.start);
  if (arcnet.partial) {
    if (arcnet.headerLength >= 3) {
      header(ctx, arcnet, arcnet.type, false, length);
      ctx.out.ascii(arcnet.headerLength < 6 ? " phds" : " phds extended");
    }
    truncatedRead(ctx, "arcnet");
    return;
  }
  ctx.linkEnd = arcnet.offset + arcnet.headerLength;
  if (ctx.link) header(ctx, arcnet, arcnet.type, arcnet.fragmentationHeader, length);
  if (arcnet.middleFragment) {
    ctx.done = true;
    return;
  }
  payload(ctx, arcnet, next);
}

/**
 * Prints a Linux ARCNET header (`LINKTYPE_ARCNET_LINUX`) as tcpdump's
 * arcnet_linux_if_print(): with `-e` the stations and a type without the fragment fields,
 * where the type tcpdump names is the byte after the stations (it reads the header as BSD's,
 * so the buffer offset's first byte); a cut header as ` [|arcnet_linux]`.
 *
 * @param ctx The print context.
 * @param arcnet The layer.
 * @param next The layer after it, if one decoded.
 */
export function printArcnetLinux(
  ctx: PrintContext,
  arcnet: ArcnetLinux,
  next: Layer | undefined,
): void {
  if (arcnet.partial) {
    truncatedRead(ctx, "arcnet_linux");
    return;
  }
  ctx.linkEnd = arcnet.offset + arcnet.headerLength;
  if (ctx.link) {
    const length = ctx.originalLength - (arcnet.offset - ctx.start);
    header(ctx, arcnet, arcnet.bufferOffset >> 8, false, length);
  }
  payload(ctx, arcnet, next);
}
