import assert from "node:assert/strict";
import { decode } from "../lib/decode.ts";
import { DecodeError } from "../lib/errors.ts";
import { LinkType } from "../lib/link_type.ts";
import { decodeJuniperEther, JuniperEther, juniperEtherDecoder } from "../lib/link/juniper.ts";
import { IP_UDP } from "./_ip_fixture.ts";
import { type TcpdumpOptions, TcpdumpPrinter } from "../lib/print/mod.ts";

const IP = IP_UDP;
const ETHER = [0, 0x50, 0x56, 0x8b, 0x5e, 0x9f, 0, 0x50, 0x56, 0x8b, 0x6d, 0xde, 8, 0];
const MGC = [0x4d, 0x47, 0x43];

/** A pseudo-header with `flags` and the extension bytes `ext` (none when undefined). */
function juniper(flags: number, payload: readonly number[] | Uint8Array, ext?: number[]) {
  const extension = ext === undefined ? [] : [ext.length >> 8, ext.length & 0xff, ...ext];
  return new Uint8Array([...MGC, flags, ...extension, ...payload]);
}

/** The first TLVs of tcpdump's bgp-aigp.pcap: media type, encapsulation, indexes. */
const TLVS = [3, 1, 1, 6, 1, 14, 1, 2, 140, 0, 4, 4, 0x4c, 1, 0, 0];
const FRAME = juniper(0x80, [...ETHER, ...IP], TLVS);

function print(bytes: Uint8Array, options: TcpdumpOptions = {}, snap = bytes.length): string {
  const printer = new TcpdumpPrinter({ timestamps: "none", ...options });
  return printer.format(decode(LinkType.JUNIPER_ETHER, bytes.subarray(0, snap)), {
    seconds: 0,
    nanoseconds: 0,
    originalLength: bytes.length,
  });
}

Deno.test("decodeJuniperEther() reads the flags and extensions, then Ethernet follows", () => {
  const layer = decodeJuniperEther(FRAME);
  assert.ok(layer instanceof JuniperEther);
  assert.deepEqual([layer.magic, layer.flags, layer.extensionLength], [true, 0x80, 16]);
  assert.equal(layer.headerLength, 22);
  assert.deepEqual(layer.extensions().map((e) => [e.type, e.length, e.value]), [
    [3, 1, 1],
    [6, 1, 14],
    [1, 2, 140],
    [4, 4, 332],
  ]);
  assert.deepEqual(decode(LinkType.JUNIPER_ETHER, FRAME).layers.map((l) => l.kind), [
    "juniper-ether",
    "ethernet",
    "ipv4",
    "udp",
  ]);
  assert.deepEqual(juniperEtherDecoder.bindings.linkTypes, [178]);
});

Deno.test("decodeJuniperEther() reads values big-endian from type 128 on, none past 4 bytes", () => {
  const layer = decodeJuniperEther(
    juniper(0x80, [], [200, 2, 0, 1, 1, 2, 0, 1, 1, 5, 1, 2, 3, 4, 5]),
  );
  assert.deepEqual(layer.extensions().map((e) => e.value), [1, 256, undefined]);
});

Deno.test("decodeJuniperEther() stops the TLVs at a zero type or length and at an overrun", () => {
  assert.equal(
    decodeJuniperEther(juniper(0x80, [], [1, 1, 1, 0, 1, 1, 4, 1, 2])).extensionStop,
    "zero",
  );
  const overrun = decodeJuniperEther(juniper(0x80, ETHER, [1, 1, 1, 4, 9, 1]));
  assert.equal(overrun.extensionStop, "overrun");
  assert.deepEqual(overrun.overrun, { left: 3, length: 9 });
  assert.equal(
    decode(LinkType.JUNIPER_ETHER, juniper(0x80, ETHER, [1, 1, 1, 4, 9, 1])).layers.length,
    1,
  );
});

