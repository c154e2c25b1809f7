import assert from "node:assert/strict";
import { decodeFddi } from "../lib/link/fddi.ts";
import { decode } from "../lib/decode.ts";
import { LinkType } from "../lib/link_type.ts";
import { TcpdumpPrinter } from "../lib/print/mod.ts";
import { decodeHex } from "../lib/_hex.ts";

// A TCP reset over FDDI and LLC/SNAP, from Zeek's llc.pcap (tcpdump -XX):
//   0x0000:  50aa 0004 0082 a7aa 0004 0083 a7aa aa03  P...............
//   0x0010:  0000 0008 0045 0000 2812 5200 0008 0649  .....E..(.R....I
//   0x0020:  4880 038c 84c2 8c88 2207 f300 5052 c73e  H......."...PR.>
//   0x0030:  0d52 c73e 0d50 0420 000e be00 0000 0000  .R.>.P..........
//   0x0040:  0014 0001                                ....
const reset = decodeHex(
  "50aa00040082a7aa00040083a7aaaa03000000080045000028125200000806494880038c84c28c882207f3" +
    "005052c73e0d52c73e0d500420000ebe000000000000140001",
);

function format(bytes: Uint8Array, options = {}, originalLength = bytes.length): string {
  return new TcpdumpPrinter({ timestamps: "none", ...options }).format(
    decode(LinkType.FDDI, bytes),
    { seconds: 0, nanoseconds: 0, originalLength },
  );
}

Deno.test("decodeFddi() reads the frame control and the addresses", () => {
  const fddi = decodeFddi(reset);
  assert.equal(fddi.frameControl, 0x50);
  assert.equal(fddi.destination, "aa:00:04:00:82:a7");
  assert.equal(fddi.source, "aa:00:04:00:83:a7");
  assert.equal(fddi.llc, true);
  assert.deepEqual(fddi.toJSON(), {
    frameControl: 0x50,
    destination: "aa:00:04:00:82:a7",
    source: "aa:00:04:00:83:a7",
  });
});

Deno.test("decodeFddi() rejects a truncated header", () => {
  assert.throws(() => decodeFddi(reset.subarray(0, 12)), { code: "truncated" });
});

Deno.test("decode() goes on from FDDI to LLC/SNAP, IPv4 and TCP", () => {
  const packet = decode(LinkType.FDDI, reset);
  assert.deepEqual(packet.layers.map((l) => l.kind), ["fddi", "llc", "ipv4", "tcp"]);
});

Deno.test("printFddi() prints the frame as tcpdump does", () => {
  const line = "128.3.140.132.2035 > 194.140.136.34.80: Flags [R], seq 1388789261, win 8192, " +
    "length 0";
  assert.equal(format(reset, {}, 70), `IP ${line}`);
  assert.equal(
    format(reset, { link: true }, 70),
    "async0 aa:00:04:00:83:a7 > aa:00:04:00:82:a7, length 70: LLC, dsap SNAP (0xaa) " +
      "Individual, ssap SNAP (0xaa) Command, ctrl 0x03: oui Ethernet (0x000000), ethertype " +
      `IPv4 (0x0800), length 49: ${line}`,
  );
});

Deno.test("printFddi() prints SMT and MAC frames as tcpdump does", () => {
  const smt = reset.slice(0, 16);
  smt[0] = 0x41;
  assert.equal(format(smt), "<SMT printer not yet implemented>");
  assert.equal(
    format(smt, { link: true }),
    "info aa:00:04:00:83:a7 > aa:00:04:00:82:a7, length 16: <SMT printer not yet implemented>",
  );
  const mac = reset.slice(0, 15);
  mac[0] = 0xc5;
  assert.equal(
    format(mac),
    "mac5 aa:00:04:00:83:a7 > aa:00:04:00:82:a7, length 15: \n\t0x0000:  aaaa" +
      "                                     ..",
  );
});
