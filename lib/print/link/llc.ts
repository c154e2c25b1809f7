/**
 * IEEE 802.2 LLC and SNAP headers as tcpdump's llc_print() and snap_print() write them:
 * with `-e` the SAPs, the control field and the SNAP header; without it, for a payload no
 * printer takes, a summary of the frame (`Unknown DSAP 0x30 Unnumbered, xid, ...`,
 * `SNAP, ethertype ...`) and its bytes.
 *
 * @module
 */

import { hex2 } from "../../_hex.ts";
import { truncated, truncatedRead } from "../_truncation.ts";
import type { PrintContext } from "../context.ts";
import type { Llc } from "../../link/llc.ts";
import { readUint16, readUint24 } from "../../_bytes.ts";
import type { Layer } from "../../layer_map.ts";
import type { DecodeError } from "../../errors.ts";
import { hexAndAsciiPrint } from "../_hex.ts";
import { ETHERTYPE_NAMES, OUI_NAMES } from "../_names.ts";
import { cutAt, linkPayloadLength } from "../_shared.ts";
import { LinkType } from "../../link_type.ts";

/**
 * Whether an LLC header counts as link header for `-x`: not inside a network layer, not
 * after SunATM's header (atm_print() drops the length llc_print() returns), nor in a frame
 * whose addresses lie past the link header (snap_print() drops a bridged frame's length).
 */
function llcIsLinkHeader(ctx: PrintContext): boolean {
  return !ctx.network && ctx.linkType !== LinkType.SUNATM &&
    ctx.macAt < ctx.linkEnd;
}

/** SAP names (tcpdump's llc_values). */
const SAP_NAMES: ReadonlyMap<number, string> = new Map([
  [0x00, "Null"],
  [0xff, "Global"],
  [0x02, "802.1B I"],
  [0x03, "802.1B G"],
  [0x06, "IP"],
  [0x04, "SNA"],
  [0x0e, "ProWay NM"],
  [0x42, "STP"],
  [0x4e, "RS511"],
  [0x7e, "ISO8208"],
  [0x8e, "ProWay"],
  [0xaa, "SNAP"],
  [0xe0, "IPX"],
  [0xf0, "NetBeui"],
  [0xfe, "OSI"],
]);

/** U-frame commands (tcpdump's llc_cmd_values), by the control field without the P/F bit. */
const COMMANDS: ReadonlyMap<number, string> = new Map([
  [0x03, "ui"],
  [0xe3, "test"],
  [0xaf, "xid"],
  [0x63, "ua"],
  [0x43, "disc"],
  [0x0f, "dm"],
  [0x6f, "sabme"],
  [0x87, "frmr"],
]);

/** The flag names of the command/response bit with the poll/final bit (llc_flag_values). */
const FLAGS: ReadonlyMap<number, string> = new Map([
  [0x000, "Command"],
  [0x001, "Response"],
  [0x010, "Poll"],
  [0x011, "Final"],
  [0x100, "Poll"],
  [0x101, "Final"],
]);

const SUPERVISORY = ["Receiver Ready", "Receiver not Ready", "Reject"];

/** Cisco SNAP protocol names (cisco_values). */
const CISCO_PIDS: ReadonlyMap<number, string> = new Map([
  [0x2000, "CDP"],
  [0x2003, "VTP"],
  [0x2004, "DTP"],
  [0x0111, "UDLD"],
  [0x010b, "PVST"],
  [0x010c, "VLAN Bridge"],
]);

/** RFC 2684 bridged protocol names (bridged_values). */
const BRIDGED_PIDS: ReadonlyMap<number, string> = new Map([
  [0x0001, "Ethernet + FCS"],
  [0x0007, "Ethernet w/o FCS"],
  [0x0002, "802.4 + FCS"],
  [0x0008, "802.4 w/o FCS"],
  [0x0003, "Token Ring + FCS"],
  [0x0009, "Token Ring w/o FCS"],
  [0x0004, "FDDI + FCS"],
  [0x000a, "FDDI w/o FCS"],
  [0x0005, "802.6 + FCS"],
  [0x000b, "802.6 w/o FCS"],
  [0x000e, "BPDU"],
]);

