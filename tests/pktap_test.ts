import assert from "node:assert/strict";
import { decodePktap, PktapRecordType } from "../lib/link/pktap.ts";
import { decode } from "../lib/decode.ts";
import { LinkType } from "../lib/link_type.ts";
import { TcpdumpPrinter } from "../lib/print/mod.ts";
import { decodeHex } from "../lib/_hex.ts";
import { concatBytes } from "./_shared.ts";

const ARP = decodeHex(
  "ffffffffffff0011223344550806" +
    "0001080006040001001122334455c0a80001000000000000c0a80002",
);
const ICMP = decodeHex("4500001c000000004001f0e2c0a80001c0a800020800f7ff00000000");

/** A PKTAP header as macOS writes one (the fields past the first three little-endian). */
function header(
  { dlt = 1, rectype = 1, length = 108 }: { dlt?: number; rectype?: number; length?: number } = {},
): Uint8Array {
  const bytes = new Uint8Array(Math.max(108, length));
  const view = new DataView(bytes.buffer);
  view.setUint32(0, length, true);
  view.setUint32(4, rectype, true);
  view.setUint32(8, dlt, true);
  bytes.set(new TextEncoder().encode("en0"), 12);
  view.setUint32(36, 0x10, true);
  view.setUint32(40, 2, true);
  view.setUint32(44, 14, true);
  view.setUint32(52, 4321, true);
  bytes.set(new TextEncoder().encode("curl"), 56);
  view.setUint16(80, 6, true);
  view.setUint16(82, 1, true);
  view.setUint32(84, 4322, true);
  bytes.set(new TextEncoder().encode("nsurlsessiond"), 88);
  return bytes;
}

function format(
  bytes: Uint8Array,
  options: { link?: boolean; quiet?: boolean } = {},
  wire = bytes.length,
  linkType: number = LinkType.PKTAP,
): string {
  return new TcpdumpPrinter({ timestamps: "none", ...options }).format(
    decode(linkType, bytes),
    { seconds: 0, nanoseconds: 0, originalLength: wire },
  );
}

Deno.test("decodePktap() reads every field of the header", () => {
  const pktap = decodePktap(header());
  assert.equal(pktap.length, 108);
  assert.equal(pktap.recordType, PktapRecordType.PACKET);
  assert.equal(pktap.linkType, 1);
  assert.equal(pktap.headerLength, 108);
  assert.deepEqual(pktap.toJSON(), {
    length: 108,
    recordType: 1,
    linkType: 1,
    interfaceName: "en0",
    flags: 0x10,
    protocolFamily: 2,
    linkHeaderLength: 14,
    linkTrailerLength: 0,
    pid: 4321,
    command: "curl",
    serviceClass: 0,
    interfaceType: 6,
    interfaceUnit: 1,
    effectivePid: 4322,
    effectiveCommand: "nsurlsessiond",
  });
});

Deno.test("decode() goes on from PKTAP by the header's link type, under 258 and 149", () => {
  for (const linkType of [LinkType.PKTAP, LinkType.USER2]) {
    const arp = decode(linkType, concatBytes(header(), ARP));
    assert.deepEqual(arp.layers.map((l) => l.kind), ["pktap", "ethernet", "arp"]);
    const raw = decode(linkType, concatBytes(header({ dlt: 12 }), ICMP));
    assert.deepEqual(raw.layers.map((l) => l.kind), ["pktap", "ipv4", "icmp"]);
  }
  // No frame after a record of no data, nor after an invalid length.
  const none = decode(LinkType.PKTAP, concatBytes(header({ rectype: 0 }), ARP));
  assert.deepEqual(none.layers.map((l) => l.kind), ["pktap"]);
  const short = decode(LinkType.PKTAP, concatBytes(header({ length: 50 }), ARP));
  assert.equal(short.layer("pktap")!.validLength, false);
  assert.deepEqual(short.layers.map((l) => l.kind), ["pktap"]);
});

Deno.test("decodePktap() rejects a truncated header", () => {
  assert.throws(() => decodePktap(header().subarray(0, 11)), {
    code: "truncated",
    message: "Cannot decode PKTAP header: 12 bytes required, received 11",
  });
  assert.throws(() => decodePktap(header().subarray(0, 80)), {
    message: "Cannot decode PKTAP header: 108 bytes required, received 80",
  });
  // decode() keeps the cut header, partial, for the printer.
  const cut = decode(LinkType.PKTAP, header().subarray(0, 80));
  assert.equal(cut.layer("pktap")!.complete, false);
  assert.equal(cut.layer("pktap")!.pid, 4321);
  assert.equal(cut.layer("pktap")!.effectiveCommand, "");
  assert.equal(cut.error?.code, "truncated");
});

Deno.test("printPktap() prints the header and the frame as tcpdump does", () => {
  const arp = concatBytes(header(), ARP);
  assert.equal(format(arp), "ARP, Request who-has 192.168.0.2 tell 192.168.0.1, length 28");
  assert.equal(
    format(arp, { link: true }),
    "DLT EN10MB (1) len 108, length 150: 00:11:22:33:44:55 > ff:ff:ff:ff:ff:ff, " +
      "ethertype ARP (0x0806), length 42: Request who-has 192.168.0.2 tell 192.168.0.1, " +
      "length 28",
  );
  assert.equal(
    format(concatBytes(header({ dlt: 12 }), ICMP), { link: true }),
    "DLT RAW (12) len 108, length 136: ip: 192.168.0.1 > 192.168.0.2: ICMP echo request, " +
      "id 0, seq 0, length 8",
  );
  assert.equal(format(header({ rectype: 0 })), "no data");
  assert.equal(
    format(header({ rectype: 0 }), { link: true }),
    "DLT EN10MB (1) len 108, length 108: no data",
  );
  assert.equal(format(concatBytes(header({ rectype: 2 }), ARP)), "");
  assert.equal(
    format(concatBytes(header({ dlt: 9999 }), ARP.subarray(0, 4))),
    "DLT UNKNOWN (9999) len 108, length 112: \n\t0x0000:  ffff ffff" +
      "                                ....",
  );
  assert.equal(
    format(concatBytes(header({ dlt: 9999 }), ARP), { quiet: true }),
    "UNKNOWN, length 150: ",
  );
});

Deno.test("printPktap() prints tcpdump's checks of the lengths in its order", () => {
  assert.equal(
    format(concatBytes(header({ length: 50 }), ARP)),
    " (pkt_len too small, 50 < 108) (invalid)",
  );
  assert.equal(
    format(concatBytes(header({ length: 300 }).subarray(0, 108), ARP)),
    " (pkt_len too big, 300 > 150) (invalid)",
  );
  // The wire length first, whatever was captured.
  assert.equal(format(header().subarray(0, 60)), " (packet too short, 60 < 108) (invalid)");
  assert.equal(format(header().subarray(0, 10)), " (packet too short, 10 < 108) (invalid)");
  // Then the reads of the first fields and of the whole header.
  assert.equal(format(header().subarray(0, 8), {}, 150), " [|pktap]");
  assert.equal(format(header().subarray(0, 80), {}, 150), " [|pktap]");
  assert.equal(format(header(), {}, 150, LinkType.USER2), " [|ether]");
});
