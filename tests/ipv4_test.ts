import assert from "node:assert/strict";
import { decode, decodeStrict, PacketParser } from "../lib/decode.ts";
import { DecodeError } from "../lib/errors.ts";
import { decodeIpv4, Ipv4, ipv4Decoder, Ipv4OptionType } from "../lib/net/ipv4.ts";
import { LinkType } from "../lib/link_type.ts";
import { foldChecksum, sumWords } from "../lib/checksum.ts";
import type { DecodeContext } from "../lib/layer.ts";
import { Registry } from "../lib/registry.ts";
import { capturesDir, hasCapture, readCapture } from "./_pcap_fixture.ts";
import { hasTshark } from "./_tshark.ts";
import { decodeHex as hex } from "../lib/_hex.ts";
import { TcpdumpPrinter } from "../lib/print/mod.ts";
import { buildIpv4 } from "../lib/craft/ipv4.ts";

function context(): DecodeContext {
  return { tables: new Registry(), network: undefined };
}

// pcapplusplus/ipv4-options.pcap, packet 3 (tcpdump -xx), with 10 bytes of Ethernet padding:
// IP (tos 0x0, ttl 1, id 0, offset 0, flags [DF], proto IGMP (2), length 36, options (RA))
//     10.0.0.138 > 224.0.0.1: igmp query v3 [max resp time 1.0s]
const IGMP_RA_FRAME = hex(`
  0100 5e00 0001 c412 f5ff 72e8 0800 4600
  0024 0000 4000 0102 fa48 0a00 008a e000
  0001 9404 0000 110a ec78 0000 0000 027d
  0000 0000 0000 0000 0000 0000`);

// tcpdump/LINKTYPE_RAW_ipv4.pcap, packet 1 (tcpdump -vvx):
// IP (tos 0x0, ttl 64, id 1, offset 0, flags [none], proto UDP (17), length 57)
//     192.168.1.100.12345 > 9.9.9.9.53: [udp sum ok] 4660+ A? example.com. (29)
const UDP_PACKET = hex(`
  4500 0039 0001 0000 4011 a695 c0a8 0164
  0909 0909 3039 0035 0025 1976 1234 0100
  0001 0000 0000 0000 0765 7861 6d70 6c65
  0363 6f6d 0000 0100 01`);

// pcapplusplus/IPv4-TSO.pcap (tcpdump -xx): total length 0, "IP bad-len 0" in tcpdump 4.99.3;
// Wireshark: "Total Length: 59 bytes (reported as 0, presumed to be because of TSO)".
const TSO_FRAME = hex(`
  0000 0000 0000 0000 0000 0000 0800 4500
  0000 1a57 0000 8001 1465 0a00 0004 0101
  0101 0800 4d5a 0001 0001 6162 6364 6566
  6768 696a 6b6c 6d6e 6f70 7172 7374 7576
  7761 6263 6465 6667 68`);

function withChecksum(header: Uint8Array): Uint8Array {
  header[10] = 0;
  header[11] = 0;
  const headerLength = (header[0]! & 0x0f) * 4;
  const checksum = foldChecksum(sumWords(header, 0, headerLength, 0));
  header[10] = checksum >> 8;
  header[11] = checksum & 0xff;
  return header;
}

