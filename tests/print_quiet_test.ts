// tcpdump's -q (quiet) output, against lines tcpdump 4.99.3 printed for the same bytes: the
// link headers (ether_type_print(), sll_print(), null_hdr_print()), the default print it
// leaves out, and the transport lines that stop early.
import assert from "node:assert/strict";
import { decode } from "../lib/decode.ts";
import { LinkType } from "../lib/link_type.ts";
import { type TcpdumpOptions, TcpdumpPrinter } from "../lib/print/mod.ts";
import { decodeHex as hex } from "../lib/_hex.ts";
import { concatBytes as frame } from "./_shared.ts";

function lines(linkType: number, bytes: Uint8Array, options: TcpdumpOptions): string {
  const printer = new TcpdumpPrinter({ timestamps: "none", ...options });
  const record = { seconds: 0, nanoseconds: 0, originalLength: bytes.length };
  return printer.format(decode(linkType, bytes), record);
}

const MACS = hex("000000000002 020000000001");
const IPV4_UDP = hex("4500001c00010000401100000a0000010a000002 3039003500080000");

function sll(protocol: string, payload: Uint8Array): Uint8Array {
  return frame(hex("0000 0001 0006 020000000001 0000"), hex(protocol), payload);
}

Deno.test("printEthernet() names the EtherType alone with -q", () => {
  const ip = frame(MACS, hex("0800"), IPV4_UDP);
  assert.equal(
    lines(LinkType.EN10MB, ip, { quiet: true, link: true }),
    "02:00:00:00:00:01 > 00:00:00:00:00:02, IPv4, length 42: 10.0.0.1.12345 > 10.0.0.2.53: UDP, length 0",
  );
  const tagged = frame(MACS, hex("8100 2005 0800"), IPV4_UDP);
  assert.equal(
    lines(LinkType.EN10MB, tagged, { quiet: true, link: true }),
    "02:00:00:00:00:01 > 00:00:00:00:00:02, 802.1Q, length 46: vlan 5, p 1, IPv4, " +
      "10.0.0.1.12345 > 10.0.0.2.53: UDP, length 0",
  );
});

Deno.test("printEthernet() leaves out the default print of an unnamed EtherType with -q", () => {
  const unnamed = frame(MACS, hex("88b7"), new Uint8Array(20));
  assert.equal(
    lines(LinkType.EN10MB, unnamed, { quiet: true }),
    "02:00:00:00:00:01 > 00:00:00:00:00:02, Unknown Ethertype (0x88b7), length 34: ",
  );
  assert.match(
    lines(LinkType.EN10MB, unnamed, {}),
    /^02:00:00:00:00:01 > 00:00:00:00:00:02, ethertype Unknown \(0x88b7\), length 34: \n\t0x0000:/,
  );
});

Deno.test("printSll() prints a tag's EtherType name without -e, and the address alone with -q", () => {
  const tagged = sll("8100", frame(hex("2005 0800"), IPV4_UDP));
  assert.match(lines(LinkType.LINUX_SLL, tagged, {}), /^ethertype IPv4, IP 10\.0\.0\.1\.12345 > /);
  assert.match(
    lines(LinkType.LINUX_SLL, tagged, { link: true }),
    /^ In 02:00:00:00:00:01 ethertype 802\.1Q \(0x8100\), length 48: vlan 5, p 1, ethertype IPv4, /,
  );
  assert.match(
    lines(LinkType.LINUX_SLL, tagged, { link: true, quiet: true }),
    /^ In 02:00:00:00:00:01 vlan 5, p 1, 10\.0\.0\.1\.12345 > 10\.0\.0\.2\.53: UDP, length 0$/,
  );
  const unnamed = sll("88b7", new Uint8Array(20));
  assert.match(
    lines(LinkType.LINUX_SLL, unnamed, {}),
    /^ In 02:00:00:00:00:01 ethertype Unknown \(0x88b7\), length 36: \n\t0x0000:/,
  );
  assert.equal(lines(LinkType.LINUX_SLL, unnamed, { quiet: true }), " In 02:00:00:00:00:01 ");
  // Behind a tag, the header's length leaves the tag out.
  const taggedUnnamed = sll("8100", frame(hex("0005 88b7"), new Uint8Array(20)));
  assert.match(
    lines(LinkType.LINUX_SLL, taggedUnnamed, {}),
    /^ethertype Unknown, {2}In 02:00:00:00:00:01 ethertype 802\.1Q \(0x8100\), length 36: \n/,
  );
});

Deno.test("printLoopback() names a family it does not decode as Unknown AF with -q", () => {
  const unknown = frame(hex("63000000"), new Uint8Array(8));
  assert.equal(lines(LinkType.NULL, unknown, { quiet: true }), "Unknown AF 99, length 12: ");
  assert.match(lines(LinkType.NULL, unknown, {}), /^AF Unknown \(99\), length 12: \n\t0x0000:/);
  const ip = frame(hex("02000000"), IPV4_UDP);
  assert.match(
    lines(LinkType.NULL, ip, { quiet: true, link: true }),
    /^IPv4, length 32: 10\.0\.0\.1/,
  );
});

Deno.test("printIgmp(), printTcp() and printUdp() stop early with -q, as tcpdump does", () => {
  const igmp = hex("46000020000100000102000000000000e000000194040000 1100eefe00000000");
  assert.equal(lines(LinkType.RAW, igmp, { quiet: true }), "IP 0.0.0.0 > 224.0.0.1: igmp");
  // A data offset of 28 bytes in a segment of 20: the payload length below 0, as unsigned.
  const tcp = hex(
    "4500002800010000400600000a0000010a000002 c2070050000000000000000070100000 00000000",
  );
  assert.equal(
    lines(LinkType.RAW, tcp, { quiet: true }),
    "IP 10.0.0.1.49671 > 10.0.0.2.80: tcp 4294967288 [bad hdr length 28 - too long, > 20]",
  );
  const udp = hex("4500001c00010000401100000a0000010a000002 303900350010 0000");
  assert.equal(
    lines(LinkType.RAW, udp, { quiet: true }),
    "IP 10.0.0.1.12345 > 10.0.0.2.53: UDP, bad length 8 > 0",
  );
});
