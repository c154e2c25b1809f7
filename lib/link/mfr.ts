/**
 * Multilink Frame Relay (`LINKTYPE_MFR`, 182, FRF.16): each frame starts with a 2-byte
 * header whose first byte holds the Begin, End and Control bits. A control frame (all three
 * set, second byte 0) carries a link integrity message (a message type, then information
 * elements); a fragment carries a 12-bit sequence number, and a first (Begin) fragment a
 * Frame Relay (Q.922) frame.
 *
 * @module
 */

import { DecodeError } from "../errors.ts";
import { beginLayer } from "../_begin_layer.ts";
import { readUint32 } from "../_bytes.ts";
import { decodeOne } from "../_decode_one.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";
import { LinkType } from "../link_type.ts";
import { frameRelayDecoder } from "./frame_relay.ts";

/** The flag bits of an FRF.16 header's first byte. */
export const MfrFlag = {
  /** Begin: the first fragment of a frame. */
  BEGIN: 0x80,
  /** End: the last fragment of a frame. */
  END: 0x40,
  /** Control: a link integrity control frame (with Begin and End). */
  CONTROL: 0x20,
} as const;

/** The bytes a control frame's header takes (flags, 0, message type). */
export const MFR_CONTROL_HEADER_LENGTH = 3;

/**
 * An FRF.16 header. `flags` holds the Begin/End/Control bits ({@linkcode MfrFlag});
 * `control` says whether it is a control frame (its message type in `messageType`, its
 * information elements from `offset + 3`, read with {@linkcode Mfr.ieType} and
 * {@linkcode Mfr.ieLength}); else a fragment numbered `sequence`, whose first fragment
 * (`beginning`) decodes on as Frame Relay. A header cut inside its first 4 bytes is kept as
 * a partial layer (`partial`), as tcpdump checks 4 bytes before it reads any.
 *
 * @example Decode the first fragment of a frame
 * ```ts
 * import { decodeMfr } from "./mfr.ts";
 * import assert from "node:assert/strict";
 *
 * const mfr = decodeMfr(new Uint8Array([0xc2, 0x05, 0x18, 0x41, 0x03, 0xcc]));
 * assert.equal(mfr.control, false);
 * assert.equal(mfr.sequence, 261);
 * assert.equal(mfr.beginning, true);
 * assert.equal(mfr.headerLength, 2);
 * ```
 */
export class Mfr extends LayerBase {
  /** The discriminant. */
  readonly kind = "mfr" as const;
  /** Fewer than 4 bytes were captured: nothing past the first 2 is read. */
  partial = false;
  /** The Begin, End and Control bits of the first byte ({@linkcode MfrFlag}). */
  flags = 0;
  /** The fragment's 12-bit sequence number (read from any frame, as tcpdump does). */
  sequence = 0;
  /** Whether this is a link integrity control frame. */
  control = false;
  /** A control frame's message type (-1 for a fragment or a partial header). */
  messageType: number = -1;
  /** Whether this fragment starts a frame (Begin set, Control clear): Frame Relay follows. */
  beginning = false;

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    context: DecodeContext,
  ): DecodeError | undefined {
    const error = beginLayer(this, data, offset, end, 2);
    if (error !== undefined) return error;
    const first = data[offset]!;
    this.flags = first & 0xe0;
    this.sequence = ((first & 0x1e) << 7) | data[offset + 1]!;
    this.control = this.flags === 0xe0 && data[offset + 1] === 0;
    this.messageType = -1;
    this.beginning = false;
    this.partial = end - offset < 4;
    if (this.partial) {
      this.headerLength = end - offset;
      return DecodeError.truncated(this.kind, offset, 4, end - offset, true);
    }
    if (this.control) {
      this.messageType = data[offset + 2]!;
      this.headerLength = MFR_CONTROL_HEADER_LENGTH;
      return undefined;
    }
    this.headerLength = 2;
    this.beginning = this.flags === 0xc0 || this.flags === 0x80;
    // The Frame Relay frame inside is held to what fr_print() checks, not to a link header.
    if (this.beginning) context.mfr = this;
    return undefined;
  }

  /**
   * The type of the information element at `at`.
   *
   * @param at Where the element starts.
   * @returns The type, or -1 when its byte was not captured.
   */
  ieType(at: number): number {
    return at >= this.offset && at < this.end ? this.data[at]! : -1;
  }

  /**
   * The length of the information element at `at` (its 2-byte header included).
   *
   * @param at Where the element starts.
   * @returns The length, or -1 when its byte was not captured.
   */
  ieLength(at: number): number {
    return at >= this.offset && at + 1 < this.end ? this.data[at + 1]! : -1;
  }

  /**
   * The 32-bit value of a Magic Number element's data at `at`.
   *
   * @param at Where the data starts (2 bytes into the element).
   * @returns The number, or -1 when its bytes were not captured.
   */
  magicNumber(at: number): number {
    return at >= this.offset && at + 4 <= this.end ? readUint32(this.data, at) : -1;
  }

  /** Frame Relay after a first fragment, nothing else. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return this.beginning ? frameRelayDecoder : undefined;
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    const json: Record<string, unknown> = { flags: this.flags, control: this.control };
    if (this.control) json.messageType = this.messageType;
    else json.sequence = this.sequence;
    if (this.partial) json.partial = true;
    return json;
  }
}

/**
 * Creates {@linkcode Mfr} layers; the registry entry for `LinkType.MFR`.
 *
 * @example Create a layer
 * ```ts
 * import { mfrDecoder } from "./mfr.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(mfrDecoder.create().kind, "mfr");
 * ```
 */
export const mfrDecoder: ProtocolDescriptor<Mfr> = defineProtocol({
  kind: "mfr",
  name: "Multilink Frame Relay",
  tcpdumpName: "mfr",
  create: () => new Mfr(),
  bindings: { linkTypes: [LinkType.MFR] },
});

/**
 * Decodes an FRF.16 header.
 *
 * @param data The bytes.
 * @param offset Where the header starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When fewer than 4 bytes remain.
 *
 * @example Reject a truncated header
 * ```ts
 * import { decodeMfr } from "./mfr.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeMfr(new Uint8Array([0xe1, 0x00, 0x04])), {
 *   message: "Cannot decode Multilink Frame Relay header: 4 bytes required, received 3",
 * });
 * ```
 */
export function decodeMfr(data: Uint8Array, offset = 0): Mfr {
  return decodeOne(new Mfr(), data, offset);
}
