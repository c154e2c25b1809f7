/**
 * The errors of wirekit's raw sockets. A failed libc call is the `cause` (an
 * {@linkcode ErrnoError} with errno, its name and the `strerror()` text).
 *
 * @module
 */

import type { ErrnoError } from "../../ffi/libc.ts";

/**
 * What went wrong, for callers that branch on it:
 * - `permission-denied`: the process may not open raw sockets (not root, no `CAP_NET_RAW`);
 * - `no-such-device`: the interface does not exist;
 * - `bad-filter`: the BPF program or filter expression was refused;
 * - `unavailable`: the kernel has no such socket family (not Linux, no AF_PACKET);
 * - `closed`: the socket was used after `close()`;
 * - `failed`: any other failed call.
 */
export type RawSocketErrorCode =
  | "permission-denied"
  | "no-such-device"
  | "bad-filter"
  | "unavailable"
  | "closed"
  | "failed";

/** The remedy for a raw socket refused for lack of privileges. */
export const RAW_PERMISSION_REMEDY: string = "run as root, or grant CAP_NET_RAW " +
  "(for example: sudo setcap cap_net_raw=eip $(command -v deno))";

/**
 * A raw socket operation failed. `code` says how; `errno` and `errnoName` come from the
 * failed libc call, which is the `cause`.
 *
 * @example Branch on the code
 * ```ts
 * import { RawSocketError } from "./errors.ts";
 * import assert from "node:assert/strict";
 *
 * const error = new RawSocketError("no-such-device", 'Cannot open raw socket on "nope0": no such interface');
 * assert.equal(error.code, "no-such-device");
 * assert.equal(error.errno, undefined);
 * ```
 */
export class RawSocketError extends Error {
  /** What went wrong. */
  readonly code: RawSocketErrorCode;
  /** errno of the failed call, when there was one. */
  readonly errno: number | undefined;
  /** errno's name, such as `EPERM`. */
  readonly errnoName: string | undefined;

  /**
   * Builds the error.
   *
   * @param code What went wrong.
   * @param message One sentence: what failed, why, and the remedy.
   * @param cause The failed libc call, when there was one.
   */
  constructor(code: RawSocketErrorCode, message: string, cause?: ErrnoError) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = "RawSocketError";
    this.code = code;
    this.errno = cause?.errno;
    this.errnoName = cause?.code;
  }
}
