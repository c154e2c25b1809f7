import assert from "node:assert/strict";
import { decode, decodeStrict, type Packet, PacketParser } from "../lib/decode.ts";
import { DecodeError } from "../lib/errors.ts";
import {
  decodeIpv6Destination,
  decodeIpv6Fragment,
  decodeIpv6HopByHop,
  decodeIpv6Routing,
  Ipv6Destination,
  ipv6DestinationDecoder,
  Ipv6Fragment,
  ipv6FragmentDecoder,
  Ipv6HopByHop,
  ipv6HopByHopDecoder,
  Ipv6OptionType,
  Ipv6Routing,
  ipv6RoutingDecoder,
  Ipv6RoutingType,
} from "../lib/net/ipv6_extensions.ts";
import { LinkType } from "../lib/link_type.ts";
import { capturesDir, hasCapture, readCapture, tsharkFields } from "./_pcap_fixture.ts";
import { hasTshark } from "./_tshark.ts";
import { decodeHex as hex } from "../lib/_hex.ts";

function kinds(packet: Packet): string[] {
  return packet.layers.map((layer) => layer.kind);
}

/** An Ethernet + IPv6 frame (2001:db8::1 > 2001:db8::2, hop limit 64) around `payload`. */
function ipv6Frame(nextHeader: number, payload: Uint8Array, payloadLength = payload.length) {
  const frame = new Uint8Array(14 + 40 + payload.length);
  frame.set([0x86, 0xdd], 12);
  frame.set([0x60, 0, 0, 0, payloadLength >> 8, payloadLength & 0xff, nextHeader, 64], 14);
  frame.set([0x20, 0x01, 0x0d, 0xb8], 22);
  frame[37] = 1;
  frame.set([0x20, 0x01, 0x0d, 0xb8], 38);
  frame[53] = 2;
  frame.set(payload, 54);
  return frame;
}

// Hop-by-hop header (next header UDP, 24 bytes): Pad1, router alert (MLD), jumbo payload
// 65536, an unknown option 0x3e of no data, PadN of 7 bytes of data.
const HOP_BY_HOP = hex("1102 00 05020000 c20400010000 3e00 0107 00000000000000");

// pcapplusplus/ip6_fragments.pcap, packet 1 (tcpdump -xx), the first 8 bytes after the fragment
// header: IP6 (hlim 255, next-header Fragment (44) payload length: 128)
//     fe80::21f:f3ff:fecd:f617 > ff02::fb: frag (0x002c5323:0|120) 5353 > 5353: ...
const FIRST_FRAGMENT = hex(`
  3333 0000 00fb 001f f3cd f617 86dd 6000
  0000 0080 2cff fe80 0000 0000 0000 021f
  f3ff fecd f617 ff02 0000 0000 0000 0000
  0000 0000 00fb 1100 0001 002c 5323 14e9
  14e9 02e1 f77b 0000`);

// tcpdump/ipv6-srh-ext-header.pcap: the segment routing header (tcpdump -vxx):
// RT6 (len=4, type=4, segleft=1, last-entry=1, flags=0x0, tag=0, [0]a:b:c:3::d6,
//     [1]a:b:c:2::f1:0)
const SRH = hex(`
  2904 0401 0100 0000 000a 000b 000c 0003
  0000 0000 0000 00d6 000a 000b 000c 0002
  0000 0000 00f1 0000`);

Deno.test("decodeIpv6HopByHop() walks Pad1, PadN, router alert, jumbo and unknown options", () => {
  const hop = decodeIpv6HopByHop(HOP_BY_HOP);
  assert.equal(hop.kind, "ipv6-hop-by-hop");
  assert.equal(hop.nextHeader, 17);
  assert.equal(hop.extensionLength, 2);
  assert.equal(hop.headerLength, 24);
  assert.equal(hop.optionsMalformed, false);
  assert.equal(hop.jumboPayloadLength, 65536);
  assert.deepEqual(hop.options, [
    { type: Ipv6OptionType.PAD1, name: "PAD1", length: 1, offset: 2, data: new Uint8Array(0) },
    { type: Ipv6OptionType.RTRALT, name: "RTRALT", length: 4, offset: 3, data: hex("0000") },
    { type: Ipv6OptionType.JUMBO, name: "JUMBO", length: 6, offset: 7, data: hex("00010000") },
    { type: 0x3e, name: "unknown", length: 2, offset: 13, data: new Uint8Array(0) },
    { type: Ipv6OptionType.PADN, name: "PADN", length: 9, offset: 15, data: new Uint8Array(7) },
  ]);
  assert.deepEqual(hop.toJSON(), {
    nextHeader: 17,
    extensionLength: 2,
    options: [
      { type: 0, name: "PAD1", length: 1, data: [] },
      { type: 5, name: "RTRALT", length: 4, data: [0, 0] },
      { type: 0xc2, name: "JUMBO", length: 6, data: [0, 1, 0, 0] },
      { type: 0x3e, name: "unknown", length: 2, data: [] },
      { type: 1, name: "PADN", length: 9, data: [0, 0, 0, 0, 0, 0, 0] },
    ],
    optionsMalformed: false,
  });
});

