import assert from "node:assert/strict";
import { printFrame } from "./_print_layer.ts";
import { dccpDecoder, DccpType, decodeDccp } from "../lib/transport/dccp.ts";
import { DecodeError } from "../lib/errors.ts";
import { decodeHex } from "../lib/_hex.ts";
import { LinkType } from "../lib/link_type.ts";
import type { TcpdumpOptions } from "../lib/print/context.ts";

// From testdata/crafted/dccp_packets.pcap (raw IP, tcpdump -n -vv):
// 192.0.2.1.5001 > 198.51.100.7.52667: DCCP (CCVal 3, CsCov 0, cksum 0x6d4a (correct))
// DCCP-Response (service=16909060) (ack=690160193760) seq 4328719365 <nop, mandatory, ...>
const RESPONSE = decodeHex(
  "450000701234000040217bfdc0000201c63364071389cdbb17306d4a0300000102030405000000a0b0c0d0e0" +
    "01020304000102031f20050102032104020122030923040a05200224022406deadbeef250225050102032604" +
    "010226022703ff2805102030290600010203290401020000",
);
// 2001:db8::1.5001 > 2001:db8::fe.52667: DCCP (CCVal 3, CsCov 2, cksum 0x15bd (incorrect ->
// 0x26bd)) DCCP-DataAck (ack=690160193760) seq 4328719365 <timestamp 1, nop, nop>
const DATA_ACK6 = decodeHex(
  "600000000025214020010db800000000000000000000000120010db80000000000000000000000fe1389cdbb" +
    "083215bd0900000102030405000000a0b0c0d0e029060000000100006461746121",
);
// 192.0.2.1.5001 > 198.51.100.7.52667: DCCP (CCVal 3, CsCov 5, cksum 0x1509 (incorrect ->
// 0x1553)) DCCP-Data seq 4328719365
const DATA = decodeHex(
  "450000331234000040217c3ac0000201c63364071389cdbb043515090500000102030405736f6d65206461746120" +
    "6279746573",
);

function print(frame: Uint8Array, options: TcpdumpOptions = {}, wire = frame.length): string {
  return printFrame(LinkType.RAW, frame, options, wire);
}

Deno.test("decodeDccp() reads the generic header and a Response's fields", () => {
  const dccp = decodeDccp(RESPONSE, 20);
  assert.equal(dccp.kind, "dccp");
  assert.equal(dccp.sourcePort, 5001);
  assert.equal(dccp.destinationPort, 52667);
  assert.equal(dccp.dataOffset, 23);
  assert.equal(dccp.ccval, 3);
  assert.equal(dccp.checksumCoverage, 0);
  assert.equal(dccp.checksum, 0x6d4a);
  assert.equal(dccp.extended, true);
  assert.equal(dccp.type, DccpType.RESPONSE);
  assert.equal(dccp.headerLength, 16);
  assert.equal(dccp.fixedLength, 28);
  assert.equal(dccp.sequence, 4328719365);
  assert.equal(dccp.acknowledgment, 690160193760);
  assert.equal(dccp.serviceCode, 16909060);
  assert.equal(dccp.resetCode, -1);
  const options = dccp.options();
  assert.equal(options.length, 22);
  assert.deepEqual(options.slice(0, 2).map((o) => [o.type, o.length]), [[0, 1], [1, 1]]);
  assert.ok(options.every((o) => o.problem === undefined));
});

Deno.test("decodeDccp() reads short sequence numbers", () => {
  const dccp = decodeDccp(decodeHex("1389cdbb0330000004010203"));
  assert.equal(dccp.extended, false);
  assert.equal(dccp.type, DccpType.DATA);
  assert.equal(dccp.sequence, 0x010203);
  assert.equal(dccp.genericLength, 12);
  assert.deepEqual(dccp.options(), []);
});

Deno.test("decodeDccp() marks options cut, too short and past the Data Offset", () => {
  const at = 20;
  const cut = decodeDccp(RESPONSE.subarray(0, at + 35), at).options();
  assert.equal(cut.at(-1)!.problem, "cut");
  const read = decodeDccp(RESPONSE.subarray(0, at + 30), at).options();
  assert.deepEqual(read.at(-1), { offset: at + 30, type: -1, length: 0, problem: "read" });
  // Ack with a timestamp option whose length is 1, then one whose length runs past doff.
  const short = decodeDccp(decodeHex("1389cdbb073000000700000102030405000000a0b0c0d0e029010000"));
  assert.equal(short.options()[0]!.problem, "short");
  const long = decodeDccp(decodeHex("1389cdbb073000000700000102030405000000a0b0c0d0e029090000"));
  assert.equal(long.options()[0]!.problem, "long");
});

