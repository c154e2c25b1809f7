import assert from "node:assert/strict";
import { ApplicationSessions } from "../lib/app/app_sessions.ts";
import { HTTP_METHODS } from "../lib/app/http.ts";
import { HttpSession } from "../lib/app/http_session.ts";
import type { StreamInfo } from "../lib/reassembly/stream_types.ts";

/** TCP stream `index` from 10.0.0.1:40000 to 10.0.0.2 on `serverPort`. */
function tcpStream(index: number, serverPort: number): StreamInfo {
  return {
    protocol: "tcp",
    index,
    ipVersion: 4,
    clientAddress: "10.0.0.1",
    clientPort: 40000,
    serverAddress: "10.0.0.2",
    serverPort,
    firstSeen: 0,
  };
}

Deno.test("ApplicationSessions reports a request left unanswered when its stream closes", async () => {
  const stream = tcpStream(3, 80);
  const apps = new ApplicationSessions();
  const data = new TextEncoder().encode(
    "GET /a HTTP/1.1\r\nHost: h\r\n\r\nGET /b HTTP/1.1\r\n\r\n",
  );
  await apps.add({ type: "data", stream, direction: 0, offset: 0, time: 1, data });
  const answered = await apps.add({
    type: "data",
    stream,
    direction: 1,
    offset: 0,
    time: 2,
    data: new TextEncoder().encode("HTTP/1.1 204 No Content\r\n\r\n"),
  });
  assert.deepEqual(answered.map((r) => [r.uri, r.status]), [["/a", 204]]);
  const closed = await apps.add({ type: "closed", stream, reason: "fin", time: 3 });
  assert.deepEqual(closed.map((r) => [r.method, r.uri, r.status]), [["GET", "/b", undefined]]);
});

Deno.test("ApplicationSessions reports an upgrade answered by 101 Switching Protocols", async () => {
  const stream = tcpStream(0, 80);
  const text = (s: string) => new TextEncoder().encode(s);
  const apps = new ApplicationSessions();
  const records = [
    ...await apps.add({
      type: "data",
      stream,
      direction: 0,
      offset: 0,
      time: 1,
      data: text(
        "GET /echo HTTP/1.1\r\nHost: h\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n",
      ),
    }),
    ...await apps.add({
      type: "data",
      stream,
      direction: 1,
      offset: 0,
      time: 2,
      data: text("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n"),
    }),
    // A WebSocket frame: no longer HTTP, and no record.
    ...await apps.add({
      type: "data",
      stream,
      direction: 1,
      offset: 0,
      time: 3,
      data: Uint8Array.of(0x81, 2, 0x68, 0x69),
    }),
  ];
  assert.deepEqual(records.map((r) => [r.method, r.uri, r.status]), [["GET", "/echo", 101]]);
});

Deno.test("ApplicationSessions finds HTTP after a SOCKS handshake, at a whole request line", async () => {
  const stream = tcpStream(1, 1080);
  const text = (s: string) => new TextEncoder().encode(s);
  const apps = new ApplicationSessions();
  // Each chunk, and whether ignores() may skip it (a stream not recognised, no TLS or HTTP
  // starting there).
  const chunks: [0 | 1, Uint8Array, boolean][] = [
    [0, Uint8Array.of(5, 1, 0), false], // SOCKS5, no authentication: the stream's first bytes
    [1, Uint8Array.of(5, 0), true],
    [0, Uint8Array.of(5, 1, 0, 1, 192, 0, 2, 7, 0, 80), true], // CONNECT 192.0.2.7:80
    [1, Uint8Array.of(5, 0, 0, 1, 192, 0, 2, 7, 0, 80), true],
    [0, text("GET this is not a request line\r\n"), true],
    [0, text("GET /x HTTP/1.1\r\nHost: example.test\r\n\r\n"), false],
    [1, text("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi"), false],
  ];
  const records = [];
  for (const [direction, data, ignored] of chunks) {
    const event = { type: "data" as const, stream, direction, offset: 0, time: 1, data };
    assert.equal(apps.ignores(event), ignored);
    records.push(...await apps.add(event));
  }
  assert.deepEqual(records.map((r) => [r.host, r.uri, r.status]), [["example.test", "/x", 200]]);
});

Deno.test("HttpSession.recognises() takes a method before the first space, or an HTTP/x.y status line", () => {
  const bytes = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
  for (const text of ["GET / HTTP/1.1\r\n", "GET", "CCM_POST /x", "HTTP/1.0 200 OK"]) {
    assert.equal(HttpSession.recognises(bytes(text)), true, text);
  }
  for (
    const text of [
      "",
      " GET /",
      "get / HTTP/1.1",
      "GETS / x",
      "HTTP/2 200 OK",
      "HTTP/1.1",
      "\x16\x03",
    ]
  ) {
    assert.equal(HttpSession.recognises(bytes(text)), false, text);
  }
  // The same answer as the definition on text, for random and cut-down starts of messages.
  const definition = (data: Uint8Array) => {
    const head = String.fromCharCode(...data.subarray(0, 20));
    return HTTP_METHODS.has(head.split(" ")[0]!) || /^HTTP\/\d\.\d /.test(head);
  };
  const seeds = ["GET / HTTP/1.1", "HTTP/1.1 200 OK", "PROPPATCH /a HTTP/1.1", "CCM_POST x"];
  let state = 7;
  const random = (n: number) => (state = (state * 1103515245 + 12345) >>> 0) % n;
  for (let i = 0; i < 20000; i++) {
    const data = bytes(seeds[random(seeds.length)]!).subarray(0, random(22));
    if (random(2) === 0 && data.length > 0) data[random(data.length)] = random(256);
    assert.equal(HttpSession.recognises(data), definition(data), JSON.stringify([...data]));
  }
});
