/**
 * LMP as tcpdump's lmp_print() writes it: the version, message type and length; with
 * `-v` the common header and a line per object with its fields (control channel, node,
 * link and interface IDs, message IDs, Config, Hello, Verify Begin/ACK/ID, TE Link, Data
 * Link and its subobjects, Channel Status and Request, Error Code, UNI 1.0 Service Config),
 * unknown objects dumped, and with `-vv` every object's dump too.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import { type Lmp, LMP_HEADER_LENGTH, type LmpObject } from "../../app/lmp.ts";
import { formatIpv4, formatIpv6 } from "../../address.ts";
import { readUint16, readUint32 } from "../../_bytes.ts";
import { unknownData } from "../_hex.ts";
import { bitNames } from "../_shared.ts";
import { invalid, truncatedRead } from "../_truncation.ts";
import { mbps } from "../net/_te_bandwidth.ts";
import { GMPLS_ENCODINGS, GMPLS_SWITCH_CAPABILITIES } from "../net/_rsvp_names.ts";
import {
  BEGIN_VERIFY_ERRORS,
  CCT_FLAGS,
  CHANNEL_STATUSES,
  CPSA_LINK_TYPES,
  CTYPES,
  DATA_LINK_FLAGS,
  HEADER_FLAGS,
  LINK_SUMMARY_ERRORS,
  MESSAGES,
  NSA_DIVERSITY_FLAGS,
  NSA_TCM_FLAGS,
  NSA_TRANSPARENCY_FLAGS,
  OBJECTS,
  SDH_SIGNALS,
  SONET_SIGNALS,
  SP_FLAGS,
  SUBOBJECTS,
  TE_LINK_FLAGS,
  TP_FLAGS,
  VERIFY_FLAGS,
} from "./_lmp_names.ts";

/** Thrown where tcpdump's GET macros stop at the captured end (its longjmp). */
class Cut {}

