import assert from "node:assert/strict";
import { decodeTokenRing } from "../lib/link/token_ring.ts";
import { decodeLlc } from "../lib/link/llc.ts";
import { decode } from "../lib/decode.ts";
import { LinkType } from "../lib/link_type.ts";
import { TcpdumpPrinter } from "../lib/print/mod.ts";
import { decodeHex } from "../lib/_hex.ts";

// LLC/SNAP IPv4 UDP (10.0.0.1.1024 > 10.0.0.2.9, "hi"), as testdata/crafted/token_ring.py
// writes it.
const SNAP_IP = "aaaa0300000008004500001e000100004011" + "66cc0a0000010a00000204000009000a7f656869";
const ADDRESSES = "400000000002" + "100000000001";
const ROUTED_ADDRESSES = "400000000002" + "900000000001";
const plain = decodeHex(`1040${ADDRESSES}${SNAP_IP}`);
// Route control 0x0830 (8 bytes, forward, 4472), segments 0x0011, 0x0022, 0x0033.
const routed = decodeHex(`1040${ROUTED_ADDRESSES}0830001100220033${SNAP_IP}`);
const UDP = "10.0.0.1.1024 > 10.0.0.2.9: UDP, length 2";

function format(
  linkType: number,
  bytes: Uint8Array,
  options = {},
  originalLength = bytes.length,
): string {
  return new TcpdumpPrinter({ timestamps: "none", ...options }).format(
    decode(linkType, bytes),
    { seconds: 0, nanoseconds: 0, originalLength },
  );
}

Deno.test("decodeTokenRing() reads the controls and the addresses", () => {
  const tr = decodeTokenRing(plain);
  assert.equal(tr.accessControl, 0x10);
  assert.equal(tr.frameControl, 0x40);
  assert.equal(tr.destination, "40:00:00:00:00:02");
  assert.equal(tr.source, "10:00:00:00:00:01");
  assert.equal(tr.routed, false);
  assert.equal(tr.llc, true);
  assert.equal(tr.headerLength, 14);
  assert.deepEqual(tr.toJSON(), {
    accessControl: 0x10,
    frameControl: 0x40,
    destination: "40:00:00:00:00:02",
    source: "10:00:00:00:00:01",
  });
});

Deno.test("decodeTokenRing() reads the route field of a source-routed frame", () => {
  const tr = decodeTokenRing(routed);
  assert.equal(tr.routed, true);
  assert.equal(tr.source, "10:00:00:00:00:01");
  assert.equal(tr.routeControl, 0x0830);
  assert.equal(tr.routeLength, 8);
  assert.equal(tr.broadcast, 0);
  assert.equal(tr.direction, 0);
  assert.equal(tr.largestFrame, 3);
  assert.deepEqual(tr.segments, [0x11, 0x22, 0x33]);
  assert.equal(tr.headerLength, 22);
});

Deno.test("decodeTokenRing() rejects a truncated header", () => {
  assert.throws(() => decodeTokenRing(plain.subarray(0, 13)), {
    code: "truncated",
    message: "Cannot decode Token Ring header: 14 bytes required, received 13",
  });
});

Deno.test("decode() keeps a Token Ring header whose route field was cut", () => {
  for (const [length, required] of [[15, 16], [16, 22], [21, 22]]) {
    const packet = decode(LinkType.IEEE802, routed.subarray(0, length));
    assert.deepEqual(packet.layers.map((l) => l.kind), ["token-ring"]);
    assert.equal(packet.error?.required, required);
    assert.equal(packet.error?.partial, true);
  }
});

Deno.test("decode() goes on from Token Ring to LLC/SNAP, IPv4 and UDP", () => {
  for (const frame of [plain, routed]) {
    const packet = decode(LinkType.IEEE802, frame);
    assert.deepEqual(packet.layers.map((l) => l.kind), ["token-ring", "llc", "ipv4", "udp"]);
  }
});

