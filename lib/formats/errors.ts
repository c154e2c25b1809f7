/**
 * The error thrown by the capture file readers.
 *
 * @module
 */

/**
 * What went wrong while reading a capture file:
 * - `truncated`: the file ends in the middle of a header, block or record;
 * - `malformed`: a length, magic number or other field is impossible;
 * - `unsupported`: the file is well formed but in a format or version wirekit does not read.
 */
export type CaptureFileErrorCode = "truncated" | "malformed" | "unsupported";

/**
 * A capture file that cannot be read (further). Readers deliver every good record found
 * before the fault, then throw this error.
 *
 * @example Tell a truncated file from other faults
 * ```ts
 * import { CaptureFileError } from "./errors.ts";
 * import assert from "node:assert/strict";
 *
 * const error = new CaptureFileError("truncated", 40, "Cannot read pcap record at offset 40: 16 bytes required, the file ends after 3");
 * assert.equal(error.code, "truncated");
 * assert.equal(error.offset, 40);
 * assert.ok(error instanceof Error);
 * ```
 */
export class CaptureFileError extends Error {
  /** What kind of fault this is. */
  readonly code: CaptureFileErrorCode;
  /** The byte offset in the file of the header, block or record at fault. */
  readonly offset: number;

  /**
   * Creates an error.
   *
   * @param code What kind of fault this is.
   * @param offset The byte offset of the faulty header, block or record.
   * @param message A sentence-case message that names the offset, without a final period.
   * @param options The standard error options, such as `cause`.
   */
  constructor(
    code: CaptureFileErrorCode,
    offset: number,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = "CaptureFileError";
    this.code = code;
    this.offset = offset;
  }
}
