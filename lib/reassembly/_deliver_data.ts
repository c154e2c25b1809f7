/**
 * Hands in-order bytes to a {@linkcode StreamHandler} (private): to `dataRange` as a range
 * when it has one, else to `data` as a view.
 *
 * @module
 */

import type { StreamDirection, StreamHandler, StreamInfo } from "./stream_types.ts";

/**
 * Gives `bytes[start..end)` of a stream's direction to the handler.
 *
 * @param handler The handler.
 * @param stream The stream.
 * @param direction The direction.
 * @param bytes The array that holds the bytes.
 * @param start Where they start in it.
 * @param end Where they end.
 * @param offset Their offset in the direction's byte stream.
 * @param time The capture time.
 */
export function deliverData(
  handler: StreamHandler,
  stream: StreamInfo,
  direction: StreamDirection,
  bytes: Uint8Array,
  start: number,
  end: number,
  offset: number,
  time: number,
): void {
  if (handler.dataRange !== undefined) {
    handler.dataRange(stream, direction, bytes, start, end, offset, time);
  } else if (handler.data !== undefined) {
    const view = start === 0 && end === bytes.length ? bytes : bytes.subarray(start, end);
    handler.data(stream, direction, view, offset, time);
  }
}
