/**
 * IS-IS (ISO 10589, RFC 1195) PDUs, carried over LLC SAP `0xfe` (OSI) with the network
 * layer protocol identifier `0x83`: hellos (IIH), link-state PDUs (LSP) and sequence
 * number PDUs (CSNP, PSNP), with their TLVs.
 *
 * @module
 */

import { readUint16 } from "../_bytes.ts";
import { DecodeError } from "../errors.ts";
import { decodeOne } from "../_decode_one.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";

/** The network layer protocol identifier of IS-IS. */
export const NLPID_ISIS = 0x83;

/** The common header's length. */
export const ISIS_COMMON_HEADER_LENGTH = 8;

/** IS-IS PDU types. */
export const IsisPduType = {
  /** Level 1 LAN hello. */
  L1_LAN_IIH: 15,
  /** Level 2 LAN hello. */
  L2_LAN_IIH: 16,
  /** Point-to-point hello. */
  PTP_IIH: 17,
  /** Level 1 link-state PDU. */
  L1_LSP: 18,
  /** Level 2 link-state PDU. */
  L2_LSP: 20,
  /** Level 1 complete sequence numbers PDU. */
  L1_CSNP: 24,
  /** Level 2 complete sequence numbers PDU. */
  L2_CSNP: 25,
  /** Level 1 partial sequence numbers PDU. */
  L1_PSNP: 26,
  /** Level 2 partial sequence numbers PDU. */
  L2_PSNP: 27,
} as const;

/** The PDU-specific header's length of each PDU type (after the common header). */
const SPECIFIC_LENGTHS: ReadonlyMap<number, number> = new Map([
  [15, 19],
  [16, 19],
  [17, 12],
  [18, 19],
  [20, 19],
  [24, 25],
  [25, 25],
  [26, 9],
  [27, 9],
]);

/** One TLV of an IS-IS PDU. */
export interface IsisTlv {
  /** The type. */
  readonly type: number;
  /** The length of the value. */
  readonly length: number;
  /** Where the value starts in `data`. */
  readonly valueOffset: number;
}

/** The TLVs of a PDU, and what ended their walk. */
export interface IsisTlvList {
  /** The TLVs, the last one possibly cut short (see `stop`). */
  readonly tlvs: readonly IsisTlv[];
  /**
   * `"header"`: the bytes end inside a TLV header; `"value"`: the last TLV's value runs
   * past the PDU; `undefined`: the walk ended at the PDU's end.
   */
  readonly stop?: "header" | "value";
}

/**
 * The Fletcher checksum of ISO 8473 over `data[from, to)`, the 2-byte checksum field
 * `checksumAt` bytes in counted as zero: the value the field should hold.
 *
 * @param data The bytes.
 * @param from Where the checksummed bytes start.
 * @param to Where they end.
 * @param checksumAt The checksum field's offset from `from`.
 * @returns The checksum.
 */
export function osiChecksum(
  data: Uint8Array,
  from: number,
  to: number,
  checksumAt: number,
): number {
  let c0 = 0;
  let c1 = 0;
  const length = to - from;
  for (let i = 0; i < length; i++) {
    if (i !== checksumAt && i !== checksumAt + 1) c0 += data[from + i]!;
    c1 += c0;
  }
  c0 %= 255;
  c1 %= 255;
  const mul = (length - checksumAt) * c0;
  let x = mul - c0 - c1;
  let y = c1 - mul - 1;
  if (y >= 0) y++;
  if (x < 0) x--;
  x %= 255;
  y %= 255;
  if (x === 0) x = 255;
  if (y === 0) y = 255;
  return ((x & 0xff) << 8) | (y & 0xff);
}

/**
 * An IS-IS PDU: the common header (protocol identifier `0x83`, header length, version,
 * system ID length, PDU type, PDU version, maximum area addresses), the PDU type's own
 * header, whose fields are read when present, then TLVs ({@linkcode Isis.tlvList}).
 *
 * @example Decode the header of an L2 LAN hello
 * ```ts
 * import { decodeIsis } from "./isis.ts";
 * import assert from "node:assert/strict";
 *
 * const bytes = new Uint8Array(29);
 * bytes.set([0x83, 27, 1, 0, 16, 1, 0, 0, 2, 0x44, 0x44, 0x44, 0x44, 0x44, 0x44, 0, 30, 0, 29, 64]);
 * bytes.set([0x44, 0x44, 0x44, 0x44, 0x44, 0x44, 1, 8, 0], 20);
 * const isis = decodeIsis(bytes);
 * assert.equal(isis.pduType, 16);
 * assert.equal(isis.holdingTime, 30);
 * assert.equal(isis.priority, 64);
 * assert.deepEqual(isis.tlvList().tlvs, [{ type: 8, length: 0, valueOffset: 29 }]);
 * ```
 */
