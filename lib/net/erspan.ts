/**
 * Encapsulated Remote SPAN (ERSPAN, draft-foschiano-erspan): mirrored Ethernet frames in
 * GRE. Type I (GRE protocol `0x88be` without a sequence number) has no header of its
 * own, type II (`0x88be`) an 8-byte header, type III (`0x22eb`) a 12-byte header and an
 * optional 8-byte platform-specific subheader.
 *
 * @module
 */

import { DecodeError } from "../errors.ts";
import { noTables } from "../_decode_one.ts";
import { Gre } from "./gre.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";
import { EtherType } from "../link/ethernet.ts";

/** The GRE protocol types of ERSPAN. */
export const ErspanProtocol = {
  /** Types I and II. */
  TYPE_II: 0x88be,
  /** Type III. */
  TYPE_III: 0x22eb,
} as const;

/**
 * An ERSPAN header. `type` is 1, 2 or 3 (the version field is `type - 1`), or 0 for the
 * EtherType outside GRE (not read); fields that the type lacks are `undefined`. The payload is the mirrored Ethernet frame, decoded
 * through the EtherType table's transparent bridging entry.
 *
 * @example Decode a type II header
 * ```ts
 * import { decodeErspan } from "./erspan.ts";
 * import assert from "node:assert/strict";
 *
 * // Version 1, VLAN 23, COS 0, encapsulation 1, session 100, index 0.
 * const erspan = decodeErspan(new Uint8Array([0x10, 0x17, 0x08, 0x64, 0, 0, 0, 0]));
 * assert.equal(erspan.type, 2);
 * assert.equal(erspan.vlan, 23);
 * assert.equal(erspan.encapsulation, 1);
 * assert.equal(erspan.sessionId, 100);
 * assert.equal(erspan.index, 0);
 * assert.equal(erspan.headerLength, 8);
 * ```
 */
