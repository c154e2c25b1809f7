import assert from "node:assert/strict";
import { decode } from "../lib/decode.ts";
import { DecodeError } from "../lib/errors.ts";
import { LinkType } from "../lib/link_type.ts";
import {
  AsPathCursor,
  Bgp,
  BgpAigpTlvs,
  BgpAttributeFields,
  BgpAttributeType,
  bgpDecoder,
  BgpExtendedCommunity,
  BgpRouteDistinguisher,
  BgpUpdateCursor,
  BgpUpdateItem,
  decodeBgp,
} from "../lib/app/bgp.ts";
import { printFrame } from "./_print_layer.ts";
import { BgpL2vpnRoute, L2vpnTlvCursor, L2vpnTlvItem } from "../lib/app/_bgp_l2vpn.ts";
import { type BgpMvpnRoute, MvpnEnd, readMvpnRoute } from "../lib/app/_bgp_mvpn.ts";
import { TcpdumpPrinter } from "../lib/print/mod.ts";
import { decodeHex as hex } from "../lib/_hex.ts";

// Written for this test: one segment with an OPEN (multiprotocol, 4-byte AS and Cisco
// route refresh capabilities), a KEEPALIVE and a NOTIFICATION (Cease, administrative
// shutdown, "bye!!"); `tcpdump -xx`.
const SEGMENT = hex(`
  0200 0000 0002 0200 0000 0001 0800 4500
  0087 0001 0000 4006 666e 0a00 0001 0a00
  0002 9c40 00b3 0000 03e8 0000 07d0 5018
  0400 ceba 0000 ffff ffff ffff ffff ffff
  ffff ffff ffff 0031 0104 fde9 005a 0a00
  0001 1402 0601 0400 0100 0102 0641 0400
  00fd e802 0280 00ff ffff ffff ffff ffff
  ffff ffff ffff ff00 1304 ffff ffff ffff
  ffff ffff ffff ffff ffff 001b 0306 0205
  6279 6521 21`);

function print(frame: Uint8Array, verbose = 0, originalLength = frame.length): string {
  return new TcpdumpPrinter({ timestamps: "none", verbose }).format(
    decode(LinkType.EN10MB, frame),
    { seconds: 0, nanoseconds: 0, originalLength },
  );
}

Deno.test("decodeBgp() finds the messages by their markers", () => {
  const bgp = decode(LinkType.EN10MB, SEGMENT).layers.at(-1);
  assert.ok(bgp instanceof Bgp);
  assert.deepEqual(bgp.messages.map((m) => [m.type, m.length, m.complete]), [
    [1, 49, true],
    [4, 19, true],
    [3, 27, true],
  ]);
  assert.equal(bgpDecoder.create().kind, "bgp");
});

