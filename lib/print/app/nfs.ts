/**
 * NFS as tcpdump's udp_print()/tcp_print() and print-nfs.c write it: `NFS request xid N
 * LEN proc args` for a call to port 2049, `NFS reply xid N reply ok LEN proc results` for
 * a reply from it (the results read by the procedure of the call, which the context
 * remembers by transaction ID).
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import {
  type Nfs,
  type NfsCallArguments,
  type NfsName,
  NfsProcedure as P,
  type NfsSetAttributes,
} from "../../app/nfs.ts";
import { truncated, truncatedRead } from "../_truncation.ts";
import { printNfsReply } from "./_nfs_reply.ts";
import {
  addressKeys,
  hex8,
  printHandle,
  printName,
  PROCEDURE_NAMES,
  six,
  TYPE_NAMES,
} from "./_nfs_common.ts";

const WRITE_MODES = ["unstable", "datasync", "filesync"];

/**
 * Prints an RPC message on NFS's port.
 *
 * @param ctx The print context.
 * @param nfs The layer.
 */
export function printNfs(ctx: PrintContext, nfs: Nfs): void {
  const out = ctx.out;
  ctx.done = true;
  const tcp = nfs.recordMarked;
  if (!nfs.nfsMessage) {
    // Not a call to the NFS port nor a reply from it: tcpdump prints UDP's fallback.
    if (!tcp) out.ascii(`UDP, length ${nfs.messageLength}`);
    return;
  }
  // The length that tcpdump hands over: the fragment length or the UDP length, bounded
  // by the IP packet's (a first fragment's).
  let length = nfs.messageLength;
  if (ctx.network) {
    length = tcp
      ? Math.min(nfs.fragmentLength, ctx.ipEnd - nfs.offset - 4)
      : Math.min(length, ctx.ipEnd - nfs.offset);
  }
  if (tcp) out.ascii(": ");
  out.ascii(nfs.direction === 0 ? "NFS request xid " : "NFS reply xid ");
  out.uint(nfs.xid);
  out.byte(0x20);
  if (nfs.direction === 0) printCall(ctx, nfs, length);
  else printReply(ctx, nfs, length);
}

function printCall(ctx: PrintContext, nfs: Nfs, length: number): void {
  const out = ctx.out;
  out.uint(length);
  const args = nfs.callArguments;
  if (args === undefined) return truncated(ctx, "nfs");
  if (ctx.network) {
    const [client, server] = addressKeys(ctx);
    ctx.rpcCalls.enter(nfs.xid, client, server, nfs.procedure, nfs.programVersion);
  }
  out.byte(0x20);
  out.ascii(PROCEDURE_NAMES.get(args.procedure) ?? `proc-${args.procedure}`);
  if (printArguments(ctx, nfs, args)) return;
  if (args.readCut === true) truncatedRead(ctx, "nfs");
  else truncated(ctx, "nfs");
}