Deno.test("decodeIpv6HopByHop() trims the payload to a jumbo payload length", () => {
  const bytes = new Uint8Array(64);
  bytes.set([6, 0, 0xc2, 4, 0, 0, 0, 40]);
  const hop = decodeIpv6HopByHop(bytes);
  assert.equal(hop.jumboPayloadLength, 40);
  assert.equal(hop.end, 40);
  assert.equal(hop.payload.length, 32);
  // A jumbo length shorter than the header itself is not applied.
  bytes[7] = 4;
  assert.equal(decodeIpv6HopByHop(bytes).end, 64);
});

Deno.test("decodeIpv6HopByHop() stops walking at an option that overruns the header", () => {
  for (const options of ["0106 0000 0000", "00 00 00 00 00 05", "0102 0000 0104"]) {
    const bytes = hex(`3b00 ${options}`);
    const hop = decodeIpv6HopByHop(bytes);
    assert.equal(hop.optionsMalformed, true, options);
    assert.ok(hop.options.length <= 6);
    assert.equal(hop.options.at(-1)?.malformed, true, options);
    assert.doesNotThrow(() => JSON.stringify(hop));
  }
  const ok = decodeIpv6HopByHop(hex("3b00 0104 0000 0000"));
  assert.equal(ok.optionsMalformed, false);
  assert.deepEqual(ok.options.map((option) => option.name), ["PADN"]);
});

Deno.test("decodeIpv6Destination() reads a destination options header", () => {
  // libpcap/ipv6_ext_headers.pcap: "DSTOPT (padn)", then UDP.
  const options = decodeIpv6Destination(hex("1100 0104 0102 0000 3039 d431"));
  assert.equal(options.kind, "ipv6-destination");
  assert.equal(options.nextHeader, 17);
  assert.equal(options.headerLength, 8);
  assert.deepEqual(options.options.map(({ name, length }) => [name, length]), [
    ["PADN", 6],
  ]);
  assert.deepEqual(options.options[0]!.data, hex("01020000"));
  assert.deepEqual(options.payload, hex("3039 d431"));
});

Deno.test("decodeIpv6Routing() reads a type 0 route", () => {
  // tcpdump/ipv6-routing-header.pcap, packet 2: RT6 (len=4, type=0 [Deprecated], segleft=2,
  //     rsv=0x0, [0]2200::210:2:0:0:4, [1]2200::240:2:0:0:4)
  const bytes = hex(`
    3a04 0002 0000 0000 2200 0000 0000 0210 0002 0000 0000 0004
    2200 0000 0000 0240 0002 0000 0000 0004 8000 d37b 0000 0000`);
  const routing = decodeIpv6Routing(bytes);
  assert.equal(routing.kind, "ipv6-routing");
  assert.equal(routing.nextHeader, 58);
  assert.equal(routing.extensionLength, 4);
  assert.equal(routing.headerLength, 40);
  assert.equal(routing.routingType, Ipv6RoutingType.SOURCE_ROUTE);
  assert.equal(routing.segmentsLeft, 2);
  assert.equal(routing.addressCount, 2);
  assert.deepEqual(routing.addresses, ["2200::210:2:0:0:4", "2200::240:2:0:0:4"]);
  assert.equal(routing.typeData.length, 36);
  assert.deepEqual(routing.payload, hex("8000 d37b 0000 0000"));
  assert.equal(routing.reserved, 0);
  assert.deepEqual(routing.toJSON(), {
    nextHeader: 58,
    extensionLength: 4,
    routingType: 0,
    segmentsLeft: 2,
    reserved: 0,
    addresses: ["2200::210:2:0:0:4", "2200::240:2:0:0:4"],
  });
});

