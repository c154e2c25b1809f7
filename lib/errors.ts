/**
 * The error that decoders report for truncated or malformed bytes.
 *
 * @module
 */

import { protocolOf } from "./layer.ts";

/** Why a header could not be decoded. */
export type DecodeErrorCode = "truncated" | "malformed";

/** What a {@linkcode DecodeError} is built from. */
export interface DecodeErrorInit {
  /** `truncated` when bytes are missing, `malformed` when a field holds an impossible value. */
  code: DecodeErrorCode;
  /** The kind of the layer that failed, for example `ipv4`. */
  layer: string;
  /** Offset of that layer's first byte in the packet. */
  offset: number;
  /** Bytes (or the field value) that the layer requires. */
  required: number;
  /** Bytes (or the field value) that it received. */
  received: number;
  /** What was wrong, when it is not a plain length problem. */
  detail?: string;
  /**
   * The layer kept what its bytes hold (default `false`): see {@linkcode DecodeError.partial}.
   */
  partial?: boolean;
}

/**
 * A header could not be decoded: too few bytes, or a field with an impossible value.
 *
 * The strict decoders throw it; the lenient `decode()` returns it beside the layers that
 * did decode. No other exception escapes a decoder.
 *
 * The message names the layer by its protocol descriptor's `name` (see `layer.ts`), or by
 * its kind when no loaded module defines that kind.
 *
 * @example Inspect a truncated IPv4 header
 * ```ts
 * import { DecodeError } from "./errors.ts";
 * import "./net/ipv4.ts";
 * import assert from "node:assert/strict";
 *
 * const error = DecodeError.truncated("ipv4", 14, 20, 14);
 * assert.equal(error.message, "Cannot decode IPv4 header: 20 bytes required, received 14");
 * assert.equal(error.code, "truncated");
 * ```
 */
export class DecodeError extends RangeError {
  /** `truncated` or `malformed`. */
  readonly code: DecodeErrorCode;
  /** The kind of the layer that failed. */
  readonly layer: string;
  /** Offset of that layer's first byte in the packet. */
  readonly offset: number;
  /** Bytes (or the field value) that the layer requires. */
  readonly required: number;
  /** Bytes (or the field value) that it received. */
  readonly received: number;
  /**
   * The header was cut short, but the layer decoded what its bytes hold and is kept as
   * the packet's last layer, with its `truncated` property set (a partial decode, as
   * tcpdump prints one). Fields past the cut read as `undefined`. `false` for an error
   * that drops the layer.
   */
  readonly partial: boolean;

  /**
   * Builds the error and its std-style message.
   *
   * @param init What failed and where.
   */
  constructor(init: DecodeErrorInit) {
    const name = protocolOf(init.layer)?.name ?? init.layer;
    super(
      `Cannot decode ${name} header: ${
        init.detail ?? `${init.required} bytes required, received ${init.received}`
      }`,
    );
    this.name = "DecodeError";
    this.code = init.code;
    this.layer = init.layer;
    this.offset = init.offset;
    this.required = init.required;
    this.received = init.received;
    this.partial = init.partial ?? false;
  }

  /**
   * Builds the error for a header cut short.
   *
   * @param layer The layer kind.
   * @param offset Offset of the layer in the packet.
   * @param required Bytes the header needs.
   * @param received Bytes that were there.
   * @param partial The layer is kept, decoded as far as its bytes go (default `false`).
   * @returns The error, with code `truncated`.
   *
   * @example Build a truncation error
   * ```ts
   * import { DecodeError } from "./errors.ts";
   * import assert from "node:assert/strict";
   *
   * assert.equal(DecodeError.truncated("tcp", 34, 20, 3).received, 3);
   * ```
   */
  static truncated(
    layer: string,
    offset: number,
    required: number,
    received: number,
    partial = false,
  ): DecodeError {
    return new DecodeError({ code: "truncated", layer, offset, required, received, partial });
  }

  /**
   * Builds the error for a field with an impossible value.
   *
   * @param layer The layer kind.
   * @param offset Offset of the layer in the packet.
   * @param required The smallest (or expected) value.
   * @param received The value found.
   * @param detail What was wrong, for the message.
   * @param partial The layer is kept, decoded as far as its bytes go (default `false`).
   * @returns The error, with code `malformed`.
   *
   * @example Build a malformed-header error
   * ```ts
   * import { DecodeError } from "./errors.ts";
   * import "./net/ipv4.ts";
   * import assert from "node:assert/strict";
   *
   * const error = DecodeError.malformed("ipv4", 14, 20, 12, "header length 12 is less than 20");
   * assert.equal(error.message, "Cannot decode IPv4 header: header length 12 is less than 20");
   * ```
   */
  static malformed(
    layer: string,
    offset: number,
    required: number,
    received: number,
    detail: string,
    partial = false,
  ): DecodeError {
    return new DecodeError({
      code: "malformed",
      layer,
      offset,
      required,
      received,
      detail,
      partial,
    });
  }
}
