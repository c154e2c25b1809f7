/**
 * The payloads of an ISAKMP message as tcpdump's ikev1_sub_print() and ikev2_sub_print()
 * print them at `-v`: for IKEv1 the SA, proposals and transforms (with attribute names),
 * key exchange, hash, signature, nonce and vendor ID; for IKEv2 the SA, proposals and
 * transforms, key exchange, identification, certificates, authentication, nonce, notify,
 * delete, vendor ID, traffic selectors, encrypted, configuration and EAP payloads; other
 * payload types by name. Private to `lib/print/app/`.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { Isakmp } from "../../app/isakmp.ts";
import { readCut, truncated } from "../_truncation.ts";
import { attributes, hex, someData, STOP } from "./_isakmp_common.ts";
import { v1Delete, v1Id, v1Notify } from "./_isakmp_v1.ts";
import { v2Payload } from "./_isakmp_v2.ts";
import {
  AH_IDS,
  CERT_TYPES,
  ESP_IDS,
  IKE_IDS,
  IPCOMP_IDS,
  IPSEC_ATTRIBUTES,
  OAKLEY_ATTRIBUTES,
  payloadName,
  PROTOCOLS,
} from "./_isakmp_names.ts";

/**
 * Prints the payloads of an unencrypted message.
 *
 * @returns `false` when a field past the captured bytes ended the output (` [|isakmp]`).
 */
export function printIsakmpPayloads(ctx: PrintContext, ike: Isakmp): boolean {
  try {
    chain(ctx, ike, ike.nextPayload, ike.headerOffset + 28, 0, 0);
  } catch (stop) {
    if (stop !== STOP) throw stop;
    return readCut(ctx, "isakmp");
  }
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
      truncated(ctx, payloadName(type));
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
  if (type >= 33 && type <= 48) return v2Payload(ctx, ike, type, at, length, depth);
  switch (type) {
    case 1:
      return sa(ctx, ike, at, depth);
    case 2:
      return proposal(ctx, ike, at, depth);
    case 3:
      return transform(ctx, ike, at, length, protocol);
    case 5:
      return v1Id(ctx, ike, at, length);
    case 6:
    case 7: {
      out.ascii(`${name}:`);
      if (at + 5 > ike.end) return truncated(ctx, name);
      const encoding = ike.uint8(at + 4);
      out.ascii(` len=${length - 4} type=${CERT_TYPES[encoding] ?? `#${encoding}`}`);
      hexAll();
      return at + length;
    }
    case 11:
      return v1Notify(ctx, ike, at, length);
    case 12:
      return v1Delete(ctx, ike, at);
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
    truncated(ctx, "sa");
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
    truncated(ctx, "sa");
    return undefined;
  }
  return chain(ctx, ike, 2, next, depth, 0);
}

function proposal(ctx: PrintContext, ike: Isakmp, at: number, depth: number): number | undefined {
  const out = ctx.out;
  out.ascii("p:");
  if (at + 8 > ike.end) {
    truncated(ctx, "p");
    return undefined;
  }
  const protocol = ike.uint8(at + 5);
  out.ascii(` #${ike.uint8(at + 4)} protoid=${PROTOCOLS[protocol] ?? `#${protocol}`}`);
  out.ascii(` transform=${ike.uint8(at + 7)}`);
  const spiSize = ike.uint8(at + 6);
  if (spiSize !== 0) {
    out.ascii(" spi=");
    if (at + 8 + spiSize > ike.end) {
      truncated(ctx, "p");
      return undefined;
    }
    hex(ctx, ike.bytes(at + 8, spiSize));
  }
  const next = at + 8 + spiSize;
  if (next + 4 > ike.end) {
    truncated(ctx, "p");
    return undefined;
  }
  return chain(ctx, ike, 3, next, depth, protocol);
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
    truncated(ctx, "t");
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
  return attributes(ctx, ike, at + 8, at + length, map);
}
