import assert from "node:assert/strict";
import { decode, decodeStrict, PacketParser } from "../lib/decode.ts";
import { DecodeError } from "../lib/errors.ts";
import type { Vlan } from "../lib/link/vlan.ts";
import { decodeVlan, vlanDecoder } from "../lib/link/vlan.ts";
import { LinkType } from "../lib/link_type.ts";
import type { DecodeContext } from "../lib/layer.ts";
import { Registry } from "../lib/registry.ts";
import { capturesDir, hasCapture, readCapture } from "./_pcap_fixture.ts";
import { hasTshark } from "./_tshark.ts";
import { decodeHex as hex } from "../lib/_hex.ts";

// tcpdump/802.1ad_QinQ.pcap, `tcpdump -xx -e`: 00:20:d2:5a:fb:3f > ff:ff:ff:ff:ff:ff,
// ethertype 802.1Q-QinQ (0x88a8), length 64: vlan 200, p 0, ethertype 802.1Q (0x8100),
// vlan 2001, p 0, ethertype ARP (0x0806), Request who-has 172.21.79.100 tell 172.21.79.97
const QINQ_FRAME = hex(`
  ffff ffff ffff 0020 d25a fb3f 88a8 00c8
  8100 07d1 0806 0001 0800 0604 0001 0020
  d25a fb3f ac15 4f61 0000 0000 0000 ac15
  4f64 0000 0000 0000 0000 0000 0000 0000`);

// tcpdump/various_gre.pcap: aa:bb:cc:00:03:10 > 01:00:0c:cc:cc:cd, ethertype 802.1Q (0x8100),
// length 68: vlan 1213, p 0, 802.3LLC, dsap SNAP (0xaa), ssap SNAP (0xaa), ctrl 0x03:
// oui Cisco (0x00000c), pid PVST (0x010b), length 42 (an 802.3 length after the tag)
const VLAN_DOT3_FRAME = hex(`
  0100 0ccc cccd aabb cc00 0310 8100 04bd
  0032 aaaa 0300 000c 010b 0000 0000 0084
  bdaa bbcc 0003 0000 0000 0084 bdaa bbcc
  0003 0080 0200 0014 0002 000f 0000 0000
  0002 04bd`);

Deno.test("decodeVlan() decodes the priority, drop-eligible bit and VLAN ID", () => {
  const tag = decodeVlan(new Uint8Array([0xf0, 0x14, 0x08, 0x00]));
  assert.equal(tag.kind, "vlan");
  assert.equal(tag.priority, 7);
  assert.equal(tag.dropEligible, true);
  assert.equal(tag.vlanId, 20);
  assert.equal(tag.etherType, 0x0800);
  assert.equal(tag.length, undefined);
  assert.equal(tag.headerLength, 4);
  assert.equal(tag.tpid, undefined, "no bytes before the tag");
  assert.deepEqual(tag.toJSON(), {
    priority: 7,
    dropEligible: true,
    vlanId: 20,
    etherType: 0x0800,
  });

  const all = decodeVlan(new Uint8Array([0x0f, 0xff, 0x86, 0xdd]));
  assert.equal(all.priority, 0);
  assert.equal(all.dropEligible, false);
  assert.equal(all.vlanId, 4095);
  assert.equal(all.etherType, 0x86dd);
});

Deno.test("decodeVlan() reads the TPID before the tag only when it is one", () => {
  assert.equal(decodeVlan(QINQ_FRAME, 14).tpid, 0x88a8);
  assert.equal(decodeVlan(QINQ_FRAME, 18).tpid, 0x8100);
  assert.equal(decodeVlan(new Uint8Array([0x91, 0x00, 0, 1, 8, 0]), 2).tpid, 0x9100);
  assert.equal(decodeVlan(new Uint8Array([0x08, 0x00, 0, 1, 8, 0]), 2).tpid, undefined);
  assert.equal(decodeVlan(new Uint8Array([0x00, 0, 1, 8, 0]), 1).tpid, undefined);
});

Deno.test("decodeStrict() decodes QinQ as two VLAN layers", () => {
  const packet = decodeStrict(LinkType.EN10MB, QINQ_FRAME);
  assert.deepEqual(packet.layers.map((layer) => layer.kind), ["ethernet", "vlan", "vlan", "arp"]);
  const [outer, inner] = packet.layers.filter((layer): layer is Vlan => layer.kind === "vlan");
  assert.equal(outer?.vlanId, 200);
  assert.equal(outer?.tpid, 0x88a8);
  assert.equal(outer?.etherType, 0x8100);
  assert.equal(inner?.vlanId, 2001);
  assert.equal(inner?.tpid, 0x8100);
  assert.equal(inner?.etherType, 0x0806);
  assert.equal(packet.layer("arp")?.targetProtocolAddress, "172.21.79.100");
  assert.deepEqual(packet.toJSON().vlan_2, {
    priority: 0,
    dropEligible: false,
    vlanId: 2001,
    etherType: 0x0806,
  });
});

