import assert from "node:assert/strict";
import { decodeMpls, Mpls, MPLS_MAX_LABELS } from "../lib/net/mpls.ts";
import { decode } from "../lib/decode.ts";
import { DecodeError } from "../lib/errors.ts";
import { LinkType } from "../lib/link_type.ts";
import { buildEthernet, buildIpv4, buildUdp } from "../lib/craft/mod.ts";
import { TcpdumpPrinter } from "../lib/print/mod.ts";
import { concatBytes, ipv4Packet } from "./_shared.ts";

const UDP = buildUdp({
  source: "12.4.4.4",
  destination: "12.1.1.1",
  sourcePort: 42315,
  destinationPort: 33435,
  payload: new Uint8Array(12),
});
const IP = buildIpv4({ source: "12.4.4.4", destination: "12.1.1.1", protocol: 17, payload: UDP });

/** One label entry. */
function entry(label: number, tc: number, bottom: boolean, ttl: number): Uint8Array {
  return new Uint8Array([
    label >> 12,
    (label >> 4) & 0xff,
    ((label & 0xf) << 4) | (tc << 1) | (bottom ? 1 : 0),
    ttl,
  ]);
}

function mplsFrame(payload: Uint8Array): Uint8Array {
  return buildEthernet({
    destination: "ac:85:3d:b9:fe:0d",
    source: "ac:85:3d:b9:fd:e4",
    etherType: 0x8847,
    payload,
    pad: false,
  });
}

const record = (frame: Uint8Array) => ({
  seconds: 0,
  nanoseconds: 0,
  originalLength: frame.length,
});

Deno.test("decodeMpls() reads the label stack down to the bottom entry", () => {
  // tcpdump's view of pcapplusplus/MplsPackets.pcap, packet 2:
  //   MPLS (label 18, tc 0, ttl 254) (label 16, tc 0, [S], ttl 255)
  const mpls = decodeMpls(concatBytes(entry(18, 0, false, 254), entry(16, 0, true, 255), IP));
  assert.ok(mpls instanceof Mpls);
  assert.equal(mpls.depth, 2);
  assert.equal(mpls.headerLength, 8);
  assert.equal(mpls.bottomLabel, 16);
  assert.deepEqual(mpls.labels, [
    { label: 18, trafficClass: 0, bottom: false, ttl: 254 },
    { label: 16, trafficClass: 0, bottom: true, ttl: 255 },
  ]);
  assert.equal(mpls.payloadType, "ipv4");
  assert.deepEqual(mpls.toJSON(), { labels: mpls.labels });
});

Deno.test("decodeMpls() guesses the payload as tcpdump does", () => {
  assert.equal(
    decodeMpls(concatBytes(entry(2, 0, true, 1), new Uint8Array([0x45]))).payloadType,
    "ipv6",
  );
  assert.equal(
    decodeMpls(concatBytes(entry(0, 0, true, 1), new Uint8Array([0x60]))).payloadType,
    "ipv4",
  );
  assert.equal(
    decodeMpls(concatBytes(entry(99, 0, true, 1), new Uint8Array([0x60]))).payloadType,
    "ipv6",
  );
  assert.equal(
    decodeMpls(concatBytes(entry(99, 0, true, 1), new Uint8Array([0x00]))).payloadType,
    undefined,
  );
  assert.equal(decodeMpls(entry(99, 0, true, 1)).payloadType, undefined);
});

Deno.test("decodeMpls() rejects a stack cut before its bottom, or without one", () => {
  assert.throws(() => decodeMpls(entry(18, 0, false, 1)), DecodeError);
  const endless = new Uint8Array(4 * (MPLS_MAX_LABELS + 1));
  assert.throws(() => decodeMpls(endless), { message: /no bottom of stack/ });
});

Deno.test("decode() goes on through MPLS over Ethernet, PPP and UDP", () => {
  const kinds = (link: number, bytes: Uint8Array) => decode(link, bytes).layers.map((l) => l.kind);
  assert.deepEqual(kinds(LinkType.EN10MB, mplsFrame(concatBytes(entry(100704, 0, true, 1), IP))), [
    "ethernet",
    "mpls",
    "ipv4",
    "udp",
  ]);
  assert.deepEqual(
    kinds(
      LinkType.PPP,
      concatBytes(new Uint8Array([0xff, 0x03, 0x02, 0x81]), entry(5, 0, true, 1), IP),
    ),
    [
      "ppp",
      "mpls",
      "ipv4",
      "udp",
    ],
  );
  const overUdp = ipv4Packet(
    17,
    [10, 100, 12, 170],
    [10, 100, 13, 157],
    buildUdp({
      source: "10.100.12.170",
      destination: "10.100.13.157",
      sourcePort: 58699,
      destinationPort: 6635,
      payload: concatBytes(entry(21, 0, true, 63), IP),
    }),
  );
  assert.deepEqual(kinds(LinkType.RAW, overUdp), ["ipv4", "udp", "mpls", "ipv4", "udp"]);
});

Deno.test("printMpls() prints the labels and the packet inside as tcpdump does", () => {
  const frame = mplsFrame(concatBytes(entry(18, 0, false, 254), entry(16, 5, true, 1), IP));
  const packet = decode(LinkType.EN10MB, frame);
  assert.equal(
    new TcpdumpPrinter({ timestamps: "none" }).format(packet, record(frame)),
    "MPLS (label 18, tc 0, ttl 254) (label 16, tc 5, [S], ttl 1) " +
      "IP 12.4.4.4.42315 > 12.1.1.1.33435: UDP, length 12",
  );
  const verbose = new TcpdumpPrinter({ timestamps: "none", verbose: 1 }).format(
    packet,
    record(frame),
  );
  assert.match(
    verbose,
    /^MPLS \(label 18, tc 0, ttl 254\)\n\t\(label 16, tc 5, \[S\], ttl 1\)\n\tIP \(tos 0x0/,
  );
  const explicitNull = mplsFrame(concatBytes(entry(0, 0, true, 64), IP));
  assert.match(
    new TcpdumpPrinter({ timestamps: "none", verbose: 1 }).format(
      decode(LinkType.EN10MB, explicitNull),
      record(explicitNull),
    ),
    /^MPLS \(label 0 \(IPv4 explicit NULL\), tc 0, \[S\], ttl 64\)\n\tIP /,
  );
});

Deno.test("printMpls() prints an unknown payload in hex", () => {
  const frame = mplsFrame(concatBytes(entry(16, 0, true, 255), new Uint8Array([0, 0, 0, 0])));
  assert.equal(
    new TcpdumpPrinter({ timestamps: "none" }).format(
      decode(LinkType.EN10MB, frame),
      record(frame),
    ),
    "MPLS (label 16, tc 0, [S], ttl 255)\n\t0x0000:  0000 0000                                ....",
  );
});
