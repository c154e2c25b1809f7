/**
 * PIM as tcpdump's pim_print() writes it: the version, type and length, and with `-v`
 * the checksum and the options of a Hello message.
 *
 * @module
 */

import { readUint32 } from "../../_bytes.ts";
import { truncated } from "../_truncation.ts";
import type { PrintContext } from "../context.ts";
import type { Layer } from "../../layer_map.ts";
import { type Pim, type PimEncodedAddress, PimType } from "../../net/pim.ts";
import { formatIpv6 } from "../../address.ts";
import { relativeTime } from "../_shared.ts";
import { unknownData } from "../_hex.ts";

/**
 * Prints a PIM message.
 *
 * @param ctx The print context.
 * @param pim The layer.
 * @param _next The layer after it (none).
 */
export function printPim(ctx: PrintContext, pim: Pim, next: Layer | undefined): void {
  const out = ctx.out;
  ctx.done = true;
  const length = (ctx.network ? ctx.ipEnd : pim.end) - pim.offset;
  if (pim.version !== 2) {
    out.ascii(`PIMv${pim.version}, length ${length}`);
    return;
  }
  const name = TYPE_NAMES[pim.type] ?? "Unknown Type";
  if (ctx.verbose === 0) {
    out.ascii(`PIMv2, ${name}, length ${length}`);
    return;
  }
  out.ascii(`PIMv2, length ${length}\n\t${name}`);
  if (pim.headerLength < 2) {
    truncated(ctx, "pimv2");
    return;
  }
  if ((pim.reserved & 0x0f) !== 0) out.ascii(", RFC2117-encoding");
  if (pim.headerLength < 4) {
    truncated(ctx, "pimv2");
    return;
  }
  out.ascii(", cksum 0x");
  out.hex(pim.checksum, 4);
  let valid: boolean | undefined = undefined;
  if (pim.checksum !== 0) {
    // A Register's checksum covers its 8-byte header, or (also accepted) the whole message.
    valid = pim.checksumVerifies(pim.type === PimType.REGISTER ? 8 : length);
    if (valid === false && pim.type === PimType.REGISTER) valid = pim.checksumVerifies(length);
  }
  out.ascii(valid === undefined ? " (unverified)" : valid ? " (correct)" : " (incorrect)");
  switch (pim.type) {
    case PimType.REGISTER: {
      const flags = pim.registerFlags;
      if (flags === undefined) return trunc(ctx);
      out.ascii(", Flags [ ");
      out.ascii(flags === 0x80000000 ? "Border" : flags === 0x40000000 ? "Null" : "none");
      out.ascii(" ]\n\t");
      const at = pim.offset + 8;
      if (length <= 8) return trunc(ctx);
      if (at >= pim.end) return trunc(ctx);
      const version = pim.data[at]! >> 4;
      if (version === 0) {
        if (at + 20 > pim.end) return trunc(ctx);
        out.ascii("IP-Null-header ");
        out.ipv4(pim.data, at + 12);
        out.ascii(" > ");
        out.ipv4(pim.data, at + 16);
      } else if (version === 4 || version === 6) {
        // The packet inside prints as the layers after this one.
        if (next !== undefined || ctx.error !== undefined) ctx.done = false;
      } else out.ascii(`IP ver ${version}`);
      break;
    }
    case PimType.HELLO:
      hello(ctx, pim, length);
      break;
    case PimType.REGISTER_STOP: {
      const body = pim.registerStop(length)!;
      out.ascii(" group=");
      if (!address(ctx, pim, body.group, "group")) return trunc(ctx);
      out.ascii(" source=");
      if (!address(ctx, pim, body.source, "unicast")) return trunc(ctx);
      break;
    }
    case PimType.JOIN_PRUNE:
    case PimType.GRAFT:
    case PimType.GRAFT_ACK:
      joinPrune(ctx, pim, length);
      break;
    case PimType.BOOTSTRAP:
      bootstrap(ctx, pim, length);
      break;
    case PimType.CANDIDATE_RP_ADVERTISEMENT: {
      const body = pim.candidateRp(length)!;
      if (body.prefixCount === undefined) return trunc(ctx);
      out.ascii(` prefix-cnt=${body.prefixCount}`);
      if (body.priority === undefined) return trunc(ctx);
      out.ascii(` prio=${body.priority}`);
      if (body.holdTime === undefined) return trunc(ctx);
      out.ascii(` holdtime=${relativeTime(body.holdTime)} RP=`);
      if (!address(ctx, pim, body.rp, "unicast")) return trunc(ctx);
      for (let i = 0; i < body.groups.length; i++) {
        out.ascii(` Group${i}=`);
        if (!address(ctx, pim, body.groups[i], "group")) return trunc(ctx);
      }
      break;
    }
    case PimType.STATE_REFRESH: {
      // tcpdump's "Prune Refresh": source, group and forwarder, then TUNR.
      const limit = Math.min(pim.end, pim.offset + length);
      let at = pim.offset + 4;
      for (const [label, kind] of PRUNE_REFRESH_FIELDS) {
        out.ascii(label);
        const field = pim.readAddress(at, limit, kind);
        if (!address(ctx, pim, field, kind)) return trunc(ctx);
        at += field!.length;
      }
      if (at + 2 > limit) return trunc(ctx);
      out.ascii(` TUNR ${relativeTime((pim.data[at]! << 8) | pim.data[at + 1]!)}`);
      break;
    }
    case PimType.DF_ELECTION: {
      const body = pim.dfElection(length)!;
      const subtype = body.subtype;
      out.ascii(`\n\t  ${DF_SUBTYPES[subtype] ?? "Unknown"}, rpa=`);
      if (!address(ctx, pim, body.rpa, "unicast")) return trunc(ctx);
      if (body.senderPreference === undefined) return trunc(ctx);
      out.ascii(` sender pref=${body.senderPreference}`);
      if (body.senderMetric === undefined) return trunc(ctx);
      out.ascii(` sender metric=${body.senderMetric}`);
      if (subtype !== 3 && subtype !== 4) break;
      const label = subtype === 3 ? "offer" : "new winner";
      out.ascii(`\n\t  ${label} addr=`);
      if (!address(ctx, pim, body.address, "unicast")) return trunc(ctx);
      if (body.preference === undefined) return trunc(ctx);
      out.ascii(` ${label} pref=${body.preference}`);
      if (body.metric === undefined) return trunc(ctx);
      out.ascii(` ${label} metric=${body.metric}`);
      if (subtype === 3) {
        if (body.interval === undefined) return trunc(ctx);
        out.ascii(` interval ${body.interval}ms`);
      }
      break;
    }
    case PimType.ASSERT: {
      const body = pim.assert(length)!;
      out.ascii(" group=");
      if (!address(ctx, pim, body.group, "group")) return trunc(ctx);
      out.ascii(" src=");
      if (!address(ctx, pim, body.source, "unicast")) return trunc(ctx);
      if (body.metric === undefined) return trunc(ctx);
      if (body.metric.rpt) out.ascii(" RPT");
      out.ascii(` pref=${body.metric.preference} metric=${body.metric.metric}`);
      break;
    }
    default:
      out.ascii(` [type ${pim.type}]`);
  }
}

