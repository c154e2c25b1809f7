/**
 * Solaris ipnet (`LINKTYPE_IPNET`, 226): the 24-byte header that Solaris's ipnet devices
 * put before each IP packet, with the address family and the source and destination zones.
 *
 * @module
 */

import { LinkType } from "../link_type.ts";
import type { DecodeError } from "../errors.ts";
import { beginLayer } from "../_begin_layer.ts";
import { readUint16, readUint32 } from "../_bytes.ts";
import { decodeOne } from "../_decode_one.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";

/**
 * The address families of an ipnet header that carry IP (Solaris's `AF_INET` and
 * `AF_INET6` values).
 *
 * @example Tell IPv6
 * ```ts
 * import { IpnetFamily } from "./ipnet.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(IpnetFamily.INET6, 26);
 * ```
 */
export const IpnetFamily = {
  /** IPv4. */
  INET: 2,
  /** IPv6 (Solaris's value). */
  INET6: 26,
} as const;

/**
 * An ipnet header: version (1 byte), address family (1), hardware type (2), packet length
 * (4), interface index (4), group interface index (4), source zone (4), destination
 * zone (4), all big-endian. Families 2 and 26 carry IPv4 and IPv6; other payloads are
 * not decoded.
 *
 * @example Decode a header carrying IPv4
 * ```ts
 * import { decodeIpnet } from "./ipnet.ts";
 * import assert from "node:assert/strict";
 *
 * const bytes = new Uint8Array(25);
 * bytes.set([1, 2], 0);
 * bytes.set([0, 0, 0, 7], 16);
 * const ipnet = decodeIpnet(bytes);
 * assert.equal(ipnet.family, 2);
 * assert.equal(ipnet.sourceZone, 7);
 * assert.equal(ipnet.payload.length, 1);
 * ```
 */
export class Ipnet extends LayerBase {
  /** The discriminant. */
  readonly kind = "ipnet" as const;
  /** The header's version. */
  version = 0;
  /** The address family of the payload (see {@linkcode IpnetFamily}). */
  family = 0;
  /** The hardware type. */
  hardwareType = 0;
  /** The packet length the header states. */
  packetLength = 0;
  /** The interface index. */
  interfaceIndex = 0;
  /** The group interface index. */
  groupInterfaceIndex = 0;
  /** The source zone id. */
  sourceZone = 0;
  /** The destination zone id. */
  destinationZone = 0;

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    _context: DecodeContext,
  ): DecodeError | undefined {
    const error = beginLayer(this, data, offset, end, 24);
    if (error !== undefined) return error;
    this.headerLength = 24;
    this.version = data[offset]!;
    this.family = data[offset + 1]!;
    this.hardwareType = readUint16(data, offset + 2);
    this.packetLength = readUint32(data, offset + 4);
    this.interfaceIndex = readUint32(data, offset + 8);
    this.groupInterfaceIndex = readUint32(data, offset + 12);
    this.sourceZone = readUint32(data, offset + 16);
    this.destinationZone = readUint32(data, offset + 20);
    return undefined;
  }

  /** Picks IPv4 or IPv6 by the address family (nothing for another family). */
  nextDecoder(context: DecodeContext): Decoder | undefined {
    if (this.family === IpnetFamily.INET) return context.tables.etherTypes.get(0x0800);
    if (this.family === IpnetFamily.INET6) return context.tables.etherTypes.get(0x86dd);
    return undefined;
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return {
      version: this.version,
      family: this.family,
      hardwareType: this.hardwareType,
      packetLength: this.packetLength,
      interfaceIndex: this.interfaceIndex,
      groupInterfaceIndex: this.groupInterfaceIndex,
      sourceZone: this.sourceZone,
      destinationZone: this.destinationZone,
    };
  }
}

/**
 * Creates {@linkcode Ipnet} layers; the registry entry for `LinkType.IPNET`.
 *
 * @example Create a layer
 * ```ts
 * import { ipnetDecoder } from "./ipnet.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(ipnetDecoder.create().kind, "ipnet");
 * ```
 */
export const ipnetDecoder: ProtocolDescriptor<Ipnet> = defineProtocol({
  kind: "ipnet",
  name: "ipnet",
  tcpdumpName: "ipnet",
  create: () => new Ipnet(),
  bindings: { linkTypes: [LinkType.IPNET] },
});

/**
 * Decodes an ipnet header.
 *
 * @param data The bytes.
 * @param offset Where the header starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When fewer than 24 bytes remain.
 *
 * @example Reject a truncated header
 * ```ts
 * import { decodeIpnet } from "./ipnet.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeIpnet(new Uint8Array(23)), {
 *   message: "Cannot decode ipnet header: 24 bytes required, received 23",
 * });
 * ```
 */
export function decodeIpnet(data: Uint8Array, offset = 0): Ipnet {
  return decodeOne(new Ipnet(), data, offset);
}
