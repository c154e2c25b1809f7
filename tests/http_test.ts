import assert from "node:assert/strict";
import zlib from "node:zlib";
import { HttpSession, type HttpSessionEvent } from "../lib/app/http_session.ts";
import { decodeHttpBody } from "../lib/app/http_body.ts";
import { HttpHeaders } from "../lib/app/http_headers.ts";
import { bodyOf } from "../testdata/_http_server.ts";
import { hasTshark, tsharkFields } from "./_tshark.ts";
import { eventsPerStream, payloadsOf } from "./_app_streams.ts";

const CAPTURE = new URL("../testdata/http_sessions.pcap", import.meta.url);
const text = (s: string) => new TextEncoder().encode(s);

/** The HTTP events of every connection of a capture, connection after connection. */
async function httpEventsOf(url: URL): Promise<HttpSessionEvent[]> {
  return (await eventsPerStream(url, "tcp", () => new HttpSession())).flat();
}

Deno.test("HttpSession pairs every response of testdata/http_sessions.pcap with its request", async () => {
  const events = await httpEventsOf(CAPTURE);
  assert.deepEqual(events.filter((e) => e.type === "error"), []);
  const pairs = events.flatMap((e) =>
    e.type === "response" ? [[e.request?.method, e.request?.target, e.response.status]] : []
  );
  assert.deepEqual(pairs, [
    ["GET", "/plain", 200],
    ["GET", "/gzip", 200],
    ["GET", "/deflate", 200],
    ["GET", "/chunked-br", 200],
    ["HEAD", "/plain", 200],
    ["GET", "/empty", 204],
    ["GET", "/cached", 304],
    ["POST", "/upload", 100],
    ["POST", "/upload", 200],
    ["GET", "/old", 200],
    ["GET", "/close", 200],
    ["GET", "/pipe-1", 200],
    ["HEAD", "/pipe-2", 200],
    ["GET", "/pipe-3", 200],
  ]);
  // Every body, once its content coding is undone, is what the server built for that path.
  for (const event of events) {
    if (event.type !== "response" || event.response.bodyLength === 0) continue;
    const decoded = decodeHttpBody(event.response);
    assert.ok("body" in decoded, event.request?.target);
    assert.deepEqual(decoded.body, bodyOf(event.request!.target), event.request?.target);
    assert.equal(event.response.complete, true);
  }
  const upload = events.find((e) => e.type === "request" && e.request.method === "POST");
  const served = await Deno.readFile(new URL("../testdata/_http_server.ts", import.meta.url));
  assert.equal(upload?.type === "request" && upload.request.bodyLength, served.length);
});

Deno.test("HttpSession reads the requests and responses that tshark reads", {
  ignore: !(await hasTshark()),
}, async () => {
  const fields = [
    "http.request.method",
    "http.host",
    "http.request.uri",
    "http.response.code",
    "http.content_length",
  ];
  const { rows } = await tsharkFields(CAPTURE, fields, { extraArgs: ["-Y", "http"] });
  const expected = rows.flatMap((row) => [
    ...row["http.request.method"]!.map((method, i) => [
      "request",
      method,
      row["http.host"]![i],
      row["http.request.uri"]![i],
    ]),
    ...row["http.response.code"]!.map((code) => ["response", code]),
  ]);
  const actual = (await httpEventsOf(CAPTURE)).flatMap((e) =>
    e.type === "request"
      ? [["request", e.request.method, e.request.headers.get("host"), e.request.target]]
      : e.type === "response"
      ? [["response", String(e.response.status)]]
      : []
  );
  // tshark shows the interim 100 Continue before the request it answers, as it comes on the wire.
  assert.deepEqual(
    actual.filter((e) => e[0] === "request"),
    expected.filter((e) => e[0] === "request"),
  );
  // tshark frames the response to a pipelined HEAD as if it had a body (it pairs it with the
  // next request), so it sees one response fewer on that connection.
  const codes = (list: (string | undefined)[][]) => list.filter((e) => e[0] === "response").length;
  assert.equal(codes(actual), codes(expected) + 1);
});

Deno.test("HttpSession rejects broken framing with one error per side, after the message read", () => {
  // The side, its bytes, the error, and the status of the response whose head was read
  // (given first, incomplete), if one was.
  const cases: [string, string, string, number | undefined][] = [
    [
      "client",
      "BREW /pot HTCPCP/1.0\r\n\r\n",
      'Cannot read HTTP request: "BREW /pot HTCPCP/1.0" is not a request line',
      undefined,
    ],
    [
      "server",
      "HTTP/1.1 200 OK\r\nContent-Length: 3, 4\r\n\r\n",
      'Cannot frame HTTP message: Content-Length "3, 4" is not one number',
      200,
    ],
    [
      "server",
      "HTTP/1.1 206 Partial\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
      'Cannot read HTTP chunk: size "zz" is not hex',
      206,
    ],
  ];
  for (const [side, input, message, status] of cases) {
    const http = new HttpSession();
    const events = http.push(side as "client" | "server", text(input));
    assert.deepEqual(events.at(-1), { type: "error", side, message });
    const read = events.slice(0, -1).map((e) =>
      e.type === "response" ? [e.response.status, e.response.complete] : e.type
    );
    assert.deepEqual(read, status === undefined ? [] : [[status, false]]);
    assert.deepEqual(http.push(side as "client" | "server", text("GET / HTTP/1.1\r\n\r\n")), []);
  }
  const long = new HttpSession({ maxHead: 100 });
  assert.deepEqual(long.push("client", text(`GET / HTTP/1.1\r\nX: ${"a".repeat(200)}`)), [
    {
      type: "error",
      side: "client",
      message: "Cannot read HTTP message: head longer than 100 bytes",
    },
  ]);
});

