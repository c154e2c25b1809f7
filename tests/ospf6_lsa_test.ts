import assert from "node:assert/strict";
import { printFrame } from "./_print_layer.ts";
import { decodeOspf, Ospf6LsaType } from "../lib/net/ospf.ts";
import { readLsa6 } from "../lib/net/_ospf6_lsa.ts";
import { decodeHex } from "../lib/_hex.ts";
import { LinkType } from "../lib/link_type.ts";
import { openCapture } from "../lib/formats/open_capture.ts";

// OSPFv3 LS-Updates in IPv6 made by testdata/crafted/ospf6_lsas.py's builders; each
// expected text is tcpdump 4.99.3's -t -vv print of the same packet.
const ROUTER_NETWORK = decodeHex(
  "6e000000007c5901fe800000000000000000000000000001ff0200000000000000000000000000050304007c02020202" +
    "000000010000000000000002000f2001000000000101010180000001000000481f0000330100000a0000000500000006" +
    "03030303020000140000000500000007040404040400ffff000000080000000905050505000f20020000000501010101" +
    "8000000100000020000007130202020201010101",
);
const PREFIXES = decodeHex(
  "6e00000000c05901fe800000000000000000000000000001ff020000000000000000000000000005030400c002020202" +
    "000000010000000000000004000f200300000000010101018000000100000028ff00004a4004000320010db800000034" +
    "00000000000f40050000000001010101800000010000003c830000144008000120010db800000034fe80000000000000" +
    "0202b3fffe1e83290a00000100000007000f40050000000001010101800000010000002c010000053800200120010db8" +
    "000000340000000900000003000f40050000000001010101800000010000001c00ffffff00000000",
);
const LINK_INTRA = decodeHex(
  "6e00000000c45901fe800000000000000000000000000001ff020000000000000000000000000005030400c402020202" +
    "000000010000000000000003000f00080000000001010101800000010000005001000013fe800000000000000202b3ff" +
    "fe1e8329000000034000000020010db8000000348002000020010db800000034000000000000000100010000000f2009" +
    "000000000101010180000001000000400002200100000000010101014000000a20010db8000000348002000020010db8" +
    "000000340000000000000001000f200400000000010101018000000100000020000000330000001409090909",
);
const GRACE_TE = decodeHex(
  "6e00000000545901fe800000000000000000000000000001ff0200000000000000000000000000050304005402020202" +
    "000000010000000000000002000f000b0000000001010101800000010000002400010004000000780002000101000000" +
    "000f000a0000000001010101800000010000001c0000000400000000",
);
const BOGUS = decodeHex(
  "6e00000000505901fe800000000000000000000000000001ff0200000000000000000000000000050304005002020202" +
    "000000010000000000000001000f20030000000001010101800000010000003c0000000a4000000120010db800000034" +
    "810000010000000000000000000000000000000000000000",
);
const SHORT = decodeHex(
  "6e00000000485901fe800000000000000000000000000001ff0200000000000000000000000000050304004802020202" +
    "000000010000000000000002000f200100000000010101018000000100000004000f2002000000050101010180000001" +
    "00000020000007130202020201010101",
);
const UNKNOWN = decodeHex(
  "6e00000000825901fe800000000000000000000000000001ff0200000000000000000000000000050304008202020202" +
    "000000010000000000000003000fa0010000000001010101800000010000001c0001020304050607000f200100000000" +
    "010101018000000100000038000000000300000100000001000000010000000101000001000000010000000100000001" +
    "000f20090000000001010101800000010000001a000220010000",
);

// A Hello with one neighbor and a Database Description with three LSA headers (the last
// with a length of 4), from the same script.
const HELLO = decodeHex(
  "6e000000002c5901fe800000000000000000000000000001ff0200000000000000000000000000050301002c02020202" +
    "00000001000000000000000501000013000a002801010101000000000101010103030303",
);
const DD = decodeHex(
  "6e00000000585901fe800000000000000000000000000001ff02000000000000000000000000000503020058" +
    "0202020200000001000000000000001305dc000700001d46000f20010000000001010101800000010000" +
    "0048000f200200000005010101018000000100000020000f20010000000001010101800000010000" +
    "0004",
);

