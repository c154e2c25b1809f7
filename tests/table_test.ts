/**
 * The `packets` table builder on crafted packets (every column of a Q-in-Q TCP segment,
 * times past 2^53 nanoseconds, tables split in chunks), and the import graph: `mod.ts`
 * pulls no npm package, the table modules pull Arrow and Parquet but not DuckDB.
 */

import assert from "node:assert/strict";
import { buildEthernet, buildIpv4, buildTcp } from "../lib/craft/mod.ts";
import { PacketParser } from "../lib/decode.ts";
import { CaptureBatch } from "../lib/formats/capture_reader.ts";
import { type ColumnarTable, columnValue } from "../lib/table/columnar_table.ts";
import { PACKET_CHUNK_ROWS, PacketTableBuilder } from "../lib/table/packet_table_builder.ts";
import { formatResult } from "../lib/table/format_result.ts";
import { projectRoot } from "./_shared.ts";

function row(table: ColumnarTable, i: number): Record<string, unknown> {
  return Object.fromEntries(
    table.schema.columns.map((column, k) => [column.name, columnValue(table.columns[k]!, i)]),
  );
}

/** A batch of copies of one frame, all at the same time. */
function batchOf(frame: Uint8Array, count: number, seconds: number, nanoseconds: number) {
  const batch = new CaptureBatch(count);
  batch.buffer = frame;
  batch.count = count;
  batch.capturedLengths.fill(frame.length);
  batch.originalLengths.fill(frame.length + 10);
  batch.linkTypes.fill(1);
  batch.seconds.fill(seconds);
  batch.nanoseconds.fill(nanoseconds);
  return batch;
}

const segment = buildTcp({
  source: "192.0.2.1",
  destination: "198.51.100.7",
  sourcePort: 40000,
  destinationPort: 443,
  sequence: 0xfffffff0,
  acknowledgment: 7,
  flags: { syn: true, ack: true },
  window: 65535,
  payload: new Uint8Array(11),
});
const frame = buildEthernet({
  source: "02:00:00:00:00:01",
  destination: "02:00:00:00:00:02",
  vlan: [{ id: 100 }, { id: 200 }],
  etherType: 0x0800,
  payload: buildIpv4({
    source: "192.0.2.1",
    destination: "198.51.100.7",
    protocol: 6,
    ttl: 63,
    identification: 0xbeef,
    dontFragment: true,
    payload: segment,
  }),
});

Deno.test("PacketTableBuilder fills every column of a Q-in-Q TCP segment", () => {
  const parser = new PacketParser();
  const builder = new PacketTableBuilder("a,b.pcap");
  const batch = batchOf(frame, 1, 4_102_444_800, 999_999_999);
  parser.parse(1, frame);
  builder.add(parser, batch, 0);
  const [table] = builder.finish();
  const values = row(table!, 0);
  assert.deepEqual(values, {
    file: "a,b.pcap",
    frame: 1n,
    time: 4_102_444_800_999_999n,
    time_ns: 4_102_444_800_999_999_999n,
    interface_id: 0,
    captured_length: frame.length,
    original_length: frame.length + 10,
    link_type: 1,
    protocols: "ethernet:vlan:vlan:ipv4:tcp",
    decode_error: null,
    eth_src: "02:00:00:00:00:01",
    eth_dst: "02:00:00:00:00:02",
    vlan_id: 100,
    vlan_inner_id: 200,
    ip_version: 4,
    ip_src: "192.0.2.1",
    ip_dst: "198.51.100.7",
    ip_protocol: 6,
    ip_ttl: 63,
    ip_id: 0xbeef,
    ip_dont_fragment: true,
    ip_more_fragments: false,
    ip_fragment_offset: 0,
    src_port: 40000,
    dst_port: 443,
    tcp_flags: 0x12,
    tcp_seq: 0xfffffff0n,
    tcp_ack: 7n,
    tcp_window: 65535,
    payload_length: 11,
    dns_query_name: null,
    dns_query_type: null,
    dns_response: null,
    dns_rcode: null,
    http_host: null,
    http_method: null,
    http_uri: null,
    http_status: null,
    tls_server_name: null,
    tls_alpn: null,
    tls_ja3: null,
    tls_ja4: null,
  });
});

Deno.test("PacketTableBuilder splits many rows into chunks and numbers frames across them", () => {
  const parser = new PacketParser();
  const builder = new PacketTableBuilder("x.pcap");
  const count = PACKET_CHUNK_ROWS + 5;
  const batch = batchOf(frame, count, 1_700_000_000, 5);
  for (let i = 0; i < count; i++) {
    parser.parse(1, frame);
    builder.add(parser, batch, i);
  }
  const chunks = builder.finish();
  assert.deepEqual(chunks.map((chunk) => chunk.length), [PACKET_CHUNK_ROWS, 5]);
  assert.equal(row(chunks[1]!, 4).frame, BigInt(count));
  assert.equal(row(chunks[1]!, 4).ip_src, "192.0.2.1");
  assert.equal(row(chunks[0]!, 0).time_ns, 1_700_000_000_000_000_005n);
});

async function npmPackages(module: string): Promise<string[]> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["info", "--json", module],
    cwd: projectRoot.pathname,
    stdout: "piped",
    stderr: "null",
  }).output();
  assert.equal(out.code, 0);
  const info = JSON.parse(new TextDecoder().decode(out.stdout));
  const found = new Set<string>();
  for (const m of info.modules as { dependencies?: { specifier: string }[] }[]) {
    for (const { specifier } of m.dependencies ?? []) {
      const name = /^npm:\/?(@?[^@/]+(?:\/[^@/]+)?)/.exec(specifier)?.[1];
      if (name !== undefined) found.add(name);
    }
  }
  return [...found].sort();
}

Deno.test({
  name: "mod.ts pulls no npm package but xz-decompress; lib/table pulls Arrow and Parquet only",
  permissions: { read: true, run: true, env: true },
  async fn() {
    const core = await npmPackages("mod.ts");
    assert.ok(core.every((name) => name === "xz-decompress"), core.join(", "));
    const table = await npmPackages("lib/table/mod.ts");
    assert.ok(table.some((name) => name.startsWith("apache-arrow")), table.join(", "));
    assert.ok(table.some((name) => name.startsWith("parquet-wasm")), table.join(", "));
    assert.ok(!table.some((name) => name.includes("duckdb")), table.join(", "));
    const query = await npmPackages("lib/table/capture_database.ts");
    assert.ok(query.some((name) => name.includes("duckdb")), query.join(", "));
  },
});

Deno.test("formatResult() aligns a result of 200,000 rows", () => {
  const rows = Array.from({ length: 200_000 }, (_, i) => [`10.0.0.${i % 256}`, i]);
  const lines = formatResult({ columns: ["address", "n"], rows }, "table").split("\n");
  assert.equal(lines.length, 200_002);
  assert.equal(lines[0], "address          n");
  assert.equal(lines[200_000], "10.0.0.63   199999");
});
