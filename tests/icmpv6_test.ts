import assert from "node:assert/strict";
import { decode, PacketParser } from "../lib/decode.ts";
import { TcpdumpPrinter } from "../lib/print/mod.ts";
import { DecodeError } from "../lib/errors.ts";
import { foldChecksum, sumWords } from "../lib/checksum.ts";
import { LinkType } from "../lib/link_type.ts";
import {
  decodeIcmpv6,
  Icmpv6,
  icmpv6Decoder,
  Icmpv6Type,
  NdpOptionType,
} from "../lib/net/icmpv6.ts";
import { hasCapture, readCapture, tsharkFields } from "./_pcap_fixture.ts";
import { hasTshark } from "./_tshark.ts";
import { decodeHex as hex } from "../lib/_hex.ts";

/** An IPv6 packet (2001:db8::1 > 2001:db8::2) around an ICMPv6 message, checksum computed. */
function ipv6(message: number[]): Uint8Array {
  const packet = new Uint8Array(40 + message.length);
  packet.set([0x60, 0, 0, 0, message.length >> 8, message.length & 0xff, 58, 255]);
  packet.set([0x20, 0x01, 0x0d, 0xb8], 8);
  packet[23] = 1;
  packet.set([0x20, 0x01, 0x0d, 0xb8], 24);
  packet[39] = 2;
  packet.set(message, 40);
  const sum = foldChecksum(sumWords(packet, 8, packet.length, 58 + message.length));
  packet[42] = sum >> 8;
  packet[43] = sum & 0xff;
  return packet;
}

// pcapplusplus/IcmpV6_NeighAdvSoli.pcap, packet 1 (tcpdump -v -x):
// IP6 (class 0xe0, hlim 255, next-header ICMPv6 (58) payload length: 24) :: > ff02::1:fff5:0:
//   [icmp6 sum ok] ICMP6, neighbor solicitation, length 24, who has fe80::c000:54ff:fef5:0
const NEIGHBOR_SOLICITATION = hex(`
  6e00 0000 0018 3aff 0000 0000 0000 0000
  0000 0000 0000 0000 ff02 0000 0000 0000
  0000 0001 fff5 0000 8700 673c 0000 0000
  fe80 0000 0000 0000 c000 54ff fef5 0000`);

// Packet 2: fe80::c000:54ff:fef5:0 > ff02::1: [icmp6 sum ok] ICMP6, neighbor advertisement,
//   length 32, tgt is fe80::c000:54ff:fef5:0, Flags [router, override]
//   destination link-address option (2), length 8 (1): c2:00:54:f5:00:00
const NEIGHBOR_ADVERTISEMENT = hex(`
  6e00 0000 0020 3aff fe80 0000 0000 0000
  c000 54ff fef5 0000 ff02 0000 0000 0000
  0000 0000 0000 0001 8800 9abb a000 0000
  fe80 0000 0000 0000 c000 54ff fef5 0000
  0201 c200 54f5 0000`);