Deno.test("Bgp reads OPEN, its parameters and capabilities, NOTIFICATION and ROUTE-REFRESH", () => {
  const bgp = decode(LinkType.EN10MB, SEGMENT).layers.at(-1);
  assert.ok(bgp instanceof Bgp);
  const [open, , notification] = bgp.messages;
  const fields = bgp.open(open!.offset);
  assert.deepEqual(fields, {
    version: 4,
    myAs: 65001,
    holdTime: 90,
    identifier: "10.0.0.1",
    optionsLength: 20,
    optionsAt: open!.offset + 29,
  });
  const option = bgp.tlvAt(fields!.optionsAt)!;
  assert.deepEqual([option.type, option.length, option.captured], [2, 6, true]);
  const multiprotocol = bgp.tlvAt(option.valueAt)!;
  assert.deepEqual([multiprotocol.type, multiprotocol.length], [1, 4]);
  assert.deepEqual(bgp.multiprotocolAt(multiprotocol.valueAt), { afi: 1, safi: 1 });
  const as4 = bgp.tlvAt(option.valueAt + 6 + 2)!;
  assert.deepEqual([as4.type, bgp.as4At(as4.valueAt)], [65, 65000]);
  assert.deepEqual(bgp.notification(notification!.offset), {
    major: 6,
    minor: 2,
    communicationLength: 5,
  });
  assert.equal(bgp.open(notification!.offset + 19), undefined);

  const marker = new Array(16).fill(0xff);
  const refresh = decodeBgp(new Uint8Array([...marker, 0, 23, 5, 0, 2, 0, 128]));
  assert.deepEqual(refresh.routeRefresh(0), { afi: 2, safi: 128 });
  assert.equal(
    decodeBgp(new Uint8Array([...marker, 0, 23, 5, 0, 2, 0])).routeRefresh(0),
    undefined,
  );
  const cut = decodeBgp(new Uint8Array([...marker, 0, 21, 3, 6]));
  assert.equal(cut.notification(0), undefined);
  const short = decodeBgp(new Uint8Array([...marker, 0, 21, 3, 6, 1]));
  assert.equal(short.notification(0)?.communicationLength, -1);
  const cutTlv = decodeBgp(new Uint8Array([65, 4, 0, 0]));
  assert.equal(cutTlv.tlvAt(0)?.captured, false);
  assert.equal(cutTlv.tlvAt(3), undefined);

  // Graceful Restart: R flag and 120 s, then two whole family entries and a byte over.
  const restart = decodeBgp(new Uint8Array([0x80, 0x78, 0, 1, 1, 0x80, 0, 2, 1, 0, 0xff]));
  assert.deepEqual(restart.restartAt(0), { flags: 8, time: 120 });
  assert.deepEqual(restart.familyEntriesAt(2, 9), [
    { afi: 1, safi: 1, value: 0x80 },
    { afi: 2, safi: 1, value: 0 },
  ]);
  assert.deepEqual(
    decodeBgp(new Uint8Array([0, 1, 0, 4, 0, 0, 0, 0])).maxPrefixesAt(0),
    { afi: 1, safi: 0, limit: 0x04000000 },
  );
});

Deno.test("decodeBgp() rejects an empty segment", () => {
  assert.throws(() => decodeBgp(new Uint8Array(0)), DecodeError);
});

Deno.test("printBgp() prints OPEN, KEEPALIVE and NOTIFICATION as tcpdump does", () => {
  assert.equal(
    print(SEGMENT),
    "IP 10.0.0.1.40000 > 10.0.0.2.179: Flags [P.], seq 1000:1095, ack 2000, win 1024, length 95: BGP",
  );
  assert.equal(
    print(SEGMENT, 1),
    [
      "IP (tos 0x0, ttl 64, id 1, offset 0, flags [none], proto TCP (6), length 135)",
      "    10.0.0.1.40000 > 10.0.0.2.179: Flags [P.], cksum 0xceba (correct), seq 1000:1095, ack 2000, win 1024, length 95: BGP",
      "\tOpen Message (1), length: 49",
      "\t  Version 4, my AS 65001, Holdtime 90s, ID 10.0.0.1",
      "\t  Optional parameters, length: 20",
      "\t    Option Capabilities Advertisement (2), length: 6",
      "\t      Multiprotocol Extensions (1), length: 4",
      "\t\tAFI IPv4 (1), SAFI Unicast (1)",
      "\t    Option Capabilities Advertisement (2), length: 6",
      "\t      32-Bit AS Number (65), length: 4",
      "\t\t 4 Byte AS 65000",
      "\t    Option Capabilities Advertisement (2), length: 2",
      "\t      Route Refresh (Cisco) (128), length: 0",
      "\tKeepalive Message (4), length: 19",
      '\tNotification Message (3), length: 27, Cease (6), subcode Administrative Shutdown (2), Shutdown Communication (length: 5): "bye!!"',
    ].join("\n"),
  );
});