/** Reads of the message's bytes (offsets from its start) that stop at the capture's end. */
class Reader {
  constructor(readonly lmp: Lmp) {}
  #at(at: number, length: number): number {
    if (!this.lmp.has(at, length)) throw new Cut();
    return this.lmp.offset + at;
  }
  u8(at: number): number {
    return this.lmp.data[this.#at(at, 1)]!;
  }
  u16(at: number): number {
    return readUint16(this.lmp.data, this.#at(at, 2));
  }
  u32(at: number): number {
    return readUint32(this.lmp.data, this.#at(at, 4));
  }
  ip4(at: number): string {
    return formatIpv4(this.lmp.data, this.#at(at, 4));
  }
  ip6(at: number): string {
    return formatIpv6(this.lmp.data, this.#at(at, 16));
  }
  mbps(at: number): string {
    return mbps(this.lmp.data, this.#at(at, 4));
  }
}

/** tcpdump's snapend: the captured end of the IP packet, past a shorter UDP length. */
const snapEnd = (lmp: Lmp) => lmp.offset + lmp.captured;
const hex8 = (n: number) => n.toString(16).padStart(8, "0");
const encoding = (n: number) => GMPLS_ENCODINGS[n] || "Unknown";

/**
 * Prints an LMP message after its UDP header.
 *
 * @param ctx The print context.
 * @param lmp The layer.
 */
export function printLmp(ctx: PrintContext, lmp: Lmp): void {
  ctx.done = true;
  try {
    message(ctx, lmp, new Reader(lmp));
  } catch (error) {
    if (!(error instanceof Cut)) throw error;
    truncatedRead(ctx, "lmp");
  }
}

function message(ctx: PrintContext, lmp: Lmp, r: Reader): void {
  const out = ctx.out;
  if (!lmp.has(0, LMP_HEADER_LENGTH)) throw new Cut();
  if (lmp.version !== 1) {
    out.ascii(`LMP version ${lmp.version} packet not supported`);
    return;
  }
  const type = lmp.messageType;
  const length = lmp.wireLength;
  if (ctx.verbose < 1) {
    out.ascii(`LMPv1 ${MESSAGES.get(type) ?? `unknown (${type})`} Message, length: ${length}`);
    return;
  }
  out.ascii(`\n\tLMPv1, msg-type: ${MESSAGES.get(type) ?? `unknown, type: ${type}`}, `);
  out.ascii(`Flags: [${bitNames(HEADER_FLAGS, lmp.flags)}], length: ${lmp.length}`);
  let left = lmp.length;
  if (left < LMP_HEADER_LENGTH) return out.ascii(" (too short)");
  if (left > length) {
    out.ascii(" (too long)");
    left = length;
  }
  let at = LMP_HEADER_LENGTH;
  left -= LMP_HEADER_LENGTH;
  while (left > 0) {
    // tcpdump reads the length, then the class type, then the class.
    r.u16(at + 2);
    const object = lmp.objectAt(at)!;
    const { classNum, ctype } = object;
    out.ascii(`\n\t  ${OBJECTS.get(classNum) ?? "Unknown"} Object (${classNum}), Class-Type: `);
    out.ascii(`${CTYPES.get(classNum * 256 + ctype) ?? "Unknown"} (${ctype}) Flags: [`);
    out.ascii(`${object.negotiable ? "" : "non-"}negotiable], length: ${object.length}`);
    if (object.length < 4) return out.ascii(" (too short)");
    if (object.length % 4 !== 0) return out.ascii(" (not a multiple of 4)");
    if (!lmp.has(at, object.length)) throw new Cut();
    const dump = body(ctx, r, object, at + 4, object.length - 4);
    if (ctx.verbose > 1 || dump) {
      unknownData(ctx, object.offset + 4, object.length - 4, "\n\t    ", snapEnd(lmp));
    }
    if (left < object.length) {
      out.ascii(` [remaining objects length ${left} < ${object.length}]`);
      return invalid(ctx);
    }
    at += object.length;
    left -= object.length;
  }
}

/** An object's body at `at` (`size` bytes); `true` when tcpdump dumps it for want of a decoder. */
function body(ctx: PrintContext, r: Reader, object: LmpObject, at: number, size: number): boolean {
  const out = ctx.out;
  const wrong = (expected: number, exact = true) => {
    const bad = exact ? size !== expected : size < expected;
    if (bad) out.ascii(" (not correct for object)");
    return bad;
  };
  const idLine = (label: string, text: string, value: number) =>
    out.ascii(`\n\t    ${label}: ${text} (0x${hex8(value)})`);
  const ctype = object.ctype;
  switch (object.classNum) {
    case 1: // Control Channel ID
    case 2: // Node ID
      if (ctype !== 1 && ctype !== 2) return true;
      if (wrong(4)) return false;
      if (object.classNum === 1) idLine("Control Channel ID", String(r.u32(at)), r.u32(at));
      else idLine("Node ID", r.ip4(at), r.u32(at));
      return false;
    case 3: // Link ID
    case 4: // Interface ID
      if (ctype < 1 || ctype > 6) return true;
      if (ctype === 3 || ctype === 4) {
        if (!wrong(16)) idLine("IPv6 Link ID", r.ip6(at), r.u32(at));
      } else if (!wrong(4)) {
        if (ctype <= 2) idLine("IPv4 Link ID", r.ip4(at), r.u32(at));
        else idLine("Link ID", String(r.u32(at)), r.u32(at));
      }
      return false;
    case 5: // Message ID
      if (ctype !== 1 && ctype !== 2) return true;
      if (!wrong(4)) {
        idLine(ctype === 1 ? "Message ID" : "Message ID Ack", String(r.u32(at)), r.u32(at));
      }
      return false;
    case 6: // Config
      if (ctype !== 1) return true;
      if (!wrong(4)) {
        const text = `\n\t    Hello Interval: ${r.u16(at)}\n\t    Hello Dead Interval: ${
          r.u16(at + 2)
        }`;
        out.ascii(text);
      }
      return false;
    case 7: // Hello
      if (ctype !== 1) return true;
      if (!wrong(8)) out.ascii(`\n\t    Tx Seq: ${r.u32(at)}, Rx Seq: ${r.u32(at + 4)}`);
      return false;
    case 11: // TE Link
      return links(ctx, r, ctype, at, size, false);
    case 12: // Data Link
      return links(ctx, r, ctype, at, size, true);
    case 8: // Verify Begin
      if (ctype !== 1) return true;
      if (wrong(20)) return false;
      out.ascii(`\n\t    Flags: ${bitNames(VERIFY_FLAGS, r.u16(at))}`);
      out.ascii(`\n\t    Verify Interval: ${r.u16(at + 2)}`);
      out.ascii(`\n\t    Data links: ${r.u32(at + 4)}`);
      out.ascii(`\n\t    Encoding type: ${encoding(r.u8(at + 8))}`);
      {
        const mechanism = r.u16(at + 10);
        // tcpdump tests the decimal 8000, not 0x8000.
        const note = (mechanism & 8000) !== 0 ? " (Payload test messages capable)" : "";
        out.ascii(
          `\n\t    Verify Transport Mechanism: ${mechanism} (0x${mechanism.toString(16)})${note}`,
        );
      }
      out.ascii(`\n\t    Transmission Rate: ${r.mbps(at + 12)}`);
      out.ascii(`\n\t    Wavelength: ${r.u32(at + 16)}`);
      return false;
    case 9: // Verify Begin ACK
      if (ctype !== 1) return true;
      if (!wrong(4)) {
        const text = `\n\t    Verify Dead Interval: ${
          r.u16(at)
        }\n\t    Verify Transport Response: ${r.u16(at + 2)}`;
        out.ascii(text);
      }
      return false;
    case 10: // Verify ID
      if (ctype !== 1) return true;
      if (!wrong(4)) out.ascii(`\n\t    Verify ID: ${r.u32(at)}`);
      return false;
    case 13: // Channel Status
      return channels(ctx, r, ctype, at, size, true);
    case 14: // Channel Status Request
      return channels(ctx, r, ctype, at, size, false);
    case 20: // Error Code
      if (ctype !== 1 && ctype !== 2) return true;
      if (!wrong(4)) {
        const names = ctype === 1 ? BEGIN_VERIFY_ERRORS : LINK_SUMMARY_ERRORS;
        out.ascii(`\n\t    Error Code: ${bitNames(names, r.u32(at))}`);
      }
      return false;
    case 51: // Service Config
      return serviceConfig(ctx, r, ctype, at, size, wrong);
    default:
      if (ctx.verbose <= 1) unknownData(ctx, r.lmp.offset + at, size, "\n\t    ", snapEnd(r.lmp));
      return false;
  }
}

/** The TE Link (`data` false) and Data Link objects; `true` to dump. */
function links(
  ctx: PrintContext,
  r: Reader,
  ctype: number,
  at: number,
  size: number,
  data: boolean,
): boolean {
  const out = ctx.out;
  if (ctype < 1 || ctype > 3) return true;
  const ids = ctype === 2 ? 36 : 12;
  if (data ? size < ids : size !== ids) {
    out.ascii(" (not correct for object)");
    return false;
  }
  out.ascii(`\n\t    Flags: [${bitNames(data ? DATA_LINK_FLAGS : TE_LINK_FLAGS, r.u8(at))}]`);
  const remote = ctype === 2 ? 20 : 8;
  const id = (k: number) =>
    ctype === 1 ? r.ip4(at + k) : ctype === 2 ? r.ip6(at + k) : String(r.u32(at + k));
  const label = data ? "Interface ID" : "Link-ID";
  const text = `\n\t    Local ${label}: ${id(4)} (0x${hex8(r.u32(at + 4))})` +
    `\n\t    Remote ${label}: ${id(remote)} (0x${hex8(r.u32(at + remote))})`;
  out.ascii(text);
  return data && subobjects(ctx, r, at, size - ids, ids);
}

/** A Data Link's subobjects, as lmp_print_data_link_subobjs(); `true` to dump. */
function subobjects(
  ctx: PrintContext,
  r: Reader,
  at: number,
  total: number,
  offset: number,
): boolean {
  const out = ctx.out;
  while (total > 0) {
    const type = r.u8(at + offset);
    const length = r.u8(at + offset + 1);
    out.ascii(
      `\n\t    Subobject, Type: ${SUBOBJECTS.get(type) ?? "Unknown"} (${type}), Length: ${length}`,
    );
    if (length < 4) return stop(ctx, " (too short)");
    if (length % 4 !== 0) return stop(ctx, " (not a multiple of 4)");
    if (total < length) return stop(ctx, " (goes past the end of the object)");
    const p = at + offset;
    if (type === 1) {
      const cap = r.u8(p + 2);
      out.ascii(
        `\n\t      Switching Type: ${GMPLS_SWITCH_CAPABILITIES.get(cap) ?? "Unknown"} (${cap})`,
      );
      const code = r.u8(p + 3);
      out.ascii(`\n\t      Encoding Type: ${encoding(code)} (${code})`);
      out.ascii(`\n\t      Min Reservable Bandwidth: ${r.mbps(p + 4)}`);
      out.ascii(`\n\t      Max Reservable Bandwidth: ${r.mbps(p + 8)}`);
    } else if (type === 2) {
      out.ascii(`\n\t      Wavelength: ${r.u32(p + 4)}`);
    } else {
      return true;
    }
    total -= length;
    offset += length;
  }
  return false;
}

/** Prints `note` after a subobject's header; the walk stops there without a dump. */
function stop(ctx: PrintContext, note: string): boolean {
  ctx.out.ascii(note);
  return false;
}

/** The Channel Status (`status`) and Channel Status Request objects; `true` to dump. */
function channels(
  ctx: PrintContext,
  r: Reader,
  ctype: number,
  at: number,
  size: number,
  status: boolean,
): boolean {
  const out = ctx.out;
  if (ctype < 1 || ctype > 3) return true;
  const idLength = ctype === 2 ? 16 : 4;
  const step = idLength + (status ? 4 : 0);
  for (let k = 0; k + step <= size; k += step) {
    const id = ctype === 1 ? r.ip4(at + k) : ctype === 2 ? r.ip6(at + k) : String(r.u32(at + k));
    out.ascii(`\n\t    Interface ID: ${id} (0x${hex8(r.u32(at + k))})`);
    if (!status) continue;
    const word = r.u32(at + k + idLength);
    const active = word >>> 31;
    out.ascii(`\n\t\t    Active: ${active ? "Allocated" : "Non-allocated"} (${active})`);
    const direction = (word >>> 30) & 1;
    out.ascii(`\n\t\t    Direction: ${direction ? "Transmit" : "Receive"} (${direction})`);
    const code = word & 0x3ffffff;
    out.ascii(`\n\t\t    Channel Status: ${CHANNEL_STATUSES.get(code) ?? "Unknown"} (${code})`);
  }
  return false;
}

/** The UNI 1.0 Service Config object; `true` to dump. */
function serviceConfig(
  ctx: PrintContext,
  r: Reader,
  ctype: number,
  at: number,
  _size: number,
  wrong: (expected: number) => boolean,
): boolean {
  const out = ctx.out;
  switch (ctype) {
    case 1:
      if (wrong(4)) return false;
      out.ascii(`\n\t Flags: ${bitNames(SP_FLAGS, r.u8(at))}`);
      out.ascii(`\n\t  UNI Version: ${r.u8(at + 1)}`);
      return false;
    case 2: {
      if (wrong(16)) return false;
      const link = r.u8(at);
      out.ascii(`\n\t Link Type: ${CPSA_LINK_TYPES.get(link) ?? "Unknown"} (${link})`);
      if (link === 5 || link === 6) {
        const signal = r.u8(at + 1);
        const names = link === 5 ? SDH_SIGNALS : SONET_SIGNALS;
        out.ascii(`\n\t Signal Type: ${names.get(signal) ?? "Unknown"} (${signal})`);
      }
      out.ascii(`\n\t Transparency: ${bitNames(TP_FLAGS, r.u8(at + 2))}`);
      const cct = bitNames(CCT_FLAGS, r.u8(at + 3));
      out.ascii(`\n\t Contiguous Concatenation Types: ${cct}`);
      out.ascii(`\n\t Minimum NCC: ${r.u16(at + 4)}`);
      out.ascii(`\n\t Maximum NCC: ${r.u16(at + 6)}`);
      out.ascii(`\n\t Minimum NVC:${r.u16(at + 8)}`);
      out.ascii(`\n\t Maximum NVC:${r.u16(at + 10)}`);
      out.ascii(`\n\t    Local Interface ID: ${r.ip4(at + 12)} (0x${hex8(r.u32(at + 12))})`);
      return false;
    }
    case 3:
      if (wrong(8)) return false;
      out.ascii(`\n\t Transparency Flags: ${bitNames(NSA_TRANSPARENCY_FLAGS, r.u32(at))}`);
      out.ascii(`\n\t TCM Monitoring Flags: ${bitNames(NSA_TCM_FLAGS, r.u8(at + 7))}`);
      return false;
    case 4:
      if (wrong(4)) return false;
      out.ascii(`\n\t Diversity: Flags: ${bitNames(NSA_DIVERSITY_FLAGS, r.u8(at + 3))}`);
      return false;
    default:
      return true;
  }
}
