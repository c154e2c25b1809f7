/**
 * Serial Line IP as BPF captures it: `LINKTYPE_SLIP` (8) and BSD/OS's `LINKTYPE_SLIP_BSDOS`
 * (15, and 102 as libpcap reads it), a 16-byte pseudo-header before each IP packet. The
 * pseudo-header holds the direction and, for a Van Jacobson compressed packet, its
 * compressed TCP/IP header (RFC 1144) as it was on the line.
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

/**
 * The packet types of a SLIP pseudo-header's second byte (its high four bits), and the
 * directions of its first.
 *
 * @example Tell an uncompressed TCP packet
 * ```ts
 * import { SlipType } from "./slip.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(0x75 & 0xf0, SlipType.UNCOMPRESSED_TCP);
 * ```
 */
export const SlipType = {
  /** An IP packet, not compressed. */
  IP: 0x40,
  /** A TCP packet whose IP protocol field holds the connection number. */
  UNCOMPRESSED_TCP: 0x70,
  /** The bit of a compressed TCP packet (the rest of the byte says what changed). */
  COMPRESSED_TCP: 0x80,
} as const;

/** The length of the pseudo-header. */
const SLIP_HEADER_LENGTH = 16;

/**
 * What both SLIP layers ({@linkcode Slip}, {@linkcode SlipBsdos}) share: the 16-byte
 * pseudo-header, a direction byte (0 in, 1 out) and 15 bytes of the link's compressed
 * header, whose first byte is the packet type.
 *
 * @example Read the compressed header of a sent packet
 * ```ts
 * import { decodeSlip } from "./slip.ts";
 * import assert from "node:assert/strict";
 *
 * const bytes = new Uint8Array(16);
 * bytes.set([1, 0xcf, 3], 0);
 * const slip = decodeSlip(bytes);
 * assert.equal(slip.direction, 1);
 * assert.deepEqual(slip.compressedHeader.subarray(0, 2), new Uint8Array([0xcf, 3]));
 * ```
 */
export abstract class SlipHeader extends LayerBase {
  /** The direction: 0 received, 1 sent. */
  direction = 0;
  /** The packet type byte (see {@linkcode SlipType}). */
  packetType = 0;

  /** The 15 bytes of the compressed header (a view). */
  get compressedHeader(): Uint8Array {
    return this.data.subarray(this.offset + 1, this.offset + SLIP_HEADER_LENGTH);
  }

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    _context: DecodeContext,
  ): DecodeError | undefined {
    const error = beginLayer(this, data, offset, end, SLIP_HEADER_LENGTH);
    if (error !== undefined) return error;
    this.headerLength = SLIP_HEADER_LENGTH;
    this.direction = data[offset]!;
    this.packetType = data[offset + 1]!;
    return undefined;
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return { direction: this.direction, packetType: this.packetType };
  }
}

/**
 * A `LINKTYPE_SLIP` pseudo-header. The packet after it is IPv4 or IPv6 by its version
 * field, as tcpdump reads it; another version is not decoded.
 *
 * @example Decode a received IPv4 packet
 * ```ts
 * import { decodeSlip } from "./slip.ts";
 * import assert from "node:assert/strict";
 *
 * const bytes = new Uint8Array(17);
 * bytes.set([0, 0x40], 0);
 * bytes[16] = 0x45;
 * const slip = decodeSlip(bytes);
 * assert.equal(slip.direction, 0);
 * assert.equal(slip.packetType, 0x40);
 * assert.equal(slip.ipVersion, 4);
 * ```
 */
export class Slip extends SlipHeader {
  /** The discriminant. */
  readonly kind = "slip" as const;

  /** The version field of the packet after the header, or -1 when none was captured. */
  get ipVersion(): number {
    const at = this.offset + SLIP_HEADER_LENGTH;
    return at < this.end ? this.data[at]! >> 4 : -1;
  }

  /** Picks IPv4 or IPv6 by the packet's version field. */
  nextDecoder(context: DecodeContext): Decoder | undefined {
    const version = this.ipVersion;
    if (version === 4) return context.tables.etherTypes.get(0x0800);
    if (version === 6) return context.tables.etherTypes.get(0x86dd);
    return undefined;
  }
}

/**
 * A BSD/OS SLIP pseudo-header (`LINKTYPE_SLIP_BSDOS`): the packet after it is IPv4.
 *
 * @example Decode a header and its IPv4 packet's first byte
 * ```ts
 * import { decodeSlipBsdos } from "./slip.ts";
 * import assert from "node:assert/strict";
 *
 * const slip = decodeSlipBsdos(new Uint8Array(17).fill(0x45, 16));
 * assert.equal(slip.kind, "slip-bsdos");
 * assert.deepEqual(slip.payload, new Uint8Array([0x45]));
 * ```
 */
export class SlipBsdos extends SlipHeader {
  /** The discriminant. */
  readonly kind = "slip-bsdos" as const;

  /** The payload is IPv4, whatever its version field says. */
  nextDecoder(context: DecodeContext): Decoder | undefined {
    return context.tables.etherTypes.get(0x0800);
  }
}

/**
 * Creates {@linkcode Slip} layers; the registry entry for `LinkType.SLIP`.
 *
 * @example Create a layer
 * ```ts
 * import { slipDecoder } from "./slip.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(slipDecoder.create().kind, "slip");
 * ```
 */
export const slipDecoder: ProtocolDescriptor<Slip> = defineProtocol({
  kind: "slip",
  name: "SLIP",
  tcpdumpName: "slip",
  create: () => new Slip(),
  bindings: { linkTypes: [LinkType.SLIP] },
});

/**
 * Creates {@linkcode SlipBsdos} layers; the registry entry for `LinkType.SLIP_BSDOS` and
 * for 102, which libpcap reads as the same link type.
 *
 * @example Create a layer
 * ```ts
 * import { slipBsdosDecoder } from "./slip.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(slipBsdosDecoder.create().kind, "slip-bsdos");
 * ```
 */
export const slipBsdosDecoder: ProtocolDescriptor<SlipBsdos> = defineProtocol({
  kind: "slip-bsdos",
  name: "BSD/OS SLIP",
  tcpdumpName: "slip_bsdos",
  create: () => new SlipBsdos(),
  bindings: { linkTypes: [LinkType.SLIP_BSDOS, 102] },
});

/**
 * Decodes a SLIP pseudo-header.
 *
 * @param data The bytes.
 * @param offset Where the header starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When fewer than 16 bytes remain.
 *
 * @example Reject a truncated header
 * ```ts
 * import { decodeSlip } from "./slip.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeSlip(new Uint8Array(15)), {
 *   message: "Cannot decode SLIP header: 16 bytes required, received 15",
 * });
 * ```
 */
export function decodeSlip(data: Uint8Array, offset = 0): Slip {
  return decodeOne(new Slip(), data, offset);
}

/**
 * Decodes a BSD/OS SLIP pseudo-header.
 *
 * @param data The bytes.
 * @param offset Where the header starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When fewer than 16 bytes remain.
 *
 * @example Reject a truncated header
 * ```ts
 * import { decodeSlipBsdos } from "./slip.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeSlipBsdos(new Uint8Array(3)), {
 *   message: "Cannot decode BSD/OS SLIP header: 16 bytes required, received 3",
 * });
 * ```
 */
export function decodeSlipBsdos(data: Uint8Array, offset = 0): SlipBsdos {
  return decodeOne(new SlipBsdos(), data, offset);
}
