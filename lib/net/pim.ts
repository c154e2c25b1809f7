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

/** How an encoded address is laid out (RFC 7761 section 4.9.1). */
export type PimAddressKind = "unicast" | "group" | "source";

/** An encoded unicast, group or source address. */
export interface PimEncodedAddress {
  /** 4 for IPv4, 6 for IPv6. */
  readonly family: 4 | 6;
  /** Offset of the address bytes in `data`. */
  readonly addressAt: number;
  /** Group and source: the flags byte (source: S 0x04, W 0x02, R 0x01); 0 for unicast. */
  readonly flags: number;
  /** Group and source: the mask length; -1 for unicast. */
  readonly maskLength: number;
  /** The encoded length in bytes. */
  readonly length: number;
}

/** One group of a Join/Prune, Graft or Graft-Ack message. */
export interface PimJoinPruneGroup {
  /** The group address (undefined when it could not be read: the walk stops). */
  readonly group: PimEncodedAddress | undefined;
  /** The number of joined sources announced (-1 when not read). */
  readonly joinedCount: number;
  /** The number of pruned sources announced (-1 when not read). */
  readonly prunedCount: number;
  /** The joined sources read. */
  readonly joined: readonly PimEncodedAddress[];
  /** The pruned sources read. */
  readonly pruned: readonly PimEncodedAddress[];
}

/** The body of a Join/Prune, Graft or Graft-Ack message, as far as it could be read. */
export interface PimJoinPrune {
  /** The upstream neighbor (not in a Graft-Ack; undefined when it could not be read). */
  readonly upstreamNeighbor: PimEncodedAddress | undefined;
  /** The number of groups (-1 when not read). */
  readonly groupCount: number;
  /** The hold time in seconds. */
  readonly holdTime: number;
  /** The groups read. */
  readonly groups: readonly PimJoinPruneGroup[];
  /** Whether the body ended before all that it announces. */
  readonly truncated: boolean;
}

/** The body of an Assert message, as far as it could be read. */
export interface PimAssert {
  /** The group address. */
  readonly group: PimEncodedAddress | undefined;
  /** The source address. */
  readonly source: PimEncodedAddress | undefined;
  /** The RPT bit, the metric preference and the metric (undefined when not read). */
  readonly metric:
    | { readonly rpt: boolean; readonly preference: number; readonly metric: number }
    | undefined;
}

/**
 * The body of a Bootstrap message as far as it could be read: each field is `undefined`
 * from where the message (or the captured bytes) ends.
 */
export interface PimBootstrap {
  /** The fragment tag, the hash mask length and the BSR priority. */
  readonly tag: number | undefined;
  readonly hashMaskLength: number | undefined;
  readonly priority: number | undefined;
  /** The BSR address. */
  readonly bsr: PimEncodedAddress | undefined;
  /** The groups. */
  readonly groups: readonly {
    readonly group: PimEncodedAddress | undefined;
    readonly rpCount: number | undefined;
    readonly fragmentRpCount: number | undefined;
    /** Whether the reserved bytes after the counts are there. */
    readonly complete: boolean;
    readonly rps: readonly {
      readonly address: PimEncodedAddress | undefined;
      readonly holdTime: number | undefined;
      readonly priority: number | undefined;
      readonly complete: boolean;
    }[];
  }[];
}

