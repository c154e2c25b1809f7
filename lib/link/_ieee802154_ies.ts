/**
 * The Information Element headers of IEEE 802.15.4-2015 (section 7.4): the 2-byte
 * little-endian header of a Header IE, a Payload IE and an MLME sub-IE, split into its
 * fields. Private to `lib/link/` (re-exported by `ieee802154.ts`).
 *
 * @module
 */

/** A Header IE's header: element ID 0x7e and 0x7f end the list (Header Termination). */
export interface Ieee802154HeaderIe {
  /** The Element ID (bits 7-14). */
  elementId: number;
  /** The content length (bits 0-6). */
  length: number;
  /** The type bit (15): 0 for a Header IE. */
  type: number;
}

/** A Payload IE's header: group ID 0xf ends the list (List Termination). */
export interface Ieee802154PayloadIe {
  /** The Group ID (bits 11-14). */
  groupId: number;
  /** The content length (bits 0-10, of which tcpdump reads 0-9). */
  length: number;
  /** The type bit (15): 1 for a Payload IE. */
  type: number;
}

/** An MLME sub-IE's header, short (type 0) or long (type 1) format. */
export interface Ieee802154MlmeIe {
  /** The Sub-ID: 7 bits short, 4 bits long. */
  subId: number;
  /** The content length: 8 bits short, 10 bits long. */
  length: number;
  /** Whether it is the long format (bit 15). */
  long: boolean;
}

/**
 * Splits a Header IE's 16-bit header.
 *
 * @param ie The header, read little-endian.
 * @returns Its fields.
 *
 * @example Split a Header Termination 1 IE's header
 * ```ts
 * import { headerIe } from "./ieee802154.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(headerIe(0x3f00), { elementId: 0x7e, length: 0, type: 0 });
 * ```
 */
export function headerIe(ie: number): Ieee802154HeaderIe {
  return { elementId: (ie >> 7) & 0xff, length: ie & 0x7f, type: (ie >> 15) & 1 };
}

/**
 * Splits a Payload IE's 16-bit header (its length as tcpdump reads it, 10 bits).
 *
 * @param ie The header, read little-endian.
 * @returns Its fields.
 *
 * @example Split an MLME IE's header
 * ```ts
 * import { payloadIe } from "./ieee802154.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(payloadIe(0x8808), { groupId: 1, length: 8, type: 1 });
 * ```
 */
export function payloadIe(ie: number): Ieee802154PayloadIe {
  return { groupId: (ie >> 11) & 0x0f, length: ie & 0x3ff, type: (ie >> 15) & 1 };
}

/**
 * Splits an MLME sub-IE's 16-bit header.
 *
 * @param ie The header, read little-endian.
 * @returns Its fields.
 *
 * @example Split a TSCH Synchronization IE's header (short format)
 * ```ts
 * import { mlmeIe } from "./ieee802154.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(mlmeIe(0x1a06), { subId: 0x1a, length: 6, long: false });
 * ```
 */
export function mlmeIe(ie: number): Ieee802154MlmeIe {
  const long = (ie & 0x8000) !== 0;
  return long
    ? { subId: (ie >> 11) & 0x0f, length: ie & 0x3ff, long }
    : { subId: (ie >> 8) & 0x7f, length: ie & 0xff, long };
}
