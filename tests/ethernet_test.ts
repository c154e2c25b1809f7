import assert from "node:assert/strict";
import { decode, decodeStrict, PacketParser } from "../lib/decode.ts";
import { DecodeError } from "../lib/errors.ts";
import { decodeEthernet, Ethernet, ethernetDecoder, EtherType } from "../lib/link/ethernet.ts";
import { LinkType } from "../lib/link_type.ts";
import { hasCapture, readCapture, tsharkFields } from "./_pcap_fixture.ts";
import { hasTshark } from "./_tshark.ts";
import { decodeHex as hex } from "../lib/_hex.ts";

// pcapplusplus/ArpRequestPacket.pcap, `tcpdump -xx -e`:
// 6c:f0:49:b2:de:6e > ff:ff:ff:ff:ff:ff, ethertype ARP (0x0806), length 42
const ARP_FRAME = hex(`
  ffff ffff ffff 6cf0 49b2 de6e 0806 0001
  0800 0604 0001 6cf0 49b2 de6e 0a00 0001
  0000 0000 0000 0a00 008a`);

// pcapplusplus/EthDot3.pcap: 00:13:f7:11:5e:db > 01:80:c2:00:00:00, 802.3, length 38:
// LLC, dsap STP (0x42) Individual, ssap STP (0x42) Command, ctrl 0x03 (padded to 60)
const DOT3_FRAME = hex(`
  0180 c200 0000 0013 f711 5edb 0026 4242
  0300 0000 0000 0000 0013 f71e dff0 0000
  2710 8000 0013 f711 5ec0 801b 0100 1400
  0200 0f00 0000 0000 0000 0000`);

Deno.test("decodeEthernet() decodes an Ethernet II header", () => {
  const ethernet = decodeEthernet(ARP_FRAME);
  assert.equal(ethernet.kind, "ethernet");
  assert.equal(ethernet.destination, "ff:ff:ff:ff:ff:ff");
  assert.equal(ethernet.source, "6c:f0:49:b2:de:6e");
  assert.deepEqual(ethernet.sourceBytes, hex("6cf049b2de6e"));
  assert.deepEqual(ethernet.destinationBytes, hex("ffffffffffff"));
  assert.equal(ethernet.etherType, EtherType.ARP);
  assert.equal(ethernet.length, undefined);
  assert.equal(ethernet.headerLength, 14);
  assert.equal(ethernet.end, ARP_FRAME.length);
  assert.deepEqual(ethernet.contents, ARP_FRAME.subarray(0, 14));
  assert.equal(ethernet.payload.length, 28);
  assert.equal(ethernet.payload.buffer, ARP_FRAME.buffer, "the payload is a view");
  assert.deepEqual(ethernet.toJSON(), {
    destination: "ff:ff:ff:ff:ff:ff",
    source: "6c:f0:49:b2:de:6e",
    etherType: 0x0806,
  });
});

Deno.test("decodeEthernet() decodes an 802.3 header and trims the payload to its length", () => {
  const ethernet = decodeEthernet(DOT3_FRAME);
  assert.equal(ethernet.etherType, undefined);
  assert.equal(ethernet.length, 0x26);
  assert.equal(ethernet.end, 14 + 0x26);
  assert.equal(ethernet.payload.length, 38);
  assert.deepEqual(ethernet.toJSON(), {
    destination: "01:80:c2:00:00:00",
    source: "00:13:f7:11:5e:db",
    length: 38,
  });
});

Deno.test("decodeEthernet() decodes at an offset and keeps a captured length shorter than the 802.3 length", () => {
  const buffer = new Uint8Array(4 + 20);
  buffer.set(DOT3_FRAME.subarray(0, 20), 4);
  const ethernet = decodeEthernet(buffer, 4);
  assert.equal(ethernet.offset, 4);
  assert.equal(ethernet.length, 0x26);
  assert.equal(ethernet.end, buffer.length);
  assert.deepEqual(ethernet.payload, DOT3_FRAME.subarray(14, 20));
});

Deno.test("decodeEthernet() treats 0x0600 as the first EtherType and 0x05ff as a length", () => {
  const frame = new Uint8Array(20);
  frame.set([0x06, 0x00], 12);
  assert.equal(decodeEthernet(frame).etherType, 0x0600);
  frame.set([0x05, 0xff], 12);
  assert.equal(decodeEthernet(frame).length, 0x05ff);
  assert.equal(decodeEthernet(frame).end, 20);
});

Deno.test("decodeEthernet() rejects a truncated header", () => {
  for (let n = 0; n < 14; n++) {
    assert.throws(() => decodeEthernet(ARP_FRAME.subarray(0, n)), (error: unknown) => {
      assert.ok(error instanceof DecodeError);
      assert.equal(error.code, "truncated");
      assert.equal(error.layer, "ethernet");
      assert.equal(error.required, 14);
      assert.equal(error.received, n);
      assert.equal(
        error.message,
        `Cannot decode Ethernet header: 14 bytes required, received ${n}`,
      );
      return true;
    });
  }
});

