import assert from "node:assert/strict";
import { printFrame } from "./_print_layer.ts";
import { decode } from "../lib/decode.ts";
import { DecodeError } from "../lib/errors.ts";
import { LinkType } from "../lib/link_type.ts";
import {
  decodeRealtek,
  Realtek,
  realtekDecoder,
  RealtekProtocol,
  RrcpOpcode,
} from "../lib/link/realtek.ts";
import { decodeHex as hex } from "../lib/_hex.ts";

// Frames as testdata/crafted/realtek.py builds them; every expected line is what
// `tcpdump -n` (4.99.3) prints for the same bytes.
const ETH = "ffffffffffff d80d17d655ab 8899";
const ADDRESSES = "d8:0d:17:d6:55:ab > ff:ff:ff:ff:ff:ff, ";
const GET_REPLY = hex(`${ETH} 0181 2379 0002 efbeadde 11223344 55667788`);
const HELLO_REPLY = hex(`${ETH} 0180 2379 0318 001a2b3c4d5e 8326 000010ec`);
const HELLO = hex(`${ETH} 0100 2379`);
// tcpdump's -n line of teams.pcap's frames (nDPI's capture): type 0x25 and 43 more bytes.
const TEAMS = hex(`${ETH} 25800000d80d17d655ab0000800000d80d17d655ab8008 ${"00".repeat(23)}`);

const GET_LINE = "RRCP reply: get addr=0x0200, data=0xdeadbeef, auth=0x2379, " +
  "cookie=0x5566778811223344 ";
const HELLO_LINE = "RRCP reply: hello, auth=0x2379 downlink_port=3, uplink_port=24, " +
  "uplink_mac=00:1a:2b:3c:4d:5e, vendor_id=000010ec ,chip_id=8326 ";

function print(frame: Uint8Array, options = {}, originalLength = frame.length): string {
  return printFrame(LinkType.EN10MB, frame, options, originalLength);
}

function withType(type: number, rest = "00000000"): Uint8Array {
  return hex(`${ETH} ${type.toString(16).padStart(2, "0")} ${rest}`);
}

Deno.test("decodeRealtek() reads an RRCP get reply's register (little-endian) and cookies", () => {
  const rrcp = decodeRealtek(GET_REPLY, 14);
  assert.ok(rrcp instanceof Realtek);
  assert.equal(rrcp.partial, false);
  assert.equal(rrcp.headerLength, 18);
  assert.equal(rrcp.protocol, RealtekProtocol.RRCP);
  assert.equal(rrcp.opcode, RrcpOpcode.GET);
  assert.equal(rrcp.isReply, true);
  assert.equal(rrcp.authKey, 0x2379);
  assert.equal(rrcp.registerAddress, 0x0200);
  assert.equal(rrcp.registerData, 0xdeadbeef);
  assert.equal(rrcp.cookie1, 0x11223344);
  assert.equal(rrcp.cookie2, 0x55667788);
  // Hello reply fields do not belong to a get.
  assert.equal(rrcp.downlinkPort, -1);
  assert.equal(rrcp.uplinkMacOffset, -1);
  assert.equal(rrcp.chipId, -1);
  assert.deepEqual(rrcp.toJSON(), {
    protocol: 1,
    opcode: 1,
    isReply: true,
    authKey: 0x2379,
    registerAddress: 0x0200,
    registerData: 0xdeadbeef,
    cookie1: 0x11223344,
    cookie2: 0x55667788,
  });
  assert.equal(realtekDecoder.create().kind, "realtek");
});

