/**
 * HTTP/1.0 and 1.1 over one TCP connection (RFC 9112): both directions' bytes, in stream
 * order, framed into requests and responses, and each response paired with its request.
 * Pipelined requests are answered in order; `100 Continue` and other interim responses do
 * not use up a request; HEAD, 1xx, 204 and 304 responses have no body; bodies are framed by
 * `Transfer-Encoding: chunked`, `Content-Length`, or the connection's close; after `101
 * Switching Protocols` or a successful CONNECT the connection is no longer HTTP.
 *
 * It never throws on bad bytes: a direction that breaks the framing rules yields one
 * `error` event and is ignored from there. Bodies are kept up to a limit (the rest is
 * counted); {@linkcode decodeHttpBody} undoes their content coding.
 *
 * @module
 */

import { type HttpHeaders, readHttpHead } from "./http_headers.ts";
import { HTTP_METHODS } from "./http.ts";
import { latin1 } from "../_bytes.ts";

/** 1 at each byte that occurs in some HTTP method. */
const METHOD_BYTES = new Uint8Array(256);
for (const method of HTTP_METHODS) {
  for (let i = 0; i < method.length; i++) METHOD_BYTES[method.charCodeAt(i)] = 1;
}
const LONGEST_METHOD = Math.max(...[...HTTP_METHODS].map((method) => method.length));

/** Whether bytes start an HTTP/1.x status line: `HTTP/`, a digit, a dot, a digit, a space. */
function startsResponse(data: Uint8Array): boolean {
  return data.length >= 9 && data[0] === 0x48 && data[1] === 0x54 && data[2] === 0x54 &&
    data[3] === 0x50 && data[4] === 0x2f && isDigit(data[5]!) && data[6] === 0x2e &&
    isDigit(data[7]!) && data[8] === 0x20;
}

function isDigit(byte: number): boolean {
  return byte >= 0x30 && byte <= 0x39;
}

/** Which side sent the bytes. */
export type HttpSide = "client" | "server";

/** What requests and responses share. */
export interface HttpMessage {
  /** The protocol version (`HTTP/1.1`). */
  version: string;
  /** The header fields. */
  headers: HttpHeaders;
  /** The body as sent after transfer decoding (chunks joined), up to the body limit. */
  body: Uint8Array;
  /** The body's full length after transfer decoding (more than `body` when cut at the limit). */
  bodyLength: number;
  /** Where the message began in its direction's stream. */
  streamOffset: number;
  /** Whether the body ended as its framing says (`false` when the stream ended first). */
  complete: boolean;
}

/** A request. */
export interface HttpRequest extends HttpMessage {
  /** The method (`GET`). */
  method: string;
  /** The request target (`/index.html`). */
  target: string;
}

/** A response. */
export interface HttpResponse extends HttpMessage {
  /** The status code. */
  status: number;
  /** The reason phrase. */
  reason: string;
}

/** What an {@linkcode HttpSession} reads. */
export type HttpSessionEvent =
  | {
    /** A whole request. */
    type: "request";
    /** The request. */
    request: HttpRequest;
  }
  | {
    /** A whole response. */
    type: "response";
    /** The response. */
    response: HttpResponse;
    /** The request it answers, when seen. */
    request: HttpRequest | undefined;
  }
  | {
    /** A side broke the framing rules; its bytes are ignored from here. */
    type: "error";
    /** Which side. */
    side: HttpSide;
    /** What was wrong, one line. */
    message: string;
  };

/** Options of {@linkcode HttpSession}. */
export interface HttpSessionOptions {
  /** The most body bytes kept per message (default 16 MiB); the rest is counted only. */
  maxBody?: number;
  /** The longest message head (default 64 KiB). */
  maxHead?: number;
}

type State =
  | "head"
  | "length"
  | "chunk-size"
  | "chunk-data"
  | "chunk-end"
  | "trailers"
  | "close"
  | "done";

interface Pending {
  message: HttpRequest | HttpResponse;
  side: HttpSide;
  request: HttpRequest | undefined;
}

class Direction {
  state: State = "head";
  pending: Uint8Array = new Uint8Array(0);
  offset = 0;
  remaining = 0;
  parts: Uint8Array[] = [];
  kept = 0;
  current: Pending | undefined;
}