Deno.test("decodeStrict() decodes an 802.3 length after a tag as LLC and trims the payload", () => {
  const packet = decodeStrict(LinkType.EN10MB, VLAN_DOT3_FRAME);
  // A Cisco PVST+ BPDU: SNAP with Cisco's OUI and protocol 0x010b carries STP.
  assert.deepEqual(packet.layers.map((layer) => layer.kind), ["ethernet", "vlan", "llc", "stp"]);
  const tag = packet.layer("vlan")!;
  assert.equal(tag.vlanId, 1213);
  assert.equal(tag.etherType, undefined);
  assert.equal(tag.length, 0x32);
  assert.equal(tag.end, 18 + 0x32);
  assert.deepEqual(tag.toJSON(), { priority: 0, dropEligible: false, vlanId: 1213, length: 50 });
  assert.equal(packet.layer("llc")?.protocolId, 0x010b);
  assert.equal(packet.layer("llc")?.end, 18 + 50);
});

Deno.test("decodeVlan() keeps a captured length shorter than the 802.3 length", () => {
  const tag = decodeVlan(new Uint8Array([0, 5, 0x05, 0xdc, 0x42, 0x42, 0x03]));
  assert.equal(tag.length, 1500);
  assert.equal(tag.end, 7);
});

Deno.test("Vlan.nextDecoder() decodes a Novell raw 802.3 payload as IPX", () => {
  const frame = new Uint8Array(18 + 30);
  frame.set([0x81, 0x00, 0x00, 0x05, 0x00, 0x1e, 0xff, 0xff], 12);
  const packet = decodeStrict(LinkType.EN10MB, frame);
  assert.deepEqual(packet.layers.map((layer) => layer.kind), ["ethernet", "vlan", "ipx"]);
  assert.equal(packet.layer("ipx")?.offset, 18);
});

Deno.test("decodeVlan() rejects a truncated header", () => {
  for (let n = 0; n < 4; n++) {
    assert.throws(() => decodeVlan(QINQ_FRAME.subarray(0, 14 + n), 14), (error: unknown) => {
      assert.ok(error instanceof DecodeError);
      assert.equal(error.code, "truncated");
      assert.equal(error.layer, "vlan");
      assert.equal(error.offset, 14);
      assert.equal(error.message, `Cannot decode VLAN header: 4 bytes required, received ${n}`);
      return true;
    });
  }
});

Deno.test("decode() stops with a DecodeError at every truncation of a QinQ frame", () => {
  for (const frame of [QINQ_FRAME, VLAN_DOT3_FRAME]) {
    for (let n = 0; n <= frame.length; n++) {
      const packet = decode(LinkType.EN10MB, frame.subarray(0, n));
      if (packet.error !== undefined) assert.ok(packet.error instanceof DecodeError);
      if (n >= 14 && n < 18) {
        assert.equal(packet.error?.layer, "vlan");
        assert.equal(packet.error?.code, "truncated");
        assert.equal(packet.error?.offset, 14);
      }
    }
  }
});

Deno.test("decode() stops a long chain of tags at the layer limit", () => {
  const frame = new Uint8Array(14 + 4 * 40);
  frame.set([0x81, 0x00], 12);
  for (let i = 0; i < 40; i++) frame.set([0, i, 0x81, 0x00], 14 + 4 * i);
  const packet = decode(LinkType.EN10MB, frame);
  assert.equal(packet.layers.length, 32);
  assert.equal(packet.error?.code, "malformed");
});

Deno.test("PacketParser reuses VLAN layers without stale fields", () => {
  const parser = new PacketParser();
  parser.parse(LinkType.EN10MB, VLAN_DOT3_FRAME);
  const first = parser.get("vlan");
  assert.equal(first?.length, 50);
  parser.parse(LinkType.EN10MB, QINQ_FRAME);
  assert.equal(parser.get("vlan"), first, "the same object is reused");
  assert.equal(first?.length, undefined);
  assert.equal(first?.etherType, 0x8100);
  assert.equal(first?.vlanId, 200);
  assert.equal(first?.tpid, 0x88a8);
  assert.equal(first?.end, QINQ_FRAME.length);
});

