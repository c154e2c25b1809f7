/**
 * IEEE 802.15.4 frames (link types 195 and 230) as tcpdump's print-802_15_4.c prints
 * them: `IEEE 802.15.4 TYPE packet `, then for beacon, data, acknowledgment, command and
 * multipurpose frames `vN `, with -vvv the frame control flags, with -v the sequence number,
 * the destination and source PAN IDs and addresses, the auxiliary security header (-v, its
 * fields -vv), the Header and Payload IE lists, the MIC and FCS (-vvv), the beacon's
 * superframe, GTS and pending addresses (-v), the command's ID and data, and the payload in
 * hex and ASCII (not with -q, -x, -X). `[ERROR: ...]` where tcpdump's checks fail.
 *
 * @module
 */

import type { Ieee802154 } from "../../link/ieee802154.ts";
import type { PrintContext } from "../context.ts";
import { hexAndAsciiPrint } from "../_hex.ts";
import { markTruncated, truncated, truncatedRead } from "../_truncation.ts";
import { COMMAND_NAMES, FRAME_TYPES } from "./_ieee802154_names.ts";
import { commandData, gtsInfo, pendingAddresses, superframe } from "./_ieee802154_beacon.ts";
import { headerIeList, payloadIeList } from "./_ieee802154_ies.ts";
import { address, hex2, hex4, Ieee802154Cut, le, u8 } from "./_ieee802154_read.ts";

/** tcpdump's protocol name, in its truncation mark. */
const PROTO = "802.15.4";

/** Where the frame printer is: the next byte and the bytes left (tcpdump's `p`, `caplen`). */
interface Cursor {
  p: number;
  caplen: number;
}

/**
 * Prints an IEEE 802.15.4 frame as tcpdump's ieee802_15_4_if_print() does.
 *
 * @param ctx The print context.
 * @param f The layer.
 */
export function printIeee802154(ctx: PrintContext, f: Ieee802154): void {
  ctx.done = true;
  const caplen = f.end - f.offset;
  if (caplen < 2) {
    truncated(ctx, PROTO);
    // ieee802_15_4_print() returns the length as its header's: -x dumps nothing.
    ctx.linkEnd = f.end;
    return;
  }
  ctx.out.ascii(`IEEE 802.15.4 ${FRAME_TYPES[f.frameType]} packet `);
  let ok = false;
  try {
    if (f.frameType <= 3) ok = standard(ctx, f);
    else if (f.frameType === 5) ok = multipurpose(ctx, f);
  } catch (error) {
    if (!(error instanceof Ieee802154Cut)) throw error;
    truncatedRead(ctx, PROTO);
    return;
  }
  // It returns 1 for a frame it printed, 0 otherwise: -x starts one byte in, or at the start.
  ctx.linkEnd = f.offset + (ok ? 1 : 0);
}

/** `[ERROR: ...]`, and tcpdump's return of 0. */
function error(ctx: PrintContext, text: string): false {
  ctx.out.ascii(`[ERROR: ${text}]`);
  return false;
}

/** `[ERROR: ...]`, and a -1 return. */
function failed(ctx: PrintContext, text: string): -1 {
  error(ctx, text);
  return -1;
}

/** The flags that -vvv names before the sequence number, in the order tcpdump prints them. */
const STANDARD_FLAGS: readonly [number, string][] = [
  [0x08, "Security Enabled, "],
  [0x10, "Frame Pending, "],
  [0x20, "AR, "],
  [0x40, "PAN ID Compression, "],
  [0x100, "Sequence Number Suppression, "],
  [0x200, "IE present, "],
];

/** The same for a multipurpose frame's long frame control. */
const MULTIPURPOSE_FLAGS: readonly [number, string][] = [
  [0x200, "Security Enabled, "],
  [0x800, "Frame Pending, "],
  [0x4000, "AR, "],
  [0x100, "PAN ID Present, "],
  [0x400, "Sequence Number Suppression, "],
  [0x8000, "IE present, "],
];

/** The frame control flags (-vvv). */
function flags(ctx: PrintContext, fc: number, names: readonly [number, string][]): void {
  if (ctx.verbose <= 2) return;
  for (const [bit, name] of names) if (fc & bit) ctx.out.ascii(name);
}

/** The sequence number (or its suppression) of a standard or long multipurpose frame. */
function sequence(ctx: PrintContext, f: Ieee802154, c: Cursor, standard: boolean): boolean {
  const out = ctx.out;
  // Past the frame control, the sequence number's byte unless suppressed.
  let length = 2;
  if (f.sequenceSuppressed) {
    if (standard) {
      if (f.frameVersion < 2) {
        out.ascii("[ERROR: Sequence number suppressed on frames where version < 2]");
      }
      if (ctx.verbose) out.ascii("seq suppressed ");
    }
  } else {
    const seq = u8(f, f.sequenceAt); // a read past the capture ends the packet here
    if (ctx.verbose) out.ascii(`seq ${hex2(seq)} `);
    length = 3;
  }
  if (c.caplen < length) {
    markTruncated(ctx, PROTO);
    return false;
  }
  c.p += length;
  c.caplen -= length;
  return true;
}

