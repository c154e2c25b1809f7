/**
 * The accumulator behind `summarizeCapture`: {@linkcode CaptureStatistics},
 * the figures it counts ({@linkcode PacketStatistics}) and the table of the layer kinds
 * it tallies. Private to `capture_summary.ts`, which re-exports its public names.
 *
 * @module
 */

import { PacketParser } from "../decode.ts";
import type { DecodeOptions } from "../decode.ts";
import type { Layer, LayerKind } from "../layer_map.ts";
import { linkTypeName } from "../link_type.ts";
import type { CaptureBatch, CaptureRecord, OversizedFraction } from "../formats/capture_reader.ts";
import { grown } from "../_grown.ts";

/** The layer kinds in the order summaries list them: link, network, transport. */
const KNOWN_KINDS: readonly LayerKind[] = [
  "ethernet",
  "llc",
  "vlan",
  "sll",
  "sll2",
  "loopback",
  "arp",
  "ipv4",
  "ipv6",
  "ipv6-hop-by-hop",
  "ipv6-routing",
  "ipv6-fragment",
  "ipv6-destination",
  "ah",
  "esp",
  "icmp",
  "icmpv6",
  "tcp",
  "udp",
];

/** Packets of one link type. */
export interface LinkTypeCount {
  /** The `LINKTYPE_*` number. */
  linkType: number;
  /** Its name without `LINKTYPE_`, such as `EN10MB`. */
  name: string;
  /** How many packets have it. */
  packets: number;
}

/** Counts of the packets whose decoding stopped at a bad header. */
export interface DecodeErrorCounts {
  /** Packets with a header cut short by the capture. */
  truncated: number;
  /** Packets with a header field holding an impossible value. */
  malformed: number;
}

/**
 * What {@linkcode CaptureStatistics} counts over the packets it saw. Times are `bigint`
 * nanoseconds since the epoch written as decimal strings (JSON has no bigint); `null`
 * stands for "not applicable" (capinfos' `n/a`).
 */
export interface PacketStatistics {
  /** Number of packets. */
  packets: number;
  /** Sum of the packets' lengths on the wire, in bytes (capinfos' "Data size"). */
  dataSize: number;
  /** Sum of the captured lengths, in bytes. */
  capturedSize: number;
  /** Last minus first packet time, in seconds; 0 for fewer than two packets. */
  captureDuration: number;
  /** The earliest packet time, in nanoseconds since the epoch, or `null` without packets. */
  firstPacketTime: string | null;
  /** The latest packet time, in nanoseconds since the epoch, or `null` without packets. */
  lastPacketTime: string | null;
  /** The interface id of the (first) packet with the earliest time; `null` without packets. */
  firstPacketInterface: number | null;
  /** The interface id of the (first) packet with the latest time; `null` without packets. */
  lastPacketInterface: number | null;
  /** Data size divided by the duration, in bytes per second; `null` for a zero duration. */
  dataByteRate: number | null;
  /** Eight times the byte rate. */
  dataBitRate: number | null;
  /** Data size divided by the packet count, in bytes; `null` without packets. */
  averagePacketSize: number | null;
  /** Packets per second; `null` for a zero duration. */
  averagePacketRate: number | null;
  /** Whether every packet's time is at or after the one before it. */
  strictTimeOrder: boolean;
  /**
   * The smallest and largest captured length among packets cut short by the capture
   * (captured length below the original length), which tell the snapshot length that was
   * used; `null` when no packet was cut.
   */
  inferredSnapLength: { min: number; max: number } | null;
  /** The link types of the packets, in order of first appearance. */
  linkTypes: LinkTypeCount[];
  /** Packets per interface id (pcapng; all 0 for pcap), keyed by the id. */
  interfacePackets: Record<string, number>;
  /**
   * For each layer kind, how many packets contain at least one such layer, such as
   * `{ ethernet: 32, ipv4: 30, udp: 20, icmp: 10 }`; kinds no packet holds are left out.
   */
  protocols: Record<string, number>;
  /** Packets whose decoding stopped at a truncated or malformed header. */
  decodeErrors: DecodeErrorCounts;
}

