/**
 * NFSv2/v3 reply results, read as tcpdump's interp_reply() reads them once it knows the
 * procedure of the call (from the call's transaction ID). Private to `lib/app/`; exported
 * through `nfs.ts`.
 *
 * @module
 */

import { hyper, XdrCursor } from "./_xdr.ts";
import type { Nfs } from "./nfs.ts";
import {
  type NfsFileHandle,
  type NfsName,
  NfsProcedure as P,
  nfsProcedure,
  readHandle,
  readName,
  wholeName,
} from "./_nfs_xdr.ts";

/** File attributes (`fattr` of NFSv2, `fattr3` of NFSv3). */
export interface NfsAttributes {
  /** Whether they are NFSv3 `fattr3` (else NFSv2 `fattr`). */
  readonly v3: boolean;
  /** The file type (`ftype`: 1 regular, 2 directory, 3 block or 4 character device...). */
  readonly type: number;
  /** The permission and mode bits. */
  readonly mode: number;
  /** The number of hard links. */
  readonly nlink: number;
  /** User and group IDs, signed as tcpdump shows them (-2 for nobody). */
  readonly uid: number;
  /** The group ID (see `uid`). */
  readonly gid: number;
  /** The file size in bytes. */
  readonly size: bigint;
  /** NFSv3: the two device numbers; NFSv2: the device number and 0. */
  readonly rdev: readonly [number, number];
  /** The file system ID. */
  readonly fsid: bigint;
  /** The file ID (inode number) within the file system. */
  readonly fileid: bigint;
  /** Seconds and nanoseconds (NFSv2: microseconds). */
  readonly atime: readonly [number, number];
  /** Modification time, as `atime`. */
  readonly mtime: readonly [number, number];
  /** Attribute change time, as `atime`. */
  readonly ctime: readonly [number, number];
  /**
   * How many of its bytes were captured (84 for NFSv3, 68 for NFSv2 when all were): the
   * fields past them read 0.
   */
  readonly captured: number;
}

/** The attributes before an operation (`wcc_attr`). */
export interface NfsWccAttributes {
  /** The file size in bytes. */
  readonly size: bigint;
  /** Modification time (seconds, nanoseconds). */
  readonly mtime: readonly [number, number];
  /** Attribute change time (seconds, nanoseconds). */
  readonly ctime: readonly [number, number];
}

/** Weak cache consistency data: attributes before and after (null when absent). */
export interface NfsWcc {
  /** The attributes before the operation (`pre_op_attr`). */
  before?: NfsWccAttributes | null | undefined;
  /** The attributes after the operation (`post_op_attr`). */
  after?: NfsAttributes | null | undefined;
}

/**
 * A reply's results as far as they were captured; a field left `undefined` was not
 * reached (then `truncated` is set), `null` attributes were absent from the reply.
 */
export interface NfsReply {
  /** The call's procedure ({@linkcode NfsProcedure}; NFSv2 numbers mapped). */
  readonly procedure: number;
  /** Whether the call was NFSv3. */
  readonly v3: boolean;
  /** The RPC accept status (0 success; tcpdump names the others). */
  acceptStatus?: number | undefined;
  /** The NFS status (0 OK). */
  status?: number | undefined;
  /** The object's attributes (NFSv2 `fattr`, NFSv3 post-operation attributes). */
  attributes?: NfsAttributes | null | undefined;
  /**
   * The handle of the object looked up or made (LOOKUP, CREATE, MKDIR, SYMLINK, MKNOD;
   * `null` when an NFSv3 reply left it out).
   */
  handle?: NfsFileHandle | null | undefined;
  /** LOOKUP's directory attributes. */
  directoryAttributes?: NfsAttributes | null | undefined;
  /** SETATTR, REMOVE, RMDIR, WRITE, COMMIT, CREATE's directory; RENAME's from; LINK's dir. */
  wcc?: NfsWcc | undefined;
  /** RENAME's to directory. */
  wcc2?: NfsWcc | undefined;
  /** READLINK's path. */
  name?: NfsName | undefined;
  /** ACCESS's granted permission bits. */
  access?: number | undefined;
  /** READ's or WRITE's byte count. */
  count?: number | undefined;
  /** Whether READ reached the end of the file. */
  eof?: boolean | undefined;
  /** WRITE's committed stability (0 unstable, 1 data sync, 2 file sync). */
  committed?: number | undefined;
  /** WRITE's or COMMIT's write verifier (`writeverf3`). */
  writeVerifier?: bigint | undefined;
  /** NFSv3 READDIR(PLUS)'s cookie verifier, as two words. */
  cookieVerifier?: readonly [number, number] | undefined;
  /**
   * FSINFO's rtmax, rtpref, rtmult, wtmax, wtpref, wtmult, dtpref and time_delta (seconds,
   * nanoseconds).
   */
  fsinfo?: readonly number[] | undefined;
  /** FSINFO's maximum file size. */
  maxFileSize?: bigint | undefined;
  /**
   * PATHCONF's linkmax, name_max, no_trunc, chown_restricted, case_insensitive and
   * case_preserving.
   */
  pathconf?: readonly number[] | undefined;
  /** FSSTAT's totals (NFSv3: six hypers and the invariance time; NFSv2: five words). */
  statfs?: readonly (number | bigint)[] | undefined;
  /** NFSv2 READDIR: the three words after the status that tcpdump shows (offset, size, eof). */
  readdir?: readonly number[] | undefined;
  /** The bytes ended before the results did. */
  truncated: boolean;
}