Deno.test("decodeDccp() rejects a truncated header", () => {
  assert.throws(() => decodeDccp(RESPONSE.subarray(20, 31)), DecodeError);
  assert.equal(dccpDecoder.create().kind, "dccp");
  // An extended header cut after 12 bytes is kept: its sequence number is not there.
  assert.equal(decodeDccp(RESPONSE.subarray(20, 34)).sequence, -1);
});

Deno.test("printDccp() prints each -v level as tcpdump does", () => {
  const head = "IP 192.0.2.1.5001 > 198.51.100.7.52667: DCCP ";
  assert.equal(
    print(RESPONSE),
    `${head}DCCP-Response (service=16909060) (ack=690160193760) `,
  );
  assert.equal(
    print(RESPONSE, { verbose: 1 }).split("\n")[1],
    "    192.0.2.1.5001 > 198.51.100.7.52667: DCCP (CCVal 3, CsCov 0, cksum 0x6d4a (correct)) " +
      "DCCP-Response (service=16909060) (ack=690160193760) ",
  );
  assert.equal(
    print(RESPONSE, { verbose: 2 }).split("\n")[1],
    "    192.0.2.1.5001 > 198.51.100.7.52667: DCCP (CCVal 3, CsCov 0, cksum 0x6d4a (correct)) " +
      "DCCP-Response (service=16909060) (ack=690160193760) seq 4328719365 <nop, mandatory, " +
      "slowreceiver, Option 3, Option 31, change_l ccid 2 3, confirm_l allow_short_seqno 1, " +
      "change_r check data checksum, confirm_r, change_l optlen too short, initcookie, " +
      "initcookie 0xdeadbeef, ndp_count, ndp_count 1 2 3, ack_vector0 0x0102, ack_vector0, " +
      "ack_vector1 0xff, data_dropped 0x102030, timestamp 66051, timestamp [optlen != 6], " +
      "nop, nop>",
  );
  assert.equal(print(RESPONSE, { quiet: true }), `${head}0`);
});

Deno.test("printDccp() checks partial checksum coverage over IPv4 and IPv6", () => {
  assert.equal(
    print(DATA_ACK6, { verbose: 2 }),
    "IP6 (hlim 64, next-header DCCP (33) payload length: 37) 2001:db8::1.5001 > " +
      "2001:db8::fe.52667: DCCP (CCVal 3, CsCov 2, cksum 0x15bd (incorrect -> 0x26bd)) " +
      "DCCP-DataAck (ack=690160193760) seq 4328719365 <timestamp 1, nop, nop>",
  );
  assert.equal(
    print(DATA, { verbose: 1 }).split("\n")[1],
    "    192.0.2.1.5001 > 198.51.100.7.52667: DCCP (CCVal 3, CsCov 5, cksum 0x1509 " +
      "(incorrect -> 0x1553)) DCCP-Data ",
  );
});

Deno.test("printDccp() prints [|dccp] where the captured bytes end", () => {
  const head = "IP 192.0.2.1.5001 > 198.51.100.7.52667: DCCP ";
  assert.equal(print(RESPONSE.subarray(0, 30), {}, RESPONSE.length), "IP  [|dccp]");
  assert.equal(print(RESPONSE.subarray(0, 34), {}, RESPONSE.length), "IP  [|dccp]");
  assert.equal(print(RESPONSE.subarray(0, 40), {}, RESPONSE.length), `${head} [|dccp]`);
  assert.equal(
    print(RESPONSE.subarray(0, 50), { verbose: 2 }, RESPONSE.length).split("\n")[1],
    "    192.0.2.1.5001 > 198.51.100.7.52667: DCCP (CCVal 3, CsCov 0) DCCP-Response " +
      "(service=16909060) (ack=690160193760) seq 4328719365 <nop, mandatory,  [|dccp]",
  );
});

Deno.test("printDccp() names a packet shorter than its type's fields", () => {
  // An Ack with short sequence numbers: tcpdump counts 8 bytes for its acknowledgement.
  const frame = decodeHex(
    "450000241234000040217c49c0000201c6336407" + "1389cdbb0530000006010203000a0b0c",
  );
  assert.equal(
    print(frame),
    "IP 192.0.2.1.5001 > 198.51.100.7.52667: DCCP truncated-DCCP-Ack - 4 bytes missing!",
  );
});
