// Tests of lib/reassembly: TCP stream reassembly (order, retransmissions, overlaps, wrap
// around, gaps, stream numbering, closes, limits), UDP streams, hostile input, and the
// captures of real downloads over a lossy link (testdata/http_lossy*.pcap), whose
// reassembled bytes must equal the files served.

import assert from "node:assert/strict";
import { buildIpv4, buildTcp, buildUdp, type TcpFlagsSpec } from "../lib/craft/mod.ts";
import { LinkType } from "../lib/link_type.ts";
import { openCapture } from "../lib/formats/open_capture.ts";
import { reassemble } from "../lib/reassembly/stream_events.ts";
import { StreamReassembler } from "../lib/reassembly/stream_reassembler.ts";
import type {
  ReassemblyOptions,
  StreamEvent,
  StreamHandler,
  StreamInfo,
} from "../lib/reassembly/stream_types.ts";
import { HTTP_BODIES, httpBody } from "../testdata/http_bodies.ts";
import { reorderedCapture } from "../testdata/reorder_segments.ts";
import { testdataDir } from "./_shared.ts";
import { udpAppPacket } from "./_udp_app.ts";

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const CLIENT = { address: "10.0.0.1", port: 40000 };
const SERVER = { address: "10.0.0.2", port: 80 };

/** An IPv4 packet with a TCP segment, from the client (`up`) or the server. */
function segment(
  up: boolean,
  sequence: number,
  flags: TcpFlagsSpec,
  payload: string | Uint8Array = "",
  acknowledgment = 0,
  ends = { client: CLIENT, server: SERVER },
): Uint8Array {
  const [from, to] = up ? [ends.client, ends.server] : [ends.server, ends.client];
  return buildIpv4({
    source: from.address,
    destination: to.address,
    protocol: 6,
    payload: buildTcp({
      source: from.address,
      destination: to.address,
      sourcePort: from.port,
      destinationPort: to.port,
      sequence: sequence >>> 0,
      acknowledgment: acknowledgment >>> 0,
      flags,
      payload: typeof payload === "string" ? encoder.encode(payload) : payload,
    }),
  });
}

/** Runs packets (raw IPv4, one second apart unless times are given) and collects events. */
function run(
  packets: readonly Uint8Array[],
  options: ReassemblyOptions = {},
  times?: readonly number[],
): StreamEvent[] {
  const events: StreamEvent[] = [];
  const handler: StreamHandler = {
    opened: (stream, time) => events.push({ type: "opened", stream, time }),
    data: (stream, direction, data, offset, time) =>
      events.push({ type: "data", stream, direction, offset, data: data.slice(), time }),
    gap: (stream, direction, offset, size, reason, time) =>
      events.push({ type: "gap", stream, direction, offset, size, reason, time }),
    closed: (stream, reason, time) => events.push({ type: "closed", stream, reason, time }),
  };
  const reassembler = new StreamReassembler(handler, options);
  packets.forEach((packet, i) => reassembler.add(LinkType.RAW, packet, times?.[i] ?? i));
  reassembler.finish();
  return events;
}

/** The text of one direction of one stream. */
function text(events: readonly StreamEvent[], direction: 0 | 1, index = 0): string {
  return events
    .filter((event) => event.type === "data" && event.stream.index === index)
    .filter((event) => event.type === "data" && event.direction === direction)
    .map((event) => event.type === "data" ? decoder.decode(event.data) : "")
    .join("");
}

function summary(events: readonly StreamEvent[]): string[] {
  return events.map((event) => {
    switch (event.type) {
      case "opened":
        return `opened ${event.stream.index}`;
      case "data":
        return `data ${event.stream.index}/${event.direction}@${event.offset} ${
          decoder.decode(event.data)
        }`;
      case "gap":
        return `gap ${event.stream.index}/${event.direction}@${event.offset} ${event.size} ${event.reason}`;
      case "closed":
        return `closed ${event.stream.index} ${event.reason}`;
    }
  });
}

Deno.test("TcpReassembler delivers a handshake, both directions and a FIN close in order", () => {
  const events = run([
    segment(true, 99, { syn: true }),
    segment(false, 499, { syn: true, ack: true }, "", 100),
    segment(true, 100, { ack: true }, "GET /", 500),
    segment(false, 500, { ack: true }, "200 OK", 105),
    segment(true, 105, { ack: true, fin: true }, "", 506),
    segment(false, 506, { ack: true, fin: true }, "", 106),
  ]);
  assert.deepEqual(summary(events), [
    "opened 0",
    "data 0/0@0 GET /",
    "data 0/1@0 200 OK",
    "closed 0 fin",
  ]);
  const opened = events[0]!;
  assert.equal(opened.stream.clientAddress, "10.0.0.1");
  assert.equal(opened.stream.serverPort, 80);
});

