// Tests of lib/stats/flows.ts (FlowTable) and scripts/flows.ts, and their conformance with
// tshark's conversation statistics (`tshark -q -z conv,tcp -z conv,udp`).
//
// The conformance test runs tshark once per file on testdata/namespaces.pcap and .pcapng.
// For the shared corpus (../shared/captures), tshark's start-up (about 0.6 s of CPU) times
// 270 files would take minutes, so by default the corpus goes through tshark in a few
// runs: each run reads one pcapng file holding several corpus files one after the other,
// each moved in time to a window of its own (a conversation is given back to its file by
// its start), and no two files of a run share a TCP or UDP conversation (so that none
// merges). Set WIREKIT_TSHARK_PER_FILE=1 to run tshark on each original file instead.

import assert from "node:assert/strict";
import { type Flow, FlowTable, formatFlowTable, tcpFlowState } from "../lib/stats/flows.ts";
import { decode, PacketParser } from "../lib/decode.ts";
import {
  buildArp,
  buildEthernet,
  buildIcmpEcho,
  buildIcmpv6Echo,
  buildIpv4,
  buildIpv6,
  buildTcp,
  buildUdp,
  type TcpFlagsSpec,
} from "../lib/craft/mod.ts";
import { foldChecksum, sumWords } from "../lib/checksum.ts";
import { CaptureFileError } from "../lib/formats/errors.ts";
import { openCapture } from "../lib/formats/open_capture.ts";
import { pcapngBytes } from "../lib/formats/pcapng.ts";
import { hasTshark, NO_REASSEMBLY } from "./_tshark.ts";
import {
  decodedCorpusFiles,
  PcapngInterfaces,
  pool,
  runScript,
  sharedCaptures,
  testdataDir,
} from "./_shared.ts";
import { LinkType } from "../lib/link_type.ts";

const SCRIPT = "scripts/flows.ts";

// ---------------------------------------------------------------------------------------
// Packets built with lib/craft.

const MAC = { source: "02:00:00:00:00:01", destination: "02:00:00:00:00:02" };

function ethernet(etherType: number, payload: Uint8Array): Uint8Array {
  return buildEthernet({ ...MAC, etherType, payload });
}

function tcp4(
  source: string,
  destination: string,
  sourcePort: number,
  destinationPort: number,
  flags: TcpFlagsSpec,
  payload = new Uint8Array(0),
): Uint8Array {
  const segment = buildTcp({ source, destination, sourcePort, destinationPort, flags, payload });
  return ethernet(0x0800, buildIpv4({ source, destination, protocol: 6, payload: segment }));
}

function udp4(
  source: string,
  destination: string,
  sourcePort: number,
  destinationPort: number,
  payload = new Uint8Array(0),
): Uint8Array {
  const datagram = buildUdp({ source, destination, sourcePort, destinationPort, payload });
  return ethernet(0x0800, buildIpv4({ source, destination, protocol: 17, payload: datagram }));
}

function udp6(
  source: string,
  destination: string,
  sourcePort: number,
  destinationPort: number,
): Uint8Array {
  const datagram = buildUdp({ source, destination, sourcePort, destinationPort });
  return ethernet(0x86dd, buildIpv6({ source, destination, nextHeader: 17, payload: datagram }));
}

function icmpEcho4(source: string, destination: string, type: "request" | "reply"): Uint8Array {
  const message = buildIcmpEcho({ type, identifier: 7, sequence: 1 });
  return ethernet(0x0800, buildIpv4({ source, destination, protocol: 1, payload: message }));
}

/** An ICMP destination unreachable (port unreachable) quoting the IPv4 packet `quoted`. */
function icmpUnreachable(source: string, destination: string, quoted: Uint8Array): Uint8Array {
  const message = new Uint8Array(8 + quoted.length);
  message[0] = 3;
  message[1] = 3;
  message.set(quoted, 8);
  const checksum = foldChecksum(sumWords(message, 0, message.length, 0)) ^ 0xffff;
  message[2] = checksum >> 8;
  message[3] = checksum & 0xff;
  return ethernet(0x0800, buildIpv4({ source, destination, protocol: 1, payload: message }));
}

const ARP = ethernet(
  0x0806,
  buildArp({
    operation: "request",
    senderMac: MAC.source,
    senderIp: "10.0.0.1",
    targetIp: "10.0.0.2",
  }),
);

/** Adds frames to a new table, one per second from `t0`, with their own length on the wire. */
function tableOf(frames: Uint8Array[], t0 = 1000): FlowTable {
  const parser = new PacketParser();
  const table = new FlowTable();
  frames.forEach((frame, i) => {
    parser.parse(1, frame);
    table.add(parser, t0 + i, 500, frame.length);
  });
  return table;
}

function endpoints(flow: Flow | undefined): string {
  assert.ok(flow !== undefined, "no such flow");
  const port = (p: number | null) => (p === null ? "" : `:${p}`);
  return `${flow.protocol} ${flow.addressA}${port(flow.portA)} ${flow.addressB}${port(flow.portB)}`;
}

// ---------------------------------------------------------------------------------------
// FlowTable

Deno.test("FlowTable counts both directions of a TCP connection", () => {
  const a = "10.0.0.1";
  const b = "10.0.0.2";
  const data = new Uint8Array(100);
  const frames = [
    tcp4(a, b, 40000, 80, { syn: true }),
    tcp4(b, a, 80, 40000, { syn: true, ack: true }),
    tcp4(a, b, 40000, 80, { ack: true }),
    tcp4(a, b, 40000, 80, { ack: true, psh: true }, data),
    tcp4(b, a, 80, 40000, { ack: true }),
    tcp4(a, b, 40000, 80, { fin: true, ack: true }),
    tcp4(b, a, 80, 40000, { fin: true, ack: true }),
    tcp4(a, b, 40000, 80, { ack: true }),
  ];
  const { flows, totals } = tableOf(frames).result();
  assert.equal(flows.length, 1);
  const flow = flows[0]!;
  assert.equal(endpoints(flow), "tcp 10.0.0.1:40000 10.0.0.2:80");
  assert.equal(flow.ipVersion, 4);
  assert.equal(flow.protocolNumber, 6);
  assert.equal(flow.packetsAToB, 5);
  assert.equal(flow.packetsBToA, 3);
  // 14 + 20 + 20 = 54, padded to 60; the data segment is 154.
  assert.equal(flow.bytesAToB, 4 * 60 + 154);
  assert.equal(flow.bytesBToA, 3 * 60);
  assert.equal(flow.firstTimestamp, 1000_000_000_500n);
  assert.equal(flow.lastTimestamp, 1007_000_000_500n);
  assert.equal(flow.duration, 7);
  assert.deepEqual(flow.tcp, {
    syn: true,
    synAck: true,
    finFromA: true,
    finFromB: true,
    rst: false,
  });
  assert.equal(tcpFlowState(flow.tcp!), "SYN SYN-ACK FIN-A FIN-B");
  assert.deepEqual(totals, {
    packets: 8,
    bytes: 7 * 60 + 154,
    flows: 1,
    flowPackets: 8,
    other: 0,
    otherBytes: 0,
    firstTimestamp: 1000_000_000_500n,
  });
});

