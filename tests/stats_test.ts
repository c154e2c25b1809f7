// Tests of lib/stats' tshark statistics (conversations, endpoints, io_stat,
// protocol_hierarchy, tshark_statistics) and scripts/stats.ts, and their conformance with
// `tshark -n -q -z SPEC` (tshark 4.0): the output must be byte for byte the same for
// testdata/ and a sample of ../shared/captures/, except the cases listed in EXCEPTIONS
// with their reason; an excepted case that starts to agree fails the test too.

import assert from "node:assert/strict";
import { PacketParser } from "../lib/decode.ts";
import {
  buildEthernet,
  buildIcmpv6Echo,
  buildIpv4,
  buildIpv6,
  buildTcp,
  buildUdp,
} from "../lib/craft/mod.ts";
import { ConversationTable, formatConversations } from "../lib/stats/conversations.ts";
import { EndpointTable, formatEndpoints } from "../lib/stats/endpoints.ts";
import {
  formatIoStat,
  formatIoStatChunks,
  IoStatTable,
  MAX_IO_STAT_ROWS,
  parseIoStatInterval,
} from "../lib/stats/io_stat.ts";
import { formatProtocolHierarchy, ProtocolHierarchy } from "../lib/stats/protocol_hierarchy.ts";
import {
  captureStatistics,
  formatStatistic,
  parseStatisticSpec,
  type StatisticResult,
} from "../lib/stats/tshark_statistics.ts";
import { hasTshark } from "./_tshark.ts";
import { pcapBytes } from "../lib/formats/pcap_writer.ts";
import { IP_UDP } from "./_ip_fixture.ts";
import { withTempDir } from "./_temp_dir.ts";
import {
  decodedCorpusFiles,
  pool,
  readThenClose,
  runScript,
  sharedCaptures,
  testdataDir,
} from "./_shared.ts";

const SCRIPT = "scripts/stats.ts";
const haveTshark = await hasTshark();

const MAC_A = "02:00:00:00:00:01";
const MAC_B = "02:00:00:00:00:02";

function udp(
  source: string,
  destination: string,
  sourcePort: number,
  destinationPort: number,
  payload: Uint8Array = new Uint8Array(10),
) {
  const datagram = buildUdp({ source, destination, sourcePort, destinationPort, payload });
  const ip = buildIpv4({ source, destination, protocol: 17, payload: datagram });
  const [from, to] = source < destination ? [MAC_A, MAC_B] : [MAC_B, MAC_A];
  return buildEthernet({ source: from, destination: to, etherType: 0x0800, payload: ip });
}

function tcp(source: string, destination: string, sourcePort: number, destinationPort: number) {
  const segment = buildTcp({
    source,
    destination,
    sourcePort,
    destinationPort,
    flags: { syn: true },
  });
  const ip = buildIpv4({ source, destination, protocol: 6, payload: segment });
  return buildEthernet({ source: MAC_A, destination: MAC_B, etherType: 0x0800, payload: ip });
}

/** Feeds frames, one per 1.5 s, to a callback with a parser that decoded each. */
function feed(
  frames: Uint8Array[],
  add: (parser: PacketParser, seconds: number, nanoseconds: number, length: number) => void,
): void {
  const parser = new PacketParser();
  frames.forEach((frame, i) => {
    parser.parse(1, frame);
    add(parser, 1000 + Math.floor(i * 1.5), (i % 2) * 500_000_000, frame.length);
  });
}

// ---------------------------------------------------------------------------------------
// The accumulators

Deno.test("ConversationTable() counts IPv4 pairs both ways, A being the first source", () => {
  const table = new ConversationTable("ip");
  feed([
    udp("10.0.0.2", "10.0.0.1", 53, 4000),
    udp("10.0.0.1", "10.0.0.2", 4000, 53),
    udp("10.0.0.1", "10.0.0.3", 4000, 53),
    udp("10.0.0.1", "10.0.0.2", 4000, 53),
  ], (parser, s, ns, length) => table.add(parser, s, ns, length));
  const conversations = table.result();
  assert.deepEqual(conversations.map((c) => [c.addressA, c.addressB, c.framesAToB, c.framesBToA]), [
    ["10.0.0.2", "10.0.0.1", 1, 2],
    ["10.0.0.1", "10.0.0.3", 1, 0],
  ]);
  assert.equal(conversations[0]!.relativeStart, 0);
  assert.equal(conversations[0]!.duration, 4.5);
  assert.equal(conversations[1]!.relativeStart, 3);
  const lines = formatConversations("ip", conversations).split("\n");
  assert.equal(
    lines[5],
    "10.0.0.2             <-> 10.0.0.1                   2 120 bytes       1 60 bytes        3 180 bytes     0.000000000         4.5000",
  );
});

Deno.test("ConversationTable() takes TCP and UDP conversations from FlowTable, with ports", () => {
  const table = new ConversationTable("tcp");
  feed([tcp("10.0.0.1", "10.0.0.2", 40000, 80), udp("10.0.0.1", "10.0.0.2", 1, 2)], (
    parser,
    s,
    ns,
    length,
  ) => table.add(parser, s, ns, length));
  const conversations = table.result();
  assert.deepEqual(conversations.map((c) => [c.addressA, c.portA, c.addressB, c.portB]), [
    ["10.0.0.1", 40000, "10.0.0.2", 80],
  ]);
  assert.match(formatConversations("tcp", conversations), /\n {12} {47}\| {7}<- {6}\|/);
});

