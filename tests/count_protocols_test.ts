import assert from "node:assert/strict";
import { countProtocols } from "../lib/stats/count_protocols.ts";
import { summarizeCapture } from "../lib/stats/capture_summary.ts";
import { pcapBytes } from "../lib/formats/pcap.ts";
import { pcapngBytes } from "../lib/formats/pcapng.ts";
import { CaptureFileError } from "../lib/formats/errors.ts";
import { defaultRegistry, Registry } from "../lib/registry.ts";
import { LayerBase, type LayerDecoder } from "../lib/layer.ts";
import type { LayerKind } from "../lib/layer_map.ts";
import { DecodeError } from "../lib/errors.ts";
import { decodeHex as bytes } from "../lib/_hex.ts";
import { runScript } from "./_shared.ts";

const SCRIPT = "scripts/count_protocols.ts";

// Ethernet, IPv4 10.0.0.1 > 10.0.0.2, UDP 12345 > 53 with an 12-byte DNS query header.
const DNS_FRAME = bytes(`
  020000000002 020000000001 0800
  4500 0028 0001 0000 4011 66a4 0a00 0001 0a00 0002
  3039 0035 0014 0000
  1234 0100 0001 0000 0000 0000
`);
// Ethernet, VLAN 5, ARP request.
const VLAN_ARP_FRAME = bytes(`
  ffffffffffff 020000000001 8100 0005 0806
  0001 0800 0604 0001 020000000001 0a000001 000000000000 0a000002
`);
// Ethernet, IPv4 in IPv4 (protocol 4), the inner header cut after 10 bytes.
const TRUNCATED_FRAME = bytes(`
  020000000002 020000000001 0800
  4500 001e 0001 0000 4004 66ae 0a00 0001 0a00 0002
  4500 001e 0001 0000 4011
`);
// Ethernet, IPv4 with a header length of 16 bytes: malformed.
const BAD_IPV4_FRAME = bytes(`
  020000000002 020000000001 0800
  4400 001e 0001 0000 4011 66ae 0a00 0001 0a00 0002
`);

const FRAMES = [DNS_FRAME, VLAN_ARP_FRAME, TRUNCATED_FRAME, BAD_IPV4_FRAME, DNS_FRAME];

function capture(frames: Uint8Array[]): ReadableStream<Uint8Array> {
  const packets = frames.map((data, i) => ({ timestamp: BigInt(i) * 1000n, data }));
  return ReadableStream.from([pcapBytes(packets)]);
}

Deno.test("countProtocols() counts each protocol once per packet, to layer 4", async () => {
  const counts = await countProtocols(capture(FRAMES));
  assert.equal(counts.packets, 5);
  assert.deepEqual(counts.protocols, { ethernet: 5, ipv4: 3, udp: 2, vlan: 1, arp: 1 });
  assert.deepEqual(counts.decodeErrors, { truncated: 1, malformed: 1 });
});

Deno.test("countProtocols() agrees with pcapinfo's statistics below layer 5", async () => {
  const counts = await countProtocols(capture(FRAMES));
  const summary = await summarizeCapture(capture(FRAMES));
  const { dns, ...transport } = summary.protocols;
  assert.equal(dns, 2);
  assert.deepEqual(counts.protocols, transport);
  assert.deepEqual(counts.decodeErrors, summary.decodeErrors);
});

Deno.test("countProtocols() decodes past layer 4 with a registry that says so", async () => {
  const counts = await countProtocols(capture([DNS_FRAME]), { registry: defaultRegistry });
  assert.equal(counts.protocols.dns, 1);
});

Deno.test("countProtocols() reads pcapng files of several link types", async () => {
  const bytesOf = pcapngBytes({
    interfaces: [{ linkType: 1 }, { linkType: 101 }],
    packets: [
      { timestamp: 1n, data: DNS_FRAME },
      { timestamp: 2n, interfaceId: 1, data: DNS_FRAME.subarray(14) },
    ],
  });
  const counts = await countProtocols(ReadableStream.from([bytesOf]));
  assert.deepEqual(counts.protocols, { ethernet: 1, ipv4: 2, udp: 2 });
});

