import assert from "node:assert/strict";
import { printLayer } from "./_print_layer.ts";
import { decode } from "../lib/decode.ts";
import { LinkType } from "../lib/link_type.ts";
import { defaultRegistry } from "../lib/registry.ts";
import { DecodeError } from "../lib/errors.ts";
import { packetTypeRegistry } from "../lib/pipeline/_packet_type_registry.ts";
import { packetTypeBinding } from "../lib/print/packet_type.ts";
import { PrintContext } from "../lib/print/context.ts";
import { printZmtp1Datagram } from "../lib/print/app/zmtp1.ts";
import { decodeZmtp1, decodeZmtp1Datagram, Zmtp1, zmtp1Decoder } from "../lib/app/zmtp1.ts";
import { buildEthernet, buildIpv4, buildTcp } from "../lib/craft/mod.ts";

/** A frame of an 8-bit length: flags, then the body. */
const short = (flags: number, body: number[] = []) => [1 + body.length, flags, ...body];

/** A frame of 0xff and a 64-bit length (given as two 32-bit halves). */
const long = (high: number, low: number, rest: number[] = []) => [
  0xff,
  high >>> 24,
  (high >>> 16) & 0xff,
  (high >>> 8) & 0xff,
  high & 0xff,
  low >>> 24,
  (low >>> 16) & 0xff,
  (low >>> 8) & 0xff,
  low & 0xff,
  ...rest,
];

const bytes = (...parts: number[][]) => new Uint8Array(parts.flat());
const print = (data: Uint8Array, verbose = 0) => printLayer(decodeZmtp1(data), verbose);

Deno.test("decodeZmtp1() reads frames of both length forms one at a time", () => {
  const zmtp = decodeZmtp1(bytes(short(1), short(0, [0x41, 0x42]), long(0, 2, [1, 0x43])));
  assert.ok(zmtp instanceof Zmtp1);
  assert.equal(zmtp.datagram, false);
  assert.equal(zmtp.framesEnd, 17);
  const first = zmtp.frameAt(0, 129);
  assert.deepEqual([first.headerLength, first.length, first.flags, first.next], [1, 1, 1, 2]);
  const second = zmtp.frameAt(2, 129);
  assert.deepEqual([second.length, second.flags, second.bodyShown, second.next], [3, 0, 2, 6]);
  const third = zmtp.frameAt(6, 129);
  assert.deepEqual([third.headerLength, third.lengthText, third.flags, third.next], [
    9,
    "2",
    1,
    17,
  ]);
  assert.equal(zmtp1Decoder.create().kind, "zmtp1");
});

Deno.test("decodeZmtp1() rejects an empty payload", () => {
  assert.throws(() => decodeZmtp1(new Uint8Array(0)), DecodeError);
});

Deno.test("Zmtp1.frameAt() reads 64-bit lengths exactly and marks what was not captured", () => {
  const huge = decodeZmtp1(bytes(long(0xffffffff, 0xffffffff, [2, 0x78])));
  const frame = huge.frameAt(0, Infinity);
  assert.equal(frame.lengthText, "18446744073709551615");
  assert.equal(frame.shortText, "2");
  assert.equal(frame.next, -1);
  const cut = decodeZmtp1(bytes([0xff, 0, 0])).frameAt(0, 129);
  assert.equal(cut.lengthCaptured, false);
  const noFlags = decodeZmtp1(bytes([5])).frameAt(0, 129);
  assert.deepEqual([noFlags.length, noFlags.flags, noFlags.shortText], [5, -1, ""]);
});

Deno.test("printZmtp1() prints frames as tcpdump's zmtp1_print() does", () => {
  const data = bytes(short(1), short(0, [0x68, 0x69]), [0], long(0, 0));
  assert.equal(
    print(data),
    ": ZMTP/1.0\n\t frame flags+body  (8-bit) length 1, flags 0x01" +
      "\n\t frame flags+body  (8-bit) length 3, flags 0x00" +
      "\n\t frame flags+body  (8-bit) length 0\n\t frame flags+body (64-bit) length 0",
  );
  assert.equal(
    print(bytes(short(0x81, [0x68, 0x69])), 1),
    ": ZMTP/1.0\n\t frame flags+body  (8-bit) length 3, flags 0x81 (MBZ|-|-|-|-|-|-|MORE)" +
      ", first 2 byte(s) of body:\n\t 0x0000:  6869                                     hi",
  );
});

Deno.test("printZmtp1() shows 128 body bytes at -v and all at -vv", () => {
  const body = Array.from({ length: 200 }, (_, i) => i & 0x7f);
  const data = bytes(short(0, body));
  assert.match(print(data, 1), /first 128 byte\(s\) of body:/);
  assert.match(print(data, 2), /first 200 byte\(s\) of body:/);
});

