/**
 * QUIC long-header packets (RFC 9000 section 17.2, QUIC version 2 in RFC 9369): version,
 * connection IDs, packet type, the Initial token, and where each packet of a datagram
 * begins and ends (a datagram may hold several, coalesced). The packet number and payload
 * stay protected here; `quic_initial.ts` removes the protection of Initial packets.
 *
 * @module
 */

import { readUint32 } from "../_bytes.ts";

/** QUIC version 1 (RFC 9000). */
export const QUIC_V1 = 0x00000001;
/** QUIC version 2 (RFC 9369). */
export const QUIC_V2 = 0x6b3343cf;

/** The long-header packet types, by name. */
export type QuicPacketType = "initial" | "0-rtt" | "handshake" | "retry" | "version-negotiation";

/** One long-header packet of a datagram. */
export interface QuicLongPacket {
  /** The packet type (version 2 numbers them differently from version 1). */
  type: QuicPacketType;
  /** The version field. */
  version: number;
  /** The destination connection ID (a view). */
  destinationId: Uint8Array;
  /** The source connection ID (a view). */
  sourceId: Uint8Array;
  /** The token of an Initial packet (a view; empty otherwise). */
  token: Uint8Array;
  /** Where the packet begins in the datagram. */
  start: number;
  /** Where its (protected) packet number begins: the header's end before protection is removed. */
  packetNumberOffset: number;
  /** Where the packet ends in the datagram. */
  end: number;
}

/**
 * Reads a QUIC variable-length integer (RFC 9000 section 16).
 *
 * @param data The bytes.
 * @param at Where it begins.
 * @returns The value and its length in bytes, or `undefined` when the bytes end first.
 *
 * @example
 * ```ts
 * import { readQuicVarint } from "./quic.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(readQuicVarint(new Uint8Array([0x7b, 0xbd]), 0), { value: 15293, length: 2 });
 * ```
 */
export function readQuicVarint(
  data: Uint8Array,
  at: number,
): { value: number; length: number } | undefined {
  if (at >= data.length) return undefined;
  const length = 1 << (data[at]! >> 6);
  if (at + length > data.length) return undefined;
  let value = data[at]! & 0x3f;
  // Values past 2^53 can't be lengths or offsets of anything captured; they stay approximate.
  for (let i = 1; i < length; i++) value = value * 256 + data[at + i]!;
  return { value, length };
}

function typeOf(version: number, bits: number): QuicPacketType {
  if (version === 0) return "version-negotiation";
  const v2 = version === QUIC_V2;
  const order: QuicPacketType[] = v2
    ? ["retry", "initial", "0-rtt", "handshake"]
    : ["initial", "0-rtt", "handshake", "retry"];
  return order[bits]!;
}

/**
 * Splits a UDP payload into the QUIC long-header packets it holds, stopping at a short-header
 * packet (which runs to the end of the datagram) or at bytes that are not a long header.
 *
 * @param datagram The UDP payload.
 * @returns The packets, in order; empty when the datagram does not begin with one.
 *
 * @example A version 1 Initial packet's header
 * ```ts
 * import { readQuicLongPackets } from "./quic.ts";
 * import assert from "node:assert/strict";
 *
 * const datagram = new Uint8Array([
 *   0xc3, 0, 0, 0, 1, 2, 0xaa, 0xbb, 0, 0, 5, 1, 2, 3, 4, 5, // Initial, DCID aabb, no SCID or token
 * ]);
 * const [packet] = readQuicLongPackets(datagram);
 * assert.equal(packet?.type, "initial");
 * assert.deepEqual([...packet!.destinationId], [0xaa, 0xbb]);
 * assert.equal(packet?.packetNumberOffset, 11);
 * assert.equal(packet?.end, 16);
 * ```
 */
export function readQuicLongPackets(datagram: Uint8Array): QuicLongPacket[] {
  const packets: QuicLongPacket[] = [];
  let at = 0;
  while (at + 7 <= datagram.length && (datagram[at]! & 0x80) !== 0) {
    const start = at;
    const first = datagram[at]!;
    const version = readUint32(datagram, at + 1);
    at += 5;
    const dcidLength = datagram[at]!;
    if (dcidLength > 20 || at + 1 + dcidLength >= datagram.length) break;
    const destinationId = datagram.subarray(at + 1, at + 1 + dcidLength);
    at += 1 + dcidLength;
    const scidLength = datagram[at]!;
    if (scidLength > 20 || at + 1 + scidLength > datagram.length) break;
    const sourceId = datagram.subarray(at + 1, at + 1 + scidLength);
    at += 1 + scidLength;
    const type = typeOf(version, (first >> 4) & 3);
    const packet = {
      type,
      version,
      destinationId,
      sourceId,
      token: datagram.subarray(at, at),
      start,
    };
    if (type === "version-negotiation" || type === "retry") {
      // Both run to the end of the datagram.
      packets.push({ ...packet, packetNumberOffset: datagram.length, end: datagram.length });
      break;
    }
    if (type === "initial") {
      const tokenLength = readQuicVarint(datagram, at);
      if (
        tokenLength === undefined || at + tokenLength.length + tokenLength.value > datagram.length
      ) {
        break;
      }
      at += tokenLength.length;
      packet.token = datagram.subarray(at, at + tokenLength.value);
      at += tokenLength.value;
    }
    const length = readQuicVarint(datagram, at);
    if (length === undefined || at + length.length + length.value > datagram.length) break;
    at += length.length;
    packets.push({ ...packet, packetNumberOffset: at, end: at + length.value });
    at += length.value;
  }
  return packets;
}
