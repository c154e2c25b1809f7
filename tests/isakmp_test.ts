import assert from "node:assert/strict";
import { decodeIsakmp } from "../lib/app/isakmp.ts";
import { DecodeError } from "../lib/errors.ts";
import { decodeUdpApp, udpAppLine, udpAppPacket } from "./_udp_app.ts";
import { decode, PacketParser } from "../lib/decode.ts";
import { LinkType } from "../lib/link_type.ts";

/** An IKEv1 header: identity protection, cookies, next payload `first`, no payloads. */
function ikev1(responder: number, flags = 0, messageId = 0): Uint8Array {
  const header = new Uint8Array(28);
  header.set([1, 2, 3, 4, 5, 6, 7, 8], 0);
  if (responder !== 0) header[15] = responder;
  header.set([0, 0x10, 2, flags], 16);
  new DataView(header.buffer).setUint32(20, messageId);
  header[27] = 28;
  return header;
}

Deno.test("decodeIsakmp() reads the header and the payload chain", () => {
  const bytes = new Uint8Array(28 + 8);
  bytes.set(ikev1(0));
  bytes[16] = 13; // vendor ID
  bytes.set([0, 0, 0, 8, 0xde, 0xad, 0xbe, 0xef], 28);
  bytes[27] = 36;
  const ike = decodeIsakmp(bytes);
  assert.equal(ike.majorVersion, 1);
  assert.equal(ike.exchangeType, 2);
  assert.equal(ike.messageLength, 36);
  assert.deepEqual(ike.payloads().payloads.map((p) => [p.type, p.length]), [[13, 8]]);
  assert.equal(decodeIsakmp(bytes.subarray(0, 32)).payloads().truncated, true);
  assert.throws(() => decodeIsakmp(new Uint8Array(0)), DecodeError);
});

Deno.test("decode() reads port 4500: keepalives, the non-ESP marker and ESP", () => {
  const ports = { sourcePort: 4500, destinationPort: 4500 };
  assert.equal(
    decodeUdpApp(new Uint8Array([0xff]), ports).layer("isakmp")?.encapsulation,
    "keepalive",
  );
  const marked = new Uint8Array(32);
  marked.set(ikev1(0), 4);
  assert.equal(decodeUdpApp(marked, ports).layer("isakmp")?.encapsulation, "non-esp");
  const esp = decodeUdpApp(new Uint8Array([0, 0, 1, 0, 0, 0, 0, 1, 9, 9, 9, 9]), ports);
  assert.equal(esp.layer("esp")?.spi, 0x100);
});

Deno.test("printIsakmp() tells the initiator from the responder as tcpdump does", () => {
  const out = { sourcePort: 500, destinationPort: 500 };
  assert.equal(
    udpAppLine(ikev1(0), out),
    "IP 10.0.0.1.500 > 10.0.0.2.500: isakmp: phase 1 I ident",
  );
  assert.equal(
    udpAppLine(ikev1(9, 1, 5), out),
    "IP 10.0.0.1.500 > 10.0.0.2.500: isakmp: phase 2/others ? ident[E]",
  );
  assert.equal(
    udpAppLine(new Uint8Array([0xff]), { sourcePort: 4500, destinationPort: 4500 }),
    "IP 10.0.0.1.4500 > 10.0.0.2.4500: isakmp-nat-keep-alive",
  );
  assert.equal(
    udpAppLine(new Uint8Array([0, 0, 1, 0, 0, 0, 0, 1, 9, 9, 9, 9]), {
      sourcePort: 4500,
      destinationPort: 4500,
    }),
    "IP 10.0.0.1.4500 > 10.0.0.2.4500: UDP-encap: ESP(spi=0x00000100,seq=0x1), length 12",
  );
});

Deno.test("printIsakmp() prints IKEv1 and IKEv2 payloads at -v as tcpdump does", () => {
  const ports = { sourcePort: 500, destinationPort: 500 };
  // IKEv1: a vendor ID (4 bytes) and a nonce (4 bytes).
  const v1 = new Uint8Array(28 + 16);
  v1.set(ikev1(0));
  v1[16] = 13;
  v1.set([10, 0, 0, 8, 1, 2, 3, 4, 0, 0, 0, 8, 5, 6, 7, 8], 28);
  v1[27] = 44;
  assert.equal(
    udpAppLine(v1, ports, 1).split("\n").slice(1).join("\n"),
    "    10.0.0.1.500 > 10.0.0.2.500: isakmp 1.0 msgid 00000000: phase 1 I ident:\n" +
      "    (vid: len=4)\n    (nonce: n len=4)",
  );
  // IKEv2 IKE_SA_INIT request: a notify (NAT detection, 4 bytes of data), nonce of 4 bytes.
  const v2 = new Uint8Array(28 + 12 + 8);
  v2.set([0, 0, 0, 0, 0, 0, 0, 1], 0);
  v2.set([41, 0x20, 34, 0x08], 16);
  v2[27] = 48;
  v2.set([40, 0, 0, 12, 0, 0, 0x40, 0x04, 9, 9, 9, 9], 28);
  v2.set([0, 0, 0, 8, 1, 2, 3, 4], 40);
  assert.equal(
    udpAppLine(v2, ports, 1).split("\n").slice(1).join("\n"),
    "    10.0.0.1.500 > 10.0.0.2.500: isakmp 2.0 msgid 00000000: parent_sa ikev2_init[I]:\n" +
      "    (n: prot_id=#0 type=16388(nat_detection_source_ip))\n" +
      "    (nonce: len=4 data=(01020304...))",
  );
});

Deno.test("PacketParser does not keep an ISAKMP header for a message too short to hold one", () => {
  // Found by bench/fuzz.ts: a reused layer showed the previous message's header fields.
  const ports = { sourcePort: 4500, destinationPort: 4500 };
  const marked = new Uint8Array(32);
  marked.set(ikev1(0), 4);
  const full = udpAppPacket(marked, ports);
  const short = udpAppPacket(new Uint8Array([0, 0, 0, 0, 0x11, 0x22, 0x33, 0x44]), ports);
  const parser = new PacketParser();
  parser.parse(LinkType.RAW, full);
  assert.equal(parser.get("isakmp")?.exchangeType, 2);
  parser.parse(LinkType.RAW, short);
  const fresh = decode(LinkType.RAW, short).layer("isakmp");
  assert.equal(fresh?.truncated, true);
  assert.deepEqual(parser.get("isakmp")?.toJSON(), fresh?.toJSON());
  assert.equal(parser.get("isakmp")?.exchangeType, 0);
});
