/**
 * DHCPv6 as tcpdump's dhcp6_print() writes it: the message type, and at `-v` the
 * transaction ID (or relay addresses) and the options.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { Dhcpv6, Dhcpv6Option, Dhcpv6Options } from "../../app/dhcpv6.ts";
import type { ByteWriter } from "../_writer.ts";
import { truncated, truncatedRead } from "../_truncation.ts";
import { printChars, printCharsUntilNul } from "../_chars.ts";
import { MESSAGE_TYPES, OPTION_NAMES, STATUS_CODES } from "./_dhcpv6_names.ts";

/**
 * Prints a DHCPv6 message after its UDP header.
 *
 * @param ctx The print context.
 * @param dhcp The layer.
 */
export function printDhcpv6(ctx: PrintContext, dhcp: Dhcpv6): void {
  ctx.done = true;
  message(ctx, dhcp, ctx.verbose > 0, false);
}

function message(ctx: PrintContext, dhcp: Dhcpv6, verbose: boolean, relayed: boolean): void {
  const out = ctx.out;
  out.ascii("dhcp6");
  if (dhcp.end - dhcp.offset < 4) {
    truncated(ctx, "dhcp6");
    return;
  }
  const name = MESSAGE_TYPES[dhcp.messageType] ?? `msgtype-${dhcp.messageType}`;
  out.byte(0x20);
  out.ascii(name);
  if (!verbose) return;
  out.ascii(" (");
  if (dhcp.relay) {
    if (dhcp.truncated) {
      // The addresses are read past the capture (tcpdump jumps out).
      if (relayed) truncated(ctx, "dhcp6");
      else truncatedRead(ctx, "dhcp6");
      return;
    }
    out.ascii(`linkaddr=${dhcp.linkAddress} peeraddr=${dhcp.peerAddress}`);
  } else {
    out.ascii("xid=");
    out.hex(dhcp.transactionId);
  }
  options(ctx, dhcp.options());
  out.byte(0x29);
}

function options(ctx: PrintContext, list: Dhcpv6Options): void {
  for (const option of list.options) printOption(ctx, option);
  if (list.truncated) truncated(ctx, "dhcp6");
}

function hexBytes(out: ByteWriter, o: Dhcpv6Option, from: number, to: number): void {
  for (let i = from; i < to; i++) out.hex(o.uint8(i), 2);
}

