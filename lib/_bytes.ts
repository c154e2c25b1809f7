/**
 * Byte readers shared by the decoders.
 *
 * @module
 */

/** Reads the unsigned big-endian 32-bit number at `at`. */
export function readUint32(data: Uint8Array, at: number): number {
  return readWord32(data, at) >>> 0;
}

/**
 * Reads the big-endian 32-bit word at `at` as an int32: what hot printers pass on to
 * `putUint32()`, since a number of 2^31 or more returned or passed is a heap allocation.
 */
export function readWord32(data: Uint8Array, at: number): number {
  return (data[at]! << 24) | (data[at + 1]! << 16) | (data[at + 2]! << 8) | data[at + 3]!;
}

/** Reads the byte at `at`, or 0 when it lies at or past `end` (a field not captured). */
export function readUint8Before(data: Uint8Array, at: number, end: number): number {
  return at < end ? data[at]! : 0;
}

/** Reads the big-endian 16-bit number at `at`, or 0 when its 2 bytes pass `end`. */
export function readUint16Before(data: Uint8Array, at: number, end: number): number {
  return at + 2 <= end ? readUint16(data, at) : 0;
}

/** Reads the big-endian 32-bit number at `at`, or 0 when its 4 bytes pass `end`. */
export function readUint32Before(data: Uint8Array, at: number, end: number): number {
  return at + 4 <= end ? readUint32(data, at) : 0;
}

/** Reads the unsigned big-endian 16-bit number at `at`. */
export function readUint16(data: Uint8Array, at: number): number {
  return (data[at]! << 8) | data[at + 1]!;
}

/** Reads the unsigned big-endian 24-bit number at `at`. */
export function readUint24(data: Uint8Array, at: number): number {
  return (data[at]! << 16) | (data[at + 1]! << 8) | data[at + 2]!;
}

/** Reads the unsigned little-endian 16-bit number at `at`. */
export function readUint16Le(data: Uint8Array, at: number): number {
  return data[at]! | (data[at + 1]! << 8);
}

/** Reads the unsigned little-endian 32-bit number at `at`. */
export function readUint32Le(data: Uint8Array, at: number): number {
  return (data[at]! | (data[at + 1]! << 8) | (data[at + 2]! << 16) | (data[at + 3]! << 24)) >>> 0;
}

/** Reads the unsigned big-endian number of `size` bytes at `at`. */
export function readUintN(data: Uint8Array, at: number, size: 1 | 2 | 4): number {
  return size === 1 ? data[at]! : size === 2 ? readUint16(data, at) : readUint32(data, at);
}

/**
 * Reads a C string from a field of `length` bytes at `start`: its bytes up to the first
 * NUL (or the field's end, or the data's), one character each (Latin-1).
 */
export function readCString(data: Uint8Array, start: number, length: number): string {
  const end = Math.min(start + length, data.length);
  let stop = start;
  while (stop < end && data[stop] !== 0) stop++;
  return latin1(data, start, stop);
}

/** Bytes per String.fromCharCode() call in {@linkcode latin1}. */
const LATIN1_CHUNK = 8192;

/**
 * Returns `data[start..end)` as a string of one character per byte (Latin-1). Built in
 * chunks: a spread of every byte into `String.fromCharCode()` throws past about 120,000
 * arguments, which one jumbogram or a reassembled stream's line holds.
 *
 * @example Read a token
 * ```ts
 * import { latin1 } from "./_bytes.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(latin1(new Uint8Array([0x47, 0x45, 0x54, 0x20, 0x2f]), 0, 3), "GET");
 * assert.equal(latin1(new Uint8Array(200_000).fill(0x41)).length, 200_000);
 * ```
 */
export function latin1(data: Uint8Array, start = 0, end: number = data.length): string {
  const stop = Math.min(end, data.length);
  let text = "";
  for (let at = start; at < stop; at += LATIN1_CHUNK) {
    text += String.fromCharCode(...data.subarray(at, Math.min(stop, at + LATIN1_CHUNK)));
  }
  return text;
}
