/**
 * HTTP content codings (RFC 9110 section 8.4): a message body as the sender meant it, with
 * `gzip`, `deflate` and `br` undone through `node:zlib`, and a cap on the decoded size so
 * that a small compressed body can't expand into gigabytes (a decompression bomb).
 *
 * @module
 */

import zlib from "node:zlib";
import type { HttpMessage } from "./http_session.ts";

/** Options of {@linkcode decodeHttpBody}. */
export interface DecodeHttpBodyOptions {
  /** The largest decoded body, in bytes (default 64 MiB). */
  maxOutput?: number;
}

/** A decoded body, or why it could not be decoded. */
export type DecodedHttpBody = { body: Uint8Array } | { error: string };

function undo(coding: string, data: Uint8Array, maxOutputLength: number): Uint8Array {
  const options = { maxOutputLength };
  switch (coding) {
    case "gzip":
    case "x-gzip":
      return zlib.gunzipSync(data, options);
    case "deflate":
      // RFC 9110 says zlib-wrapped, but some servers send raw deflate: try both, as browsers do.
      try {
        return zlib.inflateSync(data, options);
      } catch {
        return zlib.inflateRawSync(data, options);
      }
    case "br":
      return zlib.brotliDecompressSync(data, options);
    case "identity":
      return data;
    default:
      throw new Error(`content coding "${coding}" is not gzip, deflate, br or identity`);
  }
}

/**
 * Undoes a message's `Content-Encoding`.
 *
 * @param message A request or response from {@linkcode HttpSession}.
 * @param options The size cap.
 * @returns The decoded body (the body itself when not encoded), or a one-line error.
 *
 * @example Decode a gzip body
 * ```ts
 * import { decodeHttpBody } from "./http_body.ts";
 * import { HttpHeaders } from "./http_headers.ts";
 * import zlib from "node:zlib";
 * import assert from "node:assert/strict";
 *
 * const body = zlib.gzipSync(new TextEncoder().encode("hello"));
 * const message = {
 *   version: "HTTP/1.1", headers: new HttpHeaders([{ name: "Content-Encoding", value: "gzip" }]),
 *   body, bodyLength: body.length, streamOffset: 0, complete: true,
 * };
 * const decoded = decodeHttpBody(message);
 * assert.equal("body" in decoded && new TextDecoder().decode(decoded.body), "hello");
 * assert.deepEqual(decodeHttpBody(message, { maxOutput: 2 }), {
 *   error: "Cannot decode HTTP body: gzip: Cannot create a Buffer larger than 2 bytes",
 * });
 * ```
 */
export function decodeHttpBody(
  message: HttpMessage,
  options: DecodeHttpBodyOptions = {},
): DecodedHttpBody {
  const codings = message.headers.getAll("content-encoding")
    .flatMap((v) => v.split(","))
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== "");
  let body = message.body;
  for (const coding of codings.reverse()) {
    try {
      body = new Uint8Array(undo(coding, body, options.maxOutput ?? 64 * 1024 * 1024));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return { error: `Cannot decode HTTP body: ${coding}: ${reason}` };
    }
  }
  return { body };
}
