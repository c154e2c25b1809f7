/**
 * Frame Relay as tcpdump's fr_print() writes it: with `-e` the Q.922 header (`Q.922,
 * hdr-len 2, DLCI 102, Flags [none], cisco-ethertype IPv4 (0x0800), length 104: `), the
 * complaints about the encapsulation (`UI 22! `, `Pad! `), then the payload; for an
 * NLPID it does not print, the header and the bytes.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { Layer } from "../../layer_map.ts";
import { type FrameRelay, Nlpid } from "../../link/frame_relay.ts";
import { osiDecoder } from "../../net/isoclns.ts";
import { ETHERTYPE_NAMES, NLPID_NAMES, OUI_NAMES } from "../_names.ts";
import { hexdump } from "../../output/hexdump.ts";
import { pidName, snapSummary } from "./llc.ts";
import { FRF_FLAGS } from "./mfr.ts";
import { bitNames } from "../_shared.ts";
import { truncated, truncatedRead } from "../_truncation.ts";

/** The flag names in tcpdump's order (fr_header_flag_values). */
const FLAGS: readonly [number, string][] = [
  [0x02000000, "C!"],
  [0x00020000, "DE"],
  [0x00040000, "BECN"],
  [0x00080000, "FECN"],
  [0x00000002, "sdlcore"],
];

/** tcpdump's fr_hdr_print(). */
function header(
  ctx: PrintContext,
  fr: FrameRelay,
  length: number,
  addressLength: number,
  protocol: number,
): void {
  const out = ctx.out;
  if (ctx.quiet) {
    out.ascii(`Q.922, DLCI ${fr.dlci}, length ${length}: `);
    return;
  }
  const flags = FLAGS.filter(([bit]) => (fr.flags & bit) !== 0).map(([, name]) => name);
  out.ascii(`Q.922, hdr-len ${addressLength}, DLCI ${fr.dlci}, Flags [`);
  out.ascii(flags.length > 0 ? flags.join(", ") : "none");
  if (protocol <= 0xff) {
    out.ascii(`], NLPID ${NLPID_NAMES.get(protocol) ?? "unknown"} (0x`);
    out.hex(protocol, 2);
  } else {
    out.ascii(`], cisco-ethertype ${ETHERTYPE_NAMES.get(protocol) ?? "unknown"} (0x`);
    out.hex(protocol, 4);
  }
  out.ascii(`), length ${length}: `);
}

/** tcpdump's frf15_print(): the FRF.15 fragmentation header after its NLPID. */
function printFrf15(ctx: PrintContext, fr: FrameRelay, length: number): void {
  ctx.done = true;
  if (length < 2) return void truncated(ctx, "fr");
  const word = fr.frf15Header;
  if (word < 0) return truncatedRead(ctx, "fr");
  const sequence = ((word >> 8) & 0x1e) << 7 | (word & 0xff);
  ctx.out.ascii("FRF.15, seq 0x");
  ctx.out.hex(sequence, 3);
  ctx.out.ascii(`, Flags [${bitNames(FRF_FLAGS, (word >> 8) & 0xe0)}],`);
  ctx.out.ascii(word & 0x100 ? "Interface" : "End-to-End");
  ctx.out.ascii(` Fragmentation, length ${length}`);
}

/**
 * The default print of bytes no printer reads, `[from, to)` by the wire length: a newline,
 * then hex and ASCII of what was captured, and [|fr] when the capture ends first (as
 * hex_and_ascii_print() does, with its longjmp: -x dumps the whole packet).
 */
function dump(ctx: PrintContext, from: number, to: number): void {
  const text = hexdump(ctx.data.subarray(from, Math.min(to, ctx.end)), { ascii: true });
  if (text !== "") {
    ctx.out.byte(0x0a);
    ctx.out.ascii(text);
  }
  if (to > ctx.end) truncatedRead(ctx, "fr");
}

/**
 * Prints a Frame Relay header as tcpdump does, then lets the payload's printer go on, or
 * prints the header and the bytes of a payload tcpdump does not print.
 *
 * @param ctx The print context.
 * @param fr The layer.
 * @param next The payload's layer, if it decoded.
 */
