/**
 * The RFC 1048 vendor area of BOOTP and DHCP as tcpdump's rfc1048_print() writes it: one
 * line per option with its name, code, length and value, with tcpdump's special formats
 * (client ID, classless routes, relay agent information, user class, FQDN). Private to
 * `lib/print/`.
 *
 * @module
 */

import { readUint32 } from "../../_bytes.ts";
import type { PrintContext } from "../context.ts";
import type { Dhcp } from "../../app/dhcp.ts";

import { captured, truncated } from "../_truncation.ts";
import { printChars } from "../_chars.ts";
import { hexPrint } from "../_hex.ts";

// The first character is the format: i addresses, p address pairs, l unsigned 32-bit,
// L signed 32-bit, s 16-bit, b decimal bytes, x hex bytes, a text, B booleans, $ special.
const bootpTags: Record<number, string> = {
  0: " PAD",
  1: "iSubnet-Mask",
  2: "LTime-Zone",
  3: "iDefault-Gateway",
  4: "iTime-Server",
  5: "iIEN-Name-Server",
  6: "iDomain-Name-Server",
  7: "iLOG",
  8: "iCS",
  9: "iLPR-Server",
  10: "iIM",
  11: "iRL",
  12: "aHostname",
  13: "sBS",
  255: " END",
  14: "aDP",
  15: "aDomain-Name",
  16: "iSS",
  17: "aRP",
  18: "aEP",
  19: "BIPF",
  20: "BSRT",
  21: "pPF",
  22: "sRSZ",
  23: "bTTL",
  24: "lMTU-Timeout",
  25: "sMTU-Table",
  26: "sMTU",
  27: "BLSN",
  28: "iBR",
  29: "BMD",
  30: "BMS",
  31: "BRouter-Discovery",
  32: "iRSA",
  33: "pStatic-Route",
  34: "BUT",
  35: "lAT",
  36: "BIE",
  37: "bTT",
  38: "lKI",
  39: "BKG",
  40: "aYD",
  41: "iYS",
  42: "iNTP",
  43: "bVendor-Option",
  44: "iNetbios-Name-Server",
  45: "iWDD",
  46: "$Netbios-Node",
  47: "aNetbios-Scope",
  48: "iXFS",
  49: "iXDM",
  64: "sN+D",
  65: "iN+S",
  68: "iMH",
  69: "iSMTP",
  70: "iPOP3",
  71: "iNNTP",
  72: "iWWW",
  73: "iFG",
  74: "iIRC",
  75: "iSTS",
  76: "iSTDA",
  50: "iRequested-IP",
  51: "lLease-Time",
  52: "$OO",
  66: "aTFTP",
  67: "aBF",
  53: " DHCP-Message",
  54: "iServer-ID",
  55: "bParameter-Request",
  56: "aMSG",
  57: "sMSZ",
  58: "lRN",
  59: "lRB",
  60: "aVendor-Class",
  61: "$Client-ID",
  98: "aUAP",
  116: "BNOAUTO",
  78: "bSLP-DA",
  79: "bSLP-SCOPE",
  117: "sNSSEARCH",
  77: "$User-Class",
  118: "iSUBNET",
  121: "$Classless-Static-Route",
  249: "$Classless-Static-Route-Microsoft",
  150: "iTFTP-Server-Address",
  80: "aSLP-NA",
  81: "$FQDN",
  82: "$Agent-Information",
  83: "bARMT",
  88: "aTZSTR",
  89: "bFQDNS",
  90: "bAUTH",
  91: "LLast-Transaction-Time",
  92: "iAssociated-IP",
  93: "sARCH",
  94: "bNDI",
  97: "bGUID",
  95: "aLDAP",
  100: "aPOSIX-TZ",
  101: "aTZ-Name",
  112: "iNI",
  113: "aNITAG",
  114: "aURL",
  161: "aMUD-URL",
};

const dhcpMessages: Record<number, string> = {
  1: "Discover",
  2: "Offer",
  3: "Request",
  4: "Decline",
  5: "ACK",
  6: "NACK",
  7: "Release",
  8: "Inform",
  10: "LeaseQuery",
  11: "LeaseUnassigned",
  12: "LeaseUnknown",
  13: "LeaseActive",
};

