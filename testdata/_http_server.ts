/**
 * The HTTP/1.1 server that `record_http.sh` runs in a namespace: it answers from a fixed
 * table with hand-framed responses (Content-Length, chunked, close-delimited, gzip, deflate,
 * br, 100 Continue, 204, 304, HEAD), so that the capture holds every framing case, and
 * handles pipelined requests in order. Bodies are deterministic: `tests/http_test.ts`
 * builds them again with {@linkcode bodyOf}.
 *
 * @module
 */

import zlib from "node:zlib";

/** The body served at a path, before content coding. */
export function bodyOf(path: string): Uint8Array {
  const line = (i: number) => `${path} line ${i}: wirekit HTTP testdata\n`;
  return new TextEncoder().encode(Array.from({ length: 200 }, (_, i) => line(i)).join(""));
}

const text = (s: string) => new TextEncoder().encode(s);

function respond(method: string, path: string, headers: Map<string, string>, version: string): Uint8Array[] {
  const body = bodyOf(path);
  const head = (status: string, fields: string[]) => text(`HTTP/1.1 ${status}\r\n${fields.map((f) => `${f}\r\n`).join("")}\r\n`);
  const withLength = (fields: string[], data: Uint8Array) => [
    head("200 OK", [...fields, `Content-Length: ${data.length}`]),
    ...(method === "HEAD" ? [] : [data]),
  ];
  switch (path) {
    case "/gzip":
      return withLength(["Content-Type: text/plain", "Content-Encoding: gzip"], zlib.gzipSync(body));
    case "/deflate":
      return withLength(["Content-Type: text/plain", "Content-Encoding: deflate"], zlib.deflateSync(body));
    case "/chunked-br": {
      const data = zlib.brotliCompressSync(body);
      const third = Math.ceil(data.length / 3);
      const chunks = [data.subarray(0, third), data.subarray(third, 2 * third), data.subarray(2 * third)];
      return [
        head("200 OK", ["Content-Type: text/plain", "Content-Encoding: br", "Transfer-Encoding: chunked"]),
        ...chunks.flatMap((c) => [text(`${c.length.toString(16)};ext=1\r\n`), c, text("\r\n")]),
        text("0\r\nX-Trailer: yes\r\n\r\n"),
      ];
    }
    case "/empty":
      return [head("204 No Content", [])];
    case "/cached":
      return headers.get("if-none-match") === '"v1"'
        ? [head("304 Not Modified", ['ETag: "v1"'])]
        : withLength(['ETag: "v1"'], body);
    case "/close":
      return [head("200 OK", ["Content-Type: text/plain", "Connection: close"]), body];
    default:
      return withLength([`Content-Type: text/plain`, `X-Version: ${version}`], body);
  }
}

async function serve(conn: Deno.Conn): Promise<void> {
  let buffer = new Uint8Array(0);
  const chunk = new Uint8Array(65536);
  const more = async () => {
    const n = await conn.read(chunk);
    if (n === null) return false;
    const joined = new Uint8Array(buffer.length + n);
    joined.set(buffer);
    joined.set(chunk.subarray(0, n), buffer.length);
    buffer = joined;
    return true;
  };
  try {
    while (true) {
      let end: number;
      while ((end = new TextDecoder().decode(buffer).indexOf("\r\n\r\n")) < 0) if (!await more()) return;
      const head = new TextDecoder().decode(buffer.subarray(0, end)).split("\r\n");
      buffer = buffer.slice(end + 4);
      const [method, target, version] = head[0]!.split(" ") as [string, string, string];
      const headers = new Map(head.slice(1).map((l) => {
        const i = l.indexOf(":");
        return [l.slice(0, i).toLowerCase(), l.slice(i + 1).trim()] as [string, string];
      }));
      const length = Number(headers.get("content-length") ?? 0);
      if (headers.get("expect")?.toLowerCase() === "100-continue") {
        await conn.write(text("HTTP/1.1 100 Continue\r\n\r\n"));
      }
      while (buffer.length < length) if (!await more()) return;
      buffer = buffer.slice(length);
      for (const part of respond(method, target, headers, version)) await conn.write(part);
      if (target === "/close" || version === "HTTP/1.0" || headers.get("connection") === "close") return;
    }
  } finally {
    conn.close();
  }
}

if (import.meta.main) {
  const listener = Deno.listen({ hostname: "0.0.0.0", port: Number(Deno.args[0] ?? 8080) });
  for await (const conn of listener) serve(conn).catch(() => {});
}
