/**
 * Marvell switch tags (`LINKTYPE_DSA_TAG_DSA`, 284, and `LINKTYPE_DSA_TAG_EDSA`, 285): the
 * 4-byte DSA tag after the source address, or the 8-byte EDSA tag (an EtherType, two
 * reserved bytes and a DSA tag).
 *
 * @module
 */

import { LinkType } from "../link_type.ts";
import { readUint16, readUint32 } from "../_bytes.ts";
import { decodeOne } from "../_decode_one.ts";
import { defineProtocol, type ProtocolDescriptor } from "../layer.ts";
import { SwitchTaggedEthernet } from "./switch_tag.ts";

/**
 * Marvell DSA tag modes.
 *
 * @example Compare a mode
 * ```ts
 * import { DsaMode } from "./dsa.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(DsaMode.FORWARD, 3);
 * ```
 */
export const DsaMode = {
  /** A frame the switch traps or mirrors to the CPU. */
  TO_CPU: 0,
  /** A frame the CPU sends out of a port. */
  FROM_CPU: 1,
  /** A frame a port mirrors to the sniffer. */
  TO_SNIFFER: 2,
  /** A frame switched between devices. */
  FORWARD: 3,
} as const;

/**
 * The fields of a Marvell DSA tag (the 4 bytes, big-endian, in `value`).
 *
 * @example Read a Forward tag
 * ```ts
 * import { DsaTagFields } from "./dsa.ts";
 * import assert from "node:assert/strict";
 *
 * const tag = new DsaTagFields();
 * tag.read(new Uint8Array([0xe1, 0x0d, 0xa5, 0x39]), 0);
 * assert.equal(tag.mode, 3);
 * assert.equal(tag.tagged, true);
 * assert.equal(tag.device, 1);
 * assert.equal(tag.port, 1);
 * assert.equal(tag.trunk, true);
 * assert.equal(tag.cfi, true);
 * assert.equal(tag.priority, 5);
 * assert.equal(tag.vlanId, 0x539);
 * ```
 */
export class DsaTagFields {
  /** The tag's 4 bytes, big-endian. */
  value = 0;

  /** Reads the 4 bytes at `at`. */
  read(data: Uint8Array, at: number): void {
    this.value = readUint32(data, at);
  }

  /** The mode (see {@linkcode DsaMode}). */
  get mode(): number {
    return this.value >>> 30;
  }

  /** The frame was (source) or is to be (target) IEEE 802.1Q tagged. */
  get tagged(): boolean {
    return (this.value & 0x20000000) !== 0;
  }

  /** The source or target switch device. */
  get device(): number {
    return (this.value >>> 24) & 0x1f;
  }

  /** The source or target port (or trunk). */
  get port(): number {
    return (this.value >>> 19) & 0x1f;
  }

  /** Bit 18: Forward's source-is-trunk, To Sniffer's Rx sniff, To CPU's code bit 2. */
  get trunk(): boolean {
    return (this.value & 0x40000) !== 0;
  }

  /** The original frame's CFI bit. */
  get cfi(): boolean {
    return (this.value & 0x10000) !== 0;
  }

  /** The frame priority (3 bits). */
  get priority(): number {
    return (this.value >>> 13) & 0x7;
  }

  /** The VLAN ID (12 bits). */
  get vlanId(): number {
    return this.value & 0xfff;
  }

  /** To CPU's code: bits 18-17 and 12. */
  get code(): number {
    return ((this.value >>> 16) & 0x6) | ((this.value >>> 12) & 0x1);
  }
}

/**
 * An Ethernet header with a Marvell DSA tag after the source address.
 *
 * @example Decode a tagged frame carrying IPv4
 * ```ts
 * import { decodeDsa } from "./dsa.ts";
 * import assert from "node:assert/strict";
 *
 * const frame = new Uint8Array(19);
 * frame.set([0xc0, 0x08, 0, 0, 0x08, 0x00, 0x45], 12);
 * const tagged = decodeDsa(frame);
 * assert.equal(tagged.tag.mode, 3);
 * assert.equal(tagged.tag.port, 1);
 * assert.equal(tagged.etherType, 0x0800);
 * ```
 */
export class Dsa extends SwitchTaggedEthernet {
  /** The discriminant. */
  readonly kind = "dsa" as const;
  /** The tag's length. */
  readonly tagLength = 4;
  /** The tag's fields. */
  readonly tag: DsaTagFields = new DsaTagFields();