/**
 * The name of a SNAP protocol identifier under its OUI (tcpdump's oui_to_struct_tok).
 *
 * @param oui The SNAP OUI.
 * @param pid The protocol identifier.
 * @returns The name, or `Unknown`.
 */
export function pidName(oui: number, pid: number): string {
  switch (oui) {
    case 0x000000:
    case 0x0000f8:
    case 0x080007:
      return ETHERTYPE_NAMES.get(pid) ?? "Unknown";
    case 0x00000c:
      return CISCO_PIDS.get(pid) ?? "Unknown";
    case 0x0080c2:
      return BRIDGED_PIDS.get(pid) ?? "Unknown";
  }
  return "Unknown";
}

/**
 * What snap_print() writes without `-e` for a SNAP payload no printer takes:
 * `SNAP, ethertype IPv4 (0x0800), length N: ` under OUI 0, else the OUI and the PID.
 *
 * @param ctx The print context.
 * @param oui The SNAP OUI.
 * @param pid The protocol identifier.
 * @param length The length after the SNAP header.
 */
export function snapSummary(ctx: PrintContext, oui: number, pid: number, length: number): void {
  const out = ctx.out;
  if (oui === 0) {
    out.ascii(`SNAP, ethertype ${ETHERTYPE_NAMES.get(pid) ?? "Unknown"} (0x`);
    out.hex(pid, 4);
  } else {
    out.ascii(`SNAP, oui ${OUI_NAMES.get(oui) ?? "Unknown"} (0x`);
    out.hex(oui, 6);
    out.ascii(`), pid ${pidName(oui, pid)} (0x`);
    out.hex(pid, 4);
  }
  out.ascii(`), length ${length}: `);
}

/** The LLC header as llc_print() writes it with `-e`: the SAPs and the control field. */
function llcHeader(
  ctx: PrintContext,
  dsapField: number,
  ssapField: number,
  control: number,
  unnumbered: boolean,
): void {
  const out = ctx.out;
  const dsap = dsapField & 0xfe;
  const ssap = ssapField & 0xfe;
  out.ascii(`LLC, dsap ${SAP_NAMES.get(dsap) ?? "Unknown"} (0x${hex2(dsap)}) `);
  out.ascii((dsapField & 1) === 0 ? "Individual" : "Group");
  out.ascii(`, ssap ${SAP_NAMES.get(ssap) ?? "Unknown"} (0x${hex2(ssap)}) `);
  out.ascii((ssapField & 1) === 0 ? "Command" : "Response");
  out.ascii(", ctrl 0x");
  out.hex(control, unnumbered ? 2 : 4);
  out.ascii(": ");
}

/** The SNAP header as snap_print() writes it with `-e`. */
function snapHeader(ctx: PrintContext, oui: number, pid: number, pidLength: number): void {
  const out = ctx.out;
  out.ascii(`oui ${OUI_NAMES.get(oui) ?? "Unknown"} (0x`);
  out.hex(oui, 6);
  out.ascii(`), ${oui === 0 ? "ethertype" : "pid"} ${pidName(oui, pid)} (0x`);
  out.hex(pid, 4);
  out.ascii(`), length ${pidLength}: `);
}

/**
 * Prints an LLC header that the capture cut, as llc_print() stops: within the SAPs and
 * control field, ` [|llc]` and (whatever the options) the bytes there are; within the SNAP
 * header, with `-e` the LLC header, then ` [|snap]`. tcpdump counts the captured bytes as
 * link header (`-x`/`-X` dump none of them).
 *
 * @param ctx The print context.
 * @param error The LLC decoder's error: where the header starts, the bytes it needed.
 */
export function printLlcCut(ctx: PrintContext, error: DecodeError): void {
  const at = error.offset;
  if (llcIsLinkHeader(ctx)) ctx.linkEnd = ctx.end;
  const d = ctx.data;
  if (error.required === 8) {
    // The header's 3 bytes were captured: a UI frame between SNAP SAPs.
    if (ctx.link) llcHeader(ctx, d[at]!, d[at + 1]!, d[at + 2]!, true);
    truncated(ctx, "snap");
    return;
  }
  if (error.required > 8) {
    // An RFC 2684 bridged frame's pad was cut: snap_print() counts its SNAP header.
    if (llcIsLinkHeader(ctx)) ctx.linkEnd = at + 8;
    if (ctx.link) {
      llcHeader(ctx, d[at]!, d[at + 1]!, d[at + 2]!, true);
      const pidLength = linkPayloadLength(ctx, at) - 8;
      snapHeader(ctx, readUint24(d, at + 3), readUint16(d, at + 6), pidLength);
    }
    truncated(ctx, "snap");
    return;
  }
  truncated(ctx, "llc");
  // llc_print()'s default print here does not look at -q, -x or -X.
  if (at < ctx.end) hexAndAsciiPrint(ctx, at, ctx.end);
}

