import assert from "node:assert/strict";
import { printFrame } from "./_print_layer.ts";
import { decode } from "../lib/decode.ts";
import { DecodeError } from "../lib/errors.ts";
import { LinkType } from "../lib/link_type.ts";
import { decodeSlow, OamCode, Slow, slowDecoder, SlowSubtype } from "../lib/link/slow.ts";
import { decodeHex as hex } from "../lib/_hex.ts";

const ETHERNET = "0180 c200 0002 0013 c412 0f0d 8809";

// LACP: Actor, Partner and Collector Information, then the Terminator (cut to 4 bytes, so
// the frame's 60 bytes fill the rest as padding does).
const LACP = hex(`${ETHERNET} 0101 0114 8000 0013 c412 0f00 000d 8000 0016 8500 0000
  0214 8000 000e 8316 f500 000d 8000 0019 3a00 0000 0310 8000 0000 0000 0000 0000 0000
  0000 0000`);

// Marker: Marker Information and Marker Response Information (an unknown TLV to tcpdump).
const MARKER = hex(`${ETHERNET} 0201 0110 0016 0013 c412 0f00 1234 5678 0000 0210 0019 000e
  8316 f500 ffff ffff 0000 0000`);

// OAM Information: Local and Remote Information, an organization-specific TLV, the end.
const INFO = hex(`${ETHERNET} 0300 5000 0110 0100 0700 1ff5 ee00 120f dead beef 0210 0100
  0705 00f5 ee00 120f dead beef fe07 0012 0f01 0200 00`);

// OAM Event Notification: sequence number 513, an Errored Symbol Period Event.
const EVENTS = hex(`${ETHERNET} 0300 5001 0201 0128 028f 0000 0000 0000 0001 0000 0000 0000
  0002 0000 0000 0000 0003 ffff ffff ffff ffff ffff ffff`);

// OAM Loopback Control: enable.
const LOOPBACK = hex(`${ETHERNET} 0300 5004 01`);

function print(frame: Uint8Array, verbose = 0, originalLength = frame.length): string {
  return printFrame(LinkType.EN10MB, frame, { verbose }, originalLength);
}

Deno.test("decodeSlow() reads the header and the TLVs of each subtype", () => {
  const lacp = decodeSlow(LACP, 14);
  assert.ok(lacp instanceof Slow);
  assert.deepEqual(lacp.toJSON(), { subtype: SlowSubtype.LACP, version: 1 });
  assert.equal(lacp.dataOffset, 16);
  assert.equal(lacp.tlvType(16), 1);
  assert.equal(lacp.tlvLength(16), 20);
  assert.deepEqual(lacp.actorPartner(36), {
    systemPriority: 32768,
    system: "00:0e:83:16:f5:00",
    key: 13,
    portPriority: 32768,
    port: 25,
    state: 0x3a,
  });
  assert.equal(lacp.collectorMaxDelay(56), 32768);
  assert.equal(lacp.tlvType(LACP.length), -1);
  const marker = decodeSlow(MARKER, 14);
  assert.deepEqual(marker.markerInformation(32), {
    requestPort: 25,
    requestSystem: "00:0e:83:16:f5:00",
    requestTransactionId: 0xffffffff,
  });
  const info = decodeSlow(INFO, 14);
  assert.deepEqual(info.toJSON(), { subtype: SlowSubtype.OAM, flags: 0x50, code: 0 });
  assert.equal(info.dataOffset, 18);
  assert.deepEqual(info.oamInformation(34), {
    oamVersion: 1,
    revision: 7,
    state: 5,
    oamConfig: 0,
    oamPduConfig: 0xf5ee,
    oui: 0x00120f,
    vendorPrivate: 0xdeadbeef,
  });
  const events = decodeSlow(EVENTS, 14);
  assert.equal(events.oamCode, OamCode.EVENT_NOTIFICATION);
  assert.equal(events.sequenceNumber, 513);
  assert.deepEqual(events.linkEvent(20), {
    timeStamp: 655,
    window: 1n,
    threshold: 2n,
    errors: 3n,
    errorRunningTotal: 2n ** 64n - 1n,
    eventRunningTotal: 0xffffffff,
  });
  assert.equal(events.linkEvent(21), undefined);
  assert.equal(decodeSlow(LOOPBACK, 14).loopbackCommand, 1);
  assert.equal(slowDecoder.create().kind, "slow");
  assert.equal(decode(LinkType.EN10MB, LACP).layers[1]?.kind, "slow");
});

