/**
 * The pcapng capture file format (draft-ietf-opsawg-pcapng): a streaming reader, a
 * buffered writer and an in-memory builder.
 *
 * The reader handles several sections per file, each in its own byte order; Interface
 * Description, Enhanced, Simple and obsolete Packet, Name Resolution and Interface
 * Statistics Blocks; it skips custom and unknown blocks. Every record carries the index of
 * its interface within its section and that interface's link type.
 *
 * @module
 */

import { CaptureReader, DEFAULT_MAX_PACKET_LENGTH } from "./capture_reader.ts";
import type { CaptureBatch, CaptureReaderOptions, CaptureSource } from "./capture_reader.ts";
import { CaptureFileError } from "./errors.ts";
import { hex32, openPrimed } from "./_internal.ts";
import type { FormatParser, PrimedSource } from "./_internal.ts";
import { nanosecondsToUnits, unitsToNanoseconds } from "./timestamp.ts";
import type { TimestampResolution } from "./timestamp.ts";
import { DEFAULT_BUFFER_SIZE, flushTo, OutputBuffer, SinkWriter, utf8 } from "./_output.ts";
import type { ByteSink } from "./_output.ts";
import type { PacketToWrite } from "./pcap.ts";

export type { ByteSink } from "./_output.ts";
export type { TimestampResolution } from "./timestamp.ts";

/** pcapng block type numbers. */
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

/** Statistics of an interface, from an Interface Statistics Block. */
export interface InterfaceStatistics {
  /** The interface, within the section. */
  interfaceId: number;
  /** When the statistics were taken, in nanoseconds since the epoch. */
  timestamp: bigint;
  /** `isb_starttime`: start of the capture, in nanoseconds since the epoch. */
  startTime?: bigint;
  /** `isb_endtime`: end of the capture, in nanoseconds since the epoch. */
  endTime?: bigint;
  /** `isb_ifrecv`: packets received by the interface. */
  received?: bigint;
  /** `isb_ifdrop`: packets dropped by the interface for lack of resources. */
  dropped?: bigint;
  /** `isb_filteraccept`: packets accepted by the filter. */
  filterAccepted?: bigint;
  /** `isb_osdrop`: packets dropped by the operating system. */
  osDropped?: bigint;
  /** `isb_usrdeliv`: packets delivered to the user. */
  delivered?: bigint;
  /** `opt_comment` options. */
  comments: string[];
}

/** An interface, from an Interface Description Block. */
export interface PcapngInterface {
  /** Its index within its section: the interface id of its packets. */
  id: number;
  /** The link-layer header type of its packets. */
  linkType: number;
  /** The snapshot length (0: none). */
  snapLength: number;
  /** `if_name`. */
  name?: string;
  /** `if_description`. */
  description?: string;
  /** `if_os`. */
  os?: string;
  /** `if_hardware`. */
  hardware?: string;
  /** `if_speed` in bits per second. */
  speed?: bigint;
  /** `if_fcslen`: length in bytes of the frame check sequence at the end of its packets. */
  fcsLength?: number;
  /** `if_tsresol` (default microseconds). */
  timestampResolution: TimestampResolution;
  /** `if_tsoffset`: seconds added to every timestamp (default 0). */
  timestampOffset: bigint;
  /** `opt_comment` options. */
  comments: string[];
  /** The last Interface Statistics Block about this interface, if any. */
  statistics?: InterfaceStatistics;
}

/** A section of a pcapng file, from its Section Header Block. */
export interface PcapngSection {
  /** Its index in the file, from 0. */
  index: number;
  /** The file offset of its Section Header Block. */
  offset: number;
  /** Whether the section is little-endian. */
  littleEndian: boolean;
  /** Major version: 1. */
  versionMajor: number;
  /** Minor version: 0 (or 2, as some writers put). */
  versionMinor: number;
  /** The section length in bytes, or -1n when not given. */
  sectionLength: bigint;
  /** `shb_hardware`. */
  hardware?: string;
  /** `shb_os`. */
  os?: string;
  /** `shb_userappl`. */
  userApplication?: string;
  /** `opt_comment` options. */
  comments: string[];
  /** The interfaces described so far in this section. */
  interfaces: PcapngInterface[];
}

