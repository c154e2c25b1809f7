/**
 * NFS procedure numbers and the XDR readers of file handles and names that NFS calls and
 * replies share. Private to `lib/app/`; exported through `nfs.ts`.
 *
 * @module
 */

import { XdrCursor, type XdrOpaque } from "./_xdr.ts";
import { type NfsHandleInfo, nfsHandleInfo } from "./_nfs_fh.ts";

/** NFS procedures, by their NFSv3 numbers (tcpdump maps NFSv2's onto them). */
export const NfsProcedure = {
  NULL: 0,
  GETATTR: 1,
  SETATTR: 2,
  LOOKUP: 3,
  ACCESS: 4,
  READLINK: 5,
  READ: 6,
  WRITE: 7,
  CREATE: 8,
  MKDIR: 9,
  SYMLINK: 10,
  MKNOD: 11,
  REMOVE: 12,
  RMDIR: 13,
  RENAME: 14,
  LINK: 15,
  READDIR: 16,
  READDIRPLUS: 17,
  FSSTAT: 18,
  FSINFO: 19,
  PATHCONF: 20,
  COMMIT: 21,
  NOOP: 25,
} as const;

const P = NfsProcedure;

/** NFSv2 procedure numbers, in NFSv3 numbers. */
const V2_PROCEDURES = [
  P.NULL,
  P.GETATTR,
  P.SETATTR,
  P.NOOP,
  P.LOOKUP,
  P.READLINK,
  P.READ,
  P.NOOP,
  P.WRITE,
  P.CREATE,
  P.REMOVE,
  P.RENAME,
  P.LINK,
  P.SYMLINK,
  P.MKDIR,
  P.RMDIR,
  P.READDIR,
  P.FSSTAT,
];

/**
 * The NFSv3 number of a call's procedure, as tcpdump maps it.
 *
 * @param procedure The RPC procedure number.
 * @param version The RPC program version.
 * @returns The procedure, in {@linkcode NfsProcedure} numbers.
 */
export function nfsProcedure(procedure: number, version: number): number {
  if (version === 3 || procedure >= 26) return procedure;
  return V2_PROCEDURES[procedure] ?? P.NOOP;
}

/** A file handle: its bytes and what they say of the file system and file. */
export interface NfsFileHandle extends XdrOpaque {
  /** Its layout, as tcpdump guesses it. */
  readonly info: NfsHandleInfo;
}

/** Reads a file handle (NFSv3: length-prefixed; NFSv2: 32 bytes). */
export function readHandle(c: XdrCursor, v3: boolean): NfsFileHandle | undefined {
  const start = c.at;
  let words = 8;
  if (v3) {
    const length = c.u32();
    if (length === undefined) return undefined;
    words = Math.floor(length / 4);
  }
  const offset = c.at;
  if (!c.skip(words * 4)) {
    c.at = start;
    return undefined;
  }
  return { offset, length: words * 4, info: nfsHandleInfo(c.data, offset, words) };
}

/** A file name or path: its bytes, or a length that cannot be padded. */
export interface NfsName extends XdrOpaque {
  /**
   * Whether the length (0xfffffffd or more) cannot be rounded up to 4 bytes in 32 bits:
   * nothing is read past it (tcpdump's parsefn() calls it invalid and stops).
   */
  readonly unpaddable: boolean;
}

/**
 * Reads a file name or path (length-prefixed, padded): `undefined` when the bytes ran out,
 * a name whose `unpaddable` is set (and the cursor past its length) when its length is
 * past padding.
 */
export function readName(c: XdrCursor): NfsName | undefined {
  const start = c.at;
  const length = c.u32();
  if (length === undefined) return undefined;
  const offset = c.at;
  if (length > 0xfffffffc) return { offset, length, unpaddable: true };
  if (!c.skip((length + 3) & ~3)) {
    c.at = start;
    return undefined;
  }
  return { offset, length, unpaddable: false };
}

/**
 * Whether a name was read whole, so that what follows it can be read.
 *
 * @param name What {@linkcode readName} returned.
 * @returns False when the bytes ran out or the length cannot be padded.
 */
export function wholeName(name: NfsName | undefined): boolean {
  return name !== undefined && !name.unpaddable;
}
