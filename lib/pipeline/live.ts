/**
 * Live sources of the pipeline: a libpcap capture or wirekit's own AF_PACKET ring, opened
 * from tcpdump's options, and the text tcpdump prints around a live capture: the `-D`
 * list of interfaces, the `-L` list of data link types, the `listening on` banner and the
 * closing statistics.
 *
 * @module
 */

import { capture, type CaptureDirection } from "../capture/live.ts";
import { dropPrivileges } from "../capture/privileges.ts";
import { CaptureError } from "../capture/errors.ts";
import type { CaptureStats } from "../capture/handle.ts";
import { listInterfaces, type NetworkInterface } from "../capture/interfaces.ts";
import { dataLinkName } from "../capture/datalinks.ts";
import { PcapIfFlag } from "../../ffi/libpcap.ts";
import type { CaptureBatch } from "../formats/capture_reader.ts";
import { openPacketRing } from "../rawsocket/packet_ring.ts";
import { linkTypeText } from "../link_type.ts";
import { defaultRegistry } from "../registry.ts";
import { MAXIMUM_SNAPLEN } from "./source.ts";

/** Options of {@linkcode openLiveSource}: tcpdump's capture flags. */
export interface LiveSourceOptions {
  /** `-i`: a name, or a number from `-D` (default: the first interface libpcap lists). */
  iface?: string;
  /** The filter expression (compiled by libpcap, also for the ring). */
  filter?: string;
  /** `-s` (default 262144). */
  snapLength?: number;
  /** `-p` clears it (default `true`). */
  promiscuous?: boolean;
  /** `-B`, in bytes. */
  bufferSize?: number;
  /** `--immediate-mode`. */
  immediate?: boolean;
  /** `-Q`. */
  direction?: CaptureDirection;
  /** `-y`: the data link type (libpcap only). */
  linkType?: number;
  /** `--nano`: nanosecond timestamps (libpcap only). */
  nano?: boolean;
  /** `-c`: stop after this many packets. */
  count?: number;
  /** Stops the capture. */
  signal?: AbortSignal;
  /** `--ring`: wirekit's TPACKET_V3 ring instead of libpcap (needs a named `iface`). */
  ring?: boolean;
  /**
   * `-Z USER`: once the capture is open, drop root and run on as this user
   * ({@linkcode dropPrivileges}); the capture is closed when that fails.
   */
  user?: string;
}

/** A live capture, libpcap's or the ring's, as the pipeline reads it. */
export interface LiveSource {
  /** The interface name. */
  readonly iface: string;
  /** The link type. */
  readonly linkType: number;
  /** The snapshot length. */
  readonly snapLength: number;
  /** libpcap's activation warnings (promiscuous mode not supported...). */
  readonly warnings: readonly Error[];
  /** The packets, batch by batch. */
  readonly batches: AsyncIterable<CaptureBatch>;
  /** The statistics for the closing lines. */
  stats(): CaptureStats;
  /** Stops the capture. */
  close(): Promise<void> | void;
}

const defined = <K extends string, V>(key: K, value: V | undefined) =>
  value === undefined ? {} : { [key]: value } as Record<K, V>;

/**
 * Opens a live capture from tcpdump's options: libpcap (a number that names no interface is
 * taken as a `-D` number, as tcpdump takes it), or wirekit's ring with `ring`. With `user`,
 * root is dropped once the capture is open, as `tcpdump -Z` drops it.
 *
 * @param options The capture options.
 * @returns The source; close it when done.
 * @throws {CaptureError} When the capture cannot start (no such device, permission...).
 * @throws {PrivilegeError} When `user` is set and root cannot be dropped (the capture is
 * closed first).
 *
 * @example Print ten packets of loopback
 * ```ts ignore
 * import { openLiveSource } from "./live.ts";
 * import { runPipeline } from "./print.ts";
 *
 * const live = openLiveSource({ iface: "lo", count: 10, user: "nobody" });
 * await runPipeline(live.batches, {
 *   output: { kind: "print", printer: {} },
 *   write: (bytes) => Deno.stdout.write(bytes).then(() => {}),
 * });
 * await live.close();
 * ```
 */
export function openLiveSource(options: LiveSourceOptions): LiveSource {
  const source = openSource(options);
  if (options.user !== undefined) {
    try {
      dropPrivileges(options.user);
    } catch (error) {
      // Closing a capture that has read nothing settles at once.
      void source.close();
      throw error;
    }
  }
  return source;
}

