import assert from "node:assert/strict";
import { decode } from "../lib/decode.ts";
import { LinkType } from "../lib/link_type.ts";
import { Icmp } from "../lib/net/icmp.ts";
import { TcpdumpPrinter } from "../lib/print/mod.ts";
import { buildIpv4 } from "../lib/craft/mod.ts";
import { foldChecksum, sumWords } from "../lib/checksum.ts";

/** An ICMP message with its checksum, in IPv4 from 10.0.0.254 to 10.0.0.2. */
function packet(bytes: number[], captured?: number): Uint8Array {
  const icmp = new Uint8Array(bytes);
  const sum = foldChecksum(sumWords(icmp, 0, icmp.length, 0));
  icmp[2] = sum >> 8;
  icmp[3] = sum & 0xff;
  const ip = buildIpv4({
    source: "10.0.0.254",
    destination: "10.0.0.2",
    protocol: 1,
    payload: icmp,
  });
  return ip.subarray(0, captured ?? ip.length);
}

function print(bytes: Uint8Array, verbose = 0): string {
  return new TcpdumpPrinter({ timestamps: "none", verbose }).format(
    decode(LinkType.RAW, bytes),
    // The length on the wire: the IPv4 total length, whatever was captured.
    { seconds: 0, nanoseconds: 0, originalLength: (bytes[2]! << 8) | bytes[3]! },
  );
}

function u32(n: number): number[] {
  return [n >>> 24, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}

/** A quoted UDP datagram of 28 bytes to 192.0.2.9 port 33434, padded to 128 bytes. */
const QUOTED = [
  0x45,
  0,
  0,
  28,
  0,
  7,
  0,
  0,
  1,
  17,
  0,
  0,
  10,
  0,
  0,
  2,
  192,
  0,
  2,
  9,
  0x9c,
  0x40,
  0x82,
  0x9a,
  0,
  8,
  0,
  0,
  ...new Array(100).fill(0),
];

/** An RFC 4884 extension holding one MPLS object with `entries`, its checksum computed. */
function extension(entries: number[]): number[] {
  const ext = new Uint8Array([
    0x20,
    0,
    0,
    0,
    0,
    4 + 4 * entries.length,
    1,
    1,
    ...entries.flatMap(u32),
  ]);
  const sum = foldChecksum(sumWords(ext, 0, ext.length, 0));
  ext[2] = sum >> 8;
  ext[3] = sum & 0xff;
  return [...ext];
}

Deno.test("printIcmp() prints time stamp requests and replies as tcpdump does", () => {
  const org = ((4 * 60 + 28) * 60 + 51) * 1000 + 171;
  const request = packet([13, 0, 0, 0, 0x12, 0x34, 0, 7, ...u32(org), ...u32(0), ...u32(0)]);
  assert.equal(
    print(request),
    "IP 10.0.0.254 > 10.0.0.2: ICMP time stamp query id 4660 seq 7, length 20",
  );
  const reply = packet([
    14,
    0,
    0,
    0,
    0x12,
    0x34,
    0,
    7,
    ...u32(org),
    ...u32(86399999),
    ...u32(0xfffffff0),
  ]);
  assert.equal(
    print(reply),
    "IP 10.0.0.254 > 10.0.0.2: ICMP time stamp reply id 4660 seq 7: org 04:28:51.171, " +
      "recv 23:59:59.999, xmit 1193:02:47.280, length 20",
  );
  // The transmit timestamp cut by the capture: tcpdump prints only the mark.
  assert.equal(print(reply.subarray(0, 38)), "IP 10.0.0.254 > 10.0.0.2:  [|icmp]");
});

Deno.test("decode() keeps the type and code of an ICMP message cut inside its header", () => {
  const cut = decode(LinkType.RAW, packet([4, 0, 0, 0, 0, 0, 0, 0, ...QUOTED], 23));
  const icmp = cut.layers.at(-1);
  assert.ok(icmp instanceof Icmp);
  assert.equal(icmp.truncated, true);
  assert.equal(icmp.type, 4);
  assert.equal(icmp.identifier, undefined);
  assert.equal(cut.error?.partial, true);
  assert.equal(
    print(packet([4, 0, 0, 0, 0, 0, 0, 0, ...QUOTED], 23)),
    "IP 10.0.0.254 > 10.0.0.2: ICMP source quench, length 136",
  );
  assert.equal(print(packet([8, 0, 0, 0, 0, 1, 0, 1], 25)), "IP 10.0.0.254 > 10.0.0.2:  [|icmp]");
});

Deno.test("printIcmp() prints an RFC 4884 MPLS extension at -v as tcpdump does", () => {
  const label = (16001 << 12) | (5 << 9) | 0x100 | 1;
  const bytes = packet([11, 0, 0, 0, 0, 32, 0, 0, ...QUOTED, ...extension([label])]);
  const icmp = decode(LinkType.RAW, bytes).layers.at(-1);
  assert.ok(icmp instanceof Icmp);
  assert.equal(icmp.extension?.checksumValid, true);
  assert.deepEqual(icmp.extension?.objects[0]?.mplsEntries, [
    { label: 16001, trafficClass: 5, bottomOfStack: true, ttl: 1 },
  ]);
  const lines = print(bytes, 1).split("\n");
  assert.equal(lines[1], "    10.0.0.254 > 10.0.0.2: ICMP time exceeded in-transit, length 148");
  assert.deepEqual(lines.slice(-3), [
    `\tICMP Multi-Part extension v2, checksum 0x${
      icmp.extension!.checksum!.toString(16).padStart(4, "0")
    } (correct), length 12`,
    "\t  MPLS Stack Entry Object (1), Class-Type: 1, length 8",
    "\t    label 16001, tc 5, [S], ttl 1",
  ]);
  // Cut in the object's header: no checksum (not all captured), then the mark.
  assert.match(
    print(bytes.subarray(0, 20 + 136 + 6), 1),
    /\tICMP Multi-Part extension v2 \[\|icmp\]$/,
  );
});
