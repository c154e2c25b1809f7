import assert from "node:assert/strict";
import { printFrame } from "./_print_layer.ts";
import { decodeSctp, sctpDecoder } from "../lib/transport/sctp.ts";
import { DecodeError } from "../lib/errors.ts";
import { decodeHex } from "../lib/_hex.ts";
import { LinkType } from "../lib/link_type.ts";

// From testdata/sctp_chunks.pcap (tcpdump -x):
// 10.0.0.1.2905 > 10.0.0.2.2905: sctp (1) [INIT] [init tag: 3735928559] [rwnd: 65536] ...
// 0x0000:  4500 003c 0001 0000 4084 663b 0a00 0001
// 0x0010:  0a00 0002 0b59 0b59 0000 0000 0000 0000
// 0x0020:  0100 001a dead beef 0001 0000 000a ffff
// 0x0030:  0000 3039 000c 0006 0005 0000
const INIT = decodeHex(
  "4500003c000100004084663b0a0000010a0000020b590b590000000000000000" +
    "0100001adeadbeef00010000000affff00003039000c000600050000",
);
// 10.0.0.1.2905 > 10.0.0.2.2905: sctp (1) [SACK] [cum ack 100] [a_rwnd 5000] ...
// 0x0000:  4500 003c 0001 0000 4084 663b 0a00 0001
// 0x0010:  0a00 0002 0b59 0b59 0102 0304 0000 0000
// 0x0020:  0300 001c 0000 0064 0000 1388 0002 0001
// 0x0030:  0002 0003 0005 0006 0000 0063
const SACK = decodeHex(
  "4500003c000100004084663b0a0000010a0000020b590b590102030400000000" +
    "0300001c0000006400001388000200010002000300050006" + "00000063",
);

function print(frame: Uint8Array, originalLength = frame.length): string {
  return printFrame(LinkType.RAW, frame, {}, originalLength);
}

Deno.test("decodeSctp() reads the common header and an INIT chunk", () => {
  const sctp = decodeSctp(INIT, 20);
  assert.equal(sctp.kind, "sctp");
  assert.equal(sctp.sourcePort, 2905);
  assert.equal(sctp.destinationPort, 2905);
  assert.equal(sctp.verificationTag, 0);
  assert.equal(sctp.headerLength, 12);
  const chunks = sctp.chunks();
  assert.equal(chunks.length, 1);
  assert.equal(chunks[0]!.type, 1);
  assert.equal(chunks[0]!.length, 26);
  assert.equal(chunks[0]!.problem, undefined);
  assert.deepEqual(chunks[0]!.init, {
    initiateTag: 0xdeadbeef,
    window: 65536,
    outboundStreams: 10,
    inboundStreams: 65535,
    initialTsn: 12345,
  });
});

Deno.test("decodeSctp() reads SACK gap blocks and duplicate TSNs", () => {
  const sack = decodeSctp(SACK, 20).chunks()[0]!.sack!;
  assert.equal(sack.cumulativeTsnAck, 100);
  assert.equal(sack.window, 5000);
  assert.deepEqual(sack.gaps, [[2, 3], [5, 6]]);
  assert.deepEqual(sack.duplicates, [99]);
});

Deno.test("decodeSctp() marks a chunk cut by the captured bytes", () => {
  const chunks = decodeSctp(INIT.subarray(20, 40)).chunks(INIT.length - 20);
  assert.equal(chunks.at(-1)!.problem, "truncated");
  assert.equal(decodeSctp(INIT.subarray(20, 40)).chunks(14).at(-1)!.problem, "cut");
});

Deno.test("decodeSctp() rejects a truncated header", () => {
  assert.throws(() => decodeSctp(INIT.subarray(20, 30)), DecodeError);
  assert.equal(sctpDecoder.create().kind, "sctp");
});

Deno.test("printSctp() prints the chunks as tcpdump does", () => {
  assert.equal(
    print(INIT),
    "IP 10.0.0.1.2905 > 10.0.0.2.2905: sctp (1) [INIT] [init tag: 3735928559] " +
      "[rwnd: 65536] [OS: 10] [MIS: 65535] [init TSN: 12345] ",
  );
  assert.equal(
    print(SACK),
    "IP 10.0.0.1.2905 > 10.0.0.2.2905: sctp (1) [SACK] [cum ack 100] [a_rwnd 5000] " +
      "[#gap acks 2] [#dup tsns 1] \n\t\t[gap ack block #1: start = 102, end = 103] " +
      "\n\t\t[gap ack block #2: start = 105, end = 106] \n\t\t[dup TSN #1: 99] ",
  );
});

Deno.test("printSctp() prints [|sctp] where the captured bytes end", () => {
  assert.equal(
    print(INIT.subarray(0, 40), INIT.length),
    "IP 10.0.0.1.2905 > 10.0.0.2.2905: sctp [|sctp]",
  );
  assert.equal(print(INIT.subarray(0, 30), INIT.length), "IP  [|sctp]");
});
