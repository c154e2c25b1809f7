import assert from "node:assert/strict";
import { decode } from "../lib/decode.ts";
import { DecodeError } from "../lib/errors.ts";
import { LinkType } from "../lib/link_type.ts";
import { decodePtp, Ptp, ptpDecoder } from "../lib/app/ptp.ts";
import { TcpdumpPrinter } from "../lib/print/mod.ts";
import { decodeHex as hex } from "../lib/_hex.ts";
import { printFrame } from "./_print_layer.ts";

// ndpi/ptpv2.pcap packet 14 (a PTPv2 Sync over IPv6); `tcpdump -xx`.
const SYNC = hex(`
  0020 9400 000d 00b0 ae01 f921 86dd 6000
  0000 0036 1140 fe80 0000 0000 0000 02b0
  aeff fe01 f921 fe80 0000 0000 0000 0000
  0020 9400 000d 013f 013f 0036 71a1 0002
  002c 0000 0400 0000 0000 0000 0000 0000
  0000 00b0 aeff fe01 f920 0001 0001 007f
  0000 41bf 4170 0b2d 1782 0000`);

function print(frame: Uint8Array, verbose = 0, originalLength = frame.length): string {
  return new TcpdumpPrinter({ timestamps: "none", verbose }).format(
    decode(LinkType.EN10MB, frame),
    { seconds: 0, nanoseconds: 0, originalLength },
  );
}

Deno.test("decodePtp() reads the common header and the body's fields", () => {
  const ptp = decode(LinkType.EN10MB, SYNC).layers.at(-1);
  assert.ok(ptp instanceof Ptp);
  assert.equal(ptp.version, 2);
  assert.equal(ptp.messageType, 0);
  assert.equal(ptp.messageLength, 44);
  assert.equal(ptp.flags, 0x0400);
  assert.equal(ptp.clockIdentity, 0xb0aefffe01f920n);
  assert.equal(ptp.sequenceId, 1);
  assert.equal(ptp.logMessageInterval, 127);
  assert.equal(ptp.field(34, 6), 1103053168n);
  assert.equal(ptp.field(40, 8), undefined);
  assert.equal(ptpDecoder.create().kind, "ptp");
});

Deno.test("decodePtp() rejects a truncated header", () => {
  assert.throws(() => decodePtp(new Uint8Array(33)), DecodeError);
});

// tcpdump's tests/ptp_ethernet.pcap packet 1: a PTPv2 Sync over Ethernet (EtherType 0x88f7),
// padded to 60 bytes.
const ETHERNET_SYNC = hex(`
  011b 1900 0000 7483 ef01 ac5b 88f7 0002
  002c 0000 0200 0000 0000 0000 0000 0000
  0000 7483 efff ff01 ac16 0112 0000 0000
  0000 0000 0000 0000 0000 0000`);
const ETHERNET_SYNC_LINE = "PTPv2, v1 compat : no, msg type : sync msg, length : 44, " +
  "domain : 0, reserved1 : 0, Flags [two step], NS correction : 0, " +
  "sub NS correction : 0, reserved2 : 0, clock identity : 0x7483efffff01ac16, " +
  "port id : 274, seq id : 0, control : 0 (Sync), log message interval : 0, " +
  "originTimeStamp : 0 seconds, 0 nanoseconds";

function printEthernet(frame: Uint8Array, originalLength = frame.length, link = false) {
  return printFrame(LinkType.EN10MB, frame, { link }, originalLength);
}

Deno.test("decode() reaches PTP over Ethernet by EtherType 0x88f7", () => {
  const ptp = decode(LinkType.EN10MB, ETHERNET_SYNC).layers.at(-1);
  assert.ok(ptp instanceof Ptp);
  assert.equal(ptp.overUdp, false);
  assert.equal(ptp.partial, false);
  assert.equal(ptp.clockIdentity, 0x7483efffff01ac16n);
  assert.equal(ptp.portId, 274);
  assert.deepEqual(ptpDecoder.bindings?.etherTypes, [0x88f7]);
});

Deno.test("printPtp() prints a PTPv2 Sync over Ethernet as tcpdump does", () => {
  assert.equal(printEthernet(ETHERNET_SYNC), ETHERNET_SYNC_LINE);
  assert.equal(
    printEthernet(ETHERNET_SYNC, ETHERNET_SYNC.length, true),
    "74:83:ef:01:ac:5b > 01:1b:19:00:00:00, ethertype PTP (0x88f7), length 60: " +
      ETHERNET_SYNC_LINE,
  );
});

