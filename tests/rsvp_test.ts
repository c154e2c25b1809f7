import assert from "node:assert/strict";
import { decode } from "../lib/decode.ts";
import { DecodeError } from "../lib/errors.ts";
import { LinkType } from "../lib/link_type.ts";
import { decodeRsvp, Rsvp, rsvpDecoder } from "../lib/net/rsvp.ts";
import { TcpdumpPrinter } from "../lib/print/mod.ts";
import { decodeHex as hex } from "../lib/_hex.ts";

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
