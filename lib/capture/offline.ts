/**
 * Capture files read through libpcap (`pcap_open_offline`), so that the same filter syntax
 * and the same iteration work on files as on live captures.
 *
 * @module
 */

import { PcapPrecision } from "../../ffi/libpcap.ts";
import { CaptureError } from "./errors.ts";
import { compileWithHandle } from "./filter.ts";
import { PcapHandle, type ReadOptions } from "./handle.ts";
import { cString, errbuf, errbufText, handleError, lib } from "./_native.ts";

/** Options of {@linkcode openOffline}. */
export interface OfflineOptions extends ReadOptions {
  /** A filter in tcpdump's syntax: only the packets it accepts are read. */
  filter?: string;
  /** Whether libpcap optimises the filter (default `true`). */
  optimize?: boolean;
}

/** A capture file read through libpcap, made by {@linkcode openOffline}. */
export class OfflineCapture extends PcapHandle {
  /** The filter expression it was opened with. */
  readonly filter: string | undefined;

  /**
   * Wraps an offline handle. Use {@linkcode openOffline}.
   *
   * @param handle The handle.
   * @param path The file.
   * @param options The options.
   */
  constructor(handle: Deno.PointerObject, path: string, options: OfflineOptions) {
    super({ handle, source: path, live: false, options });
    this.filter = options.filter;
  }
}

/**
 * Opens a pcap or pcapng file with libpcap (`pcap_open_offline`), with nanosecond
 * timestamps where libpcap has them. The records are the same as a live capture's; for
 * reading files without libpcap, use `openCapture()`.
 *
 * @param path The file.
 * @param options A filter, and when to stop.
 * @returns The capture; it closes when its iteration ends.
 * @throws {Deno.errors.NotCapable} Without `--allow-read` for the file, or `--allow-ffi`.
 * @throws {CaptureError} When libpcap cannot open the file (message from libpcap), or the
 * filter does not compile (`bad-filter`).
 *
 * @example Count the DNS packets of a file
 * ```ts ignore
 * import { openOffline } from "./offline.ts";
 *
 * let dns = 0;
 * for await (const _ of openOffline("testdata/namespaces.pcap", { filter: "port 53" })) dns++;
 * ```
 */
export function openOffline(path: string, options: OfflineOptions = {}): OfflineCapture {
  if (Deno.permissions.querySync({ name: "read", path }).state !== "granted") {
    throw new Deno.errors.NotCapable(
      `Cannot open ${path} with libpcap: missing permission --allow-read`,
    );
  }
  const symbols = lib().symbols;
  const error = errbuf();
  const withPrecision = symbols.pcap_open_offline_with_tstamp_precision;
  const handle = withPrecision === null
    ? symbols.pcap_open_offline(cString(path), error)
    : withPrecision(cString(path), PcapPrecision.NANO, error);
  if (handle === null) {
    throw new CaptureError("error", `Cannot open ${path} with libpcap: ${errbufText(error)}`, {
      source: path,
    });
  }
  try {
    if (options.filter !== undefined) {
      const program = compileWithHandle(handle, options.filter, {
        optimize: options.optimize ?? true,
        source: path,
      });
      try {
        if (symbols.pcap_setfilter(handle, program.native) !== 0) {
          throw new CaptureError(
            "bad-filter",
            `Cannot set filter "${options.filter}" on ${path}: ${handleError(handle)}`,
            { source: path },
          );
        }
      } finally {
        program.close();
      }
    }
    return new OfflineCapture(handle, path, options);
  } catch (error) {
    symbols.pcap_close(handle);
    throw error;
  }
}