Deno.test("Vlan.decodeFrom() resets every field", () => {
  const context: DecodeContext = { tables: new Registry(), network: undefined };
  const layer = vlanDecoder.create();
  assert.equal(
    layer.decodeFrom(new Uint8Array([0xb0, 0x01, 0x08, 0x00, 9]), 0, 5, context),
    undefined,
  );
  assert.equal(layer.dropEligible, true);
  assert.equal(layer.nextDecoder(context), undefined, "no IPv4 decoder in an empty registry");
  assert.equal(layer.decodeFrom(new Uint8Array([0, 2, 0, 0, 9]), 0, 5, context), undefined);
  assert.equal(layer.dropEligible, false);
  assert.equal(layer.priority, 0);
  assert.equal(layer.vlanId, 2);
  assert.equal(layer.etherType, undefined);
  assert.equal(layer.length, 0);
  assert.equal(layer.end, 4);
  assert.equal(layer.payload.length, 0);
});

function tsharkAll(name: string, fields: string[]): string[][] {
  const args = ["-n", "-r", new URL(name, capturesDir).pathname, "-T", "fields"];
  for (const field of fields) args.push("-e", field);
  args.push("-E", "occurrence=a", "-E", "aggregator=,");
  const output = new Deno.Command("tshark", { args, stdout: "piped", stderr: "null" })
    .outputSync();
  const text = new TextDecoder().decode(output.stdout);
  return text.split("\n").filter((line) => line !== "").map((line) => line.split("\t"));
}

const SAMPLES = [
  "pcapplusplus/VlanPackets.pcap",
  "zeek/vlan-pcp-dei.pcapng",
  "zeek/vlan-qinqinq.pcap",
  "zeek/icmp_dot1q.pcap",
  "pcapplusplus/frag_with_padding.pcap",
  "tcpdump/MSTP_Intra-Region_BPDUs.pcap",
];

for (const sample of SAMPLES) {
  Deno.test({
    name: `decode() matches tshark on the VLAN tags of ${sample}`,
    ignore: !hasCapture(sample) || !(await hasTshark()),
    fn() {
      const fields = ["vlan.priority", "vlan.dei", "vlan.id", "vlan.etype", "vlan.len"];
      const rows = tsharkAll(sample, fields);
      const packets = readCapture(sample);
      assert.equal(rows.length, packets.length);
      let tags = 0;
      packets.forEach((record, i) => {
        const packet = decode(record.linkType, record.data);
        const vlans = packet.layers.filter((layer): layer is Vlan => layer.kind === "vlan");
        tags += vlans.length;
        const join = (pick: (tag: Vlan) => number | boolean | undefined) =>
          vlans.map(pick).filter((value) => value !== undefined).map(Number).join(",");
        const got = [
          join((tag) => tag.priority),
          join((tag) => tag.dropEligible),
          join((tag) => tag.vlanId),
          join((tag) => tag.etherType),
          join((tag) => tag.length),
        ];
        const expected = rows[i]!.map((text) =>
          text === "" ? "" : text.split(",").map(Number).join(",")
        );
        assert.deepEqual(got, expected, `packet ${i + 1}`);
      });
      assert.ok(tags > 0);
    },
  });
}

const QINQ_SAMPLES = ["tcpdump/802.1ad_QinQ.pcap", "pcapplusplus/QinQ_802.1_AD.pcapng"];

for (const sample of QINQ_SAMPLES) {
  Deno.test({
    name: `decode() matches tshark on the 802.1ad and 802.1Q tags of ${sample}`,
    ignore: !hasCapture(sample) || !(await hasTshark()),
    fn() {
      const rows = tsharkAll(sample, ["ieee8021ad.id", "vlan.id", "vlan.etype"]);
      const packets = readCapture(sample);
      assert.equal(rows.length, packets.length);
      packets.forEach((record, i) => {
        const vlans = decode(record.linkType, record.data).layers
          .filter((layer): layer is Vlan => layer.kind === "vlan");
        assert.equal(vlans.length, 2);
        assert.equal(vlans[0]!.tpid, 0x88a8);
        assert.equal(vlans[1]!.tpid, 0x8100);
        const [outer, inner, type] = rows[i]!;
        assert.equal(vlans[0]!.vlanId, Number(outer));
        assert.equal(vlans[1]!.vlanId, Number(inner));
        assert.equal(vlans[1]!.etherType, Number(type));
      });
    },
  });
}