Deno.test("printZmtp1() ends at a frame cut by the segment, as tcpdump's checks do", () => {
  assert.equal(
    print(bytes(short(0, [0x41]), [9, 0])),
    ": ZMTP/1.0\n\t frame flags+body  (8-bit) length 2, flags 0x00" +
      "\n\t frame flags+body  (8-bit) length 9 (1 captured), flags 0x00 [|zmtp1]",
  );
  assert.equal(
    print(bytes([0xff, 0, 0, 0])),
    ": ZMTP/1.0\n\t frame flags+body (64-bit) length [|zmtp1]",
  );
  assert.equal(print(bytes([7])), ": ZMTP/1.0\n\t frame flags+body  (8-bit) length 7 [|zmtp1]");
  // zmtp1-inf-loop-1's length, which wraps a pointer added to it: tcpdump checks it first.
  assert.match(
    print(bytes(long(0xffffffff, 0xfffffff7, [0]))),
    /length 18446744073709551607 \(1 captured\), flags 0x00 \[\|zmtp1\]$/,
  );
});

/** Prints a datagram as -v -T pgm_zmtp1 does after PGM's line. */
function printDatagram(data: Uint8Array, length = data.length, verbose = 1): string {
  const ctx = new PrintContext({ verbose }, new Map(), defaultRegistry);
  ctx.data = data;
  printZmtp1Datagram(ctx, decodeZmtp1Datagram(data, 0, length));
  return ctx.out.text();
}

Deno.test("decodeZmtp1Datagram() reads the frame offset and the intermediate part", () => {
  const datagram = decodeZmtp1Datagram(bytes([0, 2, 0x61, 0x62], short(0)), 0, 6);
  assert.deepEqual([datagram.frameOffset, datagram.intermediateLength, datagram.firstFrame], [
    2,
    2,
    4,
  ]);
  assert.equal(decodeZmtp1Datagram(bytes([0xff, 0xff, 1]), 0, 3).intermediateLength, 1);
  assert.equal(decodeZmtp1Datagram(bytes([0xff, 0xff]), 0, 1).intermediateLength, 0xffffffff);
  assert.equal(decodeZmtp1Datagram(bytes([0, 9]), 0, 2).intermediateLength, -1);
  assert.equal(decodeZmtp1Datagram(bytes([0]), 0, 2).frameOffset, -1);
});

Deno.test("printZmtp1Datagram() prints as tcpdump's zmtp1_datagram_print() does", () => {
  assert.equal(
    printDatagram(bytes([0, 2, 0x61, 0x62], short(1))),
    "\n\t frame offset 0x0002\n\t frame intermediate part, 2 bytes, first 2 byte(s):" +
      "\n\t 0x0000:  6162                                     ab" +
      "\n\t frame flags+body  (8-bit) length 1, flags 0x01 (-|-|-|-|-|-|-|MORE)",
  );
  assert.equal(
    printDatagram(bytes([0, 9, 1]), 3),
    "\n\t frame offset 0x0009 (exceeds datagram declared length) [|zmtp1]",
  );
  assert.equal(
    printDatagram(bytes([0xff, 0xff, 0x61]), 10),
    "\n\t frame offset 0xffff\n\t frame intermediate part, 8 bytes (1 captured)",
  );
  assert.equal(printDatagram(bytes([0])), " [|zmtp1]");
  // A frame header past the datagram's length: tcpdump's captured count wraps.
  assert.match(
    printDatagram(bytes([0, 0], long(0xffffffff, 0xffffffff, [0, 0x78])), 5, 2),
    /length 18446744073709551615 \(18446744073709551610 captured\), flags 0x00 .*, first 18446744073709551609 byte\(s\) of body:/,
  );
});

Deno.test("-T zmtp1 and -T pgm_zmtp1 bind TCP and PGM's data to ZMTP/1.0", () => {
  assert.deepEqual(packetTypeBinding("zmtp1"), { tcp: "zmtp1" });
  assert.deepEqual(packetTypeBinding("pgm_zmtp1"), { udp: "pgm", pgmData: "zmtp1" });
  const addresses = { source: "10.0.0.1", destination: "10.0.0.2" };
  const tcp = buildTcp({
    ...addresses,
    sourcePort: 40000,
    destinationPort: 80,
    flags: 0x18,
    payload: bytes(short(0)),
  });
  const frame = buildEthernet({
    source: "02:00:00:00:00:01",
    destination: "02:00:00:00:00:02",
    etherType: 0x0800,
    payload: buildIpv4({ ...addresses, protocol: 6, payload: tcp }),
  });
  const registry = packetTypeRegistry(defaultRegistry, packetTypeBinding("zmtp1"));
  assert.equal(decode(LinkType.EN10MB, frame, { registry }).layers.at(-1)?.kind, "zmtp1");
  assert.notEqual(decode(LinkType.EN10MB, frame).layers.at(-1)?.kind, "zmtp1");
});
