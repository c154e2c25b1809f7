import assert from "node:assert/strict";
import { ApplicationSessions } from "../lib/app/app_sessions.ts";
import type { StreamInfo } from "../lib/reassembly/stream_types.ts";

Deno.test("ApplicationSessions reports a request left unanswered when its stream closes", async () => {
  const stream: StreamInfo = {
    protocol: "tcp",
    index: 3,
    ipVersion: 4,
    clientAddress: "10.0.0.1",
    clientPort: 40000,
    serverAddress: "10.0.0.2",
    serverPort: 80,
    firstSeen: 0,
  };
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
