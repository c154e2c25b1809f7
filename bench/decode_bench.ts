/**
 * Decoder benchmarks: the convenient `decode()`, which allocates a `Packet` and fresh
 * layers for every packet, against a reused `PacketParser`, which allocates nothing, on
 * typical frames and on a realistic mix. Each frame is a group, so `deno bench` shows
 * the parser's speed-up over `decode()`.
 *
 * ```sh
 * deno bench bench/decode_bench.ts
 * ```
 *
 * @module
 */

import { decode, PacketParser } from "../lib/decode.ts";
import { LinkType } from "../lib/link_type.ts";
import { typicalFrames } from "./_frames.ts";
import { generatePackets } from "./_traffic.ts";

const ETHERNET = LinkType.EN10MB;
const parser = new PacketParser();
let sink = 0;

for (const frame of typicalFrames()) {
  // Check the frame decodes fully, so that no benchmark measures an early stop.
  const packet = decode(ETHERNET, frame.data);
  if (packet.error !== undefined || packet.layers.length !== frame.layers) {
    throw new Error(
      `Cannot benchmark "${frame.name}": it decodes to ${
        packet.layers.map((layer) => layer.kind).join("/")
      } (${packet.error?.message ?? "no error"}), expected ${frame.layers} layers`,
    );
  }
  const data = frame.data;
  Deno.bench({
    name: "decode()",
    group: frame.name,
    baseline: true,
    fn() {
      sink += decode(ETHERNET, data).layers.length;
    },
  });
  Deno.bench({
    name: "PacketParser.parse()",
    group: frame.name,
    fn() {
      sink += parser.parse(ETHERNET, data);
    },
  });
}

// The first 1,000 frames of the benchmark capture, one after the other (one iteration
// decodes all 1,000).
const MIX_SIZE = 1000;
const mix = Array.from(generatePackets({ count: MIX_SIZE }), (packet) => packet.data.slice());
const mixGroup = `realistic mix (${MIX_SIZE} frames per iteration)`;

Deno.bench({
  name: "decode()",
  group: mixGroup,
  baseline: true,
  fn() {
    for (let i = 0; i < mix.length; i++) sink += decode(ETHERNET, mix[i]!).layers.length;
  },
});

Deno.bench({
  name: "PacketParser.parse()",
  group: mixGroup,
  fn() {
    for (let i = 0; i < mix.length; i++) sink += parser.parse(ETHERNET, mix[i]!);
  },
});

Deno.bench({
  name: "PacketParser.parse() + read ports",
  group: mixGroup,
  fn() {
    for (let i = 0; i < mix.length; i++) {
      parser.parse(ETHERNET, mix[i]!);
      const transport = parser.get("tcp") ?? parser.get("udp");
      if (transport !== undefined) sink += transport.sourcePort + transport.destinationPort;
    }
  },
});

globalThis.addEventListener("unload", () => {
  // Keeps `sink` alive so that no decoding is optimised away.
  if (sink === -1) console.log(sink);
});
