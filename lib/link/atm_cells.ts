/**
 * What ATM's reserved circuits carry, as tcpdump's print-atm.c reads it: OAM cells (the
 * cell header, cell and function types, the loopback and AIS/RDI fields, the CRC-10) and
 * signalling PDUs (Q.2931's protocol discriminator, call reference and message type).
 *
 * @module
 */

import type { DecodeError } from "../errors.ts";
import { beginLayer, beginPartialHeader } from "../_begin_layer.ts";
import { readUint16, readUint24, readUint32 } from "../_bytes.ts";
import { decodeOne } from "../_decode_one.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";

/**
 * OAM cell types (the high nibble of the payload's first byte).
 *
 * @example Recognize a fault management cell
 * ```ts
 * import { OamCellType } from "./atm_cells.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(0x18 >> 4, OamCellType.FAULT_MANAGEMENT);
 * ```
 */
export const OamCellType = {
  /** Fault management. */
  FAULT_MANAGEMENT: 0x1,
  /** Performance management. */
  PERFORMANCE_MANAGEMENT: 0x2,
  /** Activation/deactivation. */
  ACTIVATE_DEACTIVATE: 0x8,
  /** System management. */
  SYSTEM_MANAGEMENT: 0xf,
} as const;

/**
 * Fault management function types (the low nibble of the payload's first byte).
 *
 * @example Recognize a loopback cell
 * ```ts
 * import { OamFaultFunction } from "./atm_cells.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(0x18 & 0x0f, OamFaultFunction.LOOPBACK);
 * ```
 */
export const OamFaultFunction = {
  /** Alarm indication signal. */
  AIS: 0x0,
  /** Remote defect indication. */
  RDI: 0x1,
  /** Continuity check. */
  CONTINUITY_CHECK: 0x4,
  /** Loopback. */
  LOOPBACK: 0x8,
} as const;

/** The bytes of an OAM cell's payload: type byte, 45 function-specific bytes, CRC-10. */
export const OAM_PAYLOAD_LENGTH = 48;

/** The CRC-10 table of ITU-T I.610 (polynomial x^10 + x^9 + x^5 + x^4 + x + 1). */
const CRC10_TABLE: Uint16Array = (() => {
  const table = new Uint16Array(256);
  for (let i = 0; i < 256; i++) {
    let accum = i << 2;
    for (let j = 0; j < 8; j++) {
      accum <<= 1;
      if ((accum & 0x400) !== 0) accum ^= 0x633;
    }
    table[i] = accum & 0xffff;
  }
  return table;
})();

/**
 * The CRC-10 remainder of bytes that end with their CRC-10 field: 0 when it is correct.
 *
 * @param data The bytes.
 * @param start The first byte.
 * @param length How many bytes.
 * @returns The remainder, 10 bits.
 *
 * @example Check an all-zero OAM payload
 * ```ts
 * import { crc10 } from "./atm_cells.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(crc10(new Uint8Array(48), 0, 48), 0);
 * ```
 */
export function crc10(data: Uint8Array, start: number, length: number): number {
  let accum = 0;
  for (let i = start; i < start + length; i++) {
    accum = ((accum << 8) & 0x3ff) ^ CRC10_TABLE[(accum >> 2) & 0xff]! ^ data[i]!;
  }
  return accum & 0x3ff;
}

/**
 * An OAM cell: an optional HEC byte (SunATM's captures keep one, `hec` 1), the 4-byte cell
 * header (VPI, VCI, payload type, CLP), then the 48-byte payload (cell type, function type,
 * 45 function-specific bytes, the CRC-10). The layer is the headers and the type byte;
 * the function-specific fields are read by getters. A cut before the type byte is kept
 * (`partial`).
 *
 * @example Decode an end-to-end loopback cell
 * ```ts
 * import { decodeOamCell } from "./atm_cells.ts";
 * import assert from "node:assert/strict";
 *
 * const bytes = new Uint8Array(53);
 * bytes.set([0, 0x00, 0x00, 0x00, 0x4a, 0x18, 0x01, 0, 0, 0, 7]);
 * const oam = decodeOamCell(bytes);
 * assert.equal(oam.vci, 4);
 * assert.equal(oam.payloadType, 5);
 * assert.equal(oam.cellType, 1);
 * assert.equal(oam.functionType, 8);
 * assert.equal(oam.correlationTag, 7);
 * ```
 */
