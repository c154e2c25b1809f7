import assert from "node:assert/strict";
import { ApplicationSessions, type AppRecord } from "../lib/app/app_sessions.ts";
import { TlsRecordReader } from "../lib/app/tls_records.ts";
import { TlsSession } from "../lib/app/tls_session.ts";
import { openCapture } from "../lib/formats/open_capture.ts";
import { reassemble } from "../lib/reassembly/stream_events.ts";
import type { StreamEvent } from "../lib/reassembly/stream_types.ts";

const CAPTURE = new URL("../testdata/tls_handshakes.pcap", import.meta.url);

/** A TLS record of `type` around `fragment`. */
function record(type: number, fragment: Uint8Array): Uint8Array {
  return Uint8Array.of(type, 3, 3, fragment.length >> 8, fragment.length & 0xff, ...fragment);
}

/** A ServerHello handshake message (TLS 1.2 layout, no extensions) with this random. */
function serverHello(random: Uint8Array): Uint8Array {
  const body = Uint8Array.of(3, 3, ...random, 0, 0x13, 0x01, 0, 0, 0);
  return Uint8Array.of(2, 0, body.length >> 8, body.length & 0xff, ...body);
}

// SHA-256("HelloRetryRequest") (RFC 8446 section 4.1.3).
const HRR_RANDOM = Uint8Array.from(
  "cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c".match(/../g)!,
  (b) => parseInt(b, 16),
);

Deno.test("TlsRecordReader keeps reading handshakes after a HelloRetryRequest's ChangeCipherSpec", () => {
  const types = (random: Uint8Array) =>
    new TlsRecordReader().push(Uint8Array.of(
      ...record(22, serverHello(random)),
      ...record(20, Uint8Array.of(1)),
      ...record(22, serverHello(new Uint8Array(32).fill(7))),
    )).map((e) => e.type);
  // TLS 1.3 (RFC 8446 appendix D.4): the ChangeCipherSpec changes nothing.
  assert.deepEqual(types(HRR_RANDOM), ["handshake", "change-cipher-spec", "handshake"]);
  // TLS 1.2: what follows it is encrypted.
  assert.deepEqual(types(new Uint8Array(32)), ["handshake", "change-cipher-spec", "encrypted"]);
});

Deno.test("TlsSession reads the second ClientHello after a HelloRetryRequest's ChangeCipherSpec", () => {
  const body = Uint8Array.of(3, 3, ...new Array(32).fill(0), 0, 0, 2, 0x13, 0x01, 1, 0);
  const clientHello = Uint8Array.of(1, 0, 0, body.length, ...body);
  const types = (random: Uint8Array) => {
    const session = new TlsSession();
    session.push("server", record(22, serverHello(random)));
    return session.push(
      "client",
      Uint8Array.of(...record(20, Uint8Array.of(1)), ...record(22, clientHello)),
    ).map((e) => e.type);
  };
  // TLS 1.3 (RFC 8446 section 4.1.4): the client answers the HelloRetryRequest in the clear.
  assert.deepEqual(types(HRR_RANDOM), ["client-hello"]);
  // TLS 1.2: what follows the client's ChangeCipherSpec is encrypted.
  assert.deepEqual(types(new Uint8Array(32)), []);
});

/** The data events of the test capture's first stream (a TLS 1.3 handshake). */
async function firstStreamData(): Promise<StreamEvent[]> {
  const events: StreamEvent[] = [];
  await using reader = await openCapture(CAPTURE);
  for await (const event of reassemble(reader)) {
    if (event.type === "data" && event.stream.index === 0) events.push(event);
  }
  return events;
}

