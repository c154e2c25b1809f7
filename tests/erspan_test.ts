import assert from "node:assert/strict";
import { concatBytes } from "./_shared.ts";
import { decodeErspan, Erspan } from "../lib/net/erspan.ts";
import { decode } from "../lib/decode.ts";
import { DecodeError } from "../lib/errors.ts";
import { LinkType } from "../lib/link_type.ts";
import { buildEthernet, buildIpv4 } from "../lib/craft/mod.ts";
import { TcpdumpPrinter } from "../lib/print/mod.ts";

const MIRRORED = buildEthernet({
  destination: "00:00:00:00:00:01",
  source: "00:00:00:00:00:02",
  etherType: 0x0800,
  payload: buildIpv4({ source: "10.0.0.1", destination: "10.0.0.2", protocol: 253 }),
  pad: false,
});

/** IPv4 and GRE (with or without a sequence number) around `payload`, raw IP. */
function greDatagram(protocol: number, sequence: boolean, payload: Uint8Array): Uint8Array {
  const gre = sequence
    ? new Uint8Array([0x10, 0, protocol >> 8, protocol & 0xff, 0, 0, 0x07, 0x02])
    : new Uint8Array([0, 0, protocol >> 8, protocol & 0xff]);
  return buildIpv4({
    source: "2.2.2.2",
    destination: "1.1.1.1",
    protocol: 47,
    payload: concatBytes(gre, payload),
  });
}

// After suricata-verify's decode-erspan-typeII-01/input.pcap: version 1, VLAN 23,
// encapsulation 1, session 100, index 0.
const TYPE_II = new Uint8Array([0x10, 0x17, 0x08, 0x64, 0, 0, 0, 0]);
// Type III: version 2, VLAN 5, COS 1, session 7, timestamp 0x01020304, SGT 9, P set,
// hardware ID 3, direction set, granularity 1, O set; then an 8-byte subheader.
const TYPE_III = new Uint8Array([
  0x20,
  0x05,
  0x20,
  0x07,
  1,
  2,
  3,
  4,
  0,
  9,
  0x80,
  0x3b,
  0,
  0,
  0,
  0,
  0,
  0,
  0,
  0,
]);

Deno.test("decodeErspan() reads type II and type III headers", () => {
  const two = decodeErspan(TYPE_II);
  assert.ok(two instanceof Erspan);
  assert.equal(two.type, 2);
  assert.equal(two.version, 1);
  assert.equal(two.vlan, 23);
  assert.equal(two.encapsulation, 1);
  assert.equal(two.sessionId, 100);
  assert.equal(two.timestamp, undefined);
  const three = decodeErspan(TYPE_III, 0, 3);
  assert.equal(three.type, 3);
  assert.equal(three.version, 2);
  assert.equal(three.vlan, 5);
  assert.equal(three.cos, 1);
  assert.equal(three.sessionId, 7);
  assert.equal(three.timestamp, 0x01020304);
  assert.equal(three.sgt, 9);
  assert.equal(three.p, true);
  assert.equal(three.hardwareId, 3);
  assert.equal(three.direction, true);
  assert.equal(three.granularity, 1);
  assert.equal(three.optional, true);
  assert.equal(three.headerLength, 20);
  assert.equal(three.index, undefined);
});

Deno.test("decodeErspan() rejects a truncated header", () => {
  assert.throws(() => decodeErspan(TYPE_II.subarray(0, 6)), DecodeError);
  assert.throws(() => decodeErspan(TYPE_III.subarray(0, 12), 0, 3), DecodeError);
});

Deno.test("decode() goes on through ERSPAN types I, II and III to the mirrored frame", () => {
  const kinds = (bytes: Uint8Array) => decode(LinkType.RAW, bytes).layers.map((l) => l.kind);
  const expected = ["ipv4", "gre", "erspan", "ethernet", "ipv4"];
  assert.deepEqual(kinds(greDatagram(0x88be, false, MIRRORED)), expected);
  assert.deepEqual(kinds(greDatagram(0x88be, true, concatBytes(TYPE_II, MIRRORED))), expected);
  assert.deepEqual(kinds(greDatagram(0x22eb, true, concatBytes(TYPE_III, MIRRORED))), expected);
  const typeOne = decode(LinkType.RAW, greDatagram(0x88be, false, MIRRORED)).layers[2] as Erspan;
  assert.equal(typeOne.type, 1);
  assert.equal(typeOne.headerLength, 0);
});

Deno.test("printErspan() prints what tcpdump 4.99 prints: GRE's protocol, or the bytes", () => {
  const datagram = greDatagram(0x88be, true, concatBytes(TYPE_II, MIRRORED));
  const record = { seconds: 0, nanoseconds: 0, originalLength: datagram.length };
  assert.equal(
    new TcpdumpPrinter({ timestamps: "none" }).format(decode(LinkType.RAW, datagram), record),
    "IP 2.2.2.2 > 1.1.1.1: GREv0, seq 1794, length 50: gre-proto-0x88be",
  );
  // The EtherType right after Ethernet is no ERSPAN to tcpdump: it prints the bytes.
  const frame = buildEthernet({
    destination: "00:00:00:00:00:01",
    source: "00:00:00:00:00:02",
    etherType: 0x88be,
    payload: new Uint8Array([1, 2, 3, 4]),
    pad: false,
  });
  assert.equal(
    new TcpdumpPrinter({ timestamps: "none" }).format(decode(LinkType.EN10MB, frame), {
      seconds: 0,
      nanoseconds: 0,
      originalLength: frame.length,
    }),
    "00:00:00:00:00:02 > 00:00:00:00:00:01, ethertype Unknown (0x88be), length 18: \n" +
      "\t0x0000:  0102 0304                                ....",
  );
});
