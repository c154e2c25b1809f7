/**
 * Flows (conversations), as Wireshark's conversation statistics count them
 * (`tshark -q -z conv,tcp -z conv,udp`): packets and bytes in each direction, first and
 * last times, and for TCP the flags that tell whether the connection was opened and
 * closed.
 *
 * {@linkcode FlowTable} is the accumulator: it takes each packet as a reused
 * `PacketParser` decoded it, with the packet's time and length on the wire, and allocates
 * nothing per packet (a flow's key is built from the address bytes in a scratch buffer and
 * looked up in an open-addressing table; address strings are made only when flows are
 * listed). {@linkcode FlowTable.prototype.result} lists the flows in tshark's order and
 * {@linkcode formatFlowTable} prints them as a table.
 *
 * @module
 */

export { flowProtocolName } from "./_flow_key.ts";
export { FlowTable } from "./_flow_table.ts";

/** The TCP flags seen in a flow: whether it was opened and closed within the capture. */
export interface TcpFlowFlags {
  /** A SYN without ACK was seen (a connection opening), from either side. */
  syn: boolean;
  /** A SYN-ACK was seen (the answer to an opening), from either side. */
  synAck: boolean;
  /** A FIN was seen from A. */
  finFromA: boolean;
  /** A FIN was seen from B. */
  finFromB: boolean;
  /** An RST was seen, from either side. */
  rst: boolean;
}

/**
 * One flow: a TCP or UDP conversation (both directions of an address and port pair), or
 * the packets of another IP protocol between two addresses. A is the source of the
 * flow's first packet, as in Wireshark's conversation tables.
 */
export interface Flow {
  /** The IP version of the (innermost) IP header: 4 or 6. */
  ipVersion: 4 | 6;
  /** The protocol's name: `tcp`, `udp`, `icmp`, `icmpv6`, `esp`..., see {@linkcode flowProtocolName}. */
  protocol: string;
  /** The IP protocol number (the last IPv6 next header before the payload). */
  protocolNumber: number;
  /** Address A, such as `10.0.0.1` or `2001:db8::1`. */
  addressA: string;
  /**
   * Port A for TCP and UDP; `null` for other protocols, and for TCP or UDP packets whose
   * header is not there (IP fragments after the first) or did not decode.
   */
  portA: number | null;
  /** Address B. */
  addressB: string;
  /** Port B, or `null` as for {@linkcode Flow.portA}. */
  portB: number | null;
  /** Packets from A to B. */
  packetsAToB: number;
  /** Bytes from A to B: the sum of the packets' lengths on the wire. */
  bytesAToB: number;
  /** Packets from B to A. */
  packetsBToA: number;
  /** Bytes from B to A. */
  bytesBToA: number;
  /** The earliest packet time, in nanoseconds since the epoch. */
  firstTimestamp: bigint;
  /** The latest packet time, in nanoseconds since the epoch. */
  lastTimestamp: bigint;
  /** Last minus first time, in seconds. */
  duration: number;
  /** The TCP flags seen, for TCP flows with ports; absent otherwise. */
  tcp?: TcpFlowFlags;
  /**
   * What stream reassembly found, both directions together, for TCP flows with ports when
   * the table reassembles (`new FlowTable({ reassembly: true })`); absent otherwise.
   */
  reassembly?: FlowReassembly;
}

/** What stream reassembly found in a TCP flow, both directions together. */
export interface FlowReassembly {
  /** Bytes delivered in order, each once: what `follow` shows of the flow. */
  deliveredBytes: number;
  /**
   * Holes given up: bytes the capture lacks (acknowledged by the other side, cut by the
   * snapshot length, or still missing at the end).
   */
  gaps: number;
  /** The bytes of those holes. */
  gapBytes: number;
  /**
   * The bytes of segments that came again, starting before the furthest bytes seen in
   * their direction (the segments tshark flags `tcp.analysis.retransmission`, out-of-order
   * ones included).
   */
  retransmittedBytes: number;
}

/** Options of {@linkcode FlowTable}. */
export interface FlowTableOptions {
  /** Reassemble TCP flows and report {@linkcode Flow.reassembly} (default `false`). */
  reassembly?: boolean;
}

