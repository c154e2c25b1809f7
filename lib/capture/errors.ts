/**
 * The errors of live capture and of libpcap: one class, told apart by `code`.
 *
 * @module
 */

import { PcapStatus } from "../../ffi/libpcap.ts";

/**
 * What went wrong, as a stable string to test:
 *
 * - `no-such-device`: the interface does not exist.
 * - `permission-denied`: capturing needs root or `CAP_NET_RAW` and `CAP_NET_ADMIN`.
 * - `promiscuous-permission-denied`: capturing works but promiscuous mode needs more rights.
 * - `promiscuous-not-supported`: a warning; the capture runs without promiscuous mode.
 * - `timestamp-type-not-supported`: a warning; the default timestamp type is used.
 * - `interface-not-up`: the interface is down.
 * - `monitor-mode-not-supported`, `not-monitor-mode`: 802.11 monitor mode problems.
 * - `timestamp-precision-not-supported`: nanosecond timestamps were required but refused.
 * - `capture-not-supported`: the device cannot capture.
 * - `bad-filter`: the filter does not compile; the message is libpcap's.
 * - `inject-failed`: a frame could not be sent.
 * - `closed`: the handle is closed.
 * - `error`: any other libpcap failure; the message is libpcap's.
 */
export type CaptureErrorCode =
  | "no-such-device"
  | "permission-denied"
  | "promiscuous-permission-denied"
  | "promiscuous-not-supported"
  | "timestamp-type-not-supported"
  | "interface-not-up"
  | "monitor-mode-not-supported"
  | "not-monitor-mode"
  | "timestamp-precision-not-supported"
  | "capture-not-supported"
  | "bad-filter"
  | "inject-failed"
  | "closed"
  | "error";

/** Options of {@linkcode CaptureError}. */
export interface CaptureErrorOptions extends ErrorOptions {
  /** The libpcap status code (`PCAP_ERROR_*`, `PCAP_WARNING_*`), when there is one. */
  status?: number;
  /** The interface or file concerned. */
  source?: string;
}

/**
 * A capture failed (or, for warnings, was degraded). The `code` says what happened, the
 * message says it in words with libpcap's own text and, where there is one, the remedy.
 *
 * @example Tell an unknown interface apart
 * ```ts
 * import { CaptureError } from "./errors.ts";
 * import assert from "node:assert/strict";
 *
 * const error = new CaptureError("no-such-device", "Cannot capture on nope0: no such device");
 * assert.equal(error.code, "no-such-device");
 * assert.ok(error instanceof Error);
 * ```
 */
export class CaptureError extends Error {
  /** What went wrong; see {@linkcode CaptureErrorCode}. */
  readonly code: CaptureErrorCode;
  /** The libpcap status code, when there is one. */
  readonly status: number | undefined;
  /** The interface or file concerned, when known. */
  readonly source: string | undefined;

  /**
   * Creates the error.
   *
   * @param code What went wrong.
   * @param message The message.
   * @param options The libpcap status, the interface or file, the cause.
   */
  constructor(code: CaptureErrorCode, message: string, options: CaptureErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "CaptureError";
    this.code = code;
    this.status = options.status;
    this.source = options.source;
  }
}

/** The remedy for a capture refused for lack of privileges. */
export const PERMISSION_REMEDY: string = "run as root, or grant CAP_NET_RAW and CAP_NET_ADMIN " +
  "(for example: sudo setcap cap_net_raw,cap_net_admin=eip $(command -v deno))";

/**
 * Maps a libpcap status code to a {@linkcode CaptureErrorCode}.
 *
 * @param status A `PCAP_ERROR_*` or `PCAP_WARNING_*` value.
 * @returns The code (`error` for codes without a specific meaning).
 *
 * @example Map a status
 * ```ts
 * import { captureErrorCode } from "./errors.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(captureErrorCode(-8), "permission-denied");
 * assert.equal(captureErrorCode(-5), "no-such-device");
 * ```
 */
export function captureErrorCode(status: number): CaptureErrorCode {
  switch (status) {
    case PcapStatus.ERROR_NO_SUCH_DEVICE:
      return "no-such-device";
    case PcapStatus.ERROR_PERM_DENIED:
      return "permission-denied";
    case PcapStatus.ERROR_PROMISC_PERM_DENIED:
      return "promiscuous-permission-denied";
    case PcapStatus.WARNING_PROMISC_NOTSUP:
      return "promiscuous-not-supported";
    case PcapStatus.WARNING_TSTAMP_TYPE_NOTSUP:
    case PcapStatus.ERROR_CANTSET_TSTAMP_TYPE:
      return "timestamp-type-not-supported";
    case PcapStatus.ERROR_IFACE_NOT_UP:
      return "interface-not-up";
    case PcapStatus.ERROR_RFMON_NOTSUP:
      return "monitor-mode-not-supported";
    case PcapStatus.ERROR_NOT_RFMON:
      return "not-monitor-mode";
    case PcapStatus.ERROR_TSTAMP_PRECISION_NOTSUP:
      return "timestamp-precision-not-supported";
    case PcapStatus.ERROR_CAPTURE_NOTSUP:
      return "capture-not-supported";
    default:
      return "error";
  }
}
