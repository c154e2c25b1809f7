/**
 * Writing a capture to a pcap or pcapng file as it runs, with wirekit's own writers.
 *
 * @module
 */

import type { CaptureRecord } from "../formats/capture_reader.ts";
import { type ByteSink, PcapWriter } from "../formats/pcap.ts";
import { PcapngWriter } from "../formats/pcapng.ts";
import type { PcapHandle } from "./handle.ts";

/** Options of {@linkcode dumpCapture}. */
export interface DumpOptions {
  /** The file format (default `pcap`, as `tcpdump -w`). */
  format?: "pcap" | "pcapng";
  /** Called with each packet after it is written. */
  onPacket?: (record: CaptureRecord) => void;
}

/**
 * Reads a capture to its end (its `count`, `timeout` or `signal`) and writes every packet
 * to a pcap or pcapng file, like `tcpdump -w`: same link type, snapshot length and
 * timestamp precision (pcap files get the nanosecond magic number when the capture has
 * nanosecond timestamps).
 *
 * @param source A live capture or a file opened with libpcap.
 * @param sink Where to write: a `Deno.FsFile` (left open), a `WritableStream` (closed).
 * @param options The format, and a callback per packet.
 * @returns How many packets were written.
 *
 * @example Save 100 packets of port 53
 * ```ts ignore
 * import { capture } from "./live.ts";
 * import { dumpCapture } from "./dump.ts";
 *
 * using file = await Deno.create("dns.pcap");
 * await dumpCapture(capture({ iface: "eth0", filter: "port 53", count: 100 }), file);
 * ```
 */
export async function dumpCapture(
  source: PcapHandle,
  sink: ByteSink,
  options: DumpOptions = {},
): Promise<number> {
  const onPacket = options.onPacket;
  let written = 0;
  if (options.format === "pcapng") {
    await using writer = new PcapngWriter(sink, { userApplication: "wirekit" });
    writer.addInterface(source.pcapngInterface);
    for await (const record of source) {
      await writer.write(record);
      written++;
      onPacket?.(record);
    }
  } else {
    await using writer = new PcapWriter(sink, source.pcapWriterOptions);
    for await (const record of source) {
      await writer.write(record);
      written++;
      onPacket?.(record);
    }
  }
  return written;
}
