/**
 * The TLVs of OSPFv2 opaque LSAs as tcpdump's ospf_te_lsa_print(),
 * ospf_grace_lsa_print() and ospf_print_lsa()'s Router Information loop write them.
 * Private to `lib/print/net/`.
 *
 * @module
 */

import { readUint32 } from "../../_bytes.ts";
import type { OspfOpaqueTlv, OspfOpaqueTlvs } from "../../net/_ospf_opaque.ts";
import { OpaqueType } from "../../net/_ospf_opaque.ts";
import type { PrintContext } from "../context.ts";
import { invalid } from "../_truncation.ts";
import { unknownData } from "../_hex.ts";
import { bitNames } from "../_shared.ts";
import { mbps } from "./_te_bandwidth.ts";
import { GMPLS_ENCODINGS, GMPLS_SWITCH_CAPABILITIES } from "./_rsvp_names.ts";

const TE_TLVS = new Map([[1, "Router Address"], [2, "Link"]]);
const TE_SUBTLVS = new Map([
  [1, "Link Type"],
  [2, "Link ID"],
  [3, "Local Interface IP address"],
  [4, "Remote Interface IP address"],
  [5, "Traffic Engineering Metric"],
  [6, "Maximum Bandwidth"],
  [7, "Maximum Reservable Bandwidth"],
  [8, "Unreserved Bandwidth"],
  [9, "Administrative Group"],
  [11, "Link Local/Remote Identifier"],
  [14, "Link Protection Type"],
  [15, "Interface Switching Capability"],
  [16, "Shared Risk Link Group"],
  [17, "Bandwidth Constraints"],
]);
const LINK_TYPES = new Map([[1, "Point-to-point"], [2, "Multi-Access"]]);
const BC_MODELS = new Map([
  [0, "Russian dolls"],
  [1, "Maximum allocation"],
  [254, "Maximum allocation with E-LSP support"],
]);
const LINK_PROTECTIONS: readonly (readonly [number, string])[] = [
  [0x01, "Extra Traffic"],
  [0x02, "Unprotected"],
  [0x04, "Shared"],
  [0x08, "Dedicated 1:1"],
  [0x10, "Dedicated 1+1"],
  [0x20, "Enhanced"],
  [0x40, "Reserved"],
  [0x80, "Reserved"],
];
const GRACE_TLVS = new Map([[1, "Grace Period"], [2, "Graceful restart Reason"], [
  3,
  "IPv4 interface address",
]]);
const GRACE_REASONS = new Map([
  [0, "Unknown"],
  [1, "Software Restart"],
  [2, "Software Reload/Upgrade"],
  [3, "Control Processor Switch"],
]);
const RI_TLVS = new Map([[1, "Router Capabilities"]]);
const RI_CAPABILITIES: readonly (readonly [number, string])[] = [
  [1, "Reserved"],
  [2, "Reserved"],
  [4, "Reserved"],
  [8, "Reserved"],
  [16, "graceful restart capable"],
  [32, "graceful restart helper"],
  [64, "Stub router support"],
  [128, "Traffic engineering"],
  [256, "p2p over LAN"],
  [512, "path computation server"],
];

/**
 * How an opaque LSA's print ended: `"done"`, all of it; `"end"`, tcpdump stopped the LSA
 * and goes on with the next; `"packet"`, the capture ended where tcpdump gives up the
 * packet (` [|ospf2]`, by a jump out of its printers).
 */
export type OpaqueEnd = "done" | "end" | "packet";

/**
 * Prints an opaque LSA's TLVs.
 *
 * @param ctx The print context.
 * @param opaqueType The LSA's opaque type.
 * @param list The TLVs the decoder walked.
 * @returns How the print ended.
 */
