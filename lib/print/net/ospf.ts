/**
 * OSPF as tcpdump's ospf_print() (version 2, over IPv4) and ospf6_print() (version 3,
 * over IPv6) write it: the packet type and length, and with `-v` the router and area,
 * the authentication and the Hello body.
 *
 * @module
 */

import { truncatedRead } from "../_truncation.ts";
import type { PrintContext } from "../context.ts";
import type { Layer } from "../../layer_map.ts";
import { type Ospf, OSPF_MD5_LENGTH, OspfAuthType, OspfType } from "../../net/ospf.ts";
import { bitNames } from "../_shared.ts";
import { printCharsUntilNul } from "../_chars.ts";
import { lsa, LSA_NAMES, lsaHeader, OSPF_OPTION_NAMES } from "./_ospf_lsa.ts";
import { designatedRouters, ospf3, routerAndArea } from "./_ospf6.ts";

/**
 * Prints an OSPF packet.
 *
 * @param ctx The print context.
 * @param ospf The layer.
 * @param _next The layer after it (none).
 */
export function printOspf(ctx: PrintContext, ospf: Ospf, _next: Layer | undefined): void {
  const out = ctx.out;
  ctx.done = true;
  const v6 = ctx.ipVersion === 6;
  let length = (ctx.network ? ctx.ipEnd : ospf.end) - ospf.offset;
  if (!v6 && ospf.authType === OspfAuthType.MD5) length -= OSPF_MD5_LENGTH;
  const name = OSPF_TYPE_NAMES[ospf.type];
  out.ascii("OSPFv");
  out.uint(ospf.version);
  out.ascii(", ");
  if (name === undefined) {
    out.ascii(v6 ? `unknown packet type (${ospf.type})` : `unknown LS-type ${ospf.type}`);
  } else out.ascii(name);
  out.ascii(", length ");
  out.uint(length >>> 0);
  if (name === undefined || ctx.verbose === 0) return;
  if (v6) ospf3(ctx, ospf, length);
  else ospf2(ctx, ospf, length);
}

function ospf2(ctx: PrintContext, ospf: Ospf, length: number): void {
  const out = ctx.out;
  const d = ospf.data;
  if (length !== ospf.packetLength) out.ascii(` [len ${ospf.packetLength}]`);
  routerAndArea(ctx, ospf);
  if (ospf.headerLength < 24) {
    truncatedRead(ctx, "ospf2");
    return;
  }
  out.ascii(", Authentication Type: ");
  out.ascii(OSPF_AUTH_NAMES[ospf.authType] ?? "unknown");
  out.ascii(` (${ospf.authType})`);
  const auth = ospf.authData;
  switch (ospf.authType) {
    case OspfAuthType.NONE:
      break;
    case OspfAuthType.SIMPLE:
      out.ascii("\n\tSimple text password: ");
      printCharsUntilNul(out, auth, 0, 8, auth.length);
      break;
    case OspfAuthType.MD5:
      out.ascii(`\n\tKey-ID: ${auth[2]}, Auth-Length: ${auth[3]}, Crypto Sequence Number: 0x`);
      out.hex(((auth[4]! << 24) | (auth[5]! << 16) | (auth[6]! << 8) | auth[7]!) >>> 0, 8);
      break;
    default:
      return;
  }
  if (ospf.version !== 2) {
    out.ascii(` ospf [version ${ospf.version}]`);
    return;
  }
  if (ospf.type === OspfType.DATABASE_DESCRIPTION) {
    const dd = ospf.databaseDescription;
    if (dd === undefined) {
      truncatedRead(ctx, "ospf2");
      return;
    }
    out.ascii("\n\tOptions [");
    out.ascii(bitNames(OSPF_OPTION_NAMES, dd.options));
    out.ascii("], DD Flags [");
    out.ascii(bitNames(OSPF_DD_FLAG_NAMES, dd.flags));
    out.byte(0x5d);
    if (dd.mtu !== 0) out.ascii(`, MTU: ${dd.mtu}`);
    out.ascii(", Sequence: 0x");
    out.hex(dd.sequence, 8);
    for (const header of ospf.lsaHeaders(length).entries) lsaHeader(ctx, header);
    lls(ctx, ospf, length);
    return;
  }
  if (ospf.type === OspfType.LS_ACK) {
    const headers = ospf.lsaHeaders(length);
    for (const header of headers.entries) lsaHeader(ctx, header);
    if (headers.stop === "truncated") truncatedRead(ctx, "ospf2");
    return;
  }
  if (ospf.type === OspfType.LS_REQUEST) {
    const requests = ospf.lsRequests(length);
    for (const request of requests.entries) {
      out.ascii("\n\t  Advertising Router: ");
      out.ipv4(d, request.advertisingRouterAt);
      out.ascii(`, ${LSA_NAMES[request.type] ?? "unknown"} LSA (${request.type})`);
      if (request.type >= 9 && request.type <= 11) {
        const at = request.lsaIdAt;
        const opaqueType = d[at]!;
        const opaqueId = (d[at + 1]! << 16) | (d[at + 2]! << 8) | d[at + 3]!;
        out.ascii(`, Opaque-Type: ${OPAQUE_TYPE_NAMES[opaqueType] ?? "unknown"} LSA `);
        out.ascii(`(${opaqueType}), Opaque-ID: ${opaqueId}`);
      } else {
        out.ascii(", LSA-ID: ");
        out.ipv4(d, request.lsaIdAt);
      }
    }
    if (requests.stop === "truncated") truncatedRead(ctx, "ospf2");
    return;
  }
  if (ospf.type === OspfType.LS_UPDATE) {
    const count = ospf.lsaCount;
    out.ascii(`, ${count} LSA${count === 1 ? "" : "s"}`);
    const lsas = ospf.lsas();
    for (const [i, entry] of lsas.entries.entries()) {
      out.ascii(`\n\t  LSA #${i + 1}`);
      const end = lsa(ctx, entry);
      // An opaque LSA's TLVs may end the packet's print (tcpdump jumps out of it).
      if (end === "packet") return void truncatedRead(ctx, "ospf2");
    }
    if (lsas.stop !== "end") {
      if (lsas.stop === "truncated" && lsas.entries.length < count) {
        out.ascii(`\n\t  LSA #${lsas.entries.length + 1}`);
      }
      // ospf_print() ends a cut packet with a jump out of the printers.
      truncatedRead(ctx, "ospf2");
    }
    return;
  }
  if (ospf.type !== OspfType.HELLO) return;
  const hello = ospf.hello;
  if (hello === undefined) {
    truncatedRead(ctx, "ospf2");
    return;
  }
  out.ascii("\n\tOptions [");
  out.ascii(bitNames(OSPF_OPTION_NAMES, hello.options));
  out.ascii(`]\n\t  Hello Timer ${hello.helloInterval}s, Dead Timer ${hello.deadInterval}s`);
  out.ascii(", Mask ");
  out.ipv4(d, hello.maskAt);
  out.ascii(`, Priority ${hello.priority}`);
  designatedRouters(ctx, ospf, hello.designatedRouterAt, hello.backupDesignatedRouterAt);
  if (hello.neighborsAt.length > 0) out.ascii("\n\t  Neighbor List:");
  for (const at of hello.neighborsAt) {
    out.ascii("\n\t    ");
    out.ipv4(d, at);
  }
  lls(ctx, ospf, length);
}

