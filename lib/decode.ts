/**
 * Decoding whole packets: the convenient {@linkcode decode}, the throwing
 * {@linkcode decodeStrict}, and {@linkcode PacketParser} for hot loops.
 *
 * @module
 */

import { defaultRegistry } from "./registry.ts";
import { type DecodedPacket, type DecodeOptions, LayerParser } from "./packet_parser.ts";
import { decodeWith, Packet } from "./_packet.ts";

export type { DecodedPacket, DecodeOptions };
export { Packet };

/**
 * A reusable decoder for hot loops, after gopacket's `DecodingLayerParser`: it keeps one
 * set of layer objects and decodes each packet into them, allocating nothing per packet
 * (except an error object for a malformed one).
 *
 * The layers, and the views they return, belong to the parser and are overwritten by the
 * next `parse()`: copy what you keep. Use {@linkcode decode} for packets that you keep.
 *
 * @example Count TCP packets without allocating per packet
 * ```ts
 * import { PacketParser } from "./decode.ts";
 * import { LinkType } from "./link_type.ts";
 * import assert from "node:assert/strict";
 *
 * const frame = new Uint8Array(14 + 20 + 8);
 * frame.set([0x08, 0x00, 0x45, 0, 0, 28, 0, 0, 0, 0, 64, 17], 12);
 * frame.set([0, 53, 0, 53, 0, 8], 34);
 * const parser = new PacketParser();
 * const count = parser.parse(LinkType.EN10MB, frame);
 * assert.equal(count, 3);
 * assert.equal(parser.get("udp")?.destinationPort, 53);
 * assert.equal(parser.error, undefined);
 * ```
 */
export class PacketParser extends LayerParser {
  /**
   * Makes a parser.
   *
   * @param options The registry (default: every wirekit decoder), FCS length and layer
   * limit.
   * @param reuse Reuse layer objects across packets (default `true`); `decode()` passes
   * `false` so that every packet gets layers of its own.
   */
  constructor(options: DecodeOptions = {}, reuse = true) {
    super({ ...options, registry: options.registry ?? defaultRegistry }, reuse);
  }
}

/**
 * Decodes a packet as far as it can. Truncated or malformed bytes never throw: the packet
 * holds the layers that decoded and, in `error`, a {@linkcode DecodeError} saying why it
 * stopped. The layers are views over `data`.
 *
 * @param linkType The `LINKTYPE_*` number, such as `LinkType.EN10MB`.
 * @param data The captured bytes.
 * @param options The registry, FCS length and layer limit.
 * @returns The packet.
 *
 * @example Decode an ARP request
 * ```ts
 * import { decode } from "./decode.ts";
 * import { LinkType } from "./link_type.ts";
 * import assert from "node:assert/strict";
 *
 * const frame = new Uint8Array(42);
 * frame.fill(0xff, 0, 6);
 * frame.set([0x08, 0x06, 0, 1, 0x08, 0, 6, 4, 0, 1], 12);
 * const packet = decode(LinkType.EN10MB, frame);
 * assert.deepEqual(packet.layers.map((layer) => layer.kind), ["ethernet", "arp"]);
 *
 * const cut = decode(LinkType.EN10MB, frame.subarray(0, 20));
 * assert.deepEqual(cut.layers.map((layer) => layer.kind), ["ethernet"]);
 * assert.equal(cut.error?.code, "truncated");
 * ```
 */
export function decode(linkType: number, data: Uint8Array, options: DecodeOptions = {}): Packet {
  return decodeWith(linkType, data, { ...options, registry: options.registry ?? defaultRegistry });
}

/**
 * Decodes a packet and throws if any header is truncated or malformed.
 *
 * @param linkType The `LINKTYPE_*` number.
 * @param data The captured bytes.
 * @param options The registry, FCS length and layer limit.
 * @returns The packet, whose `error` is `undefined`.
 * @throws {DecodeError} With `layer`, `offset`, `required` and `received`.
 *
 * @example Throw on a truncated packet
 * ```ts
 * import { decodeStrict } from "./decode.ts";
 * import { LinkType } from "./link_type.ts";
 * import assert from "node:assert/strict";
 *
 * const frame = new Uint8Array([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x08, 0x00, 0x45, 0]);
 * assert.throws(() => decodeStrict(LinkType.EN10MB, frame), {
 *   name: "DecodeError",
 *   message: "Cannot decode IPv4 header: 20 bytes required, received 2",
 * });
 * ```
 */
export function decodeStrict(
  linkType: number,
  data: Uint8Array,
  options: DecodeOptions = {},
): Packet {
  const packet = decode(linkType, data, options);
  if (packet.error !== undefined) throw packet.error;
  return packet;
}
