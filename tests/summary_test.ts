import assert from "node:assert/strict";
import {
  formatTimeOfDay,
  packetSummary,
  type TcpdumpOptions,
  TcpdumpPrinter,
} from "../lib/print/mod.ts";
import { decode, PacketParser } from "../lib/decode.ts";
import { LinkType } from "../lib/link_type.ts";
import { openCapture } from "../lib/formats/open_capture.ts";
import { capturesDir, hasCapture } from "./_pcap_fixture.ts";
import { hasCommand } from "./_shared.ts";
import { CASES } from "./_summary_cases.ts";
import { decodeHex } from "../lib/_hex.ts";

Deno.test("formatTimeOfDay() prints UTC hours, minutes, seconds and microseconds", () => {
  assert.equal(formatTimeOfDay(0n), "00:00:00.000000");
  assert.equal(formatTimeOfDay(1_369_953_917_270_862_999n), "22:45:17.270862");
  assert.equal(formatTimeOfDay(86_399_999_999_999n), "23:59:59.999999");
  assert.equal(formatTimeOfDay(-1n), "23:59:59.999999");
});

for (const [what, hex, originalLength, expected] of CASES) {
  Deno.test(`packetSummary() prints ${what} as tcpdump does`, () => {
    const data = decodeHex(hex);
    const packet = decode(LinkType.EN10MB, data);
    assert.equal(
      packetSummary(packet, { timestamp: 0n, originalLength }, { time: false }),
      expected,
    );
  });
}

Deno.test("packetSummary() reads a PacketParser that decoded from a shared buffer", () => {
  // Every case, one after the other in one buffer, through one reused parser: no field of
  // one packet may leak into the next line.
  const frames = CASES.map(([, hex]) => decodeHex(hex));
  const buffer = new Uint8Array(frames.reduce((n, frame) => n + frame.length + 3, 0)).fill(0xee);
  const offsets: number[] = [];
  let at = 0;
  for (const frame of frames) {
    offsets.push(at);
    buffer.set(frame, at);
    at += frame.length + 3;
  }
  const parser = new PacketParser();
  for (let round = 0; round < 2; round++) {
    for (const [i, [what, , originalLength, expected]] of CASES.entries()) {
      const start = offsets[i]!;
      parser.parse(LinkType.EN10MB, buffer, start, start + frames[i]!.length);
      const line = packetSummary(parser, { timestamp: 1_000_000n, originalLength }, { start });
      assert.equal(line, `00:00:00.001000 ${expected}`, what);
    }
  }
});

Deno.test("packetSummary() never throws on truncated or garbage frames", () => {
  const frames = CASES.map(([, hex]) => decodeHex(hex));
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x80000000;
  for (const frame of frames) {
    for (let n = 0; n <= frame.length; n++) {
      const cut = frame.subarray(0, n);
      const line = packetSummary(decode(LinkType.EN10MB, cut), {
        timestamp: 0n,
        originalLength: frame.length,
      });
      assert.equal(typeof line, "string");
    }
    for (let trial = 0; trial < 50; trial++) {
      const mangled = frame.slice();
      mangled[14 + Math.floor(random() * (mangled.length - 14))] = Math.floor(random() * 256);
      for (const linkType of [LinkType.EN10MB, LinkType.RAW, LinkType.LINUX_SLL, LinkType.NULL]) {
        const line = packetSummary(decode(linkType, mangled), {
          timestamp: 0n,
          originalLength: mangled.length,
        });
        assert.equal(typeof line, "string");
      }
    }
  }
});

/** Captures whose every line tcpdump prints, wirekit prints too (or its start, up to ":"). */
const MATCHED_CAPTURES = [
  "zeek/icmp_dot1q.pcap",
  "zeek/linuxsll-arp.pcap",
  "zeek/icmp/icmp6-nd-options.pcap",
  "zeek/tcp/option-sack.pcap",
  "zeek/tcp/timeout-with-pings.pcap",
  "zeek/ipv6-http-atomic-frag.pcap",
  "libpcap/gateway_or_not.pcap",
  "pcapplusplus/ICMPv6_echos.cap",
  "pcapplusplus/nanosecs_big_endian.pcap",
  "tcpdump/print-flags.pcap",
  "tcpdump/ipv6-routing-header.pcap",
  "gopacket/test_loopback.pcap",
];

