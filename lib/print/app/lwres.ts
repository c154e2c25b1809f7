/**
 * lwres as tcpdump's lwres_print() writes it: the opcode (`?` for a request), flags other
 * than the response bit, from `-vv` the serial, result and receive length (`-vvv` the
 * authentication fields and each body's flags), then the body of each opcode, a length
 * field other than the datagram's and `[extra]` bytes past the body.
 *
 * @module
 */

import { truncatedRead } from "../_truncation.ts";
import type { PrintContext } from "../context.ts";
import { printChars } from "../_chars.ts";
import { relativeTime } from "../_shared.ts";
import { dnsClasses, typeName } from "./_dns_records.ts";
import { type Lwres, type LwresItem, LwresOpcode } from "../../app/lwres.ts";

/**
 * Prints an lwres packet.
 *
 * @param ctx The print context.
 * @param lwres The layer.
 */
export function printLwres(ctx: PrintContext, lwres: Lwres): void {
  const out = ctx.out;
  ctx.done = true;
  out.ascii(" lwres");
  if (ctx.verbose > 0 || lwres.version !== 0) out.ascii(` v${lwres.version}`);
  if (lwres.version === 0) {
    const name = OPCODE_NAMES.get(lwres.opcode) ?? `#0x${lwres.opcode.toString(16)}`;
    out.ascii(` ${name}${lwres.isResponse ? "" : "?"}`);
    if ((lwres.flags & ~1) !== 0) out.ascii(`[0x${lwres.flags.toString(16)}]`);
    if (ctx.verbose > 1) {
      out.ascii(` (serial:0x${lwres.serial.toString(16)} result:0x${lwres.result.toString(16)}`);
      out.ascii(` recvlen:${lwres.receiveLength}`);
      if (ctx.verbose > 2) {
        out.ascii(` authtype:0x${lwres.authType.toString(16)} authlen:${lwres.authLength}`);
      }
      out.byte(0x29);
    }
  }
  const body = lwres.body();
  for (const item of body.items) printItem(ctx, lwres, item);
  if (body.end === "truncated") return truncatedRead(ctx, "lwres");
  if (body.end === "invalid") {
    out.ascii(" (invalid)");
    return;
  }
  if (lwres.length !== lwres.wireLength) {
    out.ascii(` [len: ${lwres.length} != ${lwres.wireLength}]`);
  }
  if (!body.unsupported && body.consumed < lwres.length) out.ascii("[extra]");
}

function printItem(ctx: PrintContext, lwres: Lwres, item: LwresItem): void {
  const out = ctx.out;
  const d = lwres.data;
  switch (item.type) {
    case "word":
      printWord(ctx, item.name, item.value);
      return;
    case "name":
      out.byte(0x20);
      printChars(out, d, item.at, item.at + item.length, lwres.end);
      if (item.unterminated === true) out.ascii(" (not NUL-terminated!)");
      return;
    case "address":
      out.byte(0x20);
      if (item.family === 1) out.ipv4(d, item.at);
      else if (item.family === 2) out.ipv6(d, item.at);
      else {
        out.ascii(`${item.family}/`);
        for (let i = 0; i < item.length; i++) out.hex(d[item.at + i]!, 2);
      }
      return;
    case "binary": {
      // Each byte is read as it is printed: those captured come before the mark.
      const stop = Math.min(item.at + item.length, lwres.end);
      for (let i = item.at; i < stop; i++) out.hex(d[i]!, 2);
      return;
    }
  }
}

function printWord(ctx: PrintContext, name: string, value: number): void {
  const out = ctx.out;
  switch (name) {
    case "flags":
      // The flags of a body are printed from -vvv only (BIND 9.10 does not use them).
      if (ctx.verbose > 2) out.ascii(` flags:0x${value.toString(16)}`);
      return;
    case "addrtypes": {
      const both = value & 3;
      if (both !== 0) out.ascii([" IPv4", " IPv6", " IPv4/6"][both - 1]!);
      if ((value & ~3) !== 0) out.ascii(`[0x${(value >>> 0).toString(16)}]`);
      return;
    }
    case "rdtype":
      typeName(out, value);
      return;
    case "rdclass":
      if (value !== 1) out.ascii(` ${dnsClasses[value] ?? `Class${value}`}`);
      return;
    case "ttl":
      out.ascii(` TTL ${relativeTime(value)}`);
      return;
    case "naliases":
    case "nrdatas":
      out.ascii(` ${value}`);
      return;
    case "naddrs":
    case "nsigs":
      out.ascii(`/${value}`);
      return;
  }
}

const OPCODE_NAMES: ReadonlyMap<number, string> = new Map([
  [LwresOpcode.NOOP, "noop"],
  [LwresOpcode.GET_ADDRS_BY_NAME, "getaddrsbyname"],
  [LwresOpcode.GET_NAME_BY_ADDR, "getnamebyaddr"],
  [LwresOpcode.GET_RDATA_BY_NAME, "getrdatabyname"],
]);
