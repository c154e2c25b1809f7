/**
 * The OSI network layer protocols by their network layer protocol identifier (ISO/TR
 * 9577): the one choice of CLNP, ES-IS and IS-IS that LLC, Cisco HDLC, Frame Relay and
 * GRE make, and the EtherType `0xfefe` frames that carry one after a byte tcpdump skips
 * (or IPv4, IPv6, Q.933 or PPP after the identifier), as PPP's protocol `0x0023` does
 * without that byte.
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
import { clnpDecoder } from "./clnp.ts";
import { esisDecoder } from "./esis.ts";
import { isisDecoder } from "./isis.ts";
import { q933Decoder } from "../link/q933.ts";

/** The identifiers of the protocols that start after it: IPv4, IPv6, Q.933 and PPP. */
const AFTER_NLPID: ReadonlySet<number> = new Set([0xcc, 0x8e, 0x08, 0xcf]);

/**
 * The decoder of the OSI protocol a network layer protocol identifier names: CLNP
 * (`0x81`), ES-IS (`0x82`) or IS-IS (`0x83`), each starting at that byte.
 *
 * @param nlpid The identifier.
 * @returns The decoder, or `undefined` for another protocol.
 *
 * @example Pick ES-IS
 * ```ts
 * import { osiDecoder } from "./isoclns.ts";
 * import { esisDecoder } from "./esis.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(osiDecoder(0x82), esisDecoder);
 * assert.equal(osiDecoder(0xcc), undefined);
 * ```
 */
export function osiDecoder(nlpid: number | undefined): Decoder | undefined {
  switch (nlpid) {
    case 0x81:
      return clnpDecoder;
    case 0x82:
      return esisDecoder;
    case 0x83:
      return isisDecoder;
  }
  return undefined;
}

/**
 * An OSI frame of EtherType `0xfefe`: one byte tcpdump's ether_print() skips, then the
 * network layer protocol identifier, which picks the decoder (the PDU starts at it; IPv4,
 * IPv6, Q.933 and PPP start after it). PPP's protocol `0x0023` carries the same without
 * the skipped byte (PPP tells it by `DecodeContext.osiAt`).
 *
 * @example Decode the frame before a CLNP header
 * ```ts
 * import { decodeIsoclns } from "./isoclns.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(decodeIsoclns(new Uint8Array([0xfe, 0x81, 9])).nlpid, 0x81);
 * ```
 */
export class Isoclns extends LayerBase {
  /** The discriminant. */
  readonly kind = "isoclns" as const;
  /** The network layer protocol identifier. */
  nlpid = 0;
  /**
   * Whether a byte precedes the identifier, which tcpdump's ether_print() skips (EtherType
   * `0xfefe`); not in an OSI PDU that PPP carries (protocol `0x0023`).
   */
  leadingByte = true;

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    context: DecodeContext,
  ): DecodeError | undefined {
    const lead = context.osiAt === offset ? 0 : 1;
    const available = end - offset;
    if (available < lead + 1) {
      return DecodeError.truncated(this.kind, offset, lead + 1, available);
    }
    this.data = data;
    this.offset = offset;
    this.end = end;
    this.leadingByte = lead === 1;
    const nlpid = this.nlpid = data[offset + lead]!;
    // IPv4, IPv6, Q.933 and PPP start after their identifier; the OSI PDUs start with it.
    this.headerLength = lead + (AFTER_NLPID.has(nlpid) ? 1 : 0);
    return undefined;
  }

  /** Picks the decoder of the PDU by its protocol identifier. */
  nextDecoder(context: DecodeContext): Decoder | undefined {
    switch (this.nlpid) {
      case 0xcc:
        return context.tables.etherTypes.get(0x0800);
      case 0x8e:
        return context.tables.etherTypes.get(0x86dd);
      case 0x08:
        return q933Decoder;
      case 0xcf:
        // PPP as ppp_print() reads it: the decoder of EtherType 0x880b.
        return context.tables.etherTypes.get(0x880b);
    }
    return osiDecoder(this.nlpid);
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return { nlpid: this.nlpid };
  }
}

/**
 * Creates {@linkcode Isoclns} layers, for EtherType `0xfefe`.
 *
 * @example Create the layer
 * ```ts
 * import { isoclnsDecoder } from "./isoclns.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(isoclnsDecoder.create().kind, "isoclns");
 * ```
 */
export const isoclnsDecoder: ProtocolDescriptor<Isoclns> = defineProtocol({
  kind: "isoclns",
  name: "OSI",
  tcpdumpName: "isoclns",
  create: () => new Isoclns(),
  bindings: { etherTypes: [0xfefe] },
});

/**
 * Decodes the start of an EtherType `0xfefe` frame's payload.
 *
 * @param data The bytes.
 * @param offset Where the payload starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When fewer than 2 bytes remain.
 *
 * @example Reject a payload without its identifier
 * ```ts
 * import { decodeIsoclns } from "./isoclns.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeIsoclns(new Uint8Array([0xfe])));
 * ```
 */
export function decodeIsoclns(data: Uint8Array, offset = 0): Isoclns {
  return decodeOne(new Isoclns(), data, offset);
}
