import assert from "node:assert/strict";
import { decode } from "../lib/decode.ts";
import { DecodeError } from "../lib/errors.ts";
import { expectedChecksum, foldChecksum, sumWords } from "../lib/checksum.ts";
import { buildIpv4 } from "../lib/craft/mod.ts";
import { IpProtocol } from "../lib/ip_protocol.ts";
import { LinkType } from "../lib/link_type.ts";
import { decodeIgmp, Igmp, IgmpType } from "../lib/net/igmp.ts";
import { type TcpdumpOptions, TcpdumpPrinter } from "../lib/print/mod.ts";

/** An IGMP message with its checksum computed. */
function igmp(bytes: number[]): Uint8Array {
  const out = new Uint8Array(bytes);
  out[2] = 0;
  out[3] = 0;
  const sum = foldChecksum(sumWords(out, 0, out.length, 0));
  out[2] = sum >> 8;
  out[3] = sum & 0xff;
  return out;
}

/** IGMP in IPv4, 192.168.1.2 > 224.0.0.1, with a router alert option. */
function packet(message: Uint8Array, destination = "224.0.0.1"): Uint8Array {
  return buildIpv4({
    source: "192.168.1.2",
    destination,
    protocol: IpProtocol.IGMP,
    ttl: 1,
    options: new Uint8Array([0x94, 4, 0, 0]),
    payload: message,
  });
}

function line(bytes: Uint8Array, options: TcpdumpOptions = {}, originalLength?: number): string {
  const printer = new TcpdumpPrinter({ timestamps: "none", ...options });
  const record = { seconds: 0, nanoseconds: 0, originalLength: originalLength ?? bytes.length };
  return printer.format(decode(LinkType.RAW, bytes), record);
}

const V2_QUERY = igmp([0x11, 10, 0, 0, 225, 1, 1, 3]);
const V1_QUERY = igmp([0x11, 0, 0, 0, 0, 0, 0, 0]);
const V3_QUERY = igmp([0x11, 0x8e, 0, 0, 0, 0, 0, 0, 0x0a, 125, 0, 2, 10, 0, 0, 1, 10, 0, 0, 2]);
const V3_REPORT = igmp([
  0x22,
  0,
  0,
  0,
  0,
  0,
  0,
  2,
  4,
  0,
  0,
  0,
  239,
  255,
  255,
  250,
  1,
  1,
  0,
  1,
  224,
  0,
  0,
  251,
  10,
  0,
  0,
  9,
  0xaa,
  0xbb,
  0xcc,
  0xdd,
]);

Deno.test("decodeIgmp() tells version 1, 2 and 3 queries apart by length and code", () => {
  const v1 = decodeIgmp(V1_QUERY);
  assert.equal(v1.version, 1);
  assert.equal(v1.group, "0.0.0.0");
  const v2 = decodeIgmp(V2_QUERY);
  assert.equal(v2.version, 2);
  assert.equal(v2.type, IgmpType.MEMBERSHIP_QUERY);
  assert.equal(v2.maxResponseTime, 10);
  assert.equal(v2.group, "225.1.1.3");
  assert.equal(v2.groupAddress, 0xe1010103);
  const v3 = decodeIgmp(V3_QUERY);
  assert.equal(v3.version, 3);
  assert.equal(v3.headerLength, 12);
  assert.equal(v3.maxResponseCode, 0x8e);
  assert.equal(v3.maxResponseTime, 30 << 3);
  assert.equal(v3.suppressRouterProcessing, true);
  assert.equal(v3.robustness, 2);
  assert.equal(v3.queryInterval, 125);
  assert.equal(v3.sourceCount, 2);
  assert.deepEqual(v3.sources, ["10.0.0.1", "10.0.0.2"]);
});

