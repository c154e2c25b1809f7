/**
 * MACsec (IEEE 802.1AE, EtherType `0x88e5`): the security tag (SecTAG) after the Ethernet
 * addresses, as 802.1AE-2006 9.3 lays it out: the tag control information and association
 * number, the short length, the packet number and, when the SC bit says so, the 8-byte
 * secure channel identifier. A frame that is only integrity-protected (neither the E nor
 * the C bit) carries its EtherType and payload in clear, then a 16-byte integrity check
 * value (ICV); an encrypted one is opaque.
 *
 * @module
 */

import { DecodeError } from "../errors.ts";
import { readUint32 } from "../_bytes.ts";
import { decodeOne } from "../_decode_one.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";
import { MIN_ETHERTYPE, typeOrLengthNextDecoder } from "./_type_or_length.ts";

/** MACsec's EtherType. */
export const ETHERTYPE_MACSEC = 0x88e5;
/** The SecTAG's length without the secure channel identifier (after the EtherType). */
export const MACSEC_SECTAG_LENGTH = 6;
/** The SecTAG's length with the secure channel identifier. */
export const MACSEC_SECTAG_SCI_LENGTH = 14;
/** The integrity check value's length with the default cipher suite (GCM-AES-128). */
export const MACSEC_ICV_LENGTH = 16;

/** The bits of the tag control information (the SecTAG's first byte). */
export const MacsecTci = {
  /** The version bit: 0 in 802.1AE-2006; a frame with it set is invalid. */
  VERSION: 0x80,
  /** ES: the frame comes from an end station. */
  END_STATION: 0x40,
  /** SC: the secure channel identifier is present. */
  SCI_PRESENT: 0x20,
  /** SCB: a single copy broadcast (EPON). */
  SINGLE_COPY_BROADCAST: 0x10,
  /** E: the user data is encrypted. */
  ENCRYPTED: 0x08,
  /** C: the user data was changed (encrypted, or with a longer ICV). */
  CHANGED: 0x04,
  /** The association number's bits. */
  ASSOCIATION_NUMBER: 0x03,
} as const;

/**
 * Why a {@linkcode Macsec} layer stopped short: `truncated` (the SecTAG, the ICV or the
 * short length's data was not captured), `invalid` (the version bit or the short length's
 * reserved bits are set), `short-data` (the short length is too small for an EtherType),
 * `no-ethertype` (the bytes before the ICV are too few for an EtherType).
 */
export type MacsecProblem = "truncated" | "invalid" | "short-data" | "no-ethertype";

/**
 * A MACsec SecTAG. A tag cut short, invalid, or whose secure data ends before an EtherType
 * is kept as a partial layer (`problem` says why), as tcpdump prints what it can of it.
 * When the frame is not encrypted the header runs to the inner EtherType (as a VLAN tag's
 * does) and the payload ends before the ICV, or after `shortLength` bytes.
 *
 * @example Decode an integrity-only SecTAG with a secure channel identifier
 * ```ts
 * import { decodeMacsec } from "./macsec.ts";
 * import assert from "node:assert/strict";
 *
 * const tag = new Uint8Array([0x20, 0, 0, 0, 0, 0x44, 1, 2, 3, 4, 5, 6, 0, 1, 0x08, 0x00,
 *   0x45, ...new Uint8Array(16)]);
 * const macsec = decodeMacsec(tag);
 * assert.equal(macsec.associationNumber, 0);
 * assert.equal(macsec.packetNumber, 0x44);
 * assert.equal(macsec.sci, 0x0102030405060001n);
 * assert.equal(macsec.encrypted, false);
 * assert.equal(macsec.etherType, 0x0800);
 * assert.deepEqual(macsec.payload, new Uint8Array([0x45]));
 * ```
 */
export class Macsec extends LayerBase {
  /** The discriminant. */
  readonly kind = "macsec" as const;
  /** The layer is kept though it could not be decoded whole. */
  partial = false;
  /** Why it could not, or `undefined`. */
  problem: MacsecProblem | undefined = undefined;
  /** The tag control information and association number (the first byte). */
  tciAn = 0;
  /** The short length (the second byte's low 6 bits): the secure data's length, or 0. */
  shortLength = 0;
  /** The SecTAG's length: 6, or 14 with the secure channel identifier. */
  sectagLength: number = MACSEC_SECTAG_LENGTH;
  /** The inner EtherType, or `undefined` (an 802.3 length, or an encrypted frame). */
  etherType: number | undefined = undefined;
  /** The inner 802.3 length, or `undefined`. */
  length: number | undefined = undefined;

  /** The association number (0 to 3). */
  get associationNumber(): number {
    return this.tciAn & MacsecTci.ASSOCIATION_NUMBER;
  }

  /** The user data is encrypted or changed (the E or C bit): nothing after the SecTAG decodes. */
  get encrypted(): boolean {
    return (this.tciAn & (MacsecTci.ENCRYPTED | MacsecTci.CHANGED)) !== 0;
  }

  /** The packet number, or -1 when the SecTAG was not captured. */
  get packetNumber(): number {
    return this.offset + MACSEC_SECTAG_LENGTH <= this.end
      ? readUint32(this.data, this.offset + 2)
      : -1;
  }

  /** The secure channel identifier, or `undefined` when absent or not captured. */
  get sci(): bigint | undefined {
    if ((this.tciAn & MacsecTci.SCI_PRESENT) === 0) return undefined;
    const at = this.offset + MACSEC_SECTAG_LENGTH;
    if (at + 8 > this.data.length || this.offset + MACSEC_SECTAG_SCI_LENGTH > this.end) {
      return undefined;
    }
    return (BigInt(readUint32(this.data, at)) << 32n) | BigInt(readUint32(this.data, at + 4));
  }