Deno.test("FlowTable takes A from the first packet seen, even when it is the answer", () => {
  const frames = [
    tcp4("10.0.0.2", "10.0.0.1", 80, 40000, { ack: true, rst: true }),
    tcp4("10.0.0.1", "10.0.0.2", 40000, 80, { ack: true }),
  ];
  const flow = tableOf(frames).result().flows[0];
  assert.equal(endpoints(flow), "tcp 10.0.0.2:80 10.0.0.1:40000");
  assert.deepEqual(flow?.tcp, {
    syn: false,
    synAck: false,
    finFromA: false,
    finFromB: false,
    rst: true,
  });
  assert.equal(tcpFlowState(flow!.tcp!), "RST");
});

Deno.test("FlowTable keys UDP flows by IP version, addresses and ports", () => {
  const frames = [
    udp4("10.0.0.1", "10.0.0.2", 5353, 53),
    udp4("10.0.0.2", "10.0.0.1", 53, 5353),
    udp4("10.0.0.1", "10.0.0.2", 5354, 53),
    udp4("10.0.0.1", "10.0.0.3", 5353, 53),
    udp6("fd00::1", "fd00::2", 5353, 53),
    udp6("fd00::2", "fd00::1", 53, 5353),
    // The same ports in TCP are another flow.
    tcp4("10.0.0.1", "10.0.0.2", 5353, 53, { syn: true }),
  ];
  const { flows } = tableOf(frames).result({ order: "first" });
  assert.deepEqual(flows.map(endpoints), [
    "udp 10.0.0.1:5353 10.0.0.2:53",
    "udp 10.0.0.1:5354 10.0.0.2:53",
    "udp 10.0.0.1:5353 10.0.0.3:53",
    "udp fd00::1:5353 fd00::2:53",
    "tcp 10.0.0.1:5353 10.0.0.2:53",
  ]);
  assert.deepEqual(flows.map((f) => [f.packetsAToB, f.packetsBToA]), [
    [1, 1],
    [1, 0],
    [1, 0],
    [1, 1],
    [1, 0],
  ]);
  assert.equal(flows[3]!.ipVersion, 6);
  assert.equal(flows[0]!.tcp, undefined);
});

Deno.test("FlowTable keys ICMP and ICMPv6 flows by protocol and addresses, without ports", () => {
  const echo6 = (source: string, destination: string, type: "request" | "reply") =>
    ethernet(
      0x86dd,
      buildIpv6({
        source,
        destination,
        nextHeader: 58,
        payload: buildIcmpv6Echo({ source, destination, type }),
      }),
    );
  const frames = [
    icmpEcho4("10.0.0.1", "10.0.0.2", "request"),
    icmpEcho4("10.0.0.2", "10.0.0.1", "reply"),
    echo6("fd00::1", "fd00::2", "request"),
    echo6("fd00::2", "fd00::1", "reply"),
    icmpEcho4("10.0.0.1", "10.0.0.2", "request"),
  ];
  const { flows } = tableOf(frames).result();
  assert.deepEqual(flows.map(endpoints), [
    "icmp 10.0.0.1 10.0.0.2",
    "icmpv6 fd00::1 fd00::2",
  ]);
  assert.deepEqual(flows.map((f) => [f.protocolNumber, f.packetsAToB, f.packetsBToA]), [
    [1, 2, 1],
    [58, 1, 1],
  ]);
  assert.equal(flows[0]!.portA, null);
  assert.equal(flows[0]!.tcp, undefined);
});

Deno.test("FlowTable counts an ICMP error in the ICMP flow, not in the quoted conversation", () => {
  const query = udp4("10.0.0.1", "10.0.0.2", 5353, 9999, new Uint8Array(4));
  // The error quotes the IPv4 header and the UDP header of the query.
  const quoted = query.subarray(14, 14 + 28);
  const frames = [query, icmpUnreachable("10.0.0.2", "10.0.0.1", quoted)];
  assert.equal(decode(1, frames[1]!).layer("icmp")?.original?.destinationPort, 9999);
  const { flows } = tableOf(frames).result({ order: "first" });
  assert.deepEqual(flows.map(endpoints), [
    "udp 10.0.0.1:5353 10.0.0.2:9999",
    "icmp 10.0.0.2 10.0.0.1",
  ]);
  assert.deepEqual(flows.map((f) => [f.packetsAToB, f.packetsBToA]), [[1, 0], [1, 0]]);
});

Deno.test("FlowTable counts a frame without IP as other, not as a flow", () => {
  const frames = [ARP, udp4("10.0.0.1", "10.0.0.2", 1, 2), ARP];
  const { flows, totals } = tableOf(frames).result();
  assert.equal(flows.length, 1);
  assert.equal(totals.packets, 3);
  assert.equal(totals.other, 2);
  assert.equal(totals.otherBytes, 120);
  assert.equal(totals.flowPackets, 1);
  // Start times count from the first packet added, the ARP frame.
  assert.equal(totals.firstTimestamp, 1000_000_000_500n);
  assert.equal(flows[0]!.firstTimestamp, 1001_000_000_500n);
});

Deno.test("FlowTable counts an IPv4 fragment after the first as a flow without ports", () => {
  const datagram = buildUdp({
    source: "10.0.0.1",
    destination: "10.0.0.2",
    sourcePort: 5353,
    destinationPort: 53,
    payload: new Uint8Array(24),
  });
  const ip = { source: "10.0.0.1", destination: "10.0.0.2", protocol: 17, identification: 9 };
  const frames = [
    ethernet(0x0800, buildIpv4({ ...ip, moreFragments: true, payload: datagram.subarray(0, 16) })),
    ethernet(0x0800, buildIpv4({ ...ip, fragmentOffset: 2, payload: datagram.subarray(16) })),
  ];
  const { flows } = tableOf(frames).result({ order: "first" });
  assert.deepEqual(flows.map(endpoints), [
    "udp 10.0.0.1:5353 10.0.0.2:53",
    "udp 10.0.0.1 10.0.0.2",
  ]);
});

