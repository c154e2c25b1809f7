/**
 * Live capture through libpcap: `capture({ iface, filter })` opens an interface and reads
 * its packets with `for await`.
 *
 * @module
 */

import { PcapDirection, PcapPrecision, PcapStatus } from "../../ffi/libpcap.ts";
import { CaptureError, captureErrorCode, PERMISSION_REMEDY } from "./errors.ts";
import { compileWithHandle, NETMASK_UNKNOWN } from "./filter.ts";
import { PcapHandle, type ReadOptions } from "./handle.ts";
import { defaultInterface, listInterfaces } from "./interfaces.ts";
import { cString, errbuf, errbufText, handleError, lib, pointerAt, statusText } from "./_native.ts";

/** Which packets to capture by direction (`pcap_setdirection`). */
export type CaptureDirection = "inout" | "in" | "out";

/** Options of {@linkcode capture}. */
export interface CaptureOptions extends ReadOptions {
  /** The interface (default: the first libpcap lists, as tcpdump picks it). */
  iface?: string;
  /** A filter in tcpdump's syntax, such as `tcp port 80`. */
  filter?: string;
  /** Whether libpcap optimises the filter (default `true`). */
  optimize?: boolean;
  /** The most bytes captured of each packet (default 262144, all of it). */
  snapLength?: number;
  /** Promiscuous mode: also capture frames for other hosts (default `true`, as tcpdump). */
  promiscuous?: boolean;
  /**
   * Immediate mode: deliver each packet as soon as it arrives, instead of in blocks that
   * fill up or wait `bufferTimeout` (default `false`; blocks are cheaper under load).
   */
  immediate?: boolean;
  /** How long libpcap holds packets to deliver them in blocks, in ms (default 100). */
  bufferTimeout?: number;
  /**
   * The kernel capture buffer size in bytes (default libpcap's, 2 MiB; 16 MiB in immediate
   * mode, where every packet takes a frame of the snapshot length).
   */
  bufferSize?: number;
  /**
   * The timestamp precision: `nano` fails when the OS cannot; the default is nanoseconds
   * where available, else microseconds. Timestamps are bigint nanoseconds either way.
   */
  precision?: "nano" | "micro";
  /** Which directions to capture (default both). */
  direction?: CaptureDirection;
  /**
   * The data link type to capture with (`pcap_set_datalink`, tcpdump's `-y`), one of
   * {@linkcode LiveCapture.prototype.dataLinks}; default: the interface's first.
   */
  linkType?: number;
}

/** The default buffer size in immediate mode: 16 MiB. */
export const IMMEDIATE_BUFFER_SIZE = 16 << 20;

const directions: Record<CaptureDirection, number> = {
  inout: PcapDirection.INOUT,
  in: PcapDirection.IN,
  out: PcapDirection.OUT,
};

/**
 * A live capture on an interface, made by {@linkcode capture}. Iterate it once with
 * `for await` (records) or `batches()`; it closes when the iteration ends.
 */
export class LiveCapture extends PcapHandle {
  /** The interface name. */
  readonly iface: string;
  /** The filter expression it was opened with. */
  readonly filter: string | undefined;
  /**
   * Activation warnings (`PCAP_WARNING_*`): the capture runs, degraded; for example code
   * `promiscuous-not-supported`.
   */
  readonly warnings: readonly CaptureError[];
  #netmask: number;

  /**
   * Wraps an activated handle. Use {@linkcode capture}.
   *
   * @param handle The activated handle.
   * @param iface The interface.
   * @param options The options.
   * @param warnings The activation warnings.
   * @param netmask The interface's IPv4 netmask, for filters.
   */
  constructor(
    handle: Deno.PointerObject,
    iface: string,
    options: CaptureOptions,
    warnings: CaptureError[],
    netmask: number,
  ) {
    super({ handle, source: iface, live: true, options });
    this.iface = iface;
    this.filter = options.filter;
    this.warnings = warnings;
    this.#netmask = netmask;
  }

  /** The IPv4 netmask of the interface, for `ip broadcast` in filters. */
  protected override netmask(): number {
    return this.#netmask;
  }

