import assert from "node:assert/strict";
import { decodeUdpApp, udpAppLine, udpAppPacket } from "./_udp_app.ts";
import { printFrame } from "./_print_layer.ts";
import { decode } from "../lib/decode.ts";
import { DecodeError } from "../lib/errors.ts";
import { LinkType } from "../lib/link_type.ts";
import { decodeRadius, Radius, radiusDecoder } from "../lib/app/radius.ts";

const AUTH = Array.from({ length: 16 }, (_, i) => 0xa0 + i);
const V6 = [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1];

/** An attribute of `type` whose value is `value`. */
function attr(type: number, value: number[] | string): number[] {
  const bytes = typeof value === "string" ? Array.from(value, (c) => c.charCodeAt(0)) : value;
  return [type, bytes.length + 2, ...bytes];
}

/** A RADIUS packet of `code` holding `attributes` (its length field `length`, by default the packet's). */
function radius(code: number, attributes: number[][], length?: number): Uint8Array {
  const body = attributes.flat();
  const n = length ?? 20 + body.length;
  return new Uint8Array([code, 0x5a, n >> 8, n & 0xff, ...AUTH, ...body]);
}

const u32 = (v: number) => [v >>> 24, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];

/** What the printer writes after the UDP header, on port 1812, at `verbose`. */
function print(payload: Uint8Array, verbose = 1, snapLength?: number): string {
  const spec = { sourcePort: 40000, destinationPort: 1812, snapLength };
  return udpAppLine(payload, spec, verbose).replace(/^.*?1812: (\[udp sum ok\] )?/s, "");
}

/** The attribute lines of a packet holding `attributes`, printed at `verbose`. */
function lines(attributes: number[][], verbose = 1): string[] {
  return print(radius(1, attributes), verbose).split(/\n\t {2}(?=\S)/).slice(1);
}

const REQUEST = radius(1, [
  attr(1, "bob"),
  attr(5, u32(7)),
  attr(4, [10, 0, 0, 1]),
  attr(26, [...u32(9), ...attr(1, "abcd")]),
]);

Deno.test("decodeRadius() reads the header and lists the attributes", () => {
  const layer = decodeRadius(REQUEST);
  assert.ok(layer instanceof Radius);
  assert.deepEqual([layer.code, layer.identifier, layer.declaredLength], [1, 0x5a, 49]);
  assert.equal(layer.authenticatorOffset, 4);
  const { attributes, stop } = layer.attributes();
  assert.equal(stop, "end");
  assert.deepEqual(attributes.map((a) => [a.type, a.offset, a.length]), [
    [1, 20, 5],
    [5, 25, 6],
    [4, 31, 6],
    [26, 37, 12],
  ]);
  assert.equal(radiusDecoder.create().kind, "radius");
  const packet = decodeUdpApp(REQUEST, { sourcePort: 40000, destinationPort: 1645 });
  assert.deepEqual(packet.layers.slice(0, packet.count).map((l) => l.kind), [
    "ipv4",
    "udp",
    "radius",
  ]);
});

Deno.test("decodeRadius() rejects a truncated header", () => {
  assert.throws(() => decodeRadius(REQUEST.subarray(0, 19)), DecodeError);
  const packet = decodeUdpApp(REQUEST, {
    sourcePort: 1813,
    destinationPort: 40000,
    snapLength: 40,
  });
  assert.equal(packet.layers[packet.count - 1]!.kind, "udp");
});

Deno.test("Radius.attributes() stops at a short, overrunning or cut attribute", () => {
  const stop = (bytes: number[][], length?: number) =>
    decodeRadius(radius(1, bytes, length)).attributes().stop;
  assert.equal(stop([attr(1, "a"), [1, 1]]), "short");
  assert.equal(stop([attr(1, "a"), [1, 9, 0]]), "long");
  assert.equal(stop([attr(1, "a"), [1]]), "cut");
  assert.equal(stop([attr(1, "a"), attr(1, "b")], 22), "long");
  const cut = decode(
    LinkType.RAW,
    udpAppPacket(REQUEST, { sourcePort: 1, destinationPort: 1812 }).subarray(0, 49),
  );
  assert.deepEqual(cut.layer("radius")!.attributes().stop, "cut");
});

