import assert from "node:assert/strict";
import { printFrame } from "./_print_layer.ts";
import { decodeMobility, mobilityDecoder, MobilityType } from "../lib/net/mobility.ts";
import { decode } from "../lib/decode.ts";
import { DecodeError } from "../lib/errors.ts";
import { decodeHex } from "../lib/_hex.ts";
import { LinkType } from "../lib/link_type.ts";
import { concatBytes } from "./_shared.ts";

const SRC = "20010db8000000000000000000000001";
const DST = "20010db8000000000000000000000002";

/** An IPv6 header (hop limit 64) with the next header and payload (hex), on raw IP. */
function ipv6(nextHeader: number, payload: string, payloadLength?: number): Uint8Array {
  const body = decodeHex(payload);
  const length = payloadLength ?? body.length;
  return concatBytes(
    new Uint8Array([0x60, 0, 0, 0, length >> 8, length & 0xff, nextHeader, 64]),
    decodeHex(SRC + DST),
    body,
  );
}

// The messages of tcpdump's tests/ipv6_mobility_1.pcap, with a byte after each header:
// mobility_opt_print() wants the byte after the last option captured.
const BU = "3b01 0500 1234 03e8 8000 0e10 0102 0000 ee";
const BA = "3b01 0600 1234 0080 ffff ffff 0202 0708 ee";
const HOT = "3b02 0300 1234 090a 0b0c 0d0e 0f10 04d2 1112 1314 1516 1718";
const BE = "3b02 0700 1234 0100 2001 0db8 0000 0000 0000 0000 0000 0abc";

function print(frame: Uint8Array, verbose = 0, originalLength = frame.length): string {
  return printFrame(LinkType.RAW, frame, { verbose }, originalLength);
}

/** The text after the addresses. */
function message(frame: Uint8Array, verbose = 0, originalLength = frame.length): string {
  return print(frame, verbose, originalLength).split("2001:db8::2: ")[1]!;
}

Deno.test("decodeMobility() reads a Binding Update and its options", () => {
  const mobility = decodeMobility(decodeHex(BU));
  assert.equal(mobility.kind, "mobility");
  assert.equal(mobility.payloadProto, 59);
  assert.equal(mobility.messageType, MobilityType.BINDING_UPDATE);
  assert.equal(mobility.declaredLength, 16);
  assert.equal(mobility.headerLength, 16);
  assert.equal(mobility.checksum, 0x1234);
  assert.equal(mobility.sequenceNumber, 1000);
  assert.equal(mobility.flags, 0x8);
  assert.equal(mobility.lifetime, 14400);
  assert.equal(mobility.optionsOffset, 12);
  assert.deepEqual(mobility.options, [{ type: 1, offset: 12, length: 4 }]);
  assert.equal(mobility.tooShort, false);
  assert.equal(mobilityDecoder.create().kind, "mobility");
});

Deno.test("decodeMobility() reads the fields of each type", () => {
  const ack = decodeMobility(decodeHex(BA));
  assert.equal(ack.status, 0);
  assert.equal(ack.flags, 0x80);
  assert.equal(ack.sequenceNumber, 65535);
  assert.equal(ack.lifetime, 262140);
  const test = decodeMobility(decodeHex(HOT));
  assert.equal(test.nonceIndex, 0x90a);
  assert.equal(test.uint32At(16), 0x11121314);
  const error = decodeMobility(decodeHex(BE));
  assert.equal(error.status, 1);
  assert.equal(error.homeAddress, "2001:db8::abc");
  assert.deepEqual(error.toJSON(), {
    payloadProto: 59,
    lengthField: 2,
    messageType: 7,
    checksum: 0x1234,
    status: 1,
    homeAddress: "2001:db8::abc",
    options: [],
  });
  // A Home Test Init of length 8 is too short for its cookie.
  assert.equal(decodeMobility(decodeHex("3b00 0100 0000 0000")).tooShort, true);
});

Deno.test("decodeMobility() rejects a truncated header", () => {
  assert.throws(() => decodeMobility(decodeHex("3b")), DecodeError);
  assert.throws(() => decodeMobility(decodeHex(BU).subarray(0, 12)), {
    message: "Cannot decode IPv6 Mobility header: 16 bytes required, received 12",
  });
  // Cut inside, the header is kept as far as it goes.
  const cut = decode(LinkType.RAW, ipv6(135, BU).subarray(0, 50));
  assert.equal(cut.error?.partial, true);
  const layer = cut.layer("mobility");
  assert.equal(layer?.truncated, true);
  assert.equal(layer?.sequenceNumber, 1000);
  assert.equal(layer?.lifetime, -1);
});