/** The body of a Candidate-RP-Advertisement as far as it could be read. */
export interface PimCandidateRp {
  readonly prefixCount: number | undefined;
  readonly priority: number | undefined;
  readonly holdTime: number | undefined;
  /** The RP address. */
  readonly rp: PimEncodedAddress | undefined;
  /** The group addresses read (the last `undefined` when it could not be). */
  readonly groups: readonly (PimEncodedAddress | undefined)[];
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
    if (this.type !== 3 && this.type !== 6 && this.type !== 7) return undefined;
    const d = this.data;
    const limit = Math.min(this.end, this.offset + length);
    let at = this.offset + 4;
    let upstreamNeighbor: PimEncodedAddress | undefined = undefined;
    const groups: PimJoinPruneGroup[] = [];
    const cut = (groupCount = -1, holdTime = 0): PimJoinPrune => ({
      upstreamNeighbor,
      groupCount,
      holdTime,
      groups,
      truncated: true,
    });
    if (this.type !== 7) {
      upstreamNeighbor = this.readAddress(at, limit, "unicast");
      if (upstreamNeighbor === undefined) return cut();
      at += upstreamNeighbor.length;
    }
    if (at + 4 > limit) return cut();
    const groupCount = d[at + 1]!;
    const holdTime = (d[at + 2]! << 8) | d[at + 3]!;
    at += 4;
    for (let i = 0; i < groupCount; i++) {
      const group = this.readAddress(at, limit, "group");
      if (group === undefined || at + group.length + 4 > limit) {
        groups.push({ group, joinedCount: -1, prunedCount: -1, joined: [], pruned: [] });
        return cut(groupCount, holdTime);
      }
      at += group.length;
      const joinedCount = (d[at]! << 8) | d[at + 1]!;
      const prunedCount = (d[at + 2]! << 8) | d[at + 3]!;
      at += 4;
      const joined: PimEncodedAddress[] = [];
      const pruned: PimEncodedAddress[] = [];
      groups.push({ group, joinedCount, prunedCount, joined, pruned });
      for (const [count, list] of [[joinedCount, joined], [prunedCount, pruned]] as const) {
        for (let j = 0; j < count; j++) {
          const source = this.readAddress(at, limit, "source");
          if (source === undefined) return cut(groupCount, holdTime);
          list.push(source);
          at += source.length;
        }
      }
    }
    return { upstreamNeighbor, groupCount, holdTime, groups, truncated: false };
  }

  /**
   * The body of an Assert message (5), read as tcpdump does.
   *
   * @param length The message length (the IP payload length).
   * @returns The body, or `undefined` for other types.
   */
  assert(length: number = this.end - this.offset): PimAssert | undefined {
    if (this.type !== 5) return undefined;
    const d = this.data;
    const limit = Math.min(this.end, this.offset + length);
    let at = this.offset + 4;
    const group = this.readAddress(at, limit, "group");
    if (group === undefined) return { group, source: undefined, metric: undefined };
    at += group.length;
    const source = this.readAddress(at, limit, "unicast");
    if (source === undefined) return { group, source, metric: undefined };
    at += source.length;
    if (at + 8 > limit) return { group, source, metric: undefined };
    const word = ((d[at]! << 24) | (d[at + 1]! << 16) | (d[at + 2]! << 8) | d[at + 3]!) >>> 0;
    const metric = ((d[at + 4]! << 24) | (d[at + 5]! << 16) | (d[at + 6]! << 8) | d[at + 7]!) >>>
      0;
    return {
      group,
      source,
      metric: { rpt: word >>> 31 === 1, preference: word & 0x7fffffff, metric },
    };
  }

  /**
   * The body of a Bootstrap message (4), read as tcpdump does.
   *
   * @param length The message length (the IP payload length).
   * @returns The body, or `undefined` for other types.
   */
  bootstrap(length: number = this.end - this.offset): PimBootstrap | undefined {
    if (this.type !== 4) return undefined;
    const d = this.data;
    const limit = Math.min(this.end, this.offset + length);
    let at = this.offset + 4;
    const byte = (p: number): number | undefined => p < limit ? d[p] : undefined;
    const tag = at + 2 <= limit ? (d[at]! << 8) | d[at + 1]! : undefined;
    const hashMaskLength = tag === undefined ? undefined : byte(at + 2);
    // tcpdump checks the byte after the priority too before it prints the priority.
    const priority = hashMaskLength === undefined || at + 4 > limit ? undefined : d[at + 3];
    const groups: PimBootstrap["groups"][number][] = [];
    const partial = { tag, hashMaskLength, priority, groups };
    if (priority === undefined) return { ...partial, bsr: undefined };
    at += 4;
    const bsr = this.readAddress(at, limit, "unicast");
    if (bsr === undefined) return { ...partial, bsr };
    at += bsr.length;
    while (at < limit) {
      const group = this.readAddress(at, limit, "group");
      const rps: PimBootstrap["groups"][number]["rps"][number][] = [];
      if (group === undefined) {
        groups.push({
          group,
          rpCount: undefined,
          fragmentRpCount: undefined,
          complete: false,
          rps,
        });
        break;
      }
      at += group.length;
      const rpCount = byte(at);
      const fragmentRpCount = rpCount === undefined ? undefined : byte(at + 1);
      const complete = at + 4 <= limit;
      groups.push({ group, rpCount, fragmentRpCount, complete, rps });
      if (!complete) break;
      at += 4;
      for (let j = 0; j < fragmentRpCount! && at < limit; j++) {
        const address = this.readAddress(at, limit, "unicast");
        if (address === undefined) {
          rps.push({ address, holdTime: undefined, priority: undefined, complete: false });
          return { ...partial, bsr };
        }
        at += address.length;
        const holdTime = at + 2 <= limit ? (d[at]! << 8) | d[at + 1]! : undefined;
        const rpPriority = holdTime === undefined ? undefined : byte(at + 2);
        const rpComplete = at + 4 <= limit;
        rps.push({ address, holdTime, priority: rpPriority, complete: rpComplete });
        if (!rpComplete) return { ...partial, bsr };
        at += 4;
      }
    }
    return { ...partial, bsr };
  }

  /**
   * The body of a Candidate-RP-Advertisement (8), read as tcpdump does.
   *
   * @param length The message length (the IP payload length).
   * @returns The body, or `undefined` for other types.
   */
  candidateRp(length: number = this.end - this.offset): PimCandidateRp | undefined {
    if (this.type !== 8) return undefined;
    const d = this.data;
    const limit = Math.min(this.end, this.offset + length);
    let at = this.offset + 4;
    const prefixCount = at < limit ? d[at] : undefined;
    const priority = at + 1 < limit ? d[at + 1] : undefined;
    const holdTime = at + 4 <= limit ? (d[at + 2]! << 8) | d[at + 3]! : undefined;
    const groups: (PimEncodedAddress | undefined)[] = [];
    if (holdTime === undefined) return { prefixCount, priority, holdTime, rp: undefined, groups };
    at += 4;
    const rp = this.readAddress(at, limit, "unicast");
    if (rp !== undefined) {
      at += rp.length;
      for (let i = 0; i < prefixCount! && at < limit; i++) {
        const group = this.readAddress(at, limit, "group");
        groups.push(group);
        if (group === undefined) break;
        at += group.length;
      }
    }
    return { prefixCount, priority, holdTime, rp, groups };
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
    if (this.type !== 2) return undefined;
    const limit = Math.min(this.end, this.offset + length);
    const group = this.readAddress(this.offset + 4, limit, "group");
    if (group === undefined) return { group, source: undefined };
    const source = this.readAddress(this.offset + 4 + group.length, limit, "unicast");
    return { group, source };
  }

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