function openSource(options: LiveSourceOptions): LiveSource {
  const snapLength = options.snapLength ?? MAXIMUM_SNAPLEN;
  const count = options.count !== undefined && Number.isFinite(options.count)
    ? options.count
    : undefined;
  if (options.ring === true) {
    const iface = options.iface;
    if (iface === undefined) {
      throw new TypeError("Cannot capture through the ring: an interface name is required");
    }
    const ring = openPacketRing({
      iface,
      snapLength,
      promiscuous: options.promiscuous ?? true,
      blockTimeout: options.immediate === true ? 1 : 10,
      ...defined("bufferSize", options.bufferSize),
      ...defined("filter", options.filter),
      ...defined("direction", options.direction),
      ...defined("count", count),
      ...defined("signal", options.signal),
    });
    return {
      iface,
      linkType: ring.linkType,
      snapLength,
      warnings: [],
      batches: ring.batches(),
      stats: () => ({ ...ring.stats(), interfaceDropped: 0 }),
      close: () => ring.close(),
    };
  }
  const open = (iface: string | undefined) =>
    capture({
      ...defined("iface", iface),
      ...defined("filter", options.filter),
      snapLength,
      promiscuous: options.promiscuous ?? true,
      immediate: options.immediate ?? false,
      ...defined("bufferSize", options.bufferSize),
      ...defined("direction", options.direction),
      ...defined("linkType", options.linkType),
      precision: options.nano === true ? "nano" : "micro",
      ...defined("count", count),
      ...defined("signal", options.signal),
    });
  const live = openByNameOrNumber(options.iface, open);
  return {
    iface: live.iface,
    linkType: live.linkType,
    snapLength: live.snapLength,
    warnings: live.warnings,
    batches: live.batches({ reuseBuffers: true }),
    stats: () => live.stats(),
    close: () => live.close(),
  };
}

/**
 * Opens an interface by name; a number that names no interface is taken as its `-D`
 * number, as tcpdump does.
 *
 * @param iface The name or number (`undefined`: libpcap's default).
 * @param open Opens a name.
 * @returns What `open` returned.
 */
export function openByNameOrNumber<T>(
  iface: string | undefined,
  open: (iface: string | undefined) => T,
): T {
  try {
    return open(iface);
  } catch (error) {
    if (
      iface === undefined || !/^\d+$/.test(iface) ||
      !(error instanceof CaptureError) || error.code !== "no-such-device"
    ) {
      throw error;
    }
    const interfaces = listInterfaces();
    const chosen = interfaces[Number(iface) - 1];
    if (chosen === undefined) {
      throw new CaptureError(
        "no-such-device",
        `Cannot capture on interface ${iface}: no interface has that name, and there are ` +
          `only ${interfaces.length} interfaces (see -D)`,
        { cause: error },
      );
    }
    return open(chosen.name);
  }
}

/**
 * The lines `tcpdump -L` prints for an interface: a title, then each data link type with
 * libpcap's name and description, marked `(printing not supported)` when wirekit has no
 * decoder for it.
 *
 * @param iface The interface name.
 * @param linkTypes Its data link types (`LiveCapture.dataLinks()`).
 * @returns The lines, without newlines.
 *
 * @example The lines for loopback
 * ```ts ignore
 * import { dataLinkLines } from "./live.ts";
 *
 * console.log(dataLinkLines("lo", [1]).join("\n"));
 * // Data link types for lo (use option -y to set):
 * //   EN10MB (Ethernet)
 * ```
 */
export function dataLinkLines(iface: string, linkTypes: readonly number[]): string[] {
  const lines = [`Data link types for ${iface} (use option -y to set):`];
  for (const linkType of linkTypes) {
    const known = dataLinkName(linkType);
    if (known === undefined) {
      lines.push(`  DLT ${linkType} (printing not supported)`);
      continue;
    }
    const printed = defaultRegistry.linkTypes.has(linkType);
    lines.push(
      `  ${known.name} (${known.description})${printed ? "" : " (printing not supported)"}`,
    );
  }
  return lines;
}

