/**
 * What an NFS file handle says about its file system and file, guessed from its bytes as
 * tcpdump's Parse_fh() (parsenfsfh.c) guesses the server's operating system. Private to
 * `lib/app/`.
 *
 * @module
 */

import { readUint32 as be32 } from "../_bytes.ts";

/**
 * A file handle's file system and file: `device` (a major/minor device number and an
 * inode, from the layout of a known server), `named` (a VMS UCX handle: the device name
 * and the file ID), or `unknown` (no layout fits: tcpdump shows the bytes in hex).
 */
export type NfsHandleInfo =
  | {
    readonly kind: "device";
    readonly major: number;
    readonly minor: number;
    readonly inode: number;
  }
  | { readonly kind: "named"; readonly name: string; readonly inode: number }
  | { readonly kind: "unknown"; readonly hex: string };

function le32(d: Uint8Array, at: number): number {
  return (d[at]! | (d[at + 1]! << 8) | (d[at + 2]! << 16) | (d[at + 3]! << 24)) >>> 0;
}

function isUcx(d: Uint8Array, at: number, words: number): boolean {
  if (words < 7) return false;
  let seenNull = false;
  for (let i = 1; i < 14; i++) {
    const c = d[at + i]!;
    if (c >= 0x20 && c < 0x7f) {
      if (seenNull) return false;
    } else if (c === 0) seenNull = true;
    else return false;
  }
  return true;
}

/**
 * Guesses a file handle's layout.
 *
 * @param d The packet bytes.
 * @param at Where the handle starts.
 * @param words Its length in 32-bit words.
 * @returns What the handle says.
 */
export function nfsHandleInfo(d: Uint8Array, at: number, words: number): NfsHandleInfo {
  const b = (i: number) => d[at + i]!;
  let type = "unknown";
  if (words >= 4) {
    if (b(0) === 0 && b(1) === 0) {
      if (b(2) === 0 && b(3) === 0) type = "auspex";
      else if (b(4) !== 0 && b(5) === 0 && b(8) === 12 && b(9) === 0) type = "osf";
      else if (b(4) === 0 && b(5) === 8 && b(6) === 0 && b(7) === 0) type = "irix4";
      else type = "sunos4";
    } else if (b(2) === 0 && b(3) === 0) {
      if (b(6) === 0 && b(7) === 0) type = "bsd44";
      else if (words >= 6 && b(21) === 0 && b(23) === 0) type = "ultrix";
      else if (b(9) === 10) type = "sunos5";
    } else if (b(8) === 12 && b(9) === 0) type = "osf";
    else if (b(8) === 0 && b(9) === 10) {
      type = b(7) === 0 && b(6) === 0 && b(5) === 0 && b(4) === 0 ? "hpux9" : "sunos5";
    } else if (isUcx(d, at, words)) type = "ucx";
  }
  switch (type) {
    case "auspex":
      return { kind: "device", major: b(6), minor: b(7), inode: be32(d, at + 12) };
    case "bsd44":
      return { kind: "device", major: b(1), minor: b(0), inode: le32(d, at + 12) };
    case "osf": {
      const dev = le32(d, at);
      return {
        kind: "device",
        major: (dev >>> 20) & 0xfff,
        minor: dev & 0xfffff,
        inode: le32(d, at + 12),
      };
    }
    case "irix4":
    case "sunos4":
      return {
        kind: "device",
        major: b(2),
        minor: b(3),
        inode: be32(d, at + (type === "irix4" ? 8 : 12)),
      };
    case "sunos5":
      return {
        kind: "device",
        major: (((b(0) << 8) | b(1)) >> 2) & 0x3fff,
        minor: ((b(1) << 16) | (b(2) << 8) | b(3)) & 0x3ffff,
        inode: be32(d, at + 12),
      };
    case "ultrix":
      return { kind: "device", major: b(1), minor: b(0), inode: le32(d, at + 4) };
    case "hpux9":
      return {
        kind: "device",
        major: b(0),
        minor: (b(1) << 16) | (b(2) << 8) | b(3),
        inode: be32(d, at + 12),
      };
    case "ucx": {
      // The device name from byte 1, up to a NUL or a space, at most `words` characters.
      let name = "";
      for (let i = 1; i < 14 && name.length < words && b(i) !== 0 && b(i) !== 0x20; i++) {
        name += String.fromCharCode(b(i));
      }
      return {
        kind: "named",
        name,
        inode: ((b(26) << 24) | (b(27) << 16) | b(22) | (b(23) << 8)) >>> 0,
      };
    }
  }
  let hex = "";
  for (let i = 0; i < words * 4 && i < 32; i++) {
    hex += b(i).toString(16).toUpperCase().padStart(2, "0");
  }
  return { kind: "unknown", hex };
}