const latin1Decoder = new TextDecoder("latin1");

function headEnd(data: Uint8Array, from: number): { end: number; next: number } | undefined {
  for (let i = from; i < data.length; i++) {
    if (data[i] !== 0x0a) continue;
    // The head ends before the line end of its last line (LF or CR LF).
    const end = i > from && data[i - 1] === 0x0d ? i - 1 : i;
    if (data[i + 1] === 0x0a) return { end, next: i + 2 };
    if (data[i + 1] === 0x0d && data[i + 2] === 0x0a) return { end, next: i + 3 };
  }
  return undefined;
}

/**
 * Follows the HTTP/1.x messages of one TCP connection.
 *
 * @example A request and its response
 * ```ts
 * import { HttpSession } from "./http_session.ts";
 * import assert from "node:assert/strict";
 *
 * const http = new HttpSession();
 * const text = (s: string) => new TextEncoder().encode(s);
 * const [request] = http.push("client", text("GET /a HTTP/1.1\r\nHost: x\r\n\r\n"));
 * assert.equal(request?.type === "request" && request.request.target, "/a");
 * const [response] = http.push("server", text("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi"));
 * assert.equal(response?.type === "response" && response.response.status, 200);
 * assert.equal(response?.type === "response" && response.request?.target, "/a");
 * ```
 */
