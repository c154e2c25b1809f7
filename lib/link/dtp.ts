/**
 * Cisco's Dynamic Trunking Protocol (DTP), carried in SNAP frames (OUI `00-00-0c`,
 * protocol `0x2004`): a version byte, then TLVs.
 *
 * @module
 */

import type { DecodeError } from "../errors.ts";
import { beginLayer } from "../_begin_layer.ts";
import { decodeOne } from "../_decode_one.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";

/** One DTP TLV: its length field counts its 4-byte header. */
export interface DtpTlv {
  /** The type (1 domain, 2 status, 3 DTP type, 4 neighbor). */
  readonly type: number;
  /** The length field. */
  readonly length: number;
  /** Where the TLV starts in `data`. */
  readonly offset: number;
}

/** The TLVs of a DTP message, and what ended their walk. */
export interface DtpTlvList {
  /** The TLVs; with `stop` `"bad-length"`, the last one has the bad length. */
  readonly tlvs: readonly DtpTlv[];
  /**
   * `"short"`: fewer than 4 bytes left (`remaining` says how many); `"bad-length"`: a
   * length below 4 or past the message; `"zero"`: a TLV of type 0, where tcpdump stops.
   */
  readonly stop?: "short" | "bad-length" | "zero";
  /** The bytes left where a `"short"` walk stopped. */
  readonly remaining?: number;
}

/**
 * A DTP message.
 *
 * @example Decode a message with a Domain TLV
 * ```ts
 * import { decodeDtp } from "./dtp.ts";
 * import assert from "node:assert/strict";
 *
 * const dtp = decodeDtp(new Uint8Array([1, 0, 1, 0, 7, 0x4c, 0x61, 0x62]));
 * assert.equal(dtp.version, 1);
 * assert.deepEqual(dtp.tlvList().tlvs, [{ type: 1, length: 7, offset: 1 }]);
 * ```
 */
export class Dtp extends LayerBase {
  /** The discriminant. */
  readonly kind = "dtp" as const;
  /** The version. */
  version = 0;

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    _context: DecodeContext,
  ): DecodeError | undefined {
    const error = beginLayer(this, data, offset, end);
    if (error !== undefined) return error;
    this.headerLength = 1;
    this.version = data[offset]!;
    return undefined;
  }

  /** Picks the decoder of the payload from the context's tables. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /**
   * Walks the TLVs over `length` bytes after the version (the message's length on the
   * wire less one, by default the bytes decoded).
   *
   * @param length How many bytes the TLVs take.
   * @returns The TLV list.
   */
  tlvList(length: number = this.end - this.offset - 1): DtpTlvList {
    const d = this.data;
    const tlvs: DtpTlv[] = [];
    let at = this.offset + 1;
    let left = length;
    while (left > 0) {
      if (left < 4 || at + 4 > this.end) return { tlvs, stop: "short", remaining: left };
      const type = (d[at]! << 8) | d[at + 1]!;
      const tlvLength = (d[at + 2]! << 8) | d[at + 3]!;
      if (type === 0) return { tlvs, stop: "zero" };
      tlvs.push({ type, length: tlvLength, offset: at });
      if (tlvLength < 4 || tlvLength > left) return { tlvs, stop: "bad-length" };
      at += tlvLength;
      left -= tlvLength;
    }
    return { tlvs };
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return { version: this.version };
  }
}

/**
 * Creates {@linkcode Dtp} layers; LLC picks it for SNAP with Cisco's OUI and protocol
 * `0x2004`.
 *
 * @example Create a DTP layer
 * ```ts
 * import { dtpDecoder } from "./dtp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(dtpDecoder.create().kind, "dtp");
 * ```
 */
export const dtpDecoder: ProtocolDescriptor<Dtp> = defineProtocol({
  kind: "dtp",
  name: "DTP",
  tcpdumpName: "dtp",
  create: () => new Dtp(),
  bindings: {},
});

/**
 * Decodes a DTP message.
 *
 * @param data The bytes.
 * @param offset Where the message starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When no byte remains.
 *
 * @example Reject an empty message
 * ```ts
 * import { decodeDtp } from "./dtp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeDtp(new Uint8Array(0)), {
 *   message: "Cannot decode DTP header: 1 bytes required, received 0",
 * });
 * ```
 */
export function decodeDtp(data: Uint8Array, offset = 0): Dtp {
  return decodeOne(new Dtp(), data, offset);
}
