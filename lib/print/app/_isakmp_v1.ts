/**
 * The IKEv1 identification, notify and delete payloads as tcpdump's ikev1_id_print(),
 * ikev1_n_print() and ikev1_d_print() write them. Private to `lib/print/app/`.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { Isakmp } from "../../app/isakmp.ts";
import { formatIpv4, formatIpv6 } from "../../address.ts";
import { printChars } from "../_chars.ts";
import { attributes, hex, need, someData } from "./_isakmp_common.ts";
import { truncated } from "../_truncation.ts";
import {
  IPSEC_ID_TYPES,
  IPSEC_NOTIFY_STATUS,
  NOTIFY_ERRORS,
  OAKLEY_ATTRIBUTES,
  PROTOCOLS,
} from "./_isakmp_names.ts";

/** ikev1_id_print() (the IPsec DOI's identification, in phases 1 and 2). */
export function v1Id(
  ctx: PrintContext,
  ike: Isakmp,
  at: number,
  length: number,
): number | undefined {
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
        printChars(out, d, data, data + left);
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
export function v1Notify(
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
export function v1Delete(ctx: PrintContext, ike: Isakmp, at: number): number | undefined {
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
