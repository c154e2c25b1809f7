import assert from "node:assert/strict";
import { decode, PacketParser } from "../lib/decode.ts";
import { DecodeError } from "../lib/errors.ts";
import type { DecodeContext } from "../lib/layer.ts";
import {
  decodeLoopback,
  Loopback,
  LoopbackFamily,
  loopDecoder,
  nullDecoder,
} from "../lib/link/loopback.ts";
import { LinkType } from "../lib/link_type.ts";
import { arpDecoder } from "../lib/net/arp.ts";
import { defaultRegistry, Registry } from "../lib/registry.ts";
import { hasCapture, readCapture, tsharkFields } from "./_pcap_fixture.ts";
import { hasTshark } from "./_tshark.ts";
import { decodeHex as hex } from "../lib/_hex.ts";

// tcpdump/dns-badcookie.pcap, `tcpdump -xx -e`: AF IPv4 (2), length 72:
// 127.0.0.1.54954 > 127.0.0.1.53 (first 24 bytes: family written little-endian)
const IPV4_PREFIX = hex("0200 0000 4500 0044 000f 0000 4011 0000 7f00 0001 7f00 0001");

// pcapplusplus/null_loopback.pcap: AF IPv6 (30), length 479: ::1.49888 > ::1.81
const IPV6_PREFIX = hex("1e00 0000 6000 0000 01b3 0640");

Deno.test("decodeLoopback() reads a NULL family written in either byte order", () => {
  const little = decodeLoopback(IPV4_PREFIX);
  assert.equal(little.kind, "loopback");
  assert.equal(little.linkType, LinkType.NULL);
  assert.equal(little.family, LoopbackFamily.INET);
  assert.equal(little.headerLength, 4);
  assert.equal(little.payload.length, IPV4_PREFIX.length - 4);
  assert.deepEqual(little.toJSON(), { family: 2 });
  assert.equal(decodeLoopback(IPV6_PREFIX).family, 30);
  for (const family of [2, 10, 24, 28, 30, 7, 0xffff]) {
    const big = new Uint8Array([0, 0, family >> 8, family & 0xff]);
    const small = new Uint8Array([family & 0xff, family >> 8, 0, 0]);
    assert.equal(decodeLoopback(big).family, family, `big-endian ${family}`);
    assert.equal(decodeLoopback(small).family, family, `little-endian ${family}`);
  }
  assert.equal(decodeLoopback(new Uint8Array(4)).family, 0);
});

Deno.test("decodeLoopback() reads a LOOP family in network byte order only", () => {
  const loop = decodeLoopback(new Uint8Array([0, 0, 0, 24, 0x60]), 0, LinkType.LOOP);
  assert.equal(loop.linkType, LinkType.LOOP);
  assert.equal(loop.family, 24);
  const swapped = decodeLoopback(new Uint8Array([2, 0, 0, 0]), 0, LinkType.LOOP);
  assert.equal(swapped.family, 0x02000000);
});

Deno.test("Loopback.nextDecoder() maps IPv4 and every IPv6 family through the EtherType table", () => {
  const tables = new Registry();
  tables.etherTypes.set(0x0800, arpDecoder).set(0x86dd, nullDecoder);
  const context: DecodeContext = { tables, network: undefined };
  const next = (family: number) => {
    return decodeLoopback(new Uint8Array([family, 0, 0, 0])).nextDecoder(context);
  };
  assert.equal(next(2), arpDecoder);
  for (const family of [10, 24, 28, 30]) assert.equal(next(family), nullDecoder);
  for (const family of [0, 1, 7, 23, 29, 31]) assert.equal(next(family), undefined);
});

