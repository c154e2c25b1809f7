/**
 * IEEE 802.15.4 Information Elements as tcpdump's print-802_15_4.c prints them: the Header
 * IE and Payload IE lists (names and lengths, the data in hex; with -vvvv each element's
 * content: CSL, RIT, DSME PAN descriptors, rendezvous time, time correction, MLME sub-IEs
 * (channel hopping, TSCH synchronization, slotframes and links, timeslot), the 802.15.9
 * multiplexed IE, vendor and IETF IEs). Private to `lib/print/`.
 *
 * @module
 */

import { headerIe, type Ieee802154, mlmeIe, payloadIe } from "../../link/ieee802154.ts";
import type { PrintContext } from "../context.ts";
import {
  HEADER_IE_NAMES,
  MLME_LONG_NAMES,
  MLME_SHORT_NAMES,
  PAYLOAD_IE_NAMES,
} from "./_ieee802154_names.ts";
import { pendingAddresses, superframe } from "./_ieee802154_beacon.ts";
import { bytes, hex2, le, u8 } from "./_ieee802154_read.ts";

/** Prints a vendor OUI and its data (`OUI = 0x..., Data = ...`), or the error. */
function vendor(ctx: PrintContext, f: Ieee802154, p: number, length: number): void {
  if (length < 3) {
    ctx.out.ascii("[ERROR: Vendor OUI missing]");
    return;
  }
  ctx.out.ascii(`OUI = 0x${hex2(u8(f, p))}${hex2(u8(f, p + 1))}${hex2(u8(f, p + 2))}, `);
  ctx.out.ascii("Data = ");
  bytes(ctx, f, p + 3, p + length);
}

/** `IE Data = ` and the bytes. */
function ieData(ctx: PrintContext, f: Ieee802154, p: number, length: number): void {
  ctx.out.ascii("IE Data = ");
  bytes(ctx, f, p, p + length);
}

/** A Header IE's content, as ieee802_15_4_print_header_ie() prints it (-vvvv). */
function headerIeContent(
  ctx: PrintContext,
  f: Ieee802154,
  p: number,
  length: number,
  id: number,
): void {
  const out = ctx.out;
  switch (id) {
    case 0x00:
      return vendor(ctx, f, p, length);
    case 0x1a:
      if (length < 4) return out.ascii("[ERROR: Truncated CSL IE]");
      out.ascii(`CSL Phase = ${le(f, p)}, CSL Period = ${le(f, p + 2)}`);
      if (length >= 6) out.ascii(`, Rendezvous time = ${le(f, p + 4)}`);
      if (length !== 4 && length !== 6) out.ascii(" [ERROR: CSL IE length wrong]");
      return;
    case 0x1b:
      if (length < 4) return out.ascii("[ERROR: Truncated RIT IE]");
      out.ascii(
        `Time to First Listen = ${u8(f, p)}, # of Repeat Listen = ${
          u8(f, p + 1)
        }, Repeat Listen Interval = ${le(f, p + 2)}`,
      );
      return;
    case 0x1c:
    case 0x21:
      if (length < 2) return out.ascii("[ERROR: Truncated DSME PAN IE]");
      return dsmePanDescriptor(ctx, f, p, length, id === 0x21);
    case 0x1d:
      if (length !== 4) return out.ascii("[ERROR: Length != 2]");
      out.ascii(`Rendezvous time = ${le(f, p)}, Wake-up Interval = ${le(f, p + 2)}`);
      return;
    case 0x1e: {
      if (length !== 2) return out.ascii("[ERROR: Length != 2]");
      const value = le(f, p);
      if (value & 0x8000) out.ascii("Negative ");
      // The low 12 bits, sign-extended as tcpdump's int16_t shifts do.
      out.ascii(`Ack time correction = ${((value & 0xfff) << 20) >> 20}, `);
      return;
    }
    default:
      return ieData(ctx, f, p, length);
  }
}

