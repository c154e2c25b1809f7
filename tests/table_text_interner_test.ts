/**
 * The `packets` table's text caches: every address gives its own text, from the cache or
 * formatted again, however many addresses share a slot of the direct-mapped tables.
 */

import assert from "node:assert/strict";
import { formatIpv4, formatIpv6, formatMac } from "../lib/address.ts";
import { TextInterner } from "../lib/table/_text_interner.ts";

const decoder = new TextDecoder();

/** Deterministic bytes (xorshift), so that a failure repeats. */
function bytes(count: number): Uint8Array {
  const out = new Uint8Array(count);
  let state = 0x2545f491;
  for (let i = 0; i < count; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    out[i] = state & 0xff;
  }
  return out;
}

Deno.test("TextInterner gives each of many addresses its own text, twice over", () => {
  const interner = new TextInterner();
  // 20,000 addresses of each kind: several per slot of the 4,096-slot tables.
  const data = bytes(20_000 * 16);
  for (let round = 0; round < 2; round++) {
    for (let i = 0; i < 20_000; i++) {
      const at = i * 16;
      const ipv4 = ((data[at]! << 24) | (data[at + 1]! << 16) | (data[at + 2]! << 8) |
        data[at + 3]!) >>> 0;
      assert.equal(decoder.decode(interner.ipv4(ipv4, data, at)), formatIpv4(data, at));
      assert.equal(decoder.decode(interner.ipv6(data, at)), formatIpv6(data, at));
      assert.equal(decoder.decode(interner.mac(data, at + 4)), formatMac(data, at + 4));
    }
  }
});
