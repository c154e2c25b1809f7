/**
 * The objects of HTTP traffic as `tshark --export-objects http,DIR` saves them: every
 * request or response with a body, in the order the messages end, the body dechunked and
 * its content coding undone (kept as sent when that fails), named after the request
 * target's last path segment (`object<frame>.<content type>` without a request).
 *
 * Unlike tshark 4.0, which names a response after the latest request of its connection, a
 * response is named after the request it answers, so pipelined requests get their own
 * names. A direction with a gap (bytes never captured) yields no more objects.
 *
 * @module
 */

import type { StreamEvent, StreamInfo } from "../reassembly/stream_types.ts";
import { type HttpMessage, HttpSession, type HttpSessionEvent } from "./http_session.ts";
import { decodeHttpBody } from "./http_body.ts";
import { ObjectNames } from "./_object_names.ts";
import { latin1 } from "../_bytes.ts";

/** One exported object. */
export interface HttpObject {
  /** The file name, unique among the objects of one {@linkcode HttpObjects}. */
  name: string;
  /** The body, dechunked and decoded. */
  data: Uint8Array;
  /** The stream it came in (tshark's `tcp.stream`). */
  stream: number;
  /** The number of the frame that completed it, as given to `add()`. */
  frame: number;
  /** Whether a request or a response carried it. */
  side: "client" | "server";
  /** The Host header of the request, when seen. */
  host: string | undefined;
  /** The Content-Type's media type, lower case, without parameters. */
  contentType: string | undefined;
}

/**
 * One stream's state: its session and which direction the server sends (a capture that
 * starts mid-connection can begin with a response), or `undefined` once it is not (or no
 * longer) HTTP.
 */
type Tracker = { http: HttpSession; server: 0 | 1 } | undefined;

const HTTP_VERSION = /^HTTP\/\d\.\d /;

function mediaType(message: HttpMessage): string | undefined {
  const value = message.headers.get("content-type");
  return value === undefined ? undefined : value.split(";")[0]!.trim().toLowerCase();
}

/**
 * Collects the HTTP objects of reassembled TCP streams.
 *
 * @example Export a response body
 * ```ts
 * import { HttpObjects } from "./http_objects.ts";
 * import type { StreamInfo } from "../reassembly/stream_types.ts";
 * import assert from "node:assert/strict";
 *
 * const stream: StreamInfo = {
 *   protocol: "tcp", index: 0, ipVersion: 4, clientAddress: "10.0.0.1", clientPort: 40000,
 *   serverAddress: "10.0.0.2", serverPort: 80, firstSeen: 0,
 * };
 * const text = (s: string) => new TextEncoder().encode(s);
 * const objects = new HttpObjects();
 * objects.add({ type: "data", stream, direction: 0, offset: 0, time: 1, data: text("GET /docs/a.txt HTTP/1.1\r\n\r\n") }, 1);
 * const [object] = objects.add({ type: "data", stream, direction: 1, offset: 0, time: 2, data: text("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi") }, 2);
 * assert.equal(object?.name, "a.txt");
 * assert.equal(new TextDecoder().decode(object?.data), "hi");
 * ```
 */
export class HttpObjects {
  readonly #streams = new Map<number, Tracker>();
  readonly #names = new ObjectNames();

  /**
   * Takes the next stream event.
   *
   * @param event An event of `reassemble()`; UDP streams are ignored.
   * @param frame The number (from 1) of the capture's frame that produced the event.
   * @returns The objects it completes, in order.
   */
  add(event: StreamEvent, frame: number): HttpObject[] {
    const { stream } = event;
    if (stream.protocol !== "tcp") return [];
    let tracker = this.#streams.get(stream.index);
    switch (event.type) {
      case "data":
        if (event.data.length === 0) return [];
        if (!this.#streams.has(stream.index)) {
          const response = HTTP_VERSION.test(latin1(event.data, 0, 9));
          const server = response ? event.direction : event.direction === 0 ? 1 : 0;
          tracker = HttpSession.recognises(event.data)
            ? { http: new HttpSession(), server }
            : undefined;
          this.#streams.set(stream.index, tracker);
        }
        if (tracker === undefined) return [];
        return this.#objects(
          stream,
          frame,
          tracker.http.push(event.direction === tracker.server ? "server" : "client", event.data),
        );
      case "gap":
        // The framing after a hole can't be trusted.
        if (this.#streams.has(stream.index)) this.#streams.set(stream.index, undefined);
        return [];
      case "closed":
        this.#streams.delete(stream.index);
        if (tracker === undefined) return [];
        return this.#objects(stream, frame, [
          ...tracker.http.end("client"),
          ...tracker.http.end("server"),
        ]);
      default:
        return [];
    }
  }

  #objects(stream: StreamInfo, frame: number, events: HttpSessionEvent[]): HttpObject[] {
    const objects: HttpObject[] = [];
    for (const event of events) {
      if (event.type === "error") continue;
      const message = event.type === "request" ? event.request : event.response;
      const request = event.request;
      if (!message.complete || message.body.length === 0) continue;
      const decoded = decodeHttpBody(message);
      const contentType = mediaType(message);
      objects.push({
        name: this.#names.next({ target: request?.target, contentType, frame }),
        data: "body" in decoded ? decoded.body : message.body,
        stream: stream.index,
        frame,
        side: event.type === "request" ? "client" : "server",
        host: request?.headers.get("host"),
        contentType,
      });
    }
    return objects;
  }
}