Deno.test("TcpReassembler reorders segments and delivers retransmitted bytes once", () => {
  const events = run([
    segment(true, 99, { syn: true }),
    segment(true, 106, { ack: true }, "world"),
    segment(true, 111, { ack: true }, "!"),
    segment(true, 100, { ack: true }, "hello "),
    segment(true, 100, { ack: true }, "hello "),
    segment(true, 103, { ack: true }, "lo wor"),
  ]);
  assert.equal(text(events, 0), "hello world!");
  assert.deepEqual(
    events.filter((event) => event.type === "data").map((event) =>
      event.type === "data" && event.offset
    ),
    [0, 6, 11],
  );
});

Deno.test("TcpReassembler keeps the first bytes of conflicting overlaps by default, the last when asked", () => {
  const packets = [
    segment(true, 99, { syn: true }),
    segment(true, 104, { ack: true }, "AAAA"),
    segment(true, 106, { ack: true }, "BBBB"),
    segment(true, 100, { ack: true }, "xxxx"),
  ];
  assert.equal(text(run(packets), 0), "xxxxAAAABB");
  assert.equal(text(run(packets, { overlap: "last" }), 0), "xxxxAABBBB");
  // Bytes delivered in order are never replaced, whatever the policy.
  const late = [
    ...packets.slice(0, 1),
    segment(true, 100, { ack: true }, "abcd"),
    segment(true, 100, { ack: true }, "ZZZZZZ"),
  ];
  assert.equal(text(run(late, { overlap: "last" }), 0), "abcdZZ");
});

Deno.test("TcpReassembler follows sequence numbers across the 2^32 wrap", () => {
  const start = 2 ** 32 - 5;
  const events = run([
    segment(true, start - 1, { syn: true }),
    segment(true, start + 5, { ack: true }, "67890"),
    segment(true, start, { ack: true }, "12345"),
    segment(true, start + 10, { ack: true }, "abc"),
  ]);
  assert.equal(text(events, 0), "1234567890abc");
  const last = events.filter((event) => event.type === "data").at(-1)!;
  assert.equal(last.type === "data" && last.offset, 10);
});

Deno.test("TcpReassembler picks a connection up mid-way and reports acknowledged holes with their size", () => {
  const events = run([
    segment(false, 1000, { ack: true }, "part one|", 50),
    segment(false, 1020, { ack: true }, "part three", 50),
    segment(true, 50, { ack: true }, "", 1030),
  ]);
  assert.deepEqual(summary(events), [
    "opened 0",
    "data 0/0@0 part one|",
    "gap 0/0@9 11 acked",
    "data 0/0@20 part three",
    "closed 0 end",
  ]);
  // The client is the source of the first packet seen, here the server side.
  assert.equal(events[0]!.stream.clientPort, 80);
});

Deno.test("TcpReassembler gives up holes at the close, and reports a snapshot-cut segment as a gap", async () => {
  const events = run([
    segment(true, 0, { syn: true }),
    segment(true, 1, { ack: true }, "abc"),
    segment(true, 10, { ack: true }, "late"),
    segment(true, 14, { ack: true, rst: true }),
  ]);
  assert.deepEqual(summary(events).slice(1), [
    "data 0/0@0 abc",
    "gap 0/0@3 6 close",
    "data 0/0@9 late",
    "closed 0 rst",
  ]);
  // A pcap record cut to 40 + 2 bytes of a 10-byte segment.
  const full = segment(true, 1, { ack: true }, "0123456789");
  const cut = [
    ...await Array.fromAsync(reassemble([
      { timestamp: 0n, linkType: LinkType.RAW, data: segment(true, 0, { syn: true }) },
      { timestamp: 1n, linkType: LinkType.RAW, data: full.subarray(0, 42) },
      { timestamp: 2n, linkType: LinkType.RAW, data: segment(true, 11, { ack: true }, "next") },
    ])),
  ];
  assert.deepEqual(summary(cut).slice(1, 4), [
    "data 0/0@0 01",
    "gap 0/0@2 8 truncated",
    "data 0/0@10 next",
  ]);
});

Deno.test("TcpReassembler numbers streams as tcp.stream: a new SYN on a used pair starts a new one", () => {
  const events = run([
    segment(true, 100, { syn: true }),
    segment(true, 101, { ack: true }, "one"),
    segment(true, 104, { ack: true, fin: true }),
    segment(false, 900, { ack: true, fin: true }, "", 105),
    segment(true, 105, { ack: true }, "", 901),
    segment(true, 100, { syn: true }), // a retransmitted SYN: the same stream
    segment(true, 5000, { syn: true }),
    segment(true, 5001, { ack: true }, "two"),
  ]);
  assert.deepEqual(summary(events), [
    "opened 0",
    "data 0/0@0 one",
    "closed 0 fin",
    "opened 1",
    "data 1/0@0 two",
    "closed 1 end",
  ]);
});

