import assert from "node:assert/strict";
import { decode, decodeStrict, PacketParser } from "../lib/decode.ts";
import { DecodeError } from "../lib/errors.ts";
import type { DecodeContext } from "../lib/layer.ts";
import { llcDecoder } from "../lib/link/llc.ts";
import { decodeSll, LinuxSll, sllDecoder, SllPacketType } from "../lib/link/sll.ts";
import { LinkType } from "../lib/link_type.ts";
import { arpDecoder } from "../lib/net/arp.ts";
import { ipxDecoder } from "../lib/net/ipx.ts";
import { defaultRegistry, Registry } from "../lib/registry.ts";
import { hasCapture, readCapture, tsharkFields } from "./_pcap_fixture.ts";
import { hasTshark } from "./_tshark.ts";
import { decodeHex as hex } from "../lib/_hex.ts";

// zeek/linuxsll-arp.pcap, `tcpdump -xx -e`: B cc:2d:e0:26:19:99 ethertype ARP (0x0806),
// length 62: Request who-has 192.168.22.160 tell 192.168.22.1, length 46
const ARP_PACKET = hex(`
  0001 0001 0006 cc2d e026 1999 0000 0806
  0001 0800 0604 0001 cc2d e026 1999 c0a8
  1601 0000 0000 0000 c0a8 16a0 0000 0000
  0000 0000 0000 0000 0000 0000 0000`);

// pcapplusplus/SllPacket.pcap: In 00:12:44:1e:74:00 ethertype IPv6 (0x86dd), length 1296
// (the two address bytes past the 6-byte address are not zero: f6 7f)
const IPV6_HEADER = hex(`
  0000 0001 0006 0012 441e 7400 f67f 86dd
  6000 0000 04d8 0637 2404 6800 8004 0000`);

const empty: DecodeContext = { tables: new Registry(), network: undefined };

Deno.test("decodeSll() decodes a Linux SLL header", () => {
  const sll = decodeSll(ARP_PACKET);
  assert.equal(sll.kind, "sll");
  assert.equal(sll.packetType, SllPacketType.BROADCAST);
  assert.equal(sll.arphrdType, 1);
  assert.equal(sll.addressLength, 6);
  assert.equal(sll.address, "cc:2d:e0:26:19:99");
  assert.deepEqual(sll.addressBytes, hex("cc2de0261999"));
  assert.equal(sll.protocol, 0x0806);
  assert.equal(sll.headerLength, 16);
  assert.equal(sll.payload.length, ARP_PACKET.length - 16);
  assert.deepEqual(sll.toJSON(), {
    packetType: 1,
    arphrdType: 1,
    addressLength: 6,
    address: "cc:2d:e0:26:19:99",
    protocol: 0x0806,
  });
});

Deno.test("decodeSll() formats only the address length it is given, up to 8 bytes", () => {
  assert.equal(decodeSll(IPV6_HEADER).address, "00:12:44:1e:74:00");
  const long = IPV6_HEADER.slice();
  long[5] = 20;
  assert.equal(decodeSll(long).address, "00:12:44:1e:74:00:f6:7f");
  assert.equal(decodeSll(long).addressBytes.length, 8);
  const none = IPV6_HEADER.slice();
  none[5] = 0;
  assert.equal(decodeSll(none).address, "");
  assert.equal(decodeSll(none).addressBytes.length, 0);
  const odd = IPV6_HEADER.slice();
  odd[5] = 2;
  assert.equal(decodeSll(odd).address, "00:12");
});

Deno.test("LinuxSll.nextDecoder() follows EtherTypes, 802.2 LLC, raw IPX, and stops at pseudo-types and netlink", () => {
  const tables = new Registry();
  tables.etherTypes.set(0x0806, arpDecoder).set(0x0004, arpDecoder).set(0x8137, ipxDecoder);
  const context: DecodeContext = { tables, network: undefined };
  const next = (arphrd: number, protocol: number) => {
    const bytes = ARP_PACKET.slice(0, 16);
    bytes.set([arphrd >> 8, arphrd & 0xff], 2);
    bytes.set([protocol >> 8, protocol & 0xff], 14);
    return decodeSll(bytes).nextDecoder(context);
  };
  assert.equal(next(1, 0x0806), arpDecoder);
  assert.equal(next(1, 0x86dd), undefined, "not in this registry");
  assert.equal(next(1, 0x0004), llcDecoder, "ETH_P_802_2");
  assert.equal(next(1, 0x0001), ipxDecoder, "ETH_P_802_3: Novell raw IPX");
  assert.equal(next(280, 0x000c), undefined, "ETH_P_CAN");
  assert.equal(next(824, 0x0004), undefined, "netlink family 4, not LLC");
  assert.equal(next(824, 0x0806), undefined, "netlink");
  assert.equal(next(772, 0x0806), arpDecoder, "loopback device");
});

