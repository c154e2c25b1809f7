// The counts and byte places behind serve.ts's dashboard and hex highlight: LiveStats
// (per-second series, talkers, flows, bounds) and fieldRanges() (each field's bytes).

import assert from "node:assert/strict";
import { LiveStats } from "../lib/serve/live_stats.ts";
import { fieldRanges } from "../lib/serve/field_ranges.ts";
import { vendorFile } from "../lib/serve/vendor.ts";
import { decode } from "../lib/decode.ts";
import { buildArp, buildEthernet, buildIpv4, buildUdp } from "../lib/craft/mod.ts";
import { encodeHex } from "../lib/_hex.ts";

const MACS = { source: "02:00:00:00:00:01", destination: "02:00:00:00:00:02" };

function udpFrame(source: string, destination: string, sourcePort = 1000): Uint8Array {
  const payload = buildUdp({ source, destination, sourcePort, destinationPort: 53 });
  return buildEthernet({
    ...MACS,
    etherType: 0x0800,
    payload: buildIpv4({ source, destination, protocol: 17, payload }),
  });
}

const arpFrame = buildEthernet({
  ...MACS,
  etherType: 0x0806,
  payload: buildArp({
    operation: "request",
    senderMac: MACS.source,
    senderIp: "10.0.0.1",
    targetIp: "10.0.0.2",
  }),
});

Deno.test("LiveStats counts packets and bytes per second by protocol over its window", () => {
  const stats = new LiveStats({ seconds: 3 });
  const udp = udpFrame("10.0.0.1", "10.0.0.2");
  const add = (frame: Uint8Array, seconds: number) =>
    stats.add(decode(1, frame), { seconds, nanoseconds: 0, originalLength: frame.length });
  add(udp, 10);
  add(udp, 10);
  add(arpFrame, 11);
  add(udp, 12);
  let snapshot = stats.snapshot();
  assert.deepEqual(snapshot.seconds, [10, 11, 12]);
  assert.deepEqual(snapshot.protocols, ["udp", "arp"]);
  assert.deepEqual(snapshot.packets, [[2, 0, 1], [0, 1, 0]]);
  assert.deepEqual(snapshot.bytes[0], [2 * udp.length, 0, udp.length]);
  // Two seconds on: 10 and 11 leave the window, 13 is empty; arp has no packet left.
  add(udp, 14);
  add(udp, 9); // older than the window: not in the series, still in the flows
  snapshot = stats.snapshot();
  assert.deepEqual(snapshot.seconds, [12, 13, 14]);
  assert.deepEqual(snapshot.protocols, ["udp"]);
  assert.deepEqual(snapshot.packets, [[1, 0, 1]]);
  assert.equal(snapshot.flows[0]?.packets, 5);
});

Deno.test("LiveStats lists the top talkers and flows, and starts over at maxFlows", () => {
  const stats = new LiveStats({ top: 2, maxFlows: 3 });
  const add = (frame: Uint8Array) =>
    stats.add(decode(1, frame), { seconds: 1, nanoseconds: 0, originalLength: frame.length });
  for (let i = 0; i < 3; i++) add(udpFrame("10.0.0.1", "10.0.0.9"));
  add(udpFrame("10.0.0.2", "10.0.0.9"));
  add(udpFrame("10.0.0.3", "10.0.0.9"));
  let snapshot = stats.snapshot();
  assert.deepEqual(snapshot.talkers.map((t) => `${t.address} ${t.packets}`), [
    "10.0.0.9 5",
    "10.0.0.1 3",
  ]);
  assert.deepEqual(snapshot.flows.map((f) => `${f.a} ${f.b} ${f.packets}`), [
    "10.0.0.1:1000 10.0.0.9:53 3",
    "10.0.0.2:1000 10.0.0.9:53 1",
  ]);
  assert.equal(snapshot.resets, 0);
  add(udpFrame("10.0.0.4", "10.0.0.9")); // a fourth flow: the tables start over
  snapshot = stats.snapshot();
  assert.equal(snapshot.resets, 1);
  assert.deepEqual(snapshot.flows.map((f) => f.a), ["10.0.0.4:1000"]);
});

Deno.test("LiveStats rejects a window of no seconds", () => {
  assert.throws(
    () => new LiveStats({ seconds: 0 }),
    {
      name: "RangeError",
      message: "Cannot make live statistics: seconds must be >= 1, received 0",
    },
  );
});

/** The bytes a field's range covers, as hex. */
function fieldHex(frame: Uint8Array, range: readonly [number, number] | undefined): string {
  assert.ok(range !== undefined);
  return encodeHex(frame.subarray(range[0], range[1]));
}