Deno.test("decodeJuniperEther() keeps a header the capture cuts and tells where", () => {
  assert.equal(decodeJuniperEther(new Uint8Array(MGC)).cut, "header");
  assert.equal(decodeJuniperEther(FRAME.subarray(0, 5)).cut, "extension-length");
  assert.equal(decodeJuniperEther(FRAME.subarray(0, 12)).cut, "extensions");
  assert.equal(decodeJuniperEther(juniper(0x02, [0, 0, 0, 0])).cut, "ip");
  assert.equal(decodeJuniperEther(FRAME.subarray(0, 12)).headerLength, 0);
});

Deno.test("decodeJuniperEther() rejects an empty packet and leaves a bad magic number undecoded", () => {
  assert.throws(() => decodeJuniperEther(new Uint8Array(0)), DecodeError);
  const bad = decodeJuniperEther(new Uint8Array([0x4d, 0x47, 0x44, 0, ...ETHER]));
  assert.equal(bad.magic, false);
  assert.equal(
    decode(LinkType.JUNIPER_ETHER, new Uint8Array([1, 2, 3, 4, ...ETHER])).layers.length,
    1,
  );
});

Deno.test("decodeJuniperEther() guesses IPv4 or IPv6 after a stripped link header", () => {
  const kinds = (b: Uint8Array) => decode(LinkType.JUNIPER_ETHER, b).layers.map((l) => l.kind);
  assert.deepEqual(kinds(juniper(0x02, [0, 0, 0, 0, ...IP])), ["juniper-ether", "ipv4", "udp"]);
  assert.deepEqual(kinds(juniper(0x02, [0, 0, 0, 0, 0x30, 0])), ["juniper-ether"]);
});

Deno.test("printJuniperEther() prints the direction and length with -e, the TLVs with -vv", () => {
  assert.equal(print(FRAME), "IP 10.0.0.1.1024 > 10.0.0.2.9: UDP, length 2");
  assert.equal(
    print(FRAME, { link: true }),
    "Out hlen 22, proto 0x0000, 00:50:56:8b:6d:de > 00:50:56:8b:5e:9f, ethertype IPv4 " +
      "(0x0800), length 44: 10.0.0.1.1024 > 10.0.0.2.9: UDP, length 2",
  );
  assert.deepEqual(print(FRAME, { verbose: 2 }).split("\n").slice(0, 7), [
    "",
    "\tJuniper PCAP Flags [Ext], PCAP Extension(s) total length 16",
    "\t  Device Media Type Extension TLV #3, length 1, value Ethernet (1)",
    "\t  Logical Interface Encapsulation Extension TLV #6, length 1, value Ethernet (14)",
    "\t  Device Interface Index Extension TLV #1, length 2, value 140",
    "\t  Logical Interface Index Extension TLV #4, length 4, value 332",
    "\t-----original packet-----",
  ]);
  assert.match(
    print(juniper(0x03, [0, 0, 0, 0, ...IP]), { link: true }),
    /^ In no-L2-hdr, 10\.0\.0\.1/,
  );
});

Deno.test("printJuniperEther() marks a bad magic number, an overrun, a missing IP header and cuts", () => {
  assert.equal(print(new Uint8Array([1, 2, 3, 4, ...ETHER])), "no magic-number found!");
  assert.equal(
    print(juniper(0x80, ETHER, [1, 1, 1, 4, 9, 1])),
    " [extension_length 3 < 11] (invalid)",
  );
  assert.equal(print(juniper(0x02, [0, 0, 0, 0, 0x30, 0])), "no IP-hdr found!");
  assert.equal(print(FRAME, {}, 3), " [|juniper_ether]");
  assert.equal(print(FRAME, { verbose: 2 }, 5), "\n\tJuniper PCAP Flags [Ext] [|juniper_ether]");
  assert.equal(print(FRAME, {}, 12), " [|juniper_ether]");
});
