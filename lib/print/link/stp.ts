/**
 * Spanning-tree BPDUs as tcpdump's stp_print() writes them: the version and type, the
 * flags and bridge identifier (`-n`), and with `-v` the timers, the root, and for MSTP/SPB
 * the CIST, the MSTIs and SPB's agreement digest.
 *
 * @module
 */

import { truncated } from "../_truncation.ts";
import type { PrintContext } from "../context.ts";
import {
  type Stp,
  STP_CONFIG_LENGTH,
  STP_MSTP_MIN_LENGTH,
  STP_RSTP_LENGTH,
  StpBpduType,
  StpVersion,
} from "../../link/stp.ts";
import { printCharsUntilNul } from "../_chars.ts";

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
  if (length < 4) {
    out.ascii(" (invalid)");
    return;
  }
  if (stp.protocolId !== 0) {
    out.ascii(`unknown STP version, length ${length}`);
    return;
  }
  const version = VERSIONS[stp.version];
  if (version === undefined) {
    out.ascii(`STP Unknown STP protocol (0x${stp.version.toString(16).padStart(2, "0")})`);
    return;
  }
  out.ascii(`STP ${version}, `);
  const type = TYPES.get(stp.bpduType);
  out.ascii(type ?? `Unknown BPDU Type (0x${stp.bpduType.toString(16).padStart(2, "0")})`);
  if (stp.bpduType === StpBpduType.TOPOLOGY_CHANGE || type === undefined) return;
  if (!stp.validFor(length)) {
    out.ascii(" (invalid)");
    return;
  }
  const rapid = stp.bpduType === StpBpduType.RSTP;
  if (!rapid || stp.version === StpVersion.RSTP) {
    if (stp.available < (rapid ? STP_RSTP_LENGTH : STP_CONFIG_LENGTH)) {
      truncated(ctx, "stp");
      return;
    }
    config(ctx, stp, length);
  } else if (stp.version === StpVersion.MSTP || stp.version === StpVersion.SPB) {
    mstp(ctx, stp, length);
  }
}

function timers(ctx: PrintContext, stp: Stp): void {
  ctx.out.ascii(
    `\n\tmessage-age ${stpSeconds(stp.messageAge)}s, max-age ${stpSeconds(stp.maxAge)}s` +
      `, hello-time ${stpSeconds(stp.helloTime)}s, forwarding-delay ${
        stpSeconds(stp.forwardDelay)
      }s`,
  );
}

function config(ctx: PrintContext, stp: Stp, length: number): void {
  const out = ctx.out;
  out.ascii(`, Flags [${flagNames(stp.flags)}], bridge-id ${stp.bridgeId}.`);
  out.hex(stp.portId, 4);
  out.ascii(`, length ${length}`);
  if (ctx.verbose === 0) return;
  timers(ctx, stp);
  out.ascii(`\n\troot-id ${stp.rootId}, root-pathcost ${stp.rootPathCost}`);
  if (stp.version === StpVersion.RSTP) out.ascii(`, port-role ${ROLES[stp.portRole]}`);
}

function mstp(ctx: PrintContext, stp: Stp, length: number): void {
  const out = ctx.out;
  out.ascii(`, CIST Flags [${flagNames(stp.flags)}], length ${length}`);
  if (ctx.verbose === 0) return;
  if (stp.available < STP_MSTP_MIN_LENGTH) {
    truncated(ctx, "stp");
    return;
  }
  out.ascii(`\n\tport-role ${ROLES[stp.portRole]}, `);
  out.ascii(`CIST root-id ${stp.rootId}, CIST ext-pathcost ${stp.rootPathCost}`);
  out.ascii(`\n\tCIST regional-root-id ${stp.bridgeId}, CIST port-id `);
  out.hex(stp.portId, 4);
  out.byte(0x2c);
  timers(ctx, stp);
  out.ascii(`\n\tv3len ${stp.v3Length}, MCID Name `);
  printCharsUntilNul(out, stp.mstConfigName, 0, stp.mstConfigName.length);
  out.ascii(", rev ");
  out.uint(stp.mstRevision);
  out.ascii(`,\n\t\tdigest ${stp.mstDigest}, CIST int-root-pathcost ${stp.cistInternalPathCost},`);
  out.ascii(`\n\tCIST bridge-id ${stp.cistBridgeId}, CIST remaining-hops ${stp.cistRemainingHops}`);
  for (const msti of stp.mstis) {
    out.ascii(`\n\tMSTI ${msti.id}, Flags [${flagNames(msti.flags)}], port-role `);
    out.ascii(ROLES[(msti.flags >> 2) & 3]!);
    out.ascii(`\n\t\tMSTI regional-root-id ${msti.regionalRootId}, pathcost ${msti.pathCost}`);
    out.ascii(`\n\t\tMSTI bridge-prio ${msti.bridgePriority}, port-prio ${msti.portPriority}`);
    out.ascii(`, hops ${msti.remainingHops}`);
  }
  if (stp.version !== StpVersion.SPB) return;
  spb(ctx, stp);
}

function spb(ctx: PrintContext, stp: Stp): void {
  const out = ctx.out;
  const d = stp.data;
  const at = stp.offset + stp.spbOffset;
  if (at + 87 > stp.end) {
    truncated(ctx, "stp");
    return;
  }
  out.ascii(`\n\tv4len ${stp.v4Length}, AUXMCID Name `);
  printCharsUntilNul(out, d, at + 3, 32);
  out.ascii(`, Rev ${(d[at + 35]! << 8) | d[at + 36]!},\n\t\tdigest `);
  out.hexBytes(d, at + 37, at + 53);
  const agreement = d[at + 53]!;
  const format = d[at + 55]!;
  const convention = d[at + 56]!;
  out.ascii(
    `\n\tAgreement num ${agreement >> 6}, Discarded Agreement num ${(agreement >> 4) & 3}` +
      `, Agreement valid-flag ${(agreement >> 3) & 1},\n\tRestricted role-flag: ${
        (agreement >> 2) & 1
      }, Format id ${format >> 4} cap ${format}, Convention id ${
        convention >> 4
      } cap ${convention}` +
      `,\n\tEdge count ${(d[at + 57]! << 8) | d[at + 58]!}, Agreement digest `,
  );
  out.hexBytes(d, at + 67, at + 87);
}
