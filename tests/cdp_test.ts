import assert from "node:assert/strict";
import { printFrame } from "./_print_layer.ts";
import { decode } from "../lib/decode.ts";
import { DecodeError } from "../lib/errors.ts";
import { LinkType } from "../lib/link_type.ts";
import { Cdp, cdpDecoder, decodeCdp } from "../lib/link/cdp.ts";
import { decodeHex as hex } from "../lib/_hex.ts";

// Written for this test; `tcpdump -xx`: CDPv2, ttl: 180s, Device-ID 'R1' (with an
// Address, a Capability and a Duplex TLV), length 40
const CDP_FRAME = hex(`
  0100 0ccc cccc 0013 c3df ae18 0030 aaaa
  0300 000c 2000 02b4 b0bd 0001 0006 5231
  0002 0011 0000 0001 0101 cc00 040a 760a
  0100 0400 0800 0000 2900 0b00 0501`);

function print(frame: Uint8Array, verbose = 0): string {
  return printFrame(LinkType.EN10MB, frame, { verbose });
}

Deno.test("decodeCdp() reads the header and walks the TLVs", () => {
  const cdp = decodeCdp(CDP_FRAME, 22);
  assert.ok(cdp instanceof Cdp);
  assert.equal(cdp.version, 2);
  assert.equal(cdp.ttl, 180);
  assert.equal(cdp.checksum, 0xb0bd);
  assert.deepEqual(cdp.tlvs.map((t) => [t.type, t.valueLength]), [[1, 2], [2, 13], [4, 4], [
    0x0b,
    1,
  ]]);
  const list = cdp.addresses(cdp.tlvs[1]!);
  assert.equal(list.addresses.length, 1);
  assert.equal(list.addresses[0]?.family, 4);
  assert.equal(list.stray, 0);
  assert.equal(cdpDecoder.create().kind, "cdp");
});

Deno.test("decodeCdp() rejects a truncated header and marks a malformed TLV", () => {
  assert.throws(() => decodeCdp(CDP_FRAME.subarray(22, 25)), DecodeError);
  const bad = CDP_FRAME.slice();
  bad[29] = 2; // the Device-ID TLV's length below its header
  assert.equal(decodeCdp(bad, 22).tlvs[0]?.problem, "too-short");
});

Deno.test("decode() reads CDP after LLC/SNAP with Cisco's OUI", () => {
  const packet = decode(LinkType.EN10MB, CDP_FRAME);
  assert.deepEqual(packet.layers.map((l) => l.kind), ["ethernet", "llc", "cdp"]);
});

Deno.test("printCdp() prints the Device-ID and the other TLVs' bytes as tcpdump does", () => {
  assert.equal(
    print(CDP_FRAME),
    "CDPv2, ttl: 180s, Device-ID 'R1'\n" +
      "\t  0x0000:  0000 0001 0101 cc00 040a 760a 01\n" +
      "\t  0x0000:  0000 0029\n" +
      "\t  0x0000:  01, length 40",
  );
  assert.equal(
    print(CDP_FRAME, 1),
    "CDPv2, ttl: 180s, checksum: 0xb0bd (unverified), length 40\n" +
      "\tDevice-ID (0x01), value length: 2 bytes: 'R1'\n" +
      "\tAddress (0x02), value length: 13 bytes: IPv4 (1) 10.118.10.1\n" +
      "\tCapability (0x04), value length: 4 bytes: (0x00000029): Router, L2 Switch, IGMP snooping\n" +
      "\tDuplex (0x0b), value length: 1 byte: full",
  );
});