Deno.test("printBgp() marks a message cut by the capture as tcpdump does", () => {
  assert.match(
    print(SEGMENT.subarray(0, 100), 1, SEGMENT.length),
    /length 95: BGP\n\[\|BGP Open\]$/,
  );
});

// An UPDATE: withdrawn 10.9.0.0/16; ORIGIN, a 4-byte AS_PATH (4200000000 65001) with the
// extended-length flag, MP_REACH_NLRI for IPv6 unicast (global and link-local next hops,
// 2001:db8::/32); NLRI 10.0.0.0/8 and 192.168.1.128/25.
const UPDATE_BODY = hex(`
  0003 100a 0900 4040 0101 0050 0200 0a02
  02fa 56ea 0000 00fd e990 0e00 2a00 0201
  2020 010d b800 0000 0000 0000 0000 0000
  01fe 8000 0000 0000 0000 0000 0000 0000
  0100 2020 010d b808 0a19 c0a8 01ff`);

function bgpMessage(type: number, body: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(19 + body.length).fill(0xff);
  bytes.set([(19 + body.length) >> 8, (19 + body.length) & 0xff, type], 16);
  bytes.set(body, 19);
  return bytes;
}

/** An Ethernet/IPv4/TCP frame to port 179 around `payload` (checksums left zero). */
function tcpFrame(payload: Uint8Array): Uint8Array {
  const frame = new Uint8Array(54 + payload.length);
  frame.set([0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 1, 0x08, 0x00, 0x45, 0]);
  frame.set([(40 + payload.length) >> 8, (40 + payload.length) & 0xff, 0, 1, 0, 0, 64, 6], 16);
  frame.set([10, 0, 0, 1, 10, 0, 0, 2, 0x9c, 0x40, 0, 179, 0, 0, 3, 0xe8, 0, 0, 0, 1], 26);
  frame.set([0x50, 0x18, 0x40, 0, 0, 0, 0, 0], 46);
  frame.set(payload, 54);
  return frame;
}

Deno.test("BgpUpdateCursor walks withdrawn routes, attributes and NLRI", () => {
  const message = bgpMessage(2, UPDATE_BODY);
  const cursor = new BgpUpdateCursor().reset(message, 0, message.length, message.length);
  const items: unknown[] = [];
  for (let item = cursor.next(); item !== BgpUpdateItem.DONE; item = cursor.next()) {
    if (item === BgpUpdateItem.PREFIX) items.push(["prefix", cursor.at, cursor.bits]);
    else if (item === BgpUpdateItem.ATTRIBUTE) {
      items.push(["attribute", cursor.type, cursor.flags, cursor.length, cursor.valueAt]);
    } else items.push(item);
  }
  assert.deepEqual(items, [
    BgpUpdateItem.WITHDRAWN,
    ["prefix", 21, 16],
    ["attribute", BgpAttributeType.ORIGIN, 0x40, 1, 29],
    ["attribute", BgpAttributeType.AS_PATH, 0x50, 10, 34],
    ["attribute", BgpAttributeType.MP_REACH_NLRI, 0x90, 42, 48],
    BgpUpdateItem.UPDATED,
    ["prefix", 90, 8],
    ["prefix", 92, 25],
  ]);
  assert.equal(cursor.addPath, false);
});

