/**
 * ATM LAN Emulation (LANE, 802.3 emulation): a 2-byte LE header before an Ethernet frame,
 * or `0xff00` and an LE control frame's protocol, version and opcode, as tcpdump's
 * lane_print() reads them.
 *
 * @module
 */

import type { DecodeError } from "../errors.ts";
import { beginPartialHeader } from "../_begin_layer.ts";
import { readUint16 } from "../_bytes.ts";
import { decodeOne } from "../_decode_one.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";
import { ethernetDecoder } from "./ethernet.ts";

/** The LE header value that marks an LE control frame. */
export const LANE_CONTROL_MARKER = 0xff00;

/**
 * A LANE header: the LE client ID (`lecid`) before an emulated Ethernet frame, or an LE
 * control frame's marker, protocol, version and opcode. A cut header is kept (`partial`).
 *
 * @example Decode a data frame's LE header
 * ```ts
 * import { decodeLane } from "./lane.ts";
 * import assert from "node:assert/strict";
 *
 * const lane = decodeLane(new Uint8Array([0x00, 0x2a, 0xff, 0xff]));
 * assert.equal(lane.control, false);
 * assert.equal(lane.header, 0x2a);
 * assert.equal(lane.headerLength, 2);
 * ```
 */
export class Lane extends LayerBase {
  /** The discriminant. */
  readonly kind = "lane" as const;
  /** The capture cut the header. */
  partial = false;
  /** The LE header: the LE client ID, or {@linkcode LANE_CONTROL_MARKER}. */
  header = 0;
  /** A control frame's protocol. */
  protocol = 0;
  /** A control frame's version. */
  version = 0;
  /** A control frame's opcode. */
  opcode = 0;

  /** Whether this is an LE control frame (the header is `0xff00`). */
  get control(): boolean {
    return this.header === LANE_CONTROL_MARKER;
  }

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    _context: DecodeContext,
  ): DecodeError | undefined {
    this.header = end - offset >= 2 ? readUint16(data, offset) : 0;
    this.protocol = 0;
    this.version = 0;
    this.opcode = 0;
    const control = this.header === LANE_CONTROL_MARKER;
    const error = beginPartialHeader(this, data, offset, end, control ? 6 : 2);
    if (error !== undefined || !control) return error;
    this.protocol = data[offset + 2]!;
    this.version = data[offset + 3]!;
    this.opcode = readUint16(data, offset + 4);
    return undefined;
  }

  /** An Ethernet frame follows the LE header of a data frame. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return this.control ? undefined : ethernetDecoder;
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return this.control
      ? { header: this.header, protocol: this.protocol, version: this.version, opcode: this.opcode }
      : { header: this.header };
  }
}

/**
 * Creates {@linkcode Lane} layers: the decoder of SunATM's LANE traffic.
 *
 * @example Create a layer
 * ```ts
 * import { laneDecoder } from "./lane.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(laneDecoder.create().kind, "lane");
 * ```
 */
export const laneDecoder: ProtocolDescriptor<Lane> = defineProtocol({
  kind: "lane",
  name: "LANE",
  tcpdumpName: "lane",
  create: () => new Lane(),
  bindings: {},
});

/**
 * Decodes a LANE header.
 *
 * @param data The bytes.
 * @param offset Where the header starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When the header is cut.
 *
 * @example Decode an LE control frame
 * ```ts
 * import { decodeLane } from "./lane.ts";
 * import assert from "node:assert/strict";
 *
 * const lane = decodeLane(new Uint8Array([0xff, 0x00, 0x01, 0x01, 0x01, 0x02]));
 * assert.equal(lane.control, true);
 * assert.equal(lane.opcode, 0x0102);
 * ```
 */
export function decodeLane(data: Uint8Array, offset = 0): Lane {
  return decodeOne(new Lane(), data, offset);
}
