/**
 * The payloads of an IKEv1 message as tcpdump's ikev1_sub_print() prints them at `-v`:
 * SA, proposals and transforms (with attribute names), key exchange, hash, signature,
 * nonce and vendor ID; other payload types by name. Private to `lib/print/app/`.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { Isakmp } from "../../app/isakmp.ts";
import { payloadName } from "./isakmp.ts";

/**
 * Prints the payloads of an unencrypted IKEv1 message (IKEv2 payloads are not printed).
 *
 * @returns Always `true`: tcpdump goes on with the length check.
 */
export function printIsakmpPayloads(ctx: PrintContext, ike: Isakmp): boolean {
  if (ike.majorVersion !== 1) return true;
  chain(ctx, ike, ike.nextPayload, ike.headerOffset + 28, 0, 0);
  return true;
}

/** ikev1_sub_print(): a chain of payloads; the offset after it, or `undefined`. */
function chain(
  ctx: PrintContext,
  ike: Isakmp,
  type: number,
  at: number,
  depth: number,
  protocol: number,
): number | undefined {
  const out = ctx.out;
  let next: number | undefined = at;
  while (type !== 0) {
    const header = ike.genericHeader(at);
    if (header === undefined || at + header.length > ike.end) {
      out.ascii(` [|${payloadName(type)}]`);
      return undefined;
    }
    out.ascii(`\n${"    ".repeat(depth + 1)}(`);
    next = header.length <= 4
      ? undefined
      : payload(ctx, ike, type, at, header.length, depth + 1, protocol);
    out.byte(0x29);
    if (next === undefined) return undefined;
    type = header.nextPayload;
    at = next;
  }
  return next;
}

function payload(
  ctx: PrintContext,
  ike: Isakmp,
  type: number,
  at: number,
  length: number,
  depth: number,
  protocol: number,
): number | undefined {
  const out = ctx.out;
  const verbose = ctx.verbose;
  const name = payloadName(type);
  const hexAll = () => {
    if (verbose > 2 && length > 4) {
      out.byte(0x20);
      hex(ctx, ike.bytes(at + 4, length - 4));
    }
  };
  switch (type) {
    case 1:
      return sa(ctx, ike, at, depth);
    case 2:
      return proposal(ctx, ike, at, depth);
    case 3:
      return transform(ctx, ike, at, length, protocol);
    case 4:
      out.ascii(`${name}: key len=${length - 4}`);
      hexAll();
      return at + length;
    case 8:
    case 9:
    case 13:
      out.ascii(`${name}: len=${length - 4}`);
      hexAll();
      return at + length;
    case 10:
      out.ascii(`${name}: n len=${length - 4}`);
      if (length > 4) {
        if (verbose > 2) {
          out.byte(0x20);
          hex(ctx, ike.bytes(at + 4, length - 4));
        } else if (verbose > 1) {
          out.byte(0x20);
          someData(ctx, ike, at + 4);
        }
      }
      return at + length;
    default:
      out.ascii(name);
      return at + length;
  }
}

function sa(ctx: PrintContext, ike: Isakmp, at: number, depth: number): number | undefined {
  const out = ctx.out;
  out.ascii("sa:");
  if (at + 12 > ike.end) {
    out.ascii(" [|sa]");
    return undefined;
  }
  const doi = ike.uint32(at + 4);
  const situation = ike.uint32(at + 8);
  if (doi !== 1) {
    out.ascii(` doi=${doi} situation=${situation}`);
    return at + 12;
  }
  out.ascii(" doi=ipsec situation=");
  const names: string[] = [];
  if (situation & 1) names.push("identity");
  if (situation & 2) names.push("secrecy");
  if (situation & 4) names.push("integrity");
  out.ascii(names.join("+"));
  let next = at + 12;
  if (situation !== 1) {
    // tcpdump reads the "ident" 4 bytes after the generic header.
    out.ascii(` ident=${ike.uint32(at + 4)}`);
    next += 4;
  }
  if (next + 4 > ike.end) {
    out.ascii(" [|sa]");
    return undefined;
  }
  return chain(ctx, ike, 2, next, depth, 0);
}

