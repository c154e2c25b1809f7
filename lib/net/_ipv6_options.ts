/**
 * Hop-by-hop and destination options (RFC 8200 section 4.2): the option types, the option
 * walk and the {@linkcode Ipv6OptionsHeader} base class. Re-exported by
 * `ipv6_extensions.ts`.
 *
 * @module
 */

import { formatIpv6 } from "../address.ts";
import { readUint16, readUint32 } from "../_bytes.ts";
import { constantNames } from "../_constant_names.ts";
import type { DecodeError } from "../errors.ts";
import type { DecodeContext } from "../layer.ts";
import { extensionLength, Ipv6Extension } from "./_ipv6_extension.ts";
import { Ipv6 } from "./ipv6.ts";

/**
 * Hop-by-hop and destination option types that wirekit names (the whole type octet,
 * action and change bits included), from the IANA "Destination Options and Hop-by-Hop
 * Options" registry.
 *
 * @example Compare an option type
 * ```ts
 * import { Ipv6OptionType } from "./ipv6_extensions.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(Ipv6OptionType.JUMBO, 0xc2);
 * ```
 */
export const Ipv6OptionType = {
  /** One byte of padding, with no length octet. */
  PAD1: 0x00,
  /** Two or more bytes of padding. */
  PADN: 0x01,
  /** Tunnel encapsulation limit (RFC 2473). */
  TUNNEL_LIMIT: 0x04,
  /** Router alert (RFC 2711). */
  RTRALT: 0x05,
  /** CALIPSO (RFC 5570). */
  CALIPSO: 0x07,
  /** Performance and diagnostic metrics (RFC 8250). */
  PDM: 0x0f,
  /** Quick-Start (RFC 4782). */
  QUICK_START: 0x26,
  /** RPL option (RFC 6553). */
  RPL: 0x63,
  /** MPL option (RFC 7731). */
  MPL: 0x6d,
  /** Jumbo payload (RFC 2675): the real payload length, when the IPv6 field says 0. */
  JUMBO: 0xc2,
  /** Home address (RFC 6275). */
  HOME_ADDRESS: 0xc9,
} as const;

/** A hop-by-hop or destination option type that wirekit names. */
export type Ipv6OptionType = typeof Ipv6OptionType[keyof typeof Ipv6OptionType];

const optionNames = constantNames(Ipv6OptionType);

/** One hop-by-hop or destination option, as {@linkcode Ipv6OptionsHeader.options} returns it. */
export interface Ipv6Option {
  /** The option type octet. */
  readonly type: number;
  /** The {@linkcode Ipv6OptionType} name, such as `PADN`, or `unknown`. */
  readonly name: string;
  /**
   * The option's length in bytes, type and length octets included (1 for Pad1); for a
   * malformed option, its length octet plus 2 (0 when the header ends before it).
   */
  readonly length: number;
  /** Offset of the option's type octet in the layer's `data`. */
  readonly offset: number;
  /** The option's data, after its type and length octets (a view, not a copy). */
  readonly data: Uint8Array;
  /**
   * Set on the last option of the list when it runs past the end of the header, or the
   * header ends before its length octet (then `data` runs to the end of the header).
   */
  readonly malformed?: true;
  /** Home address option (type 0xc9, 18 bytes or more): the address. */
  readonly homeAddress?: string;
  /** Home address option: the sub-options after the address. */
  readonly subOptions?: readonly Ipv6Option[];
}

/**
 * The length of the option at `data[i]` (type and length octets included, 1 for Pad1),
 * or 0 when it runs past `end` or `end` comes before its length octet.
 */
function optionLength(data: Uint8Array, i: number, end: number): number {
  if (data[i] === Ipv6OptionType.PAD1) return 1;
  if (i + 1 >= end) return 0;
  const length = data[i + 1]! + 2;
  return i + length > end ? 0 : length;
}

/**
 * Walks options in `data[start..end)` into `out`; returns `false` when one runs past
 * `end` (its entry is then marked `malformed`, and the last).
 */