/** The DSME PAN descriptor IE (0x1c) and its extended form (0x21). */
function dsmePanDescriptor(
  ctx: PrintContext,
  f: Ieee802154,
  p: number,
  length: number,
  extended: boolean,
): void {
  const out = ctx.out;
  superframe(ctx, le(f, p));
  if (length < 3) return out.ascii("[ERROR: Truncated before pending addresses field]");
  let ptr = 2;
  const len = pendingAddresses(ctx, f, p + ptr, length - ptr);
  if (len < 0) return;
  ptr += len;
  let hopping = false;
  if (extended) {
    if (length < ptr + 2) {
      return out.ascii("[ERROR: Truncated before DSME Superframe Specification]");
    }
    const ss = le(f, p + ptr);
    ptr += 2;
    out.ascii(`Multi-superframe Order = ${ss & 0xff}`);
    out.ascii(`, ${ss & 0x100 ? "Channel hopping mode" : "Channel adaptation mode"}`);
    if (ss & 0x400) out.ascii(", CAP reduction enabled");
    if (ss & 0x800) out.ascii(", Deferred beacon enabled");
    if (ss & 0x1000) {
      out.ascii(", Hopping Sequence Present");
      hopping = true;
    }
  } else {
    if (length < ptr + 1) {
      return out.ascii("[ERROR: Truncated before DSME Superframe Specification]");
    }
    const ss = u8(f, p + ptr);
    ptr++;
    out.ascii(`Multi-superframe Order = ${ss & 0x0f}`);
    out.ascii(`, ${ss & 0x10 ? "Channel hopping mode" : "Channel adaptation mode"}`);
    if (ss & 0x40) out.ascii(", CAP reduction enabled");
    if (ss & 0x80) out.ascii(", Deferred beacon enabled");
  }
  if (length < ptr + 8) {
    return out.ascii(" [ERROR: Truncated before Time synchronization specification]");
  }
  out.ascii(`Beacon timestamp = ${le(f, p + ptr, 6)}, offset = ${le(f, p + ptr + 6)}`);
  ptr += 8;
  if (length < ptr + 4) return out.ascii(" [ERROR: Truncated before Beacon Bitmap]");
  let ulen = le(f, p + ptr + 2);
  out.ascii(`SD Index = ${le(f, p + ptr)}, Bitmap len = ${ulen}, `);
  ptr += 4;
  if (length < ptr + ulen) return out.ascii(" [ERROR: Truncated in SD bitmap]");
  out.ascii(" SD Bitmap = ");
  bytes(ctx, f, p + ptr, p + ptr + ulen);
  ptr += ulen;
  if (length < ptr + 5) {
    return out.ascii(" [ERROR: Truncated before Channel hopping specification]");
  }
  ulen = le(f, p + ptr + 4);
  out.ascii(
    `Hopping Seq ID = ${u8(f, p + ptr)}, PAN Coordinator BSN = ${
      u8(f, p + ptr + 1)
    }, Channel offset = ${le(f, p + ptr + 2)}, Bitmap length = ${ulen}, `,
  );
  ptr += 5;
  if (length < ptr + ulen) return out.ascii(" [ERROR: Truncated in Channel offset bitmap]");
  out.ascii(" Channel offset bitmap = ");
  bytes(ctx, f, p + ptr, p + ptr + ulen);
  ptr += ulen;
  if (!hopping) return;
  if (length < ptr + 1) return out.ascii(" [ERROR: Truncated in Hopping Sequence length]");
  ulen = u8(f, p + ptr);
  ptr++;
  out.ascii(`Hopping Seq length = ${ulen} [ `);
  if (length < ptr + ulen * 2) return out.ascii(" [ERROR: Truncated in Channel offset bitmap]");
  for (let i = 0; i < ulen; i++) out.ascii(`${hex2(le(f, p + ptr + i * 2))} `);
  out.ascii("]");
}

/**
 * The Header IE list from `p` with `caplen` bytes left, as
 * ieee802_15_4_print_header_ie_list() prints it.
 *
 * @returns The bytes it took and whether Payload IEs follow, or -1 after an error.
 */
