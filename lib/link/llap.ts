/**
 * LocalTalk's link access protocol (LLAP; Inside AppleTalk, chapter 1) as LocalTalk
 * interfaces capture it (`LINKTYPE_LTALK`, 114): a destination node, a source node and an
 * LLAP type. Type 1 carries DDP with the short header (5 bytes: length, destination and
 * source sockets, DDP type), read here as part of the LLAP layer; type 2 carries DDP with
 * the long header (`../net/ddp.ts`).
 *
 * @module
 */

import { DecodeError } from "../errors.ts";
import { readUint16 } from "../_bytes.ts";
import { beginPartialHeader } from "../_begin_layer.ts";
import { decodeOne } from "../_decode_one.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";
import { LinkType } from "../link_type.ts";
import { ddpDecoder, DdpType } from "../net/ddp.ts";
import { eigrpDecoder } from "../net/eigrp.ts";
import {
  type AtpHeader,
  type DdpDatagram,
  type NbpPacket,
  readAtp,
  readNbp,
} from "../net/_ddp_payload.ts";

/** The length of the LLAP header. */
export const LLAP_HEADER_LENGTH = 3;

/** The length of DDP's short header. */
export const SHORT_DDP_HEADER_LENGTH = 5;

/** LLAP types. */
export const LlapType = {
  /** DDP with the short header. */
  SHORT_DDP: 1,
  /** DDP with the long header. */
  DDP: 2,
} as const;

/**
 * An LLAP header, with the short DDP header after it for type 1. A header the capture cut
 * before its 3rd byte is kept as a partial layer (`partial`); a short DDP header cut before
 * its 5th byte leaves `shortDdp` false.
 *
 * @example Decode an NBP lookup in a short DDP datagram
 * ```ts
 * import { decodeLlap } from "./llap.ts";
 * import assert from "node:assert/strict";
 *
 * const bytes = new Uint8Array([255, 9, 1, 0, 7, 2, 253, 2, 0x21, 7]);
 * const llap = decodeLlap(bytes);
 * assert.equal(llap.source, 9);
 * assert.equal(llap.shortDdp, true);
 * assert.equal(llap.sourceSocket, 253);
 * assert.equal(llap.nbp()?.id, 7);
 * ```
 */
export class Llap extends LayerBase implements DdpDatagram {
  /** The discriminant. */
  readonly kind = "llap" as const;
  /** Fewer than the LLAP header's 3 bytes were captured. */
  partial = false;
  /** The LLAP type is 1 and the short DDP header was captured whole. */
  shortDdp = false;

  /** The destination node (255: broadcast). */
  get destination(): number {
    return this.data[this.offset]!;
  }

  /** The source node. */
  get source(): number {
    return this.data[this.offset + 1]!;
  }

  /** The LLAP type ({@linkcode LlapType}). */
  get llapType(): number {
    return this.data[this.offset + 2]!;
  }

  /** The short DDP header's length field (10 bits). */
  get length(): number {
    return readUint16(this.data, this.offset + 3) & 0x3ff;
  }

  /** The short DDP header's destination socket. */
  get destinationSocket(): number {
    return this.data[this.offset + 5]!;
  }

  /** The short DDP header's source socket. */
  get sourceSocket(): number {
    return this.data[this.offset + 6]!;
  }

  /** The short DDP header's DDP type. */
  get type(): number {
    return this.data[this.offset + 7]!;
  }

  /** A short header names no network: 0, as tcpdump takes it. */
  get sourceNet(): number {
    return 0;
  }

  /** The source of a short DDP datagram: the LLAP source. */
  get sourceNode(): number {
    return this.source;
  }

  /** Where the short DDP datagram's payload starts. */
  get payloadOffset(): number {
    return this.offset + LLAP_HEADER_LENGTH + SHORT_DDP_HEADER_LENGTH;
  }

  /** The ATP header after the short DDP header, `undefined` when not captured. */
  atp(): AtpHeader | undefined {
    return this.shortDdp ? readAtp(this.data, this.payloadOffset, this.end) : undefined;
  }

  /** The NBP packet after the short DDP header, `undefined` when not captured. */
  nbp(): NbpPacket | undefined {
    return this.shortDdp ? readNbp(this.data, this.payloadOffset, this.end) : undefined;
  }

  /**
   * Decodes the header at `offset`, returning the error instead of throwing. A header
   * shorter than 3 bytes, or than 8 with a short DDP header, is kept as a partial layer.
   */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    _context: DecodeContext,
  ): DecodeError | undefined {
    this.shortDdp = false;
    const error = beginPartialHeader(this, data, offset, end, LLAP_HEADER_LENGTH);
    if (error !== undefined || this.llapType !== LlapType.SHORT_DDP) return error;
    const required = LLAP_HEADER_LENGTH + SHORT_DDP_HEADER_LENGTH;
    if (end - offset < required) {
      return DecodeError.truncated(this.kind, offset, required, end - offset, true);
    }
    this.shortDdp = true;
    this.headerLength = required;
    return undefined;
  }

  /** A long DDP datagram (type 2), or EIGRP after a short DDP header. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    if (this.partial) return undefined;
    if (this.llapType === LlapType.DDP) return ddpDecoder;
    return this.shortDdp && this.type === DdpType.EIGRP ? eigrpDecoder : undefined;
  }

  /** Returns the header's fields as a plain object (`{ partial: true }` when cut). */
  toJSON(): Record<string, unknown> {
    if (this.partial) return { partial: true };
    const llap = { destination: this.destination, source: this.source, llapType: this.llapType };
    if (!this.shortDdp) return llap;
    return {
      ...llap,
      length: this.length,
      destinationSocket: this.destinationSocket,
      sourceSocket: this.sourceSocket,
      type: this.type,
    };
  }
}

/**
 * Creates {@linkcode Llap} layers; bound to link type 114 (`LINKTYPE_LTALK`).
 *
 * @example Create an LLAP layer
 * ```ts
 * import { llapDecoder } from "./llap.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(llapDecoder.create().kind, "llap");
 * ```
 */
export const llapDecoder: ProtocolDescriptor<Llap> = defineProtocol({
  kind: "llap",
  name: "LLAP",
  tcpdumpName: "llap",
  create: () => new Llap(),
  bindings: { linkTypes: [LinkType.LTALK] },
});

/**
 * Decodes an LLAP header (and a short DDP header after it).
 *
 * @param data The bytes.
 * @param offset Where it starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When fewer than 3 bytes remain, or 8 for a short DDP header.
 *
 * @example Reject a truncated header
 * ```ts
 * import { decodeLlap } from "./llap.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeLlap(new Uint8Array(2)), {
 *   message: "Cannot decode LLAP header: 3 bytes required, received 2",
 * });
 * ```
 */
export function decodeLlap(data: Uint8Array, offset = 0): Llap {
  return decodeOne(new Llap(), data, offset);
}
