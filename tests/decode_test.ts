import assert from "node:assert/strict";
import { decode, decodeStrict, Packet, PacketParser } from "../lib/decode.ts";
import { DecodeError } from "../lib/errors.ts";
import { LinkType } from "../lib/link_type.ts";
import { defaultRegistry, Registry } from "../lib/registry.ts";
import { ethernetDecoder } from "../lib/link/ethernet.ts";
import { ipv4Decoder } from "../lib/net/ipv4.ts";
import { udpDecoder } from "../lib/transport/udp.ts";
import { buildEthernet, buildIpv4, buildUdp } from "../lib/craft/mod.ts";
import { decodeHex as hex } from "../lib/_hex.ts";

function kinds(layers: readonly { kind: string }[]): string[] {
  return layers.map((layer) => layer.kind);
}

const ADDRESSES = { source: "10.0.0.1", destination: "10.0.0.2" };

/** An IPv4 packet (10.0.0.1 > 10.0.0.2, id 0, no flags) around `payload`. */
function ipv4(protocol: number, payload: Uint8Array, ttl = 64): Uint8Array {
  return buildIpv4({ ...ADDRESSES, protocol, ttl, dontFragment: false, payload });
}

/** Ethernet + IPv4 + UDP (1234 > 4321) around `payload`, with a right UDP checksum. */
function udpFrame(payload: Uint8Array, ttl = 64): Uint8Array {
  const udp = buildUdp({ ...ADDRESSES, sourcePort: 1234, destinationPort: 4321, payload });
  return buildEthernet({
    destination: "02:00:00:00:00:02",
    source: "02:00:00:00:00:01",
    etherType: 0x0800,
    payload: ipv4(17, udp, ttl),
    pad: false,
  });
}

/** `depth` IPv4 headers nested (protocol 4), the innermost carrying 4 bytes of UDP-less data. */
function nestedIpv4(depth: number): Uint8Array {
  let packet = ipv4(253, hex("deadbeef"));
  for (let i = 1; i < depth; i++) packet = ipv4(4, packet);
  return packet;
}

const FRAME = udpFrame(hex("0102 0304 05"));

Deno.test("decode() returns every layer and no error for a whole packet", () => {
  const packet = decode(LinkType.EN10MB, FRAME);
  assert.ok(packet instanceof Packet);
  assert.equal(packet.linkType, LinkType.EN10MB);
  assert.equal(packet.data, FRAME);
  assert.equal(packet.error, undefined);
  assert.deepEqual(kinds(packet.layers), ["ethernet", "ipv4", "udp"]);
  assert.deepEqual(packet.payload, hex("0102 0304 05"));
  assert.equal(packet.layer("udp")?.checksumValid, true);
  assert.equal(packet.layer("tcp"), undefined);
  assert.deepEqual(Object.keys(packet.toJSON()), ["ethernet", "ipv4", "udp"]);
});

Deno.test("decode() gives each packet layers of its own", () => {
  const a = decode(LinkType.EN10MB, FRAME);
  const b = decode(LinkType.EN10MB, udpFrame(new Uint8Array(0), 9));
  assert.notEqual(a.layers[1], b.layers[1]);
  assert.equal(a.layer("ipv4")?.timeToLive, 64);
  assert.equal(b.layer("ipv4")?.timeToLive, 9);
  assert.deepEqual(a.payload, hex("0102 0304 05"));
  assert.equal(a.layer("udp")?.checksumValid, true);
});

