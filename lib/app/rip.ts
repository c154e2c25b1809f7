/**
 * RIP versions 1 and 2 (RFC 1058, RFC 2453, with the authentication of RFC 4822) over UDP
 * port 520.
 *
 * @module
 */

import { formatIpv4 } from "../address.ts";
import type { DecodeError } from "../errors.ts";
import { decodeOne } from "../_decode_one.ts";
import { beginMessage, capturedEnd } from "./_wire_length.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";

/** RIP commands. */
export const RipCommand = {
  REQUEST: 1,
  RESPONSE: 2,
  TRACE_ON: 3,
  TRACE_OFF: 4,
  POLL: 5,
  POLL_ENTRY: 6,
} as const;

/**
 * One entry of a RIP message: a route (20 bytes) or, in version 2, an authentication
 * entry (address family 0xffff) whose size depends on its type.
 */
export interface RipEntry {
  /** Offset of the entry in the packet bytes. */
  readonly offset: number;
  /** Its size in bytes. */
  readonly size: number;
  /** The address family (2 IPv4, 0xffff authentication). */
  readonly family: number;
  /** The route tag (version 2), or the authentication type (family 0xffff). */
  readonly tag: number;
}

/**
 * A RIP message. Its entries are read on demand by {@linkcode Rip.entries}.
 *
 * @example Decode a version 2 response with one route
 * ```ts
 * import { decodeRip } from "./rip.ts";
 * import assert from "node:assert/strict";
 *
 * const rip = decodeRip(new Uint8Array([
 *   2, 2, 0, 0, 0, 2, 0, 0, 10, 0, 0, 0, 255, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,
 * ]));
 * assert.equal(rip.version, 2);
 * assert.equal(rip.command, 2);
 * assert.equal(rip.address(rip.entries().entries[0]!.offset + 4), "10.0.0.0");
 * ```
 */
export class Rip extends LayerBase {
  /** The discriminant. */
  readonly kind = "rip" as const;
  /** The command (see {@linkcode RipCommand}). */
  command = 0;
  /** The version (1 or 2). */
  version = 0;
  /** Fewer than the 4 header bytes were captured. */
  truncated = false;
  /** The message length the transport declares (the captured bytes may be fewer). */
  wireLength = 0;
  /** Where the captured bytes of the IP packet end (they may go past the UDP length). */
  captured = 0;

  /** The 32-bit number at `at` in the packet bytes. */
  uint32(at: number): number {
    const d = this.data;
    return ((d[at]! << 24) | (d[at + 1]! << 16) | (d[at + 2]! << 8) | d[at + 3]!) >>> 0;
  }

  /** The IPv4 address at `at` in the packet bytes. */
  address(at: number): string {
    return formatIpv4(this.data, at);
  }

  /**
   * The entries, as far as the captured bytes hold them. `stop` says why they end:
   * `"end"`, `"truncated"` (an entry is cut short) or `"short"` (fewer bytes are left
   * than a whole entry needs: `left` of `size`).
   */
  entries(): {
    entries: RipEntry[];
    stop: "end" | "truncated" | "short";
    left: number;
    size: number;
  } {
    const entries: RipEntry[] = [];
    const d = this.data;
    let at = this.offset + 4;
    let left = Math.min(this.end - this.offset, this.wireLength) - 4;
    while (left > 0) {
      if (left < 4 || (this.version === 1 && left < 20)) {
        return { entries, stop: "truncated", left, size: 0 };
      }
      const family = (d[at + 0]! << 8) | d[at + 1]!;
      const tag = (d[at + 2]! << 8) | d[at + 3]!;
      let size = 20;
      if (this.version === 2) {
        if (family === 0xffff) {
          if (tag === 3 && left < 20) return { entries, stop: "truncated", left, size: 0 };
          if (tag !== 2 && tag !== 3) size = left;
        } else if (family === 0 || family === 2) {
          if (left < 20) return { entries, stop: "truncated", left, size: 0 };
        } else if (left < 20) {
          entries.push({ offset: at, size, family, tag });
          return { entries, stop: "short", left, size };
        }
      }
      if (left < size) {
        entries.push({ offset: at, size, family, tag });
        return { entries, stop: "short", left, size };
      }
      entries.push({ offset: at, size, family, tag });
      at += size;
      left -= size;
    }
    return { entries, stop: "end", left: 0, size: 0 };
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
    this.captured = capturedEnd(context, end);
    this.truncated = Math.min(end - offset, this.wireLength) < 4;
    this.headerLength = this.truncated ? 0 : 4;
    this.command = data[offset]!;
    this.version = end - offset > 1 ? data[offset + 1]! : 0;
    return undefined;
  }

  /** Picks the decoder of the payload from the context's tables. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return {
      command: this.command,
      version: this.version,
      entries: this.entries().entries.map((e) => ({ family: e.family, tag: e.tag })),
    };
  }
}

/**
 * Creates {@linkcode Rip} layers; the registry entry for UDP port 520.
 *
 * @example Create a RIP layer
 * ```ts
 * import { ripDecoder } from "./rip.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(ripDecoder.create().kind, "rip");
 * ```
 */
export const ripDecoder: ProtocolDescriptor<Rip> = defineProtocol({
  kind: "rip",
  name: "RIP",
  tcpdumpName: "rip",
  create: () => new Rip(),
  bindings: { udpPorts: [520] },
});

/**
 * Decodes a RIP message.
 *
 * @param data The bytes.
 * @param offset Where the message starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When no byte remains.
 *
 * @example Decode a request header cut short
 * ```ts
 * import { decodeRip } from "./rip.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(decodeRip(new Uint8Array([1, 2])).truncated, true);
 * ```
 */
export function decodeRip(data: Uint8Array, offset = 0): Rip {
  return decodeOne(new Rip(), data, offset);
}