function proposal(ctx: PrintContext, ike: Isakmp, at: number, depth: number): number | undefined {
  const out = ctx.out;
  out.ascii("p:");
  if (at + 8 > ike.end) {
    out.ascii(" [|p]");
    return undefined;
  }
  const protocol = ike.uint8(at + 5);
  out.ascii(` #${ike.uint8(at + 4)} protoid=${PROTOCOLS[protocol] ?? `#${protocol}`}`);
  out.ascii(` transform=${ike.uint8(at + 7)}`);
  const spiSize = ike.uint8(at + 6);
  if (spiSize !== 0) {
    out.ascii(" spi=");
    if (at + 8 + spiSize > ike.end) {
      out.ascii(" [|p]");
      return undefined;
    }
    hex(ctx, ike.bytes(at + 8, spiSize));
  }
  const next = at + 8 + spiSize;
  if (next + 4 > ike.end) {
    out.ascii(" [|p]");
    return undefined;
  }
  return chain(ctx, ike, 3, next, depth, protocol);
}

interface AttributeMap {
  readonly type: string;
  readonly values: readonly (string | undefined)[];
}

function transform(
  ctx: PrintContext,
  ike: Isakmp,
  at: number,
  length: number,
  protocol: number,
): number | undefined {
  const out = ctx.out;
  out.ascii("t:");
  if (at + 8 > ike.end) {
    out.ascii(" [|t]");
    return undefined;
  }
  const id = ike.uint8(at + 5);
  const ids = protocol === 1
    ? IKE_IDS
    : protocol === 2
    ? AH_IDS
    : protocol === 3
    ? ESP_IDS
    : protocol === 4
    ? IPCOMP_IDS
    : undefined;
  const map = protocol === 1 ? OAKLEY_ATTRIBUTES : ids === undefined ? undefined : IPSEC_ATTRIBUTES;
  const number = ike.uint8(at + 4);
  if (ids !== undefined) out.ascii(` #${number} id=${ids[id] ?? `#${id}`} `);
  else out.ascii(` #${number} id=${id} `);
  let p = at + 8;
  const end = at + length;
  while (p < ike.end && p < end) {
    const fixed = (ike.uint8(p) & 0x80) !== 0;
    const total = fixed ? 4 : 4 + ike.uint16(p + 2);
    if (end < p + total) {
      out.ascii("[|attr]");
      p = end + 1;
      break;
    }
    out.byte(0x28);
    const type = ike.uint16(p) & 0x7fff;
    const entry = map?.[type];
    out.ascii(entry !== undefined ? `type=${entry.type} ` : `type=#${type} `);
    if (fixed) {
      out.ascii("value=");
      const value = ike.uint16(p + 2);
      const text = entry?.values[value];
      if (text !== undefined) out.ascii(text);
      else {
        if (p + 4 > ike.end) {
          out.ascii(") [|t]");
          return undefined;
        }
        hex(ctx, ike.bytes(p + 2, 2));
      }
    } else {
      out.ascii(`len=${total - 4} value=`);
      if (p + total > ike.end) {
        out.ascii(") [|t]");
        return undefined;
      }
      hex(ctx, ike.bytes(p + 4, total - 4));
    }
    out.byte(0x29);
    p += total;
  }
  if (ike.end < end) out.ascii("...");
  return p;
}

/** ike_show_somedata(): the first 10 and last 20 bytes up to the capture's end. */
function someData(ctx: PrintContext, ike: Isakmp, at: number): void {
  const out = ctx.out;
  const ep = ike.end;
  let end = ep - 20;
  let tail = 20;
  const length = Math.min(ep - at, 10);
  if (end < at + length) {
    end = at + length;
    tail = ep - end;
  }
  out.ascii(" data=(");
  hex(ctx, ike.bytes(at, length));
  out.ascii("...");
  if (tail > 0) hex(ctx, ike.bytes(end, tail));
  out.byte(0x29);
}

function hex(ctx: PrintContext, bytes: Uint8Array): void {
  for (const b of bytes) ctx.out.hex(b, 2);
}

const PROTOCOLS: readonly (string | undefined)[] = [
  undefined,
  "isakmp",
  "ipsec-ah",
  "ipsec-esp",
  "ipcomp",
];

const IKE_IDS: readonly (string | undefined)[] = [undefined, "ike"];
const AH_IDS: readonly (string | undefined)[] = [
  undefined,
  "(reserved)",
  "md5",
  "sha",
  "1des",
  "sha2-256",
  "sha2-384",
  "sha2-512",
];
const ESP_IDS: readonly (string | undefined)[] = [
  undefined,
  "1des-iv64",
  "1des",
  "3des",
  "rc5",
  "idea",
  "cast",
  "blowfish",
  "3idea",
  "1des-iv32",
  "rc4",
  "null",
  "aes",
];
const IPCOMP_IDS: readonly (string | undefined)[] = [undefined, "oui", "deflate", "lzs"];

const GROUPS: readonly (string | undefined)[] = [
  undefined,
  "modp768",
  "modp1024",
  "EC2N 2^155",
  "EC2N 2^185",
  "modp1536",
  "iana-grp06",
  "iana-grp07",
  "iana-grp08",
  "iana-grp09",
  "iana-grp10",
  "iana-grp11",
  "iana-grp12",
  "iana-grp13",
  "modp2048",
  "modp3072",
  "modp4096",
  "modp6144",
  "modp8192",
];

const NONE: readonly (string | undefined)[] = [];

const IPSEC_ATTRIBUTES: readonly (AttributeMap | undefined)[] = [
  undefined,
  { type: "lifetype", values: [undefined, "sec", "kb"] },
  { type: "life", values: NONE },
  { type: "group desc", values: GROUPS },
  { type: "enc mode", values: [undefined, "tunnel", "transport"] },
  { type: "auth", values: [undefined, "hmac-md5", "hmac-sha1", "1des-mac", "keyed"] },
  { type: "keylen", values: NONE },
  { type: "rounds", values: NONE },
  { type: "dictsize", values: NONE },
  { type: "privalg", values: NONE },
];

const OAKLEY_ATTRIBUTES: readonly (AttributeMap | undefined)[] = [
  undefined,
  {
    type: "enc",
    values: [undefined, "1des", "idea", "blowfish", "rc5", "3des", "cast", "aes"],
  },
  {
    type: "hash",
    values: [undefined, "md5", "sha1", "tiger", "sha2-256", "sha2-384", "sha2-512"],
  },
  {
    type: "auth",
    values: [undefined, "preshared", "dss", "rsa sig", "rsa enc", "rsa enc revised"],
  },
  { type: "group desc", values: GROUPS },
  { type: "group type", values: [undefined, "MODP", "ECP", "EC2N"] },
  { type: "group prime", values: NONE },
  { type: "group gen1", values: NONE },
  { type: "group gen2", values: NONE },
  { type: "group curve A", values: NONE },
  { type: "group curve B", values: NONE },
  { type: "lifetype", values: [undefined, "sec", "kb"] },
  { type: "lifeduration", values: NONE },
  { type: "prf", values: NONE },
  { type: "keylen", values: NONE },
  { type: "field", values: NONE },
  { type: "order", values: NONE },
];
