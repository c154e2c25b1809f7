/**
 * LISP control messages (RFC 6830/6833) on UDP port 4342: a 16-byte header (type and
 * flags, record count, nonce, key id, authentication data length), then for Map-Register
 * and Map-Notify the authentication data, the EID records with their locators, and the
 * xTR-ID and site-ID when the I bit is set. {@linkcode Lisp.walk} reads the records as
 * tcpdump's lisp_print() walks them: IPv4 and IPv6 EIDs and RLOCs only.
 *
 * @module
 */

import { DecodeError } from "../errors.ts";
import { readUint16, readUint32 } from "../_bytes.ts";
import { decodeOne } from "../_decode_one.ts";
import { beginMessage, capturedEnd } from "./_wire_length.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";

/** The length of the LISP control header. */
export const LISP_HEADER_LENGTH = 16;
/** The length of an EID record before its prefix. */
export const LISP_RECORD_LENGTH = 12;
/** The length of a locator before its address. */
export const LISP_LOCATOR_LENGTH = 8;
/** The message types whose records tcpdump walks. */
export const LISP_MAP_REGISTER = 3;
/** Map-Notify. */
export const LISP_MAP_NOTIFY = 4;

/** The address family numbers tcpdump reads (IANA AFI 1 and 2). */
const AFI_IPV4 = 1;
const AFI_IPV6 = 2;

/** The size of an address of a family tcpdump reads, 0 for any other. */
function addressSize(afi: number): number {
  return afi === AFI_IPV4 ? 4 : afi === AFI_IPV6 ? 16 : 0;
}

/** One locator (RLOC) of an EID record. */
export interface LispLocator {
  /** Where it starts (its priority byte). */
  readonly offset: number;
  /** Its address family (1 IPv4, 2 IPv6; another has no address tcpdump reads). */
  readonly afi: number;
  /** Where its address starts: just after the 8 bytes before it. */
  readonly addressOffset: number;
}

/** One EID record of a Map-Register or Map-Notify. */
export interface LispRecord {
  /** Where it starts (its TTL). */
  readonly offset: number;
  /** The EID prefix's address family. */
  readonly eidAfi: number;
  /** Where the EID prefix starts. */
  readonly eidOffset: number;
  /** Its locators, as far as the walk read them. */
  readonly locators: LispLocator[];
}

/**
 * How the walk of a Map-Register or Map-Notify ended, as lisp_print() ends it:
 * `"end"`, nothing follows the records; `"xtr"`, the xTR-ID and site-ID at `trailer`;
 * `"data"`, bytes after the records without the I bit, from `trailer` to the captured end;
 * `"no-records"`, a record count of 0 (invalid); `"xtr-short"`, the I bit set but fewer
 * than 24 bytes left (invalid); `"record-cut"`, a record's first 12 bytes were not
 * captured; `"eid-cut"`, the last record's EID prefix was not (a read past the capture);
 * `"eid-afi"`, the last record's EID family is neither IPv4 nor IPv6 (tcpdump stops
 * silently); `"locator-cut"`, a locator's first 8 bytes were not captured;
 * `"address-cut"`, the last locator's address was not.
 */
export type LispWalkEnd =
  | "end"
  | "xtr"
  | "data"
  | "no-records"
  | "xtr-short"
  | "record-cut"
  | "eid-cut"
  | "eid-afi"
  | "locator-cut"
  | "address-cut";

/** What {@linkcode Lisp.walk} read. */
export interface LispWalk {
  /** The records, the last one possibly cut where `stop` says. */
  readonly records: LispRecord[];
  /** How the walk ended. */
  readonly stop: LispWalkEnd;
  /** Where the xTR-ID or the trailing data starts (`"xtr"`, `"data"`). */
  readonly trailer: number;
}

/**
 * A LISP control message's header; {@linkcode Lisp.walk} reads the records of a
 * Map-Register or Map-Notify.
 *
 * @example Decode a Map-Notify's header
 * ```ts
 * import { decodeLisp } from "./lisp.ts";
 * import assert from "node:assert/strict";
 *
 * const bytes = new Uint8Array(16);
 * bytes.set([0x48, 0, 0, 1]);
 * const lisp = decodeLisp(bytes);
 * assert.equal(lisp.type, 4);
 * assert.equal(lisp.recordCount, 1);
 * assert.equal(lisp.xtrPresent, true);
 * ```
 */
export class Lisp extends LayerBase {
  /** The discriminant. */
  readonly kind = "lisp" as const;
  /** The message type (the high 4 bits of the first byte). */
  type = 0;
  /** The first 32 bits: the type, the flags, the record count. */
  flags = 0;
  /** The record count. */
  recordCount = 0;
  /** The authentication key id (0 none, 1 SHA1, 2 SHA256). */
  keyId = 0;
  /** The authentication data's length field. */
  authLength = 0;
  /** How many of the message's bytes were captured (up to the IP packet's end). */
  captured = 0;
  /** The message's length on the wire (the UDP payload's). */
  wireLength = 0;

