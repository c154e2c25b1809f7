import assert from "node:assert/strict";
import { printFrame } from "./_print_layer.ts";
import { decode } from "../lib/decode.ts";
import { DecodeError } from "../lib/errors.ts";
import { LinkType } from "../lib/link_type.ts";
import { decodeDtp, Dtp, dtpDecoder } from "../lib/link/dtp.ts";
import { decodeHex as hex } from "../lib/_hex.ts";

// From tcpdump's tests/DTP.pcap; `tcpdump -xx`: DTPv1, length 29
const DTP = hex(`
  0100 0ccc cccc 0019 06ea b885 0025 aaaa
  0300 000c 2004 0100 0100 084c 6162 0000
  0200 0504 0003 0005 4000 0400 0a00 1906
  eab8 8500 0000 0000 0000 0000`);

function print(frame: Uint8Array, verbose = 0): string {
  return printFrame(LinkType.EN10MB, frame, { verbose });
}

Deno.test("decodeDtp() reads the version and walks the TLVs", () => {
  const dtp = decodeDtp(DTP, 22);
  assert.ok(dtp instanceof Dtp);
  assert.equal(dtp.version, 1);
  assert.deepEqual(dtp.tlvList(28).tlvs.map((t) => [t.type, t.length]), [
    [1, 8],
    [2, 5],
    [3, 5],
    [4, 10],
  ]);
  assert.equal(dtpDecoder.create().kind, "dtp");
});

Deno.test("decodeDtp() rejects an empty message and stops at a short TLV", () => {
  assert.throws(() => decodeDtp(DTP.subarray(22, 22)), DecodeError);
  assert.deepEqual(decodeDtp(DTP.subarray(22, 25)).tlvList(), {
    tlvs: [],
    stop: "short",
    remaining: 2,
  });
});

Deno.test("printDtp() prints the TLVs as tcpdump does", () => {
  assert.deepEqual(decode(LinkType.EN10MB, DTP).layers.map((l) => l.kind), [
    "ethernet",
    "llc",
    "dtp",
  ]);
  assert.equal(print(DTP), "DTPv1, length 29");
  assert.equal(
    print(DTP, 1),
    "DTPv1, length 29\n" +
      "\tDomain (0x0001) TLV, length 8, Lab\n" +
      "\tStatus (0x0002) TLV, length 5, 0x4\n" +
      "\tDTP type (0x0003) TLV, length 5, 0x40\n" +
      "\tNeighbor (0x0004) TLV, length 10, 00:19:06:ea:b8:85",
  );
});
