import assert from "node:assert/strict";
import { printFrame } from "./_print_layer.ts";
import { decodePim, pimDecoder } from "../lib/net/pim.ts";
import { DecodeError } from "../lib/errors.ts";
import { decodeHex } from "../lib/_hex.ts";
import { LinkType } from "../lib/link_type.ts";

// From tcpdump's tests/PIMv2_hellos.pcap (tcpdump -v -x):
// 10.0.0.2 > 224.0.0.13: PIMv2, length 34
// 0x0000:  45c0 0036 037f 0000 0167 cb13 0a00 0002
// 0x0010:  e000 000d 2000 aa6e 0001 0002 0069 0014
// 0x0020:  0004 3f0e f4cd 0013 0004 0000 0001 0015
// 0x0030:  0004 0100 0000
const HELLO = decodeHex(
  "45c00036037f00000167cb130a000002e000000d2000aa6e0001000200690014" +
    "00043f0ef4cd00130004000000010015000401000000",
);

function print(frame: Uint8Array, verbose = 0, originalLength = frame.length): string {
  return printFrame(LinkType.RAW, frame, { verbose }, originalLength);
}

Deno.test("decodePim() reads the header and the Hello options", () => {
  const pim = decodePim(HELLO, 20);
  assert.equal(pim.kind, "pim");
  assert.equal(pim.version, 2);
  assert.equal(pim.type, 0);
  assert.equal(pim.checksum, 0xaa6e);
  assert.equal(pim.checksumValid, true);
  assert.deepEqual(
    pim.helloOptions().map((o) => [o.type, o.length, o.truncated]),
    [[1, 2, false], [20, 4, false], [19, 4, false], [21, 4, false]],
  );
});

Deno.test("decodePim() marks an option cut short", () => {
  const options = decodePim(HELLO.subarray(20, 44)).helloOptions(34);
  assert.equal(options.length, 3);
  assert.equal(options[2]!.type, 19);
  assert.equal(options[2]!.truncated, true);
});

Deno.test("decodePim() rejects an empty message", () => {
  assert.throws(() => decodePim(new Uint8Array(0)), DecodeError);
  assert.equal(decodePim(new Uint8Array([0x24])).type, 4);
  assert.equal(pimDecoder.create().kind, "pim");
});

Deno.test("printPim() prints the type and length as tcpdump does", () => {
  assert.equal(print(HELLO), "IP 10.0.0.2 > 224.0.0.13: PIMv2, Hello, length 34");
});

Deno.test("printPim() prints the Hello options with -v as tcpdump does", () => {
  assert.equal(
    print(HELLO, 1),
    "IP (tos 0xc0, ttl 1, id 895, offset 0, flags [none], proto PIM (103), length 54)\n" +
      "    10.0.0.2 > 224.0.0.13: PIMv2, length 34\n" +
      "\tHello, cksum 0xaa6e (correct)\n" +
      "\t  Hold Time Option (1), length 2, Value: 1m45s\n" +
      "\t  Generation ID Option (20), length 4, Value: 0x3f0ef4cd\n" +
      "\t  DR Priority Option (19), length 4, Value: 1\n" +
      "\t  State Refresh Capability Option (21), length 4, Value: v1",
  );
  assert.equal(
    print(HELLO.subarray(0, 44), 1, HELLO.length).split("\n").slice(2).join("\n"),
    "\tHello, cksum 0xaa6e (unverified)\n" +
      "\t  Hold Time Option (1), length 2, Value: 1m45s\n" +
      "\t  Generation ID Option (20), length 4, Value: 0x3f0ef4cd\n" +
      "\t  DR Priority Option (19), length 4, Value:  [|pimv2]",
  );
});

// From tcpdump's tests/PIM-DM_pruning.pcap (tcpdump -v -x):
// 10.0.0.2 > 224.0.0.13: PIMv2, length 34
// 0x0000:  45c0 0036 007a 0000 0167 ce18 0a00 0002
// 0x0010:  e000 000d 2300 8fd8 0100 0a00 0001 0001
// 0x0020:  00d2 0100 0020 ef7b 7b7b 0000 0001 0100
// 0x0030:  0020 ac10 280a
const JOIN_PRUNE = decodeHex(
  "45c00036007a00000167ce180a000002e000000d23008fd801000a0000010001" +
    "00d201000020ef7b7b7b00000001010000" + "20ac10280a",
);

Deno.test("decodePim() reads a Join/Prune message's groups and sources", () => {
  const body = decodePim(JOIN_PRUNE, 20).joinPrune()!;
  assert.equal(body.truncated, false);
  assert.equal(body.groupCount, 1);
  assert.equal(body.holdTime, 210);
  assert.equal(body.upstreamNeighbor!.family, 4);
  const group = body.groups[0]!;
  assert.equal(group.group!.maskLength, 32);
  assert.equal(group.joinedCount, 0);
  assert.equal(group.pruned.length, 1);
  assert.equal(group.pruned[0]!.addressAt, 20 + 30);
});

Deno.test("printPim() prints a Join/Prune message with -v as tcpdump does", () => {
  assert.equal(
    print(JOIN_PRUNE, 1).split("\n").slice(2).join("\n"),
    "\tJoin / Prune, cksum 0x8fd8 (correct), upstream-neighbor: 10.0.0.1\n" +
      "\t  1 group(s), holdtime: 3m30s\n" +
      "\t    group #1: 239.123.123.123, joined sources: 0, pruned sources: 1\n" +
      "\t      pruned source #1: 172.16.40.10",
  );
});

Deno.test("printPim() prints the packet inside a Register message with -v", () => {
  // A Register (null-register bit clear) around an IPv4 ICMP echo request, made here.
  const inner = decodeHex("450000" + "1c00010000400100000a0000010a0000020800f7ff00000000");
  const register = new Uint8Array([0x21, 0, 0, 0, 0, 0, 0, 0, ...inner]);
  const frame = decodeHex("4500003c000100004067" + "0000" + "0a0000090a000001");
  const whole = new Uint8Array([...frame, ...register]);
  whole[3] = whole.length;
  const text = print(whole, 1);
  assert.match(text, /\tRegister, cksum 0x0000 \(unverified\), Flags \[ none \]\n\tIP \(tos 0x0/);
  assert.match(text, /10\.0\.0\.1 > 10\.0\.0\.2: ICMP echo request, id 0, seq 0, length 8$/);
  assert.equal(print(whole), "IP 10.0.0.9 > 10.0.0.1: PIMv2, Register, length 36");
});
