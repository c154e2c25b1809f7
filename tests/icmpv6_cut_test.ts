import assert from "node:assert/strict";
import { decodeInto, printFrame } from "./_print_layer.ts";
import { decodeIcmpv6, Icmpv6 } from "../lib/net/icmpv6.ts";
import { DecodeError } from "../lib/errors.ts";
import { decodeHex } from "../lib/_hex.ts";
import { LinkType } from "../lib/link_type.ts";
import { concatBytes, icmpv6Frame } from "./_shared.ts";

const ADDRESSES = "fe80 0000 0000 0000 0000 0000 0000 0001 ff02 0000 0000 0000 0000 0000 0000 0001";
const GROUP = "ff02 0000 0000 0000 0000 0000 0000 0001";
const ETHERNET = decodeHex("0200 0000 0002 0200 0000 0001 86dd");

/**
 * An Ethernet frame carrying a 32-byte ICMPv6 message (`head` and zeros), cut after `cut`
 * bytes of the message, as tcpdump prints it from `ICMP6` on (or from the start with a
 * hex dump).
 */
function print(head: string, cut: number, verbose = 0, hex: 0 | 1 = 0): string {
  const { bytes, wire } = icmpv6Frame(
    ADDRESSES,
    `${head} ${"00".repeat(32 - head.length / 2)}`,
    cut,
  );
  const frame = concatBytes(ETHERNET, bytes);
  const text = printFrame(LinkType.EN10MB, frame, { verbose, hex }, wire + ETHERNET.length);
  return hex ? text : text.slice(text.indexOf("ICMP6"));
}

Deno.test("decodeIcmpv6() keeps a message cut after its type, flagged truncated", () => {
  for (const bytes of ["80", "8001", "800112"]) {
    const { layer, error } = decodeInto(new Icmpv6(), decodeHex(bytes));
    assert.ok(error instanceof DecodeError);
    assert.equal(error.partial, true);
    assert.equal(error.required, 8);
    assert.equal(error.received, bytes.length / 2);
    assert.equal(layer.truncated, true);
    assert.equal(layer.type, 128);
    assert.equal(layer.headerLength, bytes.length / 2);
    assert.equal(layer.code, bytes.length > 2 ? 1 : 0);
    assert.equal(layer.identifier, undefined);
  }
  assert.throws(() => decodeIcmpv6(new Uint8Array(0)), { name: "DecodeError", partial: false });
});

Deno.test("Icmpv6 exposes the fields that a cut message holds", () => {
  const message = decodeHex(`8200 1234 8123 0000 ${GROUP} 0a85 0002 ${ADDRESSES}`);
  const query = decodeInto(new Icmpv6(), message.subarray(0, 26)).layer;
  assert.equal(query.maxResponseCode, 0x8123);
  assert.equal(query.multicastAddress, "ff02::1");
  assert.deepEqual(query.mldv2Query, {
    suppress: true,
    robustness: 2,
    qqic: 0x85,
    sourceCount: undefined,
    sources: undefined,
  });
  const sources = decodeInto(new Icmpv6(), message.subarray(0, 50)).layer.mldv2Query;
  assert.equal(sources?.sourceCount, 2);
  assert.deepEqual(sources?.sources, ["fe80::1"]);
  const quoted = decodeHex(`0100 1234 0000 0000 6000 0000 0008 1140 ${ADDRESSES}`);
  const error = decodeInto(new Icmpv6(), quoted.subarray(0, 40)).layer;
  assert.equal(error.quotedAddress("source"), "fe80::1");
  assert.equal(error.quotedAddress("destination"), undefined);
  assert.equal(decodeInto(new Icmpv6(), quoted).layer.quotedAddress("destination"), "ff02::1");
});

