/**
 * Neighbor Discovery options (RFC 4861, with RFC 4191 route information and RFC 8106
 * DNS options) for the `Icmpv6` layer: their types, shapes and readers. Public names are
 * re-exported from `icmpv6.ts`.
 *
 * @module
 */

import { formatIpv6, formatMac } from "../address.ts";
import { readUint32 } from "../_bytes.ts";
import { encodeHex } from "../_hex.ts";

/**
 * Neighbor Discovery option types (IANA "IPv6 Neighbor Discovery Option Formats") that
 * wirekit decodes.
 *
 * @example Compare an option type
 * ```ts
 * import { NdpOptionType } from "./icmpv6.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(NdpOptionType.PREFIX_INFORMATION, 3);
 * ```
 */
export const NdpOptionType = {
  SOURCE_LINK_LAYER_ADDRESS: 1,
  TARGET_LINK_LAYER_ADDRESS: 2,
  PREFIX_INFORMATION: 3,
  REDIRECTED_HEADER: 4,
  MTU: 5,
  /** Advertisement interval (RFC 6275). */
  ADVERTISEMENT_INTERVAL: 7,
  /** Home agent information (RFC 6275). */
  HOME_AGENT_INFORMATION: 8,
  /** Route information (RFC 4191). */
  ROUTE_INFORMATION: 24,
  /** Recursive DNS server (RFC 8106). */
  RDNSS: 25,
  /** DNS search list (RFC 8106). */
  DNSSL: 31,
} as const;

/** An NDP option type that wirekit decodes. */
export type NdpOptionType = typeof NdpOptionType[keyof typeof NdpOptionType];

/** Source (type 1) or target (type 2) link-layer address option. */
export interface NdpOptionLinkLayerAddress {
  /** The option type, 1 or 2. */
  type: number;
  /** The discriminant. */
  name: "source-link-layer-address" | "target-link-layer-address";
  /** The option length in bytes (the field counts units of 8). */
  length: number;
  /** The address as colon-separated hex; a MAC address such as `00:1b:21:3a:4f:02` on Ethernet. */
  address: string;
  /** The address bytes: everything after the type and length (a view). */
  addressBytes: Uint8Array;
}

/** Prefix information option (type 3). */
export interface NdpOptionPrefixInformation {
  /** The option type, 3. */
  type: 3;
  /** The discriminant. */
  name: "prefix-information";
  /** 32 bytes. */
  length: number;
  /** The number of leading prefix bits that are valid. */
  prefixLength: number;
  /** L: the prefix is on-link. */
  onLink: boolean;
  /** A: the prefix can be used for stateless address autoconfiguration. */
  autonomous: boolean;
  /** Valid lifetime in seconds (0xffffffff: infinity). */
  validLifetime: number;
  /** Preferred lifetime in seconds (0xffffffff: infinity). */
  preferredLifetime: number;
  /** The prefix, such as `2001:db8::`. */
  prefix: string;
  /** The prefix bytes (a view). */
  prefixBytes: Uint8Array;
}

/** Redirected header option (type 4): as much of the redirected packet as fits. */
export interface NdpOptionRedirectedHeader {
  /** The option type, 4. */
  type: 4;
  /** The discriminant. */
  name: "redirected-header";
  /** The option length in bytes. */
  length: number;
  /** The quoted IP header and data, after the 6 reserved bytes (a view). */
  data: Uint8Array;
}

/** MTU option (type 5). */
export interface NdpOptionMtu {
  /** The option type, 5. */
  type: 5;
  /** The discriminant. */
  name: "mtu";
  /** 8 bytes. */
  length: number;
  /** The recommended MTU for the link. */
  mtu: number;
}

/** Advertisement interval option (type 7, RFC 6275). */
export interface NdpOptionAdvertisementInterval {
  /** The option type, 7. */
  type: 7;
  /** The discriminant. */
  name: "advertisement-interval";
  /** The option length in bytes (8). */
  length: number;
  /** The longest time between unsolicited router advertisements, in milliseconds. */
  interval: number;
}