function signed(n: number): number {
  return n | 0;
}

/** Reads attributes, as many of their words as were captured (the rest 0). */
function readAttributes(c: XdrCursor, v3: boolean): NfsAttributes {
  const size = v3 ? 21 : 17;
  const start = c.at;
  const w: number[] = [];
  for (let i = 0; i < size; i++) w.push(c.u32() ?? 0);
  const captured = c.at - start;
  if (v3) {
    return {
      v3,
      type: w[0]!,
      mode: w[1]!,
      nlink: w[2]!,
      uid: signed(w[3]!),
      gid: signed(w[4]!),
      size: hyper(w, 5),
      rdev: [w[9]!, w[10]!],
      fsid: hyper(w, 11),
      fileid: hyper(w, 13),
      atime: [w[15]!, w[16]!],
      mtime: [w[17]!, w[18]!],
      ctime: [w[19]!, w[20]!],
      captured,
    };
  }
  return {
    v3,
    type: w[0]!,
    mode: w[1]!,
    nlink: w[2]!,
    uid: signed(w[3]!),
    gid: signed(w[4]!),
    size: BigInt(w[5]!),
    rdev: [w[7]!, 0],
    fsid: BigInt(w[9]!),
    fileid: BigInt(w[10]!),
    atime: [w[11]!, w[12]!],
    mtime: [w[13]!, w[14]!],
    ctime: [w[15]!, w[16]!],
    captured,
  };
}

function readPostOp(c: XdrCursor): NfsAttributes | null | undefined {
  const follows = c.u32();
  if (follows === undefined) return undefined;
  return follows === 0 ? null : readAttributes(c, true);
}

function readWcc(c: XdrCursor): NfsWcc | undefined {
  const wcc: NfsWcc = {};
  const follows = c.u32();
  if (follows === undefined) return wcc;
  if (follows === 0) wcc.before = null;
  else {
    const w = c.words(6);
    if (w === undefined) return wcc;
    wcc.before = { size: hyper(w, 0), mtime: [w[2]!, w[3]!], ctime: [w[4]!, w[5]!] };
  }
  wcc.after = readPostOp(c);
  return wcc;
}

/**
 * Reads a reply's results, given the procedure and version of the call it answers.
 *
 * @param nfs The reply.
 * @param procedure The call's RPC procedure number.
 * @param version The call's program version.
 * @returns The results, as far as they were captured.
 */
export function readNfsReply(nfs: Nfs, procedure: number, version: number): NfsReply {
  const v3 = version === 3;
  const proc = nfsProcedure(procedure, version);
  const r: NfsReply = { procedure: proc, v3, truncated: true };
  // The verifier after the reply status; tcpdump gives up when its length reaches the
  // message's.
  const c = new XdrCursor(nfs.data, nfs.messageOffset + 12, nfs.end);
  c.u32();
  const verifierLength = c.u32();
  if (verifierLength === undefined || verifierLength >= nfs.messageLength) return r;
  if (!c.skip((verifierLength + 3) & ~3)) return r;
  if ((r.acceptStatus = c.u32()) === undefined) return r;
  if (r.acceptStatus !== 0) return { ...r, truncated: false };
  if (proc === P.NULL || proc === P.NOOP || proc > P.COMMIT) return { ...r, truncated: false };
  if ((r.status = c.u32()) === undefined) return r;
  r.truncated = !readResults(c, r, proc, v3, r.status);
  return r;
}