Deno.test("formatConversations() writes sizes as Wireshark's format_size()", () => {
  const conversation = {
    addressA: "a",
    portA: null,
    addressB: "b",
    portB: null,
    framesAToB: 1,
    bytesAToB: 9999,
    framesBToA: 1,
    bytesBToA: 12_345_678,
    relativeStart: 0,
    duration: 0,
  };
  const line = formatConversations("eth", [conversation]).split("\n")[5]!;
  assert.match(line, / 1 12 MB {5} +1 9999 bytes +2 12 MB /);
});

Deno.test("EndpointTable() counts what each endpoint sent and received, most frames first", () => {
  const table = new EndpointTable("udp");
  feed([
    udp("10.0.0.1", "10.0.0.2", 4000, 53),
    udp("10.0.0.2", "10.0.0.1", 53, 4000),
    udp("10.0.0.3", "10.0.0.2", 4001, 53),
  ], (parser, _s, _ns, length) => table.add(parser, length));
  const endpoints = table.result();
  assert.deepEqual(endpoints.map((e) => [`${e.address}:${e.port}`, e.txFrames, e.rxFrames]), [
    ["10.0.0.2:53", 1, 2],
    ["10.0.0.1:4000", 1, 1],
    ["10.0.0.3:4001", 1, 0],
  ]);
  const lines = formatEndpoints("udp", endpoints).split("\n");
  assert.equal(
    lines[4],
    "10.0.0.2                     53          3           180          1              60           2             120   ",
  );
});

Deno.test("formatIoStat() pushes the border out for seconds of more than 5 digits, as tshark", () => {
  // tshark 4.0 -z io,stat,0 and -z io,stat,100000 on two 60-byte packets 123456 s apart.
  const whole = formatIoStat({
    intervalMicros: 0,
    durationMicros: 123_456_000_000,
    rows: [{ index: 0, start: 0, frames: 2, bytes: 120 }],
  }).split("\n");
  assert.equal(whole[4], "| Duration: 123456.0 secs              |");
  assert.equal(whole[5], "| Interval: 123456.0 secs              |");
  assert.equal(whole[12], "|     0.0 <> 123456.0 |      2 |   120 |");
  const split = formatIoStat({
    intervalMicros: 100_000_000_000,
    durationMicros: 123_456_000_000,
    rows: [
      { index: 0, start: 0, frames: 1, bytes: 60 },
      { index: 1, start: 100_000, frames: 1, bytes: 60 },
    ],
  }).split("\n");
  assert.equal(split[4], "| Duration: 123456.     0 secs     |");
  assert.equal(split[5], "| Interval: 100000 secs            |");
  assert.equal(split[12], "|     0 <> 100000 |      1 |    60 |");
  assert.equal(split[13], "| 100000 <> Dur   |      1 |    60 |");
});

Deno.test("formatIoStat() sizes its columns by the capture's counts when it prints no row", () => {
  // tshark 4.0 -z io,stat,0 on one packet of 262144 bytes (tcpdump's arp-too-long-tha.pcap).
  const lines = formatIoStat({
    intervalMicros: 0,
    durationMicros: 0,
    rows: [{ index: 0, start: 0, frames: 1, bytes: 262_144 }],
  }).split("\n");
  assert.equal(lines[1], "=".repeat(36));
  assert.equal(lines[10], "| Interval       | Frames |  Bytes |");
  assert.equal(lines.length, 14);
});

Deno.test("IoStatTable() counts a packet earlier than the latest one's interval in it", () => {
  // tshark's table only moves on: timestamps going back (or a pcapng simple packet's
  // missing one) land in the interval of the packet before.
  const table = new IoStatTable(parseIoStatInterval("1"));
  for (
    const [seconds, nanoseconds] of [[100, 0], [102, 500_000_000], [101, 0], [90, 0], [103, 0]]
  ) {
    table.add(seconds!, nanoseconds!, 60);
  }
  const result = table.result();
  assert.deepEqual(result.rows.map((row) => [row.index, row.frames]), [[0, 1], [2, 3], [3, 1]]);
  assert.equal(result.durationMicros, 3_000_000);
});

Deno.test("IoStatTable() refuses a capture of more intervals than MAX_IO_STAT_ROWS, naming the remedy", () => {
  const table = new IoStatTable(parseIoStatInterval("1"));
  table.add(1000, 0, 60);
  table.add(1000 + MAX_IO_STAT_ROWS - 1, 0, 60); // the last row it keeps
  assert.throws(() => table.add(1000 + MAX_IO_STAT_ROWS, 0, 60), {
    name: "RangeError",
    code: "too-many-intervals",
    message:
      "Cannot count io,stat,1: packet 3 is 1000000000.0 s after the first, more than 1000000000 intervals; give a longer interval",
  });
  // Only the intervals holding frames are kept.
  assert.deepEqual(table.result().rows.map((row) => row.index), [0, MAX_IO_STAT_ROWS - 1]);
});

