/**
 * EAP over LAN (IEEE 802.1X), EtherType `0x888e`, and the EAP packet it carries
 * (RFC 3748).
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

/** EAPOL packet types. */
export const EapolType = {
  /** An EAP packet follows. */
  EAP_PACKET: 0,
  /** EAPOL-Start. */
  START: 1,
  /** EAPOL-Logoff. */
  LOGOFF: 2,
  /** EAPOL-Key. */
  KEY: 3,
  /** Encapsulated ASF alert. */
  ENCAPSULATED_ASF_ALERT: 4,
} as const;

/**
 * An EAPOL header (version, type, body length) and, for an EAP packet, the EAP header's
 * fields, read through getters (-1 when not captured).
 *
 * @example Decode an EAP Request/Identity
 * ```ts
 * import { decodeEapol } from "./eapol.ts";
 * import assert from "node:assert/strict";
 *
 * const eapol = decodeEapol(new Uint8Array([1, 0, 0, 5, 1, 1, 0, 5, 1]));
 * assert.equal(eapol.type, 0);
 * assert.equal(eapol.bodyLength, 5);
 * assert.equal(eapol.eapCode, 1);
 * assert.equal(eapol.eapType, 1);
 * ```
 */
export class Eapol extends LayerBase {
  /** The discriminant. */
  readonly kind = "eapol" as const;
  /** The protocol version. */
  version = 0;
  /** The packet type; see {@linkcode EapolType}. */
  type = 0;
  /** The body length. */
  bodyLength = 0;

  #byte(at: number): number {
    const p = this.offset + 4 + at;
    return p < this.end ? this.data[p]! : -1;
  }

  /** The EAP code (1 request, 2 response, 3 success, 4 failure), or -1. */
  get eapCode(): number {
    return this.#byte(0);
  }

  /** The EAP identifier, or -1. */
  get eapId(): number {
    return this.#byte(1);
  }

  /** The EAP length, or -1. */
  get eapLength(): number {
    const p = this.offset + 6;
    return p + 2 <= this.end ? (this.data[p]! << 8) | this.data[p + 1]! : -1;
  }

  /** The EAP type of a request or response, or -1. */
  get eapType(): number {
    return this.#byte(4);
  }

  /** The byte after the EAP type (TLS flags, SIM/AKA subtype), or -1. */
  get eapTypeData(): number {
    return this.#byte(5);
  }

  /** Where the EAP packet starts. */
  get eapOffset(): number {
    return this.offset + 4;
  }

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    _context: DecodeContext,
  ): DecodeError | undefined {
    const error = beginLayer(this, data, offset, end, 4);
    if (error !== undefined) return error;
    this.headerLength = end - offset;
    this.version = data[offset]!;
    this.type = data[offset + 1]!;
    this.bodyLength = (data[offset + 2]! << 8) | data[offset + 3]!;
    return undefined;
  }

  /** Picks the decoder of the payload from the context's tables. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    const header: Record<string, unknown> = {
      version: this.version,
      type: this.type,
      bodyLength: this.bodyLength,
    };
    if (this.type === EapolType.EAP_PACKET && this.eapLength >= 0) {
      header.eap = { code: this.eapCode, id: this.eapId, length: this.eapLength };
    }
    return header;
  }
}

/**
 * Creates {@linkcode Eapol} layers; bound to EtherType `0x888e`.
 *
 * @example Create an EAPOL layer
 * ```ts
 * import { eapolDecoder } from "./eapol.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(eapolDecoder.create().kind, "eapol");
 * ```
 */
export const eapolDecoder: ProtocolDescriptor<Eapol> = defineProtocol({
  kind: "eapol",
  name: "EAPOL",
  tcpdumpName: "eap",
  create: () => new Eapol(),
  bindings: { etherTypes: [0x888e] },
});

/**
 * Decodes an EAPOL packet.
 *
 * @param data The bytes.
 * @param offset Where it starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When fewer than 4 bytes remain.
 *
 * @example Reject a truncated header
 * ```ts
 * import { decodeEapol } from "./eapol.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeEapol(new Uint8Array(3)), {
 *   message: "Cannot decode EAPOL header: 4 bytes required, received 3",
 * });
 * ```
 */
export function decodeEapol(data: Uint8Array, offset = 0): Eapol {
  return decodeOne(new Eapol(), data, offset);
}