Deno.test("decode() marks a truncated packet with a DecodeError and keeps what decoded", () => {
  for (let n = 0; n < FRAME.length; n++) {
    const packet = decode(LinkType.EN10MB, FRAME.subarray(0, n));
    if (n < 14 + 20 + 8) {
      assert.ok(packet.error instanceof DecodeError, `${n}`);
      assert.equal(packet.error.code, "truncated");
      const expected = n < 14 ? [] : n < 34 ? ["ethernet"] : ["ethernet", "ipv4"];
      assert.deepEqual(kinds(packet.layers), expected, `${n}`);
      assert.equal(packet.error.layer, ["ethernet", "ipv4", "udp"][expected.length]);
      assert.equal(packet.error.offset, [0, 14, 34][expected.length]);
      // The payload is what no decoder read: from the failing header on.
      assert.equal(packet.payload.length, n - packet.error.offset);
      const json = packet.toJSON();
      assert.deepEqual(json.error, {
        code: "truncated",
        layer: packet.error.layer,
        offset: packet.error.offset,
        message: packet.error.message,
      });
    } else {
      assert.equal(packet.error, undefined, `${n}`);
    }
  }
});

Deno.test("decode() marks a malformed header with a DecodeError", () => {
  const frame = FRAME.slice();
  frame[14] = 0x43; // IPv4 header length 12
  const packet = decode(LinkType.EN10MB, frame);
  assert.deepEqual(kinds(packet.layers), ["ethernet"]);
  assert.equal(packet.error?.code, "malformed");
  assert.equal(
    packet.error?.message,
    "Cannot decode IPv4 header: header length 12 is less than 20",
  );
});

Deno.test("decodeStrict() throws the DecodeError of a bad packet", () => {
  assert.deepEqual(kinds(decodeStrict(LinkType.EN10MB, FRAME).layers), ["ethernet", "ipv4", "udp"]);
  assert.throws(() => decodeStrict(LinkType.EN10MB, FRAME.subarray(0, 40)), (error) => {
    assert.ok(error instanceof DecodeError);
    assert.ok(error instanceof RangeError);
    assert.equal(error.name, "DecodeError");
    assert.equal(error.message, "Cannot decode UDP header: 8 bytes required, received 6");
    assert.equal(error.layer, "udp");
    assert.equal(error.offset, 34);
    return true;
  });
});

Deno.test("decode() decodes nothing of a link type that no decoder reads", () => {
  const packet = decode(9999, FRAME);
  assert.equal(packet.layers.length, 0);
  assert.equal(packet.error, undefined);
  assert.equal(packet.payload.length, FRAME.length);
  assert.deepEqual(packet.toJSON(), {});
});

Deno.test("decode() stops cleanly where the registry has no decoder", () => {
  const registry = new Registry();
  registry.linkTypes.set(LinkType.EN10MB, ethernetDecoder);
  registry.etherTypes.set(0x0800, ipv4Decoder);
  const packet = decode(LinkType.EN10MB, FRAME, { registry });
  assert.deepEqual(kinds(packet.layers), ["ethernet", "ipv4"]);
  assert.equal(packet.error, undefined);
  assert.equal(packet.payload.length, 8 + 5);
  registry.ipProtocols.set(17, udpDecoder);
  assert.deepEqual(kinds(decode(LinkType.EN10MB, FRAME, { registry }).layers), [
    "ethernet",
    "ipv4",
    "udp",
  ]);
  assert.deepEqual(kinds(decode(LinkType.EN10MB, FRAME).layers), ["ethernet", "ipv4", "udp"]);
  assert.equal(defaultRegistry.etherTypes.get(0x0800), ipv4Decoder);
});

Deno.test("decode() leaves out the frame check sequence with fcsLength", () => {
  // Total length 0 (TSO): the IPv4 payload runs to the end of the frame, FCS excluded.
  const frame = new Uint8Array([...FRAME, 0xaa, 0xbb, 0xcc, 0xdd]);
  frame[16] = 0;
  frame[17] = 0;
  const without = decode(LinkType.EN10MB, frame);
  assert.equal(without.layer("ipv4")?.end, frame.length);
  const packet = decode(LinkType.EN10MB, frame, { fcsLength: 4 });
  assert.equal(packet.error, undefined);
  assert.equal(packet.layer("ipv4")?.end, frame.length - 4);
  assert.equal(packet.layer("ethernet")?.end, frame.length - 4);
  assert.deepEqual(packet.payload, hex("0102 0304 05"));
  // An FCS longer than the frame leaves nothing to decode.
  const tiny = decode(LinkType.EN10MB, FRAME.subarray(0, 10), { fcsLength: 40 });
  assert.equal(tiny.error?.code, "truncated");
  assert.equal(tiny.error?.received, 0);
  assert.equal(tiny.payload.length, 0);
  assert.equal(decode(LinkType.EN10MB, FRAME, { fcsLength: 0 }).payload.length, 5);
});