// tcpdump/icmpv6.pcap, packet 1: fe80::b299:28ff:fec8:d66c > ff02::1: [icmp6 sum ok] ICMP6,
//   router advertisement, length 176
//   hop limit 64, Flags [home agent], pref medium, router lifetime 15s, reachable time 0ms,
//   retrans timer 0ms
//   prefix info option (3), length 32 (4): 2222:3333:4444:5555:6600::/72, Flags [onlink, auto],
//     valid time 2592000s, pref. time 604800s
//   rdnss option (25), length 40 (5):  lifetime 5s, addr: abcd::efef addr: 1234:5678::1
//   dnssl option (31), length 56 (7):  lifetime 5s, domain(s): example.com. example.org. ...
//   mtu option (5), length 8 (1):  100
//   source link-address option (1), length 8 (1): b0:99:28:c8:d6:6c
//   advertisement interval option (7), length 8 (1):  5000ms
//   homeagent information option (8), length 8 (1):  preference 50001, lifetime 15
const ROUTER_ADVERTISEMENT = hex(`
  6000 0000 00b0 3aff fe80 0000 0000 0000
  b299 28ff fec8 d66c ff02 0000 0000 0000
  0000 0000 0000 0001 8600 2401 4020 000f
  0000 0000 0000 0000 0304 48c0 0027 8d00
  0009 3a80 0000 0000 2222 3333 4444 5555
  6600 0000 0000 0000 1905 0000 0000 0005
  abcd 0000 0000 0000 0000 0000 0000 efef
  1234 5678 0000 0000 0000 0000 0000 0001
  1f07 0000 0000 0005 0765 7861 6d70 6c65
  0363 6f6d 0007 6578 616d 706c 6503 6f72
  6700 0464 6f6d 3104 646f 6d32 0374 6c64
  0000 0000 0000 0000 0501 0000 0000 0064
  0101 b099 28c8 d66c 0701 0000 0000 1388
  0801 0000 c351 000f`);

// pcapplusplus/ICMPv6_echos.cap, packet 1: 2001:db8:0:12::1 > 2001:db8:0:12::2:
//   [icmp6 sum ok] ICMP6, echo request, id 4365, seq 0
const ECHO_REQUEST = hex(`
  6000 0000 003c 3a40 2001 0db8 0000 0012
  0000 0000 0000 0001 2001 0db8 0000 0012
  0000 0000 0000 0002 8000 863c 110d 0000
  0001 0203 0405 0607 0809 0a0b 0c0d 0e0f
  1011 1213 1415 1617 1819 1a1b 1c1d 1e1f
  2021 2223 2425 2627 2829 2a2b 2c2d 2e2f
  3031 3233`);

/** A quoted IPv6 + UDP header: 2001:db8::2.5353 > 2001:db8::9.53, payload length 100. */
const QUOTED = [
  0x60,
  0,
  0,
  0,
  0,
  100,
  17,
  64,
  ...[0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2],
  ...[0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 9],
  ...[0x14, 0xe9, 0, 53, 0, 100, 0xab, 0xcd],
];

Deno.test("decode() reads an ICMPv6 echo request", () => {
  const packet = decode(LinkType.IPV6, ECHO_REQUEST);
  assert.deepEqual(packet.layers.map((layer) => layer.kind), ["ipv6", "icmpv6"]);
  const icmpv6 = packet.layer("icmpv6")!;
  assert.equal(icmpv6.type, Icmpv6Type.ECHO_REQUEST);
  assert.equal(icmpv6.code, 0);
  assert.equal(icmpv6.checksum, 0x863c);
  assert.equal(icmpv6.checksumValid, true);
  assert.equal(icmpv6.identifier, 4365);
  assert.equal(icmpv6.sequenceNumber, 0);
  assert.equal(icmpv6.headerLength, 8);
  assert.equal(icmpv6.payload.length, 52);
  assert.deepEqual(icmpv6.options, []);
  assert.equal(icmpv6.target, undefined);
  assert.equal(icmpv6.original, undefined);
  assert.deepEqual(icmpv6.toJSON(), {
    type: 128,
    code: 0,
    checksum: 0x863c,
    identifier: 4365,
    sequenceNumber: 0,
  });
});

Deno.test("Icmpv6.checksumValid detects corruption and needs the whole message", () => {
  const corrupted = ECHO_REQUEST.slice();
  corrupted[50]! ^= 1;
  assert.equal(decode(LinkType.IPV6, corrupted).layer("icmpv6")?.checksumValid, false);
  const cut = decode(LinkType.IPV6, ECHO_REQUEST.subarray(0, 60));
  assert.equal(cut.error, undefined);
  assert.equal(cut.layer("icmpv6")?.checksumValid, undefined);
  assert.equal(decodeIcmpv6(ECHO_REQUEST, 40).checksumValid, undefined, "no IPv6 layer");
});

