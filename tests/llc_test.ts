import assert from "node:assert/strict";
import { decode, decodeStrict, PacketParser } from "../lib/decode.ts";
import { DecodeError } from "../lib/errors.ts";
import type { DecodeContext } from "../lib/layer.ts";
import { decodeLlc, Llc, llcDecoder, LlcSap } from "../lib/link/llc.ts";
import { arpDecoder } from "../lib/net/arp.ts";
import { stpDecoder } from "../lib/link/stp.ts";
import { TcpdumpPrinter } from "../lib/print/mod.ts";
import { LinkType } from "../lib/link_type.ts";
import { Registry } from "../lib/registry.ts";
import { hasCapture, readCapture, tsharkFields } from "./_pcap_fixture.ts";
import { hasTshark } from "./_tshark.ts";
import { decodeHex as hex } from "../lib/_hex.ts";

// zeek/snap-arp.pcapng, `tcpdump -xx -e`: c2:3d:19:6c:00:01 > ff:ff:ff:ff:ff:ff, 802.3,
// length 36: LLC, dsap SNAP (0xaa) Individual, ssap SNAP (0xaa) Command, ctrl 0x03:
// oui Ethernet (0x000000), ethertype ARP (0x0806): Request who-has 10.0.0.2 tell 10.0.0.1
const SNAP_ARP_FRAME = hex(`
  ffff ffff ffff c23d 196c 0001 0024 aaaa
  0300 0000 0806 0006 0800 0604 0001 c23d
  196c 0001 0a00 0001 0000 0000 0000 0a00
  0002 0000 0000 0000 0000 0000`);

// pcapplusplus/EthDot3.pcap: 802.3, length 38: LLC, dsap STP (0x42) Individual,
// ssap STP (0x42) Command, ctrl 0x03: STP 802.1d, Config
const STP_FRAME = hex(`
  0180 c200 0000 0013 f711 5edb 0026 4242
  0300 0000 0000 0000 0013 f71e dff0 0000
  2710 8000 0013 f711 5ec0 801b 0100 1400
  0200 0f00 0000 0000 0000 0000`);

const context: DecodeContext = { tables: new Registry(), network: undefined };

Deno.test("decodeLlc() decodes a U-frame header without SNAP", () => {
  const llc = decodeLlc(STP_FRAME, 14);
  assert.equal(llc.kind, "llc");
  assert.equal(llc.dsap, LlcSap.STP);
  assert.equal(llc.ssap, LlcSap.STP);
  assert.equal(llc.control, 0x03);
  assert.equal(llc.oui, undefined);
  assert.equal(llc.protocolId, undefined);
  assert.equal(llc.snap, false);
  assert.equal(llc.headerLength, 3);
  assert.equal(llc.payload.length, STP_FRAME.length - 17);
  assert.equal(llc.nextDecoder(context), stpDecoder);
  assert.deepEqual(llc.toJSON(), { dsap: 0x42, ssap: 0x42, control: 3 });
});

Deno.test("decodeLlc() decodes SNAP and picks the payload decoder by EtherType", () => {
  const llc = decodeLlc(SNAP_ARP_FRAME, 14);
  assert.equal(llc.dsap, 0xaa);
  assert.equal(llc.ssap, 0xaa);
  assert.equal(llc.control, 0x03);
  assert.equal(llc.oui, 0);
  assert.equal(llc.protocolId, 0x0806);
  assert.equal(llc.snap, true);
  assert.equal(llc.headerLength, 8);
  assert.deepEqual(llc.toJSON(), {
    dsap: 0xaa,
    ssap: 0xaa,
    control: 3,
    oui: 0,
    protocolId: 0x0806,
  });
  const tables = new Registry();
  tables.etherTypes.set(0x0806, arpDecoder);
  assert.equal(llc.nextDecoder({ tables, network: undefined }), arpDecoder);
});

Deno.test("Llc.nextDecoder() follows OUI 00-00-f8 but not other OUIs", () => {
  const tables = new Registry();
  tables.etherTypes.set(0x0806, arpDecoder);
  const withOui = (oui: number) => {
    const bytes = new Uint8Array([
      0xaa,
      0xaa,
      0x03,
      oui >> 16,
      (oui >> 8) & 0xff,
      oui & 0xff,
      8,
      6,
    ]);
    return decodeLlc(bytes).nextDecoder({ tables, network: undefined });
  };
  assert.equal(withOui(0x0000f8), arpDecoder);
  assert.equal(withOui(0x00000c), undefined);
  assert.equal(decodeLlc(new Uint8Array([0xaa, 0xaa, 0x03, 0, 0, 0x0c, 1, 0xb])).oui, 0x0c);
});

