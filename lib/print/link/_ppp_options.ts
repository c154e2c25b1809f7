/**
 * The configuration options of PPP control protocols as tcpdump's
 * print_lcp_config_options(), print_ipcp_config_options(), print_ip6cp_config_options(),
 * print_ccp_config_options() and print_bacp_config_options() write them at `-v`. Private
 * to `lib/print/`.
 *
 * @module
 */

import { hex2 } from "../../_hex.ts";
import { readUint16, readUint32 } from "../../_bytes.ts";
import type { PrintContext } from "../context.ts";
import type { PppControlPacket, PppOption } from "../../link/ppp.ts";
import { unknownData } from "../_hex.ts";
import {
  AUTH_ALGORITHMS,
  AUTH_PROTOCOLS,
  CALLBACK_OPERATIONS,
  CCP_OPTIONS,
  IPCP_OPTIONS,
  LCP_OPTIONS,
} from "./_ppp_option_names.ts";

/**
 * What printing one option tells the loop, after tcpdump's return values: `ok` (printed;
 * dump the value at `-vv`, go on), `skip` (a bogus length: go on without the dump),
 * `stop` (a bogus length that ends the list), `truncated` (the capture ended in it);
 * `ok-suboptions` is `ok` for IP header compression with suboptions, whose `-vv` dump
 * tcpdump starts 14 bytes further (its pointer moved to the suboptions).
 */
type OptionResult = "ok" | "ok-suboptions" | "skip" | "stop" | "truncated";

type OptionPrinter = (ctx: PrintContext, option: PppOption) => OptionResult;

/**
 * Prints the options of a Configure packet, as handle_ctrl_proto()'s loop does: each
 * option in turn until one stops it, or a length runs past the encoded length.
 *
 * @param ctx The print context.
 * @param protocol The control protocol.
 * @param packet The control packet.
 * @returns `false` when the capture ended inside an option (the caller prints `[|ppp]`).
 */
export function printPppOptions(
  ctx: PrintContext,
  protocol: number,
  packet: PppControlPacket,
): boolean {
  const printer = OPTION_PRINTERS.get(protocol);
  const encoded = packet.length ?? 0;
  if (printer === undefined) return true;
  let remaining = encoded - 4;
  for (const option of packet.options) {
    if (option.length > encoded) return true;
    const name = optionName(protocol, option.type);
    if (option.length < 2) {
      if (name === undefined) ctx.out.ascii(`\n\tunknown LCP option 0x${hex2(option.type)}`);
      else {
        ctx.out.ascii(`\n\t  ${name} Option (0x${hex2(option.type)}), length ${option.length}`);
        ctx.out.ascii(" (length bogus, should be >= 2)");
      }
      return true;
    }
    if (name === undefined) {
      // LCP options past the named ones.
      ctx.out.ascii(`\n\tunknown LCP option 0x${hex2(option.type)}`);
    } else {
      ctx.out.ascii(`\n\t  ${name} Option (0x${hex2(option.type)}), length ${option.length}`);
      const result = printer(ctx, option);
      if (result === "truncated") return false;
      if (result === "stop") return true;
      if ((result === "ok" || result === "ok-suboptions") && ctx.verbose > 1) {
        const shift = result === "ok" ? 0 : 14;
        unknownData(ctx, option.offset + shift + 2, option.length - 2, "\n\t    ");
      }
    }
    if (remaining < option.length) {
      ctx.out.ascii(` [remaining options length ${remaining} < ${option.length}] (invalid)`);
      return true;
    }
    remaining -= option.length;
    if (remaining === 0) return true;
  }
  if (packet.optionsEnd === "cut") ctx.out.ascii(`[|${CUT_NAMES.get(protocol) ?? "ppp"}]`);
  return true;
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, "0");
}

function dotted(v: Uint8Array, at: number): string {
  return `${v[at]}.${v[at + 1]}.${v[at + 2]}.${v[at + 3]}`;
}

/** The option's name, or `undefined` where tcpdump prints "unknown LCP option". */
function optionName(protocol: number, type: number): string | undefined {
  switch (protocol) {
    case 0xc021:
      return LCP_OPTIONS[type];
    case 0x8021:
      return IPCP_OPTIONS.get(type) ?? "unknown";
    case 0x8057:
      return type === 1 ? "Interface-ID" : "unknown";
    case 0x80fd:
      return CCP_OPTIONS.get(type) ?? "Unknown";
    default:
      return type === 1 ? "Favored-Peer" : "Unknown";
  }
}

/** Whether the value has `n` bytes captured (the option's length said it has them). */
function has(option: PppOption, n: number): boolean {
  return option.value.length >= n;
}

