/**
 * The organizationally specific LLDP TLVs tcpdump's lldp_private_8021_print(),
 * lldp_private_8023_print(), lldp_private_iana_print() and lldp_private_tia_print() write
 * with `-v`: IEEE 802.1, IEEE 802.3, IANA (MUD-URL) and ANSI/TIA LLDP-MED subtypes.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { LldpTlv } from "../../link/lldp.ts";
import { bitNames } from "../_shared.ts";
import { unknownData } from "../_hex.ts";
import { readUint32 } from "../../_bytes.ts";
import { printChar, printCharsUntilNul } from "../_chars.ts";
import {
  AGGREGATION,
  AUTONEGOTIATION,
  EVB_MODES,
  INVENTORY,
  LldpOui,
  MAU_TYPES,
  MDI,
  MDI_CLASSES,
  MDI_PAIRS,
  PMD_CAPABILITIES,
  PROTOCOL_VLAN_FLAGS,
  SUBTYPES_8021,
  SUBTYPES_8023,
  SUBTYPES_TIA,
  TIA_ALTITUDE_TYPES,
  TIA_APPLICATIONS,
  TIA_CA_TYPES,
  TIA_CAPABILITIES,
  TIA_DATUMS,
  TIA_DEVICE_TYPES,
  TIA_LCI_WHAT,
  TIA_LOCATION_FORMATS,
  TIA_POLICY_FLAGS,
  TIA_POWER_PRIORITIES,
  TIA_POWER_SOURCES,
} from "./_lldp_org_names.ts";

function hex2(n: number): string {
  return n.toString(16).padStart(2, "0");
}

function u16(d: Uint8Array, at: number): number {
  return (d[at]! << 8) | d[at + 1]!;
}

/** `%-Nd`: the number, padded with spaces on the right. */
function left(n: number, width: number): string {
  return `${n}`.padEnd(width, " ");
}

function table(ctx: PrintContext, title: string, head: string, values: number[]): void {
  ctx.out.ascii(`\n\t    ${title}\n\t     ${head}: 0   1   2   3   4   5   6   7`);
  ctx.out.ascii(`\n\t     ${"Value".padEnd(head.length - 1, " ")} : `);
  ctx.out.ascii(values.map((v) => left(v, 3)).join(" "));
}

function bits(ctx: PrintContext, value: number): void {
  ctx.out.ascii("\n\t     Priority : 0  1  2  3  4  5  6  7\n\t     Value    : ");
  for (let i = 0; i < 8; i++) ctx.out.ascii(`${left((value >> i) & 1, 2)} `);
}

