import assert from "node:assert/strict";
import { printFrame } from "./_print_layer.ts";
import { decodeOspf, ospfDecoder } from "../lib/net/ospf.ts";
import { DecodeError } from "../lib/errors.ts";
import { decodeHex } from "../lib/_hex.ts";
import { LinkType } from "../lib/link_type.ts";
import { OpaqueType, readOpaqueTlvs } from "../lib/net/_ospf_opaque.ts";
import { mbps } from "../lib/print/net/_te_bandwidth.ts";
import { openCapture } from "../lib/formats/open_capture.ts";

// An OSPFv2 Hello in IPv4 (made with a script; tcpdump -v prints the lines below):
// 10.0.0.1 > 224.0.0.5: OSPFv2, Hello, length 48
const HELLO_V2 = decodeHex(
  "45c00044000100000159ce9a0a000001e0000005" +
    "020100300a00000100000001c49300000000000000000000" +
    "ffffff00000a1201000000280a0000010a0000020a000002",
);

// An OSPFv3 Database Description in IPv6, from tcpdump's OSPFv3_broadcast_adjacency.pcap:
// fe80::2 > fe80::1: OSPFv3, Database Description, length 28 (tcpdump -x):
// 0x0000:  6e00 0000 001c 5901 fe80 0000 0000 0000
// 0x0010:  0000 0000 0000 0002 fe80 0000 0000 0000
// 0x0020:  0000 0000 0000 0001 0302 001c 0202 0202
// 0x0030:  0000 0001 d826 0000 0000 0013 05dc 0007
// 0x0040:  0000 1d46
const DD_V3 = decodeHex(
  "6e000000001c5901fe800000000000000000000000000002fe800000000000000000000000000001" +
    "0302001c0202020200000001d8260000000000130" + "5dc000700001d46",
);

// An LS Update announcing 3 LSAs but holding one network LSA, from
// testdata/crafted/ospf.pcap (tcpdump -v -x):
// 0x0000:  4500 0050 0001 0000 0159 cf4e 0a00 0001
// 0x0010:  e000 0005 0204 003c 0a00 0001 0000 0000
// 0x0020:  4070 0000 0000 0000 0000 0000 0000 0003
// 0x0030:  001e 2202 0a00 0001 0101 0101 8000 0001
// 0x0040:  0000 0020 ffff ff00 0101 0101 0202 0202
const UPDATE = decodeHex(
  "450000500001000001" + "59cf4e0a000001e00000050204003c0a00000100000000" +
    "40700000000000000000000000000003001e22020a0000010101010180000001" +
    "00000020ffffff000101010102020202",
);

function print(frame: Uint8Array, verbose = 0): string {
  return printFrame(LinkType.RAW, frame, { verbose });
}

Deno.test("decodeOspf() reads an OSPFv2 header and Hello body", () => {
  const ospf = decodeOspf(HELLO_V2, 20);
  assert.equal(ospf.kind, "ospf");
  assert.equal(ospf.version, 2);
  assert.equal(ospf.type, 1);
  assert.equal(ospf.packetLength, 48);
  assert.equal(ospf.routerId, "10.0.0.1");
  assert.equal(ospf.areaId, "0.0.0.1");
  assert.equal(ospf.authType, 0);
  assert.equal(ospf.headerLength, 24);
  const hello = ospf.hello!;
  assert.equal(hello.helloInterval, 10);
  assert.equal(hello.deadInterval, 40);
  assert.equal(hello.priority, 1);
  assert.equal(hello.options, 0x12);
  assert.deepEqual(ospf.toJSON().hello, {
    options: 0x12,
    helloInterval: 10,
    deadInterval: 40,
    mask: "255.255.255.0",
    priority: 1,
    designatedRouter: "10.0.0.1",
    backupDesignatedRouter: "10.0.0.2",
    neighbors: ["10.0.0.2"],
  });
});

Deno.test("decodeOspf() reads an OSPFv3 Database Description", () => {
  const ospf = decodeOspf(DD_V3, 40);
  assert.equal(ospf.version, 3);
  assert.equal(ospf.headerLength, 16);
  assert.equal(ospf.instanceId, 0);
  assert.deepEqual(ospf.databaseDescription, {
    options: 0x13,
    mtu: 1500,
    flags: 7,
    sequence: 0x1d46,
    captured: 12,
  });
  assert.equal(ospf.hello, undefined);
});