/** The LLS block after a Hello or DD packet, as tcpdump's ospf_decode_lls() prints it. */
function lls(ctx: PrintContext, ospf: Ospf, length: number): void {
  const block = ospf.lls(length);
  if (block === undefined) return;
  const out = ctx.out;
  if (block.empty) {
    out.ascii("\n\t[LLS truncated]");
    return;
  }
  if (block.checksum !== undefined) {
    out.ascii("\n\t  LLS: checksum: 0x");
    out.hex(block.checksum, 4);
    if (block.length !== undefined) out.ascii(`, length: ${block.length}`);
  }
  for (const tlv of block.tlvs) {
    out.ascii(`\n\t    ${LLS_TLV_NAMES[tlv.type] ?? "Unknown TLV"} (${tlv.type})`);
    if (tlv.length === undefined) break;
    out.ascii(`, length: ${tlv.length}`);
    if (tlv.type === 1 || tlv.type === 2) {
      const expected = tlv.type === 1 ? 4 : 20;
      if (tlv.length !== expected) out.ascii(` [should be ${expected}]`);
      if (tlv.value === undefined) break;
      if (tlv.type === 1) {
        out.ascii("\n\t      Options: 0x");
        out.hex(tlv.value, 8);
        const names = bitNames(LLS_OPTION_NAMES, tlv.value);
        out.ascii(` [${names === "none" ? "?" : names}]`);
      } else {
        out.ascii("\n\t      Sequence number: 0x");
        out.hex(tlv.value, 8);
      }
    }
  }
  if (block.truncated) truncatedRead(ctx, "ospf2");
}

const LLS_TLV_NAMES: readonly (string | undefined)[] = [
  undefined,
  "Extended Options",
  "MD5 Authentication",
];

const LLS_OPTION_NAMES: readonly (readonly [number, string])[] = [
  [0x01, "LSDB resync"],
  [0x02, "Restart"],
];

const OSPF_TYPE_NAMES: readonly (string | undefined)[] = [
  undefined,
  "Hello",
  "Database Description",
  "LS-Request",
  "LS-Update",
  "LS-Ack",
];

const OSPF_AUTH_NAMES: readonly string[] = ["none", "simple", "MD5"];

const OSPF_DD_FLAG_NAMES: readonly (readonly [number, string])[] = [
  [0x04, "Init"],
  [0x02, "More"],
  [0x01, "Master"],
  [0x08, "OOBResync"],
];

const OPAQUE_TYPE_NAMES: readonly (string | undefined)[] = [
  undefined,
  "Traffic Engineering",
  undefined,
  "Graceful restart",
  "Router Information",
];
