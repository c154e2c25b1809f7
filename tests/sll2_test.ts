import assert from "node:assert/strict";
import { decode, decodeStrict, PacketParser } from "../lib/decode.ts";
import { DecodeError } from "../lib/errors.ts";
import type { DecodeContext } from "../lib/layer.ts";
import { llcDecoder } from "../lib/link/llc.ts";
import { decodeSll2, LinuxSll2, sll2Decoder } from "../lib/link/sll2.ts";
import { LinkType } from "../lib/link_type.ts";
import { arpDecoder } from "../lib/net/arp.ts";
import { Registry } from "../lib/registry.ts";
import { hasCapture, readCapture, tsharkFields } from "./_pcap_fixture.ts";
import { hasTshark } from "./_tshark.ts";
import { decodeHex as hex } from "../lib/_hex.ts";

// pcapplusplus/Sll2PacketLLC.pcap, `tcpdump -xx -e`: ifb1 M ifindex 3 e0:1c:fc:d3:b1:e1
// 802.2, length 66: LLC, dsap STP (0x42) Individual, ssap STP (0x42) Command, ctrl 0x03:
// STP 802.1w, Rapid STP
const LLC_PACKET = hex(`
  0004 0000 0000 0003 0001 0206 e01c fcd3
  b1e1 0000 4242 0300 0002 023e 8000 4c5e
  0c3e c6dd 0000 4e38 8000 e01c fcd3 b1df
  8002 0300 1400 0200 0f00 0020 2020 2020
  2020`);

// zeek/linux_dlt_sll2.pcap: lo In ifindex 1 00:00:00:00:00:00 ethertype IPv4 (0x0800),
// length 104: 192.0.2.1 > 192.0.2.1: ICMP echo request (first 36 bytes)
const IPV4_PACKET = hex(`
  0800 0000 0000 0001 0304 0006 0000 0000
  0000 0000 4500 0054 af8c 4000 4001 071a
  c000 0201`);

const empty: DecodeContext = { tables: new Registry(), network: undefined };

Deno.test("decodeSll2() decodes a Linux SLL2 header", () => {
  const sll2 = decodeSll2(LLC_PACKET);
  assert.equal(sll2.kind, "sll2");
  assert.equal(sll2.protocol, 0x0004);
  assert.equal(sll2.reserved, 0);
  assert.equal(sll2.interfaceIndex, 3);
  assert.equal(sll2.arphrdType, 1);
  assert.equal(sll2.packetType, 2);
  assert.equal(sll2.addressLength, 6);
  assert.equal(sll2.address, "e0:1c:fc:d3:b1:e1");
  assert.deepEqual(sll2.addressBytes, hex("e01cfcd3b1e1"));
  assert.equal(sll2.headerLength, 20);
  assert.equal(sll2.nextDecoder(empty), llcDecoder);
  assert.deepEqual(sll2.toJSON(), {
    protocol: 4,
    reserved: 0,
    interfaceIndex: 3,
    arphrdType: 1,
    packetType: 2,
    addressLength: 6,
    address: "e0:1c:fc:d3:b1:e1",
  });
});

Deno.test("decodeSll2() reads the interface index as unsigned and the loopback ARPHRD type", () => {
  const bytes = IPV4_PACKET.slice();
  bytes.set([0xff, 0xff, 0xff, 0xfe], 4);
  const sll2 = decodeSll2(bytes);
  assert.equal(sll2.interfaceIndex, 0xfffffffe);
  assert.equal(sll2.arphrdType, 772);
  assert.equal(sll2.packetType, 0);
  assert.equal(sll2.address, "00:00:00:00:00:00");
  const long = IPV4_PACKET.slice();
  long[11] = 20;
  assert.equal(decodeSll2(long).addressBytes.length, 8);
  long[11] = 0;
  assert.equal(decodeSll2(long).address, "");
});

Deno.test("LinuxSll2.nextDecoder() shares the SLL rules", () => {
  const tables = new Registry();
  tables.etherTypes.set(0x0806, arpDecoder);
  const context: DecodeContext = { tables, network: undefined };
  const next = (arphrd: number, protocol: number) => {
    const bytes = LLC_PACKET.slice(0, 20);
    bytes.set([protocol >> 8, protocol & 0xff], 0);
    bytes.set([arphrd >> 8, arphrd & 0xff], 8);
    return decodeSll2(bytes).nextDecoder(context);
  };
  assert.equal(next(1, 0x0806), arpDecoder);
  assert.equal(next(1, 0x0004), llcDecoder);
  assert.equal(next(1, 0x0001), undefined);
  assert.equal(next(824, 0x0004), undefined);
});

