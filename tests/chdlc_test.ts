import assert from "node:assert/strict";
import { decodeChdlc } from "../lib/link/chdlc.ts";
import { decodeSlarp } from "../lib/link/slarp.ts";
import { decode } from "../lib/decode.ts";
import { LinkType } from "../lib/link_type.ts";
import { buildIcmpEcho, buildIpv4 } from "../lib/craft/mod.ts";
import { concatBytes } from "./_shared.ts";
import { TcpdumpPrinter } from "../lib/print/mod.ts";

// A SLARP keepalive from tcpdump's hdlc_slarp.pcapng (tcpdump -X):
//   0x0000:  8f00 8035 0000 0002 0000 0001 0000 0000
//   0x0010:  ffff 0527 c5b9 0000
const keepalive = new Uint8Array([
  0x8f,
  0x00,
  0x80,
  0x35,
  0x00,
  0x00,
  0x00,
  0x02,
  0x00,
  0x00,
  0x00,
  0x01,
  0x00,
  0x00,
  0x00,
  0x00,
  0xff,
  0xff,
  0x05,
  0x27,
  0xc5,
  0xb9,
  0x00,
  0x00,
]);

function format(bytes: Uint8Array, options = {}): string {
  return new TcpdumpPrinter({ timestamps: "none", ...options }).format(
    decode(LinkType.C_HDLC, bytes),
    { seconds: 0, nanoseconds: 0, originalLength: bytes.length },
  );
}

Deno.test("decodeChdlc() reads the address, control and protocol", () => {
  const chdlc = decodeChdlc(keepalive);
  assert.equal(chdlc.address, 0x8f);
  assert.equal(chdlc.control, 0);
  assert.equal(chdlc.protocol, 0x8035);
  assert.equal(chdlc.broadcast, true);
  assert.throws(() => decodeChdlc(keepalive.subarray(0, 3)), { code: "truncated" });
});

Deno.test("decodeSlarp() reads a keepalive and rejects a short packet", () => {
  const slarp = decodeSlarp(keepalive, 4);
  assert.equal(slarp.code, 2);
  assert.equal(slarp.mySequence, 1);
  assert.equal(slarp.yourSequence, 0);
  assert.equal(slarp.reliability, 0xffff);
  assert.equal(slarp.uptime, 0x0527c5b9);
  assert.throws(() => decodeSlarp(keepalive.subarray(4, 17)), { code: "truncated" });
});

Deno.test("printSlarp() prints a keepalive as tcpdump does", () => {
  assert.equal(
    format(keepalive),
    "SLARP (length: 20), keepalive: mineseen=0x00000001, yourseen=0x00000000, " +
      "reliability=0xffff, link uptime=1d0h1m32s",
  );
  assert.equal(
    format(keepalive, { link: true, verbose: 2 }),
    "bcast, ethertype Reverse ARP (0x8035), length 24: SLARP (length: 20), keepalive: " +
      "mineseen=0x00000001, yourseen=0x00000000, reliability=0xffff, link uptime=1d0h1m32s, " +
      "(trailing junk: 2 bytes)\n\t0x0000:  0000",
  );
});

Deno.test("printChdlc() prints IPv4 and names protocols tcpdump does not print", () => {
  const ping = buildIpv4({
    source: "10.0.0.1",
    destination: "10.0.0.2",
    protocol: 1,
    payload: buildIcmpEcho({ identifier: 0, sequence: 0 }),
  });
  assert.equal(
    format(concatBytes(new Uint8Array([0x0f, 0, 0x08, 0x00]), ping), { link: true }),
    "unicast, ethertype IPv4 (0x0800), length 32: 10.0.0.1 > 10.0.0.2: " +
      "ICMP echo request, id 0, seq 0, length 8",
  );
  const cdp = new Uint8Array([0x8f, 0, 0x20, 0x00, 2, 0xb4, 0, 0]);
  assert.equal(format(cdp), "unknown CHDLC protocol (0x2000)");
  assert.equal(format(cdp, { link: true }), "bcast, ethertype Unknown (0x2000), length 8: ");
});
