/**
 * The values of RADIUS attributes as tcpdump's print-radius.c print functions write them.
 * Each returns `false` where tcpdump's bounds-checked read (`GET_`) passes the captured
 * bytes and ends the packet; a whole-value check (`ND_TCHECK_LEN`) prints ` [|radius]` and
 * the walk goes on, as in tcpdump. Private to `lib/print/app/`.
 *
 * @module
 */

import { formatIpv4, formatIpv6 } from "../../address.ts";
import { readUint16, readUint32 } from "../../_bytes.ts";
import { hex2 } from "../../_hex.ts";
import type { PrintContext } from "../context.ts";
import { printChars } from "../_chars.ts";
import { hexAndAsciiPrint } from "../_hex.ts";
import { bitNames, two } from "../_shared.ts";
import { printEap } from "../link/_eap.ts";
import { printNtpTime } from "./ntp.ts";
import {
  ERROR_CAUSES,
  MIP6_FEATURES,
  POLICY_FLAGS,
  type RadiusValueKind,
  SMI_VALUES,
  VALUES,
} from "./_radius_names.ts";
import { markTruncated } from "../_truncation.ts";

/** Prints one value: the packet's bytes `[at, at + n)`, captured up to `end`. */
type ValuePrinter = (
  ctx: PrintContext,
  type: number,
  at: number,
  n: number,
  end: number,
) => boolean;

const TAGGED: ReadonlyMap<number, string> = new Map([[0x31, "Tagged"], [0x32, "Untagged"]]);
const OPERATOR_NAMESPACES: ReadonlyMap<number, string> = new Map([
  [0x30, "TADIG"],
  [0x31, "REALM"],
  [0x32, "E212"],
  [0x33, "ICC"],
]);
const LOCATION_CODES = ["Civic", "Geospatial"];
const LOCATION_ENTITIES = ["User", "RADIUS"];
const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function error(ctx: PrintContext, text: string): true {
  ctx.out.ascii(text);
  return true;
}

/** A tunnel attribute's tag byte: `Tag[n] `, or `Tag[Unused] ` for 0. */
function tag(ctx: PrintContext, value: number): void {
  ctx.out.ascii(value !== 0 ? `Tag[${value}] ` : "Tag[Unused] ");
}

/** RFC 4675's tag byte of Egress-VLANID and Egress-VLAN-Name. */
function vlanTag(ctx: PrintContext, value: number): void {
  ctx.out.ascii(`${TAGGED.get(value) ?? "Unknown tag"} (0x${hex2(value)}) `);
}

/** Bytes as upper-case hex pairs (PRINT_HEX), each read on its own. */
function upperHex(ctx: PrintContext, at: number, count: number, end: number): boolean {
  for (let i = at; i < at + count; i++) {
    if (i >= end) return false;
    ctx.out.ascii(hex2(ctx.data[i]!).toUpperCase());
  }
  return true;
}

/** Characters as tcpdump's attribute printers write them: printable ASCII, else `.`. */
function dotted(ctx: PrintContext, at: number, n: number, stopAtNul: boolean): void {
  const d = ctx.data;
  for (let i = at; i < at + n; i++) {
    const c = d[i]!;
    if (c === 0 && stopAtNul) return;
    ctx.out.byte(c >= 0x20 && c < 0x7f ? c : 0x2e);
  }
}

const string: ValuePrinter = (ctx, type, at, n, end) => {
  if (at + n > end) return markTruncated(ctx, "radius");
  const d = ctx.data;
  switch (type) {
    case 69: // Tunnel-Password
      if (n < 3) return markTruncated(ctx, "radius");
      tag(ctx, d[at]! <= 0x1f ? d[at]! : 0);
      ctx.out.ascii(`Salt ${readUint16(d, at + 1)} `);
      at += 3;
      n -= 3;
      break;
    case 66: // Tunnel-Client-Endpoint
    case 67: // Tunnel-Server-Endpoint
    case 81: // Tunnel-Private-Group-ID
    case 82: // Tunnel-Assignment-ID
    case 90: // Tunnel-Client-Auth-ID
    case 91: // Tunnel-Server-Auth-ID
      // The first byte is a tag only when it is one (RFC 2868: 0x00 to 0x1F).
      if (d[at]! <= 0x1f) {
        tag(ctx, d[at]!);
        at++;
        n--;
      }
      break;
    case 58: // Egress-VLAN-Name
      vlanTag(ctx, d[at]!);
      at++;
      n--;
      break;
    case 79: // EAP-Message
      return printEap(ctx, at, n, end);
  }
  dotted(ctx, at, n, true);
  return true;
};

