/**
 * Cisco's Unidirectional Link Detection (UDLD), carried in SNAP frames (OUI
 * `00-00-0c`, protocol `0x0111`): version and opcode, flags, checksum, then TLVs.
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

/** One UDLD TLV: its length field counts its 4-byte header. */
export interface UdldTlv {
  /** The type (1 device ID, 2 port ID, 3 echo, 4/5 intervals, 6 name, 7 sequence). */
  readonly type: number;
  /** The length field. */
  readonly length: number;
  /** Where the value starts in `data`. */
  readonly valueOffset: number;
}

/** The TLVs of a UDLD message, and what ended their walk. */
export interface UdldTlvList {
  /** The TLVs; with `stop` `"bad-length"`, the last one has the bad length. */
  readonly tlvs: readonly UdldTlv[];
  /** `"short"`: fewer than 4 bytes left; `"bad-length"`: a length up to 4 or past the end. */
  readonly stop?: "short" | "bad-length";
}

/**
 * A UDLD message.
 *
 * @example Decode a probe with a Device-ID TLV
 * ```ts
 * import { decodeUdld } from "./udld.ts";
 * import assert from "node:assert/strict";
 *
 * const udld = decodeUdld(new Uint8Array([0x21, 3, 0x6d, 0x85, 0, 1, 0, 6, 0x53, 0x31]));
 * assert.equal(udld.version, 1);
 * assert.equal(udld.opcode, 1);
 * assert.equal(udld.flags, 3);
 * assert.deepEqual(udld.tlvList().tlvs, [{ type: 1, length: 6, valueOffset: 8 }]);
 * ```
 */
export class Udld extends LayerBase {
  /** The discriminant. */
  readonly kind = "udld" as const;
  /** The version (the first byte's top 3 bits). */
  version = 0;
  /** The opcode: 1 probe, 2 echo, 3 flush. */
  opcode = 0;
  /** The flags (RT, RSY). */
  flags = 0;
  /** The checksum. */
  checksum = 0;

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    _context: DecodeContext,
  ): DecodeError | undefined {
    const error = beginLayer(this, data, offset, end, 4);
    if (error !== undefined) return error;
    this.headerLength = 4;
    this.version = data[offset]! >> 5;
    this.opcode = data[offset]! & 0x1f;
    this.flags = data[offset + 1]!;
    this.checksum = (data[offset + 2]! << 8) | data[offset + 3]!;
    return undefined;
  }

  /** Picks the decoder of the payload from the context's tables. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /**
   * Walks the TLVs over `length` bytes after the header (by default the bytes decoded).
   *
   * @param length How many bytes the TLVs take.
   * @returns The TLV list.
   */
  tlvList(length: number = this.end - this.offset - 4): UdldTlvList {
    const d = this.data;
    const tlvs: UdldTlv[] = [];
    let at = this.offset + 4;
    let left = length;
    while (left > 0) {
      if (left < 4 || at + 4 > this.end) return { tlvs, stop: "short" };
      const type = (d[at]! << 8) | d[at + 1]!;
      const tlvLength = (d[at + 2]! << 8) | d[at + 3]!;
      tlvs.push({ type, length: tlvLength, valueOffset: at + 4 });
      if (tlvLength <= 4 || left - 4 < tlvLength - 4) return { tlvs, stop: "bad-length" };
      at += tlvLength;
      left -= tlvLength;
    }
    return { tlvs };
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return {
      version: this.version,
      opcode: this.opcode,
      flags: this.flags,
      checksum: this.checksum,
    };
  }
}

/**
 * Creates {@linkcode Udld} layers; LLC picks it for SNAP with Cisco's OUI and protocol
 * `0x0111`.
 *
 * @example Create a UDLD layer
 * ```ts
 * import { udldDecoder } from "./udld.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(udldDecoder.create().kind, "udld");
 * ```
 */
export const udldDecoder: ProtocolDescriptor<Udld> = defineProtocol({
  kind: "udld",
  name: "UDLD",
  tcpdumpName: "udld",
  create: () => new Udld(),
  bindings: {},
});

/**
 * Decodes a UDLD message.
 *
 * @param data The bytes.
 * @param offset Where the message starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When fewer than 4 bytes remain.
 *
 * @example Reject a short header
 * ```ts
 * import { decodeUdld } from "./udld.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeUdld(new Uint8Array(2)), {
 *   message: "Cannot decode UDLD header: 4 bytes required, received 2",
 * });
 * ```
 */
export function decodeUdld(data: Uint8Array, offset = 0): Udld {
  return decodeOne(new Udld(), data, offset);
}
