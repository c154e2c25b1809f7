import assert from "node:assert/strict";
import { printFrame } from "./_print_layer.ts";
import { decode } from "../lib/decode.ts";
import { DecodeError } from "../lib/errors.ts";
import { LinkType } from "../lib/link_type.ts";
import { decodeEctp, Ectp, ectpDecoder } from "../lib/link/ectp.ts";
import { decodeHex as hex } from "../lib/_hex.ts";

// tcpdump's tests/loopback.pcap, packet 2, `tcpdump -xx`: Loopback, skipCount 8, Reply,
// receipt number 1, data (40 octets)
const REPLY_FRAME = hex(`
  aa00 0400 1d04 aa00 0400 6904 9000 0800
  0200 aa00 0400 1d04 0100 0100 5555 5555
  5555 5555 5555 5555 5555 5555 5555 5555
  5555 5555 5555 5555 5555 5555 5555 5555
  5555 5555`);

function print(frame: Uint8Array, link = false): string {
  return printFrame(LinkType.EN10MB, frame, { link });
}

Deno.test("decodeEctp() reads the skip count and the message it points at", () => {
  const ectp = decodeEctp(REPLY_FRAME, 14);
  assert.ok(ectp instanceof Ectp);
  assert.equal(ectp.skipCount, 8);
  assert.equal(ectp.messageFunction, 1);
  assert.equal(ectp.receiptNumber, 1);
  assert.deepEqual(ectp.toJSON(), { skipCount: 8, function: 1, receiptNumber: 1 });
  assert.equal(ectpDecoder.create().kind, "ectp");
  assert.equal(decode(LinkType.EN10MB, REPLY_FRAME).layers[1]?.kind, "ectp");
});

Deno.test("decodeEctp() rejects a truncated packet", () => {
  assert.throws(() => decodeEctp(REPLY_FRAME.subarray(14, 15)), DecodeError);
});

Deno.test("printEctp() prints a loopback reply as tcpdump does", () => {
  assert.equal(
    print(REPLY_FRAME),
    "Loopback, skipCount 8, Reply, receipt number 1, data (40 octets)",
  );
  assert.equal(
    print(REPLY_FRAME, true),
    "aa:00:04:00:69:04 > aa:00:04:00:1d:04, ethertype Loopback (0x9000), length 68: " +
      "Loopback, skipCount 8, Reply, receipt number 1, data (40 octets)",
  );
  const bogus = REPLY_FRAME.slice();
  bogus[14] = 100;
  assert.equal(print(bogus), "Loopback, skipCount 100 (bogus) (invalid)");
});
