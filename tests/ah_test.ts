import assert from "node:assert/strict";
import { decode, decodeStrict, type Packet, PacketParser } from "../lib/decode.ts";
import { DecodeError } from "../lib/errors.ts";
import { Ah, ahDecoder, decodeAh } from "../lib/net/ah.ts";
import { LinkType } from "../lib/link_type.ts";
import { capturesDir, hasCapture, readCapture, tsharkFields } from "./_pcap_fixture.ts";
import { hasTshark } from "./_tshark.ts";
import { decodeHex as hex, encodeHex } from "../lib/_hex.ts";
import { TcpdumpPrinter } from "../lib/print/mod.ts";

function kinds(packet: Packet): string[] {
  return packet.layers.map((layer) => layer.kind);
}

// libpcap/AH-IPcomp-IPv6.pcap, packet 1 (tcpdump -vxx):
// IP6 (hlim 64, next-header AH (51) payload length: 100) 2002::2 > 2000::1:
//     AH(length=4(24-bytes),spi=0xc9ec8968,seq=0x1,icv=0xd3245b1ec979f8176e5c38d0):
//     IP6 (hlim 64, next-header TCP (6) payload length: 36) 4000::1.12764 > 2003::8c00:1.80:
//     Flags [S], cksum 0x0cc8 (correct), seq 2584876626, win 2880, options [mss 1440,...]
const AH_FRAME = hex(`
  000c 295e 06d2 aabb cc00 0000 86dd 6000
  0000 0064 3340 2002 0000 0000 0000 0000
  0000 0000 0002 2000 0000 0000 0000 0000
  0000 0000 0001 2904 0000 c9ec 8968 0000
  0001 d324 5b1e c979 f817 6e5c 38d0 6000
  0000 0024 0640 4000 0000 0000 0000 0000
  0000 0000 0001 2003 0000 0000 0000 0000
  0000 8c00 0001 31dc 0050 9a12 1652 0000
  0000 9002 0b40 0cc8 0000 0204 05a0 0402
  080a 04c2 70c2 0000 0000`);

Deno.test("decodeAh() reads every field", () => {
  const ah = decodeAh(AH_FRAME, 54);
  assert.equal(ah.kind, "ah");
  assert.equal(ah.nextHeader, 41);
  assert.equal(ah.payloadLength, 4);
  assert.equal(ah.headerLength, 24);
  assert.equal(ah.reserved, 0);
  assert.equal(ah.spi, 0xc9ec8968);
  assert.equal(ah.sequenceNumber, 1);
  assert.deepEqual(ah.icv, hex("d324 5b1e c979 f817 6e5c 38d0"));
  assert.equal(ah.payload.length, AH_FRAME.length - 78);
  assert.deepEqual(ah.toJSON(), {
    nextHeader: 41,
    payloadLength: 4,
    spi: 0xc9ec8968,
    sequenceNumber: 1,
    icv: Array.from(hex("d324 5b1e c979 f817 6e5c 38d0")),
  });
});

Deno.test("decode() skips AH and decodes what it protects", () => {
  const packet = decodeStrict(LinkType.EN10MB, AH_FRAME);
  assert.deepEqual(kinds(packet), ["ethernet", "ipv6", "ah", "ipv6", "tcp"]);
  assert.equal(packet.layer("tcp")?.destinationPort, 80);
  // The inner IPv6 header is the network layer of TCP: tcpdump says "cksum 0x0cc8 (correct)".
  assert.equal(packet.layer("tcp")?.checksumValid, true);
});

Deno.test("decodeAh() reads unsigned 32-bit SPI and sequence numbers", () => {
  const ah = decodeAh(hex("3b01 ffff ffff fffe 8000 0001"));
  assert.equal(ah.spi, 0xfffffffe);
  assert.equal(ah.sequenceNumber, 0x80000001);
  assert.equal(ah.reserved, 0xffff);
  assert.equal(ah.headerLength, 12);
  assert.equal(ah.icv.length, 0);
});

