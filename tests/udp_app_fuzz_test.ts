import assert from "node:assert/strict";
import { udpAppLine } from "./_udp_app.ts";

/** A small deterministic generator (xorshift32), so that failures repeat. */
function random(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 0x100000000;
  };
}

const PORTS = [161, 162, 514, 546, 547, 5060, 500, 4500, 520, 521, 69, 1985, 88];

Deno.test("UDP application decoders and printers never throw on random bytes", () => {
  const next = random(0x5eed);
  for (let i = 0; i < 3000; i++) {
    const port = PORTS[i % PORTS.length]!;
    const length = Math.floor(next() * 80);
    const payload = Uint8Array.from({ length }, () => {
      // Mostly small values, so that lengths and tags often fall in range.
      const r = next();
      return r < 0.5 ? Math.floor(next() * 8) : Math.floor(next() * 256);
    });
    if (i % 3 === 0 && length > 0) payload[0] = [0x30, 0x3c, 0x01, 0x02][i % 4]!;
    const ipv6 = i % 2 === 0;
    const snapLength = (ipv6 ? 48 : 28) + Math.floor(next() * (length + 1));
    for (const verbose of [0, 1, 2]) {
      const line = udpAppLine(payload, {
        sourcePort: 40000,
        destinationPort: port,
        ipv6,
        snapLength,
      }, verbose);
      assert.equal(typeof line, "string");
    }
  }
});