const DF_SUBTYPES: readonly (string | undefined)[] = [
  undefined,
  "Offer",
  "Winner",
  "Backoff",
  "Pass",
];

const PRUNE_REFRESH_FIELDS: readonly (readonly [string, "unicast" | "group"])[] = [
  [" src=", "unicast"],
  [" grp=", "group"],
  [" forwarder=", "unicast"],
];

function bootstrap(ctx: PrintContext, pim: Pim, length: number): void {
  const out = ctx.out;
  const body = pim.bootstrap(length)!;
  if (body.tag === undefined) return trunc(ctx);
  out.ascii(" tag=");
  out.hex(body.tag);
  if (body.hashMaskLength === undefined) return trunc(ctx);
  out.ascii(` hashmlen=${body.hashMaskLength}`);
  if (body.priority === undefined) return trunc(ctx);
  out.ascii(` BSRprio=${body.priority} BSR=`);
  if (!address(ctx, pim, body.bsr, "unicast")) return trunc(ctx);
  for (let i = 0; i < body.groups.length; i++) {
    const group = body.groups[i]!;
    out.ascii(` (group${i}: `);
    if (!address(ctx, pim, group.group, "group")) return trunc(ctx);
    if (group.rpCount === undefined) return trunc(ctx);
    out.ascii(` RPcnt=${group.rpCount}`);
    if (group.fragmentRpCount === undefined) return trunc(ctx);
    out.ascii(` FRPcnt=${group.fragmentRpCount}`);
    if (!group.complete) return trunc(ctx);
    for (let j = 0; j < group.rps.length; j++) {
      const rp = group.rps[j]!;
      out.ascii(` RP${j}=`);
      if (!address(ctx, pim, rp.address, "unicast")) return trunc(ctx);
      if (rp.holdTime === undefined) return trunc(ctx);
      out.ascii(`,holdtime=${relativeTime(rp.holdTime)}`);
      if (rp.priority === undefined) return trunc(ctx);
      out.ascii(`,prio=${rp.priority}`);
      if (!rp.complete) return trunc(ctx);
    }
    out.byte(0x29);
  }
}

