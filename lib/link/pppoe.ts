/**
 * PPP over Ethernet (RFC 2516): the discovery stage (EtherType `0x8863`: PADI, PADO,
 * PADR, PADS, PADT with their tags) and the session stage (EtherType `0x8864`: a PPP
 * frame after the session ID).
 *
 * @module
 */

import { EtherType } from "./ethernet.ts";
import { DecodeError } from "../errors.ts";
import { decodeOne } from "../_decode_one.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";
import { pppDecoder } from "./ppp.ts";

/** PPPoE codes (RFC 2516 section 5, RFC 4938). */
export const PppoeCode = {
  /** A session-stage packet. */
  SESSION: 0x00,
  /** PPPoE Active Discovery Offer. */
  PADO: 0x07,
  /** PPPoE Active Discovery Initiation. */
  PADI: 0x09,
  /** PPPoE Active Discovery Request. */
  PADR: 0x19,
  /** PPPoE Active Discovery Session-confirmation. */
  PADS: 0x65,
  /** PPPoE Active Discovery Terminate. */
  PADT: 0xa7,
} as const;

/** A PPPoE code named in {@linkcode PppoeCode}. */
export type PppoeCode = typeof PppoeCode[keyof typeof PppoeCode];

/** PPPoE discovery tag types (RFC 2516 appendix A). */
export const PppoeTagType = {
  /** The end of the list. */
  END_OF_LIST: 0x0000,
  /** Service-Name. */
  SERVICE_NAME: 0x0101,
  /** AC-Name. */
  AC_NAME: 0x0102,
  /** Host-Uniq. */
  HOST_UNIQ: 0x0103,
  /** AC-Cookie. */
  AC_COOKIE: 0x0104,
  /** Vendor-Specific. */
  VENDOR_SPECIFIC: 0x0105,
  /** Relay-Session-Id. */
  RELAY_SESSION_ID: 0x0110,
  /** Service-Name-Error. */
  SERVICE_NAME_ERROR: 0x0201,
  /** AC-System-Error. */
  AC_SYSTEM_ERROR: 0x0202,
  /** Generic-Error. */
  GENERIC_ERROR: 0x0203,
} as const;

/** One tag of a discovery packet. */
export interface PppoeTag {
  /** The tag type (`0x0101` Service-Name...). */
  readonly type: number;
  /** The tag value: a view of the packet's bytes. */
  readonly value: Uint8Array;
}

/** The 6-byte header that both stages share. */
export abstract class PppoeHeader extends LayerBase {
  /** The version (4 bits; 1). */
  version = 0;
  /** The type (4 bits; 1). */
  type = 0;
  /** The code: 0 in the session stage, PADI, PADO... in discovery. */
  code = 0;
  /** The session ID (0 until PADS assigns one). */
  sessionId = 0;
  /** The length of the payload, as the header gives it. */
  length = 0;
  /**
   * Where the frame's captured bytes end: past {@linkcode end} when the length field leaves
   * out bytes that were captured (Ethernet padding, or a length too short).
   */
  capturedEnd = 0;

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    _context: DecodeContext,
  ): DecodeError | undefined {
    const available = end - offset;
    if (available < 6) return DecodeError.truncated(this.kind, offset, 6, available);
    this.data = data;
    this.offset = offset;
    this.headerLength = 6;
    const byte = data[offset]!;
    this.version = byte >> 4;
    this.type = byte & 0x0f;
    this.code = data[offset + 1]!;
    this.sessionId = (data[offset + 2]! << 8) | data[offset + 3]!;
    this.length = (data[offset + 4]! << 8) | data[offset + 5]!;
    this.capturedEnd = end;
    // The length drops Ethernet padding; a payload cut short by the snapshot length ends
    // at the captured bytes.
    this.end = Math.min(end, offset + 6 + this.length);
    return undefined;
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return {
      version: this.version,
      type: this.type,
      code: this.code,
      sessionId: this.sessionId,
      length: this.length,
    };
  }
}

/**
 * A PPPoE discovery packet (EtherType `0x8863`). Its tags are read when asked, from the
 * payload.
 *
 * @example Decode a PADI with a Service-Name and a Host-Uniq tag
 * ```ts
 * import { decodePppoeDiscovery, PppoeCode, PppoeTagType } from "./pppoe.ts";
 * import assert from "node:assert/strict";
 *
 * const padi = decodePppoeDiscovery(new Uint8Array([
 *   0x11, 0x09, 0x00, 0x00, 0x00, 0x0c,
 *   0x01, 0x01, 0x00, 0x00,
 *   0x01, 0x03, 0x00, 0x04, 0x64, 0x13, 0x85, 0x18,
 * ]));
 * assert.equal(padi.code, PppoeCode.PADI);
 * assert.equal(padi.sessionId, 0);
 * assert.deepEqual(padi.tags.map((tag) => tag.type), [
 *   PppoeTagType.SERVICE_NAME,
 *   PppoeTagType.HOST_UNIQ,
 * ]);
 * assert.deepEqual(padi.tags[1]!.value, new Uint8Array([0x64, 0x13, 0x85, 0x18]));
 * ```
 */
