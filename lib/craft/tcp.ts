/**
 * Building TCP segments (RFC 9293): data offset and checksum filled in.
 *
 * @module
 */

import { type AddressInput, ipBytes, pseudoChecksum, putChecksum, unsigned } from "./_bytes.ts";

/** TCP flags by name. */
export interface TcpFlagsSpec {
  /** FIN: no more data from the sender. */
  fin?: boolean;
  /** SYN: synchronize sequence numbers. */
  syn?: boolean;
  /** RST: reset the connection. */
  rst?: boolean;
  /** PSH: push the data to the application. */
  psh?: boolean;
  /** ACK: the acknowledgment number is valid. */
  ack?: boolean;
  /** URG: the urgent pointer is valid. */
  urg?: boolean;
  /** ECE: ECN echo. */
  ece?: boolean;
  /** CWR: congestion window reduced. */
  cwr?: boolean;
}

/** What {@linkcode buildTcp} builds. */
export interface TcpSpec {
  /** The IPv4 or IPv6 source address (for the checksum). */
  source: AddressInput;
  /** The destination address, of the same family. */
  destination: AddressInput;
  /** The source port. */
  sourcePort: number;
  /** The destination port. */
  destinationPort: number;
  /** The sequence number (default 0). */
  sequence?: number;
  /** The acknowledgment number (default 0). */
  acknowledgment?: number;
  /** The flags, by name or as the flags byte (default none). */
  flags?: TcpFlagsSpec | number;
  /** The window (default 65535). */
  window?: number;
  /** The urgent pointer (default 0). */
  urgentPointer?: number;
  /** Options, padded with zeros (end of list) to a multiple of 4 bytes (at most 40). */
  options?: Uint8Array;
  /** The payload. */
  payload?: Uint8Array;
}

const FLAG_BITS: Record<keyof TcpFlagsSpec, number> = {
  fin: 0x01,
  syn: 0x02,
  rst: 0x04,
  psh: 0x08,
  ack: 0x10,
  urg: 0x20,
  ece: 0x40,
  cwr: 0x80,
};

/**
 * Builds a TCP segment with its data offset and its checksum over the IPv4 or IPv6
 * pseudo-header.
 *
 * @param spec Addresses, ports, numbers, flags, options and payload.
 * @returns The segment, to carry in IP with protocol 6.
 *
 * @example A SYN
 * ```ts
 * import { buildTcp } from "./tcp.ts";
 * import assert from "node:assert/strict";
 *
 * const syn = buildTcp({ source: "10.0.0.1", destination: "10.0.0.2", sourcePort: 40000, destinationPort: 80, sequence: 1, flags: { syn: true } });
 * assert.equal(syn[13], 0x02);
 * assert.equal(syn[12], 5 << 4);
 * ```
 */
export function buildTcp(spec: TcpSpec): Uint8Array<ArrayBuffer> {
  const payload = spec.payload ?? new Uint8Array(0);
  const options = spec.options ?? new Uint8Array(0);
  const optionsLength = Math.ceil(options.length / 4) * 4;
  if (optionsLength > 40) {
    throw new RangeError(
      `Cannot build TCP options: at most 40 bytes allowed, received ${options.length}`,
    );
  }
  const headerLength = 20 + optionsLength;
  const bytes = new Uint8Array(headerLength + payload.length);
  const view = new DataView(bytes.buffer);
  view.setUint16(0, unsigned(spec.sourcePort, 16, "TCP source port"));
  view.setUint16(2, unsigned(spec.destinationPort, 16, "TCP destination port"));
  view.setUint32(4, unsigned(spec.sequence ?? 0, 32, "TCP sequence number"));
  view.setUint32(8, unsigned(spec.acknowledgment ?? 0, 32, "TCP acknowledgment number"));
  bytes[12] = (headerLength / 4) << 4;
  let flags = 0;
  if (typeof spec.flags === "number") {
    flags = unsigned(spec.flags, 8, "TCP flags");
  } else if (spec.flags !== undefined) {
    for (const [name, bit] of Object.entries(FLAG_BITS)) {
      if (spec.flags[name as keyof TcpFlagsSpec] === true) flags |= bit;
    }
  }
  bytes[13] = flags;
  view.setUint16(14, unsigned(spec.window ?? 65535, 16, "TCP window"));
  view.setUint16(18, unsigned(spec.urgentPointer ?? 0, 16, "TCP urgent pointer"));
  bytes.set(options, 20);
  bytes.set(payload, headerLength);
  const source = ipBytes(spec.source, "TCP pseudo-header source");
  const destination = ipBytes(spec.destination, "TCP pseudo-header destination");
  putChecksum(bytes, 16, pseudoChecksum(bytes, source, destination, 6));
  return bytes;
}
