/**
 * The fields inside BGP path attribute values (RFC 4271, RFC 1997, RFC 6793, RFC 6514,
 * RFC 7311, RFC 8092), extended communities (RFC 4360, RFC 4364, RFC 5668, RFC 7153) and
 * route distinguishers (RFC 4364): views over the bytes that read a field when asked, so
 * a printer or a user reads values without parsing them itself. Private to the BGP
 * decoder; exported from `bgp.ts`.
 *
 * @module
 */

import { readUint16, readUint32 } from "../_bytes.ts";

/**
 * Fields read from bytes at a position, when asked: what the BGP views share. Point it
 * with {@linkcode BgpFieldView.prototype.reset}, then read the subclass's getters.
 *
 * @example Point a view at the second 8 bytes
 * ```ts
 * import { BgpRouteDistinguisher } from "./bgp.ts";
 * import assert from "node:assert/strict";
 *
 * const rd = new BgpRouteDistinguisher().reset(new Uint8Array(16), 8);
 * assert.equal(rd.at, 8);
 * ```
 */
export class BgpFieldView {
  /** The bytes. */
  data: Uint8Array = new Uint8Array(0);
  /** Where the fields start. */
  at = 0;

  /**
   * Points the view at a position.
   *
   * @param data The bytes.
   * @param at Where the fields start.
   * @returns The view.
   */
  reset(data: Uint8Array, at: number): this {
    this.data = data;
    this.at = at;
    return this;
  }
}

/**
 * The fields of a path attribute's value whose layout its type fixes: ORIGIN, a 4-byte
 * number (MULTI_EXIT_DISC, LOCAL_PREF, ATTR_SET's origin AS), AGGREGATOR, COMMUNITIES,
 * LARGE_COMMUNITY, PMSI_TUNNEL and the family of MP_REACH_NLRI and MP_UNREACH_NLRI.
 * Lengths are the caller's to check.
 *
 * @example Read an AGGREGATOR and two communities
 * ```ts
 * import { BgpAttributeFields } from "./bgp.ts";
 * import assert from "node:assert/strict";
 *
 * const aggregator = new Uint8Array([0xfd, 0xe9, 192, 0, 2, 1]);
 * const value = new BgpAttributeFields().reset(aggregator, 0, aggregator.length);
 * assert.deepEqual([value.aggregatorAs, value.aggregatorAddressAt], [65001, 2]);
 * const communities = new Uint8Array([0xfd, 0xe9, 0, 100, 0xff, 0xff, 0xff, 0x01]);
 * value.reset(communities, 0, communities.length);
 * assert.deepEqual([value.community(0) >>> 16, value.community(0) & 0xffff], [65001, 100]);
 * assert.equal(value.community(1), 0xffffff01); // NO_EXPORT
 * ```
 */
export class BgpAttributeFields extends BgpFieldView {
  /** The value's length. */
  length = 0;

  /**
   * Points the view at a value.
   *
   * @param data The bytes.
   * @param at Where the value starts.
   * @param length Its length (AGGREGATOR's layout depends on it).
   * @returns The view.
   */
  override reset(data: Uint8Array, at: number, length = 0): this {
    this.length = length;
    return super.reset(data, at);
  }

  /** ORIGIN's code: 0 IGP, 1 EGP, 2 INCOMPLETE. */
  get origin(): number {
    return this.data[this.at]!;
  }

  /** The 4-byte number a MULTI_EXIT_DISC, a LOCAL_PREF or an ATTR_SET (origin AS) holds. */
  get number(): number {
    return readUint32(this.data, this.at);
  }

  /** AGGREGATOR's AS: 2 bytes in a 6-byte value, 4 bytes otherwise (AS4_AGGREGATOR). */
  get aggregatorAs(): number {
    return this.length === 6 ? readUint16(this.data, this.at) : readUint32(this.data, this.at);
  }

  /** Where AGGREGATOR's IPv4 address starts, after its AS. */
  get aggregatorAddressAt(): number {
    return this.at + (this.length === 6 ? 2 : 4);
  }

  /**
   * The `i`-th community of COMMUNITIES: the AS in the high 16 bits, the value in the
   * low ones (`0xffffff01` NO_EXPORT...).
   *
   * @param i Its index.
   * @returns The community.
   */
  community(i: number): number {
    return readUint32(this.data, this.at + 4 * i);
  }