const EXPECTED: Record<string, string> = {
  ROUTER_NETWORK: [
    "IP6 (class 0xe0, hlim 1, next-header OSPF (89) payload length: 124) fe80::1 > ff02::5: OSPFv3, LS-Update, length 124",
    "\tRouter-ID 2.2.2.2, Area 0.0.0.1",
    "\t  Advertising Router 1.1.1.1, seq 0x80000001, age 15s, length 52",
    "\t    Router LSA (1), Area Local Scope, LSA-ID 0.0.0.0",
    "\t      Options [V6, External, Router, Demand Circuit], RLA-Flags [ABR, External, Virtual-Link Endpoint, Deprecated, NSSA Translator]",
    "\t      Neighbor Router-ID 3.3.3.3",
    "\t      Neighbor Interface-ID 0.0.0.6, Interface 0.0.0.5, metric 10",
    "\t      Neighbor Network-ID 4.4.4.4",
    "\t      Neighbor Interface-ID 0.0.0.7, Interface 0.0.0.5, metric 20",
    "\t      Virtual Link: Neighbor Router-ID 5.5.5.5",
    "\t      Neighbor Interface-ID 0.0.0.9, Interface 0.0.0.8, metric 65535",
    "\t  Advertising Router 1.1.1.1, seq 0x80000001, age 15s, length 12",
    "\t    Network LSA (2), Area Local Scope, LSA-ID 0.0.0.5",
    "\t      Options [V6, External, Router, AFs Support, LLS, Authentication Trailer]",
    "\t      Connected Routers:",
    "\t\t2.2.2.2",
    "\t\t1.1.1.1",
  ].join("\n"),
  PREFIXES: [
    "IP6 (class 0xe0, hlim 1, next-header OSPF (89) payload length: 192) fe80::1 > ff02::5: OSPFv3, LS-Update, length 192",
    "\tRouter-ID 2.2.2.2, Area 0.0.0.1",
    "\t  Advertising Router 1.1.1.1, seq 0x80000001, age 15s, length 20",
    "\t    Inter-Area Prefix LSA (3), Area Local Scope, LSA-ID 0.0.0.0, metric 74",
    "\t\t2001:db8:0:34::/64, Options [Deprecated], metric 3",
    "\t\t::/0, metric 0",
    "\t  Advertising Router 1.1.1.1, seq 0x80000001, age 15s, length 40",
    "\t    External LSA (5), Domain Wide Scope, LSA-ID 0.0.0.0",
    "\t     Flags [External Type 2, Forwarding, Tag] metric 20",
    "\t\t2001:db8:0:34::/64, Options [Propagate], metric 1 forward fe80::202:b3ff:fe1e:8329 tag 10.0.0.1",
    "\t  Advertising Router 1.1.1.1, seq 0x80000001, age 15s, length 24",
    "\t    External LSA (5), Domain Wide Scope, LSA-ID 0.0.0.0",
    "\t     Flags [Tag] metric 5",
    "\t\t2001:db8:0:34::/56, metric 8193 tag 0.0.0.9 RefLSID: 0.0.0.3",
    "\t  Advertising Router 1.1.1.1, seq 0x80000001, age 15s, length 8",
    "\t    External LSA (5), Domain Wide Scope, LSA-ID 0.0.0.0",
    "\t     Flags [none] metric 16777215",
    "\t\t::/0, metric 0",
  ].join("\n"),
  LINK_INTRA: [
    "IP6 (class 0xe0, hlim 1, next-header OSPF (89) payload length: 196) fe80::1 > ff02::5: OSPFv3, LS-Update, length 196",
    "\tRouter-ID 2.2.2.2, Area 0.0.0.1",
    "\t  Advertising Router 1.1.1.1, seq 0x80000001, age 15s, length 60",
    "\t    Link LSA (8), Link Local Scope, LSA-ID 0.0.0.0",
    "\t      Options [V6, External, Router]",
    "\t      Priority 1, Link-local address fe80::202:b3ff:fe1e:8329, Prefixes 3:",
    "\t\t2001:db8:0:34::/64, metric 0",
    "\t\t2001:db8:0:34::1/128, Options [Local address], metric 0",
    "\t\t::/0, Options [No Unicast], metric 0",
    "\t  Advertising Router 1.1.1.1, seq 0x80000001, age 15s, length 44",
    "\t    Intra-Area Prefix LSA (9), Area Local Scope, LSA-ID 0.0.0.0",
    "\t    Router LSA (1), Area Local Scope, LSA-ID 0.0.0.0",
    "\t      Prefixes 2:",
    "\t\t2001:db8:0:34::/64, metric 10",
    "\t\t2001:db8:0:34::1/128, Options [Local address], metric 0",
    "\t  Advertising Router 1.1.1.1, seq 0x80000001, age 15s, length 12",
    "\t    Inter-Area Router LSA (4), Area Local Scope, LSA-ID 0.0.0.0",
    "\t      0x0000:  0000 0033 0000 0014 0909 0909",
  ].join("\n"),
  GRACE_TE: [
    "IP6 (class 0xe0, hlim 1, next-header OSPF (89) payload length: 84) fe80::1 > ff02::5: OSPFv3, LS-Update, length 84",
    "\tRouter-ID 2.2.2.2, Area 0.0.0.1",
    "\t  Advertising Router 1.1.1.1, seq 0x80000001, age 15s, length 16",
    "\t    Grace LSA (11), Link Local Scope, LSA-ID 0.0.0.0",
    "\t    Grace Period TLV (1), length 4, value: 120s",
    "\t    Graceful restart Reason TLV (2), length 1, value: Software Restart (1)",
    "\t  Advertising Router 1.1.1.1, seq 0x80000001, age 15s, length 8",
    "\t    Intra-Area TE LSA (10), Link Local Scope, LSA-ID 0.0.0.0",
    "\t    unknown TLV (0), length: 4 [|ospf3]",
  ].join("\n"),
  BOGUS: [
    "IP6 (class 0xe0, hlim 1, next-header OSPF (89) payload length: 80) fe80::1 > ff02::5: OSPFv3, LS-Update, length 80",
    "\tRouter-ID 2.2.2.2, Area 0.0.0.1",
    "\t  Advertising Router 1.1.1.1, seq 0x80000001, age 15s, length 40",
    "\t    Inter-Area Prefix LSA (3), Area Local Scope, LSA-ID 0.0.0.0, metric 10",
    "\t\t2001:db8:0:34::/64, metric 1 bogus prefixlen /129 [|ospf3]",
  ].join("\n"),
  SHORT: [
    "IP6 (class 0xe0, hlim 1, next-header OSPF (89) payload length: 72) fe80::1 > ff02::5: OSPFv3, LS-Update, length 72",
    "\tRouter-ID 2.2.2.2, Area 0.0.0.1",
    "\t  Advertising Router 1.1.1.1, seq 0x80000001, age 15s, length 18446744073709551600",
    "\t    Router LSA (1), Area Local Scope, LSA-ID 0.0.0.0 [|ospf3]",
  ].join("\n"),
  UNKNOWN: [
    "IP6 (class 0xe0, hlim 1, next-header OSPF (89) payload length: 130) fe80::1 > ff02::5: OSPFv3, LS-Update, length 130",
    "\tRouter-ID 2.2.2.2, Area 0.0.0.1",
    "\t  Advertising Router 1.1.1.1, seq 0x80000001, age 15s, length 8",
    "\t    Router LSA (1), Area Local Scope, transitive, LSA-ID 0.0.0.0",
    "\t      0x0000:  0001 0203 0405 0607",
    "\t  Advertising Router 1.1.1.1, seq 0x80000001, age 15s, length 36",
    "\t    Router LSA (1), Area Local Scope, LSA-ID 0.0.0.0",
    "\t      Options [none], RLA-Flags [none]",
    "\t      Unknown Router Links Type 0x03",
    "\t  Advertising Router 1.1.1.1, seq 0x80000001, age 15s, length 6",
    "\t    Intra-Area Prefix LSA (9), Area Local Scope, LSA-ID 0.0.0.0 [|ospf3]",
  ].join("\n"),
};

