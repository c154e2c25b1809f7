import assert from "node:assert/strict";
import { decode } from "../lib/decode.ts";
import { DecodeError } from "../lib/errors.ts";
import { LinkType } from "../lib/link_type.ts";
import { decodeLdp, Ldp, ldpDecoder } from "../lib/app/ldp.ts";
import { TcpdumpPrinter } from "../lib/print/mod.ts";
import { decodeHex as hex } from "../lib/_hex.ts";

// ndpi/ldp.pcap packet 1 (a Hello); `tcpdump -xx`:
// IP 10.0.0.2.646 > 224.0.0.2.646: LDP, Label-Space-ID: 10.0.0.6:0, pdu-length: 30
const HELLO = hex(`
  0100 5e00 0002 c205 634d 0000 0800 45c0
  003e 0000 0000 0111 ceeb 0a00 0002 e000
  0002 0286 0286 002a f332 0001 001e 0a00
  0006 0000 0100 0014 0000 0000 0400 0004
  000f 0000 0401 0004 0a00 0006`);

function print(frame: Uint8Array, verbose = 0, originalLength = frame.length): string {
  return new TcpdumpPrinter({ timestamps: "none", verbose }).format(
    decode(LinkType.EN10MB, frame),
    { seconds: 0, nanoseconds: 0, originalLength },
  );
}

Deno.test("decodeLdp() reads the common header, messages and TLVs", () => {
  const packet = decode(LinkType.EN10MB, HELLO);
  const ldp = packet.layers.at(-1);
  assert.ok(ldp instanceof Ldp);
  assert.equal(ldp.version, 1);
  assert.equal(ldp.pduLength, 30);
  assert.equal(ldp.lsrId, "10.0.0.6");
  assert.equal(ldp.labelSpace, 0);
  assert.deepEqual(ldp.messageAt(ldp.offset + 10), {
    offset: ldp.offset + 10,
    type: 0x0100,
    unknownBit: false,
    length: 20,
    id: 0,
  });
  assert.equal(ldp.tlvAt(ldp.offset + 18)?.type, 0x0400);
  assert.equal(ldpDecoder.create().kind, "ldp");
});

Deno.test("decodeLdp() rejects a truncated header", () => {
  assert.throws(() => decodeLdp(new Uint8Array(9)), DecodeError);
});

Deno.test("printLdp() prints a Hello as tcpdump does", () => {
  assert.equal(
    print(HELLO),
    "IP 10.0.0.2.646 > 224.0.0.2.646: LDP, Label-Space-ID: 10.0.0.6:0, pdu-length: 30",
  );
  assert.equal(
    print(HELLO, 1),
    [
      "IP (tos 0xc0, ttl 1, id 0, offset 0, flags [none], proto UDP (17), length 62)",
      "    10.0.0.2.646 > 224.0.0.2.646: ",
      "\tLDP, Label-Space-ID: 10.0.0.6:0, pdu-length: 30",
      "\t  Hello Message (0x0100), length: 20, Message ID: 0x00000000, Flags: [ignore if unknown]",
      "\t    Common Hello Parameters TLV (0x0400), length: 4, Flags: [ignore and don't forward if unknown]",
      "\t      Hold Time: 15s, Flags: [Link Hello]",
      "\t    IPv4 Transport Address TLV (0x0401), length: 4, Flags: [ignore and don't forward if unknown]",
      "\t      IPv4 Transport Address: 10.0.0.6",
    ].join("\n"),
  );
});

Deno.test("printLdp() marks a message cut by the capture as tcpdump does", () => {
  assert.equal(
    print(HELLO.subarray(0, 0x44), 1, HELLO.length).split("\n").at(-1),
    "\t  Hello Message (0x0100), length: 20, Message ID: 0x00000000, Flags: [ignore if unknown] [|ldp]",
  );
});
