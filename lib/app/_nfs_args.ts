/**
 * The arguments of NFSv2/v3 calls, read as tcpdump's nfsreq_noaddr_print() reads them.
 * Private to `lib/app/`; exported through `nfs.ts`.
 *
 * @module
 */

import { hyper, type XdrCursor } from "./_xdr.ts";
import {
  type NfsFileHandle,
  type NfsName,
  NfsProcedure as P,
  readHandle,
  readName,
  wholeName,
} from "./_nfs_xdr.ts";

/** The settable attributes of NFSv3 (`sattr3`): each `undefined` when not set. */
export interface NfsSetAttributes {
  /** The permission and mode bits. */
  readonly mode?: number;
  /** The owner's user ID. */
  readonly uid?: number;
  /** The owner's group ID. */
  readonly gid?: number;
  /** The file size to set, in bytes (truncates or extends). */
  readonly size?: bigint;
  /** Access time (seconds, nanoseconds), when set to a client time. */
  readonly atime?: readonly [number, number];
  /** Modification time, when set to a client time. */
  readonly mtime?: readonly [number, number];
}

/**
 * A call's arguments, as far as they were captured: the fields of its procedure, in the
 * order read (`undefined` past the end of the bytes, then `truncated` is set).
 */
export interface NfsCallArguments {
  /** The procedure ({@linkcode NfsProcedure}; NFSv2 numbers mapped). */
  readonly procedure: number;
  /** Whether the call is NFSv3. */
  readonly v3: boolean;
  /** The file (or, with `name`, directory) handle that every call starts with. */
  handle?: NfsFileHandle | undefined;
  /**
   * The file name in `handle`'s directory (LOOKUP, CREATE, MKDIR, REMOVE, RMDIR, SYMLINK,
   * MKNOD; RENAME's from).
   */
  name?: NfsName | undefined;
  /** The second handle and name of RENAME and LINK. */
  handle2?: NfsFileHandle | undefined;
  /** The name in `handle2`'s directory (RENAME's to, LINK's new name). */
  name2?: NfsName | undefined;
  /** SYMLINK's target. */
  target?: NfsName | undefined;
  /** The attributes to set (NFSv3 SYMLINK, MKNOD). */
  attributes?: NfsSetAttributes | undefined;
  /** ACCESS's requested bits (read 1, lookup 2, modify 4, extend 8, delete 16, execute 32). */
  access?: number | undefined;
  /** READ, WRITE, COMMIT offset; READDIR cookie. */
  offset?: bigint | undefined;
  /** NFSv2 WRITE's begin offset. */
  beginOffset?: number | undefined;
  /**
   * READ, WRITE, COMMIT byte count; READDIR's maximum reply size; READDIRPLUS's
   * directory information size (`dircount`).
   */
  count?: number | undefined;
  /** NFSv2 WRITE's total count. */
  totalCount?: number | undefined;
  /** NFSv3 WRITE's stability (0 unstable, 1 data sync, 2 file sync). */
  stable?: number | undefined;
  /** WRITE's data length. */
  dataLength?: number | undefined;
  /** READDIR(PLUS)'s cookie verifier, as two words. */
  verifier?: readonly [number, number] | undefined;
  /** READDIRPLUS's maximum reply size. */
  maxCount?: number | undefined;
  /** MKNOD's file type. */
  fileType?: number | undefined;
  /** MKNOD's device numbers (for character and block devices). */
  device?: readonly [number, number] | undefined;
  /** The bytes ended before the arguments did. */
  truncated: boolean;
  /**
   * The credentials or verifier ended past the bytes, where tcpdump reads a word with a
   * `GET_` macro (its cut dumps the whole frame with -x/-X), not where it checks a length.
   */
  readCut?: boolean;
}