const vendor: ValuePrinter = (ctx, _type, at, n, end) => {
  if (n < 4) return markTruncated(ctx, "radius");
  if (at + 4 > end) return false;
  const d = ctx.data;
  const out = ctx.out;
  const id = readUint32(d, at);
  out.ascii(`Vendor: ${SMI_VALUES.get(id) ?? "Unknown"} (${id})`);
  at += 4;
  n -= 4;
  while (n >= 2) {
    if (at + 2 > end) return false;
    const type = d[at]!;
    const length = d[at + 1]!;
    if (length < 2) {
      return error(
        ctx,
        `\n\t    Vendor Attribute: ${type}, Length: ${length} (bogus, must be >= 2)`,
      );
    }
    if (length > n) {
      return error(
        ctx,
        `\n\t    Vendor Attribute: ${type}, Length: ${length} (bogus, goes past end of vendor-specific attribute)`,
      );
    }
    at += 2;
    n -= 2;
    const value = length - 2;
    if (at + value > end) return markTruncated(ctx, "radius");
    out.ascii(`\n\t    Vendor Attribute: ${type}, Length: ${value}, Value: `);
    dotted(ctx, at, value, false);
    at += value;
    n -= value;
  }
  return true;
};

/** print_attr_num()'s seconds: `NN secs`, `MM:SS min` or `HH:MM:SS hours`. */
function duration(seconds: number): string {
  if (seconds < 60) return `${two(seconds)} secs`;
  const s = two(seconds % 60);
  if (seconds < 3600) return `${two(Math.trunc(seconds / 60))}:${s} min`;
  const h = Math.trunc(seconds / 3600);
  return `${h < 10 ? `0${h}` : h}:${two(Math.trunc((seconds % 3600) / 60))}:${s} hours`;
}

const num: ValuePrinter = (ctx, type, at, n, end) => {
  if (n !== 4) return error(ctx, `ERROR: length ${n} != 4`);
  const d = ctx.data;
  const out = ctx.out;
  const table = VALUES.get(type);
  // Tunnel-Type, Tunnel-Medium-Type, Tunnel-Preference and Egress-VLANID print their
  // first byte before they read the other three.
  const split = type === 64 || type === 65 || type === 83 || type === 56;
  if (split) {
    if (at >= end) return false;
    if (type === 56) vlanTag(ctx, d[at]!);
    else tag(ctx, d[at]!);
  }
  if (at + 4 > end) return false;
  const value = split ? readUint32(d, at) & 0xffffff : readUint32(d, at);
  if (table !== undefined) {
    const first = table[0] === undefined ? 1 : 0;
    out.ascii(value >= first && value < table.length ? table[value]! : `#${value}`);
    return true;
  }
  switch (type) {
    case 23: // Framed-IPX-Network
      out.ascii(value === 0xfffffffe ? "NAS Select" : `${value}`);
      break;
    case 27: // Session-Timeout
    case 28: // Idle-Timeout
    case 41: // Acct-Delay-Time
    case 46: // Acct-Session-Time
    case 85: // Acct-Interim-Interval
      out.ascii(duration(value));
      break;
    case 37: // Framed-AppleTalk-Link
      out.ascii(value !== 0 ? `${value}` : "Unnumbered");
      break;
    case 38: // Framed-AppleTalk-Network
      out.ascii(value !== 0 ? `${value}` : "NAS assigned");
      break;
    default:
      out.uint(value);
  }
  return true;
};

