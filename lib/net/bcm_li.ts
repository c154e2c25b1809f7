/**
 * Broadcom LI (lawful intercept), as tcpdump's bcm_li_print() reads it: a 4-byte shim
 * (direction, packet type and subtype, LI identifier) sent from UDP source port 49152
 * (the Broadcom SDK's default), in front of the intercepted IPv4 packet, IPv6 packet or
 * Ethernet frame.
 *
 * @module
 */

import { DecodeError } from "../errors.ts";
import { beginLayer } from "../_begin_layer.ts";
import { decodeOne } from "../_decode_one.ts";
import { readUint32 } from "../_bytes.ts";
import { capturedEnd, wireLength } from "../app/_wire_length.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";
import { EtherType } from "../link/ethernet.ts";

/** The UDP source port of the shim (tcpdump's BCM_LI_PORT, the SDK's default). */
export const BCM_LI_PORT = 49152;

/** The size of the shim. */
export const BCM_LI_SHIM_LENGTH = 4;

/** The shim's packet types: what follows it. */
export const BcmLiPacketType = {
  /** IPv4 or IPv6, told by the version nibble. */
  UNDECIDED: 4,
  IPV4: 5,
  IPV6: 6,
  ETHERNET: 7,
} as const;

/**
 * A Broadcom LI shim. Its payload decodes as the packet type says (an undecided type by
 * the first byte's version nibble), up to the end of the IP packet's captured bytes. A shim cut short is kept as a partial layer (see
 * `DecodeError.partial`) with its fields zero, so that its printer can say so.
 *
 * @example Decode a shim in front of an IPv4 packet
 * ```ts
 * import { decodeBcmLi } from "./bcm_li.ts";
 * import assert from "node:assert/strict";
 *
 * // Ingress, undecided, double VLAN tag, LI ID 66666; then an IPv4 header's first byte.
 * const shim = decodeBcmLi(new Uint8Array([0x68, 0x81, 0x04, 0x6a, 0x45]));
 * assert.equal(shim.direction, 3);
 * assert.equal(shim.packetType, 4);
 * assert.equal(shim.packetSubtype, 2);
 * assert.equal(shim.liId, 66666);
 * assert.deepEqual(shim.payload, new Uint8Array([0x45]));
 * ```
 */
export class BcmLi extends LayerBase {
  /** The discriminant. */
  readonly kind = "bcm-li" as const;
  /** The shim as one 32-bit word (0 when cut). */
  shim = 0;
  /**
   * The length of the shim and its payload on the wire, from the UDP and IP length
   * fields; the captured bytes when no header says.
   */
  wireLength = 0;

  /** The direction, 3 bits: 1 unused, 2 egress, 3 ingress. */
  get direction(): number {
    return this.shim >>> 29;
  }

  /** The packet type, 4 bits (see {@linkcode BcmLiPacketType}). */
  get packetType(): number {
    return (this.shim >>> 25) & 0xf;
  }

  /** The packet subtype, 3 bits: 1 single VLAN tag, 2 double VLAN tag, 3 untagged. */
  get packetSubtype(): number {
    return (this.shim >>> 22) & 0x7;
  }

  /** The LI identifier, 22 bits. */
  get liId(): number {
    return this.shim & 0x3fffff;
  }

  /** Decodes the shim at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    context: DecodeContext,
  ): DecodeError | undefined {
    const udp = context.transport;
    // tcpdump takes the port as the source only.
    if (udp !== undefined && udp.kind === "udp" && udp.sourcePort !== BCM_LI_PORT) {
      return DecodeError.malformed(this.kind, offset, 0, 0, "not sent from the BCM LI port");
    }
    const error = beginLayer(this, data, offset, end);
    if (error !== undefined) return error;
    const available = end - offset;
    this.wireLength = wireLength(context, offset, available);
    // tcpdump's printers inside read up to the IP packet's end (its snapend), past a UDP
    // length field that says less.
    this.end = capturedEnd(context, end);
    if (available < BCM_LI_SHIM_LENGTH) {
      this.headerLength = available;
      this.shim = 0;
      return DecodeError.truncated(this.kind, offset, BCM_LI_SHIM_LENGTH, available, true);
    }
    this.headerLength = BCM_LI_SHIM_LENGTH;
    this.shim = readUint32(data, offset);
    return undefined;
  }

  /** Picks the decoder of the payload from the context's tables. */
  nextDecoder(context: DecodeContext): Decoder | undefined {
    const at = this.offset + BCM_LI_SHIM_LENGTH;
    if (this.end <= at) return undefined;
    const etherTypes = context.tables.etherTypes;
    switch (this.packetType) {
      case BcmLiPacketType.ETHERNET:
        return etherTypes.get(EtherType.TRANSPARENT_ETHERNET_BRIDGING);
      case BcmLiPacketType.IPV4:
        return etherTypes.get(EtherType.IPV4);
      case BcmLiPacketType.IPV6:
        return etherTypes.get(EtherType.IPV6);
      case BcmLiPacketType.UNDECIDED: {
        const version = this.data[at]! >> 4;
        if (version === 4) return etherTypes.get(EtherType.IPV4);
        return version === 6 ? etherTypes.get(EtherType.IPV6) : undefined;
      }
    }
    return undefined;
  }

  /** Returns the shim's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return {
      direction: this.direction,
      packetType: this.packetType,
      packetSubtype: this.packetSubtype,
      liId: this.liId,
    };
  }
}

/**
 * Creates {@linkcode BcmLi} layers; bound to UDP port 49152 (as a source port, as
 * tcpdump reads it).
 *
 * @example Create a Broadcom LI layer
 * ```ts
 * import { bcmLiDecoder } from "./bcm_li.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(bcmLiDecoder.create().kind, "bcm-li");
 * assert.deepEqual(bcmLiDecoder.bindings.udpPorts, [49152]);
 * ```
 */
export const bcmLiDecoder: ProtocolDescriptor<BcmLi> = defineProtocol({
  kind: "bcm-li",
  name: "Broadcom LI",
  tcpdumpName: "bcm_li",
  create: () => new BcmLi(),
  bindings: { udpPorts: [BCM_LI_PORT] },
});

/**
 * Decodes a Broadcom LI shim.
 *
 * @param data The bytes.
 * @param offset Where the shim starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When the shim is cut short.
 *
 * @example Reject a cut-off shim
 * ```ts
 * import { decodeBcmLi } from "./bcm_li.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeBcmLi(new Uint8Array([0x68, 0x81])), {
 *   message: "Cannot decode Broadcom LI header: 4 bytes required, received 2",
 * });
 * ```
 */
export function decodeBcmLi(data: Uint8Array, offset = 0): BcmLi {
  return decodeOne(new BcmLi(), data, offset);
}