Deno.test("decode() stops with a DecodeError at every truncation of an Ethernet frame", () => {
  for (const frame of [ARP_FRAME, DOT3_FRAME]) {
    for (let n = 0; n <= frame.length; n++) {
      const packet = decode(LinkType.EN10MB, frame.subarray(0, n));
      if (packet.error !== undefined) assert.ok(packet.error instanceof DecodeError);
      if (n < 14) {
        assert.equal(packet.layers.length, 0);
        assert.equal(packet.error?.code, "truncated");
      } else {
        assert.equal(packet.layers[0]?.kind, "ethernet");
      }
    }
  }
});

Deno.test("decodeStrict() decodes Ethernet followed by ARP and by LLC", () => {
  const arp = decodeStrict(LinkType.EN10MB, ARP_FRAME);
  assert.deepEqual(arp.layers.map((layer) => layer.kind), ["ethernet", "arp"]);
  const dot3 = decodeStrict(LinkType.EN10MB, DOT3_FRAME);
  assert.deepEqual(dot3.layers.map((layer) => layer.kind), ["ethernet", "llc", "stp"]);
  assert.equal(dot3.layer("llc")?.payload.length, 38 - 3, "the 802.3 padding is not payload");
});

Deno.test("Ethernet.nextDecoder() decodes a Novell raw 802.3 frame as IPX, not LLC", () => {
  const frame = new Uint8Array(14 + 30);
  frame.set([0x00, 0x1e, 0xff, 0xff, 0x00, 0x1e], 12);
  const packet = decodeStrict(LinkType.EN10MB, frame);
  assert.deepEqual(packet.layers.map((layer) => layer.kind), ["ethernet", "ipx"]);
  assert.equal(packet.payload.length, 0);
});

Deno.test("decode() reports an unknown EtherType as undecoded payload, not an error", () => {
  const frame = new Uint8Array(20);
  frame.set([0x88, 0xb5, 1, 2, 3, 4, 5, 6], 12);
  const packet = decode(LinkType.EN10MB, frame);
  assert.equal(packet.error, undefined);
  assert.deepEqual(packet.layers.map((layer) => layer.kind), ["ethernet"]);
  assert.deepEqual(packet.payload, new Uint8Array([1, 2, 3, 4, 5, 6]));
});

Deno.test("PacketParser reuses an Ethernet layer without stale fields", () => {
  const parser = new PacketParser();
  parser.parse(LinkType.EN10MB, DOT3_FRAME);
  const first = parser.get("ethernet");
  assert.equal(first?.length, 38);
  parser.parse(LinkType.EN10MB, ARP_FRAME);
  const second = parser.get("ethernet");
  assert.equal(second, first, "the same object is reused");
  assert.equal(second?.length, undefined);
  assert.equal(second?.etherType, 0x0806);
  assert.equal(second?.end, ARP_FRAME.length);
  assert.equal(second?.source, "6c:f0:49:b2:de:6e");
  parser.parse(LinkType.EN10MB, DOT3_FRAME);
  assert.equal(parser.get("ethernet")?.etherType, undefined);
  assert.equal(parser.get("ethernet")?.end, 14 + 38);
});

Deno.test("ethernetDecoder creates empty Ethernet layers", () => {
  const layer = ethernetDecoder.create();
  assert.ok(layer instanceof Ethernet);
  assert.equal(layer.headerLength, 0);
  assert.equal(layer.payload.length, 0);
});

Deno.test("decode() never throws on random bytes after an Ethernet header", () => {
  let seed = 0x2545f491;
  const random = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed >>> 24;
  };
  const types = [0x0800, 0x0806, 0x8100, 0x86dd, 0x88a8, 0x9100, 0x8035, 0x0020, 0x0003];
  for (let i = 0; i < 3000; i++) {
    const frame = Uint8Array.from({ length: random() % 96 }, random);
    if (frame.length >= 14 && i % 2 === 0) {
      const type = types[i % types.length]!;
      frame[12] = type >> 8;
      frame[13] = type & 0xff;
    }
    const packet = decode(LinkType.EN10MB, frame);
    if (packet.error !== undefined) assert.ok(packet.error instanceof DecodeError);
    JSON.stringify(packet);
  }
});

const SAMPLE = "tcpdump/various_gre.pcap";

Deno.test({
  name: "decode() matches tshark on Ethernet fields of a real capture",
  ignore: !hasCapture(SAMPLE) || !(await hasTshark()),
  fn() {
    const rows = tsharkFields(SAMPLE, ["eth.dst", "eth.src", "eth.type", "eth.len"]);
    const packets = readCapture(SAMPLE);
    assert.equal(rows.length, packets.length);
    packets.forEach((record, i) => {
      const ethernet = decode(record.linkType, record.data).layer("ethernet");
      assert.ok(ethernet !== undefined);
      const [dst, src, type, length] = rows[i]!;
      assert.equal(ethernet.destination, dst);
      assert.equal(ethernet.source, src);
      assert.equal(ethernet.etherType, type === "" ? undefined : Number(type));
      assert.equal(ethernet.length, length === "" ? undefined : Number(length));
    });
  },
});
