/**
 * The reusable packet decoder for hot loops, {@linkcode LayerParser}, and the types it
 * shares with `decode.ts`. It imports no decoder: the registry given says which are used.
 *
 * @module
 */

import { DecodeError } from "./errors.ts";
import { layersToJson } from "./_layers_json.ts";
import type { DecodeContext, LayerBase, LayerDecoder } from "./layer.ts";
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
  /**
   * `decode()`: the packet's length on the wire, when the capture may have cut it (default:
   * the bytes' length), as `PacketParser.parse()` takes it: radiotap's FCS, and a message
   * carried without IP, read it.
   */
  originalLength?: number;
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
  /**
   * Offset of what no decoder read, in the last layer's bytes: `data`, or the un-escaped
   * copy of an octet-stuffed PPP frame.
   */
  readonly payloadOffset: number;
  /** End of what no decoder read. */
  readonly payloadEnd: number;
  /**
   * The bytes that {@linkcode payloadOffset} and {@linkcode payloadEnd} are offsets in: the
   * last layer's, which are `data` unless an octet-stuffed PPP frame was un-escaped into a
   * copy.
   */
  readonly payloadData: Uint8Array;
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
  /**
   * Offset of what no decoder read, in the last layer's bytes: the packet's, or the
   * un-escaped copy of an octet-stuffed PPP frame.
   */
  payloadOffset = 0;
  /** End of what no decoder read. */
  payloadEnd = 0;
  /** The packet bytes of the last `parse()`. */
  data: Uint8Array = new Uint8Array(0);
  /** The bytes that {@linkcode payloadOffset} and {@linkcode payloadEnd} are offsets in. */
  payloadData: Uint8Array = this.data;
  /**
   * The layer kinds this parser has met, in the order it met them: a kind's index here is
   * its kind id, a small integer that counts per kind can be indexed by.
   */
  readonly kinds: string[] = [];
  /**
   * The kind id (index in {@linkcode kinds}) of each layer of the last packet; only the
   * first {@linkcode count} are valid.
   */
  readonly kindIds: number[] = [];
  readonly #registry: Registry;
  readonly #fcsLength: number;
  readonly #maxLayers: number;
  readonly #reuse: boolean;
  readonly #context: DecodeContext;
  // One layer object per depth and decoder, so that no object serves twice in a packet,
  // with its kind id.
  readonly #depthCaches: Map<LayerDecoder, DepthSlot>[] = [];
  // A capture holds few protocols at each depth: remember RECENT decoders met at each depth
  // (entries `depth * RECENT` on), with their layer and kind id, so that most layers skip
  // the dispatch check and the map. The first decoders met keep their entries (the common
  // protocols come first); the last entry takes the latest of the others.
  readonly #recentDecoders: (LayerDecoder | undefined)[] = [];
  readonly #recentLayers: Layer[] = [];
  readonly #recentKindIds: number[] = [];
  // The layers' methods, read once: the loop's layers are of many classes, and a property
  // read at one site from objects of more than four classes is a slow megamorphic lookup.
  readonly #recentDecodeFroms: LayerBase["decodeFrom"][] = [];
  readonly #recentNextDecoders: LayerBase["nextDecoder"][] = [];
  // Per depth, how many entries are taken.
  readonly #recentCounts: number[] = [];
  readonly #kindIndex = new Map<string, number>();

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
      mfr: undefined,
      osiAt: undefined,
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
    this.error = undefined;
    this.data = data;
    this.linkType = linkType;
    const context = this.#context;
    context.network = undefined;
    context.transport = undefined;
    context.gre = undefined;
    context.mfr = undefined;
    context.osiAt = undefined;
    context.originalLength = originalLength;
    context.bytes = data;
    // Decoders trust `offset <= end <= data.length`: keep a caller's bad bounds inside.
    if (!(end <= data.length)) end = data.length;
    if (!(offset >= 0)) offset = 0;
    if (offset > end) offset = end;
    context.wireEnd = originalLength === undefined ? undefined : offset + originalLength;
    if (this.#fcsLength > 0) end = Math.max(offset, end - this.#fcsLength);
    const recentDecoders = this.#recentDecoders;
    const layers = this.layers;
    const kindIds = this.kindIds;
    let count = 0;
    let decoder = this.#registry.linkTypes.get(linkType);
    while (decoder !== undefined) {
      let layer: Layer;
      let decodeFrom: LayerBase["decodeFrom"];
      let nextDecoder: LayerBase["nextDecoder"];
      const first = count * RECENT;
      let entry = first;
      while (entry < first + RECENT && recentDecoders[entry] !== decoder) entry++;
      if (entry < first + RECENT) {
        layer = this.#recentLayers[entry]!;
        kindIds[count] = this.#recentKindIds[entry]!;
        decodeFrom = this.#recentDecodeFroms[entry]!;
        nextDecoder = this.#recentNextDecoders[entry]!;
      } else {
        if ("select" in decoder) {
          decoder = decoder.select(data, offset, end);
          if (decoder === undefined) break;
        }
        if (count === this.#maxLayers) {
          this.error = DecodeError.malformed(
            decoder.kind,
            offset,
            this.#maxLayers,
            count + 1,
            `more than ${this.#maxLayers} layers in one packet`,
          );
          break;
        }
        layer = this.#obtain(decoder, count);
        decodeFrom = layer.decodeFrom;
        nextDecoder = layer.nextDecoder;
      }
      const error = decodeFrom.call(layer, data, offset, end, context);
      if (error !== undefined) {
        this.error = error;
        // A partial decode keeps the layer, as the last one.
        if (error.partial) {
          layers[count++] = layer;
          data = layer.data;
          offset = layer.offset + layer.headerLength;
          end = layer.end;
        }
        break;
      }
      layers[count++] = layer;
      if (context.bytes !== data) {
        // The layer decoded from a copy of the bytes (un-escaped PPP): so do the next ones.
        data = context.bytes!;
        offset = layer.offset;
      }
      // Every other decoder's layer starts where it was asked to: `offset` is `layer.offset`.
      offset += layer.headerLength;
      end = layer.end;
      decoder = nextDecoder.call(layer, context);
    }
    this.count = count;
    this.payloadData = data;
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

  /** Returns the layer object of `decoder` at `depth`, and sets its kind id. */
  #obtain(decoder: LayerDecoder, depth: number): Layer {
    if (!this.#reuse) {
      const layer = decoder.create() as Layer;
      this.kindIds[depth] = this.#kindId(layer.kind);
      return layer;
    }
    let cache = this.#depthCaches[depth];
    if (cache === undefined) this.#depthCaches[depth] = cache = new Map();
    let slot = cache.get(decoder);
    if (slot === undefined) {
      const layer = decoder.create() as Layer;
      slot = { layer, kindId: this.#kindId(layer.kind) };
      cache.set(decoder, slot);
    }
    const { layer, kindId } = slot;
    const taken = this.#recentCounts[depth] ?? 0;
    if (taken < RECENT) this.#recentCounts[depth] = taken + 1;
    const entry = depth * RECENT + Math.min(taken, RECENT - 1);
    this.#recentDecoders[entry] = decoder;
    this.#recentLayers[entry] = layer;
    this.#recentKindIds[entry] = kindId;
    this.#recentDecodeFroms[entry] = layer.decodeFrom;
    this.#recentNextDecoders[entry] = layer.nextDecoder;
    this.kindIds[depth] = kindId;
    return layer;
  }

  /** The kind id of a layer kind, given one the first time the kind is met. */
  #kindId(kind: string): number {
    let id = this.#kindIndex.get(kind);
    if (id === undefined) {
      id = this.kinds.push(kind) - 1;
      this.#kindIndex.set(kind, id);
    }
    return id;
  }
}

/** How many decoders {@linkcode LayerParser} remembers at each depth, to skip its map. */
const RECENT = 8;

/** The layer object that a decoder decodes into at one depth, and its kind id. */
interface DepthSlot {
  readonly layer: Layer;
  readonly kindId: number;
}
