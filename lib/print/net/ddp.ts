/**
 * AppleTalk DDP as tcpdump's atalk_print() and ddp_print() write it (`-n`): `et1 ` with
 * `-v`, `AT ` without `-e`, the source and destination as `net.node.socket` (the network
 * alone for node 255), then by DDP type an ATP header (atp_print(): requests with their
 * bitmap, responses with their sequence number, releases, their flags and user bytes),
 * an NBP packet (`_ddp_nbp.ts`), EIGRP, or `at-TYPE LENGTH`. A header shorter than 13
 * bytes on the wire prints ` [|ddp N]`, one the capture cut ` [|ddp]`; an ATP header the
 * capture cut ` [|atalk]`, one too short ` [|atp N]`.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import { markTruncated } from "../_truncation.ts";
import {
  ATP_HEADER_LENGTH,
  type Ddp,
  DDP_HEADER_LENGTH,
  type DdpDatagram,
  DdpType,
} from "../../net/ddp.ts";
import { linkPayloadLength } from "../_shared.ts";
import { LinkType } from "../../link_type.ts";
import { appleTalkAddress } from "../link/aarp.ts";
import { printNbp } from "./_ddp_nbp.ts";

/** tcpdump's names of DDP types (type2str); others print as `#N`. */
const TYPE_NAMES: ReadonlyMap<number, string> = new Map([
  [DdpType.RTMP, "rtmp"],
  [DdpType.RTMP_REQUEST, "rtmpReq"],
  [DdpType.ECHO, "echo"],
  [DdpType.IP, "IP"],
  [DdpType.ARP, "ARP"],
  [DdpType.KLAP, "KLAP"],
]);

/** ATP's function codes and flags (the control byte). */
const ATP_REQUEST = 0x40;
const ATP_RESPONSE = 0x80;
const ATP_RELEASE = 0xc0;
const ATP_XO = 0x20;
const ATP_EOM = 0x10;
const ATP_STS = 0x08;

/**
 * Prints a DDP datagram with the long header, as a link layer (Ethernet, SNAP, ARCNET)
 * hands it to atalk_print(), or LocalTalk's (link type 114) to llap_print().
 *
 * @param ctx The print context.
 * @param ddp The layer.
 */
export function printDdp(ctx: PrintContext, ddp: Ddp): void {
  const out = ctx.out;
  ctx.done = true;
  // LLAP is link type 114's alone: its DDP prints without atalk_print()'s prefixes.
  const localTalk = ctx.linkType === LinkType.LTALK;
  // Every caller of atalk_print() (ethertype_print(), arcnet_encap_print()) writes this first.
  if (!localTalk && ctx.verbose > 0) out.ascii("et1 ");
  if (!localTalk && !ctx.link) out.ascii("AT ");
  const length = linkPayloadLength(ctx, ddp.offset);
  if (length < DDP_HEADER_LENGTH) {
    out.ascii(` [|ddp ${length}]`);
    if (localTalk) headerReturned(ctx, length);
    return;
  }
  if (ddp.partial) {
    markTruncated(ctx, "ddp");
    if (localTalk) ctx.linkEnd = ctx.end;
    return;
  }
  out.ascii(`${appleTalkAddress(ddp.sourceNet, ddp.sourceNode)}.${ddp.sourceSocket} > `);
  out.ascii(`${appleTalkAddress(ddp.destinationNet, ddp.destinationNode)}.`);
  out.ascii(`${ddp.destinationSocket}:${localTalk ? "" : " "}`);
  if (localTalk) ctx.linkEnd = ddp.payloadOffset;
  printDdpPayload(ctx, ddp, length - DDP_HEADER_LENGTH, localTalk ? "llap" : "atalk");
}

/**
 * Prints what follows a DDP header as ddp_print() does.
 *
 * @param ctx The print context.
 * @param ddp The datagram (a DDP layer, or a LocalTalk layer's short DDP header).
 * @param length The payload's length on the wire.
 * @param proto The name of tcpdump's truncation mark (`atalk`, `llap`).
 */