/** A pcap of two raw IPv4 datagrams, `seconds` apart. */
async function twoPackets(path: string, seconds: bigint): Promise<string> {
  const times = [1_323_000_000n, 1_323_000_000n + seconds];
  const records = times.map((s) => ({ timestamp: s * 1_000_000_000n, data: IP_UDP }));
  await Deno.writeFile(path, pcapBytes(records, { linkType: 101 }));
  return path;
}

Deno.test({
  name: "scripts/stats.ts says in one line that an interval is too short for the capture",
  permissions: { read: true, write: true, run: true },
  async fn() {
    await withTempDir(async (dir) => {
      // Two packets three years apart (zeek's ssh.pcap has such a pair): 94 million seconds.
      const path = await twoPackets(`${dir}/years.pcap`, 94_000_000n);
      const tooMany = runScript(SCRIPT, ["-z", "io,stat,0.01", path]);
      assert.equal(tooMany.code, 1);
      assert.match(tooMany.stderr, /^Cannot count io,stat,0\.01: .*; give a longer interval\n$/);
      const fitted = runScript(SCRIPT, ["-z", "io,stat,1000", path]);
      assert.equal(fitted.code, 0, fitted.stderr);
      // As tshark 4.0 prints it (compared by hand): every interval, empty ones too.
      assert.match(fitted.stdout, /^\| {5}0 <> {2}1000 \| {6}1 \| {4}30 \|$/m);
      assert.equal(
        fitted.stdout.split("\n").filter((line) => line.includes(" <> ")).length,
        94_000,
      );
    });
  },
});

Deno.test("formatIoStatChunks() yields three million intervals in pieces of whole lines", () => {
  const chunks = formatIoStatChunks({
    intervalMicros: 1_000_000,
    durationMicros: 3_000_000_000_000,
    rows: [
      { index: 0, start: 0, frames: 1, bytes: 28 },
      { index: 2_999_999, start: 2_999_999, frames: 2, bytes: 56 },
    ],
  });
  let rows = 0, pieces = 0, longest = 0, first = "", last = "";
  for (const chunk of chunks) {
    pieces++;
    longest = Math.max(longest, chunk.length);
    assert.ok(chunk.endsWith("\n"));
    for (const line of chunk.split("\n")) {
      if (!line.includes(" <> ")) continue;
      if (rows++ === 0) first = line;
      last = line;
    }
  }
  assert.equal(rows, 3_000_000);
  assert.ok(pieces > 1000 && longest < 70_000, `${pieces} pieces, the longest ${longest}`);
  assert.equal(first, "|     0 <>     1 |      1 |    28 |");
  assert.equal(last, "| 2999999 <> Dur   |      2 |    56 |");
});

Deno.test({
  name: "scripts/stats.ts prints every interval of a capture spanning weeks, as tshark 4.0",
  permissions: { read: true, write: true, run: true, env: ["PATH"] },
  async fn() {
    await withTempDir(async (dir) => {
      // Two weeks in one-second intervals: 1.2 million rows, written piece by piece.
      const path = await twoPackets(`${dir}/weeks.pcap`, 1_209_600n);
      const output = runScript(SCRIPT, ["-z", "io,stat,1", path]);
      assert.equal(output.code, 0, output.stderr);
      const rows = output.stdout.split("\n").filter((line) => line.includes(" <> "));
      assert.equal(rows.length, 1_209_600);
      assert.equal(rows[0], "|     0 <>     1 |      1 |    30 |");
      assert.equal(rows[1], "|     1 <>     2 |      0 |     0 |");
      if (!haveTshark) return;
      const sections = await tsharkStatistics(path, ["io,stat,1"]);
      assert.ok(sections !== undefined, `tshark cannot read ${path}`);
      assert.ok(output.stdout === sections[0], "differs from tshark 4.0's table");
    });
  },
});

Deno.test({
  name: "scripts/stats.ts ends quietly when the reader of its output closes the pipe",
  permissions: { read: true, write: true, run: true },
  async fn() {
    await withTempDir(async (dir) => {
      const path = await twoPackets(`${dir}/weeks.pcap`, 1_209_600n);
      const run = await readThenClose(["--allow-read", SCRIPT, "-z", "io,stat,1", path]);
      assert.deepEqual(run, { code: 0, stderr: "" });
    });
  },
});

/** Durations (seconds after a first packet at 100 s) whose rounding tshark 4.0 prints its way. */
const ROUNDED_DURATIONS = [10.25, 10.26, 99.95, 99.96, 9.9995, 9.99951, 1.0005, 123.45];

