import assert from "node:assert/strict";
import { decode, decodeStrict, PacketParser } from "../lib/decode.ts";
import { DecodeError } from "../lib/errors.ts";
import { decodeIpv6, Ipv6, ipv6Decoder } from "../lib/net/ipv6.ts";
import { LinkType } from "../lib/link_type.ts";
import { foldChecksum, sumWords } from "../lib/checksum.ts";
import { Registry } from "../lib/registry.ts";
import { capturesDir, hasCapture, readCapture, tsharkFields } from "./_pcap_fixture.ts";
import { hasTshark } from "./_tshark.ts";
import { decodeHex as hex } from "../lib/_hex.ts";

// tcpdump/LINKTYPE_RAW_ipv6.pcap, packet 1 (tcpdump -vvx):
// IP6 (hlim 64, next-header UDP (17) payload length: 37) 2001:db8::1.12345 > 2620:fe::9.53:
//     [udp sum ok] 4660+ A? example.com. (29)
const UDP_PACKET = hex(`
  6000 0000 0025 1140 2001 0db8 0000 0000
  0000 0000 0000 0001 2620 00fe 0000 0000
  0000 0000 0000 0009 3039 0035 0025 98b3
  1234 0100 0001 0000 0000 0000 0765 7861
  6d70 6c65 0363 6f6d 0000 0100 01`);

// tcpdump/ipv6-srh-ext-header.pcap (tcpdump -vxx):
// IP6 (flowlabel 0x889ad, hlim 64, next-header Routing (43) payload length: 144)
//     a:b:c:12::1 > a:b:c:2::f1:0: RT6 (len=4, type=4, segleft=1, last-entry=1, flags=0x0,
//     tag=0, [0]a:b:c:3::d6, [1]a:b:c:2::f1:0) IP6 (flowlabel 0x889ad, hlim 64, next-header
//     ICMPv6 (58) payload length: 64) a:b:c:12::1 > b2::2: [icmp6 sum ok] ICMP6, echo request
const SRH_FRAME = hex(`
  0800 2720 6bcf 0800 27c2 2da5 86dd 6008
  89ad 0090 2b40 000a 000b 000c 0012 0000
  0000 0000 0001 000a 000b 000c 0002 0000
  0000 00f1 0000 2904 0401 0100 0000 000a
  000b 000c 0003 0000 0000 0000 00d6 000a
  000b 000c 0002 0000 0000 00f1 0000 6008
  89ad 0040 3a40 000a 000b 000c 0012 0000
  0000 0000 0001 00b2 0000 0000 0000 0000
  0000 0000 0002 8000 635e 06ee 0001 03c5
  475a 0000 0000 0a5e 0000 0000 0000 1011
  1213 1415 1617 1819 1a1b 1c1d 1e1f 2021
  2223 2425 2627 2829 2a2b 2c2d 2e2f 3031
  3233 3435 3637`);

// tcpdump/ipv6-routing-header.pcap, packet 2 (tcpdump -vvxx):
// IP6 (hlim 5, next-header Routing (43) payload length: 48) 2200::244:212:3fff:feae:22f7 >
//     2200::211:2:0:0:2: RT6 (len=4, type=0 [Deprecated], segleft=2, rsv=0x0,
//     [0]2200::210:2:0:0:4, [1]2200::240:2:0:0:4) [icmp6 sum ok] ICMP6, echo request, id 0
const ROUTING_FRAME = hex(`
  0013 c4c7 84f0 0012 3fae 22f7 86dd 6000
  0000 0030 2b05 2200 0000 0000 0244 0212
  3fff feae 22f7 2200 0000 0000 0211 0002
  0000 0000 0002 3a04 0002 0000 0000 2200
  0000 0000 0210 0002 0000 0000 0004 2200
  0000 0000 0240 0002 0000 0000 0004 8000
  d37b 0000 0000`);

