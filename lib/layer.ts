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
  /**
   * Which port of a TCP or UDP packet to try first when both are bound (absent, or
   * `undefined` from it: the lower port, as {@linkcode Registry} documents).
   */
  readonly portChoice?: PortChoice | undefined;
  /**
   * Decode an empty UDP payload too when the IP packet holds bytes past the UDP length
   * (tcpdump's `-T rtcp` and `-T cnfp` printers read on to the captured end); absent: no.
   */
  readonly udpPastLength?: boolean;
}

/**
 * The order in which a registry tries the two ports of a TCP or UDP packet when both are
 * bound: the printing pipeline tries them in tcpdump's order, where decode() tries the
 * lower port. Each port has a rank as the destination and one as the source, per
 * transport ({@linkcode UNRANKED_PORT}: none); the port of the lower rank goes first, the
 * destination on a tie. Read as arrays, so that a packet costs two reads.
 */
export interface PortChoice {
  /** TCP's ranks. */
  readonly tcp: PortRanks;
  /** UDP's ranks. */
  readonly udp: PortRanks;
}

/** The port ranks of one transport (see {@linkcode PortChoice}). */
export interface PortRanks {
  /** Each port's rank as the destination (65,536 entries). */
  readonly destination: Uint8Array;
  /** Each port's rank as the source (65,536 entries). */
  readonly source: Uint8Array;
}

/** The rank of a port that a {@linkcode PortChoice} does not order. */
export const UNRANKED_PORT = 255;

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
  /** Which IP it is. */
  readonly kind: "ipv4" | "ipv6";
  /** Where the datagram ends in the packet's data: its length field, or the capture's end. */
  readonly end: number;
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
  /**
   * The innermost GRE layer decoded so far: ERSPAN reads whether it carries a sequence
   * number (type I has none, and no header of its own). GRE sets it.
   */
  gre?: LayerMap["gre"] | undefined;
  /**
   * The FRF.16 first fragment decoded so far: the Frame Relay frame it carries needs no
   * 4-byte link header (tcpdump's fr_print(), not fr_if_print()). Multilink Frame Relay
   * sets it.
   */
  mfr?: LayerMap["mfr"] | undefined;
  /**
   * Where an OSI PDU that PPP carries (protocol `0x0023`) starts: at its identifier, as
   * tcpdump's handle_ppp() hands isoclns_print() the payload, where ether_print() skips a
   * byte of EtherType `0xfefe`'s first. PPP sets it.
   */
  osiAt?: number | undefined;
  /**
   * The packet's length on the wire, when the caller passed it: a link header whose
   * trailer may not have been captured (radiotap's FCS) compares it with the bytes.
   */
  originalLength?: number | undefined;
  /**
   * Where the packet would end in `data` had it been captured whole (its start plus its
   * length on the wire), when the caller passed the length: a message carried without IP
   * (SNMP over ATM's ILMI) counts its length on the wire up to it, as tcpdump does.
   */
  wireEnd?: number | undefined;
  /**
   * The bytes that the layers after the one decoding read: the packet's, unless a layer
   * decoded from a copy of its own (an octet-stuffed PPP frame, un-escaped), which it
   * leaves here for the next layers; its offsets are then into the copy. The parser sets
   * it to the packet's bytes for each packet.
   */
  bytes?: Uint8Array | undefined;
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

/** Where the registry binds a protocol's decoder: the numbers that announce it. */
export interface ProtocolBindings {
  /** `LINKTYPE_*` numbers whose first header it is. */
  readonly linkTypes?: readonly number[];
  /** EtherTypes (also SLL protocols and VLAN inner types) of its header. */
  readonly etherTypes?: readonly number[];
  /** IP protocol / IPv6 next-header numbers of its header. */
  readonly ipProtocols?: readonly number[];
  /** TCP ports of its messages. */
  readonly tcpPorts?: readonly number[];
  /** UDP ports of its messages. */
  readonly udpPorts?: readonly number[];
}

/**
 * One protocol as wirekit knows it: its layer kind, its names, how to create its layers,
 * and the numbers that the registry binds it to. Each protocol's file defines one with
 * {@linkcode defineProtocol}; the list in `protocols.ts` collects them, and the registry,
 * the layer kinds and the name tables are built from that list. A descriptor is a
 * {@linkcode LayerDecoder}.
 */
export interface ProtocolDescriptor<L extends LayerBase = LayerBase> {
  /** The layer kind, `layer.kind`. */
  readonly kind: L["kind"];
  /** Its name in messages: `Cannot decode IPv4 header...`. */
  readonly name: string;
  /** Its name in tcpdump's output, as in the truncation marker `[|ip]`. */
  readonly tcpdumpName: string;
  /**
   * How tcpdump's printer meets its header cut short: `"checked"` (the default) tests the
   * bytes first (`ND_TCHECK`) and prints ` [|name]`; `"read"` reads them with `GET_`
   * macros, whose longjmp also makes `-x`/`-X` dump the whole packet.
   */
  readonly tcpdumpCut?: "checked" | "read";
  /** Returns a new, empty layer object, ready for `decodeFrom()`. */
  create(): L;
  /** The numbers the default registry binds it to. */
  readonly bindings: ProtocolBindings;
}

/** A dispatcher with the numbers the default registry binds it to (raw IP's link types). */
export interface BoundDispatcher extends LayerDispatcher {
  /** The numbers the default registry binds it to. */
  readonly bindings: ProtocolBindings;
}

const descriptors = new Map<string, ProtocolDescriptor>();

/**
 * Defines a protocol: returns the descriptor, and records its names so that errors and
 * printers name its layers (the first descriptor of a kind names it).
 *
 * @param descriptor The protocol's kind, names, layer factory and bindings.
 * @returns The same descriptor.
 *
 * @example Define a protocol added outside wirekit
 * ```ts
 * import { defineProtocol, LayerBase, protocolOf } from "./layer.ts";
 * import assert from "node:assert/strict";
 *
 * const descriptor = defineProtocol({
 *   kind: "ipv4",
 *   name: "IPv4",
 *   tcpdumpName: "ip",
 *   create: () => ({ kind: "ipv4" }) as unknown as LayerBase,
 *   bindings: {},
 * });
 * assert.equal(protocolOf("ipv4")?.name, "IPv4");
 * assert.equal(descriptor.kind, "ipv4");
 * ```
 */
export function defineProtocol<L extends LayerBase>(
  descriptor: ProtocolDescriptor<L>,
): ProtocolDescriptor<L> {
  if (!descriptors.has(descriptor.kind)) {
    descriptors.set(descriptor.kind, descriptor as unknown as ProtocolDescriptor);
  }
  return descriptor;
}

/**
 * Returns the descriptor that names a layer kind.
 *
 * @param kind The layer kind, such as `"ipv4"`.
 * @returns The descriptor, or `undefined` for a kind that no loaded module defined.
 *
 * @example Look up a protocol's names
 * ```ts
 * import { protocolOf } from "./layer.ts";
 * import "./net/ipv6.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(protocolOf("ipv6")?.tcpdumpName, "ip6");
 * ```
 */
export function protocolOf(kind: string): ProtocolDescriptor | undefined {
  return descriptors.get(kind);
}
