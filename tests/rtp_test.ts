import assert from "node:assert/strict";
import { decodeInto, printLayer } from "./_print_layer.ts";
import { decodeRtp, Rtp, rtpDecoder } from "../lib/app/rtp.ts";
import { defaultRegistry } from "../lib/registry.ts";

/** A version 2 header: flags, payload type, sequence, timestamp, SSRC, then `rest`. */
function rtp2(flags: number, type: number, rest: number[] = []): Uint8Array {
  return new Uint8Array([flags, type, 0, 7, 0, 0, 1, 0, 0, 0, 0, 9, ...rest]);
}

const print = (bytes: Uint8Array, verbose = 0) => printLayer(decodeRtp(bytes), verbose);

Deno.test("decodeRtp() reads a version 2 header", () => {
  const layer = decodeRtp(rtp2(0x90, 0x88));
  assert.ok(layer instanceof Rtp);
  assert.deepEqual(
    [layer.version, layer.payloadType, layer.marker, layer.sequence, layer.hasExtension],
    [2, 8, true, 7, true],
  );
  assert.deepEqual([layer.word(1), layer.word(2), layer.word(3)], [256, 9, undefined]);
  assert.equal(layer.headerWords, 3);
});

Deno.test("decodeRtp() reads a version 1 header with its 6-bit type and options bit", () => {
  const layer = decodeRtp(new Uint8Array([0x40, 0xdf, 0, 4, 0, 0, 0, 7]));
  assert.deepEqual(
    [layer.version, layer.payloadType, layer.marker, layer.hasOptions, layer.headerWords],
    [1, 0x1f, true, true, 2],
  );
});

Deno.test("decodeRtp() rejects an empty payload", () => {
  assert.throws(() => decodeRtp(new Uint8Array(0)), /1 bytes required, received 0/);
  assert.equal(rtpDecoder.create().kind, "rtp");
  // No port: RTP is decoded only as -T rtp says.
  assert.deepEqual(rtpDecoder.bindings, {});
  assert.equal([...defaultRegistry.udpPorts.values()].includes(rtpDecoder), false);
});

Deno.test("Rtp.trailer() walks the options and the extension as rtp_print() does", () => {
  const option = (last: boolean, words: number) => [last ? 0x80 : 0, words, 0, 0];
  const v1 = (rest: number[]) => decodeRtp(new Uint8Array([0x40, 0x9f, 0, 1, 0, 0, 0, 2, ...rest]));
  assert.deepEqual(v1([...option(false, 1), ...option(true, 1), 0xab, 0xcd, 0, 0]).trailer(), {
    status: "ok",
    h261: 0xabcd,
  });
  assert.equal(v1(option(true, 0)).trailer().status, "bad-option");
  assert.equal(v1(option(true, 2)).trailer().status, "bad-option");
  assert.equal(v1(option(false, 1)).trailer().status, "cut");
  const extension = (words: number, rest: number[] = []) =>
    decodeRtp(rtp2(0x90, 0, [0xbe, 0xde, 0, words, ...rest]));
  assert.deepEqual(extension(0).trailer(), { status: "ok", h261: undefined });
  assert.equal(extension(1).trailer().status, "bad-extension");
});

Deno.test("printRtp() prints as tcpdump's rtp_print()", () => {
  assert.equal(print(rtp2(0x80, 0x88)), "udp/rtp 0 c8 * 7 256");
  assert.equal(
    print(rtp2(0x90, 0x1f, [0, 0, 0, 0, 0x12, 0x34, 0, 0]), 1),
    "udp/rtp 8 c31 + 7 256 9 0x1234",
  );
  assert.equal(print(rtp2(0x90, 0, [0, 0, 0, 5]), 1), "udp/rtp 4 c0 + 7 256 9 !ext");
  assert.equal(
    print(new Uint8Array([0x40, 0x80, 0, 1, 0, 0, 0, 2, 0, 0, 0, 0]), 1),
    "udp/rtpv1 4 c0 + 1 2 0 !opt",
  );
  assert.equal(print(new Uint8Array([0x80, 0, 0, 1, 0, 0, 0, 2, 0, 0])), "udp/rtp, length 10 < 12");
  assert.equal(print(new Uint8Array([0x80, 0, 0, 1])), "udp/rtp, length 4 < 8");
});

Deno.test("printRtp() ends a header the capture cut with [|rtp]", () => {
  const { layer } = decodeInto(rtpDecoder.create(), rtp2(0x80, 0x1f));
  assert.equal(printLayer(layer, 1), "udp/rtp 0 c31  7 256 9 [|rtp]");
});