function trunc(ctx: PrintContext): void {
  truncated(ctx, "pimv2");
}

function joinPrune(ctx: PrintContext, pim: Pim, length: number): void {
  const out = ctx.out;
  const body = pim.joinPrune(length)!;
  const ack = pim.type === PimType.GRAFT_ACK;
  if (!ack) {
    out.ascii(", upstream-neighbor: ");
    if (!address(ctx, pim, body.upstreamNeighbor, "unicast")) return trunc(ctx);
  }
  if (body.groupCount < 0) return trunc(ctx);
  out.ascii(`\n\t  ${body.groupCount} group(s)`);
  if (!ack) {
    out.ascii(", holdtime: ");
    out.ascii(body.holdTime === 0xffff ? "infinite" : relativeTime(body.holdTime));
  }
  body.groups.forEach((group, i) => {
    out.ascii(`\n\t    group #${i + 1}: `);
    if (!address(ctx, pim, group.group, "group") || group.joinedCount < 0) return;
    out.ascii(`, joined sources: ${group.joinedCount}, pruned sources: ${group.prunedCount}`);
    group.joined.forEach((source, j) => {
      out.ascii(`\n\t      joined source #${j + 1}: `);
      address(ctx, pim, source, "source");
    });
    if (group.joined.length < group.joinedCount) {
      out.ascii(`\n\t      joined source #${group.joined.length + 1}: `);
      return;
    }
    group.pruned.forEach((source, j) => {
      out.ascii(`\n\t      pruned source #${j + 1}: `);
      address(ctx, pim, source, "source");
    });
    if (group.pruned.length < group.prunedCount) {
      out.ascii(`\n\t      pruned source #${group.pruned.length + 1}: `);
    }
  });
  if (body.truncated) trunc(ctx);
}

/** Prints an encoded address as pimv2_addr_print() does; `false` when there is none. */
function address(
  ctx: PrintContext,
  pim: Pim,
  address: PimEncodedAddress | undefined,
  kind: "unicast" | "group" | "source",
): boolean {
  if (address === undefined) return false;
  const out = ctx.out;
  if (address.family === 4) out.ipv4(pim.data, address.addressAt);
  else out.ascii(formatIpv6(pim.data, address.addressAt));
  if (kind === "unicast") return true;
  if (address.maskLength !== (address.family === 4 ? 32 : 128)) {
    out.ascii(`/${address.maskLength}`);
  }
  const flags = address.flags;
  if (flags === 0) return true;
  if (kind === "group") {
    out.ascii("(0x");
    out.hex(flags, 2);
    out.byte(0x29);
    return true;
  }
  out.byte(0x28);
  if ((flags & 0x04) !== 0) out.byte(0x53);
  if ((flags & 0x02) !== 0) out.byte(0x57);
  if ((flags & 0x01) !== 0) out.byte(0x52);
  if ((flags & 0xf8) !== 0) {
    out.ascii("+0x");
    out.hex(flags & 0xf8, 2);
  }
  out.byte(0x29);
  return true;
}