/** Counts over all the packets a {@linkcode FlowTable} was given. */
export interface FlowTotals {
  /** Packets added. */
  packets: number;
  /** Their bytes on the wire. */
  bytes: number;
  /** How many flows they form. */
  flows: number;
  /** Packets that belong to a flow. */
  flowPackets: number;
  /** Packets without a decoded IPv4 or IPv6 header (ARP, other link protocols, bad IP). */
  other: number;
  /** Their bytes on the wire. */
  otherBytes: number;
  /**
   * The time of the first packet added (in file order, not the earliest), in nanoseconds
   * since the epoch, from which flow start times are counted; `null` without packets.
   */
  firstTimestamp: bigint | null;
}

/** The flows of a {@linkcode FlowTable} and its totals. */
export interface FlowSummary {
  /** The flows, in the order asked for (tshark's by default). */
  flows: Flow[];
  /** The totals. */
  totals: FlowTotals;
}

/** How {@linkcode FlowTable.prototype.result} orders the flows. */
export type FlowOrder = "packets" | "bytes" | "first";

/** Options of {@linkcode FlowTable.prototype.result}. */
export interface FlowResultOptions {
  /**
   * The order: `packets` (the default) is tshark's, most packets first and ties in the
   * order the flows began; `bytes` puts most bytes first (ties likewise); `first` lists
   * them in the order they began.
   */
  order?: FlowOrder;
}

/**
 * Describes the TCP flags seen in a flow, in a fixed order: `SYN`, `SYN-ACK`, `FIN-A`,
 * `FIN-B`, `RST`, separated by spaces; `-` when none was seen (a connection that opened
 * before the capture and did not close during it). `SYN SYN-ACK FIN-A FIN-B` is a
 * connection seen from its opening to its close.
 *
 * @param flags The flags, from {@linkcode Flow.tcp}.
 * @returns The description.
 *
 * @example Describe a whole connection and a reset one
 * ```ts
 * import { tcpFlowState } from "./flows.ts";
 * import assert from "node:assert/strict";
 *
 * const none = { syn: false, synAck: false, finFromA: false, finFromB: false, rst: false };
 * assert.equal(
 *   tcpFlowState({ ...none, syn: true, synAck: true, finFromA: true, finFromB: true }),
 *   "SYN SYN-ACK FIN-A FIN-B",
 * );
 * assert.equal(tcpFlowState({ ...none, syn: true, rst: true }), "SYN RST");
 * assert.equal(tcpFlowState(none), "-");
 * ```
 */
export function tcpFlowState(flags: TcpFlowFlags): string {
  const seen: string[] = [];
  if (flags.syn) seen.push("SYN");
  if (flags.synAck) seen.push("SYN-ACK");
  if (flags.finFromA) seen.push("FIN-A");
  if (flags.finFromB) seen.push("FIN-B");
  if (flags.rst) seen.push("RST");
  return seen.length === 0 ? "-" : seen.join(" ");
}

/**
 * A flow's start, in seconds after a reference time (normally the capture's first packet,
 * `totals.firstTimestamp`), as tshark's "Relative Start" column; negative when the flow
 * began before it (a capture out of time order).
 *
 * @param flow The flow.
 * @param reference The reference time, in nanoseconds since the epoch.
 * @returns Seconds.
 *
 * @example The start of a flow 1.5 seconds into the capture
 * ```ts
 * import { flowRelativeStart } from "./flows.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(flowRelativeStart({ firstTimestamp: 3_500_000_000n }, 2_000_000_000n), 1.5);
 * ```
 */
export function flowRelativeStart(flow: Pick<Flow, "firstTimestamp">, reference: bigint): number {
  return Number(flow.firstTimestamp - reference) / 1e9;
}

/**
 * An endpoint as tshark writes it in conversation tables: `address:port`, IPv6 addresses
 * too (`fd77::1:50023`); the address alone for a flow without ports.
 *
 * @param address The address text.
 * @param port The port, or `null`.
 * @returns The endpoint text.
 *
 * @example Write endpoints
 * ```ts
 * import { formatEndpoint } from "./flows.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(formatEndpoint("10.0.0.1", 53), "10.0.0.1:53");
 * assert.equal(formatEndpoint("fd77::1", null), "fd77::1");
 * ```
 */
export function formatEndpoint(address: string, port: number | null): string {
  return port === null ? address : `${address}:${port}`;
}