export function headerIeList(
  ctx: PrintContext,
  f: Ieee802154,
  p: number,
  caplen: number,
): [number, boolean] {
  const out = ctx.out;
  let len = 0;
  do {
    if (caplen < 2) {
      out.ascii("[ERROR: Truncated header IE]");
      return [-1, false];
    }
    const ie = headerIe(le(f, p));
    if (ie.type) out.ascii("[ERROR: Header IE with type 1] ");
    const { elementId: id, length } = ie;
    if (id > 127) out.ascii(`Reserved Element ID ${hex2(id)}, length = ${length} `);
    else if (length === 0) out.ascii(`\n\t${HEADER_IE_NAMES[id]} [`);
    else out.ascii(`\n\t${HEADER_IE_NAMES[id]} [ length = ${length}, `);
    if (caplen < 2 + length) {
      out.ascii("[ERROR: Truncated IE data]");
      return [-1, false];
    }
    p += 2;
    if (ctx.verbose > 3 && length !== 0) headerIeContent(ctx, f, p, length, id);
    else if (length !== 0) ieData(ctx, f, p, length);
    out.ascii("] ");
    len += 2 + length;
    p += length;
    caplen -= 2 + length;
    if (id === 0x7e) return [len, true];
    if (id === 0x7f) break;
  } while (caplen !== 0);
  return [len, false];
}

/** The Channel Hopping IE (long MLME sub-ID 0x09). */
function channelHopping(ctx: PrintContext, f: Ieee802154, p: number, length: number): void {
  const out = ctx.out;
  if (length < 1) return out.ascii("[ERROR: Hopping sequence ID missing]");
  out.ascii(`Hopping Sequence ID = ${u8(f, p)}`);
  if (length === 1) return;
  p++;
  length--;
  if (length < 7) return out.ascii("[ERROR: IE truncated]");
  const page = u8(f, p);
  const channels = le(f, p + 1);
  out.ascii(`Channel Page = ${page}, Number of Channels = ${channels}, `);
  out.ascii(`Phy Configuration = 0x${le(f, p + 3, 4).toString(16).padStart(8, "0")}, `);
  p += 7;
  length -= 7;
  if (page === 9 || page === 10) {
    const len = Math.floor((channels + 7) / 8) & 0xffff;
    if (length < len) return out.ascii("[ERROR: IE truncated]");
    out.ascii("Extended bitmap = 0x");
    for (let i = 0; i < len; i++) out.ascii(hex2(u8(f, p + i)));
    out.ascii(", ");
    p += len;
    length -= len;
  }
  if (length < 2) return out.ascii("[ERROR: IE truncated]");
  const len = le(f, p);
  p += 2;
  length -= 2;
  out.ascii(`Hopping Seq length = ${len} [ `);
  if (length < len * 2) return out.ascii(" [ERROR: IE truncated]");
  for (let i = 0; i < len; i++) out.ascii(`${hex2(le(f, p + i * 2))} `);
  out.ascii("]");
  p += len * 2;
  length -= len * 2;
  if (length < 2) return out.ascii("[ERROR: IE truncated]");
  out.ascii(`Current hop = ${le(f, p)}`);
}

/** The TSCH Slotframe and Link IE (short MLME sub-ID 0x1b). */
function slotframes(ctx: PrintContext, f: Ieee802154, p: number, length: number): void {
  const out = ctx.out;
  if (length < 1) return out.ascii("[ERROR: Truncated IE]");
  const count = u8(f, p);
  out.ascii(`Slotframes = ${count} `);
  let off = 1;
  for (let i = 0; i < count; i++) {
    if (length < off + 4) {
      out.ascii("[ERROR: Truncated IE before slotframes]");
      break;
    }
    const links = u8(f, p + off + 3);
    out.ascii(
      `\n\t\t\t[ Handle ${u8(f, p + off)}, size = ${le(f, p + off + 1)}, links = ${links} `,
    );
    off += 4;
    for (let j = 0; j < links; j++) {
      if (length < off + 5) {
        out.ascii("[ERROR: Truncated IE links]");
        break;
      }
      const options = u8(f, p + off + 4);
      out.ascii(
        `\n\t\t\t\t[ Timeslot =  ${le(f, p + off)}, Offset = ${le(f, p + off + 2)}, Options = `,
      );
      if (options & 0x1) out.ascii("TX ");
      if (options & 0x2) out.ascii("RX ");
      if (options & 0x4) out.ascii("Shared ");
      if (options & 0x8) out.ascii("Timekeeping ");
      if (options & 0x10) out.ascii("Priority ");
      off += 5;
      out.ascii("] ");
    }
    out.ascii("] ");
  }
}