const address: ValuePrinter = (ctx, type, at, n, end) => {
  if (n !== 4) return error(ctx, `ERROR: length ${n} != 4`);
  if (at + 4 > end) return false;
  const value = readUint32(ctx.data, at);
  // Framed-IP-Address and Login-IP-Host name two addresses (RFC 2865).
  if ((type === 8 || type === 14) && value === 0xffffffff) ctx.out.ascii("User Selected");
  else if ((type === 8 || type === 14) && value === 0xfffffffe) ctx.out.ascii("NAS Select");
  else ctx.out.ascii(formatIpv4(ctx.data, at));
  return true;
};

const address6: ValuePrinter = (ctx, _type, at, n, end) => {
  if (n !== 16) return error(ctx, `ERROR: length ${n} != 16`);
  if (at + 16 > end) return false;
  ctx.out.ascii(formatIpv6(ctx.data, at));
  return true;
};

const prefix6: ValuePrinter = (ctx, _type, at, n, end) => {
  if (n < 2 || n > 18) return error(ctx, `ERROR: length ${n} not in range (2..18)`);
  if (at + n > end) return markTruncated(ctx, "radius");
  const bits = ctx.data[at + 1]!;
  if (bits > 128) return error(ctx, `ERROR: netmask ${bits} not in range (0..128)`);
  const address = new Uint8Array(16);
  address.set(ctx.data.subarray(at + 2, at + n));
  ctx.out.ascii(`${formatIpv6(address, 0)}/${bits}`);
  if (bits > 8 * (n - 2)) ctx.out.ascii(" (inconsistent prefix length)");
  return true;
};

const homeLinkPrefix: ValuePrinter = (ctx, _type, at, n, end) => {
  if (n !== 17) return error(ctx, `ERROR: length ${n} != 17`);
  if (at + n > end) return markTruncated(ctx, "radius");
  const bits = ctx.data[at]!;
  if (bits > 128) return error(ctx, `ERROR: netmask ${bits} not in range (0..128)`);
  ctx.out.ascii(`${formatIpv6(ctx.data, at + 1)}/${bits}`);
  return true;
};

const operatorName: ValuePrinter = (ctx, _type, at, n, end) => {
  if (at + n > end) return markTruncated(ctx, "radius");
  if (n < 2) return error(ctx, `ERROR: length ${n} < 2`);
  const space = ctx.data[at]!;
  ctx.out.ascii(`[${OPERATOR_NAMESPACES.get(space) ?? `unknown namespace ${space}`}] `);
  printChars(ctx.out, ctx.data, at + 1, at + n);
  return true;
};

function ntpTime(ctx: PrintContext, at: number): void {
  printNtpTime(ctx, readUint32(ctx.data, at), readUint32(ctx.data, at + 4));
}

const locationInformation: ValuePrinter = (ctx, _type, at, n, end) => {
  if (at + n > end) return markTruncated(ctx, "radius");
  if (n < 21) return error(ctx, `ERROR: length ${n} < 21`);
  const d = ctx.data;
  const out = ctx.out;
  const code = d[at + 2]!;
  const entity = d[at + 3]!;
  out.ascii(`index ${readUint16(d, at)}, code ${LOCATION_CODES[code] ?? `Unknown (${code})`}`);
  out.ascii(`, entity ${LOCATION_ENTITIES[entity] ?? `Unknown (${entity})`}, sighting time `);
  ntpTime(ctx, at + 4);
  out.ascii(", time to live ");
  ntpTime(ctx, at + 12);
  out.ascii(', method "');
  printChars(out, d, at + 20, at + n);
  out.byte(0x22);
  return true;
};

const locationData: ValuePrinter = (ctx, _type, at, n, end) => {
  if (at + n > end) return markTruncated(ctx, "radius");
  if (n < 3) return error(ctx, `ERROR: length ${n} < 3`);
  ctx.out.ascii(`index ${readUint16(ctx.data, at)}, location`);
  hexAndAsciiPrint(ctx, at + 2, at + n, ctx.data, "\n\t    ");
  return true;
};