Deno.test("decodeIpv6() reads every field", () => {
  const ip = decodeIpv6(SRH_FRAME, 14);
  assert.equal(ip.kind, "ipv6");
  assert.equal(ip.offset, 14);
  assert.equal(ip.version, 6);
  assert.equal(ip.headerLength, 40);
  assert.equal(ip.trafficClass, 0);
  assert.equal(ip.dscp, 0);
  assert.equal(ip.ecn, 0);
  assert.equal(ip.flowLabel, 0x889ad);
  assert.equal(ip.payloadLength, 144);
  assert.equal(ip.nextHeader, 43);
  assert.equal(ip.hopLimit, 64);
  assert.equal(ip.source, "a:b:c:12::1");
  assert.equal(ip.destination, "a:b:c:2::f1:0");
  assert.deepEqual(ip.sourceBytes, SRH_FRAME.subarray(22, 38));
  assert.deepEqual(ip.destinationBytes, SRH_FRAME.subarray(38, 54));
  assert.equal(ip.end, SRH_FRAME.length);
  assert.equal(ip.payload.length, 144);
  assert.deepEqual(ip.toJSON(), {
    version: 6,
    trafficClass: 0,
    flowLabel: 0x889ad,
    payloadLength: 144,
    nextHeader: 43,
    hopLimit: 64,
    source: "a:b:c:12::1",
    destination: "a:b:c:2::f1:0",
  });
});

Deno.test("decodeIpv6() splits the traffic class into DSCP and ECN", () => {
  const packet = UDP_PACKET.slice();
  packet.set([0x6b, 0x9f, 0xff, 0xff]);
  const ip = decodeIpv6(packet);
  assert.equal(ip.trafficClass, 0xb9);
  assert.equal(ip.dscp, 46);
  assert.equal(ip.ecn, 1);
  assert.equal(ip.flowLabel, 0xfffff);
});

Deno.test("decodeIpv6() trims the payload to the payload length", () => {
  const padded = new Uint8Array([...UDP_PACKET, 0, 0, 0, 0]);
  const ip = decodeIpv6(padded);
  assert.equal(ip.end, 40 + 37);
  assert.equal(ip.payload.length, 37);
  for (let n = 40; n <= UDP_PACKET.length; n++) {
    assert.equal(decodeIpv6(UDP_PACKET.subarray(0, n)).end, n);
  }
});

Deno.test("decodeIpv6() reads a payload length of 0 as empty unless a hop-by-hop header follows", () => {
  const packet = new Uint8Array([...UDP_PACKET, 0xee]);
  packet[4] = 0;
  packet[5] = 0;
  const ip = decodeIpv6(packet);
  assert.equal(ip.payloadLength, 0);
  assert.equal(ip.end, 40);
  assert.equal(ip.payload.length, 0);
  packet[6] = 0;
  const jumbo = decodeIpv6(packet);
  assert.equal(jumbo.end, packet.length);
  assert.equal(jumbo.payload.length, 38);
});

Deno.test("decodeIpv6() rejects a truncated header", () => {
  for (let n = 0; n < 40; n++) {
    assert.throws(() => decodeIpv6(UDP_PACKET.subarray(0, n)), (error) => {
      assert.ok(error instanceof DecodeError);
      assert.equal(error.code, "truncated");
      assert.equal(error.layer, "ipv6");
      assert.equal(error.required, 40);
      assert.equal(error.received, n);
      return true;
    });
  }
});

Deno.test("decodeIpv6() rejects a version other than 6", () => {
  for (const version of [0, 4, 5, 7, 15]) {
    const packet = UDP_PACKET.slice();
    packet[0] = version << 4;
    assert.throws(() => decodeIpv6(packet), {
      code: "malformed",
      required: 6,
      received: version,
      message: `Cannot decode IPv6 header: version ${version} is not 6`,
    });
  }
});

Deno.test("Ipv6.pseudoHeaderSum() sums the RFC 8200 pseudo-header", () => {
  const ip = new Ipv6();
  const context = { tables: new Registry(), network: undefined };
  assert.equal(ip.decodeFrom(UDP_PACKET, 0, UDP_PACKET.length, context), undefined);
  assert.equal(context.network, ip);
  assert.equal(foldChecksum(sumWords(UDP_PACKET, 40, 77, ip.pseudoHeaderSum(17, 37))), 0);
  // A length above 65535 (a jumbogram) is summed as two 16-bit words.
  const big = 0x12345;
  assert.equal(
    foldChecksum(ip.pseudoHeaderSum(17, big)),
    foldChecksum(ip.pseudoHeaderSum(17, 0) + 0x1 + 0x2345),
  );
  assert.equal(decodeStrict(LinkType.RAW, UDP_PACKET).layer("udp")?.checksumValid, true);
});