export function printDdpPayload(
  ctx: PrintContext,
  ddp: DdpDatagram,
  length: number,
  proto: string,
): void {
  const type = ddp.type;
  switch (type) {
    case DdpType.NBP:
      printNbp(ctx, ddp, length, proto);
      return;
    case DdpType.ATP:
      printAtp(ctx, ddp, length, proto);
      return;
    case DdpType.EIGRP:
      // eigrp_print() takes the DDP payload's length on the wire, as it takes IP's.
      ctx.network = true;
      ctx.ipEnd = ddp.payloadOffset + length;
      // Its own printer prints the EIGRP layer that follows (or marks it cut).
      ctx.done = false;
      return;
  }
  ctx.out.ascii(` at-${TYPE_NAMES.get(type) ?? `#${type}`} ${length}`);
}

/** An ATP header as atp_print() writes it. */
function printAtp(ctx: PrintContext, ddp: DdpDatagram, length: number, proto: string): void {
  const out = ctx.out;
  const atp = ddp.atp();
  if (atp === undefined) {
    out.ascii(` [|${proto}]`);
    return;
  }
  if (length < ATP_HEADER_LENGTH) {
    out.ascii(` [|atp ${length}]`);
    return;
  }
  const rest = length - ATP_HEADER_LENGTH;
  const { control, bitmap, transactionId } = atp;
  switch (control & 0xc0) {
    case ATP_REQUEST:
      out.ascii(` atp-req${control & ATP_XO ? " " : "*"} ${transactionId}`);
      out.ascii(bitmapText(bitmap));
      if (rest !== 0) out.ascii(` [len=${rest}]`);
      out.ascii(flags(control, ATP_EOM | ATP_STS, " "));
      break;
    case ATP_RESPONSE:
      out.ascii(` atp-resp${control & ATP_EOM ? "*" : " "}${transactionId}:${bitmap} (${rest})`);
      out.ascii(flags(control, ATP_XO | ATP_STS, " "));
      break;
    case ATP_RELEASE:
      out.ascii(` atp-rel  ${transactionId}${bitmapText(bitmap)}`);
      if (rest !== 0) out.ascii(` [len=${rest}]`);
      out.ascii(flags(control, ATP_XO | ATP_EOM | ATP_STS, ""));
      break;
    default:
      out.ascii(` atp-0x${control.toString(16)}  ${transactionId} (${rest})`);
  }
  if (atp.userData !== 0) out.ascii(` 0x${atp.userData.toString(16)}`);
}

/** The flags of `mask` set in `control`, as `[XO,EOM,STS]` after `before` (nothing when none). */
function flags(control: number, mask: number, before: string): string {
  const names = [];
  if (control & mask & ATP_XO) names.push("XO");
  if (control & mask & ATP_EOM) names.push("EOM");
  if (control & mask & ATP_STS) names.push("STS");
  return names.length === 0 ? "" : `${before}[${names.join(",")}]`;
}

/**
 * An ATP bitmap as atp_bitmap_print() writes it: `<0-N>` for bits 0 to N set (`<0>` for
 * none or bit 0 alone), else the set bits' numbers.
 */
function bitmapText(bitmap: number): string {
  if (((bitmap + 1) & bitmap) !== 0) {
    const bits = [];
    for (let i = 0; i < 8; i++) if (bitmap & (1 << i)) bits.push(i);
    return `<${bits.join(",")}>`;
  }
  const top = 32 - Math.clz32(bitmap);
  return top > 1 ? `<0-${top - 1}>` : "<0>";
}

/**
 * Where `-x`/`-X` start after llap_print() returned `length` for a header too short on the
 * wire: tcpdump takes it as the link header's length, and 0 as a cut header (the whole
 * capture).
 *
 * @param ctx The print context.
 * @param length What llap_print() returned: the length left after the LLAP header.
 */
export function headerReturned(ctx: PrintContext, length: number): void {
  ctx.linkEnd = length === 0 ? ctx.end : ctx.start + length;
}
