/**
 * Generic Network Virtualization Encapsulation (Geneve, RFC 8926): a packet carried in
 * UDP (port 6081) behind a header that names its network (the VNI), its protocol (an
 * EtherType) and options.
 *
 * @module
 */

import { DecodeError } from "../errors.ts";
import { decodeOne } from "../_decode_one.ts";
import { wireLength } from "../app/_wire_length.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";

/** The UDP port of Geneve assigned by IANA (RFC 8926). */
export const GENEVE_PORT = 6081;

/** The bits of Geneve's flags byte. */
export const GeneveFlag = {
  /** O: an OAM (control) packet. */
  OAM: 0x80,
  /** C: critical options are present. */
  CRITICAL: 0x40,
} as const;

/** One Geneve option (RFC 8926 section 3.5). */
export interface GeneveOption {
  /** Where the option starts in the packet's bytes. */
  offset: number;
  /** The option class (16 bits): `0x0100` Linux, `0x0101` Open vSwitch... */
  optionClass: number;
  /** The type (8 bits; its high bit says the option is critical). */
  type: number;
  /** Whether the type's critical bit is set. */
  critical: boolean;
  /** The option's length in bytes, its 4-byte header included. */
  length: number;
  /** The option's data (a view), cut where the options end. */
  data: Uint8Array;
  /** The option's length goes past the end of the options. */
  badLength: boolean;
}

/**
 * A Geneve header. Its payload is read through the EtherType table by the protocol type
 * (`0x6558` an Ethernet frame, `0x0800` IPv4...), so a tunnel decodes to the packet inside.
 *
 * @example Decode a Geneve header with one option, in front of an Ethernet frame
 * ```ts
 * import { decodeGeneve } from "./geneve.ts";
 * import assert from "node:assert/strict";
 *
 * const geneve = decodeGeneve(new Uint8Array([
 *   0x02, 0x40, 0x65, 0x58, 0, 0, 0x0a, 0, // 2 option words, C flag, TEB, VNI 10
 *   0x00, 0x00, 0x80, 0x01, 0, 0, 0, 0x0c, // class 0, type 0x80, 4 data bytes
 * ]));
 * assert.equal(geneve.version, 0);
 * assert.equal(geneve.critical, true);
 * assert.equal(geneve.protocolType, 0x6558);
 * assert.equal(geneve.vni, 10);
 * assert.equal(geneve.headerLength, 16);
 * assert.equal(geneve.options[0]?.length, 8);
 * assert.equal(geneve.options[0]?.critical, true);
 * ```
 */
export class Geneve extends LayerBase {
  /** The discriminant. */
  readonly kind = "geneve" as const;
  /** The version (2 bits; 0 is the only one). */
  version = 0;
  /** The length of the options in bytes (the 6-bit field times 4). */
  optionsLength = 0;
  /** The flags byte: O (`0x80`), C (`0x40`) and 6 reserved bits. */
  flags = 0;
  /** The protocol type: the EtherType of the payload. */
  protocolType = 0;
  /** The virtual network identifier, 24 bits. */
  vni = 0;
  /** The reserved byte after the VNI. */
  reserved = 0;
  /**
   * The length of the Geneve message (header and payload) on the wire, from the UDP and IP
   * length fields; the captured bytes when no header says.
   */
  wireLength = 0;
  #options: GeneveOption[] | undefined = undefined;

  /** Whether the O (OAM) flag is set. */
  get oam(): boolean {
    return (this.flags & GeneveFlag.OAM) !== 0;
  }

  /** Whether the C (critical options present) flag is set. */
  get critical(): boolean {
    return (this.flags & GeneveFlag.CRITICAL) !== 0;
  }

  /**
   * The options, read when first asked. An option whose length runs past the options'
   * end is the last one, marked `badLength`.
   */
  get options(): readonly GeneveOption[] {
    if (this.#options !== undefined) return this.#options;
    const options: GeneveOption[] = [];
    const d = this.data;
    const end = this.offset + this.headerLength;
    let at = this.offset + 8;
    while (at + 4 <= end) {
      const type = d[at + 2]!;
      const length = 4 + (d[at + 3]! & 0x1f) * 4;
      const badLength = at + length > end;
      options.push({
        offset: at,
        optionClass: (d[at]! << 8) | d[at + 1]!,
        type,
        critical: (type & 0x80) !== 0,
        length,
        data: d.subarray(at + 4, Math.min(at + length, end)),
        badLength,
      });
      if (badLength) break;
      at += length;
    }
    this.#options = options;
    return options;
  }

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    context: DecodeContext,
  ): DecodeError | undefined {
    const available = end - offset;
    if (available < 8) return DecodeError.truncated(this.kind, offset, 8, available);
    const first = data[offset]!;
    const version = first >> 6;
    if (version !== 0) {
      return DecodeError.malformed(this.kind, offset, 0, version, `version ${version} is not 0`);
    }
    const length = 8 + (first & 0x3f) * 4;
    if (available < length) return DecodeError.truncated(this.kind, offset, length, available);
    this.data = data;
    this.offset = offset;
    this.headerLength = length;
    this.end = end;
    this.version = version;
    this.optionsLength = length - 8;
    this.flags = data[offset + 1]!;
    this.protocolType = (data[offset + 2]! << 8) | data[offset + 3]!;
    this.vni = (data[offset + 4]! << 16) | (data[offset + 5]! << 8) | data[offset + 6]!;
    this.reserved = data[offset + 7]!;
    this.wireLength = wireLength(context, offset, available);
    this.#options = undefined;
    return undefined;
  }

  /** Picks the decoder of the payload from the context's tables. */
  nextDecoder(context: DecodeContext): Decoder | undefined {
    if (this.end <= this.offset + this.headerLength) return undefined;
    return context.tables.etherTypes.get(this.protocolType);
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return {
      version: this.version,
      optionsLength: this.optionsLength,
      flags: { oam: this.oam, critical: this.critical, value: this.flags },
      protocolType: this.protocolType,
      vni: this.vni,
      reserved: this.reserved,
      options: this.options.map((option) => ({
        class: option.optionClass,
        type: option.type,
        critical: option.critical,
        length: option.length,
        data: Array.from(option.data),
        ...(option.badLength ? { badLength: true } : {}),
      })),
    };
  }
}

/**
 * Creates {@linkcode Geneve} layers; the registry entry for UDP port 6081.
 *
 * @example Create a Geneve layer
 * ```ts
 * import { geneveDecoder } from "./geneve.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(geneveDecoder.create().kind, "geneve");
 * assert.deepEqual(geneveDecoder.bindings.udpPorts, [6081]);
 * ```
 */
export const geneveDecoder: ProtocolDescriptor<Geneve> = defineProtocol({
  kind: "geneve",
  name: "Geneve",
  tcpdumpName: "geneve",
  create: () => new Geneve(),
  bindings: { udpPorts: [GENEVE_PORT] },
});

/**
 * Decodes a Geneve header, its options included.
 *
 * @param data The bytes.
 * @param offset Where the header starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When the header or its options are cut short, or the version is
 * not 0.
 *
 * @example Reject options that were cut off
 * ```ts
 * import { decodeGeneve } from "./geneve.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeGeneve(new Uint8Array([0x01, 0, 0x08, 0, 0, 0, 1, 0])), {
 *   message: "Cannot decode Geneve header: 12 bytes required, received 8",
 * });
 * ```
 */
export function decodeGeneve(data: Uint8Array, offset = 0): Geneve {
  return decodeOne(new Geneve(), data, offset);
}
