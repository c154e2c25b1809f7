/**
 * The IP Payload Compression Protocol header (RFC 3173), IP protocol 108: the compressed
 * payload after it is not decoded.
 *
 * @module
 */

import { decodeOne } from "../_decode_one.ts";
import { DecodeError } from "../errors.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";

/**
 * An IPComp header: the next header, the flags and the compression parameter index.
 *
 * @example Decode an IPComp header
 * ```ts
 * import { decodeIpcomp } from "./ipcomp.ts";
 * import assert from "node:assert/strict";
 *
 * const ipcomp = decodeIpcomp(new Uint8Array([6, 0, 0x63, 0x5c, 0x78, 0x9c]));
 * assert.equal(ipcomp.nextHeader, 6);
 * assert.equal(ipcomp.cpi, 0x635c);
 * assert.equal(ipcomp.headerLength, 4);
 * ```
 */
export class Ipcomp extends LayerBase {
  /** The discriminant. */
  readonly kind = "ipcomp" as const;
  /** The protocol of the payload once decompressed (an IP protocol number). */
  nextHeader = 0;
  /** The flags (reserved, 0). */
  flags = 0;
  /** The compression parameter index: 1-63 name a well-known algorithm (RFC 3173). */
  cpi = 0;

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    _context: DecodeContext,
  ): DecodeError | undefined {
    const available = end - offset;
    if (available < 4) return DecodeError.truncated(this.kind, offset, 4, available);
    this.data = data;
    this.offset = offset;
    this.headerLength = 4;
    this.end = end;
    this.nextHeader = data[offset]!;
    this.flags = data[offset + 1]!;
    this.cpi = (data[offset + 2]! << 8) | data[offset + 3]!;
    return undefined;
  }

  /** The payload is compressed: nothing decodes it. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return { nextHeader: this.nextHeader, flags: this.flags, cpi: this.cpi };
  }
}

/**
 * Creates {@linkcode Ipcomp} layers; the registry entry for IP protocol 108.
 *
 * @example Create an IPComp layer
 * ```ts
 * import { ipcompDecoder } from "./ipcomp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(ipcompDecoder.create().kind, "ipcomp");
 * ```
 */
export const ipcompDecoder: ProtocolDescriptor<Ipcomp> = defineProtocol({
  kind: "ipcomp",
  name: "IPComp",
  tcpdumpName: "ipcomp",
  tcpdumpCut: "read",
  create: () => new Ipcomp(),
  bindings: { ipProtocols: [108] },
});

/**
 * Decodes an IPComp header.
 *
 * @param data The bytes.
 * @param offset Where the header starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When fewer than 4 bytes remain.
 *
 * @example Reject a cut-off header
 * ```ts
 * import { decodeIpcomp } from "./ipcomp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeIpcomp(new Uint8Array([6, 0, 0x63])), {
 *   message: "Cannot decode IPComp header: 4 bytes required, received 3",
 * });
 * ```
 */
export function decodeIpcomp(data: Uint8Array, offset = 0): Ipcomp {
  return decodeOne(new Ipcomp(), data, offset);
}
