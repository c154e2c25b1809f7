/**
 * Link Layer Discovery Protocol (IEEE 802.1AB), EtherType `0x88cc`: a list of TLVs with
 * a 7-bit type and a 9-bit length.
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

/** LLDP TLV types. */
export const LldpTlvType = {
  /** End of LLDPDU. */
  END: 0,
  /** Chassis ID. */
  CHASSIS_ID: 1,
  /** Port ID. */
  PORT_ID: 2,
  /** Time to live. */
  TTL: 3,
  /** Port description. */
  PORT_DESCRIPTION: 4,
  /** System name. */
  SYSTEM_NAME: 5,
  /** System description. */
  SYSTEM_DESCRIPTION: 6,
  /** System capabilities. */
  SYSTEM_CAPABILITIES: 7,
  /** Management address. */
  MANAGEMENT_ADDRESS: 8,
  /** Organizationally specific. */
  ORGANIZATION_SPECIFIC: 127,
} as const;

/** One LLDP TLV. */
export interface LldpTlv {
  /** The type (7 bits). */
  readonly type: number;
  /** The value's length (9 bits). */
  readonly length: number;
  /** Where the TLV header starts. */
  readonly offset: number;
  /** Where the value starts. */
  readonly valueOffset: number;
  /**
   * Whether the value runs past the bytes available (then it is the last TLV listed,
   * and tcpdump reports the packet truncated).
   */
  readonly truncated: boolean;
  /**
   * An organizationally specific TLV's OUI (its first 3 value bytes), or -1 for other
   * types and shorter values.
   */
  readonly oui: number;
  /** An organizationally specific TLV's subtype (its 4th value byte), or -1. */
  readonly subtype: number;
}

/**
 * An LLDPDU. Its TLVs are walked when asked: up to an End TLV (type or length 0, listed),
 * a TLV whose value runs past the bytes (listed, `truncated`), or the last whole header.
 *
 * @example Decode an LLDPDU's TLVs
 * ```ts
 * import { decodeLldp } from "./lldp.ts";
 * import assert from "node:assert/strict";
 *
 * // Time to Live 120, then End.
 * const lldp = decodeLldp(new Uint8Array([0x06, 0x02, 0x00, 0x78, 0x00, 0x00]));
 * assert.deepEqual(lldp.tlvs.map((t) => [t.type, t.length]), [[3, 2], [0, 0]]);
 * ```
 */
export class Lldp extends LayerBase {
  /** The discriminant. */
  readonly kind = "lldp" as const;
  #tlvs: LldpTlv[] | undefined = undefined;

  /** The TLVs. */
  get tlvs(): LldpTlv[] {
    if (this.#tlvs !== undefined) return this.#tlvs;
    const out: LldpTlv[] = [];
    const d = this.data;
    let at = this.offset;
    while (at + 2 <= this.end) {
      const word = (d[at]! << 8) | d[at + 1]!;
      const type = word >> 9;
      const length = word & 0x1ff;
      const truncated = at + 2 + length > this.end;
      const value = at + 2;
      const organization = type === LldpTlvType.ORGANIZATION_SPECIFIC && !truncated;
      const oui = organization && length >= 3
        ? (d[value]! << 16) | (d[value + 1]! << 8) | d[value + 2]!
        : -1;
      const subtype = organization && length >= 4 ? d[value + 3]! : -1;
      out.push({ type, length, offset: at, valueOffset: value, truncated, oui, subtype });
      if (type === 0 || length === 0 || truncated) break;
      at += 2 + length;
    }
    this.#tlvs = out;
    return out;
  }

  /** The system name (type 5 TLV) as text, or `undefined` without one. */
  get systemName(): string | undefined {
    const tlv = this.tlvs.find((t) => t.type === LldpTlvType.SYSTEM_NAME && !t.truncated);
    if (tlv === undefined) return undefined;
    return new TextDecoder().decode(
      this.data.subarray(tlv.valueOffset, tlv.valueOffset + tlv.length),
    );
  }

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    _context: DecodeContext,
  ): DecodeError | undefined {
    const error = beginLayer(this, data, offset, end, 2);
    if (error !== undefined) return error;
    this.headerLength = end - offset;
    this.#tlvs = undefined;
    return undefined;
  }

  /** Picks the decoder of the payload from the context's tables. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return {
      tlvs: this.tlvs.map((t) =>
        t.oui < 0
          ? { type: t.type, length: t.length }
          : { type: t.type, length: t.length, oui: t.oui, subtype: t.subtype }
      ),
    };
  }
}

/**
 * Creates {@linkcode Lldp} layers; bound to EtherType `0x88cc`.
 *
 * @example Create an LLDP layer
 * ```ts
 * import { lldpDecoder } from "./lldp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(lldpDecoder.create().kind, "lldp");
 * ```
 */
export const lldpDecoder: ProtocolDescriptor<Lldp> = defineProtocol({
  kind: "lldp",
  name: "LLDP",
  tcpdumpName: "lldp",
  create: () => new Lldp(),
  bindings: { etherTypes: [0x88cc] },
});

/**
 * Decodes an LLDPDU.
 *
 * @param data The bytes.
 * @param offset Where it starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When fewer than 2 bytes remain.
 *
 * @example Reject a truncated LLDPDU
 * ```ts
 * import { decodeLldp } from "./lldp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeLldp(new Uint8Array(1)), {
 *   message: "Cannot decode LLDP header: 2 bytes required, received 1",
 * });
 * ```
 */
export function decodeLldp(data: Uint8Array, offset = 0): Lldp {
  return decodeOne(new Lldp(), data, offset);
}
