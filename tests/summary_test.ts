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

function bytes(hex: string): Uint8Array {
  return Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16));
}

function hasTcpdump(): boolean {
  try {
    return new Deno.Command("tcpdump", { args: ["--version"], stdout: "null", stderr: "null" })
      .outputSync().success;
  } catch {
    return false;
  }
}

/**
 * Ethernet frames built with scapy, with what `TZ=UTC tcpdump -n -S -r` (4.99.3) printed
 * for each after the time: [what, frame hex, length on the wire, tcpdump's line].
 */
const CASES: readonly (readonly [string, string, number, string])[] = [
  [
    "an unknown IPv4 protocol",
    "02000000000202000000000108004500002800010000406366700a0000010a0000027878787878787878787878787878787878787878",
    54,
    "IP 10.0.0.1 > 10.0.0.2:  ip-proto-99 20",
  ],
  [
    "an unknown IPv6 next header",
    "02000000000202000000000186dd600000000014634000000000000000000000000000000001000000000000000000000000000000027878787878787878787878787878787878787878",
    74,
    "IP6 ::1 > ::2:  ip-proto-99 20",
  ],
  [
    "a TCP SYN-ACK with options",
    "02000000000202000000000108004500003c00010000400666b90a0000010a00000204d215b30000000100000001a012020017660000020405b40402080a000000010000000001030307",
    74,
    "IP 10.0.0.1.1234 > 10.0.0.2.5555: Flags [S.], seq 1, ack 1, win 512, options [mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7], length 0",
  ],
  [
    "TCP with SACK blocks and payload",
    "02000000000202000000000108004500004100010000400666b40a0000010a00000204d215b30000006400000005a0182000c6790000010105120000000a000000140000001e0000002868656c6c6f",
    79,
    "IP 10.0.0.1.1234 > 10.0.0.2.5555: Flags [P.], seq 100:105, ack 5, win 8192, options [nop,nop,sack 2 {10:20}{30:40}], length 5",
  ],
  [
    "TCP with every flag, an urgent pointer and an unknown option",
    "02000000000202000000000108004500003000010000400666c50a0000010a00000204d215b3000000000000000070ed20007bfe00036304616200000000",
    62,
    "IP 10.0.0.1.1234 > 10.0.0.2.5555: Flags [FRPUEW], seq 0, win 8192, urg 3, options [unknown-99 0x6162,eol], length 0",
  ],
  [
    "TCP with no flags",
    "02000000000202000000000108004500002800010000400666cd0a0000010a00000204d215b3000000000000000050002000615d0000",
    54,
    "IP 10.0.0.1.1234 > 10.0.0.2.5555: Flags [none], win 8192, length 0",
  ],
  [
    "ICMP host unreachable",
    "02000000000202000000000108004500003800010000400166c20a0000010a00000203011a2c000000004500001c0001000040115dbd0a0000020a090909000100020008e2c7",
    70,
    "IP 10.0.0.1 > 10.0.0.2: ICMP host 10.9.9.9 unreachable, length 36",
  ],
  [
    "ICMP TCP port unreachable",
    "02000000000202000000000108004500004400010000400166b60a0000010a00000203031a2b00000000450000280001000040065dbc0a0000020a0909090001000200000000000000005002200072cc0000",
    82,
    "IP 10.0.0.1 > 10.0.0.2: ICMP 10.9.9.9 tcp port 2 unreachable, length 48",
  ],
  [
    "ICMP need to frag",
    "02000000000202000000000108004500004400010000400166b60a0000010a000002030414b200000578450000280001000040065dbc0a0000020a0909090001000200000000000000005002200072cc0000",
    82,
    "IP 10.0.0.1 > 10.0.0.2: ICMP 10.9.9.9 unreachable - need to frag (mtu 1400), length 48",
  ],
  [
    "ICMP protocol unreachable",
    "02000000000202000000000108004500003000010000400166ca0a0000010a0000020302fcfd000000004500001400010000402f5da70a0000020a090909",
    62,
    "IP 10.0.0.1 > 10.0.0.2: ICMP 10.9.9.9 protocol 47 unreachable, length 28",
  ],
  [
    "ICMP reassembly time exceeded",
    "02000000000202000000000108004500003000010000400166ca0a0000010a0000020b01f4fe000000004500001400010000402f5da70a0000020a090909",
    62,
    "IP 10.0.0.1 > 10.0.0.2: ICMP ip reassembly time exceeded, length 28",
  ],
  [
    "ICMP parameter problem",
    "02000000000202000000000108004500003000010000400166ca0a0000010a0000020c00eeff050000004500001400010000402f5da70a0000020a090909",
    62,
    "IP 10.0.0.1 > 10.0.0.2: ICMP parameter problem - octet 5, length 28",
  ],
  [
    "ICMP source quench",
    "02000000000202000000000108004500003000010000400166ca0a0000010a0000020400fbff000000004500001400010000402f5da70a0000020a090909",
    62,
    "IP 10.0.0.1 > 10.0.0.2: ICMP source quench, length 28",
  ],
  [
    "an unknown ICMP type",
    "02000000000202000000000108004500001c00010000400166de0a0000010a0000024d00b2ff00000000",
    42,
    "IP 10.0.0.1 > 10.0.0.2: ICMP type-#77, length 8",
  ],
  [
    "an ICMP address mask reply",
    "02000000000202000000000108004500002000010000400166da0a0000010a0000021200eefe00000000ffffff00",
    46,
    "IP 10.0.0.1 > 10.0.0.2: ICMP address mask is 0xffffff00, length 12",
  ],
  [
    "an ICMPv6 echo request",
    "02000000000202000000000186dd60000000000c3a4000000000000000000000000000000001000000000000000000000000000000028000bae40005000661626364",
    66,
    "IP6 ::1 > ::2: ICMP6, echo request, id 5, seq 6, length 12",
  ],
  [
    "ICMPv6 port unreachable",
    "02000000000202000000000186dd6000000000383a40000000000000000000000000000000010000000000000000000000000000000201048d570000000060000000000811400000000000000000000000000000000200000000000000000000000000000003000100350008ffa3",
    110,
    "IP6 ::1 > ::2: ICMP6, destination unreachable, unreachable port, ::3 udp port 53, length 56",
  ],
  [
    "ICMPv6 packet too big",
    "02000000000202000000000186dd6000000000383a4000000000000000000000000000000001000000000000000000000000000000020200875b0000050060000000000811400000000000000000000000000000000200000000000000000000000000000003000100350008ffa3",
    110,
    "IP6 ::1 > ::2: ICMP6, packet too big, mtu 1280, length 56",
  ],
  [
    "ICMPv6 time exceeded",
    "02000000000202000000000186dd6000000000383a40000000000000000000000000000000010000000000000000000000000000000203008b5b0000000060000000000811400000000000000000000000000000000200000000000000000000000000000003000100350008ffa3",
    110,
    "IP6 ::1 > ::2: ICMP6, time exceeded in-transit for ::3, length 56",
  ],
  [
    "an ICMPv6 parameter problem",
    "02000000000202000000000186dd6000000000383a40000000000000000000000000000000010000000000000000000000000000000204018a320000002860000000000811400000000000000000000000000000000200000000000000000000000000000003000100350008ffa3",
    110,
    "IP6 ::1 > ::2: ICMP6, parameter problem, next header - octet 40, length 56",
  ],
  [
    "an ICMPv6 router solicitation",
    "02000000000202000000000186dd6000000000083aff000000000000000000000000000000010000000000000000000000000000000285007aba00000000",
    62,
    "IP6 ::1 > ::2: ICMP6, router solicitation, length 8",
  ],
  [
    "an ICMPv6 redirect",
    "02000000000202000000000186dd6000000000283aff00000000000000000000000000000001000000000000000000000000000000028900768f000000000000000000000000000000000000000500000000000000000000000000000006",
    94,
    "IP6 ::1 > ::2: ICMP6, redirect, ::6 to ::5, length 40",
  ],
  [
    "an ICMPv6 multicast listener query",
    "02000000000202000000000186dd6000000000183a0100000000000000000000000000000001000000000000000000000000000000028200569a2710000000000000000000000000000000000000",
    78,
    "IP6 ::1 > ::2: ICMP6, multicast listener querymax resp delay: 10000 addr: ::, length 24",
  ],
  [
    "UDP over IPv6",
    "02000000000202000000000186dd60000000000f11400000000000000000000000000000000100000000000000000000000000000002045708ae000f09597a7a7a7a7a7a7a",
    69,
    "IP6 ::1.1111 > ::2.2222: UDP, length 7",
  ],
  [
    "UDP with a bad length",
    "02000000000202000000000108004500002300010000401166c70a0000010a000002045708ae0064f5037a7a7a7a7a7a7a",
    49,
    "IP 10.0.0.1.1111 > 10.0.0.2.2222: UDP, bad length 92 > 7",
  ],
  [
    "an IPv4 non-first fragment",
    "02000000000202000000000108004500001b0001000a400666d00a0000010a0000027a7a7a7a7a7a7a",
    41,
    "IP 10.0.0.1 > 10.0.0.2: ip-proto-6",
  ],
  [
    "an IPv4 first fragment",
    "02000000000202000000000108004500002300012000401146c70a0000010a000002045708ae000ff5587a7a7a7a7a7a7a",
    49,
    "IP 10.0.0.1.1111 > 10.0.0.2.2222: UDP, length 7",
  ],
  [
    "IPv4 in IPv4",
    "02000000000202000000000108004500003000010000400466c70a0000010a0000024500001c00010000401174cb0101010102020202045708ae0008ecd3",
    62,
    "IP 10.0.0.1 > 10.0.0.2: IP 1.1.1.1.1111 > 2.2.2.2.2222: UDP, length 0",
  ],
  [
    "IPv6 in IPv4",
    "020000000002020000000001080045000044000100004029668e0a0000010a00000260000000000811400000000000000000000000000000000100000000000000000000000000000002045708ae0008f2d6",
    82,
    "IP 10.0.0.1 > 10.0.0.2: IP6 ::1.1111 > ::2.2222: UDP, length 0",
  ],
  [
    "ESP",
    "02000000000202000000000108004500002c000100004032669d0a0000010a000002000012340000000771717171717171717171717171717171",
    58,
    "IP 10.0.0.1 > 10.0.0.2: ESP(spi=0x00001234,seq=0x7), length 24",
  ],
  [
    "an IPv6 first fragment",
    "02000000000202000000000186dd6000000000172c4000000000000000000000000000000001000000000000000000000000000000021100000100001234045708ae000f09597a7a7a7a7a7a7a",
    77,
    "IP6 ::1 > ::2: frag (0|15) 1111 > 2222: UDP, length 7",
  ],
  [
    "an IPv6 later fragment",
    "02000000000202000000000186dd60000000000f2c40000000000000000000000000000000010000000000000000000000000000000211000050000012347a7a7a7a7a7a7a",
    69,
    "IP6 ::1 > ::2: frag (80|7)",
  ],
  [
    "an IPv6 routing header",
    "02000000000202000000000186dd60000000002c2b400000000000000000000000000000000100000000000000000000000000000002060202010000000000000000000000000000000000000009000100020000000000000000500220008fd60000",
    98,
    "IP6 ::1 > ::2: RT6 (len=2, type=2, segleft=1, [0]::9) 1 > 2: Flags [S], seq 0, win 8192, length 0",
  ],
  [
    "IPv6 hop-by-hop and destination options",
    "02000000000202000000000186dd600000000024004000000000000000000000000000000001000000000000000000000000000000023c000104000000000600010400000000000100020000000000000000500220008fdd0000",
    90,
    "IP6 ::1 > ::2: HBH DSTOPT 1 > 2: Flags [S], seq 0, win 8192, length 0",
  ],
  [
    "QinQ VLAN tags",
    "020000000002020000000001810000058100000608004500001c00010000401166ce0a0000010a000002000100020008ebd8",
    50,
    "IP 10.0.0.1.1 > 10.0.0.2.2: UDP, length 0",
  ],
  [
    "an ARP request with a target MAC",
    "020000000002020000000001080600010800060400010200000000010a0000010200000000090a000002",
    42,
    "ARP, Request who-has 10.0.0.2 (02:00:00:00:00:09) tell 10.0.0.1, length 28",
  ],
  [
    "an ARP reply",
    "020000000002020000000001080600010800060400020200000000010a0000010000000000000a000002",
    42,
    "ARP, Reply 10.0.0.1 is-at 02:00:00:00:00:01, length 28",
  ],
  [
    "a RARP request",
    "020000000002020000000001080600010800060400030200000000010a0000010200000000090a000002",
    42,
    "ARP, Reverse Request who-is 02:00:00:00:00:09 tell 02:00:00:00:00:01, length 28",
  ],
  [
    "a RARP reply",
    "020000000002020000000001080600010800060400040200000000010a0000010200000000090a000002",
    42,
    "ARP, Reverse Reply 02:00:00:00:00:09 at 10.0.0.2, length 28",
  ],
  [
    "an InARP reply",
    "020000000002020000000001080600010800060400090200000000010a0000010000000000000a000002",
    42,
    "ARP, Inverse Reply 02:00:00:00:00:01 at 10.0.0.1, length 28",
  ],
  [
    "an ICMP echo request",
    "02000000000202000000000108004500003000010000400166ca0a0000010a00000208009394000300047070707070707070707070707070707070707070",
    62,
    "IP 10.0.0.1 > 10.0.0.2: ICMP echo request, id 3, seq 4, length 28",
  ],
  [
    "an ICMP redirect",
    "02000000000202000000000108004500003000010000400166ca0a0000010a0000020500f0010a0000fe4500001400010000402f5da70a0000020a090909",
    62,
    "IP 10.0.0.1 > 10.0.0.2: ICMP redirect 10.9.9.9 to net 10.0.0.254, length 28",
  ],
  [
    "an ICMP timestamp request",
    "02000000000202000000000108004500002800010000400166d20a0000010a0000020d00fc860001000200e3fbee00e3fbee00e3fbee",
    54,
    "IP 10.0.0.1 > 10.0.0.2: ICMP time stamp query id 1 seq 2, length 20",
  ],
  ["an Ethernet header cut at 10 bytes", "02000000000202000000", 58, " [|ether]"],
  ["an IPv4 header cut at 20 bytes", "02000000000202000000000108004500002c0001", 58, "IP  [|ip]"],
  [
    "an IPv4 header cut at 30 bytes",
    "02000000000202000000000108004500002c00010000400666c90a000001",
    58,
    "IP  [|ip]",
  ],
  [
    "a TCP header cut at 40 bytes",
    "02000000000202000000000108004500002c00010000400666c90a0000010a00000204d215b30000",
    58,
    "IP 10.0.0.1.1234 > 10.0.0.2.5555:  [|tcp]",
  ],
  [
    "a TCP header cut at 50 bytes",
    "02000000000202000000000108004500002c00010000400666c90a0000010a00000204d215b3000000000000000060022000",
    58,
    "IP 10.0.0.1.1234 > 10.0.0.2.5555:  [|tcp]",
  ],
  ["an IPv6 header cut at 20 bytes", "02000000000202000000000186dd600000000008", 62, " [|ip6]"],
  [
    "a UDP header cut at 54 bytes",
    "02000000000202000000000186dd60000000000811400000000000000000000000000000000100000000000000000000000000000002",
    62,
    "IP6 ::1 > ::2:  [|udp]",
  ],
  [
    "a UDP header cut at 58 bytes",
    "02000000000202000000000186dd6000000000081140000000000000000000000000000000010000000000000000000000000000000200010002",
    62,
    "IP6 ::1.1 > ::2.2:  [|udp]",
  ],
  [
    "a UDP header cut at 61 bytes",
    "02000000000202000000000186dd60000000000811400000000000000000000000000000000100000000000000000000000000000002000100020008ff",
    62,
    "IP6 ::1.1 > ::2.2:  [|udp]",
  ],
  ["an ARP header cut at 20 bytes", "0200000000020200000000010806000108000604", 42, " [|arp]"],
  [
    "an ARP header cut at 30 bytes",
    "020000000002020000000001080600010800060400010200000000010a00",
    42,
    " [|arp]",
  ],
  [
    "an ICMP header cut at 36 bytes",
    "02000000000202000000000108004500003000010000400166ca0a0000010a0000020800",
    62,
    "IP 10.0.0.1 > 10.0.0.2:  [|icmp]",
  ],
  [
    "an ICMP header cut at 40 bytes",
    "02000000000202000000000108004500003000010000400166ca0a0000010a000002080093940003",
    62,
    "IP 10.0.0.1 > 10.0.0.2:  [|icmp]",
  ],
];

