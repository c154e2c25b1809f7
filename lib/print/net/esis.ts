/**
 * ES-IS as tcpdump's esis_print() (print-isoclns.c) writes it: `ES-IS, ESH, length 40`,
 * and with `-v` the header, the addresses of an ESH, ISH or redirect, and the options.
 *
 * @module
 */

import { hex2 } from "../../_hex.ts";
import { readUint16 } from "../../_bytes.ts";
import type { PrintContext } from "../context.ts";
import { type Esis, EsisPduType } from "../../net/esis.ts";
import { unknownData } from "../_hex.ts";
import { truncated, truncatedRead } from "../_truncation.ts";
import { linkPayloadLength } from "../_shared.ts";
import { NLPID_NAMES } from "../_names.ts";
import { nsap } from "./_nsap.ts";
import { checksumMark, lengthIndicatorOk, optionHeader, osiNlpid } from "./clnp.ts";

const PDU_NAMES: ReadonlyMap<number, string> = new Map([
  [6, "redirect"],
  [2, "ESH"],
  [4, "ISH"],
]);

const OPTION_NAMES: ReadonlyMap<number, string> = new Map([
  [129, "Protocols supported"],
  [195, "QoS Maintenance"],
  [197, "Security"],
  [198, "ES Configuration Time"],
  [205, "Priority"],
  [225, "Addressk Mask"],
  [226, "SNPA Mask"],
]);

/** What esis_print() says when the addresses stop the walk. */
const BAD_LI: ReadonlyMap<number, string> = new Map([
  [6, ", bad redirect/li"],
  [2, ", bad esh/li"],
  [4, ", bad ish/li"],
]);

/**
 * Prints an ES-IS PDU.
 *
 * @param ctx The print context.
 * @param esis The layer.
 */
export function printEsis(ctx: PrintContext, esis: Esis): void {
  const out = ctx.out;
  ctx.done = true;
  const length = linkPayloadLength(ctx, esis.offset);
  if (ctx.link) osiNlpid(ctx, 0x82);
  else out.ascii("ES-IS");
  if (length <= 2) return void out.ascii(ctx.quiet ? "bad pkt!" : "no header at all!");
  if (!esis.fixedCaptured) return void truncated(ctx, "esis");
  if (esis.version !== 1) return void out.ascii(` version ${esis.version} packet not supported`);
  if (!lengthIndicatorOk(ctx, esis, length, 11)) return;
  const type = esis.pduType;
  const sep = ctx.link ? "" : ", ";
  if (ctx.verbose < 1) {
    out.ascii(`${sep}${PDU_NAMES.get(type) ?? `unknown type (${type})`}, length ${length}`);
    return;
  }
  out.ascii(`${sep}length ${length}\n\t${PDU_NAMES.get(type) ?? `unknown type: ${type}`} `);
  out.ascii(`(${type}), v: 1, checksum: 0x`);
  out.hex(esis.checksum, 4);
  checksumMark(ctx, esis);
  out.ascii(`, holding time: ${esis.holdingTime}s, length indicator: ${esis.lengthIndicator}`);
  if (ctx.verbose > 1) unknownData(ctx, esis.offset, 9, "\n\t");
  if (!addresses(ctx, esis)) return;
  let list = esis.optionList();
  const limit = esis.optionsOffset + esis.optionsRemaining;
  for (let i = 0; i < list.options.length;) {
    const option = list.options[i++]!;
    optionHeader(ctx, OPTION_NAMES, option);
    const at = option.valueOffset;
    if (option.type === 198) {
      if (option.length !== 2) out.ascii("(bad length)");
      else if (at + 2 > esis.end) return void truncated(ctx, "esis");
      else out.ascii(`${readUint16(esis.data, at)}s`);
    } else if (option.type === 129) {
      for (let n = 0; n < option.length; n++) {
        if (at + n >= esis.end) return truncatedRead(ctx, "esis");
        const nlpid = esis.data[at + n]!;
        out.ascii(`${NLPID_NAMES.get(nlpid) ?? "unknown"} (0x${hex2(nlpid)})`);
        if (n + 1 < option.length) out.ascii(", ");
      }
      // esis_print() counts the option's length down to 0 as it prints the protocols, so
      // it reads the next option from this one's value (with the header bytes left after it).
      list = esis.optionList(at, limit - at - option.length);
      i = 0;
      continue;
    } else unknownData(ctx, at, option.length, "\n\t  ");
    if (ctx.verbose > 1) unknownData(ctx, at, option.length, "\n\t  ");
  }
  if (list.stop === "li") out.ascii(", bad opts/li");
  else if (list.stop === "too-long") out.ascii(`, opt (${list.stopType}) too long`);
  else if (list.stop !== undefined) truncatedRead(ctx, "esis");
}

/** The addresses of an ESH, ISH or redirect; false when esis_print() stops after them. */
function addresses(ctx: PrintContext, esis: Esis): boolean {
  const out = ctx.out;
  const d = esis.data;
  const list = esis.addresses;
  const at = esis.offset + 9;
  switch (esis.pduType) {
    case EsisPduType.REDIRECT:
      if (list[0] !== undefined) out.ascii(`\n\t  ${nsap(d, list[0].offset, list[0].length)}`);
      if (esis.addressStop !== undefined) break;
      out.ascii(`\n\t  SNPA (length: ${list[1]!.length}): `);
      if (list[1]!.length === 0) out.ascii("<empty>");
      else out.mac(d, list[1]!.offset, list[1]!.length);
      if (list[2]!.length !== 0) {
        out.ascii(`\n\t  NET (length: ${list[2]!.length}) `);
        out.ascii(nsap(d, list[2]!.offset, list[2]!.length));
      }
      return true;
    case EsisPduType.ESH:
    case EsisPduType.ISH:
      if (esis.addressCount >= 0) {
        out.ascii(`\n\t  Number of Source Addresses: ${esis.addressCount}`);
      }
      for (const net of list) {
        out.ascii(`\n\t  NET (length: ${net.length}): ${nsap(d, net.offset, net.length)}`);
      }
      if (esis.addressStop === undefined) return true;
      break;
    default:
      if (ctx.verbose <= 1 && at < esis.end) unknownData(ctx, at, esis.end - at, "\n\t  ");
      return false;
  }
  if (esis.addressStop === "li") out.ascii(BAD_LI.get(esis.pduType)!);
  else truncated(ctx, "esis");
  return false;
}
