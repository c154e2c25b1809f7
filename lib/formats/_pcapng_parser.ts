// Private: the format logic behind PcapngReader: block framing, sections, and the packet
// blocks read into capture batches.

import type { CaptureBatch } from "./capture_reader.ts";
import { CaptureFileError } from "./errors.ts";
import { hex32 } from "./_internal.ts";
import type { FormatParser } from "./_internal.ts";
import {
  BlockLayout,
  BOM,
  BOM_SWAPPED,
  EpbOption,
  failBlock,
  failOptionOverrun,
  failTooShort,
  OPT_END,
  padded4,
  PcapngBlockType,
  SHB,
} from "./_pcapng_blocks.ts";
import {
  readInterfaceDescription,
  readNameResolution,
  readSectionOptions,
  readStatistics,
} from "./_pcapng_metadata.ts";
import { interfaceState, interfaceTimestamp, storeTimestamp } from "./_pcapng_timestamps.ts";
import type { InterfaceState } from "./_pcapng_timestamps.ts";
import type { PcapngSection } from "./pcapng_reader.ts";

const MIN_MAX_BLOCK_LENGTH = 16 << 20;

/** Parses pcapng files: the format logic behind `PcapngReader`. */
export class PcapngParser implements FormatParser {
  readonly unitName = "pcapng block";
  readonly headerName = "pcapng section header block";
  needed = 0;
  error: CaptureFileError | undefined = undefined;
  section: PcapngSection | undefined;
  names = new Map<string, string[]>();
  #le = true;
  #interfaces: InterfaceState[] = [];
  #sectionCount = 0;
  #maxPacketLength: number;
  #maxBlockLength: number;

  #onSection: ((section: PcapngSection) => void) | undefined;

  constructor(maxPacketLength: number, onSection?: (section: PcapngSection) => void) {
    this.#onSection = onSection;
    this.#maxPacketLength = maxPacketLength;
    this.#maxBlockLength = Math.max(MIN_MAX_BLOCK_LENGTH, maxPacketLength + 65536);
  }

  header(buffer: Uint8Array, view: DataView, pos: number, end: number, base: number): number {
    if (end - pos < 12) return -12;
    const type = view.getUint32(pos, true);
    if (type !== SHB) {
      throw new CaptureFileError(
        "unsupported",
        base + pos,
        `Cannot read pcapng section header block at offset ${base + pos}: block type 0x${
          hex32(type)
        } is not a section header`,
      );
    }
    return this.#sectionHeader(buffer, view, pos, end, base);
  }