export function opaqueTlvs(ctx: PrintContext, opaqueType: number, list: OspfOpaqueTlvs): OpaqueEnd {
  const out = ctx.out;
  const stop = list.stop;
  const beforeValue = stop?.beforeValue === true;
  for (const tlv of list.tlvs) {
    const value = !(beforeValue && tlv === list.tlvs.at(-1));
    if (opaqueType === OpaqueType.TE) {
      if (!te(ctx, tlv, value)) return "end";
    } else if (opaqueType === OpaqueType.GRACE) {
      out.ascii(
        `\n\t    ${
          GRACE_TLVS.get(tlv.type) ?? "unknown"
        } TLV (${tlv.type}), length ${tlv.length}, value: `,
      );
      if (!value) break;
      if (!grace(ctx, tlv)) return "end";
    } else {
      out.ascii(
        `\n\t    ${
          RI_TLVS.get(tlv.type) ?? "unknown"
        } TLV (${tlv.type}), length: ${tlv.length}, value: `,
      );
      if (!value) break;
      if (tlv.type === 1) {
        if (tlv.length !== 4) {
          out.ascii(`\n\t    Bogus length ${tlv.length} != 4`);
          return "end";
        }
        const names = bitNames(RI_CAPABILITIES, readUint32(ctx.data, tlv.valueAt));
        out.ascii(`Capabilities: ${names === "none" ? "Unknown" : names}`);
      } else if (ctx.verbose <= 1) unknownData(ctx, tlv.valueAt, tlv.length, "\n\t      ");
    }
  }
  if (stop === undefined) return "done";
  const [a, b] = stop.values;
  switch (stop.reason) {
    case "remaining-ls":
      out.ascii(`\n\t    Remaining LS length ${a} < 4`);
      return "end";
    case "bogus-length":
      out.ascii(
        opaqueType === OpaqueType.ROUTER_INFORMATION
          ? `\n\t    Bogus length ${a} > remaining LS length ${b}`
          : `\n\t    Bogus length ${a} > ${b}`,
      );
      return "end";
    case "remaining-tlv":
      out.ascii(`\n\t    Remaining TLV length ${a} < 4`);
      return "end";
    case "sub-past-tlv":
    case "padding-past-tlv":
      out.ascii(`\n\t    Remaining TLV length ${a} < ${b}`);
      return "end";
    case "router-short":
      out.ascii(`\n\t    TLV length ${a} < 4`);
      return "end";
    case "bogus-padded":
      out.ascii(`\n\t    Bogus padded length ${a} > ${b}`);
      return "end";
    case "zero-sub":
      invalid(ctx);
      return "end";
    case "zero":
      return "end";
    case "truncated":
      return opaqueType === OpaqueType.ROUTER_INFORMATION ? "packet" : "end";
    case "cut":
      return "packet";
  }
}

/**
 * A TE TLV or Link sub-TLV, its value when `value`; `false` when tcpdump stops the LSA
 * there.
 */