Deno.test("printMobility() prints every message type as tcpdump does", () => {
  assert.equal(message(ipv6(135, "3b00 0000 0000 0000")), "mobility: BRR");
  assert.equal(
    message(ipv6(135, "3b01 0100 0000 0000 0102 0304 0506 0708"), 1),
    "mobility: HoTI Home Init Cookie=01020304:05060708",
  );
  assert.equal(
    message(ipv6(135, "3b01 0200 0000 0000 0102 0304 0506 0708")),
    "mobility: CoTI",
  );
  assert.equal(
    message(ipv6(135, HOT), 1),
    "mobility: HoT nonce id=0x90a Home Init Cookie=0b0c0d0e:0f1004d2 " +
      "Home Keygen Token=11121314:15161718",
  );
  assert.equal(message(ipv6(135, BU), 1), "mobility: BU seq#=1000 A lifetime=14400(padn)");
  assert.equal(message(ipv6(135, BU)), "mobility: BU seq#=1000 A lifetime=14400");
  assert.equal(
    message(ipv6(135, BA), 1),
    "mobility: BA status=0 K seq#=65535 lifetime=262140(refresh: 7200)",
  );
  assert.equal(message(ipv6(135, BE)), "mobility: BE status=1 homeaddr 2001:db8::abc");
  assert.equal(
    message(ipv6(62, "3b01 0800 0000 0000 0000 0000 0000 0000")),
    "mobility: type-#8 len=1",
  );
});

Deno.test("printMobility() prints every option, and those without room", () => {
  const options = (hex: string) => message(ipv6(135, `3b01 0000 0000 0000 ${hex} ee`), 1);
  assert.equal(
    options("0002 0207 083c 0000"),
    "mobility: BRR(pad1)(refresh: 7200)(type-0x3c: len=0)(pad1)",
  );
  assert.equal(options("0104 0000 0000 0200"), "mobility: BRR(padn)(refresh: trunc) [|mobility]");
  assert.equal(options("0102 0000 0302 0000"), "mobility: BRR(padn)(altcoa: trunc) [|mobility]");
  assert.equal(options("0102 0000 0402 0000"), "mobility: BRR(padn)(ni: trunc) [|mobility]");
  assert.equal(options("0506 0000 0000 0000"), "mobility: BRR(auth: trunc) [|mobility]");
  // An option past the header's end, a type at its last byte.
  assert.equal(options("0107 0000 0000 0000"), "mobility: BRR [|mobility]");
  assert.equal(options("0105 0000 0000 0001"), "mobility: BRR(padn) [|mobility]");
  const altcoa = `0310 ${DST} 0100 ee`;
  assert.equal(
    message(ipv6(135, `3b03 0500 0000 0001 8000 0001 ${altcoa}`), 1),
    "mobility: BU seq#=1 A lifetime=4(alt-CoA: 2001:db8::2)(padn)",
  );
  assert.equal(
    message(ipv6(135, "3b02 0600 0000 0000 0001 0001 050a 0001 0203 0405 0607 0809 ee"), 1),
    "mobility: BA status=0 seq#=1 lifetime=4(auth)",
  );
});

Deno.test("printMobility() says when the header is too small for its type", () => {
  assert.equal(
    message(ipv6(135, "3b00 0500 0000 0000 0000 0000 0000 0000")),
    "(header length 8 is too small for type 5) [|mobility]",
  );
  assert.equal(
    message(ipv6(135, BE.replace("3b02", "3b01"))),
    "(header length 16 is too small for type 7) [|mobility]",
  );
});

Deno.test("printMobility() stops where the capture or the IP packet ends", () => {
  const frame = ipv6(135, BU);
  assert.equal(message(frame.subarray(0, 40), 0, frame.length), " [|mobility]");
  assert.equal(message(frame.subarray(0, 41), 0, frame.length), " [|mobility]");
  assert.equal(message(frame.subarray(0, 42), 0, frame.length), " [|mobility]");
  assert.equal(message(frame.subarray(0, 47), 0, frame.length), "mobility: BU [|mobility]");
  assert.equal(
    message(frame.subarray(0, 49), 0, frame.length),
    "mobility: BU seq#=1000 [|mobility]",
  );
  assert.equal(
    message(frame.subarray(0, 51), 0, frame.length),
    "mobility: BU seq#=1000 A [|mobility]",
  );
  assert.equal(
    message(frame.subarray(0, 56), 1, frame.length),
    "mobility: BU seq#=1000 A lifetime=14400 [|mobility]",
  );
  // The payload length ends the header before the capture does.
  assert.equal(
    message(ipv6(135, HOT, 15), 1),
    "mobility: HoT nonce id=0x90a [|mobility]",
  );
  assert.match(print(ipv6(135, HOT, 15), 1), /^truncated-ip6|^IP6 \(hlim 64/);
});

Deno.test("printMobility() follows IPv6 extension headers; AH and IPv4 leave it unread", () => {
  assert.equal(
    message(ipv6(60, `8700 0104 0000 0000 ${BU}`), 1),
    "DSTOPT (padn) mobility: BU seq#=1000 A lifetime=14400(padn)",
  );
  assert.equal(
    message(ipv6(51, `8704 0000 0000 1001 0000 0001 ${"00".repeat(12)} ${BU}`)),
    "AH(spi=0x00001001,seq=0x1,icv=0x000000000000000000000000):  ip-proto-135 17",
  );
  const ipv4 = decodeHex("4500 0024 0001 0000 4087 0000 0a00 0001 0a00 0002");
  assert.equal(
    print(concatBytes(ipv4, decodeHex(BU))),
    "IP 10.0.0.1 > 10.0.0.2:  ip-proto-135 16",
  );
});
