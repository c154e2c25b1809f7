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
import type { DecodeContext } from "../lib/layer.ts";
import type { DecodeError } from "../lib/errors.ts";
import { defaultRegistry } from "../lib/registry.ts";
import type { TcpdumpOptions } from "../lib/print/context.ts";
import { TcpdumpPrinter } from "../lib/print/mod.ts";
import { decode } from "../lib/decode.ts";
import type { LinkType } from "../lib/link_type.ts";

const table = new Map(Object.entries(printers) as [string, LayerPrinter][]);

/**
 * Prints a layer as tcpdump prints it after the transport header.
 *
 * @param layer The layer: decoded, or kept as a partial decode.
 * @param verbose The number of `-v` flags.
 * @returns The text.
 */
export function printLayer(layer: Layer, verbose = 0): string {
  const ctx = new PrintContext({ verbose }, table, defaultRegistry);
  ctx.printLayers([layer], 0, 1);
  return ctx.out.text();
}

/**
 * Decodes bytes into a layer the way the packet decoder does, keeping the layer even when
 * its decoder returns an error (a partial decode keeps what its bytes hold).
 *
 * @param layer A new layer (`dnsDecoder.create()`...).
 * @param bytes The message.
 * @param transport The TCP or UDP layer before it, when framing depends on it (DNS).
 * @returns The layer and the error, if any.
 */
export function decodeInto<L extends Layer>(
  layer: L,
  bytes: Uint8Array,
  transport?: Layer & { kind: "tcp" | "udp" },
): { layer: L; error: DecodeError | undefined } {
  const context: DecodeContext = { tables: defaultRegistry, network: undefined, transport };
  const error = layer.decodeFrom(bytes, 0, bytes.length, context);
  return { layer, error };
}

/**
 * Prints a frame as `tcpdump -n` prints it, without the timestamp.
 *
 * @param linkType The frame's link type.
 * @param frame The frame's bytes.
 * @param options More of tcpdump's flags (`verbose`, `link`...).
 * @param originalLength The frame's length on the wire (default: all captured).
 * @returns The text, without the final newline.
 */
export function printFrame(
  linkType: LinkType,
  frame: Uint8Array,
  options: TcpdumpOptions = {},
  originalLength: number = frame.length,
): string {
  return new TcpdumpPrinter({ timestamps: "none", ...options }).format(
    decode(linkType, frame, { originalLength }),
    { seconds: 0, nanoseconds: 0, originalLength },
  );
}
