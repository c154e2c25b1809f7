// The fragments recorded by testdata/record_fragments.sh reassemble into exactly what the
// sender sent: ping's pattern, and the UDP datagram whose byte i is (7 * i + 3) % 256.

import assert from "node:assert/strict";
import { openCapture } from "../lib/formats/open_capture.ts";
import { Defragmenter } from "../lib/reassembly/defragmenter.ts";
import { defragmentRecords } from "../lib/reassembly/defrag_records.ts";
import { testdataDir } from "./_shared.ts";

const PATTERN = new TextEncoder().encode("wire");
const UDP = Uint8Array.from({ length: 3000 }, (_, i) => (7 * i + 3) % 256);

for (
  const [version, file, echoData] of [[4, "fragments_ipv4.pcap", 4000], [
    6,
    "fragments_ipv6.pcap",
    3000,
  ]] as const
) {
  Deno.test({
    name: `defragmentRecords() rebuilds what was sent in testdata/${file}`,
    permissions: { read: [testdataDir] },
    async fn() {
      await using reader = await openCapture(new URL(file, testdataDir).pathname);
      const defragmenter = new Defragmenter();
      const out = await Array.fromAsync(defragmentRecords(reader, { defragmenter }));
      // Every record is a fragment: only the three datagrams come out.
      assert.deepEqual(out.map((item) => item.datagram?.version), [version, version, version]);
      const [request, reply, udp] = out.map((item) => item.packet);
      const kind = version === 4 ? "icmp" : "icmpv6";
      for (
        const [packet, type] of [[request, version === 4 ? 8 : 128], [
          reply,
          version === 4 ? 0 : 129,
        ]] as const
      ) {
        const icmp = packet!.layer(kind)!;
        assert.equal(icmp.type, type);
        assert.equal(icmp.checksumValid, true);
        // The echo data: ping's 16-byte timestamp, then the pattern (it fills the data from
        // its start).
        const data = icmp.payload;
        assert.equal(data.length, echoData);
        for (let i = 16; i < data.length; i++) assert.equal(data[i], PATTERN[i % 4], `byte ${i}`);
      }
      const datagram = udp!.layer("udp")!;
      assert.equal(datagram.destinationPort, 9000);
      assert.equal(datagram.checksumValid, true);
      assert.deepEqual(datagram.payload, UDP);
      assert.equal(out[0]!.datagram!.fragments.length, version === 4 ? 4 : 3);
      assert.equal(defragmenter.stats.datagrams, 3);
      assert.equal(defragmenter.stats.fragments, version === 4 ? 11 : 9);
      assert.equal(Object.values(defragmenter.stats.droppedFragments).some((n) => n > 0), false);
    },
  });
}
