import assert from "node:assert/strict";
import { printFrame } from "./_print_layer.ts";
import { decode } from "../lib/decode.ts";
import { LinkType, linkTypeName } from "../lib/link_type.ts";
import { decodeMfr } from "../lib/link/mfr.ts";
import { IP_UDP as IP, IP_UDP_TEXT as UDP_TEXT } from "./_ip_fixture.ts";

const bytes = (...parts: (number | string | Uint8Array)[]): Uint8Array =>
  new Uint8Array(
    parts.flatMap((p) =>
      typeof p === "number"
        ? [p]
        : typeof p === "string"
        ? [...new TextEncoder().encode(p)]
        : [...p]
    ),
  );

/** A control frame: flags, 0, the message type, then information elements. */
const control = (type: number, ...ies: (number | string | Uint8Array)[]) =>
  bytes(0xe1, 0, type, ...ies);

/** A 16-byte struct timeval as tcpdump's host reads it (64-bit little-endian). */
function timeval(seconds: number, micros: number): Uint8Array {
  const out = new Uint8Array(16);
  const view = new DataView(out.buffer);
  view.setBigInt64(0, BigInt(seconds), true);
  view.setBigInt64(8, BigInt(micros), true);
  return out;
}

/** A Frame Relay frame: DLCI 100, UI, NLPID IPv4. */
const FR_IP = bytes(0x18, 0x41, 0x03, 0xcc, IP);

Deno.test("the link type is named as libpcap names it", () => {
  assert.equal(linkTypeName(182), "MFR");
});

Deno.test("decodeMfr() reads control frames and fragments, Frame Relay after a first one", () => {
  const hello = decodeMfr(control(4, 3, 6, 0xde, 0xad, 0xbe, 0xef));
  assert.equal(hello.control, true);
  assert.equal(hello.messageType, 4);
  assert.equal(hello.headerLength, 3);
  assert.equal(hello.ieType(3), 3);
  assert.equal(hello.ieLength(3), 6);
  assert.equal(hello.magicNumber(5), 0xdeadbeef);
  assert.equal(hello.ieLength(9), -1);
  const first = bytes(0x80 | 0x1e | 1, 0xff, FR_IP);
  const mfr = decodeMfr(first);
  assert.equal(mfr.control, false);
  assert.equal(mfr.sequence, 4095);
  assert.equal(mfr.flags, 0x80);
  assert.equal(mfr.beginning, true);
  assert.deepEqual(decode(LinkType.MFR, first).layers.map((l) => l.kind), [
    "mfr",
    "fr",
    "ipv4",
    "udp",
  ]);
  // A middle fragment, and a control header whose second byte is not 0, carry nothing.
  assert.deepEqual(decode(LinkType.MFR, bytes(0x01, 0x0a, FR_IP)).layers.length, 1);
  assert.equal(decodeMfr(bytes(0xe1, 0x01, 0x04, 0x00)).control, false);
});

Deno.test("decodeMfr() rejects a truncated header", () => {
  assert.throws(() => decodeMfr(bytes(0xe1)), {
    message: "Cannot decode Multilink Frame Relay header: 2 bytes required, received 1",
  });
  assert.throws(() => decodeMfr(bytes(0xe1, 0x00, 0x04)), {
    message: "Cannot decode Multilink Frame Relay header: 4 bytes required, received 3",
  });
});

Deno.test("printMfr() prints control messages and, with -v, each information element", () => {
  assert.equal(
    printFrame(LinkType.MFR, control(1, 0)),
    "FRF.16 Control, Flags [Begin, End, Control], Add Link, length 4",
  );
  assert.equal(
    printFrame(LinkType.MFR, control(9, 0)),
    "FRF.16 Control, Flags [Begin, End, Control], Unknown Message (0x09), length 4",
  );
  const frame = control(
    5,
    bytes(1, 11, "bundle-1", 0),
    bytes(2, 10, "link", 0x01, 0x7f, 0xe9, "!"),
    bytes(3, 6, 0xde, 0xad, 0xbe, 0xef),
    bytes(5, 18, timeval(1_700_000_000, 123_456)),
    bytes(7, 3, 5),
  );
  const header = "FRF.16 Control, Flags [Begin, End, Control], Hello ACK, length 51";
  assert.equal(printFrame(LinkType.MFR, frame), header);
  assert.equal(
    printFrame(LinkType.MFR, frame, { verbose: 1, timestamps: "time", utc: true }),
    "00:00:00.000000 " + header + "\n\tIE Bundle ID (1), length 11: bundle-1" +
      "\n\tIE Link ID (2), length 10: link^A^?M-i!" +
      "\n\tIE Magic Number (3), length 6: 0xdeadbeef" +
      "\n\tIE Timestamp (5), length 18: 22:13:20.123456 " +
      "\n\tIE Cause (7), length 3: \n\t  0x0000:  05",
  );
  assert.equal(
    printFrame(LinkType.MFR, control(4, 3, 5, 1, 2, 3), { verbose: 1 }),
    "FRF.16 Control, Flags [Begin, End, Control], Hello, length 8" +
      "\n\tIE Magic Number (3), length 5: [IE data length 3 != 4] (invalid)",
  );
  // -vv dumps every element's data, the decoded ones too.
  assert.equal(
    printFrame(LinkType.MFR, control(4, 3, 6, 0, 0, 0, 1), { verbose: 2 }),
    "FRF.16 Control, Flags [Begin, End, Control], Hello, length 9" +
      "\n\tIE Magic Number (3), length 6: 0x00000001\n\t  0x0000:  0000 0001",
  );
});

