/**
 * Cisco NetFlow (CNFP) export datagrams, versions 1, 5 and 6: a header (version, record
 * count, uptime, UTC time; versions 5 and 6 add a flow sequence number and 4 more bytes)
 * and flow records. NetFlow has no port of its own: tcpdump prints it only when told to
 * (`-T cnfp`), so the decoder has no bindings. The layer reads the header and the records
 * where tcpdump's cnfp_print() reads them, up to the IP packet's captured end (it does not
 * look at the UDP length), with print-cnfp.c's layouts: its version 5 and 6 records end
 * with a 4-byte peer next hop (52 bytes), and its record count is the 32 bits that start at
 * the count field (the count, then the uptime's high half).
 *
 * @module
 */

import { formatIpv4 } from "../address.ts";
import type { DecodeError } from "../errors.ts";
import { readUint16, readUint32 } from "../_bytes.ts";
import { decodeOne } from "../_decode_one.ts";
import { beginMessageToSnapEnd } from "./_wire_length.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";

/**
 * The header's length in version 1 (16) and in versions 5 and 6 (24).
 *
 * @param version The version.
 * @returns The length in bytes.
 *
 * @example Version 5
 * ```ts
 * import { cnfpHeaderLength } from "./cnfp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(cnfpHeaderLength(5), 24);
 * ```
 */
export function cnfpHeaderLength(version: number): number {
  return version === 1 ? 16 : 24;
}

/**
 * A record's length in print-cnfp.c's layouts: 48 in version 1, 52 in versions 5 and 6.
 *
 * @param version The version.
 * @returns The length in bytes.
 *
 * @example Version 1
 * ```ts
 * import { cnfpRecordLength } from "./cnfp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(cnfpRecordLength(1), 48);
 * ```
 */
export function cnfpRecordLength(version: number): number {
  return version === 1 ? 48 : 52;
}

/** One flow record. */
export interface CnfpRecord {
  /** The flow's source address. */
  readonly source: string;
  /** The flow's destination address. */
  readonly destination: string;
  /** The next hop's address. */
  readonly nextHop: string;
  /** The flow's packets. */
  readonly packets: number;
  /** The flow's layer 3 octets. */
  readonly octets: number;
  /** The uptime (ms) at the flow's first packet. */
  readonly first: number;
  /** The uptime (ms) at the flow's last packet. */
  readonly last: number;
  /** The TCP or UDP source port. */
  readonly sourcePort: number;
  /** The TCP or UDP destination port. */
  readonly destinationPort: number;
  /** The IP protocol. */
  readonly protocol: number;
  /** The IP type of service. */
  readonly tos: number;
  /** The OR of the flow's TCP flags. */
  readonly tcpFlags: number;
  /** The source's AS (versions 5 and 6), or `undefined`. */
  readonly sourceAs: number | undefined;
  /** The source's mask bits (versions 5 and 6). */
  readonly sourceMask: number | undefined;
  /** The destination's AS (versions 5 and 6). */
  readonly destinationAs: number | undefined;
  /** The destination's mask bits (versions 5 and 6). */
  readonly destinationMask: number | undefined;
  /** Version 6's 16-bit encapsulation field (input size, output size), or `undefined`. */
  readonly encapsulation: number | undefined;
}

/**
 * A NetFlow export datagram. Parts the capture cut read as `undefined`.
 *
 * @example Decode a version 5 header
 * ```ts
 * import { decodeCnfp } from "./cnfp.ts";
 * import assert from "node:assert/strict";
 *
 * const header = [0, 5, 0, 0, 0, 0, 0x30, 0x39, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 9, 0, 0, 0, 0];
 * const cnfp = decodeCnfp(new Uint8Array(header));
 * assert.equal(cnfp.version, 5);
 * assert.equal(cnfp.uptime, 12345);
 * assert.equal(cnfp.sequence, 9);
 * assert.equal(cnfp.recordCount, 0);
 * assert.equal(cnfp.record(0), undefined);
 * ```
 */
export class Cnfp extends LayerBase {
  /** The discriminant. */
  readonly kind = "cnfp" as const;
  /** The datagram's length on the wire (the UDP payload's). */
  wireLength = 0;
  /** Where the captured bytes end (tcpdump's snapend: the IP packet's). */
  snapEnd = 0;

  /** The version, or `undefined` when its 2 bytes were not captured. */
  get version(): number | undefined {
    return this.offset + 2 <= this.snapEnd ? readUint16(this.data, this.offset) : undefined;
  }

