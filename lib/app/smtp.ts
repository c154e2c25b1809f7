/**
 * SMTP over TCP port 25 as a text-line view: the segment's lines, each a mail transfer command or reply (RFC 5321).
 *
 * @module
 */

import { decodeOne } from "../_decode_one.ts";
import { defineProtocol, type ProtocolDescriptor } from "../layer.ts";
import { TextLayer } from "./_text.ts";

/**
 * An SMTP segment: its lines ({@linkcode Smtp.lines}) and how they ended.
 *
 * @example Read a reply's lines
 * ```ts
 * import { decodeSmtp } from "./smtp.ts";
 * import assert from "node:assert/strict";
 *
 * const layer = decodeSmtp(new TextEncoder().encode("250 OK\r\n"));
 * assert.deepEqual(layer.lines, ["250 OK"]);
 * assert.equal(layer.textLines.stop, "end");
 * ```
 */
export class Smtp extends TextLayer {
  /** The discriminant. */
  readonly kind = "smtp" as const;
}

/**
 * Creates {@linkcode Smtp} layers; the registry entry for TCP port 25.
 *
 * @example Create an SMTP layer
 * ```ts
 * import { smtpDecoder } from "./smtp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(smtpDecoder.create().kind, "smtp");
 * ```
 */
export const smtpDecoder: ProtocolDescriptor<Smtp> = defineProtocol({
  kind: "smtp",
  name: "SMTP",
  tcpdumpName: "smtp",
  create: () => new Smtp(),
  bindings: { tcpPorts: [25] },
});

/**
 * Decodes an SMTP segment.
 *
 * @param data The bytes (the TCP payload).
 * @param offset Where the payload starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When the payload is empty.
 *
 * @example Stop the lines at binary data
 * ```ts
 * import { decodeSmtp } from "./smtp.ts";
 * import assert from "node:assert/strict";
 *
 * const layer = decodeSmtp(new Uint8Array([0x61, 0x0d, 0x0a, 0x00]));
 * assert.deepEqual(layer.lines, ["a"]);
 * assert.equal(layer.textLines.stop, "binary");
 * ```
 */
export function decodeSmtp(data: Uint8Array, offset = 0): Smtp {
  return decodeOne(new Smtp(), data, offset);
}
