/**
 * WB, the LBL whiteboard's packets, sent to UDP port 4567: a 12-byte header (source site
 * id, timestamp, version, type, flags), then a body by type: a drawing operation (page,
 * sequence range, drawing ops), an announcement (page states and a site name), a repair
 * request or reply, a page vector request or reply, a kill.
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

/** The UDP port WB packets are sent to (the destination port only). */
export const WB_PORT = 4567;

/** The length of WB's header. */
export const WB_HEADER_LENGTH = 12;

/** The length of a page state (slot, page id, id count, reserved). */
export const WB_PAGE_STATE_LENGTH = 16;

/** The length of a site id and offset pair. */
export const WB_ID_OFFSET_LENGTH = 8;

/** WB's packet types. */
export const WbType = {
  /** A drawing operation. */
  DRAWOP: 0,
  /** An announcement. */
  ID: 1,
  /** A repair request. */
  RREQ: 2,
  /** A repair reply. */
  RREP: 3,
  /** The end of a participation. */
  KILL: 4,
  /** A page vector request. */
  PREQ: 5,
  /** A page vector reply. */
  PREP: 7,
} as const;

/** One drawing op's header, as the capture holds it. */
export interface WbDrawOp {
  /** Where it starts, from the body's start. */
  readonly at: number;
  /** The sender's timestamp. */
  readonly timestamp: number;
  /** The body's type (2 RECT ... 15 HOLE). */
  readonly type: number;
  /** Where the next op starts (the body's length and the header, rounded up to 4). */
  readonly next: number;
}

/**
 * A WB packet. The header's fields read as 0 where the capture cut them; `captured` says
 * how many bytes it holds (up to the IP packet's end). The body's fields are read by
 * position from the body's start: {@linkcode Wb.word}, {@linkcode Wb.pageStateIds},
 * {@linkcode Wb.drawOpAt}.
 *
 * @example Decode a kill
 * ```ts
 * import { decodeWb } from "./wb.ts";
 * import assert from "node:assert/strict";
 *
 * const wb = decodeWb(new Uint8Array([10, 0, 0, 1, 0, 0, 0, 9, 0, 1, 4, 0]));
 * assert.equal(wb.type, 4);
 * assert.equal(wb.source, 0x0a000001);
 * ```
 */
export class Wb extends LayerBase {
  /** The discriminant. */
  readonly kind = "wb" as const;
  /** The source's site id. */
  source = 0;
  /** The timestamp. */
  timestamp = 0;
  /** The version. */
  version = 0;
  /** The packet type ({@linkcode WbType}). */
  type = 0;
  /** The flags (0x01 interactive data, 0x02 only visible ops wanted). */
  flags = 0;
  /** How many of the packet's bytes were captured (up to the IP packet's end). */
  captured = 0;
  /** The packet's length on the wire (the UDP payload's). */
  wireLength = 0;

  /** The body's length on the wire (negative when the header does not fit). */
  get bodyLength(): number {
    return this.wireLength - WB_HEADER_LENGTH;
  }

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    context: DecodeContext,
  ): DecodeError | undefined {
    // udp_print() takes the port as the destination only.
    const error = beginMessageTo(WB_PORT, this, data, offset, end, context);
    if (error !== undefined) return error;
    this.captured = capturedEnd(context, end) - offset;
    this.headerLength = Math.min(WB_HEADER_LENGTH, end - offset);
    // A reused layer keeps no field of its previous packet when this header is cut.
    this.source = 0;
    this.timestamp = 0;
    this.version = 0;
    this.type = 0;
    this.flags = 0;
    if (this.captured < WB_HEADER_LENGTH) return undefined;
    this.source = readUint32(data, offset);
    this.timestamp = readUint32(data, offset + 4);
    this.version = readUint16(data, offset + 8);
    this.type = data[offset + 10]!;
    this.flags = data[offset + 11]!;
    return undefined;
  }

  /** WB carries no further layer. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /** Whether `length` bytes at `at` (from the body's start) were captured. */
  has(at: number, length: number): boolean {
    return at >= 0 && WB_HEADER_LENGTH + at + length <= this.captured;
  }

  /**
   * The 32-bit word at `at` (from the body's start): a number, a site or page id.
   *
   * @param at Where it starts, from the body's start.
   * @returns The word, or `undefined` when the capture ends in it.
   */
  word(at: number): number | undefined {
    return this.has(at, 4) ? readUint32(this.data, this.offset + WB_HEADER_LENGTH + at) : undefined;
  }

  /** Where the body position `at` lies in `data`. */
  bodyOffset(at: number): number {
    return this.offset + WB_HEADER_LENGTH + at;
  }

  /**
   * The count of site id and offset pairs that follow a page vector reply's page state at
   * `at`: the first byte of its 16-bit id count, as tcpdump's wb_prep() reads it.
   *
   * @param at Where the page state starts, from the body's start.
   * @returns The count, or `undefined` when the capture ends before it.
   */
  pageStateIds(at: number): number | undefined {
    return this.has(at + 12, 1) ? this.data[this.bodyOffset(at + 12)]! : undefined;
  }

  /**
   * The id count of an announcement's page state (its 16-bit count).
   *
   * @returns The count, or `undefined` when the capture ends before it.
   */
  get announcedIds(): number | undefined {
    return this.has(24, 2) ? readUint16(this.data, this.bodyOffset(24)) : undefined;
  }

  /**
   * The drawing op whose header starts at `at` (from the body's start).
   *
   * @param at Where it starts.
   * @returns Its header, or `undefined` when the capture ends before its type byte.
   */
  drawOpAt(at: number): WbDrawOp | undefined {
    if (!this.has(at, 8)) return undefined;
    const start = this.bodyOffset(at);
    const length = readUint16(this.data, start + 4);
    return {
      at,
      timestamp: readUint32(this.data, start),
      type: this.data[start + 7]!,
      next: at + ((length + 8 + 3) & ~3),
    };
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return {
      source: this.source,
      timestamp: this.timestamp,
      version: this.version,
      type: this.type,
      flags: this.flags,
    };
  }
}

/**
 * Creates {@linkcode Wb} layers; the registry entry for UDP port 4567.
 *
 * @example Create a WB layer
 * ```ts
 * import { wbDecoder } from "./wb.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(wbDecoder.create().kind, "wb");
 * ```
 */
export const wbDecoder: ProtocolDescriptor<Wb> = defineProtocol({
  kind: "wb",
  name: "WB",
  tcpdumpName: "wb",
  create: () => new Wb(),
  bindings: { udpPorts: [WB_PORT] },
});

/**
 * Decodes a WB packet.
 *
 * @param data The bytes.
 * @param offset Where the packet starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When no byte remains.
 *
 * @example Read a repair request's page number
 * ```ts
 * import { decodeWb } from "./wb.ts";
 * import assert from "node:assert/strict";
 *
 * const bytes = new Uint8Array(32);
 * bytes[10] = 2;
 * bytes[23] = 7;
 * assert.equal(decodeWb(bytes).word(8), 7);
 * ```
 */
export function decodeWb(data: Uint8Array, offset = 0): Wb {
  return decodeOne(new Wb(), data, offset);
}