Deno.test("decodeStrict() decodes SLL followed by ARP and by LLC", () => {
  const arp = decodeStrict(LinkType.LINUX_SLL, ARP_PACKET);
  assert.deepEqual(arp.layers.map((layer) => layer.kind), ["sll", "arp"]);
  assert.equal(arp.layer("arp")?.targetProtocolAddress, "192.168.22.160");
  // SLL header (protocol 4: 802.2), LLC for STP, then a topology change BPDU (4 bytes).
  // deno-fmt-ignore
  const llc = new Uint8Array([0, 3, 0, 1, 0, 6, 1, 2, 3, 4, 5, 6, 0, 0, 0, 4, 0x42, 0x42, 3, 0, 0, 0, 0x80]);
  const packet = decodeStrict(LinkType.LINUX_SLL, llc);
  assert.deepEqual(packet.layers.map((layer) => layer.kind), ["sll", "llc", "stp"]);
});

Deno.test("decode() reads IPX after SLL's ETH_P_802_3, and after ETH_P_802_2 when both SAPs are 0xff, as sll_print()", () => {
  // An IPX SAP request from 00000002.02:00:00:00:00:aa.4000 to the broadcast node's 0452.
  const ipx = hex(`
    ffff 0023 0004 0000 0001 ffff ffff ffff
    0452 0000 0002 0200 0000 00aa 4000 0001 7361 70`);
  const cooked = (protocol: number, payload: Uint8Array) => {
    const frame = new Uint8Array(16 + payload.length);
    frame.set([0, 0, 0, 1, 0, 6, 2, 0, 0, 0, 0, 0xaa, 0, 0, protocol >> 8, protocol & 0xff]);
    frame.set(payload, 16);
    return decode(LinkType.LINUX_SLL, frame);
  };
  for (const protocol of [0x0001, 0x0004]) {
    const packet = cooked(protocol, ipx);
    assert.deepEqual(packet.layers.map((layer) => layer.kind), ["sll", "ipx"], `${protocol}`);
    assert.equal(packet.layer("ipx")?.destinationSocket, 0x0452);
  }
  // llc_print() reads the SAPs once it has the control field: 2 bytes are LLC's cut.
  assert.deepEqual(cooked(0x0004, ipx.subarray(0, 2)).layers.map((layer) => layer.kind), ["sll"]);
  assert.equal(cooked(0x0004, ipx.subarray(0, 2)).error?.layer, "llc");
  assert.equal(cooked(0x0001, ipx.subarray(0, 2)).error?.layer, "ipx");
  // An ordinary 802.2 frame is LLC's.
  const snap = hex("aaaa 0300 0000 0800 4500 001c 0001 0000 4011 f9e7 0a00 0001 0a00 0002");
  assert.equal(cooked(0x0004, snap).layers[1]?.kind, "llc");
});

Deno.test("decodeSll() rejects a truncated header", () => {
  for (let n = 0; n < 16; n++) {
    assert.throws(() => decodeSll(ARP_PACKET.subarray(0, n)), (error: unknown) => {
      assert.ok(error instanceof DecodeError);
      assert.equal(error.code, "truncated");
      assert.equal(error.layer, "sll");
      assert.equal(
        error.message,
        `Cannot decode Linux SLL header: 16 bytes required, received ${n}`,
      );
      return true;
    });
  }
});

Deno.test("decode() stops with a DecodeError at every truncation of an SLL packet", () => {
  for (let n = 0; n <= ARP_PACKET.length; n++) {
    const packet = decode(LinkType.LINUX_SLL, ARP_PACKET.subarray(0, n));
    if (packet.error !== undefined) assert.ok(packet.error instanceof DecodeError);
    if (n < 16) assert.equal(packet.error?.layer, "sll");
    else if (n < 16 + 28) assert.equal(packet.error?.layer, "arp");
    else assert.equal(packet.error, undefined);
  }
});

