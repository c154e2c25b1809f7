/**
 * Prints a followed conversation exactly as `tshark -q -z follow,...` 4.0 prints it:
 * the `===` rule, `Follow:`, `Filter:`, `Node 0:`/`Node 1:`, then each chunk, the
 * server's indented by a tab, then the rule again.
 *
 * @module
 */

import type { FollowResult } from "./follow_collector.ts";
import { followFilter, type FollowSpec } from "./follow_spec.ts";

const RULE = "===================================================================";
const HEX = "0123456789abcdef";

/** The printable ASCII of a byte as tshark's hex dump shows it. */
function printable(byte: number): string {
  return byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : ".";
}

/** tshark's hex dump of one chunk: 16 bytes a line, offsets continuing per direction. */
function hexLines(prefix: string, start: number, data: Uint8Array): string {
  let out = "";
  for (let line = 0; line < data.length; line += 16) {
    const offset = ((start + line) >>> 0).toString(16).toUpperCase().padStart(8, "0");
    let hex = "";
    let text = "";
    const end = Math.min(line + 16, data.length);
    for (let i = line; i < end; i++) {
      const byte = data[i]!;
      hex += HEX[byte >> 4]! + HEX[byte & 15]! + " ";
      text += printable(byte);
      if (i - line === 7) {
        hex += " ";
        text += " ";
      }
    }
    // tshark drops the last column when it is a space: the separator, or a space byte.
    if (text.endsWith(" ")) text = text.slice(0, -1);
    out += `${prefix}${offset}  ${hex.padEnd(49)} ${text}\n`;
  }
  return out;
}

/** A chunk as tshark's ascii mode shows it: unprintable bytes as dots, CR and LF kept. */
function asciiText(data: Uint8Array): string {
  let text = "";
  for (const byte of data) {
    text += byte === 0x0a || byte === 0x0d ? String.fromCharCode(byte) : printable(byte);
  }
  return text;
}

/** A chunk as bare lowercase hex. */
function rawHex(data: Uint8Array): string {
  let text = "";
  for (const byte of data) text += HEX[byte >> 4]! + HEX[byte & 15]!;
  return text;
}

/**
 * Formats a followed conversation as tshark prints it.
 *
 * @param spec The follow spec (protocol, mode, filter, chunk range).
 * @param result What was collected.
 * @returns The text, starting with an empty line and ending with the rule and a newline.
 *
 * @example A chunk each way, in raw mode
 * ```ts
 * import { formatFollow } from "./follow_format.ts";
 * import { parseFollowSpec } from "./follow_spec.ts";
 * import assert from "node:assert/strict";
 *
 * const text = formatFollow(parseFollowSpec("follow,tcp,raw,0"), {
 *   clientAddress: "10.0.0.1", clientPort: 40000, serverAddress: "10.0.0.2", serverPort: 80,
 *   ipVersion: 4,
 *   chunks: [
 *     { direction: 0, data: new Uint8Array([0x68, 0x69]), missing: false },
 *     { direction: 1, data: new Uint8Array([0x4f, 0x4b]), missing: false },
 *   ],
 * });
 * assert.equal(text.split("\n").slice(2, 7).join("\n"),
 *   "Follow: tcp,raw\nFilter: tcp.stream eq 0\nNode 0: 10.0.0.1:40000\nNode 1: 10.0.0.2:80\n6869");
 * ```
 */
export function formatFollow(spec: FollowSpec, result: FollowResult): string {
  const node = (address: string, port: number) =>
    result.ipVersion === 6 && address !== "" ? `[${address}]:${port}` : `${address}:${port}`;
  let out = `\n${RULE}\nFollow: ${spec.protocol},${spec.mode}\nFilter: ${followFilter(spec)}\n` +
    `Node 0: ${node(result.clientAddress, result.clientPort)}\n` +
    `Node 1: ${node(result.serverAddress, result.serverPort)}\n`;
  const position: [number, number] = [0, 0];
  let chunk = 0;
  for (const { direction, data } of result.chunks) {
    chunk++;
    const prefix = direction === 1 ? "\t" : "";
    if (chunk < spec.chunkMin || chunk > spec.chunkMax) {
      position[direction] += data.length;
      continue;
    }
    if (spec.mode === "hex") {
      out += hexLines(prefix, position[direction], data);
      position[direction] += data.length;
    } else if (spec.mode === "ascii") {
      out += `${prefix}${data.length}\n${asciiText(data)}\n`;
    } else {
      out += `${prefix}${rawHex(data)}\n`;
    }
  }
  return `${out}${RULE}\n`;
}