Deno.test({
  name: "packetSummary() matches tcpdump -n -S line by line on real captures",
  ignore: !(await hasCommand("tcpdump")) || !MATCHED_CAPTURES.every(hasCapture),
  permissions: { read: true, run: true },
  async fn() {
    let exact = 0;
    let prefix = 0;
    let total = 0;
    for (const name of MATCHED_CAPTURES) {
      const path = new URL(name, capturesDir).pathname;
      const output = new Deno.Command("tcpdump", {
        args: ["-n", "-S", "-r", path],
        env: { TZ: "UTC" },
        stdout: "piped",
        stderr: "null",
      }).outputSync();
      const expected = new TextDecoder().decode(output.stdout).split("\n")
        .filter((line) => line !== "" && !line.startsWith("\t"));
      const lines: string[] = [];
      await using reader = await openCapture(path);
      for await (const record of reader) {
        lines.push(packetSummary(decode(record.linkType, record.data), record));
      }
      assert.equal(lines.length, expected.length, name);
      for (const [i, line] of lines.entries()) {
        const want = expected[i]!;
        total++;
        if (line === want) exact++;
        else if (want.startsWith(`${line}:`)) prefix++; // tcpdump went on to HTTP, DNS...
        else assert.equal(line, want, `${name} packet ${i + 1}`);
      }
    }
    console.log(
      `tcpdump -n -S: ${exact}/${total} lines identical, ${prefix} more identical up to ` +
        `the application layer`,
    );
  },
});

/**
 * A TCP connection over Ethernet (10.0.0.1:40000 <-> 10.0.0.2:8000): SYN, SYN-ACK, ACK,
 * 30 bytes of data, an ACK with a SACK block, and a FIN with a broken checksum, at
 * nanosecond times 1.500000123, 2.25, 2.250000999, 3600.000001, 90061 and 90062.
 */
const HANDSHAKE_FRAMES = [
  "02000000000202000000000108004500003c00074000400626b30a0000010a0000029c401f40000003e800000000a00201f6729e0000020405b40402080a000000010000000001030307",
  "02000000000102000000000208004500002c00074000400626c30a0000020a0000011f409c40000dbba0000003e9601201f607070000020405b4",
  "02000000000202000000000108004500002800074000400626c70a0000010a0000029c401f40000003e9000dbba1501001f61ec40000",
  "02000000000202000000000108004500004600074000400626a90a0000010a0000029c401f40000003e9000dbba1501801f6cb3b00006162636465666768696a6b6c6d6e6f707172737475767778797a61626364",
  "02000000000102000000000208004500003400074000400626bb0a0000020a0000011f409c40000dbba100000407801001f6e09e00000101050a000003e900000407",
  "02000000000102000000000208004500002800074000400626c70a0000020a0000011f409c40000dbba100000407501101f6e1a50000",
];
const HANDSHAKE_TIMES: readonly (readonly [number, number])[] = [
  [1, 500_000_123],
  [2, 250_000_000],
  [2, 250_000_999],
  [3600, 1000],
  [90061, 0],
  [90062, 0],
];

