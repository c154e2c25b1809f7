/**
 * Building ICMP (RFC 792) and ICMPv6 (RFC 4443) echo requests and replies, checksums
 * filled in.
 *
 * @module
 */

import { foldChecksum, sumWords } from "../checksum.ts";
import { type AddressInput, ipv6Bytes, pseudoChecksum, putChecksum, unsigned } from "./_bytes.ts";

/** What {@linkcode buildIcmpEcho} and {@linkcode buildIcmpv6Echo} build. */
export interface IcmpEchoSpec {
  /** `request` (default) or `reply`. */
  type?: "request" | "reply";
  /** The identifier (default 0). */
  identifier?: number;
  /** The sequence number (default 0). */
  sequence?: number;
  /** The data (default none). */
  payload?: Uint8Array;
}

function echo(spec: IcmpEchoSpec, type: number, name: string): Uint8Array<ArrayBuffer> {
  const payload = spec.payload ?? new Uint8Array(0);
  const bytes = new Uint8Array(8 + payload.length);
  const view = new DataView(bytes.buffer);
  bytes[0] = type;
  view.setUint16(4, unsigned(spec.identifier ?? 0, 16, `${name} identifier`));
  view.setUint16(6, unsigned(spec.sequence ?? 0, 16, `${name} sequence number`));
  bytes.set(payload, 8);
  return bytes;
}

/**
 * Builds an ICMP echo request (type 8) or reply (type 0) with its checksum.
 *
 * @param spec Type, identifier, sequence number and data.
 * @returns The ICMP message, to carry in IPv4 with protocol 1.
 *
 * @example
 * ```ts
 * import { buildIcmpEcho } from "./icmp.ts";
 * import assert from "node:assert/strict";
 *
 * const message = buildIcmpEcho({ identifier: 1, sequence: 1 });
 * assert.deepEqual([...message], [8, 0, 0xf7, 0xfd, 0, 1, 0, 1]);
 * ```
 */
export function buildIcmpEcho(spec: IcmpEchoSpec = {}): Uint8Array<ArrayBuffer> {
  const bytes = echo(spec, spec.type === "reply" ? 0 : 8, "ICMP echo");
  putChecksum(bytes, 2, foldChecksum(sumWords(bytes, 0, bytes.length, 0)));
  return bytes;
}

/** What {@linkcode buildIcmpv6Echo} builds: the echo and the addresses of its checksum. */
export interface Icmpv6EchoSpec extends IcmpEchoSpec {
  /** The IPv6 source address (for the pseudo-header checksum). */
  source: AddressInput;
  /** The IPv6 destination address. */
  destination: AddressInput;
}

/**
 * Builds an ICMPv6 echo request (type 128) or reply (type 129) with its checksum over
 * the IPv6 pseudo-header.
 *
 * @param spec Addresses, type, identifier, sequence number and data.
 * @returns The ICMPv6 message, to carry in IPv6 with next header 58.
 *
 * @example
 * ```ts
 * import { buildIcmpv6Echo } from "./icmp.ts";
 * import assert from "node:assert/strict";
 *
 * const message = buildIcmpv6Echo({ source: "::1", destination: "::1", sequence: 7 });
 * assert.equal(message[0], 128);
 * ```
 */
export function buildIcmpv6Echo(spec: Icmpv6EchoSpec): Uint8Array<ArrayBuffer> {
  const bytes = echo(spec, spec.type === "reply" ? 129 : 128, "ICMPv6 echo");
  const source = ipv6Bytes(spec.source, "ICMPv6 source");
  const destination = ipv6Bytes(spec.destination, "ICMPv6 destination");
  putChecksum(bytes, 2, pseudoChecksum(bytes, source, destination, 58));
  return bytes;
}