Deno.test({
  name: "formatIoStat() rounds and pads the duration as tshark 4.0 does, at every interval",
  ignore: !haveTshark,
  permissions: { read: true, write: true, run: ["tshark"], env: ["PATH"] },
  async fn() {
    await withTempDir(async (dir) => {
      let compared = 0;
      const captures = [
        ...ROUNDED_DURATIONS.map((d) => [100, 100 + d]),
        [100, 105.5, 103.2, 108, 101, 110.25, 109.9],
        [100, 99, 98.5, 101, 90, 102],
      ];
      for (const [n, times] of captures.entries()) {
        const path = `${dir}/times${n}.pcap`;
        await Deno.writeFile(
          path,
          pcapBytes(times.map((t) => ({
            timestamp: BigInt(Math.round(t * 1e6)) * 1000n,
            data: new Uint8Array(60),
          }))),
        );
        const specs = ["0", "0.01", "0.1", "1", "2.5"].map((interval) => `io,stat,${interval}`);
        const sections = await tsharkStatistics(path, specs);
        assert.ok(sections !== undefined, `tshark cannot read ${path}`);
        const results = await captureStatistics(path, specs.map(parseStatisticSpec));
        results.forEach((result, i) => {
          assert.equal(formatStatistic(result), sections[i], `${times.join(", ")} at ${specs[i]}`);
          compared++;
        });
      }
      assert.equal(compared, 50);
    });
  },
});

Deno.test("formatIoStat() formats a table of 300,000 rows", () => {
  const rows = Array.from({ length: 300_000 }, (_, i) => ({
    index: i,
    start: i,
    frames: 1,
    bytes: 60,
  }));
  const text = formatIoStat({ intervalMicros: 1_000_000, durationMicros: 300_000_000_000, rows });
  const lines = text.split("\n");
  assert.equal(lines.filter((line) => /^\| +\d+ <> /.test(line)).length, 300_000);
  assert.equal(lines.at(-3), "| 299999 <> Dur   |      1 |    60 |");
});

Deno.test("IoStatTable() counts per interval and formatIoStat() prints tshark's table", () => {
  const table = new IoStatTable(parseIoStatInterval("2"));
  feed([
    udp("10.0.0.1", "10.0.0.2", 1, 2),
    udp("10.0.0.1", "10.0.0.2", 1, 2),
    tcp("10.0.0.1", "10.0.0.2", 1, 2),
    udp("10.0.0.1", "10.0.0.2", 1, 2),
  ], (
    _parser,
    s,
    ns,
    length,
  ) => table.add(s, ns, length));
  const result = table.result();
  assert.equal(result.durationMicros, 4_500_000);
  assert.deepEqual(result.rows.map((row) => row.frames), [2, 1, 1]);
  const text = formatIoStat(result);
  assert.match(text, /\| Duration: 4\.500000 secs {3}\|\n\| Interval: 2 secs {10}\|/);
  assert.ok(
    text.includes(
      "|  0 <> 2  |      2 |   120 |\n|  2 <> 4  |      1 |    60 |\n|  4 <> Dur|      1 |    60 |\n",
    ),
    text,
  );
  assert.throws(() => parseIoStatInterval("-1"), RangeError);
  assert.throws(() => parseIoStatInterval("0.0000001"), /at least 0\.000001 seconds/);
});

Deno.test("ProtocolHierarchy() counts each protocol of each path once per frame", () => {
  const hierarchy = new ProtocolHierarchy();
  feed([udp("10.0.0.1", "10.0.0.2", 1, 2), tcp("10.0.0.1", "10.0.0.2", 1, 2)], (
    parser,
    _s,
    _ns,
    length,
  ) => hierarchy.add(parser, length));
  assert.equal(
    formatProtocolHierarchy(hierarchy.result()),
    "\n" + "=".repeat(67) + "\nProtocol Hierarchy Statistics\nFilter: \n\n" +
      "eth                                      frames:2 bytes:120\n" +
      "  ip                                     frames:2 bytes:120\n" +
      "    udp                                  frames:1 bytes:60\n" +
      "      data                               frames:1 bytes:60\n" +
      "    tcp                                  frames:1 bytes:60\n" +
      "=".repeat(67) + "\n",
  );
});

Deno.test("ProtocolHierarchy() counts data under an ICMP error only for a quoted UDP payload", () => {
  // Time exceeded quoting an IPv4 UDP datagram whose length field says `udpLength`, with 12
  // bytes more inside the quoted IP packet (its payload) or after it (RFC 4884 extensions).
  // tshark 4.0 shows data for the first case alone.
  const timeExceeded = (udpLength: number, inside: boolean) => {
    const udp = new Uint8Array(8 + (inside ? 12 : 0));
    udp.set([0xc0, 0x1d, 0x82, 0xa5, udpLength >> 8, udpLength & 0xff, 0, 0]);
    const quote = buildIpv4({
      source: "10.0.0.1",
      destination: "10.0.0.9",
      protocol: 17,
      payload: udp,
    });
    const icmp = new Uint8Array(8 + quote.length + (inside ? 0 : 12));
    icmp[0] = 11;
    icmp.set(quote, 8);
    const ip = buildIpv4({
      source: "10.0.0.5",
      destination: "10.0.0.1",
      protocol: 1,
      payload: icmp,
    });
    return buildEthernet({ source: MAC_B, destination: MAC_A, etherType: 0x0800, payload: ip });
  };
  const paths = (frame: Uint8Array) => {
    const hierarchy = new ProtocolHierarchy();
    feed([frame], (parser, _s, _ns, length) => hierarchy.add(parser, length));
    return formatProtocolHierarchy(hierarchy.result()).split("\n").filter((line) =>
      /frames/.test(line)
    )
      .map((line) => line.trim().split(/ +/)[0]);
  };
  assert.deepEqual(paths(timeExceeded(20, true)), ["eth", "ip", "icmp", "data"]);
  assert.deepEqual(paths(timeExceeded(8, true)), ["eth", "ip", "icmp"]);
  assert.deepEqual(paths(timeExceeded(20, false)), ["eth", "ip", "icmp"]);
  assert.deepEqual(paths(timeExceeded(8, false)), ["eth", "ip", "icmp"]);
});