  /** Where the authentication data starts. */
  get authOffset(): number {
    return this.offset + LISP_HEADER_LENGTH;
  }

  /** Whether the I bit says an xTR-ID and site-ID end a Map-Register or Map-Notify. */
  get xtrPresent(): boolean {
    const first = this.flags >>> 24;
    if (this.type === LISP_MAP_REGISTER) return (first & 0x02) !== 0;
    return this.type === LISP_MAP_NOTIFY && (first & 0x08) !== 0;
  }

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    context: DecodeContext,
  ): DecodeError | undefined {
    const error = beginMessage(this, data, offset, end, context);
    if (error !== undefined) return error;
    // tcpdump checks the header against the IP packet's captured end, not the UDP length.
    this.captured = capturedEnd(context, end) - offset;
    if (this.captured < LISP_HEADER_LENGTH) {
      return DecodeError.truncated(this.kind, offset, LISP_HEADER_LENGTH, this.captured);
    }
    this.headerLength = Math.min(LISP_HEADER_LENGTH, end - offset);
    this.flags = readUint32(data, offset) >>> 0;
    this.type = data[offset]! >> 4;
    this.recordCount = data[offset + 3]!;
    this.keyId = readUint16(data, offset + 12);
    this.authLength = readUint16(data, offset + 14);
    return undefined;
  }

  /** LISP control messages carry no further layer. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /**
   * Walks the records of a Map-Register or Map-Notify as lisp_print() does: records while
   * the wire length reaches past the position (the position a 16-bit count, as tcpdump's),
   * each record's locators, then the xTR-ID or the bytes left.
   *
   * @returns The records and how the walk ended.
   */
  walk(): LispWalk {
    const records: LispRecord[] = [];
    const data = this.data;
    const base = this.offset;
    const end = base + this.captured;
    const done = (stop: LispWalkEnd, trailer = 0): LispWalk => ({ records, stop, trailer });
    // tcpdump keeps the position in a 16-bit count: a long authentication length wraps.
    let at = (LISP_HEADER_LENGTH + this.authLength) & 0xffff;
    if (this.recordCount === 0) return done("no-records");
    for (let left = this.recordCount; this.wireLength > at && left > 0; left--) {
      if (base + at + LISP_RECORD_LENGTH > end) return done("record-cut");
      const offset = base + at;
      const eidAfi = readUint16(data, offset + 10);
      const record: LispRecord = { offset, eidAfi, eidOffset: offset + 12, locators: [] };
      records.push(record);
      at += LISP_RECORD_LENGTH;
      const eidSize = addressSize(eidAfi);
      if (eidSize === 0) return done("eid-afi");
      if (base + at + eidSize > end) return done("eid-cut");
      at += eidSize;
      for (let count = data[offset + 4]!; count > 0; count--) {
        if (base + at + LISP_LOCATOR_LENGTH > end) return done("locator-cut");
        const locator = base + at;
        const afi = readUint16(data, locator + 6);
        record.locators.push({ offset: locator, afi, addressOffset: locator + 8 });
        at += LISP_LOCATOR_LENGTH;
        const size = addressSize(afi);
        if (base + at + size > end) return done("address-cut");
        at += size;
      }
    }
    if (this.xtrPresent) return done(base + at + 24 > end ? "xtr-short" : "xtr", base + at);
    return base + at < end ? done("data", base + at) : done("end");
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return {
      type: this.type,
      flags: this.flags,
      recordCount: this.recordCount,
      keyId: this.keyId,
      authLength: this.authLength,
    };
  }
}

/**
 * Creates {@linkcode Lisp} layers; the registry entry for the LISP control port 4342.
 *
 * @example Create a LISP layer
 * ```ts
 * import { lispDecoder } from "./lisp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(lispDecoder.create().kind, "lisp");
 * ```
 */
export const lispDecoder: ProtocolDescriptor<Lisp> = defineProtocol({
  kind: "lisp",
  name: "LISP",
  tcpdumpName: "lisp",
  create: () => new Lisp(),
  bindings: { udpPorts: [4342] },
});

/**
 * Decodes a LISP control message.
 *
 * @param data The bytes.
 * @param offset Where the message starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When fewer than 16 bytes remain.
 *
 * @example Read a message's type
 * ```ts
 * import { decodeLisp } from "./lisp.ts";
 * import assert from "node:assert/strict";
 *
 * const bytes = new Uint8Array(16);
 * bytes[0] = 0x30;
 * assert.equal(decodeLisp(bytes).type, 3);
 * ```
 */
export function decodeLisp(data: Uint8Array, offset = 0): Lisp {
  return decodeOne(new Lisp(), data, offset);
}
