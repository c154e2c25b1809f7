/**
 * Broadcom switch tags (`LINKTYPE_DSA_TAG_BRCM`, 281, and `LINKTYPE_DSA_TAG_BRCM_PREPEND`,
 * 282): the 4-byte tag of Broadcom's switch chips, after the source address or before
 * the frame.
 *
 * @module
 */

import { LinkType } from "../link_type.ts";
import { readUint32 } from "../_bytes.ts";
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
import { ethernetDecoder } from "./ethernet.ts";
import { SwitchTaggedEthernet } from "./switch_tag.ts";

/**
 * The fields of a Broadcom tag: an opcode, then ingress fields (traffic class, tag
 * enforcement, time stamp, destination port map) or egress ones (classification ID,
 * reason code, traffic class, source port).
 *
 * @example Read an egress tag
 * ```ts
 * import { BrcmTagFields } from "./brcm_tag.ts";
 * import assert from "node:assert/strict";
 *
 * const tag = new BrcmTagFields();
 * tag.read(new Uint8Array([0x00, 0x07, 0x20, 0x45]), 0);
 * assert.equal(tag.ingress, false);
 * assert.equal(tag.classificationId, 7);
 * assert.equal(tag.reasonCode, 0x20);
 * assert.equal(tag.egressTrafficClass, 2);
 * assert.equal(tag.port, 5);
 * ```
 */
export class BrcmTagFields {
  /** The tag's 4 bytes, big-endian. */
  value = 0;

  /** Reads the 4 bytes at `at`. */
  read(data: Uint8Array, at: number): void {
    this.value = readUint32(data, at);
  }

  /** The first byte, whose opcode bits (7-5) tell ingress from egress. */
  get firstByte(): number {
    return this.value >>> 24;
  }

  /** The opcode (bits 7-5 of the first byte). */
  get opcode(): number {
    return (this.value >>> 29) & 0x7;
  }

  /** Ingress (to the switch): tcpdump's test is the opcode's lowest bit. */
  get ingress(): boolean {
    return (this.value & 0x20000000) !== 0;
  }

  /** Ingress traffic class (bits 4-2 of the second byte). */
  get ingressTrafficClass(): number {
    return (this.value >>> 18) & 0x7;
  }

  /** Ingress tag enforcement (0: none, 1: untag, 2: header, 3: reserved). */
  get tagEnforcement(): number {
    return (this.value >>> 16) & 0x3;
  }

  /** Ingress time stamp request (bit 7 of the second byte). */
  get timeStamp(): number {
    return (this.value >>> 23) & 0x1;
  }

  /** Ingress destination port map (9 bits). */
  get destinationMap(): number {
    return this.value & 0x1ff;
  }

  /** Egress classification ID (the second byte). */
  get classificationId(): number {
    return (this.value >>> 16) & 0xff;
  }

  /** Egress reason code (the third byte, a bit set). */
  get reasonCode(): number {
    return (this.value >>> 8) & 0xff;
  }

  /** Egress traffic class (bits 7-5 of the fourth byte). */
  get egressTrafficClass(): number {
    return (this.value >>> 5) & 0x7;
  }

  /** Egress source port (bits 4-0 of the fourth byte). */
  get port(): number {
    return this.value & 0x1f;
  }
}

/**
 * An Ethernet header with a Broadcom tag after the source address
 * (`LINKTYPE_DSA_TAG_BRCM`).
 *
 * @example Decode a tagged frame carrying IPv4
 * ```ts
 * import { decodeBrcmTag } from "./brcm_tag.ts";
 * import assert from "node:assert/strict";
 *
 * const frame = new Uint8Array(19);
 * frame.set([0x20, 0, 0, 0x80, 0x08, 0x00, 0x45], 12);
 * const tagged = decodeBrcmTag(frame);
 * assert.equal(tagged.tag.ingress, true);
 * assert.equal(tagged.tag.destinationMap, 0x80);
 * assert.equal(tagged.etherType, 0x0800);
 * assert.equal(tagged.headerLength, 18);
 * ```
 */
