import assert from "node:assert/strict";
import { decodeGre, Gre, greDecoder } from "../lib/net/gre.ts";
import { decode } from "../lib/decode.ts";
import { DecodeError } from "../lib/errors.ts";
import { LinkType } from "../lib/link_type.ts";
import { foldChecksum, sumWords } from "../lib/checksum.ts";
import { buildIcmpEcho, buildIpv4, buildUdp } from "../lib/craft/mod.ts";
import { concatBytes, ipv4Packet } from "./_shared.ts";
import { packetSummary, TcpdumpPrinter } from "../lib/print/mod.ts";

Deno.test("decodeGre() reads the key and sequence number", () => {
  // GREv0, key=0x01020304, seq 7, IPv4.
  const gre = decodeGre(
    new Uint8Array([0x30, 0x00, 0x08, 0x00, 1, 2, 3, 4, 0, 0, 0, 7, 0x45]),
  );
  assert.equal(gre.kind, "gre");
  assert.equal(gre.version, 0);
  assert.equal(gre.keyPresent, true);
  assert.equal(gre.sequencePresent, true);
  assert.equal(gre.checksumPresent, false);
  assert.equal(gre.key, 0x01020304);
  assert.equal(gre.sequenceNumber, 7);
  assert.equal(gre.checksum, undefined);
  assert.equal(gre.checksumValid, undefined);
  assert.equal(gre.headerLength, 12);
  assert.deepEqual(gre.payload, new Uint8Array([0x45]));
});

Deno.test("decodeGre() reads a key of 0xffffffff as unsigned", () => {
  const gre = decodeGre(new Uint8Array([0x20, 0x00, 0x65, 0x58, 0xff, 0xff, 0xff, 0xff]));
  assert.equal(gre.key, 0xffffffff);
  assert.equal(gre.protocolType, 0x6558);
});

Deno.test("decodeGre() verifies the checksum", () => {
  const bytes = new Uint8Array([0x80, 0x00, 0x08, 0x00, 0, 0, 0, 0, 1, 2, 3]);
  const sum = foldChecksum(sumWords(bytes, 0, bytes.length, 0));
  bytes[4] = sum >> 8;
  bytes[5] = sum & 0xff;
  const gre = decodeGre(bytes);
  assert.equal(gre.checksum, sum);
  assert.equal(gre.routingOffset, 0);
  assert.equal(gre.checksumValid, true);
  assert.equal(gre.headerLength, 8);
  bytes[10] = bytes[10]! ^ 0xff;
  assert.equal(decodeGre(bytes).checksumValid, false);
});

Deno.test("decodeGre() reads enhanced GRE (version 1) of PPTP", () => {
  // Key (payload length 0, call ID 6) and ack 26, no sequence number: an ack alone.
  const gre = decodeGre(
    new Uint8Array([0x20, 0x81, 0x88, 0x0b, 0, 0, 0, 6, 0, 0, 0, 26]),
  );
  assert.equal(gre.version, 1);
  assert.equal(gre.acknowledgmentPresent, true);
  assert.equal(gre.payloadLength, 0);
  assert.equal(gre.callId, 6);
  assert.equal(gre.key, undefined);
  assert.equal(gre.sequenceNumber, undefined);
  assert.equal(gre.acknowledgmentNumber, 26);
  assert.equal(gre.headerLength, 12);
});

Deno.test("decodeGre() skips the source route entries of RFC 1701", () => {
  const gre = decodeGre(
    new Uint8Array([
      0x48,
      0x00,
      0x08,
      0x00,
      0,
      0,
      0,
      0, // R and s bits, checksum and offset
      0x08,
      0x00,
      0,
      4,
      10,
      0,
      0,
      1, // SRE: IPv4 family, one address
      0,
      0,
      0,
      0, // the null SRE
      0x45,
    ]),
  );
  assert.equal(gre.routingPresent, true);
  assert.equal(gre.strictSourceRoute, true);
  assert.equal(gre.headerLength, 20);
  assert.equal(gre.routing.length, 12);
  assert.deepEqual(gre.payload, new Uint8Array([0x45]));
});

Deno.test("decodeGre() rejects a truncated header", () => {
  assert.throws(() => decodeGre(new Uint8Array([0x00, 0x00, 0x08])), {
    name: "DecodeError",
    message: "Cannot decode GRE header: 4 bytes required, received 3",
  });
  assert.throws(() => decodeGre(new Uint8Array([0xb0, 0x00, 0x08, 0x00, 0, 0, 0, 0, 1, 2])), {
    message: "Cannot decode GRE header: 16 bytes required, received 10",
  });
  // Routing entries that run past the bytes.
  assert.throws(
    () => decodeGre(new Uint8Array([0x40, 0, 8, 0, 0, 0, 0, 0, 8, 0, 0, 8, 1, 2])),
    { message: "Cannot decode GRE header: 24 bytes required, received 14" },
  );
  const error = decode(
    LinkType.RAW,
    ipv4Packet(47, [10, 0, 0, 1], [10, 0, 0, 2], new Uint8Array([0x20, 0, 8, 0, 0])),
  ).error;
  assert.ok(error instanceof DecodeError);
  assert.equal(error.layer, "gre");
  assert.equal(error.code, "truncated");
  assert.equal(error.offset, 20);
});

