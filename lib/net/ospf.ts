/**
 * Open Shortest Path First: OSPF version 2 over IPv4 (RFC 2328) and OSPFv3 over IPv6
 * (RFC 5340), IP protocol 89. The common header is decoded; the body of a Hello packet
 * too (its fixed fields and neighbor list), the others stay bytes.
 *
 * @module
 */

import {
  readUint16,
  readUint16Before,
  readUint32,
  readUint32Before,
  readUint8Before,
} from "../_bytes.ts";
import { decodeOne } from "../_decode_one.ts";
import { DecodeError } from "../errors.ts";
import { IpProtocol } from "../ip_protocol.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";
import { type OspfLsa, type OspfLsaHeader, readLsa, readLsaHeader } from "./_ospf_lsa.ts";
import { type Ospf6Lsa, readLsa6 } from "./_ospf6_lsa.ts";
import type {
  OspfAuthTrailer,
  OspfDatabaseDescription,
  OspfHello,
  OspfList,
  OspfLls,
  OspfLsRequest,
} from "./_ospf_messages.ts";

export type { OspfLsa, OspfLsaHeader, OspfRouterLink } from "./_ospf_lsa.ts";
export type { Ospf6Lsa, Ospf6Prefix, Ospf6RouterLink, Ospf6Stop } from "./_ospf6_lsa.ts";
export { Ospf6LsaType } from "./_ospf6_lsa.ts";
export type {
  OspfAuthTrailer,
  OspfDatabaseDescription,
  OspfHello,
  OspfList,
  OspfLls,
  OspfLsRequest,
} from "./_ospf_messages.ts";
export type { OspfOpaqueStop, OspfOpaqueTlv, OspfOpaqueTlvs } from "./_ospf_opaque.ts";

/** OSPF packet types (the same in versions 2 and 3). */
export const OspfType = {
  HELLO: 1,
  DATABASE_DESCRIPTION: 2,
  LS_REQUEST: 3,
  LS_UPDATE: 4,
  LS_ACK: 5,
} as const;

/** OSPFv2 authentication types (RFC 2328 appendix D). */
export const OspfAuthType = {
  NONE: 0,
  SIMPLE: 1,
  /** Cryptographic (keyed MD5): a 16-byte digest follows the packet. */
  MD5: 2,
} as const;

/** The length of the keyed-MD5 digest after an OSPFv2 packet. */
export const OSPF_MD5_LENGTH = 16;

/**
 * An OSPF packet header (version 2 or 3): 24 bytes in version 2 (fewer when the packet is
 * cut inside its authentication data), 16 in version 3 (fewer in a partial layer, a header
 * over IPv6 cut after its type). Its `headerLength` is the common
 * header; the body is its payload, up to the packet length field (or the captured bytes).
 *
 * @example Decode an OSPFv2 Hello header
 * ```ts
 * import { decodeOspf } from "./ospf.ts";
 * import assert from "node:assert/strict";
 *
 * const ospf = decodeOspf(new Uint8Array([
 *   2, 1, 0, 24, 10, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
 * ]));
 * assert.equal(ospf.version, 2);
 * assert.equal(ospf.type, 1);
 * assert.equal(ospf.packetLength, 24);
 * assert.equal(ospf.routerId, "10.0.0.1");
 * ```
 */
export class Ospf extends LayerBase {
  /** The discriminant. */
  readonly kind = "ospf" as const;
  /** The version: 2 (IPv4) or 3 (IPv6). */
  version = 0;
  /** The packet type ({@linkcode OspfType}). */
  type = 0;
  /** The packet length field: the header and body, without an MD5 digest or LLS. */
  packetLength = 0;
  /** The area ID as a number. */
  areaIdValue = 0;
  /** The checksum field. */
  checksum = 0;
  /**
   * OSPFv2: the authentication type ({@linkcode OspfAuthType}): bytes 14-15, read in every
   * version (tcpdump reads them so over IPv4).
   */
  authType = 0;
  /** OSPFv3: the instance ID: byte 14, read in every version (tcpdump does over IPv6). */
  instanceId = 0;

  /** The router ID, dotted. */
  get routerId(): string {
    return dotted(this.data, this.offset + 4);
  }

  /** The area ID, dotted. */
  get areaId(): string {
    return dotted(this.data, this.offset + 8);
  }