/** What `TZ=GMT0 tcpdump -n FLAGS -r` (4.99.3) printed for them, and the matching options. */
const HANDSHAKE_OUTPUTS: readonly (readonly [string, TcpdumpOptions, string])[] = [
  [
    "",
    {},
    "00:00:01.500000 IP 10.0.0.1.40000 > 10.0.0.2.8000: Flags [S], seq 1000, win 502, options [mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7], length 0\n00:00:02.250000 IP 10.0.0.2.8000 > 10.0.0.1.40000: Flags [S.], seq 900000, ack 1001, win 502, options [mss 1460], length 0\n00:00:02.250000 IP 10.0.0.1.40000 > 10.0.0.2.8000: Flags [.], ack 1, win 502, length 0\n01:00:00.000001 IP 10.0.0.1.40000 > 10.0.0.2.8000: Flags [P.], seq 1:31, ack 1, win 502, length 30\n01:01:01.000000 IP 10.0.0.2.8000 > 10.0.0.1.40000: Flags [.], ack 31, win 502, options [nop,nop,sack 1 {1:31}], length 0\n01:01:02.000000 IP 10.0.0.2.8000 > 10.0.0.1.40000: Flags [F.], seq 1, ack 31, win 502, length 0\n",
  ],
  [
    "-t",
    { timestamps: "none" },
    "IP 10.0.0.1.40000 > 10.0.0.2.8000: Flags [S], seq 1000, win 502, options [mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7], length 0\nIP 10.0.0.2.8000 > 10.0.0.1.40000: Flags [S.], seq 900000, ack 1001, win 502, options [mss 1460], length 0\nIP 10.0.0.1.40000 > 10.0.0.2.8000: Flags [.], ack 1, win 502, length 0\nIP 10.0.0.1.40000 > 10.0.0.2.8000: Flags [P.], seq 1:31, ack 1, win 502, length 30\nIP 10.0.0.2.8000 > 10.0.0.1.40000: Flags [.], ack 31, win 502, options [nop,nop,sack 1 {1:31}], length 0\nIP 10.0.0.2.8000 > 10.0.0.1.40000: Flags [F.], seq 1, ack 31, win 502, length 0\n",
  ],
  [
    "-tt",
    { timestamps: "unix" },
    "1.500000 IP 10.0.0.1.40000 > 10.0.0.2.8000: Flags [S], seq 1000, win 502, options [mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7], length 0\n2.250000 IP 10.0.0.2.8000 > 10.0.0.1.40000: Flags [S.], seq 900000, ack 1001, win 502, options [mss 1460], length 0\n2.250000 IP 10.0.0.1.40000 > 10.0.0.2.8000: Flags [.], ack 1, win 502, length 0\n3600.000001 IP 10.0.0.1.40000 > 10.0.0.2.8000: Flags [P.], seq 1:31, ack 1, win 502, length 30\n90061.000000 IP 10.0.0.2.8000 > 10.0.0.1.40000: Flags [.], ack 31, win 502, options [nop,nop,sack 1 {1:31}], length 0\n90062.000000 IP 10.0.0.2.8000 > 10.0.0.1.40000: Flags [F.], seq 1, ack 31, win 502, length 0\n",
  ],
  [
    "-ttt",
    { timestamps: "delta" },
    " 00:00:00.000000 IP 10.0.0.1.40000 > 10.0.0.2.8000: Flags [S], seq 1000, win 502, options [mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7], length 0\n 00:00:00.750000 IP 10.0.0.2.8000 > 10.0.0.1.40000: Flags [S.], seq 900000, ack 1001, win 502, options [mss 1460], length 0\n 00:00:00.000000 IP 10.0.0.1.40000 > 10.0.0.2.8000: Flags [.], ack 1, win 502, length 0\n 00:59:57.750001 IP 10.0.0.1.40000 > 10.0.0.2.8000: Flags [P.], seq 1:31, ack 1, win 502, length 30\n 00:01:00.999999 IP 10.0.0.2.8000 > 10.0.0.1.40000: Flags [.], ack 31, win 502, options [nop,nop,sack 1 {1:31}], length 0\n 00:00:01.000000 IP 10.0.0.2.8000 > 10.0.0.1.40000: Flags [F.], seq 1, ack 31, win 502, length 0\n",
  ],
  [
    "-tttt",
    { timestamps: "date" },
    "1970-01-01 00:00:01.500000 IP 10.0.0.1.40000 > 10.0.0.2.8000: Flags [S], seq 1000, win 502, options [mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7], length 0\n1970-01-01 00:00:02.250000 IP 10.0.0.2.8000 > 10.0.0.1.40000: Flags [S.], seq 900000, ack 1001, win 502, options [mss 1460], length 0\n1970-01-01 00:00:02.250000 IP 10.0.0.1.40000 > 10.0.0.2.8000: Flags [.], ack 1, win 502, length 0\n1970-01-01 01:00:00.000001 IP 10.0.0.1.40000 > 10.0.0.2.8000: Flags [P.], seq 1:31, ack 1, win 502, length 30\n1970-01-02 01:01:01.000000 IP 10.0.0.2.8000 > 10.0.0.1.40000: Flags [.], ack 31, win 502, options [nop,nop,sack 1 {1:31}], length 0\n1970-01-02 01:01:02.000000 IP 10.0.0.2.8000 > 10.0.0.1.40000: Flags [F.], seq 1, ack 31, win 502, length 0\n",
  ],
  [
    "-ttttt",
    { timestamps: "since-first" },
    " 00:00:00.000000 IP 10.0.0.1.40000 > 10.0.0.2.8000: Flags [S], seq 1000, win 502, options [mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7], length 0\n 00:00:00.750000 IP 10.0.0.2.8000 > 10.0.0.1.40000: Flags [S.], seq 900000, ack 1001, win 502, options [mss 1460], length 0\n 00:00:00.750000 IP 10.0.0.1.40000 > 10.0.0.2.8000: Flags [.], ack 1, win 502, length 0\n 00:59:58.500001 IP 10.0.0.1.40000 > 10.0.0.2.8000: Flags [P.], seq 1:31, ack 1, win 502, length 30\n 01:00:59.500000 IP 10.0.0.2.8000 > 10.0.0.1.40000: Flags [.], ack 31, win 502, options [nop,nop,sack 1 {1:31}], length 0\n 01:01:00.500000 IP 10.0.0.2.8000 > 10.0.0.1.40000: Flags [F.], seq 1, ack 31, win 502, length 0\n",
  ],
  [
    "--nano -tt",
    { timestamps: "unix", nano: true },
    "1.500000123 IP 10.0.0.1.40000 > 10.0.0.2.8000: Flags [S], seq 1000, win 502, options [mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7], length 0\n2.250000000 IP 10.0.0.2.8000 > 10.0.0.1.40000: Flags [S.], seq 900000, ack 1001, win 502, options [mss 1460], length 0\n2.250000999 IP 10.0.0.1.40000 > 10.0.0.2.8000: Flags [.], ack 1, win 502, length 0\n3600.000001000 IP 10.0.0.1.40000 > 10.0.0.2.8000: Flags [P.], seq 1:31, ack 1, win 502, length 30\n90061.000000000 IP 10.0.0.2.8000 > 10.0.0.1.40000: Flags [.], ack 31, win 502, options [nop,nop,sack 1 {1:31}], length 0\n90062.000000000 IP 10.0.0.2.8000 > 10.0.0.1.40000: Flags [F.], seq 1, ack 31, win 502, length 0\n",
  ],
  [
    "-S -t",
    { timestamps: "none", absoluteSequence: true },
    "IP 10.0.0.1.40000 > 10.0.0.2.8000: Flags [S], seq 1000, win 502, options [mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7], length 0\nIP 10.0.0.2.8000 > 10.0.0.1.40000: Flags [S.], seq 900000, ack 1001, win 502, options [mss 1460], length 0\nIP 10.0.0.1.40000 > 10.0.0.2.8000: Flags [.], ack 900001, win 502, length 0\nIP 10.0.0.1.40000 > 10.0.0.2.8000: Flags [P.], seq 1001:1031, ack 900001, win 502, length 30\nIP 10.0.0.2.8000 > 10.0.0.1.40000: Flags [.], ack 1031, win 502, options [nop,nop,sack 1 {1001:1031}], length 0\nIP 10.0.0.2.8000 > 10.0.0.1.40000: Flags [F.], seq 900001, ack 1031, win 502, length 0\n",
  ],
  [
    "-e -t",
    { timestamps: "none", link: true },
    "02:00:00:00:00:01 > 02:00:00:00:00:02, ethertype IPv4 (0x0800), length 74: 10.0.0.1.40000 > 10.0.0.2.8000: Flags [S], seq 1000, win 502, options [mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7], length 0\n02:00:00:00:00:02 > 02:00:00:00:00:01, ethertype IPv4 (0x0800), length 58: 10.0.0.2.8000 > 10.0.0.1.40000: Flags [S.], seq 900000, ack 1001, win 502, options [mss 1460], length 0\n02:00:00:00:00:01 > 02:00:00:00:00:02, ethertype IPv4 (0x0800), length 54: 10.0.0.1.40000 > 10.0.0.2.8000: Flags [.], ack 1, win 502, length 0\n02:00:00:00:00:01 > 02:00:00:00:00:02, ethertype IPv4 (0x0800), length 84: 10.0.0.1.40000 > 10.0.0.2.8000: Flags [P.], seq 1:31, ack 1, win 502, length 30\n02:00:00:00:00:02 > 02:00:00:00:00:01, ethertype IPv4 (0x0800), length 66: 10.0.0.2.8000 > 10.0.0.1.40000: Flags [.], ack 31, win 502, options [nop,nop,sack 1 {1:31}], length 0\n02:00:00:00:00:02 > 02:00:00:00:00:01, ethertype IPv4 (0x0800), length 54: 10.0.0.2.8000 > 10.0.0.1.40000: Flags [F.], seq 1, ack 31, win 502, length 0\n",
  ],
  [
    "-v -t",
    { timestamps: "none", verbose: 1 },
    "IP (tos 0x0, ttl 64, id 7, offset 0, flags [DF], proto TCP (6), length 60)\n    10.0.0.1.40000 > 10.0.0.2.8000: Flags [S], cksum 0x729e (correct), seq 1000, win 502, options [mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7], length 0\nIP (tos 0x0, ttl 64, id 7, offset 0, flags [DF], proto TCP (6), length 44)\n    10.0.0.2.8000 > 10.0.0.1.40000: Flags [S.], cksum 0x0707 (correct), seq 900000, ack 1001, win 502, options [mss 1460], length 0\nIP (tos 0x0, ttl 64, id 7, offset 0, flags [DF], proto TCP (6), length 40)\n    10.0.0.1.40000 > 10.0.0.2.8000: Flags [.], cksum 0x1ec4 (correct), ack 1, win 502, length 0\nIP (tos 0x0, ttl 64, id 7, offset 0, flags [DF], proto TCP (6), length 70)\n    10.0.0.1.40000 > 10.0.0.2.8000: Flags [P.], cksum 0xcb3b (correct), seq 1:31, ack 1, win 502, length 30\nIP (tos 0x0, ttl 64, id 7, offset 0, flags [DF], proto TCP (6), length 52)\n    10.0.0.2.8000 > 10.0.0.1.40000: Flags [.], cksum 0xe09e (correct), ack 31, win 502, options [nop,nop,sack 1 {1:31}], length 0\nIP (tos 0x0, ttl 64, id 7, offset 0, flags [DF], proto TCP (6), length 40)\n    10.0.0.2.8000 > 10.0.0.1.40000: Flags [F.], cksum 0xe1a5 (incorrect -> 0x1ea5), seq 1, ack 31, win 502, length 0\n",
  ],
  [
    "-X -t",
    { timestamps: "none", hex: 1, ascii: true },
    "IP 10.0.0.1.40000 > 10.0.0.2.8000: Flags [S], seq 1000, win 502, options [mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7], length 0\n\t0x0000:  4500 003c 0007 4000 4006 26b3 0a00 0001  E..<..@.@.&.....\n\t0x0010:  0a00 0002 9c40 1f40 0000 03e8 0000 0000  .....@.@........\n\t0x0020:  a002 01f6 729e 0000 0204 05b4 0402 080a  ....r...........\n\t0x0030:  0000 0001 0000 0000 0103 0307            ............\nIP 10.0.0.2.8000 > 10.0.0.1.40000: Flags [S.], seq 900000, ack 1001, win 502, options [mss 1460], length 0\n\t0x0000:  4500 002c 0007 4000 4006 26c3 0a00 0002  E..,..@.@.&.....\n\t0x0010:  0a00 0001 1f40 9c40 000d bba0 0000 03e9  .....@.@........\n\t0x0020:  6012 01f6 0707 0000 0204 05b4            `...........\nIP 10.0.0.1.40000 > 10.0.0.2.8000: Flags [.], ack 1, win 502, length 0\n\t0x0000:  4500 0028 0007 4000 4006 26c7 0a00 0001  E..(..@.@.&.....\n\t0x0010:  0a00 0002 9c40 1f40 0000 03e9 000d bba1  .....@.@........\n\t0x0020:  5010 01f6 1ec4 0000                      P.......\nIP 10.0.0.1.40000 > 10.0.0.2.8000: Flags [P.], seq 1:31, ack 1, win 502, length 30\n\t0x0000:  4500 0046 0007 4000 4006 26a9 0a00 0001  E..F..@.@.&.....\n\t0x0010:  0a00 0002 9c40 1f40 0000 03e9 000d bba1  .....@.@........\n\t0x0020:  5018 01f6 cb3b 0000 6162 6364 6566 6768  P....;..abcdefgh\n\t0x0030:  696a 6b6c 6d6e 6f70 7172 7374 7576 7778  ijklmnopqrstuvwx\n\t0x0040:  797a 6162 6364                           yzabcd\nIP 10.0.0.2.8000 > 10.0.0.1.40000: Flags [.], ack 31, win 502, options [nop,nop,sack 1 {1:31}], length 0\n\t0x0000:  4500 0034 0007 4000 4006 26bb 0a00 0002  E..4..@.@.&.....\n\t0x0010:  0a00 0001 1f40 9c40 000d bba1 0000 0407  .....@.@........\n\t0x0020:  8010 01f6 e09e 0000 0101 050a 0000 03e9  ................\n\t0x0030:  0000 0407                                ....\nIP 10.0.0.2.8000 > 10.0.0.1.40000: Flags [F.], seq 1, ack 31, win 502, length 0\n\t0x0000:  4500 0028 0007 4000 4006 26c7 0a00 0002  E..(..@.@.&.....\n\t0x0010:  0a00 0001 1f40 9c40 000d bba1 0000 0407  .....@.@........\n\t0x0020:  5011 01f6 e1a5 0000                      P.......\n",
  ],
];