function print(frame: Uint8Array, verbose = 2, length = frame.length): string {
  return printFrame(LinkType.RAW, frame, { verbose }, length);
}

Deno.test("Ospf.lsas6() reads router and network LSAs", () => {
  const { entries, stop } = decodeOspf(ROUTER_NETWORK, 40).lsas6();
  assert.equal(stop, "end");
  assert.equal(entries.length, 2);
  const [router, network] = entries;
  assert.equal(router!.header.type, Ospf6LsaType.ROUTER);
  assert.equal(router!.header.length, 72);
  assert.equal(router!.options, 0x1f000033);
  assert.deepEqual(router!.links!.map((l) => [l.type, l.metric]), [[1, 10], [2, 20], [4, 65535]]);
  assert.deepEqual(
    [...ROUTER_NETWORK.subarray(router!.links![0]!.neighborRouterIdAt).subarray(0, 4)],
    [3, 3, 3, 3],
  );
  assert.equal(network!.header.type, Ospf6LsaType.NETWORK);
  assert.equal(network!.routersAt!.length, 2);
  assert.equal(network!.stop, undefined);
});

Deno.test("Ospf.lsas6() reads prefixes, zero-filled past the words they carry", () => {
  const { entries } = decodeOspf(PREFIXES, 40).lsas6();
  const [interArea, external, referenced] = entries;
  assert.equal(interArea!.metricWord! & 0xffffff, 74);
  assert.deepEqual(interArea!.prefixes!.map((p) => [p.length, p.options, p.metric]), [
    [64, 4, 3],
    [0, 0, 0],
  ]);
  assert.deepEqual(
    [...interArea!.prefixes![0]!.address],
    [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0x34, 0, 0, 0, 0, 0, 0, 0, 0],
  );
  assert.notEqual(external!.forwardAt, undefined);
  assert.notEqual(external!.tagAt, undefined);
  assert.equal(external!.referencedIdAt, undefined);
  assert.equal(referenced!.forwardAt, undefined);
  assert.notEqual(referenced!.referencedIdAt, undefined);
});

