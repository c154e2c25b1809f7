/**
 * JSON lines output: one JSON object per packet, with the capture record's metadata and
 * each decoded layer keyed by its kind.
 *
 * @module
 */

import { encodeHex } from "../_hex.ts";
import { civilDate } from "../formats/timestamp.ts";

/** The capture metadata of a packet, as a `CaptureRecord` of `lib/formats/` holds it. */
export interface PacketRecordInfo {
  /** Nanoseconds since the Unix epoch. */
  readonly timestamp: bigint;
  /** Bytes captured. */
  readonly capturedLength: number;
  /** Bytes on the wire. */
  readonly originalLength: number;
  /** The pcapng interface index (0 for pcap). */
  readonly interfaceId: number;
  /** The `LINKTYPE_*` number. */
  readonly linkType: number;
}

/** Something that turns into a plain object, such as a decoded `Packet`. */
export interface JsonSource {
  /** Returns the plain object: for a `Packet`, each layer keyed by its kind. */
  toJSON(): Record<string, unknown>;
}

/**
 * Formats bytes as lowercase hex with no separators.
 *
 * @param bytes The bytes.
 * @returns The hex text, two digits a byte.
 *
 * @example Hex of three bytes
 * ```ts
 * import { toHex } from "./json.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(toHex(new Uint8Array([0x0a, 0xff, 0])), "0aff00");
 * ```
 */
export function toHex(bytes: Uint8Array): string {
  return encodeHex(bytes);
}

/**
 * The `JSON.stringify` replacer of wirekit's JSON output: a `bigint` becomes its decimal
 * string, a `Uint8Array` (or any other byte view) its hex string; anything else passes
 * through.
 *
 * @param _key The property name (unused).
 * @param value The value to write.
 * @returns What JSON writes instead.
 *
 * @example Stringify bigints and bytes
 * ```ts
 * import { jsonReplacer } from "./json.ts";
 * import assert from "node:assert/strict";
 *
 * const text = JSON.stringify({ ts: 12n, raw: new Uint8Array([1, 171]) }, jsonReplacer);
 * assert.equal(text, '{"ts":"12","raw":"01ab"}');
 * ```
 */
export function jsonReplacer(_key: string, value: unknown): unknown {
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Uint8Array) return toHex(value);
  if (ArrayBuffer.isView(value)) {
    return toHex(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
  }
  return value;
}

/**
 * Formats a timestamp as an ISO 8601 UTC time with all nine digits of nanoseconds, such
 * as `2023-11-14T22:13:20.123456789Z` (`Date.toISOString()` stops at milliseconds, and
 * at the year 275760; this works for any time).
 *
 * @param timestamp Nanoseconds since the Unix epoch.
 * @returns The ISO time.
 *
 * @example Format a timestamp
 * ```ts
 * import { isoTime } from "./json.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(isoTime(1_700_000_000_123_456_789n), "2023-11-14T22:13:20.123456789Z");
 * assert.equal(isoTime(-1n), "1969-12-31T23:59:59.999999999Z");
 * assert.equal(isoTime(18_446_744_073_709_551_615n), "2554-07-21T23:34:33.709551615Z");
 * ```
 */
export function isoTime(timestamp: bigint): string {
  let seconds = timestamp / 1_000_000_000n;
  let nanoseconds = timestamp % 1_000_000_000n;
  if (nanoseconds < 0n) {
    seconds -= 1n;
    nanoseconds += 1_000_000_000n;
  }
  // Days and the second of the day; any 64-bit time has a date (Date stops at 275760).
  let days = seconds / 86_400n;
  let second = Number(seconds % 86_400n);
  if (second < 0) {
    second += 86_400;
    days -= 1n;
  }
  const [year, month, day] = civilDate(Number(days));
  const yearText = year < 0
    ? `-${(-year).toString().padStart(4, "0")}`
    : year.toString().padStart(4, "0");
  const pad = (n: number) => n.toString().padStart(2, "0");
  return `${yearText}-${pad(month)}-${pad(day)}T${pad(Math.floor(second / 3600))}:${
    pad(Math.floor(second / 60) % 60)
  }:${pad(second % 60)}.${nanoseconds.toString().padStart(9, "0")}Z`;
}

