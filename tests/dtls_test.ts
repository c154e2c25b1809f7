import assert from "node:assert/strict";
import { DtlsSession } from "../lib/app/dtls.ts";
import type { TlsSessionEvent } from "../lib/app/tls_session.ts";
import { hasTshark, tsharkFields } from "./_tshark.ts";
import { eventsPerStream, payloadsOf } from "./_app_streams.ts";

const CAPTURE = new URL("../testdata/dtls_handshakes.pcap", import.meta.url);

async function dtlsEventsOf(url: URL): Promise<TlsSessionEvent[]> {
  return (await eventsPerStream(url, "udp", () => new DtlsSession())).flat();
}

Deno.test("DtlsSession reads the hellos of testdata/dtls_handshakes.pcap as tshark does", {
  ignore: !(await hasTshark()),
}, async () => {
  const { rows } = await tsharkFields(CAPTURE, [
    "dtls.handshake.type",
    "dtls.handshake.extensions_server_name",
    "dtls.handshake.extensions_alpn_str",
    "dtls.handshake.ja3_full",
    "dtls.handshake.ja3s_full",
  ], {
    aggregator: "|",
    extraArgs: [
      "-d",
      "udp.port==4434,dtls",
      "-Y",
      "dtls.handshake.type == 1 || dtls.handshake.type == 2",
    ],
  });
  const expected = rows.map((row) =>
    row["dtls.handshake.type"]!.includes("1")
      ? [
        "client-hello",
        row["dtls.handshake.extensions_server_name"]![0],
        row["dtls.handshake.extensions_alpn_str"]!.join(","),
        row["dtls.handshake.ja3_full"]![0],
      ]
      : ["server-hello", row["dtls.handshake.ja3s_full"]![0]]
  );
  const actual = (await dtlsEventsOf(CAPTURE)).flatMap((e) =>
    e.type === "client-hello"
      ? [[e.type, e.hello.serverName, e.hello.alpn.join(","), e.ja3.full]]
      : e.type === "server-hello"
      ? [[e.type, e.ja3s.full]]
      : []
  );
  assert.equal(expected.length, 5);
  assert.deepEqual(actual, expected);
});

Deno.test("DtlsSession reads the cookie of a hello sent again after HelloVerifyRequest", async () => {
  const hellos = (await dtlsEventsOf(CAPTURE)).flatMap((e) =>
    e.type === "client-hello" ? [[e.hello.cookie.length, e.ja4.slice(0, 4)]] : []
  );
  assert.deepEqual(hellos, [[0, "dd2d"], [20, "dd2d"], [0, "dd1i"], [20, "dd1i"]]);
});

Deno.test("DtlsSession puts a hello together from fragments in any order, once", async () => {
  const datagrams = await payloadsOf(CAPTURE, "udp");
  // The first datagram is one record holding the whole first ClientHello.
  const whole = datagrams[0]!;
  const message = whole.subarray(13 + 12);
  const length = message.length;
  const fragment = (offset: number, end: number) => {
    const body = message.subarray(offset, end);
    const header = [
      ...whole.subarray(13, 13 + 6), // type, length, message sequence
      offset >> 16,
      (offset >> 8) & 0xff,
      offset & 0xff,
      body.length >> 16,
      (body.length >> 8) & 0xff,
      body.length & 0xff,
    ];
    const record = [
      ...whole.subarray(0, 11),
      (header.length + body.length) >> 8,
      (header.length + body.length) & 0xff,
    ];
    return new Uint8Array([...record, ...header, ...body]);
  };
  const third = Math.floor(length / 3);
  const session = new DtlsSession();
  const pieces = [fragment(2 * third, length), fragment(0, third + 10), fragment(third, 2 * third)];
  const events = pieces.flatMap((piece) => session.push("client", piece));
  const reference = new DtlsSession().push("client", whole);
  assert.equal(events.length, 1);
  assert.equal(
    events[0]?.type === "client-hello" && events[0].ja3.full,
    reference[0]?.type === "client-hello" && reference[0].ja3.full,
  );
  assert.deepEqual(session.push("client", whole), []);
});

Deno.test("DtlsSession never throws on random and mutated datagrams", async () => {
  let seed = 11;
  const random = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
  const datagrams = await payloadsOf(CAPTURE, "udp");
  for (let i = 0; i < 3000; i++) {
    const session = new DtlsSession({ maxHandshakeMessage: 4096 });
    const bytes = datagrams[i % datagrams.length]!.slice();
    for (let f = 0; f < 3; f++) bytes[Math.floor(random() * bytes.length)] = random() * 256;
    session.push(i % 2 === 0 ? "client" : "server", bytes);
  }
});