/** The TSCH Timeslot IE (short MLME sub-ID 0x1c): 1, 25 or 27 bytes. */
function timeslot(ctx: PrintContext, f: Ieee802154, p: number, length: number): void {
  const out = ctx.out;
  if (length === 1) return out.ascii(`Time slot ID = ${u8(f, p)} `);
  if (length !== 25 && length !== 27) {
    out.ascii("[ERROR: Length not 1, 25, or 27]");
    out.ascii("\n\t\t\tIE Data = ");
    return bytes(ctx, f, p, p + length);
  }
  const v = [u8(f, p)];
  for (let at = 1; at < 21; at += 2) v.push(le(f, p + at));
  if (length === 25) v.push(le(f, p + 21), le(f, p + 23));
  else v.push(le(f, p + 21, 3), le(f, p + 24, 3));
  out.ascii(
    `Time slot ID = ${v[0]}, CCA Offset = ${v[1]}, CCA = ${v[2]}, TX Offset = ${
      v[3]
    }, RX Offset = ${v[4]}, RX Ack Delay = ${v[5]}, TX Ack Delay = ${v[6]}, RX Wait = ${
      v[7]
    }, Ack Wait = ${v[8]}, RX TX = ${v[9]}, Max Ack = ${v[10]}, Max TX = ${
      v[11]
    }, Time slot Length = ${v[12]} `,
  );
}

/** An MLME sub-IE's content, as ieee802_15_4_print_mlme_ie() prints it (-vvvv). */
function mlmeIeContent(
  ctx: PrintContext,
  f: Ieee802154,
  p: number,
  length: number,
  subId: number,
): void {
  const out = ctx.out;
  switch (subId) {
    case 0x08:
      return vendor(ctx, f, p, length);
    case 0x09:
      return channelHopping(ctx, f, p, length);
    case 0x1a:
      if (length < 6) out.ascii("[ERROR: Length != 6]");
      out.ascii(
        `ASN = ${le(f, p, 5).toString(16).padStart(10, "0")}, Join Metric = ${u8(f, p + 5)} `,
      );
      return;
    case 0x1b:
      return slotframes(ctx, f, p, length);
    case 0x1c:
      return timeslot(ctx, f, p, length);
    default:
      return ieData(ctx, f, p, length);
  }
}

/** The MLME IE's sub-IEs, as ieee802_15_4_print_mlme_ie_list() prints them. */
function mlmeIeList(ctx: PrintContext, f: Ieee802154, p: number, length: number): void {
  const out = ctx.out;
  do {
    if (length < 2) return out.ascii("[ERROR: Truncated MLME IE]");
    const ie = mlmeIe(le(f, p));
    p += 2;
    const names = ie.long ? MLME_LONG_NAMES : MLME_SHORT_NAMES;
    out.ascii(`\n\t\t${names[ie.subId]} [ length = ${ie.length}, `);
    if (length < 2 + ie.length) return out.ascii("[ERROR: Truncated IE data]");
    if (ie.length !== 0) {
      if (ctx.verbose > 3) mlmeIeContent(ctx, f, p, ie.length, ie.subId);
      else if (ctx.verbose > 2) ieData(ctx, f, p, ie.length);
    }
    out.ascii("] ");
    p += ie.length;
    length -= 2 + ie.length;
  } while (length > 0);
}