Deno.test("countProtocols() rejects a file that is not a capture", async () => {
  const text = ReadableStream.from([new TextEncoder().encode("not a capture file")]);
  await assert.rejects(countProtocols(text), CaptureFileError);
});

Deno.test("count_protocols.ts prints one JSON object per file", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const file = `${dir}/a.pcap`;
    await Deno.writeFile(file, pcapBytes([{ timestamp: 0n, data: DNS_FRAME }]));
    const { code, stdout } = runScript(SCRIPT, [file, file]);
    assert.equal(code, 0);
    const lines = stdout.trim().split("\n").map((line) => JSON.parse(line));
    assert.equal(lines.length, 2);
    assert.deepEqual(lines[0], {
      packets: 1,
      protocols: { ethernet: 1, ipv4: 1, udp: 1 },
      decodeErrors: { truncated: 0, malformed: 0 },
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("count_protocols.ts reports a missing file and a bad flag in one line", () => {
  const missing = runScript(SCRIPT, ["/nonexistent.pcap"]);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /^Cannot read \/nonexistent\.pcap: .+\n$/);
  const flag = runScript(SCRIPT, ["--bogus", "a.pcap"]);
  assert.equal(flag.code, 2);
  assert.doesNotMatch(flag.stderr, /\n\s+at /);
  assert.match(flag.stderr, /^Cannot parse arguments: .*--bogus/);
});

/**
 * A registry of made-up kinds `kind0`, `kind1`...: each header is one byte, the index of
 * the kind that follows (255: none). Packets start with `kind0`.
 */
function byteChainRegistry(kinds: number): Registry {
  const decoders: LayerDecoder[] = [];
  class Chain extends LayerBase {
    readonly kind: LayerKind;
    constructor(index: number) {
      super();
      this.kind = `kind${index}` as LayerKind;
    }
    decodeFrom(data: Uint8Array, offset: number, end: number): DecodeError | undefined {
      if (offset >= end) return DecodeError.truncated(this.kind, offset, 1, 0);
      this.data = data;
      this.offset = offset;
      this.headerLength = 1;
      this.end = end;
      return undefined;
    }
    nextDecoder(): LayerDecoder | undefined {
      return decoders[this.data[this.offset]!];
    }
    toJSON(): Record<string, unknown> {
      return {};
    }
  }
  for (let i = 0; i < kinds; i++) {
    decoders.push({ kind: `kind${i}` as LayerKind, create: () => new Chain(i) as never });
  }
  const registry = new Registry();
  registry.linkTypes.set(1, decoders[0]!);
  return registry;
}

Deno.test("countProtocols() counts more kinds than its first table holds", async () => {
  const KINDS = 20;
  const chain = Array.from({ length: KINDS }, (_, i) => i + 1);
  chain[KINDS - 1] = 255;
  const counts = await countProtocols(
    capture([new Uint8Array(chain), new Uint8Array([1, 2, 3])]),
    { registry: byteChainRegistry(KINDS) },
  );
  assert.equal(Object.keys(counts.protocols).length, KINDS);
  assert.equal(counts.protocols.kind0, 2);
  assert.equal(counts.protocols.kind2, 2);
  assert.equal(counts.protocols.kind3, 1);
  assert.equal(counts.protocols.kind19, 1);
  assert.deepEqual(counts.decodeErrors, { truncated: 1, malformed: 0 });
});

Deno.test("countProtocols() counts many protocols that take turns at one depth", async () => {
  // Twelve kinds after kind0, more than LayerParser remembers per depth, in turns.
  const frames: Uint8Array[] = [];
  for (let round = 0; round < 3; round++) {
    for (let k = 1; k <= 12; k++) frames.push(new Uint8Array([(k * 5) % 12 + 1, 255]));
  }
  const counts = await countProtocols(capture(frames), { registry: byteChainRegistry(13) });
  const expected: Record<string, number> = { kind0: 36 };
  for (let k = 1; k <= 12; k++) expected[`kind${k}`] = 3;
  assert.deepEqual(counts.protocols, expected);
});