function walkIpv6Options(
  data: Uint8Array,
  start: number,
  end: number,
  out: Ipv6Option[] | undefined,
  jumbo: ((length: number) => void) | undefined,
): boolean {
  let i = start;
  while (i < end) {
    const type = data[i]!;
    if (type === Ipv6OptionType.PAD1) {
      out?.push({ type, name: "PAD1", length: 1, offset: i, data: data.subarray(i + 1, i + 1) });
      i++;
      continue;
    }
    const length = optionLength(data, i, end);
    if (length === 0) {
      out?.push({
        type,
        name: optionNames.get(type) ?? "unknown",
        length: i + 1 < end ? data[i + 1]! + 2 : 0,
        offset: i,
        data: data.subarray(Math.min(i + 2, end), end),
        malformed: true,
      });
      return false;
    }
    if (type === Ipv6OptionType.JUMBO && length === 6) jumbo?.(readUint32(data, i + 2));
    if (out !== undefined) {
      const option: Ipv6Option = {
        type,
        name: optionNames.get(type) ?? "unknown",
        length,
        offset: i,
        data: data.subarray(i + 2, i + length),
      };
      if (type === Ipv6OptionType.HOME_ADDRESS && length >= 18) {
        const subOptions: Ipv6Option[] = [];
        walkIpv6Options(data, i + 18, i + length, subOptions, undefined);
        out.push({ ...option, homeAddress: formatIpv6(data, i + 2), subOptions });
      } else out.push(option);
    }
    i += length;
  }
  return true;
}

/**
 * What the hop-by-hop and destination options headers share: a list of type-length-value
 * options, walked lazily.
 *
 * @example Read the options of either header
 * ```ts
 * import { decodeIpv6Destination, Ipv6OptionsHeader } from "./ipv6_extensions.ts";
 * import assert from "node:assert/strict";
 *
 * const layer = decodeIpv6Destination(new Uint8Array([59, 0, 0, 0, 0x01, 0x02, 0, 0]));
 * assert.ok(layer instanceof Ipv6OptionsHeader);
 * assert.deepEqual(layer.options.map((option) => option.name), ["PAD1", "PAD1", "PADN"]);
 * assert.equal(layer.optionsMalformed, false);
 * ```
 */
export abstract class Ipv6OptionsHeader extends Ipv6Extension {
  /** The header extension length field: 8-octet units after the first 8. */
  extensionLength = 0;
  /** Whether an option ran past the header; {@linkcode options} stops before it. */
  optionsMalformed = false;
  /** The value of a jumbo payload option, or 0 when there is none. */
  jumboPayloadLength = 0;

  /**
   * The options, in order, padding included; the walk stops at an option that runs past
   * the header, the last entry then, marked `malformed` (and {@linkcode optionsMalformed}
   * is `true`). Built on each call.
   */
  get options(): Ipv6Option[] {
    const out: Ipv6Option[] = [];
    this.#walk(out);
    return out;
  }

  /**
   * The length of the option whose type octet is at `at` in `data` (type and length octets
   * included, 1 for Pad1), or 0 when it runs past `end`: a walk of the options that builds
   * no list, for hot loops.
   *
   * @param at The option's offset: `offset + 2` for the first, then each plus its length.
   * @param end Where the options end: the header's end by default (a home address option's
   * end for its sub-options).
   * @returns The length, or 0.
   *
   * @example Walk the options without a list
   * ```ts
   * import { decodeIpv6Destination } from "./ipv6_extensions.ts";
   * import assert from "node:assert/strict";
   *
   * const layer = decodeIpv6Destination(new Uint8Array([59, 0, 0, 0, 0x01, 0x02, 0, 0]));
   * const lengths: number[] = [];
   * for (let at = layer.offset + 2; at < layer.offset + layer.headerLength;) {
   *   const length = layer.optionLengthAt(at);
   *   if (length === 0) break;
   *   lengths.push(length);
   *   at += length;
   * }
   * assert.deepEqual(lengths, [1, 1, 4]);
   * ```
   */
  optionLengthAt(at: number, end: number = this.offset + this.headerLength): number {
    return optionLength(this.data, at, end);
  }

  /**
   * The type octet of the option at `at` (an {@linkcode Ipv6OptionType} number), for a
   * walk with {@linkcode optionLengthAt}.
   *
   * @param at The option's offset in `data`.
   * @returns The type.
   *
   * @example Read the types without a list
   * ```ts
   * import { decodeIpv6HopByHop, Ipv6OptionType } from "./ipv6_extensions.ts";
   * import assert from "node:assert/strict";
   *
   * const layer = decodeIpv6HopByHop(new Uint8Array([58, 0, 0x05, 0x02, 0x00, 0x00, 0x01, 0x00]));
   * assert.equal(layer.optionTypeAt(2), Ipv6OptionType.RTRALT);
   * assert.equal(layer.optionTypeAt(2 + layer.optionLengthAt(2)), Ipv6OptionType.PADN);
   * ```
   */
  optionTypeAt(at: number): number {
    return this.data[at]!;
  }

