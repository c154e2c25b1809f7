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
import { payloadName } from "./isakmp.ts";
import { formatIpv4, formatIpv6 } from "../../address.ts";
import { endEarly, printChar } from "./_text.ts";

/**
 * Where tcpdump reads a field past the captured bytes (its GET_ macros): it prints
 * ` [|isakmp]` and nothing more of the packet.
 */
const STOP = Symbol("stop");

/** Throws {@linkcode STOP} unless `[at, at + length)` was captured. */
function need(ike: Isakmp, at: number, length: number): void {
  if (at + length > ike.end) throw STOP;
}

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
    endEarly(ctx, "isakmp");
    return false;
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
    if (!fixed) need(ike, p, 4);
    const total = fixed ? 4 : 4 + ike.uint16(p + 2);
    if (end < p + total) {
      out.ascii("[|attr]");
      p = end + 1;
      break;
    }
    out.byte(0x28);
    need(ike, p, 2);
    const type = ike.uint16(p) & 0x7fff;
    const entry = map?.[type];
    out.ascii(entry !== undefined ? `type=${entry.type} ` : `type=#${type} `);
    if (fixed) {
      out.ascii("value=");
      need(ike, p, 4);
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

function truncated(ctx: PrintContext, name: string): undefined {
  ctx.out.ascii(` [|${name}]`);
  return undefined;
}

/** ikev1_id_print() (the IPsec DOI's identification, in phases 1 and 2). */
function v1Id(ctx: PrintContext, ike: Isakmp, at: number, length: number): number | undefined {
  const out = ctx.out;
  out.ascii("id:");
  if (at + 8 > ike.end) return truncated(ctx, "id");
  const data = at + 8;
  let left = length > 8 ? length - 8 : 0;
  const type = ike.uint8(at + 4);
  out.ascii(` idtype=${IPSEC_ID_TYPES[type] ?? `#${type}`}`);
  out.ascii(` protoid=${ike.uint8(at + 5)} port=${ike.uint16(at + 6)}`);
  if (left !== 0) {
    if (data + left > ike.end) return truncated(ctx, "id");
    const d = ike.data;
    const bad = (n: number) => out.ascii(` len=${left} [bad: < ${n}]`);
    switch (type) {
      case 1:
        if (left < 4) bad(4);
        else out.ascii(` len=${left} ${formatIpv4(d, data)}`);
        left = 0;
        break;
      case 2:
      case 3:
        out.ascii(` len=${left} `);
        for (let i = 0; i < left; i++) printChar(out, d[data + i]!);
        left = 0;
        break;
      case 4:
        if (left < 8) bad(8);
        else {out.ascii(
            ` len=${left} ${formatIpv4(d, data)}/${[...ike.bytes(data + 4, 4)].join(".")}`,
          );}
        left = 0;
        break;
      case 5:
        if (left < 16) bad(16);
        else out.ascii(` len=${left} ${formatIpv6(d, data)}`);
        left = 0;
        break;
      case 6:
        if (left < 32) bad(32);
        else {
          out.ascii(` len=${left} ${formatIpv6(d, data)}/0x`);
          hex(ctx, ike.bytes(data + 16, 16));
        }
        left = 0;
        break;
      case 7:
        if (left < 8) bad(8);
        else out.ascii(` len=${left} ${formatIpv4(d, data)}-${formatIpv4(d, data + 4)}`);
        left = 0;
        break;
      case 8:
        if (left < 32) bad(32);
        else out.ascii(` len=${left} ${formatIpv6(d, data)}-${formatIpv6(d, data + 16)}`);
        left = 0;
        break;
    }
    if (left !== 0) {
      out.ascii(` len=${left}`);
      if (ctx.verbose > 2) {
        out.byte(0x20);
        hex(ctx, ike.bytes(data, left));
      }
    }
  }
  return at + length;
}

/** ikev1_n_print(): a notification. */
function v1Notify(
  ctx: PrintContext,
  ike: Isakmp,
  at: number,
  length: number,
): number | undefined {
  const out = ctx.out;
  out.ascii("n:");
  if (at + 12 > ike.end) return truncated(ctx, "n");
  const doi = ike.uint32(at + 4);
  const protocol = ike.uint8(at + 8);
  const spiSize = ike.uint8(at + 9);
  const type = ike.uint16(at + 10);
  const spi = () => {
    if (spiSize === 0) return true;
    out.ascii(" spi=");
    if (at + 12 + spiSize > ike.end) return false;
    hex(ctx, ike.bytes(at + 12, spiSize));
    return true;
  };
  if (doi !== 1) {
    out.ascii(` doi=${doi} proto=${protocol} type=`);
    out.ascii(
      type < 8192
        ? NOTIFY_ERRORS[type] ?? `#${type}`
        : type >= 16384 && type < 24576
        ? (type === 16384 ? "CONNECTED" : `#${type - 16384}`)
        : `#${type}`,
    );
    if (!spi()) return truncated(ctx, "n");
    return at + 12 + spiSize;
  }
  out.ascii(` doi=ipsec proto=${PROTOCOLS[protocol] ?? `#${protocol}`} type=`);
  out.ascii(
    type < 8192
      ? NOTIFY_ERRORS[type] ?? `#${type}`
      : type < 16384
      ? (type === 8192 ? "RESERVED" : `#${type - 8192}`)
      : type < 24576
      ? (type === 16384 ? "CONNECTED" : `#${type - 16384}`)
      : type < 32768
      ? IPSEC_NOTIFY_STATUS[type - 24576] ?? `#${type - 24576}`
      : `#${type}`,
  );
  if (!spi()) return truncated(ctx, "n");
  const cp = at + 12 + spiSize;
  const end = at + length;
  const ep = ike.end;
  if (cp < ep) {
    if (type === 24576) {
      out.ascii(" attrs=(");
      const next = attributes(ctx, ike, cp, end, OAKLEY_ATTRIBUTES, true);
      if (next === undefined) return truncated(ctx, "n");
      out.byte(0x29);
    } else if (type === 24577) {
      out.ascii(" status=(");
      need(ike, cp, 4);
      out.ascii(`replay detection ${ike.uint32(cp) !== 0 ? "en" : "dis"}abled)`);
    } else if (ctx.verbose > 3) {
      out.ascii(" data=(");
      hex(ctx, ike.bytes(cp, ep - cp));
      out.byte(0x29);
    } else {
      someData(ctx, ike, cp);
    }
  }
  return at + length;
}

/** ikev1_d_print(): a delete payload. */
function v1Delete(ctx: PrintContext, ike: Isakmp, at: number): number | undefined {
  const out = ctx.out;
  out.ascii("d:");
  if (at + 12 > ike.end) return truncated(ctx, "d");
  const doi = ike.uint32(at + 4);
  const protocol = ike.uint8(at + 8);
  if (doi !== 1) out.ascii(` doi=${doi} proto=${protocol}`);
  else out.ascii(` doi=ipsec proto=${PROTOCOLS[protocol] ?? `#${protocol}`}`);
  const spiSize = ike.uint8(at + 9);
  const count = ike.uint16(at + 10);
  out.ascii(` spilen=${spiSize} nspi=${count} spi=`);
  let q = at + 12;
  for (let i = 0; i < count; i++) {
    if (i !== 0) out.byte(0x2c);
    if (q + spiSize > ike.end) return truncated(ctx, "d");
    hex(ctx, ike.bytes(q, spiSize));
    q += spiSize;
  }
  return q;
}

/** `name:` or `name[C]:`, with the critical bit of an IKEv2 payload. */
function v2Name(ctx: PrintContext, ike: Isakmp, name: string, at: number): void {
  ctx.out.ascii(`${name}${(ike.uint8(at + 1) & 0x80) !== 0 ? "[C]" : ""}:`);
}

function v2Payload(
  ctx: PrintContext,
  ike: Isakmp,
  type: number,
  at: number,
  length: number,
  depth: number,
): number | undefined {
  const out = ctx.out;
  const verbose = ctx.verbose;
  const name = payloadName(type);
  const trunc = () => {
    out.ascii(` [|${name}]`);
    return undefined;
  };
  const captured = (from: number, n: number) => from + n <= ike.end;
  switch (type) {
    case 33:
      return v2Sa(ctx, ike, at, length, depth);
    case 34: {
      if (!captured(at, 8)) return trunc();
      v2Name(ctx, ike, name, at);
      if (length < 8) {
        out.ascii(` len=${length} < 8`);
        return at + length;
      }
      const group = ike.uint16(at + 4);
      out.ascii(` len=${length - 8} group=${GROUPS[group] ?? `#${group}`}`);
      if (verbose > 2 && length > 8) {
        out.byte(0x20);
        if (!captured(at + 8, length - 8)) return trunc();
        hex(ctx, ike.bytes(at + 8, length - 8));
      }
      return at + length;
    }
    case 35:
    case 36: {
      if (!captured(at, 8)) return trunc();
      v2Name(ctx, ike, name, at);
      out.ascii(` len=${length - 4}`);
      if (verbose > 2 && length > 4) {
        out.byte(0x20);
        hex(ctx, ike.bytes(at + 4, length - 4));
      }
      const idType = ike.uint8(at + 4);
      const dataLength = length - 8;
      const label = ID_TYPES[idType];
      if (label === undefined) return at + length;
      out.ascii(` ${label}:`);
      if (dataLength < 0 || !captured(at + 8, dataLength)) return trunc();
      if (idType === 2 || idType === 3) printable(ctx, ike.bytes(at + 8, dataLength));
      else hex(ctx, ike.bytes(at + 8, dataLength));
      return at + length;
    }
    case 39: {
      if (!captured(at, 8)) return trunc();
      v2Name(ctx, ike, name, at);
      const method = ike.uint8(at + 4);
      out.ascii(` len=${length - 4} method=${AUTH_METHODS[method] ?? `#${method}`}`);
      if (length > 4) {
        if (verbose > 1) {
          out.ascii(" authdata=(");
          if (length < 8 || !captured(at + 8, length - 8)) return trunc();
          hex(ctx, ike.bytes(at + 8, length - 8));
          out.ascii(") ");
        } else if (verbose > 0) {
          someData(ctx, ike, at + 8);
        }
      }
      return at + length;
    }
    case 40:
      v2Name(ctx, ike, "nonce", at);
      out.ascii(` len=${length - 4}`);
      if (verbose > 1 && length > 4) {
        out.ascii(" nonce=(");
        hex(ctx, ike.bytes(at + 4, length - 4));
        out.ascii(") ");
      } else if (verbose > 0 && length > 4) {
        someData(ctx, ike, at + 4);
      }
      return at + length;
    case 41:
      return v2Notify(ctx, ike, at, length);
    case 43: {
      v2Name(ctx, ike, name, at);
      out.ascii(` len=${length - 4} vid=`);
      printable(ctx, ike.bytes(at + 4, length - 4));
      if (verbose > 2 && length - 4 > 4) {
        out.byte(0x20);
        hex(ctx, ike.bytes(at + 4, length - 4));
      }
      return at + length;
    }
    case 46: {
      v2Name(ctx, ike, name, at);
      out.ascii(` len=${length - 4}`);
      if (verbose > 2 && length - 4 > 4) {
        out.byte(0x20);
        hex(ctx, ike.bytes(at + 4, length - 4));
      }
      // The encrypted payload is the last: its next payload type is inside it.
      return undefined;
    }
    default:
      // Certificates, requests, delete, traffic selectors, configuration, EAP.
      v2Name(ctx, ike, name, at);
      out.ascii(` len=${length - 4}`);
      if (verbose > 2 && length > 4) {
        out.byte(0x20);
        hex(ctx, ike.bytes(at + 4, length - 4));
      }
      return at + length;
  }
}

/** ikev2_sa_print(): the proposals of an SA, each with its transforms. */
function v2Sa(
  ctx: PrintContext,
  ike: Isakmp,
  at: number,
  length: number,
  depth: number,
): number | undefined {
  const out = ctx.out;
  v2Name(ctx, ike, "sa", at);
  let left = length - 4;
  out.ascii(` len=${left}`);
  let p = at + 4;
  let type = 2;
  while (type !== 0) {
    if (left < 4) {
      out.ascii(" [|v2sa]");
      return p + left;
    }
    const header = ike.genericHeader(p);
    if (header === undefined) {
      out.ascii(" [|v2sa]");
      return undefined;
    }
    if (header.length <= 4) {
      out.ascii(" [|v2sa]");
      return undefined;
    }
    if (left < header.length) {
      out.ascii(" [|v2sa]");
      return p + left;
    }
    if (p + header.length > ike.end) {
      out.ascii(" [|v2sa]");
      return undefined;
    }
    out.ascii(`\n${"    ".repeat(depth + 1)}(`);
    if (type === 2) {
      const next = v2Proposal(ctx, ike, p, header.length, depth + 1);
      if (next === undefined) return undefined;
      p = next;
    } else {
      out.ascii(payloadName(type));
      p += header.length;
    }
    out.byte(0x29);
    left -= header.length;
    type = header.nextPayload;
  }
  return p;
}

/** ikev2_p_print(): a proposal and its transforms. */
function v2Proposal(
  ctx: PrintContext,
  ike: Isakmp,
  at: number,
  length: number,
  depth: number,
): number | undefined {
  const out = ctx.out;
  if (at + 8 > ike.end) {
    out.ascii(" [|p]");
    return undefined;
  }
  v2Name(ctx, ike, "p", at);
  let left = length - 4;
  const protocol = ike.uint8(at + 5);
  out.ascii(` #${ike.uint8(at + 4)} protoid=${PROTOCOLS[protocol] ?? `#${protocol}`}`);
  out.ascii(` transform=${ike.uint8(at + 7)} len=${length}`);
  let p = at + 8;
  const spiSize = ike.uint8(at + 6);
  if (spiSize !== 0) {
    if (left < spiSize) {
      out.ascii(" [|p]");
      return p + left;
    }
    out.ascii(" spi=");
    if (p + spiSize > ike.end) {
      out.ascii(" [|p]");
      return undefined;
    }
    hex(ctx, ike.bytes(p, spiSize));
    p += spiSize;
    left -= spiSize;
  }
  // As in tcpdump, only the generic header (4 bytes) is taken off the proposal's length.
  let type = 3;
  let count = 0;
  let previous = at;
  while (type !== 0) {
    count++;
    if (left < 4) {
      out.ascii(" [|p]");
      return p + left;
    }
    const header = ike.genericHeader(p);
    if (header === undefined) {
      out.ascii(" [|p]");
      return undefined;
    }
    if (header.length <= 4) {
      out.ascii(" [|p]");
      return undefined;
    }
    if (left < header.length) {
      out.ascii(" [|p]");
      return p + left;
    }
    if (p + header.length > ike.end) {
      out.ascii(" [|p]");
      return undefined;
    }
    out.ascii(`\n${"    ".repeat(depth + 1)}(`);
    if (type === 3) {
      const next = v2Transform(ctx, ike, count, p, header.length);
      if (next === undefined) return undefined;
      previous = p;
      p = next;
    } else {
      out.ascii(payloadName(type));
      previous = p;
      p += header.length;
    }
    out.byte(0x29);
    left -= header.length;
    type = ike.uint8(previous);
  }
  return p;
}

/** ikev2_t_print(): one transform and its attributes. */
function v2Transform(
  ctx: PrintContext,
  ike: Isakmp,
  count: number,
  at: number,
  length: number,
): number | undefined {
  const out = ctx.out;
  if (at + 8 > ike.end) {
    out.ascii(" [|t]");
    return undefined;
  }
  v2Name(ctx, ike, "t", at);
  const id = ike.uint16(at + 6);
  const kind = ike.uint8(at + 4);
  const ids = kind === 1
    ? ESP_IDS
    : kind === 2
    ? PRF_IDS
    : kind === 3
    ? INTEG_IDS
    : kind === 4
    ? GROUPS
    : kind === 5
    ? ESN_IDS
    : undefined;
  const kindName = TRANSFORM_TYPES[kind] ?? `#${kind}`;
  if (ids !== undefined) out.ascii(` #${count} type=${kindName} id=${ids[id] ?? `#${id}`} `);
  else out.ascii(` #${count} type=${kindName} id=${id} `);
  const map = kind === 1 ? ENCR_ATTRIBUTES : undefined;
  return attributes(ctx, ike, at + 8, at + length, map);
}

/** The attributes of a transform, `[at, end)`; the offset after them, or `undefined`. */
function attributes(
  ctx: PrintContext,
  ike: Isakmp,
  at: number,
  end: number,
  map: readonly (AttributeMap | undefined)[] | undefined,
  notify = false,
): number | undefined {
  const out = ctx.out;
  let p = at;
  while (p < ike.end && p < end) {
    const fixed = (ike.uint8(p) & 0x80) !== 0;
    if (!fixed) need(ike, p, 4);
    const total = fixed ? 4 : 4 + ike.uint16(p + 2);
    if (end < p + total) {
      out.ascii("[|attr]");
      p = end + 1;
      break;
    }
    out.byte(0x28);
    need(ike, p, 2);
    const type = ike.uint16(p) & 0x7fff;
    const entry = map?.[type];
    out.ascii(entry !== undefined ? `type=${entry.type} ` : `type=#${type} `);
    if (fixed) {
      out.ascii("value=");
      need(ike, p, 4);
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
  if (!notify && ike.end < end) out.ascii("...");
  return p;
}

/** ikev2_n_print(): a notification. */
function v2Notify(ctx: PrintContext, ike: Isakmp, at: number, length: number): number | undefined {
  const out = ctx.out;
  if (at + 8 > ike.end) {
    out.ascii(" [|n]");
    return undefined;
  }
  v2Name(ctx, ike, "n", at);
  const protocol = ike.uint8(at + 4);
  out.ascii(` prot_id=${PROTOCOLS[protocol] ?? `#${protocol}`}`);
  const type = ike.uint16(at + 6);
  const known = NOTIFY_TYPES.get(type);
  const name = known?.[0] ??
    (type < 8192
      ? "error"
      : type < 16384
      ? "private-error"
      : type < 40960
      ? "status"
      : "private-status");
  const showSpi = known?.[1] ?? true;
  const showSomeData = type === 16390;
  out.ascii(` type=${type}(${name})`);
  const spiSize = ike.uint8(at + 5);
  if (showSpi && spiSize !== 0) {
    out.ascii(" spi=");
    if (at + 8 + spiSize > ike.end) {
      out.ascii(" [|n]");
      return undefined;
    }
    hex(ctx, ike.bytes(at + 8, spiSize));
  }
  const data = at + 8 + spiSize;
  const ep = ike.end;
  if (data < ep) {
    if (ctx.verbose > 3 || (showSomeData && ep - data < 30)) {
      out.ascii(" data=(");
      hex(ctx, ike.bytes(data, ep - data));
      out.byte(0x29);
    } else if (showSomeData) {
      someData(ctx, ike, data);
    }
  }
  return at + length;
}

function printable(ctx: PrintContext, bytes: Uint8Array): void {
  for (const b of bytes) ctx.out.byte(b >= 0x20 && b <= 0x7e ? b : 0x2e);
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

const CERT_TYPES: readonly string[] = [
  "none",
  "pkcs7",
  "pgp",
  "dns",
  "x509sign",
  "x509ke",
  "kerberos",
  "crl",
  "arl",
  "spki",
  "x509attr",
];

const IPSEC_ID_TYPES: readonly (string | undefined)[] = [
  undefined,
  "IPv4",
  "FQDN",
  "user FQDN",
  "IPv4net",
  "IPv6",
  "IPv6net",
  "IPv4range",
  "IPv6range",
  "ASN1 DN",
  "ASN1 GN",
  "keyid",
];

const NOTIFY_ERRORS: readonly (string | undefined)[] = [
  undefined,
  "INVALID-PAYLOAD-TYPE",
  "DOI-NOT-SUPPORTED",
  "SITUATION-NOT-SUPPORTED",
  "INVALID-COOKIE",
  "INVALID-MAJOR-VERSION",
  "INVALID-MINOR-VERSION",
  "INVALID-EXCHANGE-TYPE",
  "INVALID-FLAGS",
  "INVALID-MESSAGE-ID",
  "INVALID-PROTOCOL-ID",
  "INVALID-SPI",
  "INVALID-TRANSFORM-ID",
  "ATTRIBUTES-NOT-SUPPORTED",
  "NO-PROPOSAL-CHOSEN",
  "BAD-PROPOSAL-SYNTAX",
  "PAYLOAD-MALFORMED",
  "INVALID-KEY-INFORMATION",
  "INVALID-ID-INFORMATION",
  "INVALID-CERT-ENCODING",
  "INVALID-CERTIFICATE",
  "CERT-TYPE-UNSUPPORTED",
  "INVALID-CERT-AUTHORITY",
  "INVALID-HASH-INFORMATION",
  "AUTHENTICATION-FAILED",
  "INVALID-SIGNATURE",
  "ADDRESS-NOTIFICATION",
  "NOTIFY-SA-LIFETIME",
  "CERTIFICATE-UNAVAILABLE",
  "UNSUPPORTED-EXCHANGE-TYPE",
  "UNEQUAL-PAYLOAD-LENGTHS",
];

const IPSEC_NOTIFY_STATUS: readonly string[] = [
  "RESPONDER-LIFETIME",
  "REPLAY-STATUS",
  "INITIAL-CONTACT",
];

const PRF_IDS: readonly (string | undefined)[] = [
  undefined,
  "hmac-md5",
  "hmac-sha",
  "hmac-tiger",
  "aes128_xcbc",
];
const INTEG_IDS: readonly (string | undefined)[] = [
  undefined,
  "hmac-md5",
  "hmac-sha",
  "dec-mac",
  "kpdk-md5",
  "aes-xcbc",
];
const ESN_IDS: readonly (string | undefined)[] = ["no-esn", "esn"];
const TRANSFORM_TYPES: readonly (string | undefined)[] = [
  undefined,
  "encr",
  "prf",
  "integ",
  "dh",
  "esn",
];
const AUTH_METHODS: readonly string[] = ["invalid", "rsasig", "shared-secret", "dsssig"];
const ID_TYPES: Readonly<Record<number, string>> = {
  1: "ipv4",
  2: "fqdn",
  3: "rfc822",
  5: "ipv6",
  9: "dn",
  10: "gn",
  11: "keyid",
};

/** IKEv2 notify types: name, and whether tcpdump shows the SPI. */
const NOTIFY_TYPES: ReadonlyMap<number, readonly [string, boolean]> = new Map([
  [1, ["unsupported_critical_payload", false]],
  [4, ["invalid_ike_spi", true]],
  [5, ["invalid_major_version", false]],
  [7, ["invalid_syntax", true]],
  [9, ["invalid_message_id", true]],
  [11, ["invalid_spi", true]],
  [14, ["no_protocol_chosen", true]],
  [17, ["invalid_ke_payload", true]],
  [24, ["authentication_failed", true]],
  [34, ["single_pair_required", true]],
  [35, ["no_additional_sas", false]],
  [36, ["internal_address_failure", false]],
  [37, ["failed:cp_required", false]],
  [39, ["invalid_selectors", false]],
  [16384, ["initial_contact", false]],
  [16385, ["set_window_size", false]],
  [16386, ["additional_ts_possible", false]],
  [16387, ["ipcomp_supported", false]],
  [16388, ["nat_detection_source_ip", true]],
  [16389, ["nat_detection_destination_ip", true]],
  [16390, ["cookie", true]],
  [16391, ["use_transport_mode", false]],
  [16392, ["http_cert_lookup_supported", false]],
  [16393, ["rekey_sa", true]],
  [16394, ["tfc_padding_not_supported", false]],
  [16395, ["non_first_fragment_also", false]],
]);

const ENCR_ATTRIBUTES: readonly (AttributeMap | undefined)[] = [
  ...Array.from({ length: 14 }, () => undefined),
  { type: "keylen", values: NONE },
];

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
