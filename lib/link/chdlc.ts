/**
 * Cisco HDLC (`LINKTYPE_C_HDLC`, 104): an address byte (`0x0f` unicast, `0x8f`
 * broadcast), a control byte and a 2-byte protocol type, an EtherType for most payloads.
 *
 * @module
 */

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
import { LinkType } from "../link_type.ts";
import { osiDecoder } from "../net/isoclns.ts";
import { slarpDecoder } from "./slarp.ts";
import { cdpDecoder } from "./cdp.ts";

/** The protocol types that Cisco HDLC carries and tcpdump prints. */
export const ChdlcProtocol = {
  /** IPv4. */
  IPV4: 0x0800,
  /** IPv6. */
  IPV6: 0x86dd,
  /** Cisco's Serial Line ARP (keepalives and address requests). */
  SLARP: 0x8035,
  /** MPLS unicast. */
  MPLS: 0x8847,
  /** MPLS multicast. */
  MPLS_MULTI: 0x8848,
  /** OSI protocols (CLNP, ES-IS, IS-IS), after a padding byte or not. */
  ISO: 0xfefe,
  /** Cisco Discovery Protocol. */
  CDP: 0x2000,
} as const;

/**
 * A Cisco HDLC header. IPv4, IPv6 and MPLS payloads decode through the EtherType table;
 * SLARP (`0x8035`, which is RARP's EtherType elsewhere) decodes as {@linkcode Slarp}.
 *
 * @example Decode a broadcast SLARP frame's header
 * ```ts
 * import { decodeChdlc } from "./chdlc.ts";
 * import assert from "node:assert/strict";
 *
 * const chdlc = decodeChdlc(new Uint8Array([0x8f, 0x00, 0x80, 0x35, 0, 0, 0, 2]));
 * assert.equal(chdlc.address, 0x8f);
 * assert.equal(chdlc.broadcast, true);
 * assert.equal(chdlc.protocol, 0x8035);
 * assert.equal(chdlc.headerLength, 4);
 * ```
 */
export class Chdlc extends LayerBase {
  /** The discriminant. */
  readonly kind = "chdlc" as const;
  /** The address byte: `0x0f` unicast, `0x8f` broadcast. */
  address = 0;
  /** The control byte (0). */
  control = 0;
  /** The protocol type of the payload. */
  protocol = 0;

  /** Whether the address byte says broadcast (`0x8f`). */
  get broadcast(): boolean {
    return this.address === 0x8f;
  }

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    _context: DecodeContext,
  ): DecodeError | undefined {
    const error = beginLayer(this, data, offset, end, 4);
    if (error !== undefined) return error;
    this.headerLength = 4;
    this.address = data[offset]!;
    this.control = data[offset + 1]!;
    this.protocol = (data[offset + 2]! << 8) | data[offset + 3]!;
    // Cisco may put a "fudge" byte before an OSI protocol's NLPID: tcpdump's chdlc_print()
    // skips it when the byte after it is CLNP's, ES-IS's or IS-IS's.
    if (this.protocol === ChdlcProtocol.ISO && end - offset >= 6) {
      const nlpid = data[offset + 5]!;
      if (osiDecoder(nlpid) !== undefined) this.headerLength = 5;
    }
    return undefined;
  }

  /** Picks the decoder of the payload from the context's tables. */
  nextDecoder(context: DecodeContext): Decoder | undefined {
    switch (this.protocol) {
      case ChdlcProtocol.SLARP:
        return slarpDecoder;
      case ChdlcProtocol.CDP:
        return cdpDecoder;
      case ChdlcProtocol.ISO:
        // CLNP, ES-IS or IS-IS (the header holds a fudge byte before it).
        return osiDecoder(this.data[this.offset + this.headerLength]);
      case ChdlcProtocol.IPV4:
      case ChdlcProtocol.IPV6:
      case ChdlcProtocol.MPLS:
      case ChdlcProtocol.MPLS_MULTI:
        return context.tables.etherTypes.get(this.protocol);
      default:
        return undefined;
    }
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return { address: this.address, control: this.control, protocol: this.protocol };
  }
}

/**
 * Creates {@linkcode Chdlc} layers; the registry entry for `LinkType.C_HDLC`.
 *
 * @example Create a Cisco HDLC layer
 * ```ts
 * import { chdlcDecoder } from "./chdlc.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(chdlcDecoder.create().kind, "chdlc");
 * ```
 */
export const chdlcDecoder: ProtocolDescriptor<Chdlc> = defineProtocol({
  kind: "chdlc",
  name: "Cisco HDLC",
  tcpdumpName: "chdlc",
  create: () => new Chdlc(),
  bindings: { linkTypes: [LinkType.C_HDLC] },
});

/**
 * Decodes a Cisco HDLC header.
 *
 * @param data The bytes.
 * @param offset Where the header starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When fewer than 4 bytes remain.
 *
 * @example Reject a cut-off header
 * ```ts
 * import { decodeChdlc } from "./chdlc.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeChdlc(new Uint8Array([0x0f, 0, 0x08])), {
 *   message: "Cannot decode Cisco HDLC header: 4 bytes required, received 3",
 * });
 * ```
 */
export function decodeChdlc(data: Uint8Array, offset = 0): Chdlc {
  return decodeOne(new Chdlc(), data, offset);
}
