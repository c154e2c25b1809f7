/**
 * UDP encapsulation of IPsec ESP (RFC 3948, NAT traversal): on UDP port 4500, a message
 * is ESP, an IKE message behind a 4-byte non-ESP marker of zeros, or a one-byte NAT
 * keepalive (`0xff`).
 *
 * @module
 */

import { DecodeError } from "../errors.ts";
import { decodeOne } from "../_decode_one.ts";
import { IpProtocol } from "../ip_protocol.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";

/** The UDP port of IKE and ESP through NAT (RFC 3948). */
export const NAT_T_PORT = 4500;

/** The UDP port of IKE, whose decoder (if any) reads the messages behind the marker. */
export const IKE_PORT = 500;

/** What a message on the NAT traversal port is. */
export type UdpEncapType = "esp" | "ike" | "keepalive";

/**
 * The start of a message on UDP port 4500: no header at all before ESP (the SPI is never
 * 0), the 4-byte non-ESP marker before IKE, or the keepalive byte. ESP decodes on through
 * the IP protocol table's ESP entry, IKE through the UDP port table's entry for port 500.
 *
 * @example Tell ESP from IKE
 * ```ts
 * import { decodeUdpEncap } from "./udp_encap.ts";
 * import assert from "node:assert/strict";
 *
 * const esp = decodeUdpEncap(new Uint8Array([0x12, 0x34, 0x56, 0x78, 0, 0, 0, 1]));
 * assert.equal(esp.type, "esp");
 * assert.equal(esp.headerLength, 0);
 * const ike = decodeUdpEncap(new Uint8Array([0, 0, 0, 0, 0x11, 0x22]));
 * assert.equal(ike.type, "ike");
 * assert.equal(ike.headerLength, 4);
 * assert.equal(decodeUdpEncap(new Uint8Array([0xff])).type, "keepalive");
 * ```
 */
export class UdpEncap extends LayerBase {
  /** The discriminant. */
  readonly kind = "udp-encap" as const;
  /** What the message is. */
  type: UdpEncapType = "esp";

  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    _context: DecodeContext,
  ): DecodeError | undefined {
    const available = end - offset;
    let type: UdpEncapType;
    let length: number;
    if (available === 1 && data[offset] === 0xff) {
      type = "keepalive";
      length = 1;
    } else if (available < 4) {
      return DecodeError.truncated(this.kind, offset, 4, available);
    } else if (
      data[offset] === 0 && data[offset + 1] === 0 && data[offset + 2] === 0 &&
      data[offset + 3] === 0
    ) {
      type = "ike";
      length = 4;
    } else {
      type = "esp";
      length = 0;
    }
    this.data = data;
    this.offset = offset;
    this.headerLength = length;
    this.end = end;
    this.type = type;
    return undefined;
  }

  nextDecoder(context: DecodeContext): Decoder | undefined {
    if (this.type === "esp") return context.tables.ipProtocols.get(IpProtocol.ESP);
    if (this.type === "ike" && this.end > this.offset + 4) {
      return context.tables.udpPorts.get(IKE_PORT);
    }
    return undefined;
  }

  toJSON(): Record<string, unknown> {
    return { type: this.type };
  }
}

/**
 * Creates {@linkcode UdpEncap} layers; the registry entry for UDP port 4500.
 *
 * @example Create a layer
 * ```ts
 * import { udpEncapDecoder } from "./udp_encap.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(udpEncapDecoder.create().kind, "udp-encap");
 * ```
 */
export const udpEncapDecoder: ProtocolDescriptor<UdpEncap> = defineProtocol({
  kind: "udp-encap",
  name: "UDP encapsulation of ESP",
  tcpdumpName: "isakmp_rfc3948",
  create: () => new UdpEncap(),
  bindings: { udpPorts: [NAT_T_PORT] },
});

/**
 * Decodes the start of a message on the NAT traversal port.
 *
 * @param data The bytes.
 * @param offset Where the message starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When fewer than 4 bytes hold no keepalive.
 *
 * @example Reject 2 bytes
 * ```ts
 * import { decodeUdpEncap } from "./udp_encap.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeUdpEncap(new Uint8Array([0, 0])), {
 *   message: "Cannot decode UDP encapsulation of ESP header: 4 bytes required, received 2",
 * });
 * ```
 */
export function decodeUdpEncap(data: Uint8Array, offset = 0): UdpEncap {
  return decodeOne(new UdpEncap(), data, offset);
}
