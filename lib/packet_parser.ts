/**
 * The reusable packet decoder for hot loops, {@linkcode LayerParser}, and the types it
 * shares with `decode.ts`. It imports no decoder: the registry given says which are used.
 *
 * @module
 */

import { DecodeError } from "./errors.ts";
import { layersToJson } from "./_layers_json.ts";
import type { DecodeContext, LayerDecoder } from "./layer.ts";
import type { Layer, LayerKind, LayerMap } from "./layer_map.ts";
import type { Registry } from "./_registry.ts";

/** Options of {@linkcode decode}, {@linkcode decodeStrict} and {@linkcode PacketParser}. */
export interface DecodeOptions {
  /** Where decoders are looked up; `defaultRegistry` (of `registry.ts`) by default. */
  registry?: Registry;
  /** Bytes of frame check sequence at the end of each frame, not decoded (default 0). */
  fcsLength?: number;
  /** The most layers decoded in one packet, against endless tunnels (default 32). */
  maxLayers?: number;
}

/**
 * A decoded packet, as both {@linkcode Packet} (from `decode()`) and {@linkcode PacketParser}
 * (after `parse()`) present it: code that only reads a packet takes this.
 */
export interface DecodedPacket {
  /** The `LINKTYPE_*` number it was decoded with. */
  readonly linkType: number;
  /** The packet's bytes (for a parser, the buffer that holds them). */
  readonly data: Uint8Array;
  /** The decoded layers, outermost first; only the first {@linkcode count} are valid. */
  readonly layers: readonly Layer[];
  /** Number of decoded layers. */
  readonly count: number;
  /** Why decoding stopped early, if it did. */
  readonly error: DecodeError | undefined;
  /** Offset in `data` of what no decoder read. */
  readonly payloadOffset: number;
  /** End of what no decoder read. */
  readonly payloadEnd: number;
  /**
   * Returns the first layer of a kind.
   *
   * @param kind The layer kind, such as `"tcp"`.
   * @returns The layer, or `undefined` when the packet has none.
   */
  layer<K extends LayerKind>(kind: K): LayerMap[K] | undefined;
}

/**
 * The {@linkcode PacketParser} of `decode.ts` with no default registry: the registry is
 * given, so that a program decoding a few protocols loads only their decoders (the default
 * registry loads them all). `countProtocols()` uses it with the layer 2 to 4 registry.
 *
 * @example Decode to layer 4 only
 * ```ts
 * import { LayerParser } from "./packet_parser.ts";
 * import { transportRegistry } from "./transport_protocols.ts";
 * import { LinkType } from "./link_type.ts";
 * import assert from "node:assert/strict";
 *
 * const frame = new Uint8Array(14 + 20 + 8 + 12);
 * frame.set([0x08, 0x00, 0x45, 0, 0, 40, 0, 0, 0, 0, 64, 17], 12);
 * frame.set([0, 53, 0, 53, 0, 20], 34);
 * const parser = new LayerParser({ registry: transportRegistry() });
 * assert.equal(parser.parse(LinkType.EN10MB, frame), 3);
 * assert.equal(parser.get("udp")?.destinationPort, 53);
 * ```
 */
export class LayerParser implements DecodedPacket {
  /** The link type of the last `parse()`. */
  linkType = 1;
  /** The layers of the last packet; only the first {@linkcode count} are valid. */
  readonly layers: Layer[] = [];
  /** Number of layers that the last `parse()` decoded. */
  count = 0;
  /** Why the last packet stopped decoding early, if it did. */
  error: DecodeError | undefined = undefined;
  /** Offset in the packet bytes of what no decoder read. */
  payloadOffset = 0;
  /** End of what no decoder read. */
  payloadEnd = 0;
  /** The packet bytes of the last `parse()`. */
  data: Uint8Array = new Uint8Array(0);
  readonly #registry: Registry;
  readonly #fcsLength: number;
  readonly #maxLayers: number;
  readonly #reuse: boolean;
  readonly #context: DecodeContext;
  // One layer object per depth and decoder, so that no object serves twice in a packet.
  readonly #depthCaches: Map<LayerDecoder, Layer>[] = [];
  // Packets of one capture mostly repeat their layering: remember the decoder and layer
  // last used at each depth, so that most layers skip the dispatch check and the map.
  readonly #depthDecoders: (LayerDecoder | undefined)[] = [];
  readonly #depthLayers: Layer[] = [];