Deno.test("printRadius() prints the one-line form without -v, as tcpdump does", () => {
  assert.equal(print(REQUEST, 0), "RADIUS, Access-Request (1), id: 0x5a length: 49");
  assert.equal(print(radius(44, []), 0), "RADIUS, CoA-ACK (44), id: 0x5a length: 20");
  assert.equal(print(radius(99, []), 0), "RADIUS, Unknown Command (99), id: 0x5a length: 20");
  // The length printed is the datagram's when the field says more; below 20 is cut.
  assert.equal(print(radius(2, [], 200), 0), "RADIUS, Access-Accept (2), id: 0x5a length: 20");
  assert.equal(print(radius(2, [], 19), 0), " [|radius]");
});

Deno.test("printRadius() prints every attribute with -v and their bytes with -vv", () => {
  assert.equal(
    print(REQUEST),
    "RADIUS, length: 49\n\tAccess-Request (1), id: 0x5a, Authenticator: " +
      "a0a1a2a3a4a5a6a7a8a9aaabacadaeaf" +
      "\n\t  User-Name Attribute (1), length: 5, Value: bob" +
      "\n\t  NAS-Port Attribute (5), length: 6, Value: 7" +
      "\n\t  NAS-IP-Address Attribute (4), length: 6, Value: 10.0.0.1" +
      "\n\t  Vendor-Specific Attribute (26), length: 12, Value: Vendor: Cisco (9)" +
      "\n\t    Vendor Attribute: 1, Length: 4, Value: abcd",
  );
  assert.deepEqual(lines([attr(1, "bob")], 2), [
    "User-Name Attribute (1), length: 5, Value: bob\n\t    0x0000:  626f 62",
  ]);
});

Deno.test("printRadius() prints numbers, names, tags and durations as print_attr_num()", () => {
  assert.deepEqual(
    lines([
      attr(6, u32(2)),
      attr(6, u32(20)),
      attr(10, u32(0)),
      attr(23, u32(0xfffffffe)),
      attr(27, u32(5)),
      attr(46, u32(3599)),
      attr(27, u32(363599)),
      attr(37, u32(0)),
      attr(38, u32(0)),
      attr(56, [0x31, 0, 0, 0x7b]),
      attr(64, [0, 0, 0, 0x0d]),
      attr(65, [1, 0, 0, 0x0f]),
      attr(83, [9, 1, 0, 0]),
      attr(5, [0, 1]),
    ]),
    [
      "Service-Type Attribute (6), length: 6, Value: Framed",
      "Service-Type Attribute (6), length: 6, Value: #20",
      "Framed-Routing Attribute (10), length: 6, Value: None",
      "Framed-IPX-Network Attribute (23), length: 6, Value: NAS Select",
      "Session-Timeout Attribute (27), length: 6, Value: 05 secs",
      "Acct-Session-Time Attribute (46), length: 6, Value: 59:59 min",
      "Session-Timeout Attribute (27), length: 6, Value: 100:59:59 hours",
      "Framed-AppleTalk-Link Attribute (37), length: 6, Value: Unnumbered",
      "Framed-AppleTalk-Network Attribute (38), length: 6, Value: NAS assigned",
      "Egress-VLANID Attribute (56), length: 6, Value: Tagged (0x31) 123",
      "Tunnel-Type Attribute (64), length: 6, Value: Tag[Unused] VLAN",
      "Tunnel-Medium-Type Attribute (65), length: 6, Value: Tag[1] E.164 with NSAP subaddress",
      "Tunnel-Preference Attribute (83), length: 6, Value: Tag[9] 65536",
      "NAS-Port Attribute (5), length: 4, Value: ERROR: length 2 != 4",
    ],
  );
});