export class Isis extends LayerBase {
  /** The discriminant. */
  readonly kind = "isis" as const;
  /** The length of the common and PDU-specific headers. */
  fixedLength = 0;
  /** The protocol version (1). */
  version = 0;
  /** The system ID length field (0 means 6). */
  idLength = 0;
  /** The PDU type (see {@linkcode IsisPduType}; the 3 reserved bits cleared). */
  pduType = 0;
  /** The PDU version (1). */
  pduVersion = 0;
  /** The maximum area addresses field (0 means 3). */
  maxAreas = 0;
  /** Whether the PDU type is known and its header was captured whole. */
  specificHeader = false;
  /** Circuit type (hellos). */
  circuitType = 0;
  /** Holding time in seconds (hellos). */
  holdingTime = 0;
  /** The PDU length field (hellos, LSPs, CSNPs, PSNPs). */
  pduLength = 0;
  /** The priority byte (LAN hellos; its high bit is reserved). */
  priority = 0;
  /** The local circuit ID (point-to-point hellos). */
  circuitId = 0;
  /** The remaining lifetime in seconds (LSPs). */
  remainingLifetime = 0;
  /** The sequence number (LSPs). */
  sequenceNumber = 0;
  /** The checksum (LSPs). */
  checksum = 0;
  /** The type block: partition, attached, overload bits and IS type (LSPs). */
  typeBlock = 0;
  /** Where the source ID (system or node ID) starts in `data` (hellos, CSNPs, PSNPs). */
  sourceIdOffset: number = -1;
  /** Where the LAN ID (node ID) starts (LAN hellos). */
  lanIdOffset: number = -1;
  /** Where the LSP ID starts (LSPs). */
  lspIdOffset: number = -1;
  /** Where the start LSP ID starts (CSNPs). */
  startLspIdOffset: number = -1;
  /** Where the end LSP ID starts (CSNPs). */
  endLspIdOffset: number = -1;

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    _context: DecodeContext,
  ): DecodeError | undefined {
    const available = end - offset;
    if (available < ISIS_COMMON_HEADER_LENGTH) {
      return DecodeError.truncated(this.kind, offset, ISIS_COMMON_HEADER_LENGTH, available);
    }
    this.data = data;
    this.offset = offset;
    this.end = end;
    this.fixedLength = data[offset + 1]!;
    this.version = data[offset + 2]!;
    this.idLength = data[offset + 3]!;
    this.pduType = data[offset + 4]! & 0x1f;
    this.pduVersion = data[offset + 5]!;
    this.maxAreas = data[offset + 7]!;
    const specific = SPECIFIC_LENGTHS.get(this.pduType) ?? 0;
    this.specificHeader = specific > 0 && available >= ISIS_COMMON_HEADER_LENGTH + specific;
    this.headerLength = this.specificHeader
      ? ISIS_COMMON_HEADER_LENGTH + specific
      : ISIS_COMMON_HEADER_LENGTH;
    this.sourceIdOffset = this.lanIdOffset = this.lspIdOffset = -1;
    this.startLspIdOffset = this.endLspIdOffset = -1;
    if (!this.specificHeader) return undefined;
    const at = offset + ISIS_COMMON_HEADER_LENGTH;
    switch (this.pduType) {
      case IsisPduType.L1_LAN_IIH:
      case IsisPduType.L2_LAN_IIH:
      case IsisPduType.PTP_IIH:
        this.circuitType = data[at]!;
        this.sourceIdOffset = at + 1;
        this.holdingTime = readUint16(data, at + 7);
        this.pduLength = readUint16(data, at + 9);
        if (this.pduType === IsisPduType.PTP_IIH) {
          this.circuitId = data[at + 11]!;
        } else {
          this.priority = data[at + 11]!;
          this.lanIdOffset = at + 12;
        }
        break;
      case IsisPduType.L1_LSP:
      case IsisPduType.L2_LSP:
        this.pduLength = readUint16(data, at);
        this.remainingLifetime = readUint16(data, at + 2);
        this.lspIdOffset = at + 4;
        this.sequenceNumber = ((data[at + 12]! << 24) | (data[at + 13]! << 16) |
          (data[at + 14]! << 8) | data[at + 15]!) >>> 0;
        this.checksum = readUint16(data, at + 16);
        this.typeBlock = data[at + 18]!;
        break;
      default:
        // CSNP and PSNP.
        this.pduLength = readUint16(data, at);
        this.sourceIdOffset = at + 2;
        if (specific === 25) {
          this.startLspIdOffset = at + 9;
          this.endLspIdOffset = at + 17;
        }
    }
    return undefined;
  }

  /** Picks the decoder of the payload from the context's tables. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /**
   * The TLVs after the headers, up to the PDU length field or the bytes' end, whichever
   * comes first (as tcpdump walks them).
   *
   * @returns The TLV list.
   */
  tlvList(): IsisTlvList {
    const d = this.data;
    const tlvs: IsisTlv[] = [];
    let at = this.offset + this.headerLength;
    const stop = Math.min(this.end, this.offset + this.pduLength);
    while (at < stop) {
      if (stop - at < 2) return { tlvs, stop: "header" };
      const type = d[at]!;
      const length = d[at + 1]!;
      tlvs.push({ type, length, valueOffset: at + 2 });
      if (stop - at - 2 < length) return { tlvs, stop: "value" };
      at += 2 + length;
    }
    return { tlvs };
  }

  /**
   * An LSP's checksum check, over the LSP ID to the end of the PDU (bounded by the PDU
   * length field): `undefined` when it cannot be verified (a zero checksum, or bytes
   * missing), else the checksum the PDU should carry (equal to
   * {@linkcode Isis.checksum} when correct).
   *
   * @param length The PDU's length on the wire, when it differs from the bytes decoded.
   * @returns The expected checksum, or `undefined`.
   */
  expectedChecksum(length = this.end - this.offset): number | undefined {
    if (this.lspIdOffset < 0 || this.checksum === 0) return undefined;
    const total = Math.min(length, this.pduLength);
    if (total < 12 + 14 || this.offset + total > this.end) return undefined;
    return osiChecksum(this.data, this.lspIdOffset, this.offset + total, 12);
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    const json: Record<string, unknown> = {
      fixedLength: this.fixedLength,
      version: this.version,
      idLength: this.idLength,
      pduType: this.pduType,
      pduVersion: this.pduVersion,
      maxAreas: this.maxAreas,
    };
    if (this.specificHeader) json.pduLength = this.pduLength;
    if (this.lspIdOffset >= 0) {
      json.remainingLifetime = this.remainingLifetime;
      json.sequenceNumber = this.sequenceNumber;
      json.checksum = this.checksum;
    } else if (this.pduType <= IsisPduType.PTP_IIH && this.specificHeader) {
      json.circuitType = this.circuitType;
      json.holdingTime = this.holdingTime;
    }
    return json;
  }
}

/**
 * Creates {@linkcode Isis} layers; LLC picks it for SAP `0xfe` when the protocol
 * identifier is `0x83`.
 *
 * @example Create an IS-IS layer
 * ```ts
 * import { isisDecoder } from "./isis.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(isisDecoder.create().kind, "isis");
 * ```
 */
export const isisDecoder: ProtocolDescriptor<Isis> = defineProtocol({
  kind: "isis",
  name: "IS-IS",
  tcpdumpName: "isis",
  create: () => new Isis(),
  bindings: {},
});

/**
 * Decodes an IS-IS PDU.
 *
 * @param data The bytes.
 * @param offset Where the PDU starts (its protocol identifier).
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When fewer than 8 bytes remain.
 *
 * @example Reject a short header
 * ```ts
 * import { decodeIsis } from "./isis.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeIsis(new Uint8Array([0x83, 27, 1])), {
 *   message: "Cannot decode IS-IS header: 8 bytes required, received 3",
 * });
 * ```
 */
export function decodeIsis(data: Uint8Array, offset = 0): Isis {
  return decodeOne(new Isis(), data, offset);
}
