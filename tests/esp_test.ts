import assert from "node:assert/strict";
import { decode, decodeStrict, PacketParser } from "../lib/decode.ts";
import { DecodeError } from "../lib/errors.ts";
import { decodeEsp, Esp, espDecoder } from "../lib/net/esp.ts";
import { LinkType } from "../lib/link_type.ts";
import { decodeHex as hex } from "../lib/_hex.ts";
import { ipv4Packet } from "./_shared.ts";

/** A raw IPv4 packet (10.0.0.1 > 10.0.0.2, protocol ESP) around `payload`. */
function ipv4Esp(payload: Uint8Array): Uint8Array {
  return ipv4Packet(50, [10, 0, 0, 1], [10, 0, 0, 2], payload);
}

// ESP over IPv4, as tcpdump prints it: ESP(spi=0x12345678,seq=0x2a), length 24
const ESP = hex("1234 5678 0000 002a 1122 3344 5566 7788 99aa bbcc ddee ff00");

Deno.test("decodeEsp() reads the SPI and sequence number", () => {
  const esp = decodeEsp(ESP);
  assert.equal(esp.kind, "esp");
  assert.equal(esp.headerLength, 8);
  assert.equal(esp.spi, 0x12345678);
  assert.equal(esp.sequenceNumber, 42);
  assert.deepEqual(esp.payload, ESP.subarray(8));
  assert.deepEqual(esp.toJSON(), { spi: 0x12345678, sequenceNumber: 42 });
  const high = decodeEsp(hex("ffff ffff 8000 0000"));
  assert.equal(high.spi, 0xffffffff);
  assert.equal(high.sequenceNumber, 0x80000000);
});

Deno.test("decode() stops at ESP, whose payload is encrypted", () => {
  const packet = decodeStrict(LinkType.RAW, ipv4Esp(ESP));
  assert.deepEqual(packet.layers.map((layer) => layer.kind), ["ipv4", "esp"]);
  assert.deepEqual(packet.payload, ESP.subarray(8));
});

Deno.test("decodeEsp() rejects a truncated header", () => {
  for (let n = 0; n < 8; n++) {
    assert.throws(() => decodeEsp(ESP.subarray(0, n)), (error) => {
      assert.ok(error instanceof DecodeError);
      assert.equal(error.code, "truncated");
      assert.equal(error.layer, "esp");
      assert.equal(error.required, 8);
      assert.equal(error.received, n);
      return true;
    });
  }
  assert.equal(decodeEsp(ESP.subarray(0, 8)).payload.length, 0);
  const packet = decode(LinkType.RAW, ipv4Esp(ESP.subarray(0, 5)));
  assert.deepEqual(packet.layers.map((layer) => layer.kind), ["ipv4"]);
  assert.equal(packet.error?.message, "Cannot decode ESP header: 8 bytes required, received 5");
});

Deno.test("PacketParser reuses an Esp layer without stale fields", () => {
  const parser = new PacketParser();
  parser.parse(LinkType.RAW, ipv4Esp(ESP));
  const first = parser.get("esp")!;
  const other = ipv4Esp(hex("0000 0001 0000 0002"));
  parser.parse(LinkType.RAW, other);
  assert.equal(parser.get("esp"), first);
  assert.deepEqual(first.toJSON(), { spi: 1, sequenceNumber: 2 });
  assert.equal(first.payload.length, 0);
  assert.equal(first.end, other.length);
});

Deno.test("espDecoder creates empty Esp layers", () => {
  assert.ok(espDecoder.create() instanceof Esp);
});
