import assert from "node:assert/strict";
import { decode } from "../lib/decode.ts";
import { LinkType } from "../lib/link_type.ts";
import { Ipv6Fragment, Ipv6Routing } from "../lib/net/ipv6_extensions.ts";
import { TcpdumpPrinter } from "../lib/print/mod.ts";
import { buildIpv6 } from "../lib/craft/mod.ts";

const ADDRESSES = { source: "2001:db8::1", destination: "2001:db8::2" };
const UDP = [0x03, 0xe8, 0x07, 0xd0, 0, 12, 0, 0, 0x61, 0x62, 0x63, 0x64];
// A type 0 routing header with two addresses, 2001:db8::3 and 2001:db8::4.
const ROUTING = [
  17,
  4,
  0,
  2,
  0,
  0,
  0,
  0,
  ...[0x20, 1, 0x0d, 0xb8, ...new Array(11).fill(0), 3],
  ...[0x20, 1, 0x0d, 0xb8, ...new Array(11).fill(0), 4],
];

function packet(nextHeader: number, payload: number[], captured?: number): Uint8Array {
  const ip = buildIpv6({ ...ADDRESSES, nextHeader, payload: new Uint8Array(payload) });
  return ip.subarray(0, captured ?? ip.length);
}

function print(bytes: Uint8Array, verbose = 0): string {
  return new TcpdumpPrinter({ timestamps: "none", verbose }).format(
    decode(LinkType.RAW, bytes),
    { seconds: 0, nanoseconds: 0, originalLength: 40 + ((bytes[4]! << 8) | bytes[5]!) },
  );
}

Deno.test("decode() keeps a routing header cut after its first 4 bytes, as tcpdump prints it", () => {
  const cut = decode(LinkType.RAW, packet(43, [...ROUTING, ...UDP], 40 + 28));
  const routing = cut.layers.at(-1);
  assert.ok(routing instanceof Ipv6Routing);
  assert.equal(routing.truncated, true);
  assert.equal(routing.addressAt(0), "2001:db8::3");
  assert.equal(routing.addressAt(1), undefined);
  assert.equal(cut.error?.partial, true);
  assert.equal(
    print(packet(43, [...ROUTING, ...UDP], 40 + 28)),
    "IP6 2001:db8::1 > 2001:db8::2: RT6 (len=4, type=0 [Deprecated], segleft=2, [0]2001:db8::3 [|rt6]",
  );
  const unknown = [17, 0, 3, 0, 0, 0, 0, 0, ...UDP];
  assert.equal(
    print(packet(43, unknown)),
    "IP6 2001:db8::1 > 2001:db8::2: RT6 (len=0, type=3, segleft=0 (unknown type) (invalid)",
  );
});

Deno.test("printIpv6Fragment() prints a cut fragment header as tcpdump does", () => {
  const fragment = [17, 0, 0, 1, 0x12, 0x34, 0x56, 0x78, ...UDP];
  const cut = decode(LinkType.RAW, packet(44, fragment, 44)).layers.at(-1);
  assert.ok(cut instanceof Ipv6Fragment);
  assert.equal(cut.truncated, true);
  assert.equal(print(packet(44, fragment, 44)), "IP6 2001:db8::1 > 2001:db8::2: frag (0|12) ");
  assert.match(print(packet(44, fragment, 44), 1), / 2001:db8::1 > 2001:db8::2: {2}\[\|frag6\]$/);
  // A payload length shorter than the header: tcpdump's unsigned length wraps around.
  const short = packet(44, fragment);
  short[5] = 6;
  assert.match(print(short), /frag \(0\|18446744073709551614\) $/);
});

Deno.test("printIpv6Routing() prints the fields of a routing header cut in its first 4 bytes", () => {
  const lines = [0, 1, 2, 3].map((n) => print(packet(43, [...ROUTING, ...UDP], 40 + n)));
  assert.deepEqual(lines, [
    // ip6_print() checks for a byte of the header before rt6_print() names it.
    "IP6 2001:db8::1 > 2001:db8::2:  [|ip6]",
    "IP6 2001:db8::1 > 2001:db8::2: RT6 [|rt6]",
    "IP6 2001:db8::1 > 2001:db8::2: RT6 (len=4 [|rt6]",
    "IP6 2001:db8::1 > 2001:db8::2: RT6 (len=4, type=0 [Deprecated] [|rt6]",
  ]);
  const one = decode(LinkType.RAW, packet(43, [...ROUTING, ...UDP], 41)).layers.at(-1);
  assert.ok(one instanceof Ipv6Routing);
  assert.equal(one.truncated, true);
  assert.equal(one.extensionLength, 0);
});

Deno.test("TcpdumpPrinter names ESP and OSPFv3 cut short as tcpdump does", () => {
  assert.equal(print(packet(50, [0, 0, 0x10], 43)), "IP6 2001:db8::1 > 2001:db8::2:  [|esp]");
  // OSPFv3 Hello header, 16 bytes: version 3, type 1, router 1.2.3.4, area 0.0.0.1, instance 7.
  const ospf = [3, 1, 0, 16, 1, 2, 3, 4, 0, 0, 0, 1, 0, 0, 7, 0];
  assert.equal(print(packet(89, ospf, 41)), "IP6 2001:db8::1 > 2001:db8::2:  [|ospf3]");
  assert.equal(
    print(packet(89, ospf, 42)),
    "IP6 2001:db8::1 > 2001:db8::2: OSPFv3, Hello, length 16",
  );
  assert.equal(
    print(packet(89, ospf, 50), 1),
    "IP6 (hlim 64, next-header OSPF (89) payload length: 16) 2001:db8::1 > 2001:db8::2: " +
      "OSPFv3, Hello, length 16\n\tRouter-ID 1.2.3.4 [|ospf3]",
  );
  assert.equal(
    print(packet(89, ospf, 55), 1),
    "IP6 (hlim 64, next-header OSPF (89) payload length: 16) 2001:db8::1 > 2001:db8::2: " +
      "OSPFv3, Hello, length 16\n\tRouter-ID 1.2.3.4, Area 0.0.0.1, Instance 7 [|ospf3]",
  );
});
