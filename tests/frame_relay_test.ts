import assert from "node:assert/strict";
import { readQ922Address } from "../lib/link/_q922.ts";
import { decodeFrameRelay, FrameRelayFlag } from "../lib/link/frame_relay.ts";
import { decodeQ933, Q933 } from "../lib/link/q933.ts";
import { defaultRegistry } from "../lib/registry.ts";
import { decode } from "../lib/decode.ts";
import { LinkType } from "../lib/link_type.ts";
import { TcpdumpPrinter } from "../lib/print/mod.ts";
import { decodeHex } from "../lib/_hex.ts";
import { buildIcmpEcho, buildIpv4 } from "../lib/craft/mod.ts";
import { concatBytes } from "./_shared.ts";

// An ICMP echo request in Cisco's encapsulation, from Arkime's icmp-frame-relay.pcap
// (tcpdump -xx, first bytes):
//   0x0000:  1861 0800 4500 0064 000f 0000 ff01 a787
const ip = buildIpv4({
  source: new Uint8Array([10, 0, 0, 1]),
  destination: new Uint8Array([10, 0, 0, 2]),
  protocol: 1,
  payload: buildIcmpEcho({ identifier: 3, sequence: 0 }),
});

function format(bytes: Uint8Array, options = {}): string {
  return new TcpdumpPrinter({ timestamps: "none", ...options }).format(
    decode(LinkType.FRELAY, bytes),
    { seconds: 0, nanoseconds: 0, originalLength: bytes.length },
  );
}

// LMI frames, checked against tcpdump 4.99.3: an ANSI status enquiry (report type "link
// verify", sequence numbers 5 and 4), and a CCITT status reply with two PVC status elements.
const enquiry = decodeHex("00010308007595010101030205" + "04");
const reply = decodeHex("000103080" + "07d51010053020605570300f082570301008a");

Deno.test("decodeFrameRelay() reads the Q.922 address and the encapsulation", () => {
  const cisco = decodeFrameRelay(concatBytes(new Uint8Array([0x18, 0x61, 0x08, 0x00]), ip));
  assert.equal(cisco.dlci, 102);
  assert.equal(cisco.addressLength, 2);
  assert.equal(cisco.flags, 0);
  assert.equal(cisco.etherType, 0x0800);
  assert.equal(cisco.headerLength, 4);
  const nlpid = decodeFrameRelay(new Uint8Array([0x18, 0x63, 0x03, 0xcc, 0x45]));
  assert.equal(nlpid.etherType, undefined);
  assert.equal(nlpid.nlpid, 0xcc);
  assert.equal(nlpid.flags, FrameRelayFlag.DE);
  const snap = decodeFrameRelay(decodeHex("1861030080000000080045"));
  assert.equal(snap.pad, true);
  assert.equal(snap.oui, 0);
  assert.equal(snap.protocolId, 0x0800);
  assert.equal(snap.headerLength, 10);
});

Deno.test("decodeFrameRelay() rejects a truncated frame and flags a long address", () => {
  assert.throws(() => decodeFrameRelay(new Uint8Array([0x18, 0x61, 0x03])), {
    code: "truncated",
  });
  assert.equal(decodeFrameRelay(new Uint8Array([0x01, 0, 0, 0])).validAddress, false);
});

Deno.test("decodeQ933() reads the message and its elements", () => {
  const q933 = decodeQ933(enquiry, 4);
  assert.equal(q933.messageType, 0x75);
  assert.equal(q933.ansi, true);
  assert.deepEqual(q933.elements.map((e) => [e.codeset, e.code]), [[5, 1], [5, 3]]);
  assert.equal(q933.stop, "complete");
  assert.throws(() => decodeQ933(new Uint8Array([0x02, 0x00])), { code: "truncated" });
});

Deno.test("printFrameRelay() prints Cisco and RFC 2427 frames as tcpdump does", () => {
  const cisco = concatBytes(new Uint8Array([0x18, 0x61, 0x08, 0x00]), ip);
  const echo = "10.0.0.1 > 10.0.0.2: ICMP echo request, id 3, seq 0, length 8";
  assert.equal(format(cisco), `IP ${echo}`);
  assert.equal(
    format(cisco, { link: true }),
    `Q.922, hdr-len 2, DLCI 102, Flags [none], cisco-ethertype IPv4 (0x0800), length 32: ${echo}`,
  );
  const snap = concatBytes(decodeHex("18610300800000000800"), ip);
  assert.equal(format(snap), `Pad! IP ${echo}`);
  assert.equal(
    format(snap, { link: true }),
    "Pad! Q.922, hdr-len 2, DLCI 102, Flags [none], NLPID SNAP (0x80), length 38: oui " +
      `Ethernet (0x000000), ethertype IPv4 (0x0800), length 28: ${echo}`,
  );
  assert.equal(
    format(decodeHex("186103770102")),
    "Q.922, hdr-len 2, DLCI 102, Flags [none], NLPID unknown (0x77), length 6: \n" +
      "\t0x0000:  0102                                     ..",
  );
  assert.equal(format(new Uint8Array([0x01, 0, 0, 0])), "Q.922, invalid address");
});