  /**
   * The data link types the interface offers (`pcap_list_datalinks`), as `tcpdump -L`
   * lists them; any of them can be chosen with the `linkType` option of
   * {@linkcode capture}.
   *
   * @returns The `DLT_*` numbers, in libpcap's order.
   *
   * @example List the link types of loopback
   * ```ts ignore
   * import { capture } from "./live.ts";
   *
   * using live = capture({ iface: "lo" });
   * console.log(live.dataLinks()); // [1]
   * ```
   */
  dataLinks(): number[] {
    const symbols = lib().symbols;
    const out = new BigUint64Array(1);
    const count = symbols.pcap_list_datalinks(this.handle, out);
    if (count < 0) {
      throw new CaptureError(
        "error",
        `Cannot list the data link types of ${this.iface}: ${handleError(this.handle)}`,
        { source: this.iface },
      );
    }
    const pointer = pointerAt(out[0]);
    if (pointer === null) return [];
    try {
      const view = new Deno.UnsafePointerView(pointer);
      return Array.from({ length: count }, (_, i) => view.getInt32(i * 4));
    } finally {
      symbols.pcap_free_datalinks(pointer);
    }
  }

  /**
   * Sends a raw frame out of the interface (`pcap_inject`); it starts with the link-layer
   * header (an Ethernet header on Ethernet and veth interfaces).
   *
   * @param frame The frame.
   * @returns How many bytes were sent.
   * @throws {CaptureError} With code `inject-failed` and the OS's reason.
   */
  inject(frame: Uint8Array): number {
    const handle = this.handle;
    const sent = lib().symbols.pcap_inject(handle, frame, BigInt(frame.length));
    if (sent < 0) {
      throw new CaptureError(
        "inject-failed",
        `Cannot inject a ${frame.length}-byte frame on ${this.iface}: ${handleError(handle)}`,
        { source: this.iface, status: sent },
      );
    }
    return sent;
  }
}

function interfaceNames(): string {
  try {
    return listInterfaces().map((iface) => iface.name).join(", ");
  } catch {
    return "(cannot list them)";
  }
}

function activationError(iface: string, status: number, detail: string): CaptureError {
  const code = captureErrorCode(status);
  const libpcap = detail === "" ? "" : ` (libpcap: ${detail})`;
  let message: string;
  switch (code) {
    case "no-such-device":
      message = `Cannot capture on ${iface}: no such device${libpcap}; ` +
        `interfaces: ${interfaceNames()}`;
      break;
    case "permission-denied":
      message = `Cannot capture on ${iface}: permission denied${libpcap}: ${PERMISSION_REMEDY}`;
      break;
    case "promiscuous-permission-denied":
      message = `Cannot capture on ${iface} in promiscuous mode: permission denied${libpcap}: ` +
        `${PERMISSION_REMEDY}, or pass promiscuous: false`;
      break;
    case "interface-not-up":
      message = `Cannot capture on ${iface}: the interface is down${libpcap}: ` +
        `bring it up (ip link set ${iface} up)`;
      break;
    default:
      message = `Cannot capture on ${iface}: ${statusText(status)}${libpcap}`;
  }
  return new CaptureError(code, message, { status, source: iface });
}

function lookupNetmask(iface: string): number {
  const net = new Uint32Array(1);
  const mask = new Uint32Array(1);
  const ok = lib().symbols.pcap_lookupnet(cString(iface), net, mask, errbuf()) === 0;
  return ok ? mask[0]! : NETMASK_UNKNOWN;
}

function check(iface: string, what: string, status: number): void {
  if (status === 0) return;
  throw new CaptureError(
    captureErrorCode(status),
    `Cannot set ${what} on ${iface}: ${statusText(status)}`,
    { status, source: iface },
  );
}

/**
 * Opens an interface for live capture (`pcap_create`, the options, `pcap_activate`, the
 * filter) and returns the capture, ready to iterate. Needs `--allow-ffi`, and root or
 * `CAP_NET_RAW` and `CAP_NET_ADMIN`.
 *
 * Each packet is copied out of libpcap's buffer, so records stay valid; timestamps are
 * bigint nanoseconds. Reading never blocks Deno's event loop, and stops promptly on `count`,
 * `timeout`, `signal`, `break`, `stop()` or `await using`, even when no packet arrives.
 *
 * @param options The interface, filter, capture options, and when to stop.
 * @returns The capture.
 * @throws {CaptureError} With code `no-such-device`, `permission-denied` (the message says
 * how to grant it), `bad-filter` (libpcap's message), `interface-not-up`...
 * @throws {LibpcapNotFoundError} When libpcap is not installed.
 * @throws {Deno.errors.NotCapable} Without `--allow-ffi`.
 *
 * @example Print the TCP packets to port 80
 * ```ts ignore
 * import { capture } from "./live.ts";
 * import { decode } from "../decode.ts";
 *
 * for await (const packet of capture({ iface: "eth0", filter: "tcp port 80", count: 10 })) {
 *   console.log(packet.timestamp, decode(packet.linkType, packet.data).layer("tcp"));
 * }
 * ```
 */
