/**
 * Enhanced Interior Gateway Routing Protocol (RFC 7868), IP protocol 88: the 20-byte
 * header and its TLVs, with the fields of the general parameters, software version and
 * IPv4 internal and external route TLVs.
 *
 * @module
 */

import { readUint32 } from "../_bytes.ts";
import { decodeOne } from "../_decode_one.ts";
import type { DecodeError } from "../errors.ts";
import { beginLayer } from "../_begin_layer.ts";
import { IpProtocol } from "../ip_protocol.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";

/** EIGRP opcodes. */
export const EigrpOpcode = {
  UPDATE: 1,
  QUERY: 3,
  REPLY: 4,
  HELLO: 5,
  IPX_SAP: 6,
  PROBE: 7,
} as const;

/** EIGRP TLV types (RFC 7868 section 6.6). */
export const EigrpTlvType = {
  PARAMETERS: 0x0001,
  AUTHENTICATION: 0x0002,
  SEQUENCE: 0x0003,
  SOFTWARE_VERSION: 0x0004,
  NEXT_MULTICAST_SEQUENCE: 0x0005,
  IPV4_INTERNAL: 0x0102,
  IPV4_EXTERNAL: 0x0103,
} as const;

/** The metric fields of an IPv4 route TLV. */
export interface EigrpRoute {
  /** Offset of the next hop (4 bytes) in `data`; 0.0.0.0 means the sender. */
  readonly nextHopAt: number;
  /** The delay, in tens of microseconds. */
  readonly delay: number;
  /** The bandwidth. */
  readonly bandwidth: number;
  /** The MTU (24 bits). */
  readonly mtu: number;
  /** The hop count. */
  readonly hopCount: number;
  /** The reliability. */
  readonly reliability: number;
  /** The load. */
  readonly load: number;
  /** The prefix length. */
  readonly prefixLength: number;
  /** The destination prefix as 4 bytes (the bytes that the prefix length covers, the rest 0). */
  readonly prefix: readonly number[];
  /** External routes: offset of the originating router (4 bytes) in `data`. */
  readonly originRouterAt?: number;
  /** External routes: the originating autonomous system. */
  readonly originAs?: number;
  /** External routes: the administrative tag. */
  readonly tag?: number;
  /** External routes: the external protocol metric. */
  readonly externalMetric?: number;
  /** External routes: the external protocol ID. */
  readonly externalProtocol?: number;
  /** External routes: the flags. */
  readonly flags?: number;
}

/** One TLV of an EIGRP packet. */
export interface EigrpTlv {
  /** Offset of the TLV header in `data`. */
  readonly offset: number;
  /** The type ({@linkcode EigrpTlvType}); -1 when its header was not captured. */
  readonly type: number;
  /** The length field (header included). */
  readonly length: number;
  /**
   * Why the walk stopped here: `"bad-length"` (below 4, or past the packet's end),
   * `"truncated"` (the captured bytes end inside it); `undefined` for a whole TLV.
   */
  readonly problem: "bad-length" | "truncated" | undefined;
  /** The value is shorter than its type's fixed fields (which are then not read). */
  readonly tooShort: boolean;
  /** Parameters: K1 to K5 and the hold time. */
  readonly parameters?: { readonly k: readonly number[]; readonly holdTime: number };
  /** Software version: the release and the TLV version, major and minor each. */
  readonly softwareVersion?: readonly [number, number, number, number];
  /** IPv4 internal and external routes. */
  readonly route?: EigrpRoute;
}

/**
 * An EIGRP packet header; the TLVs are its payload, read by {@linkcode Eigrp.tlvs}.
 *
 * @example Decode an EIGRP Hello header
 * ```ts
 * import { decodeEigrp } from "./eigrp.ts";
 * import assert from "node:assert/strict";
 *
 * const eigrp = decodeEigrp(new Uint8Array([
 *   2, 5, 0xee, 0xad, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 100,
 * ]));
 * assert.equal(eigrp.version, 2);
 * assert.equal(eigrp.opcode, 5);
 * assert.equal(eigrp.autonomousSystem, 100);
 * assert.deepEqual(eigrp.tlvs(), []);
 * ```
 */
export class Eigrp extends LayerBase {
  /** The discriminant. */
  readonly kind = "eigrp" as const;
  /** The version (2). */
  version = 0;
  /** The opcode ({@linkcode EigrpOpcode}). */
  opcode = 0;
  /** The checksum field. */
  checksum = 0;
  /** The flags (0x01 init, 0x02 conditional receive, 0x04 restart, 0x08 end of table). */
  flags = 0;
  /** The sequence number. */
  sequence = 0;
  /** The acknowledgment number. */
  acknowledgment = 0;
  /** The virtual router ID. */
  virtualRouterId = 0;
  /** The autonomous system number. */
  autonomousSystem = 0;