Deno.test("decodeSlow() rejects a truncated header", () => {
  assert.throws(() => decodeSlow(new Uint8Array(0)), DecodeError);
  assert.throws(() => decodeSlow(LACP.subarray(14, 15)), DecodeError);
  assert.throws(() => decodeSlow(INFO.subarray(14, 17)), {
    message: "Cannot decode Slow Protocols header: 4 bytes required, received 3",
  });
  assert.equal(decodeSlow(hex("09")).subtype, 9);
});

Deno.test("decode() keeps a Slow Protocols header cut by the capture as a partial layer", () => {
  const packet = decode(LinkType.EN10MB, INFO.subarray(0, 16));
  const slow = packet.layers[1];
  assert.ok(slow instanceof Slow);
  assert.equal(slow.partial, true);
  assert.equal(slow.oamFlags, -1);
  assert.equal(slow.oamCode, -1);
  assert.deepEqual(slow.toJSON(), { partial: true, subtype: 3, flags: -1, code: -1 });
  assert.ok(packet.error instanceof DecodeError);
});

Deno.test("printSlow() prints the subtype, version and length without -v, as tcpdump does", () => {
  assert.equal(print(LACP), "LACPv1, length 60");
  assert.equal(print(MARKER), "MARKERv1, length 36");
  assert.equal(print(INFO), "OAM, length 45");
  const version = LACP.slice();
  version[15] = 2;
  assert.equal(print(version, 1), "LACP version 2 packet not supported");
  assert.equal(print(LACP.subarray(0, 14)), " (packet is too short)");
  assert.equal(print(LACP.subarray(0, 15), 1), "\n\t\t packet is too short");
  assert.equal(print(hex(`${ETHERNET} 0401 02`)), "unknown (4), length 3\n\t0x0000:  0401 02");
});

Deno.test("printSlow() prints LACP and Marker TLVs with -v and dumps them with -vv", () => {
  assert.equal(
    print(LACP, 1),
    "LACPv1, length 60\n" +
      "\tActor Information TLV (0x01), length 20\n" +
      "\t  System 00:13:c4:12:0f:00, System Priority 32768, Key 13, Port 22, " +
      "Port Priority 32768\n" +
      "\t  State Flags [Activity, Aggregation, Expired]\n" +
      "\tPartner Information TLV (0x02), length 20\n" +
      "\t  System 00:0e:83:16:f5:00, System Priority 32768, Key 13, Port 25, " +
      "Port Priority 32768\n" +
      "\t  State Flags [Timeout, Synchronization, Collecting, Distributing]\n" +
      "\tCollector Information TLV (0x03), length 16\n" +
      "\t  Max Delay 32768\n" +
      "\tTerminator TLV (0x00), length 0",
  );
  assert.equal(
    print(MARKER, 1),
    "MARKERv1, length 36\n" +
      "\tMarker Information TLV (0x01), length 16\n" +
      "\t  Request System 00:13:c4:12:0f:00, Request Port 22, " +
      "Request Transaction ID 0x12345678\n" +
      "\tUnknown TLV (0x02), length 16\n" +
      "\t  0x0000:  0019 000e 8316 f500 ffff ffff 0000\n" +
      "\tTerminator TLV (0x00), length 0",
  );
  assert.ok(
    print(MARKER, 2).includes(
      "Transaction ID 0x12345678\n\t  0x0000:  0016 0013 c412 0f00 1234 5678 0000\n",
    ),
  );
});

Deno.test("printSlow() marks malformed TLV lengths as tcpdump does", () => {
  const short = LACP.slice();
  short[17] = 19;
  assert.match(
    print(short, 1),
    /Actor Information TLV \(0x01\), length 19\n\t {4}ERROR: illegal length - should be 20\n/,
  );
  const zero = LACP.slice();
  zero[17] = 1;
  assert.match(print(zero, 1), /length 1\n\t {4}ERROR: illegal length - should be >= 2$/);
  const long = LACP.slice();
  long[57] = 90;
  assert.match(print(long, 1), /Collector Information TLV \(0x03\), length 90\n\t\t packet/);
  const collector = LACP.slice();
  collector[57] = 15;
  assert.match(print(collector, 1), /length 15\n\t {4}ERROR: illegal length - should be 16\n/);
});