Deno.test("decodeRealtek() reads a hello reply's ports, uplink address, chip and vendor", () => {
  const hello = decodeRealtek(HELLO_REPLY, 14);
  assert.equal(hello.opcode, RrcpOpcode.HELLO);
  assert.equal(hello.downlinkPort, 3);
  assert.equal(hello.uplinkPort, 24);
  assert.equal(hello.uplinkMacOffset, 20);
  assert.equal(hello.uplinkMac, "00:1a:2b:3c:4d:5e");
  assert.equal(hello.chipId, 0x8326);
  assert.equal(hello.vendorId, 0x10ec);
  assert.equal(hello.registerAddress, -1);
  assert.equal(hello.cookie1, -1);
  // A hello query has only its key: 4 bytes.
  const query = decodeRealtek(HELLO, 14);
  assert.equal(query.headerLength, 4);
  assert.equal(query.isReply, false);
  assert.equal(query.downlinkPort, -1);
  assert.deepEqual(query.toJSON(), { protocol: 1, opcode: 0, isReply: false, authKey: 0x2379 });
});

Deno.test("decodeRealtek() gives the other protocols one byte and no RRCP fields", () => {
  const rldp = decodeRealtek(withType(0x23), 14);
  assert.equal(rldp.protocol, RealtekProtocol.RLDP2);
  assert.equal(rldp.headerLength, 1);
  assert.equal(rldp.opcode, -1);
  assert.equal(rldp.isReply, false);
  assert.equal(rldp.authKey, -1);
  assert.deepEqual(rldp.toJSON(), { protocol: 0x23 });
});

Deno.test("decodeRealtek() rejects a truncated message", () => {
  assert.throws(() => decodeRealtek(GET_REPLY.subarray(0, 31), 14), {
    message: "Cannot decode Realtek header: 18 bytes required, received 17",
  });
  assert.throws(() => decodeRealtek(HELLO.subarray(0, 17), 14), DecodeError);
  assert.throws(() => decodeRealtek(HELLO.subarray(0, 15), 14), DecodeError);
  assert.throws(() => decodeRealtek(HELLO, 18), DecodeError);
});

Deno.test("decode() keeps a message cut by the capture as a partial layer", () => {
  const packet = decode(LinkType.EN10MB, GET_REPLY.subarray(0, 23));
  const rrcp = packet.layers[1];
  assert.ok(rrcp instanceof Realtek);
  assert.equal(rrcp.partial, true);
  assert.equal(rrcp.registerAddress, 0x0200);
  assert.equal(rrcp.registerData, -1);
  assert.deepEqual(rrcp.toJSON(), {
    partial: true,
    protocol: 1,
    opcode: 1,
    isReply: true,
    authKey: 0x2379,
    registerAddress: 0x0200,
  });
  assert.ok(packet.error instanceof DecodeError);
  const empty = decode(LinkType.EN10MB, GET_REPLY.subarray(0, 14)).layers[1];
  assert.ok(empty instanceof Realtek);
  assert.equal(empty.protocol, -1);
  assert.deepEqual(empty.toJSON(), { partial: true });
});

Deno.test("printRealtek() prints the link addresses and the message at every verbosity", () => {
  assert.equal(print(GET_REPLY), ADDRESSES + GET_LINE);
  assert.equal(print(HELLO_REPLY), ADDRESSES + HELLO_LINE);
  assert.equal(print(HELLO), ADDRESSES + "RRCP query: hello, auth=0x2379");
  assert.equal(print(TEAMS), ADDRESSES + "Realtek unknown type 0x25");
  for (const options of [{ verbose: 2 }, { quiet: true }]) {
    assert.equal(print(GET_REPLY, options), ADDRESSES + GET_LINE);
  }
  // -e prints the addresses twice: the Ethernet header's, then rtl_print()'s.
  assert.equal(
    print(TEAMS, { link: true }),
    ADDRESSES + "ethertype Realtek protocols (0x8899), length 60: " + ADDRESSES +
      "Realtek unknown type 0x25",
  );
});

