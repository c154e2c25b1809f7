import assert from "node:assert/strict";
import { foldChecksum, sumWords } from "../lib/checksum.ts";

Deno.test("sumWords() adds big-endian words and pads an odd byte (RFC 1071)", () => {
  // RFC 1071 section 3 example: 00 01 f2 03 f4 f5 f6 f7 sums to ddf2 after folding.
  const bytes = new Uint8Array([0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7]);
  const sum = sumWords(bytes, 0, bytes.length, 0);
  assert.equal(sum, 0x2ddf0);
  assert.equal(foldChecksum(sum), ~0xddf2 & 0xffff);
  assert.equal(sumWords(new Uint8Array([0xab]), 0, 1, 0), 0xab00);
  assert.equal(sumWords(new Uint8Array([1, 2, 3]), 0, 3, 5), 0x0102 + 0x0300 + 5);
  assert.equal(sumWords(bytes, 2, 4, 0), 0xf203);
  assert.equal(sumWords(bytes, 4, 4, 7), 7, "an empty range adds nothing");
});

Deno.test("foldChecksum() folds every carry and complements", () => {
  assert.equal(foldChecksum(0), 0xffff);
  assert.equal(foldChecksum(0xffff), 0);
  assert.equal(foldChecksum(0x10000), 0xfffe);
  assert.equal(foldChecksum(0x1fffe), 0);
  assert.equal(foldChecksum(0xffffffff), 0);
  // A carry out of the first fold is folded again.
  assert.equal(foldChecksum(0x2fffd), 0);
  // Sums far beyond 32 bits (a 64 KiB jumbogram of 0xff) stay exact.
  const big = new Uint8Array(1 << 20).fill(0xff);
  assert.equal(foldChecksum(sumWords(big, 0, big.length, 0)), 0);
});

Deno.test("foldChecksum() of a header with its checksum is 0", () => {
  // The IPv4 header of tcpdump's LINKTYPE_RAW_ipv4.pcap, checksum a695.
  const header = new Uint8Array([
    0x45,
    0x00,
    0x00,
    0x39,
    0x00,
    0x01,
    0x00,
    0x00,
    0x40,
    0x11,
    0xa6,
    0x95,
    0xc0,
    0xa8,
    0x01,
    0x64,
    0x09,
    0x09,
    0x09,
    0x09,
  ]);
  assert.equal(foldChecksum(sumWords(header, 0, 20, 0)), 0);
  header[10] = 0;
  header[11] = 0;
  assert.equal(foldChecksum(sumWords(header, 0, 20, 0)), 0xa695);
});

Deno.test("sumWords() is the same whichever way a buffer is split", () => {
  let seed = 5;
  const bytes = Uint8Array.from({ length: 301 }, () => (seed = (seed * 75 + 74) % 65537) & 0xff);
  const whole = foldChecksum(sumWords(bytes, 0, bytes.length, 0));
  for (const split of [0, 2, 100, 300]) {
    const parts = sumWords(bytes, split, bytes.length, sumWords(bytes, 0, split, 0));
    assert.equal(foldChecksum(parts), whole, String(split));
  }
});

Deno.test("sumWords() folds long spans at any alignment as the byte loop sums them", () => {
  /** RFC 1071 as written: big-endian words, one at a time. */
  const plain = (data: Uint8Array, offset: number, end: number, initial: number) => {
    let sum = initial;
    for (let i = offset; i < end; i += 2) sum += (data[i]! << 8) | (i + 1 < end ? data[i + 1]! : 0);
    return sum;
  };
  const buffer = new Uint8Array(4000);
  let compared = 0;
  for (let trial = 0; trial < 3000; trial++) {
    const data = buffer.subarray(trial % 7, 3000 + (trial % 5));
    const kind = trial % 10;
    for (let i = 0; i < data.length; i++) {
      data[i] = kind === 0 ? 0 : kind === 1 ? 0xff : Math.random() * 256 | 0;
    }
    const offset = trial % 13;
    const end = Math.min(data.length, offset + 64 + ((trial * 7919) % 2900));
    const initial = (trial % 3) * 0x1fffe;
    const expected = foldChecksum(plain(data, offset, end, initial));
    assert.equal(foldChecksum(sumWords(data, offset, end, initial)), expected);
    // A sum continued from a part of the span.
    const middle = offset + 2 * Math.floor((end - offset) / 4);
    const continued = sumWords(data, middle, end, sumWords(data, offset, middle, initial));
    assert.equal(foldChecksum(continued), expected);
    compared++;
  }
  assert.equal(compared, 3000);
});
