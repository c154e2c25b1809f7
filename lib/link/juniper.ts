/**
 * Juniper Ethernet (`LINKTYPE_JUNIPER_ETHER`, 178): the pseudo-header that Juniper routers
 * put before each captured frame (the "MGC" magic number, flags, optional extension TLVs
 * that name the interface), then an Ethernet frame, or with the no-L2 flag 4 bytes and an
 * IP packet.
 *
 * @module
 */

import { LinkType } from "../link_type.ts";
import type { DecodeError } from "../errors.ts";
import { beginLayer } from "../_begin_layer.ts";
import { decodeOne } from "../_decode_one.ts";
import { ethernetDecoder } from "./ethernet.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";

/**
 * The flag bits of a Juniper pseudo-header (its fourth byte).
 *
 * @example Tell an incoming packet
 * ```ts
 * import { JuniperFlag } from "./juniper.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(0x81 & JuniperFlag.IN, JuniperFlag.IN);
 * ```
 */
export const JuniperFlag = {
  /** The packet came in (else it went out). */
  IN: 0x01,
  /** The link header was stripped: 4 bytes, then IP. */
  NO_L2: 0x02,
  /** The incoming interface is valid. */
  IIF: 0x04,
  /** BPF filtering is supported. */
  FILTER: 0x40,
  /** Extension TLVs follow the flags. */
  EXTENSIONS: 0x80,
} as const;

/** One extension TLV of a Juniper pseudo-header. */
export interface JuniperExtension {
  /** The type (1 interface index, 2 name, 3 media type, 4 logical index, ...). */
  readonly type: number;
  /** The value's length. */
  readonly length: number;
  /** Where the value starts. */
  readonly at: number;
  /**
   * The value read as a number (little-endian for types below 128, big-endian from 128 on,
   * as tcpdump reads them), or `undefined` when it is not 1 to 4 bytes long.
   */
  readonly value: number | undefined;
}

/** Where the walk over the extension TLVs stopped. */
export type JuniperExtensionStop = "end" | "zero" | "overrun";

/**
 * What a pseudo-header holds where the capture ended before its end: `"header"` (the
 * magic number and flags), `"extension-length"`, `"extensions"`, or `"ip"` (the first byte
 * after a stripped link header); `undefined` when whole.
 */
export type JuniperCut = "header" | "extension-length" | "extensions" | "ip" | undefined;

const MAGIC = 0x4d4743;

/**
 * The pseudo-header that every Juniper link type starts with, read as tcpdump's
 * juniper_parse_header() reads it up to the PIC's cookie: `magic` says whether it starts
 * with "MGC" (nothing after it is decoded otherwise), `cut` where the capture ended inside
 * it, `extensionStop` how the extension TLVs ended. With the no-L2 flag an IP packet
 * follows 4 bytes after it. {@linkcode JuniperEther} and the layers of the other Juniper
 * link types (`juniper_pic.ts`) extend it.
 *
 * @example Read the flags of a header decoded as Juniper Ethernet
 * ```ts
 * import { decodeJuniperEther, JuniperFlag, JuniperHeader } from "./juniper.ts";
 * import assert from "node:assert/strict";
 *
 * const layer = decodeJuniperEther(new Uint8Array([0x4d, 0x47, 0x43, 0x01, 0, 0]));
 * assert.ok(layer instanceof JuniperHeader);
 * assert.equal(layer.flags & JuniperFlag.IN, JuniperFlag.IN);
 * ```
 */
export abstract class JuniperHeader extends LayerBase {
  /** Whether the header starts with the magic number "MGC". */
  magic = false;
  /** The flags (see {@linkcode JuniperFlag}). */
  flags = 0;
  /** The extensions' total length, or `undefined` without the extension flag. */
  extensionLength: number | undefined = undefined;
  /** How the extension TLVs ended (`"end"` without extensions). */
  extensionStop: JuniperExtensionStop = "end";
  /**
   * With `extensionStop` `"overrun"`: the extensions' bytes left at the TLV that overran
   * them, and that TLV's value length.
   */
  overrun: { left: number; length: number } | undefined = undefined;
  /** Where the capture ended inside the header, if it did. */
  cut: JuniperCut = undefined;
  /** The length of the header proper (magic, flags, extensions), without the 4 no-L2 bytes. */
  pseudoHeaderLength = 0;

  /**
   * Decodes the pseudo-header at `offset` (`headerLength` then covers it, and with the
   * no-L2 flag its 4 bytes; 0 while it is not whole).
   *
   * @returns The error when no byte remains.
   */
  protected decodePseudoHeader(
    data: Uint8Array,
    offset: number,
    end: number,
  ): DecodeError | undefined {
    const error = beginLayer(this, data, offset, end, 1);
    if (error !== undefined) return error;
    this.magic = false;
    this.flags = 0;
    this.extensionLength = undefined;
    this.extensionStop = "end";
    this.overrun = undefined;
    this.cut = undefined;
    this.pseudoHeaderLength = 0;
    // Nothing counts as header until it is whole (tcpdump's header length stays 0).
    this.headerLength = 0;
    if (end - offset < 4) {
      this.cut = "header";
      return undefined;
    }
    this.flags = data[offset + 3]!;
    this.magic = (data[offset]! << 16 | data[offset + 1]! << 8 | data[offset + 2]!) === MAGIC;
    if (!this.magic) return undefined;
    let length = 4;
    if (this.flags & JuniperFlag.EXTENSIONS) {
      if (end - offset < 6) {
        this.cut = "extension-length";
        return undefined;
      }
      const extensions = data[offset + 4]! << 8 | data[offset + 5]!;
      this.extensionLength = extensions;
      length = 6 + extensions;
      if (end - offset < length) {
        this.cut = "extensions";
        return undefined;
      }
      this.extensionStop = this.walkExtensions(undefined);
      if (this.extensionStop === "overrun") return undefined;
    }
    this.pseudoHeaderLength = length;
    if (this.flags & JuniperFlag.NO_L2) {
      if (end - offset < length + 5) {
        this.cut = "ip";
        return undefined;
      }
      length += 4;
    }
    this.headerLength = length;
    return undefined;
  }