function printOption(ctx: PrintContext, o: Dhcpv6Option): void {
  const out = ctx.out;
  const code = o.code;
  const length = o.length;
  out.ascii(" (");
  out.ascii(OPTION_NAMES.get(code) ?? `opt_${code}`);
  const bad = () => out.ascii(" ?)");
  switch (code) {
    case 1: // client ID
    case 2: { // server ID
      if (length < 2) return bad();
      const type = o.uint16(0);
      if (type === 1) {
        if (length < 8) return bad();
        out.ascii(` hwaddr/time type ${o.uint16(2)} time ${o.uint32(4)} `);
        hexBytes(out, o, 8, length);
      } else if (type === 2) {
        if (length < 10) return bad();
        out.ascii(" vid ");
        hexBytes(out, o, 2, 10);
      } else if (type === 3) {
        if (length < 4) return bad();
        out.ascii(` hwaddr type ${o.uint16(2)} `);
        hexBytes(out, o, 4, length);
      } else {
        out.ascii(` type ${type}`);
      }
      break;
    }
    case 5: // IA address
      if (length < 24) return bad();
      out.ascii(` ${o.ipv6(0)} pltime:${o.uint32(16)} vltime:${o.uint32(20)}`);
      if (length > 24) options(ctx, o.suboptions(24));
      break;
    case 6: // option request
    case 43: // echo request
      if (length % 2 !== 0) return bad();
      for (let i = 0; i < length; i += 2) {
        const requested = o.uint16(i);
        out.ascii(` ${OPTION_NAMES.get(requested) ?? `opt_${requested}`}`);
      }
      break;
    case 7: // preference
      if (length !== 1) return bad();
      out.ascii(` ${o.uint8(0)}`);
      break;
    case 8: // elapsed time
      if (length !== 2) return bad();
      out.ascii(` ${o.uint16(0)}`);
      break;
    case 9: // relay message
      out.ascii(" (");
      message(ctx, o.message(), true, true);
      break;
    case 11: // authentication
      authentication(ctx, o);
      return;
    case 18: // interface ID
    case 38: // subscriber ID
      out.byte(0x20);
      hexBytes(out, o, 0, Math.min(length, 10));
      out.ascii("...");
      break;
    case 19: { // reconfigure message
      if (length !== 1) return bad();
      const type = o.uint8(0);
      if (type === 5) out.ascii(" for renew");
      else if (type === 11) out.ascii(" for inf-req");
      else {
        out.ascii(" for ???(");
        out.hex(type, 2);
        out.byte(0x29);
      }
      break;
    }
    case 22: // SIP servers (addresses)
    case 23: // DNS servers
    case 31: // SNTP servers
    case 27: // NIS servers
    case 28: // NIS+ servers
    case 34: // BCMCS servers
    case 40: // PANA agents
    case 48: // LQ client link
      if (length % 16 !== 0) return bad();
      for (let i = 0; i < length; i += 16) out.ascii(` ${o.ipv6(i)}`);
      break;
    case 21: // SIP servers (domain names)
    case 24: { // domain search list
      const { names, truncated: cut } = o.domainNames();
      for (const labels of names) {
        out.byte(0x20);
        domainName(ctx, labels);
      }
      if (cut) {
        truncated(ctx, "dhcp6");
        return;
      }
      break;
    }
    case 13: // status code
      if (length < 2) return bad();
      out.ascii(` ${statusCode(o.uint16(0))}`);
      break;
    case 3: // IA_NA
    case 25: // IA_PD
      if (length < 12) return bad();
      out.ascii(` IAID:${o.uint32(0)} T1:${o.uint32(4)} T2:${o.uint32(8)}`);
      if (length > 12) options(ctx, o.suboptions(12));
      break;
    case 4: // IA_TA
      if (length < 4) return bad();
      out.ascii(` IAID:${o.uint32(0)}`);
      if (length > 4) options(ctx, o.suboptions(4));
      break;
    case 26: // IA prefix
      if (length < 25) return bad();
      out.ascii(` ${o.ipv6(9)}/${o.uint8(8)} pltime:${o.uint32(0)} vltime:${o.uint32(4)}`);
      if (length > 25) options(ctx, o.suboptions(25));
      break;
    case 32: // lifetime
    case 46: // client last transaction time
      if (length !== 4) return bad();
      out.ascii(` ${o.uint32(0)}`);
      break;
    case 37: // remote ID
      if (length < 4) return bad();
      out.ascii(` ${o.uint32(0)} `);
      hexBytes(out, o, 4, Math.min(length, 14));
      out.ascii("...");
      break;
    case 44: { // leasequery
      if (length < 17) return bad();
      const type = o.uint8(0);
      out.ascii(type === 1 ? " by-address" : type === 2 ? " by-clientID" : ` type_${type}`);
      out.ascii(` ${o.ipv6(1)}`);
      if (length > 17) options(ctx, o.suboptions(17));
      break;
    }
    case 45: // client data
      if (length > 0) options(ctx, o.suboptions(0));
      break;
    case 47: // relay data
      if (length < 16) return bad();
      out.ascii(` ${o.ipv6(0)} `);
      hexBytes(out, o, 16, Math.min(length, 26));
      out.ascii("...");
      break;
    case 56: // NTP server
      if (length < 4) return bad();
      if (!ntpServer(ctx, o)) return;
      break;
    case 64: // AFTR name
      if (length < 3) return bad();
      aftrName(ctx, o);
      break;
    case 41: // POSIX timezone
    case 42: // TZ database timezone
    case 112: // MUD URL
      if (length < 5) return bad();
      out.byte(0x20);
      printCharsUntilNul(out, o.data, o.valueOffset, length, o.captured);
      break;
  }
  out.byte(0x29);
}

