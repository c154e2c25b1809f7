// Live capture on a veth pair between two network namespaces that the tests create and
// remove (root, libpcap and iproute2 needed; skipped otherwise). The capture runs in a child
// Deno process inside namespace A (tests/_netns.ts); the traffic comes from namespace B.

import assert from "node:assert/strict";
import { decode } from "../lib/decode.ts";
import { LinkType } from "../lib/link_type.ts";
import {
  createNetnsPair,
  injectInNamespace,
  liveCaptureSkipReason,
  reportSkip,
  startChildCapture,
} from "./_netns.ts";
import { parseMac } from "../lib/address.ts";

const ignore = reportSkip("capture_netns_test.ts", await liveCaptureSkipReason());
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

Deno.test({
  name: "capture() on a veth pair sees ARP, ping and a TCP connection in order",
  ignore,
  async fn() {
    await using pair = await createNetnsPair();
    const child = await startChildCapture(pair.nsA, {
      iface: pair.ifA,
      filter: "arp or icmp or tcp port 8080",
      listen: 8080,
      timeout: 10_000,
    });
    const ping = await pair.exec(pair.nsB, ["ping", "-n", "-c", "2", "-i", "0.05", pair.ipA]);
    assert.equal(ping.code, 0, ping.stderr);
    const tcp = await pair.exec(pair.nsB, [
      "bash",
      "-c",
      `exec 3<>/dev/tcp/${pair.ipA}/8080; printf hello >&3; exec 3>&-`,
    ]);
    assert.equal(tcp.code, 0, tcp.stderr);
    await child.event("closed");
    await wait(100);
    const { records, stats } = await child.stop();
    const packets = records.map((r) => decode(r.linkType, r.data));
    assert.ok(records.every((r) => r.linkType === LinkType.EN10MB));

    // ARP: B asks who has A, A answers.
    const [request, reply] = packets.slice(0, 2).map((p) => p.layer("arp")!);
    assert.equal(request!.operation, 1);
    assert.equal(request!.senderHardwareAddress, pair.macB);
    assert.equal(request!.senderProtocolAddress, pair.ipB);
    assert.equal(request!.targetProtocolAddress, pair.ipA);
    assert.equal(packets[0]!.layer("ethernet")!.destination, "ff:ff:ff:ff:ff:ff");
    assert.equal(reply!.operation, 2);
    assert.equal(reply!.senderHardwareAddress, pair.macA);
    assert.equal(reply!.senderProtocolAddress, pair.ipA);
    assert.equal(reply!.targetHardwareAddress, pair.macB);

    // Ping: request, reply, request, reply, B to A and back.
    const icmp = packets.slice(2, 6).map((p) => {
      const ip = p.layer("ipv4")!;
      const echo = p.layer("icmp")!;
      return [ip.source, ip.destination, echo.type, echo.sequenceNumber];
    });
    assert.deepEqual(icmp, [
      [pair.ipB, pair.ipA, 8, 1],
      [pair.ipA, pair.ipB, 0, 1],
      [pair.ipB, pair.ipA, 8, 2],
      [pair.ipA, pair.ipB, 0, 2],
    ]);

    // TCP: the handshake from B, the data, and both FINs.
    const segments = packets.slice(6).map((p) => ({ ip: p.layer("ipv4")!, tcp: p.layer("tcp")! }));
    assert.ok(segments.length >= 6, `${segments.length} TCP segments`);
    assert.deepEqual(
      segments.slice(0, 3).map(({ ip, tcp }) => [ip.source, tcp.syn, tcp.ack]),
      [[pair.ipB, true, false], [pair.ipA, true, true], [pair.ipB, false, true]],
    );
    assert.ok(segments.every(({ tcp }) => tcp.destinationPort === 8080 || tcp.sourcePort === 8080));
    const data = segments.filter(({ tcp }) => tcp.payload.length > 0);
    assert.deepEqual(data.map(({ tcp }) => new TextDecoder().decode(tcp.payload)), ["hello"]);
    assert.equal(segments.filter(({ tcp }) => tcp.fin).length, 2);

    // Every packet that passed the filter was read, none dropped.
    assert.equal(stats.received, records.length);
    assert.equal(stats.dropped, 0);
  },
});

Deno.test({
  name: "capture() with filter arp captures only the ARP exchange on a veth pair",
  ignore,
  async fn() {
    await using pair = await createNetnsPair();
    const child = await startChildCapture(pair.nsA, {
      iface: pair.ifA,
      filter: "arp",
      timeout: 10_000,
    });
    const ping = await pair.exec(pair.nsB, ["ping", "-n", "-c", "3", "-i", "0.05", pair.ipA]);
    assert.equal(ping.code, 0, ping.stderr);
    await wait(100);
    const { records } = await child.stop();
    const operations = records.map((r) => decode(r.linkType, r.data).layer("arp")?.operation);
    assert.deepEqual(operations, [1, 2]);
  },
});

Deno.test({
  name: "LiveCapture.stats() counts the packets sent, none dropped",
  ignore,
  async fn() {
    await using pair = await createNetnsPair();
    // Prime the neighbour tables so that no ARP mixes in.
    await pair.exec(pair.nsB, ["ping", "-n", "-c", "1", pair.ipA]);
    const child = await startChildCapture(pair.nsA, {
      iface: pair.ifA,
      filter: "icmp",
      count: 40,
      timeout: 10_000,
    });
    const ping = await pair.exec(pair.nsB, ["ping", "-n", "-c", "20", "-i", "0.01", pair.ipA]);
    assert.equal(ping.code, 0, ping.stderr);
    const { records, stats, stopReason } = await child.done();
    assert.equal(stopReason, "count");
    assert.equal(records.length, 40);
    assert.equal(stats.received, 40);
    assert.equal(stats.dropped, 0);
    assert.equal(stats.interfaceDropped, 0);
  },
});

Deno.test({
  name: "LiveCapture.inject() sends a frame that the other end of the veth pair captures",
  ignore,
  async fn() {
    await using pair = await createNetnsPair();
    const child = await startChildCapture(pair.nsB, {
      iface: pair.ifB,
      filter: "ether proto 0x88b5",
      count: 1,
      timeout: 10_000,
    });
    const frame = new Uint8Array(64);
    frame.set(parseMac(pair.macB), 0);
    frame.set(parseMac(pair.macA), 6);
    frame.set([0x88, 0xb5], 12);
    frame.set(new TextEncoder().encode("wirekit injected this frame"), 14);
    await injectInNamespace(pair.nsA, pair.ifA, frame);
    const { records, stopReason } = await child.done();
    assert.equal(stopReason, "count");
    assert.equal(records.length, 1);
    assert.deepEqual(records[0]!.data, frame);
    assert.equal(records[0]!.originalLength, 64);
  },
});