/** Options of {@linkcode formatFlowTable}. */
export interface FormatFlowOptions {
  /**
   * The time start times are counted from, in nanoseconds since the epoch (normally
   * `totals.firstTimestamp`); by default the earliest start of the flows listed.
   */
  reference?: bigint;
}

const HEADER = [
  "Proto",
  "A",
  "B",
  "A→B pkts",
  "A→B bytes",
  "B→A pkts",
  "B→A bytes",
  "Start",
  "Duration",
];
/** The columns added when flows carry {@linkcode Flow.reassembly}. */
const REASSEMBLY_HEADER = ["Delivered", "Gaps", "Gap bytes", "Retrans bytes"];
// Left-aligned columns: protocol, A, B; the TCP state is the last, unpadded.
const LEFT = 3;

/**
 * Formats flows as a table with a header line: protocol, A, B, packets and bytes each
 * way, the start relative to the reference time (nine decimals, as tshark) and the
 * duration (four decimals, as tshark); when some flow has {@linkcode Flow.reassembly}, its
 * bytes delivered, gaps, gap bytes and retransmitted bytes (empty for other flows); then,
 * for TCP, the flags seen ({@linkcode tcpFlowState}). Columns are separated by two spaces.
 *
 * @param flows The flows, in the order to print.
 * @param options The reference time of the start column.
 * @returns The lines joined by `\n`, no final newline; only the header without flows.
 *
 * @example Print one flow
 * ```ts
 * import { formatFlowTable, type Flow } from "./flows.ts";
 * import assert from "node:assert/strict";
 *
 * const flow: Flow = {
 *   ipVersion: 4, protocol: "udp", protocolNumber: 17,
 *   addressA: "10.0.0.1", portA: 5353, addressB: "10.0.0.2", portB: 53,
 *   packetsAToB: 1, bytesAToB: 71, packetsBToA: 1, bytesBToA: 87,
 *   firstTimestamp: 2_000_000_000n, lastTimestamp: 2_009_200_000n, duration: 0.0092,
 * };
 * const lines = formatFlowTable([flow], { reference: 1_000_000_000n }).split("\n");
 * assert.equal(lines.length, 2);
 * assert.match(lines[1]!, /^udp {4}10\.0\.0\.1:5353 {2}10\.0\.0\.2:53 +1 +71 +1 +87 +1\.000000000 +0\.0092$/);
 * ```
 */
export function formatFlowTable(flows: readonly Flow[], options: FormatFlowOptions = {}): string {
  let reference = options.reference;
  if (reference === undefined) {
    for (const flow of flows) {
      if (reference === undefined || flow.firstTimestamp < reference) {
        reference = flow.firstTimestamp;
      }
    }
  }
  const reassembled = flows.some((flow) => flow.reassembly !== undefined);
  const header = reassembled ? [...HEADER, ...REASSEMBLY_HEADER] : HEADER;
  const rows: string[][] = [header];
  const states: string[] = [""];
  for (const flow of flows) {
    const found = flow.reassembly;
    rows.push([
      flow.protocol,
      formatEndpoint(flow.addressA, flow.portA),
      formatEndpoint(flow.addressB, flow.portB),
      `${flow.packetsAToB}`,
      `${flow.bytesAToB}`,
      `${flow.packetsBToA}`,
      `${flow.bytesBToA}`,
      flowRelativeStart(flow, reference ?? 0n).toFixed(9),
      flow.duration.toFixed(4),
      ...(!reassembled ? [] : found === undefined ? ["", "", "", ""] : [
        `${found.deliveredBytes}`,
        `${found.gaps}`,
        `${found.gapBytes}`,
        `${found.retransmittedBytes}`,
      ]),
    ]);
    states.push(flow.tcp === undefined ? "" : tcpFlowState(flow.tcp));
  }
  // reduce(), not a spread: a capture can have millions of flows.
  const widths = header.map((_, column) =>
    rows.reduce((width, row) => Math.max(width, row[column]!.length), 0)
  );
  if (states.some((state) => state !== "")) states[0] = "TCP";
  return rows.map((row, r) => {
    const cells = row.map((cell, column) =>
      column < LEFT ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)
    );
    if (states[r] !== "") cells.push(states[r]!);
    return cells.join("  ").trimEnd();
  }).join("\n");
}
