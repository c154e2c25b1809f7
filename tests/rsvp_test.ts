import assert from "node:assert/strict";
import { decode } from "../lib/decode.ts";
import { DecodeError } from "../lib/errors.ts";
import { LinkType } from "../lib/link_type.ts";
import { decodeRsvp, Rsvp, rsvpDecoder } from "../lib/net/rsvp.ts";
import { TcpdumpPrinter } from "../lib/print/mod.ts";
import { decodeHex as hex } from "../lib/_hex.ts";
import { buildEthernet, buildIpv4 } from "../lib/craft/mod.ts";

// Written for this test: a Path message with Session, RSVP Hop, Time Values, Style and
// Sender Template objects; `tcpdump -xx`.
const PATH = hex(`
  0200 0000 0002 0200 0000 0001 0800 4500
  0050 0001 0000 402e 667d 0a00 0001 0a00
  0002 1001 ef36 4000 003c 000c 0101 0a00
  0002 1100 000a 000c 0301 0a00 0001 0000
  0000 0008 0501 0000 7530 0008 0801 0000
  000a 000c 0b01 0a00 0001 0000 000a`);

function print(frame: Uint8Array, verbose = 0, originalLength = frame.length): string {
  return new TcpdumpPrinter({ timestamps: "none", verbose }).format(
    decode(LinkType.EN10MB, frame),
    { seconds: 0, nanoseconds: 0, originalLength },
  );
}

Deno.test("decodeRsvp() reads the common header and the object headers", () => {
  const rsvp = decode(LinkType.EN10MB, PATH).layers.at(-1);
  assert.ok(rsvp instanceof Rsvp);
  assert.equal(rsvp.version, 1);
  assert.equal(rsvp.messageType, 1);
  assert.equal(rsvp.length, 60);
  assert.equal(rsvp.sendTtl, 64);
  assert.deepEqual(rsvp.objectAt(rsvp.offset + 8), {
    offset: rsvp.offset + 8,
    length: 12,
    classNum: 1,
    cType: 1,
  });
  assert.equal(rsvpDecoder.create().kind, "rsvp");
});

Deno.test("decodeRsvp() rejects a truncated header", () => {
  assert.throws(() => decodeRsvp(new Uint8Array(7)), DecodeError);
});

Deno.test("printRsvp() prints a Path message as tcpdump does", () => {
  assert.equal(print(PATH), "IP 10.0.0.1 > 10.0.0.2: RSVPv1 Path Message, length: 60");
  assert.equal(
    print(PATH, 1),
    [
      "IP (tos 0x0, ttl 64, id 1, offset 0, flags [none], proto RSVP (46), length 80)",
      "    10.0.0.1 > 10.0.0.2: ",
      "\tRSVPv1 Path Message (1), Flags: [none], length: 60, ttl: 64, checksum: 0xef36",
      "\t  Session Object (1) Flags: [reject if unknown], Class-Type: IPv4 (1), length: 12",
      "\t    IPv4 DestAddress: 10.0.0.2, Protocol ID: 0x11",
      "\t    Flags: [0x00], DestPort 10",
      "\t  RSVP Hop Object (3) Flags: [reject if unknown], Class-Type: IPv4 (1), length: 12",
      "\t    Previous/Next Interface: 10.0.0.1, Logical Interface Handle: 0x00000000",
      "\t  Time Values Object (5) Flags: [reject if unknown], Class-Type: 1 (1), length: 8",
      "\t    Refresh Period: 30000ms",
      "\t  Style Object (8) Flags: [reject if unknown], Class-Type: 1 (1), length: 8",
      "\t    Reservation Style: Fixed Filter, Flags: [0x00]",
      "\t  Sender Template Object (11) Flags: [reject if unknown], Class-Type: IPv4 (1), length: 12",
      "\t    Source Address: 10.0.0.1, Source Port: 10",
    ].join("\n"),
  );
});

Deno.test("printRsvp() marks an object cut by the capture as tcpdump does", () => {
  assert.match(print(PATH.subarray(0, 60), 1, PATH.length), /length: 12 \[\|rsvp\]$/);
});

// Written for this test: a Path message with IntServ Sender TSpec (token bucket) and
// Adspec (guaranteed service) objects; `tcpdump -xx`.
const INTSERV = hex(`
  0200 0000 0002 0200 0000 0001 0800 4500
  0068 0001 0000 402e 6665 0a00 0001 0a00
  0002 1001 8c70 4000 0054 000c 0101 0a00
  0002 1100 000a 0024 0c02 0000 0007 0100
  0006 7f00 0005 449c 4000 461c 4000 4998
  9680 0000 0000 0000 05ea 001c 0d02 0000
  0005 0200 0004 8500 0001 0002 ee00 0800
  0001 ffff ffff`);

