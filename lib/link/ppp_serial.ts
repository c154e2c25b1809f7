/**
 * `LINKTYPE_PPP_SERIAL` (50): PPP in HDLC-like framing (RFC 1662), an address byte, a
 * control byte and a 2-byte protocol, as tcpdump's ppp_hdlc_if_print() reads it; frames
 * whose address is Cisco HDLC's (`0x0f`, `0x8f`, RFC 1547 section 4.3.1) are Cisco HDLC.
 *
 * @module
 */

import type { DecodeError } from "../errors.ts";
import { beginLayer } from "../_begin_layer.ts";
import { decodeOne } from "../_decode_one.ts";
import {
  type BoundDispatcher,
  type DecodeContext,
  type Decoder,
  defineProtocol,
  type LayerDecoder,
  type ProtocolDescriptor,
} from "../layer.ts";
import { LinkType } from "../link_type.ts";
import { chdlcDecoder } from "./chdlc.ts";
import { PppFrame } from "./ppp_hdlc.ts";

/** PPP's all-stations address (RFC 1662 section 3.1). */
const PPP_ADDRESS = 0xff;

/**
 * A PPP-over-serial header: address, control and protocol. Only a frame whose address is
 * `0xff` is PPP, whatever its control byte: its payload decodes by the protocol, as
 * tcpdump's handle_ppp() reads it (IPv4, IPv6, MPLS through the EtherType table, control
 * protocol packets through {@linkcode PppSerial.controlPacket}, a protocol whose high
 * byte is `0x7e` as an octet-stuffed frame); another address leaves the frame undecoded.
 *
 * @example Decode a PPP frame's header
 * ```ts
 * import { decodePppSerial } from "./ppp_serial.ts";
 * import assert from "node:assert/strict";
 *
 * const frame = decodePppSerial(new Uint8Array([0xff, 0x03, 0xc0, 0x21, 9, 1, 0, 8]));
 * assert.equal(frame.address, 0xff);
 * assert.equal(frame.protocol, 0xc021);
 * assert.equal(frame.controlPacket?.code, 9);
 * ```
 */
export class PppSerial extends PppFrame {
  /** The discriminant. */
  readonly kind = "ppp-serial" as const;
  /** The address byte: `0xff` for PPP. */
  address = 0;
  /** The control byte (`0x03` for PPP's unnumbered information; not checked). */
  control = 0;

  /** Whether the address is PPP's `0xff`. */
  get isPpp(): boolean {
    return this.address === PPP_ADDRESS;
  }

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    _context: DecodeContext,
  ): DecodeError | undefined {
    // tcpdump names the frame cut with fewer than 2 bytes, then with fewer than 4.
    const error = beginLayer(this, data, offset, end, end - offset < 2 ? 2 : 4);
    if (error !== undefined) return error;
    this.address = data[offset]!;
    this.control = data[offset + 1]!;
    this.protocol = (data[offset + 2]! << 8) | data[offset + 3]!;
    // A stuffed frame starts at the protocol's low byte.
    this.headerLength = this.isPpp && this.stuffed ? 3 : 4;
    this.resetControl();
    return undefined;
  }

  /** Picks the decoder of a PPP frame's payload; none for another address. */
  override nextDecoder(context: DecodeContext): Decoder | undefined {
    return this.isPpp ? super.nextDecoder(context) : undefined;
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return { address: this.address, control: this.control, protocol: this.protocol };
  }
}

/**
 * Creates {@linkcode PppSerial} layers, which {@linkcode pppSerialDispatcher} picks for
 * link type 50.
 *
 * @example Create a layer
 * ```ts
 * import { pppSerialDecoder } from "./ppp_serial.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(pppSerialDecoder.create().kind, "ppp-serial");
 * ```
 */
export const pppSerialDecoder: ProtocolDescriptor<PppSerial> = defineProtocol({
  kind: "ppp-serial",
  name: "PPP serial",
  tcpdumpName: "ppp_hdlc",
  create: () => new PppSerial(),
  bindings: {},
});

/**
 * Picks the decoder of a link type 50 frame by its first byte: Cisco HDLC for `0x0f` and
 * `0x8f` (when 2 bytes were captured, as tcpdump checks first), else
 * {@linkcode pppSerialDecoder}.
 *
 * @example Pick the decoder of a Cisco HDLC frame
 * ```ts
 * import { pppSerialDispatcher } from "./ppp_serial.ts";
 * import assert from "node:assert/strict";
 *
 * const frame = new Uint8Array([0x8f, 0, 0x80, 0x35]);
 * assert.equal(pppSerialDispatcher.select(frame, 0, 4)?.kind, "chdlc");
 * assert.equal(pppSerialDispatcher.select(frame, 0, 1)?.kind, "ppp-serial");
 * ```
 */
export const pppSerialDispatcher: BoundDispatcher = {
  bindings: { linkTypes: [LinkType.PPP_SERIAL] },
  select(data: Uint8Array, offset: number, end: number): LayerDecoder {
    const address = data[offset];
    return end - offset >= 2 && (address === 0x0f || address === 0x8f)
      ? chdlcDecoder
      : pppSerialDecoder;
  },
};

/**
 * Decodes a PPP-over-serial header.
 *
 * @param data The bytes.
 * @param offset Where the header starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When fewer than 4 bytes remain.
 *
 * @example Reject a cut-off header
 * ```ts
 * import { decodePppSerial } from "./ppp_serial.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodePppSerial(new Uint8Array([0xff, 0x03, 0x00])), {
 *   message: "Cannot decode PPP serial header: 4 bytes required, received 3",
 * });
 * ```
 */
export function decodePppSerial(data: Uint8Array, offset = 0): PppSerial {
  return decodeOne(new PppSerial(), data, offset);
}
