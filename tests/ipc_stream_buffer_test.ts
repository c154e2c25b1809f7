import assert from "node:assert/strict";
import { tableToIPC } from "npm:apache-arrow@21.2.0";
import { IpcStreamBuffer } from "../lib/table/_ipc_stream_buffer.ts";
import { toArrowTable } from "../lib/table/arrow.ts";
import { readCaptureTables } from "../lib/table/capture_tables.ts";
import { PACKET_SCHEMA } from "../lib/table/packet_schema.ts";

const testdata = new URL("../testdata/", import.meta.url).pathname;

Deno.test({
  name: "IpcStreamBuffer.encode() gives tableToIPC()'s stream bytes, table after table",
  permissions: { read: [testdata] },
  fn: async () => {
    const ipc = new IpcStreamBuffer();
    const tables = [
      ...(await readCaptureTables(`${testdata}namespaces.pcap`)).get("")!,
      ...(await readCaptureTables(`${testdata}namespaces.pcap`, { name: "a longer name" })).get(
        "",
      )!,
      ...(await readCaptureTables(`${testdata}namespaces.pcap`)).get("")!,
    ];
    assert.equal(tables.length, 3);
    for (const table of tables) {
      const arrow = toArrowTable(PACKET_SCHEMA, [table]);
      assert.deepEqual(ipc.encode(arrow), tableToIPC(arrow, "stream"));
    }
    // Past the first megabyte the buffer grows; a smaller table after it reuses it.
    const large = toArrowTable(PACKET_SCHEMA, Array(2000).fill(tables[0]!));
    const bytes = ipc.encode(large);
    assert.ok(bytes.length > 1 << 20);
    assert.deepEqual(bytes, tableToIPC(large, "stream"));
    const empty = toArrowTable(PACKET_SCHEMA, []);
    assert.deepEqual(ipc.encode(empty), tableToIPC(empty, "stream"));
  },
});