Deno.test("decodeOspf() rejects a truncated header", () => {
  assert.throws(() => decodeOspf(HELLO_V2.subarray(20, 34)), DecodeError);
  assert.equal(decodeOspf(HELLO_V2.subarray(20, 40)).headerLength, 20);
  assert.equal(ospfDecoder.create().kind, "ospf");
});

Deno.test("printOspf() prints the type and length as tcpdump does", () => {
  assert.equal(print(HELLO_V2), "IP 10.0.0.1 > 224.0.0.5: OSPFv2, Hello, length 48");
  assert.equal(
    print(DD_V3),
    "IP6 fe80::2 > fe80::1: OSPFv3, Database Description, length 28",
  );
});

Deno.test("printOspf() prints the Hello and DD fields with -v as tcpdump does", () => {
  assert.equal(
    print(HELLO_V2, 1),
    "IP (tos 0xc0, ttl 1, id 1, offset 0, flags [none], proto OSPF (89), length 68)\n" +
      "    10.0.0.1 > 224.0.0.5: OSPFv2, Hello, length 48\n" +
      "\tRouter-ID 10.0.0.1, Area 0.0.0.1, Authentication Type: none (0)\n" +
      "\tOptions [External, LLS]\n" +
      "\t  Hello Timer 10s, Dead Timer 40s, Mask 255.255.255.0, Priority 1\n" +
      "\t  Designated Router 10.0.0.1, Backup Designated Router 10.0.0.2\n" +
      "\t  Neighbor List:\n" +
      "\t    10.0.0.2",
  );
  assert.equal(
    print(DD_V3, 1),
    "IP6 (class 0xe0, hlim 1, next-header OSPF (89) payload length: 28) " +
      "fe80::2 > fe80::1: OSPFv3, Database Description, length 28\n" +
      "\tRouter-ID 2.2.2.2, Area 0.0.0.1\n" +
      "\tOptions [V6, External, Router], DD Flags [Init, More, Master], MTU 1500, DD-Sequence 0x00001d46",
  );
});

Deno.test("decodeOspf() reads the LSAs of an LS Update", () => {
  const ospf = decodeOspf(UPDATE, 20);
  assert.equal(ospf.lsaCount, 3);
  const lsas = ospf.lsas();
  assert.equal(lsas.stop, "truncated");
  assert.equal(lsas.entries.length, 1);
  const network = lsas.entries[0]!;
  assert.equal(network.header.type, 2);
  assert.equal(network.header.length, 32);
  assert.equal(network.header.sequence, 0x80000001);
  assert.deepEqual(network.attachedRoutersAt, [20 + 24 + 4 + 20 + 4, 20 + 24 + 4 + 20 + 8]);
});

Deno.test("printOspf() prints the LSAs with -v as tcpdump does", () => {
  assert.equal(
    print(UPDATE, 1).split("\n").slice(1).join("\n"),
    "    10.0.0.1 > 224.0.0.5: OSPFv2, LS-Update, length 60\n" +
      "\tRouter-ID 10.0.0.1, Backbone Area, Authentication Type: none (0), 3 LSAs\n" +
      "\t  LSA #1\n" +
      "\t  Advertising Router 1.1.1.1, seq 0x80000001, age 30s, length 12\n" +
      "\t    Network LSA (2), LSA-ID: 10.0.0.1\n" +
      "\t    Options: [External, Demand Circuit]\n" +
      "\t    Mask 255.255.255.0\n" +
      "\t    Connected Routers:\n" +
      "\t      1.1.1.1\n" +
      "\t      2.2.2.2\n" +
      "\t  LSA #2 [|ospf2]",
  );
});