Deno.test("formatTimeOfDay() prints UTC hours, minutes, seconds and microseconds", () => {
  assert.equal(formatTimeOfDay(0n), "00:00:00.000000");
  assert.equal(formatTimeOfDay(1_369_953_917_270_862_999n), "22:45:17.270862");
  assert.equal(formatTimeOfDay(86_399_999_999_999n), "23:59:59.999999");
  assert.equal(formatTimeOfDay(-1n), "23:59:59.999999");
});

for (const [what, hex, originalLength, expected] of CASES) {
  Deno.test(`packetSummary() prints ${what} as tcpdump does`, () => {
    const data = bytes(hex);
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
  const frames = CASES.map(([, hex]) => bytes(hex));
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
  const frames = CASES.map(([, hex]) => bytes(hex));
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
  ignore: !hasTcpdump() || !MATCHED_CAPTURES.every(hasCapture),
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
      const frame = bytes(hex);
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
  const frame = bytes(HANDSHAKE_FRAMES[0]!);
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
    const frame = bytes(HANDSHAKE_FRAMES[0]!);
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
  const frame = bytes(HANDSHAKE_FRAMES[0]!);
  const record = { seconds: 0, nanoseconds: 0, originalLength: 74 };
  assert.equal(printer.format(decode(LinkType.EN10MB, frame), record), `    1  ${expectedLine(0)}`);
  assert.equal(printer.format(decode(LinkType.EN10MB, frame), record), `    2  ${expectedLine(0)}`);
});

Deno.test("TcpdumpPrinter prints IGMP as tcpdump does", () => {
  // IPv4 with a router alert option, IGMPv2 report for 224.0.0.251 (tcpdump -v output).
  const packet = bytes(
    "460000200000000001020000c0a8012fe00000fb94040000" + "16000904e00000fb",
  );
  const fixed = packet.slice();
  const record = { seconds: 0, nanoseconds: 0, originalLength: fixed.length, linkType: 101 };
  const line = new TcpdumpPrinter({ timestamps: "none" })
    .format(decode(LinkType.RAW, fixed), record);
  assert.equal(line, "IP 192.168.1.47 > 224.0.0.251: igmp v2 report 224.0.0.251");
});

Deno.test("TcpdumpPrinter never throws on truncated or garbage frames, whatever the options", () => {
  const frames = [...CASES.map(([, hex]) => bytes(hex)), ...HANDSHAKE_FRAMES.map(bytes)];
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
