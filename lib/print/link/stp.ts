/**
 * Spanning-tree BPDUs as tcpdump's stp_print() writes them: the version and type, the
 * flags and bridge identifier (`-n`), and with `-v` the timers, the root, and for MSTP/SPB
 * the CIST, the MSTIs and SPB's agreement digest. stp_print() reads each field with a
 * bounds-checked read as it prints: a BPDU the capture cut is printed up to the first
 * field (or `printf()` of fields) not captured, then ` [|stp]`.
 *
 * @module
 */

import { invalid, truncatedRead } from "../_truncation.ts";
import type { PrintContext } from "../context.ts";
import {
  type Stp,
  STP_CONFIG_LENGTH,
  STP_MSTP_MIN_LENGTH,
  STP_RSTP_LENGTH,
  STP_SPB_MIN_LENGTH,
  StpBpduType,
  StpVersion,
} from "../../link/stp.ts";
import { printCharsUntilNul } from "../_chars.ts";
import { hex2 } from "../../_hex.ts";

const VERSIONS = ["802.1d", undefined, "802.1w", "802.1s", "802.1aq"];
const TYPES: ReadonlyMap<number, string> = new Map([
  [0x00, "Config"],
  [0x02, "Rapid STP"],
  [0x80, "Topology Change"],
]);
const FLAG_NAMES: readonly [number, string][] = [
  [0x01, "Topology change"],
  [0x02, "Proposal"],
  [0x10, "Learn"],
  [0x20, "Forward"],
  [0x40, "Agreement"],
  [0x80, "Topology change ACK"],
];
const ROLES = ["Unknown", "Alternate", "Root", "Designated"];

/** tcpdump's bittok2str() over the BPDU flags. */
function flagNames(flags: number): string {
  const names = FLAG_NAMES.filter(([bit]) => (flags & bit) !== 0).map(([, name]) => name);
  return names.length === 0 ? "none" : names.join(", ");
}

/**
 * Seconds in 1/256ths as C's `%.2f` writes them: rounded half to even on the exact value.
 *
 * @param ticks The time in 1/256 seconds.
 * @returns The seconds with two decimals.
 */
export function stpSeconds(ticks: number): string {
  // ticks / 256 in hundredths is ticks * 25 / 64.
  let hundredths = Math.floor(ticks * 25 / 64);
  const rest = (ticks * 25) % 64;
  if (rest > 32 || (rest === 32 && hundredths % 2 === 1)) hundredths++;
  return `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, "0")}`;
}

/**
 * Prints a BPDU.
 *
 * @param ctx The print context.
 * @param stp The layer.
 */
export function printStp(ctx: PrintContext, stp: Stp): void {
  ctx.done = true;
  const out = ctx.out;
  const length = ctx.frameLength >= 0 ? ctx.frameLength : stp.available;
  if (length < 4) return invalid(ctx);
  if (stp.protocolId === undefined) return truncatedRead(ctx, "stp");
  if (stp.protocolId !== 0) {
    out.ascii(`unknown STP version, length ${length}`);
    return;
  }
  if (stp.version === undefined) return truncatedRead(ctx, "stp");
  const version = VERSIONS[stp.version];
  if (version === undefined) {
    out.ascii(`STP Unknown STP protocol (0x${hex2(stp.version)})`);
    return;
  }
  out.ascii(`STP ${version}`);
  const type = stp.bpduType;
  if (type === undefined) return truncatedRead(ctx, "stp");
  out.ascii(`, ${TYPES.get(type) ?? `Unknown BPDU Type (0x${hex2(type)})`}`);
  if (type === StpBpduType.CONFIG) {
    if (length < STP_CONFIG_LENGTH) return invalid(ctx);
    config(ctx, stp, length);
  } else if (type === StpBpduType.RSTP) {
    if (stp.version === StpVersion.RSTP) {
      if (length < STP_RSTP_LENGTH) return invalid(ctx);
      config(ctx, stp, length);
    } else if (stp.version === StpVersion.MSTP || stp.version === StpVersion.SPB) {
      mstpChecked(ctx, stp, length);
    }
  }
}

/** An MST (or SPB) BPDU after stp_print()'s checks of its lengths against the wire's. */
function mstpChecked(ctx: PrintContext, stp: Stp, length: number): void {
  if (length < STP_MSTP_MIN_LENGTH) return invalid(ctx);
  const v1 = stp.v1Length;
  if (v1 === undefined) return truncatedRead(ctx, "stp");
  if (v1 !== 0) return invalid(ctx);
  const v3 = stp.v3Length;
  if (v3 === undefined) return truncatedRead(ctx, "stp");
  const mst = STP_RSTP_LENGTH + v3 + 2;
  if (length < mst) return invalid(ctx);
  if (!mstp(ctx, stp, length)) return truncatedRead(ctx, "stp");
  if (stp.version !== StpVersion.SPB) return;
  const v4 = stp.v4Length;
  if (v4 === undefined) return truncatedRead(ctx, "stp");
  if (length < mst + v4 + 2 || v4 + 2 < STP_SPB_MIN_LENGTH) return invalid(ctx);
  if (ctx.verbose > 0 && !spb(ctx, stp)) truncatedRead(ctx, "stp");
}

/** The four timers, or `false` when they were not all captured. */
function timers(ctx: PrintContext, stp: Stp): boolean {
  const { messageAge, maxAge, helloTime, forwardDelay } = stp;
  if (
    messageAge === undefined || maxAge === undefined || helloTime === undefined ||
    forwardDelay === undefined
  ) return false;
  ctx.out.ascii(
    `\n\tmessage-age ${stpSeconds(messageAge)}s, max-age ${stpSeconds(maxAge)}s` +
      `, hello-time ${stpSeconds(helloTime)}s, forwarding-delay ${stpSeconds(forwardDelay)}s`,
  );
  return true;
}

