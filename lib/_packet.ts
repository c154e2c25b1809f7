/**
 * {@linkcode Packet}, what `decode()` returns, and the decoding behind it, with no
 * default registry: `decode.ts` adds that. Private: `decode.ts` exports it.
 *
 * @module
 */

import type { DecodeError } from "./errors.ts";
import type { Layer, LayerKind, LayerMap } from "./layer_map.ts";
import type { Registry } from "./_registry.ts";
import { layersToJson } from "./_layers_json.ts";
import { type DecodedPacket, type DecodeOptions, LayerParser } from "./packet_parser.ts";

/**
 * A decoded packet: its layers, outermost first, and what could not be decoded.
 */
export class Packet implements DecodedPacket {
  /** The `LINKTYPE_*` number it was decoded with. */
  readonly linkType: number;
  /** The packet's bytes. */
  readonly data: Uint8Array;
  /** The decoded layers, outermost first. */
  readonly layers: readonly Layer[];
  /** Why decoding stopped early, if it did: the typed error marker. */
  readonly error: DecodeError | undefined;
  /** Offset in `data` of what no decoder read. */
  readonly payloadOffset: number;
  /** End of what no decoder read. */
  readonly payloadEnd: number;
  /** The bytes that `payloadOffset` and `payloadEnd` are offsets in (see `payload`). */
  readonly payloadData: Uint8Array;

  /**
   * Wraps what a parser decoded; use {@linkcode decode} to make one.
   *
   * @param linkType The link type.
   * @param parser A non-reusing parser right after `parse()`.
   */
  constructor(linkType: number, parser: LayerParser) {
    this.linkType = linkType;
    this.data = parser.data;
    this.layers = parser.layers.slice(0, parser.count);
    this.error = parser.error;
    this.payloadOffset = parser.payloadOffset;
    this.payloadEnd = parser.payloadEnd;
    this.payloadData = parser.payloadData;
  }

  /** Number of decoded layers (`layers.length`). */
  get count(): number {
    return this.layers.length;
  }

  /** The bytes after the last decoded header that no decoder read (a view). */
  get payload(): Uint8Array {
    // The last layer's bytes: an un-escaped PPP frame's layers read a copy.
    return this.payloadData.subarray(this.payloadOffset, this.payloadEnd);
  }

  /**
   * Returns the first layer of a kind.
   *
   * @param kind The layer kind, such as `"ipv4"`.
   * @returns The layer, or `undefined` when the packet has none.
   */
  layer<K extends LayerKind>(kind: K): LayerMap[K] | undefined {
    return this.layers.find((layer) => layer.kind === kind) as LayerMap[K] | undefined;
  }

  /**
   * Returns the packet as a plain object: each layer keyed by its kind (a repeated kind
   * gets `_2`, `_3`... suffixes), plus `error` when decoding stopped early.
   */
  toJSON(): Record<string, unknown> {
    return layersToJson(this.layers, this.layers.length, this.error);
  }
}

// Weak keys: a registry that the caller drops (a `clone()` per call) does not leak.
const parsers = new WeakMap<Registry, LayerParser>();
const EMPTY = new Uint8Array(0);

/**
 * Decodes a packet with a registry: `decode()` without its default, for modules that
 * must not load every decoder (the pipeline of `sniff.ts`).
 *
 * @param linkType The `LINKTYPE_*` number.
 * @param data The captured bytes.
 * @param options The registry, FCS length and layer limit.
 * @returns The packet.
 */
export function decodeWith(
  linkType: number,
  data: Uint8Array,
  options: DecodeOptions & { registry: Registry },
): Packet {
  const simple = options.fcsLength === undefined && options.maxLayers === undefined;
  const registry = options.registry;
  let parser = simple ? parsers.get(registry) : undefined;
  if (parser === undefined) {
    parser = new LayerParser(options, false);
    if (simple) parsers.set(registry, parser);
  }
  parser.parse(linkType, data, 0, data.length, options.originalLength);
  const packet = new Packet(linkType, parser);
  // The cached parser must not keep the last packet's bytes and layers alive.
  parser.data = EMPTY;
  parser.layers.length = 0;
  return packet;
}