function hello(ctx: PrintContext, pim: Pim, length: number): void {
  const out = ctx.out;
  const d = pim.data;
  for (const option of pim.helloOptions(length)) {
    if (option.type < 0) {
      truncated(ctx, "pimv2");
      return;
    }
    const { type, length: size, valueOffset: at } = option;
    out.ascii(`\n\t  ${OPTION_NAMES.get(type) ?? "Unknown"} Option (${type}), length ${size}`);
    out.ascii(", Value: ");
    if (option.truncated) {
      truncated(ctx, "pimv2");
      return;
    }
    const invalid = (expected: number): void => {
      out.ascii(`[option length ${size} != ${expected}] (invalid)`);
    };
    switch (type) {
      case 1:
        if (size !== 2) return invalid(2);
        out.ascii(relativeTime((d[at]! << 8) | d[at + 1]!));
        break;
      case 2: {
        if (size !== 4) return invalid(4);
        const delay = (d[at]! << 8) | d[at + 1]!;
        const override = (d[at + 2]! << 8) | d[at + 3]!;
        out.ascii(`\n\t    T-bit=${delay >> 15}, LAN delay ${delay & 0x7fff}ms, `);
        out.ascii(`Override interval ${override}ms`);
        break;
      }
      case 18:
      case 19:
        if (size === 0) out.ascii("Bi-Directional Capability (Old)");
        else if (size === 4) out.uint(readUint32(d, at));
        else return invalid(4);
        break;
      case 20:
        if (size !== 4) return invalid(4);
        out.ascii("0x");
        out.hex(readUint32(d, at), 8);
        break;
      case 21:
        if (size !== 4) return invalid(4);
        out.ascii(`v${d[at]}`);
        if (d[at + 1] !== 0) out.ascii(`, interval ${relativeTime(d[at + 1]!)}`);
        if (d[at + 2] !== 0 || d[at + 3] !== 0) {
          out.ascii(" ?0x");
          out.hex((d[at + 2]! << 8) | d[at + 3]!, 4);
          out.byte(0x3f);
        }
        break;
      case 22:
        break;
      case 24:
      case 65001:
        if (ctx.verbose > 1) {
          // The secondary addresses (encoded unicast), each on its line.
          const limit = Math.min(pim.end, pim.offset + length);
          for (let p = at; p < at + size;) {
            out.ascii("\n\t    ");
            const entry = pim.readAddress(p, limit, "unicast");
            if (!address(ctx, pim, entry, "unicast")) return trunc(ctx);
            p += entry!.length;
          }
        }
        break;
      default:
        if (ctx.verbose < 2) unknownData(ctx, at, size, "\n\t    ");
    }
    // With -vv, tcpdump dumps every option's value too.
    if (ctx.verbose > 1) unknownData(ctx, at, size, "\n\t    ");
  }
}

const TYPE_NAMES: readonly string[] = [
  "Hello",
  "Register",
  "Register Stop",
  "Join / Prune",
  "Bootstrap",
  "Assert",
  "Graft",
  "Graft Acknowledgement",
  "Candidate RP Advertisement",
  "Prune Refresh",
  "DF Election",
  "ECMP Redirect",
];

const OPTION_NAMES: ReadonlyMap<number, string> = new Map([
  [1, "Hold Time"],
  [2, "LAN Prune Delay"],
  [18, "DR Priority (Old)"],
  [19, "DR Priority"],
  [20, "Generation ID"],
  [21, "State Refresh Capability"],
  [22, "Bi-Directional Capability"],
  [24, "Address List"],
  [65001, "Address List (Old)"],
]);
