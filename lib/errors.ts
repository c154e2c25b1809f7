/**
 * The error that decoders report for truncated or malformed bytes.
 *
 * @module
 */

import { protocolOf } from "./layer.ts";
import type { Layer } from "./layer_map.ts";

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
  /** The layer as far as it decoded, for decoders that keep a partial decode. */
  partial?: Layer;
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
   * The layer as far as its captured bytes go, for the decoders that can decode a message
   * cut short or with a bad length (DNS, DHCP, NTP): the same object that a successful
   * decode returns, with the fields it could not read left at 0 and its `partial` flag
   * set, so that a printer shows what was captured (as tcpdump prints a partial decode
   * before `[|domain]`). `undefined` for the other decoders. From a reusing
   * `PacketParser`, it is overwritten by the next `parse()`, like the layers.
   */
  readonly partial: Layer | undefined;

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
    this.partial = init.partial;
  }

  /**
   * Builds the error for a header cut short.
   *
   * @param layer The layer kind.
   * @param offset Offset of the layer in the packet.
   * @param required Bytes the header needs.
   * @param received Bytes that were there.
   * @param partial The layer as far as it decoded, when the decoder keeps a partial decode.
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
    partial?: Layer,
  ): DecodeError {
    const init: DecodeErrorInit = { code: "truncated", layer, offset, required, received };
    if (partial !== undefined) init.partial = partial;
    return new DecodeError(init);
  }

  /**
   * Builds the error for a field with an impossible value.
   *
   * @param layer The layer kind.
   * @param offset Offset of the layer in the packet.
   * @param required The smallest (or expected) value.
   * @param received The value found.
   * @param detail What was wrong, for the message.
   * @param partial The layer as far as it decoded, when the decoder keeps a partial decode.
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
    partial?: Layer,
  ): DecodeError {
    const init: DecodeErrorInit = { code: "malformed", layer, offset, required, received, detail };
    if (partial !== undefined) init.partial = partial;
    return new DecodeError(init);
  }
}
