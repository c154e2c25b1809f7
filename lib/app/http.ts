/**
 * HTTP/1.x over TCP as a text-line view: the segment's lines, and the request line
 * (method, target, version) or status line (version, code, reason) of a segment that
 * starts a message. Bodies and headers are the lines; nothing is reassembled.
 *
 * @module
 */

import { decodeOne } from "../_decode_one.ts";
import { defineProtocol, type ProtocolDescriptor } from "../layer.ts";
import { requestOrResponse, TextLayer } from "./_text.ts";
import { latin1 } from "../_bytes.ts";

export { type TextEnd, TextLayer, type TextLine, type TextLines } from "./_text.ts";

/** The request methods that tcpdump's HTTP printer knows (print-http.c). */
export const HTTP_METHODS: ReadonlySet<string> = new Set([
  "GET",
  "PUT",
  "COPY",
  "HEAD",
  "LOCK",
  "MOVE",
  "POLL",
  "POST",
  "BCOPY",
  "BMOVE",
  "MKCOL",
  "TRACE",
  "LABEL",
  "MERGE",
  "DELETE",
  "SEARCH",
  "UNLOCK",
  "REPORT",
  "UPDATE",
  "NOTIFY",
  "BDELETE",
  "CONNECT",
  "OPTIONS",
  "CHECKIN",
  "PROPFIND",
  "CHECKOUT",
  "CCM_POST",
  "SUBSCRIBE",
  "PROPPATCH",
  "BPROPFIND",
  "BPROPPATCH",
  "UNCHECKOUT",
  "MKACTIVITY",
  "MKWORKSPACE",
  "UNSUBSCRIBE",
  "RPC_CONNECT",
  "VERSION-CONTROL",
  "BASELINE-CONTROL",
]);

/**
 * An HTTP segment. `startsMessage` says whether it begins with a request line (a known
 * method) or a status line (a 3-digit code as second token), as tcpdump decides whether
 * to print it; the request or status fields are read from that first line.
 *
 * @example Read a request line
 * ```ts
 * import { decodeHttp } from "./http.ts";
 * import assert from "node:assert/strict";
 *
 * const http = decodeHttp(new TextEncoder().encode("GET /a HTTP/1.1\r\nHost: x\r\n\r\n"));
 * assert.equal(http.startsMessage, true);
 * assert.equal(http.method, "GET");
 * assert.equal(http.target, "/a");
 * assert.equal(http.version, "HTTP/1.1");
 * assert.deepEqual(http.lines, ["GET /a HTTP/1.1", "Host: x", ""]);
 * ```
 */
export class Http extends TextLayer {
  /** The discriminant. */
  readonly kind = "http" as const;
  /** Whether the segment starts a request or a response. */
  startsMessage = false;
  /** The request method (`GET`...), for a request. */
  method: string | undefined = undefined;
  /** The request target (`/index.html`), for a request. */
  target: string | undefined = undefined;
  /** The protocol version (`HTTP/1.1`), of a request or response. */
  version: string | undefined = undefined;
  /** The status code, for a response. */
  statusCode: number | undefined = undefined;
  /** The reason phrase (`OK`), for a response. */
  reason: string | undefined = undefined;

  /** Reads the request or status line of a segment that starts an HTTP message. */
  protected override decodeText(): void {
    this.startsMessage = false;
    this.method =
      this.target =
      this.version =
      this.reason =
        undefined;
    this.statusCode = undefined;
    const d = this.data;
    const start = requestOrResponse(d, this.offset, this.end, HTTP_METHODS);
    this.startsMessage = start !== undefined;
    const line = this.textLines.lines[0];
    if (!this.startsMessage || line === undefined) return;
    const words = latin1(d, line.start, line.end).split(" ");
    if (start === "request") {
      this.method = words[0];
      this.target = words[1];
      this.version = words[2];
    } else {
      this.version = words[0];
      this.statusCode = Number(words[1]);
      this.reason = words.slice(2).join(" ");
    }
  }

  /** Returns the header's fields as a plain object. */
  override toJSON(): Record<string, unknown> {
    return {
      startsMessage: this.startsMessage,
      ...(this.method === undefined ? {} : { method: this.method, target: this.target }),
      ...(this.statusCode === undefined
        ? {}
        : { statusCode: this.statusCode, reason: this.reason }),
      ...(this.version === undefined ? {} : { version: this.version }),
      ...super.toJSON(),
    };
  }
}

/**
 * Creates {@linkcode Http} layers; the registry entry for TCP ports 80 and 8080.
 *
 * @example Create an HTTP layer
 * ```ts
 * import { httpDecoder } from "./http.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(httpDecoder.create().kind, "http");
 * ```
 */
export const httpDecoder: ProtocolDescriptor<Http> = defineProtocol({
  kind: "http",
  name: "HTTP",
  tcpdumpName: "http",
  create: () => new Http(),
  bindings: { tcpPorts: [80, 8080] },
});

/**
 * Decodes an HTTP segment.
 *
 * @param data The bytes (the TCP payload).
 * @param offset Where the payload starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When the payload is empty.
 *
 * @example Read a status line
 * ```ts
 * import { decodeHttp } from "./http.ts";
 * import assert from "node:assert/strict";
 *
 * const http = decodeHttp(new TextEncoder().encode("HTTP/1.1 404 Not Found\r\n"));
 * assert.equal(http.statusCode, 404);
 * assert.equal(http.reason, "Not Found");
 * ```
 */
export function decodeHttp(data: Uint8Array, offset = 0): Http {
  return decodeOne(new Http(), data, offset);
}