Deno.test("ProtocolHierarchy() names an 802.1ad service tag ieee8021ad, as Wireshark", () => {
  const tags = new Uint8Array(8 + IP_UDP.length);
  tags.set([0, 100, 0x81, 0x00, 0, 10, 0x08, 0x00]);
  tags.set(IP_UDP, 8);
  const hierarchy = new ProtocolHierarchy();
  feed(
    [buildEthernet({ source: MAC_A, destination: MAC_B, etherType: 0x88a8, payload: tags })],
    (parser, _s, _ns, length) => hierarchy.add(parser, length),
  );
  const names = formatProtocolHierarchy(hierarchy.result()).split("\n")
    .filter((line) => /frames/.test(line)).map((line) => line.trim().split(/ +/)[0]);
  assert.deepEqual(names, ["eth", "ieee8021ad", "vlan", "ip", "udp", "data"]);
});

Deno.test("ProtocolHierarchy() marks cut headers _ws.short or _ws.malformed and names mDNS and LCP", () => {
  // What tshark 4.0's io,phs shows for these five frames (checked by writing them to a pcap).
  const tcpFrame = tcp("10.0.0.1", "10.0.0.2", 1, 2);
  const cutTcp = tcpFrame.subarray(0, 44);
  const mdns = (payload: Uint8Array) => udp("10.0.0.1", "224.0.0.251", 5353, 5353, payload);
  // PPPoE session 1 carrying an LCP Echo-Request.
  const lcp = new Uint8Array([0x11, 0, 0, 1, 0, 10, 0xc0, 0x21, 9, 1, 0, 8, 1, 2, 3, 4]);
  const frames: [Uint8Array, number][] = [
    [cutTcp, tcpFrame.length], // the capture cut the TCP header: _ws.short
    [cutTcp, cutTcp.length], // the frame itself ends in it: _ws.malformed
    [mdns(new Uint8Array(12)), 0],
    [mdns(new Uint8Array(6)), 0], // a DNS header cut by the UDP length
    [buildEthernet({ source: MAC_A, destination: MAC_B, etherType: 0x8864, payload: lcp }), 0],
  ];
  const parser = new PacketParser();
  const hierarchy = new ProtocolHierarchy();
  for (const [frame, length] of frames) {
    parser.parse(1, frame);
    hierarchy.add(parser, length || frame.length);
  }
  const lines = formatProtocolHierarchy(hierarchy.result()).split("\n")
    .filter((line) => /frames/.test(line)).map((line) => line.replace(/ {2,}frames:/, " "));
  assert.deepEqual(lines, [
    "eth 5 bytes:284",
    "  ip 4 bytes:224",
    "    tcp 2 bytes:104",
    "      _ws.short 1 bytes:60",
    "      _ws.malformed 1 bytes:44",
    "    udp 2 bytes:120",
    "      mdns 2 bytes:120",
    "        _ws.malformed 1 bytes:60",
    "  pppoes 1 bytes:60",
    "    ppp 1 bytes:60",
    "      lcp 1 bytes:60",
  ]);
});

Deno.test("ProtocolHierarchy() marks a DNS message cut by the capture _ws.short", () => {
  // A query for a.example whose capture ends inside its question (tshark: dns, _ws.short).
  const question = Uint8Array.of(1, 0x61, 7, ...new TextEncoder().encode("example"), 0, 0, 1, 0, 1);
  const message = Uint8Array.of(0x12, 0x34, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, ...question);
  const frame = udp("10.0.0.1", "10.0.0.2", 40000, 53, message);
  const names = (captured: number) => {
    const parser = new PacketParser();
    const hierarchy = new ProtocolHierarchy();
    parser.parse(1, frame.subarray(0, captured));
    hierarchy.add(parser, frame.length);
    return formatProtocolHierarchy(hierarchy.result()).split("\n")
      .filter((line) => /frames/.test(line)).map((line) => line.trim().split(/ +/)[0]);
  };
  assert.deepEqual(names(frame.length), ["eth", "ip", "udp", "dns"]);
  assert.deepEqual(names(frame.length - 4), ["eth", "ip", "udp", "dns", "_ws.short"]);
});