export class PppoeDiscovery extends PppoeHeader {
  /** The discriminant. */
  readonly kind = "pppoe-discovery" as const;

  /**
   * The tags, up to an End-Of-List tag or the end of the payload; a last tag whose value
   * runs past the payload is left out.
   */
  get tags(): PppoeTag[] {
    const tags: PppoeTag[] = [];
    const data = this.data;
    let at = this.offset + this.headerLength;
    while (at + 4 <= this.end) {
      const type = (data[at]! << 8) | data[at + 1]!;
      const length = (data[at + 2]! << 8) | data[at + 3]!;
      if (type === PppoeTagType.END_OF_LIST) break;
      if (at + 4 + length > this.end) break;
      tags.push({ type, value: data.subarray(at + 4, at + 4 + length) });
      at += 4 + length;
    }
    return tags;
  }

  /** Picks the decoder of the payload from the context's tables. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /** Returns the header's fields as a plain object. */
  override toJSON(): Record<string, unknown> {
    const header = super.toJSON();
    header.tags = this.tags.map((tag) => ({ type: tag.type, value: Array.from(tag.value) }));
    return header;
  }
}

/**
 * A PPPoE session packet (EtherType `0x8864`): a PPP frame follows, which decodes on to
 * IPv4 or IPv6.
 *
 * @example Decode a session header in front of PPP and IPv4
 * ```ts
 * import { decodePppoeSession } from "./pppoe.ts";
 * import assert from "node:assert/strict";
 *
 * const session = decodePppoeSession(new Uint8Array([
 *   0x11, 0x00, 0x3b, 0x1a, 0x00, 0x03, 0x00, 0x21, 0x45, 0x00,
 * ]));
 * assert.equal(session.sessionId, 0x3b1a);
 * assert.equal(session.length, 3);
 * assert.deepEqual(session.payload, new Uint8Array([0x00, 0x21, 0x45]));
 * ```
 */
export class PppoeSession extends PppoeHeader {
  /** The discriminant. */
  readonly kind = "pppoe-session" as const;

  /** Picks the decoder of the payload from the context's tables. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    if (this.end <= this.offset + this.headerLength) return undefined;
    return pppDecoder;
  }
}

/**
 * Creates {@linkcode PppoeDiscovery} layers; the registry entry for EtherType `0x8863`.
 *
 * @example Create a PPPoE discovery layer
 * ```ts
 * import { pppoeDiscoveryDecoder } from "./pppoe.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(pppoeDiscoveryDecoder.create().kind, "pppoe-discovery");
 * ```
 */
export const pppoeDiscoveryDecoder: ProtocolDescriptor<PppoeDiscovery> = defineProtocol({
  kind: "pppoe-discovery",
  name: "PPPoE discovery",
  tcpdumpName: "pppoe",
  create: () => new PppoeDiscovery(),
  bindings: { etherTypes: [EtherType.PPPOE_DISCOVERY] },
});

/**
 * Creates {@linkcode PppoeSession} layers; the registry entry for EtherType `0x8864`.
 *
 * @example Create a PPPoE session layer
 * ```ts
 * import { pppoeSessionDecoder } from "./pppoe.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(pppoeSessionDecoder.create().kind, "pppoe-session");
 * ```
 */
export const pppoeSessionDecoder: ProtocolDescriptor<PppoeSession> = defineProtocol({
  kind: "pppoe-session",
  name: "PPPoE session",
  tcpdumpName: "pppoe",
  create: () => new PppoeSession(),
  bindings: { etherTypes: [EtherType.PPPOE_SESSION] },
});

/**
 * Decodes a PPPoE discovery header.
 *
 * @param data The bytes.
 * @param offset Where the header starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When fewer than 6 bytes remain.
 *
 * @example Reject a truncated header
 * ```ts
 * import { decodePppoeDiscovery } from "./pppoe.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodePppoeDiscovery(new Uint8Array([0x11, 0x09, 0, 0])), {
 *   message: "Cannot decode PPPoE discovery header: 6 bytes required, received 4",
 * });
 * ```
 */
export function decodePppoeDiscovery(data: Uint8Array, offset = 0): PppoeDiscovery {
  return decodeOne(new PppoeDiscovery(), data, offset);
}

/**
 * Decodes a PPPoE session header (not the PPP frame after it).
 *
 * @param data The bytes.
 * @param offset Where the header starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When fewer than 6 bytes remain.
 *
 * @example Reject a truncated header
 * ```ts
 * import { decodePppoeSession } from "./pppoe.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodePppoeSession(new Uint8Array([0x11, 0x00, 0x00])), {
 *   message: "Cannot decode PPPoE session header: 6 bytes required, received 3",
 * });
 * ```
 */
export function decodePppoeSession(data: Uint8Array, offset = 0): PppoeSession {
  return decodeOne(new PppoeSession(), data, offset);
}