Deno.test("decodeGre() rejects a version other than 0 and 1", () => {
  assert.throws(() => decodeGre(new Uint8Array([0x00, 0x02, 0x08, 0x00])), (error) => {
    assert.ok(error instanceof DecodeError);
    assert.equal(error.code, "malformed");
    assert.equal(error.received, 2);
    return true;
  });
});

Deno.test("greDecoder creates reusable GRE layers", () => {
  const layer = greDecoder.create();
  assert.ok(layer instanceof Gre);
  assert.equal(layer.kind, "gre");
});

Deno.test("decode() follows a GRE tunnel to the packet inside", () => {
  const inner = ipv4Packet(
    1,
    [10, 0, 0, 1],
    [10, 0, 0, 2],
    buildIcmpEcho({ identifier: 1, sequence: 2 }),
  );
  const gre = concatBytes(new Uint8Array([0x20, 0x00, 0x08, 0x00, 0, 0, 0, 0x28]), inner);
  const outer = ipv4Packet(47, [192, 168, 1, 1], [192, 168, 1, 2], gre);
  const packet = decode(LinkType.RAW, outer);
  assert.equal(packet.error, undefined);
  assert.deepEqual(packet.layers.map((l) => l.kind), ["ipv4", "gre", "ipv4", "icmp"]);
  const json = packet.toJSON() as Record<string, Record<string, unknown>>;
  assert.equal(json.gre?.key, 0x28);
  assert.equal(json.gre?.protocolType, 0x0800);
  const line = packetSummary(packet, { timestamp: 0n, originalLength: outer.length }, {
    time: false,
  });
  assert.equal(
    line,
    "IP 192.168.1.1 > 192.168.1.2: GREv0, key=0x28, length 36: " +
      "IP 10.0.0.1 > 10.0.0.2: ICMP echo request, id 1, seq 2, length 8",
  );
});

Deno.test("decode() reads an Ethernet frame bridged over GRE", () => {
  const inner = ipv4Packet(
    1,
    [10, 0, 0, 1],
    [10, 0, 0, 2],
    buildIcmpEcho({ identifier: 1, sequence: 2 }),
  );
  const frame = concatBytes(
    new Uint8Array([2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 0x08, 0x00]),
    inner,
  );
  const gre = concatBytes(new Uint8Array([0x00, 0x00, 0x65, 0x58]), frame);
  const outer = ipv4Packet(47, [192, 168, 1, 1], [192, 168, 1, 2], gre);
  const packet = decode(LinkType.RAW, outer);
  assert.deepEqual(packet.layers.map((l) => l.kind), [
    "ipv4",
    "gre",
    "ethernet",
    "ipv4",
    "icmp",
  ]);
  const printer = new TcpdumpPrinter({ timestamps: "none", link: true });
  assert.equal(
    printer.format(packet, {
      seconds: 0,
      nanoseconds: 0,
      originalLength: outer.length,
      linkType: LinkType.RAW,
    }),
    "ip: 192.168.1.1 > 192.168.1.2: GREv0, proto TEB (0x6558), length 46: " +
      "02:00:00:00:00:01 > 02:00:00:00:00:02, ethertype IPv4 (0x0800), length 42: " +
      "10.0.0.1 > 10.0.0.2: ICMP echo request, id 1, seq 2, length 8",
  );
});

Deno.test("TcpdumpPrinter prints GRE flags with -v and names unknown payloads", () => {
  const gre = new Uint8Array([0x20, 0x00, 0x89, 0x09, 0, 0, 0, 0x28, 1, 2, 3, 4]);
  const outer = ipv4Packet(47, [10, 172, 64, 7], [10, 172, 64, 6], gre);
  const packet = decode(LinkType.RAW, outer);
  const record = { seconds: 0, nanoseconds: 0, originalLength: outer.length };
  assert.equal(
    new TcpdumpPrinter({ timestamps: "none" }).format(packet, record),
    "IP 10.172.64.7 > 10.172.64.6: GREv0, key=0x28, length 12: gre-proto-0x8909",
  );
  assert.equal(
    new TcpdumpPrinter({ timestamps: "none", verbose: 1 }).format(packet, record),
    "IP (tos 0x0, ttl 64, id 1, offset 0, flags [none], proto GRE (47), length 32)\n" +
      "    10.172.64.7 > 10.172.64.6: GREv0, Flags [key present], key=0x28, length 12\n" +
      "\tgre-proto-0x8909",
  );
});

