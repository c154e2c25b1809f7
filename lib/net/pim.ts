/**
 * Protocol Independent Multicast, version 2 (RFC 7761), IP protocol 103: the common
 * header, and the options of a Hello message.
 *
 * @module
 */

import { decodeOne } from "../_decode_one.ts";
import { foldChecksum, sumWords } from "../checksum.ts";
import { DecodeError } from "../errors.ts";
import { IpProtocol } from "../ip_protocol.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type NetworkLayer,
  type ProtocolDescriptor,
} from "../layer.ts";
import {
  type PimAddressKind,
  type PimAssert,
  type PimBootstrap,
  type PimCandidateRp,
  type PimDfElection,
  type PimEncodedAddress,
  type PimJoinPrune,
  readAssert,
  readBootstrap,
  readCandidateRp,
  readDfElection,
  readJoinPrune,
  readRegisterStop,
} from "./_pim_bodies.ts";

export type {
  PimAddressKind,
  PimAssert,
  PimBootstrap,
  PimCandidateRp,
  PimDfElection,
  PimEncodedAddress,
  PimJoinPrune,
  PimJoinPruneGroup,
} from "./_pim_bodies.ts";

/** PIM version 2 message types. */
export const PimType = {
  HELLO: 0,
  REGISTER: 1,
  REGISTER_STOP: 2,
  JOIN_PRUNE: 3,
  BOOTSTRAP: 4,
  ASSERT: 5,
  GRAFT: 6,
  GRAFT_ACK: 7,
  CANDIDATE_RP_ADVERTISEMENT: 8,
  STATE_REFRESH: 9,
  DF_ELECTION: 10,
  ECMP_REDIRECT: 11,
} as const;

/** One option of a Hello message (RFC 7761 section 4.9.2). */
export interface PimHelloOption {
  /** The option type. */
  readonly type: number;
  /** The option length field. */
  readonly length: number;
  /** Offset of the value in `data`. */
  readonly valueOffset: number;
  /**
   * `true` when the message ends (by its length, or the captured bytes) before the
   * option's header or value does: the walk stops there.
   */
  readonly truncated: boolean;
}

/**
 * A PIM message: its 4-byte header (version, type, reserved byte, checksum; shorter when
 * the message is cut inside it, the missing fields then 0); the rest is its payload.
 *
 * @example Decode a PIM Hello with a hold time option
 * ```ts
 * import { decodePim } from "./pim.ts";
 * import assert from "node:assert/strict";
 *
 * const pim = decodePim(new Uint8Array([0x20, 0, 0xdf, 0x93, 0, 1, 0, 2, 0, 105]));
 * assert.equal(pim.version, 2);
 * assert.equal(pim.type, 0);
 * assert.equal(pim.checksumValid, true);
 * assert.deepEqual(pim.helloOptions().map((o) => [o.type, o.length]), [[1, 2]]);
 * ```
 */
export class Pim extends LayerBase {
  /** The discriminant. */
  readonly kind = "pim" as const;
  /** The version (2). */
  version = 0;
  /** The message type ({@linkcode PimType}). */
  type = 0;
  /** The reserved byte (RFC 5015: its high 4 bits are a subtype). */
  reserved = 0;
  /** The checksum field. */
  checksum = 0;
  #network: NetworkLayer | undefined = undefined;

  /**
   * Whether the checksum verifies over the message to `end` (over IPv6 with the
   * pseudo-header); for a Register message, over its 8 header bytes first, then over the
   * whole message (RFC 7761 4.9.3 accepts both).
   */
  get checksumValid(): boolean {
    if (this.type === PimType.REGISTER && this.end - this.offset >= 8) {
      if (this.#sum(this.offset + 8)) return true;
    }
    return this.#sum(this.end);
  }

  #sum(end: number): boolean {
    const initial = this.#network?.kind === "ipv6"
      ? this.#network.pseudoHeaderSum(IpProtocol.PIM, end - this.offset)
      : 0;
    return foldChecksum(sumWords(this.data, this.offset, end, initial)) === 0;
  }

