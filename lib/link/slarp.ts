/**
 * Cisco's Serial Line ARP (SLARP), carried by Cisco HDLC with protocol type `0x8035`:
 * address requests and replies, and keepalives.
 *
 * @module
 */

import type { DecodeError } from "../errors.ts";
import { beginLayer } from "../_begin_layer.ts";
import { readUint16, readUint32 } from "../_bytes.ts";
import { decodeOne } from "../_decode_one.ts";
import { formatIpv4 } from "../address.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";

/** SLARP codes. */
export const SlarpCode = {
  /** Address request. */
  REQUEST: 0,
  /** Address reply: the sender's address and mask. */
  REPLY: 1,
  /** Keepalive: the sequence numbers seen, reliability and (optionally) uptime. */
  KEEPALIVE: 2,
} as const;

/**
 * A SLARP packet: a 4-byte code, then 10 bytes (an address and mask, or two sequence
 * numbers and a reliability word) and, in keepalives, an optional 4-byte uptime in
 * milliseconds.
 *
 * @example Decode a keepalive with its uptime
 * ```ts
 * import { decodeSlarp } from "./slarp.ts";
 * import assert from "node:assert/strict";
 *
 * const slarp = decodeSlarp(new Uint8Array([
 *   0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 5, 0xff, 0xff, 0, 0, 0x03, 0xe8,
 * ]));
 * assert.equal(slarp.code, 2);
 * assert.equal(slarp.mySequence, 3);
 * assert.equal(slarp.yourSequence, 5);
 * assert.equal(slarp.reliability, 0xffff);
 * assert.equal(slarp.uptime, 1000);
 * ```
 */
export class Slarp extends LayerBase {
  /** The discriminant. */
  readonly kind = "slarp" as const;
  /** The code (see {@linkcode SlarpCode}; unsigned 32-bit). */
  code = 0;
  /** The sender's sequence number (keepalive). */
  mySequence = 0;
  /** The last sequence number seen from the peer (keepalive). */
  yourSequence = 0;
  /** The reliability word (keepalive). */
  reliability = 0;
  /** The uptime in milliseconds (keepalive, when the 4 bytes are there). */
  uptime: number | undefined = undefined;

  /** The address of a reply (the first 4 bytes after the code), dotted. */
  get address(): string {
    return formatIpv4(this.data, this.offset + 4);
  }

  /** The mask of a reply (the 4 bytes after the address), dotted. */
  get mask(): string {
    return formatIpv4(this.data, this.offset + 8);
  }

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    _context: DecodeContext,
  ): DecodeError | undefined {
    const error = beginLayer(this, data, offset, end, 14);
    if (error !== undefined) return error;
    this.code = readUint32(data, offset);
    this.mySequence = readUint32(data, offset + 4);
    this.yourSequence = readUint32(data, offset + 8);
    this.reliability = readUint16(data, offset + 12);
    const keepalive = this.code === SlarpCode.KEEPALIVE && end - offset >= 18;
    this.uptime = keepalive ? readUint32(data, offset + 14) : undefined;
    this.headerLength = keepalive ? 18 : 14;
    return undefined;
  }

  /** Picks the decoder of the payload from the context's tables. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    switch (this.code) {
      case SlarpCode.KEEPALIVE:
        return {
          code: this.code,
          mySequence: this.mySequence,
          yourSequence: this.yourSequence,
          reliability: this.reliability,
          ...(this.uptime === undefined ? {} : { uptime: this.uptime }),
        };
      case SlarpCode.REPLY:
      case SlarpCode.REQUEST:
        return { code: this.code, address: this.address, mask: this.mask };
      default:
        return { code: this.code };
    }
  }
}

/**
 * Creates {@linkcode Slarp} layers; Cisco HDLC picks it for protocol type `0x8035`.
 *
 * @example Create a SLARP layer
 * ```ts
 * import { slarpDecoder } from "./slarp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(slarpDecoder.create().kind, "slarp");
 * ```
 */
export const slarpDecoder: ProtocolDescriptor<Slarp> = defineProtocol({
  kind: "slarp",
  name: "SLARP",
  tcpdumpName: "chdlc_slarp",
  create: () => new Slarp(),
  bindings: {},
});

/**
 * Decodes a SLARP packet.
 *
 * @param data The bytes.
 * @param offset Where the packet starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When fewer than 14 bytes remain.
 *
 * @example Read a reply's address and mask
 * ```ts
 * import { decodeSlarp } from "./slarp.ts";
 * import assert from "node:assert/strict";
 *
 * const slarp = decodeSlarp(new Uint8Array([0, 0, 0, 1, 15, 0, 0, 1, 255, 255, 255, 252, 0, 0]));
 * assert.equal(slarp.address, "15.0.0.1");
 * assert.equal(slarp.mask, "255.255.255.252");
 * ```
 */
export function decodeSlarp(data: Uint8Array, offset = 0): Slarp {
  return decodeOne(new Slarp(), data, offset);
}
