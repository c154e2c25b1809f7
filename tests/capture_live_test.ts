// Live capture on the loopback interface (root and libpcap needed; skipped otherwise): UDP,
// TCP and ICMP sent by the test to 127.0.0.1 or ::1 are captured in order with the right
// fields; filters; prompt stops; no fd leak; dumps read back identically.

import assert from "node:assert/strict";
import dgram from "node:dgram";
import { decode } from "../lib/decode.ts";
import { openCapture } from "../lib/formats/open_capture.ts";
import type { CaptureRecord } from "../lib/formats/capture_reader.ts";
import { LinkType } from "../lib/link_type.ts";
import {
  capture,
  type CaptureOptions,
  dumpCapture,
  type LiveCapture,
  sniff,
} from "../lib/capture/mod.ts";
import { liveCaptureSkipReason, reportSkip, run } from "./_netns.ts";

const ignore = reportSkip("capture_live_test.ts", await liveCaptureSkipReason());
const decoder = new TextDecoder();

/** A UDP socket bound to a free port on `address`, to receive what the test sends. */
async function udpSocket(type: "udp4" | "udp6", address: string): Promise<dgram.Socket> {
  const socket = dgram.createSocket(type);
  await new Promise<void>((resolve) => socket.bind(0, address, () => resolve()));
  return socket;
}

function send(socket: dgram.Socket, text: string, port: number, address: string): Promise<void> {
  return new Promise((resolve, reject) =>
    socket.send(text, port, address, (error) => (error ? reject(error) : resolve()))
  );
}