Deno.test("decode() stops an endless tunnel at the layer limit", () => {
  const packet = decode(LinkType.RAW, nestedIpv4(40));
  assert.equal(packet.layers.length, 32);
  assert.ok(packet.layers.every((layer) => layer.kind === "ipv4"));
  assert.ok(packet.error instanceof DecodeError);
  assert.equal(packet.error.code, "malformed");
  assert.equal(packet.error.layer, "ipv4");
  assert.equal(packet.error.offset, 32 * 20);
  assert.equal(packet.error.required, 32);
  assert.equal(packet.error.received, 33);
  assert.equal(
    packet.error.message,
    "Cannot decode IPv4 header: more than 32 layers in one packet",
  );
  assert.deepEqual(packet.payload.length, 8 * 20 + 4);

  const deeper = decode(LinkType.RAW, nestedIpv4(40), { maxLayers: 40 });
  assert.equal(deeper.error, undefined);
  assert.equal(deeper.layers.length, 40);
  assert.deepEqual(deeper.payload, hex("deadbeef"));
  const shallow = decode(LinkType.RAW, nestedIpv4(3), { maxLayers: 2 });
  assert.equal(shallow.layers.length, 2);
  assert.equal(
    shallow.error?.message,
    "Cannot decode IPv4 header: more than 2 layers in one packet",
  );
  assert.throws(() => decodeStrict(LinkType.RAW, nestedIpv4(3), { maxLayers: 2 }), {
    code: "malformed",
  });
});

Deno.test("Packet.toJSON() numbers repeated layer kinds", () => {
  const json = decode(LinkType.RAW, nestedIpv4(3)).toJSON();
  assert.deepEqual(Object.keys(json), ["ipv4", "ipv4_2", "ipv4_3"]);
  assert.equal((json.ipv4_3 as { protocol: number }).protocol, 253);
  assert.doesNotThrow(() => JSON.stringify(json));
});

Deno.test("PacketParser reuses its layer objects from packet to packet", () => {
  const parser = new PacketParser();
  assert.equal(parser.parse(LinkType.EN10MB, FRAME), 3);
  const [ethernet, ip, udp] = parser.layers;
  assert.equal(parser.error, undefined);
  assert.equal(parser.data, FRAME);
  assert.equal(parser.payloadOffset, 42);
  assert.equal(parser.payloadEnd, FRAME.length);
  const other = udpFrame(hex("ff"), 1);
  assert.equal(parser.parse(LinkType.EN10MB, other), 3);
  assert.equal(parser.layers[0], ethernet);
  assert.equal(parser.layers[1], ip);
  assert.equal(parser.layers[2], udp);
  assert.equal(parser.get("ipv4")?.timeToLive, 1);
  assert.equal(parser.get("udp")?.checksumValid, true);
  assert.equal(parser.payloadEnd - parser.payloadOffset, 1);
  // Two layers of one kind in one packet are two objects, kept for the next packet.
  parser.parse(LinkType.RAW, nestedIpv4(3));
  assert.equal(parser.count, 3);
  assert.equal(new Set(parser.layers.slice(0, 3)).size, 3);
  const nested = parser.layers.slice(0, 3);
  parser.parse(LinkType.RAW, nestedIpv4(3));
  assert.deepEqual(parser.layers.slice(0, 3), nested);
  assert.equal(parser.layers[0], nested[0]);
  // Back to the first layering: the layers of each depth are those of the first packet.
  assert.equal(parser.parse(LinkType.EN10MB, FRAME), 3);
  assert.deepEqual(parser.layers.slice(0, 3), [ethernet, ip, udp]);
  assert.deepEqual(parser.layers.slice(0, 3).map((layer) => layer.kind), [
    "ethernet",
    "ipv4",
    "udp",
  ]);
  assert.equal(parser.get("ipv4")?.timeToLive, 64);
});

