/**
 * How a reassembler hands in-order bytes to a {@linkcode StreamHandler} (private), chosen
 * once per handler: its `dataRange`, or else its `data` given a view of the range.
 *
 * @module
 */

import type { StreamHandler } from "./stream_types.ts";

/** The form in which a reassembler hands over in-order bytes. */
export type DataRange = NonNullable<StreamHandler["dataRange"]>;

/**
 * The handler's `dataRange`, or one that calls its `data` with a view of the range (or
 * nothing, for a handler that takes no data).
 *
 * @param handler The handler.
 * @returns The function to call with each range of in-order bytes.
 */
export function dataRangeOf(handler: StreamHandler): DataRange {
  if (handler.dataRange !== undefined) return handler.dataRange.bind(handler);
  const data = handler.data?.bind(handler);
  if (data === undefined) return () => {};
  return (stream, direction, bytes, start, end, offset, time) =>
    data(
      stream,
      direction,
      start === 0 && end === bytes.length ? bytes : bytes.subarray(start, end),
      offset,
      time,
    );
}