  /**
   * The options of a Hello message, read as tcpdump does, up to `length` bytes of message
   * (by default those to `end`); the last one may be `truncated`. Empty for other types.
   *
   * @param length The message length (the IP payload length).
   * @returns The options.
   */
  helloOptions(length: number = this.end - this.offset): PimHelloOption[] {
    const list: PimHelloOption[] = [];
    if (this.type !== PimType.HELLO) return list;
    const d = this.data;
    let at = this.offset + 4;
    let left = length - 4;
    while (left > 0) {
      if (left < 4 || at + 4 > this.end) {
        list.push({ type: -1, length: 0, valueOffset: at, truncated: true });
        break;
      }
      const type = (d[at]! << 8) | d[at + 1]!;
      const optionLength = (d[at + 2]! << 8) | d[at + 3]!;
      at += 4;
      left -= 4;
      const truncated = left < optionLength || at + optionLength > this.end;
      list.push({ type, length: optionLength, valueOffset: at, truncated });
      if (truncated) break;
      at += optionLength;
      left -= optionLength;
    }
    return list;
  }

  /**
   * Reads an encoded address at `at` as tcpdump's pimv2_addr_print() does: with the
   * family byte, or without when the header's reserved byte gives the address length
   * (the RFC 2117 encoding).
   *
   * @param at Its offset in `data`.
   * @param limit Where the message (or the captured bytes) ends.
   * @param kind Unicast, group or source.
   * @returns The address, or `undefined` when it is cut short or of an unknown family.
   */
  readAddress(at: number, limit: number, kind: PimAddressKind): PimEncodedAddress | undefined {
    const d = this.data;
    let size = this.reserved & 0x0f;
    let header = 0;
    if (size === 0) {
      if (at + 2 > limit) return undefined;
      const family = d[at]!;
      if ((family !== 1 && family !== 2) || d[at + 1] !== 0) return undefined;
      size = family === 1 ? 4 : 16;
      header = 2;
    } else if (size !== 4 && size !== 16) return undefined;
    const p = at + header;
    const family = size === 4 ? 4 : 6;
    if (kind === "unicast") {
      if (p + size > limit) return undefined;
      return { family, addressAt: p, flags: 0, maskLength: -1, length: header + size };
    }
    if (p + size + 2 > limit) return undefined;
    return {
      family,
      addressAt: p + 2,
      flags: d[p]!,
      maskLength: d[p + 1]!,
      length: header + 2 + size,
    };
  }

  /**
   * The body of a Join/Prune (3), Graft (6) or Graft-Ack (7) message, read as tcpdump
   * does over `length` bytes of message.
   *
   * @param length The message length (the IP payload length).
   * @returns The body, or `undefined` for other types.
   */
  joinPrune(length: number = this.end - this.offset): PimJoinPrune | undefined {
    return readJoinPrune(this, length);
  }

  /**
   * The body of an Assert message (5), read as tcpdump does.
   *
   * @param length The message length (the IP payload length).
   * @returns The body, or `undefined` for other types.
   */
  assert(length: number = this.end - this.offset): PimAssert | undefined {
    return readAssert(this, length);
  }

  /**
   * The body of a Bootstrap message (4), read as tcpdump does.
   *
   * @param length The message length (the IP payload length).
   * @returns The body, or `undefined` for other types.
   */
  bootstrap(length: number = this.end - this.offset): PimBootstrap | undefined {
    return readBootstrap(this, length);
  }

  /**
   * The body of a Candidate-RP-Advertisement (8), read as tcpdump does.
   *
   * @param length The message length (the IP payload length).
   * @returns The body, or `undefined` for other types.
   */
  candidateRp(length: number = this.end - this.offset): PimCandidateRp | undefined {
    return readCandidateRp(this, length);
  }