/** Home agent information option (type 8, RFC 6275). */
export interface NdpOptionHomeAgentInformation {
  /** The option type, 8. */
  type: 8;
  /** The discriminant. */
  name: "home-agent-information";
  /** The option length in bytes (8). */
  length: number;
  /** The home agent's preference. */
  preference: number;
  /** The home agent's lifetime, in seconds. */
  lifetime: number;
}

/** Route information option (type 24, RFC 4191). */
export interface NdpOptionRouteInformation {
  /** The option type, 24. */
  type: 24;
  /** The discriminant. */
  name: "route-information";
  /** The option length in bytes: 8, 16 or 24 (0, 8 or 16 prefix bytes). */
  length: number;
  /** The number of leading prefix bits that are valid. */
  prefixLength: number;
  /** The route preference (RFC 4191): 1 high, 0 medium, 3 low, 2 reserved. */
  preference: number;
  /** The route's lifetime in seconds (0xffffffff: infinity). */
  lifetime: number;
  /** The prefix, its missing bytes zero, such as `2001:db8::`. */
  prefix: string;
}

/** DNS search list option (type 31, RFC 8106). */
export interface NdpOptionDnssl {
  /** The option type, 31. */
  type: 31;
  /** The discriminant. */
  name: "dnssl";
  /** The option length in bytes. */
  length: number;
  /** How long the domains may be used, in seconds (0xffffffff: infinity). */
  lifetime: number;
  /** The domain names, each written with a final dot: `example.com.`. */
  domains: string[];
  /**
   * A compression pointer (which RFC 8106 forbids) ended the list: the labels of its
   * name before it (`""` when the name starts with it).
   */
  pointerAfter?: string;
}

/** Recursive DNS server option (type 25, RFC 8106). */
export interface NdpOptionRdnss {
  /** The option type, 25. */
  type: 25;
  /** The discriminant. */
  name: "rdnss";
  /** The option length in bytes: 8 + 16 per address (a length between holds a cut one). */
  length: number;
  /** How long the servers may be used, in seconds (0xffffffff: infinity). */
  lifetime: number;
  /** The servers' addresses. */
  addresses: string[];
}

/** An option kept raw: an unnamed type, or a named type whose length does not fit it. */
export interface NdpOptionRaw {
  /** The option type. */
  type: number;
  /** The discriminant. */
  name: "raw";
  /** The option length in bytes. */
  length: number;
  /** The bytes after the type and length (a view). */
  data: Uint8Array;
}

/**
 * Where the option walk stopped: an option with length 0, a missing length byte, or a
 * length past the message. It is the last entry of {@linkcode Icmpv6.options}.
 */
export interface NdpOptionMalformed {
  /** The option type. */
  type: number;
  /** The discriminant. */
  name: "malformed";
  /** The option length in bytes (0 when the field is 0 or missing). */
  length: number;
  /** The bytes from the option's type to the end of the message (a view). */
  data: Uint8Array;
}

/** One Neighbor Discovery option, discriminated by `name`. */
export type NdpOption =
  | NdpOptionLinkLayerAddress
  | NdpOptionPrefixInformation
  | NdpOptionRedirectedHeader
  | NdpOptionMtu
  | NdpOptionAdvertisementInterval
  | NdpOptionHomeAgentInformation
  | NdpOptionRouteInformation
  | NdpOptionRdnss
  | NdpOptionDnssl
  | NdpOptionRaw
  | NdpOptionMalformed;