Deno.test("decodeAh() rejects a truncated header", () => {
  const bytes = AH_FRAME.subarray(54, 78);
  for (let n = 0; n < 24; n++) {
    assert.throws(() => decodeAh(bytes.subarray(0, n)), (error) => {
      assert.ok(error instanceof DecodeError);
      assert.equal(error.code, "truncated");
      assert.equal(error.layer, "ah");
      // From 2 bytes on, the length field says how long the header is.
      assert.equal(error.required, n < 2 ? 8 : 24);
      assert.equal(error.received, n);
      return true;
    });
  }
  assert.equal(decodeAh(bytes).payload.length, 0);
});

Deno.test("decodeAh() accepts an 8-byte header (length field 0) as tcpdump and tshark do", () => {
  const ah = decodeAh(hex("3a00 0000 0000 0001 8000 0001"));
  assert.equal(ah.headerLength, 8);
  assert.equal(ah.nextHeader, 58);
  assert.equal(ah.spi, 1);
  // No sequence number field: the next 4 bytes are read in its place, as tshark does.
  assert.equal(ah.sequenceNumber, 0x80000001);
  assert.equal(decodeAh(hex("3a00 0000 0000 0001 8000")).sequenceNumber, 0);
  assert.equal(ah.icv.length, 0);
  assert.deepEqual(ah.payload, hex("8000 0001"));
});

Deno.test("decode() never throws on a truncated AH packet", () => {
  for (let n = 0; n < AH_FRAME.length; n++) {
    const packet = decode(LinkType.EN10MB, AH_FRAME.subarray(0, n));
    assert.ok(packet.error instanceof DecodeError || n >= 118 + 20, `${n}`);
    for (const layer of packet.layers) assert.doesNotThrow(() => JSON.stringify(layer));
  }
});

Deno.test("PacketParser reuses an Ah layer without stale fields", () => {
  const parser = new PacketParser();
  parser.parse(LinkType.EN10MB, AH_FRAME);
  const first = parser.get("ah")!;
  const other = AH_FRAME.slice();
  other.set(hex("3b01 0000 0000 0007 0000 0009"), 54);
  parser.parse(LinkType.EN10MB, other);
  assert.equal(parser.get("ah"), first);
  assert.deepEqual(first.toJSON(), decodeAh(other, 54).toJSON());
  assert.equal(first.icv.length, 0);
  // Next header 59 (no next header): nothing of the previous packet's inner layers is left.
  assert.equal(parser.count, 3);
  assert.equal(parser.get("tcp"), undefined);
});

Deno.test("ahDecoder creates empty Ah layers", () => {
  assert.ok(ahDecoder.create() instanceof Ah);
});

const AH_CAPTURES = [
  "libpcap/AH-IPcomp-IPv6.pcap",
  "tcpdump/OSPFv3_with_AH.pcap",
  "pcapplusplus/ipv6_options.pcap",
];

Deno.test({
  name: "decode() agrees with tshark on the AH fields of real captures",
  ignore: !(await hasTshark()) || !AH_CAPTURES.every(hasCapture),
  fn() {
    const path = Deno.makeTempFileSync({ suffix: ".pcapng" });
    const files = AH_CAPTURES.map((name) => new URL(name, capturesDir).pathname);
    const args = ["-a", "-F", "pcapng", "-w", path, ...files];
    assert.ok(new Deno.Command("mergecap", { args, stderr: "null" }).outputSync().success);
    try {
      const fields = ["ah.next_header", "ah.length", "ah.spi", "ah.sequence", "ah.icv"];
      const rows = tsharkFields(path, fields);
      const packets = readCapture(path);
      assert.equal(rows.length, packets.length);
      let seen = 0;
      packets.forEach(({ linkType, data }, i) => {
        const ah = decode(linkType, data).layer("ah");
        if (ah === undefined) {
          assert.deepEqual(rows[i], ["", "", "", "", ""]);
          return;
        }
        seen++;
        const row = rows[i]!;
        assert.deepEqual(
          [ah.nextHeader, ah.payloadLength, ah.spi, ah.sequenceNumber],
          row.slice(0, 4).map(Number),
          `packet #${i + 1}`,
        );
        const icv = encodeHex(ah.icv);
        assert.equal(icv, row[4]!.replaceAll(":", ""));
      });
      assert.ok(seen >= 15);
    } finally {
      Deno.removeSync(path);
    }
  },
});

