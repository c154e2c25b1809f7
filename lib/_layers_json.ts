/**
 * The plain-object form of decoded layers, shared by `Packet` and `LayerParser`.
 *
 * @module
 */

import type { DecodeError } from "./errors.ts";
import type { Layer } from "./layer_map.ts";

/** The plain object of decoded layers, shared by `Packet` and `PacketParser`. */
export function layersToJson(
  layers: readonly Layer[],
  count: number,
  error: DecodeError | undefined,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = 0; i < count; i++) {
    const layer = layers[i]!;
    let key: string = layer.kind;
    for (let n = 2; key in out; n++) key = `${layer.kind}_${n}`;
    out[key] = layer.toJSON();
  }
  if (error !== undefined) {
    out.error = {
      code: error.code,
      layer: error.layer,
      offset: error.offset,
      message: error.message,
    };
  }
  return out;
}