Deno.test("decodePtp() keeps a header cut by the capture as a partial layer", () => {
  const ptp = decode(LinkType.EN10MB, ETHERNET_SYNC.subarray(0, 14 + 10)).layers.at(-1);
  assert.ok(ptp instanceof Ptp);
  assert.equal(ptp.partial, true);
  assert.equal(ptp.version, 2);
  assert.equal(ptp.flags, 0x0200);
  assert.equal(ptp.correctionNs, -1);
  assert.equal(ptp.clockIdentity, undefined);
});

Deno.test("printPtp() stops at the header field the capture cut, as tcpdump does", () => {
  const cut = (n: number) => printEthernet(ETHERNET_SYNC.subarray(0, 14 + n), 60);
  // The version is read as a 16-bit word: one byte is not enough for "PTPv".
  assert.equal(cut(1), " [|ptp]");
  assert.equal(cut(2), "PTPv2, v1 compat : no, msg type : sync msg [|ptp]");
  // The domain is read with the reserved byte after it.
  assert.equal(cut(5), "PTPv2, v1 compat : no, msg type : sync msg, length : 44 [|ptp]");
  assert.match(cut(33), /, seq id : 0, control : 0 \(Sync\) \[\|ptp\]$/);
  assert.match(cut(40), /, log message interval : 0, originTimeStamp : 0 seconds, \[\|ptp\]$/);
});

Deno.test("printPtp() marks a message shorter than the header on the wire invalid", () => {
  const short = ETHERNET_SYNC.subarray(0, 14 + 33);
  assert.equal(printEthernet(short), " [length 33 < 34] (invalid)");
  assert.equal(printEthernet(ETHERNET_SYNC.subarray(0, 14)), " [length 0 < 34] (invalid)");
});

Deno.test("printPtp() names PTPv1 and prints only the number of another version", () => {
  const version = (v: number) => {
    const frame = ETHERNET_SYNC.slice();
    frame[15] = v;
    return printEthernet(frame);
  };
  assert.equal(version(1), "PTPv1 (not implemented)");
  assert.equal(version(0x12), "PTPv18");
  assert.equal(version(0), "PTPv0");
});

Deno.test("printPtp() reads the management body's first byte for each of its fields", () => {
  const frame = new Uint8Array(14 + 48);
  frame.set(ETHERNET_SYNC.subarray(0, 14 + 34));
  frame[14] = 0x0d;
  frame.set([5, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0, 9, 3, 2, 0x0f, 0x55], 14 + 34);
  const line = printEthernet(frame);
  assert.match(line, /msg type : management msg, /);
  assert.ok(
    line.endsWith(
      "log message interval : 0, port identity : 0x511223344556677, port id : 9, " +
        ", start boundary hops  5, , boundary hops  5, , flags  0x5, , reserved  0x5",
    ),
    line,
  );
});

Deno.test("printPtp() prints every PTPv2 flag tcpdump names", () => {
  const frame = ETHERNET_SYNC.slice();
  frame[14 + 6] = 0xff;
  frame[14 + 7] = 0xff;
  assert.match(
    printEthernet(frame),
    /Flags \[l1 61, l1 59, utc reasonable, timescale, time tracable, frequency tracable, alternate master, two step, unicast, profile specific 1, profile specific 2, security mask, unknown\]/,
  );
});

Deno.test("printPtp() prints a Sync as tcpdump does", () => {
  assert.equal(
    print(SYNC),
    "IP6 fe80::2b0:aeff:fe01:f921.319 > fe80::20:9400:d.319: PTPv2, v1 compat : no, " +
      "msg type : sync msg, length : 44, domain : 0, reserved1 : 0, Flags [unicast], " +
      "NS correction : 0, sub NS correction : 0, reserved2 : 0, " +
      "clock identity : 0xb0aefffe01f920, port id : 1, seq id : 1, control : 0 (Sync), " +
      "log message interval : 127, originTimeStamp : 1103053168 seconds, " +
      "187504514 nanoseconds",
  );
});

Deno.test("printPtp() takes the message's length over UDP from the UDP length", () => {
  const frame = SYNC.slice();
  // UDP length 8 + 30: shorter than the common header, though 44 bytes follow.
  frame[14 + 40 + 5] = 38;
  assert.match(print(frame), /\.319: {2}\[length 30 < 34\] \(invalid\)$/);
});

Deno.test("printPtp() marks a body cut by the capture as tcpdump does", () => {
  assert.match(
    print(SYNC.subarray(0, SYNC.length - 6), 0, SYNC.length),
    /127, originTimeStamp : 1103053168 seconds, \[\|ptp\]$/,
  );
});
