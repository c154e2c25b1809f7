/**
 * Cisco Auto-RP (pim-autorp-spec01, version 1+), on UDP port 496: an 8-byte header (type,
 * RP count, hold time, reserved), then for each RP its address, the PIM versions it runs
 * and its group prefixes.
 *
 * @module
 */

import type { DecodeError } from "../errors.ts";
import { readUint16 } from "../_bytes.ts";
import { decodeOne } from "../_decode_one.ts";
import { beginMessage } from "./_wire_length.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";

/**
 * Auto-RP message types.
 *
 * @example Compare a type
 * ```ts
 * import { AutoRpType } from "./autorp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(AutoRpType.MAPPING, 0x12);
 * ```
 */
export const AutoRpType = {
  /** An RP announces itself (to 224.0.1.39). */
  CANDIDATE_ADVERT: 0x11,
  /** The mapping agent's RP-to-group mappings (to 224.0.1.40). */
  MAPPING: 0x12,
} as const;

/**
 * Where the reading of the RPs stops, as tcpdump's cisco_autorp_print() stops: `length`
 * when the message (by the UDP length) ends before a field, `capture` when the capture does.
 */
export type AutoRpCut = "length" | "capture";

/** One group prefix of an RP, 6 bytes. */
export interface AutoRpPrefix {
  /** Offset of the prefix address in the layer's `data`. */
  readonly addressAt: number;
  /** The mask length byte. */
  readonly maskLength: number;
  /** The negative bit (the prefix is excluded). */
  readonly negative: boolean;
  /** The bidir bit (bidirectional PIM). */
  readonly bidir: boolean;
  /** The reserved bits of the flags byte (its high 6 bits, in place). */
  readonly reserved: number;
}

/** One RP with the fields read before any cut. */
export interface AutoRpRp {
  /** Offset of the RP address in `data`. */
  readonly addressAt: number;
  /** The byte of the PIM versions (bit 0: version 1, bit 1: version 2; the rest reserved). */
  versions: number | undefined;
  /** The number of group prefixes. */
  prefixCount: number | undefined;
  /** The prefixes read. */
  readonly prefixes: AutoRpPrefix[];
}

/** The RPs of a message, and where their reading stopped. */
export interface AutoRpBody {
  /** The RPs read, the last possibly without its later fields. */
  readonly rps: AutoRpRp[];
  /** Where the reading stopped, or `undefined` when every RP was read. */
  readonly cut: AutoRpCut | undefined;
}

/**
 * An Auto-RP message. The header fields the capture cut read as `undefined`.
 *
 * @example Decode a mapping with one RP for 224.0.0.0/4
 * ```ts
 * import { decodeAutoRp } from "./autorp.ts";
 * import assert from "node:assert/strict";
 *
 * const autoRp = decodeAutoRp(new Uint8Array([
 *   0x12, 1, 0, 181, 0, 0, 0, 0,
 *   10, 1, 1, 1, 3, 1, 0, 4, 224, 0, 0, 0,
 * ]));
 * assert.equal(autoRp.type, 0x12);
 * assert.equal(autoRp.holdTime, 181);
 * const { rps, cut } = autoRp.body();
 * assert.equal(cut, undefined);
 * assert.deepEqual(rps.map((rp) => [rp.versions, rp.prefixes[0]!.maskLength]), [[3, 4]]);
 * ```
 */
export class AutoRp extends LayerBase {
  /** The discriminant. */
  readonly kind = "autorp" as const;
  /** The message type ({@linkcode AutoRpType}); the version is its high 4 bits. */
  type = 0;
  /** The number of RPs. */
  rpCount: number | undefined = undefined;
  /** The hold time in seconds (0: forever). */
  holdTime: number | undefined = undefined;
  /** The message length the transport declares. */
  wireLength = 0;

  /**
   * The RPs, read as cisco_autorp_print() reads them: each field is first checked against
   * the message length, then read from the captured bytes. Built on each call.
   *
   * @returns The RPs and where their reading stopped.
   */
  body(): AutoRpBody {
    const rps: AutoRpRp[] = [];
    const d = this.data;
    const end = this.end;
    let at = this.offset + 8;
    let left = this.wireLength - 8;
    const stop = (size: number): AutoRpCut | undefined =>
      left < size ? "length" : at + size > end ? "capture" : undefined;
    let cut: AutoRpCut | undefined;
    for (let n = this.rpCount ?? 0; n > 0; n--) {
      if ((cut = stop(4))) return { rps, cut };
      const rp: AutoRpRp = {
        addressAt: at,
        versions: undefined,
        prefixCount: undefined,
        prefixes: [],
      };
      rps.push(rp);
      at += 4;
      left -= 4;
      if ((cut = stop(1))) return { rps, cut };
      rp.versions = d[at]!;
      at += 1;
      left -= 1;
      if ((cut = stop(1))) return { rps, cut };
      rp.prefixCount = d[at]!;
      at += 1;
      left -= 1;
      for (let p = rp.prefixCount; p > 0; p--) {
        if ((cut = stop(6))) return { rps, cut };
        const flags = d[at]!;
        rp.prefixes.push({
          addressAt: at + 2,
          maskLength: d[at + 1]!,
          negative: (flags & 0x01) !== 0,
          bidir: (flags & 0x02) !== 0,
          reserved: flags & 0xfc,
        });
        at += 6;
        left -= 6;
      }
    }
    return { rps, cut: undefined };
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
    this.headerLength = Math.min(8, end - offset);
    this.type = data[offset]!;
    this.rpCount = offset + 2 <= end ? data[offset + 1]! : undefined;
    this.holdTime = offset + 4 <= end ? readUint16(data, offset + 2) : undefined;
    return undefined;
  }

  /** Picks the decoder of the payload from the context's tables. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    const { rps, cut } = this.body();
    return {
      type: this.type,
      rpCount: this.rpCount,
      holdTime: this.holdTime,
      rps: rps.map((rp) => ({ ...rp, prefixes: [...rp.prefixes] })),
      ...(cut === undefined ? {} : { cut }),
    };
  }
}

/**
 * Creates {@linkcode AutoRp} layers; the registry entry for UDP port 496.
 *
 * @example Create an Auto-RP layer
 * ```ts
 * import { autoRpDecoder } from "./autorp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(autoRpDecoder.create().kind, "autorp");
 * ```
 */
export const autoRpDecoder: ProtocolDescriptor<AutoRp> = defineProtocol({
  kind: "autorp",
  name: "Auto-RP",
  tcpdumpName: "cisco_autorp",
  create: () => new AutoRp(),
  bindings: { udpPorts: [496] },
});

/**
 * Decodes an Auto-RP message.
 *
 * @param data The bytes.
 * @param offset Where the message starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When no byte remains.
 *
 * @example Decode a message cut after its type
 * ```ts
 * import { decodeAutoRp } from "./autorp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(decodeAutoRp(new Uint8Array([0x11])).rpCount, undefined);
 * ```
 */
export function decodeAutoRp(data: Uint8Array, offset = 0): AutoRp {
  return decodeOne(new AutoRp(), data, offset);
}
