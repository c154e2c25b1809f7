/**
 * Microsoft Network Load Balancing heartbeats (EtherType `0x886f`): the cluster hosts'
 * broadcasts. The protocol is undocumented; the fields known (as tcpdump's msnlb_print()
 * knows them) are two unknown words, the host priority (little-endian), the cluster's
 * virtual IPv4 address and the host's IPv4 address. The rest is not decoded.
 *
 * @module
 */

import type { DecodeError } from "../errors.ts";
import { beginPartialHeader } from "../_begin_layer.ts";
import { decodeOne } from "../_decode_one.ts";
import { readUint32Le } from "../_bytes.ts";
import { formatIpv4 } from "../address.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";

/** The length of the known fields: two unknown words, priority and two addresses. */
export const MSNLB_HEADER_LENGTH = 20;

/** Where the host priority lies from the heartbeat's start. */
const PRIORITY_AT = 8;
/** Where the cluster's virtual IP address lies. */
const CLUSTER_IP_AT = 12;
/** Where the host's IP address lies. */
const HOST_IP_AT = 16;

/**
 * An MS NLB heartbeat. A heartbeat cut short in its known fields is kept as a partial layer
 * (`partial`), whose fields past the capture read as -1 (offsets, priority) or `""`
 * (addresses), since tcpdump prints the fields it can read.
 *
 * @example Decode a heartbeat
 * ```ts
 * import { decodeMsnlb } from "./msnlb.ts";
 * import assert from "node:assert/strict";
 *
 * const hb = decodeMsnlb(new Uint8Array([
 *   0xbf, 1, 0xde, 0xc0, 6, 2, 0, 0, 2, 0, 0, 0, 192, 168, 100, 80, 192, 168, 100, 82,
 * ]));
 * assert.equal(hb.hostPriority, 2);
 * assert.equal(hb.clusterIp, "192.168.100.80");
 * assert.equal(hb.hostIp, "192.168.100.82");
 * ```
 */
export class Msnlb extends LayerBase {
  /** The discriminant. */
  readonly kind = "msnlb" as const;
  /** Fewer than the 20 bytes of known fields were captured. */
  partial = false;

  /** The host priority (a little-endian word), or -1 when not captured. */
  get hostPriority(): number {
    const at = this.offset + PRIORITY_AT;
    return at + 4 <= this.end ? readUint32Le(this.data, at) : -1;
  }

  /** Where the cluster's virtual IPv4 address lies in `data`, or -1 when not captured. */
  get clusterIpOffset(): number {
    return this.#fieldAt(CLUSTER_IP_AT);
  }

  /** The cluster's virtual IPv4 address, or `""` when not captured. */
  get clusterIp(): string {
    const at = this.clusterIpOffset;
    return at < 0 ? "" : formatIpv4(this.data, at);
  }

  /** Where the host's IPv4 address lies in `data`, or -1 when not captured. */
  get hostIpOffset(): number {
    return this.#fieldAt(HOST_IP_AT);
  }

  /** The host's IPv4 address, or `""` when not captured. */
  get hostIp(): string {
    const at = this.hostIpOffset;
    return at < 0 ? "" : formatIpv4(this.data, at);
  }

  /** The offset in `data` of the 4-byte field `relative` bytes in, or -1 if it was cut. */
  #fieldAt(relative: number): number {
    const at = this.offset + relative;
    return at + 4 <= this.end ? at : -1;
  }

  /**
   * Decodes the heartbeat at `offset`, returning the error instead of throwing. A heartbeat
   * shorter than its known fields is kept as a partial layer.
   */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    _context: DecodeContext,
  ): DecodeError | undefined {
    return beginPartialHeader(this, data, offset, end, MSNLB_HEADER_LENGTH);
  }

  /** Picks the decoder of the payload: none (the rest is undocumented). */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /** Returns the captured fields as a plain object. */
  toJSON(): Record<string, unknown> {
    const fields: Record<string, unknown> = this.partial ? { partial: true } : {};
    if (this.hostPriority >= 0) fields.hostPriority = this.hostPriority;
    if (this.clusterIpOffset >= 0) fields.clusterIp = this.clusterIp;
    if (this.hostIpOffset >= 0) fields.hostIp = this.hostIp;
    return fields;
  }
}

/**
 * Creates {@linkcode Msnlb} layers; bound to EtherType `0x886f`.
 *
 * @example Create an MS NLB layer
 * ```ts
 * import { msnlbDecoder } from "./msnlb.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(msnlbDecoder.create().kind, "msnlb");
 * ```
 */
export const msnlbDecoder: ProtocolDescriptor<Msnlb> = defineProtocol({
  kind: "msnlb",
  name: "MS NLB",
  tcpdumpName: "msnlb",
  create: () => new Msnlb(),
  bindings: { etherTypes: [0x886f] },
});

/**
 * Decodes an MS NLB heartbeat.
 *
 * @param data The bytes.
 * @param offset Where it starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When fewer than the 20 bytes of known fields remain.
 *
 * @example Reject a truncated heartbeat
 * ```ts
 * import { decodeMsnlb } from "./msnlb.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeMsnlb(new Uint8Array(12)), {
 *   message: "Cannot decode MS NLB header: 20 bytes required, received 12",
 * });
 * ```
 */
export function decodeMsnlb(data: Uint8Array, offset = 0): Msnlb {
  return decodeOne(new Msnlb(), data, offset);
}
