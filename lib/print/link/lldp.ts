/**
 * LLDP as tcpdump's lldp_print() writes it: the length and the system name at `-n`, one
 * line per TLV with `-v` (organizationally specific TLVs by their OUI's subtypes, or bytes).
 *
 * @module
 */

import { readUint32 } from "../../_bytes.ts";
import { truncated } from "../_truncation.ts";
import type { PrintContext } from "../context.ts";
import { type Lldp, type LldpTlv, LldpTlvType } from "../../link/lldp.ts";
import { formatIpv6 } from "../../address.ts";

import { hexPrint } from "../_hex.ts";
import { printCharsUntilNul } from "../_chars.ts";
import { AFI_NAMES, OUI_NAMES } from "../_names.ts";
import { printLldpOrganizationTlv } from "./_lldp_org.ts";

const TLV_NAMES = [
  "End",
  "Chassis ID",
  "Port ID",
  "Time to Live",
  "Port Description",
  "System Name",
  "System Description",
  "System Capabilities",
  "Management Address",
];
const CHASSIS_SUBTYPES = [
  undefined,
  "Chassis component",
  "Interface alias",
  "Port component",
  "MAC address",
  "Network address",
  "Interface name",
  "Local",
];
const PORT_SUBTYPES = [
  undefined,
  "Interface alias",
  "Port component",
  "MAC address",
  "Network Address",
  "Interface Name",
  "Agent circuit ID",
  "Local",
];
const CAPABILITIES = [
  "Other",
  "Repeater",
  "Bridge",
  "WLAN AP",
  "Router",
  "Telephone",
  "Docsis",
  "Station Only",
];
const NUMBERING = [undefined, undefined, "Interface Index", "System Port Number"];

/** lldp_network_addr_print(): the text, or `undefined` when too short. */
function networkAddress(ctx: PrintContext, at: number, length: number): string | undefined {
  if (length < 1) return undefined;
  const d = ctx.data;
  const af = d[at]!;
  const name = `AFI ${AFI_NAMES.get(af) ?? "Unknown"} (${af})`;
  const left = length - 1;
  if (af === 1) {
    if (left < 4) return undefined;
    return `${name}: ${d[at + 1]}.${d[at + 2]}.${d[at + 3]}.${d[at + 4]}`;
  }
  if (af === 2) return left < 16 ? undefined : `${name}: ${formatIpv6(d, at + 1)}`;
  if (af === 6) {
    if (left < 6) return undefined;
    const mac = [...d.subarray(at + 1, at + 7)].map((b) => b.toString(16).padStart(2, "0"));
    return `${name}: ${mac.join(":")}`;
  }
  return `${name}, no AF printer !`;
}

function capabilities(bits: number): string {
  const names = CAPABILITIES.filter((_, i) => (bits & (1 << i)) !== 0);
  return names.length === 0 ? "none" : names.join(", ");
}

