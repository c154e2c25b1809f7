/**
 * Linux cooked capture v1 (`LINKTYPE_LINUX_SLL`, 113): the pseudo-header that Linux
 * captures on the "any" device and on links without a usable header.
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
 * Packet types of a cooked capture (`PACKET_*` in `<linux/if_packet.h>`): who the packet
 * was for.
 *
 * @example Tell an outgoing packet
 * ```ts
 * import { SllPacketType } from "./sll.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(SllPacketType.OUTGOING, 4);
 * ```
 */
export const SllPacketType = {
  /** Addressed to this host. */
  HOST: 0,
  /** Link-layer broadcast. */
  BROADCAST: 1,
  /** Link-layer multicast. */
  MULTICAST: 2,
  /** Addressed to another host (seen in promiscuous mode). */
  OTHERHOST: 3,
  /** Sent by this host. */
  OUTGOING: 4,
} as const;

/**
 * A Linux SLL header: packet type, ARPHRD type, link-layer address (up to 8 bytes are
 * kept) and protocol. The protocol is an EtherType, or one of Linux's pseudo-types
 * below `0x0600`: `ETH_P_802_2` (4) is followed by an LLC header; the others (such as
 * `ETH_P_802_3`, Novell raw IPX) and netlink captures (ARPHRD 824) are not decoded
 * further.
 *
 * @example Decode an SLL header carrying IPv4
 * ```ts
 * import { decodeSll } from "./sll.ts";
 * import assert from "node:assert/strict";
 *
 * const bytes = new Uint8Array([
 *   0, 4, 0, 1, 0, 6, 0x02, 0, 0, 0, 0, 1, 0, 0, 0x08, 0x00, 0x45,
 * ]);
 * const sll = decodeSll(bytes);
 * assert.equal(sll.packetType, 4);
 * assert.equal(sll.arphrdType, 1);
 * assert.equal(sll.address, "02:00:00:00:00:01");
 * assert.equal(sll.protocol, 0x0800);
 * assert.deepEqual(sll.payload, new Uint8Array([0x45]));
 * ```
 */
export class LinuxSll extends LayerBase {
  /** The discriminant. */
  readonly kind = "sll" as const;
  /** Packet type (see {@linkcode SllPacketType}). */
  packetType = 0;
  /** The `ARPHRD_*` type of the link (1: Ethernet, 772: loopback, 824: netlink...). */
  arphrdType = 0;
  /** The link-layer address length field (may exceed the 8 bytes kept). */
  addressLength = 0;
  /** The protocol: an EtherType, or a Linux `ETH_P_*` pseudo-type below `0x0600`. */
  protocol = 0;

  /** The sender's link-layer address as colon-separated hex, at most 8 bytes. */
  get address(): string {
    return formatSllAddress(this.data, this.offset + 6, this.addressLength);
  }

  /** The sender's link-layer address bytes, at most 8 (a view). */
  get addressBytes(): Uint8Array {
    return sllAddressBytes(this.data, this.offset + 6, this.addressLength);
  }

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    _context: DecodeContext,
  ): DecodeError | undefined {
    const error = beginLayer(this, data, offset, end, 16);
    if (error !== undefined) return error;
    this.headerLength = 16;
    this.packetType = (data[offset]! << 8) | data[offset + 1]!;
    this.arphrdType = (data[offset + 2]! << 8) | data[offset + 3]!;
    this.addressLength = (data[offset + 4]! << 8) | data[offset + 5]!;
    this.protocol = (data[offset + 14]! << 8) | data[offset + 15]!;
    return undefined;
  }

  /** Picks the decoder of the payload from the context's tables. */
  nextDecoder(context: DecodeContext): Decoder | undefined {
    return sllNextDecoder(this, context);
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return {
      packetType: this.packetType,
      arphrdType: this.arphrdType,
      addressLength: this.addressLength,
      address: this.address,
      protocol: this.protocol,
    };
  }
}

/**
 * Creates {@linkcode LinuxSll} layers; the registry entry for `LinkType.LINUX_SLL`.
 *
 * @example Create an SLL layer
 * ```ts
 * import { sllDecoder } from "./sll.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(sllDecoder.create().kind, "sll");
 * ```
 */
export const sllDecoder: ProtocolDescriptor<LinuxSll> = defineProtocol({
  kind: "sll",
  name: "Linux SLL",
  tcpdumpName: "sll",
  create: () => new LinuxSll(),
  bindings: { linkTypes: [LinkType.LINUX_SLL] },
});

/**
 * Decodes a Linux SLL header.
 *
 * @param data The bytes.
 * @param offset Where the header starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When fewer than 16 bytes remain.
 *
 * @example Reject a truncated header
 * ```ts
 * import { decodeSll } from "./sll.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeSll(new Uint8Array(15)), {
 *   message: "Cannot decode Linux SLL header: 16 bytes required, received 15",
 * });
 * ```
 */
export function decodeSll(data: Uint8Array, offset = 0): LinuxSll {
  return decodeOne(new LinuxSll(), data, offset);
}
