/**
 * Prints one decoded layer with its tcpdump printer (`lib/print/`), for the tests of the
 * application printers that start from a layer rather than a frame.
 *
 * @module
 */

import { PrintContext } from "../lib/print/context.ts";
import type { LayerPrinter } from "../lib/print/context.ts";
import { printers } from "../lib/print/printers.ts";
import type { Layer } from "../lib/layer_map.ts";

const table = new Map(Object.entries(printers) as [string, LayerPrinter][]);

/**
 * Prints a layer as tcpdump prints it after the transport header.
 *
 * @param layer The layer: decoded, or the `partial` of a decode error.
 * @param verbose The number of `-v` flags.
 * @returns The text.
 */
export function printLayer(layer: Layer, verbose = 0): string {
  const ctx = new PrintContext({ verbose }, table);
  ctx.printLayers([layer], 0, 1);
  return ctx.out.text();
}