Deno.test("FlowTable counts a tunnelled packet in its inner conversation", () => {
  const inner = buildIpv4({
    source: "192.168.0.1",
    destination: "192.168.0.2",
    protocol: 17,
    payload: buildUdp({
      source: "192.168.0.1",
      destination: "192.168.0.2",
      sourcePort: 1000,
      destinationPort: 2000,
    }),
  });
  const frame = ethernet(
    0x0800,
    buildIpv4({ source: "10.0.0.1", destination: "10.0.0.2", protocol: 4, payload: inner }),
  );
  const { flows } = tableOf([frame]).result();
  assert.deepEqual(flows.map(endpoints), ["udp 192.168.0.1:1000 192.168.0.2:2000"]);
});

Deno.test("FlowTable takes an IPv6 routing header's final destination as B", () => {
  // A type 0 routing header with one segment left: the packet goes to fd00::9 first,
  // then to its final destination fd00::2.
  const routing = new Uint8Array(8 + 16);
  routing.set([17, 2, 0, 1]);
  routing.set([0xfd, 0x00], 8);
  routing[23] = 2;
  const datagram = buildUdp({
    source: "fd00::1",
    destination: "fd00::2",
    sourcePort: 1000,
    destinationPort: 2000,
  });
  const payload = new Uint8Array([...routing, ...datagram]);
  const frame = ethernet(
    0x86dd,
    buildIpv6({ source: "fd00::1", destination: "fd00::9", nextHeader: 43, payload }),
  );
  const { flows } = tableOf([frame, udp6("fd00::2", "fd00::1", 2000, 1000)]).result();
  assert.deepEqual(flows.map((f) => [endpoints(f), f.packetsAToB, f.packetsBToA]), [
    ["udp fd00::1:1000 fd00::2:2000", 1, 1],
  ]);
});

Deno.test("FlowTable takes an IPv6 home address option's address as A", () => {
  // Destination options: PadN (4 bytes), then the home address option (type 0xc9) at 8n+6.
  const options = new Uint8Array(24);
  options.set([17, 2, 1, 2, 0, 0, 0xc9, 16, 0x20, 0x01, 0x0d, 0xb8]);
  options[23] = 7;
  const datagram = buildUdp({
    source: "2001:db8::7",
    destination: "fd00::2",
    sourcePort: 1000,
    destinationPort: 2000,
  });
  const payload = new Uint8Array([...options, ...datagram]);
  const frame = ethernet(
    0x86dd,
    buildIpv6({ source: "fd00::1", destination: "fd00::2", nextHeader: 60, payload }),
  );
  const { flows } = tableOf([frame, udp6("fd00::2", "2001:db8::7", 2000, 1000)]).result();
  assert.deepEqual(flows.map((f) => [endpoints(f), f.packetsAToB, f.packetsBToA]), [
    ["udp 2001:db8::7:1000 fd00::2:2000", 1, 1],
  ]);
});

Deno.test("FlowTable gives A→B to every packet between an endpoint and itself", () => {
  const frames = [
    udp4("127.0.0.1", "127.0.0.1", 7, 7),
    udp4("127.0.0.1", "127.0.0.1", 7, 7),
    icmpEcho4("127.0.0.1", "127.0.0.1", "request"),
    icmpEcho4("127.0.0.1", "127.0.0.1", "reply"),
  ];
  const { flows } = tableOf(frames).result();
  assert.deepEqual(flows.map((f) => [endpoints(f), f.packetsAToB, f.packetsBToA]), [
    ["udp 127.0.0.1:7 127.0.0.1:7", 2, 0],
    ["icmp 127.0.0.1 127.0.0.1", 2, 0],
  ]);
});

Deno.test("FlowTable keeps the earliest and latest times of packets out of order", () => {
  const parser = new PacketParser();
  const table = new FlowTable();
  const frame = udp4("10.0.0.1", "10.0.0.2", 1, 2);
  parser.parse(1, frame);
  for (const [seconds, nanoseconds] of [[10, 5], [9, 999_999_999], [12, 0], [11, 0]] as const) {
    table.add(parser, seconds, nanoseconds, 60);
  }
  const { flows, totals } = table.result();
  assert.equal(flows[0]!.firstTimestamp, 9_999_999_999n);
  assert.equal(flows[0]!.lastTimestamp, 12_000_000_000n);
  assert.equal(flows[0]!.duration, 2.000000001);
  assert.equal(totals.firstTimestamp, 10_000_000_005n);
});

Deno.test("FlowTable.result() orders flows as tshark: most packets first, ties by first packet", () => {
  const big = new Uint8Array(500);
  const frames = [
    udp4("10.0.0.1", "10.0.0.2", 1, 1), // flow 1: 1 packet, 60 bytes
    udp4("10.0.0.1", "10.0.0.2", 2, 2, big), // flow 2: 2 packets, 1084 bytes
    udp4("10.0.0.1", "10.0.0.2", 3, 3), // flow 3: 2 packets, 120 bytes
    udp4("10.0.0.1", "10.0.0.2", 3, 3),
    udp4("10.0.0.1", "10.0.0.2", 2, 2, big),
    udp4("10.0.0.1", "10.0.0.2", 4, 4, big), // flow 4: 1 packet, 542 bytes
  ];
  const table = tableOf(frames);
  const ports = (order?: "packets" | "bytes" | "first") =>
    table.result(order === undefined ? {} : { order }).flows.map((f) => f.portA);
  assert.deepEqual(ports(), [2, 3, 1, 4]);
  assert.deepEqual(ports("packets"), [2, 3, 1, 4]);
  assert.deepEqual(ports("bytes"), [2, 4, 3, 1]);
  assert.deepEqual(ports("first"), [1, 2, 3, 4]);
});

Deno.test("FlowTable keeps thousands of flows apart as its tables grow", () => {
  const parser = new PacketParser();
  const table = new FlowTable();
  const frames = Array.from(
    { length: 3000 },
    (_, i) => udp4(`10.${i >> 8}.${i & 0xff}.1`, "10.255.0.1", 1024 + i, 53),
  );
  for (let round = 0; round < 2; round++) {
    frames.forEach((frame, i) => {
      parser.parse(1, frame);
      table.add(parser, round, i, 60 + round);
    });
  }
  assert.equal(table.size, 3000);
  const { flows, totals } = table.result({ order: "first" });
  assert.equal(totals.flows, 3000);
  flows.forEach((flow, i) => {
    assert.equal(flow.portA, 1024 + i);
    assert.equal(flow.packetsAToB, 2);
    assert.equal(flow.bytesAToB, 121);
  });
});