/** lldp_private_8021_print(): returns whether tcpdump adds the hex dump. */
function print8021(ctx: PrintContext, at: number, length: number): boolean {
  const out = ctx.out;
  const d = ctx.data;
  if (length < 4) return false;
  const subtype = d[at + 3]!;
  out.ascii(`\n\t  ${SUBTYPES_8021.get(subtype) ?? "unknown"} Subtype (${subtype})`);
  switch (subtype) {
    case 1:
      if (length < 6) return false;
      out.ascii(`\n\t    port vlan id (PVID): ${u16(d, at + 4)}`);
      return false;
    case 2: {
      if (length < 7) return false;
      const flags = d[at + 4]!;
      out.ascii(`\n\t    port and protocol vlan id (PPVID): ${u16(d, at + 5)}, flags [`);
      out.ascii(`${bitNames(PROTOCOL_VLAN_FLAGS, flags)}] (0x${hex2(flags)})`);
      return false;
    }
    case 3: {
      if (length < 6) return false;
      out.ascii(`\n\t    vlan id (VID): ${u16(d, at + 4)}`);
      if (length < 7) return false;
      const nameLength = d[at + 6]!;
      if (length < 7 + nameLength) return false;
      out.ascii("\n\t    vlan name: ");
      printCharsUntilNul(out, d, at + 7, nameLength, d.length);
      return false;
    }
    case 4: {
      if (length < 5) return false;
      const identityLength = d[at + 4]!;
      if (length < 5 + identityLength) return false;
      out.ascii("\n\t    protocol identity: ");
      printCharsUntilNul(out, d, at + 5, identityLength, d.length);
      return false;
    }
    case 7:
      if (length < 9) return false;
      out.ascii(`\n\t    aggregation status [${bitNames(AGGREGATION, d[at + 4]!)}], `);
      out.ascii(`aggregation port ID ${readUint32(d, at + 5)}`);
      return false;
    case 8:
      if (length < 6) return false;
      out.ascii("\n\t    Pre-Priority CNPV Indicator");
      bits(ctx, d[at + 4]!);
      out.ascii("\n\t    Pre-Priority Ready Indicator");
      bits(ctx, d[at + 5]!);
      return false;
    case 9:
    case 10: {
      if (length < 25) return false;
      const v = d[at + 4]!;
      if (subtype === 9) {
        out.ascii(`\n\t    Willing:${v >> 7}, CBS:${(v >> 6) & 2}, RES:${(v >> 3) & 7}, `);
        out.ascii(`Max TCs:${v & 7}`);
      } else out.ascii(`\n\t    RES: ${v}`);
      const priorities: number[] = [];
      for (let i = 0; i < 4; i++) priorities.push(d[at + 5 + i]! >> 4, d[at + 5 + i]! & 0x0f);
      table(ctx, "Priority Assignment Table", "Priority ", priorities);
      table(ctx, "TC Bandwidth Table", "TC%   ", [...d.subarray(at + 9, at + 17)]);
      table(ctx, "TSA Assignment Table", "Traffic Class", [...d.subarray(at + 17, at + 25)]);
      return false;
    }
    case 11: {
      if (length < 6) return false;
      const v = d[at + 4]!;
      out.ascii(`\n\t    Willing: ${v >> 7}, MBC: ${(v >> 6) & 1}, RES: ${(v >> 4) & 3}, `);
      out.ascii(`PFC cap:${v & 0x0f} \n\t    PFC Enable`);
      bits(ctx, d[at + 5]!);
      return false;
    }
    case 12: {
      if (length < 5) return false;
      out.ascii(`\n\t    RES: ${d[at + 4]}`);
      if (length <= 5) return false;
      const tableLength = length - 5;
      if (tableLength % 3 !== 0) return false;
      out.ascii("\n\t    Application Priority Table");
      for (let i = 0; i < tableLength; i += 3) {
        const v = d[at + 5 + i]!;
        out.ascii(`\n\t      Priority: ${v >> 5}, RES: ${(v >> 3) & 3}, Sel: ${v & 7}, `);
        out.ascii(`Protocol ID: ${u16(d, at + 6 + i)}`);
      }
      return false;
    }
    case 13: {
      if (length < 9) return false;
      let v = d[at + 4]!;
      out.ascii("\n\t    EVB Bridge Status");
      out.ascii(`\n\t      RES: ${v >> 3}, BGID: ${(v >> 2) & 1}, RRCAP: ${(v >> 1) & 1}, `);
      out.ascii(`RRCTR: ${v & 1}\n\t    EVB Station Status`);
      v = d[at + 5]!;
      out.ascii(`\n\t      RES: ${v >> 4}, SGID: ${(v >> 3) & 1}, RRREQ: ${(v >> 2) & 1},`);
      out.ascii(`RRSTAT: ${v & 3}`);
      v = d[at + 6]!;
      out.ascii(`\n\t    R: ${v >> 5}, RTE: ${v & 0x1f}, `);
      v = d[at + 7]!;
      out.ascii(`EVB Mode: ${EVB_MODES[v >> 6]} [${v >> 6}]`);
      out.ascii(`\n\t    ROL: ${(v >> 5) & 1}, RWD: ${v & 0x1f}, `);
      v = d[at + 8]!;
      out.ascii(`RES: ${v >> 6}, ROL: ${(v >> 5) & 1}, RKA: ${v & 0x1f}`);
      return false;
    }
    case 14: {
      if (length < 8) return false;
      const v = d[at + 4]!;
      out.ascii(`\n\t    Role: ${v >> 7}, RES: ${(v >> 4) & 7}, Scomp: ${(v >> 3) & 1} `);
      out.ascii(`ChnCap: ${u16(d, at + 6) & 0x0fff}`);
      const listLength = length - 8;
      if (listLength % 3 !== 0) return false;
      for (let i = 0; i < listLength; i += 3) {
        const w = (d[at + 8 + i]! << 16) | u16(d, at + 9 + i);
        out.ascii(`\n\t    SCID: ${w >> 12}, SVID: ${w & 0x0fff}`);
      }
      return false;
    }
  }
  return true;
}

