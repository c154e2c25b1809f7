import assert from "node:assert/strict";
import { decodeL2tp, L2tp } from "../lib/net/l2tp.ts";
import { decode } from "../lib/decode.ts";
import { DecodeError } from "../lib/errors.ts";
import { LinkType } from "../lib/link_type.ts";
import { buildIpv4, buildUdp } from "../lib/craft/mod.ts";
import { TcpdumpPrinter } from "../lib/print/mod.ts";

/** IPv4 and UDP between ports 1701 around `payload` (raw IP link type). */
function l2tpDatagram(payload: Uint8Array): Uint8Array {
  const udp = buildUdp({
    source: "95.136.242.99",
    destination: "109.6.1.72",
    sourcePort: 1701,
    destinationPort: 1701,
    payload,
  });
  return buildIpv4({
    source: "95.136.242.99",
    destination: "109.6.1.72",
    protocol: 17,
    payload: udp,
  });
}

function print(payload: Uint8Array, options: { verbose?: number } = {}): string {
  const datagram = l2tpDatagram(payload);
  return new TcpdumpPrinter({ timestamps: "none", ...options }).format(
    decode(LinkType.RAW, datagram),
    { seconds: 0, nanoseconds: 0, originalLength: datagram.length },
  );
}

// dpkt's nb6-http.pcap, packet 20 (inside PPPoE): a data message, then PPP LCP.
//   0x0020:  .... 0000 0002 05f7 206a ff03 c021 0924
//   0x0030:  0008 e7e1 8ff6
const DATA = new Uint8Array([
  0x00,
  0x02,
  0x05,
  0xf7,
  0x20,
  0x6a,
  0xff,
  0x03,
  0xc0,
  0x21,
  0x09,
  0x24,
  0x00,
  0x08,
  0xe7,
  0xe1,
  0x8f,
  0xf6,
]);

// The same capture, packet 22: a HELLO control message.
//   0x0020:  .... 0000 c802 0014 05f7 0000 000f 0002
//   0x0030:  8008 0000 0000 0006
const HELLO = new Uint8Array([
  0xc8,
  0x02,
  0x00,
  0x14,
  0x05,
  0xf7,
  0x00,
  0x00,
  0x00,
  0x0f,
  0x00,
  0x02,
  0x80,
  0x08,
  0x00,
  0x00,
  0x00,
  0x00,
  0x00,
  0x06,
]);

Deno.test("decodeL2tp() reads a data message's header", () => {
  const l2tp = decodeL2tp(DATA);
  assert.ok(l2tp instanceof L2tp);
  assert.equal(l2tp.version, 2);
  assert.equal(l2tp.control, false);
  assert.equal(l2tp.length, undefined);
  assert.equal(l2tp.tunnelId, 1527);
  assert.equal(l2tp.sessionId, 8298);
  assert.equal(l2tp.ns, undefined);
  assert.equal(l2tp.headerLength, 6);
  assert.deepEqual(l2tp.avps, []);
});

Deno.test("decodeL2tp() reads a control message's sequence numbers and AVPs", () => {
  const l2tp = decodeL2tp(HELLO);
  assert.equal(l2tp.control, true);
  assert.equal(l2tp.length, 20);
  assert.equal(l2tp.ns, 15);
  assert.equal(l2tp.nr, 2);
  assert.equal(l2tp.headerLength, 12);
  assert.equal(l2tp.avps.length, 1);
  const avp = l2tp.avps[0]!;
  assert.equal(avp.mandatory, true);
  assert.equal(avp.hidden, false);
  assert.equal(avp.length, 8);
  assert.equal(avp.vendorId, 0);
  assert.equal(avp.attributeType, 0);
  assert.deepEqual(avp.value, new Uint8Array([0, 6]));
  assert.equal(l2tp.avpsMalformed, false);
});

