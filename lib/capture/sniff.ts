/**
 * `sniff()`: scapy's one-call capture, as a promise of the records.
 *
 * @module
 */

import type { CaptureRecord } from "../formats/capture_reader.ts";
import type { CaptureStats } from "./handle.ts";
import { capture, type CaptureOptions } from "./live.ts";

/** Options of {@linkcode sniff}: those of `capture()`, plus what to do with each packet. */
export interface SniffOptions extends CaptureOptions {
  /** Called with each packet as it arrives; the capture waits for a returned promise. */
  onPacket?: (record: CaptureRecord) => void | Promise<void>;
  /** Stops the capture after the packet for which it returns `true` (scapy's `stop_filter`). */
  stopFilter?: (record: CaptureRecord) => boolean;
  /** Whether to keep the packets and return them (default `true`, scapy's `store`). */
  store?: boolean;
  /** Called once at the end with the capture statistics. */
  onStats?: (stats: CaptureStats) => void;
}

/**
 * Captures packets until `count`, `timeout`, `signal` or `stopFilter` says stop, like
 * scapy's `sniff()`. Without any of them it runs until the process ends, so give one.
 *
 * @param options The interface, filter and capture options, when to stop, and callbacks.
 * @returns The packets captured (none when `store` is `false`), in order.
 * @throws {CaptureError} As `capture()` does.
 *
 * @example Capture 5 DNS packets or wait 10 seconds
 * ```ts ignore
 * import { sniff } from "./sniff.ts";
 *
 * const packets = await sniff({ filter: "udp port 53", count: 5, timeout: 10_000 });
 * console.log(packets.length);
 * ```
 */
export async function sniff(options: SniffOptions = {}): Promise<CaptureRecord[]> {
  const { onPacket, stopFilter, store = true, onStats, ...captureOptions } = options;
  const packets: CaptureRecord[] = [];
  await using live = capture(captureOptions);
  for await (const record of live) {
    if (store) packets.push(record);
    if (onPacket !== undefined) await onPacket(record);
    if (stopFilter?.(record) === true) break;
  }
  if (onStats !== undefined) onStats(live.stats());
  return packets;
}