/** Opens a capture, runs `traffic`, then collects what was captured until the capture stops. */
async function captureWhile(
  options: CaptureOptions,
  traffic: (live: LiveCapture) => Promise<void>,
): Promise<{ records: CaptureRecord[]; live: LiveCapture }> {
  const live = capture({ iface: "lo", immediate: true, timeout: 3000, ...options });
  const records: CaptureRecord[] = [];
  const reading = (async () => {
    for await (const record of live) records.push(record);
  })();
  try {
    await traffic(live);
  } catch (error) {
    await live.close();
    throw error;
  }
  await reading;
  return { records, live };
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

Deno.test({
  name: "capture() captures UDP datagrams sent to 127.0.0.1, in order, with their fields",
  ignore,
  async fn() {
    const receiver = await udpSocket("udp4", "127.0.0.1");
    const sender = await udpSocket("udp4", "127.0.0.1");
    const port = receiver.address().port;
    const senderPort = sender.address().port;
    const before = BigInt(Date.now()) * 1_000_000n;
    const words = ["one", "two", "three"];
    const { records, live } = await captureWhile(
      { filter: `udp port ${port}`, count: 3 },
      async () => {
        for (const word of words) await send(sender, word, port, "127.0.0.1");
      },
    );
    const after = BigInt(Date.now() + 1) * 1_000_000n;
    receiver.close();
    sender.close();
    assert.equal(live.stopReason, "count");
    assert.equal(live.precision, "nano");
    assert.equal(records.length, 3);
    let last = 0n;
    for (const [i, record] of records.entries()) {
      assert.equal(record.linkType, LinkType.EN10MB);
      assert.equal(record.interfaceId, 0);
      assert.equal(record.capturedLength, record.data.length);
      assert.equal(record.originalLength, 14 + 20 + 8 + words[i]!.length);
      assert.ok(record.timestamp >= before && record.timestamp <= after, `${record.timestamp}`);
      assert.ok(record.timestamp >= last);
      last = record.timestamp;
      const packet = decode(record.linkType, record.data);
      assert.equal(packet.error, undefined);
      const ip = packet.layer("ipv4")!;
      assert.equal(ip.source, "127.0.0.1");
      assert.equal(ip.destination, "127.0.0.1");
      const udp = packet.layer("udp")!;
      assert.equal(udp.sourcePort, senderPort);
      assert.equal(udp.destinationPort, port);
      assert.equal(decoder.decode(udp.payload), words[i]);
    }
  },
});

Deno.test({
  name: "capture() captures a TCP connection to 127.0.0.1: handshake, data, teardown",
  ignore,
  async fn() {
    const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    const port = listener.addr.port;
    let clientPort = 0;
    const { records } = await captureWhile({ filter: `tcp port ${port}` }, async (live) => {
      const accepting = listener.accept();
      const client = await Deno.connect({ hostname: "127.0.0.1", port });
      clientPort = (client.localAddr as Deno.NetAddr).port;
      const server = await accepting;
      await client.write(new TextEncoder().encode("ping"));
      const buffer = new Uint8Array(16);
      assert.equal(await server.read(buffer), 4);
      await server.write(new TextEncoder().encode("pong"));
      assert.equal(await client.read(buffer), 4);
      client.close();
      assert.equal(await server.read(buffer), null);
      server.close();
      await wait(50);
      live.stop();
    });
    listener.close();
    const tcp = records.map((record) => decode(record.linkType, record.data).layer("tcp")!);
    const fromClient = tcp.map((t) => t.sourcePort === clientPort);
    assert.ok(tcp.every((t) => t.sourcePort === port || t.destinationPort === port));
    // The handshake first: SYN, SYN-ACK, ACK.
    assert.deepEqual(
      tcp.slice(0, 3).map((t) => [t.syn, t.ack]),
      [[true, false], [true, true], [false, true]],
    );
    assert.deepEqual(fromClient.slice(0, 3), [true, false, true]);
    const payloads = tcp.filter((t) => t.payload.length > 0).map((t) => decoder.decode(t.payload));
    assert.deepEqual(payloads, ["ping", "pong"]);
    // Both sides' FINs, the client's first.
    const fins = tcp.filter((t) => t.fin).map((t) => t.sourcePort === clientPort);
    assert.deepEqual(fins, [true, false]);
  },
});

Deno.test({
  name: "capture() captures ping to 127.0.0.1: echo requests and replies in order",
  ignore,
  async fn() {
    const { records } = await captureWhile(
      { filter: "icmp and host 127.0.0.1", count: 4 },
      async () => {
        const ping = await run(["ping", "-n", "-c", "2", "-i", "0.05", "-W", "2", "127.0.0.1"]);
        assert.equal(ping.code, 0, ping.stderr);
      },
    );
    const icmp = records.map((record) => decode(record.linkType, record.data).layer("icmp")!);
    assert.deepEqual(icmp.map((i) => [i.type, i.sequenceNumber]), [[8, 1], [0, 1], [8, 2], [0, 2]]);
    assert.equal(new Set(icmp.map((i) => i.identifier)).size, 1);
  },
});

Deno.test({
  name: "capture() filters: udp port N, SYN flags, ip6, not port N",
  ignore,
  async fn() {
    const receiver = await udpSocket("udp4", "127.0.0.1");
    const other = await udpSocket("udp4", "127.0.0.1");
    const sender = await udpSocket("udp4", "127.0.0.1");
    const port = receiver.address().port;
    const otherPort = other.address().port;
    const sendBoth = async () => {
      await send(sender, "to-port", port, "127.0.0.1");
      await send(sender, "to-other", otherPort, "127.0.0.1");
      await send(sender, "to-port", port, "127.0.0.1");
    };
    const payloads = (records: CaptureRecord[]) =>
      records.map((r) => decoder.decode(decode(r.linkType, r.data).layer("udp")?.payload));

    // udp port N: exactly the two datagrams to N.
    const onPort = await captureWhile({ filter: `udp port ${port}`, timeout: 300 }, sendBoth);
    assert.deepEqual(payloads(onPort.records), ["to-port", "to-port"]);

    // not port N (with our sender, to leave out other loopback traffic): only the other one.
    const notPort = await captureWhile(
      {
        filter: `udp and host 127.0.0.1 and not port ${port} and port ${sender.address().port}`,
        timeout: 300,
      },
      sendBoth,
    );
    assert.deepEqual(payloads(notPort.records), ["to-other"]);

    // tcp[tcpflags] & tcp-syn != 0: the SYN and the SYN-ACK of a connection, nothing else.
    const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    const tcpPort = listener.addr.port;
    const syn = await captureWhile(
      { filter: `tcp port ${tcpPort} and tcp[tcpflags] & tcp-syn != 0`, timeout: 500 },
      async () => {
        const accepting = listener.accept();
        const client = await Deno.connect({ hostname: "127.0.0.1", port: tcpPort });
        const server = await accepting;
        await client.write(new Uint8Array(10));
        await server.read(new Uint8Array(10));
        client.close();
        server.close();
      },
    );
    listener.close();
    const flags = syn.records.map((r) => {
      const tcp = decode(r.linkType, r.data).layer("tcp")!;
      return [tcp.syn, tcp.ack];
    });
    assert.deepEqual(flags, [[true, false], [true, true]]);

    // ip6: the datagram over ::1 and not the one over 127.0.0.1.
    const receiver6 = await udpSocket("udp6", "::1");
    const sender6 = await udpSocket("udp6", "::1");
    const port6 = receiver6.address().port;
    const ip6 = await captureWhile({ filter: "ip6", timeout: 300 }, async () => {
      await send(sender, "v4", port6, "127.0.0.1");
      await send(sender6, "v6", port6, "::1");
    });
    const ours = ip6.records.filter((r) =>
      decode(r.linkType, r.data).layer("udp")?.destinationPort === port6
    );
    assert.ok(ip6.records.every((r) => decode(r.linkType, r.data).layer("ipv6") !== undefined));
    assert.deepEqual(payloads(ours), ["v6"]);
    for (const socket of [receiver, other, sender, receiver6, sender6]) socket.close();
  },
});

Deno.test({
  name: "capture() stops within 200 ms on abort, timeout, close and break with no traffic",
  ignore,
  async fn() {
    // AbortSignal.
    const controller = new AbortController();
    const aborted = capture({ iface: "lo", filter: "udp port 9", signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    let start = performance.now();
    for await (const _ of aborted) assert.fail("no packet expected");
    let elapsed = performance.now() - start - 50;
    assert.ok(elapsed < 200, `abort took ${elapsed} ms`);
    assert.equal(aborted.stopReason, "abort");
    assert.equal(aborted.closed, true);

    // timeout.
    const timed = capture({ iface: "lo", filter: "udp port 9", timeout: 100 });
    start = performance.now();
    for await (const _ of timed) assert.fail("no packet expected");
    elapsed = performance.now() - start - 100;
    assert.ok(elapsed < 200, `timeout took ${elapsed} ms`);
    assert.equal(timed.stopReason, "timeout");

    // close() from elsewhere, and await using.
    start = performance.now();
    {
      await using live = capture({ iface: "lo", filter: "udp port 9" });
      const reading = (async () => {
        for await (const _ of live) assert.fail("no packet expected");
      })();
      await wait(30);
      await live.close();
      await reading;
    }
    elapsed = performance.now() - start - 30;
    assert.ok(elapsed < 200, `close took ${elapsed} ms`);

    // An already aborted signal: no wait at all.
    const none = capture({ iface: "lo", signal: AbortSignal.abort() });
    for await (const _ of none) assert.fail("no packet expected");
    assert.equal(none.stopReason, "abort");
  },
});

Deno.test({
  name: "capture() closes on break and keeps its final stats",
  ignore,
  async fn() {
    const receiver = await udpSocket("udp4", "127.0.0.1");
    const port = receiver.address().port;
    const live = capture({ iface: "lo", filter: `udp port ${port}`, immediate: true });
    const sending = (async () => {
      for (let i = 0; i < 5; i++) await send(receiver, `n${i}`, port, "127.0.0.1");
    })();
    let seen = 0;
    for await (const _ of live) {
      if (++seen === 2) break;
    }
    await sending;
    receiver.close();
    assert.equal(live.closed, true);
    assert.throws(() => live.inject(new Uint8Array(60)), { code: "closed" });
    // Loopback packets pass the kernel twice (out and in); libpcap keeps one copy.
    assert.ok(live.stats().received >= 2);
  },
});

/** Counts this process's open fds (/proc/PID/fd, listed by a child: Deno needs -A to read it). */
async function openFds(): Promise<number> {
  const listing = await run(["ls", "-1", `/proc/${Deno.pid}/fd`]);
  assert.equal(listing.code, 0, listing.stderr);
  return listing.stdout.trim().split("\n").length;
}

Deno.test({
  name: "capture() leaves the number of open fds unchanged after 1,000 open/close cycles",
  ignore,
  async fn() {
    // Warm up: libpcap and Deno open what they keep for the process lifetime.
    (await Array.fromAsync(capture({ iface: "lo", timeout: 0 }))).length;
    const before = await openFds();
    for (let i = 0; i < 1000; i++) {
      const live = capture({ iface: "lo", filter: "udp port 9", bufferSize: 65536 });
      if (i % 2 === 0) {
        await live.close();
      } else {
        // Half of them close from an iteration that was waiting.
        const reading = (async () => {
          for await (const _ of live) { /* nothing comes */ }
        })();
        live.stop();
        await reading;
      }
    }
    // A leak per cycle shows as hundreds of fds; Deno may still hold a few for a moment (a
    // child's pipes, its runtime's helpers, on a loaded machine): wait for them to go.
    let after = await openFds();
    for (let i = 0; i < 20 && after > before; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      after = await openFds();
    }
    assert.ok(after <= before + 2, `${after - before} more fds open after 1,000 cycles`);
  },
});

Deno.test({
  name: "dumpCapture() writes a pcap during capture that reads back identically",
  ignore,
  async fn() {
    const receiver = await udpSocket("udp4", "127.0.0.1");
    const port = receiver.address().port;
    const path = await Deno.makeTempFile({ suffix: ".pcap" });
    try {
      for (const format of ["pcap", "pcapng"] as const) {
        const seen: CaptureRecord[] = [];
        const live = capture({
          iface: "lo",
          filter: `udp port ${port}`,
          immediate: true,
          count: 20,
          timeout: 3000,
        });
        {
          using file = await Deno.create(path);
          const dumping = dumpCapture(live, file, { format, onPacket: (r) => seen.push(r) });
          for (let i = 0; i < 20; i++) await send(receiver, "x".repeat(i * 50), port, "127.0.0.1");
          assert.equal(await dumping, 20);
        }
        await using reader = await openCapture(path);
        assert.equal(reader.format, format);
        const back = await Array.fromAsync(reader);
        assert.equal(back.length, 20);
        for (const [i, record] of back.entries()) {
          const original = seen[i]!;
          assert.equal(record.timestamp, original.timestamp);
          assert.equal(record.originalLength, original.originalLength);
          assert.equal(record.linkType, original.linkType);
          assert.deepEqual(record.data, original.data);
        }
      }
    } finally {
      receiver.close();
      await Deno.remove(path);
    }
  },
});

Deno.test({
  name: "sniff() returns count packets and calls onPacket for each",
  ignore,
  async fn() {
    const receiver = await udpSocket("udp4", "127.0.0.1");
    const port = receiver.address().port;
    const called: number[] = [];
    const sniffing = sniff({
      iface: "lo",
      filter: `udp dst port ${port}`,
      count: 3,
      timeout: 3000,
      immediate: true,
      onPacket: (record) => void called.push(record.originalLength),
    });
    for (let i = 1; i <= 3; i++) await send(receiver, "y".repeat(i), port, "127.0.0.1");
    const packets = await sniffing;
    receiver.close();
    assert.equal(packets.length, 3);
    assert.deepEqual(called, [43, 44, 45]);
    // Without count, the timeout ends it.
    const start = performance.now();
    assert.deepEqual(await sniff({ iface: "lo", filter: "udp port 9", timeout: 100 }), []);
    assert.ok(performance.now() - start < 300);
  },
});

Deno.test({
  name: "LiveCapture.batches() yields batches like the file readers', copies kept valid",
  ignore,
  async fn() {
    const receiver = await udpSocket("udp4", "127.0.0.1");
    const port = receiver.address().port;
    const live = capture({
      iface: "lo",
      filter: `udp port ${port}`,
      count: 50,
      timeout: 3000,
      // Blocks of packets: several arrive in one batch.
      bufferTimeout: 50,
    });
    const sending = (async () => {
      for (let i = 0; i < 50; i++) await send(receiver, String(i), port, "127.0.0.1");
    })();
    const kept: Uint8Array[] = [];
    let batches = 0;
    for await (const batch of live.batches()) {
      batches++;
      for (let i = 0; i < batch.count; i++) kept.push(batch.data(i));
    }
    await sending;
    receiver.close();
    assert.equal(kept.length, 50);
    assert.ok(batches < 50, `${batches} batches`);
    const texts = kept.map((d) => decoder.decode(decode(LinkType.EN10MB, d).layer("udp")!.payload));
    assert.deepEqual(texts, Array.from({ length: 50 }, (_, i) => String(i)));
  },
});

Deno.test({
  name: "LiveCapture.setFilter() changes the filter while a read waits",
  ignore,
  async fn() {
    const receiver = await udpSocket("udp4", "127.0.0.1");
    const port = receiver.address().port;
    const live = capture({
      iface: "lo",
      filter: "udp port 9",
      immediate: true,
      count: 1,
      timeout: 3000,
    });
    const reading = Array.fromAsync(live);
    await wait(30);
    live.setFilter(`udp port ${port}`);
    await wait(30);
    await send(receiver, "after", port, "127.0.0.1");
    const records = await reading;
    receiver.close();
    assert.equal(records.length, 1);
    assert.equal(
      decoder.decode(decode(LinkType.EN10MB, records[0]!.data).layer("udp")!.payload),
      "after",
    );
  },
});

Deno.test({
  name: "capture() batches() keeps every packet of a burst larger than its copy buffer",
  ignore,
  async fn() {
    const receiver = await udpSocket("udp4", "127.0.0.1");
    const sender = await udpSocket("udp4", "127.0.0.1");
    const port = receiver.address().port;
    const count = 50;
    // 1 KiB copy buffers: the burst, read in one call, needs a larger one.
    await using live = capture({
      iface: "lo",
      filter: `udp dst port ${port}`,
      snapLength: 1024,
      chunkSize: 1024,
      count,
      timeout: 5000,
    });
    for (let i = 0; i < count; i++) {
      await send(sender, String.fromCharCode(65 + (i % 26)).repeat(500), port, "127.0.0.1");
    }
    const payloads: string[] = [];
    let largest = 0;
    for await (const batch of live.batches({ reuseBuffers: true })) {
      largest = Math.max(largest, batch.count);
      for (let i = 0; i < batch.count; i++) {
        const start = batch.offsets[i]! + 42; // Ethernet, IPv4, UDP
        const end = batch.offsets[i]! + batch.capturedLengths[i]!;
        payloads.push(decoder.decode(batch.buffer.subarray(start, end)));
      }
    }
    receiver.close();
    sender.close();
    assert.ok(largest > 1, `every batch held one packet: the burst was not read at once`);
    assert.deepEqual(
      payloads,
      Array.from({ length: count }, (_, i) => String.fromCharCode(65 + (i % 26)).repeat(500)),
    );
  },
});