Deno.test("decodeIpv6Routing() reads a segment routing header", () => {
  const routing = decodeIpv6Routing(SRH);
  assert.equal(routing.routingType, Ipv6RoutingType.SEGMENT_ROUTING);
  assert.equal(routing.segmentsLeft, 1);
  assert.equal(routing.lastEntry, 1);
  assert.equal(routing.segmentFlags, 0);
  assert.equal(routing.tag, 0);
  assert.deepEqual(routing.addresses, ["a:b:c:3::d6", "a:b:c:2::f1:0"]);
  // A last entry beyond the header's room is bounded by the header length.
  const bytes = SRH.slice();
  bytes[4] = 200;
  assert.equal(decodeIpv6Routing(bytes).addresses.length, 2);
});

Deno.test("decodeIpv6Routing() reads a Mobile IPv6 home address and no others", () => {
  const home = new Uint8Array(24);
  home.set([6, 2, 2, 1]);
  home.set([0x20, 0x01, 0x0d, 0xb8], 8);
  home[23] = 0x42;
  assert.deepEqual(decodeIpv6Routing(home).addresses, ["2001:db8::42"]);
  for (const type of [3, 5, 253]) {
    home[2] = type;
    const routing = decodeIpv6Routing(home);
    assert.equal(routing.routingType, type);
    assert.deepEqual(routing.addresses, []);
    assert.equal(routing.lastEntry, 0);
  }
});

Deno.test("decodeIpv6Fragment() reads a first fragment and decode() continues past it", () => {
  const fragment = decodeIpv6Fragment(FIRST_FRAGMENT, 54);
  assert.equal(fragment.kind, "ipv6-fragment");
  assert.equal(fragment.headerLength, 8);
  assert.equal(fragment.nextHeader, 17);
  assert.equal(fragment.fragmentOffset, 0);
  assert.equal(fragment.moreFragments, true);
  assert.equal(fragment.identification, 0x002c5323);
  assert.equal(fragment.reserved, 0);
  assert.deepEqual(fragment.toJSON(), {
    nextHeader: 17,
    fragmentOffset: 0,
    moreFragments: true,
    identification: 0x2c5323,
  });
  const packet = decode(LinkType.EN10MB, FIRST_FRAGMENT);
  assert.deepEqual(kinds(packet).slice(0, 4), ["ethernet", "ipv6", "ipv6-fragment", "udp"]);
  assert.equal(packet.layer("udp")?.sourcePort, 5353);
});

Deno.test("decodeIpv6Fragment() gives its data length by the IP header's length field", () => {
  // The payload length (128) less the 8-byte fragment header, as tcpdump's frag (0|120).
  const fragment = decode(LinkType.EN10MB, FIRST_FRAGMENT).layer("ipv6-fragment");
  assert.equal(fragment?.dataLength, 120);
  // Decoded alone: the captured bytes after the header.
  assert.equal(decodeIpv6Fragment(FIRST_FRAGMENT, 54).dataLength, FIRST_FRAGMENT.length - 62);
  // A payload length shorter than the header (0 in a jumbogram) gives a negative length.
  const short = decode(LinkType.EN10MB, ipv6Frame(44, hex("1100 0001 0000 0001"), 0));
  assert.equal(short.layer("ipv6-fragment")?.dataLength, -8);
});

Deno.test("decode() does not decode the payload of a non-first IPv6 fragment", () => {
  const frame = FIRST_FRAGMENT.slice();
  frame.set([0x00, 0x79, 0xff, 0xff, 0xff, 0xfe], 56); // offset 15 (120 bytes), M=0 + reserved bits
  frame[55] = 0xab;
  const fragment = decodeIpv6Fragment(frame, 54);
  assert.equal(fragment.fragmentOffset, 15);
  assert.equal(fragment.fragmentOffset * 8, 120);
  assert.equal(fragment.moreFragments, true);
  assert.equal(fragment.reserved, (0xab << 2) | 0);
  assert.equal(fragment.identification, 0xfffffffe);
  frame[57] = 0x7e; // reserved bits 3, M=0
  const last = decodeIpv6Fragment(frame, 54);
  assert.equal(last.moreFragments, false);
  assert.equal(last.reserved, (0xab << 2) | 3);
  const packet = decode(LinkType.EN10MB, frame);
  assert.deepEqual(kinds(packet), ["ethernet", "ipv6", "ipv6-fragment"]);
  assert.equal(packet.error, undefined);
  assert.deepEqual(packet.payload, frame.subarray(62));
});

