import assert from "node:assert/strict";
import { printFrame } from "./_print_layer.ts";
import { DecodeError } from "../lib/errors.ts";
import { LinkType } from "../lib/link_type.ts";
import { decodeUdld, Udld, udldDecoder } from "../lib/link/udld.ts";
import { decodeHex as hex } from "../lib/_hex.ts";

// From tcpdump's tests/UDLD.pcap; `tcpdump -xx`:
// UDLDv1, Code Probe message (1), Flags [RT, RSY] (0x03), length 60
const UDLD = hex(`
  0100 0ccc cccc 0019 06ea b881 0044 aaaa
  0300 000c 0111 2103 6d85 0001 000f 464f
  4331 3033 315a 374a 4700 0200 0947 6930
  2f31 0003 0008 0000 0000 0004 0005 0700
  0500 0505 0006 0006 5331 0007 0008 0000
  0001`);

function print(frame: Uint8Array, verbose = 0): string {
  return printFrame(LinkType.EN10MB, frame, { verbose });
}

Deno.test("decodeUdld() reads the header and walks the TLVs", () => {
  const udld = decodeUdld(UDLD, 22);
  assert.ok(udld instanceof Udld);
  assert.deepEqual([udld.version, udld.opcode, udld.flags, udld.checksum], [1, 1, 3, 0x6d85]);
  assert.deepEqual(udld.tlvList().tlvs.map((t) => [t.type, t.length]), [
    [1, 15],
    [2, 9],
    [3, 8],
    [4, 5],
    [5, 5],
    [6, 6],
    [7, 8],
  ]);
  assert.equal(udldDecoder.create().kind, "udld");
});

Deno.test("decodeUdld() rejects a truncated header", () => {
  assert.throws(() => decodeUdld(UDLD.subarray(22, 24)), DecodeError);
});

Deno.test("printUdld() prints the header and TLVs as tcpdump does", () => {
  assert.equal(print(UDLD), "UDLDv1, Code Probe message (1), Flags [RT, RSY] (0x03), length 60");
  assert.equal(
    print(UDLD, 1),
    "UDLDv1, Code Probe message (1), Flags [RT, RSY] (0x03), length 60\n" +
      "\tChecksum 0x6d85 (unverified)\n" +
      "\tDevice-ID TLV (0x0001) TLV, length 15, FOC1031Z7JG\n" +
      "\tPort-ID TLV (0x0002) TLV, length 9, Gi0/1\n" +
      "\tEcho TLV (0x0003) TLV, length 8, ^@^@^@^@\n" +
      "\tMessage Interval TLV (0x0004) TLV, length 5, 7s\n" +
      "\tTimeout Interval TLV (0x0005) TLV, length 5, 5s\n" +
      "\tDevice Name TLV (0x0006) TLV, length 6, S1\n" +
      "\tSequence Number TLV (0x0007) TLV, length 8, 1",
  );
});
