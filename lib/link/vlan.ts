/**
 * IEEE 802.1Q VLAN tags, and the 802.1ad service tags of QinQ.
 *
 * @module
 */

import { EtherType } from "./ethernet.ts";
import { ETHERTYPE_MACSEC } from "./macsec.ts";
import { DecodeError } from "../errors.ts";
import { decodeOne } from "../_decode_one.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";
import { MIN_ETHERTYPE, typeOrLengthNextDecoder } from "./_type_or_length.ts";

/**
 * A VLAN tag: the tag control information (priority, drop-eligible bit, VLAN ID) and
 * the EtherType of what follows. The tag protocol identifier (TPID: `0x8100`, `0x88a8`
 * or `0x9100`) is the EtherType of the header before, so a QinQ frame decodes as two
 * `vlan` layers, the service tag first.
 *
 * When the inner type is below `0x0600` it is an 802.3 length, as in an Ethernet frame:
 * an LLC header follows (unless the payload starts with `ff ff`, a Novell raw 802.3 IPX
 * packet) and the payload is trimmed to that length.
 *
 * @example Decode an 802.1Q tag carrying IPv4
 * ```ts
 * import { decodeVlan } from "./vlan.ts";
 * import assert from "node:assert/strict";
 *
 * const tag = decodeVlan(new Uint8Array([0xb0, 0x64, 0x08, 0x00, 0x45]));
 * assert.equal(tag.priority, 5);
 * assert.equal(tag.dropEligible, true);
 * assert.equal(tag.vlanId, 100);
 * assert.equal(tag.etherType, 0x0800);
 * assert.deepEqual(tag.payload, new Uint8Array([0x45]));
 * ```
 */
export class Vlan extends LayerBase {
  /** The discriminant. */
  readonly kind = "vlan" as const;
  /** Priority code point (PCP), 0 to 7. */
  priority = 0;
  /** Drop eligible indicator (DEI; the canonical format indicator, CFI, before 802.1Q-2011). */
  dropEligible = false;
  /** VLAN identifier, 0 to 4095 (0: priority tag only; 4095: reserved). */
  vlanId = 0;
  /** The inner EtherType, or `undefined` when the tag is followed by an 802.3 length. */
  etherType: number | undefined = undefined;
  /** The 802.3 length after the tag, or `undefined` when an EtherType follows. */
  length: number | undefined = undefined;

  /**
   * The tag protocol identifier, read from the two bytes before the tag: `0x8100`
   * (802.1Q), `0x88a8` (802.1ad) or `0x9100` (pre-standard QinQ). It is known only when
   * the tag follows an Ethernet header, another tag or a Linux SLL header (which end
   * with the type field); `undefined` when the tag starts its buffer or the two bytes
   * before it are not one of those TPIDs.
   */
  get tpid(): number | undefined {
    if (this.offset < 2) return undefined;
    const tpid = (this.data[this.offset - 2]! << 8) | this.data[this.offset - 1]!;
    return tpid === 0x8100 || tpid === 0x88a8 || tpid === 0x9100 ? tpid : undefined;
  }

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    _context: DecodeContext,
  ): DecodeError | undefined {
    if (end - offset < 4) return DecodeError.truncated(this.kind, offset, 4, end - offset);
    const tci = (data[offset]! << 8) | data[offset + 1]!;
    const typeOrLength = (data[offset + 2]! << 8) | data[offset + 3]!;
    this.data = data;
    this.offset = offset;
    this.headerLength = 4;
    this.priority = tci >> 13;
    this.dropEligible = (tci & 0x1000) !== 0;
    this.vlanId = tci & 0x0fff;
    if (typeOrLength >= MIN_ETHERTYPE) {
      this.etherType = typeOrLength;
      this.length = undefined;
      this.end = end;
    } else {
      this.etherType = undefined;
      this.length = typeOrLength;
      this.end = Math.min(end, offset + 4 + typeOrLength);
    }
    return undefined;
  }

  /** Picks the decoder of the payload from the context's tables. */
  nextDecoder(context: DecodeContext): Decoder | undefined {
    // tcpdump reads a MACsec SecTAG only right after the Ethernet addresses.
    if (this.etherType === ETHERTYPE_MACSEC) return undefined;
    return typeOrLengthNextDecoder(
      this.etherType,
      this.data,
      this.offset + 4,
      this.end,
      context,
    );
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    const header: Record<string, unknown> = {
      priority: this.priority,
      dropEligible: this.dropEligible,
      vlanId: this.vlanId,
    };
    if (this.etherType === undefined) header.length = this.length;
    else header.etherType = this.etherType;
    return header;
  }
}

/**
 * Creates {@linkcode Vlan} layers; the registry entry for EtherTypes `0x8100`, `0x88a8`
 * and `0x9100`.
 *
 * @example Create a VLAN layer
 * ```ts
 * import { vlanDecoder } from "./vlan.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(vlanDecoder.create().kind, "vlan");
 * ```
 */
export const vlanDecoder: ProtocolDescriptor<Vlan> = defineProtocol({
  kind: "vlan",
  name: "VLAN",
  tcpdumpName: "vlan",
  create: () => new Vlan(),
  bindings: { etherTypes: [EtherType.VLAN, EtherType.QINQ, EtherType.QINQ_OLD] },
});

/**
 * Decodes a VLAN tag (the four bytes after its TPID).
 *
 * @param data The bytes.
 * @param offset Where the tag control information starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When fewer than 4 bytes remain.
 *
 * @example Read the TPID of a QinQ service tag
 * ```ts
 * import { decodeVlan } from "./vlan.ts";
 * import assert from "node:assert/strict";
 *
 * const bytes = new Uint8Array([0x88, 0xa8, 0x00, 0x0a, 0x81, 0x00]);
 * const tag = decodeVlan(bytes, 2);
 * assert.equal(tag.tpid, 0x88a8);
 * assert.equal(tag.vlanId, 10);
 * assert.equal(tag.etherType, 0x8100);
 * assert.throws(() => decodeVlan(bytes, 3), {
 *   message: "Cannot decode VLAN header: 4 bytes required, received 3",
 * });
 * ```
 */
export function decodeVlan(data: Uint8Array, offset = 0): Vlan {
  return decodeOne(new Vlan(), data, offset);
}
