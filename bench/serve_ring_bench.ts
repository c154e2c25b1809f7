// PacketRing.push(): the cost of keeping a packet for the live view (decode, the tcpdump
// line, the list columns, a copy of the bytes), which bounds the packet rate serve.ts keeps.

import { PacketRing } from "../lib/serve/packet_ring.ts";
import { openCapture } from "../lib/formats/open_capture.ts";

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
const ring = new PacketRing({ capacity: 10000 });
const record = { seconds: 0, nanoseconds: 0, linkType: 1, originalLength: 0 };

Deno.bench(`PacketRing.push() of namespaces.pcap (${records.length} packets)`, () => {
  for (const packet of records) {
    record.linkType = packet.linkType;
    record.originalLength = packet.originalLength;
    ring.push(packet.data, record);
  }
});
