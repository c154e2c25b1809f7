/**
 * Writes the testdata captures that wirekit's own writers make, from `namespaces.pcap`:
 *
 * - `namespaces_be_nano.pcap`: pcap, big-endian, nanosecond timestamps.
 * - `namespaces_be.pcapng`: pcapng, big-endian, two interfaces (the IPv4/ARP frames on
 *   `veth-a`, the others on `veth-b`), with section, interface and packet comments.
 *
 * The output is deterministic; `tests/testdata_test.ts` writes both again and compares.
 *
 * Run: `deno run --allow-read=testdata --allow-write=testdata testdata/write_with_wirekit.ts`
 *
 * @module
 */

import { openCapture } from "../lib/formats/open_capture.ts";
import { pcapBytes } from "../lib/formats/pcap.ts";
import { pcapngBytes } from "../lib/formats/pcapng.ts";
import type { CaptureRecord } from "../lib/formats/capture_reader.ts";

const here = new URL("./", import.meta.url);

/** The records of `namespaces.pcap`. */
export async function readSource(): Promise<CaptureRecord[]> {
  await using reader = await openCapture(new URL("namespaces.pcap", here));
  return await Array.fromAsync(reader);
}

/** Builds the big-endian nanosecond pcap. */
export function bigEndianNanoPcap(records: CaptureRecord[]): Uint8Array {
  return pcapBytes(records, { littleEndian: false, resolution: "nanoseconds" });
}

/** Builds the big-endian two-interface pcapng. */
export function bigEndianPcapng(records: CaptureRecord[]): Uint8Array {
  return pcapngBytes({
    littleEndian: false,
    comment: "wirekit testdata: namespaces.pcap rewritten by PcapngWriter",
    userApplication: "wirekit testdata/write_with_wirekit.ts",
    interfaces: [
      { linkType: 1, name: "veth-a", description: "IPv4 and ARP", snapLength: 262144 },
      {
        linkType: 1,
        name: "veth-b",
        description: "everything else",
        timestampResolution: { base: 10, exponent: 6 },
        comment: "microsecond timestamps",
      },
    ],
    packets: records.map((record, i) => {
      const etherType = (record.data[12]! << 8) | record.data[13]!;
      return {
        ...record,
        interfaceId: etherType === 0x0800 || etherType === 0x0806 ? 0 : 1,
        ...(i === 0 ? { comment: "first packet" } : {}),
      };
    }),
  });
}

if (import.meta.main) {
  const records = await readSource();
  await Deno.writeFile(new URL("namespaces_be_nano.pcap", here), bigEndianNanoPcap(records));
  await Deno.writeFile(new URL("namespaces_be.pcapng", here), bigEndianPcapng(records));
}
