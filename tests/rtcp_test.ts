import assert from "node:assert/strict";
import { printLayer } from "./_print_layer.ts";
import { decodeRtcp, Rtcp, rtcpDecoder, RtcpType } from "../lib/app/rtcp.ts";

const header = (count: number, type: number, words: number, ssrc: number) => [
  0x80 | count,
  type,
  0,
  words,
  0,
  0,
  0,
  ssrc,
];
const block = [
  0,
  0,
  0x10,
  0,
  0xff,
  0,
  0,
  3,
  0,
  1,
  0,
  0,
  0,
  0,
  0,
  40,
  0x12,
  0x34,
  0x80,
  0,
  0,
  2,
  0x40,
  0,
];
const SR = [
  ...header(1, 200, 12, 7),
  0,
  0,
  0,
  1,
  0x20,
  0,
  0,
  0,
  0,
  0,
  6,
  0x40,
  0,
  0,
  0,
  100,
  0,
  0,
  0x3e,
  0x80,
  ...block,
];
const BYE = header(1, 203, 1, 9);

const print = (bytes: number[], verbose = 0) =>
  printLayer(decodeRtcp(new Uint8Array(bytes)), verbose);

Deno.test("decodeRtcp() reads every packet of a datagram", () => {
  const layer = decodeRtcp(new Uint8Array([...SR, ...BYE]));
  assert.ok(layer instanceof Rtcp);
  const packets = [...layer.packets()];
  assert.deepEqual(packets.map((p) => [p.type, p.count, p.length, p.ssrc]), [
    [RtcpType.SR, 1, 52, 7],
    [RtcpType.BYE, 1, 8, 9],
  ]);
  assert.deepEqual(packets[0]!.senderInfo(), {
    ntpSeconds: 1,
    ntpFraction: 0x20000000,
    rtpTimestamp: 1600,
    packets: 100,
    octets: 16000,
  });
  assert.deepEqual(packets[0]!.report(0), {
    source: 0x1000,
    lost: 3,
    lastSequence: 0x10000,
    jitter: 40,
    lastReport: 0x12348000,
    delay: 0x24000,
  });
  assert.equal(packets[0]!.report(1), undefined);
});

Deno.test("decodeRtcp() rejects an empty datagram and keeps a cut packet", () => {
  assert.throws(() => decodeRtcp(new Uint8Array(0)), /1 bytes required, received 0/);
  const [cut] = decodeRtcp(new Uint8Array(SR.slice(0, 7))).packets();
  assert.equal(cut!.captured, false);
  assert.equal(rtcpDecoder.create().kind, "rtcp");
  assert.deepEqual(rtcpDecoder.bindings, {});
});

Deno.test("printRtcp() prints as tcpdump's rtcp_print()", () => {
  assert.equal(
    print([...SR, ...BYE]),
    " sr @1.12 1600 100p 16000b 3l 65536s 40j @4660.50+2.25 bye 8",
  );
  assert.equal(
    print([...SR, ...BYE], 1),
    " sr 7 @1.12 1600 100p 16000b 4096 3l 65536s 40j @4660.50+2.25 bye 8 9",
  );
  // rtcp_print() prints the first report block for each one the count says.
  assert.equal(
    print([...header(2, 201, 13, 5), ...block, ...block.map((b) => b ^ 1)]),
    " rr c2 3l 65536s 40j @4660.50+2.25 3l 65536s 40j @4660.50+2.25",
  );
  assert.equal(print(header(0, 201, 3, 5)), " rr [16]");
  assert.equal(
    print([...header(3, 204, 1, 5), ...header(0, 202, 1, 5)], 1),
    " type-0xcc 8 sdes 8 5",
  );
});

Deno.test("printRtcp() ends a packet the capture cut with [|rtcp]", () => {
  assert.equal(print(SR.slice(0, 20)), " sr [|rtcp]");
  assert.equal(print(SR.slice(0, 40)), " sr @1.12 1600 100p 16000b [|rtcp]");
  assert.equal(print([...BYE, 0x81]), " bye 8 [|rtcp]");
});
