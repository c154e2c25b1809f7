// Tests of lib/stats/flows.ts (FlowTable) and scripts/flows.ts; their conformance with
// tshark's conversation statistics is in flows_tshark_test.ts.

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
import { runScript } from "./_shared.ts";

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

Deno.test("formatFlowTable() formats 200,000 flows", () => {
  const flows: Flow[] = Array.from({ length: 200_000 }, (_, i) => ({
    ipVersion: 4,
    protocol: "udp",
    protocolNumber: 17,
    addressA: "10.0.0.1",
    portA: 1024 + (i % 60_000),
    addressB: "10.0.0.2",
    portB: 53,
    packetsAToB: 1,
    bytesAToB: 60,
    packetsBToA: 0,
    bytesBToA: 0,
    firstTimestamp: 0n,
    lastTimestamp: 0n,
    duration: 0,
  }));
  const lines = formatFlowTable(flows).split("\n");
  assert.equal(lines.length, 200_001);
  assert.equal(lines[1], lines[1 + 60_000]);
});

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