  /**
   * The TLVs, read as tcpdump does over `length` bytes of packet (by default those to
   * `end`); the last one may have a `problem`.
   *
   * @param length The packet length (the IP payload length).
   * @returns The TLVs.
   */
  tlvs(length: number = this.end - this.offset): EigrpTlv[] {
    const d = this.data;
    const list: EigrpTlv[] = [];
    let at = this.offset + 20;
    let left = length - 20;
    while (left > 0) {
      if (at + 4 > this.end) {
        list.push({ offset: at, type: -1, length: 0, problem: "truncated", tooShort: false });
        break;
      }
      const type = (d[at]! << 8) | d[at + 1]!;
      const tlvLength = (d[at + 2]! << 8) | d[at + 3]!;
      const base = { offset: at, type, length: tlvLength };
      if (tlvLength < 4 || tlvLength > left) {
        list.push({ ...base, problem: "bad-length", tooShort: false });
        break;
      }
      if (at + tlvLength > this.end) {
        list.push({ ...base, problem: "truncated", tooShort: false });
        break;
      }
      list.push(readTlv(d, at, type, tlvLength, this.end));
      at += tlvLength;
      left -= tlvLength;
    }
    return list;
  }

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    _context: DecodeContext,
  ): DecodeError | undefined {
    const error = beginLayer(this, data, offset, end, 20);
    if (error !== undefined) return error;
    this.headerLength = 20;
    this.version = data[offset]!;
    this.opcode = data[offset + 1]!;
    this.checksum = (data[offset + 2]! << 8) | data[offset + 3]!;
    this.flags = readUint32(data, offset + 4);
    this.sequence = readUint32(data, offset + 8);
    this.acknowledgment = readUint32(data, offset + 12);
    this.virtualRouterId = (data[offset + 16]! << 8) | data[offset + 17]!;
    this.autonomousSystem = (data[offset + 18]! << 8) | data[offset + 19]!;
    return undefined;
  }

  /** Picks the decoder of the payload from the context's tables. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return {
      version: this.version,
      opcode: this.opcode,
      checksum: this.checksum,
      flags: this.flags,
      sequence: this.sequence,
      acknowledgment: this.acknowledgment,
      virtualRouterId: this.virtualRouterId,
      autonomousSystem: this.autonomousSystem,
      tlvs: this.tlvs().map(({ offset: _offset, ...fields }) => fields),
    };
  }
}

function readTlv(d: Uint8Array, at: number, type: number, length: number, end: number): EigrpTlv {
  const base = { offset: at, type, length, problem: undefined };
  const value = at + 4;
  const size = length - 4;
  switch (type) {
    case EigrpTlvType.PARAMETERS:
      if (size < 8) return { ...base, tooShort: true };
      return {
        ...base,
        tooShort: false,
        parameters: {
          k: [d[value]!, d[value + 1]!, d[value + 2]!, d[value + 3]!, d[value + 4]!],
          holdTime: (d[value + 6]! << 8) | d[value + 7]!,
        },
      };
    case EigrpTlvType.SOFTWARE_VERSION:
      if (size < 4) return { ...base, tooShort: true };
      return {
        ...base,
        tooShort: false,
        softwareVersion: [d[value]!, d[value + 1]!, d[value + 2]!, d[value + 3]!],
      };
    case EigrpTlvType.IPV4_INTERNAL:
    case EigrpTlvType.IPV4_EXTERNAL: {
      const external = type === EigrpTlvType.IPV4_EXTERNAL;
      if (size < (external ? 42 : 22)) return { ...base, tooShort: true };
      const metric = external ? value + 24 : value + 4;
      const prefixLength = d[metric + 16]!;
      const prefix = [0, 0, 0, 0];
      const bytes = prefixLength > 32 ? 0 : (prefixLength + 7) >> 3;
      for (let i = 0; i < bytes && metric + 17 + i < end; i++) prefix[i] = d[metric + 17 + i]!;
      const route: EigrpRoute = {
        nextHopAt: value,
        delay: readUint32(d, metric),
        bandwidth: readUint32(d, metric + 4),
        mtu: (d[metric + 8]! << 16) | (d[metric + 9]! << 8) | d[metric + 10]!,
        hopCount: d[metric + 11]!,
        reliability: d[metric + 12]!,
        load: d[metric + 13]!,
        prefixLength,
        prefix,
        ...(external
          ? {
            originRouterAt: value + 4,
            originAs: readUint32(d, value + 8),
            tag: readUint32(d, value + 12),
            externalMetric: readUint32(d, value + 16),
            externalProtocol: d[value + 22]!,
            flags: d[value + 23]!,
          }
          : {}),
      };
      return { ...base, tooShort: false, route };
    }
    default:
      return { ...base, tooShort: false };
  }
}

/**
 * Creates {@linkcode Eigrp} layers; the registry entry for IP protocol 88.
 *
 * @example Create an EIGRP layer
 * ```ts
 * import { eigrpDecoder } from "./eigrp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(eigrpDecoder.create().kind, "eigrp");
 * ```
 */
export const eigrpDecoder: ProtocolDescriptor<Eigrp> = defineProtocol({
  kind: "eigrp",
  name: "EIGRP",
  tcpdumpName: "eigrp",
  create: () => new Eigrp(),
  bindings: { ipProtocols: [IpProtocol.EIGRP] },
});

/**
 * Decodes an EIGRP header.
 *
 * @param data The bytes.
 * @param offset Where the header starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When the 20-byte header is cut short.
 *
 * @example Reject a cut-off header
 * ```ts
 * import { decodeEigrp } from "./eigrp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeEigrp(new Uint8Array(12)), {
 *   message: "Cannot decode EIGRP header: 20 bytes required, received 12",
 * });
 * ```
 */
export function decodeEigrp(data: Uint8Array, offset = 0): Eigrp {
  return decodeOne(new Eigrp(), data, offset);
}
