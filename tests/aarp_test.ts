import assert from "node:assert/strict";
import { printFrame } from "./_print_layer.ts";
import { decode } from "../lib/decode.ts";
import { LinkType } from "../lib/link_type.ts";
import { Aarp, aarpDecoder, decodeAarp } from "../lib/link/aarp.ts";

/** An AARP packet: Ethernet and AppleTalk types and lengths unless given. */
function aarp(operation: number, fields: { htype?: number; ptype?: number } = {}): number[] {
  const { htype = 1, ptype = 0x809b } = fields;
  return [
    ...[htype >> 8, htype & 0xff, ptype >> 8, ptype & 0xff, 6, 4, 0, operation],
    ...[8, 0, 7, 0x12, 0x34, 0x56, 0, 0x12, 0x34, 9],
    ...[0, 0, 0, 0, 0, 0, 0, 0xff, 0, 200],
  ];
}

/** An Ethernet frame of EtherType 0x80f3 holding `payload`. */
function frame(payload: number[]): Uint8Array {
  return new Uint8Array([
    ...[9, 0, 7, 0xff, 0xff, 0xff, 8, 0, 7, 0x12, 0x34, 0x56, 0x80, 0xf3],
    ...payload,
  ]);
}

Deno.test("decodeAarp() reads the types, the operation and the addresses", () => {
  const layer = decodeAarp(new Uint8Array(aarp(2)));
  assert.ok(layer instanceof Aarp);
  assert.deepEqual(layer.toJSON(), {
    hardwareType: 1,
    protocolType: 0x809b,
    hardwareLength: 6,
    protocolLength: 4,
    operation: 2,
    senderProtocolAddress: { net: 0x1234, node: 9 },
    targetProtocolAddress: { net: 0xff00, node: 200 },
  });
  assert.equal(layer.senderHardwareAt, 8);
  assert.equal(aarpDecoder.create().kind, "aarp");
  assert.deepEqual(decode(LinkType.EN10MB, frame(aarp(1))).layers.map((l) => l.kind), [
    "ethernet",
    "aarp",
  ]);
});

Deno.test("decodeAarp() rejects a truncated packet, which decode() keeps as partial", () => {
  assert.throws(() => decodeAarp(new Uint8Array(27)), {
    message: "Cannot decode AARP header: 28 bytes required, received 27",
  });
  const packet = decode(LinkType.EN10MB, frame(aarp(1).slice(0, 10)));
  assert.deepEqual(packet.layers.at(-1)?.toJSON(), { partial: true });
});

Deno.test("printAarp() prints requests, responses and probes as tcpdump does", () => {
  const print = (payload: number[]) => printFrame(LinkType.EN10MB, frame(payload));
  assert.equal(print(aarp(1)), "aarp who-has 65280.200 tell 4660.9");
  assert.equal(print(aarp(2)), "aarp reply 4660.9 is-at 08:00:07:12:34:56");
  assert.equal(print(aarp(3)), "aarp probe 65280.200 tell 4660.9");
  const broadcast = aarp(1);
  broadcast[27] = 255;
  assert.equal(print(broadcast), "aarp who-has 65280 tell 4660.9");
});

Deno.test("printAarp() prints other operations and types as their numbers", () => {
  const print = (payload: number[]) => printFrame(LinkType.EN10MB, frame(payload));
  assert.equal(print(aarp(4)), "aarp len 28 op 4 htype 1 ptype 0x809b halen 6 palen 4");
  assert.equal(print(aarp(2, { ptype: 0 })), "aarp len 28 op 2 htype 1 ptype 0 halen 6 palen 4");
  assert.equal(
    print([...aarp(1, { htype: 6 }), ...new Array(18).fill(0)]),
    "aarp len 46 op 1 htype 6 ptype 0x809b halen 6 palen 4",
  );
});

Deno.test("printAarp() marks a packet not captured whole [|aarp] and dumps on", () => {
  const whole = frame(aarp(1));
  const cut = whole.subarray(0, 16);
  assert.equal(printFrame(LinkType.EN10MB, cut, {}, whole.length), "aarp  [|aarp]");
  assert.equal(
    printFrame(LinkType.EN10MB, cut, { hex: 1, ascii: true }, whole.length),
    "aarp  [|aarp]\n\t0x0000:  0001                                     ..",
  );
});
