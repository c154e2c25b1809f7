/**
 * The IPv6 fragment header (RFC 8200 section 4.5), exported by `ipv6_extensions.ts`.
 *
 * @module
 */

import { IpProtocol } from "../ip_protocol.ts";
import { DecodeError } from "../errors.ts";
import { decodeOne } from "../_decode_one.ts";
import { readUint32 } from "../_bytes.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  type ProtocolDescriptor,
} from "../layer.ts";
import { Ipv6Extension } from "./_ipv6_extension.ts";
import { Ipv4 } from "./ipv4.ts";
import { Ipv6 } from "./ipv6.ts";

/**
 * A fragment header. A fragment other than the first (`fragmentOffset !== 0`) is not
 * decoded further.
 *
 * @example Decode a first fragment
 * ```ts
 * import { decodeIpv6Fragment } from "./ipv6_extensions.ts";
 * import assert from "node:assert/strict";
 *
 * const header = new Uint8Array([17, 0, 0x00, 0x01, 0xf8, 0x8e, 0xb4, 0x66]);
 * const fragment = decodeIpv6Fragment(header);
 * assert.equal(fragment.fragmentOffset, 0);
 * assert.equal(fragment.moreFragments, true);
 * assert.equal(fragment.identification, 0xf88eb466);
 * ```
 */
export class Ipv6Fragment extends Ipv6Extension {
  /** The discriminant. */
  readonly kind = "ipv6-fragment" as const;
  /**
   * The fragment offset field, in units of 8 bytes as it is sent; multiply by 8 for the
   * offset in bytes.
   */
  fragmentOffset = 0;
  /** The M flag: more fragments follow. */
  moreFragments = false;
  /** The identification field (unsigned 32-bit; 0 when not captured). */
  identification = 0;
  /**
   * The capture ends after the offset field but within the 8-byte header (a partial
   * decode: see {@linkcode DecodeError.partial}); the identification reads as 0.
   */
  truncated = false;
  /** The reserved octet (second octet) and the two reserved bits, as `octet << 2 | bits`. */
  reserved = 0;
  /**
   * The length of the fragment's data by the length field of the IP header before it
   * (IPv6's payload length, IPv4's total length): that field less the headers up to the
   * end of this one; negative when the field is shorter (a jumbogram's is 0). The captured
   * bytes after the header when no IP header came before.
   */
  dataLength = 0;

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    context: DecodeContext,
  ): DecodeError | undefined {
    const available = end - offset;
    // The next header and offset fields are kept from a header cut short, as tcpdump
    // prints them.
    if (available < 4) return DecodeError.truncated(this.kind, offset, 8, available);
    this.data = data;
    this.offset = offset;
    this.truncated = available < 8;
    this.headerLength = Math.min(8, available);
    this.end = end;
    this.nextHeader = data[offset]!;
    const low = data[offset + 3]!;
    this.reserved = (data[offset + 1]! << 2) | ((low >> 1) & 3);
    this.fragmentOffset = (data[offset + 2]! << 5) | (low >> 3);
    this.moreFragments = (low & 1) !== 0;
    this.identification = this.truncated ? 0 : readUint32(data, offset + 4);
    const network = context.network;
    const ipEnd = network instanceof Ipv6
      ? network.offset + 40 + network.payloadLength
      : network instanceof Ipv4
      ? network.offset + network.totalLength
      : end;
    this.dataLength = ipEnd - (offset + 8);
    if (this.truncated) return DecodeError.truncated(this.kind, offset, 8, available, true);
    return undefined;
  }

  /** Picks the decoder of the payload from the context's tables. */
  override nextDecoder(context: DecodeContext): Decoder | undefined {
    if (this.fragmentOffset !== 0 || this.truncated) return undefined;
    return super.nextDecoder(context);
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return {
      nextHeader: this.nextHeader,
      fragmentOffset: this.fragmentOffset,
      moreFragments: this.moreFragments,
      identification: this.identification,
    };
  }
}

/** Creates {@linkcode Ipv6Fragment} layers; the registry entry for next header 44. */
export const ipv6FragmentDecoder: ProtocolDescriptor<Ipv6Fragment> = defineProtocol({
  kind: "ipv6-fragment",
  name: "IPv6 fragment",
  tcpdumpName: "frag6",
  tcpdumpCut: "read",
  create: () => new Ipv6Fragment(),
  bindings: { ipProtocols: [IpProtocol.IPV6_FRAG] },
});

/**
 * Decodes a fragment header.
 *
 * @param data The bytes.
 * @param offset Where the header starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When fewer than 8 bytes remain.
 *
 * @example Decode a last fragment
 * ```ts
 * import { decodeIpv6Fragment } from "./ipv6_extensions.ts";
 * import assert from "node:assert/strict";
 *
 * const fragment = decodeIpv6Fragment(new Uint8Array([17, 0, 0x05, 0xa8, 0, 0, 0, 7]));
 * assert.equal(fragment.fragmentOffset * 8, 1448);
 * assert.equal(fragment.moreFragments, false);
 * ```
 */
export function decodeIpv6Fragment(data: Uint8Array, offset = 0): Ipv6Fragment {
  return decodeOne(new Ipv6Fragment(), data, offset);
}