Deno.test("BgpUpdateCursor reports End-of-RIB, short attributes and truncation", () => {
  const walk = (body: string) => {
    const message = bgpMessage(2, hex(body));
    const cursor = new BgpUpdateCursor().reset(message, 0, message.length, message.length);
    const items = [];
    for (let item = cursor.next(); item !== BgpUpdateItem.DONE; item = cursor.next()) {
      items.push(item);
    }
    return items;
  };
  assert.deepEqual(walk("0000 0000"), [BgpUpdateItem.END_OF_RIB]);
  assert.deepEqual(walk("0000 0006 4002 0902 0100 080a"), [
    BgpUpdateItem.VALUE_SHORT,
    BgpUpdateItem.UPDATED,
    BgpUpdateItem.PREFIX,
  ]);
  assert.deepEqual(walk("0000 0005 4001 0100 40 080a"), [
    BgpUpdateItem.ATTRIBUTE,
    BgpUpdateItem.ATTRIBUTES_SHORT,
    BgpUpdateItem.UPDATED,
    BgpUpdateItem.PREFIX,
  ]);
  assert.deepEqual(walk("0028 080a 0000"), [BgpUpdateItem.TRUNCATED]);
  assert.deepEqual(walk("0000 0000 2101 0203"), [
    BgpUpdateItem.UPDATED,
    BgpUpdateItem.ILLEGAL_PREFIX,
  ]);
  // Add-Path: the prefixes read well only after a 4-byte path identifier.
  const message = bgpMessage(2, hex("0000 0000 0000 0001 080a 0000 0002 180a 0102"));
  const cursor = new BgpUpdateCursor().reset(message, 0, message.length, message.length);
  assert.equal(cursor.next(), BgpUpdateItem.UPDATED);
  assert.equal(cursor.addPath, true);
  assert.equal(cursor.next(), BgpUpdateItem.PREFIX);
  assert.deepEqual([cursor.pathId, cursor.bits], [1, 8]);
  assert.equal(cursor.next(), BgpUpdateItem.PREFIX);
  assert.deepEqual([cursor.pathId, cursor.bits], [2, 24]);
});

Deno.test("AsPathCursor guesses 2- or 4-byte AS numbers as tcpdump does", () => {
  const read = (type: number, value: string) => {
    const bytes = hex(value);
    const path = new AsPathCursor().reset(bytes, type, 0, bytes.length, bytes.length);
    const out: number[][] = [];
    while (path.nextSegment()) {
      const numbers = [path.segmentType];
      for (let i = 0; i < path.count; i++) numbers.push(path.number(i));
      out.push(numbers);
    }
    return [path.size, out];
  };
  assert.deepEqual(read(2, "0202 fde9 fdf2 0101 0001"), [2, [[2, 65001, 65010], [1, 1]]]);
  assert.deepEqual(read(2, "0202 fa56 ea00 0000 fde9"), [4, [[2, 4200000000, 65001]]]);
  assert.deepEqual(read(17, "0301 0000 0001"), [4, [[3, 1]]]);
  // A count past the captured bytes: the number reads as -1.
  assert.deepEqual(read(2, "0202 0001"), [4, [[2, -1, -1]]]);
});

Deno.test("printBgp() prints an UPDATE's routes and attributes as tcpdump does", () => {
  const text = print(tcpFrame(bgpMessage(2, UPDATE_BODY)), 1).split("\n").slice(2);
  assert.deepEqual(text, [
    "\tUpdate Message (2), length: 97",
    "\t  Withdrawn routes:",
    "\t    10.9.0.0/16",
    "\t  Origin (1), length: 1, Flags [T]: IGP",
    "\t  AS Path (2), length: 10, Flags [TE]: 4200000000 65001 ",
    "\t  Multi-Protocol Reach NLRI (14), length: 42, Flags [OE]: ",
    "\t    AFI: IPv6 (2), SAFI: Unicast (1)",
    "\t    nexthop: 2001:db8::1, fe80::1, nh-length: 32, no SNPA",
    "\t      2001:db8::/32",
    "\t  Updated routes:",
    "\t    10.0.0.0/8",
    "\t    192.168.1.128/25",
  ]);
});

