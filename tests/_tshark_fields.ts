/**
 * The fields of the tshark field conformance test (`conformance_decode_test.ts`): each
 * tshark field name, the protocol whose occurrences it follows, and wirekit's value.
 *
 * @module
 */

import type { Packet } from "../lib/decode.ts";

export type Value = string | number | boolean | undefined;

export interface PacketInfo {
  packet: Packet;
  /** Whether the capture holds the whole packet (captured length = original length). */
  whole: boolean;
}

export interface FieldSpec {
  field: string;
  /** The tshark protocol whose occurrences the field follows (`dns` for `mdns` too). */
  proto: string;
  /**
   * How tshark's occurrences of the field map to wirekit's layers: by default one per
   * layer. Fields that occur once per question or record form a list per message: `first`
   * compares its first value, `all` the whole list (joined with commas); both only in
   * packets that hold one message of the protocol, where the list is that message's.
   */
  occurrences?: "first" | "all";
  // deno-lint-ignore no-explicit-any
  ours(layer: any, info: PacketInfo, index: number): Value;
}

import { LINK_FIELDS } from "./_tshark_fields_link.ts";
import { UPPER_FIELDS } from "./_tshark_fields_upper.ts";

/** Every field compared, in the order of tshark's columns. */
export const FIELDS: FieldSpec[] = [...LINK_FIELDS, ...UPPER_FIELDS];

/** The fields of the datagram an ICMP error quotes, read from `icmp.original`. */
export const QUOTED_FIELDS = FIELDS.filter((spec) => spec.proto === "ip" || spec.proto === "ipv6");

export const QUOTED_PORTS: FieldSpec[] = [
  { field: "tcp.srcport", proto: "tcp", ours: (o) => o.sourcePort },
  { field: "tcp.dstport", proto: "tcp", ours: (o) => o.destinationPort },
  { field: "udp.srcport", proto: "udp", ours: (o) => o.sourcePort },
  { field: "udp.dstport", proto: "udp", ours: (o) => o.destinationPort },
];

/**
 * What joins the occurrences of a field in tshark's output: the ASCII unit separator, which
 * no value holds (DNS names may hold commas; tshark escapes control characters in them).
 */
export const AGGREGATOR = "\x1f";

export const TSHARK_FIELDS = [
  "frame.number",
  "frame.interface_id",
  "frame.len",
  "frame.cap_len",
  "frame.protocols",
  ...new Set(FIELDS.map((spec) => spec.field)),
];

/** Whether wirekit's value and tshark's text say the same. */
export function same(ours: Value, theirs: string): boolean {
  if (typeof ours === "boolean") return ours === (theirs === "1" || theirs === "True");
  if (typeof ours === "number") return ours === Number(theirs);
  return ours === theirs;
}

export function show(ours: Value, theirs: string | undefined): string {
  if (ours === undefined) return "(none)";
  if (typeof ours === "number" && theirs?.startsWith("0x")) return `0x${ours.toString(16)}`;
  return String(ours);
}