Deno.test("decode() never throws on random bytes after an SLL header", () => {
  let seed = 0x9e3779b9;
  const random = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed >>> 24;
  };
  const protocols = [0x0800, 0x0806, 0x86dd, 0x8100, 0x0004, 0x0001];
  for (let i = 0; i < 2000; i++) {
    const bytes = Uint8Array.from({ length: random() % 80 }, random);
    if (bytes.length >= 16) {
      const protocol = protocols[i % protocols.length]!;
      bytes.set([protocol >> 8, protocol & 0xff], 14);
    }
    const packet = decode(LinkType.LINUX_SLL, bytes);
    if (packet.error !== undefined) assert.ok(packet.error instanceof DecodeError);
    JSON.stringify(packet);
  }
});

Deno.test("PacketParser reuses an SLL layer without stale fields", () => {
  const parser = new PacketParser();
  parser.parse(LinkType.LINUX_SLL, ARP_PACKET);
  const first = parser.get("sll");
  parser.parse(LinkType.LINUX_SLL, IPV6_HEADER);
  assert.equal(parser.get("sll"), first, "the same object is reused");
  assert.equal(first?.packetType, SllPacketType.HOST);
  assert.equal(first?.protocol, 0x86dd);
  assert.equal(first?.address, "00:12:44:1e:74:00");
  assert.equal(first?.end, IPV6_HEADER.length);
  assert.equal(parser.get("arp"), undefined);

  const layer = sllDecoder.create();
  assert.ok(layer instanceof LinuxSll);
  assert.equal(layer.address, "", "an empty layer has no address");
  assert.equal(layer.decodeFrom(ARP_PACKET, 0, 16, empty), undefined);
  assert.equal(layer.payload.length, 0);
});

const SAMPLES = [
  "pcapplusplus/SllPacket.pcap",
  "pcapplusplus/sll.pcap",
  "zeek/linuxsll-arp.pcap",
  "tcpdump/babel.pcap",
  "tcpdump/mptcp-v1.pcap",
];

for (const sample of SAMPLES) {
  Deno.test({
    name: `decode() matches tshark on the SLL headers of ${sample}`,
    ignore: !hasCapture(sample) || !(await hasTshark()),
    fn() {
      const fields = [
        "sll.pkttype",
        "sll.hatype",
        "sll.halen",
        "sll.src.eth",
        "sll.etype",
        "sll.ltype",
        "sll.gretype",
      ];
      const rows = tsharkFields(sample, fields);
      const packets = readCapture(sample);
      assert.equal(rows.length, packets.length);
      packets.forEach((record, i) => {
        const packet = decode(record.linkType, record.data, { registry: defaultRegistry });
        const sll = packet.layer("sll");
        assert.ok(sll !== undefined);
        const [type, hatype, halen, source, etype, ltype, gretype] = rows[i]!;
        assert.equal(sll.packetType, Number(type));
        assert.equal(sll.arphrdType, Number(hatype));
        assert.equal(sll.addressLength, Number(halen));
        if (source !== "") assert.equal(sll.address, source);
        assert.equal(sll.protocol, Number(etype || ltype || gretype));
      });
    },
  });
}

Deno.test("TcpdumpPrinter prints no SLL header before a pseudo-protocol's bytes, as sll_if_print()", async () => {
  const { TcpdumpPrinter } = await import("../lib/print/mod.ts");
  // An outgoing CAN FD frame (SLL protocol 0x000d), 4 bytes of its header then 4 of data.
  const frame = hex("0004 0118 0000 0000 0000 0000 0000 000d 2301 0000 0c01 0000 2233 4455");
  const print = (link: boolean) =>
    new TcpdumpPrinter({ timestamps: "none", link }).format(decode(LinkType.LINUX_SLL, frame), {
      seconds: 0,
      nanoseconds: 0,
      originalLength: frame.length,
    });
  const dump = '\n\t0x0000:  2301 0000 0c01 0000 2233 4455            #......."3DU';
  assert.equal(print(false), dump);
  assert.equal(print(true), `Out ethertype Unknown (0x000d), length 28: ${dump}`);
});
