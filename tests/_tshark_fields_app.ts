/**
 * The fields of application protocols from DHCPv6 to ONC RPC, for the tshark field
 * conformance test (`conformance_decode_test.ts`); `_tshark_fields_upper.ts` lists them
 * with the tunnel, routing and transport fields. See {@linkcode FieldSpec} in
 * `_tshark_fields.ts`.
 *
 * @module
 */

import type { Pptp } from "../lib/app/pptp.ts";
import type { Babel } from "../lib/app/babel.ts";
import type { OpenFlow, OpenFlowMessage } from "../lib/app/openflow.ts";
import { AsPathCursor, type Bgp, BgpUpdateCursor, BgpUpdateItem } from "../lib/app/bgp.ts";
import { formatIpv4 } from "../lib/address.ts";
import { readUint32 } from "../lib/_bytes.ts";
import type { FieldSpec } from "./_tshark_fields.ts";

/**
 * What tshark lists of the UPDATE messages of a BGP layer, joined by commas: per path
 * attribute (its type code for `type`, its flags for `flags`, or for a type code its value
 * as `read` gives it), or per IPv4 prefix of the NLRI; undefined when there is none.
 */
function bgpUpdates(
  layer: Bgp,
  want: "type" | "flags" | "prefix" | number,
  read: (d: Uint8Array, at: number, length: number) => string = () => "",
): string | undefined {
  const cursor = new BgpUpdateCursor();
  const out: (string | number)[] = [];
  for (const message of layer.messages) {
    if (message.type !== 2 || !message.complete) continue;
    cursor.reset(layer.data, message.offset, message.length, layer.end);
    let nlri = false;
    for (let item = cursor.next(); item !== BgpUpdateItem.DONE; item = cursor.next()) {
      if (item === BgpUpdateItem.UPDATED) nlri = true;
      if (item === BgpUpdateItem.PREFIX && nlri && want === "prefix") {
        const address = new Uint8Array(4);
        address.set(
          layer.data.subarray(cursor.addressAt, cursor.addressAt + ((cursor.bits + 7) >> 3)),
        );
        out.push(formatIpv4(address, 0));
      }
      if (item !== BgpUpdateItem.ATTRIBUTE) continue;
      if (want === "type") out.push(cursor.type);
      else if (want === "flags") out.push(`0x${cursor.flags.toString(16).padStart(2, "0")}`);
      else if (want === cursor.type) out.push(read(layer.data, cursor.valueAt, cursor.length));
    }
  }
  return out.length === 0 ? undefined : out.join(",");
}