export function readOption(data: Uint8Array, at: number, type: number, length: number): NdpOption {
  switch (type) {
    case 1:
    case 2:
      return {
        type,
        name: type === 1 ? "source-link-layer-address" : "target-link-layer-address",
        length,
        address: formatMac(data, at + 2, length - 2),
        addressBytes: data.subarray(at + 2, at + length),
      };
    case 3:
      if (length === 32) {
        const flags = data[at + 3]!;
        return {
          type,
          name: "prefix-information",
          length,
          prefixLength: data[at + 2]!,
          onLink: (flags & 0x80) !== 0,
          autonomous: (flags & 0x40) !== 0,
          validLifetime: readUint32(data, at + 4),
          preferredLifetime: readUint32(data, at + 8),
          prefix: formatIpv6(data, at + 16),
          prefixBytes: data.subarray(at + 16, at + 32),
        };
      }
      break;
    case 4:
      return { type, name: "redirected-header", length, data: data.subarray(at + 8, at + length) };
    case 5:
      if (length === 8) return { type, name: "mtu", length, mtu: readUint32(data, at + 4) };
      break;
    case 7:
      return { type, name: "advertisement-interval", length, interval: readUint32(data, at + 4) };
    case 8:
      return {
        type,
        name: "home-agent-information",
        length,
        preference: (data[at + 4]! << 8) | data[at + 5]!,
        lifetime: (data[at + 6]! << 8) | data[at + 7]!,
      };
    case 24:
      if (length <= 24) {
        const prefix = new Uint8Array(16);
        prefix.set(data.subarray(at + 8, at + length));
        return {
          type,
          name: "route-information",
          length,
          prefixLength: data[at + 2]!,
          preference: (data[at + 3]! >> 3) & 3,
          lifetime: readUint32(data, at + 4),
          prefix: formatIpv6(prefix, 0),
        };
      }
      break;
    case 25: {
      const addresses: string[] = [];
      for (let i = at + 8; i + 16 <= at + length; i += 16) addresses.push(formatIpv6(data, i));
      return { type, name: "rdnss", length, lifetime: readUint32(data, at + 4), addresses };
    }
    case 31: {
      const list = readDomains(data, at + 8, at + length);
      if (list === undefined) break;
      const lifetime = readUint32(data, at + 4);
      const { domains, pointerAfter } = list;
      if (pointerAfter === undefined) return { type, name: "dnssl", length, lifetime, domains };
      return { type, name: "dnssl", length, lifetime, domains, pointerAfter };
    }
  }
  return { type, name: "raw", length, data: data.subarray(at + 2, at + length) };
}

/**
 * The domain names of a DNS search list, up to the first zero byte where a name would
 * start (the padding); `undefined` when a label runs past `end`. A compression pointer
 * (which RFC 8106 forbids) ends the list: what its name held before it is `pointerAfter`.
 */
function readDomains(
  data: Uint8Array,
  at: number,
  end: number,
): { domains: string[]; pointerAfter: string | undefined } | undefined {
  const domains: string[] = [];
  while (at < end && data[at] !== 0) {
    let name = "";
    for (;;) {
      if (at >= end) return undefined;
      const length = data[at]!;
      if (length === 0) {
        at++;
        break;
      }
      if (length >= 0xc0) return { domains, pointerAfter: name };
      if (length > 63 || at + 1 + length > end) return undefined;
      for (let i = at + 1; i <= at + length; i++) name += String.fromCharCode(data[i]!);
      name += ".";
      at += 1 + length;
    }
    domains.push(name);
  }
  return { domains, pointerAfter: undefined };
}

export function optionToJSON(option: NdpOption): Record<string, unknown> {
  switch (option.name) {
    case "source-link-layer-address":
    case "target-link-layer-address":
      return {
        type: option.type,
        name: option.name,
        length: option.length,
        address: option.address,
      };
    case "prefix-information": {
      const { prefixBytes: _, ...rest } = option;
      return rest;
    }
    case "redirected-header":
    case "raw":
    case "malformed":
      return { ...option, data: encodeHex(option.data) };
    case "rdnss":
      return { ...option, addresses: [...option.addresses] };
    case "dnssl":
      return { ...option, domains: [...option.domains] };
    default:
      return { ...option };
  }
}