export function printFrameRelay(ctx: PrintContext, fr: FrameRelay, next: Layer | undefined): void {
  const out = ctx.out;
  const first = fr.offset === ctx.start;
  const length = first ? ctx.originalLength : ctx.tunnelLength;
  const snap = fr.oui !== undefined ? 5 + fr.bridgeSkip : 0;
  const headerLength = fr.headerLength - snap;
  // The OSI decoders start at the NLPID, but tcpdump's header (and -X dump) ends after it.
  // Inside FRF.16, mfr_print() leaves out what fr_print() read from the link header.
  if (first) ctx.linkEnd = fr.offset + headerLength + (osiDecoder(fr.nlpid) !== undefined ? 1 : 0);
  const stop = (): void => {
    if (next === undefined && ctx.error === undefined) ctx.done = true;
  };
  if (!fr.validAddress) {
    out.ascii("Q.922, invalid address");
    ctx.done = true;
    return;
  }
  const addressLength = fr.addressLength;
  const data = fr.data;
  if (fr.etherType !== undefined) {
    if (ctx.link) header(ctx, fr, length, addressLength, fr.etherType);
    ctx.tunnelLength = length - headerLength;
    stop();
    return;
  }
  const control = data[fr.offset + addressLength]!;
  if (fr.notCisco) {
    if (ctx.link && fr.offset + addressLength + 2 <= fr.end) {
      header(ctx, fr, length, addressLength, (control << 8) | data[fr.offset + addressLength + 1]!);
    }
    out.ascii("UI ");
    out.hex(control, 2);
    out.ascii("! ");
  }
  if (fr.pad && addressLength !== 3) out.ascii("Pad! ");
  if (fr.partial) {
    // fr_print() returns 0 after a cut: the link header counts for nothing with -x.
    if (first) ctx.linkEnd = fr.offset;
    truncated(ctx, "fr");
    return;
  }
  if (!fr.pad && addressLength === 3) out.ascii("No pad! ");
  const nlpid = fr.nlpid!;
  if (ctx.link) header(ctx, fr, length, addressLength, nlpid);
  const rest = length - headerLength;
  ctx.tunnelLength = rest;
  ctx.frameLength = rest;
  switch (nlpid) {
    case Nlpid.IP:
    case Nlpid.IP6:
    case Nlpid.Q933:
    case Nlpid.PPP:
    case Nlpid.ISIS:
    case Nlpid.CLNP:
    case Nlpid.ESIS:
      stop();
      return;
    case Nlpid.MFR:
      printFrf15(ctx, fr, rest);
      return;
    case Nlpid.SNAP: {
      const oui = fr.oui;
      // snap_print() checks its 5 bytes first, then hands on the length after them.
      if (oui === undefined) return void truncated(ctx, "snap");
      // It hands a bridged frame on after the byte it skips before FDDI.
      ctx.tunnelLength = ctx.frameLength = rest - 5 - fr.bridgeSkip;
      if (ctx.link) {
        const pid = fr.protocolId!;
        out.ascii(`oui ${OUI_NAMES.get(oui) ?? "Unknown"} (0x`);
        out.hex(oui, 6);
        out.ascii(`), ${oui === 0 ? "ethertype" : "pid"} `);
        out.ascii(`${pidName(oui, pid)} (0x`);
        out.hex(pid, 4);
        out.ascii(`), length ${rest - 5}: `);
      }
      if (fr.bridgeCut) return void truncated(ctx, "snap");
      if (next !== undefined || ctx.error !== undefined) return;
      if (!ctx.link) {
        // snap_print() names what it does not print before fr_print() prints the header.
        snapSummary(ctx, oui, fr.protocolId!, rest - 5);
        header(ctx, fr, length, headerLength, nlpid);
      }
      if (ctx.defaultPrint) dump(ctx, fr.offset, fr.offset + length);
      ctx.done = true;
      return;
    }
  }
  if (!ctx.link) header(ctx, fr, length, addressLength, nlpid);
  // tcpdump leaves this dump out for -x only: with -X the bytes are dumped twice.
  if (ctx.hex === 0 || ctx.ascii) dump(ctx, fr.offset + headerLength, fr.offset + length);
  ctx.done = true;
}
