/**
 * Linux cooked capture v2 (`LINKTYPE_LINUX_SLL2`, 276): SLL with the interface index.
 *
 * @module
 */

import { LinkType } from "../link_type.ts";
import type { DecodeError } from "../errors.ts";
import { beginLayer } from "../_begin_layer.ts";
import { decodeOne } from "../_decode_one.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";
import { formatSllAddress, sllAddressBytes, sllNextDecoder } from "./_sll_next.ts";

/**
 * A Linux SLL2 header: protocol, reserved field, interface index, ARPHRD type, packet
 * type and link-layer address (up to 8 bytes are kept). The payload is picked as for
 * {@linkcode LinuxSll}: by EtherType, LLC for `ETH_P_802_2`, nothing for other Linux
 * pseudo-types and netlink.
 *
 * @example Decode an SLL2 header carrying IPv6
 * ```ts
 * import { decodeSll2 } from "./sll2.ts";
 * import assert from "node:assert/strict";
 *
 * const bytes = new Uint8Array([
 *   0x86, 0xdd, 0, 0, 0, 0, 0, 3, 0, 1, 0, 6, 0x02, 0, 0, 0, 0, 1, 0, 0, 0x60,
 * ]);
 * const sll2 = decodeSll2(bytes);
 * assert.equal(sll2.protocol, 0x86dd);
 * assert.equal(sll2.interfaceIndex, 3);
 * assert.equal(sll2.arphrdType, 1);
 * assert.equal(sll2.packetType, 0);
 * assert.equal(sll2.address, "02:00:00:00:00:01");
 * assert.deepEqual(sll2.payload, new Uint8Array([0x60]));
 * ```
 */
export class LinuxSll2 extends LayerBase {
  /** The discriminant. */
  readonly kind = "sll2" as const;
  /** The protocol: an EtherType, or a Linux `ETH_P_*` pseudo-type below `0x0600`. */
  protocol = 0;
  /** The reserved field (zero when written). */
  reserved = 0;
  /** The index of the interface the packet was captured on. */
  interfaceIndex = 0;
  /** The `ARPHRD_*` type of the link (1: Ethernet, 772: loopback, 824: netlink...). */
  arphrdType = 0;
  /** Packet type (see `SllPacketType` in `sll.ts`). */
  packetType = 0;
  /** The link-layer address length field (may exceed the 8 bytes kept). */
  addressLength = 0;

  /** The sender's link-layer address as colon-separated hex, at most 8 bytes. */
  get address(): string {
    return formatSllAddress(this.data, this.offset + 12, this.addressLength);
  }

  /** The sender's link-layer address bytes, at most 8 (a view). */
  get addressBytes(): Uint8Array {
    return sllAddressBytes(this.data, this.offset + 12, this.addressLength);
  }

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    _context: DecodeContext,
  ): DecodeError | undefined {
    const error = beginLayer(this, data, offset, end, 20);
    if (error !== undefined) return error;
    this.headerLength = 20;
    this.protocol = (data[offset]! << 8) | data[offset + 1]!;
    this.reserved = (data[offset + 2]! << 8) | data[offset + 3]!;
    this.interfaceIndex = ((data[offset + 4]! << 24) | (data[offset + 5]! << 16) |
      (data[offset + 6]! << 8) | data[offset + 7]!) >>> 0;
    this.arphrdType = (data[offset + 8]! << 8) | data[offset + 9]!;
    this.packetType = data[offset + 10]!;
    this.addressLength = data[offset + 11]!;
    return undefined;
  }

  /** Picks the decoder of the payload from the context's tables. */
  nextDecoder(context: DecodeContext): Decoder | undefined {
    return sllNextDecoder(this, context);
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return {
      protocol: this.protocol,
      reserved: this.reserved,
      interfaceIndex: this.interfaceIndex,
      arphrdType: this.arphrdType,
      packetType: this.packetType,
      addressLength: this.addressLength,
      address: this.address,
    };
  }
}

/**
 * Creates {@linkcode LinuxSll2} layers; the registry entry for `LinkType.LINUX_SLL2`.
 *
 * @example Create an SLL2 layer
 * ```ts
 * import { sll2Decoder } from "./sll2.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(sll2Decoder.create().kind, "sll2");
 * ```
 */
export const sll2Decoder: ProtocolDescriptor<LinuxSll2> = defineProtocol({
  kind: "sll2",
  name: "Linux SLL2",
  tcpdumpName: "sll2",
  create: () => new LinuxSll2(),
  bindings: { linkTypes: [LinkType.LINUX_SLL2] },
});

/**
 * Decodes a Linux SLL2 header.
 *
 * @param data The bytes.
 * @param offset Where the header starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When fewer than 20 bytes remain.
 *
 * @example Reject a truncated header
 * ```ts
 * import { decodeSll2 } from "./sll2.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeSll2(new Uint8Array(16)), {
 *   message: "Cannot decode Linux SLL2 header: 20 bytes required, received 16",
 * });
 * ```
 */
export function decodeSll2(data: Uint8Array, offset = 0): LinuxSll2 {
  return decodeOne(new LinuxSll2(), data, offset);
}