Deno.test("printIcmpv6() names the type and code of a message cut before its fields", () => {
  assert.equal(print("01001234", 2), "ICMP6, destination unreachable, unreachable route [|icmp6]");
  assert.equal(print("02001234", 3), "ICMP6, packet too big [|icmp6]");
  assert.equal(print("80001234", 2), "ICMP6, echo request [|icmp6]");
  assert.equal(print("04001234", 8), "ICMP6, parameter problem [|icmp6]");
});

Deno.test("printIcmpv6() goes on as tcpdump does where a cut message has no field to read", () => {
  assert.equal(print("85001234", 2), "ICMP6, router solicitation, length 32");
  assert.equal(print("83001234", 3), "ICMP6, multicast listener report, length 32");
  assert.equal(print("83001234", 3, 1), "ICMP6, multicast listener report");
  assert.equal(print("8a001234", 3), "ICMP6, router renumbering [|icmp6], length 32");
  assert.equal(
    print("8b001234", 2),
    "ICMP6, who-are-you request node information query [|icmp6], length 32",
  );
  assert.equal(print("82001234", 4), "ICMP6, multicast listener query v2 [|icmp6]");
  assert.equal(print("8f001234", 7), "ICMP6, multicast listener report v2 [|icmp6]");
  assert.equal(print("86001234", 10), "ICMP6, router advertisement, length 32");
  assert.equal(print("86001234", 10, 1), "ICMP6, router advertisement, length 32 [|icmp6]");
  assert.equal(print("c8001234", 3), "ICMP6, mtrace response, length 32\n\t0x0000:  c800 12");
});

Deno.test("printIcmpv6() dumps the whole frame after a read past the cut, not after a check", () => {
  // An echo request's identifier is read with a GET_ macro: -x starts at the link header.
  assert.equal(
    print("80001234", 3, 0, 1),
    "IP6 fe80::1 > ff02::1: ICMP6, echo request [|icmp6]" +
      "\n\t0x0000:  0200 0000 0002 0200 0000 0001 86dd 6000" +
      "\n\t0x0010:  0000 0020 3aff fe80 0000 0000 0000 0000" +
      "\n\t0x0020:  0000 0000 0001 ff02 0000 0000 0000 0000" +
      "\n\t0x0030:  0000 0000 0001 8000 12",
  );
  // A parameter problem's quoted header is checked with ND_TCHECK: -x starts at IPv6.
  assert.equal(
    print("04001234", 8, 0, 1),
    "IP6 fe80::1 > ff02::1: ICMP6, parameter problem [|icmp6]" +
      "\n\t0x0000:  6000 0000 0020 3aff fe80 0000 0000 0000" +
      "\n\t0x0010:  0000 0000 0000 0001 ff02 0000 0000 0000" +
      "\n\t0x0020:  0000 0000 0000 0001 0400 1234 0000 0000",
  );
});

Deno.test("Icmpv6.quotedPort walks the quoted extension headers as get_upperlayer() does", () => {
  const quoted = (next: string, chain: string) =>
    `0104 0000 0000 0000 6000 0000 0010 ${next}40 ${ADDRESSES} ${chain} 0400 0035 0008 0000`;
  const port = (message: string, cut = 0) => {
    const bytes = decodeHex(message);
    return decodeInto(new Icmpv6(), bytes.subarray(0, bytes.length - cut)).layer.quotedPort;
  };
  const hopByHop = quoted("00", "1100 0000 0000 0000");
  assert.deepEqual(port(hopByHop), { protocol: 17, port: 53 });
  assert.equal(port(hopByHop, 5), undefined);
  assert.equal(port(quoted("2c", "1100 0008 0000 0000")), undefined);
  const ah = quoted("33", "1101 0000 0000 0000 0000 0000");
  assert.deepEqual(port(ah), { protocol: 17, port: 53 });
  const line = printFrame(LinkType.RAW, icmpv6Frame(ADDRESSES, ah).bytes);
  assert.equal(
    line.slice(line.indexOf("ICMP6")),
    "ICMP6, destination unreachable, unreachable port, ff02::1 udp port 53, length 68",
  );
});