Deno.test("decode() and printBgp() never throw on mutated UPDATE messages", () => {
  let seed = 0xb6b;
  const random = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed >>> 24;
  };
  const bodies = [
    UPDATE_BODY,
    hex("0000 0018 c010 1000 0200 0100 0000 6440 0400 0000 0000 0064"),
    hex("0000 0015 c020 0c00 00fd e900 0000 0100 0000 02c0 8004 0000 0007"),
    hex("0000 001b 800e 1800 0180 0c00 0000 0000 0000 0101 0203 0400 7000 6411 0a02 03"),
    // Layer 2 VPN (VPLS) and multicast VPN routes.
    hex(`0000 0026 800e 2300 1941 04c0 0002 0100 0018 0000 fde9 0000 0007 0001 0002 0010
      0101 0010 1234 0500 0800`),
    hex(`0000 0038 800e 3500 0105 04c0 0002 0100 0316 0000 fde9 0000 0007 200a 0000 0520
      e800 0005 c000 020c 0612 0000 fde9 0000 0007 0000 fde9 0801 18ef 0000`),
  ];
  let printed = 0;
  for (let i = 0; i < 3000; i++) {
    const body = bodies[i % bodies.length]!.slice();
    for (let n = random() % 6; n >= 0; n--) body[random() % body.length] = random();
    const segment = bgpMessage(2, body);
    if (i % 5 === 0) segment[17] = random(); // any message length
    const frame = tcpFrame(segment);
    const cut = i % 7 === 0 ? frame.subarray(0, 54 + random() % segment.length) : frame;
    for (const verbose of [0, 1, 2]) {
      const text = printFrame(LinkType.EN10MB, cut, { verbose, hex: i % 3 === 0 ? 1 : 0 });
      assert.doesNotMatch(text, /undefined|NaN|\[object/);
      printed++;
    }
    JSON.stringify(decode(LinkType.EN10MB, cut));
  }
  assert.equal(printed, 9000);
});

Deno.test("L2vpnTlvCursor stops moving over circuit status bytes when tcpdump's buffer is full", () => {
  // A circuit status vector of 4 bytes, then an unknown TLV of 1 byte.
  const tlvs = hex("0100 20aa bbcc dd05 0008 ee");
  const read = (room: number) => {
    const cursor = new L2vpnTlvCursor().reset(tlvs, 0, tlvs.length - 3, tlvs.length);
    const out: unknown[] = [];
    for (let item = cursor.next(); item === L2vpnTlvItem.TLV; item = cursor.next()) {
      out.push([cursor.type, cursor.bits, cursor.value(room), cursor.shown]);
    }
    return out;
  };
  assert.deepEqual(read(100), [[1, 32, L2vpnTlvItem.DONE, 4], [5, 8, L2vpnTlvItem.DONE, 0]]);
  // Room for 3 characters: 2 bytes are passed over, and the next header is read inside the vector.
  assert.deepEqual(read(3), [[1, 32, L2vpnTlvItem.DONE, 2], [
    0xcc,
    0xdd05,
    L2vpnTlvItem.VALUE_RAN_PAST,
    0,
  ]]);
});

Deno.test("readMvpnRoute() finds an S-PMSI route's parts as tcpdump reads them", () => {
  const route = hex("0316 0000 fde9 0000 0007 200a 0000 0520 e800 0005 c000 020c");
  const into = {} as BgpMvpnRoute;
  assert.equal(readMvpnRoute(route, 0, route.length, into), 0);
  assert.deepEqual(
    [into.type, into.length, into.rdAt, into.sourceAt, into.groupAt, into.originatorAt],
    [3, 22, 2, 11, 16, 10],
  );
  // The originator's length is the route's less the source and group: 12 bytes.
  assert.equal(into.originatorBits, 96);
  assert.equal(readMvpnRoute(route, 0, 8, into), MvpnEnd.TRUNCATED);
  assert.equal(readMvpnRoute(route, 0, 1, into), MvpnEnd.CUT);
});