Deno.test("decodeIpv4() reads every field of a header with a router alert option", () => {
  const ip = decodeIpv4(IGMP_RA_FRAME, 14);
  assert.equal(ip.kind, "ipv4");
  assert.equal(ip.offset, 14);
  assert.equal(ip.version, 4);
  assert.equal(ip.headerLength, 24);
  assert.equal(ip.tos, 0);
  assert.equal(ip.dscp, 0);
  assert.equal(ip.ecn, 0);
  assert.equal(ip.totalLength, 36);
  assert.equal(ip.identification, 0);
  assert.equal(ip.flags, 2);
  assert.equal(ip.reservedFlag, false);
  assert.equal(ip.dontFragment, true);
  assert.equal(ip.moreFragments, false);
  assert.equal(ip.fragmentOffset, 0);
  assert.equal(ip.isFragment, false);
  assert.equal(ip.timeToLive, 1);
  assert.equal(ip.protocol, 2);
  assert.equal(ip.headerChecksum, 0xfa48);
  assert.equal(ip.headerChecksumValid, true);
  assert.equal(ip.source, "10.0.0.138");
  assert.equal(ip.destination, "224.0.0.1");
  assert.deepEqual(ip.sourceBytes, new Uint8Array([10, 0, 0, 138]));
  assert.deepEqual(ip.destinationBytes, new Uint8Array([224, 0, 0, 1]));
  assert.equal(ip.sourceAddress, 0x0a00008a);
  assert.equal(ip.destinationAddress, 0xe0000001);
  assert.equal(ip.optionsMalformed, false);
  assert.deepEqual(ip.options, [
    {
      type: Ipv4OptionType.RTRALT,
      name: "RTRALT",
      length: 4,
      offset: 34,
      data: new Uint8Array([0, 0]),
      routerAlert: 0,
    },
  ]);
  assert.deepEqual(ip.optionBytes, new Uint8Array([0x94, 4, 0, 0]));
  // The payload is the 12 bytes of IGMP: the total length leaves out the Ethernet padding.
  assert.equal(ip.end, 14 + 36);
  assert.deepEqual(ip.payload, hex("110a ec78 0000 0000 027d 0000"));
  assert.equal(ip.payload.buffer, IGMP_RA_FRAME.buffer);
});

Deno.test("decodeIpv4() reads TOS bits, flags and a fragment offset", () => {
  const header = withChecksum(hex("45b9 0030 abcd a0b9 0811 0000 0a00 0001 0a00 0002"));
  const ip = decodeIpv4(new Uint8Array([...header, ...new Uint8Array(28)]));
  assert.equal(ip.tos, 0xb9);
  assert.equal(ip.dscp, 46);
  assert.equal(ip.ecn, 1);
  assert.equal(ip.identification, 0xabcd);
  assert.equal(ip.flags, 5);
  assert.equal(ip.reservedFlag, true);
  assert.equal(ip.dontFragment, false);
  assert.equal(ip.moreFragments, true);
  assert.equal(ip.fragmentOffset, 0xb9);
  assert.equal(ip.fragmentOffset * 8, 1480);
  assert.equal(ip.isFragment, true);
  assert.equal(ip.timeToLive, 8);
  assert.equal(ip.headerChecksumValid, true);
});

Deno.test("decodeIpv4() tells a wrong header checksum", () => {
  const packet = UDP_PACKET.slice();
  packet[11] = packet[11]! ^ 1;
  assert.equal(decodeIpv4(packet).headerChecksumValid, false);
  assert.equal(decodeIpv4(UDP_PACKET).headerChecksumValid, true);
});

Deno.test("decodeIpv4() walks NOP, timestamp, record route and EOL options", () => {
  // NOP, RR with room for one address, TS (timestamps only) with one slot, EOL, padding.
  const options = hex("01 0707 04 0a000001 440c 0d00 00000000 00000000 00 000000");
  const header = new Uint8Array(20 + options.length);
  header.set(hex("4000 0000 0000 0000 4006 0000 0a00 0001 0a00 0002"));
  header[0] = 0x40 | (header.length / 4);
  header[3] = header.length;
  header.set(options, 20);
  const ip = decodeIpv4(withChecksum(header));
  assert.equal(ip.headerLength, 44);
  assert.equal(ip.optionsMalformed, false);
  assert.deepEqual(
    ip.options.map(({ type, name, length }) => ({ type, name, length })),
    [
      { type: 1, name: "NOP", length: 1 },
      { type: 7, name: "RR", length: 7 },
      { type: 68, name: "TS", length: 12 },
      { type: 0, name: "EOL", length: 1 },
    ],
  );
  assert.deepEqual(ip.options[1]!.data, hex("04 0a000001"));
  assert.equal(ip.options[3]!.data.length, 0);
});

Deno.test("decodeIpv4() names options and keeps unknown ones raw", () => {
  const header = withChecksum(
    hex("4700 001c 0000 0000 4006 0000 0a00 0001 0a00 0002 8304 0000 9f03 aa00"),
  );
  const options = decodeIpv4(header).options;
  assert.deepEqual(options.map((option) => option.name), ["LSRR", "unknown", "EOL"]);
  assert.deepEqual(options[1], {
    type: 0x9f,
    name: "unknown",
    length: 3,
    offset: 24,
    data: hex("aa"),
  });
});

