/**
 * Kerberos over UDP port 88 (and 750): the protocol version byte that tcpdump reads. For
 * Kerberos 5 (RFC 4120) that byte is the ASN.1 application tag of the message (0x6a
 * AS-REQ, 0x6b AS-REP...); for Kerberos 4 it is the version number, followed by the
 * message type and its byte-order bit.
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

/** One field of a Kerberos 4 message (see {@linkcode Kerberos.v4Fields}). */
export type KerberosField =
  | {
    readonly kind: "string";
    readonly start: number;
    readonly end: number;
    readonly terminated: boolean;
  }
  | { readonly kind: "byte" | "u16"; readonly value: number };

/**
 * A Kerberos message: its first byte, and for Kerberos 4 the message type.
 *
 * @example Decode the start of an AS-REQ
 * ```ts
 * import { decodeKerberos } from "./kerberos.ts";
 * import assert from "node:assert/strict";
 *
 * const krb = decodeKerberos(new Uint8Array([0x6a, 0x81, 0xa0]));
 * assert.equal(krb.version, 5);
 * assert.equal(krb.firstByte, 0x6a);
 * ```
 */
export class Kerberos extends LayerBase {
  /** The discriminant. */
  readonly kind = "kerberos" as const;
  /** The first byte: the version (1 to 4), or the ASN.1 tag of a Kerberos 5 message. */
  firstByte = 0;
  /** Kerberos 4: the message type byte (type in bits 1-7, little-endian in bit 0). */
  typeByte: number | undefined = undefined;

  /**
   * The version: 1 to 4 from the first byte, 5 for AS-REQ and AS-REP (the only Kerberos 5
   * tags tcpdump recognizes), else `undefined`.
   */
  get version(): number | undefined {
    const b = this.firstByte;
    if (b >= 1 && b <= 4) return b;
    return b === 106 || b === 107 ? 5 : undefined;
  }

  /** Whether a Kerberos 4 message is little-endian (bit 0 of its type byte). */
  get littleEndian(): boolean {
    return ((this.typeByte ?? 0) & 1) !== 0;
  }

  /**
   * The fields of a Kerberos 4 message that tcpdump prints, in its reading order (for
   * KDC_REQUEST, APPL_REQUEST, KDC_REPLY and ERR_REPLY; empty for the others): NUL-ended
   * strings (`terminated` false when the capture ends first), bytes and 16-bit numbers
   * (in the message's byte order). `cut` says the capture ended before the next field.
   */
  v4Fields(): { fields: KerberosField[]; cut: boolean } {
    const fields: KerberosField[] = [];
    const d = this.data;
    const end = this.end;
    let at = this.offset + 2;
    const string = (): boolean => {
      const start = at;
      while (at < end && d[at] !== 0) at++;
      const terminated = at < end;
      fields.push({ kind: "string", start, end: at, terminated });
      if (terminated) at++;
      return terminated;
    };
    const byte = (): boolean => {
      if (at >= end) return false;
      fields.push({ kind: "byte", value: d[at]! });
      at++;
      return true;
    };
    const short = (): boolean => {
      if (at + 2 > end) return false;
      const value = this.littleEndian ? d[at]! | (d[at + 1]! << 8) : (d[at]! << 8) | d[at + 1]!;
      fields.push({ kind: "u16", value });
      return true;
    };
    const type = (this.typeByte ?? 0) & 0xfe;
    const steps: (() => boolean)[] = [];
    const skip = (n: number) => () => {
      at += n;
      return true;
    };
    if (type === 2) steps.push(string, string, string, skip(4), byte, string, string);
    else if (type === 6) steps.push(byte, string, byte, byte);
    else if (type === 4) steps.push(string, string, string, skip(10), short);
    else if (type === 10) steps.push(string, string, string, skip(4), short, skip(4), string);
    for (const step of steps) if (!step()) return { fields, cut: true };
    return { fields, cut: false };
  }

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    _context: DecodeContext,
  ): DecodeError | undefined {
    const error = beginLayer(this, data, offset, end);
    if (error !== undefined) return error;
    this.headerLength = Math.min(2, end - offset);
    this.firstByte = data[offset]!;
    this.typeByte = end - offset > 1 ? data[offset + 1]! : undefined;
    return undefined;
  }

  /** Picks the decoder of the payload from the context's tables. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return { firstByte: this.firstByte, version: this.version };
  }
}

/**
 * Creates {@linkcode Kerberos} layers; the registry entry for UDP ports 88 and 750.
 *
 * @example Create a Kerberos layer
 * ```ts
 * import { kerberosDecoder } from "./kerberos.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(kerberosDecoder.create().kind, "kerberos");
 * ```
 */
export const kerberosDecoder: ProtocolDescriptor<Kerberos> = defineProtocol({
  kind: "kerberos",
  name: "Kerberos",
  tcpdumpName: "krb",
  create: () => new Kerberos(),
  bindings: { udpPorts: [88, 750] },
});

/**
 * Decodes the start of a Kerberos message.
 *
 * @param data The bytes.
 * @param offset Where the message starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When no byte remains.
 *
 * @example A KRB-ERROR has no version tcpdump names
 * ```ts
 * import { decodeKerberos } from "./kerberos.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(decodeKerberos(new Uint8Array([0x7e, 0x81])).version, undefined);
 * ```
 */
export function decodeKerberos(data: Uint8Array, offset = 0): Kerberos {
  return decodeOne(new Kerberos(), data, offset);
}