/**
 * Builds the JSON object of a packet: `timestamp` (nanoseconds, as a string), `time`
 * (ISO 8601 with nanoseconds), `capturedLength`, `originalLength`, `interfaceId`,
 * `linkType`, then what the packet's `toJSON()` gives: each layer keyed by its kind
 * (`ethernet`, `ipv4`, `tcp`...; a repeated kind gets `_2`, `_3`...), and `error` when
 * decoding stopped early.
 *
 * @param record The capture metadata.
 * @param packet The decoded packet.
 * @returns The plain object; stringify it with {@linkcode jsonReplacer}.
 *
 * @example Build the object of a UDP packet
 * ```ts
 * import { packetToJson } from "./json.ts";
 * import { decode } from "../decode.ts";
 * import { LinkType } from "../link_type.ts";
 * import assert from "node:assert/strict";
 *
 * const frame = new Uint8Array(42);
 * frame.set([0x08, 0x00, 0x45, 0, 0, 28, 0, 0, 0, 0, 64, 17], 12);
 * frame.set([0x30, 0x39, 0, 53, 0, 8], 34);
 * const record = {
 *   timestamp: 1_000_000_000n, capturedLength: 42, originalLength: 42, interfaceId: 0,
 *   linkType: LinkType.EN10MB,
 * };
 * const json = packetToJson(record, decode(LinkType.EN10MB, frame));
 * assert.equal(json.time, "1970-01-01T00:00:01.000000000Z");
 * assert.deepEqual(json.udp, { sourcePort: 12345, destinationPort: 53, length: 8, checksum: 0 });
 * ```
 */
export function packetToJson(
  record: PacketRecordInfo,
  packet: JsonSource,
): Record<string, unknown> {
  return {
    timestamp: record.timestamp.toString(),
    time: isoTime(record.timestamp),
    capturedLength: record.capturedLength,
    originalLength: record.originalLength,
    interfaceId: record.interfaceId,
    linkType: record.linkType,
    ...packet.toJSON(),
  };
}

/**
 * Formats a packet as one line of JSON (without the newline): {@linkcode packetToJson}
 * stringified with {@linkcode jsonReplacer}.
 *
 * @param record The capture metadata.
 * @param packet The decoded packet.
 * @returns The JSON text, on one line.
 *
 * @example Write JSON lines for the packets of a file
 * ```ts
 * import { packetToJsonLine } from "./json.ts";
 * import { decode } from "../decode.ts";
 * import { openCapture } from "../formats/open_capture.ts";
 * import { pcapBytes } from "../formats/pcap.ts";
 * import assert from "node:assert/strict";
 *
 * const frame = new Uint8Array(14);
 * frame.set([0x88, 0xb5], 12); // an EtherType for local experiments
 * const bytes = pcapBytes([{ timestamp: 5_000n, data: frame }]);
 * await using reader = await openCapture(ReadableStream.from([bytes]));
 * const lines = [];
 * for await (const record of reader) {
 *   lines.push(packetToJsonLine(record, decode(record.linkType, record.data)));
 * }
 * assert.equal(
 *   lines[0],
 *   '{"timestamp":"5000","time":"1970-01-01T00:00:00.000005000Z","capturedLength":14,' +
 *     '"originalLength":14,"interfaceId":0,"linkType":1,"ethernet":{' +
 *     '"destination":"00:00:00:00:00:00","source":"00:00:00:00:00:00","etherType":34997}}',
 * );
 * ```
 */
export function packetToJsonLine(record: PacketRecordInfo, packet: JsonSource): string {
  return JSON.stringify(packetToJson(record, packet), jsonReplacer);
}