Deno.test("printTokenRing() prints the frame as tcpdump does", () => {
  assert.equal(format(LinkType.IEEE802, plain), `IP ${UDP}`);
  assert.equal(
    format(LinkType.IEEE802, plain, { link: true }),
    "10 40 10:00:00:00:00:01 > 40:00:00:00:00:02, length 52: LLC, dsap SNAP (0xaa) " +
      "Individual, ssap SNAP (0xaa) Command, ctrl 0x03: oui Ethernet (0x000000), ethertype " +
      `IPv4 (0x0800), length 30: ${UDP}`,
  );
  assert.equal(
    format(LinkType.IEEE802, plain, { link: true, quiet: true }),
    "10:00:00:00:00:01 > 40:00:00:00:00:02, length 52: LLC, dsap SNAP (0xaa) Individual, " +
      "ssap SNAP (0xaa) Command, ctrl 0x03: oui Ethernet (0x000000), ethertype IPv4 " +
      `(0x0800), length 30: ${UDP}`,
  );
});

Deno.test("printTokenRing() prints the route field as tcpdump does", () => {
  assert.equal(format(LinkType.IEEE802, routed), `rt = 830:11:22:33 (4472) IP ${UDP}`);
  const backward = routed.slice();
  backward[14] = 0xc8;
  backward[15] = 0xe0;
  assert.equal(
    format(LinkType.IEEE802, backward, { verbose: 1, link: true }),
    "10 40 10:00:00:00:00:01 > 40:00:00:00:00:02, length 60: Single-route Backward [1:1] " +
      "[2:2] [3:3] (17800) LLC, dsap SNAP (0xaa) Individual, ssap SNAP (0xaa) Command, ctrl " +
      "0x03: oui Ethernet (0x000000), ethertype IPv4 (0x0800), length 30: (tos 0x0, ttl 64, " +
      "id 1, offset 0, flags [none], proto UDP (17), length 30)\n    " + UDP,
  );
});

Deno.test("printTokenRing() marks a cut header or route field as tcpdump does", () => {
  assert.equal(format(LinkType.IEEE802, plain.subarray(0, 13), {}, 52), " [|token-ring]");
  assert.equal(format(LinkType.IEEE802, routed.subarray(0, 21), {}, 60), " [|token-ring]");
  assert.equal(
    format(LinkType.IEEE802, routed.subarray(0, 15), { link: true, hex: 1, ascii: true }, 60),
    "10 40 10:00:00:00:00:01 > 40:00:00:00:00:02, length 60:  [|token-ring]\n" +
      "\t0x0000:  08                                       .",
  );
});

Deno.test("printTokenRing() prints MAC frames and unknown SAPs with the plain source", () => {
  const mac = decodeHex(`1000${ROUTED_ADDRESSES}04300001001c`);
  assert.equal(
    format(LinkType.IEEE802, mac),
    "rt = 430:1 (4472) 10 00 10:00:00:00:00:01 > 40:00:00:00:00:02, length 20: \n" +
      "\t0x0000:  001c                                     ..",
  );
  const unknown = decodeHex(`1040${ROUTED_ADDRESSES}0230303003001122`);
  assert.equal(
    format(LinkType.IEEE802, unknown),
    "rt = 230 (4472) 10:00:00:00:00:01 > 40:00:00:00:00:02 Unknown DSAP 0x30 Unnumbered, " +
      "ui, Flags [Command], length 6\n\t0x0000:  3030 0300 1122" +
      '                           00..."',
  );
});

Deno.test("decodeLlc() takes in the pad before bridged Token Ring and FDDI frames", () => {
  const head = "aaaa030080c2";
  assert.equal(decodeLlc(decodeHex(`${head}00090000`)).bridged, LinkType.IEEE802);
  assert.equal(decodeLlc(decodeHex(`${head}00090000`)).headerLength, 10);
  assert.equal(decodeLlc(decodeHex(`${head}0004000000`)).bridged, LinkType.FDDI);
  assert.equal(decodeLlc(decodeHex(`${head}0004000000`)).headerLength, 11);
  assert.equal(decodeLlc(decodeHex(`${head}00070000`)).bridgePad, 2);
  assert.equal(decodeLlc(decodeHex(`${head}000e0000`)).bridged, undefined);
  assert.throws(() => decodeLlc(decodeHex(`${head}00040000`)), {
    message: "Cannot decode LLC header: 11 bytes required, received 10",
  });
});

