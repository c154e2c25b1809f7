/**
 * M3UA, the SS7 MTP3 User Adaptation layer (RFC 4666), carried in SCTP DATA chunks with
 * payload protocol identifier 3: an 8-byte common header (version, message class and
 * type, length), then parameters (tag, length counting their 4-byte header, padded to 4
 * bytes).
 *
 * M3UA is no layer of the decoded chain (each DATA chunk of an SCTP packet may carry a
 * message): the SCTP printer hands a chunk's user data to the M3UA printer, which reads
 * the header with {@linkcode decodeM3uaHeader} and the parameters with
 * {@linkcode m3uaParameters}.
 *
 * @module
 */

import { DecodeError } from "../errors.ts";

/** The SCTP payload protocol identifier of M3UA. */
export const M3UA_PPID = 3;

/** The length of the common header. */
export const M3UA_HEADER_LENGTH = 8;

/** The fields of an M3UA common header. */
export interface M3uaHeader {
  /** The version: 1 for RFC 4666. */
  version: number;
  /** The message class (0 management, 1 transfer, 2 SSNM, 3 ASPSM, 4 ASPTM, 9 RKM). */
  messageClass: number;
  /** The message type within its class. */
  messageType: number;
  /** The message length the header gives, the header included. */
  length: number;
}

/**
 * Decodes the common header of an M3UA message.
 *
 * @param data The bytes.
 * @param offset Where the message starts.
 * @param end Where the captured bytes end.
 * @returns The header, or the error when fewer than 8 bytes were captured.
 *
 * @example Read an ASP Up message's header
 * ```ts
 * import { decodeM3uaHeader } from "./m3ua.ts";
 * import assert from "node:assert/strict";
 *
 * const header = decodeM3uaHeader(new Uint8Array([1, 0, 3, 1, 0, 0, 0, 8]), 0, 8);
 * assert.deepEqual(header, { version: 1, messageClass: 3, messageType: 1, length: 8 });
 * ```
 */
export function decodeM3uaHeader(
  data: Uint8Array,
  offset: number,
  end: number,
): M3uaHeader | DecodeError {
  if (end - offset < M3UA_HEADER_LENGTH) {
    return DecodeError.truncated("m3ua", offset, M3UA_HEADER_LENGTH, end - offset);
  }
  return {
    version: data[offset]!,
    messageClass: data[offset + 2]!,
    messageType: data[offset + 3]!,
    length: ((data[offset + 4]! << 24) | (data[offset + 5]! << 16) |
      (data[offset + 6]! << 8) | data[offset + 7]!) >>> 0,
  };
}

/** One parameter of an M3UA message. */
export interface M3uaParameter {
  /** The parameter tag. */
  tag: number;
  /** Its length, the 4-byte header included. */
  length: number;
  /** Where its header starts. */
  offset: number;
}

/** How the walk of {@linkcode m3uaParameters} ended, when not at the end of the list. */
export type M3uaParametersStop =
  /** Fewer than 4 bytes left for a parameter header. */
  | { kind: "short" }
  /** A parameter (its tag read) whose length is below 4. */
  | { kind: "bad-length"; tag: number }
  /** A parameter (its tag read) whose bytes and padding run past the captured bytes. */
  | { kind: "cut"; tag: number };

/** The parameters of an M3UA message, and how their walk ended. */
export interface M3uaParameters {
  /** The parameters read whole, in order. */
  parameters: M3uaParameter[];
  /** Why the walk stopped before the end of the list, if it did. */
  stop?: M3uaParametersStop;
}

/**
 * Walks the parameters of an M3UA message as tcpdump's m3ua_tags_print() does: each one
 * must have a 4-byte header within `size` and a length of at least 4; it and its padding
 * (to 4 bytes, counted from `offset`) must be captured, and the next starts after them.
 *
 * @param data The bytes.
 * @param offset Where the parameters start (after the common header).
 * @param size How many bytes of parameters the message holds.
 * @param end Where the captured bytes end.
 * @returns The parameters and how the walk ended.
 *
 * @example Walk a Routing Context and an INFO String
 * ```ts
 * import { m3uaParameters } from "./m3ua.ts";
 * import assert from "node:assert/strict";
 *
 * const bytes = new Uint8Array([0, 6, 0, 8, 0, 0, 0, 1, 0, 4, 0, 6, 0x68, 0x69, 0, 0]);
 * const { parameters, stop } = m3uaParameters(bytes, 0, 16, 16);
 * assert.deepEqual(parameters.map((p) => [p.tag, p.length]), [[6, 8], [4, 6]]);
 * assert.equal(stop, undefined);
 * ```
 */
export function m3uaParameters(
  data: Uint8Array,
  offset: number,
  size: number,
  end: number,
): M3uaParameters {
  const parameters: M3uaParameter[] = [];
  const last = offset + size;
  for (let at = offset; at < last;) {
    if (at + 4 > last) return { parameters, stop: { kind: "short" } };
    const tag = (data[at]! << 8) | data[at + 1]!;
    const length = (data[at + 2]! << 8) | data[at + 3]!;
    if (length < 4) return { parameters, stop: { kind: "bad-length", tag } };
    const padded = at + length + ((4 - (at + length - offset) % 4) % 4);
    if (padded > end) return { parameters, stop: { kind: "cut", tag } };
    parameters.push({ tag, length, offset: at });
    at = padded;
  }
  return { parameters };
}
