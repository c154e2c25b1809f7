/**
 * NFS reply results as tcpdump's interp_reply() writes them, from the results
 * {@linkcode readNfsReply} reads by the call's procedure. Private to `lib/print/`.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import {
  type Nfs,
  type NfsAttributes,
  NfsProcedure as P,
  type NfsReply,
  type NfsWcc,
  readNfsReply,
} from "../../app/nfs.ts";
import { truncated } from "../_truncation.ts";
import { hex8, printHandle, printName, PROCEDURE_NAMES, six, TYPE_NAMES } from "./_nfs_common.ts";

const STATUS_NAMES = new Map<number, string>([
  [1, "Operation not permitted"],
  [2, "No such file or directory"],
  [5, "Input/output error"],
  [6, "Device not configured"],
  [11, "Resource deadlock avoided"],
  [12, "Cannot allocate memory"],
  [13, "Permission denied"],
  [17, "File exists"],
  [18, "Cross-device link"],
  [19, "Operation not supported by device"],
  [20, "Not a directory"],
  [21, "Is a directory"],
  [22, "Invalid argument"],
  [26, "Text file busy"],
  [27, "File too large"],
  [28, "No space left on device"],
  [30, "Read-only file system"],
  [31, "Too many links"],
  [45, "Operation not supported"],
  [62, "Too many levels of symbolic links"],
  [63, "File name too long"],
  [66, "Directory not empty"],
  [69, "Disc quota exceeded"],
  [70, "Stale NFS file handle"],
  [71, "Too many levels of remote in path"],
  [99, "Write cache flushed to disk"],
  [10001, "Illegal NFS file handle"],
  [10002, "Update synchronization mismatch"],
  [10003, "READDIR/READDIRPLUS cookie is stale"],
  [10004, "Operation not supported"],
  [10005, "Buffer or request is too small"],
  [10006, "Unspecified error on server"],
  [10007, "Object of that type not supported"],
  [10008, "Request couldn't be completed in time"],
]);

const ACCEPT_NAMES = [
  "",
  "PROG_UNAVAIL",
  "PROG_MISMATCH",
  "PROC_UNAVAIL",
  "GARBAGE_ARGS",
  "SYSTEM_ERR",
];

/** Thrown inside to stop where tcpdump stops on bytes that were not captured. */
class Stop {}

/**
 * Prints a reply's results.
 *
 * @param ctx The print context.
 * @param nfs The reply.
 * @param procedure The call's RPC procedure.
 * @param version The call's program version.
 */
export function printNfsReply(
  ctx: PrintContext,
  nfs: Nfs,
  procedure: number,
  version: number,
): void {
  const r = readNfsReply(nfs, procedure, version);
  ctx.out.ascii(` ${PROCEDURE_NAMES.get(r.procedure) ?? `proc-${r.procedure}`}`);
  // After an NFS error, tcpdump prints no truncation mark.
  const state = { error: false };
  try {
    results(ctx, nfs, r, state);
  } catch (stop) {
    if (!(stop instanceof Stop)) throw stop;
    if (!state.error) truncated(ctx, "nfs");
  }
}

/** A field of the results, or a stop where the bytes ended before it. */
function need<T>(value: T | undefined): T {
  if (value === undefined) throw new Stop();
  return value;
}

