/**
 * VTP as tcpdump's vtp_print() writes it: the version, message and length, and with `-v`
 * the domain and the message's fields. print-vtp.c's bounds checks jump out as its reads
 * do (it defines ND_LONGJMP_FROM_TCHECK): every cut ends the packet that way, and tcpdump
 * then dumps the whole frame with `-x`/`-X`.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { Vtp, VtpVlanInfo } from "../../link/vtp.ts";
import { invalid, truncatedRead } from "../_truncation.ts";
import { printCharsUntilNul } from "../_chars.ts";
import { unknownData } from "../_hex.ts";
import { linkPayloadLength } from "../_shared.ts";

const MESSAGES = new Map([
  [1, "Summary advertisement"],
  [2, "Subset advertisement"],
  [3, "Advertisement request"],
  [4, "Join message"],
]);
/** What the third byte of the header is, by message code. */
const HEADER_BYTES = new Map([[1, "Followers"], [2, "Seq number"], [3, "Rsvd"], [4, "Rsvd"]]);
const VLAN_TYPES = new Map([[1, "Ethernet"], [2, "FDDI"], [3, "TrCRF"], [4, "FDDI-net"], [
  5,
  "TrBRF",
]]);
const VLAN_STATUS = new Map([[0, "Operational"], [1, "Suspended"]]);
const TLV_NAMES = new Map([
  [1, "Source-Routing Ring Number TLV"],
  [2, "Source-Routing Bridge Number TLV"],
  [3, "STP type TLV"],
  [4, "Parent VLAN TLV"],
  [5, "Translationally bridged VLANs TLV"],
  [6, "Pruning TLV"],
  [7, "Bridge Type TLV"],
  [8, "Max ARP Hop Count TLV"],
  [9, "Max STE Hop Count TLV"],
  [10, "Backup CRF Mode TLV"],
]);
const STP_TYPES = new Map([[1, "SRT"], [2, "SRB"], [3, "Auto"]]);

/**
 * Prints a VTP message.
 *
 * @param ctx The print context.
 * @param vtp The layer.
 */
export function printVtp(ctx: PrintContext, vtp: Vtp): void {
  const out = ctx.out;
  ctx.done = true;
  const length = linkPayloadLength(ctx, vtp.offset);
  if (length < 36) return invalidMessage(ctx, vtp, length);
  // A header cut by the capture: tcpdump's bounds check jumps out of the packet.
  if (vtp.partial) return truncatedRead(ctx, "vtp");
  const code = vtp.code;
  out.ascii(`VTPv${vtp.version}, Message ${MESSAGES.get(code) ?? "Unknown message type"} (0x`);
  out.hex(code, 2);
  out.ascii(`), length ${length}`);
  if (ctx.verbose < 1) return checkWhole(ctx, vtp, length);
  out.ascii("\n\tDomain name: ");
  const nameLength = vtp.domainNameLength;
  if (nameLength < 1 || nameLength > 32) {
    out.ascii(` [invalid MgmtD Len ${nameLength}]`);
    return invalidMessage(ctx, vtp, length);
  }
  printCharsUntilNul(out, vtp.data, vtp.offset + 4, nameLength);
  out.ascii(`, ${HEADER_BYTES.get(code) ?? "Unknown"}: ${vtp.headerByte}`);
  switch (code) {
    case 1:
      summary(ctx, vtp);
      break;
    case 2: {
      const revision = vtp.configRevision;
      if (revision === undefined) return truncatedRead(ctx, "vtp");
      out.ascii(`, Config Rev ${revision.toString(16)}`);
      const list = vtp.vlanList(length);
      for (const info of list.vlans) {
        if (!vlan(ctx, info)) return invalidMessage(ctx, vtp, length);
      }
      if (list.problem === "truncated") truncatedRead(ctx, "vtp");
      else if (list.problem === "short") invalidMessage(ctx, vtp, length);
      break;
    }
    case 3: {
      const start = vtp.startValue;
      if (start === undefined) return truncatedRead(ctx, "vtp");
      out.ascii(`\n\tStart value: ${start}`);
      break;
    }
  }
}