/** lldp_private_8023_print(): returns whether tcpdump adds the hex dump. */
function print8023(ctx: PrintContext, at: number, length: number): boolean {
  const out = ctx.out;
  const d = ctx.data;
  if (length < 4) return false;
  const subtype = d[at + 3]!;
  out.ascii(`\n\t  ${SUBTYPES_8023.get(subtype) ?? "unknown"} Subtype (${subtype})`);
  switch (subtype) {
    case 1: {
      if (length < 9) return false;
      const autoneg = d[at + 4]!;
      const pmd = u16(d, at + 5);
      const mau = u16(d, at + 7);
      out.ascii(`\n\t    autonegotiation [${bitNames(AUTONEGOTIATION, autoneg)}] (0x`);
      out.ascii(`${hex2(autoneg)})`);
      const pmdNames = bitNames(PMD_CAPABILITIES, pmd);
      out.ascii(`\n\t    PMD autoneg capability [${pmdNames === "none" ? "unknown" : pmdNames}]`);
      out.ascii(` (0x${pmd.toString(16).padStart(4, "0")})`);
      out.ascii(`\n\t    MAU type ${MAU_TYPES[mau] ?? "unknown"} (0x`);
      out.ascii(`${mau.toString(16).padStart(4, "0")})`);
      return false;
    }
    case 2:
      if (length < 7) return false;
      out.ascii(`\n\t    MDI power support [${bitNames(MDI, d[at + 4]!)}], power pair `);
      out.ascii(`${MDI_PAIRS[d[at + 5]!] ?? "unknown"}, power class `);
      out.ascii(MDI_CLASSES[d[at + 6]!] ?? "unknown");
      return false;
    case 3:
      if (length < 9) return false;
      out.ascii(`\n\t    aggregation status [${bitNames(AGGREGATION, d[at + 4]!)}], `);
      out.ascii(`aggregation port ID ${readUint32(d, at + 5)}`);
      return false;
    case 4:
      if (length < 6) return false;
      out.ascii(`\n\t    MTU size ${u16(d, at + 4)}`);
      return false;
  }
  return true;
}

/** lldp_private_iana_print(). */
function printIana(ctx: PrintContext, at: number, length: number): boolean {
  if (length < 8) return false;
  const subtype = ctx.data[at + 3]!;
  ctx.out.ascii(`\n\t  ${subtype === 1 ? "MUD-URL" : "unknown"} Subtype (${subtype})`);
  if (subtype !== 1) return true;
  ctx.out.ascii("\n\t  MUD-URL=");
  for (let i = at + 4; i < at + length; i++) printChar(ctx.out, ctx.data[i]!);
  return false;
}

/** 34 bits of a latitude or longitude, as lldp_extract_latlon(). */
function latlon(d: Uint8Array, at: number): bigint {
  return (BigInt(d[at]! & 3) << 32n) | BigInt(readUint32(d, at + 1));
}