Deno.test("decodeIpv4() stops walking at a malformed option length and marks it", () => {
  const cases: [string, string[]][] = [
    ["0101 0100", ["NOP", "NOP", "NOP", "EOL"]], // well-formed, for contrast
    ["0101 8900", ["NOP", "NOP", "SSRR"]], // SSRR length 0
    ["0101 0701", ["NOP", "NOP", "RR"]], // RR length 1
    ["0744 0000", ["RR"]], // RR longer than the header
    ["0101 0194", ["NOP", "NOP", "NOP", "RTRALT"]], // a type octet without its length octet
  ];
  for (const [options, names] of cases) {
    const header = withChecksum(
      hex(`4600 0018 0000 0000 4006 0000 0a00 0001 0a00 0002 ${options}`),
    );
    const ip = decodeIpv4(header);
    assert.deepEqual(ip.options.map((option) => option.name), names, options);
    assert.equal(ip.optionsMalformed, names.at(-1) !== "EOL", options);
    assert.equal(ip.options.at(-1)?.malformed, ip.optionsMalformed ? true : undefined, options);
    assert.equal(ip.payload.length, 0);
    assert.doesNotThrow(() => JSON.stringify(ip));
  }
});

Deno.test("decodeIpv4() rejects a truncated header", () => {
  for (let n = 0; n < 20; n++) {
    assert.throws(() => decodeIpv4(UDP_PACKET.subarray(0, n)), (error) => {
      assert.ok(error instanceof DecodeError);
      assert.equal(error.code, "truncated");
      assert.equal(error.layer, "ipv4");
      assert.equal(error.required, 20);
      assert.equal(error.received, n);
      return true;
    });
  }
  // The options of a 24-byte header are cut short.
  const ip = IGMP_RA_FRAME.subarray(14);
  for (let n = 20; n < 24; n++) {
    assert.throws(() => decodeIpv4(ip.subarray(0, n)), {
      code: "truncated",
      message: `Cannot decode IPv4 header: 24 bytes required, received ${n}`,
    });
  }
  assert.equal(decodeIpv4(ip.subarray(0, 24)).payload.length, 0);
});

Deno.test("decodeIpv4() trims the payload to the captured bytes when they end early", () => {
  for (let n = 20; n <= UDP_PACKET.length; n++) {
    const ip = decodeIpv4(UDP_PACKET.subarray(0, n));
    assert.equal(ip.totalLength, 57);
    assert.equal(ip.end, n);
  }
});

Deno.test("decodeIpv4() rejects a version other than 4", () => {
  for (const first of [0x05, 0x35, 0x65, 0xf5]) {
    const packet = UDP_PACKET.slice();
    packet[0] = first;
    assert.throws(() => decodeIpv4(packet), {
      name: "DecodeError",
      code: "malformed",
      required: 4,
      received: first >> 4,
      message: `Cannot decode IPv4 header: version ${first >> 4} is not 4`,
    });
  }
});

Deno.test("decodeIpv4() rejects a header length below 20", () => {
  // tcpdump/ipv4_invalid_hdr_length.pcap: "IP bad-hlen 16".
  const packet = hex("4400 0054 f1a6 0000 4011 4594 8cd3 09ce 2d21 7f9c 98b7 0035");
  for (let ihl = 0; ihl < 5; ihl++) {
    packet[0] = 0x40 | ihl;
    assert.throws(() => decodeIpv4(packet), {
      code: "malformed",
      required: 20,
      received: ihl * 4,
      message: `Cannot decode IPv4 header: header length ${ihl * 4} is less than 20`,
    });
  }
});

Deno.test("decodeIpv4() rejects a total length below the header length", () => {
  // pcapplusplus/ipv4-malformed.pcap, packet 1: total length 11 ("Bogus IP length").
  const packet = hex("4500 000b 4709 4000 8006 2fcc c0a8 0104 c0a8 0103 080d 01bb");
  assert.throws(() => decodeIpv4(packet), {
    code: "malformed",
    required: 20,
    received: 11,
    message: "Cannot decode IPv4 header: total length 11 is less than the header length 20",
  });
  const withOptions = IGMP_RA_FRAME.slice(14);
  withOptions[3] = 22;
  assert.throws(() => decodeIpv4(withOptions), { code: "malformed", required: 24 });
  withOptions[3] = 24;
  assert.equal(decodeIpv4(withOptions).payload.length, 0);
});