Deno.test("IPv6 extension decoders reject a truncated header", () => {
  const cases: [string, (data: Uint8Array) => unknown, Uint8Array][] = [
    ["ipv6-hop-by-hop", decodeIpv6HopByHop, HOP_BY_HOP],
    ["ipv6-destination", decodeIpv6Destination, HOP_BY_HOP],
    ["ipv6-routing", decodeIpv6Routing, SRH],
    ["ipv6-fragment", decodeIpv6Fragment, FIRST_FRAGMENT.subarray(54, 62)],
  ];
  for (const [layer, decodeOne, bytes] of cases) {
    for (let n = 0; n < bytes.length; n++) {
      assert.throws(() => decodeOne(bytes.subarray(0, n)), (error) => {
        assert.ok(error instanceof DecodeError);
        assert.equal(error.code, "truncated");
        assert.equal(error.layer, layer);
        assert.equal(error.required, n < 8 ? 8 : bytes.length);
        assert.equal(error.received, n);
        return true;
      }, `${layer} ${n}`);
    }
    assert.doesNotThrow(() => decodeOne(bytes));
  }
});

Deno.test("decode() follows a chain of extension headers to UDP", () => {
  // Hop-by-hop, routing (type 0, no segments left), fragment (offset 0), destination.
  const chain = hex(`
    2b00 0104 0000 0000   2c00 0000 0000 0000   3c00 0001 0000 00ff   1100 0104 0000 0000
    3039 d431 000c 0000 abcd 0000`);
  const frame = ipv6Frame(0, chain);
  const packet = decodeStrict(LinkType.EN10MB, frame);
  assert.deepEqual(kinds(packet), [
    "ethernet",
    "ipv6",
    "ipv6-hop-by-hop",
    "ipv6-routing",
    "ipv6-fragment",
    "ipv6-destination",
    "udp",
  ]);
  const offsets = packet.layers.map((layer) => layer.offset);
  assert.deepEqual(offsets, [0, 14, 54, 62, 70, 78, 86]);
  assert.equal(packet.layer("ipv6-fragment")?.identification, 255);
  assert.equal(packet.layer("udp")?.destinationPort, 54321);
  assert.equal(packet.layer("udp")?.checksumValid, undefined);
  for (let n = 0; n < frame.length; n++) {
    const cut = decode(LinkType.EN10MB, frame.subarray(0, n));
    if (n < frame.length - 4) assert.ok(cut.error instanceof DecodeError, `${n}`);
    for (const layer of cut.layers) assert.doesNotThrow(() => JSON.stringify(layer));
  }
});

Deno.test("PacketParser reuses extension layers without stale fields", () => {
  const parser = new PacketParser();
  const jumbo = new Uint8Array(32);
  jumbo.set([59, 0, 0xc2, 4, 0, 0, 0, 24]);
  parser.parse(LinkType.EN10MB, ipv6Frame(0, jumbo, 0));
  const first = parser.get("ipv6-hop-by-hop")!;
  assert.equal(first.jumboPayloadLength, 24);
  assert.equal(first.end, 54 + 24);
  const plain = hex("3b00 0104 0000 0000 1122 3344");
  parser.parse(LinkType.EN10MB, ipv6Frame(0, plain));
  const second = parser.get("ipv6-hop-by-hop")!;
  assert.equal(second, first);
  assert.equal(second.jumboPayloadLength, 0);
  assert.equal(second.end, 54 + 12);
  assert.deepEqual(second.toJSON(), decodeIpv6HopByHop(plain).toJSON());

  parser.parse(LinkType.EN10MB, ipv6Frame(43, SRH));
  const srh = parser.get("ipv6-routing")!;
  assert.equal(srh.lastEntry, 1);
  const type0 = hex("3b02 0000 0000 0000 2001 0db8 0000 0000 0000 0000 0000 0001");
  parser.parse(LinkType.EN10MB, ipv6Frame(43, type0));
  assert.equal(parser.get("ipv6-routing"), srh);
  assert.deepEqual(srh.toJSON(), decodeIpv6Routing(type0).toJSON());
  assert.equal(srh.lastEntry, 0);

  parser.parse(LinkType.EN10MB, FIRST_FRAGMENT);
  const fragment = parser.get("ipv6-fragment")!;
  parser.parse(LinkType.EN10MB, ipv6Frame(44, hex("3b00 0009 0000 0001")));
  assert.equal(parser.get("ipv6-fragment"), fragment);
  assert.equal(fragment.moreFragments, true);
  assert.equal(fragment.fragmentOffset, 1);
  assert.equal(fragment.identification, 1);
  assert.equal(parser.count, 3);
});

