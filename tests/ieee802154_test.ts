import assert from "node:assert/strict";
import { printFrame } from "./_print_layer.ts";
import { concatBytes } from "./_shared.ts";
import { decode } from "../lib/decode.ts";
import { LinkType, linkTypeName } from "../lib/link_type.ts";
import {
  decodeIeee802154,
  headerIe,
  ieee802154Crc16,
  ieee802154Crc32,
  mlmeIe,
  payloadIe,
} from "../lib/link/ieee802154.ts";
import { decodeIeee802154Tap } from "../lib/link/ieee802154_tap.ts";

const encoder = new TextEncoder();
const WITH_FCS = LinkType.IEEE802_15_4_WITHFCS;
const NO_FCS = LinkType.IEEE802_15_4_NOFCS;
const TAP = LinkType.IEEE802_15_4_TAP;

/** The bytes of numbers, text and byte arrays, one after another. */
const bytes = (...parts: (number | string | Uint8Array)[]): Uint8Array =>
  concatBytes(
    ...parts.map((p) =>
      typeof p === "number" ? Uint8Array.of(p) : typeof p === "string" ? encoder.encode(p) : p
    ),
  );

/** The frame followed by its 2-byte FCS. */
function fcs16(frame: Uint8Array): Uint8Array {
  const crc = ieee802154Crc16(frame, 0, frame.length);
  return bytes(frame, crc & 0xff, crc >> 8);
}

/** The frame followed by its 4-byte FCS. */
function fcs32(frame: Uint8Array): Uint8Array {
  const crc = ieee802154Crc32(frame, 0, frame.length);
  return bytes(frame, crc & 0xff, (crc >> 8) & 0xff, (crc >> 16) & 0xff, crc >>> 24);
}

/** A version 0 data frame, short addresses, PAN ID compressed: abcd:1234 < -:5678. */
const DATA = bytes(0x61, 0x88, 0x2a, 0xcd, 0xab, 0x34, 0x12, 0x78, 0x56, "hi");

Deno.test("the link types are named as libpcap names them", () => {
  assert.equal(linkTypeName(195), "IEEE802_15_4_WITHFCS");
  assert.equal(linkTypeName(230), "IEEE802_15_4_NOFCS");
});

Deno.test("decodeIeee802154() lays out a data frame and finds its 2-byte FCS", () => {
  const frame = decodeIeee802154(fcs16(DATA));
  assert.equal(frame.frameType, 1);
  assert.equal(frame.frameVersion, 0);
  assert.equal(frame.sequence, 0x2a);
  assert.equal(frame.dstPanAt, 3);
  assert.equal(frame.dstAddressAt, 5);
  assert.equal(frame.srcPanAt, -1);
  assert.equal(frame.srcAddressAt, 7);
  assert.equal(frame.payloadAt, 9);
  assert.equal(frame.fcsLength, 2);
  assert.equal(frame.bodyEnd, 11);
  assert.equal(frame.fcs, frame.fcsComputed);
  assert.equal(decodeIeee802154(fcs32(DATA)).fcsLength, 4);
  assert.equal(decodeIeee802154(DATA).fcsLength, 0);
  assert.deepEqual(decode(NO_FCS, DATA).layers.map((l) => l.kind), ["ieee802154"]);
});

Deno.test("decodeIeee802154() follows the 2015 PAN ID Compression rules for version 2", () => {
  // Both extended, compression clear: the destination PAN ID only.
  const frame = decodeIeee802154(bytes(0x01, 0xec, 0x01, 0xcd, 0xab, new Uint8Array(16)));
  assert.equal(frame.frameVersion, 2);
  assert.equal(frame.dstPanAt, 3);
  assert.equal(frame.srcPanAt, -1);
  assert.equal(frame.payloadAt, 21);
  // No address, compression set: a destination PAN ID all the same.
  assert.equal(decodeIeee802154(bytes(0x41, 0x20, 0x01, 0xcd, 0xab)).dstPanAt, 3);
});