Deno.test("Icmpv6 reads a neighbor solicitation", () => {
  const icmpv6 = decode(LinkType.IPV6, NEIGHBOR_SOLICITATION).layer("icmpv6")!;
  assert.equal(icmpv6.type, Icmpv6Type.NEIGHBOR_SOLICITATION);
  assert.equal(icmpv6.checksumValid, true);
  assert.equal(icmpv6.headerLength, 24);
  assert.equal(icmpv6.target, "fe80::c000:54ff:fef5:0");
  assert.equal(icmpv6.targetBytes?.length, 16);
  assert.deepEqual(icmpv6.options, []);
  assert.equal(icmpv6.sourceLinkLayerAddress, undefined);
  assert.equal(icmpv6.router, undefined);
});

Deno.test("Icmpv6 reads a neighbor advertisement and its flags", () => {
  const icmpv6 = decode(LinkType.IPV6, NEIGHBOR_ADVERTISEMENT).layer("icmpv6")!;
  assert.equal(icmpv6.type, Icmpv6Type.NEIGHBOR_ADVERTISEMENT);
  assert.equal(icmpv6.checksumValid, true);
  assert.equal(icmpv6.router, true);
  assert.equal(icmpv6.solicited, false);
  assert.equal(icmpv6.override, true);
  assert.equal(icmpv6.target, "fe80::c000:54ff:fef5:0");
  assert.equal(icmpv6.targetLinkLayerAddress, "c2:00:54:f5:00:00");
  assert.deepEqual(icmpv6.options, [{
    type: NdpOptionType.TARGET_LINK_LAYER_ADDRESS,
    name: "target-link-layer-address",
    length: 8,
    address: "c2:00:54:f5:00:00",
    addressBytes: hex("c200 54f5 0000"),
  }]);
  assert.deepEqual(icmpv6.toJSON().options, [{
    type: 2,
    name: "target-link-layer-address",
    length: 8,
    address: "c2:00:54:f5:00:00",
  }]);
});

Deno.test("Icmpv6 reads a router advertisement and its options", () => {
  const icmpv6 = decode(LinkType.IPV6, ROUTER_ADVERTISEMENT).layer("icmpv6")!;
  assert.equal(icmpv6.type, Icmpv6Type.ROUTER_ADVERTISEMENT);
  assert.equal(icmpv6.checksumValid, true);
  assert.equal(icmpv6.headerLength, 16);
  assert.equal(icmpv6.curHopLimit, 64);
  assert.equal(icmpv6.managed, false);
  assert.equal(icmpv6.otherConfiguration, false);
  assert.equal(icmpv6.routerPreference, 0);
  assert.equal(icmpv6.routerLifetime, 15);
  assert.equal(icmpv6.reachableTime, 0);
  assert.equal(icmpv6.retransTimer, 0);
  assert.equal(icmpv6.sourceLinkLayerAddress, "b0:99:28:c8:d6:6c");
  const options = icmpv6.options;
  assert.deepEqual(options.map((option) => option.name), [
    "prefix-information",
    "rdnss",
    "dnssl",
    "mtu",
    "source-link-layer-address",
    "advertisement-interval",
    "home-agent-information",
  ]);
  const [prefix, rdnss, dnssl, mtu] = options;
  assert.deepEqual(prefix?.name === "prefix-information" && { ...prefix, prefixBytes: 0 }, {
    type: 3,
    name: "prefix-information",
    length: 32,
    prefixLength: 72,
    onLink: true,
    autonomous: true,
    validLifetime: 2592000,
    preferredLifetime: 604800,
    prefix: "2222:3333:4444:5555:6600::",
    prefixBytes: 0,
  });
  assert.deepEqual(rdnss, {
    type: 25,
    name: "rdnss",
    length: 40,
    lifetime: 5,
    addresses: ["abcd::efef", "1234:5678::1"],
  });
  assert.deepEqual(dnssl, {
    type: 31,
    name: "dnssl",
    length: 56,
    lifetime: 5,
    domains: ["example.com.", "example.org.", "dom1.dom2.tld."],
  });
  assert.deepEqual(mtu, { type: 5, name: "mtu", length: 8, mtu: 100 });
  assert.equal(icmpv6.optionsMalformed, false);
  const json = icmpv6.toJSON();
  assert.deepEqual(JSON.parse(JSON.stringify(json)), json);
});