Deno.test("The extension decoders create empty layers", () => {
  assert.ok(ipv6HopByHopDecoder.create() instanceof Ipv6HopByHop);
  assert.ok(ipv6RoutingDecoder.create() instanceof Ipv6Routing);
  assert.ok(ipv6FragmentDecoder.create() instanceof Ipv6Fragment);
  assert.ok(ipv6DestinationDecoder.create() instanceof Ipv6Destination);
  assert.equal(ipv6DestinationDecoder.create().options.length, 0);
  assert.deepEqual(ipv6RoutingDecoder.create().addresses, []);
});

Deno.test({
  name: "decode() follows the 100 extension headers of ipv6_ext_headers.pcap",
  ignore: !hasCapture("libpcap/ipv6_ext_headers.pcap"),
  fn() {
    const { linkType, data } = readCapture("libpcap/ipv6_ext_headers.pcap")[0]!;
    // tcpdump: HBH (padn) then 33 times "RT6 (...) frag (...) DSTOPT (padn)", then
    // "12345 > 54321: UDP, length 10".
    const packet = decode(linkType, data, { maxLayers: 200 });
    assert.equal(packet.error, undefined);
    const expected = ["ethernet", "ipv6", "ipv6-hop-by-hop"];
    for (let i = 0; i < 33; i++) expected.push("ipv6-routing", "ipv6-fragment", "ipv6-destination");
    expected.push("udp");
    assert.deepEqual(kinds(packet), expected);
    const fragments = packet.layers.filter((layer) => layer.kind === "ipv6-fragment");
    assert.deepEqual(
      fragments.map((layer) => (layer as Ipv6Fragment).identification),
      Array.from({ length: 33 }, (_, i) => 1 + 3 * i),
    );
    assert.equal(packet.layer("udp")?.sourcePort, 12345);
    // The default layer limit stops the chain with a malformed-packet marker.
    const limited = decode(linkType, data);
    assert.equal(limited.layers.length, 32);
    assert.equal(limited.error?.code, "malformed");
  },
});

const EXTENSION_CAPTURES = [
  "pcapplusplus/ipv6_options.pcap",
  "pcapplusplus/ip6_fragments.pcap",
  "tcpdump/ipv6-routing-header.pcap",
  "tcpdump/ipv6-srh-ext-header.pcap",
  "tcpdump/bigtcp-ipv6-hbh.pcap",
];

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

Deno.test({
  name: "decode() agrees with tshark on the extension headers of real captures",
  ignore: !(await hasTshark()) || !EXTENSION_CAPTURES.every(hasCapture),
  fn() {
    const fields = [
      "ipv6.hopopts.nxt",
      "ipv6.opt.jumbo",
      "ipv6.routing.type",
      "ipv6.routing.segleft",
      "ipv6.routing.nxt",
      "ipv6.fraghdr.offset",
      "ipv6.fraghdr.more",
      "ipv6.fraghdr.ident",
      "ipv6.dstopts.nxt",
    ];
    const merged = mergeCaptures(EXTENSION_CAPTURES);
    try {
      const rows = tsharkFields(merged, fields);
      const packets = readCapture(merged);
      assert.equal(rows.length, packets.length);
      let fragments = 0;
      packets.forEach(({ linkType, data }, i) => {
        const where = `packet #${i + 1}`;
        const packet = decode(linkType, data);
        assert.equal(packet.error, undefined, where);
        const hop = packet.layer("ipv6-hop-by-hop");
        const routing = packet.layer("ipv6-routing");
        const fragment = packet.layer("ipv6-fragment");
        const destination = packet.layer("ipv6-destination");
        if (fragment !== undefined) fragments++;
        const text = (value: number | boolean | undefined) =>
          value === undefined ? "" : String(Number(value));
        assert.deepEqual(
          [
            text(hop?.nextHeader),
            hop?.jumboPayloadLength ? String(hop.jumboPayloadLength) : "",
            text(routing?.routingType),
            text(routing?.segmentsLeft),
            text(routing?.nextHeader),
            text(fragment?.fragmentOffset),
            text(fragment?.moreFragments),
            fragment === undefined ? "" : `0x${fragment.identification.toString(16)}`,
            text(destination?.nextHeader),
          ],
          rows[i]!.map((field) => field.replace(/^0x0*(?=.)/, "0x")),
          where,
        );
      });
      assert.ok(fragments > 30);
    } finally {
      Deno.removeSync(merged);
    }
  },
});