Deno.test("printMfr() stops at an element of type 0 or no longer than its header", () => {
  assert.equal(
    printFrame(LinkType.MFR, control(4, 0, 4, 1, 2, 1, 3, 0x61), { verbose: 1 }),
    "FRF.16 Control, Flags [Begin, End, Control], Hello, length 10" +
      "\n\tIE Unknown (0), length 4: ",
  );
  assert.equal(
    printFrame(LinkType.MFR, control(4, 1, 2, 1, 3, 0x61), { verbose: 1 }),
    "FRF.16 Control, Flags [Begin, End, Control], Hello, length 8" +
      "\n\tIE Bundle ID (1), length 2: ",
  );
});

Deno.test("printMfr() rejects a truncated element and a frame shorter than 4 bytes", () => {
  assert.equal(
    printFrame(LinkType.MFR, control(4, 1, 40, 0x61), { verbose: 1 }),
    "FRF.16 Control, Flags [Begin, End, Control], Hello, length 6" +
      "\n\tIE Bundle ID (1), length 40:  [|mfr]",
  );
  assert.equal(
    printFrame(LinkType.MFR, control(4, 1, 4, 0x61, 0x62), { verbose: 1 }, 20),
    "FRF.16 Control, Flags [Begin, End, Control], Hello, length 20" +
      "\n\tIE Bundle ID (1), length 4: ab [|mfr]",
  );
  assert.equal(printFrame(LinkType.MFR, bytes(0xe1, 0, 1)), "[length 3 < 4] (invalid)");
  assert.equal(printFrame(LinkType.MFR, bytes(0xe1, 0, 1), {}, 10), " [|mfr]");
  assert.equal(printFrame(LinkType.MFR, bytes(0xe1), {}, 10), " [|mfr]");
});

Deno.test("printMfr() prints fragments: Frame Relay after a first one, the bytes of others", () => {
  assert.equal(
    printFrame(LinkType.MFR, bytes(0xc1, 0x01, FR_IP)),
    `FRF.16 Frag, seq 1, Flags [Begin, End], IP ${UDP_TEXT}`,
  );
  assert.equal(
    printFrame(LinkType.MFR, bytes(0x81 | 0x1e, 0xff, FR_IP), { link: true, quiet: true }),
    "FRF.16 Frag, seq 4095, Flags [Begin], Q.922, DLCI 100, length 34: " +
      "10.0.0.1.1024 > 10.0.0.2.9: UDP, length 2",
  );
  assert.equal(
    printFrame(LinkType.MFR, bytes(0x41, 0x0b, "end")),
    "FRF.16 Frag, seq 11, Flags [End]\n\t0x0000:  410b 656e 64",
  );
  assert.equal(
    printFrame(LinkType.MFR, bytes(0xc1, 0x06, 0x18, 0x41, 0x03, 0xb1, 0xc1, 0x23)),
    "FRF.16 Frag, seq 6, Flags [Begin, End], FRF.15, seq 0x023, Flags [Begin, End]," +
      "Interface Fragmentation, length 2",
  );
  // Frame Relay cut after its pad byte: fr_print() has printed its complaint.
  assert.equal(
    printFrame(LinkType.MFR, bytes(0xc1, 0x15, 0x18, 0x41, 0x03, 0x00), {}, 40),
    "FRF.16 Frag, seq 21, Flags [Begin, End], Pad!  [|fr]",
  );
});
