/**
 * The base of every decoded layer, and the contracts between layers, decoders and the
 * registry.
 *
 * A layer is a view: it keeps the packet's bytes and its own offsets, reads the fixed
 * fields when it decodes, and builds anything costly (payload views, address strings,
 * options) only when asked. The same layer object can decode packet after packet, which
 * is how {@linkcode PacketParser} avoids allocating per packet.
 *
 * @module
 */

import type { DecodeError } from "./errors.ts";
import type { LayerKind, LayerMap } from "./layer_map.ts";

const EMPTY = new Uint8Array(0);

/**
 * Tables from protocol numbers to decoders. {@linkcode Registry} is the default
 * implementation; a layer reads them to pick the decoder of its payload.
 */
export interface DecoderTables {
  /** `LINKTYPE_*` number to the decoder of the first layer. */
  readonly linkTypes: Map<number, Decoder>;
  /** EtherType (also the SLL protocol and VLAN inner type) to decoder. */
  readonly etherTypes: Map<number, Decoder>;
  /** IP protocol / IPv6 next-header number to decoder. */
  readonly ipProtocols: Map<number, Decoder>;
  /** TCP port to the decoder of the application layer. */
  readonly tcpPorts: Map<number, Decoder>;
  /** UDP port to the decoder of the application layer. */
  readonly udpPorts: Map<number, Decoder>;
}

/** Creates the layer objects of one protocol. */
export interface LayerDecoder<K extends LayerKind = LayerKind> {
  /** The kind of the layers it creates. */
  readonly kind: K;
  /** Returns a new, empty layer object, ready for `decodeFrom()`. */
  create(): LayerMap[K];
}

/** Picks a decoder by looking at the bytes, as raw IP picks IPv4 or IPv6 by version. */
export interface LayerDispatcher {
  /**
   * Picks the decoder for the bytes at `offset`.
   *
   * @returns The decoder, or `undefined` when none fits.
   */
  select(data: Uint8Array, offset: number, end: number): LayerDecoder | undefined;
}

/** Either a decoder or a dispatcher. */
export type Decoder = LayerDecoder | LayerDispatcher;

/** The layer below a transport header, as its checksum sees it. */
export interface NetworkLayer {
  /**
   * Sums (in one's complement, unfolded) the pseudo-header of RFC 768/793 (IPv4) or
   * RFC 8200 section 8.1 (IPv6) for an upper-layer packet.
   *
   * @param protocol The upper-layer protocol number.
   * @param length The upper-layer packet length in bytes.
   * @returns The unfolded 32-bit sum.
   */
  pseudoHeaderSum(protocol: number, length: number): number;
}

/** State that one packet's layers share while they decode. */
export interface DecodeContext {
  /** Where the next decoder is looked up. */
  readonly tables: DecoderTables;
  /** The innermost IPv4 or IPv6 layer decoded so far, for transport checksums. */
  network: NetworkLayer | undefined;
  /**
   * The innermost TCP or UDP layer decoded so far: application decoders read it to know
   * how their message is framed (DNS over TCP has a length prefix). TCP and UDP set it.
   */
  transport?: LayerMap["tcp"] | LayerMap["udp"] | undefined;
}

/**
 * What every layer has: the bytes it reads and where its header and payload lie.
 *
 * Offsets are into `data`, which is the whole captured packet (or a larger buffer that
 * holds it); `contents` and `payload` are zero-copy `subarray` views of it.
 */
export abstract class LayerBase {
  /** The protocol, the discriminant of the {@linkcode Layer} union. */
  abstract readonly kind: LayerKind;
  /** The bytes this layer reads. */
  data: Uint8Array = EMPTY;
  /** Offset of the header's first byte in `data`. */
  offset = 0;
  /** Header length in bytes. */
  headerLength = 0;
  /** Offset just past this layer's payload in `data` (after length fields trimmed it). */
  end = 0;

  /** The header bytes (a view, not a copy). */
  get contents(): Uint8Array {
    return this.data.subarray(this.offset, this.offset + this.headerLength);
  }

  /** The payload bytes (a view, not a copy). */
  get payload(): Uint8Array {
    return this.data.subarray(this.offset + this.headerLength, this.end);
  }

  /**
   * Decodes the header at `data[offset..end)` into this object, replacing what it held.
   *
   * @param data The packet bytes.
   * @param offset Where the header starts.
   * @param end Where the bytes available to this layer end.
   * @param context State shared by the packet's layers.
   * @returns `undefined` on success, else the error (never thrown).
   */
  abstract decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    context: DecodeContext,
  ): DecodeError | undefined;

  /**
   * Picks the decoder of the payload, after a successful `decodeFrom()`.
   *
   * @param context State shared by the packet's layers.
   * @returns The decoder, or `undefined` when the payload is not decoded further.
   */
  abstract nextDecoder(context: DecodeContext): Decoder | undefined;

  /**
   * Returns the header's fields as a plain object (for `JSON.stringify`): numbers,
   * strings, booleans, arrays and objects of them.
   */
  abstract toJSON(): Record<string, unknown>;
}