Deno.test("ApplicationSessions finds a TLS handshake after another protocol's bytes (STARTTLS)", async () => {
  const events = await firstStreamData();
  const first = events[0];
  assert.ok(first?.type === "data");
  const prefix = new TextEncoder().encode("STARTTLS\r\n");
  const apps = new ApplicationSessions();
  const records: AppRecord[] = [];
  records.push(...await apps.add({ ...first, data: prefix }));
  for (const event of events) records.push(...await apps.add(event));
  assert.deepEqual(records.map((r) => [r.protocol, r.sni, r.version]), [
    ["tls", "tls.example.test", "TLS 1.3"],
  ]);
});

Deno.test("ApplicationSessions follows an HTTP CONNECT tunnel into the TLS handshake in it", async () => {
  const events = await firstStreamData();
  const first = events[0];
  assert.ok(first?.type === "data");
  const text = (s: string) => new TextEncoder().encode(s);
  const apps = new ApplicationSessions();
  const records: AppRecord[] = [];
  const target = "tls.example.test:4433";
  records.push(
    ...await apps.add({
      ...first,
      data: text(`CONNECT ${target} HTTP/1.1\r\nHost: ${target}\r\n\r\n`),
    }),
    ...await apps.add({
      ...first,
      direction: first.direction === 0 ? 1 : 0,
      data: text("HTTP/1.1 200 Connection established\r\n\r\n"),
    }),
  );
  for (const event of events) records.push(...await apps.add(event));
  assert.deepEqual(records.map((r) => [r.protocol, r.method ?? r.sni, r.status ?? r.version]), [
    ["http", "CONNECT", 200],
    ["tls", "tls.example.test", "TLS 1.3"],
  ]);
});

/** The records ApplicationSessions makes of a capture, as protocol, version, SNI and ALPN. */
async function handshakesOf(name: string): Promise<(string | undefined)[][]> {
  const apps = new ApplicationSessions();
  const records: AppRecord[] = [];
  await using reader = await openCapture(new URL(`../testdata/${name}`, import.meta.url));
  for await (const event of reassemble(reader)) records.push(...await apps.add(event));
  return records.map((r) => [r.protocol, r.version, r.sni, r.alpn?.join(","), r.server]);
}

Deno.test("ApplicationSessions reads the handshakes of Deno's own TLS and QUIC as recorded", async () => {
  // What testdata/record_deno.sh made: see its header.
  assert.deepEqual(await handshakesOf("deno_tls.pcap"), [
    ["tls", "TLS 1.3", "deno.example.test", "h2,http/1.1", "10.76.0.1:4443"],
    ["tls", "TLS 1.3", "deno.example.test", "x-wirekit", "[fd76::1]:4443"],
    ["tls", "TLS 1.2", "deno.example.test", "http/1.1", "10.76.0.1:4443"],
    ["tls", "TLS 1.2", "deno.example.test", "http/1.1", "10.76.0.1:4444"],
  ]);
  assert.deepEqual(await handshakesOf("deno_quic.pcap"), [
    ["quic", "TLS 1.3", "quic.example.test", "h3", "10.76.0.1:4443"],
    ["quic", "TLS 1.3", "quic.example.test", "x-wirekit,h3", "[fd76::1]:4443"],
  ]);
});

Deno.test("ApplicationSessions.addNow() gives add()'s records, at once but for QUIC", async () => {
  for (const name of ["deno_tls.pcap", "http_sessions.pcap", "deno_quic.pcap"]) {
    const viaAdd = new ApplicationSessions({ messages: true });
    const viaNow = new ApplicationSessions({ messages: true });
    let records = 0, later = 0;
    await using reader = await openCapture(new URL(`../testdata/${name}`, import.meta.url));
    for await (const event of reassemble(reader)) {
      const now = viaNow.addNow(event);
      if (now instanceof Promise) later++;
      const expected = await viaAdd.add(event);
      assert.deepEqual(await now, expected, name);
      records += expected.length;
    }
    assert.ok(records > 0, name);
    // Only the datagrams of QUIC streams wait (their Initial packets are decrypted).
    if (name === "deno_quic.pcap") assert.ok(later > 0);
    else assert.equal(later, 0, name);
  }
});