export class BrcmTag extends SwitchTaggedEthernet {
  /** The discriminant. */
  readonly kind = "brcm-tag" as const;
  /** The tag's length. */
  readonly tagLength = 4;
  /** The tag's fields. */
  readonly tag: BrcmTagFields = new BrcmTagFields();

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
 * A Broadcom tag before an Ethernet frame (`LINKTYPE_DSA_TAG_BRCM_PREPEND`).
 *
 * @example Decode a prepended tag
 * ```ts
 * import { decodeBrcmTagPrepend } from "./brcm_tag.ts";
 * import assert from "node:assert/strict";
 *
 * const tagged = decodeBrcmTagPrepend(new Uint8Array([0x00, 0, 0x20, 0x05, 0xff]));
 * assert.equal(tagged.tag.port, 5);
 * assert.deepEqual(tagged.payload, new Uint8Array([0xff]));
 * ```
 */
export class BrcmTagPrepend extends LayerBase {
  /** The discriminant. */
  readonly kind = "brcm-tag-prepend" as const;
  /** The tag's fields. */
  readonly tag: BrcmTagFields = new BrcmTagFields();

  /** Decodes the tag at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    _context: DecodeContext,
  ): DecodeError | undefined {
    const error = beginLayer(this, data, offset, end, 4);
    if (error !== undefined) return error;
    this.headerLength = 4;
    this.tag.read(data, offset);
    return undefined;
  }

  /** An Ethernet frame follows the tag. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return ethernetDecoder;
  }

  /** Returns the tag as a plain object. */
  toJSON(): Record<string, unknown> {
    return { tag: this.tag.value };
  }
}

/**
 * Creates {@linkcode BrcmTag} layers; the registry entry for `LinkType.DSA_TAG_BRCM`.
 *
 * @example Create a layer
 * ```ts
 * import { brcmTagDecoder } from "./brcm_tag.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(brcmTagDecoder.create().kind, "brcm-tag");
 * ```
 */
export const brcmTagDecoder: ProtocolDescriptor<BrcmTag> = defineProtocol({
  kind: "brcm-tag",
  name: "Broadcom tag",
  tcpdumpName: "brcm-tag",
  create: () => new BrcmTag(),
  bindings: { linkTypes: [LinkType.DSA_TAG_BRCM] },
});

/**
 * Creates {@linkcode BrcmTagPrepend} layers; the registry entry for
 * `LinkType.DSA_TAG_BRCM_PREPEND`.
 *
 * @example Create a layer
 * ```ts
 * import { brcmTagPrependDecoder } from "./brcm_tag.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(brcmTagPrependDecoder.create().kind, "brcm-tag-prepend");
 * ```
 */
export const brcmTagPrependDecoder: ProtocolDescriptor<BrcmTagPrepend> = defineProtocol({
  kind: "brcm-tag-prepend",
  name: "Broadcom tag (prepended)",
  tcpdumpName: "brcm-tag-prepend",
  create: () => new BrcmTagPrepend(),
  bindings: { linkTypes: [LinkType.DSA_TAG_BRCM_PREPEND] },
});

/**
 * Decodes an Ethernet header with a Broadcom tag.
 *
 * @param data The frame.
 * @param offset Where the header starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When fewer than 18 bytes remain.
 *
 * @example Reject a truncated header
 * ```ts
 * import { decodeBrcmTag } from "./brcm_tag.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeBrcmTag(new Uint8Array(16)), {
 *   message: "Cannot decode Broadcom tag header: 18 bytes required, received 16",
 * });
 * ```
 */
export function decodeBrcmTag(data: Uint8Array, offset = 0): BrcmTag {
  return decodeOne(new BrcmTag(), data, offset);
}

/**
 * Decodes a prepended Broadcom tag.
 *
 * @param data The bytes.
 * @param offset Where the tag starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When fewer than 4 bytes remain.
 *
 * @example Reject a truncated tag
 * ```ts
 * import { decodeBrcmTagPrepend } from "./brcm_tag.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeBrcmTagPrepend(new Uint8Array(3)), {
 *   message: "Cannot decode Broadcom tag (prepended) header: 4 bytes required, received 3",
 * });
 * ```
 */
export function decodeBrcmTagPrepend(data: Uint8Array, offset = 0): BrcmTagPrepend {
  return decodeOne(new BrcmTagPrepend(), data, offset);
}