/** Reads an NFSv3 `sattr3`. */
function readSetAttributes(c: XdrCursor): NfsSetAttributes | undefined {
  const a: {
    mode?: number;
    uid?: number;
    gid?: number;
    size?: bigint;
    atime?: [number, number];
    mtime?: [number, number];
  } = {};
  for (const field of ["mode", "uid", "gid"] as const) {
    const set = c.u32();
    if (set === undefined) return undefined;
    if (set !== 0) {
      const value = c.u32();
      if (value === undefined) return undefined;
      a[field] = value;
    }
  }
  const sizeSet = c.u32();
  if (sizeSet === undefined) return undefined;
  if (sizeSet !== 0) {
    const size = c.u64();
    if (size === undefined) return undefined;
    a.size = size;
  }
  for (const field of ["atime", "mtime"] as const) {
    const how = c.u32();
    if (how === undefined) return undefined;
    if (how === 2) {
      const seconds = c.u32();
      const nanoseconds = c.u32();
      if (nanoseconds === undefined || seconds === undefined) return undefined;
      a[field] = [seconds, nanoseconds];
    }
  }
  return a;
}

/** Reads a procedure's arguments into `a`; false when the bytes ran out. */
export function readArguments(
  c: XdrCursor,
  a: NfsCallArguments,
  procedure: number,
  v3: boolean,
): boolean {
  const handle = readHandle(c, v3);
  if (handle === undefined) return false;
  a.handle = handle;
  switch (procedure) {
    case P.GETATTR:
    case P.SETATTR:
    case P.READLINK:
    case P.FSSTAT:
    case P.FSINFO:
    case P.PATHCONF:
      return true;
    case P.LOOKUP:
    case P.CREATE:
    case P.MKDIR:
    case P.REMOVE:
    case P.RMDIR:
      return wholeName(a.name = readName(c));
    case P.ACCESS:
      return (a.access = c.u32()) !== undefined;
    case P.READ: {
      const w = c.words(v3 ? 3 : 2);
      if (w === undefined) return false;
      a.offset = v3 ? hyper(w, 0) : BigInt(w[0]!);
      a.count = w[v3 ? 2 : 1]!;
      return true;
    }
    case P.WRITE: {
      const w = c.words(v3 ? 5 : 4);
      if (w === undefined) return false;
      if (v3) {
        a.offset = hyper(w, 0);
        a.count = w[2]!;
        a.stable = w[3]!;
        a.dataLength = w[4]!;
      } else {
        a.beginOffset = w[0]!;
        a.offset = BigInt(w[1]!);
        a.totalCount = w[2]!;
        a.dataLength = w[3]!;
      }
      return true;
    }
    case P.SYMLINK: {
      if (!wholeName(a.name = readName(c))) return false;
      if (v3 && (a.attributes = readSetAttributes(c)) === undefined) return false;
      return wholeName(a.target = readName(c));
    }
    case P.MKNOD: {
      if (!wholeName(a.name = readName(c))) return false;
      if ((a.fileType = c.u32()) === undefined) return false;
      if ((a.attributes = readSetAttributes(c)) === undefined) return false;
      if (a.fileType === 3 || a.fileType === 4) {
        const w = c.words(2);
        if (w === undefined) return false;
        a.device = [w[0]!, w[1]!];
      }
      return true;
    }
    case P.RENAME:
      if (!wholeName(a.name = readName(c))) return false;
      if ((a.handle2 = readHandle(c, v3)) === undefined) return false;
      return wholeName(a.name2 = readName(c));
    case P.LINK:
      if ((a.handle2 = readHandle(c, v3)) === undefined) return false;
      return wholeName(a.name2 = readName(c));
    case P.READDIR: {
      const w = c.words(v3 ? 5 : 2);
      if (w === undefined) return false;
      a.offset = v3 ? hyper(w, 0) : BigInt(w[0]!);
      if (v3) a.verifier = [w[2]!, w[3]!];
      a.count = w[v3 ? 4 : 1]!;
      return true;
    }
    case P.READDIRPLUS: {
      const w = c.words(6);
      if (w === undefined) return false;
      a.offset = hyper(w, 0);
      a.verifier = [w[2]!, w[3]!];
      a.count = w[4]!;
      a.maxCount = w[5]!;
      return true;
    }
    case P.COMMIT: {
      const w = c.words(3);
      if (w === undefined) return false;
      a.offset = hyper(w, 0);
      a.count = w[2]!;
      return true;
    }
  }
  return true;
}
