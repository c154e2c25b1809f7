import assert from "node:assert/strict";
import { TlsSession, type TlsSessionEvent } from "../lib/app/tls_session.ts";
import { decodeTlsClientHello, isGrease } from "../lib/app/tls_hello.ts";
import { TlsRecordReader } from "../lib/app/tls_records.ts";
import { describeCertificate } from "../lib/app/tls_certificate.ts";
import { hasTshark, tsharkFields } from "./_tshark.ts";
import { eventsPerStream, payloadsOf } from "./_app_streams.ts";

const CAPTURE = new URL("../testdata/tls_handshakes.pcap", import.meta.url);

/** The TLS events of each connection of a capture, in connection order. */
function sessionsOf(url: URL): Promise<TlsSessionEvent[][]> {
  return eventsPerStream(url, "tcp", () => new TlsSession());
}

Deno.test("TlsSession reads the handshakes of testdata/tls_handshakes.pcap as tshark does", {
  ignore: !(await hasTshark()),
}, async () => {
  const fields = [
    "tls.handshake.type",
    "tls.handshake.extensions_server_name",
    "tls.handshake.extensions_alpn_str",
    "tls.handshake.ja3_full",
    "tls.handshake.ja3",
    "tls.handshake.ja3s_full",
    "tls.handshake.ja3s",
    "tls.handshake.ciphersuite",
    "x509ce.dNSName",
  ];
  const { rows, success } = await tsharkFields(CAPTURE, fields, {
    aggregator: "|",
    extraArgs: [
      "-Y",
      "tls.handshake.type == 1 || tls.handshake.type == 2 || tls.handshake.type == 11",
    ],
  });
  assert.ok(success);
  const expected = rows.map((row) => {
    const types = row["tls.handshake.type"]!;
    if (types.includes("1")) {
      return {
        type: "client-hello",
        serverName: row["tls.handshake.extensions_server_name"]![0],
        alpn: row["tls.handshake.extensions_alpn_str"]!,
        ja3: row["tls.handshake.ja3_full"]![0],
        ja3Hash: row["tls.handshake.ja3"]![0],
      };
    }
    if (types.includes("2")) {
      return {
        type: "server-hello",
        cipher: Number(row["tls.handshake.ciphersuite"]![0]),
        ja3s: row["tls.handshake.ja3s_full"]![0],
        ja3sHash: row["tls.handshake.ja3s"]![0],
      };
    }
    return { type: "certificates", names: row["x509ce.dNSName"]! };
  });
  const actual = (await sessionsOf(CAPTURE)).flat().map((event) => {
    if (event.type === "client-hello") {
      return {
        type: event.type,
        serverName: event.hello.serverName,
        alpn: event.hello.alpn,
        ja3: event.ja3.full,
        ja3Hash: event.ja3.hash,
      };
    }
    if (event.type === "server-hello") {
      return {
        type: event.type,
        cipher: event.hello.cipherSuite,
        ja3s: event.ja3s.full,
        ja3sHash: event.ja3s.hash,
      };
    }
    if (event.type === "certificates") {
      const names = event.certificates.flatMap((c) => c?.subjectAltNames ?? [])
        .filter((name) => name.startsWith("DNS:")).map((name) => name.slice(4));
      return { type: event.type, names };
    }
    return event;
  });
  assert.equal(expected.length, 13);
  assert.deepEqual(actual, expected);
});

Deno.test("ja4() and ja4s() agree with FoxIO's reference on testdata/tls_handshakes.pcap", async () => {
  // Printed by FoxIO's python/ja4.py (github.com/FoxIO-LLC/ja4, 0e54bc8) for this capture.
  const reference = [
    ["t13d0412h2_16476d049b0b_85302d7e289e", "t130200_1302_a56c5b993250"],
    ["t12d2807h1_d943125447b4_a44c6288192a", "t120300_c02c_460f64128655"],
    ["t12i2806h2_d943125447b4_a44c6288192a", "t120300_c02c_460f64128655"],
    ["t13i0410h2_16476d049b0b_303c7117418d", "t130200_1302_a56c5b993250"],
    ["t12d0208xm_6d4732649639_e7e480e5a997", "t120400_c02b_12a20535f9be"],
  ];
  const actual = (await sessionsOf(CAPTURE)).map((events) =>
    events.flatMap((e) =>
      e.type === "client-hello" ? [e.ja4] : e.type === "server-hello" ? [e.ja4s] : []
    )
  );
  assert.deepEqual(actual, reference);
});

Deno.test("TlsSession reads the server's certificate in the clear under TLS 1.2 only", async () => {
  const sessions = await sessionsOf(CAPTURE);
  const withCertificates = sessions.map((events) => events.some((e) => e.type === "certificates"));
  // Connections 1 and 4 negotiate TLS 1.3, whose certificates are encrypted.
  assert.deepEqual(withCertificates, [false, true, true, false, true]);
  const certificate =
    sessions[1]!.flatMap((e) => e.type === "certificates" ? e.certificates : [])[0];
  assert.equal(certificate?.subject, "CN=tls.example.test\nO=wirekit testdata");
  assert.deepEqual(certificate?.subjectAltNames, [
    "DNS:tls.example.test",
    "DNS:www.tls.example.test",
    "IP Address:10.78.0.1",
  ]);
});