Deno.test("printQ933() prints LMI messages as tcpdump does", () => {
  assert.equal(
    format(enquiry),
    "Q.933, ANSI, codeset 5, Status Enquiry, TX Seq:   5, RX Seq:   4, length 10",
  );
  assert.equal(
    format(reply),
    "Q.933, CCITT, codeset 0, Status Reply, TX Seq:   6, RX Seq:   5, DLCI 14: status " +
      "Active, Invalid DLCI in PVC STATUS IE, length 19",
  );
  assert.equal(
    format(enquiry, { verbose: 1 }),
    "Q.933, ANSI, codeset 5, Status Enquiry (0x75), length 10\n" +
      "\tANSI Report Type IE (0x01), length 1: Link verify (1)\n" +
      "\tANSI Link Verify IE (0x03), length 2: TX Seq:   5, RX Seq:   4",
  );
  assert.equal(
    format(decodeHex("00010308007d510300")),
    "Q.933, CCITT, codeset 0, Status Reply, length 5 [|q.933]",
  );
});

Deno.test("printQ933() stops where tcpdump's call reference test reads past the capture", () => {
  // q933_print() shows a one-byte call reference unless the byte after the message type
  // (and a leading shift) is 0: with none captured its read fails after the codeset
  // (q933-heapoverflow-2.pcap of tcpdump's tests: "08 11 88 6b 98"). tcpdump 4.99.3 -n:
  const q933 = decodeQ933(decodeHex("0001030811886b98"), 4);
  assert.equal(q933.callReferenceCut, true);
  assert.equal(format(decodeHex("0001030811886b98")), "Q.933, CCITT, codeset 0 [|q.933]");
  assert.equal(format(decodeHex("0001030801886b")), "Q.933, CCITT, codeset 0 [|q.933]");
  assert.equal(
    format(decodeHex("0001030801007500")),
    "Q.933, CCITT, codeset 0, Status Enquiry, length 4 [|q.933]",
  );
  // A layer reused for a message cut before its type keeps nothing of the last one (bench/
  // fuzz.ts, seed 31).
  const reused = decodeQ933(decodeHex("0001030800759501"), 4);
  const cutBytes = decodeHex("000103080388");
  reused.decodeFrom(cutBytes, 4, cutBytes.length, { tables: defaultRegistry, network: undefined });
  assert.deepEqual(reused.toJSON(), decodeQ933Partial(cutBytes).toJSON());
  // Cut before the message type: the length alone.
  assert.equal(format(decodeHex("000103080388")), "Q.933, length 2 [|q.933]");
  assert.equal(
    format(decodeHex("000103080388"), { link: true }).endsWith(": length 2 [|q.933]"),
    true,
  );
});

Deno.test("readQ922Address() reads 2- and 4-byte addresses and tells an invalid one from a cut one", () => {
  const into = { dlci: 0, length: 0, flags: 0 };
  assert.equal(readQ922Address(new Uint8Array([0x18, 0x41]), 0, 2, into), 1);
  assert.deepEqual(into, { dlci: 100, length: 2, flags: 0 });
  assert.equal(readQ922Address(new Uint8Array([0x18, 0x40, 0x02, 0x01]), 0, 4, into), 1);
  assert.deepEqual([into.dlci, into.length], [819264, 4]);
  assert.equal(readQ922Address(new Uint8Array([0x19, 0x41]), 0, 2, into), 0);
  assert.equal(readQ922Address(new Uint8Array([0x18, 0x40, 0x02, 0x00]), 0, 4, into), 0);
  assert.equal(readQ922Address(new Uint8Array([0x18, 0x41]), 0, 1, into), -1);
  assert.equal(readQ922Address(new Uint8Array([0x18, 0x40, 0x04]), 0, 3, into), -1);
});

Deno.test("printFrameRelay() prints FRF.15 headers and the cuts as tcpdump does", () => {
  const print = (hex: string, originalLength: number, options = {}): string =>
    new TcpdumpPrinter({ timestamps: "none", ...options }).format(
      decode(LinkType.FRELAY, decodeHex(hex)),
      { seconds: 0, nanoseconds: 0, originalLength },
    );
  // tcpdump's frf15-heapoverflow.pcap: FRF.15's header is not captured.
  assert.equal(print("304b30b1", 262144), "UI 30!  [|fr]");
  assert.equal(
    print("184103b1c123", 6),
    "FRF.15, seq 0x023, Flags [Begin, End],Interface Fragmentation, length 2",
  );
  // A SNAP header cut short, and the bytes of an unknown NLPID cut short.
  assert.equal(print("1841030080000000", 40), "Pad!  [|snap]");
  assert.equal(
    print("1841037701", 10),
    "Q.922, hdr-len 2, DLCI 100, Flags [none], NLPID unknown (0x77), length 10: " +
      "\n\t0x0000:  01                                       . [|fr]",
  );
});

/** A Q.933 layer decoded fresh from a cut message (decodeQ933() throws for it). */
function decodeQ933Partial(bytes: Uint8Array): Q933 {
  const layer = new Q933();
  const error = layer.decodeFrom(bytes, 4, bytes.length, {
    tables: defaultRegistry,
    network: undefined,
  });
  assert.equal(error?.partial, true);
  assert.equal(layer.truncated, true);
  return layer;
}