/** The address modes' check: tcpdump stops at a reserved one, the source's first. */
function addressModes(ctx: PrintContext, f: Ieee802154): boolean {
  if (f.srcAddressLength < 0) return error(ctx, "Invalid src address mode");
  if (f.dstAddressLength < 0) return error(ctx, "Invalid dst address mode");
  return true;
}

/** A PAN ID (`%04x:`) when the frame has one there, else `-:`. */
function pan(ctx: PrintContext, f: Ieee802154, c: Cursor, at: number): boolean {
  if (at < 0) {
    ctx.out.ascii("-:");
    return true;
  }
  if (c.caplen < 2) return error(ctx, "Truncated before dst_pan");
  ctx.out.ascii(`${hex4(le(f, c.p))}:`);
  c.p += 2;
  c.caplen -= 2;
  return true;
}

/** An address of `length` bytes, after tcpdump's check of the bytes left. */
function addressAt(ctx: PrintContext, f: Ieee802154, c: Cursor, length: number): boolean {
  if (c.caplen < length) return error(ctx, "Truncated before dst_addr");
  address(ctx, f, c.p, length);
  c.p += length;
  c.caplen -= length;
  return true;
}

/**
 * The auxiliary security header, as ieee802_15_4_print_aux_sec_header() prints it.
 *
 * @returns The bytes tcpdump takes (4 for an extended key source of 8), or -1.
 */
function securityHeader(ctx: PrintContext, f: Ieee802154, p: number, caplen: number): number {
  const out = ctx.out;
  if (caplen < 1) return failed(ctx, "Truncated before Aux Security Header");
  let len = 1;
  caplen--;
  p++;
  if (ctx.verbose > 0) {
    out.ascii(`\n\tSecurity Level ${f.securityLevel}, Key Id Mode ${f.keyIdMode}, `);
  }
  if (!f.frameCounterSuppressed) {
    if (caplen < 4) return failed(ctx, "Truncated before Frame Counter");
    if (ctx.verbose > 1) {
      out.ascii(`Frame Counter 0x${le(f, p, 4).toString(16).padStart(8, "0")} `);
    }
    p += 4;
    caplen -= 4;
    len += 4;
  }
  switch (f.keyIdMode) {
    case 0:
      if (ctx.verbose > 1) out.ascii("Implicit");
      return len;
    case 2:
      if (caplen < 4) return failed(ctx, "Truncated before Key Source");
      if (ctx.verbose > 1) {
        // tcpdump's format is "0x%04x:%0x4x, ": the second half unpadded, then "4x".
        out.ascii(`KeySource 0x${hex4(le(f, p))}:${le(f, p + 2).toString(16)}4x, `);
      }
      p += 4;
      caplen -= 4;
      len += 4;
      break;
    case 3:
      if (caplen < 8) return failed(ctx, "Truncated before Key Source");
      if (ctx.verbose > 1) {
        out.ascii("KeySource ");
        address(ctx, f, p, 8);
        out.ascii(", ");
      }
      // tcpdump moves on 4 bytes only past the 8-byte key source.
      p += 4;
      caplen -= 4;
      len += 4;
      break;
  }
  if (caplen < 1) return failed(ctx, "Truncated before Key Index");
  if (ctx.verbose > 1) out.ascii(`KeyIndex 0x${hex2(u8(f, p))}, `);
  return len + 1;
}

/**
 * What follows the addresses in both printers: the security header, the MIC's removal,
 * the IE lists, then -vvv's MIC and FCS. Returns whether the payload is printed next.
 */
function afterAddresses(ctx: PrintContext, f: Ieee802154, c: Cursor): boolean {
  const out = ctx.out;
  let level = 0;
  if (f.securityEnabled) {
    const len = securityHeader(ctx, f, c.p, c.caplen);
    if (len < 0) return false;
    level = f.securityLevel;
    c.p += len;
    c.caplen -= len;
  }
  const micLength = level === 0 ? 0 : f.micLength;
  let micAt = 0;
  if (micLength !== 0) {
    if (c.caplen < micLength) return error(ctx, "Truncated before MIC");
    c.caplen -= micLength;
    micAt = c.p + c.caplen;
  }
  let payloadIes = false;
  if (f.iePresent) {
    const [len, more] = headerIeList(ctx, f, c.p, c.caplen);
    if (len < 0) return false;
    payloadIes = more;
    c.p += len;
    c.caplen -= len;
  }
  if (payloadIes) {
    if (level >= 4) out.ascii("Payload IEs present, but encrypted, cannot print ");
    else {
      const len = payloadIeList(ctx, f, c.p, c.caplen);
      if (len < 0) return false;
      c.p += len;
      c.caplen -= len;
    }
  }
  if (ctx.verbose > 2 && micLength !== 0) {
    out.ascii("\n\tMIC ");
    for (let i = 0; i < micLength; i++) out.ascii(hex2(u8(f, micAt + i)));
    out.ascii(" ");
  }
  if (ctx.verbose > 2) {
    if (f.fcs === f.fcsComputed) out.ascii(`FCS ${f.fcs.toString(16)} `);
    else {
      out.ascii(
        `wrong FCS ${f.fcs.toString(16)} vs ${f.fcsComputed.toString(16)} (assume no FCS stored) `,
      );
    }
  }
  return true;
}

