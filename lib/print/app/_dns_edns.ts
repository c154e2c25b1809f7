/**
 * The EDNS options of an OPT record as tcpdump's eopt_print() writes them. Private to
 * `lib/print/`.
 *
 * @module
 */

import { readUint32 } from "../../_bytes.ts";
import { formatIpv6 } from "../../address.ts";

import { invalid } from "../_truncation.ts";
import { type DnsWalk, NULL } from "./_dns_records.ts";

const ednsOptions: Record<number, string> = {
  1: "LLQ",
  2: "UL",
  3: "NSID",
  5: "DAU",
  6: "DHU",
  7: "N3U",
  8: "ECS",
  9: "EXPIRE",
  10: "COOKIE",
  11: "KEEPALIVE",
  12: "PADDING",
  13: "CHAIN",
  14: "KEY-TAG",
  16: "CLIENT-TAG",
  17: "SERVER-TAG",
};

const dauAlgorithms: Record<number, string> = {
  0: "DELETE",
  1: "RSAMD5",
  2: "DH",
  3: "DS",
  5: "RSASHA1",
  6: "DSA-NSEC3-SHA1",
  7: "RSASHA1-NSEC3-SHA1",
  8: "RSASHA256",
  10: "RSASHA512",
  12: "ECC-GOST",
  13: "ECDSAP256SHA256",
  14: "ECDSAP384SHA384",
  15: "ED25519",
  16: "ED448",
  252: "INDIRECT",
  253: "PRIVATEDNS",
  254: "PRIVATEOID",
};

const dhuAlgorithms: Record<number, string> = {
  1: "SHA-1",
  2: "SHA-256",
  3: "GOST_R_34.11-94",
  4: "SHA-384",
};

/**
 * eopt_print(): prints one EDNS option of an OPT record.
 *
 * @param walk The message being printed.
 * @param cp Where the option starts.
 * @returns The offset after it, or `NULL` when its bytes ran out.
 */
export function ednsOption(walk: DnsWalk, cp: number): number {
  const ctx = walk.ctx;
  const out = ctx.out;
  const data = walk.data;
  if (!walk.has(cp, 2)) return NULL;
  const code = walk.u16(cp);
  cp += 2;
  out.ascii(ednsOptions[code] ?? `Opt${code}`);
  if (!walk.has(cp, 2)) return NULL;
  const length = walk.u16(cp);
  cp += 2;
  if (!walk.has(cp, length)) return NULL;
  if (length === 0) return cp;
  out.byte(0x20);
  const list = (names: Record<number, string>): void => {
    for (let k = 0; k < length; k++) {
      if (k > 0) out.byte(0x20);
      const value = data[cp + k]!;
      out.ascii(names[value] ?? `Alg_${value}`);
    }
  };
  switch (code) {
    case 8:
      clientSubnet(walk, cp, length);
      break;
    case 10:
      if (length < 8 || (length > 8 && length < 16) || length > 40) invalid(ctx);
      else {
        out.hexBytes(data, cp, cp + 8);
        if (length > 8) {
          out.byte(0x20);
          out.hexBytes(data, cp + 8, cp + length);
        }
      }
      break;
    case 11:
      if (length !== 2) invalid(ctx);
      else out.ascii(`${(walk.u16(cp) / 10).toFixed(1)} sec`);
      break;
    case 9:
      if (length !== 4) invalid(ctx);
      else out.ascii(`${readUint32(data, cp)} sec`);
      break;
    case 12:
      out.ascii(`(${length})`);
      break;
    case 14:
      if (length % 2 !== 0) invalid(ctx);
      else {
        for (let k = 0; k < length; k += 2) {
          if (k > 0) out.byte(0x20);
          out.uint(walk.u16(cp + k));
        }
      }
      break;
    case 5:
      list(dauAlgorithms);
      break;
    case 6:
      list(dhuAlgorithms);
      break;
    case 7:
      list({ 1: "SHA-1" });
      break;
    case 13:
      walk.name(cp, cp + length);
      break;
    default:
      out.hexBytes(data, cp, cp + length);
  }
  return cp + length;
}

/** print_eopt_ecs(): the client subnet option. */
function clientSubnet(walk: DnsWalk, cp: number, length: number): void {
  const data = walk.data;
  if (length < 4) return invalid(walk.ctx);
  const family = walk.u16(cp);
  const sourceLength = data[cp + 2]!;
  const scopeLength = data[cp + 3]!;
  cp += 4;
  const bits = family === 1 ? 32 : family === 2 ? 128 : 0;
  if (
    bits === 0 || length - 4 > bits / 8 || sourceLength > bits || scopeLength > bits ||
    Math.floor((sourceLength + 7) / 8) !== length - 4
  ) {
    return invalid(walk.ctx);
  }
  const padded = new Uint8Array(16);
  padded.set(data.subarray(cp, cp + length - 4));
  const out = walk.ctx.out;
  if (family === 1) out.ipv4(padded, 0);
  else out.ascii(formatIpv6(padded, 0));
  out.ascii(`/${sourceLength}/${scopeLength}`);
}