Deno.test("HttpSession reads a request line with a stray token before the version", () => {
  // zeek's connect-with-smtp.pcap: tshark takes the second token as the target.
  const http = new HttpSession();
  const [request] = http.push("client", text("CONNECT mail.example:25 / HTTP/1.0\r\n\r\n"));
  assert.ok(request?.type === "request");
  assert.deepEqual(
    [request.request.method, request.request.target, request.request.version],
    ["CONNECT", "mail.example:25", "HTTP/1.0"],
  );
  const [response] = http.push("server", text("HTTP/1.0 200 Connection established\r\n\r\n"));
  assert.ok(response?.type === "response" && response.request === request.request);
  assert.equal(http.tunneled, true);
});

Deno.test("HttpSession reads a known method's request line whose version is cut or missing", () => {
  // zeek's methods.pcap: tshark shows each such request with its method and URI, and the
  // server answers it (400, 405).
  const lines: [string, string, string, string][] = [
    ["GET / HTTP/1.\r\nHost: a\r\n\r\n", "GET", "/", "HTTP/1."],
    ["CCM_POST /HTTP/1.1\r\nHost: a\r\n\r\n", "CCM_POST", "/HTTP/1.1", ""],
    ["OPTIONS HTTP/1.1\r\nHost: a\r\n\r\n", "OPTIONS", "HTTP/1.1", ""],
    ["OPTIONS\nHost: a\n\n", "OPTIONS", "", ""],
  ];
  for (const [line, method, target, version] of lines) {
    assert.equal(HttpSession.recognises(text(line)), true, line);
    const http = new HttpSession();
    const [request] = http.push("client", text(line));
    assert.ok(request?.type === "request", line);
    const { request: r } = request;
    assert.deepEqual([r.method, r.target, r.version, r.headers.get("host")], [
      method,
      target,
      version,
      "a",
    ]);
    const [response] = http.push("server", text("HTTP/1.1 400 Bad\r\nContent-Length: 0\r\n\r\n"));
    assert.ok(response?.type === "response" && response.request === r);
  }
  // Not a method tshark or tcpdump knows, or a version of another protocol: not HTTP.
  for (const line of ["BREW /pot\r\n\r\n", "GET /pot HTCPCP/1.0\r\n\r\n"]) {
    const [event] = new HttpSession().push("client", text(line));
    assert.equal(event?.type, "error", line);
  }
});

Deno.test("HttpSession keeps bodies up to its limit and counts the rest", () => {
  const http = new HttpSession({ maxBody: 10 });
  http.push("client", text("GET /big HTTP/1.1\r\n\r\n"));
  const head = "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n";
  assert.deepEqual(http.push("server", text(head + "x".repeat(60))), []);
  const [event] = http.push("server", text("y".repeat(40)));
  assert.equal(event?.type, "response");
  if (event?.type !== "response") return;
  assert.equal(event.response.bodyLength, 100);
  assert.deepEqual(event.response.body, text("x".repeat(10)));
});

Deno.test("decodeHttpBody() stops a decompression bomb at its size cap", () => {
  const body = zlib.gzipSync(new Uint8Array(50 * 1024 * 1024));
  assert.ok(body.length < 100_000);
  const message = {
    version: "HTTP/1.1",
    headers: new HttpHeaders([{ name: "Content-Encoding", value: "gzip" }]),
    body,
    bodyLength: body.length,
    streamOffset: 0,
    complete: true,
  };
  const decoded = decodeHttpBody(message, { maxOutput: 1024 * 1024 });
  assert.deepEqual(decoded, {
    error: "Cannot decode HTTP body: gzip: Cannot create a Buffer larger than 1048576 bytes",
  });
});

Deno.test("HttpSession never throws on random and mutated streams", async () => {
  let seed = 3;
  const random = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
  const payloads = await payloadsOf(CAPTURE, "tcp");
  for (let i = 0; i < 3000; i++) {
    const http = new HttpSession({ maxBody: 4096 });
    for (let j = 0; j < 4; j++) {
      const bytes = payloads[Math.floor(random() * payloads.length)]!.slice();
      for (let f = 0; f < 3; f++) bytes[Math.floor(random() * bytes.length)] = random() * 256;
      http.push(random() < 0.5 ? "client" : "server", bytes);
    }
    http.end("server");
  }
});