Deno.test("decodeL2tp() marks an AVP that does not fit, and rejects a cut header", () => {
  const bad = HELLO.slice();
  bad[13] = 0x04; // an AVP length of 4, under its 6-byte header
  assert.equal(decodeL2tp(bad).avps.length, 0);
  assert.equal(decodeL2tp(bad).avpsMalformed, true);
  assert.throws(() => decodeL2tp(HELLO.subarray(0, 10)), DecodeError);
  assert.throws(() => decodeL2tp(new Uint8Array([0x00])), DecodeError);
});

Deno.test("decode() goes on through an L2TP data message to PPP", () => {
  const packet = decode(LinkType.RAW, l2tpDatagram(DATA));
  assert.deepEqual(packet.layers.map((layer) => layer.kind), ["ipv4", "udp", "l2tp", "ppp"]);
  const control = decode(LinkType.RAW, l2tpDatagram(HELLO));
  assert.deepEqual(control.layers.map((layer) => layer.kind), ["ipv4", "udp", "l2tp"]);
});

Deno.test("printL2tp() prints messages as tcpdump does", () => {
  const prefix = "IP 95.136.242.99.1701 > 109.6.1.72.1701: ";
  assert.equal(
    print(DATA),
    prefix + " l2tp:[](1527/8298) {LCP, Echo-Request (0x09), id 36, length 10}",
  );
  assert.equal(print(HELLO), prefix + " l2tp:[TLS](1527/0)Ns=15,Nr=2 *MSGTYPE(HELLO)");
  const zlb = HELLO.slice(0, 12);
  zlb[3] = 12;
  assert.equal(print(zlb), prefix + " l2tp:[TLS](1527/0)Ns=15,Nr=2 ZLB");
  const bad = HELLO.slice();
  bad[13] = 0x04;
  assert.equal(print(bad), prefix + " l2tp:[TLS](1527/0)Ns=15,Nr=2  [|l2tp]");
});

Deno.test("printL2tp() prints the values of common AVPs", () => {
  const avps = [
    [0x80, 0x08, 0, 0, 0, 2, 0x01, 0x00], // PROTO_VER 1.0
    [0x80, 0x0a, 0, 0, 0, 3, 0, 0, 0, 3], // FRAMING_CAP AS
    [0x00, 0x0b, 0, 0, 0, 7, 0x6c, 0x6e, 0x73, 0x0a, 0xe9], // HOST_NAME "lns\n\xe9"
    [0x80, 0x08, 0, 0, 0, 9, 0x4a, 0x32], // ASSND_TUN_ID 18994
    [0x00, 0x0a, 0x01, 0x37, 0, 1, 0xde, 0xad, 0xbe, 0xef], // vendor 0x0137
    [0xc0, 0x08, 0, 0, 0, 14, 1, 2], // hidden
  ].flat();
  const header = [0xc8, 0x02, 0, 12 + avps.length, 0x05, 0xf7, 0, 0, 0, 0, 0, 0];
  assert.equal(
    print(new Uint8Array([...header, ...avps])),
    "IP 95.136.242.99.1701 > 109.6.1.72.1701:  l2tp:[TLS](1527/0)Ns=0,Nr=0 " +
      "*PROTO_VER(1.0) *FRAMING_CAP(AS) HOST_NAME(lns^JM-i) *ASSND_TUN_ID(18994) " +
      "VENDOR0137:ATTR0001(deadbeef) *?ASSND_SESS_ID(???)",
  );
});

Deno.test("printL2tp() prints an empty or unknown PPP frame as tcpdump does", () => {
  const prefix = "IP 95.136.242.99.1701 > 109.6.1.72.1701:  l2tp:[](1/2) {";
  const header = [0x00, 0x02, 0, 1, 0, 2];
  assert.equal(print(new Uint8Array(header)), prefix + " [|ppp]}");
  assert.equal(
    print(new Uint8Array([...header, 0xff, 0x03, 0x12, 0x34, 1, 2, 3, 4])),
    prefix + "unknown PPP protocol (0x1234) \n\t0x0000:  0102 0304}",
  );
});
