import assert from "node:assert/strict";
import { expectedChecksum, foldChecksum, sumWords } from "../lib/checksum.ts";
import { decodeHex } from "../lib/_hex.ts";

// An IPv4 header from a public capture (nDPI's srvloc.pcap, packet 369) whose right
// checksum is one's complement zero: tcpdump 4.99 prints "bad cksum 6c39 (->ffff)!".
const HEADER = decodeHex("45000039d4310000fa116c39b9d3040d5a6fd432");

Deno.test("expectedChecksum() gives 0xffff, as tcpdump, when the right sum is zero", () => {
  assert.equal(HEADER.length, 20);
  const computed = foldChecksum(sumWords(HEADER, 0, HEADER.length, 0));
  assert.equal(expectedChecksum(0x6c39, computed), 0xffff);
});

Deno.test("expectedChecksum() returns the field when the sum is right, and the fix otherwise", () => {
  const header = HEADER.slice();
  header[8] = 64; // another TTL: a right checksum other than zero
  header[10] = 0;
  header[11] = 0;
  const right = foldChecksum(sumWords(header, 0, header.length, 0));
  header[10] = right >> 8;
  header[11] = right & 0xff;
  assert.notEqual(right, 0);
  assert.equal(foldChecksum(sumWords(header, 0, header.length, 0)), 0);
  assert.equal(expectedChecksum(right, 0), right);
  header[11] ^= 1;
  const computed = foldChecksum(sumWords(header, 0, header.length, 0));
  assert.equal(expectedChecksum(right ^ 1, computed), right);
});
