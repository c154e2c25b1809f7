/**
 * The start of a decodeFrom() that the decoders share: the length check, then the layer's
 * bytes and bounds (private).
 *
 * @module
 */

import { DecodeError } from "./errors.ts";
import type { LayerBase } from "./layer.ts";

/**
 * Starts decoding a layer at `offset`: checks that `required` bytes were captured (none
 * when `offset` is past `end`), then sets the layer's bytes and bounds (`data`, `offset`,
 * `end`).
 *
 * @returns The truncation error, or `undefined` when the layer was started.
 */
export function beginLayer(
  layer: LayerBase,
  data: Uint8Array,
  offset: number,
  end: number,
  required = 1,
): DecodeError | undefined {
  const available = end - offset;
  if (available < required) {
    // An offset past the end (a decodeXxx() call's) has no bytes, not a negative count.
    return DecodeError.truncated(layer.kind, offset, required, Math.max(0, available));
  }
  layer.data = data;
  layer.offset = offset;
  layer.end = end;
  return undefined;
}

/**
 * Starts decoding a header that a capture may cut and that is kept when it is: beginLayer()
 * with no bytes required, then `partial` and `headerLength` from the bytes captured. A header
 * shorter than `headerLength` gives a partial truncation error (the packet keeps the layer).
 *
 * @returns The truncation error (partial or not), or `undefined` when the header is whole.
 */
export function beginPartialHeader(
  layer: LayerBase & { partial: boolean },
  data: Uint8Array,
  offset: number,
  end: number,
  headerLength: number,
): DecodeError | undefined {
  layer.partial = false;
  const error = beginLayer(layer, data, offset, end, 0);
  if (error !== undefined) return error;
  const available = end - offset;
  layer.partial = available < headerLength;
  layer.headerLength = Math.min(available, headerLength);
  return layer.partial
    ? DecodeError.truncated(layer.kind, offset, headerLength, available, true)
    : undefined;
}