Deno.test("printRadius() prints addresses, prefixes, strings and EAP as tcpdump does", () => {
  assert.deepEqual(
    lines([
      attr(8, u32(0xffffffff)),
      attr(95, V6),
      attr(97, [0, 0x30, ...V6.slice(0, 4)]),
      attr(123, [0, 0x38, ...V6.slice(0, 7)]),
      attr(125, [0x40, ...V6]),
      attr(1, [0x62, 1, 0x7f, 0xff, 0, 0x62]),
      attr(69, [5, 0x12, 0x34, 0x73]),
      attr(82, "Aid"),
      attr(58, [0, 0x67]),
      attr(79, [2, 1, 0, 10, 1, ...Array.from("alice", (c) => c.charCodeAt(0))]),
      attr(79, [1, 5, 0, 10, 13, 0x80, 0, 0, 1, 0]),
    ]),
    [
      "Framed-IP-Address Attribute (8), length: 6, Value: User Selected",
      "NAS-IPv6-Address Attribute (95), length: 18, Value: 2001:db8:0:1::1",
      "Framed-IPv6-Prefix Attribute (97), length: 8, Value: 2001:db8::/48 (inconsistent prefix length)",
      "Delegated-IPv6-Prefix Attribute (123), length: 11, Value: 2001:db8::/56",
      "MIP6-Home-Link-Prefix Attribute (125), length: 19, Value: 2001:db8:0:1::1/64",
      "User-Name Attribute (1), length: 8, Value: b...",
      "Tunnel-Password Attribute (69), length: 6, Value: Tag[5] Salt 4660 s",
      "Tunnel-Assignment-ID Attribute (82), length: 5, Value: Aid",
      "Egress-VLAN-Name Attribute (58), length: 4, Value: Unknown tag (0x00) g",
      "EAP-Message Attribute (79), length: 12, Value: Response (2), id 1, len 10" +
      "\n\t\t Type Identity (1), Identity: alice",
      "EAP-Message Attribute (79), length: 12, Value: Request (1), id 5, len 10" +
      "\n\t\t Type TLS (13) flags [L bit] 0x80, len 256",
    ],
  );
});

Deno.test("printRadius() prints ARAP, Error-Cause, times, location and MIP6 attributes", () => {
  const ntp = [0xe8, 0x75, 0x6a, 0x00, 0x80, 0, 0, 0];
  assert.deepEqual(
    lines([
      attr(70, Array.from({ length: 16 }, (_, i) => i + 1)),
      attr(71, [1, 8, ...Array.from({ length: 12 }, (_, i) => 0x10 + i)]),
      attr(84, [0xa0, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8, 0xa9]),
      attr(101, u32(999)),
      attr(55, u32(1234567890)),
      attr(124, [0, 3, 0xff, 0, 0, 0, 0, 3]),
      attr(126, [0x31, 0x61, 0xff]),
      attr(127, [0, 1, 0, 1, ...ntp, 0, 0, 0, 0, 0, 0, 0, 0, 0x47]),
      attr(128, [0, 3, 0x30, 0x31]),
      attr(129, [0x80, 1, ...ntp]),
    ]),
    [
      "ARAP-Password Attribute (70), length: 18, Value: " +
      "User_challenge (0102030405060708) User_resp(090A0B0C0D0E0F10)",
      "ARAP-Features Attribute (71), length: 16, Value: User can change password, " +
      "Min password length: 8, created at: 10111213, expires in: 14151617, Current Time: 18191A1B",
      "ARAP-Challenge-Response Attribute (84), length: 12, Value: A0A1A2A3A4A5A6A7",
      "Error-Cause Attribute (101), length: 6, Value: Error cause 999: Error-Cause 999 not known",
      "Event-Timestamp Attribute (55), length: 6, Value: Fri Feb 13 23:31:30 2009",
      "MIP6-Feature-Vector Attribute (124), length: 10, Value: [MIP6_INTEGRATED, " +
      "LOCAL_HOME_AGENT_ASSIGNMENT, PMIP6_SUPPORTED, IP4_HOA_SUPPORTED, LOCAL_MAG_ROUTING_SUPPORTED, " +
      "ASSIGN_LOCAL_IP, MIP4_SUPPORTED, OPTIMIZED_IDLE_MODE_MOBILITY, GTPv2_SUPPORTED, " +
      "IP4_TRANSPORT_SUPPORTED, IP4_HOA_ONLY_SUPPORTED, INTER_MAG_ROUTING_SUPPORTED]",
      "Operator-Name Attribute (126), length: 5, Value: [REALM] aM-^?",
      "Location-Information Attribute (127), length: 23, Value: index 1, code Civic, " +
      "entity RADIUS, sighting time 3900008960.500000000 (2023-08-02T23:49:20Z), " +
      'time to live 0.000000000, method "G"',
      "Location-Data Attribute (128), length: 6, Value: index 3, location" +
      "\n\t    0x0000:  3031                                     01",
      "Basic-Location-Policy-Rules Attribute (129), length: 12, Value: " +
      "flags [MBZ-15, Retransmission Allowed], retention expires " +
      "3900008960.500000000 (2023-08-02T23:49:20Z)",
    ],
  );
});