function lcpOption(ctx: PrintContext, option: PppOption): OptionResult {
  const out = ctx.out;
  const v = option.value;
  const len = option.length;
  const bogus = (text: string, goOn: boolean): OptionResult => {
    out.ascii(` (length bogus, should be ${text})`);
    return goOn ? "skip" : "stop";
  };
  switch (option.type) {
    case 0:
      if (len < 6) return bogus(">= 6", true);
      if (!has(option, 3)) return "truncated";
      out.ascii(`: Vendor: Unknown (${(v[0]! << 16) | readUint16(v, 1)})`);
      return "ok";
    case 1:
    case 17:
      if (len !== 4) return bogus("= 4", option.type === 1);
      if (!has(option, 2)) return "truncated";
      out.ascii(`: ${readUint16(v, 0)}`);
      return "ok";
    case 2:
    case 5:
      if (len !== 6) return bogus("= 6", option.type === 2);
      if (!has(option, 4)) return "truncated";
      out.ascii(`: 0x${hex(readUint32(v, 0), 8)}`);
      return "ok";
    case 3: {
      if (len < 4) return bogus(">= 4", true);
      if (!has(option, 2)) return "truncated";
      const protocol = readUint16(v, 0);
      // tcpdump's format string lacks its %: an unknown protocol prints literally.
      out.ascii(`: ${AUTH_PROTOCOLS.get(protocol) ?? "Unknown Auth Proto (0x04x)"}`);
      if (protocol === 0xc223) {
        if (!has(option, 3)) return "truncated";
        out.ascii(`, ${AUTH_ALGORITHMS.get(v[2]!) ?? `Unknown Auth Alg ${v[2]}`}`);
      } else if (
        protocol !== 0xc023 && protocol !== 0xc227 && protocol !== 0xc027 && protocol !== 0xc123
      ) {
        unknownData(ctx, option.offset, len, "\n\t");
      }
      return "ok";
    }
    case 4:
      if (len < 4) return bogus(">= 4", false);
      if (!has(option, 2)) return "truncated";
      out.ascii(readUint16(v, 0) === 0xc025 ? ": LQR" : ": unknown");
      return "ok";
    case 7:
    case 8:
      return "ok";
    case 23:
      if (len !== 4) return bogus("= 4", false);
      if (!has(option, 2)) return "truncated";
      out.ascii(`: 0x${hex(readUint16(v, 0), 4)}`);
      return "ok";
    case 13:
      if (len < 3) return bogus(">= 3", false);
      if (!has(option, 1)) return "truncated";
      out.ascii(`: : Callback Operation ${CALLBACK_OPERATIONS.get(v[0]!) ?? "Unknown"} (${v[0]})`);
      return "ok";
    case 19:
      return endpointDiscriminator(ctx, option);
    default:
      if (ctx.verbose < 2) unknownData(ctx, option.offset + 2, len - 2, "\n\t    ");
      return "ok";
  }
}

function endpointDiscriminator(ctx: PrintContext, option: PppOption): OptionResult {
  const out = ctx.out;
  const v = option.value;
  const len = option.length;
  if (len < 3) {
    out.ascii(" (length bogus, should be >= 3)");
    return "stop";
  }
  if (!has(option, 1)) return "truncated";
  switch (v[0]) {
    case 0:
      out.ascii(": Null");
      return "ok";
    case 1:
      out.ascii(": Local");
      return "ok";
    case 2:
      if (len !== 7) {
        out.ascii(" (length bogus, should be = 7)");
        return "stop";
      }
      if (!has(option, 5)) return "truncated";
      out.ascii(`: IPv4 ${dotted(v, 1)}`);
      return "ok";
    case 3:
      if (len !== 9) {
        out.ascii(" (length bogus, should be = 9)");
        return "stop";
      }
      if (!has(option, 7)) return "truncated";
      out.ascii(`: MAC ${Array.from(v.subarray(1, 7), (b) => hex2(b)).join(":")}`);
      return "ok";
    case 4:
      out.ascii(": Magic-Num-Block");
      return "ok";
    case 5:
      out.ascii(": PSNDN");
      return "ok";
    default:
      out.ascii(`: Unknown class ${v[0]}`);
      return "ok";
  }
}

function ipcpOption(ctx: PrintContext, option: PppOption): OptionResult {
  const out = ctx.out;
  const v = option.value;
  const len = option.length;
  switch (option.type) {
    case 1:
      if (len !== 10) {
        out.ascii(" (length bogus, should be = 10)");
        return "skip";
      }
      if (!has(option, 8)) return "truncated";
      out.ascii(`: src ${dotted(v, 0)}, dst ${dotted(v, 4)}`);
      return "ok";
    case 2:
      return ipCompression(ctx, option);
    case 3:
    case 4:
    case 129:
    case 130:
    case 131:
    case 132:
      if (len !== 6) {
        out.ascii(" (length bogus, should be = 6)");
        return "stop";
      }
      if (!has(option, 4)) return "truncated";
      out.ascii(`: ${dotted(v, 0)}`);
      return "ok";
    default:
      if (ctx.verbose < 2) unknownData(ctx, option.offset + 2, len - 2, "\n\t    ");
      return "ok";
  }
}

