/**
 * WHOIS over TCP port 43 as a text-line view: the segment's lines, a query or the lines of its answer (RFC 3912).
 *
 * @module
 */

import { decodeOne } from "../_decode_one.ts";
import { defineProtocol, type ProtocolDescriptor } from "../layer.ts";
import { TextLayer } from "./_text.ts";

/**
 * A WHOIS segment: its lines ({@linkcode Whois.lines}) and how they ended.
 *
 * @example Read an answer's lines
 * ```ts
 * import { decodeWhois } from "./whois.ts";
 * import assert from "node:assert/strict";
 *
 * const layer = decodeWhois(new TextEncoder().encode("domain: EXAMPLE.COM\r\n"));
 * assert.deepEqual(layer.lines, ["domain: EXAMPLE.COM"]);
 * assert.equal(layer.textLines.stop, "end");
 * ```
 */
export class Whois extends TextLayer {
  /** The discriminant. */
  readonly kind = "whois" as const;
}

/**
 * Creates {@linkcode Whois} layers; the registry entry for TCP port 43.
 *
 * @example Create a WHOIS layer
 * ```ts
 * import { whoisDecoder } from "./whois.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(whoisDecoder.create().kind, "whois");
 * ```
 */
export const whoisDecoder: ProtocolDescriptor<Whois> = defineProtocol({
  kind: "whois",
  name: "WHOIS",
  tcpdumpName: "whois",
  create: () => new Whois(),
  bindings: { tcpPorts: [43] },
});

/**
 * Decodes a WHOIS segment.
 *
 * @param data The bytes (the TCP payload).
 * @param offset Where the payload starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When the payload is empty.
 *
 * @example Stop the lines at binary data
 * ```ts
 * import { decodeWhois } from "./whois.ts";
 * import assert from "node:assert/strict";
 *
 * const layer = decodeWhois(new Uint8Array([0x61, 0x0d, 0x0a, 0x00]));
 * assert.deepEqual(layer.lines, ["a"]);
 * assert.equal(layer.textLines.stop, "binary");
 * ```
 */
export function decodeWhois(data: Uint8Array, offset = 0): Whois {
  return decodeOne(new Whois(), data, offset);
}
