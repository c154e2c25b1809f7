/**
 * Dropping root once a capture is open, as tcpdump's `-Z USER` (`droproot()`) does: the
 * user is looked up with `getpwnam()`, then `initgroups()`, `setgid()` and `setuid()` are
 * called through libc (glibc applies each to every thread of the process, Deno's worker
 * threads included), and the result is checked: the real and effective ids are the user's
 * and root cannot be regained. Files opened afterwards belong to the user.
 *
 * @module
 */

import { ErrnoError, libc } from "../../ffi/libc.ts";
import { Passwd } from "../../ffi/libc_structs.ts";

/**
 * What went wrong, as a stable string to test:
 *
 * - `unknown-user`: `getpwnam()` knows no such user.
 * - `not-root`: the process is not root, so it has no privileges to drop.
 * - `failed`: `initgroups()`, `setgid()` or `setuid()` failed (the `cause` is the
 *   `ErrnoError`), or the check afterwards found ids that are not the user's or found
 *   that root could be regained.
 */
export type PrivilegeErrorCode = "unknown-user" | "not-root" | "failed";

/**
 * Dropping privileges failed; the message is one line that names the user.
 *
 * @example Tell an unknown user apart
 * ```ts
 * import { PrivilegeError } from "./privileges.ts";
 * import assert from "node:assert/strict";
 *
 * const error = new PrivilegeError("unknown-user", "Cannot drop privileges to nobody2: no such user");
 * assert.equal(error.code, "unknown-user");
 * ```
 */
export class PrivilegeError extends Error {
  /** What went wrong; see {@linkcode PrivilegeErrorCode}. */
  readonly code: PrivilegeErrorCode;

  /**
   * Creates the error.
   *
   * @param code What went wrong.
   * @param message The message.
   * @param options The cause (an `ErrnoError`).
   */
  constructor(code: PrivilegeErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "PrivilegeError";
    this.code = code;
  }
}

/** The identity the process runs as after {@linkcode dropPrivileges}. */
export interface DroppedPrivileges {
  /** The user name. */
  readonly user: string;
  /** Its user id. */
  readonly uid: number;
  /** Its primary group id. */
  readonly gid: number;
  /** The supplementary groups, from `getgroups()`. */
  readonly groups: readonly number[];
}

const encoder = new TextEncoder();

/** The groups of the process, from `getgroups()`. */
function currentGroups(): number[] {
  const c = libc();
  const count = c.getgroups(0, new Uint8Array(0));
  if (count < 0) throw ErrnoError.last("getgroups");
  const list = new Uint32Array(Math.max(count, 1));
  const filled = c.getgroups(count, new Uint8Array(list.buffer));
  if (filled < 0) throw ErrnoError.last("getgroups");
  return [...list.subarray(0, filled)];
}

/**
 * Drops root for good: looks the user up by name (`getpwnam()`), sets the supplementary
 * groups to the user's (`initgroups()`), then the group and user ids (`setgid()`,
 * `setuid()`), and checks that `getuid()`, `geteuid()`, `getgid()` and `getegid()` give the
 * user's ids and that `setuid(0)` (and `setgid(0)`, unless the user's group is 0) now fail.
 * Call it after the capture handle or raw socket is open: those keep working, anything
 * opened later is opened as the user. Needs `--allow-ffi` and root.
 *
 * @param user The user name, as `tcpdump -Z` takes it.
 * @returns The user, its ids and groups.
 * @throws {PrivilegeError} `unknown-user`, `not-root` or `failed`.
 *
 * @example Capture as root, then go on as `nobody`
 * ```ts ignore
 * import { capture, dropPrivileges } from "./mod.ts";
 *
 * await using live = capture({ iface: "eth0" });
 * dropPrivileges("nobody");
 * for await (const packet of live) console.log(packet.originalLength);
 * ```
 */
export function dropPrivileges(user: string): DroppedPrivileges {
  const c = libc();
  const name = encoder.encode(user + "\0");
  const entry = c.getpwnam(name);
  if (entry === null) {
    throw new PrivilegeError("unknown-user", `Cannot drop privileges to ${user}: no such user`);
  }
  const view = new Deno.UnsafePointerView(entry);
  const uid = view.getUint32(Passwd.uid);
  const gid = view.getUint32(Passwd.gid);
  if (c.getuid() !== 0 && c.geteuid() !== 0) {
    throw new PrivilegeError(
      "not-root",
      `Cannot drop privileges to ${user}: not running as root`,
    );
  }
  const fail = (what: string, cause?: ErrnoError): never => {
    throw new PrivilegeError(
      "failed",
      `Cannot drop privileges to ${user} (uid ${uid}, gid ${gid}): ${what}`,
      cause === undefined ? undefined : { cause },
    );
  };
  const call = (result: number, syscall: string) => {
    if (result !== 0) {
      const error = ErrnoError.last(syscall);
      fail(error.message, error);
    }
  };
  call(c.initgroups(name, gid), "initgroups");
  call(c.setgid(gid), "setgid");
  call(c.setuid(uid), "setuid");
  const ids = [c.getuid(), c.geteuid(), c.getgid(), c.getegid()];
  if (ids[0] !== uid || ids[1] !== uid || ids[2] !== gid || ids[3] !== gid) {
    fail(`the process runs as uid ${ids[0]}/${ids[1]}, gid ${ids[2]}/${ids[3]} instead`);
  }
  if (uid !== 0 && c.setuid(0) === 0) fail("root could be regained with setuid(0)");
  if (gid !== 0 && c.setgid(0) === 0) fail("group 0 could be regained with setgid(0)");
  return { user, uid, gid, groups: currentGroups() };
}
