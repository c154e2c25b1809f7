/**
 * The {@linkcode Icmpv6} layer class, re-exported from `icmpv6.ts`.
 *
 * @module
 */

import { formatIpv6, formatMac } from "../address.ts";
import { foldChecksum, sumWords } from "../checksum.ts";
import { DecodeError } from "../errors.ts";
import { readUint32 } from "../_bytes.ts";
import { type DecodeContext, LayerBase, type NetworkLayer } from "../layer.ts";
import { Ipv6 } from "./ipv6.ts";
import { icmpToJSON } from "./_icmp_json.ts";
import type { Icmpv6Original } from "./icmpv6.ts";
import { readOriginal, readQuotedPort } from "./_icmpv6_quoted.ts";
import { type NdpOption, NdpOptionType, optionToJSON, readOption } from "./_icmpv6_options.ts";
import { readRouterRenumbering, type RouterRenumbering } from "./_icmpv6_renumbering.ts";
import { RplMessage } from "./_icmpv6_rpl.ts";

/** The IPv6 next-header number of ICMPv6. */
const ICMPV6 = 58;

/** Returned by the NDP option walk when it stopped at a malformed option. */
const WALK_MALFORMED = -2;

/** The length of the fixed part of a message type: options or quoted data follow it. */
function fixedLength(type: number): number {
  switch (type) {
    case 134:
      return 16;
    case 135:
    case 136:
      return 24;
    case 137:
      return 40;
    case 155:
      // RPL: the message body starts after the checksum (RFC 6550 section 6).
      return 4;
    default:
      return 8;
  }
}

/** Whether the IPv6 layer below says its packet ends no further than `end`. */
function capturedWhole(network: NetworkLayer, end: number): boolean {
  if (!(network instanceof Ipv6)) return true;
  return network.payloadLength === 0 || network.offset + 40 + network.payloadLength <= end;
}

/**
 * An ICMPv6 message. The header is the fixed part of the message type: 8 bytes (type,
 * code, checksum and 4 type-specific bytes), 16 for a router advertisement, 24 for a
 * neighbor solicitation or advertisement, 40 for a redirect. The payload is the rest:
 * Neighbor Discovery options (see {@linkcode Icmpv6.options}), echo data, or the packet
 * an error quotes.
 *
 * There is no next decoder: the packet quoted by an error is exposed through
 * {@linkcode Icmpv6.original} instead of as further layers, because it is usually cut
 * short and must not be mistaken for the packet's own headers.
 *
 * @example Decode a neighbor solicitation
 * ```ts
 * import { decodeIcmpv6 } from "./icmpv6.ts";
 * import assert from "node:assert/strict";
 *
 * const message = new Uint8Array(32);
 * message[0] = 135;
 * message.set([0xfe, 0x80], 8); // target fe80::1
 * message[23] = 1;
 * message.set([1, 1, 0x02, 0, 0, 0, 0, 0x01], 24); // source link-layer address
 * const icmpv6 = decodeIcmpv6(message);
 * assert.equal(icmpv6.headerLength, 24);
 * assert.equal(icmpv6.target, "fe80::1");
 * const [option] = icmpv6.options;
 * assert.equal(option?.name, "source-link-layer-address");
 * assert.equal(option?.name === "source-link-layer-address" && option.address, "02:00:00:00:00:01");
 * ```
 */
export class Icmpv6 extends LayerBase {
  /** The discriminant. */
  readonly kind = "icmpv6" as const;
  /** The message type (an {@linkcode Icmpv6Type} number). */
  type = 0;
  /** The code, whose meaning depends on the type (0 when not captured). */
  code = 0;
  /** The checksum field (0 when not captured). */
  checksum = 0;
  /**
   * The message ends before the fixed part of its type (a partial decode: see
   * {@linkcode DecodeError.partial}), as early as after its type byte: the header is what
   * was captured, and the fields past the end read as `undefined`.
   */
  truncated = false;
  #network: NetworkLayer | undefined = undefined;
  #rpl: RplMessage | undefined = undefined;

