/**
 * Generic Protocol Extension for VXLAN (VXLAN-GPE, draft-ietf-nvo3-vxlan-gpe): VXLAN's
 * 8-byte header on UDP port 4790 with a next protocol byte, so it carries IPv4, IPv6,
 * Ethernet or NSH.
 *
 * @module
 */

import { DecodeError } from "../errors.ts";
import { beginLayer } from "../_begin_layer.ts";
import { decodeOne } from "../_decode_one.ts";
import { readUint16, readUint24 } from "../_bytes.ts";
import { wireLength } from "../app/_wire_length.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";
import { etherTypeOfNextProtocol } from "./_ether_tunnel.ts";

/** The UDP port of VXLAN-GPE assigned by IANA. */
export const VXLAN_GPE_PORT = 4790;

/** The bits of VXLAN-GPE's flags byte. */
export const VxlanGpeFlag = {
  /** I: the VNI is valid. */
  VNI: 0x08,
  /** P: the next protocol field is valid. */
  NEXT_PROTOCOL: 0x04,
  /** B: a BUM (broadcast, unknown unicast, multicast) packet. */
  BUM: 0x02,
  /** O: an OAM packet. */
  OAM: 0x01,
} as const;

/**
 * A VXLAN-GPE header. Its payload is decoded through the EtherType table by the next
 * protocol (1 IPv4, 2 IPv6, 3 Ethernet, 4 NSH). A header cut after its flags byte is kept
 * as a partial layer (see `DecodeError.partial`), the fields it lacks read as -1. Its bytes
 * run to the IP packet's end, past a UDP length that says less, as tcpdump reads the packet
 * inside; {@linkcode VxlanGpe.wireLength} is the message's length.
 *
 * @example Decode a VXLAN-GPE header in front of an NSH header
 * ```ts
 * import { decodeVxlanGpe } from "./vxlan_gpe.ts";
 * import assert from "node:assert/strict";
 *
 * const gpe = decodeVxlanGpe(new Uint8Array([0x0c, 0, 0, 4, 0, 0, 100, 0, 0xff]));
 * assert.equal(gpe.flags, 0x0c);
 * assert.equal(gpe.nextProtocol, 4);
 * assert.equal(gpe.vni, 100);
 * assert.deepEqual(gpe.payload, new Uint8Array([0xff]));
 * ```
 */
export class VxlanGpe extends LayerBase {
  /** The discriminant. */
  readonly kind = "vxlan-gpe" as const;
  /** The flags byte (see {@linkcode VxlanGpeFlag}). */
  flags = 0;
  /** The reserved 16 bits after the flags; -1 when not captured. */
  reserved1: number = -1;
  /** The next protocol: 1 IPv4, 2 IPv6, 3 Ethernet, 4 NSH; -1 when not captured. */
  nextProtocol: number = -1;
  /** The VXLAN network identifier, 24 bits; -1 when not captured. */
  vni: number = -1;
  /** The last reserved byte; -1 when not captured. */
  reserved2: number = -1;
  /**
   * The length of the VXLAN-GPE message (header and payload) on the wire, from the UDP and
   * IP length fields; the captured bytes when no header says.
   */
  wireLength = 0;

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    context: DecodeContext,
  ): DecodeError | undefined {
    // vxlan_gpe_print()'s packet inside has the bytes captured to the IP packet's end, past
    // a UDP length that says less.
    const network = context.network;
    if (network !== undefined && network.end > end) end = network.end;
    const available = end - offset;
    const error = beginLayer(this, data, offset, end);
    if (error !== undefined) return error;
    this.flags = data[offset]!;
    this.wireLength = wireLength(context, offset, available);
    this.reserved1 = available >= 3 ? readUint16(data, offset + 1) : -1;
    this.nextProtocol = available >= 4 ? data[offset + 3]! : -1;
    this.vni = available >= 7 ? readUint24(data, offset + 4) : -1;
    this.reserved2 = available >= 8 ? data[offset + 7]! : -1;
    this.headerLength = Math.min(8, available);
    // A header cut after its flags keeps what it holds (tcpdump prints the flags).
    return available < 8 ? DecodeError.truncated(this.kind, offset, 8, available, true) : undefined;
  }

  /** Picks the decoder of the payload from the context's tables. */
  nextDecoder(context: DecodeContext): Decoder | undefined {
    // nsh_print() checks an empty NSH header's length; the others print what is missing.
    if (this.end < this.offset + 8 || (this.end === this.offset + 8 && this.nextProtocol !== 4)) {
      return undefined;
    }
    return context.tables.etherTypes.get(etherTypeOfNextProtocol(this.nextProtocol));
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return {
      flags: this.flags,
      reserved1: this.reserved1,
      nextProtocol: this.nextProtocol,
      vni: this.vni,
      reserved2: this.reserved2,
    };
  }
}

/**
 * Creates {@linkcode VxlanGpe} layers; the registry entry for UDP port 4790.
 *
 * @example Create a VXLAN-GPE layer
 * ```ts
 * import { vxlanGpeDecoder } from "./vxlan_gpe.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(vxlanGpeDecoder.create().kind, "vxlan-gpe");
 * assert.deepEqual(vxlanGpeDecoder.bindings.udpPorts, [4790]);
 * ```
 */
export const vxlanGpeDecoder: ProtocolDescriptor<VxlanGpe> = defineProtocol({
  kind: "vxlan-gpe",
  name: "VXLAN-GPE",
  tcpdumpName: "vxlan_gpe",
  create: () => new VxlanGpe(),
  bindings: { udpPorts: [VXLAN_GPE_PORT] },
});

/**
 * Decodes a VXLAN-GPE header.
 *
 * @param data The bytes.
 * @param offset Where the header starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When the header is cut short.
 *
 * @example Reject a cut-off header
 * ```ts
 * import { decodeVxlanGpe } from "./vxlan_gpe.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeVxlanGpe(new Uint8Array([0x0c, 0, 0, 4])), {
 *   message: "Cannot decode VXLAN-GPE header: 8 bytes required, received 4",
 * });
 * ```
 */
export function decodeVxlanGpe(data: Uint8Array, offset = 0): VxlanGpe {
  return decodeOne(new VxlanGpe(), data, offset);
}