  /** OSPFv2: the 8 bytes of authentication data (a view; empty in version 3). */
  get authData(): Uint8Array {
    if (this.version === 3 || this.headerLength < 24) return this.data.subarray(0, 0);
    return this.data.subarray(this.offset + 16, this.offset + 24);
  }

  /**
   * The Hello body, when this is a Hello packet whose fixed fields were captured:
   * otherwise `undefined`. Neighbors run to the packet length (or the captured bytes).
   */
  get hello(): OspfHello | undefined {
    if (this.type !== OspfType.HELLO) return undefined;
    const d = this.data;
    const at = this.offset + this.headerLength;
    const neighborsAt: number[] = [];
    let neighborsCut = false;
    if (this.version === 3) {
      // ospf6_print() reads a neighbor wherever one starts before the packet length.
      const limit = this.offset + this.packetLength;
      for (let p = at + 20; p < limit && !neighborsCut; p += 4) {
        if (p + 4 > this.end) neighborsCut = true;
        else neighborsAt.push(p);
      }
    } else {
      const limit = Math.min(this.end, this.offset + this.packetLength);
      for (let p = at + 20; p + 4 <= limit; p += 4) neighborsAt.push(p);
    }
    if (this.version === 2) {
      if (at + 20 > this.end) return undefined;
      return {
        interfaceId: 0,
        options: d[at + 6]!,
        helloInterval: (d[at + 4]! << 8) | d[at + 5]!,
        deadInterval: readUint32(d, at + 8),
        maskAt: at,
        priority: d[at + 7]!,
        designatedRouterAt: at + 12,
        backupDesignatedRouterAt: at + 16,
        neighborsAt,
        neighborsCut,
        captured: 20,
      };
    }
    // ospf6_print() prints the options before it reads the other fields.
    if (at + 8 > this.end) return undefined;
    const captured = Math.min(20, this.end - at);
    return {
      interfaceId: at + 12 <= this.end ? readUint32(d, at) : 0,
      options: readUint32(d, at + 4) & 0xffffff,
      helloInterval: readUint16Before(d, at + 8, this.end),
      deadInterval: readUint16Before(d, at + 10, this.end),
      maskAt: -1,
      priority: d[at + 4]!,
      designatedRouterAt: at + 12,
      backupDesignatedRouterAt: at + 16,
      neighborsAt: captured === 20 ? neighborsAt : [],
      neighborsCut: captured === 20 && neighborsCut,
      captured,
    };
  }

  /**
   * The fixed fields of a Database Description packet, when this is one and they were
   * captured: otherwise `undefined`. The LSA headers after them stay bytes.
   */
  get databaseDescription(): OspfDatabaseDescription | undefined {
    if (this.type !== OspfType.DATABASE_DESCRIPTION) return undefined;
    const d = this.data;
    const at = this.offset + this.headerLength;
    if (this.version === 3) {
      // ospf6_print() prints the options, then the flags, before it reads the others.
      if (at + 4 > this.end) return undefined;
      const captured = Math.min(12, this.end - at);
      return {
        options: readUint32(d, at) & 0xffffff,
        mtu: captured >= 6 ? (d[at + 4]! << 8) | d[at + 5]! : 0,
        flags: captured >= 8 ? d[at + 7]! : 0,
        sequence: captured === 12 ? readUint32(d, at + 8) : 0,
        captured,
      };
    }
    if (at + 8 > this.end) return undefined;
    return {
      options: d[at + 2]!,
      mtu: (d[at]! << 8) | d[at + 1]!,
      flags: d[at + 3]!,
      sequence: readUint32(d, at + 4),
      captured: 8,
    };
  }

