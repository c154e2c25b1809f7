/**
 * What the NFS call and reply printers share: procedure and file type names, file handles
 * and names as tcpdump writes them, number formats. Private to `lib/print/`.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import { type Nfs, type NfsFileHandle, type NfsName, NfsProcedure as P } from "../../app/nfs.ts";
import { printChars } from "../_chars.ts";

/** Procedure names, by NFSv3 number. */
export const PROCEDURE_NAMES = new Map<number, string>([
  [P.NOOP, "nop"],
  [P.NULL, "null"],
  [P.GETATTR, "getattr"],
  [P.SETATTR, "setattr"],
  [P.LOOKUP, "lookup"],
  [P.ACCESS, "access"],
  [P.READLINK, "readlink"],
  [P.READ, "read"],
  [P.WRITE, "write"],
  [P.CREATE, "create"],
  [P.MKDIR, "mkdir"],
  [P.SYMLINK, "symlink"],
  [P.MKNOD, "mknod"],
  [P.REMOVE, "remove"],
  [P.RMDIR, "rmdir"],
  [P.RENAME, "rename"],
  [P.LINK, "link"],
  [P.READDIR, "readdir"],
  [P.READDIRPLUS, "readdirplus"],
  [P.FSSTAT, "fsstat"],
  [P.FSINFO, "fsinfo"],
  [P.PATHCONF, "pathconf"],
  [P.COMMIT, "commit"],
]);

/** File type names (`type2str`). */
export const TYPE_NAMES = ["NON", "REG", "DIR", "BLK", "CHR", "LNK", undefined, "FIFO"];

/** The context's key of the innermost IP addresses: version, source, destination. */
export function addressKeys(ctx: PrintContext): [string, string] {
  const size = ctx.ipVersion === 4 ? 4 : 16;
  const at = ctx.addressAt;
  const d = ctx.data;
  const key = (from: number) => `${ctx.ipVersion}:${d.subarray(from, from + size).join(".")}`;
  return [key(at), key(at + size)];
}

/** A file handle, ` fh 4,4229/45658` or ` fh Unknown/0100...`. */
export function printHandle(ctx: PrintContext, fh: NfsFileHandle): void {
  const out = ctx.out;
  const info = fh.info;
  out.ascii(" fh ");
  switch (info.kind) {
    case "device":
      out.ascii(`${info.major},${info.minor}/`);
      // tcpdump shows the opaque handle for minor 257, which only unknown layouts fill.
      out.ascii(info.minor === 257 ? "" : `${info.inode}`);
      break;
    case "named":
      out.ascii(`${info.name}/${info.inode}`);
      break;
    case "unknown":
      // tcpdump copies the OS name "Unknown" into a buffer of the handle's word count.
      out.ascii("Unknown".slice(0, fh.length / 4));
      out.byte(0x2f);
      out.ascii(info.hex);
      break;
  }
}

/**
 * A quoted name, or tcpdump's words for a length that cannot be padded; false for the
 * latter (the arguments or results stop there, and tcpdump marks them cut).
 */
export function printName(ctx: PrintContext, nfs: Nfs, name: NfsName): boolean {
  if (name.unpaddable) {
    ctx.out.ascii("[cannot pad to 32-bit boundaries] (invalid)");
    return false;
  }
  ctx.out.byte(0x22);
  printChars(ctx.out, nfs.data, name.offset, name.offset + name.length, nfs.end);
  ctx.out.byte(0x22);
  return true;
}

/** A 32-bit number as `%08x`. */
export function hex8(n: number): string {
  return n.toString(16).padStart(8, "0");
}

/** A number as `%06u`. */
export function six(n: number): string {
  return `${n}`.padStart(6, "0");
}