for (const [flags, options, expected] of HANDSHAKE_OUTPUTS) {
  Deno.test(`TcpdumpPrinter prints a TCP connection as tcpdump -n ${flags} does`, () => {
    const printer = new TcpdumpPrinter({ ...options, utc: true });
    const parser = new PacketParser();
    for (const [i, hex] of HANDSHAKE_FRAMES.entries()) {
      const frame = decodeHex(hex);
      parser.parse(LinkType.EN10MB, frame);
      const [seconds, nanoseconds] = HANDSHAKE_TIMES[i]!;
      printer.print(parser, { seconds, nanoseconds, originalLength: frame.length });
    }
    assert.equal(new TextDecoder().decode(printer.take()), expected);
    assert.equal(printer.buffered, 0);
  });
}

Deno.test("TcpdumpPrinter.format() returns one packet and leaves the buffer alone", () => {
  const printer = new TcpdumpPrinter({ timestamps: "none" });
  const frame = decodeHex(HANDSHAKE_FRAMES[0]!);
  printer.print(decode(LinkType.EN10MB, frame), { seconds: 0, nanoseconds: 0, originalLength: 74 });
  const before = printer.buffered;
  const text = printer.format(decode(LinkType.EN10MB, frame), {
    seconds: 0,
    nanoseconds: 0,
    originalLength: 74,
  });
  assert.equal(text, expectedLine(0));
  assert.equal(printer.buffered, before);
});