export class OamCell extends LayerBase {
  /** The discriminant. */
  readonly kind = "oam" as const;
  /** The capture cut the cell header or the type byte. */
  partial = false;
  /** The HEC bytes before the cell header (1 in SunATM captures, 0 in Juniper's). */
  readonly hec: number;
  /** The 4-byte cell header (without HEC). */
  cellHeader = 0;
  /** The OAM cell type (see {@linkcode OamCellType}). */
  cellType = 0;
  /** The function type. */
  functionType = 0;

  /**
   * Makes a layer.
   *
   * @param hec The HEC bytes before the cell header (default 1).
   */
  constructor(hec = 1) {
    super();
    this.hec = hec;
  }

  /** The VPI of the cell header (8 bits, the UNI format as tcpdump reads it). */
  get vpi(): number {
    return (this.cellHeader >>> 20) & 0xff;
  }
  /** The VCI of the cell header. */
  get vci(): number {
    return (this.cellHeader >>> 4) & 0xffff;
  }
  /** The payload type identifier (4 and 5: F5 segment and end-to-end OAM). */
  get payloadType(): number {
    return (this.cellHeader >>> 1) & 0x7;
  }
  /** The cell loss priority bit. */
  get clp(): number {
    return this.cellHeader & 1;
  }
  /** Where the 48-byte payload starts (the type byte). */
  get payloadAt(): number {
    return this.offset + this.hec + 4;
  }
  /** Whether the 45 function-specific bytes after the type byte were captured. */
  get functionCaptured(): boolean {
    return this.payloadAt + 46 <= this.end;
  }
  /** Whether the whole payload, the CRC-10 field included, was captured. */
  get payloadCaptured(): boolean {
    return this.payloadAt + OAM_PAYLOAD_LENGTH <= this.end;
  }
  /** A loopback cell's indicator bit: 1 request, 0 reply (0 when not captured). */
  get loopbackIndicator(): number {
    return this.functionCaptured ? this.data[this.payloadAt + 1]! & 1 : 0;
  }
  /** An AIS or RDI cell's failure type (0 when not captured). */
  get failureType(): number {
    return this.functionCaptured ? this.data[this.payloadAt + 1]! : 0;
  }
  /** A loopback cell's correlation tag (0 when not captured). */
  get correlationTag(): number {
    return this.functionCaptured ? readUint32(this.data, this.payloadAt + 2) : 0;
  }
  /** The CRC-10 field (0 when not captured). */
  get crc10(): number {
    return this.payloadCaptured ? readUint16(this.data, this.payloadAt + 46) & 0x3ff : 0;
  }
  /** Whether the CRC-10 checks over the payload (`false` when not captured). */
  get crc10Correct(): boolean {
    return this.payloadCaptured && crc10(this.data, this.payloadAt, OAM_PAYLOAD_LENGTH) === 0;
  }

  /** Decodes the cell at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    _context: DecodeContext,
  ): DecodeError | undefined {
    const error = beginPartialHeader(this, data, offset, end, this.hec + 5);
    this.cellHeader = 0;
    this.cellType = 0;
    this.functionType = 0;
    if (error !== undefined) return error;
    this.cellHeader = readUint32(data, offset + this.hec);
    const type = data[offset + this.hec + 4]!;
    this.cellType = type >> 4;
    this.functionType = type & 0x0f;
    return undefined;
  }

  /** Nothing follows an OAM cell. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /** Returns the cell's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return {
      vpi: this.vpi,
      vci: this.vci,
      payloadType: this.payloadType,
      clp: this.clp,
      cellType: this.cellType,
      functionType: this.functionType,
    };
  }
}

/** The protocol discriminator of Q.2931 (UNI 3.1 signalling). */
export const Q2931_DISCRIMINATOR = 0x09;

/**
 * A signalling PDU of VPI 0, VCI 5, as tcpdump's sig_print() reads it: a protocol
 * discriminator, and for Q.2931 (`0x09`) the 3-byte call reference at 2 and the message
 * type at 5. Other discriminators are SSCOP with an unknown protocol (the header is that
 * byte). A cut header is kept (`partial`).
 *
 * @example Decode a Q.2931 Setup
 * ```ts
 * import { decodeAtmSignalling } from "./atm_cells.ts";
 * import assert from "node:assert/strict";
 *
 * const sig = decodeAtmSignalling(new Uint8Array([9, 3, 0, 0, 1, 5, 0x80, 0, 0]));
 * assert.equal(sig.callReference, 1);
 * assert.equal(sig.messageType, 5);
 * ```
 */
export class AtmSignalling extends LayerBase {
  /** The discriminant. */
  readonly kind = "atm-sig" as const;
  /** The capture cut the header. */
  partial = false;
  /** The protocol discriminator (`-1` when not captured). */
  protocol: number = -1;
  /** Q.2931's call reference. */
  callReference = 0;
  /** Q.2931's message type. */
  messageType = 0;

