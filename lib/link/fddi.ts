/**
 * FDDI (`LINKTYPE_FDDI`, 10): a frame-control byte, the destination and source
 * addresses, then, for asynchronous LLC frames, an IEEE 802.2 LLC header.
 *
 * @module
 */

import { DecodeError } from "../errors.ts";
import { decodeOne } from "../_decode_one.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";
import { LinkType } from "../link_type.ts";
import { formatMac } from "../address.ts";
import { llcOrRawIpx } from "./llc.ts";

/** The FDDI header length: frame control and two addresses. */
export const FDDI_HEADER_LENGTH = 13;

/** Frame-control classes (the class, length and format bits, `fc & 0xf0`). */
export const FddiFrameClass = {
  /** Station management (SMT) frames. */
  SMT: 0x40,
  /** Asynchronous LLC frames: an LLC header follows. */
  LLC_ASYNC: 0x50,
  /** Implementor asynchronous frames. */
  IMP_ASYNC: 0x60,
  /** MAC frames (beacon, claim). */
  MAC: 0xc0,
  /** Synchronous LLC frames. */
  LLC_SYNC: 0xd0,
  /** Implementor synchronous frames. */
  IMP_SYNC: 0xe0,
} as const;

/**
 * An FDDI header. Asynchronous LLC frames (frame control `0x5X`) decode on to
 * {@linkcode Llc}; other frames are not decoded further. The addresses are read as
 * captured (Linux and the BSDs store them in canonical order, as tcpdump assumes there).
 *
 * @example Decode an FDDI header before LLC/SNAP
 * ```ts
 * import { decodeFddi } from "./fddi.ts";
 * import assert from "node:assert/strict";
 *
 * const fddi = decodeFddi(new Uint8Array([
 *   0x50, 0xaa, 0, 4, 0, 0x82, 0xa7, 0xaa, 0, 4, 0, 0x83, 0xa7, 0xaa, 0xaa, 3,
 * ]));
 * assert.equal(fddi.frameControl, 0x50);
 * assert.equal(fddi.destination, "aa:00:04:00:82:a7");
 * assert.equal(fddi.source, "aa:00:04:00:83:a7");
 * assert.equal(fddi.headerLength, 13);
 * ```
 */
export class Fddi extends LayerBase {
  /** The discriminant. */
  readonly kind = "fddi" as const;
  /** The frame-control byte. */
  frameControl = 0;

  /** The destination address, `aa:bb:cc:dd:ee:ff`. */
  get destination(): string {
    return formatMac(this.data, this.offset + 1);
  }

  /** The source address, `aa:bb:cc:dd:ee:ff`. */
  get source(): string {
    return formatMac(this.data, this.offset + 7);
  }

  /** Whether the frame is an asynchronous LLC frame (an LLC header follows). */
  get llc(): boolean {
    return (this.frameControl & 0xf0) === FddiFrameClass.LLC_ASYNC;
  }

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    _context: DecodeContext,
  ): DecodeError | undefined {
    if (end - offset < FDDI_HEADER_LENGTH) {
      return DecodeError.truncated(this.kind, offset, FDDI_HEADER_LENGTH, end - offset);
    }
    this.data = data;
    this.offset = offset;
    this.headerLength = FDDI_HEADER_LENGTH;
    this.end = end;
    this.frameControl = data[offset]!;
    return undefined;
  }

  /** Picks the decoder of the payload from the context's tables. */
  nextDecoder(context: DecodeContext): Decoder | undefined {
    if (!this.llc) return undefined;
    return llcOrRawIpx(this.data, this.offset + this.headerLength, this.end, context);
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return {
      frameControl: this.frameControl,
      destination: this.destination,
      source: this.source,
    };
  }
}

/**
 * Creates {@linkcode Fddi} layers; the registry entry for `LinkType.FDDI`.
 *
 * @example Create an FDDI layer
 * ```ts
 * import { fddiDecoder } from "./fddi.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(fddiDecoder.create().kind, "fddi");
 * ```
 */
export const fddiDecoder: ProtocolDescriptor<Fddi> = defineProtocol({
  kind: "fddi",
  name: "FDDI",
  tcpdumpName: "fddi",
  create: () => new Fddi(),
  bindings: { linkTypes: [LinkType.FDDI] },
});

/**
 * Decodes an FDDI header.
 *
 * @param data The bytes.
 * @param offset Where the header starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When fewer than 13 bytes remain.
 *
 * @example Reject a cut-off header
 * ```ts
 * import { decodeFddi } from "./fddi.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeFddi(new Uint8Array(12)), {
 *   message: "Cannot decode FDDI header: 13 bytes required, received 12",
 * });
 * ```
 */
export function decodeFddi(data: Uint8Array, offset = 0): Fddi {
  return decodeOne(new Fddi(), data, offset);
}
