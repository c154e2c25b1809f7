/**
 * Defragmentation benchmarks: what a `Defragmenter` costs a packet that is not a fragment
 * (the walk over its layers), and the reassembly of a 3000-byte UDP datagram from three
 * fragments (a 1280-byte MTU), IPv4 and IPv6, decoding included.
 *
 * ```sh
 * deno bench bench/defrag_bench.ts
 * ```
 *
 * @module
 */

import { buildIpv4 } from "../lib/craft/ipv4.ts";
import { buildIpv6 } from "../lib/craft/ipv6.ts";
import { buildUdp } from "../lib/craft/udp.ts";
import { PacketParser } from "../lib/decode.ts";
import { LinkType } from "../lib/link_type.ts";
import { Defragmenter } from "../lib/reassembly/defragmenter.ts";

const payload = Uint8Array.from({ length: 3000 }, (_, i) => (7 * i + 3) % 256);

function ipv4Fragments(): Uint8Array[] {
  const udp = buildUdp({
    source: "10.0.0.1",
    destination: "10.0.0.2",
    sourcePort: 40000,
    destinationPort: 9000,
    payload,
  });
  const out: Uint8Array[] = [];
  for (let offset = 0; offset < udp.length; offset += 1256) {
    const end = Math.min(udp.length, offset + 1256);
    out.push(buildIpv4({
      source: "10.0.0.1",
      destination: "10.0.0.2",
      protocol: 17,
      identification: 7,
      dontFragment: false,
      moreFragments: end < udp.length,
      fragmentOffset: offset / 8,
      payload: udp.subarray(offset, end),
    }));
  }
  return out;
}

function ipv6Fragments(): Uint8Array[] {
  const udp = buildUdp({
    source: "2001:db8::1",
    destination: "2001:db8::2",
    sourcePort: 40000,
    destinationPort: 9000,
    payload,
  });
  const out: Uint8Array[] = [];
  for (let offset = 0; offset < udp.length; offset += 1232) {
    const end = Math.min(udp.length, offset + 1232);
    const fragment = new Uint8Array(8 + end - offset);
    fragment.set([17, 0, offset >> 8, (offset & 0xf8) | (end < udp.length ? 1 : 0), 0, 0, 0, 7]);
    fragment.set(udp.subarray(offset, end), 8);
    out.push(buildIpv6({
      source: "2001:db8::1",
      destination: "2001:db8::2",
      nextHeader: 44,
      payload: fragment,
    }));
  }
  return out;
}

const parser = new PacketParser();
const defrag = new Defragmenter();
let frame = 0;
let sink = 0;

const plain = buildIpv4({
  source: "10.0.0.1",
  destination: "10.0.0.2",
  protocol: 17,
  payload: new Uint8Array(8),
});
parser.parse(LinkType.IPV4, plain);
Deno.bench({
  name: "push() of a packet that is not a fragment",
  fn() {
    if (defrag.push(parser, { frame: ++frame, timestamp: 0n }) === undefined) sink++;
  },
});

for (
  const [name, linkType, fragments] of [
    ["IPv4", LinkType.IPV4, ipv4Fragments()],
    ["IPv6", LinkType.IPV6, ipv6Fragments()],
  ] as const
) {
  Deno.bench({
    name: `reassemble and decode a 3000-byte UDP datagram from 3 ${name} fragments`,
    fn() {
      for (const bytes of fragments) {
        parser.parse(linkType, bytes);
        const datagram = defrag.push(parser, { frame: ++frame, timestamp: 0n });
        if (datagram !== undefined) sink += datagram.data.length;
      }
    },
  });
}

addEventListener("unload", () => {
  if (sink === 0 || defrag.stats.datagrams === 0) {
    throw new Error("Cannot benchmark: nothing was reassembled");
  }
});