/**
 * tcpdump's banner on stderr when a live capture starts: without `-v` and without `-w`,
 * the "verbose output suppressed" line, then `listening on ...`; otherwise
 * `tcpdump: listening on ...`.
 *
 * @param source The interface, link type and snapshot length.
 * @param quietHint Whether to print the "verbose output suppressed" line (no `-v`, no `-w`).
 * @returns The lines, without newlines.
 *
 * @example The banner of an Ethernet capture
 * ```ts
 * import { listeningLines } from "./live.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(listeningLines({ iface: "eth0", linkType: 1, snapLength: 262144 }, false), [
 *   "tcpdump: listening on eth0, link-type EN10MB (Ethernet), snapshot length 262144 bytes",
 * ]);
 * ```
 */
export function listeningLines(
  source: { iface: string; linkType: number; snapLength: number },
  quietHint: boolean,
): string[] {
  const listening = `listening on ${source.iface}, link-type ${
    linkTypeText(source.linkType)
  }, snapshot length ${source.snapLength} bytes`;
  return quietHint
    ? ["tcpdump: verbose output suppressed, use -v[v]... for full protocol decode", listening]
    : [`tcpdump: ${listening}`];
}

/** `PLURAL_SUFFIX()` of tcpdump. */
const plural = (n: number): string => n === 1 ? "" : "s";

/**
 * tcpdump's closing lines of a live capture: packets captured, received by the filter,
 * dropped by the kernel and, when there are any, dropped by the interface.
 *
 * @param captured How many packets were handled.
 * @param stats The capture statistics.
 * @returns The lines, without newlines.
 *
 * @example The lines after one packet
 * ```ts
 * import { closingLines } from "./live.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(closingLines(1, { received: 2, dropped: 0, interfaceDropped: 0 }), [
 *   "1 packet captured",
 *   "2 packets received by filter",
 *   "0 packets dropped by kernel",
 * ]);
 * ```
 */
export function closingLines(captured: number, stats: CaptureStats): string[] {
  const lines = [
    `${captured} packet${plural(captured)} captured`,
    `${stats.received} packet${plural(stats.received)} received by filter`,
    `${stats.dropped} packet${plural(stats.dropped)} dropped by kernel`,
  ];
  if (stats.interfaceDropped !== 0) {
    lines.push(
      `${stats.interfaceDropped} packet${plural(stats.interfaceDropped)} dropped by interface`,
    );
  }
  return lines;
}

/**
 * One line of `tcpdump -D`: `1.eth0 [Up, Running, Connected]`, `2.any (Pseudo-device that
 * captures on all interfaces) [Up, Running]`, `4.ifb0 [none]`.
 *
 * @param index The 1-based number.
 * @param iface The interface.
 * @returns The line.
 *
 * @example Print loopback as tcpdump does
 * ```ts
 * import { interfaceLine } from "./live.ts";
 * import assert from "node:assert/strict";
 *
 * const lo = {
 *   name: "lo", addresses: [], loopback: true, up: true, running: true, wireless: false,
 *   connectionStatus: "not-applicable" as const, flags: 0x37,
 * };
 * assert.equal(interfaceLine(3, lo), "3.lo [Up, Running, Loopback]");
 * ```
 */
export function interfaceLine(index: number, iface: NetworkInterface): string {
  let line = `${index}.${iface.name}`;
  if (iface.description !== undefined) line += ` (${iface.description})`;
  const flags = iface.flags;
  if (flags === 0) return line;
  const names: string[] = [];
  if (flags & PcapIfFlag.UP) names.push("Up");
  if (flags & PcapIfFlag.RUNNING) names.push("Running");
  if (flags & PcapIfFlag.LOOPBACK) names.push("Loopback");
  if (flags & PcapIfFlag.WIRELESS) names.push("Wireless");
  let status = "";
  const wireless = (flags & PcapIfFlag.WIRELESS) !== 0;
  switch (flags & PcapIfFlag.CONNECTION_STATUS) {
    case PcapIfFlag.CONNECTION_STATUS_UNKNOWN:
      status = wireless ? ", Association status unknown" : ", Connection status unknown";
      break;
    case PcapIfFlag.CONNECTION_STATUS_CONNECTED:
      status = wireless ? ", Associated" : ", Connected";
      break;
    case PcapIfFlag.CONNECTION_STATUS_DISCONNECTED:
      status = wireless ? ", Not associated" : ", Disconnected";
      break;
  }
  return `${line} [${names.length === 0 ? "none" : names.join(", ")}${status}]`;
}
