/**
 * EIGRP as tcpdump's eigrp_print() writes it: the opcode and length, and with `-v` the
 * header fields and each TLV.
 *
 * @module
 */

import { readUint32 } from "../../_bytes.ts";
import { truncated } from "../_truncation.ts";
import type { PrintContext } from "../context.ts";
import type { Layer } from "../../layer_map.ts";
import { type Eigrp, type EigrpRoute, EigrpTlvType } from "../../net/eigrp.ts";
import { bitNames } from "../_shared.ts";
import { unknownData } from "../_hex.ts";

/**
 * Prints an EIGRP packet.
 *
 * @param ctx The print context.
 * @param eigrp The layer.
 * @param _next The layer after it (none).
 */
export function printEigrp(ctx: PrintContext, eigrp: Eigrp, _next: Layer | undefined): void {
  const out = ctx.out;
  ctx.done = true;
  if (eigrp.version !== 2) {
    out.ascii(`EIGRP version ${eigrp.version} packet not supported`);
    return;
  }
  const length = (ctx.network ? ctx.ipEnd : eigrp.end) - eigrp.offset;
  const opcode = OPCODE_NAMES[eigrp.opcode];
  if (ctx.verbose === 0) {
    out.ascii(`EIGRP ${opcode ?? `unknown (${eigrp.opcode})`}, length: ${length}`);
    return;
  }
  if (length < 20) {
    out.ascii(`EIGRP ${opcode ?? `unknown (${eigrp.opcode})`}, length: ${length}`);
    out.ascii(" (too short, < 20)");
    return;
  }
  out.ascii(`\n\tEIGRP v2, opcode: ${opcode ?? `unknown, type: ${eigrp.opcode}`}`);
  out.ascii(` (${eigrp.opcode}), chksum: 0x`);
  out.hex(eigrp.checksum, 4);
  out.ascii(`, Flags: [${bitNames(FLAG_NAMES, eigrp.flags)}]\n\tseq: 0x`);
  out.hex(eigrp.sequence, 8);
  out.ascii(", ack: 0x");
  out.hex(eigrp.acknowledgment, 8);
  out.ascii(`, VRID: ${eigrp.virtualRouterId}, AS: ${eigrp.autonomousSystem}`);
  out.ascii(`, length: ${length - 20}`);
  for (const tlv of eigrp.tlvs(length)) {
    if (tlv.problem === "bad-length") {
      unknownData(ctx, tlv.offset + 4, length - 4, "\n\t    ");
      return;
    }
    if (tlv.type < 0) {
      truncated(ctx, "eigrp");
      return;
    }
    out.ascii(`\n\t  ${TLV_NAMES.get(tlv.type) ?? "Unknown"} TLV (0x`);
    out.hex(tlv.type, 4);
    out.ascii(`), length: ${tlv.length}`);
    if (tlv.problem === "truncated") {
      truncated(ctx, "eigrp");
      return;
    }
    const value = tlv.offset + 4;
    if (tlv.tooShort) {
      out.ascii(` (too short, < ${MINIMUM_LENGTHS.get(tlv.type)})`);
    } else if (tlv.parameters !== undefined) {
      const { k, holdTime } = tlv.parameters;
      out.ascii(`\n\t    holdtime: ${holdTime}s, k1 ${k[0]}, k2 ${k[1]}, k3 ${k[2]}, `);
      out.ascii(`k4 ${k[3]}, k5 ${k[4]}`);
    } else if (tlv.softwareVersion !== undefined) {
      const [iosMajor, iosMinor, major, minor] = tlv.softwareVersion;
      out.ascii(`\n\t    IOS version: ${iosMajor}.${iosMinor}, EIGRP version ${major}.${minor}`);
    } else if (tlv.route !== undefined) {
      route(ctx, eigrp, tlv.route);
    } else if (
      tlv.type !== EigrpTlvType.IPV4_INTERNAL && tlv.type !== EigrpTlvType.IPV4_EXTERNAL &&
      ctx.verbose < 2
    ) {
      unknownData(ctx, value, tlv.offset + tlv.length - value, "\n\t    ");
    }
    // With -vv, tcpdump dumps every TLV's value too.
    if (ctx.verbose > 1) unknownData(ctx, value, tlv.offset + tlv.length - value, "\n\t    ");
  }
}

function route(ctx: PrintContext, eigrp: Eigrp, route: EigrpRoute): void {
  const out = ctx.out;
  const d = eigrp.data;
  if (route.prefixLength > 32) {
    out.ascii(`\n\t    illegal prefix length ${route.prefixLength}`);
    return;
  }
  out.ascii(`\n\t    IPv4 prefix: ${route.prefix.join(".").padStart(15)}/${route.prefixLength}`);
  out.ascii(", nexthop: ");
  if (readUint32(d, route.nextHopAt) === 0) out.ascii("self");
  else out.ipv4(d, route.nextHopAt);
  if (route.originRouterAt !== undefined) {
    out.ascii("\n\t      origin-router ");
    out.ipv4(d, route.originRouterAt);
    out.ascii(`, origin-as ${route.originAs}, origin-proto `);
    out.ascii(EXTERNAL_PROTOCOLS[route.externalProtocol ?? 0] ?? "unknown");
    out.ascii(", flags [0x");
    out.hex(route.flags ?? 0, 2);
    out.ascii("], tag 0x");
    out.hex(route.tag ?? 0, 8);
    out.ascii(`, metric ${route.externalMetric}`);
  }
  out.ascii(
    `\n\t      delay ${Math.floor(route.delay / 100)} ms, bandwidth ${route.bandwidth} Kbps`,
  );
  out.ascii(`, mtu ${route.mtu}, hop ${route.hopCount}, reliability ${route.reliability}`);
  out.ascii(`, load ${route.load}`);
}

const OPCODE_NAMES: readonly (string | undefined)[] = [
  undefined,
  "Update",
  undefined,
  "Query",
  "Reply",
  "Hello",
  "IPX SAP",
  "Probe",
];

const FLAG_NAMES: readonly (readonly [number, string])[] = [
  [0x01, "Init"],
  [0x02, "Conditionally Received"],
  [0x04, "Restart"],
  [0x08, "End-of-Table"],
];

const TLV_NAMES: ReadonlyMap<number, string> = new Map([
  [0x0001, "General Parameters"],
  [0x0002, "Authentication"],
  [0x0003, "Sequence"],
  [0x0004, "Software Version"],
  [0x0005, "Next Multicast Sequence"],
  [0x0102, "IP Internal routes"],
  [0x0103, "IP External routes"],
  [0x0202, "AppleTalk Internal routes"],
  [0x0203, "AppleTalk External routes"],
  [0x0204, "AppleTalk Cable setup"],
  [0x0302, "IPX Internal routes"],
  [0x0303, "IPX External routes"],
]);

/** The least TLV length that tcpdump says a TLV is "too short" against. */
const MINIMUM_LENGTHS: ReadonlyMap<number, number> = new Map([
  [0x0001, 12],
  [0x0004, 8],
  [0x0102, 26],
  [0x0103, 46],
]);

const EXTERNAL_PROTOCOLS: readonly (string | undefined)[] = [
  undefined,
  "IGRP",
  "EIGRP",
  "Static",
  "RIP",
  "Hello",
  "OSPF",
  "IS-IS",
  "EGP",
  "BGP",
  "IDRP",
  "Connected",
];
