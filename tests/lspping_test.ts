import assert from "node:assert/strict";
import { decode } from "../lib/decode.ts";
import { DecodeError } from "../lib/errors.ts";
import { LinkType } from "../lib/link_type.ts";
import { decodeLspPing, LspPing, lspPingDecoder } from "../lib/app/lspping.ts";
import { RARE_BINDINGS } from "../lib/_common_protocols.ts";
import { decodeHex as hex } from "../lib/_hex.ts";
import { printFrame } from "./_print_layer.ts";

// tcpdump's tests/lsp-ping-timestamp.pcap packet 1: an echo reply with both timestamps.
const REPLY = hex(`
  0003 0001 0006 2e54 d26b 7464 0000 0800
  4500 003c fe4f 4000 4011 1c5e 1e00 0002
  0101 0101 0daf 99d5 0028 203d 0001 0000
  0202 0300 0000 0000 0000 0001 e30e 8abb
  5389 3faf e30e 8abb 53d8 f0c7`);

// tcpdump's tests/lspping-fec-rsvp.pcap packet 1 (its IPv4 packet behind a Linux cooked
// header instead of PPP and MPLS): an echo request with an RSVP IPv4 session sub-TLV.
const REQUEST = hex(`
  0003 0001 0006 2e54 d26b 7464 0000 0800
  4500 0058 9d4d 0000 4011 4e3f 0c04 0404
  7f00 0001 11b1 0daf 0044 7da4 0001 0000
  0102 0000 0000 0000 0000 0001 40cd 7a65
  0008 9655 0000 0000 0000 0000 0001 0018
  0003 0014 0c01 0101 0000 5372 0c04 0404
  0c04 0404 0000 0010`);

const REQUEST_V = "12.4.4.4.4529 > 127.0.0.1.3503: \n" +
  "\tLSP-PINGv1, msg-type: MPLS Echo Request (1), length: 60\n" +
  "\t  reply-mode: Reply via an IPv4/IPv6 UDP packet (2)\n" +
  "\t  Return Code: No return code or return code contained in the Error Code TLV (0)\n" +
  "\t  Return Subcode: (0)\n" +
  "\t  Sender Handle: 0x00000000, Sequence: 1\n" +
  "\t  Sender Timestamp: 1087208037.000131030 (1934-06-15T10:13:57Z) " +
  "Receiver Timestamp: no timestamp\n" +
  "\t  Target FEC Stack TLV (1), length: 24\n" +
  "\t    RSVP IPv4 Session Query subTLV (3), length: 20\n" +
  "\t      tunnel end-point 12.1.1.1, tunnel sender 12.4.4.4, lsp-id 0x0010\n" +
  "\t      tunnel-id 0x5372, extended tunnel-id 12.4.4.4";

/** The frame with its LSP ping message (from byte 44) replaced, the lengths set. */
function withMessage(message: Uint8Array): Uint8Array {
  const frame = new Uint8Array(44 + message.length);
  frame.set(REQUEST.subarray(0, 44));
  frame.set(message, 44);
  const view = new DataView(frame.buffer);
  view.setUint16(18, 28 + message.length);
  view.setUint16(40, 8 + message.length);
  view.setUint16(42, 0);
  // The IPv4 header checksum, for the new total length.
  view.setUint16(26, 0);
  let sum = 0;
  for (let i = 16; i < 36; i += 2) sum += view.getUint16(i);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >> 16);
  view.setUint16(26, ~sum & 0xffff);
  return frame;
}

/** The request's header followed by `tlvs`. */
function message(tlvs: number[]): Uint8Array {
  return Uint8Array.of(...REQUEST.subarray(44, 76), ...tlvs);
}

function text(frame: Uint8Array, verbose = 0, originalLength = frame.length): string {
  return printFrame(LinkType.LINUX_SLL, frame, { verbose }, originalLength);
}

Deno.test("decodeLspPing() reads the common header", () => {
  const ping = decode(LinkType.LINUX_SLL, REPLY).layers.at(-1);
  assert.ok(ping instanceof LspPing);
  assert.equal(ping.version, 1);
  assert.equal(ping.globalFlags, 0);
  assert.equal(ping.messageType, 2);
  assert.equal(ping.replyMode, 2);
  assert.equal(ping.returnCode, 3);
  assert.equal(ping.returnSubcode, 0);
  assert.equal(ping.sequenceNumber, 1);
  assert.equal(ping.sentSeconds, 3809381051);
  assert.equal(ping.receivedFraction, 0x53d8f0c7);
  assert.equal(ping.wireLength, 32);
  assert.equal(ping.complete, true);
  assert.equal(lspPingDecoder.create().kind, "lspping");
  assert.deepEqual(lspPingDecoder.bindings?.udpPorts, [3503]);
  assert.ok(RARE_BINDINGS.udpPorts.includes(3503));
});

Deno.test("decodeLspPing() reads a TLV's header and nothing past the capture", () => {
  const ping = decode(LinkType.LINUX_SLL, REQUEST).layers.at(-1);
  assert.ok(ping instanceof LspPing);
  assert.deepEqual(ping.tlvAt(ping.offset + 32), { type: 1, length: 24, valueAt: 80 });
  assert.deepEqual(ping.tlvAt(ping.offset + 36), { type: 3, length: 20, valueAt: 84 });
  assert.equal(ping.tlvAt(ping.offset + 58), undefined);
  assert.equal(ping.has(84, 20), true);
  assert.equal(ping.has(84, 21), false);
});