const overloadNames: Record<number, string> = { 1: "file", 2: "sname", 3: "file+sname" };
const netbiosNodes: Record<number, string> = { 1: "b-node", 2: "p-node", 4: "m-node", 8: "h-node" };
const arpHardware: Record<number, string> = {
  1: "ether",
  6: "ieee802",
  7: "arcnet",
  15: "frelay",
  23: "strip",
  24: "ieee1394",
};
const agentSuboptions: Record<number, string> = {
  1: "Circuit-ID",
  2: "Remote-ID",
  6: "Subscriber-ID",
};

/**
 * Prints the options after the magic cookie, as far as they were captured.
 *
 * @param ctx The print context.
 * @param dhcp The layer; its magic cookie is the RFC 1048 one.
 */
export function printRfc1048(ctx: PrintContext, dhcp: Dhcp): void {
  const out = ctx.out;
  const data = dhcp.data;
  const end = dhcp.end;
  let bp = dhcp.offset + 236;
  out.ascii("\n\t  Vendor-rfc1048 Extensions\n\t    Magic Cookie 0x");
  out.hex(dhcp.magicCookie, 8);
  bp += 4;
  while (bp < end) {
    const tag = data[bp++]!;
    if ((tag === 0 || tag === 255) && ctx.verbose < 3) {
      if (tag === 0) continue;
      return;
    }
    const entry = bootpTags[tag] ?? "?Unknown";
    let length = 0;
    if (tag !== 0 && tag !== 255) {
      if (bp >= end) return truncated(ctx, "bootp");
      length = data[bp++]!;
    }
    out.ascii("\n\t    ");
    out.ascii(entry.slice(1));
    out.ascii(" (");
    out.uint(tag);
    out.ascii("), length ");
    out.uint(length);
    if (length > 0) out.ascii(": ");
    if (tag === 0) {
      let count = 1;
      for (; bp < end && data[bp] === 0; bp++) count++;
      if (count > 1) out.ascii(`, occurs ${count}`);
    }
    if (!captured(end, bp, length)) return truncated(ctx, "bootp");
    const rest = value(ctx, data, tag, entry[0]!, bp, length);
    bp += length;
    if (rest > 0) {
      out.ascii("\n\t  trailing data length ");
      out.uint(rest);
    }
  }
}

/** Prints one option's value (all captured); returns how many bytes it left unprinted. */
function value(
  ctx: PrintContext,
  data: Uint8Array,
  tag: number,
  format: string,
  bp: number,
  length: number,
): number {
  const out = ctx.out;
  if (tag === 53 && length === 1) {
    out.ascii(dhcpMessages[data[bp]!] ?? `Unknown (${data[bp]})`);
    return 0;
  }
  if (tag === 55) {
    for (let k = 0; k < length; k++) {
      const inner = data[bp + k]!;
      out.ascii(k % 4 === 0 ? "\n\t      " : ", ");
      out.ascii((bootpTags[inner] ?? "?Unknown").slice(1));
      out.ascii(` (${inner})`);
    }
    return 0;
  }
  if (format === "?") format = (length & 1) !== 0 ? "b" : (length & 2) !== 0 ? "s" : "l";
  const size = format === "p" ? 8 : "ilL".includes(format) ? 4 : format === "s" ? 2 : 1;
  switch (format) {
    case "a":
      out.byte(0x22);
      printChars(out, data, bp, bp + length);
      out.byte(0x22);
      return 0;
    case "$":
      return special(ctx, data, tag, bp, length);
  }
  const separator = format === "x" ? ":" : "ilLpsB".includes(format) ? "," : ".";
  let k = 0;
  for (; k + size <= length; k += size) {
    const at = bp + k;
    if (k > 0) out.ascii(separator);
    switch (format) {
      case "i":
        out.ipv4(data, at);
        break;
      case "l":
        out.uint(readUint32(data, at));
        break;
      case "L":
        out.uint(readUint32(data, at) | 0);
        break;
      case "p":
        out.byte(0x28);
        out.ipv4(data, at);
        out.byte(0x3a);
        out.ipv4(data, at + 4);
        out.byte(0x29);
        break;
      case "s":
        out.uint((data[at]! << 8) | data[at + 1]!);
        break;
      case "B": {
        const b = data[at]!;
        out.ascii(b === 0 ? "N" : b === 1 ? "Y" : `${b}?`);
        break;
      }
      case "x":
        out.hex(data[at]!, 2);
        break;
      default:
        out.uint(data[at]!);
    }
  }
  return length - k;
}