Deno.test("decodeIgmp() reads version 1 and 2 reports and leaves", () => {
  assert.equal(decodeIgmp(igmp([0x12, 0, 0, 0, 224, 0, 0, 9])).version, 1);
  assert.equal(decodeIgmp(igmp([0x16, 0, 0, 0, 224, 0, 0, 9])).version, 2);
  const leave = decodeIgmp(igmp([0x17, 0, 0, 0, 224, 0, 0, 9]));
  assert.equal(leave.version, 2);
  assert.equal(leave.type, IgmpType.LEAVE_GROUP);
  assert.equal(decodeIgmp(igmp([0x13, 0, 0, 0, 0, 0, 0, 0])).version, 0);
});

Deno.test("decodeIgmp() lists the group records of a version 3 report", () => {
  const report = decodeIgmp(V3_REPORT);
  assert.equal(report.recordCount, 2);
  assert.deepEqual(
    report.records.map((r) => [r.type, r.group, r.sourceCount, r.auxDataLength, r.length]),
    [[4, "239.255.255.250", 0, 0, 8], [1, "224.0.0.251", 1, 1, 16]],
  );
  assert.deepEqual(report.records[1]!.sources, ["10.0.0.9"]);
  assert.equal(report.records.some((r) => r.truncated), false);
});

Deno.test("Igmp.recordAt() reads a record by offset, its sources only when asked", () => {
  const report = decodeIgmp(V3_REPORT);
  const second = report.recordAt(16);
  assert.equal(second?.group, "224.0.0.251");
  assert.deepEqual(second?.sources, ["10.0.0.9"]);
  const counted = report.recordAt(16, false);
  assert.equal(counted?.sourceCount, 1);
  assert.deepEqual(counted?.sources, []);
  assert.equal(counted?.length, 16);
  assert.equal(report.recordAt(V3_REPORT.length), undefined);
});

Deno.test("decodeIgmp() marks a group record cut short as truncated and stops there", () => {
  const report = decodeIgmp(V3_REPORT.subarray(0, 28));
  const records = report.records;
  assert.equal(records.length, 2);
  assert.equal(records[1]!.truncated, true);
  assert.deepEqual(records[1]!.sources, ["10.0.0.9"]);
  assert.equal(report.length, 28);
});

Deno.test("decodeIgmp() rejects fewer than 8 bytes, keeping the layer from its type on", () => {
  assert.throws(() => decodeIgmp(new Uint8Array(7)), { partial: true });
  assert.throws(() => decodeIgmp(new Uint8Array(0)), { partial: false });
  assert.throws(() => decodeIgmp(new Uint8Array(7)), DecodeError);
});

Deno.test("Igmp checks its checksum and tells the right one", () => {
  assert.equal(decodeIgmp(V2_QUERY).checksumValid, true);
  const bad = V2_QUERY.slice();
  bad[3]! ^= 0xff;
  const layer = decodeIgmp(bad);
  assert.equal(layer.checksumValid, false);
  assert.equal(layer.expectedChecksum, (V2_QUERY[2]! << 8) | V2_QUERY[3]!);
  const sum = foldChecksum(sumWords(bad, 0, bad.length, 0));
  assert.equal(expectedChecksum(layer.checksum, sum), layer.expectedChecksum);
});

Deno.test("decode() decodes IGMP after IPv4, with the length from the IP header", () => {
  const packetBytes = packet(V3_QUERY);
  const decoded = decode(LinkType.RAW, packetBytes);
  assert.deepEqual(decoded.layers.map((layer) => layer.kind), ["ipv4", "igmp"]);
  const layer = decoded.layer("igmp")!;
  assert.ok(layer instanceof Igmp);
  assert.equal(layer.length, 20);
  // Cut to 8 bytes of IGMP: still a version 3 query by the IP length, without its fields.
  const cut = decode(LinkType.RAW, packetBytes.subarray(0, 24 + 8)).layer("igmp")!;
  assert.equal(cut.version, 3);
  assert.equal(cut.headerLength, 8);
  assert.equal(cut.checksumValid, undefined);
  assert.equal(JSON.stringify(decoded.layer("igmp")), JSON.stringify(layer.toJSON()));
});