function ipCompression(ctx: PrintContext, option: PppOption): OptionResult {
  const out = ctx.out;
  const v = option.value;
  const len = option.length;
  if (len < 4) {
    out.ascii(" (length bogus, should be >= 4)");
    return "stop";
  }
  if (!has(option, 2)) return "truncated";
  const protocol = readUint16(v, 0);
  const name = protocol === 0x002d
    ? "VJ-Comp"
    : protocol === 0x0061
    ? "IP Header Compression"
    : "Unknown";
  out.ascii(`: ${name} (0x${hex2(protocol)}):`);
  if (protocol !== 0x0061) return "ok";
  if (len < 14) {
    out.ascii(" (length bogus, should be >= 14)");
    return "stop";
  }
  if (!has(option, 12)) return "truncated";
  out.ascii(
    `\n\t    TCP Space ${readUint16(v, 2)}, non-TCP Space ${readUint16(v, 4)}, maxPeriod ${
      readUint16(v, 6)
    }` +
      `, maxTime ${readUint16(v, 8)}, maxHdr ${readUint16(v, 10)}`,
  );
  if (len > 14) {
    let total = len - 14;
    let at = 12;
    out.ascii(`\n\t      Suboptions, length ${total}`);
    while (total >= 2) {
      if (!has(option, at + 2)) return "truncated";
      const type = v[at]!;
      const size = v[at + 1]!;
      if (type === 0 || size === 0) break;
      const subName = type === 1
        ? "RTP-Compression"
        : type === 2
        ? "Enhanced RTP-Compression"
        : "Unknown";
      out.ascii(`\n\t\t${subName} Suboption #${type}, length ${size}`);
      if (total < size) {
        out.ascii(` [remaining suboptions length ${total} < ${size}] (invalid)`);
        break;
      }
      total -= size;
      at += size;
    }
    return "ok-suboptions";
  }
  return "ok";
}

function ipv6cpOption(ctx: PrintContext, option: PppOption): OptionResult {
  const v = option.value;
  if (option.type !== 1) {
    if (ctx.verbose < 2) unknownData(ctx, option.offset + 2, option.length - 2, "\n\t    ");
    return "ok";
  }
  if (option.length !== 10) {
    ctx.out.ascii(" (length bogus, should be = 10)");
    return "skip";
  }
  if (!has(option, 8)) return "truncated";
  ctx.out.ascii(
    `: ${hex(readUint16(v, 0), 4)}:${hex(readUint16(v, 2), 4)}:${hex(readUint16(v, 4), 4)}:${
      hex(readUint16(v, 6), 4)
    }`,
  );
  return "ok";
}

function ccpOption(ctx: PrintContext, option: PppOption): OptionResult {
  const out = ctx.out;
  const v = option.value;
  const len = option.length;
  switch (option.type) {
    case 21:
      if (len < 3) {
        out.ascii(" (length bogus, should be >= 3)");
        return "skip";
      }
      if (!has(option, 1)) return "truncated";
      out.ascii(`: Version: ${v[0]! >> 5}, Dictionary Bits: ${v[0]! & 0x1f}`);
      return "ok";
    case 24:
      if (len < 4) {
        out.ascii(" (length bogus, should be >= 4)");
        return "skip";
      }
      if (!has(option, 2)) return "truncated";
      out.ascii(
        `: Features: ${(v[0]! & 0xc0) >> 6}, PxP: ${
          (v[0]! & 0x20) !== 0 ? "Enabled" : "Disabled"
        }` +
          `, History: ${v[0]! & 0x1f}, #CTX-ID: ${v[1]}`,
      );
      return "ok";
    case 26:
      if (len < 4) {
        out.ascii(" (length bogus, should be >= 4)");
        return "skip";
      }
      if (!has(option, 2)) return "truncated";
      out.ascii(
        `: Window: ${(v[0]! & 0xf0) >> 4}K, Method: ${(v[0]! & 0x0f) === 8 ? "zlib" : "unknown"}` +
          ` (0x${(v[0]! & 0x0f).toString(16)}), MBZ: ${(v[1]! & 0xfc) >> 2}, CHK: ${v[1]! & 0x03}`,
      );
      return "ok";
    default:
      if (ctx.verbose < 2) unknownData(ctx, option.offset + 2, len - 2, "\n\t    ");
      return "ok";
  }
}

function bacpOption(ctx: PrintContext, option: PppOption): OptionResult {
  if (option.type !== 1) {
    if (ctx.verbose < 2) unknownData(ctx, option.offset + 2, option.length - 2, "\n\t    ");
    return "ok";
  }
  if (option.length !== 6) {
    ctx.out.ascii(" (length bogus, should be = 6)");
    return "skip";
  }
  if (!has(option, 4)) return "truncated";
  ctx.out.ascii(`: Magic-Num 0x${hex(readUint32(option.value, 0), 8)}`);
  return "ok";
}

const OPTION_PRINTERS = new Map<number, OptionPrinter>([
  [0xc021, lcpOption],
  [0x8021, ipcpOption],
  [0x8057, ipv6cpOption],
  [0x80fd, ccpOption],
  [0xc02b, bacpOption],
]);

/** The `[|name]` each options printer writes when the capture ends in a type and length. */
const CUT_NAMES = new Map<number, string>([
  [0xc021, "lcp"],
  [0x8021, "ipcp"],
  [0x8057, "ip6cp"],
  [0x80fd, "ccp"],
  [0xc02b, "bacp"],
]);