Deno.test("decodeLlc() reads the response bit of a SNAP SSAP and still finds SNAP", () => {
  const llc = decodeLlc(new Uint8Array([0xaa, 0xab, 0x03, 0, 0, 0, 0x08, 0x00]));
  assert.equal(llc.ssap, 0xab);
  assert.equal(llc.protocolId, 0x0800);
});

Deno.test("decodeLlc() reads a two-byte control field for I and S frames", () => {
  const iFrame = decodeLlc(new Uint8Array([0xf0, 0xf0, 0x0a, 0x15, 0x99]));
  assert.equal(iFrame.headerLength, 4);
  assert.equal(iFrame.control, 0x150a, "least significant byte first, as tshark shows it");
  assert.deepEqual(iFrame.payload, new Uint8Array([0x99]));
  const sFrame = decodeLlc(new Uint8Array([0xf0, 0xf0, 0x01, 0x02]));
  assert.equal(sFrame.headerLength, 4);
  assert.equal(sFrame.control, 0x0201);
  const snapIFrame = decodeLlc(new Uint8Array([0xaa, 0xaa, 0x00, 0x00, 0, 0, 0, 8, 0]));
  assert.equal(snapIFrame.oui, undefined, "SNAP only follows a UI frame");
  assert.equal(snapIFrame.headerLength, 4);
});

Deno.test("decodeLlc() rejects a truncated header", () => {
  const cases: [Uint8Array, number][] = [
    [new Uint8Array([0x42, 0x42, 0x03]), 3],
    [new Uint8Array([0xf0, 0xf0, 0x00, 0x00]), 4],
    [SNAP_ARP_FRAME.subarray(14, 22), 8],
  ];
  for (const [bytes, required] of cases) {
    assert.equal(decodeLlc(bytes).headerLength, required);
    for (let n = 0; n < bytes.length; n++) {
      assert.throws(() => decodeLlc(bytes.subarray(0, n)), (error: unknown) => {
        assert.ok(error instanceof DecodeError);
        assert.equal(error.code, "truncated");
        assert.equal(error.layer, "llc");
        assert.equal(error.received, n);
        assert.ok(error.required > n && error.required <= required);
        assert.match(error.message, /^Cannot decode LLC header: \d bytes required, received \d$/);
        return true;
      });
    }
  }
});

Deno.test("decodeStrict() decodes 802.3 LLC/SNAP carrying ARP", () => {
  const packet = decodeStrict(LinkType.EN10MB, SNAP_ARP_FRAME);
  assert.deepEqual(packet.layers.map((layer) => layer.kind), ["ethernet", "llc", "arp"]);
  assert.equal(packet.layer("arp")?.targetProtocolAddress, "10.0.0.2");
});

Deno.test("decode() stops with a DecodeError at every truncation of an LLC frame", () => {
  for (const frame of [SNAP_ARP_FRAME, STP_FRAME]) {
    for (let n = 0; n <= frame.length; n++) {
      const packet = decode(LinkType.EN10MB, frame.subarray(0, n));
      if (packet.error !== undefined) assert.ok(packet.error instanceof DecodeError);
      if (n >= 14 && n < 17) assert.equal(packet.error?.layer, "llc");
    }
  }
  // An 802.3 length too short for the LLC header it announces is truncation too.
  const short = SNAP_ARP_FRAME.slice();
  short[13] = 5;
  assert.equal(decode(LinkType.EN10MB, short).error?.layer, "llc");
});

Deno.test("PacketParser reuses an LLC layer without stale SNAP fields", () => {
  const parser = new PacketParser();
  parser.parse(LinkType.EN10MB, SNAP_ARP_FRAME);
  const first = parser.get("llc");
  assert.equal(first?.oui, 0);
  parser.parse(LinkType.EN10MB, STP_FRAME);
  assert.equal(parser.get("llc"), first, "the same object is reused");
  assert.equal(first?.oui, undefined);
  assert.equal(first?.protocolId, undefined);
  assert.equal(first?.headerLength, 3);
  assert.equal(parser.get("arp"), undefined);

  const layer = llcDecoder.create();
  assert.ok(layer instanceof Llc);
  assert.equal(
    layer.decodeFrom(new Uint8Array([0xf0, 0xf0, 0x0a, 0x15]), 0, 4, context),
    undefined,
  );
  assert.equal(layer.decodeFrom(new Uint8Array([0x42, 0x42, 0x03]), 0, 3, context), undefined);
  assert.equal(layer.control, 3);
  assert.equal(layer.headerLength, 3);
});