function expectedLine(i: number): string {
  return HANDSHAKE_OUTPUTS[1]![2].split("\n")[i]!;
}

Deno.test("TcpdumpPrinter prints local time as the TZ variable says", () => {
  const previous = Deno.env.get("TZ");
  try {
    Deno.env.set("TZ", "Asia/Kolkata");
    const frame = decodeHex(HANDSHAKE_FRAMES[0]!);
    const record = { seconds: 1_700_000_000, nanoseconds: 123_456_789, originalLength: 74 };
    const time = new TcpdumpPrinter().format(decode(LinkType.EN10MB, frame), record);
    assert.ok(time.startsWith("03:43:20.123456 IP "), time);
    const date = new TcpdumpPrinter({ timestamps: "date" })
      .format(decode(LinkType.EN10MB, frame), record);
    assert.ok(date.startsWith("2023-11-15 03:43:20.123456 IP "), date);
    const utc = new TcpdumpPrinter({ utc: true }).format(decode(LinkType.EN10MB, frame), record);
    assert.ok(utc.startsWith("22:13:20.123456 IP "), utc);
  } finally {
    if (previous === undefined) Deno.env.delete("TZ");
    else Deno.env.set("TZ", previous);
  }
});

Deno.test("TcpdumpPrinter numbers packets with -#", () => {
  const printer = new TcpdumpPrinter({ timestamps: "none", number: true });
  const frame = decodeHex(HANDSHAKE_FRAMES[0]!);
  const record = { seconds: 0, nanoseconds: 0, originalLength: 74 };
  assert.equal(printer.format(decode(LinkType.EN10MB, frame), record), `    1  ${expectedLine(0)}`);
  assert.equal(printer.format(decode(LinkType.EN10MB, frame), record), `    2  ${expectedLine(0)}`);
});