Deno.test("ProtocolHierarchy() names raw IP, loop and SSDP, and counts no AH after IPv6", () => {
  // What tshark 4.0's io,phs shows for these frames (checked by writing them to pcaps).
  const [a6, b6] = ["2001:db8::1", "2001:db8::2"];
  const echo = buildIcmpv6Echo({ source: a6, destination: b6 });
  const ah = new Uint8Array(24 + echo.length); // next header ICMPv6, 12 bytes of ICV
  ah.set([58, 4, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]);
  ah.set(echo, 24);
  const ipv6 = buildIpv6({ source: a6, destination: b6, nextHeader: 51, payload: ah });
  const notify = new TextEncoder().encode(
    "NOTIFY * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\n\r\n",
  );
  const ssdp = udp("10.0.0.1", "239.255.255.250", 50000, 1900, notify);
  // An ECTP reply (function 1, little-endian) with receipt number 7, then two bytes.
  const loop = new Uint8Array([0, 0, 1, 0, 7, 0, 0xaa, 0xbb]);
  const frames: [number, Uint8Array][] = [
    [1, buildEthernet({ source: MAC_A, destination: MAC_B, etherType: 0x86dd, payload: ipv6 })],
    [1, ssdp],
    [1, buildEthernet({ source: MAC_A, destination: MAC_B, etherType: 0x9000, payload: loop })],
    [101, IP_UDP],
  ];
  const parser = new PacketParser();
  const hierarchy = new ProtocolHierarchy();
  for (const [linkType, frame] of frames) {
    parser.parse(linkType, frame);
    hierarchy.add(parser, frame.length);
  }
  const lines = formatProtocolHierarchy(hierarchy.result()).split("\n")
    .filter((line) => /frames/.test(line)).map((line) =>
      line.replace(/ {2,}frames:\d+ bytes:\d+/, "")
    );
  assert.deepEqual(lines, [
    "eth",
    "  ipv6",
    "    icmpv6",
    "  ip",
    "    udp",
    "      ssdp",
    "  loop",
    "    data",
    "raw",
    "  ip",
    "    udp",
    "      data",
  ]);
});

Deno.test("parseStatisticSpec() takes tshark's spellings and rejects the others", () => {
  assert.deepEqual(parseStatisticSpec("io,phs"), { kind: "io,phs" });
  assert.deepEqual(parseStatisticSpec("endpoints,eth"), { kind: "endpoints", type: "eth" });
  assert.deepEqual(parseStatisticSpec("io,stat,0"), { kind: "io,stat", intervalMicros: 0 });
  for (const bad of ["io,phs,tcp", "conv,tcp,ip.addr==1.2.3.4", "io,stat,x", "expert", ""]) {
    assert.throws(() => parseStatisticSpec(bad), (error: Error & { code?: string }) => {
      assert.ok(error.code === "invalid-statistic", bad);
      return true;
    });
  }
});

// ---------------------------------------------------------------------------------------
// scripts/stats.ts

Deno.test({
  name: "scripts/stats.ts prints several statistics in tshark's order",
  permissions: { read: true, run: true },
  fn() {
    const { code, stdout, stderr } = runScript(SCRIPT, [
      "-z",
      "io,phs",
      "-z",
      "conv,tcp",
      "testdata/namespaces.pcap",
    ]);
    assert.equal(stderr, "");
    assert.equal(code, 0);
    assert.ok(stdout.startsWith("=".repeat(80) + "\nTCP Conversations\n"));
    assert.match(stdout, /\neth {38}frames:46 bytes:3596\n/);
    assert.match(
      stdout,
      /\n10\.77\.0\.1:47282 +<-> 10\.77\.0\.2:7777 +6 434 bytes +8 566 bytes +14 1000 bytes +15\.211739000 +0\.0113\n/,
    );
  },
});

Deno.test({
  name: "scripts/stats.ts --json prints the statistics in the order asked for",
  permissions: { read: true, run: true },
  fn() {
    const { code, stdout } = runScript(SCRIPT, [
      "--json",
      "-z",
      "endpoints,ip",
      "-z",
      "io,stat,5",
      "testdata/namespaces.pcap",
    ]);
    assert.equal(code, 0);
    const json = JSON.parse(stdout);
    assert.equal(json.file, "testdata/namespaces.pcap");
    assert.deepEqual(json.statistics.map((s: { spec: string }) => s.spec), [
      "endpoints,ip",
      "io,stat,5",
    ]);
    assert.deepEqual(json.statistics[0].endpoints[0], {
      address: "10.77.0.1",
      port: null,
      txFrames: 13,
      txBytes: 955,
      rxFrames: 11,
      rxBytes: 895,
    });
    assert.deepEqual(
      json.statistics[1].ioStat.rows.map((row: { frames: number }) => row.frames),
      [14, 6, 2, 24],
    );
  },
});

Deno.test({
  name: "scripts/stats.ts names the missing --allow-read, and fails on usage and bad files",
  permissions: { read: true, run: true },
  fn() {
    const missing = runScript(SCRIPT, ["-z", "io,phs", "testdata/namespaces.pcap"], false);
    assert.equal(missing.code, 2);
    assert.equal(
      missing.stderr,
      "Cannot run scripts/stats.ts: missing permission --allow-read\n" +
        "Run it as: deno run --allow-read scripts/stats.ts -z SPEC [-z SPEC...] [--json] FILE\n",
    );
    const help = runScript(SCRIPT, ["-h"], false);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: .*\nOptions:\n {2}-z SPEC/);
    assert.equal(runScript(SCRIPT, ["testdata/namespaces.pcap"]).code, 2);
    const bad = runScript(SCRIPT, ["-z", "conv,wlan", "testdata/namespaces.pcap"]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^Unknown statistic: conv,wlan \(/);
    assert.equal(bad.stderr.split("\n").length, 2);
    const unreadable = runScript(SCRIPT, ["-z", "io,phs", "testdata/no-such-file.pcap"]);
    assert.equal(unreadable.code, 1);
    assert.match(unreadable.stderr, /^Cannot read testdata\/no-such-file\.pcap: /);
  },
});

