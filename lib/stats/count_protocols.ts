/**
 * The fastest way through a capture file: decode every packet to layer 4 and count the
 * packets that hold each protocol, as a C program over libpcap would.
 *
 * @module
 */

import { LayerParser } from "../packet_parser.ts";
import { openCapture } from "../formats/open_capture.ts";
import type { CaptureSource } from "../formats/capture_reader.ts";
import type { Registry } from "../_registry.ts";
import { transportRegistry } from "../transport_protocols.ts";

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
  const parser = new LayerParser({ registry: options.registry ?? transportRegistry() });
  const layers = parser.layers;
  const kinds: string[] = [];
  const kindIndex = new Map<string, number>();
  // Per kind: packets that hold it, and the last packet counted, so a kind counts once.
  let counts = new Float64Array(16);
  let stamps = new Float64Array(16).fill(-1);
  // Layer objects are reused per depth: remember the kind index of each, skipping the map.
  const depthLayers: unknown[] = [];
  const depthIndexes: number[] = [];
  let packets = 0;
  let truncated = 0;
  let malformed = 0;
  await using reader = await openCapture(source);
  for await (const batch of reader.batches({ reuseBuffers: true })) {
    const { buffer, offsets, capturedLengths, linkTypes } = batch;
    for (let i = 0; i < batch.count; i++) {
      const offset = offsets[i]!;
      const count = parser.parse(linkTypes[i]!, buffer, offset, offset + capturedLengths[i]!);
      for (let j = 0; j < count; j++) {
        const layer = layers[j]!;
        let index: number;
        if (depthLayers[j] === layer) {
          index = depthIndexes[j]!;
        } else {
          index = kindIndex.get(layer.kind) ?? -1;
          if (index < 0) {
            index = kinds.push(layer.kind) - 1;
            kindIndex.set(layer.kind, index);
            if (index === counts.length) {
              counts = grown(counts, 0);
              stamps = grown(stamps, -1);
            }
          }
          depthLayers[j] = layer;
          depthIndexes[j] = index;
        }
        if (stamps[index] !== packets) {
          stamps[index] = packets;
          counts[index]!++;
        }
      }
      const error = parser.error;
      if (error !== undefined) {
        if (error.code === "truncated") truncated++;
        else malformed++;
      }
      packets++;
    }
  }
  const protocols: Record<string, number> = {};
  kinds.forEach((kind, index) => protocols[kind] = counts[index]!);
  return { packets, protocols, decodeErrors: { truncated, malformed } };
}

/** A copy of `array` twice as long, the new half filled with `fill`. */
function grown(array: Float64Array, fill: number): Float64Array<ArrayBuffer> {
  const copy = new Float64Array(array.length * 2).fill(fill);
  copy.set(array);
  return copy;
}