/** The arguments in tcpdump's order; false where they ran out. */
function printArguments(ctx: PrintContext, nfs: Nfs, a: NfsCallArguments): boolean {
  const out = ctx.out;
  const v = ctx.verbose;
  if (a.procedure === P.NULL || a.procedure === P.NOOP || a.procedure > P.COMMIT) return true;
  if (a.handle === undefined) return false;
  printHandle(ctx, a.handle);
  const name = (n: NfsName | undefined, prefix = " "): boolean => {
    // tcpdump writes the space before it reads the name.
    out.ascii(prefix);
    return n !== undefined && printName(ctx, nfs, n);
  };
  switch (a.procedure) {
    case P.LOOKUP:
    case P.CREATE:
    case P.MKDIR:
    case P.REMOVE:
    case P.RMDIR:
      return name(a.name);
    case P.ACCESS:
      if (a.access === undefined) return false;
      printAccess(ctx, a.access);
      return true;
    case P.READ:
      if (a.count === undefined) return false;
      out.ascii(` ${a.count} bytes @ ${a.offset}`);
      return true;
    case P.WRITE:
      if (a.dataLength === undefined) return false;
      if (a.v3) {
        out.ascii(` ${a.dataLength} (${a.count}) bytes @ ${a.offset}`);
        // tcpdump's tok2str() writes an unknown mode as a signed number (`#%d`).
        if (v > 0) out.ascii(` <${WRITE_MODES[a.stable!] ?? `#${a.stable! | 0}`}>`);
      } else {
        out.ascii(` ${a.dataLength} (${a.totalCount}) bytes @ ${a.offset} (${a.beginOffset})`);
      }
      return true;
    case P.SYMLINK:
      if (!name(a.name)) return false;
      out.ascii(" ->");
      if (!name(a.target, "")) return false;
      if (a.v3 && v > 0 && a.attributes !== undefined) printSetAttributes(ctx, a.attributes);
      return true;
    case P.MKNOD:
      if (!name(a.name) || a.attributes === undefined) return false;
      out.ascii(` ${TYPE_NAMES[a.fileType!] ?? `unk-ft ${a.fileType}`}`);
      if (v > 0 && a.device !== undefined) out.ascii(` ${a.device[0]}/${a.device[1]}`);
      if (v > 0) printSetAttributes(ctx, a.attributes);
      return true;
    case P.RENAME:
      if (!name(a.name)) return false;
      out.ascii(" ->");
      if (a.handle2 === undefined) return false;
      printHandle(ctx, a.handle2);
      return name(a.name2);
    case P.LINK:
      out.ascii(" ->");
      if (a.handle2 === undefined) return false;
      printHandle(ctx, a.handle2);
      return name(a.name2);
    case P.READDIR:
      if (a.count === undefined) return false;
      out.ascii(` ${a.count} bytes @ ${a.v3 ? BigInt.asIntN(64, a.offset!) : a.offset}`);
      if (a.v3 && v > 0) out.ascii(` verf ${hex8(a.verifier![0])}${hex8(a.verifier![1])}`);
      return true;
    case P.READDIRPLUS:
      if (a.count === undefined) return false;
      out.ascii(` ${a.count} bytes @ ${BigInt.asIntN(64, a.offset!)}`);
      if (v > 0) {
        out.ascii(` max ${a.maxCount} verf ${hex8(a.verifier![0])}${hex8(a.verifier![1])}`);
      }
      return true;
    case P.COMMIT:
      if (a.count === undefined) return false;
      out.ascii(` ${a.count} bytes @ ${a.offset}`);
      return true;
  }
  return true;
}

const ACCESS_NAMES = ["READ", "LOOKUP", "MODIFY", "EXTEND", "DELETE", "EXECUTE"];

function printAccess(ctx: PrintContext, access: number): void {
  const out = ctx.out;
  if ((access & ~0x3f) !== 0) out.ascii(` ${access.toString(16).padStart(4, "0")}`);
  else if (access === 0x3f) out.ascii(" NFS_ACCESS_FULL");
  else {
    let separator = " ";
    for (let bit = 0; bit < 6; bit++) {
      if ((access & (1 << bit)) === 0) continue;
      out.ascii(`${separator}NFS_ACCESS_${ACCESS_NAMES[bit]}`);
      separator = "|";
    }
  }
}

function printSetAttributes(ctx: PrintContext, a: NfsSetAttributes): void {
  const out = ctx.out;
  if (a.mode !== undefined) out.ascii(` mode ${a.mode.toString(8)}`);
  if (a.uid !== undefined) out.ascii(` uid ${a.uid}`);
  if (a.gid !== undefined) out.ascii(` gid ${a.gid}`);
  if (ctx.verbose > 1) {
    if (a.atime !== undefined) out.ascii(` atime ${a.atime[0]}.${six(a.atime[1])}`);
    if (a.mtime !== undefined) out.ascii(` mtime ${a.mtime[0]}.${six(a.mtime[1])}`);
  }
}

const AUTH_ERRORS = [
  "OK",
  "Bogus Credentials (seal broken)",
  "Rejected Credentials (client should begin new session)",
  "Bogus Verifier (seal broken)",
  "Verifier expired or was replayed",
  "Credentials are too weak",
  "Bogus response verifier",
  "Unknown failure",
];

function printReply(ctx: PrintContext, nfs: Nfs, length: number): void {
  const out = ctx.out;
  switch (nfs.replyStatus) {
    case -1:
      return truncated(ctx, "nfs");
    case 0: {
      out.ascii(`reply ok ${length}`);
      if (!ctx.network) return;
      const [source, destination] = addressKeys(ctx);
      const call = ctx.rpcCalls.find(nfs.xid, source, destination);
      if (call !== undefined) printNfsReply(ctx, nfs, call.procedure, call.version);
      return;
    }
    case 1: {
      out.ascii(`reply ERR ${length}: `);
      const detail = nfs.rejectDetail;
      if (nfs.rejectStatus === -1 || (nfs.rejectStatus <= 1 && detail === undefined)) {
        return truncated(ctx, "nfs");
      }
      if (nfs.rejectStatus === 0 && detail !== undefined) {
        out.ascii(`RPC Version mismatch (${detail[0]}-${detail[1]})`);
      } else if (nfs.rejectStatus === 1 && detail !== undefined) {
        out.ascii(`Auth ${AUTH_ERRORS[detail[0]!] ?? `Invalid failure code ${detail[0]}`}`);
      } else out.ascii(`Unknown reason for rejecting rpc message ${nfs.rejectStatus}`);
      return;
    }
    default:
      out.ascii(`reply Unknown rpc response code=${nfs.replyStatus} ${length}`);
  }
}