function readResults(c: XdrCursor, r: NfsReply, proc: number, v3: boolean, status: number) {
  const ok = status === 0;
  switch (proc) {
    case P.GETATTR:
      return !ok || whole(r.attributes = readAttributes(c, v3));
    case P.SETATTR:
      if (!v3) return !ok || whole(r.attributes = readAttributes(c, false));
      return wcc(c, r, "wcc");
    case P.LOOKUP:
      if (!v3) return !ok || dirop(c, r);
      if (!ok) return whole(r.directoryAttributes = readPostOp(c));
      if ((r.handle = readHandle(c, true)) === undefined) return false;
      if (!whole(r.attributes = readPostOp(c))) return false;
      return whole(r.directoryAttributes = readPostOp(c));
    case P.ACCESS:
      if (!whole(r.attributes = readPostOp(c))) return false;
      return !ok || (r.access = c.u32()) !== undefined;
    case P.READLINK:
      if (!ok) return true;
      if (v3 && !whole(r.attributes = readPostOp(c))) return false;
      return wholeName(r.name = readName(c));
    case P.READ:
      if (!v3) return !ok || whole(r.attributes = readAttributes(c, false));
      if (!whole(r.attributes = readPostOp(c))) return false;
      if (!ok) return true;
      if ((r.count = c.u32()) === undefined) return false;
      {
        const eof = c.u32();
        if (eof === undefined) return false;
        r.eof = eof !== 0;
      }
      return true;
    case P.WRITE:
      if (!v3) return !ok || whole(r.attributes = readAttributes(c, false));
      if (!wcc(c, r, "wcc")) return false;
      if (!ok) return true;
      if ((r.count = c.u32()) === undefined) return false;
      if ((r.committed = c.u32()) === undefined) return false;
      return (r.writeVerifier = c.u64()) !== undefined;
    case P.CREATE:
    case P.MKDIR:
    case P.SYMLINK:
    case P.MKNOD:
      if (!v3) return !ok || proc === P.SYMLINK || proc === P.MKNOD || dirop(c, r);
      if (!ok) return wcc(c, r, "wcc");
      {
        const follows = c.u32();
        if (follows === undefined) return false;
        if (follows === 0) return (r.handle = null), true;
      }
      if ((r.handle = readHandle(c, true)) === undefined) return false;
      if (!whole(r.attributes = readPostOp(c))) return false;
      return wcc(c, r, "wcc");
    case P.REMOVE:
    case P.RMDIR:
    case P.COMMIT:
      if (!v3) return true;
      if (!wcc(c, r, "wcc")) return false;
      return proc !== P.COMMIT || !ok || (r.writeVerifier = c.u64()) !== undefined;
    case P.RENAME:
      if (!v3) return true;
      return wcc(c, r, "wcc") && wcc(c, r, "wcc2");
    case P.LINK:
      if (!v3) return true;
      if (!whole(r.attributes = readPostOp(c))) return false;
      return wcc(c, r, "wcc");
    case P.READDIR:
    case P.READDIRPLUS: {
      if (!v3) {
        if (!ok) return true;
        const w = c.words(3);
        if (w === undefined) return false;
        r.readdir = w;
        return true;
      }
      if (!whole(r.attributes = readPostOp(c))) return false;
      if (!ok) return true;
      const w = c.words(2);
      if (w === undefined) return false;
      r.cookieVerifier = [w[0]!, w[1]!];
      return true;
    }
    case P.FSSTAT: {
      if (!v3) {
        if (!ok) return true;
        const w = c.words(5);
        if (w === undefined) return false;
        r.statfs = w;
        return true;
      }
      if (!whole(r.attributes = readPostOp(c))) return false;
      const w = c.words(13);
      if (w === undefined) return false;
      r.statfs = [
        hyper(w, 0),
        hyper(w, 2),
        hyper(w, 4),
        hyper(w, 6),
        hyper(w, 8),
        hyper(w, 10),
        w[12]!,
      ];
      return true;
    }
    case P.FSINFO: {
      if (!whole(r.attributes = readPostOp(c))) return false;
      if (!ok) return true;
      const w = c.words(12);
      if (w === undefined) return false;
      r.fsinfo = [w[0]!, w[1]!, w[2]!, w[3]!, w[4]!, w[5]!, w[6]!, w[9]!, w[10]!];
      r.maxFileSize = hyper(w, 7);
      return true;
    }
    case P.PATHCONF: {
      if (!whole(r.attributes = readPostOp(c))) return false;
      if (!ok) return true;
      const w = c.words(6);
      if (w === undefined) return false;
      r.pathconf = w;
      return true;
    }
  }
  return true;
}

function wcc(c: XdrCursor, r: NfsReply, field: "wcc" | "wcc2"): boolean {
  const data = readWcc(c);
  if (data === undefined) return false;
  r[field] = data;
  return data.after !== undefined && whole(data.after);
}

/** NFSv2 `diropres`: a handle and attributes. */
function dirop(c: XdrCursor, r: NfsReply): boolean {
  if ((r.handle = readHandle(c, false)) === undefined) return false;
  return whole(r.attributes = readAttributes(c, false));
}

/** Whether attributes were captured whole (else the results stop after them). */
function whole(a: NfsAttributes | null | undefined): boolean {
  return a === null || (a !== undefined && a.captured === (a.v3 ? 84 : 68));
}