function results(ctx: PrintContext, nfs: Nfs, r: NfsReply, state: { error: boolean }): void {
  const out = ctx.out;
  const v = ctx.verbose;
  const proc = r.procedure;
  if (proc === P.NULL || proc === P.NOOP || proc > P.COMMIT) return;
  const accept = need(r.acceptStatus);
  if (accept !== 0) {
    out.ascii(` ${ACCEPT_NAMES[accept] || `ar_stat ${accept}`}`);
    return;
  }
  // The NFS status, and its error.
  const status = (): boolean => {
    const s = need(r.status);
    if (s !== 0) {
      if (!ctx.quiet) out.ascii(` ERROR: ${STATUS_NAMES.get(s) ?? `unk ${s}`}`);
      state.error = true;
    }
    return s !== 0;
  };
  // Attributes: tcpdump prints what it reads of them (a post-operation attribute block
  // is skipped unread without -v), then stops where the bytes ran out.
  const attributes = (a: NfsAttributes | null | undefined, verbose: number, postOp = true) => {
    a = need(a);
    if (a !== null) printAttributes(ctx, a, verbose, postOp);
  };
  const wcc = (w: NfsWcc | undefined, verbose: number) => {
    w = need(w);
    if (verbose > 1) out.ascii(" PRE:");
    const before = need(w.before);
    if (before !== null && verbose > 1) {
      out.ascii(` sz ${before.size} mtime ${before.mtime[0]}.${six(before.mtime[1])}`);
      out.ascii(` ctime ${before.ctime[0]}.${six(before.ctime[1])}`);
    }
    if (verbose > 0) out.ascii(" POST:");
    attributes(w.after, verbose);
  };
  const v3 = r.v3;
  switch (proc) {
    case P.GETATTR:
      if (!status()) attributes(r.attributes, ctx.quiet ? 0 : 1, false);
      return;
    case P.SETATTR:
      if (v3) {
        status();
        wcc(r.wcc, v);
      } else if (!status()) attributes(r.attributes, ctx.quiet ? 0 : 1, false);
      return;
    case P.LOOKUP:
      if (!v3) {
        if (status()) return;
        printHandle(ctx, need(r.handle)!);
        attributes(r.attributes, v, false);
        return;
      }
      if (!status()) {
        printHandle(ctx, need(r.handle)!);
        attributes(r.attributes, v);
      }
      if (v > 1) {
        out.ascii(" post dattr:");
        attributes(r.directoryAttributes, v);
      }
      return;
    case P.ACCESS: {
      const failed = status();
      if (v > 0) out.ascii(" attr:");
      attributes(r.attributes, v);
      if (!failed) out.ascii(` c ${need(r.access).toString(16).padStart(4, "0")}`);
      return;
    }
    case P.READLINK:
      if (status()) return;
      if (v3) attributes(r.attributes, v);
      out.byte(0x20);
      if (!printName(ctx, nfs, need(r.name))) throw new Stop();
      return;
    case P.READ:
      if (!v3) {
        if (!status()) attributes(r.attributes, v, false);
        return;
      }
      {
        const failed = status();
        attributes(r.attributes, v);
        if (!failed && v > 0) {
          out.ascii(` ${need(r.count)} bytes`);
          if (need(r.eof)) out.ascii(" EOF");
        }
      }
      return;
    case P.WRITE:
      if (!v3) {
        if (!status()) attributes(r.attributes, v, false);
        return;
      }
      {
        const failed = status();
        wcc(r.wcc, v);
        if (!failed && v > 0) {
          out.ascii(` ${need(r.count)} bytes`);
          if (v > 1) {
            const mode = need(r.committed);
            out.ascii(` <${["unstable", "datasync", "filesync"][mode] ?? `#${mode | 0}`}>`);
            out.ascii(` verf ${need(r.writeVerifier).toString(16)}`);
          }
        }
      }
      return;
    case P.CREATE:
    case P.MKDIR:
    case P.SYMLINK:
    case P.MKNOD:
      if (!v3) {
        if (proc === P.SYMLINK || proc === P.MKNOD) return void status();
        if (status()) return;
        printHandle(ctx, need(r.handle)!);
        attributes(r.attributes, v, false);
        return;
      }
      if (status()) return wcc(r.wcc, v);
      if (need(r.handle) === null) return;
      printHandle(ctx, r.handle!);
      if (v > 0) {
        attributes(r.attributes, v);
        if (v > 1) {
          out.ascii(" dir attr:");
          wcc(r.wcc, v);
        }
      }
      return;
    case P.REMOVE:
    case P.RMDIR:
      status();
      if (v3) wcc(r.wcc, v);
      return;
    case P.COMMIT:
      status();
      wcc(r.wcc, v);
      if (v > 1) out.ascii(` verf ${need(r.writeVerifier).toString(16)}`);
      return;
    case P.RENAME:
      status();
      if (v3 && v > 0) {
        out.ascii(" from:");
        wcc(r.wcc, v);
        out.ascii(" to:");
        wcc(r.wcc2, v);
      }
      return;
    case P.LINK:
      status();
      if (v3 && v > 0) {
        out.ascii(" file POST:");
        attributes(r.attributes, v);
        out.ascii(" dir:");
        wcc(r.wcc, v);
      }
      return;
    case P.READDIR:
    case P.READDIRPLUS: {
      if (!v3) {
        if (status() || ctx.quiet) return;
        const w = need(r.readdir);
        out.ascii(` offset 0x${w[0]!.toString(16)} size ${w[1]} `);
        if (w[2] !== 0) out.ascii(" eof");
        return;
      }
      const failed = status();
      if (v > 0) out.ascii(" POST:");
      attributes(r.attributes, v);
      if (failed) return;
      if (v > 0) {
        const verifier = need(r.cookieVerifier);
        out.ascii(` verf ${hex8(verifier[0])}${hex8(verifier[1])}`);
      }
      return;
    }
    case P.FSSTAT: {
      const failed = status();
      if ((!v3 && failed) || ctx.quiet) return;
      if (v3) {
        if (v > 0) out.ascii(" POST:");
        attributes(r.attributes, v);
      }
      const s = need(r.statfs);
      if (v3) {
        out.ascii(` tbytes ${s[0]} fbytes ${s[1]} abytes ${s[2]}`);
        if (v > 0) out.ascii(` tfiles ${s[3]} ffiles ${s[4]} afiles ${s[5]} invar ${s[6]}`);
      } else {
        out.ascii(` tsize ${s[0]} bsize ${s[1]} blocks ${s[2]} bfree ${s[3]} bavail ${s[4]}`);
      }
      return;
    }
    case P.FSINFO: {
      const failed = status();
      if (v > 0) out.ascii(" POST:");
      attributes(r.attributes, v);
      if (failed) return;
      const f = need(r.fsinfo);
      out.ascii(` rtmax ${f[0]} rtpref ${f[1]} wtmax ${f[3]} wtpref ${f[4]} dtpref ${f[6]}`);
      if (v > 0) {
        out.ascii(` rtmult ${f[2]} wtmult ${f[5]} maxfsz ${r.maxFileSize}`);
        out.ascii(` delta ${f[7]}.${six(f[8]!)} `);
      }
      return;
    }
    case P.PATHCONF: {
      const failed = status();
      if (v > 0) out.ascii(" POST:");
      attributes(r.attributes, v);
      if (failed) return;
      const p = need(r.pathconf);
      out.ascii(` linkmax ${p[0]} namemax ${p[1]} ${p[2] ? "notrunc" : ""} `);
      out.ascii(`${p[3] ? "chownres" : ""} ${p[4] ? "igncase" : ""} ${p[5] ? "keepcase" : ""}`);
      return;
    }
  }
}

function printAttributes(
  ctx: PrintContext,
  a: NfsAttributes,
  verbose: number,
  postOp: boolean,
): void {
  const out = ctx.out;
  if (verbose === 0) {
    if (!postOp && a.captured < 20) throw new Stop();
    return;
  }
  if (a.captured < 20) throw new Stop();
  out.ascii(` ${TYPE_NAMES[a.type] ?? `unk-ft ${a.type} `} ${a.mode.toString(8)}`);
  out.ascii(` ids ${a.uid}/${a.gid}`);
  if (a.captured < (a.v3 ? 28 : 24)) throw new Stop();
  out.ascii(` sz ${a.size}`);
  if (verbose < 2) return;
  if (a.captured < (a.v3 ? 84 : 68)) throw new Stop();
  if (a.v3) {
    out.ascii(` nlink ${a.nlink} rdev ${a.rdev[0]}/${a.rdev[1]}`);
    out.ascii(` fsid ${a.fsid.toString(16)} fileid ${a.fileid.toString(16)} a/m/ctime`);
  } else {
    out.ascii(` nlink ${a.nlink} rdev 0x${a.rdev[0].toString(16)}`);
    out.ascii(` fsid 0x${a.fsid.toString(16)} nodeid 0x${a.fileid.toString(16)} a/m/ctime`);
  }
  out.ascii(` ${a.atime[0]}.${six(a.atime[1])} ${a.mtime[0]}.${six(a.mtime[1])}`);
  out.ascii(` ${a.ctime[0]}.${six(a.ctime[1])}`);
}