/** The AS numbers of a BGP layer's AS_PATH attributes when they are `size` bytes each. */
function bgpAsNumbers(layer: Bgp, size: 2 | 4): string | undefined {
  const path = new AsPathCursor();
  const numbers: number[] = [];
  const values = bgpUpdates(layer, 2, (d, at, length) => {
    path.reset(d, 2, at, length, layer.end);
    if (path.size !== size) return "";
    while (path.nextSegment()) {
      for (let i = 0; i < path.count; i++) numbers.push(path.number(i));
    }
    return "";
  });
  return values === undefined || numbers.length === 0 ? undefined : numbers.join(",");
}
/** Fields from DHCPv6 to ONC RPC. */
export const APP_FIELDS: FieldSpec[] = [
  { field: "dhcpv6.msgtype", proto: "dhcpv6", ours: (l) => l.messageType },
  { field: "dhcpv6.xid", proto: "dhcpv6", ours: (l) => l.relay ? undefined : l.transactionId },
  { field: "dhcpv6.hopcount", proto: "dhcpv6", ours: (l) => l.relay ? l.hopCount : undefined },
  // On port 4500 ESP (no ISAKMP header) and keepalives have no isakmp.* fields.
  {
    field: "isakmp.version",
    proto: "isakmp",
    ours: (l) => l.headerLength >= 28 ? (l.majorVersion << 4) | l.minorVersion : undefined,
  },
  {
    field: "isakmp.exchangetype",
    proto: "isakmp",
    ours: (l) => l.headerLength >= 28 ? l.exchangeType : undefined,
  },
  {
    field: "isakmp.flags",
    proto: "isakmp",
    ours: (l) => l.headerLength >= 28 ? l.flags : undefined,
  },
  {
    field: "isakmp.messageid",
    proto: "isakmp",
    ours: (l) => l.headerLength >= 28 ? l.messageId : undefined,
  },
  {
    field: "isakmp.length",
    proto: "isakmp",
    ours: (l) => l.headerLength >= 28 ? l.messageLength : undefined,
  },
  {
    field: "isakmp.ispi",
    proto: "isakmp",
    ours: (l) =>
      l.headerLength >= 28
        ? [...l.initiatorCookie].map((b) => b.toString(16).padStart(2, "0")).join("")
        : undefined,
  },
  // tshark names the version of SNMPv3 messages snmp.msgVersion (and no other).
  {
    field: "snmp.version",
    proto: "snmp",
    ours: (l) => l.version === 0 || l.version === 1 ? l.version : undefined,
  },
  { field: "snmp.community", proto: "snmp", ours: (l) => l.community },
  {
    field: "syslog.facility",
    proto: "syslog",
    ours: (l) => l.priority === undefined ? undefined : l.facility,
  },
  {
    field: "syslog.level",
    proto: "syslog",
    ours: (l) => l.priority === undefined ? undefined : l.severity,
  },
  { field: "rip.command", proto: "rip", ours: (l) => l.command },
  {
    field: "bgp.type",
    proto: "bgp",
    occurrences: "all",
    ours: (l: Bgp) =>
      l.messages.filter((m) => m.complete).map((m) => m.type).join(",") || undefined,
  },
  {
    field: "bgp.update.path_attribute.type_code",
    proto: "bgp",
    occurrences: "all",
    ours: (l: Bgp) => bgpUpdates(l, "type"),
  },
  {
    field: "bgp.update.path_attribute.next_hop",
    proto: "bgp",
    occurrences: "all",
    ours: (l: Bgp) => bgpUpdates(l, 3, formatIpv4),
  },
  {
    field: "bgp.update.path_attribute.multi_exit_disc",
    proto: "bgp",
    occurrences: "all",
    ours: (l: Bgp) => bgpUpdates(l, 4, (d, at) => `${readUint32(d, at)}`),
  },
  {
    field: "bgp.update.path_attribute.flags",
    proto: "bgp",
    occurrences: "all",
    ours: (l: Bgp) => bgpUpdates(l, "flags"),
  },
  {
    field: "bgp.update.path_attribute.origin",
    proto: "bgp",
    occurrences: "all",
    ours: (l: Bgp) => bgpUpdates(l, 1, (d, at) => `${d[at]}`),
  },
  {
    field: "bgp.update.path_attribute.as_path_segment.as2",
    proto: "bgp",
    occurrences: "all",
    ours: (l: Bgp) => bgpAsNumbers(l, 2),
  },
  {
    field: "bgp.update.path_attribute.as_path_segment.as4",
    proto: "bgp",
    occurrences: "all",
    ours: (l: Bgp) => bgpAsNumbers(l, 4),
  },
  {
    field: "bgp.nlri_prefix",
    proto: "bgp",
    occurrences: "all",
    ours: (l: Bgp) => bgpUpdates(l, "prefix"),
  },
  { field: "pptp.length", proto: "pptp", ours: (l) => l.partial ? undefined : l.length },
  { field: "pptp.type", proto: "pptp", ours: (l) => l.partial ? undefined : l.messageType },
  {
    field: "pptp.magic_cookie",
    proto: "pptp",
    ours: (l) => l.partial ? undefined : l.magicCookie,
  },
  {
    field: "pptp.control_message_type",
    proto: "pptp",
    ours: (l) => l.partial ? undefined : l.controlMessageType,
  },
  {
    field: "pptp.call_id",
    proto: "pptp",
    ours: (l) => (l as Pptp).fields().find((f) => f.name === "callId")?.value,
  },
  // The header of a complete RX packet (tshark's rx.serial repeats in an ack's body).
  { field: "rx.cid", proto: "rx", ours: (l) => l.complete ? l.cid : undefined },
  { field: "rx.callnumber", proto: "rx", ours: (l) => l.complete ? l.callNumber : undefined },
  { field: "rx.seq", proto: "rx", ours: (l) => l.complete ? l.sequence : undefined },
  { field: "rx.type", proto: "rx", ours: (l) => l.complete ? l.type : undefined },
  { field: "rx.flags", proto: "rx", ours: (l) => l.complete ? l.flags : undefined },
  { field: "rx.userstatus", proto: "rx", ours: (l) => l.complete ? l.userStatus : undefined },
  {
    field: "rx.securityindex",
    proto: "rx",
    ours: (l) => l.complete ? l.securityIndex : undefined,
  },
  { field: "rx.spare", proto: "rx", ours: (l) => l.complete ? l.spare : undefined },
  { field: "rx.serviceid", proto: "rx", ours: (l) => l.complete ? l.serviceId : undefined },
  ...(["magic", "version", "bodylen"] as const).map((name): FieldSpec => ({
    field: `babel.${name}`,
    proto: "babel",
    ours: (l: Babel) =>
      !babelHeader(l)
        ? undefined
        : name === "magic"
        ? l.magic
        : name === "version"
        ? l.version
        : l.bodyLength,
  })),
  { field: "babel.message.type", proto: "babel", occurrences: "all", ours: babelTypes },
  {
    field: "openflow_v4.type",
    proto: "openflow",
    occurrences: "first",
    ours: (l) => openFlow13(l, (m) => m.type),
  },
  {
    field: "openflow_v4.length",
    proto: "openflow",
    occurrences: "first",
    ours: (l) => openFlow13(l, (m) => m.length),
  },
  {
    field: "openflow_v4.xid",
    proto: "openflow",
    occurrences: "first",
    ours: (l) => openFlow13(l, (m) => m.xid),
  },
  { field: "rip.version", proto: "rip", ours: (l) => l.truncated ? undefined : l.version },
  { field: "ripng.cmd", proto: "ripng", ours: (l) => l.command },
  { field: "ripng.version", proto: "ripng", ours: (l) => l.version },
  { field: "hsrp.version", proto: "hsrp", ours: (l) => l.version },
  { field: "hsrp.opcode", proto: "hsrp", ours: (l) => l.captured >= 2 ? l.opCode : undefined },
  {
    field: "hsrp.state",
    proto: "hsrp",
    ours: (l) => l.captured >= 3 && l.opCode < 3 ? l.state : undefined,
  },
  {
    field: "hsrp.priority",
    proto: "hsrp",
    ours: (l) => l.captured >= 6 && l.opCode < 3 ? l.priority : undefined,
  },
  {
    field: "hsrp.group",
    proto: "hsrp",
    ours: (l) => l.captured >= 7 && l.opCode < 3 ? l.group : undefined,
  },
  // Op code 3 (advertise) has another layout, which tshark reads as TLVs.
  {
    field: "hsrp.virt_ip",
    proto: "hsrp",
    ours: (l) => l.opCode < 3 ? l.virtualAddress : undefined,
  },
  { field: "tftp.opcode", proto: "tftp", ours: (l) => l.opcode },
  { field: "tftp.block", proto: "tftp", ours: (l) => l.block },
  { field: "rpc.xid", proto: "rpc", ours: (l) => l.xid },
  { field: "rpc.msgtyp", proto: "rpc", ours: (l) => l.direction },
  {
    field: "rpc.fraglen",
    proto: "rpc",
    ours: (l) => l.recordMarked ? l.fragmentLength : undefined,
  },
  { field: "rpc.lastfrag", proto: "rpc", ours: (l) => l.recordMarked ? l.lastFragment : undefined },
  {
    field: "rpc.program",
    proto: "rpc",
    ours: (l) => l.callHeaderCaptured ? l.program : undefined,
  },
  {
    field: "rpc.programversion",
    proto: "rpc",
    ours: (l) => l.callHeaderCaptured ? l.programVersion : undefined,
  },
  {
    field: "rpc.procedure",
    proto: "rpc",
    ours: (l) => l.callHeaderCaptured ? l.procedure : undefined,
  },
  {
    field: "rpc.replystat",
    proto: "rpc",
    ours: (l) => l.replyStatus >= 0 ? l.replyStatus : undefined,
  },
];