/**
 * Accumulates the statistics of a capture, batch by batch (or record by record), and
 * counts the packets holding each protocol by decoding them with one reused
 * {@linkcode PacketParser}. Adding a batch allocates nothing per packet (only a
 * `DecodeError` for a packet that does not decode cleanly); times are compared as
 * seconds and nanoseconds, never as `bigint`.
 *
 * @example Count the protocols of two packets
 * ```ts
 * import { CaptureStatistics } from "./capture_summary.ts";
 * import { LinkType } from "../link_type.ts";
 * import assert from "node:assert/strict";
 *
 * const udp = new Uint8Array(42);
 * udp.set([0x08, 0x00, 0x45, 0, 0, 28, 0, 0, 0, 0, 64, 17], 12);
 * udp.set([0x30, 0x39, 0, 53, 0, 8], 34);
 * const stats = new CaptureStatistics();
 * const record = { capturedLength: 42, originalLength: 60, interfaceId: 0, linkType: LinkType.EN10MB };
 * stats.addRecord({ ...record, timestamp: 1_000_000_000n, data: udp });
 * stats.addRecord({ ...record, timestamp: 3_000_000_000n, data: udp.subarray(0, 20), capturedLength: 20 });
 * const result = stats.result();
 * assert.equal(result.packets, 2);
 * assert.equal(result.dataSize, 120);
 * assert.equal(result.captureDuration, 2);
 * assert.equal(result.dataByteRate, 60);
 * assert.deepEqual(result.protocols, { ethernet: 2, ipv4: 1, udp: 1 });
 * assert.deepEqual(result.decodeErrors, { truncated: 1, malformed: 0 });
 * ```
 */
export class CaptureStatistics {
  #parser: PacketParser;
  #packets = 0;
  #dataSize = 0;
  #capturedSize = 0;
  // Earliest and latest time, and the previous packet's time, as seconds + nanoseconds.
  #firstSeconds = Infinity;
  #firstNanoseconds = 0;
  #lastSeconds = -Infinity;
  #lastNanoseconds = 0;
  #firstTimeInterface = 0;
  #lastTimeInterface = 0;
  #previousSeconds = -Infinity;
  #previousNanoseconds = 0;
  #strictTimeOrder = true;
  #cutMin = Infinity;
  #cutMax = -1;
  #linkTypeValues: number[] = [];
  #linkTypeCounts: number[] = [];
  #lastLinkType = -1;
  #lastLinkTypeIndex = -1;
  #interfaceIds: number[] = [];
  #interfaceCounts: number[] = [];
  #lastInterface = -1;
  #lastInterfaceIndex = -1;
  // Layer kind to a small index, assigned once; counts and the last packet each was seen in.
  #kindIndex = new Map<string, number>();
  // The parser reuses its layer objects, whose kind never changes: the layer seen last at
  // each depth and its kind's index, so that most layers skip reading `kind` (a load
  // from one of many layer classes) and the map lookup.
  #depthLayers: (Layer | undefined)[] = [];
  #depthKinds: number[] = [];
  #kinds: string[] = [];
  #kindCounts = new Float64Array(32);
  #kindStamps = new Float64Array(32);
  #truncated = 0;
  #malformed = 0;

  /**
   * Makes an empty accumulator.
   *
   * @param options How packets are decoded: the registry, FCS length and layer limit.
   */
  constructor(options: DecodeOptions = {}) {
    this.#parser = new PacketParser(options);
    for (const kind of KNOWN_KINDS) this.#indexOf(kind);
  }

  /** How many packets were added so far. */
  get packets(): number {
    return this.#packets;
  }