Deno.test("Icmpv6 reads a redirect and its redirected header option", () => {
  const redirected = [4, 7, 0, 0, 0, 0, 0, 0, ...QUOTED];
  const message = [137, 0, 0, 0, 0, 0, 0, 0];
  message.push(0xfe, 0x80, ...new Array(13).fill(0), 1); // target fe80::1
  message.push(0x20, 0x01, 0x0d, 0xb8, ...new Array(11).fill(0), 9); // destination 2001:db8::9
  const icmpv6 = decode(LinkType.IPV6, ipv6([...message, ...redirected])).layer("icmpv6")!;
  assert.equal(icmpv6.type, Icmpv6Type.REDIRECT);
  assert.equal(icmpv6.checksumValid, true);
  assert.equal(icmpv6.headerLength, 40);
  assert.equal(icmpv6.target, "fe80::1");
  assert.equal(icmpv6.destination, "2001:db8::9");
  assert.equal(icmpv6.destinationBytes?.[15], 9);
  const [option] = icmpv6.options;
  assert.equal(option?.name, "redirected-header");
  assert.deepEqual(option?.name === "redirected-header" && option.data, new Uint8Array(QUOTED));
});

Deno.test("Icmpv6.original reads the packet quoted by an error", () => {
  const unreachable = decode(LinkType.IPV6, ipv6([1, 4, 0, 0, 0, 0, 0, 0, ...QUOTED]))
    .layer("icmpv6")!;
  assert.equal(unreachable.type, Icmpv6Type.DESTINATION_UNREACHABLE);
  assert.equal(unreachable.checksumValid, true);
  const original = unreachable.original!;
  assert.equal(original.ip.destination, "2001:db8::9");
  assert.equal(original.ip.nextHeader, 17);
  assert.equal(original.sourcePort, 5353);
  assert.equal(original.destinationPort, 53);
  assert.equal(original.leading.length, 8);
  assert.equal(unreachable.options.length, 0, "no NDP options in an error");
  assert.deepEqual(unreachable.toJSON().original, {
    source: "2001:db8::2",
    destination: "2001:db8::9",
    nextHeader: 17,
    sourcePort: 5353,
    destinationPort: 53,
  });

  const tooBig = decodeIcmpv6(new Uint8Array([2, 0, 0, 0, 0, 0, 0x05, 0x00, ...QUOTED]));
  assert.equal(tooBig.mtu, 1280);
  assert.equal(tooBig.original?.ip.payloadLength, 100);
  const problem = decodeIcmpv6(new Uint8Array([4, 0, 0, 0, 0, 0, 0, 6, ...QUOTED]));
  assert.equal(problem.pointer, 6);
  assert.equal(problem.mtu, undefined);
  const exceeded = decodeIcmpv6(new Uint8Array([3, 0, 0, 0, 0, 0, 0, 0, ...QUOTED.slice(0, 40)]));
  assert.equal(exceeded.original?.sourcePort, undefined);
  assert.equal(exceeded.original?.leading.length, 0);
  for (let n = 0; n < 40; n++) {
    const cut = decodeIcmpv6(new Uint8Array([1, 0, 0, 0, 0, 0, 0, 0, ...QUOTED.slice(0, n)]));
    assert.equal(cut.original, undefined);
  }
});