  /**
   * Makes a parser.
   *
   * @param options The registry, FCS length and layer limit.
   * @param reuse Reuse layer objects across packets (default `true`); `decode()` passes
   * `false` so that every packet gets layers of its own.
   */
  constructor(options: DecodeOptions & { registry: Registry }, reuse = true) {
    this.#registry = options.registry;
    this.#fcsLength = options.fcsLength ?? 0;
    this.#maxLayers = options.maxLayers ?? 32;
    this.#reuse = reuse;
    this.#context = {
      tables: this.#registry,
      network: undefined,
      transport: undefined,
      gre: undefined,
    };
  }

  /**
   * Returns the last packet as a plain object, as `Packet.toJSON()` does: each decoded
   * layer keyed by its kind (a repeated kind gets `_2`, `_3`...), plus `error` when
   * decoding stopped early. Stringify it before the next `parse()`: byte fields may be views
   * of the packet.
   *
   * @returns The plain object.
   */
  toJSON(): Record<string, unknown> {
    return layersToJson(this.layers, this.count, this.error);
  }

  /**
   * Decodes one packet into the parser's layers, as far as it can.
   *
   * @param linkType The `LINKTYPE_*` number of the packet's first header.
   * @param data The bytes (the packet, or a buffer that holds it).
   * @param offset Where the packet starts in `data`.
   * @param end Where the captured packet ends in `data` (bounds outside `data` are clamped
   * to it).
   * @param originalLength The packet's length on the wire, when known: decoders whose
   * trailer may or may not have been captured (radiotap's FCS) read it.
   * @returns The number of layers decoded; `error` says why it stopped, if not cleanly.
   */
  parse(
    linkType: number,
    data: Uint8Array,
    offset = 0,
    end: number = data.length,
    originalLength?: number,
  ): number {
    this.count = 0;
    this.error = undefined;
    this.data = data;
    this.linkType = linkType;
    const context = this.#context;
    context.network = undefined;
    context.transport = undefined;
    context.gre = undefined;
    context.originalLength = originalLength;
    // Decoders trust `offset <= end <= data.length`: keep a caller's bad bounds inside.
    if (!(end <= data.length)) end = data.length;
    if (!(offset >= 0)) offset = 0;
    if (offset > end) offset = end;
    if (this.#fcsLength > 0) end = Math.max(offset, end - this.#fcsLength);
    const depthDecoders = this.#depthDecoders;
    let decoder = this.#registry.linkTypes.get(linkType);
    while (decoder !== undefined) {
      let layer: Layer;
      if (decoder === depthDecoders[this.count]) {
        layer = this.#depthLayers[this.count]!;
      } else {
        if ("select" in decoder) {
          decoder = decoder.select(data, offset, end);
          if (decoder === undefined) break;
        }
        if (this.count === this.#maxLayers) {
          this.error = DecodeError.malformed(
            decoder.kind,
            offset,
            this.#maxLayers,
            this.count + 1,
            `more than ${this.#maxLayers} layers in one packet`,
          );
          break;
        }
        layer = this.#obtain(decoder, this.count);
      }
      const error = layer.decodeFrom(data, offset, end, context);
      if (error !== undefined) {
        this.error = error;
        // A partial decode keeps the layer, as the last one.
        if (error.partial) {
          this.layers[this.count++] = layer;
          offset = layer.offset + layer.headerLength;
          end = layer.end;
        }
        break;
      }
      this.layers[this.count++] = layer;
      offset = layer.offset + layer.headerLength;
      end = layer.end;
      decoder = layer.nextDecoder(context);
    }
    this.payloadOffset = offset;
    this.payloadEnd = end;
    return this.count;
  }

  /**
   * Returns the first layer of a kind in the last packet.
   *
   * @param kind The layer kind, such as `"tcp"`.
   * @returns The layer, or `undefined` when the packet has none.
   */
  get<K extends LayerKind>(kind: K): LayerMap[K] | undefined {
    return this.layer(kind);
  }

  /**
   * Returns the first layer of a kind in the last packet (the same as {@linkcode get}).
   *
   * @param kind The layer kind, such as `"tcp"`.
   * @returns The layer, or `undefined` when the packet has none.
   */
  layer<K extends LayerKind>(kind: K): LayerMap[K] | undefined {
    for (let i = 0; i < this.count; i++) {
      const layer = this.layers[i]!;
      if (layer.kind === kind) return layer as LayerMap[K];
    }
    return undefined;
  }

  #obtain(decoder: LayerDecoder, depth: number): Layer {
    if (!this.#reuse) return decoder.create() as Layer;
    let cache = this.#depthCaches[depth];
    if (cache === undefined) this.#depthCaches[depth] = cache = new Map();
    let layer = cache.get(decoder);
    if (layer === undefined) {
      layer = decoder.create() as Layer;
      cache.set(decoder, layer);
    }
    this.#depthDecoders[depth] = decoder;
    this.#depthLayers[depth] = layer;
    return layer;
  }
}