Deno.test("printRealtek() names every protocol byte as rtl_print() does", () => {
  const name = (type: number) => print(withType(type)).slice(ADDRESSES.length);
  assert.equal(name(0x02), "REP");
  assert.equal(name(0x03), "RLDP");
  assert.equal(name(0x23), "RLDP");
  assert.equal(name(0x04), "Realtek 8-byte DSA tag");
  assert.equal(name(0x9a), "Realtek RTL8306 4-byte DSA tag");
  assert.equal(name(0xaf), "Realtek RTL8366RB 4-byte DSA tag");
  assert.equal(name(0x00), "Realtek unknown type 0x00");
  assert.equal(name(0xff), "Realtek unknown type 0xff");
  const opcode = (byte: number) =>
    print(hex(`${ETH} 01 ${byte.toString(16).padStart(2, "0")} abcd`)).slice(ADDRESSES.length);
  assert.equal(opcode(0x03), "RRCP query: unknown opcode (0x03), auth=0xabcd");
  assert.equal(opcode(0xff), "RRCP reply: unknown opcode (0x7f), auth=0xabcd");
  const set = hex(`${ETH} 0102 0102 0b0a 00000080 00000001 00000002`);
  assert.equal(
    print(set).slice(ADDRESSES.length),
    "RRCP query: set addr=0x0a0b, data=0x80000000, auth=0x0102, cookie=0x0000000200000001 ",
  );
});

Deno.test("printRealtek() marks a message cut at each field, as tcpdump does", () => {
  const cut = (frame: Uint8Array, n: number, options = {}) =>
    print(frame.subarray(0, n), options, 60).slice(ADDRESSES.length);
  assert.equal(cut(GET_REPLY, 14), " [|rtl]");
  assert.equal(cut(GET_REPLY, 15), " [|rrcp]");
  assert.equal(cut(GET_REPLY, 16), "RRCP reply: get [|rrcp]");
  assert.equal(cut(GET_REPLY, 23), "RRCP reply: get [|rrcp]");
  assert.equal(
    cut(GET_REPLY, 24),
    "RRCP reply: get addr=0x0200, data=0xdeadbeef, auth=0x2379 [|rrcp]",
  );
  assert.equal(
    cut(GET_REPLY, 31),
    "RRCP reply: get addr=0x0200, data=0xdeadbeef, auth=0x2379 [|rrcp]",
  );
  assert.equal(cut(HELLO_REPLY, 17), "RRCP reply: hello [|rrcp]");
  assert.equal(cut(HELLO_REPLY, 18), "RRCP reply: hello, auth=0x2379 [|rrcp]");
  assert.equal(cut(HELLO_REPLY, 31), "RRCP reply: hello, auth=0x2379 [|rrcp]");
  assert.equal(cut(HELLO_REPLY, 32), HELLO_LINE);
  assert.equal(cut(HELLO, 17), "RRCP query: hello [|rrcp]");
  // A read past the capture dumps the whole frame with -X.
  assert.equal(
    cut(GET_REPLY, 17, { hex: 1, ascii: true }),
    "RRCP reply: get [|rrcp]\n" +
      "\t0x0000:  ffff ffff ffff d80d 17d6 55ab 8899 0181  ..........U.....\n" +
      "\t0x0010:  23                                       #",
  );
});

Deno.test("printRealtek() takes the addresses of the frame that carries it, or none", () => {
  // A Linux cooked header hands rtl_print() no addresses.
  const sll = hex(`0000 0001 0006 d80d17d655ab0000 8899 02`);
  assert.equal(
    printFrame(LinkType.LINUX_SLL, sll, { link: true }),
    " In d8:0d:17:d6:55:ab ethertype Realtek protocols (0x8899), length 17: REP",
  );
  // 802.11 from the DS: the source is the third address.
  const wlan = hex(`0802 0000 ffffffffffff 020000000003 020000000004 0000
    aaaa 0300 0000 8899 23`);
  assert.equal(
    printFrame(LinkType.IEEE802_11, wlan),
    "02:00:00:00:00:04 > ff:ff:ff:ff:ff:ff, RLDP",
  );
  // LLC/SNAP whose 802.3 length ends the message after its opcode.
  const snap = hex(`ffffffffffff d80d17d655ab 000a aaaa 0300 0000 8899
    0180 2379 0318 001a2b3c4d5e 8326 000010ec`);
  assert.equal(print(snap), ADDRESSES + "RRCP reply: hello [|rrcp]");
});
