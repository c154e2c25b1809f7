/**
 * What the IPv6 extension headers share: the {@linkcode Ipv6Extension} base class and the
 * length check of the headers counted in 8-octet units. Re-exported by
 * `ipv6_extensions.ts`.
 *
 * @module
 */

import { DecodeError } from "../errors.ts";
import { type DecodeContext, type Decoder, LayerBase } from "../layer.ts";

/**
 * Checks the length of an extension header whose second octet counts 8-octet units after
 * the first 8 (hop-by-hop, routing, destination options).
 *
 * @returns The header length in bytes, or the error.
 */
export function extensionLength(
  kind: string,
  data: Uint8Array,
  offset: number,
  end: number,
): number | DecodeError {
  const available = end - offset;
  if (available < 8) return DecodeError.truncated(kind, offset, 8, available);
  const length = (data[offset + 1]! + 1) * 8;
  if (available < length) return DecodeError.truncated(kind, offset, length, available);
  return length;
}

/**
 * What the IPv6 extension headers share: a next-header field, and a payload that the
 * registry decodes by it.
 *
 * @example Tell extension headers apart from other layers
 * ```ts
 * import { decodeIpv6Fragment, Ipv6Extension } from "./ipv6_extensions.ts";
 * import assert from "node:assert/strict";
 *
 * const layer = decodeIpv6Fragment(new Uint8Array([6, 0, 0, 0, 0, 0, 0, 1]));
 * assert.ok(layer instanceof Ipv6Extension);
 * assert.equal(layer.nextHeader, 6);
 * ```
 */
export abstract class Ipv6Extension extends LayerBase {
  /** The type of the next header (an {@linkcode IpProtocol} number). */
  nextHeader = 0;

  /** Picks the decoder of the payload from the context's tables. */
  nextDecoder(context: DecodeContext): Decoder | undefined {
    return context.tables.ipProtocols.get(this.nextHeader);
  }
}