Deno.test("Icmpv6.options stops at a malformed option and marks it", () => {
  const base = [133, 0, 0, 0, 0, 0, 0, 0];
  const cases: [number[], number][] = [
    [[1, 0, 0, 0, 0, 0, 0, 0], 0], // length 0
    [[1, 2, 0, 0, 0, 0, 0, 0], 16], // past the message
    [[5], 0], // the length byte is missing
  ];
  for (const [bytes, length] of cases) {
    const icmpv6 = decodeIcmpv6(new Uint8Array([...base, 5, 1, 0, 0, 0, 0, 5, 0xdc, ...bytes]));
    const options = icmpv6.options;
    assert.equal(options.length, 2, String(bytes));
    assert.deepEqual(options[0], { type: 5, name: "mtu", length: 8, mtu: 1500 });
    assert.equal(options[1]?.name, "malformed");
    assert.equal(options[1]?.length, length);
    assert.equal(icmpv6.optionsMalformed, true);
    assert.equal(icmpv6.sourceLinkLayerAddress, undefined);
  }
  // A named option with a length that does not fit is kept raw.
  const odd = decodeIcmpv6(new Uint8Array([...base, 3, 1, 64, 0xc0, 0, 0, 0, 0]));
  assert.deepEqual(odd.options, [
    { type: 3, name: "raw", length: 8, data: new Uint8Array([64, 0xc0, 0, 0, 0, 0]) },
  ]);
});

Deno.test("decodeIcmpv6() reports a message shorter than its fixed part", () => {
  const fixed: [number, number][] = [
    [128, 8],
    [1, 8],
    [133, 8],
    [134, 16],
    [135, 24],
    [
      136,
      24,
    ],
    [137, 40],
    [143, 8],
  ];
  for (const [type, length] of fixed) {
    const bytes = new Uint8Array(length);
    bytes[0] = type;
    for (let n = 0; n < length; n++) {
      assert.throws(() => decodeIcmpv6(bytes.subarray(0, n)), (error: unknown) => {
        assert.ok(error instanceof DecodeError);
        assert.equal(error.code, "truncated");
        assert.equal(error.layer, "icmpv6");
        assert.equal(error.required, n < 1 ? 8 : length);
        assert.equal(error.received, n);
        // From the type on, the layer is kept as far as it goes.
        assert.equal(error.partial, n >= 1);
        return true;
      });
    }
    assert.equal(decodeIcmpv6(bytes).headerLength, length);
  }
  for (let n = 40; n < NEIGHBOR_ADVERTISEMENT.length - 8; n++) {
    const packet = decode(LinkType.IPV6, NEIGHBOR_ADVERTISEMENT.subarray(0, n));
    assert.ok(packet.error instanceof DecodeError);
    assert.equal(packet.error.layer, "icmpv6");
  }
});

Deno.test("decode() keeps a neighbor advertisement cut before its target, flagged truncated", () => {
  const packet = decode(LinkType.IPV6, NEIGHBOR_ADVERTISEMENT.subarray(0, 40 + 16));
  assert.equal(packet.error?.partial, true);
  const icmpv6 = packet.layer("icmpv6")!;
  assert.equal(icmpv6.truncated, true);
  assert.equal(icmpv6.type, Icmpv6Type.NEIGHBOR_ADVERTISEMENT);
  assert.equal(icmpv6.headerLength, 16);
  assert.equal(icmpv6.target, undefined);
  assert.equal(icmpv6.router, (NEIGHBOR_ADVERTISEMENT[44]! & 0x80) !== 0);
  assert.deepEqual(icmpv6.options, []);
  assert.equal(packet.layers.at(-1), icmpv6);
});