Deno.test("decodeIpv4() takes a total length of 0 as TCP segmentation offload", () => {
  const ip = decodeIpv4(TSO_FRAME, 14);
  assert.equal(ip.totalLength, 0);
  assert.equal(ip.end, TSO_FRAME.length);
  assert.equal(ip.payload.length, 59 - 20);
  assert.equal(ip.protocol, 1);
  assert.equal(ip.source, "10.0.0.4");
  // Wireshark: "Bad checksum [should be 0x4dc3]" (the sender had not filled it in).
  assert.equal(ip.headerChecksumValid, false);
  const packet = decode(LinkType.EN10MB, TSO_FRAME);
  assert.equal(packet.error, undefined);
  assert.deepEqual(packet.layers.map((layer) => layer.kind), ["ethernet", "ipv4", "icmp"]);
});

Deno.test("decodeIpv4() sets the network layer for transport checksums", () => {
  const ctx = context();
  const ip = new Ipv4();
  assert.equal(ip.decodeFrom(UDP_PACKET, 0, UDP_PACKET.length, ctx), undefined);
  assert.equal(ctx.network, ip);
  // The pseudo-header sum plus the UDP datagram folds to 0 when the UDP checksum is right.
  const sum = sumWords(UDP_PACKET, 20, 57, ip.pseudoHeaderSum(17, 37));
  assert.equal(foldChecksum(sum), 0);
  const packet = decodeStrict(LinkType.RAW, UDP_PACKET);
  assert.equal(packet.layer("udp")?.checksumValid, true);
  const broken = UDP_PACKET.slice();
  broken[15] = broken[15]! ^ 0x10; // the source address: the pseudo-header changes, the IP checksum too
  assert.equal(decode(LinkType.RAW, broken).layer("udp")?.checksumValid, false);
});

Deno.test("Ipv4.decodeFrom() leaves the object alone on error", () => {
  const ctx = context();
  const ip = new Ipv4();
  assert.equal(ip.decodeFrom(UDP_PACKET, 0, UDP_PACKET.length, ctx), undefined);
  const error = ip.decodeFrom(UDP_PACKET, 0, 10, ctx);
  assert.ok(error instanceof DecodeError);
  assert.equal(ip.source, "192.168.1.100");
});

Deno.test("decode() does not decode the payload of a non-first IPv4 fragment", () => {
  const frame = new Uint8Array(14 + 20 + 16);
  frame.set([0x08, 0x00], 12);
  const header = withChecksum(hex("4500 0024 0001 20b9 4011 0000 0a00 0001 0a00 0002"));
  frame.set(header, 14);
  frame.set(hex("3039 0035 0010 0000"), 34);
  const packet = decode(LinkType.EN10MB, frame);
  assert.deepEqual(packet.layers.map((layer) => layer.kind), ["ethernet", "ipv4"]);
  assert.equal(packet.error, undefined);
  assert.equal(packet.payload.length, 16);
  // The first fragment (offset 0, more fragments) is decoded further.
  frame[20] = 0x20;
  frame[21] = 0;
  frame.set(withChecksum(frame.slice(14, 34)), 14);
  const first = decode(LinkType.EN10MB, frame);
  // Port 53: the 8 bytes after UDP are kept as a partial DNS header.
  assert.deepEqual(first.layers.map((layer) => layer.kind), ["ethernet", "ipv4", "udp", "dns"]);
  assert.equal(first.error?.partial, true);
  assert.equal(first.layer("ipv4")?.isFragment, true);
});