export class HttpSession {
  readonly #directions: Record<HttpSide, Direction> = {
    client: new Direction(),
    server: new Direction(),
  };
  readonly #requests: HttpRequest[] = [];
  readonly #maxBody: number;
  readonly #maxHead: number;
  #tunnel = false;

  /**
   * Whether the connection left HTTP: a `101 Switching Protocols` or a successful CONNECT
   * was answered, and what follows is another protocol's (HTTP reads no more of it).
   */
  get tunneled(): boolean {
    return this.#tunnel;
  }

  /**
   * Tells whether a stream's first bytes start an HTTP/1.x request or response: a method
   * tcpdump knows followed by a space, or `HTTP/x.y `.
   *
   * @param data The first bytes of either direction.
   * @returns Whether they look like HTTP.
   *
   * @example Recognise a request and a response
   * ```ts
   * import { HttpSession } from "./http_session.ts";
   * import assert from "node:assert/strict";
   *
   * const text = (s: string) => new TextEncoder().encode(s);
   * assert.equal(HttpSession.recognises(text("GET / HTTP/1.1\r\n")), true);
   * assert.equal(HttpSession.recognises(text("HTTP/1.0 200 OK\r\n")), true);
   * assert.equal(HttpSession.recognises(text("SSH-2.0-OpenSSH\r\n")), false);
   * ```
   */
  static recognises(data: Uint8Array): boolean {
    // The bytes before the first space or line end (within 20; `OPTIONS` alone is a
    // request line) are looked up as a method only when each occurs in some method: other
    // protocols' first bytes build no string.
    const head = Math.min(data.length, 20);
    let end = 0;
    while (end < head && data[end] !== 0x20 && data[end] !== 0x0d && data[end] !== 0x0a) {
      if (METHOD_BYTES[data[end]!] === 0) return startsResponse(data);
      end++;
    }
    return (end > 0 && end <= LONGEST_METHOD &&
      HTTP_METHODS.has(latin1(data, 0, end))) || startsResponse(data);
  }

  /**
   * Makes a session for one connection.
   *
   * @param options The limits.
   */
  constructor(options: HttpSessionOptions = {}) {
    this.#maxBody = options.maxBody ?? 16 * 1024 * 1024;
    this.#maxHead = options.maxHead ?? 64 * 1024;
  }

  /**
   * Takes the next bytes a side sent, in stream order.
   *
   * @param side Who sent them.
   * @param chunk The bytes; not kept after the call (body bytes are copied).
   * @returns The messages they complete.
   */
  push(side: HttpSide, chunk: Uint8Array): HttpSessionEvent[] {
    const events: HttpSessionEvent[] = [];
    const dir = this.#directions[side];
    if (dir.state === "done" || this.#tunnel || chunk.length === 0) return events;
    let data = chunk;
    if (dir.pending.length > 0) {
      data = new Uint8Array(dir.pending.length + chunk.length);
      data.set(dir.pending);
      data.set(chunk, dir.pending.length);
    }
    let at = 0;
    // #step changes the state, which the narrowing above does not see.
    while (at < data.length && (dir.state as State) !== "done" && !this.#tunnel) {
      const used = this.#step(events, side, dir, data, at);
      if (used < 0) break;
      at += used;
    }
    dir.offset += at;
    dir.pending = (dir.state as State) === "done" || this.#tunnel
      ? new Uint8Array(0)
      : data.slice(at);
    return events;
  }

  /**
   * Tells that a side closed its direction: a body framed by the close ends here, and a
   * message cut short is given as it is, marked incomplete.
   *
   * @param side The side.
   * @returns The message that ends, if any.
   */
  end(side: HttpSide): HttpSessionEvent[] {
    const events: HttpSessionEvent[] = [];
    const dir = this.#directions[side];
    if (dir.current !== undefined) this.#finish(events, dir, dir.state === "close");
    dir.state = "done";
    return events;
  }

  /** Consumes bytes at `at` in the direction's state; returns how many, or -1 to wait for more. */
  #step(
    events: HttpSessionEvent[],
    side: HttpSide,
    dir: Direction,
    data: Uint8Array,
    at: number,
  ): number {
    switch (dir.state) {
      case "head": {
        let start = at;
        while (data[start] === 0x0d || data[start] === 0x0a) start++; // RFC 9112 2.2
        const found = headEnd(data, start);
        if (found === undefined) {
          if (data.length - start > this.#maxHead) {
            this.#fail(
              events,
              side,
              dir,
              `Cannot read HTTP message: head longer than ${this.#maxHead} bytes`,
            );
          }
          return start === data.length ? data.length - at : -1;
        }
        this.#head(
          events,
          side,
          dir,
          latin1Decoder.decode(data.subarray(start, found.end)),
          dir.offset + start,
        );
        return found.next - at;
      }
      case "length":
      case "chunk-data":
      case "close": {
        const n = dir.state === "close"
          ? data.length - at
          : Math.min(dir.remaining, data.length - at);
        this.#body(dir, data.subarray(at, at + n));
        dir.remaining -= n;
        if (dir.state === "length" && dir.remaining === 0) this.#finish(events, dir, true);
        else if (dir.state === "chunk-data" && dir.remaining === 0) dir.state = "chunk-end";
        return n;
      }
      case "chunk-end":
      case "chunk-size":
      case "trailers": {
        const lf = data.indexOf(0x0a, at);
        if (lf < 0) {
          if (data.length - at > 4096) {
            this.#fail(events, side, dir, "Cannot read HTTP chunk: line longer than 4096 bytes");
          }
          return -1;
        }
        const line = latin1Decoder.decode(data.subarray(at, lf)).replace(/\r$/, "");
        if (dir.state === "chunk-end") {
          if (line !== "") {
            this.#fail(events, side, dir, "Cannot read HTTP chunk: no line end after its data");
          } else dir.state = "chunk-size";
        } else if (dir.state === "trailers") {
          if (line === "") this.#finish(events, dir, true);
        } else {
          const size = line.split(";")[0]!.trim();
          if (!/^[0-9a-fA-F]{1,12}$/.test(size)) {
            this.#fail(
              events,
              side,
              dir,
              `Cannot read HTTP chunk: size "${size.slice(0, 20)}" is not hex`,
            );
          } else {
            dir.remaining = parseInt(size, 16);
            dir.state = dir.remaining === 0 ? "trailers" : "chunk-data";
          }
        }
        return lf + 1 - at;
      }
      default:
        return -1;
    }
  }

  #head(
    events: HttpSessionEvent[],
    side: HttpSide,
    dir: Direction,
    text: string,
    offset: number,
  ): void {
    const { startLine, headers } = readHttpHead(text);
    const common = {
      headers,
      body: new Uint8Array(0),
      bodyLength: 0,
      streamOffset: offset,
      complete: false,
    };
    if (side === "client") {
      const [method, target] = startLine;
      // A stray token before the version (a target with a space): the second token is the
      // target and the last the version, as Wireshark reads such a line.
      const version = startLine[2].slice(startLine[2].lastIndexOf(" ") + 1);
      // A known method's line whose version is cut or missing (`GET / HTTP/1.`, `GET
      // /HTTP/1.1`, `OPTIONS`) is still a request, as Wireshark reads it: servers answer it.
      const loose = HTTP_METHODS.has(method) && (version === "" || version.startsWith("HTTP/"));
      if (!loose && !/^HTTP\/\d\.\d$/.test(version)) {
        return this.#fail(
          events,
          side,
          dir,
          `Cannot read HTTP request: "${
            text.slice(0, 40).split(/\r?\n/)[0]
          }" is not a request line`,
        );
      }
      const request: HttpRequest = { ...common, method, target, version };
      this.#requests.push(request);
      dir.current = { message: request, side, request: undefined };
      return this.#frame(events, side, dir, headers, false);
    }
    const [version, code, reason] = startLine;
    if (!/^HTTP\/\d\.\d$/.test(version) || !/^\d{3}$/.test(code)) {
      return this.#fail(
        events,
        side,
        dir,
        `Cannot read HTTP response: "${text.slice(0, 40).split(/\r?\n/)[0]}" is not a status line`,
      );
    }
    const status = Number(code);
    const interim = status >= 100 && status < 200 && status !== 101;
    const request = interim ? this.#requests[0] : this.#requests.shift();
    dir.current = { message: { ...common, version, status, reason }, side, request };
    const noBody = request?.method === "HEAD" || status < 200 || status === 204 || status === 304;
    if (status === 101 || (request?.method === "CONNECT" && status < 300 && status >= 200)) {
      this.#finish(events, dir, true);
      this.#tunnel = true;
      return;
    }
    this.#frame(events, side, dir, headers, noBody);
  }

  #frame(
    events: HttpSessionEvent[],
    side: HttpSide,
    dir: Direction,
    headers: HttpHeaders,
    noBody: boolean,
  ): void {
    if (noBody) return this.#finish(events, dir, true);
    const coding = headers.get("transfer-encoding");
    if (coding !== undefined) {
      const codings = coding.split(",").map((c) => c.trim().toLowerCase());
      if (codings[codings.length - 1] === "chunked") dir.state = "chunk-size";
      else if (side === "server") dir.state = "close";
      else {this.#fail(
          events,
          side,
          dir,
          `Cannot frame HTTP request: transfer coding "${coding}" does not end in chunked`,
        );}
      return;
    }
    const lengths = headers.getAll("content-length").flatMap((v) => v.split(",")).map((v) =>
      v.trim()
    );
    if (lengths.length > 0) {
      if (!lengths.every((v) => /^\d{1,15}$/.test(v) && v === lengths[0])) {
        return this.#fail(
          events,
          side,
          dir,
          `Cannot frame HTTP message: Content-Length "${lengths.join(", ")}" is not one number`,
        );
      }
      dir.remaining = Number(lengths[0]);
      if (dir.remaining === 0) return this.#finish(events, dir, true);
      dir.state = "length";
      return;
    }
    if (side === "server") dir.state = "close";
    else this.#finish(events, dir, true);
  }

  #body(dir: Direction, bytes: Uint8Array): void {
    const message = dir.current!.message;
    message.bodyLength += bytes.length;
    const room = this.#maxBody - dir.kept;
    if (room <= 0 || bytes.length === 0) return;
    const kept = bytes.slice(0, room);
    dir.parts.push(kept);
    dir.kept += kept.length;
  }

  #finish(events: HttpSessionEvent[], dir: Direction, complete: boolean): void {
    const current = dir.current!;
    const message = current.message;
    message.complete = complete;
    const body = new Uint8Array(dir.kept);
    let at = 0;
    for (const part of dir.parts) {
      body.set(part, at);
      at += part.length;
    }
    message.body = body;
    dir.parts = [];
    dir.kept = 0;
    dir.current = undefined;
    dir.state = "head";
    if ("method" in message) events.push({ type: "request", request: message });
    else events.push({ type: "response", response: message, request: current.request });
  }

  #fail(events: HttpSessionEvent[], side: HttpSide, dir: Direction, message: string): void {
    // The message whose head was read is given as it is, incomplete, before the error.
    if (dir.current !== undefined) this.#finish(events, dir, false);
    dir.state = "done";
    dir.current = undefined;
    dir.parts = [];
    events.push({ type: "error", side, message });
  }
}