Deno.test("Ospf.lsas6() reads link and intra-area prefix LSAs, and unknown ones as bytes", () => {
  const [link, intra, interRouter] = decodeOspf(LINK_INTRA, 40).lsas6().entries;
  assert.equal(link!.options! >>> 24, 1);
  assert.equal(link!.prefixCount, 3);
  assert.equal(link!.prefixes!.length, 3);
  assert.equal(intra!.referencedType, Ospf6LsaType.ROUTER);
  assert.equal(intra!.prefixes!.length, 2);
  assert.equal(interRouter!.unknownAt, interRouter!.header.offset + 20);
});

Deno.test("Ospf.lsas6() stops at a bogus prefix, a short LSA and the end of the capture", () => {
  const bogus = decodeOspf(BOGUS, 40).lsas6();
  assert.equal(bogus.stop, "truncated");
  assert.equal(bogus.entries[0]!.bogusPrefixLength, 129);
  assert.equal(decodeOspf(SHORT, 40).lsas6().entries[0]!.stop, "truncated");
  assert.equal(decodeOspf(ROUTER_NETWORK.subarray(0, 40 + 20 + 10), 40).lsas6(124).stop, "cut");
  assert.equal(decodeOspf(ROUTER_NETWORK.subarray(0, 40 + 20 + 10), 40).lsas6().stop, "truncated");
  assert.equal(decodeOspf(ROUTER_NETWORK.subarray(0, 40 + 18), 40).lsas6().stop, "cut");
  assert.deepEqual(decodeOspf(ROUTER_NETWORK, 40).lsaHeaders().entries, []);
});

Deno.test("readLsa6() stops at every field the LSA length or the capture cuts", () => {
  // The router LSA at byte 60: tcpdump's checks fail ("truncated") or its reads run past
  // the capture ("cut") at each of these ends.
  const d = ROUTER_NETWORK;
  assert.equal(readLsa6(d, 60, 60 + 19, d.length), "truncated");
  assert.equal(readLsa6(d, 60, d.length, 60 + 19), "cut");
  const at = (end: number) => readLsa6(d, 60, d.length, end);
  const stop = (end: number) => {
    const lsa = at(end);
    return typeof lsa === "string" ? lsa : [lsa.stop, lsa.links?.length];
  };
  assert.deepEqual(stop(60 + 20), ["cut", undefined]);
  assert.deepEqual(stop(60 + 24), ["truncated", 0]);
  assert.deepEqual(stop(60 + 40), ["truncated", 1]);
  assert.deepEqual(stop(60 + 72), [undefined, 3]);
  for (let end = 60; end <= d.length; end++) at(end);
});

Deno.test("printOspf() prints OSPFv3 LSAs and their bodies at -vv as tcpdump does", () => {
  const frames: Record<string, Uint8Array> = {
    ROUTER_NETWORK,
    PREFIXES,
    LINK_INTRA,
    GRACE_TE,
    BOGUS,
    SHORT,
    UNKNOWN,
  };
  for (const [name, frame] of Object.entries(frames)) {
    assert.equal(print(frame), EXPECTED[name], name);
    assert.equal(print(frame, 3), EXPECTED[name], name);
  }
});