  /**
   * Adds the records of a batch, from a reader's `batches()`: the fast path.
   *
   * @param batch The batch; it is read now and not kept.
   * @returns Nothing.
   */
  addBatch(batch: CaptureBatch): void {
    const count = batch.count;
    const buffer = batch.buffer;
    const offsets = batch.offsets;
    const capturedLengths = batch.capturedLengths;
    const originalLengths = batch.originalLengths;
    const linkTypes = batch.linkTypes;
    const interfaceIds = batch.interfaceIds;
    const seconds = batch.seconds;
    const nanoseconds = batch.nanoseconds;
    const oversized = batch.oversizedFractions;
    for (let i = 0; i < count; i++) {
      const offset = offsets[i]!;
      const raw = oversized.size === 0 ? undefined : oversized.get(i);
      this.#add(
        linkTypes[i]!,
        buffer,
        offset,
        offset + capturedLengths[i]!,
        originalLengths[i]!,
        interfaceIds[i]!,
        raw === undefined ? seconds[i]! : raw.seconds,
        raw === undefined ? nanoseconds[i]! : wiretapNanoseconds(raw),
      );
    }
  }

  /**
   * Adds one record, from a reader's `for await` iteration (or built by hand).
   *
   * @param record The record.
   * @returns Nothing.
   */
  addRecord(record: CaptureRecord): void {
    const ns = record.timestamp % 1_000_000_000n;
    const floor = ns < 0n ? ns + 1_000_000_000n : ns;
    const seconds = Number((record.timestamp - floor) / 1_000_000_000n);
    const data = record.data;
    this.#add(
      record.linkType,
      data,
      0,
      data.length,
      record.originalLength,
      record.interfaceId,
      seconds,
      Number(floor),
    );
  }

  #add(
    linkType: number,
    data: Uint8Array,
    offset: number,
    end: number,
    originalLength: number,
    interfaceId: number,
    seconds: number,
    nanoseconds: number,
  ): void {
    const packet = ++this.#packets;
    const captured = end - offset;
    this.#dataSize += originalLength;
    this.#capturedSize += captured;
    if (captured < originalLength) {
      if (captured < this.#cutMin) this.#cutMin = captured;
      if (captured > this.#cutMax) this.#cutMax = captured;
    }
    if (
      seconds < this.#firstSeconds ||
      (seconds === this.#firstSeconds && nanoseconds < this.#firstNanoseconds)
    ) {
      this.#firstSeconds = seconds;
      this.#firstNanoseconds = nanoseconds;
      this.#firstTimeInterface = interfaceId;
    }
    if (
      seconds > this.#lastSeconds ||
      (seconds === this.#lastSeconds && nanoseconds > this.#lastNanoseconds)
    ) {
      this.#lastSeconds = seconds;
      this.#lastNanoseconds = nanoseconds;
      this.#lastTimeInterface = interfaceId;
    }
    if (
      seconds < this.#previousSeconds ||
      (seconds === this.#previousSeconds && nanoseconds < this.#previousNanoseconds)
    ) {
      this.#strictTimeOrder = false;
    }
    this.#previousSeconds = seconds;
    this.#previousNanoseconds = nanoseconds;

    if (linkType !== this.#lastLinkType) {
      let index = this.#linkTypeValues.indexOf(linkType);
      if (index < 0) {
        index = this.#linkTypeValues.push(linkType) - 1;
        this.#linkTypeCounts.push(0);
      }
      this.#lastLinkType = linkType;
      this.#lastLinkTypeIndex = index;
    }
    this.#linkTypeCounts[this.#lastLinkTypeIndex]!++;
    if (interfaceId !== this.#lastInterface) {
      let index = this.#interfaceIds.indexOf(interfaceId);
      if (index < 0) {
        index = this.#interfaceIds.push(interfaceId) - 1;
        this.#interfaceCounts.push(0);
      }
      this.#lastInterface = interfaceId;
      this.#lastInterfaceIndex = index;
    }
    this.#interfaceCounts[this.#lastInterfaceIndex]!++;

    const parser = this.#parser;
    const layers = parser.layers;
    const count = parser.parse(linkType, data, offset, end);
    let counts = this.#kindCounts;
    let stamps = this.#kindStamps;
    const depthLayers = this.#depthLayers;
    const depthKinds = this.#depthKinds;
    for (let i = 0; i < count; i++) {
      const layer = layers[i]!;
      let index: number;
      if (depthLayers[i] === layer) {
        index = depthKinds[i]!;
      } else {
        index = this.#indexOf(layer.kind);
        depthLayers[i] = layer;
        depthKinds[i] = index;
        // A new kind may have grown the arrays.
        counts = this.#kindCounts;
        stamps = this.#kindStamps;
      }
      if (stamps[index] !== packet) {
        stamps[index] = packet;
        counts[index]!++;
      }
    }
    const error = parser.error;
    if (error !== undefined) {
      if (error.code === "truncated") this.#truncated++;
      else this.#malformed++;
    }
  }

  #indexOf(kind: string): number {
    const known = this.#kindIndex.get(kind);
    if (known !== undefined) return known;
    const index = this.#kinds.push(kind) - 1;
    this.#kindIndex.set(kind, index);
    if (index >= this.#kindCounts.length) {
      this.#kindCounts = grown(this.#kindCounts, this.#kindCounts.length * 2);
      this.#kindStamps = grown(this.#kindStamps, this.#kindStamps.length * 2);
    }
    return index;
  }

  /**
   * Returns the statistics of the packets added so far.
   *
   * @returns A plain object, ready for `JSON.stringify`.
   */
  result(): PacketStatistics {
    const packets = this.#packets;
    const hasPackets = packets > 0;
    const duration = hasPackets
      ? (this.#lastSeconds - this.#firstSeconds) +
        (this.#lastNanoseconds - this.#firstNanoseconds) / 1e9
      : 0;
    const rated = duration > 0;
    const protocols: Record<string, number> = {};
    for (let i = 0; i < this.#kinds.length; i++) {
      const n = this.#kindCounts[i]!;
      if (n > 0) protocols[this.#kinds[i]!] = n;
    }
    const interfacePackets: Record<string, number> = {};
    const order = this.#interfaceIds.map((id, i) => [id, i] as const).sort((a, b) => a[0] - b[0]);
    for (const [id, i] of order) interfacePackets[id] = this.#interfaceCounts[i]!;
    return {
      packets,
      dataSize: this.#dataSize,
      capturedSize: this.#capturedSize,
      captureDuration: duration,
      firstPacketTime: hasPackets
        ? nanosecondString(this.#firstSeconds, this.#firstNanoseconds)
        : null,
      lastPacketTime: hasPackets
        ? nanosecondString(this.#lastSeconds, this.#lastNanoseconds)
        : null,
      firstPacketInterface: hasPackets ? this.#firstTimeInterface : null,
      lastPacketInterface: hasPackets ? this.#lastTimeInterface : null,
      dataByteRate: rated ? this.#dataSize / duration : null,
      dataBitRate: rated ? (this.#dataSize * 8) / duration : null,
      averagePacketSize: hasPackets ? this.#dataSize / packets : null,
      averagePacketRate: rated ? packets / duration : null,
      strictTimeOrder: this.#strictTimeOrder,
      inferredSnapLength: this.#cutMax < 0 ? null : { min: this.#cutMin, max: this.#cutMax },
      linkTypes: this.#linkTypeValues.map((linkType, i) => ({
        linkType,
        name: linkTypeName(linkType),
        packets: this.#linkTypeCounts[i]!,
      })),
      interfacePackets,
      protocols,
      decodeErrors: { truncated: this.#truncated, malformed: this.#malformed },
    };
  }
}

function nanosecondString(seconds: number, nanoseconds: number): string {
  return (BigInt(seconds) * 1_000_000_000n + BigInt(nanoseconds)).toString();
}

/**
 * The nanoseconds capinfos (Wireshark's wiretap) keeps for an invalid pcap timestamp: the
 * raw field, times 1000 for microseconds, in a C `int` (it wraps), not carried over into the
 * seconds; its first and last packet times compare the seconds field first.
 */
function wiretapNanoseconds(raw: OversizedFraction): number {
  return raw.nano ? raw.fraction | 0 : Math.imul(raw.fraction, 1000);
}
