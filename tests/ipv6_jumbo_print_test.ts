import assert from "node:assert/strict";
import { printFrame } from "./_print_layer.ts";
import { LinkType } from "../lib/link_type.ts";
import { decode } from "../lib/decode.ts";

/** An IPv6 header of payload length 0 (2001:db8::1 > 2001:db8::2) and a hop-by-hop header. */
function jumbogram(options: number[], nextHeader: number, payload = 0): Uint8Array {
  const hop = [nextHeader, (2 + options.length) / 8 - 1, ...options];
  const packet = new Uint8Array(40 + hop.length + payload);
  packet.set([0x60, 0, 0, 0, 0, 0, 0, 64]);
  packet.set([0x20, 0x01, 0x0d, 0xb8], 8);
  packet[23] = 1;
  packet.set([0x20, 0x01, 0x0d, 0xb8], 24);
  packet[39] = 2;
  packet.set(hop, 40);
  return packet;
}

Deno.test("printIpv6HopByHop() requires a jumbo payload option after a payload length of 0", () => {
  assert.equal(
    printFrame(LinkType.RAW, jumbogram([1, 4, 0, 0, 0, 0], 59)),
    "IP6 2001:db8::1 > 2001:db8::2: HBH [No valid Jumbo Payload Hop-by-Hop option found] (invalid)",
  );
});

Deno.test("printIpv6HopByHop() takes a jumbo payload length as the packet's", () => {
  // Jumbo payload 70000: 69992 bytes after the hop-by-hop header, of which 8 are here.
  const jumbo = [0xc2, 4, 0, 0x01, 0x11, 0x70];
  assert.equal(
    printFrame(LinkType.RAW, jumbogram(jumbo, 253, 8)),
    "IP6 2001:db8::1 > 2001:db8::2: HBH truncated-ip6 - 69984 bytes missing! ip-proto-253 69992",
  );
});

Deno.test("decode() reads a fragment header after a payload length of 0, as tcpdump", () => {
  // A fragment header (next header UDP, offset 1280) that no payload length covers.
  const packet = jumbogram([0, 0, 0, 0, 0, 0], 0);
  packet[6] = 44;
  packet.set([17, 0, 0x05, 0x00, 0, 0, 0, 7], 40);
  const decoded = decode(LinkType.RAW, packet);
  assert.equal(decoded.layer("ipv6-fragment")?.fragmentOffset, 160);
  // tcpdump subtracts the headers from the payload length of 0 in unsigned arithmetic.
  assert.equal(
    printFrame(LinkType.RAW, packet),
    "IP6 2001:db8::1 > 2001:db8::2: frag (1280|18446744073709551608)",
  );
});
