// LLC, SNAP and CDP headers cut by the capture, against lines tcpdump 4.99.3 printed for
// the same frames (testdata/crafted/llc_cuts.py writes them): where llc_print(),
// snap_print() and cdp_print() stop, and which bytes they dump.
import assert from "node:assert/strict";
import { decode } from "../lib/decode.ts";
import { LinkType } from "../lib/link_type.ts";
import { type TcpdumpOptions, TcpdumpPrinter } from "../lib/print/mod.ts";
import { decodeHex as hex } from "../lib/_hex.ts";
import { concatBytes } from "./_shared.ts";

/** An 802.3 frame with an 802.3 length of `length`, `missing` bytes longer on the wire. */
function frame(length: number, payload: string, missing = 20): [Uint8Array, number] {
  const bytes = concatBytes(
    hex("0180c2000000 020000000001"),
    hex(length.toString(16).padStart(4, "0")),
    hex(payload),
  );
  return [bytes, bytes.length + missing];
}

function line([bytes, wire]: [Uint8Array, number], options: TcpdumpOptions = {}): string {
  const printer = new TcpdumpPrinter({ timestamps: "none", ...options });
  const record = { seconds: 0, nanoseconds: 0, originalLength: wire, capturedLength: bytes.length };
  return printer.format(decode(LinkType.EN10MB, bytes), record);
}

Deno.test("printLlc() dumps the bytes of a cut LLC header whatever the options", () => {
  const cut = frame(30, "aaaa");
  const dump = "\n\t0x0000:  aaaa                                     ..";
  assert.equal(line(cut), ` [|llc]${dump}`);
  assert.equal(line(cut, { quiet: true }), ` [|llc]${dump}`);
  // The frame's bytes all count as link header: -X dumps none after this one.
  assert.equal(line(cut, { hex: 1, ascii: true }), ` [|llc]${dump}`);
  assert.equal(line(frame(30, "")), " [|llc]");
});

Deno.test("printLlc() prints [|snap] for a cut SNAP header, after the LLC header with -e", () => {
  const cut = frame(30, "aaaa0300000c");
  assert.equal(line(cut), " [|snap]");
  assert.equal(
    line(cut, { link: true }),
    "02:00:00:00:00:01 > 01:80:c2:00:00:00, 802.3, length 26: LLC, dsap SNAP (0xaa) Individual, " +
      "ssap SNAP (0xaa) Command, ctrl 0x03:  [|snap]",
  );
  assert.equal(line(cut, { hex: 1, ascii: true }), " [|snap]");
});

Deno.test("printCdp() prints the version and TTL of a cut header, or a length below it", () => {
  assert.equal(line(frame(30, "aaaa0300000c200002b4")), "CDPv2, ttl: 180s [|cdp]");
  assert.equal(line(frame(30, "aaaa0300000c200002")), " [|cdp]");
  // A read past the capture: tcpdump dumps the whole frame with -X.
  assert.match(
    line(frame(30, "aaaa0300000c200002"), { hex: 1, ascii: true }),
    /^ \[\|cdp\]\n\t0x0000: {2}0180 c200 0000 0200 0000 0001 001e aaaa/,
  );
  assert.equal(line(frame(9, "aaaa0300000c200002", 0)), " (packet length 1 < 4) (invalid)");
});

Deno.test("printLlc() dumps a cut XID frame's bytes, and leaves an I frame's out with -q", () => {
  assert.equal(
    line(frame(30, "0000af81")),
    "02:00:00:00:00:01 > 01:80:c2:00:00:00 Null Unnumbered, xid, Flags [Command], length 24 " +
      "[|llc]\n\t0x0000:  81                                       .",
  );
  const information = frame(30, "f0f00001");
  const text =
    "02:00:00:00:00:01 > 01:80:c2:00:00:00 NetBeui Information, send seq 0, rcv seq 0, " +
    "Flags [Poll], length 24";
  assert.equal(line(information, { quiet: true }), text);
  assert.equal(
    line(information),
    `${text}\n\t0x0000:  f0f0 0001                                ....`,
  );
});