  #sectionHeader(
    buffer: Uint8Array,
    view: DataView,
    pos: number,
    end: number,
    base: number,
  ): number {
    const offset = base + pos;
    const bom = view.getUint32(pos + 8, true);
    let le: boolean;
    if (bom === BOM) le = true;
    else if (bom === BOM_SWAPPED) le = false;
    else {
      failBlock("malformed", offset, `section header byte-order magic 0x${hex32(bom)} is wrong`);
    }
    const length = view.getUint32(pos + 4, le);
    this.#checkLength(length, BlockLayout.SECTION_HEADER + BlockLayout.TRAILER, offset);
    if (end - pos < length) return -length;
    this.#checkTrailer(view, pos, length, le, offset);
    const versionMajor = view.getUint16(pos + 12, le);
    const versionMinor = view.getUint16(pos + 14, le);
    if (versionMajor !== 1 || (versionMinor !== 0 && versionMinor !== 2)) {
      failBlock(
        "unsupported",
        offset,
        `section version ${versionMajor}.${versionMinor} is not supported, only 1.0 is`,
      );
    }
    const section: PcapngSection = {
      index: this.#sectionCount,
      offset,
      littleEndian: le,
      versionMajor,
      versionMinor,
      sectionLength: view.getBigInt64(pos + 16, le),
      comments: [],
      interfaces: [],
    };
    readSectionOptions({ buffer, view, pos, length, le, offset }, section);
    this.#sectionCount++;
    this.#le = le;
    this.#interfaces = [];
    this.section = section;
    this.#onSection?.(section);
    return length;
  }

  #checkLength(length: number, min: number, offset: number): void {
    if (length < min || length % 4 !== 0) {
      failBlock(
        "malformed",
        offset,
        `block total length ${length} is ${
          length < min ? `less than the minimum of ${min}` : "not a multiple of 4"
        }`,
      );
    }
    if (length > this.#maxBlockLength) {
      failBlock(
        "malformed",
        offset,
        `block total length ${length} is more than the maximum of ${this.#maxBlockLength}`,
      );
    }
  }

  #checkTrailer(view: DataView, pos: number, length: number, le: boolean, offset: number): void {
    const trailer = view.getUint32(pos + length - 4, le);
    if (trailer !== length) {
      failBlock(
        "malformed",
        offset,
        `block total length in header (${length}) and trailer (${trailer}) differ`,
      );
    }
  }

  #interface(id: number, offset: number): InterfaceState {
    const state = this.#interfaces[id];
    if (state === undefined) {
      failBlock(
        "malformed",
        offset,
        `interface ${id} is not described in this section (it has ${this.#interfaces.length})`,
      );
    }
    return state;
  }

  /** Reads a metadata block; returns whether `type` is one. */
  #metadata(
    type: number,
    buffer: Uint8Array,
    view: DataView,
    pos: number,
    length: number,
    offset: number,
  ): boolean {
    const le = this.#le;
    const block = { buffer, view, pos, length, le, offset };
    switch (type) {
      case PcapngBlockType.INTERFACE_DESCRIPTION: {
        const id = this.#interfaces.length;
        const info = readInterfaceDescription(block, id);
        this.#interfaces.push(interfaceState(info));
        this.section!.interfaces.push(info);
        return true;
      }
      case PcapngBlockType.NAME_RESOLUTION:
        readNameResolution(block, this.names);
        return true;
      case PcapngBlockType.INTERFACE_STATISTICS: {
        if (length < BlockLayout.INTERFACE_STATISTICS + BlockLayout.TRAILER) {
          failTooShort("interface statistics", length, offset);
        }
        const id = view.getUint32(pos + 8, le);
        const state = this.#interface(id, offset);
        state.info.statistics = readStatistics(
          block,
          id,
          (hi, lo) => interfaceTimestamp(state, hi, lo),
        );
        return true;
      }
    }
    return false;
  }

  records(
    buffer: Uint8Array,
    view: DataView,
    pos: number,
    end: number,
    base: number,
    batch: CaptureBatch,
  ): number {
    let n = batch.count;
    batch.littleEndian = this.#le;
    const maxPacketLength = this.#maxPacketLength;
    try {
      while (true) {
        const available = end - pos;
        if (available < 12) {
          this.needed = 12;
          break;
        }
        const le = this.#le;
        const type = view.getUint32(pos, le);
        const offset = base + pos;
        if (type === SHB) {
          if (n > 0) {
            this.needed = 0;
            break;
          }
          const r = this.#sectionHeader(buffer, view, pos, end, base);
          if (r < 0) {
            this.needed = -r;
            break;
          }
          pos += r;
          batch.littleEndian = this.#le;
          continue;
        }
        const length = view.getUint32(pos + 4, le);
        this.#checkLength(length, 12, offset);
        if (available < length) {
          this.needed = length;
          break;
        }
        this.#checkTrailer(view, pos, length, le, offset);
        let interfaceId = 0;
        let hi = 0;
        let lo = 0;
        let capturedLength = 0;
        let originalLength = 0;
        let dataStart = 0;
        if (type === PcapngBlockType.ENHANCED_PACKET || type === PcapngBlockType.PACKET) {
          // The obsolete Packet Block has a 16-bit interface ID, then a drops count.
          const enhanced = type === PcapngBlockType.ENHANCED_PACKET;
          if (length < BlockLayout.ENHANCED_PACKET + BlockLayout.TRAILER) {
            failTooShort(enhanced ? "enhanced packet" : "packet", length, offset);
          }
          interfaceId = enhanced ? view.getUint32(pos + 8, le) : view.getUint16(pos + 8, le);
          hi = view.getUint32(pos + 12, le);
          lo = view.getUint32(pos + 16, le);
          capturedLength = view.getUint32(pos + 20, le);
          originalLength = view.getUint32(pos + 24, le);
          dataStart = pos + BlockLayout.ENHANCED_PACKET;
        } else if (type === PcapngBlockType.SIMPLE_PACKET) {
          if (length < BlockLayout.SIMPLE_PACKET + BlockLayout.TRAILER) {
            failTooShort("simple packet", length, offset);
          }
          originalLength = view.getUint32(pos + 8, le);
          const snap = this.#interface(0, offset).snapLength;
          capturedLength = Math.min(originalLength, length - 16);
          if (snap !== 0 && capturedLength > snap) capturedLength = snap;
          dataStart = pos + BlockLayout.SIMPLE_PACKET;
        } else {
          // Metadata; custom, decryption secrets, journal and unknown blocks are skipped.
          this.#metadata(type, buffer, view, pos, length, offset);
          pos += length;
          continue;
        }
        const blockEnd = pos + length - BlockLayout.TRAILER;
        if (capturedLength > blockEnd - dataStart) {
          failBlock(
            "malformed",
            offset,
            `captured length ${capturedLength} overruns the block of ${length} bytes`,
          );
        }
        if (capturedLength > maxPacketLength) {
          failBlock(
            "malformed",
            offset,
            `captured length ${capturedLength} is more than the maximum of ${maxPacketLength}`,
          );
        }
        const state = this.#interface(interfaceId, offset);
        // Options of EPBs and PBs: checked here, kept for CaptureBatch.record().
        let flags = 0;
        let optionsStart = dataStart + padded4(capturedLength);
        let optionsLength = 0;
        if (type !== PcapngBlockType.SIMPLE_PACKET && optionsStart < blockEnd) {
          optionsLength = blockEnd - optionsStart;
          let p = optionsStart;
          while (blockEnd - p >= 4) {
            const code = view.getUint16(p, le);
            const olen = view.getUint16(p + 2, le);
            if (code === OPT_END) break;
            if (p + 4 + olen > blockEnd) failOptionOverrun(code, olen, p, blockEnd, offset);
            if (code === EpbOption.FLAGS && olen >= 4) flags = view.getUint32(p + 4, le);
            p += 4 + padded4(olen);
          }
        } else {
          optionsStart = 0;
        }
        if (n === batch.capacity) batch.grow();
        batch.offsets[n] = dataStart;
        batch.capturedLengths[n] = capturedLength;
        batch.originalLengths[n] = originalLength;
        batch.linkTypes[n] = state.linkType;
        batch.interfaceIds[n] = interfaceId;
        batch.flags[n] = flags;
        batch.optionsOffsets[n] = optionsStart;
        batch.optionsLengths[n] = optionsLength;
        if (type === PcapngBlockType.SIMPLE_PACKET) {
          batch.seconds[n] = 0;
          batch.nanoseconds[n] = 0;
        } else {
          storeTimestamp(state, hi, lo, batch, n);
        }
        n++;
        pos += length;
      }
    } catch (error) {
      if (!(error instanceof CaptureFileError)) throw error;
      this.error = error;
    }
    batch.count = n;
    return pos;
  }
}