  /** Whether the pseudo-header is whole, with the magic number and its extensions. */
  get whole(): boolean {
    return this.magic && this.cut === undefined && this.extensionStop !== "overrun";
  }

  /**
   * The extension TLVs, as tcpdump walks them: while more than a TLV header's 2 bytes are
   * left, up to a TLV of type or length 0 or one longer than what is left (`extensionStop`).
   */
  extensions(): JuniperExtension[] {
    const list: JuniperExtension[] = [];
    if (this.extensionLength !== undefined && this.cut === undefined) this.walkExtensions(list);
    return list;
  }

  /** Walks the TLVs, collecting them into `list` when given; returns how the walk ended. */
  private walkExtensions(list: JuniperExtension[] | undefined): JuniperExtensionStop {
    const d = this.data;
    let at = this.offset + 6;
    let left = this.extensionLength ?? 0;
    while (left > 2) {
      const type = d[at]!;
      const length = d[at + 1]!;
      if (type === 0 || length === 0) return "zero";
      if (left < length + 2) {
        if (list === undefined) this.overrun = { left, length };
        return "overrun";
      }
      list?.push({ type, length, at: at + 2, value: tlvValue(d, at + 2, type, length) });
      at += 2 + length;
      left -= 2 + length;
    }
    return "end";
  }

  /**
   * The decoder of the IP packet at `at` by its first byte, as tcpdump's
   * ip_heuristic_guess() tells it: IPv4 for 0x45 to 0x4f, IPv6 for 0x60 to 0x6f.
   */
  protected ipGuess(context: DecodeContext, at: number): Decoder | undefined {
    const first = this.data[at];
    if (first === undefined) return undefined;
    if (first >= 0x45 && first <= 0x4f) return context.tables.etherTypes.get(0x0800);
    if (first >= 0x60 && first <= 0x6f) return context.tables.etherTypes.get(0x86dd);
    return undefined;
  }

  /** Returns the pseudo-header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return {
      magic: this.magic,
      flags: this.flags,
      extensionLength: this.extensionLength,
      extensions: this.extensions().map(({ type, length, value }) => ({ type, length, value })),
      extensionStop: this.extensionStop,
      cut: this.cut,
    };
  }
}

/**
 * A Juniper pseudo-header of `LINKTYPE_JUNIPER_ETHER` (no PIC cookie): an Ethernet frame
 * follows, or with the no-L2 flag an IP packet 4 bytes after the header.
 *
 * @example Decode a header with extensions before an Ethernet frame
 * ```ts
 * import { decodeJuniperEther } from "./juniper.ts";
 * import assert from "node:assert/strict";
 *
 * const layer = decodeJuniperEther(new Uint8Array([
 *   0x4d, 0x47, 0x43, 0x80, 0, 3, 3, 1, 1, ...new Array(14).fill(0),
 * ]));
 * assert.equal(layer.magic, true);
 * assert.equal(layer.headerLength, 9);
 * assert.deepEqual(layer.extensions().map((e) => [e.type, e.value]), [[3, 1]]);
 * ```
 */
export class JuniperEther extends JuniperHeader {
  /** The discriminant. */
  readonly kind = "juniper-ether" as const;

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    _context: DecodeContext,
  ): DecodeError | undefined {
    return this.decodePseudoHeader(data, offset, end);
  }

  /**
   * An Ethernet frame after the header, or with the no-L2 flag IPv4 or IPv6 by the first
   * byte; nothing after a bad magic number, a cut or a bad extension.
   */
  nextDecoder(context: DecodeContext): Decoder | undefined {
    if (!this.whole) return undefined;
    if (!(this.flags & JuniperFlag.NO_L2)) return ethernetDecoder;
    return this.ipGuess(context, this.offset + this.headerLength);
  }
}

/** Reads a TLV's value of 1 to 4 bytes, little-endian below type 128. */
function tlvValue(d: Uint8Array, at: number, type: number, length: number): number | undefined {
  if (length < 1 || length > 4) return undefined;
  let value = 0;
  for (let i = 0; i < length; i++) {
    const byte = d[type < 128 ? at + length - 1 - i : at + i]!;
    value = value * 256 + byte;
  }
  return value;
}

/**
 * Creates {@linkcode JuniperEther} layers; the registry entry for `LinkType.JUNIPER_ETHER`.
 *
 * @example Create a layer
 * ```ts
 * import { juniperEtherDecoder } from "./juniper.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(juniperEtherDecoder.create().kind, "juniper-ether");
 * ```
 */
export const juniperEtherDecoder: ProtocolDescriptor<JuniperEther> = defineProtocol({
  kind: "juniper-ether",
  name: "Juniper Ethernet",
  tcpdumpName: "juniper_ether",
  create: () => new JuniperEther(),
  bindings: { linkTypes: [LinkType.JUNIPER_ETHER] },
});

/**
 * Decodes a Juniper Ethernet pseudo-header.
 *
 * @param data The bytes.
 * @param offset Where the header starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When no byte remains.
 *
 * @example Tell a header without the magic number
 * ```ts
 * import { decodeJuniperEther } from "./juniper.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(decodeJuniperEther(new Uint8Array([1, 2, 3, 4])).magic, false);
 * ```
 */
export function decodeJuniperEther(data: Uint8Array, offset = 0): JuniperEther {
  return decodeOne(new JuniperEther(), data, offset);
}