const SHB = 0x0a0d0d0a;
const BOM = 0x1a2b3c4d;
const TWO32 = 4294967296;
const MIN_MAX_BLOCK_LENGTH = 16 << 20;

// Timestamp conversion modes of an interface.
const DEC_MUL = 0; // 10^-k, k <= 9: nanoseconds = remainder * 10^(9-k)
const DEC_DIV = 1; // 10^-k, k = 10 or 11: nanoseconds = floor(remainder / 10^(k-9))
const BIN = 2; // 2^-k, k <= 23: nanoseconds = floor(remainder * 1e9 / 2^k)
const BIG = 3; // anything else: bigint arithmetic

interface InterfaceState {
  linkType: number;
  snapLength: number;
  mode: number;
  divisor: number;
  factor: number;
  offsetSeconds: number;
  info: PcapngInterface;
}

const decoder = new TextDecoder();

function text(buffer: Uint8Array, p: number, length: number): string {
  let end = p + length;
  while (end > p && buffer[end - 1] === 0) end--;
  return decoder.decode(buffer.subarray(p, end));
}

function formatIpv6(b: Uint8Array, p: number): string {
  const groups: number[] = [];
  for (let i = 0; i < 8; i++) groups.push((b[p + 2 * i]! << 8) | b[p + 2 * i + 1]!);
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hexes = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hexes.join(":");
  return `${hexes.slice(0, bestStart).join(":")}::${hexes.slice(bestStart + bestLength).join(":")}`;
}

/** Parses pcapng files: the format logic behind {@linkcode PcapngReader}. */
class PcapngParser implements FormatParser {
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

