/**
 * RTP, the Real-time Transport Protocol: version 2 (RFC 3550) and version 1
 * (draft-ietf-avt-rtp-04). RTP has no port of its own: tcpdump prints it only when told to
 * (`-T rtp`), so the decoder has no bindings. The layer reads the header's words, and the
 * version 1 options or the version 2 extension header, where tcpdump's rtp_print() reads
 * them: up to the IP packet's captured end.
 *
 * @module
 */

import type { DecodeError } from "../errors.ts";
import { readUint32 } from "../_bytes.ts";
import { decodeOne } from "../_decode_one.ts";
import { beginMessage, capturedEnd } from "./_wire_length.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";

/** What follows an RTP header at `-v`: where rtp_print()'s walk over the options ends. */
export interface RtpTrailer {
  /**
   * `ok`, `cut` (a word past the capture), `bad-option` (a version 1 option of length 0 or
   * past the packet) or `bad-extension` (a version 2 extension past the packet).
   */
  readonly status: "ok" | "cut" | "bad-option" | "bad-extension";
  /** The H.261 header's first 16 bits (payload type 31), or `undefined`. */
  readonly h261: number | undefined;
}

/**
 * An RTP packet. Words the capture cut read as `undefined`.
 *
 * @example Decode a version 2 header
 * ```ts
 * import { decodeRtp } from "./rtp.ts";
 * import assert from "node:assert/strict";
 *
 * const rtp = decodeRtp(new Uint8Array([0x80, 0x88, 0, 7, 0, 0, 1, 0, 0, 0, 0, 9]));
 * assert.equal(rtp.version, 2);
 * assert.equal(rtp.payloadType, 8);
 * assert.equal(rtp.marker, true);
 * assert.equal(rtp.sequence, 7);
 * assert.equal(rtp.word(1), 256);
 * ```
 */
export class Rtp extends LayerBase {
  /** The discriminant. */
  readonly kind = "rtp" as const;
  /** The packet's length on the wire (the UDP payload's). */
  wireLength = 0;
  /** Where the captured bytes end (tcpdump's snapend: the IP packet's). */
  snapEnd = 0;

  /**
   * The 32-bit word `index` of the packet, or `undefined` when not captured.
   *
   * @param index The word's index (0: flags, payload type and sequence).
   * @returns The word.
   */
  word(index: number): number | undefined {
    const at = this.offset + 4 * index;
    return at + 4 <= this.snapEnd ? readUint32(this.data, at) : undefined;
  }

  /** The version (the first word's top 2 bits; 1: draft-ietf-avt-rtp-04, else RFC 3550's). */
  get version(): number {
    return (this.word(0) ?? 0) >>> 30;
  }

  /** Whether the version 1 header says options follow. */
  get hasOptions(): boolean {
    return this.version === 1 && ((this.word(0) ?? 0) & 0x800000) !== 0;
  }

  /** Whether the version 2 header says an extension header follows. */
  get hasExtension(): boolean {
    return this.version !== 1 && ((this.word(0) ?? 0) & 0x10000000) !== 0;
  }

  /** The payload (content) type: 6 bits in version 1, 7 in version 2. */
  get payloadType(): number {
    return ((this.word(0) ?? 0) >>> 16) & (this.version === 1 ? 0x3f : 0x7f);
  }

  /** The marker bit. */
  get marker(): boolean {
    return ((this.word(0) ?? 0) & (this.version === 1 ? 0x400000 : 0x800000)) !== 0;
  }

  /** The sequence number. */
  get sequence(): number {
    return (this.word(0) ?? 0) & 0xffff;
  }

  /** The header's words: 2 in version 1, 3 (with the SSRC) in version 2. */
  get headerWords(): number {
    return this.version === 1 ? 2 : 3;
  }

  /**
   * Walks the version 1 options and the version 2 extension header as rtp_print() does at
   * `-v`, within the packet's length in words.
   *
   * @returns Where the walk ended, and the H.261 header when the payload type is 31.
   */
  trailer(): RtpTrailer {
    let index = this.headerWords;
    // rtp_print() counts the words left after the header in its unsigned `len`.
    let left = (this.wireLength >>> 2) - index;
    if (this.hasOptions) {
      for (;;) {
        const option = this.word(index);
        if (option === undefined) return { status: "cut", h261: undefined };
        const length = (option >>> 16) & 0xff;
        if (length === 0 || length > left) return { status: "bad-option", h261: undefined };
        index += length;
        left -= length;
        if ((option & 0x80000000) !== 0) break;
      }
    }
    if (this.hasExtension) {
      const extension = this.word(index);
      if (extension === undefined) return { status: "cut", h261: undefined };
      const length = (extension & 0xffff) + 1;
      if (length > left) return { status: "bad-extension", h261: undefined };
      index += length;
    }
    if (this.payloadType !== 0x1f) return { status: "ok", h261: undefined };
    const h261 = this.word(index);
    return h261 === undefined
      ? { status: "cut", h261: undefined }
      : { status: "ok", h261: h261 >>> 16 };
  }

  /** Decodes the packet at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    context: DecodeContext,
  ): DecodeError | undefined {
    const error = beginMessage(this, data, offset, end, context);
    if (error !== undefined) return error;
    this.snapEnd = capturedEnd(context, end);
    this.headerLength = Math.min(4 * this.headerWords, end - offset);
    return undefined;
  }

  /** RTP carries no further layer. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return {
      version: this.version,
      payloadType: this.payloadType,
      marker: this.marker,
      sequence: this.sequence,
      timestamp: this.word(1),
      ssrc: this.version === 1 ? undefined : this.word(2),
    };
  }
}

/**
 * Creates {@linkcode Rtp} layers. RTP has no port: it is decoded only as tcpdump's `-T rtp`
 * says.
 *
 * @example Create an RTP layer
 * ```ts
 * import { rtpDecoder } from "./rtp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(rtpDecoder.create().kind, "rtp");
 * ```
 */
export const rtpDecoder: ProtocolDescriptor<Rtp> = defineProtocol({
  kind: "rtp",
  name: "RTP",
  tcpdumpName: "rtp",
  create: () => new Rtp(),
  bindings: {},
});

/**
 * Decodes an RTP packet.
 *
 * @param data The bytes.
 * @param offset Where the packet starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When no byte remains.
 *
 * @example Decode a version 1 header
 * ```ts
 * import { decodeRtp } from "./rtp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(decodeRtp(new Uint8Array([0x40, 0x5f, 0, 1, 0, 0, 0, 2])).version, 1);
 * ```
 */
export function decodeRtp(data: Uint8Array, offset = 0): Rtp {
  return decodeOne(new Rtp(), data, offset);
}