  /**
   * The group and source of a Register-Stop message (2), read as tcpdump does.
   *
   * @param length The message length (the IP payload length).
   * @returns The addresses (`undefined` where they could not be read), or `undefined`
   *   for other types.
   */
  registerStop(
    length: number = this.end - this.offset,
  ): { group: PimEncodedAddress | undefined; source: PimEncodedAddress | undefined } | undefined {
    return readRegisterStop(this, length);
  }

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    context: DecodeContext,
  ): DecodeError | undefined {
    const available = end - offset;
    // tcpdump names the version and type from the first byte alone: it is required.
    if (available < 1) return DecodeError.truncated(this.kind, offset, 1, available);
    this.data = data;
    this.offset = offset;
    // A Register message's header includes its flags word; the packet inside follows.
    const type = data[offset]! & 0x0f;
    this.headerLength = Math.min(type === PimType.REGISTER && available >= 8 ? 8 : 4, available);
    this.end = end;
    this.version = data[offset]! >> 4;
    this.type = data[offset]! & 0x0f;
    this.reserved = available < 2 ? 0 : data[offset + 1]!;
    this.checksum = available < 4 ? 0 : (data[offset + 2]! << 8) | data[offset + 3]!;
    this.#network = context.network;
    return undefined;
  }

  /**
   * The body of a DF Election message (10), read as tcpdump does.
   *
   * @param length The message length (the IP payload length).
   * @returns The body, or `undefined` for other types.
   */
  dfElection(length: number = this.end - this.offset): PimDfElection | undefined {
    return readDfElection(this, length);
  }

  /** A Register message's flags (0x80000000 border, 0x40000000 null); undefined if not captured. */
  get registerFlags(): number | undefined {
    if (this.type !== PimType.REGISTER || this.headerLength < 8) return undefined;
    const d = this.data;
    const at = this.offset + 4;
    return ((d[at]! << 24) | (d[at + 1]! << 16) | (d[at + 2]! << 8) | d[at + 3]!) >>> 0;
  }

  /**
   * Whether the checksum verifies over the first `length` bytes of the message (over IPv6
   * with the pseudo-header): `undefined` when they were not all captured.
   *
   * @param length How many bytes the checksum covers.
   * @returns Whether it verifies.
   */
  checksumVerifies(length: number): boolean | undefined {
    if (this.offset + length > this.end) return undefined;
    return this.#sum(this.offset + length);
  }

  /** A Register message goes on to the IPv4 or IPv6 packet inside it. */
  nextDecoder(context: DecodeContext): Decoder | undefined {
    const at = this.offset + this.headerLength;
    if (this.type !== PimType.REGISTER || this.headerLength < 8 || at >= this.end) {
      return undefined;
    }
    const version = this.data[at]! >> 4;
    if (version === 4) return context.tables.etherTypes.get(0x0800);
    if (version === 6) return context.tables.etherTypes.get(0x86dd);
    return undefined;
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    const header: Record<string, unknown> = {
      version: this.version,
      type: this.type,
      reserved: this.reserved,
      checksum: this.checksum,
      checksumValid: this.checksumValid,
    };
    if (this.type === PimType.HELLO) {
      header.helloOptions = this.helloOptions().map((option) => ({
        type: option.type,
        length: option.length,
        value: Array.from(
          this.data.subarray(
            option.valueOffset,
            Math.min(option.valueOffset + option.length, this.end),
          ),
        ),
        ...(option.truncated ? { truncated: true } : {}),
      }));
    }
    return header;
  }
}

/**
 * Creates {@linkcode Pim} layers; the registry entry for IP protocol 103.
 *
 * @example Create a PIM layer
 * ```ts
 * import { pimDecoder } from "./pim.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(pimDecoder.create().kind, "pim");
 * ```
 */
export const pimDecoder: ProtocolDescriptor<Pim> = defineProtocol({
  kind: "pim",
  name: "PIM",
  tcpdumpName: "pim",
  create: () => new Pim(),
  bindings: { ipProtocols: [IpProtocol.PIM] },
});

/**
 * Decodes a PIM message header.
 *
 * @param data The bytes.
 * @param offset Where the message starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When not even its first byte is there.
 *
 * @example Reject a cut-off header
 * ```ts
 * import { decodePim } from "./pim.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodePim(new Uint8Array([])), {
 *   message: "Cannot decode PIM header: 1 bytes required, received 0",
 * });
 * ```
 */
export function decodePim(data: Uint8Array, offset = 0): Pim {
  return decodeOne(new Pim(), data, offset);
}