  /** Whether the header of a known version (1, 5, 6) was captured: the header getters need it. */
  get headerCaptured(): boolean {
    const version = this.version;
    return version !== undefined && this.offset + cnfpHeaderLength(version) <= this.snapEnd;
  }

  /** print-cnfp.c's record count: the 32 bits at the count field (count, uptime's high half). */
  get recordCount(): number {
    return readUint32(this.data, this.offset + 2);
  }

  /** The exporter's uptime in ms. */
  get uptime(): number {
    return readUint32(this.data, this.offset + 4);
  }

  /** The UTC time's seconds. */
  get seconds(): number {
    return readUint32(this.data, this.offset + 8);
  }

  /** The UTC time's nanoseconds. */
  get nanoseconds(): number {
    return readUint32(this.data, this.offset + 12);
  }

  /** The flow sequence number (versions 5 and 6). */
  get sequence(): number {
    return readUint32(this.data, this.offset + 16);
  }

  /**
   * Record `index`, or `undefined` when not captured whole.
   *
   * @param index The record's index.
   * @returns The record.
   */
  record(index: number): CnfpRecord | undefined {
    const version = this.version ?? 1;
    const size = cnfpRecordLength(version);
    const at = this.offset + cnfpHeaderLength(version) + size * index;
    if (at + size > this.snapEnd) return undefined;
    const data = this.data;
    const v1 = version === 1;
    return {
      source: formatIpv4(data, at),
      destination: formatIpv4(data, at + 4),
      nextHop: formatIpv4(data, at + 8),
      packets: readUint32(data, at + 16),
      octets: readUint32(data, at + 20),
      first: readUint32(data, at + 24),
      last: readUint32(data, at + 28),
      sourcePort: readUint16(data, at + 32),
      destinationPort: readUint16(data, at + 34),
      protocol: data[at + 38]!,
      tos: data[at + 39]!,
      tcpFlags: data[at + (v1 ? 40 : 37)]!,
      sourceAs: v1 ? undefined : readUint16(data, at + 40),
      destinationAs: v1 ? undefined : readUint16(data, at + 42),
      sourceMask: v1 ? undefined : data[at + 44],
      destinationMask: v1 ? undefined : data[at + 45],
      encapsulation: version === 6 ? readUint16(data, at + 46) : undefined,
    };
  }

  /** Decodes the datagram at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    context: DecodeContext,
  ): DecodeError | undefined {
    // cnfp_print() reads past the UDP length, to the IP packet's captured end.
    const error = beginMessageToSnapEnd(this, data, offset, end, context);
    if (error !== undefined) return error;
    this.headerLength = Math.min(cnfpHeaderLength(this.version ?? 1), Math.max(0, end - offset));
    return undefined;
  }

  /** NetFlow carries no further layer. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    const version = this.version;
    const known = version === 1 || version === 5 || version === 6;
    const header = known && this.headerCaptured;
    return {
      version,
      count: header ? this.recordCount >>> 16 : undefined,
      uptime: header ? this.uptime : undefined,
      sequence: header && version !== 1 ? this.sequence : undefined,
    };
  }
}

/**
 * Creates {@linkcode Cnfp} layers. NetFlow has no port: it is decoded only as tcpdump's
 * `-T cnfp` says.
 *
 * @example Create a NetFlow layer
 * ```ts
 * import { cnfpDecoder } from "./cnfp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(cnfpDecoder.create().kind, "cnfp");
 * ```
 */
export const cnfpDecoder: ProtocolDescriptor<Cnfp> = defineProtocol({
  kind: "cnfp",
  name: "Cisco NetFlow",
  tcpdumpName: "cnfp",
  create: () => new Cnfp(),
  bindings: {},
});

/**
 * Decodes a NetFlow export datagram.
 *
 * @param data The bytes.
 * @param offset Where the datagram starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When no byte remains.
 *
 * @example Decode a version 1 header
 * ```ts
 * import { decodeCnfp } from "./cnfp.ts";
 * import assert from "node:assert/strict";
 *
 * const cnfp = decodeCnfp(new Uint8Array([0, 1, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0]));
 * assert.equal(cnfp.version, 1);
 * assert.equal(cnfp.uptime, 5);
 * ```
 */
export function decodeCnfp(data: Uint8Array, offset = 0): Cnfp {
  return decodeOne(new Cnfp(), data, offset);
}
