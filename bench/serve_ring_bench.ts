// PacketRing.push(): the cost of keeping a packet for the live view (decode, the tcpdump
// line, the list columns, a copy of the bytes), which bounds the packet rate serve.ts keeps;
// with LiveStats counting each packet (as serve.ts does) for the charts, talkers and flows;
// and LiveStats.snapshot() (once a second) over a full table (10,000 flows, its default limit).

import { PacketRing } from "../lib/serve/packet_ring.ts";
import { openCapture } from "../lib/formats/open_capture.ts";
import { LiveStats } from "../lib/serve/live_stats.ts";
import { decode } from "../lib/decode.ts";
import { buildEthernet, buildIpv4, buildUdp } from "../lib/craft/mod.ts";

const records: { data: Uint8Array; linkType: number; originalLength: number }[] = [];
{
  await using reader = await openCapture(new URL("../testdata/namespaces.pcap", import.meta.url));
  for await (const record of reader) {
    records.push({
      data: record.data.slice(),
      linkType: record.linkType,
      originalLength: record.originalLength,
    });
  }
}
const record = { seconds: 0, nanoseconds: 0, linkType: 1, originalLength: 0 };
const stats = new LiveStats();
const rings = {
  "": new PacketRing({ capacity: 10000 }),
  " with LiveStats": new PacketRing({
    capacity: 10000,
    onPacket: (packet, kept) => stats.add(packet, kept),
  }),
};

for (const [label, ring] of Object.entries(rings)) {
  Deno.bench({
    name: `PacketRing.push()${label} of namespaces.pcap (${records.length} packets)`,
    group: "push",
    baseline: label === "",
    fn: () => {
      for (const packet of records) {
        record.linkType = packet.linkType;
        record.originalLength = packet.originalLength;
        record.seconds++;
        ring.push(packet.data, record);
      }
    },
  });
}

const full = new LiveStats();
for (let i = 0; i < 9999; i++) {
  const source = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
  const udp = buildUdp({
    source,
    destination: "10.255.0.1",
    sourcePort: 1000,
    destinationPort: 53,
  });
  const frame = buildEthernet({
    source: "02:00:00:00:00:01",
    destination: "02:00:00:00:00:02",
    etherType: 0x0800,
    payload: buildIpv4({ source, destination: "10.255.0.1", protocol: 17, payload: udp }),
  });
  full.add(decode(1, frame), {
    seconds: Math.floor(i / 1000),
    nanoseconds: 0,
    originalLength: frame.length,
  });
}
Deno.bench("LiveStats.snapshot() of 9,999 flows", () => {
  full.snapshot();
});
