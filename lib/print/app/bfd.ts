/**
 * BFD as tcpdump's bfd_print() writes it: version, kind, state, flags and length at `-n`;
 * with `-v` the diagnostic, timers, discriminators and authentication section.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import { type Bfd, BFD_HEADER_LENGTH, BfdPort } from "../../app/bfd.ts";
import { bitNames } from "../_shared.ts";
import { unknownData } from "../_hex.ts";
import { printChars } from "../_chars.ts";
import { captured, truncatedRead } from "../_truncation.ts";

const DIAGNOSTICS = [
  "No Diagnostic",
  "Control Detection Time Expired",
  "Echo Function Failed",
  "Neighbor Signaled Session Down",
  "Forwarding Plane Reset",
  "Path Down",
  "Concatenated Path Down",
  "Administratively Down",
  "Reverse Concatenated Path Down",
];
const PORTS: ReadonlyMap<number, string> = new Map([
  [BfdPort.CONTROL, "Control"],
  [BfdPort.MULTIHOP, "Multihop"],
  [BfdPort.LAG, "Lag"],
]);
const V0_FLAGS = [
  [0x80, "I Hear You"],
  [0x40, "Demand"],
  [0x20, "Poll"],
  [0x10, "Final"],
  [0x08, "Control Plane Independent"],
  [0x04, "Authentication Present"],
  [0x02, "Reserved"],
  [0x01, "Reserved"],
] as const;
const V1_FLAGS = [
  [0x20, "Poll"],
  [0x10, "Final"],
  [0x08, "Control Plane Independent"],
  [0x04, "Authentication Present"],
  [0x02, "Demand"],
  [0x01, "Multipoint"],
] as const;
const STATES = ["AdminDown", "Down", "Init", "Up"];
const AUTH_TYPES = [
  "Unknown",
  "Simple Password",
  "Keyed MD5",
  "Meticulous Keyed MD5",
  "Keyed SHA1",
  "Meticulous Keyed SHA1",
];

/** `%4u`. */
function pad4(n: number): string {
  return `${n}`.padStart(4, " ");
}

/**
 * Prints a BFD packet after its UDP header.
 *
 * @param ctx The print context.
 * @param bfd The layer.
 */
export function printBfd(ctx: PrintContext, bfd: Bfd): void {
  ctx.done = true;
  const out = ctx.out;
  const length = bfd.wireLength;
  const dump = () => unknownData(ctx, bfd.offset, length, "\n\t");
  if (bfd.port === BfdPort.ECHO) {
    out.ascii(`BFD, Echo, length: ${length}`);
    if (ctx.verbose >= 1) dump();
    return;
  }
  if (bfd.end - bfd.offset < BFD_HEADER_LENGTH) {
    truncatedRead(ctx, "bfd");
    return;
  }
  const version = bfd.version;
  if (version > 1) {
    out.ascii(`BFDv${version}, Control, length: ${length}`);
    if (ctx.verbose >= 1) dump();
    return;
  }
  const flags = version === 0
    ? bitNames(V0_FLAGS, bfd.flags)
    : bitNames(V1_FLAGS, bfd.flags & 0x3f);
  const kind = PORTS.get(bfd.port) ?? `unknown (${bfd.port})`;
  const state = STATES[bfd.state]!;
  if (ctx.verbose < 1) {
    if (version === 0) out.ascii(`BFDv0, Control, Flags: [${flags}], length: ${length}`);
    else out.ascii(`BFDv1, ${kind}, State ${state}, Flags: [${flags}], length: ${length}`);
    return;
  }
  const diagnostic = `${DIAGNOSTICS[bfd.diagnostic] ?? "unknown"} (0x${
    bfd.diagnostic.toString(16).padStart(2, "0")
  })`;
  if (version === 0) {
    out.ascii(`BFDv0, length: ${length}\n\tControl, Flags: [${flags}], Diagnostic: ${diagnostic}`);
  } else {
    out.ascii(`BFDv1, length: ${length}\n\t${kind}, State ${state}, Flags: [${flags}], `);
    out.ascii(`Diagnostic: ${diagnostic}`);
  }
  // tcpdump multiplies in 32-bit unsigned arithmetic before dividing.
  const detection = Math.floor(((bfd.detectMultiplier * bfd.desiredMinTx) >>> 0) / 1000);
  out.ascii(`\n\tDetection Timer Multiplier: ${bfd.detectMultiplier} (${detection} ms Detection `);
  out.ascii(`time), BFD Length: ${bfd.length}`);
  out.ascii(`\n\tMy Discriminator: 0x${bfd.myDiscriminator.toString(16).padStart(8, "0")}`);
  out.ascii(`, Your Discriminator: 0x${bfd.yourDiscriminator.toString(16).padStart(8, "0")}`);
  out.ascii(`\n\t  Desired min Tx Interval:    ${pad4(Math.floor(bfd.desiredMinTx / 1000))} ms`);
  out.ascii(`\n\t  Required min Rx Interval:   ${pad4(Math.floor(bfd.requiredMinRx / 1000))} ms`);
  out.ascii(`\n\t  Required min Echo Interval: ${pad4(Math.floor(bfd.requiredMinEcho / 1000))} ms`);
  if ((bfd.flags & 0x04) !== 0) authentication(ctx, bfd);
}

/** The authentication section at -v, as tcpdump's auth_print() writes it. */
function authentication(ctx: PrintContext, bfd: Bfd): void {
  const out = ctx.out;
  const auth = bfd.authentication;
  if (auth === undefined || !captured(bfd.end, bfd.offset + BFD_HEADER_LENGTH, 4)) {
    truncatedRead(ctx, "bfd");
    return;
  }
  const { type, length } = auth;
  out.ascii(`\n\tAuthentication: ${AUTH_TYPES[type] ?? "Unknown"} (${type}), length: ${length}`);
  out.ascii(`\n\t  Auth Key ID: ${auth.keyId}`);
  if (type === 1) {
    if (length < 4 || length > 19) {
      out.ascii(`[invalid length ${length}]`);
      return;
    }
    out.ascii(", Password: ");
    const end = auth.valueOffset + length - 3;
    if (printChars(out, bfd.data, auth.valueOffset, end, bfd.end)) truncatedRead(ctx, "bfd");
    return;
  }
  if (type < 2 || type > 5) return;
  const md5 = type < 4;
  if (length !== (md5 ? 24 : 28)) {
    out.ascii(`[invalid length ${length}]`);
    return;
  }
  if (auth.sequenceNumber === undefined) {
    truncatedRead(ctx, "bfd");
    return;
  }
  out.ascii(`, Sequence Number: 0x${auth.sequenceNumber.toString(16).padStart(8, "0")}`);
  const size = md5 ? 16 : 20;
  if (!captured(bfd.end, auth.valueOffset, size)) {
    truncatedRead(ctx, "bfd");
    return;
  }
  out.ascii(md5 ? "\n\t  Digest: " : "\n\t  Hash: ");
  for (let i = 0; i < size; i++) {
    out.ascii(bfd.data[auth.valueOffset + i]!.toString(16).padStart(2, "0"));
  }
}
