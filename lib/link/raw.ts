/**
 * Raw IP link types (`LINKTYPE_RAW` and its historic numbers): no link header, the
 * packet starts with an IPv4 or IPv6 header.
 *
 * @module
 */

import type { BoundDispatcher, LayerDecoder } from "../layer.ts";
import { LinkType } from "../link_type.ts";
import { ipv4Decoder } from "../net/ipv4.ts";
import { ipv6Decoder } from "../net/ipv6.ts";

/**
 * Picks the IPv4 or IPv6 decoder by the version nibble of the first byte; the registry
 * entry for `LinkType.RAW` (101) and the historic raw link types 12 and 14. Any other
 * version, or an empty packet, selects nothing: the bytes are left undecoded.
 *
 * @example Pick the decoder of a raw IPv6 packet
 * ```ts
 * import { rawIpDispatcher } from "./raw.ts";
 * import assert from "node:assert/strict";
 *
 * const packet = new Uint8Array([0x60, 0, 0, 0]);
 * assert.equal(rawIpDispatcher.select(packet, 0, packet.length)?.kind, "ipv6");
 * assert.equal(rawIpDispatcher.select(new Uint8Array([0x45]), 0, 1)?.kind, "ipv4");
 * assert.equal(rawIpDispatcher.select(new Uint8Array([0x50]), 0, 1), undefined);
 * assert.equal(rawIpDispatcher.select(packet, 0, 0), undefined);
 * ```
 */
export const rawIpDispatcher: BoundDispatcher = {
  bindings: { linkTypes: [LinkType.RAW_12, LinkType.RAW_14, LinkType.RAW] },
  select(data: Uint8Array, offset: number, end: number): LayerDecoder | undefined {
    if (offset >= end) return undefined;
    switch (data[offset]! >> 4) {
      case 4:
        return ipv4Decoder;
      case 6:
        return ipv6Decoder;
      default:
        return undefined;
    }
  },
};