Deno.test("printOspf() prints no OSPFv3 LSAs below -vv", () => {
  assert.equal(
    print(ROUTER_NETWORK, 1),
    EXPECTED.ROUTER_NETWORK!.split("\n").slice(0, 2).join("\n"),
  );
});

Deno.test("printOspf() ends an LS-Update cut by the capture with [|ospf3] as tcpdump does", () => {
  const lines = EXPECTED.ROUTER_NETWORK!.split("\n");
  // Cut inside the router LSA's second link: the first one is printed.
  assert.equal(
    print(ROUTER_NETWORK.subarray(0, 40 + 20 + 20 + 4 + 16 + 8), 2, ROUTER_NETWORK.length),
    lines.slice(0, 7).join("\n") + " [|ospf3]",
  );
  // Cut inside the count: nothing after the router ID.
  assert.equal(
    print(ROUTER_NETWORK.subarray(0, 40 + 18), 2, ROUTER_NETWORK.length),
    lines.slice(0, 2).join("\n") + " [|ospf3]",
  );
});

Deno.test("printOspf() prints an OSPFv3 Hello or DD cut in its fixed fields as tcpdump does", () => {
  const cut = (frame: Uint8Array, at: number) => print(frame.subarray(0, 40 + at), 2, frame.length);
  const hello = [
    "IP6 (class 0xe0, hlim 1, next-header OSPF (89) payload length: 44) fe80::1 > ff02::5: " +
    "OSPFv3, Hello, length 44",
    "\tRouter-ID 2.2.2.2, Area 0.0.0.1",
    "\tOptions [V6, External, Router]",
    "\t  Hello Timer 10s, Dead Timer 40s, Interface-ID 0.0.0.5, Priority 1",
    "\t  Designated Router 1.1.1.1",
    "\t  Neighbor List:",
    "\t    1.1.1.1",
  ];
  assert.equal(cut(HELLO, 16 + 10), hello.slice(0, 3).join("\n") + " [|ospf3]");
  assert.equal(cut(HELLO, 16 + 18), hello.slice(0, 5).join("\n") + " [|ospf3]");
  // The second neighbor, before the packet length, is cut by the capture.
  assert.equal(cut(HELLO, 16 + 26), hello.join("\n") + " [|ospf3]");
  const dd = [
    "IP6 (class 0xe0, hlim 1, next-header OSPF (89) payload length: 88) fe80::1 > ff02::5: " +
    "OSPFv3, Database Description, length 88",
    "\tRouter-ID 2.2.2.2, Area 0.0.0.1",
    "\tOptions [V6, External, Router]",
  ];
  assert.equal(cut(DD, 16 + 6), dd.join("\n") + " [|ospf3]");
  assert.equal(cut(DD, 16 + 10), dd.join("\n") + ", DD Flags [Init, More, Master] [|ospf3]");
  assert.equal(
    print(DD).split("\n").slice(-2).join("\n"),
    "\t  Advertising Router 1.1.1.1, seq 0x80000001, age 15s, length 18446744073709551600\n" +
      "\t    Router LSA (1), Area Local Scope, LSA-ID 0.0.0.0",
  );
  assert.equal(decodeOspf(DD, 40).databaseDescription!.captured, 12);
  assert.equal(decodeOspf(DD.subarray(0, 40 + 16 + 6), 40).databaseDescription!.captured, 6);
  assert.equal(decodeOspf(HELLO.subarray(0, 40 + 16 + 26), 40).hello!.neighborsCut, true);
});

Deno.test("printOspf() never throws on mutated OSPFv3 LSAs", async () => {
  const reader = await openCapture(
    new URL("../testdata/crafted/ospf6_lsas.pcap", import.meta.url).pathname,
  );
  const frames: Uint8Array[] = [];
  for await (const record of reader) frames.push(record.data.slice());
  assert.ok(frames.length > 100);
  let seed = 0x6f5f;
  const random = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed >>> 24;
  };
  for (let i = 0; i < 2000; i++) {
    const base = frames[(i * 7) % frames.length]!;
    const mutated = base.slice(0, base.length - (random() % 16));
    // Past the Ethernet, IPv6 and OSPF headers: the count and the LSAs.
    for (let n = random() % 6; n >= 0; n--) {
      mutated[70 + random() % Math.max(1, mutated.length - 70)] = random();
    }
    const text = printFrame(LinkType.EN10MB, mutated, { verbose: 2, hex: i % 3 === 0 ? 1 : 0 });
    assert.doesNotMatch(text, /undefined|NaN|Infinity|\[object/);
  }
});