/** ND_DEFAULTPRINT: the bytes left in hex and ASCII, unless -q, -x or -X. */
function defaultPrint(ctx: PrintContext, f: Ieee802154, c: Cursor): void {
  if (!ctx.defaultPrint) return;
  const to = c.p + c.caplen;
  hexAndAsciiPrint(ctx, c.p, Math.min(to, f.end));
  // hex_and_ascii_print() ends the packet where the length passes the captured bytes.
  if (to > f.end) throw new Ieee802154Cut();
}

/** Beacon, data, acknowledgment and command frames: ieee802_15_4_std_frames(). */
function standard(ctx: PrintContext, f: Ieee802154): boolean {
  const out = ctx.out;
  const c: Cursor = { p: f.offset, caplen: f.bodyEnd - f.offset };
  out.ascii(`v${f.frameVersion} `);
  flags(ctx, f.frameControl, STANDARD_FLAGS);
  if (!sequence(ctx, f, c, true) || !addressModes(ctx, f)) return false;
  if (f.frameVersion < 2 && f.panIdBit && (f.dstAddressLength <= 0 || f.srcAddressLength <= 0)) {
    out.ascii(
      "[ERROR: PAN ID Compression != 0, and only one address with frame version < 2]",
    );
  }
  if (!pan(ctx, f, c, f.dstPanAt) || !addressAt(ctx, f, c, f.dstAddressLength)) return false;
  out.ascii(" < ");
  if (!pan(ctx, f, c, f.srcPanAt) || !addressAt(ctx, f, c, f.srcAddressLength)) return false;
  out.ascii(" ");
  if (!afterAddresses(ctx, f, c)) return false;
  // A beacon's error leaves tcpdump's switch before the payload's print.
  if (f.frameType === 0 && !beacon(ctx, f, c)) return true;
  if (f.frameType === 3) command(ctx, f, c);
  defaultPrint(ctx, f, c);
  return true;
}

/**
 * A beacon's superframe, GTS and pending addresses (frame versions 0 and 1). Returns
 * whether the payload is printed after them (not after an error).
 */
function beacon(ctx: PrintContext, f: Ieee802154, c: Cursor): boolean {
  if (f.frameVersion >= 2) return true;
  if (c.caplen < 2) return error(ctx, "Truncated before beacon information");
  superframe(ctx, le(f, c.p));
  c.p += 2;
  c.caplen -= 2;
  if (c.caplen < 1) return error(ctx, "Truncated before GTS info");
  let len = gtsInfo(ctx, f, c.p, c.caplen);
  if (len < 0) return false;
  c.p += len;
  c.caplen -= len;
  if (c.caplen < 1) return error(ctx, "Truncated before pending addresses");
  len = pendingAddresses(ctx, f, c.p, c.caplen);
  if (len < 0) return false;
  c.p += len;
  c.caplen -= len;
  return true;
}

/** A command's ID and data. */
function command(ctx: PrintContext, f: Ieee802154, c: Cursor): void {
  const out = ctx.out;
  if (c.caplen < 1) return void error(ctx, "Truncated before Command ID");
  const id = u8(f, c.p);
  if (id >= 0x30) out.ascii(`Command ID = Reserved 0x${hex2(id)} `);
  else out.ascii(`Command ID = ${COMMAND_NAMES[id]} `);
  c.p++;
  c.caplen--;
  if (c.caplen === 0) return;
  const len = commandData(ctx, f, id, c.p, c.caplen);
  if (len >= 0) {
    c.p += len;
    c.caplen -= len;
  }
}

/** Multipurpose frames: ieee802_15_4_mp_frame(). */
function multipurpose(ctx: PrintContext, f: Ieee802154): boolean {
  const out = ctx.out;
  const c: Cursor = { p: f.offset, caplen: f.bodyEnd - f.offset };
  if (f.longFrameControl) {
    out.ascii(`v${f.frameVersion} `);
    flags(ctx, f.frameControl, MULTIPURPOSE_FLAGS);
    if (!sequence(ctx, f, c, false)) return false;
  } else {
    const seq = u8(f, f.sequenceAt);
    c.p += 2;
    // tcpdump's unsigned count wraps when the FCS left a byte.
    c.caplen = (c.caplen - 2) >>> 0;
    if (ctx.verbose) out.ascii(`seq ${hex2(seq)} `);
  }
  if (!addressModes(ctx, f)) return false;
  if (!pan(ctx, f, c, f.dstPanAt) || !addressAt(ctx, f, c, f.dstAddressLength)) return false;
  out.ascii(" < ");
  out.ascii(" -:");
  if (!addressAt(ctx, f, c, f.srcAddressLength)) return false;
  out.ascii(" ");
  if (!afterAddresses(ctx, f, c)) return false;
  defaultPrint(ctx, f, c);
  return true;
}