const SAMPLES = [
  "pcapplusplus/EthDot3.pcap",
  "zeek/snap-arp.pcapng",
  "tcpdump/MSTP_Intra-Region_BPDUs.pcap",
  "tcpdump/rpvstp-trunk-native-vid5.pcap",
  "pcapplusplus/VlanPackets.pcap",
];

for (const sample of SAMPLES) {
  Deno.test({
    name: `decode() matches tshark on the LLC headers of ${sample}`,
    ignore: !hasCapture(sample) || !(await hasTshark()),
    fn() {
      // tshark names the protocol ID by OUI: an EtherType, a Cisco PID, or a plain PID.
      const fields = [
        "llc.dsap",
        "llc.ssap",
        "llc.control",
        "llc.oui",
        "llc.type",
        "llc.cisco_pid",
        "llc.pid",
      ];
      const rows = tsharkFields(sample, fields);
      const packets = readCapture(sample);
      assert.equal(rows.length, packets.length);
      let seen = 0;
      packets.forEach((record, i) => {
        const llc = decode(record.linkType, record.data).layer("llc");
        const text = (value: number | undefined) => value === undefined ? "" : String(value);
        const got = llc === undefined
          ? ["", "", "", "", ""]
          : [llc.dsap, llc.ssap, llc.control, llc.oui, llc.protocolId].map(text);
        if (llc !== undefined) seen++;
        const [dsap, ssap, control, oui, type, ciscoPid, pid] = rows[i]!;
        const expected = [dsap, ssap, control, oui, type || ciscoPid || pid]
          .map((value) => value === "" ? "" : String(Number(value)));
        assert.deepEqual(got, expected, `packet ${i + 1}`);
      });
      assert.ok(seen > 0);
    },
  });
}

Deno.test("printLlc() prints frames no printer takes as tcpdump does", () => {
  // Written for this test, checked with tcpdump 4.99.3 -n.
  const frame = (payload: string) => {
    const body = hex(payload);
    const out = new Uint8Array(14 + body.length);
    out.set(hex("ffff ffff ffff 0200 0000 0001"));
    out[13] = body.length;
    out.set(body, 14);
    return out;
  };
  const print = (bytes: Uint8Array, link = false) =>
    new TcpdumpPrinter({ timestamps: "none", link }).format(decode(LinkType.EN10MB, bytes), {
      seconds: 0,
      nanoseconds: 0,
      originalLength: bytes.length,
    });
  assert.equal(
    print(frame("00 01 af 81 01 00")),
    "02:00:00:00:00:01 > ff:ff:ff:ff:ff:ff Null Unnumbered, xid, Flags [Response], length 6: 01 00",
  );
  assert.equal(
    print(frame("f0 f0 02 04 41 42 43")),
    "02:00:00:00:00:01 > ff:ff:ff:ff:ff:ff NetBeui Information, send seq 1, rcv seq 2, " +
      "Flags [Command], length 7\n\t0x0000:  f0f0 0204 4142 43                        ....ABC",
  );
  assert.equal(
    print(frame("04 05 01 07")),
    "02:00:00:00:00:01 > ff:ff:ff:ff:ff:ff SNA Supervisory, Receiver Ready, rcv seq 3, " +
      "Flags [Final], length 4",
  );
  assert.equal(
    print(frame("aaaa03 000000 9999 0102")),
    "02:00:00:00:00:01 > ff:ff:ff:ff:ff:ff SNAP, ethertype Unknown (0x9999), length 2: \n" +
      "\t0x0000:  aaaa 0300 0000 9999 0102                 ..........",
  );
  assert.equal(
    print(SNAP_ARP_FRAME, true),
    "c2:3d:19:6c:00:01 > ff:ff:ff:ff:ff:ff, 802.3, length 36: LLC, dsap SNAP (0xaa) " +
      "Individual, ssap SNAP (0xaa) Command, ctrl 0x03: oui Ethernet (0x000000), ethertype " +
      "ARP (0x0806), length 28: Request who-has 10.0.0.2 tell 10.0.0.1, length 28",
  );
});