  /**
   * Whether the checksum is correct over the IPv6 pseudo-header and the whole message:
   * `undefined` when it cannot be told (no IPv6 layer below, or a capture that cut the
   * message short).
   */
  get checksumValid(): boolean | undefined {
    const network = this.#network;
    if (network === undefined || !capturedWhole(network, this.end)) return undefined;
    const length = this.end - this.offset;
    const sum = sumWords(this.data, this.offset, this.end, network.pseudoHeaderSum(ICMPV6, length));
    return foldChecksum(sum) === 0;
  }

  /** The 4 type-specific bytes after the checksum (a view). */
  get rest(): Uint8Array {
    return this.data.subarray(this.offset + 4, this.offset + 8);
  }

  /** Whether the type carries an identifier and sequence number in bytes 4 to 8. */
  get #isEcho(): boolean {
    const type = this.type;
    return (type === 128 || type === 129 || type === 160 || type === 161) && this.#has(8);
  }

  /** Whether the message holds its first `n` bytes. */
  #has(n: number): boolean {
    return this.offset + n <= this.end;
  }

  /** The identifier of an echo request or reply (RFC 8335 extended echo included). */
  get identifier(): number | undefined {
    if (!this.#isEcho) return undefined;
    return (this.data[this.offset + 4]! << 8) | this.data[this.offset + 5]!;
  }

  /**
   * The sequence number of an echo request or reply, or the 8-bit sequence number of an
   * RFC 8335 extended echo.
   */
  get sequenceNumber(): number | undefined {
    if (!this.#isEcho) return undefined;
    if (this.type >= 160) return this.data[this.offset + 6]!;
    return (this.data[this.offset + 6]! << 8) | this.data[this.offset + 7]!;
  }

  /**
   * The identifier of a Mobile IPv6 message (RFC 6275 section 6.5 to 6.8: home agent
   * address discovery request and reply, mobile prefix solicitation and advertisement),
   * when captured.
   */
  get mobileIdentifier(): number | undefined {
    if (this.type < 144 || this.type > 147 || !this.#has(6)) return undefined;
    return (this.data[this.offset + 4]! << 8) | this.data[this.offset + 5]!;
  }

  /** The flags word of a mobile prefix advertisement (M 0x8000, O 0x4000), when captured. */
  get mobilePrefixFlags(): number | undefined {
    if (this.type !== 147 || !this.#has(8)) return undefined;
    return (this.data[this.offset + 6]! << 8) | this.data[this.offset + 7]!;
  }

  /**
   * The home agent address `index` of a home agent address discovery reply, when its 16
   * bytes were captured.
   *
   * @param index The address's place in the list, from 0.
   * @returns The address as text, or `undefined`.
   */
  homeAgentAddressAt(index: number): string | undefined {
    const at = this.offset + 8 + 16 * index;
    if (this.type !== 145 || at + 16 > this.end) return undefined;
    return formatIpv6(this.data, at);
  }

  /**
   * The source or destination address of the IPv6 header that an error message (types 1
   * to 4) quotes, whatever its version field says: `undefined` when not captured.
   *
   * @param which `"source"` or `"destination"`.
   * @returns The address as text, or `undefined`.
   */
  quotedAddress(which: "source" | "destination"): string | undefined {
    const at = this.offset + (which === "source" ? 16 : 32);
    if (this.type < 1 || this.type > 4 || at + 16 > this.end) return undefined;
    return formatIpv6(this.data, at);
  }

  /**
   * The transport protocol (TCP or UDP) and destination port of the packet that a
   * destination unreachable message quotes, found past its extension headers as tcpdump
   * finds them: `undefined` when not captured or not there.
   */
  get quotedPort(): { protocol: number; port: number } | undefined {
    if (this.type !== 1) return undefined;
    return readQuotedPort(this.data, this.offset + 8, this.end);
  }

  /** The MTU of a packet too big message. */
  get mtu(): number | undefined {
    return this.type === 2 && this.#has(8) ? readUint32(this.data, this.offset + 4) : undefined;
  }

  /** The offset in the quoted packet of the octet a parameter problem points at. */
  get pointer(): number | undefined {
    return this.type === 4 && this.#has(8) ? readUint32(this.data, this.offset + 4) : undefined;
  }

  /**
   * The maximum response code of a multicast listener query, report or done (the
   * maximum response delay in milliseconds for MLDv1; coded as RFC 3810 section 5.1.3
   * says for an MLDv2 query).
   */
  get maxResponseCode(): number | undefined {
    if (this.type < 130 || this.type > 132 || !this.#has(6)) return undefined;
    return (this.data[this.offset + 4]! << 8) | this.data[this.offset + 5]!;
  }

  /** The multicast address of a listener query, report or done (RFC 2710, RFC 3810). */
  get multicastAddress(): string | undefined {
    if (this.type < 130 || this.type > 132 || !this.#has(24)) return undefined;
    return formatIpv6(this.data, this.offset + 8);
  }

  /**
   * The fields of an MLDv2 query after its multicast address (RFC 3810 section 5.1):
   * S flag, querier's robustness variable, querier's query interval code, the number of
   * sources and the addresses of those captured, each `undefined` when the capture ends
   * before it.
   * `undefined` for other messages, or when fewer than 25 bytes were captured.
   */
  get mldv2Query():
    | {
      suppress: boolean;
      robustness: number;
      qqic: number | undefined;
      sourceCount: number | undefined;
      sources: string[] | undefined;
    }
    | undefined {
    if (this.type !== 130 || !this.#has(25)) return undefined;
    const d = this.data;
    const at = this.offset;
    const count = this.#has(28) ? (d[at + 26]! << 8) | d[at + 27]! : undefined;
    // The sources captured, which a cut may leave fewer than the count says.
    let sources: string[] | undefined;
    if (count !== undefined) {
      sources = [];
      for (let i = 0; i < count && this.#has(44 + i * 16); i++) {
        sources.push(formatIpv6(d, at + 28 + i * 16));
      }
    }
    return {
      suppress: (d[at + 24]! & 0x08) !== 0,
      robustness: d[at + 24]! & 0x07,
      qqic: this.#has(26) ? d[at + 25]! : undefined,
      sourceCount: count,
      sources,
    };
  }

  /**
   * The query type (Qtype) of a node information query or reply (RFC 4620): 0 no-op, 2
   * node name, 3 node addresses, 4 IPv4 addresses.
   */
  get nodeInfoQueryType(): number | undefined {
    if ((this.type !== 139 && this.type !== 140) || !this.#has(16)) return undefined;
    return (this.data[this.offset + 4]! << 8) | this.data[this.offset + 5]!;
  }

  /** The flags of a node information query or reply (RFC 4620). */
  get nodeInfoFlags(): number | undefined {
    if ((this.type !== 139 && this.type !== 140) || !this.#has(16)) return undefined;
    return (this.data[this.offset + 6]! << 8) | this.data[this.offset + 7]!;
  }

  /**
   * The data of a node information query (the subject) or reply, after the 8-byte nonce
   * (a view; empty when the message ends before it).
   */
  get nodeInfoData(): Uint8Array | undefined {
    if (this.type !== 139 && this.type !== 140) return undefined;
    return this.data.subarray(Math.min(this.offset + 16, this.end), this.end);
  }

  /**
   * The body of a router renumbering message (RFC 2894): its header and, for a command,
   * the match-prefix part with its use-prefix parts. `undefined` for other messages, or
   * when the 16-byte header was not captured.
   */
  get routerRenumbering(): RouterRenumbering | undefined {
    if (this.type !== 138) return undefined;
    return readRouterRenumbering(this.data, this.offset, this.end, this.code);
  }

  /**
   * The body of an RPL control message (type 155, RFC 6550): a view, reused by each call
   * on this layer, whose length is the message's on the wire less its 4-byte header.
   * `undefined` for other messages.
   */
  get rpl(): RplMessage | undefined {
    if (this.type !== 155) return undefined;
    const network = this.#network;
    let end = this.end;
    if (network instanceof Ipv6 && network.payloadLength !== 0) {
      end = network.offset + 40 + network.payloadLength;
    }
    this.#rpl ??= new RplMessage();
    return this.#rpl.reset(this.data, this.offset + 4, this.end, end - this.offset - 4, this.code);
  }

  /** The current hop limit that a router advertisement suggests (0: unspecified). */
  get curHopLimit(): number | undefined {
    return this.#isRa ? this.data[this.offset + 4]! : undefined;
  }

  /** M: addresses are available by DHCPv6 (router advertisement). */
  get managed(): boolean | undefined {
    return this.#isRa ? (this.data[this.offset + 5]! & 0x80) !== 0 : undefined;
  }

  /** O: other configuration is available by DHCPv6 (router advertisement). */
  get otherConfiguration(): boolean | undefined {
    return this.#isRa ? (this.data[this.offset + 5]! & 0x40) !== 0 : undefined;
  }

  /**
   * The default router preference of a router advertisement (RFC 4191): 1 high, 0
   * medium, 3 low, 2 reserved.
   */
  get routerPreference(): number | undefined {
    return this.#isRa ? (this.data[this.offset + 5]! >> 3) & 3 : undefined;
  }

  /** How long the router may be a default router, in seconds (router advertisement). */
  get routerLifetime(): number | undefined {
    if (!this.#isRa) return undefined;
    return (this.data[this.offset + 6]! << 8) | this.data[this.offset + 7]!;
  }

  /** Reachable time in milliseconds (router advertisement; 0: unspecified). */
  get reachableTime(): number | undefined {
    return this.#isRa ? readUint32(this.data, this.offset + 8) : undefined;
  }

  /** Retransmission timer in milliseconds (router advertisement; 0: unspecified). */
  get retransTimer(): number | undefined {
    return this.#isRa ? readUint32(this.data, this.offset + 12) : undefined;
  }

  /** R: the sender is a router (neighbor advertisement). */
  get router(): boolean | undefined {
    return this.type === 136 && this.#has(8)
      ? (this.data[this.offset + 4]! & 0x80) !== 0
      : undefined;
  }

  /** S: sent in reply to a solicitation (neighbor advertisement). */
  get solicited(): boolean | undefined {
    return this.type === 136 && this.#has(8)
      ? (this.data[this.offset + 4]! & 0x40) !== 0
      : undefined;
  }

  /** O: override an existing cache entry (neighbor advertisement). */
  get override(): boolean | undefined {
    return this.type === 136 && this.#has(8)
      ? (this.data[this.offset + 4]! & 0x20) !== 0
      : undefined;
  }

  /** The target address of a neighbor solicitation, advertisement or redirect. */
  get target(): string | undefined {
    return this.#isNeighborOrRedirect ? formatIpv6(this.data, this.offset + 8) : undefined;
  }

  /** The target address bytes (a view). */
  get targetBytes(): Uint8Array | undefined {
    if (!this.#isNeighborOrRedirect) return undefined;
    return this.data.subarray(this.offset + 8, this.offset + 24);
  }

  /** The destination address of a redirect: where the redirected packets go. */
  get destination(): string | undefined {
    return this.type === 137 && !this.truncated
      ? formatIpv6(this.data, this.offset + 24)
      : undefined;
  }

  /** The destination address bytes of a redirect (a view). */
  get destinationBytes(): Uint8Array | undefined {
    return this.type === 137 && !this.truncated
      ? this.data.subarray(this.offset + 24, this.offset + 40)
      : undefined;
  }

  get #isNeighborOrRedirect(): boolean {
    return (this.type === 135 || this.type === 136 || this.type === 137) && this.#has(24);
  }

  get #isRa(): boolean {
    return this.type === 134 && !this.truncated;
  }

  get #isNdp(): boolean {
    // A mobile prefix advertisement (147) carries Neighbor Discovery options too.
    return ((this.type >= 133 && this.type <= 137) || this.type === 147) && !this.truncated;
  }

  /**
   * The Neighbor Discovery options of a router solicitation or advertisement, neighbor
   * solicitation or advertisement, or redirect, in order (empty for other types). An
   * option of length 0 or past the message stops the walk and ends the list as a
   * `"malformed"` entry. Builds a new array on each call.
   */
  get options(): NdpOption[] {
    const options: NdpOption[] = [];
    if (!this.#isNdp) return options;
    const data = this.data;
    const end = this.end;
    for (let at = this.offset + this.headerLength; at < end;) {
      const type = data[at]!;
      const length = at + 1 < end ? data[at + 1]! * 8 : 0;
      if (length === 0 || at + length > end) {
        options.push({ type, name: "malformed", length, data: data.subarray(at, end) });
        break;
      }
      options.push(readOption(data, at, type, length));
      at += length;
    }
    return options;
  }

  /** Whether the option walk stops at a malformed option (see {@linkcode Icmpv6.options}). */
  get optionsMalformed(): boolean {
    return this.#find(-1) === WALK_MALFORMED;
  }

  /**
   * The source link-layer address option's address (on Ethernet a MAC address), found
   * without building the option list.
   */
  get sourceLinkLayerAddress(): string | undefined {
    const at = this.#find(NdpOptionType.SOURCE_LINK_LAYER_ADDRESS);
    return at < 0 ? undefined : formatMac(this.data, at + 2, this.data[at + 1]! * 8 - 2);
  }

  /** The target link-layer address option's address, found without building the list. */
  get targetLinkLayerAddress(): string | undefined {
    const at = this.#find(NdpOptionType.TARGET_LINK_LAYER_ADDRESS);
    return at < 0 ? undefined : formatMac(this.data, at + 2, this.data[at + 1]! * 8 - 2);
  }

  /**
   * The packet quoted by a destination unreachable, packet too big, time exceeded or
   * parameter problem message: `undefined` for other types, or when fewer than the 40
   * bytes of an IPv6 header (or a malformed one) were quoted.
   */
  get original(): Icmpv6Original | undefined {
    if (this.type < 1 || this.type > 4) return undefined;
    return readOriginal(this.data, this.offset + 8, this.end);
  }

  /** Walks the options as {@linkcode Icmpv6.options} does, allocating nothing. */
  #find(type: number): number {
    if (!this.#isNdp) return -1;
    const data = this.data;
    const end = this.end;
    for (let at = this.offset + this.headerLength; at < end;) {
      const length = at + 1 < end ? data[at + 1]! * 8 : 0;
      if (length === 0 || at + length > end) return WALK_MALFORMED;
      if (data[at] === type) return at;
      at += length;
    }
    return -1;
  }

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    context: DecodeContext,
  ): DecodeError | undefined {
    const available = end - offset;
    // A message cut after its type is kept as far as it goes: tcpdump names the type, then
    // reads the code and the type's fields up to the cut.
    if (available < 1) return DecodeError.truncated(this.kind, offset, 8, available);
    const type = data[offset]!;
    const headerLength = fixedLength(type);
    const truncated = available < headerLength;
    this.data = data;
    this.offset = offset;
    this.headerLength = truncated ? available : headerLength;
    this.end = end;
    this.type = type;
    this.code = available < 2 ? 0 : data[offset + 1]!;
    this.checksum = available < 4 ? 0 : (data[offset + 2]! << 8) | data[offset + 3]!;
    this.truncated = truncated;
    this.#network = context.network;
    // A message cut before the end of its fixed part is kept as far as it goes.
    if (truncated) return DecodeError.truncated(this.kind, offset, headerLength, available, true);
    return undefined;
  }

  /** Returns `undefined`: a quoted packet is read through {@linkcode Icmpv6.original}. */
  nextDecoder(_context: DecodeContext): undefined {
    return undefined;
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return icmpToJSON(this, [
      ["identifier", this.identifier],
      ["sequenceNumber", this.sequenceNumber],
      ["mtu", this.mtu],
      ["pointer", this.pointer],
      ["curHopLimit", this.curHopLimit],
      ["managed", this.managed],
      ["otherConfiguration", this.otherConfiguration],
      ["routerPreference", this.routerPreference],
      ["routerLifetime", this.routerLifetime],
      ["reachableTime", this.reachableTime],
      ["retransTimer", this.retransTimer],
      ["router", this.router],
      ["solicited", this.solicited],
      ["override", this.override],
      ["target", this.target],
      ["destination", this.destination],
      ["routerRenumbering", this.routerRenumbering],
      ["rpl", this.rpl?.toJSON()],
      ["options", this.#isNdp ? this.options.map(optionToJSON) : undefined],
    ], this.original);
  }
}