/** Prints a TLV's value with `-v`; returns whether its bytes follow, or `undefined` (truncated). */
function value(ctx: PrintContext, tlv: LldpTlv): boolean | undefined {
  const out = ctx.out;
  const d = ctx.data;
  const at = tlv.valueOffset;
  const length = tlv.length;
  switch (tlv.type) {
    case LldpTlvType.CHASSIS_ID:
    case LldpTlvType.PORT_ID: {
      if (length < 2) return undefined;
      const chassis = tlv.type === LldpTlvType.CHASSIS_ID;
      const subtype = d[at]!;
      const names = chassis ? CHASSIS_SUBTYPES : PORT_SUBTYPES;
      out.ascii(`\n\t  Subtype ${names[subtype] ?? "Unknown"} (${subtype}): `);
      const mac = chassis ? 4 : 3;
      const network = chassis ? 5 : 4;
      if (subtype === mac) {
        if (length < 7) return undefined;
        out.mac(d, at + 1);
      } else if (subtype === network) {
        const address = networkAddress(ctx, at + 1, length - 1);
        if (address === undefined) return undefined;
        out.ascii(address);
      } else if (subtype >= 1 && subtype <= 7) {
        printCharsUntilNul(ctx.out, ctx.data, at + 1, length - 1);
      } else return true;
      return false;
    }
    case LldpTlvType.TTL:
      if (length < 2) return undefined;
      out.ascii(`: TTL ${(d[at]! << 8) | d[at + 1]!}s`);
      return false;
    case LldpTlvType.PORT_DESCRIPTION:
      out.ascii(": ");
      printCharsUntilNul(ctx.out, ctx.data, at, length);
      return false;
    case LldpTlvType.SYSTEM_NAME:
      out.ascii(": ");
      printCharsUntilNul(ctx.out, ctx.data, at, length);
      return false;
    case LldpTlvType.SYSTEM_DESCRIPTION:
      out.ascii("\n\t  ");
      printCharsUntilNul(ctx.out, ctx.data, at, length);
      return false;
    case LldpTlvType.SYSTEM_CAPABILITIES: {
      if (length < 4) return undefined;
      const system = (d[at]! << 8) | d[at + 1]!;
      const enabled = (d[at + 2]! << 8) | d[at + 3]!;
      out.ascii(`\n\t  System  Capabilities [${capabilities(system)}] (0x`);
      out.hex(system, 4);
      out.ascii(`)\n\t  Enabled Capabilities [${capabilities(enabled)}] (0x`);
      out.hex(enabled, 4);
      out.ascii(")");
      return false;
    }
    case LldpTlvType.MANAGEMENT_ADDRESS: {
      if (length < 1) return undefined;
      const addressLength = d[at]!;
      if (length - 1 < addressLength) return undefined;
      const address = networkAddress(ctx, at + 1, addressLength);
      if (address === undefined) return undefined;
      out.ascii(`\n\t  Management Address length ${addressLength}, ${address}`);
      let p = at + 1 + addressLength;
      let left = length - 1 - addressLength;
      if (left < 5) return undefined;
      const numbering = d[p]!;
      out.ascii(`\n\t  ${NUMBERING[numbering] ?? "Unknown"} Interface Numbering (${numbering}): `);
      out.uint(readUint32(d, p + 1));
      p += 5;
      left -= 5;
      if (left > 0) {
        const oidLength = d[p]!;
        if (left < 1 + oidLength) return undefined;
        if (oidLength > 0) {
          out.ascii(`\n\t  OID length ${oidLength}`);
          printCharsUntilNul(ctx.out, ctx.data, p + 1, oidLength);
        }
      }
      return false;
    }
    case LldpTlvType.ORGANIZATION_SPECIFIC: {
      if (length < 3) return undefined;
      out.ascii(`: OUI ${OUI_NAMES.get(tlv.oui) ?? "Unknown"} (0x`);
      out.hex(tlv.oui, 6);
      out.ascii(")");
      // DCBX subtypes are not printed yet: their bytes are.
      return printLldpOrganizationTlv(ctx, tlv);
    }
  }
  return true;
}

/**
 * Prints an LLDPDU.
 *
 * @param ctx The print context.
 * @param lldp The layer.
 */
export function printLldp(ctx: PrintContext, lldp: Lldp): void {
  ctx.done = true;
  const out = ctx.out;
  const verbose = ctx.verbose;
  const length = ctx.frameLength >= 0 ? ctx.frameLength : lldp.end - lldp.offset;
  out.ascii(`LLDP, length ${length}`);
  const wireEnd = lldp.offset + length;
  for (const tlv of lldp.tlvs) {
    if (verbose > 0) {
      const name = tlv.type === 127 ? "Organization specific" : TLV_NAMES[tlv.type] ?? "Unknown";
      out.ascii(`\n\t${name} TLV (${tlv.type}), length ${tlv.length}`);
    }
    if (tlv.type === 0 || tlv.length === 0) return;
    if (tlv.truncated || tlv.valueOffset + tlv.length > wireEnd) {
      truncated(ctx, "lldp");
      return;
    }
    let dump = false;
    if (verbose > 0) {
      const result = value(ctx, tlv);
      if (result === undefined) {
        truncated(ctx, "lldp");
        return;
      }
      dump = result;
    } else if (tlv.type === LldpTlvType.SYSTEM_NAME) {
      out.ascii(": ");
      printCharsUntilNul(ctx.out, ctx.data, tlv.valueOffset, tlv.length);
    }
    if (verbose > 1 || (verbose > 0 && dump)) {
      hexPrint(ctx, "\n\t  ", tlv.valueOffset, tlv.valueOffset + tlv.length);
    }
  }
  // A header cut short by the capture (not by the length) stops tcpdump too.
  const last = lldp.tlvs.at(-1);
  const next = last === undefined ? lldp.offset : last.valueOffset + last.length;
  if (next + 2 <= wireEnd && next + 2 > lldp.end) truncated(ctx, "lldp");
}