Deno.test("printOspf() prints OSPFv3 LSA headers with -vv as tcpdump does", () => {
  // An OSPFv3 LS Ack with one router LSA header, made here (tcpdump -vv prints the below).
  const frame = decodeHex(
    "6e00000000245901fe800000000000000000000000000001ff020000000000000000000000000005" +
      "030500240101010100000001000000000028200100000000010101018000000200000018",
  );
  const ospf = decodeOspf(frame, 40);
  assert.equal(ospf.lsaHeaders().entries[0]!.type, 0x2001);
  assert.equal(
    print(frame, 2).split("\n").slice(1).join("\n"),
    "\tRouter-ID 1.1.1.1, Area 0.0.0.1\n" +
      "\t  Advertising Router 1.1.1.1, seq 0x80000002, age 40s, length 4\n" +
      "\t    Router LSA (1), Area Local Scope, LSA-ID 0.0.0.0",
  );
});

// From tcpdump's tests/ospf3_auth.pcapng (tcpdump -vv -x): an OSPFv3 Hello with an
// authentication trailer (RFC 7166).
// 0x0000:  6c00 0000 0058 5901 fe80 0000 0000 0000
// 0x0010:  020c 29ff fe9e c1b2 ff02 0000 0000 0000
// 0x0020:  0000 0000 0000 0005 0301 0028 0a0a 0a02
// 0x0030:  0000 0000 07d2 0000 0000 0002 0100 0413
// 0x0040:  000a 0028 0a0a 0a01 0a0a 0a02 0a0a 0a01
// 0x0050:  0001 0030 0000 0001 0000 0000 52da 4e0e
// 0x0060:  ca4d 7d58 69a5 da3c 2a69 0eda a732 9bee
// 0x0070:  9d7f 448c 9f31 fbe4 a0e9 b39c 6da6 cca1
const HELLO_AT = decodeHex(
  "6c0000000058" + "5901fe80000000000000020c29fffe9ec1b2ff020000000000000000000000000005" +
    "030100280a0a0a020000000007d20000000000020100" + "0413000a00280a0a0a010a0a0a020a0a0a01" +
    "0001003000000001000000" + "0052da4e0eca4d7d5869a5da3c2a690edaa7329bee" +
    "9d7f448c9f31fbe4a0e9b39c6da6cca1",
);

Deno.test("printOspf() prints an OSPFv3 authentication trailer as tcpdump does", () => {
  const trailer = decodeOspf(HELLO_AT, 40).authTrailer()!;
  assert.equal(trailer.type, 1);
  assert.equal(trailer.length, 48);
  assert.equal(trailer.said, 1);
  assert.equal(trailer.sequenceLow, 0x52da4e0e);
  assert.equal(
    print(HELLO_AT, 2).split("\n").slice(7).join("\n"),
    "\tAuthentication Type HMAC, Length 48, SAID 1, CSN 0x00000000:52da4e0e\n" +
      "\tAuthentication Data 0x0000:  ca4d 7d58 69a5 da3c 2a69 0eda a732 9bee\n" +
      "\tAuthentication Data 0x0010:  9d7f 448c 9f31 fbe4 a0e9 b39c 6da6 cca1",
  );
});

/** A TLV of `type` with `value`, padded to 4 bytes. */
function opaqueTlv(type: number, value: number[]): number[] {
  const padded = [...value];
  while (padded.length % 4 !== 0) padded.push(0);
  return [type >> 8, type & 0xff, value.length >> 8, value.length & 0xff, ...padded];
}

