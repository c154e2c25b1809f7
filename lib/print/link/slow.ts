/**
 * The Slow Protocols (EtherType `0x8809`) as tcpdump's slow_print() writes them: the
 * subtype, version and length at every level, and with `-v` the TLVs of LACP and Marker
 * or the OAM PDU (`_slow_oam.ts`).
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import { type Slow, SlowSubtype } from "../../link/slow.ts";
import { truncatedRead } from "../_truncation.ts";
import { bitNames, linkPayloadLength } from "../_shared.ts";
import { unknownData } from "../_hex.ts";
import { printOam } from "./_slow_oam.ts";
import { hex, illegalLength, slowTooShort, tlvHeader } from "./_slow_shared.ts";

const SUBTYPES = new Map([[1, "LACP"], [2, "MARKER"], [3, "OAM"]]);
/** The TLV names by subtype (high byte) and type (tcpdump's slow_tlv_values). */
const TLVS = new Map([
  [0x100, "Terminator"],
  [0x101, "Actor Information"],
  [0x102, "Partner Information"],
  [0x103, "Collector Information"],
  [0x200, "Terminator"],
  [0x201, "Marker Information"],
]);
const STATE_FLAGS = [
  [0x01, "Activity"],
  [0x02, "Timeout"],
  [0x04, "Aggregation"],
  [0x08, "Synchronization"],
  [0x10, "Collecting"],
  [0x20, "Distributing"],
  [0x40, "Default"],
  [0x80, "Expired"],
] as const;

/**
 * Prints a Slow Protocols PDU.
 *
 * @param ctx The print context.
 * @param slow The layer.
 */
export function printSlow(ctx: PrintContext, slow: Slow): void {
  ctx.done = true;
  const out = ctx.out;
  const length = linkPayloadLength(ctx, slow.offset);
  if (length < 1) return slowTooShort(ctx, true);
  const subtype = slow.subtype;
  if (subtype < 0) return truncatedRead(ctx, "slow");
  const name = SUBTYPES.get(subtype);
  if (subtype === SlowSubtype.LACP || subtype === SlowSubtype.MARKER) {
    if (length < 2) return slowTooShort(ctx, true);
    const version = slow.version;
    if (version < 0) return truncatedRead(ctx, "slow");
    if (version !== 1) {
      out.ascii(`${name} version ${version} packet not supported`);
      return;
    }
    out.ascii(`${name}v${version}, length ${length}`);
  } else {
    out.ascii(`${name ?? `unknown (${subtype})`}, length ${length}`);
    // tcpdump dumps an unknown subtype's bytes at every level.
    if (name === undefined) return unknownData(ctx, slow.offset, length, "\n\t");
  }
  if (ctx.verbose < 1) return;
  if (subtype === SlowSubtype.OAM) return printOam(ctx, slow, length - 1);
  lacpMarker(ctx, slow, subtype, length - 2);
}

/** The line of an LACP or Marker TLV (`key`: the subtype in its high byte, the type low). */
function tlvName(key: number, length: number): string {
  return `\n\t${TLVS.get(key) ?? "Unknown"} TLV (0x${hex(key & 0xff, 2)}), length ${length}`;
}

/** The TLVs of LACP and Marker, `left` bytes of them by the PDU's length. */
function lacpMarker(ctx: PrintContext, slow: Slow, subtype: number, left: number): void {
  const out = ctx.out;
  let at = slow.dataOffset;
  const tlvLine = (type: number, length: number) => tlvName((subtype << 8) + type, length);
  while (left > 0) {
    const length = tlvHeader(ctx, slow, at, left, tlvLine);
    if (length < 0) return;
    const value = at + 2;
    switch ((subtype << 8) + slow.tlvType(at)) {
      case 0x101:
      case 0x102: {
        const info = length === 20 ? slow.actorPartner(at) : undefined;
        if (info === undefined) {
          illegalLength(ctx, 20);
          break;
        }
        out.ascii(
          `\n\t  System ${info.system}, System Priority ${info.systemPriority}, ` +
            `Key ${info.key}, Port ${info.port}, Port Priority ${info.portPriority}` +
            `\n\t  State Flags [${bitNames(STATE_FLAGS, info.state)}]`,
        );
        break;
      }
      case 0x103:
        if (length !== 16) illegalLength(ctx, 16);
        else out.ascii(`\n\t  Max Delay ${slow.collectorMaxDelay(at)}`);
        break;
      case 0x201: {
        const info = length === 16 ? slow.markerInformation(at) : undefined;
        if (info === undefined) {
          illegalLength(ctx, 16);
          break;
        }
        out.ascii(
          `\n\t  Request System ${info.requestSystem}, Request Port ${info.requestPort}, ` +
            `Request Transaction ID 0x${hex(info.requestTransactionId, 8)}`,
        );
        break;
      }
      default:
        if (ctx.verbose <= 1) unknownData(ctx, value, length - 2, "\n\t  ");
    }
    // -vv dumps every TLV's value, the known ones too.
    if (ctx.verbose > 1) unknownData(ctx, value, length - 2, "\n\t  ");
    at += length;
    left -= length;
  }
}