  /** Decodes the PDU's header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    _context: DecodeContext,
  ): DecodeError | undefined {
    const error = beginLayer(this, data, offset, end, 0);
    if (error !== undefined) return error;
    this.protocol = offset < end ? data[offset]! : -1;
    this.callReference = 0;
    this.messageType = 0;
    const cut = beginPartialHeader(
      this,
      data,
      offset,
      end,
      this.protocol === Q2931_DISCRIMINATOR ? 6 : 1,
    );
    if (cut !== undefined || this.protocol !== Q2931_DISCRIMINATOR) return cut;
    this.callReference = readUint24(data, offset + 2);
    this.messageType = data[offset + 5]!;
    return undefined;
  }

  /** tcpdump prints nothing after the header. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return {
      protocol: this.protocol,
      callReference: this.callReference,
      messageType: this.messageType,
    };
  }
}

/**
 * Creates {@linkcode OamCell} layers (with a HEC byte, as SunATM captures them): the
 * decoder of VPI 0's VCIs 3 and 4.
 *
 * @example Create a layer
 * ```ts
 * import { oamCellDecoder } from "./atm_cells.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(oamCellDecoder.create().hec, 1);
 * ```
 */
export const oamCellDecoder: ProtocolDescriptor<OamCell> = defineProtocol({
  kind: "oam",
  name: "OAM cell",
  tcpdumpName: "oam",
  create: () => new OamCell(1),
  bindings: {},
});

/**
 * Creates {@linkcode AtmSignalling} layers: the decoder of VPI 0, VCI 5.
 *
 * @example Create a layer
 * ```ts
 * import { atmSignallingDecoder } from "./atm_cells.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(atmSignallingDecoder.create().kind, "atm-sig");
 * ```
 */
export const atmSignallingDecoder: ProtocolDescriptor<AtmSignalling> = defineProtocol({
  kind: "atm-sig",
  name: "ATM signalling",
  tcpdumpName: "atm",
  create: () => new AtmSignalling(),
  bindings: {},
});

/**
 * Decodes an OAM cell.
 *
 * @param data The bytes.
 * @param offset Where the cell starts.
 * @param hec The HEC bytes before the cell header (default 1).
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When the cell header or type byte is cut.
 *
 * @example Reject a cut cell header
 * ```ts
 * import { decodeOamCell } from "./atm_cells.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeOamCell(new Uint8Array(3)), {
 *   message: "Cannot decode OAM cell header: 6 bytes required, received 3",
 * });
 * ```
 */
export function decodeOamCell(data: Uint8Array, offset = 0, hec = 1): OamCell {
  return decodeOne(new OamCell(hec), data, offset);
}

/**
 * Decodes a signalling PDU's header.
 *
 * @param data The bytes.
 * @param offset Where the PDU starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When the header is cut.
 *
 * @example Decode SSCOP with an unknown protocol
 * ```ts
 * import { decodeAtmSignalling } from "./atm_cells.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(decodeAtmSignalling(new Uint8Array([7])).protocol, 7);
 * ```
 */
export function decodeAtmSignalling(data: Uint8Array, offset = 0): AtmSignalling {
  return decodeOne(new AtmSignalling(), data, offset);
}
