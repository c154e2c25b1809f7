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

Deno.test("printIpv6HopByHop() hands the protocol after it the jumbo length, not the captured", () => {
  // Jumbo payload 70000 with 72 bytes captured: ICMPv6 is 69992 bytes on the wire, too many
  // to check its sum; UDP's length 0 stands for 69992 and DNS counts 69984.
  const jumbo = [0xc2, 4, 0, 0x01, 0x11, 0x70];
  const echo = jumbogram(jumbo, 58, 24);
  echo.set([0x80, 0, 0, 0, 0x12, 0x34, 0, 1], 48);
  assert.equal(
    printFrame(LinkType.RAW, echo, { verbose: 1 }, echo.length),
    "IP6 (hlim 64, next-header Options (0) payload length: 0) 2001:db8::1 > 2001:db8::2: " +
      "HBH (jumbo: 70000)  truncated-ip6 - 69968 bytes missing!ICMP6, echo request, id 4660, seq 1",
  );
  const dns = jumbogram(jumbo, 17, 40);
  dns.set([0x9c, 0x40, 0, 53, 0, 0, 0, 0, 0x12, 0x34, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0], 48);
  dns.set([3, 0x77, 0x77, 0x77, 0, 0, 1, 0, 1], 68);
  const decoded = decode(LinkType.RAW, dns);
  const layer = decoded.layers[1]!;
  assert.equal(
    layer.kind === "ipv6-hop-by-hop" && decoded.layers[0]!.kind === "ipv6" &&
      decoded.layers[0].jumboPayloadLength,
    70000,
  );
  assert.equal(
    printFrame(LinkType.RAW, dns),
    "IP6 2001:db8::1 > 2001:db8::2: HBH truncated-ip6 - 69952 bytes missing!40000 > 53: " +
      "4660+ A? www. (69984)",
  );
});