/**
 * Prints what llc_print() prints before Novell's raw 802.3 IPX (both SAPs `0xff`) that an
 * LLC carrier (802.11, FDDI, Token Ring) handed it, decoded or cut: `IPX 802.3: ` with
 * `-e`; the IPX printer then names no framing of its own.
 *
 * @param ctx The print context.
 * @param next The layer after the carrier's header.
 * @param at Where the carrier's payload starts.
 */
export function printRawIpxLead(ctx: PrintContext, next: Layer | undefined, at: number): void {
  if (rawIpxFramed(ctx, next, at) && ctx.link) ctx.out.ascii("IPX 802.3: ");
}

/**
 * Whether the payload at `at` is Novell's raw 802.3 IPX, with no LLC header: decoded as
 * IPX, or cut where IPX begins. When it is, the context says so, and the IPX printer then
 * names no framing of its own.
 *
 * @param ctx The print context.
 * @param next The layer after the carrier's header.
 * @param at Where the carrier's payload starts.
 * @returns `true` for raw 802.3 IPX.
 */
export function rawIpxFramed(ctx: PrintContext, next: Layer | undefined, at: number): boolean {
  if (next?.kind !== "ipx" && !cutAt(ctx, "ipx", at)) return false;
  ctx.ipxFramed = true;
  return true;
}

/**
 * Prints an LLC header (and its SNAP header): its fields with `-e`, and when no printer
 * takes its payload, what tcpdump prints for it followed by the frame's bytes.
 *
 * @param ctx The print context.
 * @param llc The layer.
 * @param next The payload's layer, if it decoded.
 */
