/**
 * Byte readers shared by the decoders.
 *
 * @module
 */

/** Reads the unsigned big-endian 32-bit number at `at`. */
export function readUint32(data: Uint8Array, at: number): number {
  return ((data[at]! << 24) | (data[at + 1]! << 16) | (data[at + 2]! << 8) | data[at + 3]!) >>> 0;
}

/** Reads the unsigned big-endian 16-bit number at `at`. */
export function readUint16(data: Uint8Array, at: number): number {
  return (data[at]! << 8) | data[at + 1]!;
}