Deno.test("BgpExtendedCommunity reads the fields of each layout (RFC 4360, 5668, 7153)", () => {
  const community = new BgpExtendedCommunity();
  // Route targets of a 2-byte AS, an IPv4 address and a 4-byte AS (RFC 5668).
  const as2 = community.reset(hex("0002fde900000064"), 0);
  assert.deepEqual([as2.type, as2.globalAs, as2.localNumber], [0x0002, 65001, 100]);
  const ipv4 = community.reset(hex("0102c000020100c8"), 0);
  assert.deepEqual([ipv4.type, ipv4.globalAddressAt, ipv4.localNumber], [0x0102, 2, 200]);
  const as4 = community.reset(hex("0202000186a0012c"), 0);
  assert.deepEqual([as4.type, as4.globalAs, as4.localNumber], [0x0202, 100000, 300]);
  // OSPF route type: area 0.0.0.1, external (5), metric type 2; layer 2 info; encapsulation.
  const ospf = community.reset(hex("0306000000010501"), 0);
  assert.deepEqual([ospf.globalAddressAt, ospf.ospfRouteType, ospf.ospfOptions], [2, 5, 1]);
  const l2 = community.reset(hex("800a130005dc0000"), 0);
  assert.deepEqual([l2.l2Encapsulation, l2.l2ControlFlags, l2.l2Mtu], [19, 0, 1500]);
  assert.equal(community.reset(hex("030c000000000008"), 0).tunnelType, 8); // VXLAN
});

Deno.test("BgpRouteDistinguisher reads types 0, 1 and 2 (RFC 4364)", () => {
  const rd = new BgpRouteDistinguisher();
  rd.reset(hex("0000fde900000007"), 0);
  assert.deepEqual([rd.type, rd.administrator, rd.assigned, rd.assignedAt], [0, 65001, 7, 4]);
  rd.reset(hex("ff0001c0000201000a"), 1);
  assert.deepEqual([rd.type, rd.administratorAt, rd.assigned], [1, 3, 10]);
  rd.reset(hex("0002000186a00014"), 0);
  assert.deepEqual([rd.type, rd.administrator, rd.assigned], [2, 100000, 20]);
});

Deno.test("BgpAttributeFields reads AGGREGATOR, LARGE_COMMUNITY and PMSI_TUNNEL values", () => {
  const fields = new BgpAttributeFields();
  // AS4_AGGREGATOR: a 4-byte AS, then the address.
  fields.reset(hex("000186a0c0000201"), 0, 8);
  assert.deepEqual([fields.aggregatorAs, fields.aggregatorAddressAt], [100000, 4]);
  // RFC 8092: 64496:1:2, then 64497:3:4.
  fields.reset(hex("0000fbf00000000100000002" + "0000fbf10000000300000004"), 0, 24);
  assert.deepEqual(
    [0, 1, 2].map((part) => fields.largeCommunity(1, part as 0 | 1 | 2)),
    [64497, 3, 4],
  );
  // PMSI tunnel: leaf information required, ingress replication (6), label 16.
  fields.reset(hex("0106000100c0000201"), 0, 9);
  assert.deepEqual(
    [fields.pmsiFlags, fields.pmsiTunnelType, fields.pmsiLabel, fields.pmsiIdentifierAt],
    [1, 6, 16, 5],
  );
  const aigp = new BgpAigpTlvs().reset(hex("01000b00000000000003e8"), 0, 11);
  assert.ok(aigp.next());
  assert.deepEqual([aigp.type, aigp.length, aigp.metric, aigp.left], [1, 11, 1000n, 8]);
});

Deno.test("BgpL2vpnRoute reads a VPLS route's fixed fields (RFC 4761)", () => {
  const route = new BgpL2vpnRoute().reset(
    hex("0011" + "0000fde900000007" + "0005" + "0002" + "0008" + "0c3501"),
    0,
  );
  assert.deepEqual(
    [route.length, route.rdAt, route.ceId, route.labelBlockOffset, route.labelBlockSize],
    [17, 2, 5, 2, 8],
  );
  assert.equal(route.labelBase, 0x0c350);
  assert.equal(route.tlvsAt, 17);
});
