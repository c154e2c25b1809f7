/**
 * HTTP/1.x header fields (RFC 9112 section 5) as a case-insensitive view that keeps every
 * field in its order and spelling, repeated ones included, and never throws on the bytes a
 * peer sent (the platform's `Headers` rejects what it deems invalid; a capture must not).
 *
 * @module
 */

/** One header field as it was sent. */
export interface HttpHeaderField {
  /** The name, as spelled on the wire. */
  name: string;
  /** The value, without surrounding white space. */
  value: string;
}

/**
 * A message's header fields.
 *
 * @example Look up fields by any spelling
 * ```ts
 * import { HttpHeaders } from "./http_headers.ts";
 * import assert from "node:assert/strict";
 *
 * const headers = new HttpHeaders([
 *   { name: "Content-Type", value: "text/html" },
 *   { name: "set-cookie", value: "a=1" },
 *   { name: "Set-Cookie", value: "b=2" },
 * ]);
 * assert.equal(headers.get("content-type"), "text/html");
 * assert.deepEqual(headers.getAll("SET-COOKIE"), ["a=1", "b=2"]);
 * assert.equal(headers.get("host"), undefined);
 * ```
 */
export class HttpHeaders {
  /** The fields, in order. */
  readonly fields: readonly HttpHeaderField[];

  /**
   * Wraps fields.
   *
   * @param fields The fields, in order.
   */
  constructor(fields: readonly HttpHeaderField[]) {
    this.fields = fields;
  }

  /**
   * The first field's value of a name, in any case.
   *
   * @param name The field name.
   * @returns The value, or `undefined`.
   */
  get(name: string): string | undefined {
    const wanted = name.toLowerCase();
    return this.fields.find((f) => f.name.toLowerCase() === wanted)?.value;
  }

  /**
   * Every value of a name, in order.
   *
   * @param name The field name.
   * @returns The values.
   */
  getAll(name: string): string[] {
    const wanted = name.toLowerCase();
    return this.fields.filter((f) => f.name.toLowerCase() === wanted).map((f) => f.value);
  }

  /**
   * Whether a list-valued field (`Transfer-Encoding`, `Connection`...) holds a token.
   *
   * @param name The field name.
   * @param token The token, compared without case.
   * @returns Whether any of its values lists the token.
   */
  hasToken(name: string, token: string): boolean {
    const wanted = token.toLowerCase();
    return this.getAll(name).some((v) =>
      v.split(",").some((t) => t.trim().toLowerCase() === wanted)
    );
  }
}

/** A start line and the header fields after it, read from a message's head. */
export interface HttpHead {
  /** The start line's three parts (request: method, target, version; response: version, code, reason). */
  startLine: [string, string, string];
  /** The header fields. */
  headers: HttpHeaders;
}

/**
 * Reads a message head: the start line and the header lines, up to (not including) the
 * empty line. Obsolete line folding (a line starting with white space) continues the
 * previous field, as RFC 9112 section 5.2 allows a recipient to do.
 *
 * @param text The head, decoded as Latin-1 so that every byte maps to one character.
 * @returns The head.
 *
 * @example
 * ```ts
 * import { readHttpHead } from "./http_headers.ts";
 * import assert from "node:assert/strict";
 *
 * const head = readHttpHead("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-A: 1\r\n  2");
 * assert.deepEqual(head.startLine, ["HTTP/1.1", "200", "OK"]);
 * assert.equal(head.headers.get("x-a"), "1 2");
 * ```
 */
export function readHttpHead(text: string): HttpHead {
  const lines = text.split(/\r?\n/);
  const first = lines[0] ?? "";
  const a = first.indexOf(" ");
  const b = a < 0 ? -1 : first.indexOf(" ", a + 1);
  const startLine: [string, string, string] = a < 0
    ? [first, "", ""]
    : b < 0
    ? [first.slice(0, a), first.slice(a + 1), ""]
    : [first.slice(0, a), first.slice(a + 1, b), first.slice(b + 1)];
  const fields: HttpHeaderField[] = [];
  for (const line of lines.slice(1)) {
    const last = fields[fields.length - 1];
    if ((line.startsWith(" ") || line.startsWith("\t")) && last !== undefined) {
      last.value = `${last.value} ${line.trim()}`.trim();
      continue;
    }
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    fields.push({ name: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() });
  }
  return { startLine, headers: new HttpHeaders(fields) };
}
