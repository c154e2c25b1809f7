/**
 * The Babel routing protocol (RFC 8966, formerly RFC 6126) on UDP port 6696 (and 6697,
 * its port before RFC 6126's errata): a 4-byte header (magic 42, version, body length),
 * the body's TLVs, then the TLVs of a trailer (RFC 8967's PC and HMAC, for one).
 *
 * @module
 */

import { DecodeError } from "../errors.ts";
import { readUint16 } from "../_bytes.ts";
import { decodeOne } from "../_decode_one.ts";
import { beginMessage, capturedEnd } from "./_wire_length.ts";
import { type BabelTlvs, walkBabelTlvs } from "./_babel_tlvs.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";

export {
  type BabelProblem,
  type BabelSubTlv,
  type BabelTlv,
  type BabelTlvs,
  BabelTlvType,
  type BabelWalkEnd,
} from "./_babel_tlvs.ts";

/** The magic number of the first byte of every Babel packet. */
export const BABEL_MAGIC = 42;

/**
 * A Babel packet. The header's fields are decoded; `tlvs()` walks a section's TLVs. A
 * packet whose 4-byte header the capture cut is kept as a partial layer (`partial`).
 *
 * @example Decode a Hello
 * ```ts
 * import { decodeBabel } from "./babel.ts";
 * import assert from "node:assert/strict";
 *
 * const babel = decodeBabel(new Uint8Array([42, 2, 0, 8, 4, 6, 0, 0, 0x1f, 0x6a, 7, 0xd0]));
 * assert.equal(babel.bodyLength, 8);
 * const hello = babel.tlvs("body").tlvs[0]!;
 * assert.deepEqual([hello.type, hello.seqno, hello.interval], [4, 8042, 2000]);
 * ```
 */
export class Babel extends LayerBase {
  /** The discriminant. */
  readonly kind = "babel" as const;
  /** The magic number ({@linkcode BABEL_MAGIC} in a Babel packet). */
  magic = 0;
  /** The protocol version (2). */
  version = 0;
  /** The body's length, from the header. */
  bodyLength = 0;
  /** The packet's length on the wire (the UDP payload's). */
  wireLength = 0;
  /** Fewer than the header's 4 bytes were captured. */
  partial = false;
  /**
   * Where the captured bytes end: the IP packet's end, past `end` when the UDP length is
   * shorter (tcpdump reads up to there).
   */
  captured = 0;

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    context: DecodeContext,
  ): DecodeError | undefined {
    const error = beginMessage(this, data, offset, end, context);
    if (error !== undefined) return error;
    this.captured = capturedEnd(context, end);
    const available = this.captured - offset;
    this.partial = available < 4;
    this.headerLength = Math.min(end - offset, 4);
    this.magic = data[offset]!;
    this.version = available > 1 ? data[offset + 1]! : 0;
    this.bodyLength = available >= 4 ? readUint16(data, offset + 2) : 0;
    if (this.partial) return DecodeError.truncated(this.kind, offset, 4, available, true);
    return undefined;
  }

  /** Babel carries no further layer. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /**
   * The length of the trailer after the body: what the packet holds past the body's
   * length, -1 when the packet is shorter than its header and body say.
   */
  get trailerLength(): number {
    const left = this.wireLength - 4 - this.bodyLength;
    return this.wireLength < 4 || left < 0 ? -1 : left;
  }

  /**
   * Walks the TLVs of the body or of the trailer (each with its own prefix compression
   * state), as far as the capture holds them.
   *
   * @param section Which TLVs.
   * @returns The TLVs and how the walk ended.
   */
  tlvs(section: "body" | "trailer"): BabelTlvs {
    if (this.partial || this.trailerLength < 0) return { tlvs: [], stop: "invalid" };
    const start = this.offset + 4;
    return section === "body"
      ? walkBabelTlvs(this.data, start, this.bodyLength, this.captured)
      : walkBabelTlvs(this.data, start + this.bodyLength, this.trailerLength, this.captured);
  }

  /** Returns the header's fields and the body's TLV types as a plain object. */
  toJSON(): Record<string, unknown> {
    if (this.partial) return { partial: true };
    return {
      magic: this.magic,
      version: this.version,
      bodyLength: this.bodyLength,
      tlvs: this.version === 2 ? this.tlvs("body").tlvs.map((t) => t.type) : [],
    };
  }
}

/**
 * Creates {@linkcode Babel} layers; the registry entry for UDP ports 6696 and 6697.
 *
 * @example Create a Babel layer
 * ```ts
 * import { babelDecoder } from "./babel.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(babelDecoder.create().kind, "babel");
 * ```
 */
export const babelDecoder: ProtocolDescriptor<Babel> = defineProtocol({
  kind: "babel",
  name: "Babel",
  tcpdumpName: "babel",
  create: () => new Babel(),
  bindings: { udpPorts: [6696, 6697] },
});

/**
 * Decodes a Babel packet.
 *
 * @param data The bytes.
 * @param offset Where the packet starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When fewer than the header's 4 bytes remain.
 *
 * @example Reject a cut header
 * ```ts
 * import { decodeBabel } from "./babel.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeBabel(new Uint8Array([42, 2])), {
 *   message: "Cannot decode Babel header: 4 bytes required, received 2",
 * });
 * ```
 */
export function decodeBabel(data: Uint8Array, offset = 0): Babel {
  return decodeOne(new Babel(), data, offset);
}