Deno.test("decodeIcmpv6() survives random bytes of every type", () => {
  let seed = 3;
  const random = () => (seed = (seed * 1103515245 + 12345) % 0x80000000) / 0x80000000;
  const types = [1, 2, 3, 4, 128, 129, 130, 133, 134, 135, 136, 137, 200];
  for (let i = 0; i < 3000; i++) {
    const bytes = Uint8Array.from({ length: Math.floor(random() * 96) }, () => random() * 256);
    if (bytes.length > 0) bytes[0] = types[i % types.length]!;
    if (bytes.length > 8 && i % 2 === 0) bytes[8] = 0x60;
    try {
      const icmpv6 = decodeIcmpv6(bytes);
      JSON.stringify(icmpv6.toJSON());
      void [icmpv6.sourceLinkLayerAddress, icmpv6.targetLinkLayerAddress, icmpv6.original];
    } catch (error) {
      assert.ok(error instanceof DecodeError, String(error));
    }
  }
});

Deno.test("PacketParser reuses an Icmpv6 layer without stale fields", () => {
  const parser = new PacketParser();
  parser.parse(LinkType.IPV6, ROUTER_ADVERTISEMENT);
  const first = parser.get("icmpv6")!;
  assert.equal(first.options.length, 7);
  parser.parse(LinkType.IPV6, NEIGHBOR_SOLICITATION);
  const second = parser.get("icmpv6")!;
  assert.equal(second, first, "the same object");
  assert.equal(second.headerLength, 24);
  assert.equal(second.curHopLimit, undefined);
  assert.deepEqual(second.options, []);
  assert.equal(second.checksumValid, true);
  parser.parse(LinkType.IPV6, ECHO_REQUEST);
  assert.equal(parser.get("icmpv6")?.target, undefined);
  assert.equal(parser.get("icmpv6")?.identifier, 4365);
  assert.ok(icmpv6Decoder.create() instanceof Icmpv6);
});

const TSHARK_FILES = [
  "pcapplusplus/ICMPv6_echos.cap",
  "pcapplusplus/IcmpV6_Generic.pcap",
  "pcapplusplus/IcmpV6_NeighAdvSoli.pcap",
  "tcpdump/icmpv6.pcap",
  "tcpdump/icmpv6-ns-nonce.pcap",
  "tcpdump/icmpv6-ra-pref64.pcap",
  "tcpdump/icmpv6_opt24.pcap",
  "tcpdump/icmp6-rfc8335.pcap",
  "tcpdump/icmpv6-RFC2894-RR.pcap",
  "tcpdump/icmpv6-ni-flags.pcap",
];

const TSHARK_ICMPV6 = [
  "icmpv6.type",
  "icmpv6.code",
  "icmpv6.checksum.status",
  "icmpv6.echo.identifier",
  "icmpv6.echo.sequence_number",
  "icmpv6.mtu",
  "icmpv6.nd.ra.cur_hop_limit",
  "icmpv6.nd.ra.router_lifetime",
  "icmpv6.nd.ns.target_address",
  "icmpv6.nd.na.target_address",
  "icmpv6.opt.prefix",
];

for (const name of TSHARK_FILES) {
  Deno.test({
    name: `decode() agrees with tshark on the ICMPv6 messages of ${name}`,
    ignore: !hasCapture(name) || !(await hasTshark()),
    fn() {
      const rows = tsharkFields(name, TSHARK_ICMPV6, ["-o", "ipv6.defragment:FALSE"]);
      const packets = readCapture(name);
      assert.equal(rows.length, packets.length);
      let compared = 0;
      packets.forEach((packet, i) => {
        const row = rows[i]!;
        if (row[0] === "") return;
        const decoded = decode(packet.linkType, packet.data);
        const icmpv6 = decoded.layer("icmpv6");
        if (icmpv6 === undefined) {
          assert.equal(decoded.error?.layer, "icmpv6", `${name} #${i + 1}: ${decoded.error}`);
          return;
        }
        const text = (value: number | string | undefined) =>
          value === undefined ? "" : String(value);
        const status = icmpv6.checksumValid === undefined ? "2" : icmpv6.checksumValid ? "1" : "0";
        const prefix = icmpv6.options.find((option) => option.name === "prefix-information");
        const mine = [
          text(icmpv6.type),
          text(icmpv6.code),
          status,
          text(icmpv6.identifier),
          text(icmpv6.sequenceNumber),
          text(icmpv6.mtu),
          text(icmpv6.curHopLimit),
          text(icmpv6.routerLifetime),
          text(icmpv6.type === 135 ? icmpv6.target : undefined),
          text(icmpv6.type === 136 ? icmpv6.target : undefined),
          text(prefix?.name === "prefix-information" ? prefix.prefix : undefined),
        ];
        // tshark prints the echo identifier in hex, and no sequence number for RFC 8335.
        const theirs = Array.from({ length: mine.length }, (_, j) => row[j] ?? "")
          .map((field) => field.startsWith("0x") ? String(parseInt(field, 16)) : field);
        if (icmpv6.type === 160 || icmpv6.type === 161) theirs[4] = mine[4]!;
        assert.deepEqual(mine, theirs, `${name} #${i + 1}`);
        compared++;
      });
      assert.ok(compared > 0, "nothing compared");
    },
  });
}

