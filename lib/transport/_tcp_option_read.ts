/**
 * Reads one TCP option into its decoded value, and back into a plain object. Private to
 * `lib/transport/`: `tcp.ts` uses it.
 *
 * @module
 */

import { readUint32 } from "../_bytes.ts";
import { encodeHex } from "../_hex.ts";
import type { TcpOption, TcpSackBlock } from "./_tcp_options.ts";

/** The RFC 7413 experiment identifier of Fast Open in the experimental option 254. */
const FAST_OPEN_MAGIC = 0xf989;

/** The data bytes that tcpdump reads after the kind and length of a known option. */
export const KIND_DATA_SIZES: Readonly<Record<number, number>> = {
  2: 2,
  3: 1,
  6: 4,
  7: 4,
  8: 8,
  11: 4,
  12: 4,
  13: 4,
  19: 16,
  28: 2,
};

export function readOption(
  data: Uint8Array,
  at: number,
  kind: number,
  length: number,
): TcpOption {
  switch (kind) {
    case 2:
      if (length === 4) {
        return { name: "mss", kind, length, mss: (data[at + 2]! << 8) | data[at + 3]!, offset: at };
      }
      break;
    case 3:
      if (length === 3) {
        return { name: "window-scale", kind, length, shift: data[at + 2]!, offset: at };
      }
      break;
    case 4:
      if (length === 2) return { name: "sack-permitted", kind, length, offset: at };
      break;
    case 5:
      if (length >= 10 && (length - 2) % 8 === 0) {
        const blocks: TcpSackBlock[] = [];
        for (let i = at + 2; i < at + length; i += 8) {
          blocks.push({ left: readUint32(data, i), right: readUint32(data, i + 4) });
        }
        return { name: "sack", kind, length, blocks, offset: at };
      }
      break;
    case 8:
      if (length === 10) {
        return {
          name: "timestamps",
          kind,
          length,
          value: readUint32(data, at + 2),
          echo: readUint32(data, at + 6),
          offset: at,
        };
      }
      break;
    case 19:
      if (length === 18) {
        return { name: "md5", kind, length, digest: data.subarray(at + 2, at + 18), offset: at };
      }
      break;
    case 28:
      if (length === 4) {
        const value = (data[at + 2]! << 8) | data[at + 3]!;
        return {
          name: "user-timeout",
          kind,
          length,
          minutes: value >= 0x8000,
          timeout: value & 0x7fff,
          offset: at,
        };
      }
      break;
    case 34:
      if (length === 2 || (length >= 6 && length <= 18 && length % 2 === 0)) {
        return {
          name: "fast-open",
          kind,
          length,
          cookie: data.subarray(at + 2, at + length),
          offset: at,
        };
      }
      break;
    case 254:
      if (length >= 4 && ((data[at + 2]! << 8) | data[at + 3]!) === FAST_OPEN_MAGIC) {
        return {
          name: "fast-open",
          kind,
          length,
          cookie: data.subarray(at + 4, at + length),
          offset: at,
        };
      }
      break;
  }
  return { name: "raw", kind, length, data: data.subarray(at + 2, at + length), offset: at };
}

export function optionToJSON(option: TcpOption): Record<string, unknown> {
  switch (option.name) {
    case "md5":
      return { ...option, digest: encodeHex(option.digest) };
    case "fast-open":
      return { ...option, cookie: encodeHex(option.cookie) };
    case "raw":
    case "malformed":
    case "truncated":
      return { ...option, data: encodeHex(option.data) };
    case "sack":
      return { ...option, blocks: option.blocks.map((block) => ({ ...block })) };
    default:
      return { ...option };
  }
}