Deno.test("printIgmp() prints queries of each version as tcpdump does", () => {
  assert.equal(line(packet(V1_QUERY)), "IP 192.168.1.2 > 224.0.0.1: igmp query v1");
  assert.equal(
    line(packet(V2_QUERY, "225.1.1.3")),
    "IP 192.168.1.2 > 225.1.1.3: igmp query v2 [max resp time 10] [gaddr 225.1.1.3]",
  );
  assert.equal(
    line(packet(V3_QUERY)),
    // A general query (no group) says nothing of its sources (tcpdump 4.99.3 checked).
    "IP 192.168.1.2 > 224.0.0.1: igmp query v3 [max resp time 24.0s]",
  );
});

Deno.test("printIgmp() prints the records of a version 3 report with -v", () => {
  assert.equal(
    line(packet(V3_REPORT, "224.0.0.22")),
    "IP 192.168.1.2 > 224.0.0.22: igmp v3 report, 2 group record(s)",
  );
  assert.equal(
    line(packet(V3_REPORT, "224.0.0.22"), { verbose: 1 }).split("\n")[1],
    "    192.168.1.2 > 224.0.0.22: igmp v3 report, 2 group record(s) " +
      "[gaddr 239.255.255.250 to_ex, 0 source(s)] [gaddr 224.0.0.251 is_in, 1 source(s)]",
  );
});

Deno.test("printIgmp() stops at a group record cut short with [|igmp]", () => {
  const whole = packet(V3_REPORT, "224.0.0.22");
  const cut = whole.subarray(0, 24 + 8 + 8 + 4);
  assert.equal(
    line(cut, { verbose: 1 }, whole.length).split("\n")[1],
    "    192.168.1.2 > 224.0.0.22: igmp v3 report, 2 group record(s) " +
      "[gaddr 239.255.255.250 to_ex, 0 source(s)] [|igmp]",
  );
});

Deno.test("printIgmp() prints the checksum field of a bad checksum with -v", () => {
  const bad = V2_QUERY.slice();
  bad[2] = 0x12;
  bad[3] = 0x34;
  assert.match(line(packet(bad, "225.1.1.3"), { verbose: 1 }), / bad igmp cksum 1234!$/);
});

Deno.test("printIgmp() prints a message under 8 bytes up to its group, then [|igmp]", () => {
  const whole = packet(V2_QUERY);
  assert.equal(
    line(whole.subarray(0, 24 + 6), {}, whole.length),
    "IP 192.168.1.2 > 224.0.0.1: igmp query v2 [max resp time 10] [|igmp]",
  );
  assert.equal(
    line(whole.subarray(0, 24), {}, whole.length),
    "IP 192.168.1.2 > 224.0.0.1:  [|igmp]",
  );
  assert.equal(
    line(whole.subarray(0, 24), { quiet: true }, whole.length),
    "IP 192.168.1.2 > 224.0.0.1: igmp",
  );
});

Deno.test("printIgmp() lists a version 3 record's sources from -vv on, as tcpdump", () => {
  const report = packet(
    igmp([0x22, 0, 0, 0, 0, 0, 0, 1, 2, 0, 0, 2, 239, 255, 255, 160, 10, 0, 0, 1, 10, 0, 0, 2]),
    "224.0.0.22",
  );
  const cut = (bytes: number) => report.subarray(0, report.length - bytes);
  const record = "igmp v3 report, 1 group record(s) [gaddr 239.255.255.160 is_ex";
  assert.ok(line(cut(0), { verbose: 1 }).includes(`${record}, 2 source(s)]`));
  assert.ok(line(cut(0), { verbose: 2 }).includes(`${record} { 10.0.0.1 10.0.0.2 }]`));
  // A source cut by the capture ends the packet.
  assert.ok(line(cut(2), { verbose: 2 }, report.length).endsWith(`${record} { 10.0.0.1 [|igmp]`));
});

// tcpdump's tests/mtrace.pcap, frame 1: an mtrace query from 10.0.0.5 to 172.16.20.1.
const MTRACE = igmp([
  0x1f,
  0,
  0,
  0,
  224,
  0,
  1,
  32,
  172,
  16,
  40,
  1,
  172,
  16,
  20,
  1,
  172,
  16,
  40,
  1,
  32,
  0,
  0,
  7,
]);

