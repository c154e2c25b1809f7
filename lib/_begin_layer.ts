/**
 * The start of a decodeFrom() that the decoders share: the length check, then the layer's
 * bytes and bounds (private).
 *
 * @module
 */

import { DecodeError } from "./errors.ts";
import type { LayerBase } from "./layer.ts";

/**
 * Starts decoding a layer at `offset`: checks that `required` bytes were captured, then
 * sets the layer's bytes and bounds (`data`, `offset`, `end`).
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
  if (available < required) return DecodeError.truncated(layer.kind, offset, required, available);
  layer.data = data;
  layer.offset = offset;
  layer.end = end;
  return undefined;
}