Deno.test("FlowTable.add() takes a Packet from decode() as well as a PacketParser", () => {
  const table = new FlowTable();
  const frame = udp4("10.0.0.1", "10.0.0.2", 1, 2);
  table.add(decode(1, frame), 0, 0, 60);
  table.add(decode(1, ARP), 0, 0, 60);
  const { flows, totals } = table.result();
  assert.deepEqual(flows.map(endpoints), ["udp 10.0.0.1:1 10.0.0.2:2"]);
  assert.equal(totals.other, 1);
});

Deno.test("formatFlowTable() aligns the columns and adds the TCP state column", () => {
  const frames = [
    tcp4("10.0.0.1", "10.0.0.2", 40000, 80, { syn: true }),
    udp4("10.0.0.1", "10.0.0.2", 5353, 53),
  ];
  const { flows, totals } = tableOf(frames).result({ order: "first" });
  const lines = formatFlowTable(flows, { reference: totals.firstTimestamp! }).split("\n");
  assert.deepEqual(lines, [
    "Proto  A               B            A→B pkts  A→B bytes  B→A pkts  B→A bytes        Start  Duration  TCP",
    "tcp    10.0.0.1:40000  10.0.0.2:80         1         60         0          0  0.000000000    0.0000  SYN",
    "udp    10.0.0.1:5353   10.0.0.2:53         1         60         0          0  1.000000000    0.0000",
  ]);
});

// ---------------------------------------------------------------------------------------
// tshark's conversation tables.

/** A byte count as tshark prints it: exact below 10000 bytes, then in kB, MB... (SI). */
interface PrintedBytes {
  value: number;
  /** The unit: 1 for `bytes`, 1000 for `kB`... The count is floor(bytes / unit). */
  unit: number;
}

/** One row of a tshark TCP or UDP conversation table. */
interface TsharkConversation {
  protocol: "tcp" | "udp";
  addressA: string;
  portA: number;
  addressB: string;
  portB: number;
  packetsAToB: number;
  bytesAToB: PrintedBytes;
  packetsBToA: number;
  bytesBToA: PrintedBytes;
  /** The relative start as printed (9 decimals). */
  start: number;
  /** The duration as printed (4 decimals). */
  duration: number;
}

const UNITS: Record<string, number> = { bytes: 1, kB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12 };
const ROW =
  /^(\S+)\s+<->\s+(\S+)\s+(\d+) (\d+) (bytes|[kMGT]B)\s+(\d+) (\d+) (bytes|[kMGT]B)\s+\d+ \d+ (?:bytes|[kMGT]B)\s+(\S+)\s+(\S+)$/;

function endpoint(text: string): [string, number] {
  const colon = text.lastIndexOf(":");
  return [text.slice(0, colon), Number(text.slice(colon + 1))];
}

/**
 * Parses the TCP and UDP conversation tables of `tshark -q -z conv,tcp -z conv,udp`, in
 * the order printed. tshark's "<-" columns are B to A, its "->" columns A to B.
 */
function parseTsharkConversations(text: string): TsharkConversation[] {
  const out: TsharkConversation[] = [];
  let protocol: "tcp" | "udp" | undefined;
  for (const line of text.split("\n")) {
    if (line === "TCP Conversations") protocol = "tcp";
    else if (line === "UDP Conversations") protocol = "udp";
    else if (line.includes("<->")) {
      const m = ROW.exec(line.trim());
      if (m === null || protocol === undefined) {
        throw new SyntaxError(`Cannot parse tshark conversation: ${line}`);
      }
      const [addressA, portA] = endpoint(m[1]!);
      const [addressB, portB] = endpoint(m[2]!);
      out.push({
        protocol,
        addressA,
        portA,
        addressB,
        portB,
        packetsBToA: Number(m[3]),
        bytesBToA: { value: Number(m[4]), unit: UNITS[m[5]!]! },
        packetsAToB: Number(m[6]),
        bytesAToB: { value: Number(m[7]), unit: UNITS[m[8]!]! },
        start: Number(m[9]),
        duration: Number(m[10]),
      });
    }
  }
  return out;
}

Deno.test("parseTsharkConversations() reads tshark 4's tables, kB counts and IPv6 endpoints", () => {
  const text = [
    "================================================================================",
    "UDP Conversations",
    "Filter:<No Filter>",
    "                                                           |       <-      | |       ->      | |     Total     |    Relative    |   Duration   |",
    "                                                           | Frames  Bytes | | Frames  Bytes | | Frames  Bytes |      Start     |              |",
    "10.77.0.1:34436            <-> 10.77.0.2:53                     1 87 bytes        1 71 bytes        2 158 bytes    17.096981000         0.0092",
    "2001:618:400::5199:cc70:35995 <-> 2001:618:1:8000::5:80           12 13 kB          16 2323 bytes      28 15 kB         0.000000000         1.5845",
    "================================================================================",
  ].join("\n");
  assert.deepEqual(parseTsharkConversations(text), [
    {
      protocol: "udp",
      addressA: "10.77.0.1",
      portA: 34436,
      addressB: "10.77.0.2",
      portB: 53,
      packetsBToA: 1,
      bytesBToA: { value: 87, unit: 1 },
      packetsAToB: 1,
      bytesAToB: { value: 71, unit: 1 },
      start: 17.096981,
      duration: 0.0092,
    },
    {
      protocol: "udp",
      addressA: "2001:618:400::5199:cc70",
      portA: 35995,
      addressB: "2001:618:1:8000::5",
      portB: 80,
      packetsBToA: 12,
      bytesBToA: { value: 13, unit: 1000 },
      packetsAToB: 16,
      bytesAToB: { value: 2323, unit: 1 },
      start: 0,
      duration: 1.5845,
    },
  ]);
});

/** The tshark options: NO_REASSEMBLY's preferences, so that tshark counts packets as sent. */
function conversationArgs(input: string): string[] {
  const args = ["-n", "-r", input, "-q", "-z", "conv,tcp", "-z", "conv,udp"];
  for (const [name, value] of Object.entries(NO_REASSEMBLY)) {
    args.push("-o", `${name}:${typeof value === "boolean" ? (value ? "TRUE" : "FALSE") : value}`);
  }
  return args;
}

