/**
 * VAT, the LBL visual audio tool's packets (and vt's), sent to UDP port 3456: a 16-bit
 * word whose bits 0xf060 tell vt from vat, then for vat a second 32-bit word (the
 * timestamp) after the first (flags, audio format, conference id).
 *
 * @module
 */

import type { DecodeError } from "../errors.ts";
import { readUint16, readUint32 } from "../_bytes.ts";
import { decodeOne } from "../_decode_one.ts";
import { beginMessageTo, capturedEnd } from "./_wire_length.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";

/** The UDP port VAT packets are sent to (the destination port only). */
export const VAT_PORT = 3456;

/**
 * A VAT or vt packet. `first` and the vat header's two words read as `undefined` where
 * the capture cut them.
 *
 * @example Decode a vat header
 * ```ts
 * import { decodeVat } from "./vat.ts";
 * import assert from "node:assert/strict";
 *
 * const vat = decodeVat(new Uint8Array([0, 0x81, 0, 5, 0, 0, 1, 0]));
 * assert.equal(vat.vt, false);
 * assert.equal(vat.conference, 5);
 * assert.equal(vat.format, 1);
 * assert.equal(vat.timestamp, 256);
 * ```
 */
export class Vat extends LayerBase {
  /** The discriminant. */
  readonly kind = "vat" as const;
  /** The first 16-bit word, or `undefined` when not captured. */
  first: number | undefined = undefined;
  /** vat's first 32-bit word, or `undefined` when its 8-byte header was not captured. */
  word0: number | undefined = undefined;
  /** vat's timestamp (its second word), or `undefined` when not captured. */
  timestamp: number | undefined = undefined;
  /** The packet's length on the wire (the UDP payload's). */
  wireLength = 0;

  /** Whether the first word's bits 0xf060 say vt rather than vat. */
  get vt(): boolean {
    return this.first !== undefined && (this.first & 0xf060) !== 0;
  }

  /** The conference id (vat). */
  get conference(): number {
    return (this.word0 ?? 0) & 0xffff;
  }

  /** The audio format (vat; 0 when not given). */
  get format(): number {
    return ((this.word0 ?? 0) >>> 16) & 0x1f;
  }

  /** The flag bit 0x800000 (vat). */
  get flagged(): boolean {
    return ((this.word0 ?? 0) & 0x800000) !== 0;
  }

  /** The 6 bits above the flags (vat; 0 when not given). */
  get sequence(): number {
    return ((this.word0 ?? 0) >>> 24) & 0x3f;
  }

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    context: DecodeContext,
  ): DecodeError | undefined {
    // udp_print() takes the port as the destination only.
    const error = beginMessageTo(VAT_PORT, this, data, offset, end, context);
    if (error !== undefined) return error;
    const captured = capturedEnd(context, end) - offset;
    this.headerLength = Math.min(8, end - offset);
    this.first = captured >= 2 ? readUint16(data, offset) : undefined;
    this.word0 = captured >= 8 ? readUint32(data, offset) : undefined;
    this.timestamp = captured >= 8 ? readUint32(data, offset + 4) : undefined;
    return undefined;
  }

  /** VAT carries no further layer. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return {
      vt: this.vt,
      first: this.first,
      conference: this.word0 === undefined ? undefined : this.conference,
      timestamp: this.timestamp,
    };
  }
}

/**
 * Creates {@linkcode Vat} layers; the registry entry for UDP port 3456.
 *
 * @example Create a VAT layer
 * ```ts
 * import { vatDecoder } from "./vat.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(vatDecoder.create().kind, "vat");
 * ```
 */
export const vatDecoder: ProtocolDescriptor<Vat> = defineProtocol({
  kind: "vat",
  name: "VAT",
  tcpdumpName: "vat",
  create: () => new Vat(),
  bindings: { udpPorts: [VAT_PORT] },
});

/**
 * Decodes a VAT or vt packet.
 *
 * @param data The bytes.
 * @param offset Where the packet starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When no byte remains.
 *
 * @example Decode a vt packet
 * ```ts
 * import { decodeVat } from "./vat.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(decodeVat(new Uint8Array([0x10, 0x05])).vt, true);
 * ```
 */
export function decodeVat(data: Uint8Array, offset = 0): Vat {
  return decodeOne(new Vat(), data, offset);
}