Deno.test("printLlc() hands RFC 2684 bridged Token Ring and FDDI on as tcpdump does", () => {
  const tr = decodeHex(`aaaa030080c200090000${"1040" + ADDRESSES + SNAP_IP}`);
  assert.deepEqual(
    decode(LinkType.ATM_RFC1483, tr).layers.map((l) => l.kind),
    ["atm-rfc1483", "llc", "token-ring", "llc", "ipv4", "udp"],
  );
  assert.equal(
    format(LinkType.ATM_RFC1483, tr, { link: true, quiet: true }),
    "LLC, dsap SNAP (0xaa) Individual, ssap SNAP (0xaa) Command, ctrl 0x03: oui Ethernet " +
      "bridged (0x0080c2), pid Token Ring w/o FCS (0x0009), length 54: 10:00:00:00:00:01 > " +
      "40:00:00:00:00:02, length 52: LLC, dsap SNAP (0xaa) Individual, ssap SNAP (0xaa) " +
      `Command, ctrl 0x03: oui Ethernet (0x000000), ethertype IPv4 (0x0800), length 30: ${UDP}`,
  );
  const fddi = decodeHex(`aaaa030080c2000a000000${"50aa0004008201aa0004008302" + SNAP_IP}`);
  assert.equal(format(LinkType.ATM_RFC1483, fddi), `IP ${UDP}`);
  assert.equal(
    format(LinkType.ATM_RFC1483, fddi.subarray(0, 20)),
    " [|fddi]",
  );
  assert.equal(format(LinkType.ATM_RFC1483, fddi.subarray(0, 10)), " [|snap]");
});

Deno.test("printFrameRelay() hands RFC 2427 bridged frames on as tcpdump does", () => {
  const tr = decodeHex(`1841030080${"0080c20009"}${"1040" + ADDRESSES + SNAP_IP}`);
  assert.deepEqual(
    decode(LinkType.FRELAY, tr).layers.map((l) => l.kind),
    ["fr", "token-ring", "llc", "ipv4", "udp"],
  );
  // The pad byte after the control field is "Pad!" to fr_print().
  assert.equal(format(LinkType.FRELAY, tr), `Pad! IP ${UDP}`);
  const fddi = decodeHex(`1841030080${"0080c2000a"}00${"50aa0004008201aa0004008302" + SNAP_IP}`);
  assert.equal(
    format(LinkType.FRELAY, fddi, { link: true, quiet: true }),
    "Pad! Q.922, DLCI 100, length 62: oui Ethernet " +
      "bridged (0x0080c2), pid FDDI w/o FCS (0x000a), length 52: aa:00:04:00:83:02 > " +
      "aa:00:04:00:82:01, length 51: LLC, dsap SNAP (0xaa) Individual, ssap SNAP (0xaa) " +
      `Command, ctrl 0x03: oui Ethernet (0x000000), ethertype IPv4 (0x0800), length 30: ${UDP}`,
  );
  // snap_print() checks the byte it skips before FDDI.
  assert.equal(format(LinkType.FRELAY, fddi.subarray(0, 10), {}, 62), "Pad!  [|snap]");
  const other = decodeHex("18410300800080c20002abcd");
  assert.equal(
    format(LinkType.FRELAY, other),
    "Pad! SNAP, oui Ethernet bridged (0x0080c2), pid 802.4 + FCS (0x0002), length 2: Q.922, " +
      "hdr-len 5, DLCI 100, Flags [none], NLPID SNAP (0x80), length 12: \n" +
      "\t0x0000:  1841 0300 8000 80c2 0002 abcd            .A..........",
  );
});
