import assert from "node:assert/strict";
import { decode } from "../lib/decode.ts";
import { LinkType } from "../lib/link_type.ts";
import { IpProtocol } from "../lib/ip_protocol.ts";
import { TcpdumpPrinter } from "../lib/print/mod.ts";
import { buildEthernet, buildIpv4, buildIpv6, buildUdp } from "../lib/craft/mod.ts";

const INNER = buildEthernet({
  source: "02:00:00:00:00:01",
  destination: "02:00:00:00:00:02",
  etherType: 0x0800,
  payload: buildIpv4({
    source: "10.1.1.1",
    destination: "10.1.1.2",
    protocol: 17,
    payload: buildUdp({
      source: "10.1.1.1",
      destination: "10.1.1.2",
      sourcePort: 1000,
      destinationPort: 2000,
      payload: new Uint8Array(4),
    }),
  }),
});
const OVER_IPV6 = buildIpv6({
  source: "a::1",
  destination: "b::2",
  nextHeader: IpProtocol.ETHERNET,
  payload: INNER,
});
const OVER_IPV4 = buildIpv4({
  source: "10.0.0.1",
  destination: "10.0.0.2",
  protocol: IpProtocol.ETHERNET,
  payload: INNER,
});

function print(packet: Uint8Array, link = false): string {
  return new TcpdumpPrinter({ timestamps: "none", link }).format(decode(LinkType.RAW, packet), {
    seconds: 0,
    nanoseconds: 0,
    originalLength: OVER_IPV6.length,
  });
}

Deno.test("decode() reads the Ethernet frame that IP protocol 143 carries (RFC 8986)", () => {
  assert.deepEqual(decode(LinkType.RAW, OVER_IPV6).layers.map((l) => l.kind), [
    "ipv6",
    "ethernet",
    "ipv4",
    "udp",
  ]);
});

Deno.test("printEthernet() prints a frame that IPv6 carries as tcpdump's ip_demux_print()", () => {
  // tcpdump 4.99.3 on the same packets.
  assert.equal(
    print(OVER_IPV6),
    "IP6 a::1 > b::2: IP 10.1.1.1.1000 > 10.1.1.2.2000: UDP, length 4",
  );
  assert.equal(
    print(OVER_IPV6, true),
    "ip: a::1 > b::2: 02:00:00:00:00:01 > 02:00:00:00:00:02, ethertype IPv4 (0x0800), " +
      "length 60: 10.1.1.1.1000 > 10.1.1.2.2000: UDP, length 4",
  );
  assert.equal(print(OVER_IPV6.subarray(0, 50)), "IP6 a::1 > b::2:  [|ether]");
  assert.equal(print(OVER_IPV4), "IP 10.0.0.1 > 10.0.0.2: [Ethernet requires IPv6] (invalid)");
});