Deno.test("decode() decodes IPv4 in IPv4 through the registry", () => {
  const inner = UDP_PACKET;
  const outer = withChecksum(hex("4500 0000 0002 0000 4004 0000 0a00 0001 0a00 0002"));
  outer[3] = 20 + inner.length;
  const packet = decodeStrict(LinkType.RAW, new Uint8Array([...outer, ...inner, 0, 0]));
  assert.deepEqual(packet.layers.slice(0, 3).map((layer) => layer.kind), ["ipv4", "ipv4", "udp"]);
  const [a, b] = packet.layers.filter((layer) => layer.kind === "ipv4") as Ipv4[];
  assert.equal(a!.source, "10.0.0.1");
  assert.equal(b!.source, "192.168.1.100");
  assert.equal(b!.end, 20 + 57);
  assert.equal(packet.layer("udp")?.checksumValid, true);
});

Deno.test("decode() never throws on a truncated IPv4 packet", () => {
  for (let n = 0; n <= IGMP_RA_FRAME.length; n++) {
    const packet = decode(LinkType.EN10MB, IGMP_RA_FRAME.subarray(0, n));
    if (n < 14 + 24) {
      assert.ok(packet.error instanceof DecodeError, `${n}`);
      assert.equal(packet.error.code, "truncated");
    } else {
      assert.equal(packet.layer("ipv4")?.end, Math.min(n, 14 + 36));
    }
  }
});

Deno.test("PacketParser reuses an Ipv4 layer without stale fields", () => {
  const parser = new PacketParser();
  const tcp = new Uint8Array(14 + 20 + 20);
  tcp.set([0x08, 0x00], 12);
  tcp.set(withChecksum(hex("4500 0028 1234 0000 ff06 0000 0101 0101 0202 0202")), 14);
  tcp.set(hex("0050 1f90 0000 0001 0000 0000 5002 ffff 0000 0000"), 34);
  assert.equal(parser.parse(LinkType.EN10MB, IGMP_RA_FRAME), 3); // Ethernet, IPv4, IGMP
  const first = parser.get("ipv4")!;
  const firstJson = JSON.stringify(first);
  parser.parse(LinkType.EN10MB, tcp);
  const second = parser.get("ipv4")!;
  assert.equal(second, first, "the same object is reused");
  assert.deepEqual(second.toJSON(), decodeIpv4(tcp, 14).toJSON());
  assert.equal(second.options.length, 0);
  assert.equal(second.optionsMalformed, false);
  assert.equal(second.dontFragment, false);
  assert.equal(second.end, tcp.length);
  parser.parse(LinkType.EN10MB, IGMP_RA_FRAME);
  assert.equal(JSON.stringify(parser.get("ipv4")), firstJson);
  // A malformed packet after a good one: the error is reported, no layer past Ethernet.
  const bad = IGMP_RA_FRAME.slice();
  bad[14] = 0x55;
  assert.equal(parser.parse(LinkType.EN10MB, bad), 1);
  assert.equal(parser.error?.code, "malformed");
});

Deno.test("ipv4Decoder creates empty Ipv4 layers", () => {
  const ip = ipv4Decoder.create();
  assert.ok(ip instanceof Ipv4);
  assert.equal(ip.kind, "ipv4");
  assert.equal(ip.payload.length, 0);
});

/** Runs tshark with every occurrence of each field, one row per packet. */
function tsharkAll(name: string, fields: string[]): string[][] {
  const args = ["-n", "-r", new URL(name, capturesDir).pathname, "-T", "fields"];
  for (const field of fields) args.push("-e", field);
  args.push("-E", "separator=\t", "-E", "occurrence=a", "-E", "aggregator=,");
  const output = new Deno.Command("tshark", { args, stdout: "piped", stderr: "null" })
    .outputSync();
  return new TextDecoder().decode(output.stdout).split("\n").filter((line) => line !== "")
    .map((line) => line.split("\t"));
}