function te(ctx: PrintContext, tlv: OspfOpaqueTlv, value: boolean): boolean {
  const out = ctx.out;
  const d = ctx.data;
  const at = tlv.valueAt;
  const length = tlv.length;
  if (!tlv.sub) {
    out.ascii(`\n\t    ${TE_TLVS.get(tlv.type) ?? "unknown"} TLV (${tlv.type}), length: ${length}`);
    if (!value) return true;
    if (tlv.type === 1) {
      out.ascii(", ");
      out.ipv4(d, at);
    } else if (tlv.type !== 2 && ctx.verbose <= 1) unknownData(ctx, at, length, "\n\t      ");
    return true;
  }
  out.ascii(
    `\n\t      ${TE_SUBTLVS.get(tlv.type) ?? "unknown"} subTLV (${tlv.type}), length: ${length}`,
  );
  if (!value) return true;
  const need = (ok: boolean, text: string): boolean => {
    if (ok) return true;
    out.ascii(text);
    invalid(ctx);
    return false;
  };
  switch (tlv.type) {
    case 9:
      if (!need(length === 4, " != 4")) return false;
      out.ascii(", 0x");
      out.hex(readUint32(d, at), 8);
      break;
    case 2:
    case 11:
      if (!need(length === 4 || length === 8, " != 4 && != 8")) return false;
      for (let i = 0; i < length; i += 4) {
        out.ascii(", ");
        out.ipv4(d, at + i);
        out.ascii(" (0x");
        out.hex(readUint32(d, at + i), 8);
        out.byte(0x29);
      }
      break;
    case 3:
    case 4:
      if (!need(length === 4, " != 4")) return false;
      out.ascii(", ");
      out.ipv4(d, at);
      break;
    case 6:
    case 7:
      if (!need(length === 4, " != 4")) return false;
      out.ascii(`, ${mbps(d, at)}`);
      break;
    case 8:
      if (!need(length === 32, " != 32")) return false;
      for (let i = 0; i < 8; i++) out.ascii(`\n\t\tTE-Class ${i}: ${mbps(d, at + 4 * i)}`);
      break;
    case 17: {
      if (!need(length >= 4, " < 4")) return false;
      out.ascii(
        `\n\t\tBandwidth Constraints Model ID: ${BC_MODELS.get(d[at]!) ?? "unknown"} (${d[at]})`,
      );
      if (!need(length % 4 === 0, `\n\t\tlength ${length} != N x 4`)) return false;
      if (!need(length <= 36, `\n\t\tlength ${length} > 36`)) return false;
      for (let i = 0; i < (length - 4) / 4; i++) {
        out.ascii(`\n\t\t  Bandwidth constraint CT${i}: ${mbps(d, at + 4 + 4 * i)}`);
      }
      break;
    }
    case 5:
      if (!need(length === 4, " != 4")) return false;
      out.ascii(`, Metric ${readUint32(d, at)}`);
      break;
    case 1:
      if (!need(length === 1, " != 1")) return false;
      out.ascii(`, ${LINK_TYPES.get(d[at]!) ?? "unknown"} (${d[at]})`);
      break;
    case 14:
      if (!need(length === 4, " != 4")) return false;
      out.ascii(`, ${bitNames(LINK_PROTECTIONS, d[at]!)}`);
      break;
    case 15:
      if (!need(length >= 36, " < 36")) return false;
      out.ascii(
        `\n\t\tInterface Switching Capability: ${
          GMPLS_SWITCH_CAPABILITIES.get(d[at]!) ?? "Unknown"
        }`,
      );
      out.ascii(
        `\n\t\tLSP Encoding: ${GMPLS_ENCODINGS[d[at + 1]!] || "Unknown"}\n\t\tMax LSP Bandwidth:`,
      );
      for (let i = 0; i < 8; i++) {
        out.ascii(`\n\t\t  priority level ${i}: ${mbps(d, at + 4 + 4 * i)}`);
      }
      break;
    case 16: {
      if (!need(length % 4 === 0, " != N x 4")) return false;
      if (length > 0) out.ascii("\n\t\t  Shared risk group: ");
      for (let i = 0; i < length; i += 4) {
        if (i > 0) out.ascii(", ");
        out.uint(readUint32(d, at + i));
      }
      break;
    }
    default:
      if (ctx.verbose <= 1) unknownData(ctx, at, length, "\n\t\t");
  }
  return true;
}

/** A Graceful Restart TLV's value; `false` when tcpdump stops the LSA there. */
function grace(ctx: PrintContext, tlv: OspfOpaqueTlv): boolean {
  const out = ctx.out;
  const d = ctx.data;
  const bogus = (size: number): false => {
    out.ascii(`\n\t    Bogus length ${tlv.length} != ${size}`);
    return false;
  };
  switch (tlv.type) {
    case 1:
      if (tlv.length !== 4) return bogus(4);
      out.ascii(`${readUint32(d, tlv.valueAt)}s`);
      break;
    case 2:
      if (tlv.length !== 1) return bogus(1);
      out.ascii(`${GRACE_REASONS.get(d[tlv.valueAt]!) ?? "Unknown"} (${d[tlv.valueAt]})`);
      break;
    case 3:
      if (tlv.length !== 4) return bogus(4);
      out.ipv4(d, tlv.valueAt);
      break;
    default:
      if (ctx.verbose <= 1) unknownData(ctx, tlv.valueAt, tlv.length, "\n\t      ");
  }
  return true;
}