/** Runs tshark's conversation statistics on a file, or on pcapng bytes through stdin. */
async function tsharkConversations(input: string | Uint8Array): Promise<TsharkConversation[]> {
  const piped = input instanceof Uint8Array;
  const child = new Deno.Command("tshark", {
    args: conversationArgs(piped ? "-" : input),
    stdin: piped ? "piped" : "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writing = piped
    ? (async () => {
      const writer = child.stdin.getWriter();
      try {
        await writer.write(input);
        await writer.close();
      } catch {
        // tshark stopped reading: its status says why.
      }
    })()
    : Promise.resolve();
  const [output] = await Promise.all([child.output(), writing]);
  const stderr = new TextDecoder().decode(output.stderr).split("\n")
    .filter((line) => line !== "" && !line.startsWith("Running as user")).join("\n");
  if (!output.success) throw new Error(`tshark failed on ${piped ? "stdin" : input}: ${stderr}`);
  return parseTsharkConversations(new TextDecoder().decode(output.stdout));
}

// ---------------------------------------------------------------------------------------
// wirekit's side: a capture file read into records and flows.

interface CaptureRecordLite {
  timestamp: bigint;
  linkType: number;
  data: Uint8Array;
  originalLength: number;
  fcsLength: number | undefined;
}

interface CaptureFile {
  /** The name reported: the path under the corpus, or under the project. */
  name: string;
  path: string;
  records: CaptureRecordLite[];
  readError: string | undefined;
  /** wirekit's flows, in tshark's order, and the first packet's time. */
  flows: Flow[];
  firstTimestamp: bigint;
  /** The earliest and latest packet times. */
  minTimestamp: bigint;
  maxTimestamp: bigint;
}

async function readCaptureFile(name: string, path: string): Promise<CaptureFile> {
  const records: CaptureRecordLite[] = [];
  let readError: string | undefined;
  try {
    await using reader = await openCapture(path);
    for await (const record of reader) {
      const fcsLength = reader.format === "pcap"
        ? reader.header.fcsLength
        : reader.section.interfaces[record.interfaceId]?.fcsLength;
      records.push({
        timestamp: record.timestamp,
        linkType: record.linkType,
        data: record.data,
        originalLength: record.originalLength,
        fcsLength,
      });
    }
  } catch (error) {
    if (!(error instanceof CaptureFileError)) throw error;
    readError = error.message;
  }
  const parsers = new Map<number | undefined, PacketParser>();
  const table = new FlowTable();
  let minTimestamp = records[0]?.timestamp ?? 0n;
  let maxTimestamp = minTimestamp;
  for (const record of records) {
    let parser = parsers.get(record.fcsLength);
    if (parser === undefined) {
      parser = new PacketParser(
        record.fcsLength === undefined ? {} : { fcsLength: record.fcsLength },
      );
      parsers.set(record.fcsLength, parser);
    }
    parser.parse(record.linkType, record.data);
    const ns = ((record.timestamp % 1_000_000_000n) + 1_000_000_000n) % 1_000_000_000n;
    table.add(
      parser,
      Number((record.timestamp - ns) / 1_000_000_000n),
      Number(ns),
      record.originalLength,
    );
    if (record.timestamp < minTimestamp) minTimestamp = record.timestamp;
    if (record.timestamp > maxTimestamp) maxTimestamp = record.timestamp;
  }
  const { flows, totals } = table.result();
  return {
    name,
    path,
    records,
    readError,
    flows,
    firstTimestamp: totals.firstTimestamp ?? 0n,
    minTimestamp,
    maxTimestamp,
  };
}

/** The TCP and UDP flows that tshark's tables list: those with ports. */
function portFlows(capture: CaptureFile): Flow[] {
  return capture.flows.filter((flow) =>
    (flow.protocol === "tcp" || flow.protocol === "udp") && flow.portA !== null
  );
}

function conversationKey(
  protocol: string,
  a: string,
  portA: number | null,
  b: string,
  portB: number | null,
): string {
  const one = `${a}|${portA}`;
  const two = `${b}|${portB}`;
  return `${protocol} ${one < two ? `${one} ${two}` : `${two} ${one}`}`;
}

// ---------------------------------------------------------------------------------------
// Comparing one file.

interface FileComparison {
  capture: CaptureFile;
  /** tshark's conversations and wirekit's TCP and UDP flows. */
  conversations: number;
  flows: number;
  problems: string[];
}

function showBytes(bytes: PrintedBytes): string {
  return bytes.unit === 1 ? `${bytes.value}` : `${bytes.value}×${bytes.unit}`;
}

function sameBytes(ours: number, theirs: PrintedBytes): boolean {
  return Math.floor(ours / theirs.unit) === theirs.value;
}

/**
 * Compares wirekit's TCP and UDP flows of a file with tshark's conversations of it.
 * `shift` (nanoseconds) turns a wirekit time into tshark's relative start.
 */
function compareFile(
  capture: CaptureFile,
  theirs: TsharkConversation[],
  shift: bigint,
): FileComparison {
  const problems: string[] = [];
  const ours = portFlows(capture);
  const byKey = new Map<string, Flow>();
  for (const flow of ours) {
    byKey.set(
      conversationKey(flow.protocol, flow.addressA, flow.portA, flow.addressB, flow.portB),
      flow,
    );
  }
  const matched = new Set<Flow>();
  for (const conversation of theirs) {
    const { protocol, addressA, portA, addressB, portB } = conversation;
    const label = `${protocol} ${addressA}:${portA} <-> ${addressB}:${portB}`;
    const flow = byKey.get(conversationKey(protocol, addressA, portA, addressB, portB));
    if (flow === undefined || matched.has(flow)) {
      problems.push(`${label}: only in tshark`);
      continue;
    }
    matched.add(flow);
    const problem: string[] = [];
    if (flow.addressA !== addressA || flow.portA !== portA) problem.push("A and B swapped");
    else {
      if (flow.packetsAToB !== conversation.packetsAToB) {
        problem.push(`A→B packets ${flow.packetsAToB} vs ${conversation.packetsAToB}`);
      }
      if (flow.packetsBToA !== conversation.packetsBToA) {
        problem.push(`B→A packets ${flow.packetsBToA} vs ${conversation.packetsBToA}`);
      }
      if (!sameBytes(flow.bytesAToB, conversation.bytesAToB)) {
        problem.push(`A→B bytes ${flow.bytesAToB} vs ${showBytes(conversation.bytesAToB)}`);
      }
      if (!sameBytes(flow.bytesBToA, conversation.bytesBToA)) {
        problem.push(`B→A bytes ${flow.bytesBToA} vs ${showBytes(conversation.bytesBToA)}`);
      }
    }
    // tshark prints the start with 9 decimals and the duration with 4, from doubles.
    const start = Number(flow.firstTimestamp + shift) / 1e9;
    // tshark's doubles: an error of a few units in the last place of the value.
    const slack = Math.abs(start) * 1e-15;
    if (Math.abs(start - conversation.start) > 0.5e-9 + slack + 1e-12) {
      problem.push(`start ${start.toFixed(9)} vs ${conversation.start.toFixed(9)}`);
    }
    if (Math.abs(flow.duration - conversation.duration) > 0.5e-4 + slack + 1e-9) {
      problem.push(`duration ${flow.duration.toFixed(4)} vs ${conversation.duration.toFixed(4)}`);
    }
    if (problem.length > 0) problems.push(`${label}: ${problem.join(", ")}`);
  }
  for (const flow of ours) {
    if (!matched.has(flow)) {
      problems.push(
        `${flow.protocol} ${flow.addressA}:${flow.portA} <-> ${flow.addressB}:${flow.portB}: ` +
          "only in wirekit",
      );
    }
  }
  // The same conversations: then in the same order, table by table.
  if (problems.length === 0) {
    for (const protocol of ["tcp", "udp"]) {
      const oursInOrder = ours.filter((flow) => flow.protocol === protocol)
        .map((flow) => `${flow.addressA}:${flow.portA}-${flow.addressB}:${flow.portB}`);
      const theirsInOrder = theirs.filter((c) => c.protocol === protocol)
        .map((c) => `${c.addressA}:${c.portA}-${c.addressB}:${c.portB}`);
      if (oursInOrder.join(" ") !== theirsInOrder.join(" ")) {
        problems.push(`${protocol} flows in another order than tshark's`);
      }
    }
  }
  return { capture, conversations: theirs.length, flows: ours.length, problems };
}

// ---------------------------------------------------------------------------------------
// The corpus through tshark, several files a run.

/** Seconds between the time windows of two files in one run. */
const GAP_NS = 1000n * 1_000_000_000n;
const RUNS = 4;
/** tshark processes at a time. */
const PARALLEL = 4;
const DAY_NS = 86_400n * 1_000_000_000n;

interface Placement {
  capture: CaptureFile;
  /** Added to a file's time to get its time in the run's file. */
  offset: bigint;
  /** The window of the file's times in the run's file. */
  from: bigint;
  to: bigint;
}

/** Splits files into runs: about the same packets each, no conversation shared in a run. */
function planRuns(files: CaptureFile[]): CaptureFile[][] {
  const runs: { files: CaptureFile[]; packets: number; keys: Set<string> }[] = [];
  for (let i = 0; i < RUNS; i++) runs.push({ files: [], packets: 0, keys: new Set() });
  for (const capture of files) {
    const keys = portFlows(capture).map((f) =>
      conversationKey(f.protocol, f.addressA, f.portA, f.addressB, f.portB)
    );
    const fits = runs.filter((run) => keys.every((key) => !run.keys.has(key)));
    let run = fits.sort((a, b) => a.packets - b.packets)[0];
    if (run === undefined) {
      run = { files: [], packets: 0, keys: new Set() };
      runs.push(run);
    }
    run.files.push(capture);
    run.packets += capture.records.length;
    for (const key of keys) run.keys.add(key);
  }
  return runs.map((run) => run.files).filter((group) => group.length > 0);
}

/**
 * Builds the pcapng file of one run: a first frame (not IP) at 1 s, so that every
 * relative start is positive, then each file's packets moved to a window of its own.
 */
function buildRun(files: CaptureFile[]): { bytes: Uint8Array; placements: Placement[] } {
  const interfaces = new PcapngInterfaces();
  interfaces.idOf(LinkType.EN10MB); // interface 0: the first, dummy frame's
  const origin = 1_000_000_000n;
  const packets = [{ timestamp: origin, data: new Uint8Array(60).fill(0x88, 12, 13) }] as {
    timestamp: bigint;
    data: Uint8Array;
    originalLength?: number;
    interfaceId?: number;
  }[];
  const placements: Placement[] = [];
  let cursor = origin + GAP_NS;
  for (const capture of files) {
    const offset = cursor - capture.minTimestamp;
    const from = capture.minTimestamp + offset;
    const to = capture.maxTimestamp + offset;
    placements.push({ capture, offset, from, to });
    cursor = to + GAP_NS;
    for (const record of capture.records) {
      const interfaceId = interfaces.idOf(record.linkType, record.fcsLength);
      packets.push({
        timestamp: record.timestamp + offset,
        data: record.data,
        originalLength: record.originalLength,
        interfaceId,
      });
    }
  }
  // Relative starts count from the first frame: make placements relative to it.
  for (const placement of placements) {
    placement.offset -= origin;
    placement.from -= origin;
    placement.to -= origin;
  }
  return { bytes: pcapngBytes({ interfaces: interfaces.list, packets }), placements };
}

/** Runs tshark over a run's file and gives each conversation back to its file. */
async function compareRun(files: CaptureFile[]): Promise<FileComparison[]> {
  const { bytes, placements } = buildRun(files);
  const conversations = await tsharkConversations(bytes);
  const byFile = new Map<CaptureFile, TsharkConversation[]>(files.map((f) => [f, []]));
  const stray: string[] = [];
  for (const conversation of conversations) {
    const ns = BigInt(Math.round(conversation.start * 1e9));
    const placement = placements.find((p) => ns >= p.from - 1_000_000n && ns <= p.to + 1_000_000n);
    if (placement === undefined) stray.push(`${conversation.addressA}:${conversation.portA}`);
    else byFile.get(placement.capture)!.push(conversation);
  }
  assert.deepEqual(stray, [], "tshark conversations outside every file's time window");
  return placements.map((p) => compareFile(p.capture, byFile.get(p.capture)!, p.offset));
}

/** Runs tshark over one original file. */
async function compareAlone(capture: CaptureFile): Promise<FileComparison> {
  const conversations = await tsharkConversations(capture.path);
  return compareFile(capture, conversations, -capture.firstTimestamp);
}

const NULL_GUESS = "frame 3's NULL header 0f 00 08 00 is no address family (tcpdump: 'AF " +
  "Unknown'), so wirekit decodes no IP; tshark guesses its last two bytes are an EtherType " +
  "and finds a DNS answer (see conformance_decode_test.ts)";
const UNTIMED_REFERENCE = "tshark's relative starts count from the file's first record, an " +
  "unknown block without a timestamp (time 0), so they read as absolute times; wirekit's " +
  "count from the first packet. The packets and bytes agree";

/**
 * Files whose TCP or UDP conversations legitimately differ from tshark's, and why. Each is
 * compared alone (tshark on the original file), and the test fails when one stops
 * differing.
 */
const EXCEPTIONS: Record<string, string> = {
  "libpcap/AH-IPcomp-IPv6.pcap": "IPComp (IP protocol 108): tshark inflates the compressed " +
    "payloads and counts the TCP segments in them; wirekit does not decompress, so it counts " +
    "only the segments sent uncompressed",
  "tcpdump/of13_ericsson.pcapng": "OpenFlow messages carry whole Ethernet frames (packet-in, " +
    "packet-out): tshark dissects them and counts the UDP datagram inside; wirekit does not " +
    "decode OpenFlow",
  "libpcap/ipv6_ext_headers.pcap": "a chain of 46 IPv6 extension headers: wirekit stops at " +
    "its default maxLayers (32, against endless chains) before the UDP header; tshark has no " +
    "limit",
  "tcpdump/LINKTYPE_IPV4_invalid.pcap": "an IPv6 packet under LINKTYPE_IPV4: tshark's IPv4 " +
    "dissector hands it to IPv6; wirekit reports the IPv4 version as malformed (as tcpdump)",
  "pcapplusplus/NullLoopback.pcap": NULL_GUESS,
  "pcapplusplus/null_loopback.pcap": NULL_GUESS,
  "tcpdump/mptcp-dss-oobr.pcap": "a SYN whose MPTCP option is malformed: tshark's TCP " +
    "dissector throws in the option before it reports the conversation, so it counts none; " +
    "wirekit decodes the header (flagging the options) and counts the SYN",
  "tcpdump/timestamp_invalid_micro.pcap": "a microsecond field of 2147483648 (over 999999): " +
    "wirekit's reader carries the excess into the seconds (as conformance_files_test.ts " +
    "records), tshark wraps it, so the connection's duration differs; packets and bytes agree",
  "pcapng-suite/le/test102.pcapng": UNTIMED_REFERENCE,
  "pcapng-suite/be/test102.pcapng": UNTIMED_REFERENCE,
  "pcapng-suite/le/test202.pcapng": UNTIMED_REFERENCE,
  "pcapng-suite/be/test202.pcapng": UNTIMED_REFERENCE,
};

/**
 * Compares the corpus files with tshark. Files spanning more than a day (windows that
 * long would make a run's times too large to print to the nanosecond), files listed in
 * {@linkcode EXCEPTIONS}, and every file with WIREKIT_TSHARK_PER_FILE=1 are compared
 * alone. The others go in runs of several files; a file that differs in a run is compared
 * again alone, and the rest of that run again in a new run, until the runs agree: two files
 * sharing a conversation that wirekit does not see would make both differ, so a run that
 * agrees shares none.
 */
async function compareCorpus(
  files: CaptureFile[],
): Promise<{ results: FileComparison[]; runs: number; alone: number }> {
  const perFile = Deno.env.get("WIREKIT_TSHARK_PER_FILE") === "1";
  const isAlone = (f: CaptureFile) =>
    perFile || f.maxTimestamp - f.minTimestamp > DAY_NS || EXCEPTIONS[f.name] !== undefined;
  const alone = files.filter(isAlone);
  let pending = files.filter((f) => !isAlone(f));
  const results: FileComparison[] = [];
  let runCount = 0;
  while (pending.length > 0) {
    const runs = planRuns(pending);
    runCount += runs.length;
    pending = [];
    for (const comparisons of await pool(runs, PARALLEL, compareRun)) {
      if (comparisons.every((c) => c.problems.length === 0)) {
        results.push(...comparisons);
        continue;
      }
      for (const comparison of comparisons) {
        if (comparison.problems.length > 0) alone.push(comparison.capture);
        else pending.push(comparison.capture);
      }
    }
  }
  results.push(...await pool(alone, PARALLEL, compareAlone));
  return { results, runs: runCount, alone: alone.length };
}

const haveTshark = await hasTshark();
const corpus = sharedCaptures();
if (!haveTshark) console.warn("Skipping flows conformance: tshark is not installed");
else if (corpus === undefined) {
  console.warn("Flows conformance: no shared capture corpus (../shared/captures), testdata only");
}

Deno.test({
  name: "FlowTable agrees with tshark's TCP and UDP conversations",
  ignore: !haveTshark,
  permissions: {
    read: true,
    run: ["tshark"],
    env: ["WIREKIT_TSHARK_PER_FILE", "WIREKIT_TSHARK_ONLY"],
  },
  async fn() {
    // WIREKIT_TSHARK_ONLY=REGEX compares only the corpus files whose path it matches.
    const onlyText = Deno.env.get("WIREKIT_TSHARK_ONLY");
    const only = onlyText === undefined ? undefined : new RegExp(onlyText);
    const own = await Promise.all(
      ["namespaces.pcap", "namespaces.pcapng"].map((name) =>
        readCaptureFile(`testdata/${name}`, new URL(name, testdataDir).pathname)
      ),
    );
    const results = await Promise.all(own.map(compareAlone));
    const skipped: string[] = [];
    if (corpus !== undefined) {
      const files: CaptureFile[] = [];
      for (const name of await decodedCorpusFiles(corpus)) {
        if (only !== undefined && !only.test(name)) continue;
        const capture = await readCaptureFile(name, new URL(name, corpus).pathname);
        // What wirekit's reader refuses is conformance_files_test.ts's business.
        if (capture.readError === undefined) files.push(capture);
        else skipped.push(`${name} (${capture.readError})`);
      }
      const corpusResults = await compareCorpus(files);
      results.push(...corpusResults.results);
      console.log(
        `Corpus: ${files.length} files, in ${corpusResults.runs} tshark runs of several files ` +
          `and ${corpusResults.alone} of one; not compared, as wirekit's reader stops: ` +
          (skipped.length === 0 ? "none" : skipped.join(", ")),
      );
    }
    const failures: string[] = [];
    let conversations = 0;
    for (const result of results) {
      conversations += result.conversations;
      const reason = EXCEPTIONS[result.capture.name];
      if (result.problems.length > 0) {
        console.log(
          `${result.capture.name}: ${result.problems.length} differences` +
            (reason === undefined ? "" : ` (excused: ${reason})`),
        );
        for (const problem of result.problems.slice(0, 10)) console.log(`  ${problem}`);
        if (reason === undefined) {
          failures.push(...result.problems.map((problem) => `${result.capture.name}: ${problem}`));
        }
      } else if (reason !== undefined) {
        failures.push(`${result.capture.name}: listed in EXCEPTIONS but agrees with tshark now`);
      }
    }
    const names = new Set(results.map((result) => result.capture.name));
    for (const name of Object.keys(EXCEPTIONS)) {
      if (corpus !== undefined && only === undefined && !names.has(name)) {
        failures.push(`${name}: listed in EXCEPTIONS but not compared`);
      }
    }
    const flows = results.reduce((sum, result) => sum + result.flows, 0);
    console.log(
      `Flows conformance: ${results.length} files, ${conversations} tshark conversations and ` +
        `${flows} wirekit TCP and UDP flows compared, ${failures.length} failures`,
    );
    assert.deepEqual(failures, []);
  },
});

// ---------------------------------------------------------------------------------------
// scripts/flows.ts

Deno.test({
  name: "scripts/flows.ts prints the flows of testdata/namespaces.pcap",
  permissions: { read: true, run: true },
  fn() {
    const { code, stdout, stderr } = runScript(SCRIPT, ["testdata/namespaces.pcap"]);
    assert.equal(stderr, "");
    assert.equal(code, 0);
    const lines = stdout.trimEnd().split("\n");
    assert.equal(lines[0], "testdata/namespaces.pcap: 10 flows");
    assert.match(
      lines[1]!,
      /^Proto +A +B +A→B pkts +A→B bytes +B→A pkts +B→A bytes +Start +Duration +Delivered +Gaps +Gap bytes +Retrans bytes +TCP$/,
    );
    assert.match(
      lines[2]!,
      /^tcp +10\.77\.0\.1:47282 +10\.77\.0\.2:7777 +8 +566 +6 +434 +15\.211739000 +0\.0113 +60 +0 +0 +0 +SYN SYN-ACK FIN-A FIN-B$/,
    );
    assert.ok(lines.some((line) => /^udp +fd77::1:50023 +fd77::2:9999 +1 +89 +0 +0 /.test(line)));
    assert.equal(lines.at(-1), "46 packets (3596 bytes): 40 in flows, 6 without IP (260 bytes)");
    assert.equal(lines.length, 13);
  },
});

Deno.test({
  name: "scripts/flows.ts --json -p udp -n 2 prints two UDP flows as JSON lines",
  permissions: { read: true, run: true },
  fn() {
    const { code, stdout } = runScript(SCRIPT, [
      "--json",
      "-p",
      "udp",
      "-n",
      "2",
      "testdata/namespaces.pcap",
    ]);
    assert.equal(code, 0);
    const flows = stdout.trimEnd().split("\n").map((line) => JSON.parse(line));
    assert.equal(flows.length, 2);
    assert.deepEqual(flows[0], {
      file: "testdata/namespaces.pcap",
      ipVersion: 4,
      protocol: "udp",
      protocolNumber: 17,
      addressA: "10.77.0.1",
      portA: 34436,
      addressB: "10.77.0.2",
      portB: 53,
      packetsAToB: 1,
      bytesAToB: 71,
      packetsBToA: 1,
      bytesBToA: 87,
      firstTimestamp: flows[0].firstTimestamp,
      lastTimestamp: flows[0].lastTimestamp,
      duration: flows[0].duration,
      relativeStart: flows[0].relativeStart,
    });
    assert.equal(flows[0].relativeStart.toFixed(9), "17.096981000");
    assert.equal(flows[0].duration.toFixed(4), "0.0092");
    assert.match(flows[0].firstTimestamp, /^\d+$/);
    assert.equal(flows[1].portB, 9999);
    const tcp = JSON.parse(
      runScript(SCRIPT, ["--json", "-p", "6", "testdata/namespaces.pcap"]).stdout,
    );
    assert.equal(tcp.tcpState, "SYN SYN-ACK FIN-A FIN-B");
  },
});

Deno.test({
  name: "scripts/flows.ts names the missing --allow-read, and fails on usage and unreadable files",
  permissions: { read: true, run: true },
  fn() {
    const missing = runScript(SCRIPT, ["testdata/namespaces.pcap"], false);
    assert.equal(missing.code, 2);
    assert.equal(
      missing.stderr,
      "Cannot run scripts/flows.ts: missing permission --allow-read\n" +
        "Run it as: deno run --allow-read scripts/flows.ts [--json] [-p PROTOCOL] [-n N] FILE...\n",
    );
    assert.equal(missing.stdout, "");
    assert.equal(runScript(SCRIPT, []).code, 2);
    assert.equal(runScript(SCRIPT, ["--bogus", "testdata/namespaces.pcap"]).code, 2);
    assert.equal(runScript(SCRIPT, ["-n", "x", "testdata/namespaces.pcap"]).code, 2);
    const unreadable = runScript(SCRIPT, ["testdata/no-such-file.pcap"]);
    assert.equal(unreadable.code, 1);
    assert.match(unreadable.stderr, /^Cannot read testdata\/no-such-file\.pcap: /);
  },
});

Deno.test("FlowTable starts a new TCP conversation when a SYN reuses the ports, as tshark does", async () => {
  const frame = (from: "a" | "b", sequence: number, flags: TcpFlagsSpec) => {
    const [source, destination, sourcePort, destinationPort] = from === "a"
      ? ["10.0.0.1", "10.0.0.2", 40000, 80]
      : ["10.0.0.2", "10.0.0.1", 80, 40000];
    const segment = buildTcp({ source, destination, sourcePort, destinationPort, sequence, flags });
    return ethernet(0x0800, buildIpv4({ source, destination, protocol: 6, payload: segment }));
  };
  const connection = (isn: number) => [
    frame("a", isn, { syn: true }),
    frame("b", 7000, { syn: true, ack: true }),
    frame("a", isn + 1, { ack: true }),
    frame("a", isn + 1, { fin: true, ack: true }),
    frame("b", 7001, { fin: true, ack: true }),
  ];
  // The same SYN sent again (a retransmission) stays in its conversation; a new one does not.
  const frames = [...connection(1000), frame("a", 1000, { syn: true }), ...connection(5000)];
  const parser = new PacketParser();
  const table = new FlowTable();
  frames.forEach((bytes, i) => {
    parser.parse(1, bytes);
    table.add(parser, 100 + i, 0, bytes.length);
  });
  const flows = table.result({ order: "first" }).flows;
  assert.deepEqual(flows.map((f) => [f.packetsAToB, f.packetsBToA]), [[4, 2], [3, 2]]);
  if (!(await hasTshark())) return;
  const packets = frames.map((data, i) => ({ timestamp: BigInt(100 + i) * 1_000_000_000n, data }));
  const bytes = pcapngBytes({ interfaces: [{ linkType: 1 }], packets });
  const conversations = await tsharkConversations(bytes);
  assert.deepEqual(
    conversations.map((c) => [c.packetsAToB, c.packetsBToA]).sort(),
    flows.map((f) => [f.packetsAToB, f.packetsBToA]).sort(),
  );
});