/** lldp_private_tia_print(): returns whether tcpdump adds the hex dump. */
function printTia(ctx: PrintContext, at: number, length: number): boolean {
  const out = ctx.out;
  const d = ctx.data;
  if (length < 4) return false;
  const subtype = d[at + 3]!;
  out.ascii(`\n\t  ${SUBTYPES_TIA.get(subtype) ?? "unknown"} Subtype (${subtype})`);
  switch (subtype) {
    case 1: {
      if (length < 7) return false;
      const capabilities = u16(d, at + 4);
      const device = d[at + 6]!;
      out.ascii(`\n\t    Media capabilities [${bitNames(TIA_CAPABILITIES, capabilities)}] (0x`);
      out.ascii(`${capabilities.toString(16).padStart(4, "0")})`);
      out.ascii(
        `\n\t    Device type [${TIA_DEVICE_TYPES[device] ?? "unknown"}] (0x${hex2(device)})`,
      );
      return false;
    }
    case 2: {
      if (length < 8) return false;
      const application = d[at + 4]!;
      out.ascii(`\n\t    Application type [${TIA_APPLICATIONS[application] ?? "none"}] (0x`);
      out.ascii(`${hex2(application)}), Flags [${bitNames(TIA_POLICY_FLAGS, d[at + 5]!)}]`);
      out.ascii(`\n\t    Vlan id ${(u16(d, at + 5) & 0x1ffe) >> 1}`);
      out.ascii(`, L2 priority ${(u16(d, at + 6) & 0x01ff) >> 6}`);
      out.ascii(`, DSCP value ${u16(d, at + 6) & 0x3f}`);
      return false;
    }
    case 3: {
      if (length < 5) return false;
      const format = d[at + 4]!;
      out.ascii(`\n\t    Location data format ${TIA_LOCATION_FORMATS[format] ?? "unknown"} (0x`);
      out.ascii(`${hex2(format)})`);
      if (format === 1) {
        if (length < 21) return false;
        out.ascii(`\n\t    Latitude resolution ${d[at + 5]! >> 2}, latitude value `);
        out.ascii(`${latlon(d, at + 5)}`);
        out.ascii(`\n\t    Longitude resolution ${d[at + 10]! >> 2}, longitude value `);
        out.ascii(`${latlon(d, at + 10)}`);
        const altitudeType = d[at + 15]! >> 4;
        out.ascii(`\n\t    Altitude type ${TIA_ALTITUDE_TYPES[altitudeType] ?? "unknown"} `);
        out.ascii(`(${altitudeType})`);
        out.ascii(
          `\n\t    Altitude resolution ${(u16(d, at + 15) >> 6) & 0x3f}, altitude value 0x`,
        );
        out.ascii((readUint32(d, at + 16) & 0x3fffffff).toString(16));
        const datum = d[at + 20]!;
        out.ascii(`\n\t    Datum ${TIA_DATUMS[datum] ?? "unknown"} (0x${hex2(datum)})`);
      } else if (format === 2) {
        if (length < 6) return false;
        let lciLength = d[at + 5]!;
        if (lciLength < 3 || length < 7 + lciLength) return false;
        const what = d[at + 6]!;
        out.ascii(`\n\t    LCI length ${lciLength}, LCI what ${TIA_LCI_WHAT[what] ?? "unknown"}`);
        out.ascii(` (0x${hex2(what)}), Country-code `);
        printCharsUntilNul(out, d, at + 7, 2, d.length);
        lciLength -= 3;
        let p = at + 9;
        while (lciLength > 0) {
          if (lciLength < 2) return false;
          const caType = d[p]!;
          const caLength = d[p + 1]!;
          p += 2;
          lciLength -= 2;
          out.ascii(`\n\t      CA type '${TIA_CA_TYPES[caType] ?? "unknown"}' (${caType}), `);
          out.ascii(`length ${caLength}: `);
          if (caType === 0 || caLength === 0 || lciLength < caLength) return false;
          printCharsUntilNul(out, d, p, caLength, d.length);
          p += caLength;
          lciLength -= caLength;
        }
      } else if (format === 3) {
        out.ascii("\n\t    ECS ELIN id ");
        printCharsUntilNul(out, d, at + 5, length - 5, d.length);
      } else {
        out.ascii("\n\t    Location ID ");
        unknownData(ctx, at + 5, length - 5, "\n\t      ");
      }
      return false;
    }
    case 4: {
      if (length < 7) return false;
      const v = d[at + 4]!;
      out.ascii(`\n\t    Power type [${(v & 3) !== 0 ? "PD device" : "PSE device"}]`);
      out.ascii(`, Power source [${TIA_POWER_SOURCES[(v & 0x30) >> 4] ?? "none"}]`);
      out.ascii(`\n\t    Power priority [${TIA_POWER_PRIORITIES[v & 0x0f] ?? "none"}] (0x`);
      out.ascii(`${hex2(v & 0x0f)})`);
      const power = u16(d, at + 5);
      if (power < 1024) out.ascii(`, Power ${(power / 10).toFixed(1)} Watts`);
      else out.ascii(`, Power ${power} (Reserved)`);
      return false;
    }
    case 5:
    case 6:
    case 7:
    case 8:
    case 9:
    case 10:
    case 11:
      out.ascii(`\n\t  ${INVENTORY.get(subtype)} `);
      printCharsUntilNul(out, d, at + 4, length - 4, d.length);
      return false;
  }
  return true;
}

/**
 * Prints an organizationally specific TLV's subtype after its OUI, as tcpdump does with
 * `-v`.
 *
 * @param ctx The print context.
 * @param tlv The TLV (type 127, at least 3 bytes long).
 * @returns Whether tcpdump adds the value's hex dump.
 */
export function printLldpOrganizationTlv(ctx: PrintContext, tlv: LldpTlv): boolean {
  const at = tlv.valueOffset;
  const length = tlv.length;
  switch (tlv.oui) {
    case LldpOui.IEEE_8021:
      return print8021(ctx, at, length);
    case LldpOui.IEEE_8023:
      return print8023(ctx, at, length);
    case LldpOui.IANA:
      return printIana(ctx, at, length);
    case LldpOui.TIA:
      return printTia(ctx, at, length);
  }
  return true;
}
