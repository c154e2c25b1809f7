/**
 * RTSP (RFC 2326) over TCP ports 554 and 8554 as a text-line view, as tcpdump's
 * rtsp_print() reads it: the segment's lines, and whether it starts a request (a known
 * method) or a response (a status code as second token).
 *
 * @module
 */

import { decodeOne } from "../_decode_one.ts";
import { defineProtocol, type ProtocolDescriptor } from "../layer.ts";
import { requestOrResponse, TextLayer } from "./_text.ts";

/** The request methods that tcpdump's RTSP printer knows (print-rtsp.c). */
export const RTSP_METHODS: ReadonlySet<string> = new Set([
  "DESCRIBE",
  "ANNOUNCE",
  "GET_PARAMETER",
  "OPTIONS",
  "PAUSE",
  "PLAY",
  "RECORD",
  "REDIRECT",
  "SETUP",
  "SET_PARAMETER",
  "TEARDOWN",
]);

/**
 * An RTSP segment: its lines, and `startsMessage` when it begins with a request or status
 * line (tcpdump prints the lines of such a segment only).
 *
 * @example Read a request's lines
 * ```ts
 * import { decodeRtsp } from "./rtsp.ts";
 * import assert from "node:assert/strict";
 *
 * const rtsp = decodeRtsp(new TextEncoder().encode("PLAY rtsp://a/ RTSP/1.0\r\nCSeq: 4\r\n\r\n"));
 * assert.equal(rtsp.startsMessage, true);
 * assert.deepEqual(rtsp.lines, ["PLAY rtsp://a/ RTSP/1.0", "CSeq: 4", ""]);
 * ```
 */
export class Rtsp extends TextLayer {
  /** The discriminant. */
  readonly kind = "rtsp" as const;
  /** Whether the segment starts a request or a response. */
  startsMessage = false;

  /** Tells whether the segment starts a request or a response. */
  protected override decodeText(): void {
    this.startsMessage = requestOrResponse(this.data, this.offset, this.end, RTSP_METHODS) !==
      undefined;
  }

  /** Returns whether the segment starts a message, and its lines, as a plain object. */
  override toJSON(): Record<string, unknown> {
    return { startsMessage: this.startsMessage, ...super.toJSON() };
  }
}

/**
 * Creates {@linkcode Rtsp} layers; the registry entry for TCP ports 554 and 8554.
 *
 * @example Create an RTSP layer
 * ```ts
 * import { rtspDecoder } from "./rtsp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(rtspDecoder.create().kind, "rtsp");
 * ```
 */
export const rtspDecoder: ProtocolDescriptor<Rtsp> = defineProtocol({
  kind: "rtsp",
  name: "RTSP",
  tcpdumpName: "rtsp",
  create: () => new Rtsp(),
  bindings: { tcpPorts: [554, 8554] },
});

/**
 * Decodes an RTSP segment.
 *
 * @param data The bytes (the TCP payload).
 * @param offset Where the payload starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When the payload is empty.
 *
 * @example Tell a response from a continuation
 * ```ts
 * import { decodeRtsp } from "./rtsp.ts";
 * import assert from "node:assert/strict";
 *
 * const text = (s: string) => new TextEncoder().encode(s);
 * assert.equal(decodeRtsp(text("RTSP/1.0 200 OK\r\n")).startsMessage, true);
 * assert.equal(decodeRtsp(text("v=0\r\n")).startsMessage, false);
 * ```
 */
export function decodeRtsp(data: Uint8Array, offset = 0): Rtsp {
  return decodeOne(new Rtsp(), data, offset);
}