Deno.test("printRadius() marks bogus lengths and cuts where tcpdump does", () => {
  assert.deepEqual(lines([attr(1, "a"), [1, 1]]).slice(1), [
    "User-Name Attribute (1), length: 1 (bogus, must be >= 2)",
  ]);
  assert.deepEqual(lines([[0, 9, 0]]), [
    "Unknown Attribute (0), length: 9 (bogus, goes past end of packet)",
  ]);
  assert.equal(
    lines([attr(1, "a"), [1]])[0],
    "User-Name Attribute (1), length: 3, Value: a [|radius]",
  );
  // A value the capture cuts: a checked string goes on to the next header, a read number stops.
  const string = radius(1, [attr(1, "abcdef"), attr(1, "x")]);
  assert.equal(
    print(string, 1, 28 + 22).split("\n\t  ")[1],
    "User-Name Attribute (1), length: 8, Value:  [|radius] [|radius]",
  );
  const tunnel = radius(4, [attr(64, [5, 0, 0, 0x0d])]);
  assert.equal(
    print(tunnel, 1, 28 + 23).split("\n\t  ")[1],
    "Tunnel-Type Attribute (64), length: 6, Value: Tag[5]  [|radius]",
  );
});

Deno.test("printUdp() prints a datagram shorter than the RADIUS header as tcpdump", () => {
  const line = (payload: Uint8Array, port: number) =>
    udpAppLine(payload, { sourcePort: 40000, destinationPort: port });
  assert.equal(line(new Uint8Array(0), 1812), "IP 10.0.0.1.40000 > 10.0.0.2.1812:  [|radius]");
  assert.equal(
    line(REQUEST.subarray(0, 19), 3799),
    "IP 10.0.0.1.40000 > 10.0.0.2.3799:  [|radius]",
  );
  // udp_print() tries 1645 before 1700, and RADIUS before HSRP (1985).
  const both = udpAppLine(REQUEST, { sourcePort: 1700, destinationPort: 1985 });
  assert.match(both, /: RADIUS, Access-Request/);
});

Deno.test("decode() and printRadius() never throw on mutated RADIUS packets", () => {
  let seed = 0x1812;
  const random = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed >>> 24;
  };
  const base = radius(1, [
    attr(1, "bob"),
    attr(64, [1, 0, 0, 3]),
    attr(26, [...u32(9), ...attr(1, "x")]),
    attr(79, [2, 1, 0, 6, 1, 0x61]),
    attr(97, [0, 64, ...V6.slice(0, 8)]),
    attr(127, new Array(21).fill(0)),
  ]);
  let printed = 0;
  for (let i = 0; i < 3000; i++) {
    const bytes = base.slice(0, 1 + random() % (base.length + 4));
    for (let n = random() % 6; n >= 0; n--) bytes[random() % bytes.length] = random();
    if (i % 2 === 0 && bytes.length > 20) bytes[20] = random() % 140; // any type
    const packet = udpAppPacket(bytes, { sourcePort: 40000, destinationPort: 1812 });
    for (const verbose of [0, 1, 2]) {
      const text = printFrame(LinkType.RAW, packet, { verbose, hex: i % 3 === 0 ? 1 : 0 });
      assert.doesNotMatch(text, /undefined|NaN|\[object|Invalid/);
      printed++;
    }
    JSON.stringify(decode(LinkType.RAW, packet));
  }
  assert.equal(printed, 9000);
});