const policyRules: ValuePrinter = (ctx, _type, at, n, end) => {
  if (at + n > end) return markTruncated(ctx, "radius");
  if (n < 10) return error(ctx, `ERROR: length ${n} < 10`);
  const out = ctx.out;
  out.ascii(`flags [${bitNames(POLICY_FLAGS, readUint16(ctx.data, at))}], retention expires `);
  ntpTime(ctx, at + 2);
  if (n > 10) {
    out.ascii(', note well "');
    printChars(out, ctx.data, at + 10, at + n);
    out.byte(0x22);
  }
  return true;
};

/** ctime()'s text of seconds since 1970, in UTC (tcpdump runs with TZ=UTC). */
function ctime(seconds: number): string {
  const t = new Date(seconds * 1000);
  const day = t.getUTCDate();
  const clock = `${two(t.getUTCHours())}:${two(t.getUTCMinutes())}:${two(t.getUTCSeconds())}`;
  return `${DAYS[t.getUTCDay()]} ${MONTHS[t.getUTCMonth()]} ${
    day < 10 ? " " : ""
  }${day} ${clock} ${t.getUTCFullYear()}`;
}

const time: ValuePrinter = (ctx, _type, at, n, end) => {
  if (n !== 4) return error(ctx, `ERROR: length ${n} != 4`);
  if (at + 4 > end) return false;
  ctx.out.ascii(ctime(readUint32(ctx.data, at)));
  return true;
};

const featureVector: ValuePrinter = (ctx, _type, at, n, end) => {
  if (n !== 8) return error(ctx, `ERROR: length ${n} != 8`);
  ctx.out.byte(0x5b);
  if (at + 8 > end) return false;
  const value = (BigInt(readUint32(ctx.data, at)) << 32n) | BigInt(readUint32(ctx.data, at + 4));
  const names = MIP6_FEATURES.filter(([bit]) => (value & bit) !== 0n).map(([, name]) => name);
  ctx.out.ascii(`${names.join(", ")}]`);
  return true;
};

/** print_attr_strange(): ARAP-Password, ARAP-Features, ARAP-Challenge-Response, Error-Cause. */
const strange: ValuePrinter = (ctx, type, at, n, end) => {
  const out = ctx.out;
  const d = ctx.data;
  switch (type) {
    case 70:
      if (n !== 16) return error(ctx, `ERROR: length ${n} != 16`);
      out.ascii("User_challenge (");
      if (!upperHex(ctx, at, 8, end)) return false;
      out.ascii(") User_resp(");
      if (!upperHex(ctx, at + 8, 8, end)) return false;
      out.byte(0x29);
      return true;
    case 71:
      if (n !== 14) return error(ctx, `ERROR: length ${n} != 14`);
      if (at >= end) return false;
      out.ascii(d[at] !== 0 ? "User can change password" : "User cannot change password");
      if (at + 1 >= end) return false;
      out.ascii(`, Min password length: ${d[at + 1]}, created at: `);
      if (!upperHex(ctx, at + 2, 4, end)) return false;
      out.ascii(", expires in: ");
      if (!upperHex(ctx, at + 6, 4, end)) return false;
      out.ascii(", Current Time: ");
      return upperHex(ctx, at + 10, 4, end);
    case 84:
      if (n < 8) return error(ctx, `ERROR: length ${n} != 8`);
      return upperHex(ctx, at, 8, end);
    default: {
      if (n !== 4) return error(ctx, `Error: length ${n} != 4`);
      if (at + 4 > end) return false;
      const cause = readUint32(d, at);
      out.ascii(
        `Error cause ${cause}: ${ERROR_CAUSES.get(cause) ?? `Error-Cause ${cause} not known`}`,
      );
      return true;
    }
  }
};

/** Each value kind's printer. */
export const VALUE_PRINTERS: Readonly<Record<Exclude<RadiusValueKind, "-">, ValuePrinter>> = {
  s: string,
  n: num,
  a: address,
  "6": address6,
  p: prefix6,
  v: vendor,
  t: time,
  x: strange,
  f: featureVector,
  h: homeLinkPrefix,
  o: operatorName,
  i: locationInformation,
  d: locationData,
  b: policyRules,
};
