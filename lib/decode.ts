/**
 * Decoding whole packets: the convenient {@linkcode decode}, the throwing
 * {@linkcode decodeStrict}, and {@linkcode PacketParser} for hot loops.
 *
 * @module
 */

import { DecodeError } from "./errors.ts";
import type { DecodeContext, LayerDecoder } from "./layer.ts";
import type { Layer, LayerKind, LayerMap } from "./layer_map.ts";
import { defaultRegistry, type Registry } from "./registry.ts";

/** Options of {@linkcode decode}, {@linkcode decodeStrict} and {@linkcode PacketParser}. */
export interface DecodeOptions {
  /** Where decoders are looked up; {@linkcode defaultRegistry} by default. */
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
 * A reusable decoder for hot loops, after gopacket's `DecodingLayerParser`: it keeps one
 * set of layer objects and decodes each packet into them, allocating nothing per packet
 * (except an error object for a malformed one).
 *
 * The layers, and the views they return, belong to the parser and are overwritten by the
 * next `parse()`: copy what you keep. Use {@linkcode decode} for packets that you keep.
 *
 * @example Count TCP packets without allocating per packet
 * ```ts
 * import { PacketParser } from "./decode.ts";
 * import { LinkType } from "./link_type.ts";
 * import assert from "node:assert/strict";
 *
 * const frame = new Uint8Array(14 + 20 + 8);
 * frame.set([0x08, 0x00, 0x45, 0, 0, 28, 0, 0, 0, 0, 64, 17], 12);
 * frame.set([0, 53, 0, 53, 0, 8], 34);
 * const parser = new PacketParser();
 * const count = parser.parse(LinkType.EN10MB, frame);
 * assert.equal(count, 3);
 * assert.equal(parser.get("udp")?.destinationPort, 53);
 * assert.equal(parser.error, undefined);
 * ```
 */
export class PacketParser implements DecodedPacket {
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
  constructor(options: DecodeOptions = {}, reuse = true) {
    this.#registry = options.registry ?? defaultRegistry;
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

  /**
   * Wraps what a parser decoded; use {@linkcode decode} to make one.
   *
   * @param linkType The link type.
   * @param parser A non-reusing parser right after `parse()`.
   */
  constructor(linkType: number, parser: PacketParser) {
    this.linkType = linkType;
    this.data = parser.data;
    this.layers = parser.layers.slice(0, parser.count);
    this.error = parser.error;
    this.payloadOffset = parser.payloadOffset;
    this.payloadEnd = parser.payloadEnd;
  }

  /** Number of decoded layers (`layers.length`). */
  get count(): number {
    return this.layers.length;
  }

  /** The bytes after the last decoded header that no decoder read (a view). */
  get payload(): Uint8Array {
    return this.data.subarray(this.payloadOffset, this.payloadEnd);
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

/** The plain object of decoded layers, shared by `Packet` and `PacketParser`. */
function layersToJson(
  layers: readonly Layer[],
  count: number,
  error: DecodeError | undefined,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = 0; i < count; i++) {
    const layer = layers[i]!;
    let key: string = layer.kind;
    for (let n = 2; key in out; n++) key = `${layer.kind}_${n}`;
    out[key] = layer.toJSON();
  }
  if (error !== undefined) {
    out.error = {
      code: error.code,
      layer: error.layer,
      offset: error.offset,
      message: error.message,
    };
  }
  return out;
}

// Weak keys: a registry that the caller drops (a `clone()` per call) does not leak.
const parsers = new WeakMap<Registry, PacketParser>();
const EMPTY = new Uint8Array(0);

function decodeWith(linkType: number, data: Uint8Array, options: DecodeOptions): Packet {
  const simple = options.fcsLength === undefined && options.maxLayers === undefined;
  const registry = options.registry ?? defaultRegistry;
  let parser = simple ? parsers.get(registry) : undefined;
  if (parser === undefined) {
    parser = new PacketParser(options, false);
    if (simple) parsers.set(registry, parser);
  }
  parser.parse(linkType, data);
  const packet = new Packet(linkType, parser);
  // The cached parser must not keep the last packet's bytes and layers alive.
  parser.data = EMPTY;
  parser.layers.length = 0;
  return packet;
}

/**
 * Decodes a packet as far as it can. Truncated or malformed bytes never throw: the packet
 * holds the layers that decoded and, in `error`, a {@linkcode DecodeError} saying why it
 * stopped. The layers are views over `data`.
 *
 * @param linkType The `LINKTYPE_*` number, such as `LinkType.EN10MB`.
 * @param data The captured bytes.
 * @param options The registry, FCS length and layer limit.
 * @returns The packet.
 *
 * @example Decode an ARP request
 * ```ts
 * import { decode } from "./decode.ts";
 * import { LinkType } from "./link_type.ts";
 * import assert from "node:assert/strict";
 *
 * const frame = new Uint8Array(42);
 * frame.fill(0xff, 0, 6);
 * frame.set([0x08, 0x06, 0, 1, 0x08, 0, 6, 4, 0, 1], 12);
 * const packet = decode(LinkType.EN10MB, frame);
 * assert.deepEqual(packet.layers.map((layer) => layer.kind), ["ethernet", "arp"]);
 *
 * const cut = decode(LinkType.EN10MB, frame.subarray(0, 20));
 * assert.deepEqual(cut.layers.map((layer) => layer.kind), ["ethernet"]);
 * assert.equal(cut.error?.code, "truncated");
 * ```
 */
export function decode(linkType: number, data: Uint8Array, options: DecodeOptions = {}): Packet {
  return decodeWith(linkType, data, options);
}

/**
 * Decodes a packet and throws if any header is truncated or malformed.
 *
 * @param linkType The `LINKTYPE_*` number.
 * @param data The captured bytes.
 * @param options The registry, FCS length and layer limit.
 * @returns The packet, whose `error` is `undefined`.
 * @throws {DecodeError} With `layer`, `offset`, `required` and `received`.
 *
 * @example Throw on a truncated packet
 * ```ts
 * import { decodeStrict } from "./decode.ts";
 * import { LinkType } from "./link_type.ts";
 * import assert from "node:assert/strict";
 *
 * const frame = new Uint8Array([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x08, 0x00, 0x45, 0]);
 * assert.throws(() => decodeStrict(LinkType.EN10MB, frame), {
 *   name: "DecodeError",
 *   message: "Cannot decode IPv4 header: 20 bytes required, received 2",
 * });
 * ```
 */
export function decodeStrict(
  linkType: number,
  data: Uint8Array,
  options: DecodeOptions = {},
): Packet {
  const packet = decodeWith(linkType, data, options);
  if (packet.error !== undefined) throw packet.error;
  return packet;
}
