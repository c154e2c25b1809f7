// Tests of what FlowTable({ reassembly: true }) and scripts/flows.ts report of TCP stream
// reassembly: bytes delivered, gaps and retransmitted bytes, on crafted segments and
// against tshark's follow and tcp.analysis.retransmission on testdata/http_lossy.pcap.

import assert from "node:assert/strict";
import { FlowTable } from "../lib/stats/flows.ts";
import { PacketParser } from "../lib/decode.ts";
import { openCapture } from "../lib/formats/open_capture.ts";
import { buildEthernet, buildIpv4, buildTcp, buildUdp } from "../lib/craft/mod.ts";
import { hasTshark } from "./_tshark.ts";
import { runScript, testdataDir } from "./_shared.ts";

const MAC = { source: "02:00:00:00:00:01", destination: "02:00:00:00:00:02" };
const LOSSY = new URL("http_lossy.pcap", testdataDir).pathname;

function segment(sequence: number, text: string, syn = false): Uint8Array {
  const ends = { source: "10.0.0.1", destination: "10.0.0.2" };
  const tcp = buildTcp({
    ...ends,
    sourcePort: 40000,
    destinationPort: 80,
    sequence,
    flags: { syn, ack: !syn },
    payload: new TextEncoder().encode(text),
  });
  const ip = buildIpv4({ ...ends, protocol: 6, payload: tcp });
  return buildEthernet({ ...MAC, etherType: 0x0800, payload: ip });
}

function table(frames: readonly Uint8Array[]): FlowTable {
  const parser = new PacketParser();
  const flows = new FlowTable({ reassembly: true });
  frames.forEach((frame, i) => {
    parser.parse(1, frame);
    flows.add(parser, 100 + i, 0, frame.length);
  });
  return flows;
}

Deno.test("FlowTable({ reassembly: true }) counts delivered bytes, gaps and retransmissions", () => {
  const udp = buildEthernet({
    ...MAC,
    etherType: 0x0800,
    payload: buildIpv4({
      source: "10.0.0.1",
      destination: "10.0.0.2",
      protocol: 17,
      payload: buildUdp({
        source: "10.0.0.1",
        destination: "10.0.0.2",
        sourcePort: 5,
        destinationPort: 6,
      }),
    }),
  });
  const flows = table([
    segment(99, "", true),
    segment(100, "abcd"),
    segment(100, "abcd"), // sent again: 4 retransmitted bytes, delivered once
    segment(103, "d"), // one byte just before the furthest: a keep-alive, no retransmission
    segment(110, "xyz"), // 6 bytes missing before it: a gap at the end
    udp,
  ]).result({ order: "first" }).flows;
  assert.deepEqual(flows[0]!.reassembly, {
    deliveredBytes: 7,
    gaps: 1,
    gapBytes: 6,
    retransmittedBytes: 4,
  });
  assert.equal(flows[1]!.reassembly, undefined);
  assert.equal(new FlowTable().result().flows.length, 0);
});

Deno.test({
  name: "FlowTable({ reassembly: true }) agrees with tshark's follow and retransmissions",
  ignore: !(await hasTshark()),
  permissions: { read: true, run: ["tshark"] },
  async fn() {
    const parser = new PacketParser();
    const flows = new FlowTable({ reassembly: true });
    await using reader = await openCapture(LOSSY);
    for await (const record of reader) {
      parser.parse(record.linkType, record.data);
      const seconds = Number(record.timestamp / 1_000_000_000n);
      flows.add(parser, seconds, Number(record.timestamp % 1_000_000_000n), record.originalLength);
    }
    // Only TCP in this capture: in the order they began, the flows are tcp.stream 0, 1...
    const found = flows.result({ order: "first" }).flows.map((flow) => flow.reassembly!);
    const tshark = async (args: string[]) =>
      new TextDecoder().decode(
        (await new Deno.Command("tshark", { args, stdout: "piped", stderr: "null" }).output())
          .stdout,
      );
    const retransmitted = found.map(() => 0);
    const fields = await tshark([
      "-r",
      LOSSY,
      "-Y",
      "tcp.analysis.retransmission",
      "-T",
      "fields",
      "-e",
      "tcp.stream",
      "-e",
      "tcp.len",
    ]);
    for (const line of fields.trim().split("\n")) {
      const [stream, length] = line.split("\t").map(Number);
      retransmitted[stream!]! += length!;
    }
    assert.deepEqual(found.map((flow) => flow.retransmittedBytes), retransmitted);
    assert.ok(retransmitted.some((bytes) => bytes > 0), "no retransmission in the capture");
    for (const [stream, flow] of found.entries()) {
      const text = await tshark(["-q", "-r", LOSSY, "-z", `follow,tcp,raw,${stream}`]);
      const hex = text.split("\n").filter((line) => /^\t?[0-9a-f]+$/.test(line)).join("");
      assert.equal(flow.deliveredBytes, hex.replaceAll("\t", "").length / 2, `stream ${stream}`);
      assert.equal(flow.gaps, 0);
    }
  },
});

Deno.test({
  name: "scripts/flows.ts prints the reassembly columns and JSON",
  permissions: { read: true, run: true },
  fn() {
    const text = runScript("scripts/flows.ts", ["testdata/http_lossy.pcap"]);
    assert.equal(text.code, 0, text.stderr);
    const lines = text.stdout.split("\n");
    assert.match(lines[1]!, / Duration +Delivered +Gaps +Gap bytes +Retrans bytes +TCP$/);
    assert.match(lines[2]!, / 98590 +0 +0 +5792 +SYN SYN-ACK FIN-A FIN-B$/);
    const json = runScript("scripts/flows.ts", ["--json", "-n", "1", "testdata/http_lossy.pcap"]);
    assert.deepEqual(JSON.parse(json.stdout).reassembly, {
      deliveredBytes: 98590,
      gaps: 0,
      gapBytes: 0,
      retransmittedBytes: 5792,
    });
  },
});