Deno.test("TcpReassembler closes idle connections in capture time", () => {
  const events = run(
    [
      segment(true, 1, { ack: true }, "a"),
      segment(true, 1, { ack: true }, "b", 0, {
        client: { address: "10.0.0.3", port: 1 },
        server: SERVER,
      }),
      segment(true, 2, { ack: true }, "c", 0, {
        client: { address: "10.0.0.3", port: 1 },
        server: SERVER,
      }),
    ],
    { idleTimeout: 60 },
    [0, 50, 100],
  );
  assert.deepEqual(summary(events), [
    "opened 0",
    "data 0/0@0 a",
    "opened 1",
    "data 1/0@0 b",
    "closed 0 idle",
    "data 1/0@1 c",
    "closed 1 end",
  ]);
  assert.equal(events[4]!.time, 100);
});

Deno.test("TcpReassembler gives up the oldest hole past the per-connection limit", () => {
  const events = run([
    segment(true, 0, { syn: true }),
    segment(true, 11, { ack: true }, "x".repeat(60)),
    segment(true, 81, { ack: true }, "y".repeat(60)),
  ], { maxBufferedPerConnection: 100 });
  assert.deepEqual(summary(events).slice(1, 3), [
    `gap 0/0@0 10 limit`,
    `data 0/0@10 ${"x".repeat(60)}`,
  ]);
});

Deno.test("UdpStreams numbers address and port pairs as udp.stream and keeps datagrams whole", () => {
  const datagram = (sourcePort: number, destinationPort: number, up: boolean, payload: string) => {
    const [source, destination] = up ? ["10.0.0.1", "10.0.0.2"] : ["10.0.0.2", "10.0.0.1"];
    return buildIpv4({
      source,
      destination,
      protocol: 17,
      payload: buildUdp({
        source,
        destination,
        sourcePort,
        destinationPort,
        payload: encoder.encode(payload),
      }),
    });
  };
  const events = run([
    datagram(5000, 53, true, "query"),
    datagram(5001, 53, true, "other"),
    datagram(53, 5000, false, "answer"),
  ]);
  assert.deepEqual(summary(events), [
    "opened 0",
    "data 0/0@0 query",
    "opened 1",
    "data 1/0@0 other",
    "data 0/1@0 answer",
    "closed 0 end",
    "closed 1 end",
  ]);
});

Deno.test("StreamReassembler leaves out the TCP and UDP ports it is told to ignore", () => {
  const datagram = (sourcePort: number, destinationPort: number, payload: string) =>
    udpAppPacket(encoder.encode(payload), { sourcePort, destinationPort });
  const dnsEnds = { client: CLIENT, server: { address: SERVER.address, port: 53 } };
  const packets = [
    datagram(5000, 53, "query"),
    segment(true, 1, { syn: true }, "", 0, dnsEnds),
    datagram(5001, 123, "time"),
    datagram(5353, 5353, "mdns"),
    segment(true, 1, { syn: true }),
    segment(true, 2, { ack: true }, "GET", 1),
  ];
  assert.deepEqual(summary(run(packets, { ignorePorts: [53, 5353] })), [
    "opened 0",
    "data 0/0@0 time",
    "opened 0",
    "data 0/0@0 GET",
    "closed 0 end",
    "closed 0 end",
  ]);
  // Without the option, the same packets make two more UDP streams and one more TCP stream.
  const all = run(packets).filter((event) => event.type === "opened");
  assert.equal(all.length, 5);
  assert.throws(
    () => new StreamReassembler({ data: () => {} }, { ignorePorts: [70000] }),
    new RangeError("Cannot ignore port 70000: expected an integer from 0 to 65535"),
  );
});

/** Runs tests/_reassembly_memory.ts and returns what it measured. */
async function measureHalfOpen(
  connections: number,
  maxConnections: number,
  maxBufferedTotal: number,
) {
  const output = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--v8-flags=--expose-gc",
      new URL("_reassembly_memory.ts", import.meta.url).pathname,
      `${connections}`,
      `${maxConnections}`,
      `${maxBufferedTotal}`,
    ],
    stderr: "inherit",
  }).output();
  assert.ok(output.success);
  return JSON.parse(decoder.decode(output.stdout)) as {
    maxBuffered: number;
    maxTracked: number;
    tracked: number;
    closed: number;
    retained: number;
  };
}