  /**
   * The value of the router alert option at `at` (RFC 2711): its first two data octets.
   * The caller checks the option's length (4) first.
   *
   * @param at The option's offset in `data`.
   * @returns The value, such as 0 for MLD.
   *
   * @example Read a router alert
   * ```ts
   * import { decodeIpv6HopByHop } from "./ipv6_extensions.ts";
   * import assert from "node:assert/strict";
   *
   * const layer = decodeIpv6HopByHop(new Uint8Array([58, 0, 0x05, 0x02, 0x00, 0x02, 0x01, 0x00]));
   * assert.equal(layer.routerAlertAt(2), 2);
   * ```
   */
  routerAlertAt(at: number): number {
    return readUint16(this.data, at + 2);
  }

  /**
   * The value of the jumbo payload option at `at` (RFC 2675), whatever else the header
   * holds: {@linkcode jumboPayloadLength} keeps the last one only. The caller checks the
   * option's length (6) first.
   *
   * @param at The option's offset in `data`.
   * @returns The payload length it gives.
   *
   * @example Read a jumbo payload option
   * ```ts
   * import { decodeIpv6HopByHop } from "./ipv6_extensions.ts";
   * import assert from "node:assert/strict";
   *
   * const layer = decodeIpv6HopByHop(new Uint8Array([59, 0, 0xc2, 0x04, 0x00, 0x01, 0x00, 0x00]));
   * assert.equal(layer.jumboPayloadLengthAt(2), 65536);
   * ```
   */
  jumboPayloadLengthAt(at: number): number {
    return readUint32(this.data, at + 2);
  }

  /**
   * The address of the home address option at `at` (RFC 6275); its sub-options start 18
   * bytes after `at`. The caller checks the option's length (18 or more) first.
   *
   * @param at The option's offset in `data`.
   * @returns The address, as text.
   *
   * @example Read a home address
   * ```ts
   * import { decodeIpv6Destination } from "./ipv6_extensions.ts";
   * import assert from "node:assert/strict";
   *
   * const header = new Uint8Array(24);
   * header.set([59, 2, 0xc9, 16, 0x20, 0x01, 0x0d, 0xb8]);
   * header[19] = 1;
   * header.set([0x01, 2], 20);
   * const layer = decodeIpv6Destination(header);
   * assert.equal(layer.homeAddressAt(2), "2001:db8::1");
   * ```
   */
  homeAddressAt(at: number): string {
    return formatIpv6(this.data, at + 2);
  }

  /**
   * Walks the options, appending them to `out` when given, and records a jumbo payload
   * option. Every step consumes at least one byte, so the walk ends.
   *
   * @returns `false` when an option runs past the header.
   */
  #walk(out: Ipv6Option[] | undefined): boolean {
    return walkIpv6Options(
      this.data,
      this.offset + 2,
      this.offset + this.headerLength,
      out,
      (length) => {
        this.jumboPayloadLength = length;
      },
    );
  }

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    context: DecodeContext,
  ): DecodeError | undefined {
    const length = extensionLength(this.kind, data, offset, end);
    if (typeof length !== "number") return length;
    this.data = data;
    this.offset = offset;
    this.headerLength = length;
    this.nextHeader = data[offset]!;
    this.extensionLength = data[offset + 1]!;
    this.jumboPayloadLength = 0;
    this.optionsMalformed = !this.#walk(undefined);
    const jumbo = this.jumboPayloadLength;
    // A jumbo payload length counts the bytes after the IPv6 header, that is from here;
    // without one, a jumbogram's payload is empty (RFC 2675 section 3).
    const network = context.network;
    const jumbogram = network instanceof Ipv6 && network.payloadLength === 0 &&
      network.offset + 40 === offset;
    this.end = jumbo >= length ? Math.min(end, offset + jumbo) : jumbogram ? offset + length : end;
    if (jumbogram && jumbo >= length) network.jumboPayloadLength = jumbo;
    return undefined;
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return {
      nextHeader: this.nextHeader,
      extensionLength: this.extensionLength,
      options: this.options.map((option) => ({
        type: option.type,
        name: option.name,
        length: option.length,
        data: Array.from(option.data),
      })),
      optionsMalformed: this.optionsMalformed,
    };
  }
}
