/**
 * The application columns of the `packets` table (HTTP host/method/URI/status, TLS server
 * name/ALPN/JA3/JA4) against tshark's fields on the same frames.
 *
 * Exceptions, with reasons:
 * - http_sessions.pcap frames 195 and 196: a response that ends when the server closes the
 *   connection is whole, for wirekit's stream reassembly, when the stream closes (the
 *   client's FIN, frame 196), not at the server's FIN (frame 195) as for tshark.
 * - http_sessions.pcap frame 254 completes the response to a pipelined HEAD request (no
 *   body, whatever its Content-Length says); tshark 4.0 reads the next response as its
 *   body and has no status on frame 254.
 * - JA3 and JA4 are not compared: tshark 4.0 has neither field (both come in 4.2 and
 *   later); `tls_fingerprint_test.ts` checks them.
 *
 * @module
 */

import assert from "node:assert/strict";
import { type ColumnarTable, columnValue } from "../lib/table/columnar_table.ts";
import { packetChunks, readCaptureTables } from "../lib/table/capture_tables.ts";
import { PACKET_SCHEMA } from "../lib/table/packet_schema.ts";
import { hasTshark, tsharkFields } from "./_tshark.ts";
import { testdataDir } from "./_shared.ts";

/** The table's column, and the tshark fields that hold the same value. */
const FIELDS: readonly [string, string[]][] = [
  ["http_host", ["http.host"]],
  ["http_method", ["http.request.method"]],
  ["http_uri", ["http.request.uri"]],
  ["http_status", ["http.response.code"]],
  ["tls_server_name", [
    "tls.handshake.extensions_server_name",
    "dtls.handshake.extensions_server_name",
  ]],
  ["tls_alpn", ["tls.handshake.extensions_alpn_str", "dtls.handshake.extensions_alpn_str"]],
];
const HANDSHAKE_TYPES = ["tls.handshake.type", "dtls.handshake.type"];

/** Values that differ from tshark's, by file, frame and column (see the reasons above). */
const EXCEPTIONS: Record<string, Record<number, Record<string, string[]>>> = {
  "http_sessions.pcap": {
    195: { http_status: [] },
    196: { http_status: ["200"] },
    254: { http_status: ["200"] },
  },
};

async function packetRows(file: string): Promise<Record<string, unknown>[]> {
  const chunks: ColumnarTable[] = [];
  for await (const chunk of packetChunks(file)) chunks.push(chunk);
  return tableRows(chunks);
}

function tableRows(chunks: readonly ColumnarTable[]): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  for (const chunk of chunks) {
    for (let r = 0; r < chunk.length; r++) {
      const row: Record<string, unknown> = {};
      PACKET_SCHEMA.columns.forEach((column, c) => {
        row[column.name] = columnValue(chunk.columns[c]!, r);
      });
      rows.push(row);
    }
  }
  return rows;
}

async function compareWithTshark(name: string, expected: Record<string, number>): Promise<void> {
  const file = new URL(name, testdataDir).pathname;
  const rows = await packetRows(file);
  const fields = [...FIELDS.flatMap(([, names]) => names), ...HANDSHAKE_TYPES];
  const tshark = await tsharkFields(file, fields);
  assert.ok(tshark.success, tshark.stderr);
  assert.equal(rows.length, tshark.rows.length);
  const seen: Record<string, number> = {};
  for (const [column] of FIELDS) if (column in expected) seen[column] = 0;
  rows.forEach((row, i) => {
    const theirs = tshark.rows[i]!;
    const clientHello = HANDSHAKE_TYPES.some((type) => theirs[type]!.includes("1"));
    for (const [column, names] of FIELDS) {
      const value = row[column];
      const ours = value === null ? [] : String(value).split(",");
      const expected = EXCEPTIONS[name]?.[i + 1]?.[column] ??
        names.flatMap((field) => theirs[field]!);
      assert.deepEqual(ours, expected, `${name} frame ${i + 1}: ${column}`);
      if (value !== null) seen[column] = (seen[column] ?? 0) + 1;
    }
    // JA3 and JA4 are on exactly the frames that complete a ClientHello.
    assert.equal(row.tls_ja3 !== null, clientHello, `${name} frame ${i + 1}: tls_ja3`);
    assert.equal(row.tls_ja4 !== null, clientHello, `${name} frame ${i + 1}: tls_ja4`);
  });
  assert.deepEqual(seen, expected);
}

Deno.test({
  name: "packetChunks() puts HTTP fields on the frames tshark puts them on",
  ignore: !(await hasTshark()),
  fn: () =>
    compareWithTshark("http_sessions.pcap", {
      http_host: 13,
      http_method: 13,
      http_uri: 13,
      http_status: 14,
    }),
});

Deno.test({
  name: "packetChunks() puts TLS fields on the frames tshark puts them on",
  ignore: !(await hasTshark()),
  fn: () => compareWithTshark("tls_handshakes.pcap", { tls_server_name: 3, tls_alpn: 5 }),
});

Deno.test({
  name: "packetChunks() puts QUIC and DTLS fields on the frames tshark puts them on",
  ignore: !(await hasTshark()),
  fn: async () => {
    await compareWithTshark("deno_quic.pcap", { tls_server_name: 2, tls_alpn: 2 });
    await compareWithTshark("dtls_handshakes.pcap", { tls_server_name: 2, tls_alpn: 3 });
    await compareWithTshark("deno_tls.pcap", { tls_server_name: 4, tls_alpn: 6 });
  },
});

Deno.test("readCaptureTables() fills the application columns as packetChunks() does", async () => {
  const file = new URL("http_sessions.pcap", testdataDir).pathname;
  const tables = await readCaptureTables(file, { partition: "hour" });
  const rows = tableRows([...tables.values()].flat());
  const streamed = await packetRows(file);
  const names = FIELDS.map(([column]) => column);
  const pick = (row: Record<string, unknown>) => names.map((name) => row[name]);
  assert.deepEqual(rows.map(pick), streamed.map(pick));
  assert.equal(rows.filter((row) => row.http_status !== null).length, 14);
});