/** The 802.15.9 Multiplexed IE, as ieee802_15_4_print_mpx_ie() prints it. */
function multiplexedIe(ctx: PrintContext, f: Ieee802154, p: number, length: number): void {
  const out = ctx.out;
  if (length < 1) return out.ascii("[ERROR: Transaction control byte missing]");
  const control = u8(f, p);
  const type = control & 7;
  const tid = control >> 3;
  let start = 0;
  switch (type) {
    case 0:
    case 1:
      out.ascii(
        `Type = Full upper layer fragment${type === 1 ? " with small Multiplex ID" : ""}, `,
      );
      if (type === 0) {
        if (length < 3) return out.ascii("[ERROR: Multiplex ID missing]");
        start = 3;
        out.ascii(
          `tid = 0x${hex2(tid)}, Multiplex ID = 0x${le(f, p + 1).toString(16).padStart(4, "0")}, `,
        );
      } else {
        start = 1;
        out.ascii(`Multiplex ID = 0x${tid.toString(16).padStart(4, "0")}, `);
      }
      break;
    case 2:
    case 4: {
      if (length < 2) return out.ascii("[ERROR: fragment number missing]");
      const fragment = u8(f, p + 1);
      const name = type === 2
        ? fragment === 0 ? "First fragment" : "Middle fragment"
        : "Last fragment";
      out.ascii(`Type = ${name}, tid = 0x${hex2(tid)}, fragment = 0x${hex2(fragment)}, `);
      start = 2;
      if (fragment === 0) {
        if (length < 6) {
          return out.ascii("[ERROR: Total upper layer size or multiplex ID missing]");
        }
        out.ascii(
          `Total upper layer size = 0x${le(f, p + 2).toString(16).padStart(4, "0")}, ` +
            `Multiplex ID = 0x${le(f, p + 4).toString(16).padStart(4, "0")}, `,
        );
        start = 6;
      }
      break;
    }
    case 6:
      if (length === 1) {
        return out.ascii(`Type = Abort, tid = 0x${hex2(tid)}, no max size given`);
      }
      if (length === 3) {
        return out.ascii(
          `Type = Abort, tid = 0x${hex2(tid)}, max size = 0x${
            le(f, p + 1).toString(16).padStart(4, "0")
          }`,
        );
      }
      out.ascii(`Type = Abort, tid = 0x${hex2(tid)}, invalid length = ${length} (not 1 or 3)`);
      out.ascii("Abort data = ");
      return bytes(ctx, f, p + 1, p + length);
    default:
      out.ascii(`Type = ${type} (Reserved), tid = 0x${hex2(tid)}, `);
      start = 1;
  }
  out.ascii("Upper layer data = ");
  bytes(ctx, f, p + start, p + length);
}

/**
 * The Payload IE list from `p` with `caplen` bytes left, as
 * ieee802_15_4_print_payload_ie_list() prints it.
 *
 * @returns The bytes it took, or -1 after an error.
 */
export function payloadIeList(
  ctx: PrintContext,
  f: Ieee802154,
  p: number,
  caplen: number,
): number {
  const out = ctx.out;
  let len = 0;
  do {
    if (caplen < 2) {
      out.ascii("[ERROR: Truncated header IE]");
      return -1;
    }
    const ie = payloadIe(le(f, p));
    if (!ie.type) out.ascii("[ERROR: Payload IE with type 0] ");
    const { groupId: group, length } = ie;
    p += 2;
    if (length === 0) out.ascii(`\n\t${PAYLOAD_IE_NAMES[group]} [`);
    else out.ascii(`\n\t${PAYLOAD_IE_NAMES[group]} [ length = ${length}, `);
    if (caplen < 2 + length) {
      out.ascii("[ERROR: Truncated IE data]");
      return -1;
    }
    if (ctx.verbose > 3 && length !== 0) {
      switch (group) {
        case 0x1:
          mlmeIeList(ctx, f, p, length);
          break;
        case 0x2:
          vendor(ctx, f, p, length);
          break;
        case 0x3:
          multiplexedIe(ctx, f, p, length);
          break;
        case 0x5:
          out.ascii(`Subtype ID = 0x${hex2(u8(f, p))}, Subtype content = `);
          bytes(ctx, f, p + 1, p + length);
          break;
        default:
          ieData(ctx, f, p, length);
      }
    } else if (length !== 0) ieData(ctx, f, p, length);
    out.ascii("]\n\t");
    len += 2 + length;
    p += length;
    caplen -= 2 + length;
    if (group === 0xf) break;
  } while (caplen > 0);
  return len;
}
