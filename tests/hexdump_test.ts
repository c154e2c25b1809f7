import assert from "node:assert/strict";
import { hexdump } from "../lib/output/hexdump.ts";
import { pcapBytes } from "../lib/formats/pcap.ts";
import { decodeHex } from "../lib/_hex.ts";
import { hasCommand } from "./_shared.ts";

const LENGTHS = [1, 2, 3, 7, 15, 16, 17, 31, 32, 33, 100, 256];

function sample(length: number): Uint8Array {
  if (length === 256) return Uint8Array.from({ length }, (_, i) => i);
  return Uint8Array.from({ length }, (_, i) => (i * 7 + 0x1c) & 0xff);
}

/** Runs tcpdump over packets of an unsupported link type; returns each packet's dump lines. */
function tcpdumpDumps(packets: Uint8Array[], flag: string): string[] {
  const path = Deno.makeTempFileSync({ suffix: ".pcap" });
  try {
    Deno.writeFileSync(
      path,
      pcapBytes(packets.map((data, i) => ({ timestamp: BigInt(i) * 1_000_000_000n, data })), {
        linkType: 147,
      }),
    );
    const output = new Deno.Command("tcpdump", {
      args: ["-n", flag, "-r", path],
      env: { TZ: "UTC" },
      stdout: "piped",
      stderr: "null",
    }).outputSync();
    const text = new TextDecoder().decode(output.stdout);
    // Each packet: a summary line, then its dump lines (which start with a tab).
    return text.split(/\n(?!\t)/).filter((block) => block !== "").map((block) =>
      block.split("\n").slice(1).join("\n")
    );
  } finally {
    Deno.removeSync(path);
  }
}

Deno.test("hexdump() formats a full line as tcpdump -X does", () => {
  // The first 16 bytes of an IPv4 header, from dpkt's dns_icmp.pcap.
  const bytes = decodeHex("45000042d0a600004011d2a9c0a82b09");
  assert.equal(
    hexdump(bytes),
    "\t0x0000:  4500 0042 d0a6 0000 4011 d2a9 c0a8 2b09  E..B....@.....+.",
  );
  assert.equal(
    hexdump(bytes, { ascii: false }),
    "\t0x0000:  4500 0042 d0a6 0000 4011 d2a9 c0a8 2b09",
  );
});

Deno.test("hexdump() pads a short last line so the ASCII column lines up", () => {
  const bytes = new Uint8Array(18).fill(0x41);
  assert.equal(
    hexdump(bytes),
    "\t0x0000:  4141 4141 4141 4141 4141 4141 4141 4141  AAAAAAAAAAAAAAAA\n" +
      "\t0x0010:  4141                                     AA",
  );
  assert.equal(hexdump(new Uint8Array([0x61]), { ascii: false }), "\t0x0000:  61");
  assert.equal(
    hexdump(new Uint8Array([0x61, 0x62, 0x63])),
    "\t0x0000:  6162 63                                  abc",
  );
});

Deno.test("hexdump() shows space and non-graphic bytes as dots", () => {
  assert.equal(
    hexdump(new Uint8Array([0x20, 0x21, 0x7e, 0x7f, 0x00, 0xff])),
    "\t0x0000:  2021 7e7f 00ff                           .!~...",
  );
});

Deno.test("hexdump() returns an empty string for no bytes", () => {
  assert.equal(hexdump(new Uint8Array(0)), "");
  assert.equal(hexdump(new Uint8Array(0), { ascii: false }), "");
});

Deno.test("hexdump() starts at the given offset and widens offsets past 0xffff", () => {
  assert.equal(
    hexdump(new Uint8Array([1]), { offset: 0x20 }),
    "\t0x0020:  01                                       .",
  );
  const lines = hexdump(new Uint8Array(0x10012)).split("\n");
  assert.equal(lines.length, 0x1002);
  assert.equal(
    lines[0xfff],
    "\t0xfff0:  0000 0000 0000 0000 0000 0000 0000 0000  ................",
  );
  assert.equal(
    lines[0x1000],
    "\t0x10000:  0000 0000 0000 0000 0000 0000 0000 0000  ................",
  );
  assert.equal(lines[0x1001], "\t0x10010:  0000                                     ..");
});

Deno.test("hexdump() rejects a negative or fractional offset", () => {
  assert.throws(() => hexdump(new Uint8Array(1), { offset: -1 }), RangeError);
  assert.throws(() => hexdump(new Uint8Array(1), { offset: 1.5 }), RangeError);
});

Deno.test({
  name: "hexdump() matches tcpdump -XX and -xx byte for byte",
  ignore: !(await hasCommand("tcpdump")),
  fn() {
    const packets = LENGTHS.map(sample);
    // For a link type it cannot print, tcpdump dumps the packet with -X, then again as
    // asked by -XX or -xx.
    const withAscii = tcpdumpDumps(packets, "-XX");
    const hexOnly = tcpdumpDumps(packets, "-xx");
    assert.equal(withAscii.length, packets.length);
    for (const [i, data] of packets.entries()) {
      assert.equal(withAscii[i], `${hexdump(data)}\n${hexdump(data)}`, `length ${data.length}`);
      assert.equal(
        hexOnly[i],
        `${hexdump(data)}\n${hexdump(data, { ascii: false })}`,
        `length ${data.length}`,
      );
    }
  },
});

Deno.test("hexdump() dumps a 64 KiB packet quickly", () => {
  const bytes = Uint8Array.from({ length: 65536 }, (_, i) => i & 0xff);
  const start = performance.now();
  for (let i = 0; i < 20; i++) hexdump(bytes);
  const perDump = (performance.now() - start) / 20;
  assert.ok(perDump < 50, `${perDump.toFixed(1)} ms per 64 KiB dump`);
});
