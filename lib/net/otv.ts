/**
 * Cisco's Overlay Transport Virtualization (OTV, draft-hasmit-otv-04): an Ethernet frame
 * carried in UDP (port 8472) behind an 8-byte header: flags (the I flag), a 24-bit overlay
 * ID, a 24-bit instance ID and a reserved byte.
 *
 * @module
 */

import { DecodeError } from "../errors.ts";
import { beginLayer } from "../_begin_layer.ts";
import { decodeOne } from "../_decode_one.ts";
import { readUint24 } from "../_bytes.ts";
import { wireLength } from "../app/_wire_length.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";
import { etherAfterHeader } from "./_ether_tunnel.ts";

/**
 * An OTV header. Its payload is an Ethernet frame, decoded through the EtherType table's
 * transparent bridging entry (`0x6558`), so the tunnel decodes to the frame inside it. A
 * header cut after its flags byte is kept as a partial layer (see `DecodeError.partial`),
 * the fields it lacks read as -1.
 *
 * @example Decode an OTV header in front of an Ethernet frame
 * ```ts
 * import { decodeOtv } from "./otv.ts";
 * import assert from "node:assert/strict";
 *
 * const otv = decodeOtv(new Uint8Array([0x08, 0, 0, 7, 0, 1, 0, 0, 0xff]));
 * assert.equal(otv.instanceValid, true);
 * assert.equal(otv.overlayId, 7);
 * assert.equal(otv.instanceId, 256);
 * assert.deepEqual(otv.payload, new Uint8Array([0xff]));
 * ```
 */
export class Otv extends LayerBase {
  /** The discriminant. */
  readonly kind = "otv" as const;
  /** The flags byte (`0x08`: the I flag). */
  flags = 0;
  /** The overlay ID, 24 bits; -1 when not captured. */
  overlayId: number = -1;
  /** The instance ID, 24 bits; -1 when not captured. */
  instanceId: number = -1;
  /** The reserved byte; -1 when not captured. */
  reserved: number = -1;
  /**
   * The length of the OTV message (header and frame) on the wire, from the UDP and IP
   * length fields; the captured bytes when no header says.
   */
  wireLength = 0;

  /** Whether the I flag is set (the instance ID is valid). */
  get instanceValid(): boolean {
    return (this.flags & 0x08) !== 0;
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
    this.overlayId = available >= 4 ? readUint24(data, offset + 1) : -1;
    this.instanceId = available >= 7 ? readUint24(data, offset + 4) : -1;
    this.reserved = available >= 8 ? data[offset + 7]! : -1;
    this.headerLength = Math.min(8, available);
    // A header cut after its flags keeps what it holds (tcpdump prints it).
    return available < 8 ? DecodeError.truncated(this.kind, offset, 8, available, true) : undefined;
  }

  /** Picks the decoder of the payload from the context's tables. */
  nextDecoder(context: DecodeContext): Decoder | undefined {
    return etherAfterHeader(this, context);
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return {
      flags: this.flags,
      instanceValid: this.instanceValid,
      overlayId: this.overlayId,
      instanceId: this.instanceId,
      reserved: this.reserved,
    };
  }
}

/**
 * Creates {@linkcode Otv} layers; the registry entry for UDP port 8472.
 *
 * @example Create an OTV layer
 * ```ts
 * import { otvDecoder } from "./otv.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(otvDecoder.create().kind, "otv");
 * assert.deepEqual(otvDecoder.bindings.udpPorts, [8472]);
 * ```
 */
export const otvDecoder: ProtocolDescriptor<Otv> = defineProtocol({
  kind: "otv",
  name: "OTV",
  tcpdumpName: "otv",
  create: () => new Otv(),
  bindings: { udpPorts: [8472] },
});

/**
 * Decodes an OTV header.
 *
 * @param data The bytes.
 * @param offset Where the header starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When the header is cut short.
 *
 * @example Reject a cut-off header
 * ```ts
 * import { decodeOtv } from "./otv.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeOtv(new Uint8Array([0x08, 0, 0, 0])), {
 *   message: "Cannot decode OTV header: 8 bytes required, received 4",
 * });
 * ```
 */
export function decodeOtv(data: Uint8Array, offset = 0): Otv {
  return decodeOne(new Otv(), data, offset);
}