Deno.test("describeCertificate() gives undefined for a name that is not UTF-8", async () => {
  const sessions = await sessionsOf(CAPTURE);
  const der = sessions[1]!.flatMap((e) => e.type === "certificates" ? e.certificates : [])[0]!
    .der.slice();
  assert.equal(describeCertificate(der)?.subject, "CN=tls.example.test\nO=wirekit testdata");
  // The subject's O, a UTF8String, made invalid: Deno parses the certificate and throws
  // only when the subject is read.
  const text = new TextDecoder("latin1").decode(der);
  der[text.lastIndexOf("wirekit testdata") + 8] = 0xf4;
  assert.equal(describeCertificate(der), undefined);
});

Deno.test("decodeTlsClientHello() rejects a hello cut inside its cipher suites", () => {
  const body = new Uint8Array([3, 3, ...new Array(32).fill(0), 0, 0, 8, 0x13, 0x01]);
  assert.throws(() => decodeTlsClientHello(body), {
    name: "DecodeError",
    message: "Cannot decode TLS header: ClientHello ends inside its cipher suites",
  });
});

Deno.test("isGrease() accepts the sixteen GREASE values only", () => {
  const grease = [];
  for (let v = 0; v < 0x10000; v++) if (isGrease(v)) grease.push(v);
  assert.deepEqual(
    grease,
    Array.from({ length: 16 }, (_, i) => (i << 12) | 0x0a00 | (i << 4) | 0x0a),
  );
});

Deno.test("TlsRecordReader yields one error for bytes that are not TLS, then ignores them", () => {
  const reader = new TlsRecordReader();
  const events = reader.push(new TextEncoder().encode("GET / HTTP/1.1\r\n\r\n"));
  assert.deepEqual(events, [{
    type: "error",
    message: "Cannot read TLS record: content type 71 is not 20 to 24",
    offset: 0,
  }]);
  assert.deepEqual(reader.push(new Uint8Array([22, 3, 3, 0, 0])), []);
  assert.equal(reader.failed, true);
});

Deno.test("TlsRecordReader refuses a handshake message longer than its limit", () => {
  const reader = new TlsRecordReader({ maxHandshakeMessage: 1000 });
  const [event] = reader.push(new Uint8Array([22, 3, 3, 0, 4, 11, 0, 0x10, 0]));
  assert.equal(event?.type, "error");
  assert.equal(
    event?.type === "error" && event.message,
    "Cannot read TLS handshake message: 4096 bytes exceed the limit of 1000",
  );
});

Deno.test("TlsRecordReader refuses a record length past the TLS maximum with one error", () => {
  const reader = new TlsRecordReader();
  const events = reader.push(new Uint8Array([22, 3, 3, 0xff, 0xff, 1, 0, 0]));
  assert.deepEqual(events.map((e) => e.type), ["error"]);
  // Nothing of the direction is held after that.
  assert.deepEqual(reader.push(new Uint8Array(70_000)), []);
  assert.equal(reader.failed, true);
});

Deno.test("TlsSession reads a ClientHello split into one-byte segments as when whole", async () => {
  // The bytes the first connection's client sent, in order.
  const [chunks = []] = await eventsPerStream(CAPTURE, "tcp", () => ({
    push: (side, data) => side === "client" ? [data.slice()] : [],
  }));
  const stream = Uint8Array.from(chunks.flatMap((chunk) => [...chunk]));
  const whole = new TlsSession().push("client", stream);
  const split = new TlsSession();
  const bytewise = Array.from(stream, (_, i) => split.push("client", stream.subarray(i, i + 1)))
    .flat();
  const hellos = (events: TlsSessionEvent[]) =>
    events.flatMap((e) => e.type === "client-hello" ? [e.ja3.full, e.ja4] : []);
  assert.equal(hellos(whole).length, 2);
  assert.deepEqual(hellos(bytewise), hellos(whole));
});

Deno.test("TlsSession never throws on random and mutated handshakes", async () => {
  const sessions = await sessionsOf(CAPTURE);
  assert.equal(sessions.length, 5);
  // The recorded handshakes' first records, mutated byte by byte with a fixed generator.
  let seed = 1;
  const random = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
  const records = await payloadsOf(CAPTURE, "tcp");
  for (let i = 0; i < 5000; i++) {
    const bytes = records[i % records.length]!.slice();
    const flips = 1 + Math.floor(random() * 4);
    for (let f = 0; f < flips; f++) bytes[Math.floor(random() * bytes.length)] = random() * 256;
    const session = new TlsSession();
    const cut = Math.floor(random() * (bytes.length + 1));
    session.push(i % 2 === 0 ? "client" : "server", bytes.subarray(0, cut));
    session.push(i % 2 === 0 ? "client" : "server", bytes.subarray(cut));
  }
});
