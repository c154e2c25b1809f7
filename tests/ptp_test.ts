import assert from "node:assert/strict";
import { decode } from "../lib/decode.ts";
import { DecodeError } from "../lib/errors.ts";
import { LinkType } from "../lib/link_type.ts";
import { decodePtp, Ptp, ptpDecoder } from "../lib/app/ptp.ts";
import { TcpdumpPrinter } from "../lib/print/mod.ts";
import { decodeHex as hex } from "../lib/_hex.ts";

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

Deno.test("printPtp() marks a body cut by the capture as tcpdump does", () => {
  assert.match(
    print(SYNC.subarray(0, SYNC.length - 6), 0, SYNC.length),
    /127, originTimeStamp : 1103053168 seconds, \[\|ptp\]$/,
  );
});