function domainName(ctx: PrintContext, labels: readonly Uint8Array[]): void {
  const out = ctx.out;
  for (const label of labels) {
    printChars(out, label, 0, label.length, label.length);
    out.byte(0x2e);
  }
  if (labels.length === 0) out.byte(0x2e);
}

function ntpServer(ctx: PrintContext, o: Dhcpv6Option): boolean {
  const out = ctx.out;
  let at = 0;
  while (at < o.length - 4) {
    const code = o.uint16(at);
    const length = o.uint16(at + 2);
    at += 4;
    if (at + length > o.length) {
      truncated(ctx, "dhcp6");
      return false;
    }
    out.ascii(` subopt:${code}`);
    if (code === 1 || code === 2) {
      if (length !== 16) out.ascii(" ?");
      else out.ascii(` ${o.ipv6(at)}`);
    } else if (code === 3) {
      out.byte(0x20);
      const { names, truncated: cut } = o.domainNames(at);
      const first = names[0];
      if (first !== undefined) domainName(ctx, first);
      if (cut && names.length <= 1) {
        truncated(ctx, "dhcp6");
        return false;
      }
    } else {
      out.ascii(" ?");
    }
    at += length;
  }
  return true;
}

function aftrName(ctx: PrintContext, o: Dhcpv6Option): void {
  const out = ctx.out;
  let remain = o.length;
  let at = 0;
  out.byte(0x20);
  while (remain !== 0 && o.uint8(at) !== 0) {
    const label = o.uint8(at);
    at++;
    if (label < remain - 1) {
      printCharsUntilNul(out, o.data, o.valueOffset + at, label, o.captured);
      at += label;
      remain -= label + 1;
      if (o.uint8(at) !== 0) out.byte(0x2e);
    } else {
      out.ascii(" ?");
      break;
    }
  }
}

function authentication(ctx: PrintContext, o: Dhcpv6Option): void {
  const out = ctx.out;
  const length = o.length;
  if (length < 11) {
    out.ascii(" ?)");
    return;
  }
  const protocol = o.uint8(0);
  out.ascii(
    protocol === 2
      ? " proto: delayed"
      : protocol === 3
      ? " proto: reconfigure"
      : ` proto: ${protocol}`,
  );
  const algorithm = o.uint8(1);
  out.ascii(algorithm === 1 ? ", alg: HMAC-MD5" : `, alg: ${algorithm}`);
  const rdm = o.uint8(2);
  out.ascii(rdm === 0 ? ", RDM: mono" : `, RDM: ${rdm}`);
  out.ascii(", RD:");
  for (let i = 0; i < 4; i++) {
    out.byte(0x20);
    out.hex(o.uint16(3 + 2 * i), 4);
  }
  let at = 11;
  const info = length - 11;
  if (protocol === 2) {
    if (info !== 0) {
      if (info < 20) out.ascii(" ??");
      else {
        const realm = info - 20;
        if (realm > 0) out.ascii(", realm: ");
        for (let i = 0; i < realm; i++, at++) out.hex(o.uint8(at), 2);
        out.ascii(", key ID: ");
        out.hex(o.uint32(at), 8);
        at += 4;
        out.ascii(", HMAC-MD5:");
        for (let i = 0; i < 4; i++, at += 4) {
          out.byte(0x20);
          out.hex(o.uint32(at), 8);
        }
      }
    }
  } else if (protocol === 3) {
    if (info !== 17) out.ascii(" ??");
    else {
      const type = o.uint8(at);
      out.ascii(type === 1 ? " reconfig-key" : type === 2 ? " type: HMAC-MD5" : " type: ??");
      at++;
      out.ascii(" value:");
      for (let i = 0; i < 4; i++, at += 4) {
        out.byte(0x20);
        out.hex(o.uint32(at), 8);
      }
    }
  } else {
    out.ascii(" ??");
  }
  out.byte(0x29);
}

function statusCode(code: number): string {
  if (code > 255) return "INVALID code";
  return STATUS_CODES[code] ?? `code${code}`;
}