Deno.test("TcpdumpPrinter prints GRE's source route entries as tcpdump's gre_print_0()", () => {
  const inner = buildIpv4({
    source: "10.1.1.1",
    destination: "10.1.1.2",
    protocol: 17,
    payload: buildUdp({
      source: "10.1.1.1",
      destination: "10.1.1.2",
      sourcePort: 1000,
      destinationPort: 2000,
      payload: new Uint8Array(4),
    }),
  });
  const sre = (family: number, offset: number, information: number[]) => [
    family >> 8,
    family & 0xff,
    offset,
    information.length,
    ...information,
  ];
  const routed = (entries: number[]) =>
    buildIpv4({
      source: "10.0.0.1",
      destination: "10.0.0.2",
      protocol: 47,
      payload: new Uint8Array([0x40, 0, 0x08, 0, 0, 0, 0, 4, ...entries, 0, 0, 0, 0, ...inner]),
    });
  const print = (packet: Uint8Array, captured = packet.length) =>
    new TcpdumpPrinter({ timestamps: "none" }).format(
      decode(LinkType.RAW, packet.subarray(0, captured)),
      { seconds: 0, nanoseconds: 0, originalLength: packet.length },
    ).replace("IP 10.0.0.1 > 10.0.0.2: GREv0, off 0x4", "");
  const ip = routed(sre(0x0800, 4, [192, 168, 0, 1, 192, 168, 0, 2]));
  const asn = routed([...sre(0xfffe, 2, [0, 100, 0xfd, 0xe8]), ...sre(0x1234, 0, [1, 2, 3])]);
  const bad = routed([
    ...sre(0x0800, 2, [1, 2, 3, 4]),
    ...sre(0x0800, 0, [1, 2, 3]),
    ...sre(0x0800, 8, [1, 2, 3, 4]),
    ...sre(0xfffe, 1, [0, 1]),
  ]);
  const udp = "IP 10.1.1.1.1000 > 10.1.1.2.2000: UDP, length 4";
  // tcpdump 4.99.3 on the same packets, whole and cut.
  assert.deepEqual([print(ip), print(ip, 36), print(ip, 44), print(ip, 48)], [
    `, (rtaf=ip 192.168.0.1 *192.168.0.2), length 56: ${udp}`,
    ", (rtaf=ip 192.168.0.1) [|gre]",
    ", (rtaf=ip 192.168.0.1 *192.168.0.2), length 56:  [|ip]",
    ", (rtaf=ip 192.168.0.1 *192.168.0.2), length 56: IP  [|ip]",
  ]);
  assert.deepEqual([print(asn), print(asn, 34), print(asn, 40)], [
    `, (rtaf=asn 64 *fde8), (rtaf=0x1234), length 59: ${udp}`,
    ", (rtaf=asn 64) [|gre]",
    ", (rtaf=asn 64 *fde8), (rtaf=0x1234) [|gre]",
  ]);
  assert.equal(
    print(bad),
    ", (rtaf=ip, badoffset=2), (rtaf=ip, badlength=3), (rtaf=ip, badoff/len=8/4), " +
      `(rtaf=asn, badoffset=1), length 73: ${udp}`,
  );
  const cut = decode(LinkType.RAW, asn.subarray(0, 34));
  const gre = cut.layer("gre")!;
  assert.equal(cut.error?.partial, true);
  assert.equal(gre.routingCut, true);
  assert.deepEqual(gre.sourceRouteEntries.map((e) => [e.family, e.sreOffset, e.sreLength]), [
    [0xfffe, 2, 4],
  ]);
  assert.deepEqual(gre.sourceRouteEntries[0]!.information, new Uint8Array([0, 100]));
});

Deno.test("TcpdumpPrinter names the payload printer whose first read a cut GRE payload ends", () => {
  const line = (flags: number, protocol: number) => {
    const gre = new Uint8Array([flags >> 8, flags & 0xff, protocol >> 8, protocol & 0xff]);
    const fields = flags === 0x3001 ? [0, 0, 0, 5, 0, 0, 0, 6] : [];
    const packet = ipv4Packet(
      47,
      [10, 0, 0, 1],
      [10, 0, 0, 2],
      concatBytes(gre, new Uint8Array([...fields, 0x45, 0x60, 0, 0])),
    );
    const text = new TcpdumpPrinter({ timestamps: "none" }).format(
      decode(LinkType.RAW, packet.subarray(0, packet.length - 4)),
      { seconds: 0, nanoseconds: 0, originalLength: packet.length },
    );
    return text.slice(text.indexOf(": ") + 2);
  };
  // tcpdump 4.99.3 on the same packets, cut after the GRE header.
  assert.deepEqual(
    [[0, 0x0800], [0, 0x86dd], [0, 0x6558], [0, 0x8847], [0, 0x00fe], [0x3001, 0x880b]].map((
      [flags, protocol],
    ) => line(flags!, protocol!)),
    [
      "GREv0, length 8:  [|ip]",
      "GREv0, length 8:  [|ip6]",
      "GREv0, length 8:  [|ether]",
      "GREv0, length 8: MPLS [|mpls]",
      "GREv0, length 8:  [|isoclns]",
      "GREv1, call 5, seq 6, length 16:  [|ppp]",
    ],
  );
});