Deno.test("TcpdumpPrinter prints IGMP as tcpdump does", () => {
  // IPv4 with a router alert option, IGMPv2 report for 224.0.0.251 (tcpdump -v output).
  const packet = decodeHex(
    "460000200000000001020000c0a8012fe00000fb94040000" + "16000904e00000fb",
  );
  const fixed = packet.slice();
  const record = { seconds: 0, nanoseconds: 0, originalLength: fixed.length, linkType: 101 };
  const line = new TcpdumpPrinter({ timestamps: "none" })
    .format(decode(LinkType.RAW, fixed), record);
  assert.equal(line, "IP 192.168.1.47 > 224.0.0.251: igmp v2 report 224.0.0.251");
});

Deno.test("TcpdumpPrinter never throws on truncated or garbage frames, whatever the options", () => {
  const frames = [
    ...CASES.map(([, hex]) => decodeHex(hex)),
    ...HANDSHAKE_FRAMES.map((hex) => decodeHex(hex)),
  ];
  const printers = [
    new TcpdumpPrinter(),
    new TcpdumpPrinter({ link: true, verbose: 2, hex: 2, ascii: true, timestamps: "delta" }),
    new TcpdumpPrinter({ quiet: true, timestamps: "since-first", nano: true, number: true }),
  ];
  const parser = new PacketParser();
  let seed = 11;
  const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x80000000;
  for (const frame of frames) {
    for (let n = 0; n <= frame.length; n++) {
      for (const linkType of [LinkType.EN10MB, LinkType.RAW, LinkType.LINUX_SLL, LinkType.NULL]) {
        parser.parse(linkType, frame, 0, n);
        for (const printer of printers) {
          printer.print(parser, { seconds: n, nanoseconds: 0, originalLength: frame.length });
        }
      }
    }
    for (let trial = 0; trial < 30; trial++) {
      const mangled = frame.slice();
      mangled[Math.floor(random() * mangled.length)] = Math.floor(random() * 256);
      parser.parse(LinkType.EN10MB, mangled);
      for (const printer of printers) {
        printer.print(parser, { seconds: 0, nanoseconds: 0, originalLength: mangled.length });
      }
    }
    for (const printer of printers) printer.take();
  }
});
