// Private: the pcapng metadata blocks (section header options, Interface Description, Name
// Resolution and Interface Statistics Blocks) read into the reader's public objects.

import { formatIpv4, formatIpv6 } from "../address.ts";
import {
  BlockLayout,
  failBlock,
  failTooShort,
  IdbOption,
  NrbRecord,
  OPT_COMMENT,
  OPT_END,
  optionText,
  padded4,
  readOptions,
  ShbOption,
} from "./_pcapng_blocks.ts";
import type { InterfaceStatistics, PcapngInterface, PcapngSection } from "./pcapng_reader.ts";

const decoder = new TextDecoder();

/** A whole metadata block in the reader's buffer. */
export interface MetadataBlock {
  /** The buffer. */
  buffer: Uint8Array;
  /** A view of the same buffer. */
  view: DataView;
  /** Where the block starts in the buffer. */
  pos: number;
  /** The block total length. */
  length: number;
  /** The byte order of its section. */
  le: boolean;
  /** Its offset in the file, for errors. */
  offset: number;
}

/** Walks the options of the block at `pos`, after its fixed part of `fixedLength` bytes. */
function blockOptions(
  block: MetadataBlock,
  fixedLength: number,
  each: (code: number, valueStart: number, valueLength: number) => void,
): void {
  const { view, pos, length, le, offset } = block;
  readOptions(view, pos + fixedLength, pos + length - BlockLayout.TRAILER, le, offset, each);
}

/** Reads the options of a Section Header Block into its section. */
export function readSectionOptions(
  block: MetadataBlock,
  section: PcapngSection,
): void {
  const { buffer } = block;
  blockOptions(block, BlockLayout.SECTION_HEADER, (code, p, n) => {
    if (code === OPT_COMMENT) section.comments.push(optionText(buffer, p, n));
    else if (code === ShbOption.HARDWARE) section.hardware = optionText(buffer, p, n);
    else if (code === ShbOption.OS) section.os = optionText(buffer, p, n);
    else if (code === ShbOption.USERAPPL) section.userApplication = optionText(buffer, p, n);
  });
}

/** Reads an Interface Description Block: the interface numbered `id`. */
export function readInterfaceDescription(
  block: MetadataBlock,
  id: number,
): PcapngInterface {
  const { buffer, view, pos, length, le, offset } = block;
  if (length < BlockLayout.INTERFACE_DESCRIPTION + BlockLayout.TRAILER) {
    failTooShort("interface description", length, offset);
  }
  const info: PcapngInterface = {
    id,
    linkType: view.getUint16(pos + 8, le),
    snapLength: view.getUint32(pos + 12, le),
    timestampResolution: { base: 10, exponent: 6 },
    timestampOffset: 0n,
    comments: [],
  };
  blockOptions(block, BlockLayout.INTERFACE_DESCRIPTION, (code, p, n) => {
    switch (code) {
      case OPT_COMMENT:
        info.comments.push(optionText(buffer, p, n));
        break;
      case IdbOption.NAME:
        info.name = optionText(buffer, p, n);
        break;
      case IdbOption.DESCRIPTION:
        info.description = optionText(buffer, p, n);
        break;
      case IdbOption.SPEED:
        if (n >= 8) info.speed = view.getBigUint64(p, le);
        break;
      case IdbOption.TSRESOL:
        if (n >= 1) {
          const v = buffer[p]!;
          info.timestampResolution = (v & 0x80) !== 0
            ? { base: 2, exponent: v & 0x7f }
            : { base: 10, exponent: v };
        }
        break;
      case IdbOption.OS:
        info.os = optionText(buffer, p, n);
        break;
      case IdbOption.FCSLEN:
        if (n >= 1) info.fcsLength = buffer[p]!;
        break;
      case IdbOption.TSOFFSET:
        if (n >= 8) info.timestampOffset = view.getBigInt64(p, le);
        break;
      case IdbOption.HARDWARE:
        info.hardware = optionText(buffer, p, n);
        break;
    }
  });
  return info;
}

/** Reads a Name Resolution Block into `names`: address (as text) to names. */
export function readNameResolution(
  block: MetadataBlock,
  names: Map<string, string[]>,
): void {
  const { buffer, view, pos, length, le, offset } = block;
  const end = pos + length - BlockLayout.TRAILER;
  let p = pos + BlockLayout.NAME_RESOLUTION;
  while (end - p >= 4) {
    const type = view.getUint16(p, le);
    const n = view.getUint16(p + 2, le);
    if (p + 4 + n > end) {
      failBlock("malformed", offset, `name resolution record of ${n} bytes overruns the block`);
    }
    const v = p + 4;
    p += 4 + padded4(n);
    if (type === OPT_END) break;
    const addressLength = type === NrbRecord.IPV4 ? 4 : type === NrbRecord.IPV6 ? 16 : 0;
    if (addressLength === 0 || n < addressLength) continue;
    const address = addressLength === 4 ? formatIpv4(buffer, v) : formatIpv6(buffer, v);
    const list = names.get(address) ?? [];
    let start = v + addressLength;
    const stop = v + n;
    for (let i = start; i <= stop; i++) {
      if (i === stop || buffer[i] === 0) {
        if (i > start) {
          const name = decoder.decode(buffer.subarray(start, i));
          if (!list.includes(name)) list.push(name);
        }
        start = i + 1;
      }
    }
    if (list.length > 0) names.set(address, list);
  }
  if (p <= end) readOptions(view, p, end, le, offset, () => {});
}

const STATISTICS_KEYS = [
  undefined,
  undefined,
  "startTime",
  "endTime",
  "received",
  "dropped",
  "filterAccepted",
  "osDropped",
  "delivered",
] as const;

/**
 * Reads the options of an Interface Statistics Block, about interface `id`;
 * `timestamp` converts that interface's timestamps (high and low 32 bits).
 */
export function readStatistics(
  block: MetadataBlock,
  id: number,
  timestamp: (hi: number, lo: number) => bigint,
): InterfaceStatistics {
  const { buffer, view, pos, le } = block;
  const stats: InterfaceStatistics = {
    interfaceId: id,
    timestamp: timestamp(view.getUint32(pos + 12, le), view.getUint32(pos + 16, le)),
    comments: [],
  };
  blockOptions(block, BlockLayout.INTERFACE_STATISTICS, (code, p, n) => {
    if (code === OPT_COMMENT) {
      stats.comments.push(optionText(buffer, p, n));
      return;
    }
    const key = STATISTICS_KEYS[code];
    if (key === undefined || n < 8) return;
    // isb_starttime and isb_endtime are timestamps, the others counters.
    stats[key] = code <= 3
      ? timestamp(view.getUint32(p, le), view.getUint32(p + 4, le))
      : view.getBigUint64(p, le);
  });
  return stats;
}
