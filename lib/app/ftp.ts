/**
 * FTP over TCP port 21 as a text-line view: the segment's lines, each an FTP control connection command or reply (RFC 959).
 *
 * @module
 */

import { decodeOne } from "../_decode_one.ts";
import { defineProtocol, type ProtocolDescriptor } from "../layer.ts";
import { TextLayer } from "./_text.ts";

/**
 * An FTP segment: its lines ({@linkcode Ftp.lines}) and how they ended.
 *
 * @example Read a reply's lines
 * ```ts
 * import { decodeFtp } from "./ftp.ts";
 * import assert from "node:assert/strict";
 *
 * const layer = decodeFtp(new TextEncoder().encode("250 OK\r\n"));
 * assert.deepEqual(layer.lines, ["250 OK"]);
 * assert.equal(layer.textLines.stop, "end");
 * ```
 */
export class Ftp extends TextLayer {
  /** The discriminant. */
  readonly kind = "ftp" as const;
}

/**
 * Creates {@linkcode Ftp} layers; the registry entry for TCP port 21.
 *
 * @example Create an FTP layer
 * ```ts
 * import { ftpDecoder } from "./ftp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(ftpDecoder.create().kind, "ftp");
 * ```
 */
export const ftpDecoder: ProtocolDescriptor<Ftp> = defineProtocol({
  kind: "ftp",
  name: "FTP",
  tcpdumpName: "ftp",
  create: () => new Ftp(),
  bindings: { tcpPorts: [21] },
});

/**
 * Decodes an FTP segment.
 *
 * @param data The bytes (the TCP payload).
 * @param offset Where the payload starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When the payload is empty.
 *
 * @example Stop the lines at binary data
 * ```ts
 * import { decodeFtp } from "./ftp.ts";
 * import assert from "node:assert/strict";
 *
 * const layer = decodeFtp(new Uint8Array([0x61, 0x0d, 0x0a, 0x00]));
 * assert.deepEqual(layer.lines, ["a"]);
 * assert.equal(layer.textLines.stop, "binary");
 * ```
 */
export function decodeFtp(data: Uint8Array, offset = 0): Ftp {
  return decodeOne(new Ftp(), data, offset);
}