Deno.test("printRsvp() prints IntServ parameters as tcpdump does", () => {
  assert.equal(
    print(INTSERV, 1),
    [
      "IP (tos 0x0, ttl 64, id 1, offset 0, flags [none], proto RSVP (46), length 104)",
      "    10.0.0.1 > 10.0.0.2: ",
      "\tRSVPv1 Path Message (1), Flags: [none], length: 84, ttl: 64, checksum: 0x8c70",
      "\t  Session Object (1) Flags: [reject if unknown], Class-Type: IPv4 (1), length: 12",
      "\t    IPv4 DestAddress: 10.0.0.2, Protocol ID: 0x11",
      "\t    Flags: [0x00], DestPort 10",
      "\t  Sender TSpec Object (12) Flags: [reject if unknown], Class-Type: IntServ (2), length: 36",
      "\t    Msg-Version: 0, length: 28",
      "\t    Service Type: Default/Global Information (1), break bit not set, Service length: 24",
      "\t      Parameter ID: Token Bucket TSpec (127), length: 20, Flags: [0x00]",
      "\t\tToken Bucket Rate: 0.009999999776 Mbps",
      "\t\tToken Bucket Size: 10000 bytes",
      "\t\tPeak Data Rate: 10 Mbps",
      "\t\tMinimum Policed Unit: 0 bytes",
      "\t\tMaximum Packet Size: 1514 bytes",
      "\t  Adspec Object (13) Flags: [reject if unknown], Class-Type: IntServ (2), length: 28",
      "\t    Msg-Version: 0, length: 20",
      "\t    Service Type: Guaranteed Service (2), break bit not set, Service length: 16",
      "\t      Parameter ID: End-to-end composed value for C (133), length: 4, Flags: [0x00]",
      "\t\tValue: 192000",
      "\t      Parameter ID: Minimum path latency (8), length: 4, Flags: [0x00]",
      "\t\tMinimum path latency: don't care",
    ].join("\n"),
  );
});

/** An Ethernet frame with an RSVP message of `type` holding `objects` (bytes). */
function message(type: number, objects: number[]): Uint8Array {
  const length = 8 + objects.length;
  const rsvp = new Uint8Array([0x10, type, 0, 0, 64, 0, length >> 8, length & 0xff, ...objects]);
  return buildEthernet({
    source: "02:00:00:00:00:01",
    destination: "02:00:00:00:00:02",
    etherType: 0x0800,
    payload: buildIpv4({
      source: "10.0.0.1",
      destination: "10.0.0.2",
      protocol: 46,
      payload: rsvp,
    }),
  });
}

/** The object lines of a message printed at -v, after the common header's. */
const objectLines = (objects: number[]) => print(message(1, objects), 1).split("\n").slice(3);

Deno.test("printRsvp() prints ERO subobjects and their errors as tcpdump does", () => {
  const ero = [0, 28, 20, 1, 1, 8, 192, 0, 2, 1, 32, 0, 0x83, 8, 1, 2, 0, 0, 0, 42];
  assert.deepEqual(objectLines([...ero, 0, 0, 0, 0, 0, 0, 0, 0]), [
    "\t  ERO Object (20) Flags: [reject if unknown], Class-Type: IPv4 (1), length: 28",
    "\t    Subobject Type: IPv4 prefix, length 8, Strict, 192.0.2.1/32, Flags: [none]",
    "\t    Subobject Type: Label, length 8, Flags: [Global] (0x1), Class-Type: Unknown (2), 42",
    "\t    Subobject Type: Reserved, length 0",
    "\t    ERROR: zero length ERO subtype",
  ]);
  assert.match(
    print(message(1, [0, 12, 20, 1, 1, 8, 192, 0, 2, 1, 24, 0]), 1),
    /length 8 ERROR: Prefix length 24 != 32 \(invalid\)$/,
  );
});

Deno.test("printRsvp() prints Hello, Class Type, Restart Capability and Capability objects", () => {
  assert.deepEqual(
    objectLines([
      ...[0, 12, 22, 1, 0x4a, 0x44, 0x67, 0x2b, 0xe8, 0x6e, 0xb7, 0x5b],
      ...[0, 8, 66, 1, 0xff, 0xff, 0xff, 0xff],
      ...[0, 12, 131, 1, 0, 0, 0, 10, 0, 0, 0, 20],
      ...[0, 8, 134, 1, 0xf0, 0, 0, 3],
    ]).filter((line) => !line.includes("Object (")),
    [
      "\t    Source Instance: 0x4a44672b, Destination Instance: 0xe86eb75b",
      "\t    CT: 7",
      "\t    Restart  Time: 10ms, Recovery Time: 20ms",
      "\t    [reserved=0xf0000000 must be zero]",
      "\t    Flags: [RecoveryPath Desired, RecoveryPath Srefresh Capable]",
    ],
  );
  // tcpdump's "object is too short" ends the message.
  assert.deepEqual(objectLines([0, 4, 125, 1, 0, 8, 5, 1, 0, 0, 0, 1]).slice(1), [
    "\t  ERROR: object is too short",
  ]);
});

Deno.test("printRsvp() prints Generalized UNI subobjects and their errors as tcpdump does", () => {
  assert.deepEqual(
    objectLines([
      ...[0, 28, 229, 1, 0, 8, 1, 1, 192, 0, 2, 1],
      ...[0, 16, 4, 0, 0x80, 0, 0, 0xff, 0, 0, 0, 5, 0, 0, 0, 6],
    ]).slice(1),
    [
      "\t    Subobject Type: Source TNA address (1), AF: IPv4 (1), length: 8",
      "\t      UNI IPv4 TNA address: 192.0.2.1",
      "\t    Subobject Type: Egress label (4), AF: Reserved (0), length: 16",
      "\t      U-bit: 1, Label type: 255, Logical port id: 5, Label: 6",
    ],
  );
  assert.match(print(message(1, [0, 8, 229, 1, 0, 2, 1, 1]), 1), /length: 2 \(invalid\)$/);
  assert.match(
    print(message(1, [0, 8, 229, 1, 0, 4, 5, 0]), 1),
    /length: 4\n\t {2}ERROR: sub-object is too short$/,
  );
});