/** The `$` options, whose value has a format of its own; returns the bytes left over. */
function special(
  ctx: PrintContext,
  data: Uint8Array,
  tag: number,
  bp: number,
  length: number,
): number {
  const out = ctx.out;
  const error = (text: string): number => {
    out.ascii(`[ERROR: ${text}]`);
    return 0;
  };
  switch (tag) {
    case 46:
    case 52: {
      if (length < 1) return error("length < 1 bytes");
      const b = data[bp]!;
      out.ascii((tag === 46 ? netbiosNodes : overloadNames)[b] ?? `#${b}`);
      return length - 1;
    }
    case 81: {
      if (length < 3) return error("length < 3 bytes");
      const flags = data[bp]!;
      if ((flags & 0xf0) !== 0) {
        out.ascii(`[ERROR: MBZ nibble 0x${(flags >> 4).toString(16)} != 0] `);
      }
      if ((flags & 0x0f) !== 0) {
        out.byte(0x5b);
        for (const [bit, letter] of [[1, "S"], [2, "O"], [4, "E"], [8, "N"]] as const) {
          if ((flags & bit) !== 0) out.ascii(letter);
        }
        out.ascii("] ");
      }
      if (data[bp + 1] !== 0 || data[bp + 2] !== 0) out.ascii(`${data[bp + 1]}/${data[bp + 2]} `);
      out.byte(0x22);
      printChars(out, data, bp + 3, bp + length);
      out.byte(0x22);
      return 0;
    }
    case 61: {
      if (length < 1) return error("length < 1 bytes");
      const type = data[bp]!;
      if (type === 0) {
        out.byte(0x22);
        printChars(out, data, bp + 1, bp + length);
        out.byte(0x22);
        return 0;
      }
      out.ascii(`${arpHardware[type] ?? `hardware-type ${type},`} `);
      if (length > 1) out.mac(data, bp + 1, length - 1);
      return 0;
    }
    case 82: {
      let left = length;
      for (let at = bp; left >= 2;) {
        const code = data[at]!;
        const size = data[at + 1]!;
        at += 2;
        left -= 2;
        out.ascii(
          `\n\t      ${agentSuboptions[code] ?? "Unknown"} SubOption ${code}, length ${size}: `,
        );
        if (size > left) {
          out.ascii("length goes past end of option");
          return 0;
        }
        if (code === 1 || code === 2 || code === 6) printChars(out, data, at, at + size);
        else hexPrint(ctx, "\n\t\t", at, at + size, data);
        at += size;
        left -= size;
      }
      return left;
    }
    case 121:
    case 249: {
      if (length < 5) return error("length < 5 bytes");
      for (let at = bp, left = length; left > 0;) {
        if (at > bp) out.byte(0x2c);
        const width = data[at++]!;
        left--;
        if (width > 32) return error(`Mask width (${width}) > 32`);
        const significant = Math.floor((width + 7) / 8);
        if (left < significant + 4) {
          return error(`Remaining length (${left}) < ${significant + 4} bytes`);
        }
        out.byte(0x28);
        if (width === 0) out.ascii("default");
        else {
          for (let k = 0; k < 4; k++) {
            if (k > 0) out.byte(0x2e);
            out.uint(k < significant ? data[at + k]! : 0);
          }
          out.ascii(`/${width}`);
        }
        at += significant;
        out.byte(0x3a);
        out.ipv4(data, at);
        out.byte(0x29);
        at += 4;
        left -= significant + 4;
      }
      return 0;
    }
    case 77: {
      if (length < 2) return error("length < 2 bytes");
      for (let at = bp, left = length, instance = 1; left > 0; instance++) {
        const size = data[at++]!;
        left--;
        out.ascii(`\n\t      instance#${instance}: `);
        if (size === 0) return error("suboption length must be non-zero");
        if (left < size) return error("invalid option");
        out.byte(0x22);
        printChars(out, data, at, at + size);
        out.ascii(`", length ${size}`);
        left -= size;
        at += size;
      }
      return 0;
    }
  }
  out.ascii(`[unknown special tag ${tag}, size ${length}]`);
  return 0;
}