Deno.test("decodeLspPing() rejects an empty message and keeps a cut header partial", () => {
  assert.throws(() => decodeLspPing(new Uint8Array(0)), DecodeError);
  const ping = decodeLspPing(new Uint8Array(31));
  assert.equal(ping.complete, false);
  assert.equal(ping.version, 0);
});

Deno.test("printLspPing() prints the header as tcpdump does", () => {
  assert.equal(
    text(REPLY),
    "IP 30.0.0.2.3503 > 1.1.1.1.39381: LSP-PINGv1, MPLS Echo Reply, seq 1, length: 32",
  );
  assert.equal(
    text(REPLY, 1).split("\n").slice(1).join("\n"),
    "    30.0.0.2.3503 > 1.1.1.1.39381: \n" +
      "\tLSP-PINGv1, msg-type: MPLS Echo Reply (2), length: 32\n" +
      "\t  reply-mode: Reply via an IPv4/IPv6 UDP packet (2)\n" +
      "\t  Return Code: Replying router is an egress for the FEC at stack depth 0 (3)\n" +
      "\t  Return Subcode: (0)\n" +
      "\t  Sender Handle: 0x00000000, Sequence: 1\n" +
      "\t  Sender Timestamp: 3809381051.326312999 (2020-09-18T01:24:11Z) " +
      "Receiver Timestamp: 3809381051.327528999 (2020-09-18T01:24:11Z)",
  );
});

Deno.test("printLspPing() prints the target FEC stack's RSVP session at -v", () => {
  assert.equal(text(REQUEST, 1).split("\n").slice(1).join("\n").trimStart(), REQUEST_V);
});

Deno.test("printLspPing() calls a wrong sub-TLV length invalid and dumps the sub-TLV", () => {
  const frame = withMessage(message([0, 1, 0, 8, 0, 1, 0, 4, 12, 1, 1, 1]));
  assert.match(
    text(frame, 1),
    /LDP IPv4 prefix subTLV \(1\), length: 4\n\t {6}invalid subTLV length, should be 5\n\t {6}0x0000: {2}0c01 0101$/,
  );
});

Deno.test("printLspPing() ends the packet where a sub-TLV's padding passes its TLV", () => {
  const frame = withMessage(message([0, 1, 0, 9, 0, 1, 0, 5, 12, 1, 1, 1, 32, 0, 0, 0]));
  assert.match(text(frame, 1), /12\.1\.1\.1\/32\n\t\t TLV is too short$/);
});

Deno.test("printLspPing() prints the downstream mapping, BFD and vendor TLVs", () => {
  const frame = withMessage(message([
    ...[0, 2, 0, 16, 5, 220, 2, 0, 10, 0, 0, 1, 0, 0, 0, 7, 0, 0, 0, 0],
    ...[0, 15, 0, 4, 0xde, 0xad, 0xbe, 0xef, 0, 5, 0, 4, 0, 0, 0, 9],
  ]));
  assert.match(
    text(frame, 1),
    new RegExp(
      "Downstream Mapping TLV \\(2\\), length: 16\n\t {4}MTU: 1500, Address-Type: " +
        "Unnumbered IPv4 \\(2\\)\n\t {4}Downstream IP: 10\\.0\\.0\\.1\n\t {4}Downstream " +
        "Interface Index: 0x00000007\n\t {4}0x0000: {2}05dc 0200 0a00 0001 0000 0007 0000 0000" +
        "\n\t {2}BFD Discriminator TLV \\(15\\), length: 4\n\t {4}BFD Discriminator 0xdeadbeef" +
        "\n\t {2}Vendor Enterprise Code TLV \\(5\\), length: 4\n\t {4}Vendor: Cisco \\(0x0009\\)$",
    ),
  );
});

Deno.test("printLspPing() says a message shorter than its header or TLVs is too short", () => {
  const short = withMessage(message([]).subarray(0, 20));
  assert.equal(text(short), "IP 12.4.4.4.4529 > 127.0.0.1.3503: \n\t\t packet is too short");
  const tlv = withMessage(message([0, 3, 0, 12, 1, 2, 3, 4]));
  assert.match(text(tlv, 1), /Pad TLV \(3\), length: 12\n\t\t packet is too short$/);
});

Deno.test("printLspPing() reports another version", () => {
  const bytes = message([]);
  bytes[1] = 2;
  assert.match(text(withMessage(bytes), 1), /3503: LSP-PING version 2 packet not supported$/);
});

Deno.test("printLspPing() ends with [|lspping] where the capture cuts a TLV", () => {
  assert.equal(
    text(REQUEST.subarray(0, 82), 0, REQUEST.length),
    "IP 12.4.4.4.4529 > 127.0.0.1.3503: LSP-PINGv1, MPLS Echo Request, seq 1, length: 60",
  );
  assert.match(text(REQUEST.subarray(0, 82), 1, REQUEST.length), /length: 24 \[\|lspping\]$/);
  assert.match(text(REQUEST.subarray(0, 60), 1, REQUEST.length), /3503: {2}\[\|lspping\]$/);
});