export function capture(options: CaptureOptions = {}): LiveCapture {
  const symbols = lib().symbols;
  const iface = options.iface ?? defaultInterface();
  const error = errbuf();
  const handle = symbols.pcap_create(cString(iface), error);
  if (handle === null) {
    throw new CaptureError("error", `Cannot capture on ${iface}: ${errbufText(error)}`, {
      source: iface,
    });
  }
  try {
    check(
      iface,
      "snapshot length",
      symbols.pcap_set_snaplen(handle, options.snapLength ?? 262144),
    );
    check(
      iface,
      "promiscuous mode",
      symbols.pcap_set_promisc(handle, options.promiscuous ?? true ? 1 : 0),
    );
    check(
      iface,
      "buffer timeout",
      symbols.pcap_set_timeout(handle, options.bufferTimeout ?? 100),
    );
    if (options.immediate === true) {
      const immediate = symbols.pcap_set_immediate_mode;
      if (immediate === null) {
        throw new CaptureError(
          "error",
          `Cannot set immediate mode on ${iface}: libpcap is older than 1.5`,
        );
      }
      check(iface, "immediate mode", immediate(handle, 1));
    }
    // In immediate mode each packet takes a whole ring frame sized for the snapshot length,
    // so libpcap's 2 MiB default holds only a few (loopback packets count twice): use more.
    const bufferSize = options.bufferSize ??
      (options.immediate === true ? IMMEDIATE_BUFFER_SIZE : undefined);
    if (bufferSize !== undefined) {
      check(iface, "buffer size", symbols.pcap_set_buffer_size(handle, bufferSize));
    }
    if (options.precision !== "micro") {
      const status = symbols.pcap_set_tstamp_precision?.(handle, PcapPrecision.NANO) ??
        PcapStatus.ERROR_TSTAMP_PRECISION_NOTSUP;
      if (status !== 0 && options.precision === "nano") {
        throw new CaptureError(
          "timestamp-precision-not-supported",
          `Cannot capture on ${iface} with nanosecond timestamps: ${statusText(status)}`,
          { status, source: iface },
        );
      }
    }
    const status = symbols.pcap_activate(handle);
    if (status < 0) throw activationError(iface, status, handleError(handle));
    const warnings: CaptureError[] = [];
    if (status > 0) {
      const detail = handleError(handle);
      warnings.push(
        new CaptureError(
          captureErrorCode(status),
          `Capture on ${iface} degraded: ${statusText(status)}${
            detail === "" ? "" : ` (${detail})`
          }`,
          { status, source: iface },
        ),
      );
    }
    if (options.linkType !== undefined) {
      if (symbols.pcap_set_datalink(handle, options.linkType) !== 0) {
        throw new CaptureError(
          "error",
          `Cannot set link type ${options.linkType} on ${iface}: ${handleError(handle)}`,
          { source: iface },
        );
      }
    }
    if (options.direction !== undefined && options.direction !== "inout") {
      if (symbols.pcap_setdirection(handle, directions[options.direction]) !== 0) {
        throw new CaptureError(
          "error",
          `Cannot capture only "${options.direction}" packets on ${iface}: ${handleError(handle)}`,
          { source: iface },
        );
      }
    }
    const netmask = lookupNetmask(iface);
    if (options.filter !== undefined) {
      const program = compileWithHandle(handle, options.filter, {
        optimize: options.optimize ?? true,
        netmask,
        source: iface,
      });
      try {
        if (symbols.pcap_setfilter(handle, program.native) !== 0) {
          throw new CaptureError(
            "bad-filter",
            `Cannot set filter "${options.filter}" on ${iface}: ${handleError(handle)}`,
            { source: iface },
          );
        }
      } finally {
        program.close();
      }
    }
    return new LiveCapture(handle, iface, options, warnings, netmask);
  } catch (error) {
    symbols.pcap_close(handle);
    throw error;
  }
}