Deno.test("decodeIgmp() reads a multicast traceroute query", () => {
  const trace = decodeIgmp(MTRACE);
  assert.equal(trace.type, IgmpType.MTRACE);
  assert.equal(trace.traceQueryCaptured, true);
  assert.equal(trace.traceQueryId, 7);
  assert.equal(trace.traceSource, "172.16.40.1");
  assert.equal(trace.traceDestination, "172.16.20.1");
  assert.equal(trace.traceResponseAddress, "172.16.40.1");
  assert.equal(trace.traceResponseAddressValue, 0xac102801);
  assert.equal(trace.traceResponseTtl, 32);
  assert.deepEqual(
    Object.entries(trace.toJSON()).filter(([key]) => key.startsWith("trace")),
    [
      ["traceQueryId", 7],
      ["traceSource", "172.16.40.1"],
      ["traceDestination", "172.16.20.1"],
      ["traceResponseAddress", "172.16.40.1"],
      ["traceResponseTtl", 32],
    ],
  );
  const cut = decodeIgmp(MTRACE.subarray(0, 23));
  assert.equal(cut.traceQueryCaptured, false);
  assert.equal(cut.traceSource, "");
  assert.equal(cut.traceQueryId, 0);
});

Deno.test("printIgmp() prints mtrace queries and responses as tcpdump does", () => {
  const at = (message: Uint8Array, options: TcpdumpOptions = {}) =>
    line(packet(message, "172.16.20.1"), options);
  const head = "IP 192.168.1.2 > 172.16.20.1: ";
  assert.equal(at(MTRACE), `${head}mtrace 7: 172.16.40.1 to 172.16.20.1 reply-to 172.16.40.1`);
  // A response (its hop blocks not printed) to a multicast address says its TTL.
  const query = [172, 16, 40, 1, 172, 16, 20, 1, 239, 1, 2, 3, 64, 0xff, 0xff, 0xff];
  const response = igmp([0x1e, 1, 0, 0, 224, 0, 1, 32, ...query, ...new Array(28).fill(1)]);
  assert.equal(
    at(response),
    `${head}mresp 16777215: 172.16.40.1 to 172.16.20.1 reply-to 239.1.2.3 with-ttl 64`,
  );
  assert.equal(at(MTRACE.subarray(0, 8)), `${head} [invalid len 8]`);
  assert.equal(
    at(igmp([...MTRACE.subarray(0, 23)]), { verbose: 1 }).split("\n")[1],
    "    192.168.1.2 > 172.16.20.1:  [invalid len 23]",
  );
  // The checksum is still checked with -v (the field, 0x77a2, over 23 bytes is wrong).
  assert.match(
    at(MTRACE.subarray(0, 23), { verbose: 1 }),
    /: {2}\[invalid len 23\] bad igmp cksum 77a2!$/,
  );
  assert.equal(at(MTRACE, { quiet: true }), `${head}igmp`);
});

Deno.test("printIgmp() ends a traceroute query cut by the capture, as tcpdump does", () => {
  const whole = packet(MTRACE, "172.16.20.1");
  const cut = (n: number, options: TcpdumpOptions = {}) =>
    line(whole.subarray(0, whole.length - n), options, whole.length);
  assert.equal(cut(1), "IP 192.168.1.2 > 172.16.20.1:  [|igmp]");
  assert.equal(cut(20), "IP 192.168.1.2 > 172.16.20.1:  [|igmp]");
  // Every IGMP read is tcpdump's GET_ macro: a cut dumps the whole packet with -x.
  assert.equal(
    cut(20, { hex: 1 }),
    "IP 192.168.1.2 > 172.16.20.1:  [|igmp]\n" +
      "\t0x0000:  4600 0030 0000 4000 0102 630c c0a8 0102\n" +
      "\t0x0010:  ac10 1401 9404 0000 1f00 77a2",
  );
  assert.equal(cut(20, { quiet: true }), "IP 192.168.1.2 > 172.16.20.1: igmp");
});
