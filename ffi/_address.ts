/**
 * The address of a buffer as a struct field holds it, for the struct builders of
 * `libc_structs.ts` and `packet_structs.ts`. Private to `ffi/`.
 *
 * @module
 */

/**
 * The address of the first byte of a buffer, as a number for a struct field (0 for an
 * empty buffer, which has none).
 *
 * @param buffer The buffer.
 * @returns Its address.
 */
export function addressOf(buffer: Uint8Array): bigint {
  if (buffer.byteLength === 0) return 0n;
  const pointer = Deno.UnsafePointer.of(buffer);
  return pointer === null ? 0n : BigInt(Deno.UnsafePointer.value(pointer));
}