// ---------------------------------------------------------------------------------------
// Conformance with tshark

/** The statistics compared; io,stat also at an interval fitted to each file ({@linkcode fittedInterval}). */
const SPECS = [
  "io,phs",
  "io,stat,0",
  "conv,eth",
  "conv,ip",
  "conv,ipv6",
  "conv,tcp",
  "conv,udp",
  "endpoints,eth",
  "endpoints,ip",
  "endpoints,ipv6",
  "endpoints,tcp",
  "endpoints,udp",
];

const FRAGMENTS =
  "tshark reassembles IP fragments and counts the datagram (its UDP or TCP header, its IPv6 " +
  "addresses) at the frame of its last fragment; wirekit's statistics read each frame as captured";
const REASSEMBLY =
  "tshark's protocol hierarchy follows its TCP reassembly (tcp.segments, HTTP bodies as " +
  "data-text-lines, messages counted once); wirekit decodes each segment on its own";
const TLS =
  "wirekit has no TLS layer (lib/app/tls.ts reads reassembled streams): tshark's tls is data";
const WLAN =
  "tshark marks malformed 802.11 frames (_ws.malformed) and shows a frame body wirekit leaves " +
  "undecoded as data";
const COMMENT = "tshark counts pcapng packet comments as a pkt_comment protocol above the link";
const HIERARCHY =
  "tshark's protocol hierarchy names protocols wirekit does not decode or decodes otherwise " +
  "(malformed frames, padding and trailers, DNS over odd ports...); " +
  "not analysed one by one";
const MALFORMED = "a malformed or cut TCP header that tshark and wirekit count differently";

/** The cases (`FILE SPEC`) where wirekit and tshark differ, and why. */
const EXCEPTIONS: Readonly<Record<string, string>> = {
  "testdata/deno_tls.pcap io,phs": "TLS on ports 4443/4444: tshark finds it by its " +
    "heuristic dissector, wirekit's hierarchy counts payloads by port and shows data",
  "testdata/deno_quic.pcap io,phs": "QUIC on UDP 4443: tshark finds it (and a coalesced " +
    "second packet) by its heuristic dissector, wirekit's hierarchy shows data",
  "testdata/fragments_ipv4.pcap io,phs": FRAGMENTS,
  "testdata/fragments_ipv4.pcap conv,udp": FRAGMENTS,
  "testdata/fragments_ipv4.pcap endpoints,udp": FRAGMENTS,
  "testdata/fragments_ipv6.pcap io,phs": FRAGMENTS,
  "testdata/fragments_ipv6.pcap conv,ipv6": FRAGMENTS,
  "testdata/fragments_ipv6.pcap endpoints,ipv6": FRAGMENTS,
  "testdata/fragments_ipv6.pcap conv,udp": FRAGMENTS,
  "testdata/fragments_ipv6.pcap endpoints,udp": FRAGMENTS,
  "testdata/http_sessions.pcap io,phs": REASSEMBLY,
  "testdata/tls_handshakes.pcap io,phs": TLS,
  "testdata/wlan_frames.pcap io,phs": WLAN,
  "testdata/namespaces_be.pcapng io,phs": COMMENT,
  "testdata/http_lossy.pcap io,phs": REASSEMBLY,
  "testdata/http_lossy_reordered.pcap io,phs": REASSEMBLY,
  "testdata/dtls_handshakes.pcap io,phs": TLS,
  "tcpdump/afs.pcap io,phs": FRAGMENTS,
  "tcpdump/afs.pcap conv,udp": FRAGMENTS,
  "tcpdump/afs.pcap endpoints,udp": FRAGMENTS,
  "zeek/ipv4/fragmented-1.pcap io,phs": FRAGMENTS,
  "zeek/ipv4/fragmented-1.pcap conv,udp": FRAGMENTS,
  "zeek/ipv4/fragmented-1.pcap endpoints,udp": FRAGMENTS,
  "tcpdump/mptcp-dss-oobr.pcap conv,tcp": MALFORMED,
  "tcpdump/mptcp-dss-oobr.pcap endpoints,tcp": MALFORMED,
  "tcpdump/mptcp-dss-oobr.pcap io,phs": HIERARCHY,
  "rusticata/err-buffertoosmall.pcapng io,phs": HIERARCHY,
  "tcpdump/dns_fwdptr.pcap io,phs": HIERARCHY,
  "tcpdump/icmp-cksum-oobr-1.pcap io,phs": HIERARCHY,
  "tcpdump/LINKTYPE_IPV6_invalid.pcap io,phs": HIERARCHY,
  "tcpdump/tfo-5c1fa7f9ae91.pcap io,phs": HIERARCHY,
  "zeek/tcp/window-scale-range.pcap io,phs": HIERARCHY,
  "zeek/vlan-qinqinq.pcap io,phs": HIERARCHY,
};

/**
 * Splits tshark's output into its statistics: each starts with a rule of `=` followed by
 * its title (io,stat and io,phs with the empty line before it).
 */