  #fail(code: "malformed" | "unsupported", offset: number, detail: string): never {
    throw new CaptureFileError(
      code,
      offset,
      `Cannot read pcapng block at offset ${offset}: ${detail}`,
    );
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
    else if (bom === 0x4d3c2b1a) le = false;
    else {
      this.#fail("malformed", offset, `section header byte-order magic 0x${hex32(bom)} is wrong`);
    }
    const length = view.getUint32(pos + 4, le);
    this.#checkLength(length, 28, offset);
    if (end - pos < length) return -length;
    this.#checkTrailer(view, pos, length, le, offset);
    const versionMajor = view.getUint16(pos + 12, le);
    const versionMinor = view.getUint16(pos + 14, le);
    if (versionMajor !== 1 || (versionMinor !== 0 && versionMinor !== 2)) {
      this.#fail(
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
    this.#options(view, pos + 24, pos + length - 4, le, offset, (code, p, n) => {
      if (code === 1) section.comments.push(text(buffer, p, n));
      else if (code === 2) section.hardware = text(buffer, p, n);
      else if (code === 3) section.os = text(buffer, p, n);
      else if (code === 4) section.userApplication = text(buffer, p, n);
    });
    this.#sectionCount++;
    this.#le = le;
    this.#interfaces = [];
    this.section = section;
    this.#onSection?.(section);
    return length;
  }

  #checkLength(length: number, min: number, offset: number): void {
    if (length < min || length % 4 !== 0) {
      this.#fail(
        "malformed",
        offset,
        `block total length ${length} is ${
          length < min ? `less than the minimum of ${min}` : "not a multiple of 4"
        }`,
      );
    }
    if (length > this.#maxBlockLength) {
      this.#fail(
        "malformed",
        offset,
        `block total length ${length} is more than the maximum of ${this.#maxBlockLength}`,
      );
    }
  }

  #checkTrailer(view: DataView, pos: number, length: number, le: boolean, offset: number): void {
    const trailer = view.getUint32(pos + length - 4, le);
    if (trailer !== length) {
      this.#fail(
        "malformed",
        offset,
        `block total length in header (${length}) and trailer (${trailer}) differ`,
      );
    }
  }

  /** Fails for the option at `p` whose value of `length` bytes runs past `end`. */
  #optionOverrun(code: number, length: number, p: number, end: number, offset: number): never {
    this.#fail(
      "malformed",
      offset,
      `option ${code} of ${length} bytes overruns the block by ${p + 4 + length - end}`,
    );
  }

  /** Walks the options in [p, end), checking that none overruns the block. */
  #options(
    view: DataView,
    p: number,
    end: number,
    le: boolean,
    offset: number,
    each: (code: number, valueStart: number, valueLength: number) => void,
  ): void {
    while (end - p >= 4) {
      const code = view.getUint16(p, le);
      const length = view.getUint16(p + 2, le);
      if (code === 0) return;
      if (p + 4 + length > end) this.#optionOverrun(code, length, p, end, offset);
      each(code, p + 4, length);
      p += 4 + ((length + 3) & ~3);
    }
  }

  #interfaceDescription(
    buffer: Uint8Array,
    view: DataView,
    pos: number,
    length: number,
    offset: number,
  ): void {
    const le = this.#le;
    if (length < 20) {
      this.#fail(
        "malformed",
        offset,
        `interface description block of ${length} bytes is too short`,
      );
    }
    const info: PcapngInterface = {
      id: this.#interfaces.length,
      linkType: view.getUint16(pos + 8, le),
      snapLength: view.getUint32(pos + 12, le),
      timestampResolution: { base: 10, exponent: 6 },
      timestampOffset: 0n,
      comments: [],
    };
    this.#options(view, pos + 16, pos + length - 4, le, offset, (code, p, n) => {
      switch (code) {
        case 1:
          info.comments.push(text(buffer, p, n));
          break;
        case 2:
          info.name = text(buffer, p, n);
          break;
        case 3:
          info.description = text(buffer, p, n);
          break;
        case 8:
          if (n >= 8) info.speed = view.getBigUint64(p, le);
          break;
        case 9:
          if (n >= 1) {
            const v = buffer[p]!;
            info.timestampResolution = (v & 0x80) !== 0
              ? { base: 2, exponent: v & 0x7f }
              : { base: 10, exponent: v };
          }
          break;
        case 12:
          info.os = text(buffer, p, n);
          break;
        case 13:
          if (n >= 1) info.fcsLength = buffer[p]!;
          break;
        case 14:
          if (n >= 8) info.timestampOffset = view.getBigInt64(p, le);
          break;
        case 15:
          info.hardware = text(buffer, p, n);
          break;
      }
    });
    const { base, exponent } = info.timestampResolution;
    let mode = BIG;
    let divisor = 1;
    let factor = 1;
    if (base === 10 && exponent <= 9) {
      mode = DEC_MUL;
      divisor = 10 ** exponent;
      factor = 10 ** (9 - exponent);
    } else if (base === 10 && exponent <= 11) {
      mode = DEC_DIV;
      divisor = 10 ** exponent;
      factor = 10 ** (exponent - 9);
    } else if (base === 2 && exponent <= 23) {
      mode = BIN;
      divisor = 2 ** exponent;
    }
    this.#interfaces.push({
      linkType: info.linkType,
      snapLength: info.snapLength,
      mode,
      divisor,
      factor,
      offsetSeconds: Number(info.timestampOffset),
      info,
    });
    this.section!.interfaces.push(info);
  }

  #interface(id: number, offset: number): InterfaceState {
    const state = this.#interfaces[id];
    if (state === undefined) {
      this.#fail(
        "malformed",
        offset,
        `interface ${id} is not described in this section (it has ${this.#interfaces.length})`,
      );
    }
    return state;
  }

  #nameResolution(
    buffer: Uint8Array,
    view: DataView,
    pos: number,
    length: number,
    offset: number,
  ): void {
    const le = this.#le;
    const end = pos + length - 4;
    let p = pos + 8;
    while (end - p >= 4) {
      const type = view.getUint16(p, le);
      const n = view.getUint16(p + 2, le);
      if (p + 4 + n > end) {
        this.#fail("malformed", offset, `name resolution record of ${n} bytes overruns the block`);
      }
      const v = p + 4;
      p += 4 + ((n + 3) & ~3);
      if (type === 0) break;
      const addressLength = type === 1 ? 4 : type === 2 ? 16 : 0;
      if (addressLength === 0 || n < addressLength) continue;
      const address = addressLength === 4
        ? `${buffer[v]}.${buffer[v + 1]}.${buffer[v + 2]}.${buffer[v + 3]}`
        : formatIpv6(buffer, v);
      const names = this.names.get(address) ?? [];
      let start = v + addressLength;
      const stop = v + n;
      for (let i = start; i <= stop; i++) {
        if (i === stop || buffer[i] === 0) {
          if (i > start) {
            const name = decoder.decode(buffer.subarray(start, i));
            if (!names.includes(name)) names.push(name);
          }
          start = i + 1;
        }
      }
      if (names.length > 0) this.names.set(address, names);
    }
    if (p <= end) this.#options(view, p, end, le, offset, () => {});
  }

  #timestamp(state: InterfaceState, hi: number, lo: number): bigint {
    const ns = unitsToNanoseconds((BigInt(hi) << 32n) | BigInt(lo), state.info.timestampResolution);
    return ns + state.info.timestampOffset * 1_000_000_000n;
  }

  #statistics(
    buffer: Uint8Array,
    view: DataView,
    pos: number,
    length: number,
    offset: number,
  ): void {
    const le = this.#le;
    if (length < 24) {
      this.#fail("malformed", offset, `interface statistics block of ${length} bytes is too short`);
    }
    const id = view.getUint32(pos + 8, le);
    const state = this.#interface(id, offset);
    const stats: InterfaceStatistics = {
      interfaceId: id,
      timestamp: this.#timestamp(state, view.getUint32(pos + 12, le), view.getUint32(pos + 16, le)),
      comments: [],
    };
    const keys = [
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
    this.#options(view, pos + 20, pos + length - 4, le, offset, (code, p, n) => {
      if (code === 1) {
        stats.comments.push(text(buffer, p, n));
        return;
      }
      const key = keys[code];
      if (key === undefined || n < 8) return;
      stats[key] = code <= 3
        ? this.#timestamp(state, view.getUint32(p, le), view.getUint32(p + 4, le))
        : view.getBigUint64(p, le);
    });
    state.info.statistics = stats;
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
        let hasTimestamp = true;
        switch (type) {
          case 6: // Enhanced Packet Block
          case 2: // Packet Block (obsolete): a 16-bit interface ID, then a drops count
            if (length < 32) {
              const name = type === 6 ? "enhanced packet" : "packet";
              this.#fail("malformed", offset, `${name} block of ${length} bytes is too short`);
            }
            interfaceId = type === 6 ? view.getUint32(pos + 8, le) : view.getUint16(pos + 8, le);
            hi = view.getUint32(pos + 12, le);
            lo = view.getUint32(pos + 16, le);
            capturedLength = view.getUint32(pos + 20, le);
            originalLength = view.getUint32(pos + 24, le);
            dataStart = pos + 28;
            break;
          case 3: { // Simple Packet Block
            if (length < 16) {
              this.#fail(
                "malformed",
                offset,
                `simple packet block of ${length} bytes is too short`,
              );
            }
            originalLength = view.getUint32(pos + 8, le);
            const snap = this.#interface(0, offset).snapLength;
            capturedLength = Math.min(originalLength, length - 16);
            if (snap !== 0 && capturedLength > snap) capturedLength = snap;
            dataStart = pos + 12;
            hasTimestamp = false;
            break;
          }
          case 1:
            this.#interfaceDescription(buffer, view, pos, length, offset);
            pos += length;
            continue;
          case 4:
            this.#nameResolution(buffer, view, pos, length, offset);
            pos += length;
            continue;
          case 5:
            this.#statistics(buffer, view, pos, length, offset);
            pos += length;
            continue;
          default: // custom, decryption secrets, journal and unknown blocks
            pos += length;
            continue;
        }
        const blockEnd = pos + length - 4;
        if (capturedLength > blockEnd - dataStart) {
          this.#fail(
            "malformed",
            offset,
            `captured length ${capturedLength} overruns the block of ${length} bytes`,
          );
        }
        if (capturedLength > maxPacketLength) {
          this.#fail(
            "malformed",
            offset,
            `captured length ${capturedLength} is more than the maximum of ${maxPacketLength}`,
          );
        }
        const state = this.#interface(interfaceId, offset);
        // Options of EPBs and PBs: checked here, kept for CaptureBatch.record().
        let flags = 0;
        let optionsStart = dataStart + ((capturedLength + 3) & ~3);
        let optionsLength = 0;
        if (type !== 3 && optionsStart < blockEnd) {
          optionsLength = blockEnd - optionsStart;
          let p = optionsStart;
          while (blockEnd - p >= 4) {
            const code = view.getUint16(p, le);
            const olen = view.getUint16(p + 2, le);
            if (code === 0) break;
            if (p + 4 + olen > blockEnd) this.#optionOverrun(code, olen, p, blockEnd, offset);
            if (code === 2 && olen >= 4) flags = view.getUint32(p + 4, le);
            p += 4 + ((olen + 3) & ~3);
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
        if (!hasTimestamp) {
          batch.seconds[n] = 0;
          batch.nanoseconds[n] = 0;
        } else if (state.mode !== BIG) {
          const d = state.divisor;
          let q: number;
          let r: number;
          if (hi < 0x200000) {
            const v = hi * TWO32 + lo;
            q = Math.floor(v / d);
            r = v - q * d;
          } else {
            // Long division in base 2^16, exact while d < 2^37.
            let cur = hi >>> 16;
            q = Math.floor(cur / d);
            r = cur - q * d;
            cur = r * 65536 + (hi & 0xffff);
            let qd = Math.floor(cur / d);
            r = cur - qd * d;
            if (r < 0) (qd--, r += d);
            else if (r >= d) (qd++, r -= d);
            q = q * 65536 + qd;
            cur = r * 65536 + (lo >>> 16);
            qd = Math.floor(cur / d);
            r = cur - qd * d;
            if (r < 0) (qd--, r += d);
            else if (r >= d) (qd++, r -= d);
            q = q * 65536 + qd;
            cur = r * 65536 + (lo & 0xffff);
            qd = Math.floor(cur / d);
            r = cur - qd * d;
            q = q * 65536 + qd;
          }
          if (r < 0) (q--, r += d);
          else if (r >= d) (q++, r -= d);
          batch.seconds[n] = q + state.offsetSeconds;
          batch.nanoseconds[n] = state.mode === DEC_MUL
            ? r * state.factor
            : state.mode === DEC_DIV
            ? Math.floor(r / state.factor)
            : Math.floor((r * 1e9) / d);
        } else {
          const ns = this.#timestamp(state, hi, lo);
          let seconds = ns / 1_000_000_000n;
          let rest = ns - seconds * 1_000_000_000n;
          if (rest < 0n) (seconds--, rest += 1_000_000_000n);
          batch.seconds[n] = Number(seconds);
          batch.nanoseconds[n] = Number(rest);
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

/**
 * A streaming reader of pcapng files. Iterate with `for await` for record objects, or with
 * {@linkcode CaptureReader.prototype.batches} for the allocation-free fast path.
 *
 * Metadata blocks are read as they come: `section` is the current section (with its
 * interfaces so far), `names` the name resolution records seen so far, and each
 * interface's `statistics` its last Interface Statistics Block.
 *
 * @example Read a file written in memory
 * ```ts
 * import { PcapngReader, pcapngBytes } from "./pcapng.ts";
 * import assert from "node:assert/strict";
 *
 * const bytes = pcapngBytes({
 *   interfaces: [{ linkType: 1, name: "eth0" }],
 *   packets: [{ timestamp: 5_000_000_001n, data: new Uint8Array(60), comment: "hello" }],
 * });
 * await using reader = await PcapngReader.open(ReadableStream.from([bytes]));
 * for await (const record of reader) {
 *   assert.equal(record.timestamp, 5_000_000_001n);
 *   assert.deepEqual(record.comments, ["hello"]);
 * }
 * assert.equal(reader.section.interfaces[0]?.name, "eth0");
 * ```
 */
export class PcapngReader extends CaptureReader {
  /** Always `pcapng`. */
  readonly format = "pcapng" as const;
  #parser: PcapngParser;

  private constructor(primed: PrimedSource, parser: PcapngParser, options: CaptureReaderOptions) {
    super(primed, parser, options);
    this.#parser = parser;
  }

  /**
   * Opens a pcapng file and reads its first Section Header Block.
   *
   * @param source A path, an open file (left open by `close()`) or a byte stream.
   * @param options Reader options.
   * @returns The reader, positioned after the first Section Header Block.
   * @throws {CaptureFileError} When the source is not a pcapng file or its header is bad.
   *
   * @example Open a file by path
   * ```ts ignore
   * await using reader = await PcapngReader.open("capture.pcapng");
   * for await (const record of reader) console.log(record.interfaceId, record.comments);
   * ```
   */
  static async open(
    source: CaptureSource,
    options: PcapngReaderOptions = {},
  ): Promise<PcapngReader> {
    const reader = await openPrimed(
      source,
      options,
      "pcapng",
      "pcapng section header block",
      (magic) => magic === SHB,
      (primed) =>
        new PcapngReader(
          primed,
          new PcapngParser(options.maxPacketLength ?? DEFAULT_MAX_PACKET_LENGTH, options.onSection),
          options,
        ),
    );
    await reader.readHeader();
    return reader;
  }

  /** The current section: the one of the records being delivered. */
  get section(): PcapngSection {
    return this.#parser.section!;
  }

  /** Names from the Name Resolution Blocks read so far: address (as text) to names. */
  get names(): ReadonlyMap<string, readonly string[]> {
    return this.#parser.names;
  }
}

/** Options of {@linkcode PcapngReader.open}. */
export interface PcapngReaderOptions extends CaptureReaderOptions {
  /**
   * Called with each section when its Section Header Block is read. The section object
   * then gains its interfaces (and their statistics) as their blocks are read: keep it to
   * see the metadata of every section of a file.
   */
  onSection?: (section: PcapngSection) => void;
}

/** Options of {@linkcode PcapngWriter}: the Section Header Block. */
export interface PcapngWriterOptions {
  /** Whether to write little-endian (default `true`). */
  littleEndian?: boolean;
  /** `opt_comment` of the section. */
  comment?: string;
  /** `shb_hardware`. */
  hardware?: string;
  /** `shb_os`. */
  os?: string;
  /** `shb_userappl`. */
  userApplication?: string;
  /** How many bytes to buffer before writing to the sink (default 1 MiB). */
  bufferSize?: number;
}

/** An interface to describe with {@linkcode PcapngWriter.prototype.addInterface}. */
export interface PcapngInterfaceOptions {
  /** The link-layer header type of its packets. */
  linkType: number;
  /** The snapshot length (default 0: none); longer packets are cut. */
  snapLength?: number;
  /** `if_name`. */
  name?: string;
  /** `if_description`. */
  description?: string;
  /** `if_tsresol` (default nanoseconds: base 10, exponent 9). */
  timestampResolution?: TimestampResolution;
  /** `if_fcslen` in bytes. */
  fcsLength?: number;
  /** `opt_comment`. */
  comment?: string;
}

/** A packet to write to a pcapng file. */
export interface PcapngPacketToWrite extends PacketToWrite {
  /** The interface it was captured on (default 0). */
  interfaceId?: number;
  /** `opt_comment` options. */
  comment?: string | string[];
  /** `epb_flags`. */
  flags?: number;
}

interface WriterInterface {
  snapLength: number;
  resolution: TimestampResolution;
}

function encodeOption(out: OutputBuffer, code: number, value: Uint8Array): void {
  if (value.length > 0xffff) {
    throw new RangeError(
      `Cannot write pcapng option ${code}: value of ${value.length} bytes exceeds 65535`,
    );
  }
  out.u16(code);
  out.u16(value.length);
  out.data(value);
  out.pad4();
}

function encodeStringOptions(out: OutputBuffer, options: [number, string | undefined][]): boolean {
  let any = false;
  for (const [code, value] of options) {
    if (value === undefined) continue;
    encodeOption(out, code, utf8(value));
    any = true;
  }
  return any;
}

function beginBlock(out: OutputBuffer, type: number): number {
  const start = out.length;
  out.u32(type);
  out.u32(0);
  return start;
}

function endBlock(out: OutputBuffer, start: number, hasOptions: boolean): void {
  if (hasOptions) out.u32(0); // opt_endofopt
  const length = out.length - start + 4;
  out.u32(length);
  out.setU32(start + 4, length);
}

function encodeSectionHeader(out: OutputBuffer, options: PcapngWriterOptions): void {
  const start = beginBlock(out, SHB);
  out.u32(BOM);
  out.u16(1);
  out.u16(0);
  out.u64(-1n);
  const any = encodeStringOptions(out, [
    [1, options.comment],
    [2, options.hardware],
    [3, options.os],
    [4, options.userApplication],
  ]);
  endBlock(out, start, any);
}

function encodeInterface(out: OutputBuffer, options: PcapngInterfaceOptions): WriterInterface {
  const { linkType } = options;
  if (!Number.isInteger(linkType) || linkType < 0 || linkType > 0xffff) {
    throw new RangeError(
      `Cannot write pcapng interface: link type must be 0 to 65535, received ${linkType}`,
    );
  }
  const resolution = options.timestampResolution ?? { base: 10, exponent: 9 };
  if (
    !Number.isInteger(resolution.exponent) || resolution.exponent < 0 || resolution.exponent > 127
  ) {
    throw new RangeError(
      `Cannot write pcapng interface: timestamp exponent must be 0 to 127, received ${resolution.exponent}`,
    );
  }
  const snapLength = options.snapLength ?? 0;
  const start = beginBlock(out, 1);
  out.u16(linkType);
  out.u16(0);
  out.u32(snapLength);
  encodeStringOptions(out, [[1, options.comment], [2, options.name], [3, options.description]]);
  const tsresol = resolution.base === 2 ? 0x80 | resolution.exponent : resolution.exponent;
  encodeOption(out, 9, new Uint8Array([tsresol]));
  if (options.fcsLength !== undefined) encodeOption(out, 13, new Uint8Array([options.fcsLength]));
  endBlock(out, start, true);
  return { snapLength, resolution };
}

function encodeEnhancedPacket(
  out: OutputBuffer,
  interfaces: WriterInterface[],
  packet: PcapngPacketToWrite,
): void {
  const interfaceId = packet.interfaceId ?? 0;
  const iface = interfaces[interfaceId];
  if (iface === undefined) {
    throw new RangeError(
      `Cannot write pcapng packet: interface ${interfaceId} is not described (${interfaces.length} are)`,
    );
  }
  const data = packet.data;
  const capturedLength = iface.snapLength > 0 && data.length > iface.snapLength
    ? iface.snapLength
    : data.length;
  const units = nanosecondsToUnits(packet.timestamp, iface.resolution);
  if (units < 0n || units >= 1n << 64n) {
    throw new RangeError(
      `Cannot write pcapng packet: timestamp ${packet.timestamp} is out of range`,
    );
  }
  out.reserve(32 + capturedLength + 8);
  const start = beginBlock(out, 6);
  out.u32(interfaceId);
  out.u32(Number(units >> 32n));
  out.u32(Number(units & 0xffffffffn));
  out.u32(capturedLength);
  out.u32(Math.max(packet.originalLength ?? data.length, data.length));
  out.data(capturedLength === data.length ? data : data.subarray(0, capturedLength));
  out.pad4();
  let any = false;
  const comments = packet.comment === undefined
    ? []
    : typeof packet.comment === "string"
    ? [packet.comment]
    : packet.comment;
  for (const comment of comments) {
    encodeOption(out, 1, utf8(comment));
    any = true;
  }
  if (packet.flags !== undefined) {
    out.u16(2);
    out.u16(4);
    out.u32(packet.flags >>> 0);
    any = true;
  }
  endBlock(out, start, any);
}

/** What {@linkcode pcapngBytes} builds: a section with its interfaces and packets. */
export interface PcapngFileSpec extends PcapngWriterOptions {
  /** The interfaces, described before the packets. */
  interfaces: PcapngInterfaceOptions[];
  /** The packets, in order. */
  packets: Iterable<PcapngPacketToWrite>;
}

/**
 * Builds a whole one-section pcapng file in memory. Concatenate the results to make a file
 * of several sections.
 *
 * @param spec The section options, interfaces and packets.
 * @returns The file bytes.
 *
 * @example Build a big-endian file with one packet
 * ```ts
 * import { pcapngBytes } from "./pcapng.ts";
 * import assert from "node:assert/strict";
 *
 * const bytes = pcapngBytes({
 *   littleEndian: false,
 *   interfaces: [{ linkType: 1 }],
 *   packets: [{ timestamp: 0n, data: new Uint8Array(4) }],
 * });
 * assert.deepEqual([...bytes.subarray(8, 12)], [0x1a, 0x2b, 0x3c, 0x4d]);
 * ```
 */
export function pcapngBytes(spec: PcapngFileSpec): Uint8Array {
  const out = new OutputBuffer(4096, spec.littleEndian ?? true);
  encodeSectionHeader(out, spec);
  const interfaces = spec.interfaces.map((options) => encodeInterface(out, options));
  for (const packet of spec.packets) encodeEnhancedPacket(out, interfaces, packet);
  return out.bytes.slice(0, out.length);
}

/**
 * A buffered writer of pcapng files: one section, with the interfaces added by
 * {@linkcode PcapngWriter.prototype.addInterface}, and Enhanced Packet Blocks. Writes to a
 * `Deno.FsFile`, a `WritableStream` or any object with `write(p): Promise<number>`;
 * `close()` flushes, and closes a stream (a file stays open for its owner to close).
 *
 * @example Write two interfaces and a packet, then read them back
 * ```ts
 * import { PcapngReader, PcapngWriter } from "./pcapng.ts";
 * import assert from "node:assert/strict";
 *
 * const chunks: Uint8Array[] = [];
 * const sink = new WritableStream<Uint8Array>({ write(chunk) { chunks.push(chunk); } });
 * {
 *   await using writer = new PcapngWriter(sink, { userApplication: "wirekit" });
 *   writer.addInterface({ linkType: 1, name: "eth0" });
 *   const lo = writer.addInterface({ linkType: 0, name: "lo" });
 *   await writer.write({ timestamp: 42n, data: new Uint8Array(8), interfaceId: lo, flags: 1 });
 * }
 * await using reader = await PcapngReader.open(ReadableStream.from(chunks));
 * const [record] = await Array.fromAsync(reader);
 * assert.equal(record?.interfaceId, 1);
 * assert.equal(record?.linkType, 0);
 * assert.equal(record?.flags, 1);
 * assert.equal(reader.section.userApplication, "wirekit");
 * ```
 */
export class PcapngWriter implements AsyncDisposable {
  #out: OutputBuffer;
  #sink: SinkWriter;
  #bufferSize: number;
  #interfaces: WriterInterface[] = [];
  #closed = false;

  /**
   * Creates a writer and buffers the Section Header Block.
   *
   * @param sink Where to write.
   * @param options The section options.
   */
  constructor(sink: ByteSink, options: PcapngWriterOptions = {}) {
    this.#bufferSize = options.bufferSize ?? DEFAULT_BUFFER_SIZE;
    this.#out = new OutputBuffer(this.#bufferSize, options.littleEndian ?? true);
    this.#sink = new SinkWriter(sink);
    encodeSectionHeader(this.#out, options);
  }

  /**
   * Buffers an Interface Description Block.
   *
   * @param options The interface.
   * @returns Its interface id, for {@linkcode PcapngWriter.prototype.write}.
   */
  addInterface(options: PcapngInterfaceOptions): number {
    if (this.#closed) throw new TypeError("Cannot add pcapng interface: the writer is closed");
    this.#interfaces.push(encodeInterface(this.#out, options));
    return this.#interfaces.length - 1;
  }

  /**
   * Buffers an Enhanced Packet Block, writing the buffer to the sink when it is full.
   *
   * @param packet The packet.
   * @returns When the packet is buffered (or written).
   */
  async write(packet: PcapngPacketToWrite): Promise<void> {
    if (this.#closed) throw new TypeError("Cannot write pcapng packet: the writer is closed");
    encodeEnhancedPacket(this.#out, this.#interfaces, packet);
    if (this.#out.length >= this.#bufferSize) await this.flush();
  }

  /**
   * Writes the buffered bytes to the sink.
   *
   * @returns When they are written.
   */
  async flush(): Promise<void> {
    await flushTo(this.#out, this.#sink);
  }

  /**
   * Flushes, then closes a stream sink. Idempotent.
   *
   * @returns When done.
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.flush();
    await this.#sink.close();
  }

  /**
   * Same as {@linkcode PcapngWriter.prototype.close}, for `await using`.
   *
   * @returns When done.
   */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}