Deno.test("printAh() prints the length at -v and a reserved field that is not zero, as tcpdump", () => {
  const print = (frame: Uint8Array, verbose: number) =>
    new TcpdumpPrinter({ timestamps: "none", verbose }).format(
      decode(LinkType.EN10MB, frame),
      { seconds: 0, nanoseconds: 0, originalLength: frame.length },
    );
  const ah = decode(LinkType.EN10MB, AH_FRAME).layer("ah")!;
  const at = ah.offset;
  assert.match(print(AH_FRAME, 0), / AH\(spi=0x[0-9a-f]{8},seq=0x/);
  assert.match(
    print(AH_FRAME, 1),
    new RegExp(` AH\\(length=${ah.payloadLength}\\(${ah.headerLength}-bytes\\),spi=0x`),
  );
  const reserved = AH_FRAME.slice();
  reserved[at + 3] = 0x2a;
  assert.match(print(reserved, 0), / AH\(reserved=0x2a\[MustBeZero\],spi=0x/);
});

Deno.test("printAh() prints a header cut by the capture as far as tcpdump's ah_print() reads", () => {
  // An AH header (next header ICMPv6, reserved 7) in IPv4 from 10.0.0.1 to 10.0.0.2.
  const ah = hex("3a04 0007 0000 1001 0000 002a dead beef 0102 0304 0506 0708 8000 0000 0000 0000");
  const packet = hex(`4500 ${(20 + ah.length).toString(16).padStart(4, "0")} 0001 0000 4033 0000
    0a00 0001 0a00 0002`);
  const print = (captured: number) => {
    const frame = new Uint8Array([...packet, ...ah]).subarray(0, 20 + captured);
    const text = new TcpdumpPrinter({ timestamps: "none" }).format(decode(LinkType.RAW, frame), {
      seconds: 0,
      nanoseconds: 0,
      originalLength: 20 + ah.length,
    });
    return text.replace(/^IP (truncated-ip - \d+ bytes missing! )?10\.0\.0\.1 > 10\.0\.0\.2: /, "");
  };
  // tcpdump 4.99.3 on the same packet cut after 0, 1, 3, 7, 10 and 14 bytes of AH, and whole.
  assert.deepEqual([0, 1, 3, 7, 10, 14, ah.length].map(print), [
    " [|ah]",
    "AH [|ah]",
    "AH( [|ah]",
    "AH(reserved=0x7[MustBeZero], [|ah]",
    "AH(reserved=0x7[MustBeZero],spi=0x00001001, [|ah]",
    "AH(reserved=0x7[MustBeZero],spi=0x00001001,seq=0x2a,icv=0xdead [|ah]",
    "AH(reserved=0x7[MustBeZero],spi=0x00001001,seq=0x2a,icv=0xdeadbeef0102030405060708): " +
    "[ICMPv6 requires IPv6] (invalid)",
  ]);
  const cut = decode(LinkType.RAW, new Uint8Array([...packet, ...ah]).subarray(0, 30));
  assert.equal(cut.error?.partial, true);
  const layer = cut.layer("ah")!;
  assert.deepEqual([layer.truncated, layer.headerLength, layer.declaredLength, layer.spi], [
    true,
    10,
    24,
    0x1001,
  ]);
});