/** A summary advertisement's fields, each group as far as the capture holds it. */
function summary(ctx: PrintContext, vtp: Vtp): void {
  const out = ctx.out;
  const revision = vtp.configRevision;
  const updater = vtp.updaterIdentity;
  if (revision === undefined || updater === undefined) return truncatedRead(ctx, "vtp");
  out.ascii(`\n\t  Config Rev ${revision.toString(16)}, Updater ${updater}`);
  const timestamp = vtp.updateTimestamp;
  if (timestamp === undefined) return truncatedRead(ctx, "vtp");
  out.ascii(", Timestamp 0x");
  words(ctx, timestamp, " 0x");
  const digest = vtp.md5Digest;
  if (digest === undefined) return truncatedRead(ctx, "vtp");
  out.ascii(", MD5 digest: ");
  words(ctx, digest, "");
}

/** Bytes as 32-bit words in hex, 8 digits each, `between` them. */
function words(ctx: PrintContext, bytes: Uint8Array, between: string): void {
  for (let i = 0; i < bytes.length; i += 4) {
    if (i > 0) ctx.out.ascii(between);
    ctx.out.hexBytes(bytes, i, i + 4);
  }
}

/** A VLAN information field and its TLVs; `false` when it is invalid. */
function vlan(ctx: PrintContext, info: VtpVlanInfo): boolean {
  const out = ctx.out;
  out.ascii(`\n\tVLAN info status ${VLAN_STATUS.get(info.status) ?? "Unknown"}`);
  out.ascii(`, type ${VLAN_TYPES.get(info.type) ?? "Unknown"}, VLAN-id ${info.vlanId}`);
  out.ascii(`, MTU ${info.mtu}, SAID 0x`);
  out.hex(info.said, 8);
  out.ascii(", Name ");
  if (info.problem === "name") return false;
  printCharsUntilNul(out, ctx.data, info.offset + 12, info.nameLength);
  for (const tlv of info.tlvs) {
    out.ascii(`\n\t\t${TLV_NAMES.get(tlv.type) ?? "Unknown"} (0x`);
    out.hex(tlv.type, 4);
    out.ascii(") TLV");
    if (tlv.value === undefined) {
      if (info.problem === "tlv-past-end") out.ascii(" (TLV goes past the end of the packet)");
      else out.ascii(` (invalid TLV length ${tlv.length} != 1)`);
      return false;
    }
    tlvValue(ctx, tlv.type, tlv.value, tlv.offset);
  }
  return info.problem !== "tlv-short";
}

/** The value of a one-word TLV, as tcpdump names it, or its bytes in hex. */
function tlvValue(ctx: PrintContext, type: number, value: number, at: number): void {
  const out = ctx.out;
  switch (type) {
    case 9:
      out.ascii(`, ${value}`);
      break;
    case 6:
      out.ascii(`, ${value === 1 ? "Enabled" : "Disabled"} (${value})`);
      break;
    case 3:
      out.ascii(`, ${STP_TYPES.get(value) ?? "Unknown"} (${value})`);
      break;
    case 7:
      out.ascii(`, ${value === 1 ? "SRB" : "SRT"} (${value})`);
      break;
    case 10:
      out.ascii(`, ${value === 1 ? "Backup" : "Not backup"} (${value})`);
      break;
    default:
      unknownData(ctx, at, 4, "\n\t\t  ");
  }
}

/** tcpdump's `invalid:` exit: ` (invalid)`, then the check that the message was captured. */
function invalidMessage(ctx: PrintContext, vtp: Vtp, length: number): void {
  invalid(ctx);
  checkWhole(ctx, vtp, length);
}

/** The mark of a message cut by the capture (tcpdump checks all `length` bytes). */
function checkWhole(ctx: PrintContext, vtp: Vtp, length: number): void {
  if (vtp.offset + length > vtp.end) truncatedRead(ctx, "vtp");
}
