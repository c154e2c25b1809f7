import assert from "node:assert/strict";
import { printFrame } from "./_print_layer.ts";
import { decodeEigrp, eigrpDecoder } from "../lib/net/eigrp.ts";
import { DecodeError } from "../lib/errors.ts";
import { decodeHex } from "../lib/_hex.ts";
import { LinkType } from "../lib/link_type.ts";

// From tcpdump's tests/EIGRP_adjacency.pcap (tcpdump -v -x):
// 10.0.0.1 > 224.0.0.10: EIGRP Hello, length: 40
// 0x0000:  45c0 003c 0000 0000 0258 cd9f 0a00 0001
// 0x0010:  e000 000a 0205 ee68 0000 0000 0000 0000
// 0x0020:  0000 0000 0000 0064 0001 000c 0100 0100
// 0x0030:  0000 000f 0004 0008 0c04 0102
const HELLO = decodeHex(
  "45c0003c000000000258cd9f0a000001e000000a0205ee680000000000000000" +
    "00000000000000640001000c010001000000000f000400080c040102",
);

// A Query with an internal route, from testdata/crafted/eigrp.pcap (tcpdump -x):
// 10.0.0.1 > 10.0.0.2: EIGRP Query, length: 48
// 0x0000:  4500 0044 0001 0000 4058 665f 0a00 0001
// 0x0010:  0a00 0002 0203 35c0 0000 0000 0000 0000
// 0x0020:  0000 0000 0000 0064 0102 001c 0000 0000
// 0x0030:  0004 4c00 0001 86a0 0005 dc01 ff01 0000
// 0x0040:  180a 0102
const QUERY = decodeHex(
  "450000440001000040586" + "65f0a0000010a000002020335c00000000000000000" +
    "000000000000006401020" + "01c0000000000044c00000186a00005dc01ff010000180a0102",
);

function print(frame: Uint8Array, verbose = 0, originalLength = frame.length): string {
  return printFrame(LinkType.RAW, frame, { verbose }, originalLength);
}

Deno.test("decodeEigrp() reads the header and the Hello TLVs", () => {
  const eigrp = decodeEigrp(HELLO, 20);
  assert.equal(eigrp.kind, "eigrp");
  assert.equal(eigrp.version, 2);
  assert.equal(eigrp.opcode, 5);
  assert.equal(eigrp.checksum, 0xee68);
  assert.equal(eigrp.autonomousSystem, 100);
  const [parameters, version] = eigrp.tlvs();
  assert.deepEqual(parameters!.parameters, { k: [1, 0, 1, 0, 0], holdTime: 15 });
  assert.deepEqual(version!.softwareVersion, [12, 4, 1, 2]);
});

Deno.test("decodeEigrp() reads an internal route", () => {
  const route = decodeEigrp(QUERY, 20).tlvs()[0]!.route!;
  assert.equal(route.prefixLength, 24);
  assert.deepEqual(route.prefix, [10, 1, 2, 0]);
  assert.equal(route.delay, 281600);
  assert.equal(route.bandwidth, 100000);
  assert.equal(route.mtu, 1500);
});

Deno.test("decodeEigrp() rejects a truncated header and marks a cut TLV", () => {
  assert.throws(() => decodeEigrp(HELLO.subarray(20, 30)), DecodeError);
  assert.equal(decodeEigrp(HELLO.subarray(20, 56)).tlvs(40)[1]!.problem, "truncated");
  assert.equal(eigrpDecoder.create().kind, "eigrp");
});

Deno.test("printEigrp() prints the opcode and length as tcpdump does", () => {
  assert.equal(print(HELLO), "IP 10.0.0.1 > 224.0.0.10: EIGRP Hello, length: 40");
});

Deno.test("printEigrp() prints the header and TLVs with -v as tcpdump does", () => {
  assert.equal(
    print(HELLO, 1),
    "IP (tos 0xc0, ttl 2, id 0, offset 0, flags [none], proto EIGRP (88), length 60)\n" +
      "    10.0.0.1 > 224.0.0.10: \n" +
      "\tEIGRP v2, opcode: Hello (5), chksum: 0xee68, Flags: [none]\n" +
      "\tseq: 0x00000000, ack: 0x00000000, VRID: 0, AS: 100, length: 20\n" +
      "\t  General Parameters TLV (0x0001), length: 12\n" +
      "\t    holdtime: 15s, k1 1, k2 0, k3 1, k4 0, k5 0\n" +
      "\t  Software Version TLV (0x0004), length: 8\n" +
      "\t    IOS version: 12.4, EIGRP version 1.2",
  );
  assert.equal(
    print(QUERY, 1).split("\n").slice(4).join("\n"),
    "\t  IP Internal routes TLV (0x0102), length: 28\n" +
      "\t    IPv4 prefix:        10.1.2.0/24, nexthop: self\n" +
      "\t      delay 2816 ms, bandwidth 100000 Kbps, mtu 1500, hop 1, reliability 255, load 1",
  );
});