Deno.test("Ipv6.pseudoHeaderSum() uses the final destination of a routing header", () => {
  // Type 0, two segments left: tcpdump says "[icmp6 sum ok]" over the last address.
  const packet = decodeStrict(LinkType.EN10MB, ROUTING_FRAME);
  assert.deepEqual(packet.layers.map((layer) => layer.kind), [
    "ethernet",
    "ipv6",
    "ipv6-routing",
    "icmpv6",
  ]);
  const ip = packet.layer("ipv6")!;
  assert.equal(ip.destination, "2200::211:2:0:0:2");
  assert.equal(ip.checksumDestinationOffset, 14 + 40 + 8 + 16);
  assert.equal(packet.layer("icmpv6")?.checksumValid, true);
  // With no segments left, the destination field is the final destination.
  const arrived = ROUTING_FRAME.slice();
  arrived[14 + 40 + 3] = 0;
  const other = decode(LinkType.EN10MB, arrived);
  assert.equal(other.layer("ipv6")?.checksumDestinationOffset, 14 + 24);
  assert.equal(other.layer("icmpv6")?.checksumValid, false);
  // Segment routing: the final segment is the first of the list; the inner IPv6 header
  // is the network layer of ICMPv6.
  const srh = decodeStrict(LinkType.EN10MB, SRH_FRAME);
  assert.equal(srh.layers[1]!.kind, "ipv6");
  assert.equal((srh.layers[1] as Ipv6).checksumDestinationOffset, 14 + 40 + 8);
  assert.equal(srh.layer("icmpv6")?.checksumValid, true);
});

Deno.test("decode() never throws on a truncated IPv6 packet", () => {
  for (const frame of [SRH_FRAME, ROUTING_FRAME]) {
    for (let n = 0; n < frame.length; n++) {
      const packet = decode(LinkType.EN10MB, frame.subarray(0, n));
      if (packet.error !== undefined) assert.ok(packet.error instanceof DecodeError);
      if (n < 54) assert.equal(packet.error?.code, "truncated");
      for (const layer of packet.layers) assert.doesNotThrow(() => JSON.stringify(layer));
    }
  }
});

Deno.test("PacketParser reuses an Ipv6 layer without stale fields", () => {
  const parser = new PacketParser();
  parser.parse(LinkType.EN10MB, ROUTING_FRAME);
  const first = parser.get("ipv6")!;
  assert.equal(first.checksumDestinationOffset, 14 + 40 + 8 + 16);
  const raw = new Uint8Array([...ROUTING_FRAME.subarray(0, 14), ...UDP_PACKET]);
  parser.parse(LinkType.EN10MB, raw);
  const second = parser.get("ipv6")!;
  assert.equal(second, first, "the same object is reused");
  assert.deepEqual(second.toJSON(), decodeIpv6(raw, 14).toJSON());
  assert.equal(second.checksumDestinationOffset, 14 + 24);
  assert.equal(second.end, raw.length);
  assert.equal(parser.get("udp")?.checksumValid, true);
  parser.parse(LinkType.EN10MB, ROUTING_FRAME);
  assert.equal(parser.get("icmpv6")?.checksumValid, true);
});

Deno.test("decode() decodes IPv6 in IPv6 and IPv6 in IPv4", () => {
  const outer = hex(`6000 0000 0000 2940 ${"00".repeat(15)}01 ${"00".repeat(15)}02`);
  outer[5] = UDP_PACKET.length;
  const packet = decodeStrict(LinkType.RAW, new Uint8Array([...outer, ...UDP_PACKET]));
  assert.deepEqual(packet.layers.slice(0, 3).map((layer) => layer.kind), ["ipv6", "ipv6", "udp"]);
  assert.equal(packet.layer("udp")?.checksumValid, true);
  const v4 = hex("4500 0000 0000 0000 4029 0000 0a00 0001 0a00 0002");
  v4[3] = 20 + UDP_PACKET.length;
  const sixInFour = decodeStrict(LinkType.RAW, new Uint8Array([...v4, ...UDP_PACKET]));
  assert.deepEqual(sixInFour.layers.slice(0, 3).map((layer) => layer.kind), [
    "ipv4",
    "ipv6",
    "udp",
  ]);
});