Deno.test("decode() decodes NULL and LOOP packets with the default registry", () => {
  const ipv4 = decode(LinkType.NULL, IPV4_PREFIX);
  assert.deepEqual(ipv4.layers.map((layer) => layer.kind), ["loopback", "ipv4"]);
  const loop = IPV4_PREFIX.slice();
  loop.set([0, 0, 0, 2]);
  const viaLoop = decode(LinkType.LOOP, loop);
  assert.deepEqual(viaLoop.layers.map((layer) => layer.kind), ["loopback", "ipv4"]);
  const other = decode(LinkType.NULL, new Uint8Array([7, 0, 0, 0, 1, 2]));
  assert.equal(other.error, undefined);
  assert.deepEqual(other.payload, new Uint8Array([1, 2]));
});

Deno.test("decodeLoopback() rejects a truncated header", () => {
  for (const linkType of [LinkType.NULL, LinkType.LOOP] as const) {
    for (let n = 0; n < 4; n++) {
      assert.throws(() => decodeLoopback(IPV4_PREFIX.subarray(0, n), 0, linkType), (error) => {
        assert.ok(error instanceof DecodeError);
        assert.equal(error.code, "truncated");
        assert.equal(error.layer, "loopback");
        assert.equal(
          error.message,
          `Cannot decode loopback header: 4 bytes required, received ${n}`,
        );
        return true;
      });
    }
  }
});

Deno.test("decode() stops with a DecodeError at every truncation of a NULL packet", () => {
  for (let n = 0; n <= IPV6_PREFIX.length; n++) {
    const packet = decode(LinkType.NULL, IPV6_PREFIX.subarray(0, n));
    assert.ok(packet.error instanceof DecodeError);
    assert.equal(packet.error.layer, n < 4 ? "loopback" : "ipv6");
  }
});

Deno.test("PacketParser keeps NULL and LOOP layers apart and resets the family", () => {
  const parser = new PacketParser();
  parser.parse(LinkType.NULL, IPV6_PREFIX);
  const first = parser.get("loopback");
  assert.equal(first?.family, 30);
  parser.parse(LinkType.NULL, IPV4_PREFIX);
  assert.equal(parser.get("loopback"), first, "the same object is reused");
  assert.equal(first?.family, 2);
  assert.equal(first?.end, IPV4_PREFIX.length);
  parser.parse(LinkType.LOOP, new Uint8Array([0, 0, 0, 24]));
  const loop = parser.get("loopback");
  assert.notEqual(loop, first);
  assert.equal(loop?.linkType, LinkType.LOOP);
  assert.equal(loop?.family, 24);
  assert.ok(nullDecoder.create() instanceof Loopback);
  assert.equal(loopDecoder.create().linkType, LinkType.LOOP);
});

const SAMPLES = [
  "pcapplusplus/null_loopback.pcap",
  "pcapplusplus/NullLoopback.pcap",
  "gopacket/test_loopback.pcap",
  "tcpdump/dns-badcookie.pcap",
  "tcpdump/icmpv6-RFC2894-RR.pcap",
  "tcpdump/quic_handshake.pcap",
];

for (const sample of SAMPLES) {
  Deno.test({
    name: `decode() matches tshark on the loopback family of ${sample}`,
    ignore: !hasCapture(sample) || !(await hasTshark()),
    fn() {
      const rows = tsharkFields(sample, ["null.family", "frame.protocols"]);
      const packets = readCapture(sample);
      assert.equal(rows.length, packets.length);
      packets.forEach((record, i) => {
        const packet = decode(record.linkType, record.data, { registry: defaultRegistry });
        const loopback = packet.layer("loopback");
        assert.ok(loopback !== undefined);
        const [family, protocols] = rows[i]!;
        if (family === "") {
          // Wireshark guesses other encapsulations here (null_loopback.pcap's third packet
          // starts with a Cisco HDLC header); tcpdump, like wirekit, prints "AF Unknown".
          assert.equal(packet.layers.length, 1);
          return;
        }
        assert.equal(loopback.family, Number(family));
        const network = protocols!.split(":")[1]; // "null:ip:udp:dns" or "null:ipv6:..."
        assert.equal(packet.layers[1]?.kind, network === "ip" ? "ipv4" : network);
      });
    },
  });
}
