import assert from "node:assert/strict";
import { hasTshark, tsharkFields } from "./_tshark.ts";
import { sharedCaptures } from "./_shared.ts";
import type { AppRecord } from "../lib/app/app_sessions.ts";

const SCRIPT = new URL("../scripts/sessions.ts", import.meta.url).pathname;
const testdata = (name: string) => new URL(`../testdata/${name}`, import.meta.url).pathname;

async function sessions(
  args: string[],
  permissions = ["--allow-read"],
): Promise<{ code: number; stdout: string; stderr: string }> {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--no-prompt", ...permissions, SCRIPT, ...args],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decoder = new TextDecoder();
  return {
    code: output.code,
    stdout: decoder.decode(output.stdout),
    stderr: decoder.decode(output.stderr),
  };
}

async function records(args: string[]): Promise<AppRecord[]> {
  const { code, stdout, stderr } = await sessions(["--json", ...args]);
  assert.equal(code, 0, stderr);
  return stdout.trim().split("\n").filter((l) => l !== "").map((l) => JSON.parse(l));
}

Deno.test("sessions.ts lists the HTTP exchanges of testdata/http_sessions.pcap", async () => {
  const http = await records([testdata("http_sessions.pcap")]);
  assert.deepEqual(
    http.map((r) => [r.protocol, r.method, r.uri, r.status]),
    [
      ["http", "GET", "/plain", 200],
      ["http", "GET", "/gzip", 200],
      ["http", "GET", "/deflate", 200],
      ["http", "GET", "/chunked-br", 200],
      ["http", "HEAD", "/plain", 200],
      ["http", "GET", "/empty", 204],
      ["http", "GET", "/cached", 304],
      ["http", "POST", "/upload", 200],
      ["http", "GET", "/old", 200],
      ["http", "GET", "/close", 200],
      ["http", "GET", "/pipe-1", 200],
      ["http", "HEAD", "/pipe-2", 200],
      ["http", "GET", "/pipe-3", 200],
    ],
  );
  assert.equal(http[0]?.responseBytes, 7690);
  assert.equal(http[0]?.host, "10.79.0.1:8080");
});

Deno.test(
  "sessions.ts reports the TLS handshakes of testdata/tls_handshakes.pcap as tshark reads them",
  {
    ignore: !(await hasTshark()),
  },
  async () => {
    const file = testdata("tls_handshakes.pcap");
    const { rows } = await tsharkFields(file, [
      "tcp.stream",
      "tls.handshake.extensions_server_name",
      "tls.handshake.ja3",
      "tls.handshake.ja3s",
      "tls.handshake.ciphersuite",
    ], {
      aggregator: "|",
      extraArgs: ["-Y", "tls.handshake.type == 1 || tls.handshake.type == 2"],
    });
    const expected = new Map<number, Partial<AppRecord>>();
    for (const row of rows) {
      const stream = Number(row["tcp.stream"]![0]);
      const entry = expected.get(stream) ?? { stream };
      if (row["tls.handshake.ja3"]!.length > 0) {
        entry.ja3 = row["tls.handshake.ja3"]![0]!;
        const sni = row["tls.handshake.extensions_server_name"]![0];
        if (sni !== undefined) entry.sni = sni;
      } else {
        entry.ja3s = row["tls.handshake.ja3s"]![0]!;
        entry.cipher = `0x${
          Number(row["tls.handshake.ciphersuite"]![0]).toString(16).padStart(4, "0")
        }`;
      }
      expected.set(stream, entry);
    }
    const actual = (await records([file])).map((r) => ({
      stream: r.stream,
      ja3: r.ja3,
      ...(r.sni === undefined ? {} : { sni: r.sni }),
      ja3s: r.ja3s,
      cipher: r.cipher,
    }));
    assert.equal(actual.length, 5);
    assert.deepEqual(actual, [...expected.values()]);
  },
);

Deno.test("sessions.ts reads QUIC, DTLS and DNS, and -p keeps one protocol", {
  ignore: sharedCaptures() === undefined,
}, async () => {
  const quic = new URL("tcpdump/quic_handshake.pcap", sharedCaptures()).pathname;
  const all = await records([quic, testdata("dtls_handshakes.pcap"), testdata("namespaces.pcap")]);
  assert.deepEqual(
    all.map((r) => [r.protocol, r.sni ?? r.name]),
    [["quic", "localhost"], ["dtls", "dtls.example.test"], ["dtls", undefined], [
      "dns",
      "example.com",
    ]],
  );
  const dns = await records([
    "-p",
    "dns",
    testdata("namespaces.pcap"),
    testdata("tls_handshakes.pcap"),
  ]);
  assert.deepEqual(dns.map((r) => [r.qtype, r.rcode, r.answers]), [["A", "NOERROR", [
    "10.77.0.53",
  ]]]);
});

Deno.test("sessions.ts prints one line per event, reassembling a lossy and reordered download", async () => {
  const { code, stdout } = await sessions([testdata("http_lossy_reordered.pcap")]);
  assert.equal(code, 0);
  const lines = stdout.trim().split("\n");
  assert.equal(lines.length, 2);
  for (const line of lines) {
    assert.match(
      line,
      /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6} http \S+ -> \S+ GET \S+ \/[ab]\.bin 200 /,
    );
  }
});

Deno.test("sessions.ts names bad input in one line", async () => {
  const unknown = await sessions(["-p", "smtp", testdata("namespaces.pcap")]);
  assert.equal(unknown.code, 2);
  assert.equal(
    unknown.stderr,
    "Unknown protocol for -p: smtp (one of http, tls, quic, dtls, dns)\n",
  );
  const missing = await sessions(["/nonexistent.pcap"]);
  assert.equal(missing.code, 1);
  assert.equal(missing.stderr.trim().split("\n").length, 1);
  assert.match(missing.stderr, /^Cannot read \/nonexistent\.pcap: /);
  const denied = await sessions([testdata("namespaces.pcap")], []);
  assert.notEqual(denied.code, 0);
  assert.match(denied.stderr, /--allow-read/);
  assert.doesNotMatch(denied.stderr, /at .*\.ts:\d+/);
});
