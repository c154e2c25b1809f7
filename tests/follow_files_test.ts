// Tests of FlowFileWriter: what lands in each file when bytes come in order, after gaps
// small and large, in chunks larger than what it gathers, from more long streams than it
// keeps files open for, and for UDP streams.

import assert from "node:assert/strict";
import { FlowFileWriter } from "../lib/reassembly/follow_files.ts";
import type { StreamInfo, StreamProtocol } from "../lib/reassembly/stream_types.ts";
import { withTempDir } from "./_temp_dir.ts";

function stream(index: number, protocol: StreamProtocol = "tcp"): StreamInfo {
  return {
    protocol,
    index,
    ipVersion: 4,
    clientAddress: "10.0.0.1",
    clientPort: 1000 + index,
    serverAddress: "10.0.0.2",
    serverPort: 80,
    firstSeen: 0,
  };
}

function bytes(length: number, seed: number): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (i * 7 + seed) & 0xff);
}

Deno.test({
  name: "FlowFileWriter leaves zeros where gaps were, whatever their size",
  permissions: { read: true, write: true },
  async fn() {
    await withTempDir(async (dir) => {
      const writer = new FlowFileWriter(dir);
      const s = stream(0);
      const big = bytes(300_000, 3);
      const expected = new Uint8Array(10 + 5 + 20 + 200_000 + 7 + big.length);
      let offset = 10; // a gap before the first bytes
      for (const [gap, chunk] of [[0, bytes(5, 1)], [20, bytes(7, 2)], [0, big]] as const) {
        offset += gap;
        if (gap === 20) offset += 200_000 - 20; // a gap larger than what is gathered
        writer.data(s, 0, chunk, offset);
        expected.set(chunk, offset);
        offset += chunk.length;
      }
      writer.data(s, 1, bytes(3, 9), 0);
      writer.closed(s, "fin");
      await writer.close();
      const name = "010.000.000.001.01000-010.000.000.002.00080";
      assert.deepEqual(Deno.readFileSync(`${dir}/${name}`), expected.subarray(0, offset));
      assert.deepEqual(
        Deno.readFileSync(`${dir}/010.000.000.002.00080-010.000.000.001.01000`),
        bytes(3, 9),
      );
      assert.deepEqual(writer.files.map((file) => file.bytes), [offset, 3]);
    });
  },
});

Deno.test({
  name: "FlowFileWriter writes more long streams at once than it keeps files open",
  permissions: { read: true, write: true },
  async fn() {
    await withTempDir(async (dir) => {
      const writer = new FlowFileWriter(dir);
      const streams = Array.from({ length: 300 }, (_, i) => stream(i));
      const contents = streams.map((_, i) => bytes(205_000, i));
      // 300 streams of 205,000 bytes in 1000-byte chunks, interleaved: each passes the 128
      // KiB gathered, so each needs an open file while 299 others do too.
      for (let at = 0; at < 205_000; at += 1000) {
        for (const [i, s] of streams.entries()) {
          writer.data(s, 0, contents[i]!.subarray(at, at + 1000), at);
        }
      }
      await writer.close();
      for (const [i, s] of streams.entries()) {
        const port = String(s.clientPort).padStart(5, "0");
        const content = Deno.readFileSync(`${dir}/010.000.000.001.${port}-010.000.000.002.00080`);
        assert.deepEqual(content, contents[i]);
      }
    });
  },
});

Deno.test({
  name: "FlowFileWriter names UDP files udp-SENDER-RECEIVER and writes the protocols asked",
  permissions: { read: true, write: true },
  async fn() {
    await withTempDir(async (dir) => {
      const both = new FlowFileWriter(dir);
      const udp = stream(0, "udp");
      both.data(udp, 0, bytes(4, 1), 0);
      both.data(udp, 0, bytes(6, 2), 4);
      both.data(stream(0), 0, bytes(2, 3), 0);
      await both.close();
      const name = "010.000.000.001.01000-010.000.000.002.00080";
      assert.deepEqual(
        Deno.readFileSync(`${dir}/udp-${name}`),
        Uint8Array.from([...bytes(4, 1), ...bytes(6, 2)]),
      );
      assert.deepEqual(Deno.readFileSync(`${dir}/${name}`), bytes(2, 3));
      const tcpOnly = new FlowFileWriter(`${dir}`, { protocols: ["tcp"] });
      tcpOnly.data(stream(1, "udp"), 0, bytes(4, 1), 0);
      await tcpOnly.close();
      assert.deepEqual(tcpOnly.files, []);
    });
  },
});

Deno.test({
  name: "FlowFileWriter.close() rejects with the first file it cannot write",
  permissions: { read: true, write: true },
  async fn() {
    await withTempDir(async (dir) => {
      const writer = new FlowFileWriter(`${dir}/missing`);
      writer.data(stream(0), 0, bytes(4, 1), 0);
      const name = "010.000.000.001.01000-010.000.000.002.00080";
      await assert.rejects(writer.close(), (error: Error) => {
        assert.ok(error.message.startsWith(`Cannot write ${dir}/missing/${name}: No such file`));
        return true;
      });
    });
  },
});