export function printLlc(ctx: PrintContext, llc: Llc, next: Layer | undefined): void {
  const out = ctx.out;
  const length = linkPayloadLength(ctx, llc.offset);
  if (llcIsLinkHeader(ctx)) ctx.linkEnd = llc.offset + llc.headerLength;
  const unnumbered = (llc.control & 0x03) === 0x03;
  const base = unnumbered ? 3 : 4;
  const dsap = llc.dsap & 0xfe;
  const ssap = llc.ssap & 0xfe;
  if (ctx.link) llcHeader(ctx, llc.dsap, llc.ssap, llc.control, unnumbered);
  if (llc.oui !== undefined) {
    const oui = llc.oui;
    const pid = llc.protocolId!;
    const pidLength = length - base - 5;
    if (ctx.link) snapHeader(ctx, oui, pid, pidLength);
    if (llc.bridged !== undefined) {
      // snap_print() hands the frame after the pad to ether_print(), token_print() or
      // fddi_print() and drops its length: the pad and the frame's header are not link
      // header. A cut frame is its printer's to mark.
      if (llcIsLinkHeader(ctx)) ctx.linkEnd = llc.offset + 8;
      ctx.tunnelLength = pidLength - llc.bridgePad;
      return;
    }
    // A payload cut short (by the capture or the 802.3 length) is still the EtherType's:
    // tcpdump's snap_print() hands it on, and its printer marks the cut.
    const payloadCut = ctx.error !== undefined &&
      ctx.error.offset === llc.offset + llc.headerLength;
    if (next !== undefined || payloadCut) {
      ctx.frameLength = pidLength;
      return;
    }
    if (!ctx.link) {
      macs(ctx);
      snapSummary(ctx, oui, pid, pidLength);
    }
    dump(ctx, llc);
    return;
  }
  // llc_print() hands SAP 0xe0 to ipx_print(), which marks a header cut short.
  const ipx = next?.kind === "ipx" || cutAt(ctx, "ipx", llc.offset + llc.headerLength);
  if (next !== undefined || ipx) {
    ctx.frameLength = length - base;
    if (ipx) {
      ctx.ipxFramed = true;
      if (ctx.link) out.ascii("IPX 802.2: ");
    }
    return;
  }
  // llc_print() hands an OSI UI frame to isoclns_print(), whose read of the NLPID ends
  // the packet when nothing follows the header.
  const osiCut = dsap === 0xfe && ssap === 0xfe && llc.control === 0x03 &&
    llc.offset + llc.headerLength >= llc.end;
  if (osiCut && ctx.error === undefined) return truncatedRead(ctx, "isoclns");
  if (!ctx.link) {
    const at = ctx.macAt;
    const dsapName = SAP_NAMES.get(dsap) ?? `Unknown DSAP 0x${hex2(dsap)}`;
    if (ssap === dsap) {
      macs(ctx);
      out.ascii(dsapName);
    } else {
      const ssapName = SAP_NAMES.get(ssap) ?? `Unknown SSAP 0x${hex2(ssap)}`;
      if (at >= 0) {
        sourceMac(ctx);
        out.byte(0x20);
      }
      out.ascii(ssapName);
      out.ascii(" > ");
      if (at >= 0) {
        out.mac(ctx.data, at);
        out.byte(0x20);
      }
      out.ascii(dsapName);
    }
    out.byte(0x20);
  }
  const response = llc.ssap & 1;
  const control = llc.control;
  if (unnumbered) {
    const command = control & 0xef;
    out.ascii(`Unnumbered, ${COMMANDS.get(command) ?? hex2(command)}, Flags [`);
    out.ascii(FLAGS.get(response | (control & 0x10)) ?? "?");
    out.ascii(`], length ${length}`);
    if (command === 0xaf) {
      // An XID frame: empty, or the IEEE basic format, is printed without its bytes.
      const payload = length - base;
      const at = llc.offset + base;
      if (payload === 0) {
        ctx.done = true;
        return;
      }
      // A payload on the wire but none captured: llc_print() marks the cut, dumps nothing.
      if (at >= llc.end) return void truncated(ctx, "llc");
      if (ctx.data[at] === 0x81) {
        if (llc.end - at >= 3 && payload >= 3) {
          out.ascii(`: ${hex2(ctx.data[at + 1]!)} ${hex2(ctx.data[at + 2]!)}`);
        } else {
          truncated(ctx, "llc");
          // llc_print()'s default print here does not look at -q, -x or -X.
          hexAndAsciiPrint(ctx, at, llc.end);
        }
        ctx.done = true;
        return;
      }
    }
  } else if ((control & 1) === 1) {
    out.ascii(`Supervisory, ${SUPERVISORY[(control >> 2) & 3] ?? "?"}, rcv seq `);
    out.uint((control >> 9) & 0x7f);
    out.ascii(`, Flags [${FLAGS.get(response | (control & 0x100)) ?? "?"}], length ${length}`);
    ctx.done = true;
    return;
  } else {
    out.ascii("Information, send seq ");
    out.uint((control >> 1) & 0x7f);
    out.ascii(", rcv seq ");
    out.uint((control >> 9) & 0x7f);
    out.ascii(`, Flags [${FLAGS.get(response | (control & 0x100)) ?? "?"}], length ${length}`);
  }
  dump(ctx, llc);
}

/** The Ethernet addresses, `source > destination `, when the link has them. */
function macs(ctx: PrintContext): void {
  const at = ctx.macAt;
  if (at < 0) return;
  const out = ctx.out;
  sourceMac(ctx);
  out.ascii(" > ");
  out.mac(ctx.data, at);
  out.byte(0x20);
}

/** The frame's source address (Token Ring's without its route-information bit). */
function sourceMac(ctx: PrintContext): void {
  const out = ctx.out;
  const at = ctx.sourceMacAt >= 0 ? ctx.sourceMacAt : ctx.macAt + 6;
  if (!ctx.sourceRouted) return out.mac(ctx.data, at);
  out.hex(ctx.data[at]! & 0x7f, 2);
  out.byte(0x3a);
  out.mac(ctx.data, at + 1, 5);
}

/** tcpdump's default print of a frame it does not decode: the bytes from the LLC header. */
function dump(ctx: PrintContext, llc: Llc): void {
  ctx.done = true;
  if (ctx.defaultPrint) hexAndAsciiPrint(ctx, llc.offset, llc.end);
}
