/**
 * UDP (RFC 768).
 *
 * @module
 */

import { IpProtocol } from "../ip_protocol.ts";
import { foldChecksum, sumWords } from "../checksum.ts";
import { DecodeError } from "../errors.ts";
import { decodeOne } from "../_decode_one.ts";
import { portDecoder } from "./_ports.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type NetworkLayer,
  type ProtocolDescriptor,
} from "../layer.ts";

/** The IP protocol number of UDP. */
const UDP = 17;

/**
 * The ports whose tcpdump printers read their header whatever the UDP length says (syslog
 * 514, LWAPP data 12222 and control 12223: syslog_print(), lwapp_data_print(),
 * lwapp_control_print()), so an empty datagram goes to their decoder when the IP packet
 * holds bytes past it.
 */
const READ_PAST_LENGTH: ReadonlySet<number> = new Set([514, 12222, 12223]);

/**
 * A UDP header. The payload is trimmed to the header's length field.
 *
 * @example Decode a UDP header
 * ```ts
 * import { decodeUdp } from "./udp.ts";
 * import assert from "node:assert/strict";
 *
 * const datagram = new Uint8Array([0x30, 0x39, 0, 53, 0, 10, 0, 0, 0xab, 0xcd, 0xee]);
 * const udp = decodeUdp(datagram);
 * assert.equal(udp.sourcePort, 12345);
 * assert.equal(udp.destinationPort, 53);
 * assert.deepEqual(udp.payload, new Uint8Array([0xab, 0xcd]));
 * ```
 */
export class Udp extends LayerBase {
  /** The discriminant. */
  readonly kind = "udp" as const;
  /** Source port. */
  sourcePort = 0;
  /** Destination port. */
  destinationPort = 0;
  /** The length field: header plus payload, in bytes (0 for an IPv6 jumbogram). */
  length = 0;
  /** The checksum field (0: none was computed, allowed over IPv4). */
  checksum = 0;
  #network: NetworkLayer | undefined = undefined;

  /**
   * Whether the checksum is correct over the pseudo-header and the whole datagram:
   * `undefined` when it cannot be told (no checksum sent, no IP layer below, or the
   * capture cut the datagram short).
   */
  get checksumValid(): boolean | undefined {
    if (this.checksum === 0 || this.#network === undefined) return undefined;
    if (this.length === 0 || this.offset + this.length > this.end) return undefined;
    const sum = sumWords(
      this.data,
      this.offset,
      this.offset + this.length,
      this.#network.pseudoHeaderSum(UDP, this.length),
    );
    return foldChecksum(sum) === 0;
  }

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    context: DecodeContext,
  ): DecodeError | undefined {
    if (end - offset < 8) return DecodeError.truncated(this.kind, offset, 8, end - offset);
    const length = (data[offset + 4]! << 8) | data[offset + 5]!;
    if (length !== 0 && length < 8) {
      return DecodeError.malformed(this.kind, offset, 8, length, `length ${length} is less than 8`);
    }
    this.data = data;
    this.offset = offset;
    this.headerLength = 8;
    this.end = length === 0 ? end : Math.min(end, offset + length);
    this.sourcePort = (data[offset]! << 8) | data[offset + 1]!;
    this.destinationPort = (data[offset + 2]! << 8) | data[offset + 3]!;
    this.length = length;
    this.checksum = (data[offset + 6]! << 8) | data[offset + 7]!;
    this.#network = context.network;
    context.transport = this;
    return undefined;
  }

  /**
   * Picks the application decoder by port, the lower one first (or as the tables'
   * `portChoice` says); none without payload, unless the IP packet holds bytes past the
   * UDP length and the tables (`-T`) or syslog's port say to read them.
   */
  nextDecoder(context: DecodeContext): Decoder | undefined {
    const tables = context.tables;
    if (
      this.offset + 8 >= this.end &&
      !((tables.udpPastLength === true || READ_PAST_LENGTH.has(this.sourcePort) ||
        READ_PAST_LENGTH.has(this.destinationPort)) &&
        (context.network?.end ?? 0) > this.offset + 8)
    ) return undefined;
    return portDecoder(
      tables.udpPorts,
      tables.portChoice?.udp,
      this.sourcePort,
      this.destinationPort,
    );
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return {
      sourcePort: this.sourcePort,
      destinationPort: this.destinationPort,
      length: this.length,
      checksum: this.checksum,
    };
  }
}

/** Creates {@linkcode Udp} layers; the registry entry for IP protocol 17. */
export const udpDecoder: ProtocolDescriptor<Udp> = defineProtocol({
  kind: "udp",
  name: "UDP",
  tcpdumpName: "udp",
  create: () => new Udp(),
  bindings: { ipProtocols: [IpProtocol.UDP] },
});

/**
 * Decodes a UDP header.
 *
 * @param data The bytes.
 * @param offset Where the header starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When fewer than 8 bytes remain or the length field is below 8.
 *
 * @example Reject a truncated header
 * ```ts
 * import { decodeUdp } from "./udp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeUdp(new Uint8Array(7)), { name: "DecodeError" });
 * ```
 */
export function decodeUdp(data: Uint8Array, offset = 0): Udp {
  return decodeOne(new Udp(), data, offset);
}
