// Private: the pcapng block types, option codes and block layout helpers that the reader
// and the writer share (draft-ietf-opsawg-pcapng), and the reader's error conventions.

import { CaptureFileError } from "./errors.ts";

/**
 * pcapng block type numbers.
 *
 * @example Recognise a section header
 * ```ts
 * import { PcapngBlockType } from "./pcapng.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(PcapngBlockType.SECTION_HEADER, 0x0a0d0d0a);
 * assert.equal(PcapngBlockType.ENHANCED_PACKET, 6);
 * ```
 */
export const PcapngBlockType = {
  /** Section Header Block. */
  SECTION_HEADER: 0x0a0d0d0a,
  /** Interface Description Block. */
  INTERFACE_DESCRIPTION: 1,
  /** Packet Block (obsolete). */
  PACKET: 2,
  /** Simple Packet Block. */
  SIMPLE_PACKET: 3,
  /** Name Resolution Block. */
  NAME_RESOLUTION: 4,
  /** Interface Statistics Block. */
  INTERFACE_STATISTICS: 5,
  /** Enhanced Packet Block. */
  ENHANCED_PACKET: 6,
} as const;

/** The Section Header Block type, which reads the same in both byte orders. */
export const SHB = PcapngBlockType.SECTION_HEADER;
/** The byte-order magic of a Section Header Block, as read in the section's byte order. */
export const BOM = 0x1a2b3c4d;
/** The byte-order magic as read in the other byte order. */
export const BOM_SWAPPED = 0x4d3c2b1a;

/** `opt_endofopt`: ends an option list (and `nrb_record_end` a name record list). */
export const OPT_END = 0;
/** `opt_comment`, valid in every block. */
export const OPT_COMMENT = 1;

/** Section Header Block options. */
export const ShbOption = { HARDWARE: 2, OS: 3, USERAPPL: 4 } as const;

/** Interface Description Block options. */
export const IdbOption = {
  NAME: 2,
  DESCRIPTION: 3,
  SPEED: 8,
  TSRESOL: 9,
  OS: 12,
  FCSLEN: 13,
  TSOFFSET: 14,
  HARDWARE: 15,
} as const;

/** Enhanced Packet Block (and Packet Block) options. */
export const EpbOption = { FLAGS: 2 } as const;

/** Name Resolution Block record types. */
export const NrbRecord = { IPV4: 1, IPV6: 2 } as const;

/** Block layouts: the fixed part of each block, from the block type to the options. */
export const BlockLayout = {
  /** Type, length, byte-order magic, version (2 + 2), section length (8). */
  SECTION_HEADER: 24,
  /** Type, length, link type (2), reserved (2), snap length (4). */
  INTERFACE_DESCRIPTION: 16,
  /** Type, length, interface id, timestamp (4 + 4), captured and original lengths. */
  ENHANCED_PACKET: 28,
  /** Type, length, original length. */
  SIMPLE_PACKET: 12,
  /** Type, length, interface id, timestamp (4 + 4). */
  INTERFACE_STATISTICS: 20,
  /** Type, length. */
  NAME_RESOLUTION: 8,
  /** The block total length repeated after the body. */
  TRAILER: 4,
} as const;

/** The length of a value of `n` bytes padded to a multiple of 4. */
export function padded4(n: number): number {
  return (n + 3) & ~3;
}

/**
 * Walks the option (or name record) list in [p, end) until `opt_endofopt` or the end, giving
 * each option's code and value. Stops at an option whose value runs past `end`: `overrun`
 * decides what then (throw, or return to stop quietly).
 *
 * @returns The position after the last option walked.
 */
export function walkOptions(
  view: DataView,
  p: number,
  end: number,
  littleEndian: boolean,
  each: (code: number, valueStart: number, valueLength: number) => void,
  overrun: (code: number, valueLength: number, p: number) => void,
): number {
  while (end - p >= 4) {
    const code = view.getUint16(p, littleEndian);
    const length = view.getUint16(p + 2, littleEndian);
    if (code === OPT_END) return p;
    if (p + 4 + length > end) {
      overrun(code, length, p);
      return p;
    }
    each(code, p + 4, length);
    p += 4 + padded4(length);
  }
  return p;
}

/** Throws the error of a bad block at file offset `offset`. */
export function failBlock(
  code: "malformed" | "unsupported",
  offset: number,
  detail: string,
): never {
  throw new CaptureFileError(
    code,
    offset,
    `Cannot read pcapng block at offset ${offset}: ${detail}`,
  );
}

/** Throws the error of a block of `length` bytes, shorter than its kind allows. */
export function failTooShort(name: string, length: number, offset: number): never {
  failBlock("malformed", offset, `${name} block of ${length} bytes is too short`);
}

/** Throws the error of the option at `p` whose value of `length` bytes runs past `end`. */
export function failOptionOverrun(
  code: number,
  length: number,
  p: number,
  end: number,
  offset: number,
): never {
  failBlock(
    "malformed",
    offset,
    `option ${code} of ${length} bytes overruns the block by ${p + 4 + length - end}`,
  );
}

/**
 * Walks the options in [p, end) of the block at file offset `offset`, failing for one that
 * overruns the block.
 */
export function readOptions(
  view: DataView,
  p: number,
  end: number,
  littleEndian: boolean,
  offset: number,
  each: (code: number, valueStart: number, valueLength: number) => void,
): void {
  walkOptions(view, p, end, littleEndian, each, (code, length, at) => {
    failOptionOverrun(code, length, at, end, offset);
  });
}

const decoder = new TextDecoder();

/** A UTF-8 option value, without the NUL bytes some writers end it with. */
export function optionText(buffer: Uint8Array, p: number, length: number): string {
  let end = p + length;
  while (end > p && buffer[end - 1] === 0) end--;
  return decoder.decode(buffer.subarray(p, end));
}
