/**
 * `ApplicationSessions` with the `messages` option: a record per HTTP request, 1xx
 * response and ClientHello, as soon as the message is whole.
 *
 * @module
 */

import assert from "node:assert/strict";
import { ApplicationSessions } from "../lib/app/app_sessions.ts";
import type { StreamInfo } from "../lib/reassembly/stream_types.ts";

const stream: StreamInfo = {
  protocol: "tcp",
  index: 0,
  ipVersion: 4,
  clientAddress: "10.0.0.1",
  clientPort: 40000,
  serverAddress: "10.0.0.2",
  serverPort: 8080,
  firstSeen: 0,
};
const text = (s: string) => new TextEncoder().encode(s);

Deno.test("ApplicationSessions() with messages reports a request when its last bytes arrive", async () => {
  const apps = new ApplicationSessions({ messages: true });
  const first = await apps.add({
    type: "data",
    stream,
    direction: 0,
    offset: 0,
    time: 1,
    data: text("POST /up HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\n"),
  });
  assert.deepEqual(first, []);
  const [request] = await apps.add({
    type: "data",
    stream,
    direction: 0,
    offset: 49,
    time: 2,
    data: text("ab"),
  });
  assert.equal(request?.message, "request");
  assert.equal(request?.method, "POST");
  assert.equal(request?.host, "h");
  assert.equal(request?.uri, "/up");
  assert.equal(request?.time, 2);
  const records = await apps.add({
    type: "data",
    stream,
    direction: 1,
    offset: 0,
    time: 3,
    data: text("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n"),
  });
  assert.deepEqual(records.map((r) => [r.message, r.status]), [
    ["informational", 100],
    [undefined, 201],
  ]);
});

Deno.test("ApplicationSessions() without messages reports exchanges only", async () => {
  const apps = new ApplicationSessions();
  const request = text("GET / HTTP/1.1\r\nHost: h\r\n\r\n");
  assert.deepEqual(
    await apps.add({ type: "data", stream, direction: 0, offset: 0, time: 1, data: request }),
    [],
  );
  const records = await apps.add({
    type: "data",
    stream,
    direction: 1,
    offset: 0,
    time: 2,
    data: text("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"),
  });
  assert.deepEqual(records.map((r) => [r.message, r.status, r.uri]), [[undefined, 200, "/"]]);
});

Deno.test("ApplicationSessions.ignores() skips the data of streams not recognised, until a ClientHello", async () => {
  const apps = new ApplicationSessions({ messages: true });
  const event = (data: Uint8Array, offset: number) =>
    ({ type: "data", stream, direction: 0, offset, time: 1, data }) as const;
  const first = event(text("\x00\x01 no protocol"), 0);
  assert.equal(apps.ignores(first), false);
  assert.deepEqual(await apps.add(first), []);
  const more = event(text("more of it"), 15);
  assert.equal(apps.ignores(more), true);
  assert.deepEqual(await apps.add(more), []);
  // A ClientHello's first bytes (STARTTLS) make the stream TLS: not ignored.
  assert.equal(apps.ignores(event(new Uint8Array([22, 3, 1, 0, 40, 1]), 25)), false);
  assert.equal(apps.ignores({ type: "closed", stream, reason: "fin", time: 2 }), false);
});
