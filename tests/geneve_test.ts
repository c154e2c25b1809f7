import assert from "node:assert/strict";
import { concatBytes } from "./_shared.ts";
import { decodeGeneve, Geneve } from "../lib/net/geneve.ts";
import { decode } from "../lib/decode.ts";
import { DecodeError } from "../lib/errors.ts";
import { LinkType } from "../lib/link_type.ts";
import { buildIcmpEcho, buildIpv4, buildUdp } from "../lib/craft/mod.ts";
import { TcpdumpPrinter } from "../lib/print/mod.ts";

/** IPv4 and UDP to port 6081 around `payload` (raw IP link type). */
function geneveDatagram(payload: Uint8Array): Uint8Array {
  const udp = buildUdp({
    source: "20.0.0.1",
    destination: "20.0.0.2",
    sourcePort: 12618,
    destinationPort: 6081,
    payload,
  });
  return buildIpv4({ source: "20.0.0.1", destination: "20.0.0.2", protocol: 17, payload: udp });
}

// After tcpdump's tests/geneve.pcap, packet 1: the C flag, VNI 0xa and one critical option
// of the standard class, here in front of an IPv4 packet instead of an Ethernet frame.
//   0x0000:  0240 0800 0000 0a00 0000 8001 0000 000c  .@..............
const HEADER = new Uint8Array([
  0x02,
  0x40,
  0x08,
  0x00,
  0,
  0,
  0x0a,
  0,
  0x00,
  0x00,
  0x80,
  0x01,
  0,
  0,
  0,
  0x0c,
]);
const INNER = buildIpv4({
  source: "30.0.0.1",
  destination: "30.0.0.2",
  protocol: 1,
  payload: buildIcmpEcho({ identifier: 10578, sequence: 23 }),
});

Deno.test("decodeGeneve() reads the header and its options", () => {
  const geneve = decodeGeneve(HEADER);
  assert.ok(geneve instanceof Geneve);
  assert.equal(geneve.version, 0);
  assert.equal(geneve.optionsLength, 8);
  assert.equal(geneve.critical, true);
  assert.equal(geneve.oam, false);
  assert.equal(geneve.protocolType, 0x0800);
  assert.equal(geneve.vni, 10);
  assert.equal(geneve.headerLength, 16);
  assert.equal(geneve.options.length, 1);
  const option = geneve.options[0]!;
  assert.equal(option.optionClass, 0);
  assert.equal(option.type, 0x80);
  assert.equal(option.critical, true);
  assert.equal(option.length, 8);
  assert.deepEqual(option.data, new Uint8Array([0, 0, 0, 0x0c]));
  assert.equal(option.badLength, false);
});

Deno.test("decodeGeneve() marks an option longer than the options", () => {
  const bytes = HEADER.slice();
  bytes[11] = 0x03; // 16 bytes, in 8 bytes of options
  const option = decodeGeneve(bytes).options[0]!;
  assert.equal(option.length, 16);
  assert.equal(option.badLength, true);
});

Deno.test("decodeGeneve() rejects a truncated header and an unknown version", () => {
  assert.throws(() => decodeGeneve(HEADER.subarray(0, 12)), DecodeError);
  assert.throws(() => decodeGeneve(new Uint8Array([0x40, 0, 0x65, 0x58, 0, 0, 1, 0])), {
    message: /version 1 is not 0/,
  });
});

Deno.test("decode() goes on through Geneve by its protocol type", () => {
  const packet = decode(LinkType.RAW, geneveDatagram(concatBytes(HEADER, INNER)));
  assert.equal(packet.error, undefined);
  assert.deepEqual(packet.layers.map((layer) => layer.kind), [
    "ipv4",
    "udp",
    "geneve",
    "ipv4",
    "icmp",
  ]);
});

Deno.test("printGeneve() prints the options at -v and their data at -vv, as tcpdump does", () => {
  const datagram = geneveDatagram(concatBytes(HEADER, INNER));
  const packet = decode(LinkType.RAW, datagram);
  const record = { seconds: 0, nanoseconds: 0, originalLength: datagram.length };
  const print = (verbose: number) =>
    new TcpdumpPrinter({ timestamps: "none", verbose }).format(packet, record);
  assert.equal(
    print(0),
    "IP 20.0.0.1.12618 > 20.0.0.2.6081: Geneve, Flags [C], vni 0xa, options [8 bytes]: " +
      "IP 30.0.0.1 > 30.0.0.2: ICMP echo request, id 10578, seq 23, length 8",
  );
  const lines = print(2).split("\n");
  assert.equal(
    lines[1],
    "    20.0.0.1.12618 > 20.0.0.2.6081: [udp sum ok] Geneve, Flags [C], vni 0xa, " +
      "options [class Standard (0x0) type 0x80(C) len 8 data 0000000c]",
  );
  assert.match(lines[2]!, /^\tIP \(tos 0x0, ttl 64/);
  assert.match(
    print(1).split("\n")[1]!,
    /options \[class Standard \(0x0\) type 0x80\(C\) len 8\]$/,
  );
});

Deno.test("printGeneve() names a protocol type it does not decode", () => {
  const header = HEADER.slice();
  header[0] = 0;
  header[2] = 0x12;
  header[3] = 0x34;
  const datagram = geneveDatagram(concatBytes(header.subarray(0, 8), new Uint8Array(4)));
  const packet = decode(LinkType.RAW, datagram);
  const record = { seconds: 0, nanoseconds: 0, originalLength: datagram.length };
  assert.equal(
    new TcpdumpPrinter({ timestamps: "none" }).format(packet, record),
    "IP 20.0.0.1.12618 > 20.0.0.2.6081: Geneve, Flags [C], vni 0xa: geneve-proto-0x1234",
  );
});

Deno.test("printGeneve() names an unknown version as tcpdump does", () => {
  const datagram = geneveDatagram(new Uint8Array([0x40, 0, 0x65, 0x58, 0, 0, 1, 0]));
  assert.equal(
    new TcpdumpPrinter({ timestamps: "none" }).format(decode(LinkType.RAW, datagram), {
      seconds: 0,
      nanoseconds: 0,
      originalLength: datagram.length,
    }),
    "IP 20.0.0.1.12618 > 20.0.0.2.6081: Geneve ERROR: unknown-version 1",
  );
});

Deno.test("printGeneve() marks a known protocol type with nothing after the header", () => {
  const datagram = geneveDatagram(new Uint8Array([0, 0, 0x86, 0xdd, 0, 0, 1, 0]));
  assert.equal(
    new TcpdumpPrinter({ timestamps: "none" }).format(decode(LinkType.RAW, datagram), {
      seconds: 0,
      nanoseconds: 0,
      originalLength: datagram.length,
    }),
    "IP 20.0.0.1.12618 > 20.0.0.2.6081: Geneve, Flags [none], vni 0x1:  [|ip6]",
  );
});
