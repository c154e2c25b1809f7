import assert from "node:assert/strict";
import { printFrame } from "./_print_layer.ts";
import { decode } from "../lib/decode.ts";
import { LinkType } from "../lib/link_type.ts";
import { decodeOpenFlow, OpenFlow, openFlowDecoder } from "../lib/app/openflow.ts";
import { buildEthernet, buildIpv4, buildTcp, buildUdp } from "../lib/craft/mod.ts";

/** An OpenFlow message: `version`, `type`, the length (the body's by default), xid 1. */
function message(type: number, body: number[] = [], version = 4, length?: number): number[] {
  const size = length ?? 8 + body.length;
  return [version, type, size >> 8, size & 0xff, 0, 0, 0, 1, ...body];
}

/** The big-endian bytes of a 32-bit number. */
function u32(n: number): number[] {
  return [n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
}

/** An Ethernet frame with the messages in one TCP segment to port `port`. */
function frame(payload: number[], port = 6653): Uint8Array {
  const tcp = buildTcp({
    source: "10.0.0.1",
    destination: "10.0.0.2",
    sourcePort: 40000,
    destinationPort: port,
    payload: new Uint8Array(payload),
  });
  return buildEthernet({
    source: "02:00:00:00:00:01",
    destination: "02:00:00:00:00:02",
    etherType: 0x0800,
    payload: buildIpv4({ source: "10.0.0.1", destination: "10.0.0.2", protocol: 6, payload: tcp }),
  });
}

const FEATURES_REPLY = message(6, [
  ...[0, 0, 0x26, 0xa2, 0xb4, 0x6f, 0xd9, 0xba],
  ...u32(256),
  64,
  0,
  0,
  0,
  ...u32(0x4f),
  ...u32(0),
]);
const PORT_STATUS = message(12, [
  2,
  ...new Array(7).fill(0),
  ...u32(2),
  0,
  0,
  0,
  0,
  ...[0xca, 2, 0x9f, 0xaf, 0xe9, 0x1c, 0, 0],
  ...[...new TextEncoder().encode("veth0"), ...new Array(11).fill(0)],
  ...u32(0x41),
  ...u32(4),
  ...new Array(24).fill(0),
]);
/** An OpenFlow 1.0 FLOW_MOD: the match sets in_port 3 only; OUTPUT to port 2, then STRIP_VLAN. */
const FLOW_MOD_1_0 = message(14, [
  ...u32(0x3ffffe),
  0,
  3,
  ...new Array(34).fill(0),
  ...[0, 0, 0, 0, 0, 0, 0, 0x12],
  ...[0, 0, 0, 5, 0, 0, 0x80, 0],
  ...u32(0xffffffff),
  ...[0xff, 0xff, 0, 1],
  ...[0, 0, 0, 8, 0, 2, 0, 0],
  ...[0, 3, 0, 8, 0, 0, 0, 0],
], 1);
const HELLO = message(0, [0, 1, 0, 8, ...u32(0x15), 0, 9, 0, 6, 1, 2]);
/** The big-endian bytes of a 16-bit number. */
const u16 = (n: number) => [n >> 8, n & 0xff];
/** A 1.0 flow statistics record: a wildcard match, counters, then `actions`. */
function flowStats(actions: number[], length = 88 + actions.length): number[] {
  return [
    ...u16(length),
    1,
    0,
    ...u32(0x3fffff),
    ...new Array(36).fill(0),
    ...u32(30),
    ...u32(5000),
    ...u16(0x8000),
    ...u16(60),
    ...u16(0),
    ...new Array(6).fill(0),
    ...u32(0),
    ...u32(0xabc),
    ...u32(0),
    ...u32(12),
    ...u32(0),
    ...u32(3400),
    ...actions,
  ];
}
/** A 1.0 STATS_REPLY of flows: one with an OUTPUT action, then a record whose length is 8. */
const FLOW_STATS = message(17, [
  0,
  1,
  0,
  1,
  ...flowStats([0, 0, 0, 8, 0, 2, 0, 0]),
  ...flowStats([], 8),
], 1);
/** A 1.0 QUEUE_GET_CONFIG_REPLY: port 1, a queue with a MIN_RATE of 50.0%, a queue too long. */
const QUEUE_CONFIG = message(21, [
  0,
  1,
  ...new Array(6).fill(0),
  ...u32(7),
  ...u16(24),
  0,
  0,
  ...[0, 1, 0, 16, 0, 0, 0, 0, ...u16(500), 0, 0, 0, 0, 0, 0],
  ...u32(8),
  ...u16(90),
  0,
  0,
], 1);

Deno.test("decodeOpenFlow() walks a segment's messages and reads a body's fields", () => {
  const of = decodeOpenFlow(new Uint8Array([...message(2, [1, 2, 3]), ...FEATURES_REPLY]));
  assert.ok(of instanceof OpenFlow);
  assert.deepEqual(
    of.messages.map((m) => [m.offset, m.version, m.type, m.length, m.xid, m.lengthValid]),
    [[0, 4, 2, 11, 1, true], [11, 4, 6, 32, 1, true]],
  );
  const [echo, features] = of.messages;
  assert.equal(of.dataAt(echo!), 8);
  assert.deepEqual(of.fields(echo!), []);
  assert.deepEqual(of.fields(features!).map((f) => [f.name, f.value]), [
    ["dpid", 0x26a2b46fd9ban],
    ["n_buffers", 256],
    ["n_tables", 64],
    ["auxiliary_id", 0],
    ["capabilities", 0x4f],
    ["pad", 0],
  ]);
  assert.deepEqual(of.toJSON(), {
    messages: [
      { version: 4, type: 2, length: 11, xid: 1 },
      { version: 4, type: 6, length: 32, xid: 1 },
    ],
  });
  assert.equal(openFlowDecoder.create().kind, "openflow");
  for (const port of [6633, 6653]) {
    assert.deepEqual(decode(LinkType.EN10MB, frame(HELLO, port)).layers.map((l) => l.kind), [
      "ethernet",
      "ipv4",
      "tcp",
      "openflow",
    ]);
  }
});

Deno.test("OpenFlow.messages stops at a short length, a message past the segment, or a cut header", () => {
  const walk = (bytes: number[]) =>
    decodeOpenFlow(new Uint8Array(bytes)).messages.map((m) => [m.headerLength, m.length, m.xid]);
  // A length under 8 ends the walk; so does a message longer than the rest of the segment.
  assert.deepEqual(walk([...message(2, [], 4, 4), ...message(3)]), [[8, 4, 1]]);
  assert.deepEqual(walk([...message(2, [0, 0], 4, 40), ...message(3)]), [[8, 40, 1]]);
  // The payload ends inside the second header.
  assert.deepEqual(walk([...message(3), 4, 2, 0]), [[8, 8, 1], [3, undefined, undefined]]);
  // Lengths the type does not allow.
  const invalid = decodeOpenFlow(new Uint8Array(message(6, new Array(20).fill(0))));
  assert.equal(invalid.messages[0]!.lengthValid, false);
  assert.equal(decodeOpenFlow(new Uint8Array(message(99))).messages[0]!.lengthValid, true);
});

Deno.test("OpenFlow.helloElements() walks a HELLO's elements as tcpdump does", () => {
  const of = decodeOpenFlow(new Uint8Array(HELLO));
  assert.deepEqual(
    of.helloElements(of.messages[0]!).map((e) => [e.type, e.length, e.invalid, e.bitmap]),
    [[1, 8, false, 0x15], [9, 6, false, undefined]],
  );
  const bad = decodeOpenFlow(new Uint8Array(message(0, [0, 1, 0, 3, 0, 0])));
  assert.deepEqual(bad.helloElements(bad.messages[0]!).map((e) => e.invalid), [true]);
});

Deno.test("OpenFlow.actions() walks a 1.0 FLOW_MOD's actions and reads their fields", () => {
  const of = decodeOpenFlow(new Uint8Array(FLOW_MOD_1_0));
  const [flowMod] = of.messages;
  const fields = new Map(of.fields(flowMod!).map((f) => [f.name, f.value]));
  assert.deepEqual(
    [fields.get("wildcards"), fields.get("in_port"), fields.get("cookie"), fields.get("command")],
    [0x3ffffe, 3, 0x12n, 0],
  );
  const actions = of.actions(flowMod!);
  assert.deepEqual(actions.map((a) => [a.type, a.length, a.left]), [[0, 8, 16], [3, 8, 8]]);
  const output = of.actionFields(actions[0]!)!;
  assert.equal(output.lengthValid, true);
  assert.deepEqual(output.fields.map((f) => [f.name, f.value]), [["port", 2], ["max_len", 0]]);
  assert.equal(of.actionFields({ offset: 0, left: 8, type: 99, length: 8 }), undefined);
  // A PACKET_OUT's actions are its actions_len bytes after 8; its frame follows.
  const packetOut = message(13, [
    ...u32(0xffffffff),
    0xff,
    0xfd,
    0,
    8,
    0,
    0,
    0,
    8,
    0,
    1,
    0,
    0,
    1,
    2,
  ], 1);
  const out = decodeOpenFlow(new Uint8Array(packetOut));
  assert.deepEqual(out.actions(out.messages[0]!).map((a) => [a.offset, a.type, a.left]), [[
    16,
    0,
    8,
  ]]);
  assert.match(
    printFrame(LinkType.EN10MB, frame(packetOut), { verbose: 1 }),
    /buffer_id 0xffffffff, in_port CONTROLLER\n\t action type OUTPUT, len 8, port 1\n\t data \(2 octets\)$/,
  );
});

Deno.test("OpenFlow.stats() walks a 1.0 STATS body's records and reads their fields", () => {
  const of = decodeOpenFlow(new Uint8Array(FLOW_STATS));
  const [reply] = of.messages;
  assert.deepEqual(of.fields(reply!).map((f) => [f.name, f.value]), [["type", 1], ["flags", 1]]);
  const records = of.stats(reply!);
  assert.deepEqual(records.map((r) => [r.offset, r.left, r.length, r.invalid]), [
    [12, 184, 96, false],
    [108, 88, 8, true],
  ]);
  const fields = new Map(records[0]!.fields.map((f) => [f.name, f.value]));
  assert.deepEqual(
    ["length", "table_id", "wildcards", "duration_sec", "priority", "cookie", "byte_count"].map(
      (name) => fields.get(name),
    ),
    [96, 1, 0x3fffff, 30, 0x8000, 0xabcn, 3400n],
  );
  assert.deepEqual(of.flowActions(records[0]!).map((a) => [a.offset, a.type, a.length]), [
    [100, 0, 8],
  ]);
  // Fixed-size records: a table reply's 64 bytes each, the rest under 64 invalid.
  const table = [0, 3, 0, 0, 0xfe, 0, 0, 0, ...new Array(60).fill(0), 1, 2];
  const tables = decodeOpenFlow(new Uint8Array(message(17, table, 1)));
  assert.deepEqual(tables.stats(tables.messages[0]!).map((r) => [r.left, r.length, r.invalid]), [
    [66, 64, false],
    [2, undefined, true],
  ]);
  // A request: one record of exactly the type's length; an unknown type has none.
  const port = decodeOpenFlow(new Uint8Array(message(16, [0, 4, 0, 0, 0, 3, 0, 0, 0, 0], 1)));
  const [request] = port.stats(port.messages[0]!);
  assert.deepEqual([request!.invalid, request!.fields[0]!.value], [true, 3]);
  const unknown = decodeOpenFlow(new Uint8Array(message(16, [0, 9, 0, 0], 1)));
  assert.deepEqual(unknown.stats(unknown.messages[0]!), []);
});

Deno.test("OpenFlow.queues() walks a QUEUE_GET_CONFIG_REPLY's queues and their properties", () => {
  const of = decodeOpenFlow(new Uint8Array(QUEUE_CONFIG));
  const queues = of.queues(of.messages[0]!);
  assert.deepEqual(queues.map((q) => [q.offset, q.length, q.invalid, q.fields[0]!.value]), [
    [16, 24, false, 7],
    [40, 90, true, 8],
  ]);
  const [minRate] = of.queueProperties(queues[0]!);
  assert.deepEqual(minRate!.fields.map((f) => [f.name, f.value]), [
    ["property", 1],
    ["len", 16],
    ["pad", 0],
    ["rate", 500],
    ["pad", 0],
  ]);
  assert.match(
    printFrame(LinkType.EN10MB, frame(QUEUE_CONFIG), { verbose: 2 }),
    /\n\t port 1\n\t {2}queue_id 7, len 24\n\t {3}property MIN_RATE, len 16, rate 50.0%\n\t {2}queue_id 8, len 90 \(invalid\)$/,
  );
});

/** A Big Switch Networks SET_IP_MASK: index 1, mask 255.0.14.0. */
const BSN_SET_IP_MASK = message(4, [...u32(0x5c16c7), ...u32(0), 1, 0, 0, 0, 255, 0, 14, 0], 1);

Deno.test("OpenFlow.bsn() reads Big Switch Networks' messages and actions by subtype", () => {
  const of = decodeOpenFlow(new Uint8Array(BSN_SET_IP_MASK));
  assert.deepEqual(of.fields(of.messages[0]!).map((f) => [f.name, f.value]), [
    ["vendor", 0x5c16c7],
  ]);
  const { subtype, record } = of.bsn(12, 12, false);
  assert.equal(subtype, 0);
  assert.deepEqual(record!.fields.map((f) => [f.name, f.offset, f.value]), [
    ["index", 16, 1],
    ["mask", 20, 0],
  ]);
  // The same bytes as an action: subtype 0 is not one tcpdump decodes; under 4 bytes, none.
  assert.deepEqual(of.bsn(12, 12, true), { subtype: 0, record: undefined });
  assert.deepEqual(of.bsn(12, 3, false), { subtype: undefined, record: undefined });
  assert.equal(of.bsn(12, 10, false).record!.invalid, true);
  assert.match(
    printFrame(LinkType.EN10MB, frame(BSN_SET_IP_MASK), { verbose: 1 }),
    /vendor 0x005c16c7 \(Big Switch Networks\)\n\t subtype SET_IP_MASK, index 1, mask 255\.0\.14\.0$/,
  );
  const mirror = [
    0xff,
    0xff,
    0,
    24,
    ...u32(0x5c16c7),
    ...u32(1),
    ...u32(3),
    ...u32(0x8100a00a),
    1,
    0,
    0,
    0,
  ];
  const flowMod = [...FLOW_MOD_1_0.slice(0, 72), ...mirror];
  flowMod[3] = flowMod.length;
  assert.match(
    printFrame(LinkType.EN10MB, frame(flowMod), { verbose: 1 }),
    /\n\t action type VENDOR, len 24, vendor 0x005c16c7 \(Big Switch Networks\)\n\t {2}subtype MIRROR, dest_port 3, vlan_tag 802\.1Q \(vlan 10, p 5\), copy_stage EGRESS$/,
  );
});

Deno.test("printOpenFlow() decodes a 1.0 PACKET_IN's frame from -vvv, three -v lower", () => {
  const udp = buildUdp({
    source: "10.9.0.1",
    destination: "10.9.0.2",
    sourcePort: 5000,
    destinationPort: 7,
    payload: new Uint8Array([1, 2]),
  });
  const inner = buildEthernet({
    source: "02:00:00:00:00:08",
    destination: "02:00:00:00:00:09",
    etherType: 0x0800,
    payload: buildIpv4({ source: "10.9.0.1", destination: "10.9.0.2", protocol: 17, payload: udp }),
  });
  const packetIn = message(10, [...u32(5), 0, inner.length, 0, 3, 0, 0, ...inner], 1);
  const print = (verbose: number) =>
    printFrame(LinkType.EN10MB, frame([...packetIn, ...message(3, [], 1)]), { verbose })
      .replace(/^.*?reason NO_MATCH/s, "");
  assert.equal(
    print(2),
    `\n\t data (${inner.length} octets)\n\tversion 1.0, type ECHO_REPLY, length 8, xid 0x00000001`,
  );
  assert.equal(
    print(3),
    `\n\t data (${inner.length} octets), frame decoding below\n` +
      "IP 10.9.0.1.5000 > 10.9.0.2.7: UDP, length 2" +
      "\n\tversion 1.0, type ECHO_REPLY, length 8, xid 0x00000001",
  );
  assert.match(print(4), /frame decoding below\nIP \(tos 0x0, ttl 64, id 0, offset 0, flags/);
});

Deno.test("OpenFlow.ports() lists a 1.0 FEATURES_REPLY's ports and the bytes after them", () => {
  const port = [0, 7, 2, 0, 0, 0, 0, 1, ...new Array(40).fill(0)];
  const body = [...new Array(8).fill(1), ...u32(256), 6, 0, 0, 0, ...u32(0x97), ...u32(1)];
  const of = decodeOpenFlow(new Uint8Array(message(6, [...body, ...port, ...port, 9, 9], 1)));
  const [features] = of.messages;
  assert.deepEqual(of.ports(features!), { offsets: [32, 80], rest: 2 });
  assert.deepEqual(of.phyPort(32).slice(0, 2).map((f) => [f.name, f.value, f.offset]), [
    ["port_no", 7, 32],
    ["hw_addr", 0, 34],
  ]);
  const print = printFrame(LinkType.EN10MB, frame([...message(6, [...body, ...port], 1)]), {
    verbose: 1,
  });
  assert.match(
    print,
    /capabilities 0x00000097 \(FLOW_STATS, TABLE_STATS, PORT_STATS, RESERVED, ARP_MATCH_IP\) \(bogus\)\n\t actions 0x00000001 \(OUTPUT\)\n\t {2}port_no 7, hw_addr 02:00:00:00:00:01, name ''$/,
  );
});

Deno.test("printOpenFlow() prints each message as tcpdump does", () => {
  const print = (payload: number[], verbose = 0) =>
    printFrame(LinkType.EN10MB, frame(payload), { verbose }).replace(/^.*?(?=: OpenFlow)/s, "");
  assert.equal(
    print([...message(2), ...message(99, [], 1), ...message(0, [], 7)]),
    ": OpenFlow\n\tversion 1.3, type ECHO_REQUEST, length 8, xid 0x00000001" +
      "\n\tversion 1.0, type unknown (0x63), length 8, xid 0x00000001" +
      "\n\tversion unknown (0x07), type unknown (0x00), length 8, xid 0x00000001",
  );
  assert.equal(
    print(FEATURES_REPLY, 1),
    ": OpenFlow\n\tversion 1.3, type FEATURES_REPLY, length 32, xid 0x00000001" +
      "\n\t dpid 0x000026a2b46fd9ba, n_buffers 256, n_tables 64, auxiliary_id 0" +
      "\n\t capabilities 0x0000004f (FLOW_STATS, TABLE_STATS, PORT_STATS, GROUP_STATS, QUEUE_STATS)",
  );
  assert.equal(
    print(PORT_STATUS, 1),
    ": OpenFlow\n\tversion 1.3, type PORT_STATUS, length 80, xid 0x00000001" +
      "\n\t reason MODIFY\n\t  port_no 2, hw_addr ca:02:9f:af:e9:1c, name 'veth0'",
  );
  assert.match(print(PORT_STATUS, 2), /\n\t {3}config 0x00000041 \(PORT_DOWN, NO_PACKET_IN\)\n/);
  assert.equal(
    print(HELLO, 1),
    ": OpenFlow\n\tversion 1.3, type HELLO, length 22, xid 0x00000001" +
      "\n\t type VERSIONBITMAP, length 8, bitmap 0x00000015 (1.0, 1.2, 1.4)" +
      "\n\t type unknown (0x0009), length 6",
  );
  assert.equal(
    print([...message(3), 4, 2, 0]),
    ": OpenFlow\n\tversion 1.3, type ECHO_REPLY, length 8, xid 0x00000001" +
      "\n\tversion 1.3, type ECHO_REQUEST (end of TCP payload)",
  );
  assert.equal(
    print(FLOW_MOD_1_0, 1),
    ": OpenFlow\n\tversion 1.0, type FLOW_MOD, length 88, xid 0x00000001" +
      "\n\t match in_port 3" +
      "\n\t cookie 0x0000000000000012, command ADD, idle_timeout 5, priority 32768, " +
      "buffer_id NONE, flags 0x0001 (SEND_FLOW_REM)" +
      "\n\t action type OUTPUT, len 8, port 2\n\t action type STRIP_VLAN, len 8",
  );
  assert.equal(
    print(FLOW_STATS, 1),
    ": OpenFlow\n\tversion 1.0, type STATS_REPLY, length 196, xid 0x00000001" +
      "\n\t type FLOW, flags 0x0001 (MORE)\n\t length 96, table_id 1" +
      "\n\t  duration_sec 30, duration_nsec 5000, priority 32768, idle_timeout 60, " +
      "hard_timeout 0, cookie 0x0000000000000abc, packet_count 12, byte_count 3400" +
      "\n\t  action type OUTPUT, len 8, port 2\n\t length 8 (invalid)",
  );
  assert.match(
    print(message(17, [0, 4, 0, 2, 0, 3, ...new Array(102).fill(0)], 1), 1),
    /type PORT, flags 0x0002 \(bogus\)\n\t {2}port_no 3$/,
  );
  assert.match(
    print(message(14, [], 4, 100)),
    /type FLOW_MOD, length 100, xid 0x00000001 \[\|openflow\]$/,
  );
  assert.match(print(message(6, [0, 0])), /length 10, xid 0x00000001 \(invalid\)$/);
  assert.match(print(message(2, [], 4, 2)), /length 2 \(too short!\), xid 0x00000001 \(invalid\)$/);
});

Deno.test("decode() and printOpenFlow() never throw on mutated OpenFlow messages", () => {
  let seed = 0x6653;
  const random = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed >>> 24;
  };
  const bodies = [
    FEATURES_REPLY,
    PORT_STATUS,
    HELLO,
    FLOW_MOD_1_0,
    FLOW_STATS,
    QUEUE_CONFIG,
    BSN_SET_IP_MASK,
    message(10, [0, 0, 0, 1, 0, 60, 0, 1, 0, 0, ...frame(HELLO).slice(0, 60)], 1),
    [
      ...message(1, [0, 1, 0, 6, 1, 2]),
      ...message(2),
    ],
  ];
  let printed = 0;
  for (let i = 0; i < 4800; i++) {
    const body = bodies[i % bodies.length]!.slice(0, 1 + random() / 2);
    for (let n = random() % 6; n >= 0; n--) body[random() % body.length] = random();
    if (i % 3 === 0) body[1] = random() % 32; // any message type
    if (i % 7 === 0 && body.length > 9) body[9] = random() % 6; // any 1.0 statistics type
    if (i % 7 === 1 && body.length > 15) body[15] = random() % 40; // any BSN subtype
    if (i % 5 === 0) body[0] = random() % 8; // any version
    const bytes = frame(body);
    for (const verbose of [0, 1, 2, 3]) {
      const text = printFrame(LinkType.EN10MB, bytes, { verbose, hex: i % 3 === 0 ? 1 : 0 });
      assert.doesNotMatch(text, /undefined|NaN|\[object/);
      printed++;
    }
    JSON.stringify(decode(LinkType.EN10MB, bytes));
  }
  assert.equal(printed, 19200);
});