Deno.test("decodeIeee802154() reads the auxiliary security header", () => {
  const frame = decodeIeee802154(
    bytes(0x49, 0x98, 0x01, 0xcd, 0xab, 0x34, 0x12, 0x78, 0x56, 0x15, 1, 2, 3, 4, 9, "data"),
  );
  assert.equal(frame.securityAt, 9);
  assert.equal(frame.securityLevel, 5);
  assert.equal(frame.keyIdMode, 2);
  assert.equal(frame.frameCounterSuppressed, false);
  assert.equal(frame.keySourceLength, 4);
  assert.equal(frame.micLength, 4);
  assert.equal(frame.payloadAt, 19);
});

Deno.test("decodeIeee802154() splits IE headers", () => {
  assert.deepEqual(headerIe(0x3f04), { elementId: 0x7e, length: 4, type: 0 });
  assert.deepEqual(payloadIe(0x8805), { groupId: 1, length: 5, type: 1 });
  assert.deepEqual(mlmeIe(0x1a06), { subId: 0x1a, length: 6, long: false });
  assert.deepEqual(mlmeIe(0xc803), { subId: 9, length: 3, long: true });
});

Deno.test("decodeIeee802154() rejects a truncated header", () => {
  assert.throws(() => decodeIeee802154(bytes(0x41)), {
    message: "Cannot decode IEEE 802.15.4 header: 2 bytes required, received 1",
  });
  assert.throws(() => decodeIeee802154(DATA.subarray(0, 6)), {
    message: "Cannot decode IEEE 802.15.4 header: 9 bytes required, received 6",
  });
  const partial = decode(WITH_FCS, DATA.subarray(0, 6)).layers[0];
  assert.equal(partial?.kind === "ieee802154" && partial.partial, true);
});

Deno.test("decodeIeee802154() rejects a reserved addressing mode", () => {
  assert.throws(() => decodeIeee802154(bytes(0x41, 0x84, 0x01, 0xcd, 0xab)), /reserved/);
});

Deno.test("printIeee802154() prints the addresses, -v the sequence, -vvv the flags and FCS", () => {
  const frame = fcs16(DATA);
  assert.equal(
    printFrame(WITH_FCS, frame),
    "IEEE 802.15.4 Data packet v0 abcd:1234 < -:5678 \n\t0x0000:  6869                                     hi",
  );
  assert.equal(
    printFrame(WITH_FCS, frame, { verbose: 1, quiet: true }),
    "IEEE 802.15.4 Data packet v0 seq 2a abcd:1234 < -:5678 ",
  );
  assert.equal(
    printFrame(WITH_FCS, frame, { verbose: 3, quiet: true }),
    "IEEE 802.15.4 Data packet v0 AR, PAN ID Compression, seq 2a abcd:1234 < -:5678 FCS ef5b ",
  );
  assert.equal(
    printFrame(NO_FCS, DATA, { verbose: 3, quiet: true }),
    "IEEE 802.15.4 Data packet v0 AR, PAN ID Compression, seq 2a abcd:1234 < -:5678 wrong FCS 6968 vs a82d (assume no FCS stored) ",
  );
});

Deno.test("printIeee802154() prints beacons' superframe and commands", () => {
  const beacon = fcs16(bytes(0x00, 0x80, 0x07, 0x22, 0x11, 0x78, 0x56, 0xff, 0xcf, 0, 0));
  assert.equal(
    printFrame(WITH_FCS, beacon, { verbose: 1 }),
    "IEEE 802.15.4 Beacon packet v0 seq 07 -:none < 1122:5678 \n" +
      "\tBeacon order = 15, Superframe order = 15, Final CAP Slot = 15, PAN Coordinator, Association Permit\n" +
      "\tGTS Descriptor Count = 0, \n" +
      "\tPending address list, # short addresses = 0, # extended addresses = 0",
  );
  const command = fcs16(bytes(0x43, 0x88, 0x01, 0xcd, 0xab, 0x34, 0x12, 0x78, 0x56, 0x09, 0x3f));
  assert.equal(
    printFrame(WITH_FCS, command),
    "IEEE 802.15.4 Command packet v0 abcd:1234 < -:5678 Command ID = GTS request command GTS Length = 15, Receive-only GTS, GTS allocation",
  );
});