Deno.test("decodeStrict() decodes SLL2 followed by LLC and by IPv4", () => {
  const llc = decodeStrict(LinkType.LINUX_SLL2, LLC_PACKET);
  assert.deepEqual(llc.layers.map((layer) => layer.kind), ["sll2", "llc", "stp"]);
  const ipv4 = decode(LinkType.LINUX_SLL2, IPV4_PACKET);
  assert.deepEqual(ipv4.layers.map((layer) => layer.kind), ["sll2"]);
  assert.equal(ipv4.error?.layer, "ipv4", "the IPv4 header is cut short");
});

Deno.test("decodeSll2() rejects a truncated header", () => {
  for (let n = 0; n < 20; n++) {
    assert.throws(() => decodeSll2(LLC_PACKET.subarray(0, n)), (error: unknown) => {
      assert.ok(error instanceof DecodeError);
      assert.equal(error.code, "truncated");
      assert.equal(error.layer, "sll2");
      assert.equal(
        error.message,
        `Cannot decode Linux SLL2 header: 20 bytes required, received ${n}`,
      );
      return true;
    });
  }
});

Deno.test("decode() stops with a DecodeError at every truncation of an SLL2 packet", () => {
  for (let n = 0; n <= LLC_PACKET.length; n++) {
    const packet = decode(LinkType.LINUX_SLL2, LLC_PACKET.subarray(0, n));
    if (packet.error !== undefined) assert.ok(packet.error instanceof DecodeError);
    if (n < 20) assert.equal(packet.error?.layer, "sll2");
    else if (n < 23) assert.equal(packet.error?.layer, "llc");
    else if (n < 23 + 36) assert.equal(packet.error?.layer, "stp", "an RST BPDU has 36 bytes");
    else assert.equal(packet.error, undefined);
  }
});

Deno.test("PacketParser reuses an SLL2 layer without stale fields", () => {
  const parser = new PacketParser();
  parser.parse(LinkType.LINUX_SLL2, LLC_PACKET);
  const first = parser.get("sll2");
  parser.parse(LinkType.LINUX_SLL2, IPV4_PACKET);
  assert.equal(parser.get("sll2"), first, "the same object is reused");
  assert.equal(first?.protocol, 0x0800);
  assert.equal(first?.interfaceIndex, 1);
  assert.equal(first?.arphrdType, 772);
  assert.equal(first?.packetType, 0);
  assert.equal(first?.end, IPV4_PACKET.length);
  assert.equal(parser.get("llc"), undefined);
  const layer = sll2Decoder.create();
  assert.ok(layer instanceof LinuxSll2);
  assert.equal(layer.address, "");
});

const SAMPLES = [
  "pcapplusplus/Sll2Packet.pcap",
  "pcapplusplus/Sll2PacketLLC.pcap",
  "zeek/linux_dlt_sll2.pcap",
];

for (const sample of SAMPLES) {
  Deno.test({
    name: `decode() matches tshark on the SLL2 headers of ${sample}`,
    ignore: !hasCapture(sample) || !(await hasTshark()),
    fn() {
      const fields = [
        "sll.etype",
        "sll.ltype",
        "sll.ifindex",
        "sll.hatype",
        "sll.pkttype",
        "sll.halen",
        "sll.src.eth",
      ];
      const rows = tsharkFields(sample, fields);
      const packets = readCapture(sample);
      assert.equal(rows.length, packets.length);
      packets.forEach((record, i) => {
        const sll2 = decode(record.linkType, record.data).layer("sll2");
        assert.ok(sll2 !== undefined);
        const [etype, ltype, ifindex, hatype, type, halen, source] = rows[i]!;
        assert.equal(sll2.protocol, Number(etype || ltype));
        assert.equal(sll2.interfaceIndex, Number(ifindex));
        assert.equal(sll2.arphrdType, Number(hatype));
        assert.equal(sll2.packetType, Number(type));
        assert.equal(sll2.addressLength, Number(halen));
        if (source !== "") assert.equal(sll2.address, source);
      });
    },
  });
}
