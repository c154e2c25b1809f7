/**
 * The fastest way through a capture file: decode every packet to layer 4 and count the
 * packets that hold each protocol, as a C program over libpcap would.
 *
 * @module
 */

import { LayerParser } from "../packet_parser.ts";
import { openCapture } from "../formats/open_capture.ts";
import type { CaptureBatch, CaptureSource } from "../formats/capture_reader.ts";
import type { Registry } from "../_registry.ts";
import { transportRegistry } from "../transport_protocols.ts";
import { grown } from "../_grown.ts";

/** What {@linkcode countProtocols} counted. */
export interface ProtocolCounts {
  /** Packets read. */
  packets: number;
  /** Packets that hold each layer kind (a kind repeated in one packet counts once). */
  protocols: Record<string, number>;
  /** Packets whose decoding stopped at a truncated or malformed header. */
  decodeErrors: { truncated: number; malformed: number };
}

/** Options of {@linkcode countProtocols}. */
export interface CountProtocolsOptions {
  /**
   * Where decoders are looked up (default: the decoders of layers 2 to 4 only, from
   * `transport_protocols.ts`, so that decoding stops at layer 4 and no other is loaded).
   */
  registry?: Registry;
}

/**
 * Reads a pcap or pcapng capture and counts the packets holding each protocol up to
 * layer 4 (Ethernet, VLAN, ARP, IPv4, IPv6 and its extension headers, TCP, UDP, ICMP...).
 * It decodes with one {@linkcode LayerParser} over the reader's batches, reusing chunk
 * buffers: nothing is allocated per packet.
 *
 * @param source A file path, an open file, or a stream of the capture's bytes.
 * @param options The registry to decode with.
 * @returns The packet count, the count of each protocol and the decode errors.
 * @throws {CaptureFileError} When the file is not a capture or is damaged.
 *
 * @example Count the protocols of a one-packet capture
 * ```ts
 * import { countProtocols } from "./count_protocols.ts";
 * import { pcapBytes } from "../formats/pcap.ts";
 * import assert from "node:assert/strict";
 *
 * const frame = new Uint8Array(14 + 20 + 8);
 * frame.set([0x08, 0x00, 0x45, 0, 0, 28, 0, 0, 0, 0, 64, 17], 12);
 * frame.set([0, 53, 0, 53, 0, 8], 34);
 * const bytes = pcapBytes([{ timestamp: 0n, data: frame }]);
 * const counts = await countProtocols(ReadableStream.from([bytes]));
 * assert.equal(counts.packets, 1);
 * assert.deepEqual(counts.protocols, { ethernet: 1, ipv4: 1, udp: 1 });
 * ```
 */
export async function countProtocols(
  source: CaptureSource,
  options: CountProtocolsOptions = {},
): Promise<ProtocolCounts> {
  const counter = new ProtocolCounter(options.registry ?? transportRegistry());
  await using reader = await openCapture(source);
  for await (const batch of reader.batches({ reuseBuffers: true })) counter.add(batch);
  return counter.result();
}

/**
 * Decodes and counts batch by batch. The per-packet loop sits in a plain method rather
 * than in the async function: an async function's loop, compiled while it runs, is left at
 * every `await` of the next batch, and runs unoptimised until a later compile.
 */
class ProtocolCounter {
  readonly #parser: LayerParser;
  // Per kind id: packets that hold the kind, and the number (from 1) of the last packet
  // counted, so a kind repeated in one packet counts once.
  #counts = new Float64Array(16);
  #stamps = new Float64Array(16);
  #packets = 0;
  #truncated = 0;
  #malformed = 0;

  constructor(registry: Registry) {
    this.#parser = new LayerParser({ registry });
  }

  /** Decodes and counts the packets of one batch. */
  add(batch: CaptureBatch): void {
    const parser = this.#parser;
    const kindIds = parser.kindIds;
    const kinds = parser.kinds;
    const { buffer, offsets, capturedLengths, linkTypes } = batch;
    const n = batch.count;
    let counts = this.#counts;
    let stamps = this.#stamps;
    let packets = this.#packets;
    for (let i = 0; i < n; i++) {
      packets++;
      const offset = offsets[i]!;
      const count = parser.parse(linkTypes[i]!, buffer, offset, offset + capturedLengths[i]!);
      if (kinds.length > counts.length) {
        const length = Math.max(kinds.length, counts.length * 2);
        this.#counts = counts = grown(counts, length);
        this.#stamps = stamps = grown(stamps, length);
      }
      for (let j = 0; j < count; j++) {
        const id = kindIds[j]!;
        if (stamps[id] !== packets) {
          stamps[id] = packets;
          counts[id]!++;
        }
      }
      const error = parser.error;
      if (error !== undefined) {
        if (error.code === "truncated") this.#truncated++;
        else this.#malformed++;
      }
    }
    this.#packets = packets;
  }

  /** The counts so far. */
  result(): ProtocolCounts {
    const protocols: Record<string, number> = {};
    const counts = this.#counts;
    this.#parser.kinds.forEach((kind, id) => {
      if (counts[id]! > 0) protocols[kind] = counts[id]!;
    });
    return {
      packets: this.#packets,
      protocols,
      decodeErrors: { truncated: this.#truncated, malformed: this.#malformed },
    };
  }
}