Deno.test("readOpaqueTlvs() walks TE TLVs and Link sub-TLVs, and says why it stopped", () => {
  const link = opaqueTlv(2, [
    ...opaqueTlv(1, [1]),
    ...opaqueTlv(6, [0x4c, 0xee, 0x6b, 0x28]), // 1.25e8 bytes/s
  ]);
  const body = new Uint8Array([...opaqueTlv(1, [10, 0, 0, 1]), ...link]);
  const walked = readOpaqueTlvs(body, 0, body.length, body.length, OpaqueType.TE);
  assert.deepEqual(walked.tlvs.map((t) => [t.sub, t.type, t.length]), [
    [false, 1, 4],
    [false, 2, 16],
    [true, 1, 1],
    [true, 6, 4],
  ]);
  // tcpdump counts a Link TLV's bytes once: the walk reads on past it, and stops where
  // fewer than 4 bytes are left for a TLV or the capture ends.
  assert.deepEqual(walked.stop, { reason: "truncated", beforeValue: false, values: [] });
  const bogus = new Uint8Array(opaqueTlv(1, [10, 0, 0, 1]));
  assert.deepEqual(readOpaqueTlvs(bogus, 0, 6, bogus.length, OpaqueType.TE).stop, {
    reason: "bogus-length",
    beforeValue: true,
    values: [4, 2],
  });
  const zero = new Uint8Array(opaqueTlv(2, [0, 0, 0, 4, 1, 2, 3, 4]));
  assert.equal(
    readOpaqueTlvs(zero, 0, zero.length, zero.length, OpaqueType.TE).stop?.reason,
    "zero-sub",
  );
  const grace = new Uint8Array([...opaqueTlv(1, [0, 0, 0, 120]), ...opaqueTlv(2, [1])]);
  const graceWalk = readOpaqueTlvs(grace, 0, grace.length, grace.length, OpaqueType.GRACE);
  assert.deepEqual(graceWalk.tlvs.map((t) => t.type), [1, 2]);
  assert.equal(graceWalk.stop, undefined);
});

Deno.test("mbps() computes in single precision and rounds a tie to even, as C's printf", () => {
  const float = (value: number) => {
    const bytes = new Uint8Array(4);
    new DataView(bytes.buffer).setFloat32(0, value);
    return bytes;
  };
  assert.equal(mbps(float(1.25e8), 0), "1000.000 Mbps");
  // 7812.5 bytes/s is 0.0625 Mbps exactly: printf rounds it to 0.062, toFixed to 0.063.
  assert.equal(mbps(float(7812.5), 0), "0.062 Mbps");
  assert.equal(mbps(float(23437.5), 0), "0.188 Mbps");
  assert.equal(mbps(float(NaN), 0), "nan Mbps");
  assert.equal(mbps(new Uint8Array([0xff, 0xc0, 0, 0]), 0), "-nan Mbps");
  assert.equal(mbps(float(-Infinity), 0), "-inf Mbps");
});

Deno.test("printOspf() prints an opaque TE LSA's sub-TLVs, and stops at an invalid one as tcpdump does", () => {
  const frame = Deno.readFileSync(new URL("../testdata/crafted/ospf_opaque.pcap", import.meta.url));
  // The capture's first record: a TE LSA with a Router Address and a Link TLV.
  const first = frame.subarray(
    24 + 16,
    24 + 16 + new DataView(frame.buffer).getUint32(24 + 8, true),
  );
  const text = printFrame(LinkType.EN10MB, first, { verbose: 1 });
  assert.match(text, /Router Address TLV \(1\), length: 4, 10\.255\.245\.37\n/);
  assert.match(text, /Maximum Reservable Bandwidth subTLV \(7\), length: 4, 0\.062 Mbps/);
  assert.match(text, /Link Protection Type subTLV \(14\), length: 4, Unprotected, Dedicated 1\+1/);
  assert.match(text, /Shared risk group: 1, 2, 3\n/);
});

Deno.test("printOspf() never throws on mutated opaque LSAs", async () => {
  const reader = await openCapture(
    new URL("../testdata/crafted/ospf_opaque.pcap", import.meta.url).pathname,
  );
  const frames: Uint8Array[] = [];
  for await (const record of reader) frames.push(record.data.slice());
  assert.ok(frames.length > 20);
  let seed = 0x0f5f;
  const random = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed >>> 24;
  };
  let printed = 0;
  for (let i = 0; i < 3000; i++) {
    const base = frames[i % frames.length]!;
    const mutated = base.slice(0, base.length - (random() % 16));
    // Past the Ethernet, IP and OSPF headers: the LSAs.
    for (let n = random() % 6; n >= 0; n--) {
      mutated[62 + random() % Math.max(1, mutated.length - 62)] = random();
    }
    for (const verbose of [1, 2]) {
      const text = printFrame(LinkType.EN10MB, mutated, { verbose, hex: i % 3 === 0 ? 1 : 0 });
      assert.doesNotMatch(text, /undefined|NaN|Infinity|\[object/);
      printed++;
    }
  }
  assert.equal(printed, 6000);
});
