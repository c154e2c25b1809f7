/**
 * Virtual eXtensible Local Area Network (VXLAN, RFC 7348): an Ethernet frame carried in
 * UDP (port 4789), behind an 8-byte header that names its network (the VNI).
 *
 * @module
 */

import { DecodeError } from "../errors.ts";
import { beginLayer } from "../_begin_layer.ts";
import { decodeOne } from "../_decode_one.ts";
import { wireLength } from "../app/_wire_length.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";
import { etherAfterHeader } from "./_ether_tunnel.ts";

/** The UDP port of VXLAN assigned by IANA (RFC 7348). */
export const VXLAN_PORT = 4789;

/** The I flag: the VNI is valid (RFC 7348 requires it). */
export const VXLAN_FLAG_VNI = 0x08;

/**
 * A VXLAN header. Its payload is an Ethernet frame, decoded through the EtherType table's
 * transparent bridging entry (`0x6558`), so the tunnel decodes to the frame inside it. A
 * header cut after its flags byte is kept as a partial layer (see `DecodeError.partial`).
 *
 * @example Decode a VXLAN header in front of an Ethernet frame
 * ```ts
 * import { decodeVxlan } from "./vxlan.ts";
 * import assert from "node:assert/strict";
 *
 * const vxlan = decodeVxlan(new Uint8Array([0x08, 0, 0, 0, 0, 0, 100, 0, 0xff]));
 * assert.equal(vxlan.flags, 0x08);
 * assert.equal(vxlan.vniValid, true);
 * assert.equal(vxlan.vni, 100);
 * assert.deepEqual(vxlan.payload, new Uint8Array([0xff]));
 * ```
 */
export class Vxlan extends LayerBase {
  /** The discriminant. */
  readonly kind = "vxlan" as const;
  /** The flags byte (`0x08`: the I flag). */
  flags = 0;
  /** The VXLAN network identifier, 24 bits. */
  vni = 0;
  /** The first reserved field (24 bits after the flags). */
  reserved1 = 0;
  /** The last reserved byte. */
  reserved2 = 0;
  /**
   * The length of the VXLAN message (header and frame) on the wire, from the UDP and IP
   * length fields; the captured bytes when no header says.
   */
  wireLength = 0;

  /** Whether the I flag is set (the VNI is valid). */
  get vniValid(): boolean {
    return (this.flags & VXLAN_FLAG_VNI) !== 0;
  }

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    context: DecodeContext,
  ): DecodeError | undefined {
    const available = end - offset;
    const error = beginLayer(this, data, offset, end);
    if (error !== undefined) return error;
    this.flags = data[offset]!;
    this.wireLength = wireLength(context, offset, available);
    if (available < 8) {
      // A header cut after its flags keeps them (tcpdump prints them).
      this.headerLength = available;
      this.reserved1 = this.vni = this.reserved2 = 0;
      return DecodeError.truncated(this.kind, offset, 8, available, true);
    }
    this.headerLength = 8;
    this.reserved1 = (data[offset + 1]! << 16) | (data[offset + 2]! << 8) | data[offset + 3]!;
    this.vni = (data[offset + 4]! << 16) | (data[offset + 5]! << 8) | data[offset + 6]!;
    this.reserved2 = data[offset + 7]!;
    return undefined;
  }

  /** Picks the decoder of the payload from the context's tables. */
  nextDecoder(context: DecodeContext): Decoder | undefined {
    return etherAfterHeader(this, context);
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return {
      flags: this.flags,
      vniValid: this.vniValid,
      vni: this.vni,
      reserved1: this.reserved1,
      reserved2: this.reserved2,
    };
  }
}

/**
 * Creates {@linkcode Vxlan} layers; the registry entry for UDP port 4789.
 *
 * @example Create a VXLAN layer
 * ```ts
 * import { vxlanDecoder } from "./vxlan.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(vxlanDecoder.create().kind, "vxlan");
 * assert.deepEqual(vxlanDecoder.bindings.udpPorts, [4789]);
 * ```
 */
export const vxlanDecoder: ProtocolDescriptor<Vxlan> = defineProtocol({
  kind: "vxlan",
  name: "VXLAN",
  tcpdumpName: "vxlan",
  create: () => new Vxlan(),
  bindings: { udpPorts: [VXLAN_PORT] },
});

/**
 * Decodes a VXLAN header.
 *
 * @param data The bytes.
 * @param offset Where the header starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When the header is cut short.
 *
 * @example Reject a cut-off header
 * ```ts
 * import { decodeVxlan } from "./vxlan.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeVxlan(new Uint8Array([0x08, 0, 0, 0])), {
 *   message: "Cannot decode VXLAN header: 8 bytes required, received 4",
 * });
 * ```
 */
export function decodeVxlan(data: Uint8Array, offset = 0): Vxlan {
  return decodeOne(new Vxlan(), data, offset);
}
