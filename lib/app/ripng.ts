/**
 * RIPng (RFC 2080) over UDP port 521.
 *
 * @module
 */

import { formatIpv6 } from "../address.ts";
import type { DecodeError } from "../errors.ts";
import { decodeOne } from "../_decode_one.ts";
import { beginMessage } from "./_wire_length.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";

/** One route table entry of RIPng. */
export interface RipngEntry {
  /** The IPv6 prefix. */
  readonly prefix: string;
  /** The route tag. */
  readonly tag: number;
  /** The prefix length. */
  readonly prefixLength: number;
  /** The metric (16 is infinity). */
  readonly metric: number;
}

/**
 * A RIPng message: command, version and route table entries (of 20 bytes each).
 *
 * @example Decode a request for the whole table
 * ```ts
 * import { decodeRipng } from "./ripng.ts";
 * import assert from "node:assert/strict";
 *
 * const bytes = new Uint8Array(24);
 * bytes.set([1, 1], 0);
 * bytes[23] = 16;
 * const rip = decodeRipng(bytes);
 * assert.equal(rip.command, 1);
 * assert.equal(rip.entries().entries[0]?.metric, 16);
 * assert.equal(rip.entries().entries[0]?.prefix, "::");
 * ```
 */
export class Ripng extends LayerBase {
  /** The discriminant. */
  readonly kind = "ripng" as const;
  /** The command: 1 request, 2 response. */
  command = 0;
  /** The version (1); `undefined` when not captured. */
  version: number | undefined = undefined;
  /** The message length the transport declares (the captured bytes may be fewer). */
  wireLength = 0;

  /**
   * The entries the message's length holds (the whole 20-byte entries), as far as the
   * captured bytes go: `truncated` when they end first; `left` is what the length leaves
   * after the last whole entry.
   */
  entries(): { entries: RipngEntry[]; truncated: boolean; left: number } {
    const entries: RipngEntry[] = [];
    let left = this.wireLength - 4;
    let at = this.offset + 4;
    while (left >= 20) {
      if (at + 20 > this.end) return { entries, truncated: true, left };
      const d = this.data;
      entries.push({
        prefix: formatIpv6(d, at),
        tag: (d[at + 16]! << 8) | d[at + 17]!,
        prefixLength: d[at + 18]!,
        metric: d[at + 19]!,
      });
      at += 20;
      left -= 20;
    }
    return { entries, truncated: false, left };
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
    this.command = data[offset]!;
    this.version = end - offset > 1 ? data[offset + 1]! : undefined;
    this.headerLength = Math.min(4, end - offset);
    return undefined;
  }

  /** Picks the decoder of the payload from the context's tables. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return { command: this.command, version: this.version, entries: this.entries().entries };
  }
}

/**
 * Creates {@linkcode Ripng} layers; the registry entry for UDP port 521.
 *
 * @example Create a RIPng layer
 * ```ts
 * import { ripngDecoder } from "./ripng.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(ripngDecoder.create().kind, "ripng");
 * ```
 */
export const ripngDecoder: ProtocolDescriptor<Ripng> = defineProtocol({
  kind: "ripng",
  name: "RIPng",
  tcpdumpName: "ripng",
  create: () => new Ripng(),
  bindings: { udpPorts: [521] },
});

/**
 * Decodes a RIPng message.
 *
 * @param data The bytes.
 * @param offset Where the message starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When no byte remains.
 *
 * @example Decode a response without entries
 * ```ts
 * import { decodeRipng } from "./ripng.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(decodeRipng(new Uint8Array([2, 1, 0, 0])).entries().entries.length, 0);
 * ```
 */
export function decodeRipng(data: Uint8Array, offset = 0): Ripng {
  return decodeOne(new Ripng(), data, offset);
}
