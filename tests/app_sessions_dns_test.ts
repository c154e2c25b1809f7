import assert from "node:assert/strict";
import { ApplicationSessions } from "../lib/app/app_sessions.ts";
import type { StreamInfo } from "../lib/reassembly/stream_types.ts";

const STREAM: StreamInfo = {
  protocol: "tcp",
  index: 0,
  ipVersion: 4,
  clientAddress: "10.0.0.1",
  clientPort: 40000,
  serverAddress: "10.0.0.2",
  serverPort: 53,
  firstSeen: 0,
};

/** `example.com` as DNS labels. */
const NAME = [7, ..."example".split("").map((c) => c.charCodeAt(0)), 3, 0x63, 0x6f, 0x6d, 0];

/** A DNS message over TCP: the 2-byte length prefix, then the message. */
function overTcp(message: number[]): Uint8Array {
  return new Uint8Array([message.length >> 8, message.length & 0xff, ...message]);
}

// ID 0x1234, RD, one question: example.com A IN.
const QUERY = overTcp([0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, ...NAME, 0, 1, 0, 1]);
// The answer: one A record 93.184.216.34 (a pointer to the question's name).
const RESPONSE = overTcp([
  ...[0x12, 0x34, 0x81, 0x80, 0, 1, 0, 1, 0, 0, 0, 0, ...NAME, 0, 1, 0, 1],
  ...[0xc0, 0x0c, 0, 1, 0, 1, 0, 0, 0x0e, 0x10, 0, 4, 93, 184, 216, 34],
]);

Deno.test("ApplicationSessions reads DNS over TCP messages that span segments", async () => {
  const apps = new ApplicationSessions();
  const records = [];
  let time = 1;
  // The query cut inside its length prefix, the response in three pieces.
  for (
    const [direction, data, from, to] of [
      [0, QUERY, 0, 1],
      [0, QUERY, 1, QUERY.length],
      [1, RESPONSE, 0, 9],
      [1, RESPONSE, 9, 30],
      [1, RESPONSE, 30, RESPONSE.length],
    ] as const
  ) {
    records.push(
      ...await apps.add({
        type: "data",
        stream: STREAM,
        direction,
        offset: from,
        time: time++,
        data: data.subarray(from, to),
      }),
    );
  }
  assert.deepEqual(
    records.map((r) => [r.protocol, r.name, r.qtype, r.rcode, r.answers, r.time]),
    [["dns", "example.com", "A", "NOERROR", ["93.184.216.34"], 5]],
  );
});

Deno.test("ApplicationSessions keeps two DNS over TCP messages of one segment apart", async () => {
  const apps = new ApplicationSessions();
  await apps.add({ type: "data", stream: STREAM, direction: 0, offset: 0, time: 1, data: QUERY });
  const both = new Uint8Array([...RESPONSE, ...RESPONSE]);
  const records = await apps.add({
    type: "data",
    stream: STREAM,
    direction: 1,
    offset: 0,
    time: 2,
    data: both,
  });
  // The first answers the query; the second, whose query is gone, stands on its own.
  assert.deepEqual(records.map((r) => [r.name, r.rcode]), [
    ["example.com", "NOERROR"],
    ["example.com", "NOERROR"],
  ]);
});