function splitSections(text: string): string[] {
  const lines = text.split("\n");
  const starts: number[] = [];
  const title =
    /^(?:\w+ Conversations|\w+ Endpoints|\| IO Statistics +\||Protocol Hierarchy Statistics)$/;
  for (let i = 0; i + 1 < lines.length; i++) {
    if (/^=+$/.test(lines[i]!) && title.test(lines[i + 1]!)) {
      starts.push(i > 0 && lines[i - 1] === "" ? i - 1 : i);
    }
  }
  return starts.map((start, i) =>
    lines.slice(start, starts[i + 1] ?? lines.length - 1).join("\n") + "\n"
  );
}

/**
 * tshark's `-n -q -z SPEC` outputs over a capture, in the order of `specs`; `undefined`
 * when tshark fails or prints another number of statistics.
 */
async function tsharkStatistics(path: string, specs: string[]): Promise<string[] | undefined> {
  const output = await new Deno.Command("tshark", {
    args: ["-n", "-q", "-r", path, ...specs.flatMap((spec) => ["-z", spec])],
    stdout: "piped",
    stderr: "null",
  }).output();
  // tshark prints its statistics last asked first.
  const sections = splitSections(new TextDecoder().decode(output.stdout)).toReversed();
  return output.success && sections.length === specs.length ? sections : undefined;
}

interface Outcome {
  name: string;
  spec: string;
  agrees: boolean;
}

/**
 * An io,stat interval that gives a capture at most 200 rows (tshark takes long over
 * millions of rows): the smallest of 0.001, 0.01... 100000 seconds that does.
 */
function fittedInterval(durationMicros: number): string {
  for (let exponent = -3; exponent < 5; exponent++) {
    if (durationMicros / 1e6 / 10 ** exponent <= 200) return `${10 ** exponent}`;
  }
  return "100000";
}

async function compareFile(name: string, path: string): Promise<Outcome[] | string> {
  let duration: number;
  try {
    const [whole] = await captureStatistics(path, [{ kind: "io,stat", intervalMicros: 0 }]);
    duration = whole !== undefined && "ioStat" in whole ? whole.ioStat.durationMicros : 0;
  } catch (error) {
    return `wirekit cannot read it: ${(error as Error).message}`;
  }
  const specs = [...SPECS, `io,stat,${fittedInterval(duration)}`];
  const sections = await tsharkStatistics(path, specs);
  if (sections === undefined) return "tshark cannot read it";
  const results: StatisticResult[] = await captureStatistics(path, specs.map(parseStatisticSpec));
  return results.map((result, i) => ({
    name,
    spec: i === SPECS.length ? "io,stat,N" : specs[i]!,
    agrees: formatStatistic(result) === sections[i],
  }));
}

Deno.test({
  name: "scripts/stats.ts statistics equal tshark's -z output, except the listed cases",
  ignore: !haveTshark,
  permissions: { read: true, run: ["tshark"], env: ["PATH"] },
  async fn() {
    const files: [string, string][] = [];
    for (const entry of Deno.readDirSync(testdataDir)) {
      if (/\.pcap(ng)?$/.test(entry.name)) {
        files.push([`testdata/${entry.name}`, new URL(entry.name, testdataDir).pathname]);
      }
    }
    const corpus = sharedCaptures();
    if (corpus !== undefined) {
      // A fixed sample: every sixth file the decode tests use.
      const names = (await decodedCorpusFiles(corpus)).sort().filter((_, i) => i % 6 === 0);
      for (const name of names) files.push([name, new URL(name, corpus).pathname]);
    }
    files.sort((a, b) => a[0].localeCompare(b[0]));
    const outcomes = await pool(files, 2, ([name, path]) => compareFile(name, path));
    const failures: string[] = [];
    const skipped: string[] = [];
    let compared = 0;
    let agreed = 0;
    outcomes.forEach((outcome, i) => {
      if (typeof outcome === "string") {
        skipped.push(`${files[i]![0]} (${outcome})`);
        return;
      }
      for (const { name, spec, agrees } of outcome) {
        compared++;
        if (agrees) agreed++;
        const reason = EXCEPTIONS[`${name} ${spec}`];
        if (!agrees && reason === undefined) failures.push(`${name} ${spec}: differs from tshark`);
        if (agrees && reason !== undefined) {
          failures.push(`${name} ${spec}: listed in EXCEPTIONS but agrees with tshark now`);
        }
      }
    });
    const seen = new Set(files.map(([name]) => name));
    for (const key of Object.keys(EXCEPTIONS)) {
      const name = key.slice(0, key.lastIndexOf(" "));
      if (seen.has(name)) continue;
      if (name.startsWith("testdata/") || corpus !== undefined) {
        failures.push(`${key}: listed in EXCEPTIONS but not compared`);
      }
    }
    console.log(
      `stats conformance: ${files.length} files, ${compared} statistics compared, ${agreed} ` +
        `identical, ${Object.keys(EXCEPTIONS).length} excepted; not compared: ` +
        (skipped.length === 0 ? "none" : skipped.join(", ")),
    );
    assert.ok(compared >= SPECS.length * 10, `only ${compared} statistics compared`);
    if (corpus !== undefined) {
      assert.ok(files.length > 20, "the corpus sample was not compared");
    }
    assert.deepEqual(failures, []);
  },
});