Deno.test({
  name: "StreamReassembler keeps memory under its limits with endless half-open connections",
  permissions: { read: true, run: true },
  async fn() {
    const limited = await measureHalfOpen(60_000, 5_000, 1 << 20);
    assert.ok(limited.maxBuffered <= 1 << 20, `buffered ${limited.maxBuffered}`);
    assert.equal(limited.maxTracked, 5_000);
    assert.equal(limited.closed, 55_000);
    // Without limits that bite, the same input keeps every connection and its bytes.
    const unlimited = await measureHalfOpen(60_000, 1_000_000, 1 << 30);
    assert.equal(unlimited.maxBuffered, 60_000 * 1000);
    assert.ok(unlimited.retained > 60_000 * 1000, `retained ${unlimited.retained}`);
    assert.equal(unlimited.tracked, 60_000);
    // Limited: 5000 connections and 1 MiB of bytes (about 6.4 MiB), under 16 MiB.
    assert.ok(limited.retained < 16 * 1024 * 1024, `retained ${limited.retained}`);
  },
});

Deno.test("StreamReassembler never throws on random or cut packets", () => {
  let state = 12345;
  const random = () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state;
  };
  const reassembler = new StreamReassembler({});
  const base = segment(true, 1, { ack: true, syn: true }, "some payload bytes");
  for (let i = 0; i < 20_000; i++) {
    const packet = base.slice(0, random() % (base.length + 1));
    for (let j = random() % 6; j > 0; j--) {
      packet[random() % Math.max(1, packet.length)] = random() & 255;
    }
    reassembler.add(LinkType.RAW, packet, i);
    const noise = new Uint8Array(random() % 80).map(() => random() & 255);
    reassembler.add(random() % 2 === 0 ? LinkType.RAW : LinkType.EN10MB, noise, i);
  }
  reassembler.finish();
});

/** The bodies of the HTTP responses in a capture, by stream, and whether any gap showed. */
async function httpBodies(file: string): Promise<{ bodies: Uint8Array[]; gaps: number }> {
  await using reader = await openCapture(new URL(file, testdataDir));
  const responses = new Map<number, Uint8Array[]>();
  let gaps = 0;
  for await (const event of reassemble(reader)) {
    if (event.type === "gap") gaps++;
    if (event.type !== "data" || event.direction !== 1) continue;
    const parts = responses.get(event.stream.index) ?? [];
    parts.push(event.data);
    responses.set(event.stream.index, parts);
  }
  const bodies = [...responses.values()].map((parts) => {
    const whole = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
    let at = 0;
    for (const part of parts) {
      whole.set(part, at);
      at += part.length;
    }
    const end = decoder.decode(whole.subarray(0, 1024)).indexOf("\r\n\r\n");
    return whole.subarray(end + 4);
  });
  return { bodies, gaps };
}

async function sha256(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", bytes.slice());
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

for (const file of ["http_lossy.pcap", "http_lossy_reordered.pcap"]) {
  Deno.test({
    name: `reassemble() rebuilds the files served in testdata/${file} (sha256)`,
    permissions: { read: [testdataDir] },
    async fn() {
      const { bodies, gaps } = await httpBodies(file);
      assert.equal(gaps, 0);
      const served = await Promise.all(
        HTTP_BODIES.map(({ size, seed }) => sha256(httpBody(size, seed))),
      );
      assert.deepEqual(await Promise.all(bodies.map(sha256)), served);
    },
  });
}

Deno.test({
  name: "testdata/http_lossy_reordered.pcap is what reorder_segments.ts writes",
  permissions: { read: [testdataDir] },
  async fn() {
    const file = Deno.readFileSync(new URL("http_lossy_reordered.pcap", testdataDir));
    assert.deepEqual(await reorderedCapture(), file);
  },
});

Deno.test({
  name: "StreamReassembler gives dataRange() the bytes and offsets it gives data()",
  permissions: { read: [testdataDir] },
  async fn() {
    // Reordered and lost TCP segments (drained from the out-of-order buffer) and UDP.
    for (const file of ["http_lossy_reordered.pcap", "deno_quic.pcap"]) {
      const byView: string[] = [];
      const byRange: string[] = [];
      const line = (stream: StreamInfo, direction: number, bytes: Uint8Array, offset: number) =>
        `${stream.protocol} ${stream.index}/${direction}@${offset} ${bytes.join(",")}`;
      const views = new StreamReassembler({
        data: (stream, direction, data, offset) =>
          byView.push(line(stream, direction, data, offset)),
      });
      const ranges = new StreamReassembler({
        dataRange: (stream, direction, bytes, start, end, offset) =>
          byRange.push(line(stream, direction, bytes.subarray(start, end), offset)),
      });
      await using reader = await openCapture(new URL(file, testdataDir));
      for await (const packet of reader) {
        const time = Number(packet.timestamp) / 1e9;
        views.add(packet.linkType, packet.data, time);
        ranges.add(packet.linkType, packet.data, time);
      }
      assert.ok(byView.length > 10, file);
      assert.deepEqual(byRange, byView, file);
    }
  },
});