/** stp_print_config_bpdu(): a configuration or RST BPDU, ` [|stp]` at the cut. */
function config(ctx: PrintContext, stp: Stp, length: number): void {
  const out = ctx.out;
  const flags = stp.flags;
  if (flags === undefined) return truncatedRead(ctx, "stp");
  out.ascii(`, Flags [${flagNames(flags)}]`);
  const { bridgeId, portId } = stp;
  if (bridgeId === undefined || portId === undefined) return truncatedRead(ctx, "stp");
  out.ascii(`, bridge-id ${bridgeId}.`);
  out.hex(portId, 4);
  out.ascii(`, length ${length}`);
  if (ctx.verbose === 0) return;
  if (!timers(ctx, stp)) return truncatedRead(ctx, "stp");
  const { rootId, rootPathCost } = stp;
  if (rootId === undefined || rootPathCost === undefined) return truncatedRead(ctx, "stp");
  out.ascii(`\n\troot-id ${rootId}, root-pathcost ${rootPathCost}`);
  if (stp.version === StpVersion.RSTP) out.ascii(`, port-role ${ROLES[(flags >> 2) & 3]}`);
}

/** stp_print_mstp_bpdu(): the CIST and the MSTIs; `false` at a field not captured. */
function mstp(ctx: PrintContext, stp: Stp, length: number): boolean {
  const out = ctx.out;
  const flags = stp.flags;
  if (flags === undefined) return false;
  out.ascii(`, CIST Flags [${flagNames(flags)}], length ${length}`);
  if (ctx.verbose === 0) return true;
  out.ascii(`\n\tport-role ${ROLES[(flags >> 2) & 3]}, `);
  const { rootId, rootPathCost, bridgeId, portId } = stp;
  if (rootId === undefined || rootPathCost === undefined) return false;
  out.ascii(`CIST root-id ${rootId}, CIST ext-pathcost ${rootPathCost}`);
  if (bridgeId === undefined) return false;
  out.ascii(`\n\tCIST regional-root-id ${bridgeId}, `);
  if (portId === undefined) return false;
  out.ascii("CIST port-id ");
  out.hex(portId, 4);
  out.byte(0x2c);
  if (!timers(ctx, stp)) return false;
  out.ascii(`\n\tv3len ${stp.v3Length}, MCID Name `);
  if (!name(ctx, stp.mstConfigName)) return false;
  const { mstRevision, mstDigest } = stp;
  if (mstRevision === undefined || mstDigest === undefined) return false;
  out.ascii(`, rev ${mstRevision},\n\t\tdigest ${mstDigest}, `);
  const internal = stp.cistInternalPathCost;
  if (internal === undefined) return false;
  out.ascii(`CIST int-root-pathcost ${internal},`);
  const cistBridgeId = stp.cistBridgeId;
  if (cistBridgeId === undefined) return false;
  out.ascii(`\n\tCIST bridge-id ${cistBridgeId}, `);
  const hops = stp.cistRemainingHops;
  if (hops === undefined) return false;
  out.ascii(`CIST remaining-hops ${hops}`);
  const mstis = stp.mstis;
  for (const msti of mstis) {
    if (msti.id === undefined) return false;
    out.ascii(`\n\tMSTI ${msti.id}, Flags [${flagNames(msti.flags)}], port-role `);
    out.ascii(ROLES[(msti.flags >> 2) & 3]!);
    if (msti.regionalRootId === undefined || msti.pathCost === undefined) return false;
    out.ascii(`\n\t\tMSTI regional-root-id ${msti.regionalRootId}, pathcost ${msti.pathCost}`);
    const { bridgePriority, portPriority, remainingHops } = msti;
    if (bridgePriority === undefined || portPriority === undefined) return false;
    if (remainingHops === undefined) return false;
    out.ascii(`\n\t\tMSTI bridge-prio ${bridgePriority}, port-prio ${portPriority}`);
    out.ascii(`, hops ${remainingHops}`);
  }
  return mstis.length === stp.mstiCount;
}

/** nd_printjnp() of a 32-byte name: `false` when the capture cut it before a NUL. */
function name(ctx: PrintContext, bytes: Uint8Array): boolean {
  return !printCharsUntilNul(ctx.out, bytes, 0, 32, bytes.length);
}

/** stp_print_spb_bpdu() (with `-v`): `false` at a field not captured. */
function spb(ctx: PrintContext, stp: Stp): boolean {
  const out = ctx.out;
  const part = stp.spb!;
  out.ascii(`\n\tv4len ${part.v4Length}, AUXMCID Name `);
  if (!name(ctx, part.auxConfigName)) return false;
  const { auxRevision, auxDigest, agreement, format, convention, edgeCount } = part;
  if (auxRevision === undefined || auxDigest === undefined) return false;
  out.ascii(`, Rev ${auxRevision},\n\t\tdigest ${auxDigest}`);
  const digest = part.agreementDigest;
  if (
    agreement === undefined || format === undefined || convention === undefined ||
    edgeCount === undefined || digest === undefined
  ) return false;
  out.ascii(
    `\n\tAgreement num ${agreement >> 6}, Discarded Agreement num ${(agreement >> 4) & 3}` +
      `, Agreement valid-flag ${(agreement >> 3) & 1},\n\tRestricted role-flag: ${
        (agreement >> 2) & 1
      }, Format id ${format >> 4} cap ${format}, Convention id ${
        convention >> 4
      } cap ${convention}` +
      `,\n\tEdge count ${edgeCount}, Agreement digest ${digest}`,
  );
  return true;
}
