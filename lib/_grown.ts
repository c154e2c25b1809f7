/**
 * A longer copy of a typed array, for the tables that grow by doubling. Private to the
 * package.
 *
 * @module
 */

/**
 * A copy of a typed array, of the same type and `length` long: zeros after the elements
 * copied.
 *
 * @param array The array.
 * @param length The copy's length, at least the array's.
 * @returns The copy.
 *
 * @example Twice as long
 * ```ts
 * import { grown } from "./_grown.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(grown(Uint32Array.of(1, 2), 4), Uint32Array.of(1, 2, 0, 0));
 * ```
 */
export function grown<T extends Uint8Array | Int32Array | Uint32Array | Float64Array>(
  array: T,
  length: number,
): T {
  const copy = new (array.constructor as new (length: number) => T)(length);
  copy.set(array);
  return copy;
}