/**
 * The types of a Babel packet's TLVs, the body's then the trailer's, as tshark lists them
 * when both walks end at their sections' ends.
 */
export function babelTypes(babel: Babel): string | undefined {
  if (!babelHeader(babel)) return undefined;
  const body = babel.tlvs("body");
  const trailer = babel.trailerLength > 0 ? babel.tlvs("trailer") : { tlvs: [], stop: "end" };
  if (body.stop !== "end" || trailer.stop !== "end") return undefined;
  return [...body.tlvs, ...trailer.tlvs].map((t) => t.type).join(",") || undefined;
}

/** Whether tshark dissects a Babel packet: a version 2 header within the UDP length. */
function babelHeader(babel: Babel): boolean {
  return !babel.partial && babel.wireLength >= 4 && babel.magic === 42 && babel.version === 2;
}

/**
 * A header field of the first OpenFlow 1.3 message that the segment and the capture hold
 * whole (tshark waits for the rest of a cut message, and lists the header an ERROR quotes
 * after the ERROR's: only the first occurrence is compared).
 */
function openFlow13(
  layer: OpenFlow,
  pick: (message: OpenFlowMessage) => number | undefined,
): number | undefined {
  const first = layer.messages.find((m) =>
    m.version === 4 && m.length !== undefined && m.length >= 8 &&
    m.offset + m.length <= Math.min(layer.end, layer.offset + layer.wireLength)
  );
  return first === undefined ? undefined : pick(first);
}