  /**
   * A part of the `i`-th LARGE_COMMUNITY: the global administrator (0), the first (1) or
   * the second (2) local data part.
   *
   * @param i The community's index.
   * @param part 0, 1 or 2.
   * @returns The 32-bit number.
   */
  largeCommunity(i: number, part: 0 | 1 | 2): number {
    return readUint32(this.data, this.at + 12 * i + 4 * part);
  }

  /** MP_REACH_NLRI's and MP_UNREACH_NLRI's address family (AFI). */
  get afi(): number {
    return readUint16(this.data, this.at);
  }

  /** MP_REACH_NLRI's and MP_UNREACH_NLRI's subsequent address family (SAFI). */
  get safi(): number {
    return this.data[this.at + 2]!;
  }

  /** PMSI_TUNNEL's flags (bit 0: leaf information required). */
  get pmsiFlags(): number {
    return this.data[this.at]!;
  }

  /** PMSI_TUNNEL's tunnel type (1 RSVP-TE P2MP LSP ... 7 LDP MP2MP LSP). */
  get pmsiTunnelType(): number {
    return this.data[this.at + 1]!;
  }

  /** PMSI_TUNNEL's MPLS label: the high 20 bits of its 3 bytes. */
  get pmsiLabel(): number {
    return (readUint32(this.data, this.at + 1) & 0xffffff) >>> 4;
  }

  /** Where PMSI_TUNNEL's tunnel identifier starts. */
  get pmsiIdentifierAt(): number {
    return this.at + 5;
  }
}

/**
 * A walk over the TLVs of an AIGP value (RFC 7311): a type byte, a 2-byte length that
 * counts the 3-byte header, and the value; type 1 holds the 8-byte accumulated metric.
 * Lengths are the caller's to check, as tcpdump checks them.
 *
 * @example One AIGP TLV with a metric of 10
 * ```ts
 * import { BgpAigpTlvs } from "./bgp.ts";
 * import assert from "node:assert/strict";
 *
 * const bytes = new Uint8Array([1, 0, 11, 0, 0, 0, 0, 0, 0, 0, 10]);
 * const tlvs = new BgpAigpTlvs().reset(bytes, 0, bytes.length);
 * assert.equal(tlvs.next(), true);
 * assert.deepEqual([tlvs.type, tlvs.length, tlvs.metric], [1, 11, 10n]);
 * tlvs.skip(tlvs.length - 3);
 * assert.equal(tlvs.next(), false);
 * ```
 */
export class BgpAigpTlvs {
  /** The TLV's type. */
  type = 0;
  /** Its length field: the header's 3 bytes and the value's. */
  length = 0;
  /** Where its value starts. */
  valueAt = 0;
  /** The value's bytes left in the attribute after the header read last. */
  left = 0;
  #data: Uint8Array = new Uint8Array(0);

  /**
   * Starts a walk.
   *
   * @param data The bytes.
   * @param at Where the attribute's value starts.
   * @param length Its length.
   * @returns The walk.
   */
  reset(data: Uint8Array, at: number, length: number): this {
    this.#data = data;
    this.valueAt = at;
    this.left = length;
    return this;
  }

  /**
   * Reads the next TLV's header, when 3 bytes are left for one.
   *
   * @returns Whether there was one.
   */
  next(): boolean {
    if (this.left < 3) return false;
    const d = this.#data;
    this.type = d[this.valueAt]!;
    this.length = readUint16(d, this.valueAt + 1);
    this.valueAt += 3;
    this.left -= 3;
    return true;
  }

  /**
   * Moves past `n` bytes of value.
   *
   * @param n The bytes.
   */
  skip(n: number): void {
    this.valueAt += n;
    this.left -= n;
  }

  /** Type 1's accumulated IGP metric (8 bytes). */
  get metric(): bigint {
    const d = this.#data;
    return (BigInt(readUint32(d, this.valueAt)) << 32n) | BigInt(readUint32(d, this.valueAt + 4));
  }
}