  /** The end of the bytes read from: the captured bytes, without an MD5 digest. */
  #readEnd(): number {
    return this.authType === OspfAuthType.MD5 && this.version === 2
      ? Math.max(this.offset, this.end - OSPF_MD5_LENGTH)
      : this.end;
  }

  /** Where the packet's data ends: the packet length, or `length` when shorter. */
  #dataEnd(length: number): number {
    return this.offset + Math.min(this.packetLength, length);
  }

  /**
   * OSPFv2 Database Description and LS Acknowledgment packets: the LSA headers, read as
   * tcpdump does (an LS Acknowledgment's list runs to the end of the captured bytes).
   *
   * @param length The packet length (the IP payload, without an MD5 digest).
   * @returns The headers; empty for other types.
   */
  lsaHeaders(length: number = this.end - this.offset): OspfList<OspfLsaHeader> {
    const entries: OspfLsaHeader[] = [];
    const dd = this.type === OspfType.DATABASE_DESCRIPTION;
    if (!dd && this.type !== OspfType.LS_ACK) return { entries, stop: "end" };
    if (this.version === 3) {
      // OSPFv3 headers (RFC 5340 A.4.2) run to the packet length; one that crosses it is cut.
      const end = this.end;
      const dataEnd = this.offset + Math.min(this.packetLength, length);
      for (let at = this.offset + 16 + (dd ? 12 : 0); at < dataEnd; at += 20) {
        if (at + 20 > dataEnd) return { entries, stop: "truncated" };
        const header = readLsaHeader(this.data, at, end, 3);
        if (header === undefined) return { entries, stop: "cut" };
        entries.push(header);
      }
      return { entries, stop: "end" };
    }
    if (this.version !== 2) return { entries, stop: "end" };
    const end = this.#readEnd();
    const dataEnd = dd ? this.#dataEnd(length) : Infinity;
    for (let at = this.offset + 24 + (dd ? 8 : 0); at < dataEnd; at += 20) {
      const header = readLsaHeader(this.data, at, end);
      if (header === undefined) return { entries, stop: "truncated" };
      entries.push(header);
      if (header.length < 20) return { entries, stop: "bogus" };
    }
    return { entries, stop: "end" };
  }

  /**
   * OSPFv2 LS Request packets: the requested LSAs.
   *
   * @param length The packet length (the IP payload, without an MD5 digest).
   * @returns The requests; empty for other types.
   */
  lsRequests(length: number = this.end - this.offset): OspfList<OspfLsRequest> {
    const entries: OspfLsRequest[] = [];
    if (this.type !== OspfType.LS_REQUEST) return { entries, stop: "end" };
    const v3 = this.version === 3;
    if (!v3 && this.version !== 2) return { entries, stop: "end" };
    const end = this.#readEnd();
    const dataEnd = v3 ? this.offset + Math.min(this.packetLength, length) : this.#dataEnd(length);
    for (let at = this.offset + this.headerLength; at < dataEnd; at += 12) {
      if (at + 12 > end) return { entries, stop: "truncated" };
      const d = this.data;
      entries.push({
        type: v3 ? (d[at + 2]! << 8) | d[at + 3]! : readUint32(d, at),
        lsaIdAt: at + 4,
        advertisingRouterAt: at + 8,
      });
    }
    return { entries, stop: "end" };
  }

  /** OSPFv2 LS Update packets: the number of LSAs announced (0 for other types). */
  get lsaCount(): number {
    const at = this.offset + 24;
    if (this.version !== 2 || this.type !== OspfType.LS_UPDATE || at + 4 > this.end) return 0;
    return readUint32(this.data, at);
  }

  /**
   * OSPFv2 LS Update packets: the LSAs, as many as announced and captured. The last one
   * may have a `problem`.
   *
   * @returns The LSAs; empty for other types.
   */
  lsas(): OspfList<OspfLsa> {
    const entries: OspfLsa[] = [];
    if (this.version !== 2 || this.type !== OspfType.LS_UPDATE) return { entries, stop: "end" };
    const end = this.#readEnd();
    let at = this.offset + 28;
    if (at > end) return { entries, stop: "truncated" };
    const count = this.lsaCount;
    for (let i = 0; i < count; i++) {
      const lsa = readLsa(this.data, at, end);
      if (lsa === undefined) return { entries, stop: "truncated" };
      entries.push(lsa);
      if (lsa.problem !== undefined) return { entries, stop: lsa.problem };
      at += lsa.header.length;
    }
    return { entries, stop: "end" };
  }

  /**
   * OSPFv3 LS Update packets: the LSAs, as many as announced before the packet length, read
   * as tcpdump's ospf6_decode_v3() walks them; the last one may have a `stop`.
   *
   * @param length The IP payload length.
   * @returns The LSAs; empty for other types. `"cut"` when the count was not captured.
   */
  lsas6(length: number = this.end - this.offset): OspfList<Ospf6Lsa> {
    const entries: Ospf6Lsa[] = [];
    if (this.version !== 3 || this.type !== OspfType.LS_UPDATE) return { entries, stop: "end" };
    let at = this.offset + 16;
    if (at + 4 > this.end) return { entries, stop: "cut" };
    let count = readUint32(this.data, at);
    const dataEnd = this.offset + Math.min(this.packetLength, length);
    for (at += 4; at < dataEnd && count-- > 0;) {
      const lsa = readLsa6(this.data, at, dataEnd, this.end);
      if (typeof lsa === "string") return { entries, stop: lsa };
      entries.push(lsa);
      if (lsa.stop !== undefined) return { entries, stop: lsa.stop };
      at += lsa.header.length;
    }
    return { entries, stop: "end" };
  }

  /**
   * OSPFv2 Hello and DD packets with the L option and bytes after the packet length: the
   * LLS block, read as tcpdump's ospf_decode_lls() does.
   *
   * @param length The IP payload length, without an MD5 digest.
   * @returns The block, or `undefined` when there is none.
   */
  lls(length: number = this.end - this.offset): OspfLls | undefined {
    if (this.version !== 2 || length <= this.packetLength) return undefined;
    const options = this.type === OspfType.HELLO
      ? this.hello?.options
      : this.type === OspfType.DATABASE_DESCRIPTION
      ? this.databaseDescription?.options
      : undefined;
    if (options === undefined || (options & 0x10) === 0) return undefined;
    const d = this.data;
    let start = this.packetLength;
    if (this.authType === OspfAuthType.MD5) start += d[this.offset + 19]!;
    const tlvs: { type: number; length: number | undefined; value: number | undefined }[] = [];
    const empty = { empty: true, checksum: undefined, length: undefined, tlvs, truncated: false };
    if (start >= length) return empty;
    const end = this.end;
    let at = this.offset + start;
    const u16 = (p: number): number | undefined =>
      p + 2 <= end ? (d[p]! << 8) | d[p + 1]! : undefined;
    const checksum = u16(at);
    const blockLength = checksum === undefined ? undefined : u16(at + 2);
    const result = { empty: false, checksum, length: blockLength, tlvs, truncated: true };
    if (blockLength === undefined) return result;
    at += 4;
    const dataEnd = this.offset + length;
    while (at < dataEnd) {
      const type = u16(at);
      if (type === undefined) return result;
      const tlvLength = u16(at + 2);
      const tlv = { type, length: tlvLength, value: undefined as number | undefined };
      tlvs.push(tlv);
      if (tlvLength === undefined) return result;
      at += 4;
      let size = tlvLength;
      if (type === 1 || type === 2) {
        size = type === 1 ? 4 : 20;
        if (at + 4 > end) return result;
        tlv.value = readUint32(d, at);
      }
      at += size;
    }
    return { ...result, truncated: false };
  }

  /**
   * OSPFv3: the authentication trailer after the packet length (RFC 7166), read as
   * tcpdump's ospf6_decode_at() does; `undefined` without trailing bytes, or when a Hello
   * or DD packet announces link-local signaling (which wirekit does not read in OSPFv3).
   *
   * @param length The IP payload length.
   * @returns The trailer.
   */
  authTrailer(length: number = this.end - this.offset): OspfAuthTrailer | undefined {
    const trailing = length - this.packetLength;
    if (this.version !== 3 || trailing <= 0) return undefined;
    const options = this.type === OspfType.HELLO
      ? this.hello?.options
      : this.type === OspfType.DATABASE_DESCRIPTION
      ? this.databaseDescription?.options
      : 0;
    if (options === undefined || (options & 0x200) !== 0) return undefined;
    const d = this.data;
    const at = this.offset + this.packetLength;
    const end = this.end;
    const none = {
      type: undefined,
      length: undefined,
      said: undefined,
      sequenceHigh: undefined,
      sequenceLow: undefined,
      dataAt: at + 16,
      truncated: true,
    };
    if (trailing < 16) return none;
    // Each field is read while it lies within the capture (the ones after it then do not).
    const type = at + 2 <= end ? readUint16(d, at) : undefined;
    const trailerLength = at + 4 <= end ? readUint16(d, at + 2) : undefined;
    const partial = { ...none, type, length: trailerLength };
    if (trailerLength === undefined || trailerLength < 16 || trailerLength > trailing) {
      return partial;
    }
    const said = at + 8 <= end ? readUint16(d, at + 6) : undefined;
    const sequenceHigh = at + 12 <= end ? readUint32(d, at + 8) : undefined;
    const sequenceLow = at + 16 <= end ? readUint32(d, at + 12) : undefined;
    return {
      ...partial,
      said,
      sequenceHigh,
      sequenceLow,
      truncated: sequenceLow === undefined || at + trailerLength > end,
    };
  }

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    context: DecodeContext,
  ): DecodeError | undefined {
    const available = end - offset;
    if (available < 2) return DecodeError.truncated(this.kind, offset, 2, available);
    const version = data[offset]!;
    // tcpdump prints an OSPFv2 packet cut inside its authentication data up to there: the
    // 16 bytes before it are required, and the header is shorter than 24 bytes then. Over
    // IPv6, ospf6_print() prints the version and type before it reads on: a header cut
    // after them is kept, partial, its fields past the capture 0.
    const partial = available < 16;
    if (partial && context.network?.kind !== "ipv6") {
      return DecodeError.truncated(this.kind, offset, 16, available);
    }
    this.data = data;
    this.offset = offset;
    this.headerLength = partial ? available : version === 3 ? 16 : Math.min(24, available);
    this.version = version;
    this.type = data[offset + 1]!;
    this.packetLength = readUint16Before(data, offset + 2, end);
    this.areaIdValue = readUint32Before(data, offset + 8, end);
    this.checksum = readUint16Before(data, offset + 12, end);
    // Bytes 14-15 are read both ways: tcpdump's printer over IPv4 reads an authentication
    // type and the one over IPv6 an instance ID, whatever the version field says.
    this.authType = readUint16Before(data, offset + 14, end);
    this.instanceId = readUint8Before(data, offset + 14, end);
    this.end = end;
    return partial ? DecodeError.truncated(this.kind, offset, 16, available, true) : undefined;
  }

  /** Picks the decoder of the payload from the context's tables. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    const header: Record<string, unknown> = {
      version: this.version,
      type: this.type,
      packetLength: this.packetLength,
      routerId: this.routerId,
      areaId: this.areaId,
      checksum: this.checksum,
    };
    if (this.version === 3) header.instanceId = this.instanceId;
    else header.authType = this.authType;
    const hello = this.hello;
    if (hello !== undefined) {
      header.hello = {
        ...(this.version === 3 ? { interfaceId: hello.interfaceId } : {}),
        options: hello.options,
        helloInterval: hello.helloInterval,
        deadInterval: hello.deadInterval,
        ...(hello.maskAt >= 0 ? { mask: dotted(this.data, hello.maskAt) } : {}),
        priority: hello.priority,
        designatedRouter: dotted(this.data, hello.designatedRouterAt),
        backupDesignatedRouter: dotted(this.data, hello.backupDesignatedRouterAt),
        neighbors: hello.neighborsAt.map((at) => dotted(this.data, at)),
      };
    }
    const dd = this.databaseDescription;
    if (dd !== undefined) header.databaseDescription = { ...dd };
    return header;
  }
}

function dotted(d: Uint8Array, at: number): string {
  return `${d[at]}.${d[at + 1]}.${d[at + 2]}.${d[at + 3]}`;
}

/**
 * Creates {@linkcode Ospf} layers; the registry entry for IP protocol 89.
 *
 * @example Create an OSPF layer
 * ```ts
 * import { ospfDecoder } from "./ospf.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(ospfDecoder.create().kind, "ospf");
 * ```
 */
export const ospfDecoder: ProtocolDescriptor<Ospf> = defineProtocol({
  kind: "ospf",
  name: "OSPF",
  // ospf_print()'s name; ospf6_print()'s is "ospf3".
  tcpdumpName: "ospf2",
  tcpdumpCut: "read",
  create: () => new Ospf(),
  bindings: { ipProtocols: [IpProtocol.OSPF] },
});

/**
 * Decodes an OSPF header (version 2 or 3).
 *
 * @param data The bytes.
 * @param offset Where the header starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When the header is cut short.
 *
 * @example Reject a cut-off OSPFv3 header
 * ```ts
 * import { decodeOspf } from "./ospf.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeOspf(new Uint8Array([3, 1, 0, 16])), {
 *   message: "Cannot decode OSPF header: 16 bytes required, received 4",
 * });
 * ```
 */
export function decodeOspf(data: Uint8Array, offset = 0): Ospf {
  return decodeOne(new Ospf(), data, offset);
}
