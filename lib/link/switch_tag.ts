/**
 * What the Ethernet frames of switch chips share: a tag between the source address and
 * the type/length field (Broadcom, Marvell DSA and EDSA), as tcpdump's
 * ether_switch_tag_print() reads them: the base class of their layers.
 *
 * @module
 */

import { formatMac } from "../address.ts";
import { beginLayer } from "../_begin_layer.ts";
import { readUint16 } from "../_bytes.ts";
import type { DecodeError } from "../errors.ts";
import { type DecodeContext, type Decoder, LayerBase } from "../layer.ts";
import { MIN_ETHERTYPE, typeOrLengthNextDecoder } from "./_type_or_length.ts";

/**
 * An Ethernet header with a switch tag of `tagLength` bytes after the addresses: the
 * type/length field follows the tag, and the payload is chosen as Ethernet's. The
 * subclasses (`Dsa`, `Edsa` in `dsa.ts`, `BrcmTag` in `brcm_tag.ts`) read the tag.
 *
 * @example Read the header of a Marvell DSA frame
 * ```ts
 * import { decodeDsa } from "./dsa.ts";
 * import type { SwitchTaggedEthernet } from "./switch_tag.ts";
 * import assert from "node:assert/strict";
 *
 * const frame = new Uint8Array(18);
 * frame.set([0x02, 0, 0, 0, 0, 1], 6);
 * frame.set([0x86, 0xdd], 16);
 * const tagged: SwitchTaggedEthernet = decodeDsa(frame);
 * assert.equal(tagged.source, "02:00:00:00:00:01");
 * assert.equal(tagged.tagAt, 12);
 * assert.equal(tagged.etherType, 0x86dd);
 * ```
 */
export abstract class SwitchTaggedEthernet extends LayerBase {
  /** The EtherType after the tag, or `undefined` when the field is an 802.3 length. */
  etherType: number | undefined = undefined;
  /** The 802.3 length field, or `undefined` for a type. */
  length: number | undefined = undefined;
  /** The tag's length in bytes. */
  abstract readonly tagLength: number;

  /** Destination MAC address, such as `ff:ff:ff:ff:ff:ff`. */
  get destination(): string {
    return formatMac(this.data, this.offset);
  }

  /** Source MAC address. */
  get source(): string {
    return formatMac(this.data, this.offset + 6);
  }

  /** Where the tag starts in `data` (after the two addresses). */
  get tagAt(): number {
    return this.offset + 12;
  }

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    _context: DecodeContext,
  ): DecodeError | undefined {
    const headerLength = 14 + this.tagLength;
    const error = beginLayer(this, data, offset, end, headerLength);
    if (error !== undefined) return error;
    this.headerLength = headerLength;
    const at = offset + headerLength - 2;
    const typeOrLength = readUint16(data, at);
    if (typeOrLength >= MIN_ETHERTYPE) {
      this.etherType = typeOrLength;
      this.length = undefined;
    } else {
      // An 802.3 length shortens the payload (never lengthens it), as for Ethernet.
      this.etherType = undefined;
      this.length = typeOrLength;
      this.end = Math.min(end, offset + headerLength + typeOrLength);
    }
    this.decodeTag(data, offset + 12);
    return undefined;
  }

  /** Reads the tag's fields at `at` (the header's length was checked). */
  protected abstract decodeTag(data: Uint8Array, at: number): void;

  /** Picks the decoder of the payload from the context's tables. */
  nextDecoder(context: DecodeContext): Decoder | undefined {
    return typeOrLengthNextDecoder(
      this.etherType,
      this.data,
      this.offset + this.headerLength,
      this.end,
      context,
    );
  }

  /** Returns the addresses and the type or length as a plain object. */
  protected frameJSON(): Record<string, unknown> {
    return this.etherType === undefined
      ? { destination: this.destination, source: this.source, length: this.length }
      : { destination: this.destination, source: this.source, etherType: this.etherType };
  }
}