Deno.test("PacketParser clears the error and count of the previous packet", () => {
  const parser = new PacketParser();
  assert.equal(parser.parse(LinkType.EN10MB, FRAME.subarray(0, 20)), 1);
  assert.equal(parser.error?.code, "truncated");
  assert.equal(parser.get("ipv4"), undefined);
  assert.equal(parser.parse(LinkType.EN10MB, FRAME), 3);
  assert.equal(parser.error, undefined);
  assert.equal(parser.parse(LinkType.EN10MB, FRAME.subarray(0, 20)), 1);
  assert.equal(parser.get("udp"), undefined, "no stale layer past the count");
  assert.equal(parser.parse(9999, FRAME), 0);
  assert.equal(parser.error, undefined);
  assert.equal(parser.get("ethernet"), undefined);
});

Deno.test("PacketParser decodes a packet inside a larger buffer", () => {
  const buffer = new Uint8Array(7 + FRAME.length + 9).fill(0xee);
  buffer.set(FRAME, 7);
  const parser = new PacketParser();
  assert.equal(parser.parse(LinkType.EN10MB, buffer, 7, 7 + FRAME.length), 3);
  assert.equal(parser.layers[0]!.offset, 7);
  assert.equal(parser.get("udp")?.checksumValid, true);
  assert.equal(parser.payloadEnd, 7 + FRAME.length);
  // Bounds past the buffer are kept inside it.
  assert.equal(parser.parse(LinkType.EN10MB, FRAME, 0, FRAME.length + 100), 3);
  assert.equal(parser.payloadEnd, FRAME.length);
  assert.equal(parser.parse(LinkType.EN10MB, FRAME, -5), 3);
  assert.equal(parser.parse(LinkType.EN10MB, FRAME, 50, 10), 0);
  assert.equal(parser.error?.code, "truncated");
});

Deno.test("PacketParser honours fcsLength and maxLayers", () => {
  const parser = new PacketParser({ fcsLength: 4, maxLayers: 2 });
  assert.equal(parser.parse(LinkType.EN10MB, new Uint8Array([...FRAME, 1, 2, 3, 4])), 2);
  assert.equal(parser.error?.message, "Cannot decode UDP header: more than 2 layers in one packet");
  assert.equal(parser.payloadEnd, FRAME.length);
});

Deno.test("PacketParser without reuse gives new layers for each packet", () => {
  const parser = new PacketParser({}, false);
  parser.parse(LinkType.EN10MB, FRAME);
  const first = parser.layers[1];
  parser.parse(LinkType.EN10MB, FRAME);
  assert.notEqual(parser.layers[1], first);
});

Deno.test("PacketParser gives each layer kind a kind id", () => {
  for (const reuse of [true, false]) {
    const parser = new PacketParser({}, reuse);
    const ids = () => parser.kindIds.slice(0, parser.count).map((id) => parser.kinds[id]);
    parser.parse(LinkType.EN10MB, FRAME);
    assert.deepEqual(ids(), ["ethernet", "ipv4", "udp"]);
    // A kind keeps its id, at any depth and in a layer object of its own.
    parser.parse(LinkType.RAW, nestedIpv4(3));
    assert.deepEqual(ids(), ["ipv4", "ipv4", "ipv4"]);
    assert.deepEqual(parser.kindIds.slice(0, 3), [1, 1, 1]);
    parser.parse(LinkType.EN10MB, FRAME);
    assert.deepEqual(parser.kindIds.slice(0, 3), [0, 1, 2]);
    assert.deepEqual(parser.kinds, ["ethernet", "ipv4", "udp"]);
  }
});