  /** Reads the tag. */
  protected decodeTag(data: Uint8Array, at: number): void {
    this.tag.read(data, at);
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return { ...this.frameJSON(), tag: this.tag.value };
  }
}

/**
 * An Ethernet header with a Marvell EDSA tag after the source address: an EtherType
 * (programmable, often `0xdada`), two reserved bytes, then a DSA tag.
 *
 * @example Decode a tagged frame carrying IPv4
 * ```ts
 * import { decodeEdsa } from "./dsa.ts";
 * import assert from "node:assert/strict";
 *
 * const frame = new Uint8Array(23);
 * frame.set([0xda, 0xda, 0, 0, 0x40, 0x10, 0, 0, 0x08, 0x00, 0x45], 12);
 * const tagged = decodeEdsa(frame);
 * assert.equal(tagged.edsaEtherType, 0xdada);
 * assert.equal(tagged.tag.mode, 1);
 * assert.equal(tagged.tag.port, 2);
 * assert.equal(tagged.headerLength, 22);
 * ```
 */
export class Edsa extends SwitchTaggedEthernet {
  /** The discriminant. */
  readonly kind = "edsa" as const;
  /** The tag's length. */
  readonly tagLength = 8;
  /** The EDSA tag's EtherType. */
  edsaEtherType = 0;
  /** The first reserved byte (zero when written). */
  reserved1 = 0;
  /** The second reserved byte (zero when written). */
  reserved2 = 0;
  /** The DSA tag's fields. */
  readonly tag: DsaTagFields = new DsaTagFields();

  /** Reads the tag. */
  protected decodeTag(data: Uint8Array, at: number): void {
    this.edsaEtherType = readUint16(data, at);
    this.reserved1 = data[at + 2]!;
    this.reserved2 = data[at + 3]!;
    this.tag.read(data, at + 4);
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return {
      ...this.frameJSON(),
      edsaEtherType: this.edsaEtherType,
      reserved1: this.reserved1,
      reserved2: this.reserved2,
      tag: this.tag.value,
    };
  }
}

/**
 * Creates {@linkcode Dsa} layers; the registry entry for `LinkType.DSA_TAG_DSA`.
 *
 * @example Create a layer
 * ```ts
 * import { dsaDecoder } from "./dsa.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(dsaDecoder.create().kind, "dsa");
 * ```
 */
export const dsaDecoder: ProtocolDescriptor<Dsa> = defineProtocol({
  kind: "dsa",
  name: "Marvell DSA",
  tcpdumpName: "dsa",
  create: () => new Dsa(),
  bindings: { linkTypes: [LinkType.DSA_TAG_DSA] },
});

/**
 * Creates {@linkcode Edsa} layers; the registry entry for `LinkType.DSA_TAG_EDSA`.
 *
 * @example Create a layer
 * ```ts
 * import { edsaDecoder } from "./dsa.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(edsaDecoder.create().kind, "edsa");
 * ```
 */
export const edsaDecoder: ProtocolDescriptor<Edsa> = defineProtocol({
  kind: "edsa",
  name: "Marvell EDSA",
  tcpdumpName: "edsa",
  create: () => new Edsa(),
  bindings: { linkTypes: [LinkType.DSA_TAG_EDSA] },
});

/**
 * Decodes an Ethernet header with a Marvell DSA tag.
 *
 * @param data The frame.
 * @param offset Where the header starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When fewer than 18 bytes remain.
 *
 * @example Reject a truncated header
 * ```ts
 * import { decodeDsa } from "./dsa.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeDsa(new Uint8Array(17)), {
 *   message: "Cannot decode Marvell DSA header: 18 bytes required, received 17",
 * });
 * ```
 */
export function decodeDsa(data: Uint8Array, offset = 0): Dsa {
  return decodeOne(new Dsa(), data, offset);
}

/**
 * Decodes an Ethernet header with a Marvell EDSA tag.
 *
 * @param data The frame.
 * @param offset Where the header starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When fewer than 22 bytes remain.
 *
 * @example Reject a truncated header
 * ```ts
 * import { decodeEdsa } from "./dsa.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeEdsa(new Uint8Array(21)), {
 *   message: "Cannot decode Marvell EDSA header: 22 bytes required, received 21",
 * });
 * ```
 */
export function decodeEdsa(data: Uint8Array, offset = 0): Edsa {
  return decodeOne(new Edsa(), data, offset);
}