Deno.test("ipv6Decoder creates empty Ipv6 layers", () => {
  const ip = ipv6Decoder.create();
  assert.ok(ip instanceof Ipv6);
  assert.equal(ip.payload.length, 0);
});

/**
 * Concatenates shared captures into one temporary pcapng file, for one tshark run.
 *
 * @returns The file's absolute path (which `readCapture()` and `tsharkFields()` accept).
 */
function mergeCaptures(names: string[]): string {
  const path = Deno.makeTempFileSync({ suffix: ".pcapng" });
  const files = names.map((name) => new URL(name, capturesDir).pathname);
  const args = ["-a", "-F", "pcapng", "-w", path, ...files];
  const output = new Deno.Command("mergecap", { args, stdout: "null", stderr: "null" })
    .outputSync();
  assert.ok(output.success, "mergecap failed");
  return path;
}

const IPV6_CAPTURES = [
  "pcapplusplus/ipv6_options.pcap",
  "pcapplusplus/ip6_fragments.pcap",
  "libpcap/ipv6_ext_headers.pcap",
  "libpcap/AH-IPcomp-IPv6.pcap",
  "tcpdump/ipv6-routing-header.pcap",
  "tcpdump/ipv6-srh-ext-header.pcap",
  "tcpdump/bigtcp-ipv6-hbh.pcap",
  "tcpdump/OSPFv3_with_AH.pcap",
  "tcpdump/LINKTYPE_RAW_ipv6.pcap",
];

Deno.test({
  name: "decode() agrees with tshark on the IPv6 fields of real captures",
  ignore: !(await hasTshark()) || !IPV6_CAPTURES.every(hasCapture),
  fn() {
    const fields = [
      "ipv6.src",
      "ipv6.dst",
      "ipv6.hlim",
      "ipv6.flow",
      "ipv6.tclass",
      "ipv6.nxt",
      "ipv6.plen",
    ];
    // One tshark run over all the files (tshark takes seconds to start).
    const merged = mergeCaptures(IPV6_CAPTURES);
    try {
      const rows = tsharkFields(merged, fields);
      const packets = readCapture(merged);
      assert.equal(rows.length, packets.length);
      packets.forEach(({ linkType, data }, i) => {
        const where = `packet #${i + 1}`;
        const packet = decode(linkType, data, { maxLayers: 200 });
        assert.equal(packet.error, undefined, where);
        const ip = packet.layer("ipv6")!;
        const row = rows[i]!;
        assert.deepEqual([ip.source, ip.destination], row.slice(0, 2), where);
        assert.deepEqual(
          [ip.hopLimit, ip.flowLabel, ip.trafficClass, ip.nextHeader, ip.payloadLength],
          row.slice(2).map(Number),
          where,
        );
      });
    } finally {
      Deno.removeSync(merged);
    }
  },
});

Deno.test({
  name: "decode() reports the malformed IPv6 packets of tcpdump's tests",
  ignore: !hasCapture("tcpdump/ipv6-bad-version.pcap") ||
    !hasCapture("tcpdump/ipv6_39_byte_header.pcap"),
  fn() {
    // tcpdump: packets 2 and 4 are "IP6 version error: 0 != 6".
    const versions = readCapture("tcpdump/ipv6-bad-version.pcap").map(({ linkType, data }) => {
      const packet = decode(linkType, data);
      return packet.error === undefined ? "ok" : `${packet.error.code} ${packet.error.received}`;
    });
    assert.deepEqual(versions, ["ok", "malformed 0", "ok", "malformed 0"]);
    for (const { linkType, data } of readCapture("tcpdump/ipv6_39_byte_header.pcap")) {
      const packet = decode(linkType, data);
      assert.equal(packet.error?.code, "truncated");
      assert.equal(packet.error?.layer, "ipv6");
      assert.equal(packet.error?.received, 25); // a 39-byte frame
    }
  },
});
