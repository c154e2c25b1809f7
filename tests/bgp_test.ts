import assert from "node:assert/strict";
import { decode } from "../lib/decode.ts";
import { DecodeError } from "../lib/errors.ts";
import { LinkType } from "../lib/link_type.ts";
import { Bgp, bgpDecoder, decodeBgp } from "../lib/app/bgp.ts";
import { TcpdumpPrinter } from "../lib/print/mod.ts";
import { decodeHex as hex } from "../lib/_hex.ts";

// Written for this test: one segment with an OPEN (multiprotocol, 4-byte AS and Cisco
// route refresh capabilities), a KEEPALIVE and a NOTIFICATION (Cease, administrative
// shutdown, "bye!!"); `tcpdump -xx`.
const SEGMENT = hex(`
  0200 0000 0002 0200 0000 0001 0800 4500
  0087 0001 0000 4006 666e 0a00 0001 0a00
  0002 9c40 00b3 0000 03e8 0000 07d0 5018
  0400 ceba 0000 ffff ffff ffff ffff ffff
  ffff ffff ffff 0031 0104 fde9 005a 0a00
  0001 1402 0601 0400 0100 0102 0641 0400
  00fd e802 0280 00ff ffff ffff ffff ffff
  ffff ffff ffff ff00 1304 ffff ffff ffff
  ffff ffff ffff ffff ffff 001b 0306 0205
  6279 6521 21`);

function print(frame: Uint8Array, verbose = 0, originalLength = frame.length): string {
  return new TcpdumpPrinter({ timestamps: "none", verbose }).format(
    decode(LinkType.EN10MB, frame),
    { seconds: 0, nanoseconds: 0, originalLength },
  );
}

Deno.test("decodeBgp() finds the messages by their markers", () => {
  const bgp = decode(LinkType.EN10MB, SEGMENT).layers.at(-1);
  assert.ok(bgp instanceof Bgp);
  assert.deepEqual(bgp.messages.map((m) => [m.type, m.length, m.complete]), [
    [1, 49, true],
    [4, 19, true],
    [3, 27, true],
  ]);
  assert.equal(bgpDecoder.create().kind, "bgp");
});

Deno.test("decodeBgp() rejects an empty segment", () => {
  assert.throws(() => decodeBgp(new Uint8Array(0)), DecodeError);
});

Deno.test("printBgp() prints OPEN, KEEPALIVE and NOTIFICATION as tcpdump does", () => {
  assert.equal(
    print(SEGMENT),
    "IP 10.0.0.1.40000 > 10.0.0.2.179: Flags [P.], seq 1000:1095, ack 2000, win 1024, length 95: BGP",
  );
  assert.equal(
    print(SEGMENT, 1),
    [
      "IP (tos 0x0, ttl 64, id 1, offset 0, flags [none], proto TCP (6), length 135)",
      "    10.0.0.1.40000 > 10.0.0.2.179: Flags [P.], cksum 0xceba (correct), seq 1000:1095, ack 2000, win 1024, length 95: BGP",
      "\tOpen Message (1), length: 49",
      "\t  Version 4, my AS 65001, Holdtime 90s, ID 10.0.0.1",
      "\t  Optional parameters, length: 20",
      "\t    Option Capabilities Advertisement (2), length: 6",
      "\t      Multiprotocol Extensions (1), length: 4",
      "\t\tAFI IPv4 (1), SAFI Unicast (1)",
      "\t    Option Capabilities Advertisement (2), length: 6",
      "\t      32-Bit AS Number (65), length: 4",
      "\t\t 4 Byte AS 65000",
      "\t    Option Capabilities Advertisement (2), length: 2",
      "\t      Route Refresh (Cisco) (128), length: 0",
      "\tKeepalive Message (4), length: 19",
      '\tNotification Message (3), length: 27, Cease (6), subcode Administrative Shutdown (2), Shutdown Communication (length: 5): "bye!!"',
    ].join("\n"),
  );
});

Deno.test("printBgp() marks a message cut by the capture as tcpdump does", () => {
  assert.match(
    print(SEGMENT.subarray(0, 100), 1, SEGMENT.length),
    /length 95: BGP\n\[\|BGP Open\]$/,
  );
});