Deno.test("printSlow() prints each OAM code with -v, as tcpdump does", () => {
  assert.equal(
    print(INFO, 1),
    "OAM, length 45\n" +
      "\tCode Information OAM PDU, Flags [Local Stable, Remote Stable]\n" +
      "\t  Local Information Type (1), length 16\n" +
      "\t    OAM-Version 1, Revision 7\n" +
      "\t    State-Parser-Action forwarding, State-MUX-Action forwarding\n" +
      "\t    OAM-Config Flags [Active, Unidirectional, Remote-Loopback, Link-Events, " +
      "Variable-Retrieval], OAM-PDU-Config max-PDU size 1518\n" +
      "\t    OUI IEEE 802.3 Private (0x00120f), Vendor-Private 0xdeadbeef\n" +
      "\t  Remote Information Type (2), length 16\n" +
      "\t    OAM-Version 1, Revision 7\n" +
      "\t    State-Parser-Action looping back, State-MUX-Action discarding\n" +
      "\t    OAM-Config Flags [none], OAM-PDU-Config max-PDU size 1518\n" +
      "\t    OUI IEEE 802.3 Private (0x00120f), Vendor-Private 0xdeadbeef\n" +
      "\t  Organization specific Information Type (254), length 7\n" +
      "\t  0x0000:  fe07 0012 0f01 02\n" +
      "\t  End of TLV marker Information Type (0), length 0",
  );
  assert.equal(
    print(EVENTS, 1),
    "OAM, length 46\n" +
      "\tCode Event Notification OAM PDU, Flags [Local Stable, Remote Stable]\n" +
      "\t  Sequence Number 513\n" +
      "\t  Errored Symbol Period Event Link Event Type (1), length 40\n" +
      "\t    Timestamp 65500 ms, Errored Window 1\n" +
      "\t    Errored Threshold 2\n" +
      "\t    Errors 3\n" +
      "\t    Error Running Total 18446744073709551615\n" +
      "\t    Event Running Total 4294967295",
  );
  assert.equal(
    print(LOOPBACK, 1),
    "OAM, length 5\n" +
      "\tCode Loopback Control OAM PDU, Flags [Local Stable, Remote Stable]\n" +
      "\t  Command Enable OAM Remote Loopback (1)",
  );
  const request = hex(`${ETHERNET} 0300 0102 0700 02`);
  assert.equal(
    print(request, 1),
    "OAM, length 7\n\tCode Variable Request OAM PDU, Flags [Link Fault]\n\t  0x0000:  0700 02",
  );
  // tcpdump dumps an undecoded code at -v only.
  assert.equal(
    print(request, 2),
    "OAM, length 7\n\tCode Variable Request OAM PDU, Flags [Link Fault]",
  );
  assert.match(
    print(hex(`${ETHERNET} 0300 0005`), 1),
    /Code Unknown \(5\) OAM PDU, Flags \[none\]/,
  );
  assert.match(print(hex(`${ETHERNET} 0300 0001`), 1), /Flags \[none\]\n\t\t packet is too short$/);
});

Deno.test("printSlow() stops where the capture ends, as tcpdump does", () => {
  assert.equal(print(LACP.subarray(0, 14), 1, LACP.length), " [|slow]");
  assert.equal(print(LACP.subarray(0, 15), 0, LACP.length), " [|slow]");
  assert.equal(
    print(LACP.subarray(0, 20), 1, LACP.length),
    "LACPv1, length 60\n\tActor Information TLV (0x01), length 20 [|slow]",
  );
  assert.equal(print(LACP.subarray(0, 17), 1, LACP.length), "LACPv1, length 60 [|slow]");
  assert.equal(print(INFO.subarray(0, 17), 1, INFO.length), "OAM, length 45 [|slow]");
  assert.match(
    print(EVENTS.subarray(0, 19), 1, EVENTS.length),
    /Flags \[Local Stable, Remote Stable\] \[\|slow\]$/,
  );
  assert.match(print(EVENTS.subarray(0, 50), 1, EVENTS.length), /length 40 \[\|slow\]$/);
  // Without -v nothing past the header is read.
  assert.equal(print(INFO.subarray(0, 15), 0, INFO.length), "OAM, length 45");
});
