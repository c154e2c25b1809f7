/**
 * PKCS#7 padding (RFC 5652, section 6.3) for block ciphers such as `cbc(aes)`: `n` bytes
 * of value `n` fill the last block, a whole block when the data already ends on one.
 *
 * @module
 */

import { PaddingError } from "./errors.ts";

function checkBlockSize(blockSize: number): void {
  if (!Number.isInteger(blockSize) || blockSize < 1 || blockSize > 255) {
    throw new RangeError(
      `Cannot use PKCS#7 padding with block size ${blockSize}: it must be 1 to 255 bytes`,
    );
  }
}

/**
 * Pads data to a whole number of blocks.
 *
 * @param data The data.
 * @param blockSize The block size (16 for AES).
 * @returns A new array: the data and 1 to `blockSize` padding bytes.
 *
 * @example Pad 15 bytes
 * ```ts
 * import { pkcs7Pad } from "./padding.ts";
 * import assert from "node:assert/strict";
 *
 * const padded = pkcs7Pad(new Uint8Array(15), 16);
 * assert.equal(padded.length, 16);
 * assert.equal(padded[15], 1);
 * assert.equal(pkcs7Pad(new Uint8Array(16), 16).length, 32);
 * ```
 */
export function pkcs7Pad(data: Uint8Array, blockSize = 16): Uint8Array {
  checkBlockSize(blockSize);
  const padding = blockSize - data.length % blockSize;
  const padded = new Uint8Array(data.length + padding);
  padded.set(data);
  padded.fill(padding, data.length);
  return padded;
}

/**
 * Removes PKCS#7 padding, checking all of it.
 *
 * @param data Padded data, a whole number of blocks.
 * @param blockSize The block size (16 for AES).
 * @returns A view of `data` without the padding (no copy).
 * @throws {PaddingError} When the length is not a positive multiple of the block size or
 *   the padding bytes are wrong.
 *
 * @example Unpad, and reject bad padding
 * ```ts
 * import { pkcs7Unpad } from "./padding.ts";
 * import { PaddingError } from "./errors.ts";
 * import assert from "node:assert/strict";
 *
 * const data = new Uint8Array(16).fill(2);
 * assert.equal(pkcs7Unpad(data, 16).length, 14);
 * data[15] = 0;
 * assert.throws(() => pkcs7Unpad(data, 16), PaddingError);
 * ```
 */
export function pkcs7Unpad(data: Uint8Array, blockSize = 16): Uint8Array {
  checkBlockSize(blockSize);
  if (data.length === 0 || data.length % blockSize !== 0) {
    throw new PaddingError(
      `the length must be a positive multiple of ${blockSize} bytes, received ${data.length}`,
    );
  }
  const padding = data[data.length - 1]!;
  if (padding === 0 || padding > blockSize) {
    throw new PaddingError(`the last byte must be 1 to ${blockSize}, received ${padding}`);
  }
  // Check every padding byte, without stopping at the first wrong one.
  let wrong = 0;
  for (let i = data.length - padding; i < data.length; i++) wrong |= data[i]! ^ padding;
  if (wrong !== 0) {
    throw new PaddingError(`the last ${padding} bytes must all be ${padding}`);
  }
  return data.subarray(0, data.length - padding);
}