export class Erspan extends LayerBase {
  /** The discriminant. */
  readonly kind = "erspan" as const;
  /** The ERSPAN type: 1 (no header), 2 or 3; 0 outside GRE (nothing read). */
  type = 1;
  /** The version field (type II: 1, type III: 2; `undefined` for type I). */
  version: number | undefined = undefined;
  /** The original VLAN of the mirrored frame (12 bits). */
  vlan: number | undefined = undefined;
  /** The class of service (3 bits). */
  cos: number | undefined = undefined;
  /** Type II: the encapsulation type (2 bits). */
  encapsulation: number | undefined = undefined;
  /** Type III: the bad/short/oversized bits (2 bits). */
  bso: number | undefined = undefined;
  /** Whether the mirrored frame was truncated (T). */
  truncated: boolean | undefined = undefined;
  /** The ERSPAN session ID (10 bits). */
  sessionId: number | undefined = undefined;
  /** Type II: the port index (20 bits). */
  index: number | undefined = undefined;
  /** Type III: the timestamp (32 bits). */
  timestamp: number | undefined = undefined;
  /** Type III: the security group tag (16 bits). */
  sgt: number | undefined = undefined;
  /** Type III: the P bit (the frame's protocol is Ethernet). */
  p: boolean | undefined = undefined;
  /** Type III: the frame type (5 bits). */
  frameType: number | undefined = undefined;
  /** Type III: the hardware ID (6 bits). */
  hardwareId: number | undefined = undefined;
  /** Type III: the direction bit (D: 1 egress). */
  direction: boolean | undefined = undefined;
  /** Type III: the timestamp granularity (2 bits). */
  granularity: number | undefined = undefined;
  /** Type III: the O bit (a platform-specific subheader follows). */
  optional: boolean | undefined = undefined;

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    context: DecodeContext,
  ): DecodeError | undefined {
    const available = end - offset;
    const gre = context.gre;
    const typeThree = gre?.protocolType === ErspanProtocol.TYPE_III;
    this.#clear();
    if (gre === undefined || (!typeThree && gre.sequenceNumber === undefined)) {
      // Type I: the frame follows GRE directly. Outside GRE (the EtherType right after a
      // link header), type 0: nothing is read.
      this.type = gre === undefined ? 0 : 1;
      this.data = data;
      this.offset = offset;
      this.headerLength = 0;
      this.end = end;
      return undefined;
    }
    const fixed = typeThree ? 12 : 8;
    if (available < fixed) return DecodeError.truncated(this.kind, offset, fixed, available);
    const word0 = (data[offset]! << 8) | data[offset + 1]!;
    const word1 = (data[offset + 2]! << 8) | data[offset + 3]!;
    let length = fixed;
    this.version = word0 >> 12;
    this.vlan = word0 & 0x0fff;
    this.cos = word1 >> 13;
    this.truncated = (word1 & 0x0400) !== 0;
    this.sessionId = word1 & 0x03ff;
    if (typeThree) {
      this.type = 3;
      this.bso = (word1 >> 11) & 0x03;
      this.timestamp = ((data[offset + 4]! << 24) | (data[offset + 5]! << 16) |
        (data[offset + 6]! << 8) | data[offset + 7]!) >>> 0;
      this.sgt = (data[offset + 8]! << 8) | data[offset + 9]!;
      const word5 = (data[offset + 10]! << 8) | data[offset + 11]!;
      this.p = (word5 & 0x8000) !== 0;
      this.frameType = (word5 >> 10) & 0x1f;
      this.hardwareId = (word5 >> 4) & 0x3f;
      this.direction = (word5 & 0x0008) !== 0;
      this.granularity = (word5 >> 1) & 0x03;
      this.optional = (word5 & 0x0001) !== 0;
      if (this.optional) {
        length += 8;
        if (available < length) return DecodeError.truncated(this.kind, offset, length, available);
      }
    } else {
      this.type = 2;
      this.encapsulation = (word1 >> 11) & 0x03;
      this.index = ((data[offset + 5]! & 0x0f) << 16) | (data[offset + 6]! << 8) |
        data[offset + 7]!;
    }
    this.data = data;
    this.offset = offset;
    this.headerLength = length;
    this.end = end;
    return undefined;
  }

  #clear(): void {
    this.version = undefined;
    this.vlan = undefined;
    this.cos = undefined;
    this.encapsulation = undefined;
    this.bso = undefined;
    this.truncated = undefined;
    this.sessionId = undefined;
    this.index = undefined;
    this.timestamp = undefined;
    this.sgt = undefined;
    this.p = undefined;
    this.frameType = undefined;
    this.hardwareId = undefined;
    this.direction = undefined;
    this.granularity = undefined;
    this.optional = undefined;
  }

  /** Picks the decoder of the payload from the context's tables. */
  nextDecoder(context: DecodeContext): Decoder | undefined {
    if (this.type === 0 || this.end <= this.offset + this.headerLength) return undefined;
    // Type III frames other than Ethernet (P clear, frame type not 0) are not decoded.
    if (this.type === 3 && !this.p && this.frameType !== 0) return undefined;
    return context.tables.etherTypes.get(EtherType.TRANSPARENT_ETHERNET_BRIDGING);
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    const header: Record<string, unknown> = { type: this.type };
    for (
      const key of [
        "version",
        "vlan",
        "cos",
        "encapsulation",
        "bso",
        "truncated",
        "sessionId",
        "index",
        "timestamp",
        "sgt",
        "p",
        "frameType",
        "hardwareId",
        "direction",
        "granularity",
        "optional",
      ] as const
    ) {
      if (this[key] !== undefined) header[key] = this[key];
    }
    return header;
  }
}

/**
 * Creates {@linkcode Erspan} layers; the registry entry for GRE protocol types `0x88be`
 * and `0x22eb` (read through the EtherType table).
 *
 * @example Create an ERSPAN layer
 * ```ts
 * import { erspanDecoder } from "./erspan.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(erspanDecoder.create().kind, "erspan");
 * ```
 */
export const erspanDecoder: ProtocolDescriptor<Erspan> = defineProtocol({
  kind: "erspan",
  name: "ERSPAN",
  tcpdumpName: "erspan",
  create: () => new Erspan(),
  bindings: { etherTypes: [ErspanProtocol.TYPE_II, ErspanProtocol.TYPE_III] },
});

/**
 * Decodes an ERSPAN type II or III header (`decode()` reads the type from the GRE header
 * before it: type I has no sequence number, type III the protocol `0x22eb`).
 *
 * @param data The bytes.
 * @param offset Where the header starts.
 * @param type The ERSPAN type (default 2).
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When the header is cut short.
 *
 * @example Reject a cut-off header
 * ```ts
 * import { decodeErspan } from "./erspan.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeErspan(new Uint8Array([0x10, 0x17])), {
 *   message: "Cannot decode ERSPAN header: 8 bytes required, received 2",
 * });
 * ```
 */
export function decodeErspan(data: Uint8Array, offset = 0, type: 2 | 3 = 2): Erspan {
  const gre = new Gre();
  gre.protocolType = type === 3 ? ErspanProtocol.TYPE_III : ErspanProtocol.TYPE_II;
  gre.sequenceNumber = 0;
  const layer = new Erspan();
  const error = layer.decodeFrom(data, offset, data.length, {
    tables: noTables,
    network: undefined,
    gre,
  });
  if (error !== undefined) throw error;
  return layer;
}