/**
 * Concatenates shared captures into one temporary pcapng file, for one tshark run.
 *
 * @returns The file's absolute path (which `readCapture()` and `tsharkAll()` accept).
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

const IPV4_CAPTURES = [
  "pcapplusplus/ipv4-options.pcap",
  "pcapplusplus/IPv4Frag.pcap",
  "pcapplusplus/ip4_fragments.pcap",
  "pcapplusplus/frag_with_padding.pcap",
  "pcapplusplus/IPv4-TSO.pcap",
  "tcpdump/ipv4_tcp_http_xml_tso.pcap",
  "tcpdump/bigtcp-ipv4.pcap",
  "tcpdump/LINKTYPE_RAW_ipv4.pcap",
];

Deno.test({
  name: "decode() agrees with tshark on the IPv4 fields of real captures",
  ignore: !(await hasTshark()) || !IPV4_CAPTURES.every(hasCapture),
  fn() {
    const fields = [
      "ip.src",
      "ip.dst",
      "ip.ttl",
      "ip.flags.rb",
      "ip.flags.df",
      "ip.flags.mf",
      "ip.frag_offset",
      "ip.id",
      "ip.proto",
      "ip.hdr_len",
      "ip.dsfield",
      "ip.checksum",
      "ip.opt.type",
      "ip.len",
      "ip.cur_rt",
    ];
    // One tshark run over all the files (tshark takes seconds to start).
    const merged = mergeCaptures(IPV4_CAPTURES);
    try {
      const rows = tsharkAll(merged, fields);
      const packets = readCapture(merged);
      assert.equal(rows.length, packets.length);
      packets.forEach(({ linkType, data }, i) => {
        const where = `packet #${i + 1}`;
        const packet = decode(linkType, data);
        assert.equal(packet.error, undefined, where);
        const ip = packet.layer("ipv4")!;
        const row = rows[i]!;
        // Wireshark shows the final hop of a source route as ip.dst, the field as ip.cur_rt.
        if (row[14]) row[1] = row[14];
        const ours = [
          ip.source,
          ip.destination,
          String(ip.timeToLive),
          String(Number(ip.reservedFlag)),
          String(Number(ip.dontFragment)),
          String(Number(ip.moreFragments)),
          String(ip.fragmentOffset),
          `0x${ip.identification.toString(16).padStart(4, "0")}`,
          String(ip.protocol),
          String(ip.headerLength),
          `0x${ip.tos.toString(16).padStart(2, "0")}`,
          `0x${ip.headerChecksum.toString(16).padStart(4, "0")}`,
          ip.options.map((option) => option.type).join(","),
          // tshark reports the presumed length of a TSO packet: here, the captured bytes.
          String(ip.end - ip.offset),
        ];
        assert.deepEqual(ours, row.slice(0, ours.length), where);
      });
    } finally {
      Deno.removeSync(merged);
    }
  },
});

Deno.test({
  name: "decode() reports the malformed IPv4 headers of ipv4-malformed.pcap",
  ignore: !hasCapture("pcapplusplus/ipv4-malformed.pcap"),
  fn() {
    // tshark: "Bogus IP length" (total length 11), then "Bogus IPv4 version" (5).
    const errors = readCapture("pcapplusplus/ipv4-malformed.pcap").map(({ linkType, data }) => {
      const packet = decode(linkType, data);
      assert.deepEqual(packet.layers.map((layer) => layer.kind), ["ethernet"]);
      return [packet.error?.code, packet.error?.layer, packet.error?.received];
    });
    assert.deepEqual(errors, [["malformed", "ipv4", 11], ["malformed", "ipv4", 5]]);
  },
});

Deno.test("TcpdumpPrinter names every combination of IPv4 flags at -v", () => {
  const printer = new TcpdumpPrinter({ timestamps: "none", verbose: 1 });
  const expected = ["none", "+", "DF", "+, DF", "rsvd", "+, rsvd", "DF, rsvd", "+, DF, rsvd"];
  for (let bits = 0; bits < 8; bits++) {
    const packet = buildIpv4({ source: "10.0.0.1", destination: "10.0.0.2", protocol: 253 });
    // Reserved, DF, MF from the top bit down; the checksum is set again below.
    packet[6] = ((bits & 1) << 5) | ((bits & 2) << 5) | ((bits & 4) << 5);
    packet[10] = packet[11] = 0;
    const sum = foldChecksum(sumWords(packet, 0, 20, 0));
    packet[10] = sum >> 8;
    packet[11] = sum & 0xff;
    const line = printer.format(decode(LinkType.IPV4, packet), {
      seconds: 0,
      nanoseconds: 0,
      originalLength: packet.length,
    });
    assert.match(line, new RegExp(`, flags \\[${expected[bits]!.replace("+", "\\+")}\\], proto`));
    assert.doesNotMatch(line, /bad cksum/);
  }
});