/**
 * An 8-byte extended community: its type (the type and subtype bytes as one number:
 * `0x0002` a route target of a 2-byte AS) and the fields its layout holds.
 *
 * @example A route target of AS 65001, number 100
 * ```ts
 * import { BgpExtendedCommunity } from "./bgp.ts";
 * import assert from "node:assert/strict";
 *
 * const bytes = new Uint8Array([0x00, 0x02, 0xfd, 0xe9, 0, 0, 0, 100]);
 * const community = new BgpExtendedCommunity().reset(bytes, 0);
 * assert.deepEqual([community.type, community.globalAs, community.localNumber], [2, 65001, 100]);
 * ```
 */
export class BgpExtendedCommunity extends BgpFieldView {
  /** The type and subtype as one 16-bit number. */
  get type(): number {
    return readUint16(this.data, this.at);
  }

  /**
   * The global administrator of an AS-specific community: 2 bytes for types `0x00..`
   * (and `0x40..`), 4 bytes for types `0x02..`.
   */
  get globalAs(): number {
    return (this.data[this.at]! & 0x3f) === 0x02
      ? readUint32(this.data, this.at + 2)
      : readUint16(this.data, this.at + 2);
  }

  /** Where the IPv4 global administrator (types `0x01..`) or an OSPF area starts. */
  get globalAddressAt(): number {
    return this.at + 2;
  }

  /**
   * The local administrator: 4 bytes after a 2-byte AS (types `0x00..`), else the last 2
   * bytes.
   */
  get localNumber(): number {
    return (this.data[this.at]! & 0x3f) === 0x00
      ? readUint32(this.data, this.at + 4)
      : readUint16(this.data, this.at + 6);
  }

  /** Where the last 4 bytes start: a 2-byte AS community's local number, a bandwidth. */
  get lastWordAt(): number {
    return this.at + 4;
  }

  /** OSPF route type (`0x0306`): the route type byte (1 router ... 129 sham link). */
  get ospfRouteType(): number {
    return this.data[this.at + 6]!;
  }

  /** OSPF route type (`0x0306`): the options byte (bit 0: external metric type 2). */
  get ospfOptions(): number {
    return this.data[this.at + 7]!;
  }

  /** Layer 2 info (`0x800a`): the encapsulation type. */
  get l2Encapsulation(): number {
    return this.data[this.at + 2]!;
  }

  /** Layer 2 info (`0x800a`): the control flags. */
  get l2ControlFlags(): number {
    return this.data[this.at + 3]!;
  }

  /** Layer 2 info (`0x800a`): the MTU. */
  get l2Mtu(): number {
    return readUint16(this.data, this.at + 4);
  }

  /** Encapsulation (`0x030c`): the tunnel type (8 VXLAN, 10 MPLS...). */
  get tunnelType(): number {
    return readUint16(this.data, this.at + 6);
  }
}

/**
 * An 8-byte route distinguisher (RFC 4364): type 0 a 2-byte AS and a 4-byte number, type
 * 1 an IPv4 address and a 2-byte number, type 2 a 4-byte AS and a 2-byte number.
 *
 * @example Type 0: 65001:7
 * ```ts
 * import { BgpRouteDistinguisher } from "./bgp.ts";
 * import assert from "node:assert/strict";
 *
 * const rd = new BgpRouteDistinguisher().reset(new Uint8Array([0, 0, 0xfd, 0xe9, 0, 0, 0, 7]), 0);
 * assert.deepEqual([rd.type, rd.administrator, rd.assigned], [0, 65001, 7]);
 * ```
 */
export class BgpRouteDistinguisher extends BgpFieldView {
  /** The type: 0, 1 or 2 (others are unknown). */
  get type(): number {
    return readUint16(this.data, this.at);
  }

  /** The AS of types 0 (2 bytes) and 2 (4 bytes). */
  get administrator(): number {
    return this.type === 2
      ? readUint32(this.data, this.at + 2)
      : readUint16(this.data, this.at + 2);
  }

  /** Where the IPv4 administrator of type 1 starts. */
  get administratorAt(): number {
    return this.at + 2;
  }

  /** The assigned number: 4 bytes for type 0, 2 bytes for types 1 and 2. */
  get assigned(): number {
    return this.type === 0
      ? readUint32(this.data, this.at + 4)
      : readUint16(this.data, this.at + 6);
  }

  /** Where type 0's assigned number starts (tcpdump also shows it as an IPv4 address). */
  get assignedAt(): number {
    return this.at + 4;
  }
}
