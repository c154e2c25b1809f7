/**
 * The IKEv2 payloads as tcpdump's ikev2_sub0_print() and the printers it calls write them.
 * Private to `lib/print/app/`.
 *
 * @module
 */

import { truncated } from "../_truncation.ts";
import type { PrintContext } from "../context.ts";
import type { Isakmp } from "../../app/isakmp.ts";
import { attributes, hex, printable, someData } from "./_isakmp_common.ts";
import {
  AUTH_METHODS,
  ENCR_ATTRIBUTES,
  ESN_IDS,
  ESP_IDS,
  GROUPS,
  ID_TYPES,
  INTEG_IDS,
  NOTIFY_TYPES,
  payloadName,
  PRF_IDS,
  PROTOCOLS,
  TRANSFORM_TYPES,
} from "./_isakmp_names.ts";

/** `name:` or `name[C]:`, with the critical bit of an IKEv2 payload. */
function v2Name(ctx: PrintContext, ike: Isakmp, name: string, at: number): void {
  ctx.out.ascii(`${name}${(ike.uint8(at + 1) & 0x80) !== 0 ? "[C]" : ""}:`);
}

export function v2Payload(
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
    truncated(ctx, name);
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
    const header = subHeader(ctx, ike, p, left, "v2sa");
    if (typeof header !== "object") return header;
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

/**
 * The generic header of the sub-payload at `p` with `left` bytes of its parent left, as
 * tcpdump's ikev2_sub_print() checks it; or, after ` [|name]`, what the parent returns
 * (where its bytes end, or `undefined` when the capture ends first).
 */
function subHeader(
  ctx: PrintContext,
  ike: Isakmp,
  p: number,
  left: number,
  name: string,
): { nextPayload: number; length: number } | number | undefined {
  let stop: number | undefined = undefined;
  if (left < 4) stop = p + left;
  else {
    const header = ike.genericHeader(p);
    if (header !== undefined && header.length > 4) {
      if (left < header.length) stop = p + left;
      else if (p + header.length <= ike.end) return header;
    }
  }
  truncated(ctx, name);
  return stop;
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
    truncated(ctx, "p");
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
      truncated(ctx, "p");
      return p + left;
    }
    out.ascii(" spi=");
    if (p + spiSize > ike.end) {
      truncated(ctx, "p");
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
    const header = subHeader(ctx, ike, p, left, "p");
    if (typeof header !== "object") return header;
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
    truncated(ctx, "t");
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

/** ikev2_n_print(): a notification. */
function v2Notify(ctx: PrintContext, ike: Isakmp, at: number, length: number): number | undefined {
  const out = ctx.out;
  if (at + 8 > ike.end) {
    truncated(ctx, "n");
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
      truncated(ctx, "n");
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
