import assert from "node:assert/strict";
import { decodePpi } from "../lib/link/ppi.ts";
import { decode } from "../lib/decode.ts";
import { LinkType } from "../lib/link_type.ts";
import { TcpdumpPrinter } from "../lib/print/mod.ts";
import { decodeHex } from "../lib/_hex.ts";

// PPI headers made for these tests and checked against tcpdump 4.99.3: an 802.11-common
// field (type 2, 20 bytes) before an acknowledgment, and a link type without a printer.
const ack = decodeHex(
  "0000200069000000020014000000000000000000000000000000000000000000" + "d4000000020000000000",
);
const unknown = decodeHex("00000800e7030000010203");

function format(bytes: Uint8Array, options = {}): string {
  return new TcpdumpPrinter({ timestamps: "none", ...options }).format(
    decode(LinkType.PPI, bytes),
    { seconds: 0, nanoseconds: 0, originalLength: bytes.length },
  );
}

Deno.test("decodePpi() reads the header and goes on by its link type", () => {
  const ppi = decodePpi(ack);
  assert.equal(ppi.version, 0);
  assert.equal(ppi.length, 32);
  assert.equal(ppi.linkType, LinkType.IEEE802_11);
  assert.equal(ppi.headerLength, 32);
  assert.deepEqual(decode(LinkType.PPI, ack).layers.map((l) => l.kind), ["ppi", "ieee80211"]);
});

Deno.test("decodePpi() rejects a truncated header", () => {
  assert.throws(() => decodePpi(ack.subarray(0, 7)), { code: "truncated" });
  assert.throws(() => decodePpi(ack.subarray(0, 20)), { code: "truncated" });
});

Deno.test("printPpi() prints the header and the frame as tcpdump does", () => {
  assert.equal(format(ack), "Acknowledgment RA:02:00:00:00:00:00 ");
  assert.equal(
    format(ack, { link: true }),
    "V.0 DLT IEEE802_11 (105) len 32, length 42: RA:02:00:00:00:00:00 Acknowledgment",
  );
  assert.equal(
    format(unknown),
    "V.0 DLT UNKNOWN (999) len 8, length 11: \n\t0x0000:  0102 03" +
      "                                  ...",
  );
  assert.equal(
    format(new Uint8Array([0, 0, 4, 0, 105, 0, 0, 0])),
    " [length 4 < 8 or > 65532] (invalid)",
  );
});
