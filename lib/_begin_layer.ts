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