Deno.test("printIcmpv6() prints NDP options from the decoder's list as tcpdump -vv does", () => {
  const printer = new TcpdumpPrinter({ timestamps: "none", verbose: 2 });
  const record = { seconds: 0, nanoseconds: 0, originalLength: ROUTER_ADVERTISEMENT.length };
  const text = printer.format(decode(LinkType.IPV6, ROUTER_ADVERTISEMENT), record);
  // tcpdump -n -vv -r tcpdump/icmpv6.pcap, packet 1, after its first two lines.
  assert.deepEqual(text.split("\n").slice(2), [
    "\t  prefix info option (3), length 32 (4): 2222:3333:4444:5555:6600::/72, Flags [onlink, auto], valid time 2592000s, pref. time 604800s",
    "\t    0x0000:  48c0 0027 8d00 0009 3a80 0000 0000 2222",
    "\t    0x0010:  3333 4444 5555 6600 0000 0000 0000",
    "\t  rdnss option (25), length 40 (5):  lifetime 5s, addr: abcd::efef addr: 1234:5678::1",
    "\t    0x0000:  0000 0000 0005 abcd 0000 0000 0000 0000",
    "\t    0x0010:  0000 0000 efef 1234 5678 0000 0000 0000",
    "\t    0x0020:  0000 0000 0001",
    "\t  dnssl option (31), length 56 (7):  lifetime 5s, domain(s): example.com. example.org. dom1.dom2.tld.",
    "\t    0x0000:  0000 0000 0005 0765 7861 6d70 6c65 0363",
    "\t    0x0010:  6f6d 0007 6578 616d 706c 6503 6f72 6700",
    "\t    0x0020:  0464 6f6d 3104 646f 6d32 0374 6c64 0000",
    "\t    0x0030:  0000 0000 0000",
    "\t  mtu option (5), length 8 (1):  100",
    "\t    0x0000:  0000 0000 0064",
    "\t  source link-address option (1), length 8 (1): b0:99:28:c8:d6:6c",
    "\t    0x0000:  b099 28c8 d66c",
    "\t  advertisement interval option (7), length 8 (1):  5000ms",
    "\t    0x0000:  0000 0000 1388",
    "\t  homeagent information option (8), length 8 (1):  preference 50001, lifetime 15",
    "\t    0x0000:  0000 c351 000f",
  ]);
});

Deno.test("printIcmpv6() prints a neighbor advertisement cut before its target as tcpdump does", () => {
  const printer = new TcpdumpPrinter({ timestamps: "none" });
  const cut = NEIGHBOR_ADVERTISEMENT.subarray(0, 40 + 16);
  const record = { seconds: 0, nanoseconds: 0, originalLength: cut.length };
  const text = printer.format(decode(LinkType.IPV6, cut), record);
  assert.match(text, /: ICMP6, neighbor advertisement \[\|icmp6\]$/);
});