  /** Decodes the SecTAG at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    _context: DecodeContext,
  ): DecodeError | undefined {
    this.partial = false;
    this.problem = undefined;
    this.etherType = undefined;
    this.length = undefined;
    this.tciAn = 0;
    this.shortLength = 0;
    const available = end - offset;
    if (available < 0) return DecodeError.truncated(this.kind, offset, MACSEC_SECTAG_LENGTH, 0);
    this.data = data;
    this.offset = offset;
    this.end = end;
    this.headerLength = available;
    if (available < MACSEC_SECTAG_LENGTH) return this.#stop("truncated", MACSEC_SECTAG_LENGTH);
    this.tciAn = data[offset]!;
    const sectag = (this.tciAn & MacsecTci.SCI_PRESENT) !== 0
      ? MACSEC_SECTAG_SCI_LENGTH
      : MACSEC_SECTAG_LENGTH;
    this.sectagLength = sectag;
    if (available < sectag) return this.#stop("truncated", sectag);
    const sl = data[offset + 1]!;
    if ((sl & 0xc0) !== 0 || (this.tciAn & MacsecTci.VERSION) !== 0) {
      this.headerLength = sectag;
      this.partial = true;
      this.problem = "invalid";
      return DecodeError.malformed(this.kind, offset, 0, sl, "version or reserved bits set", true);
    }
    this.shortLength = sl;
    this.headerLength = sectag;
    if (this.encrypted) return undefined;
    // The ICV closes the frame; the secure data is what is left, or the short length.
    let secure = available - sectag - MACSEC_ICV_LENGTH;
    if (secure < 0) return this.#stop("truncated", sectag + MACSEC_ICV_LENGTH);
    if (sl !== 0) {
      if (sl > secure) return this.#stop("truncated", sectag + MACSEC_ICV_LENGTH + sl);
      secure = sl;
    }
    // The payload's printers may read up to the ICV (tcpdump's snapend), even past a short
    // length, which only shortens the payload's length.
    const beforeIcv = end - MACSEC_ICV_LENGTH;
    if (secure < 2) {
      this.end = beforeIcv;
      // tcpdump reads the EtherType from before the ICV, then finds no room for it.
      this.partial = true;
      this.problem = beforeIcv - offset - sectag >= 2 ? "short-data" : "no-ethertype";
      return DecodeError.truncated(this.kind, offset, sectag + 2, sectag + secure, true);
    }
    const typeOrLength = (data[offset + sectag]! << 8) | data[offset + sectag + 1]!;
    this.headerLength = sectag + 2;
    this.end = beforeIcv;
    if (typeOrLength >= MIN_ETHERTYPE) this.etherType = typeOrLength;
    else {
      this.length = typeOrLength;
      this.end = Math.min(this.end, offset + sectag + 2 + typeOrLength);
    }
    return undefined;
  }

  /** Picks the decoder of the payload: none when encrypted or cut. */
  nextDecoder(context: DecodeContext): Decoder | undefined {
    // tcpdump reads one SecTAG only: a MACsec EtherType after it is not decoded.
    if (this.partial || this.encrypted || this.etherType === ETHERTYPE_MACSEC) return undefined;
    return typeOrLengthNextDecoder(
      this.etherType,
      this.data,
      this.offset + this.headerLength,
      this.end,
      context,
    );
  }

  /** Returns the SecTAG's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    if (this.problem === "truncated" && this.headerLength < this.sectagLength) {
      return { partial: true };
    }
    const header: Record<string, unknown> = {
      associationNumber: this.associationNumber,
      tci: this.tciAn & 0xfc,
      shortLength: this.shortLength,
      packetNumber: this.packetNumber,
    };
    const sci = this.sci;
    if (sci !== undefined) header.sci = sci.toString(16).padStart(16, "0");
    if (this.problem !== undefined) header.problem = this.problem;
    else if (this.etherType !== undefined) header.etherType = this.etherType;
    else if (this.length !== undefined) header.length = this.length;
    return header;
  }

  #stop(problem: MacsecProblem, required: number): DecodeError {
    this.partial = true;
    this.problem = problem;
    return DecodeError.truncated(this.kind, this.offset, required, this.end - this.offset, true);
  }
}

/**
 * Creates {@linkcode Macsec} layers; bound to EtherType `0x88e5`.
 *
 * @example Create a MACsec layer
 * ```ts
 * import { macsecDecoder } from "./macsec.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(macsecDecoder.create().kind, "macsec");
 * ```
 */
export const macsecDecoder: ProtocolDescriptor<Macsec> = defineProtocol({
  kind: "macsec",
  name: "MACsec",
  tcpdumpName: "macsec",
  create: () => new Macsec(),
  bindings: { etherTypes: [ETHERTYPE_MACSEC] },
});

/**
 * Decodes a MACsec SecTAG (the bytes after the EtherType `0x88e5`).
 *
 * @param data The bytes.
 * @param offset Where the tag control information starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When the SecTAG is cut short or invalid, or the ICV is missing.
 *
 * @example Reject a truncated SecTAG
 * ```ts
 * import { decodeMacsec } from "./macsec.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeMacsec(new Uint8Array(4)), {
 *   message: "Cannot decode MACsec header: 6 bytes required, received 4",
 * });
 * ```
 */
export function decodeMacsec(data: Uint8Array, offset = 0): Macsec {
  return decodeOne(new Macsec(), data, offset);
}