Deno.test("fieldRanges() places the fields of Ethernet, IPv4 with options, and UDP", () => {
  const udp = buildUdp({
    source: "10.0.0.1",
    destination: "10.0.0.2",
    sourcePort: 0x1234,
    destinationPort: 53,
  });
  const frame = buildEthernet({
    ...MACS,
    etherType: 0x0800,
    payload: buildIpv4({
      source: "10.0.0.1",
      destination: "10.0.0.2",
      protocol: 17,
      options: new Uint8Array([0x94, 0x04, 0x00, 0x00]), // router alert
      payload: udp,
    }),
  });
  const [ethernet, ip, transport] = decode(1, frame).layers;
  assert.equal(fieldHex(frame, fieldRanges(ethernet!).source), "020000000001");
  assert.equal(fieldHex(frame, fieldRanges(ethernet!).etherType), "0800");
  const ipRanges = fieldRanges(ip!);
  assert.equal(fieldHex(frame, ipRanges.destination), "0a000002");
  assert.equal(fieldHex(frame, ipRanges.headerLength), "46");
  assert.equal(fieldHex(frame, ipRanges["options.0"]), "94040000");
  assert.deepEqual(ipRanges.options, [34, 38]);
  assert.equal(fieldHex(frame, fieldRanges(transport!).sourcePort), "1234");
});

Deno.test("fieldRanges() places ARP addresses, DNS header fields, and stops where the capture does", () => {
  const arp = fieldRanges(decode(1, arpFrame).layers[1]!);
  assert.equal(fieldHex(arpFrame, arp.senderProtocolAddress), "0a000001");
  assert.equal(fieldHex(arpFrame, arp.targetProtocolAddress), "0a000002");
  // ATM ARP (RFC 2225): numbers and subaddresses of their own lengths, after 12 fixed bytes.
  const atm = new Uint8Array([
    ...[0, 19, 8, 0, 3, 2, 0, 1, 4, 3, 0, 4],
    ...[0x47, 0, 5, 0xaa, 0xbb, 10, 0, 0, 1, 0x47, 0, 6, 10, 0, 0, 2],
  ]);
  const atmFrame = buildEthernet({ ...MACS, etherType: 0x0806, payload: atm });
  const atmRanges = fieldRanges(decode(1, atmFrame).layers[1]!);
  assert.equal(fieldHex(atmFrame, atmRanges.senderHardwareAddress), "470005");
  assert.equal(fieldHex(atmFrame, atmRanges.senderSubaddress), "aabb");
  assert.equal(fieldHex(atmFrame, atmRanges.senderProtocolAddress), "0a000001");
  assert.equal(fieldHex(atmFrame, atmRanges.protocolAddressLength), "04");
  assert.equal(fieldHex(atmFrame, atmRanges.targetHardwareAddress), "470006");
  assert.equal(fieldHex(atmFrame, atmRanges.targetProtocolAddress), "0a000002");
  assert.equal(fieldHex(atmFrame, atmRanges.targetProtocolAddressLength), "04");
  // A DNS query (ID 0x1234, one question) cut after 6 bytes of its header.
  const dns = new Uint8Array([0x12, 0x34, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0]);
  const payload = buildUdp({
    source: "10.0.0.1",
    destination: "10.0.0.2",
    sourcePort: 5353,
    destinationPort: 53,
    payload: dns,
  });
  const frame = buildEthernet({
    ...MACS,
    etherType: 0x0800,
    payload: buildIpv4({ source: "10.0.0.1", destination: "10.0.0.2", protocol: 17, payload }),
  });
  const whole = fieldRanges(decode(1, frame).layer("dns")!);
  assert.equal(fieldHex(frame, whole.questionCount), "0001");
  assert.deepEqual(whole.questions, [54, 55]);
  const cut = frame.subarray(0, 42 + 6);
  const partial = decode(1, cut).layer("dns");
  assert.ok(partial !== undefined, "the cut DNS header is kept as a partial layer");
  const ranges = fieldRanges(partial);
  assert.equal(fieldHex(cut, ranges.id), "1234");
  assert.equal(fieldHex(cut, ranges.questionCount), "0001");
  assert.equal(ranges.answerCount, undefined);
  assert.ok(Object.values(ranges).every(([, end]) => end <= cut.length));
});

Deno.test("vendorFile() finds the installed charting library and nothing else", () => {
  assert.equal(vendorFile("/index.html"), undefined);
  const file = vendorFile("/vendor/uplot.js");
  assert.ok(file instanceof URL, "uplot is not installed (npm ci)");
  assert.match(file.pathname, /\/node_modules\/uplot\/dist\/uPlot\.iife\.min\.js$/);
  assert.ok(Deno.statSync(file).isFile);
});