Deno.test("printIeee802154() prints the errors and truncation marks tcpdump prints", () => {
  assert.equal(printFrame(WITH_FCS, bytes(0x41)), " [|802.15.4]");
  assert.equal(
    printFrame(WITH_FCS, bytes(0x41, 0x88)),
    "IEEE 802.15.4 Data packet v0  [|802.15.4]",
  );
  assert.equal(
    printFrame(WITH_FCS, DATA.subarray(0, 6)),
    "IEEE 802.15.4 Data packet v0 abcd:[ERROR: Truncated before dst_addr]",
  );
  assert.equal(
    printFrame(WITH_FCS, bytes(0x41, 0x84, 0x01, 0xcd, 0xab)),
    "IEEE 802.15.4 Data packet v0 [ERROR: Invalid dst address mode]",
  );
  assert.equal(printFrame(WITH_FCS, bytes(0x04, 0x00, 0x01)), "IEEE 802.15.4 Reserved packet ");
});

Deno.test("printIeee802154() prints the IE lists of a version 2 frame", () => {
  // Header IE: CSL (0x1a), then Header Termination 1, a Payload IE (ESDU), List termination.
  const frame = fcs16(
    bytes(0x41, 0xaa, 0x01, 0xcd, 0xab, 0x34, 0x12, 0x78, 0x56),
  );
  const ies = bytes(0x04, 0x0d, 1, 0, 2, 0, 0x00, 0x3f, 0x01, 0x80, 0xee, 0x00, 0xf8, "x");
  const whole = fcs16(bytes(frame.subarray(0, 9), ies));
  assert.equal(
    printFrame(WITH_FCS, whole, { verbose: 4, quiet: true }),
    "IEEE 802.15.4 Data packet v2 PAN ID Compression, IE present, seq 01 abcd:1234 < -:5678 \n" +
      "\tLE CSL IE [ length = 4, CSL Phase = 1, CSL Period = 2] \n" +
      "\tHeader Termination 1 IE [] \n" +
      "\tESDU IE [ length = 1, IE Data = ee ]\n" +
      "\t\n" +
      "\tList termination []\n" +
      "\tFCS c075 ",
  );
});

Deno.test("decodeIeee802154Tap() reads the header and its TLVs, then the frame", () => {
  const tlvs = bytes(0, 0, 1, 0, 1, 0, 0, 0, 3, 0, 3, 0, 11, 0, 0, 0);
  const frame = bytes(0, 0, 20, 0, tlvs, fcs16(DATA));
  const tap = decodeIeee802154Tap(frame);
  assert.equal(tap.length, 20);
  assert.deepEqual(tap.tlvs(), [
    { type: 0, length: 1, valueAt: 8 },
    { type: 3, length: 3, valueAt: 16 },
  ]);
  assert.deepEqual(decode(TAP, frame).layers.map((l) => l.kind), ["ieee802154-tap", "ieee802154"]);
  assert.equal(
    printFrame(TAP, frame, { quiet: true }),
    "IEEE 802.15.4 Data packet v0 abcd:1234 < -:5678 ",
  );
});

Deno.test("decodeIeee802154Tap() rejects a truncated header", () => {
  assert.throws(() => decodeIeee802154Tap(bytes(0, 0, 4)), {
    message: "Cannot decode IEEE 802.15.4 TAP header: 4 bytes required, received 3",
  });
  assert.throws(() => decodeIeee802154Tap(bytes(1, 0, 4, 0)), /IEEE 802.15.4 TAP/);
});

Deno.test("printIeee802154Tap() prints tcpdump's marks for bad and cut headers", () => {
  assert.equal(printFrame(TAP, bytes(0, 0, 4)), " [|802.15.4_tap]");
  assert.equal(printFrame(TAP, bytes(0, 0, 8, 0, 1)), " [|802.15.4_tap]");
  assert.equal(printFrame(TAP, bytes(1, 0, 4, 0, DATA)), " (invalid)");
  assert.equal(printFrame(TAP, bytes(0, 0, 3, 0, DATA)), " (invalid)");
  assert.equal(printFrame(TAP, bytes(0, 0, 4, 0)), " [|802.15.4]");
});
