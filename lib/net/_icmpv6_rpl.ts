/**
 * The RPL control messages (RFC 6550 section 6) that ICMPv6 type 155 carries, read for
 * the {@linkcode Icmpv6} layer's `rpl`: the DODAG information solicitation (DIS) and
 * object (DIO), the destination advertisement object (DAO) and its acknowledgement
 * (DAO-ACK), their fixed fields and their option walk, over the packet's bytes.
 *
 * @module
 */

import { formatIpv6 } from "../address.ts";

/**
 * The RPL message codes (RFC 6550 section 6); bit 0x80 marks the secured variants.
 *
 * @example Tell a DIO from a secured one
 * ```ts
 * import { RplCode } from "./icmpv6.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(0x81 & 0x7f, RplCode.DIO);
 * ```
 */
export const RplCode = {
  /** DODAG information solicitation. */
  DIS: 0x00,
  /** DODAG information object. */
  DIO: 0x01,
  /** Destination advertisement object. */
  DAO: 0x02,
  /** Destination advertisement object acknowledgement. */
  DAO_ACK: 0x03,
  /** Consistency check (secured only). */
  CONSISTENCY_CHECK: 0x8a,
} as const;

/** An RPL message code that wirekit names. */
export type RplCode = typeof RplCode[keyof typeof RplCode];

/**
 * The RPL control message option types (RFC 6550 section 6.7, RFC 6550's IANA registry).
 *
 * @example Name an option type
 * ```ts
 * import { RplOptionType } from "./icmpv6.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(RplOptionType.RPL_TARGET, 5);
 * ```
 */
export const RplOptionType = {
  PAD1: 0,
  PADN: 1,
  DAG_METRIC_CONTAINER: 2,
  ROUTE_INFORMATION: 3,
  DODAG_CONFIGURATION: 4,
  RPL_TARGET: 5,
  TRANSIT_INFORMATION: 6,
  SOLICITED_INFORMATION: 7,
  PREFIX_INFORMATION: 8,
  RPL_TARGET_DESCRIPTOR: 9,
} as const;

/** An RPL option type that wirekit names. */
export type RplOptionType = typeof RplOptionType[keyof typeof RplOptionType];

/** An RPL option as {@linkcode RplMessage.options} lists it. */
export interface RplOption {
  /** The option type (an {@linkcode RplOptionType} number). */
  type: number;
  /** The option's whole length in bytes: 1 for Pad1, else 2 plus its length field. */
  length: number;
  /** The option data after the type and length bytes (a view; empty for Pad1). */
  data: Uint8Array;
}

/** The length of a DIO's fixed part, of a DODAG ID, and of a DAO or DAO-ACK without it. */
const DIO_LENGTH = 24;
const DODAG_ID_LENGTH = 16;
const DAO_MIN_LENGTH = 4;

/**
 * The body of an RPL control message (ICMPv6 type 155), after the ICMPv6 type, code and
 * checksum: a view over the packet's bytes that reads each field where it lies. A field
 * whose bytes were not captured reads as `undefined`.
 *
 * @example Read a DIO
 * ```ts
 * import { decodeIcmpv6 } from "./icmpv6.ts";
 * import assert from "node:assert/strict";
 *
 * const message = new Uint8Array(28);
 * message.set([155, 1, 0, 0, 42, 1, 0, 0x80, 0x88, 7]);
 * message.set([0xfd, 0], 12); // DODAG ID fd00::1
 * message[27] = 1;
 * const rpl = decodeIcmpv6(message).rpl!;
 * assert.equal(rpl.instanceId, 42);
 * assert.equal(rpl.rank, 128);
 * assert.equal(rpl.grounded, true);
 * assert.equal(rpl.modeOfOperation, 1);
 * assert.equal(rpl.dodagId, "fd00::1");
 * ```
 */
export class RplMessage {
  /** The packet's bytes. */
  data: Uint8Array = new Uint8Array(0);
  /** Where the body starts: 4 bytes after the ICMPv6 message's start. */
  offset = 0;
  /** Where the captured bytes end. */
  end = 0;
  /** The body's length on the wire (the IPv6 payload's, less the headers before). */
  length = 0;
  /** The ICMPv6 code: the message kind, 0x80 set for a secured message. */
  code = 0;

  /** Points the view at a message body; returns it. */
  reset(data: Uint8Array, offset: number, end: number, length: number, code: number): this {
    this.data = data;
    this.offset = offset;
    this.end = end;
    this.length = length;
    this.code = code;
    return this;
  }

  /** Whether the message is secured (code bit 0x80, RFC 6550 section 6.1). */
  get secured(): boolean {
    return (this.code & 0x80) !== 0;
  }

  /** The byte at `index` of the body, when captured. */
  #byte(index: number): number | undefined {
    const at = this.offset + index;
    return at < this.end ? this.data[at] : undefined;
  }

  /** Whether `n` bytes of the body from `index` were captured. */
  has(index: number, n: number): boolean {
    return this.offset + index + n <= this.end;
  }

  /** The RPLInstanceID of a DIO, DAO or DAO-ACK. */
  get instanceId(): number | undefined {
    return this.code >= 1 && this.code <= 3 ? this.#byte(0) : undefined;
  }

  /** The DIO's Version Number. */
  get version(): number | undefined {
    return this.code === RplCode.DIO ? this.#byte(1) : undefined;
  }

  /** The DIO's Rank. */
  get rank(): number | undefined {
    if (this.code !== RplCode.DIO || !this.has(2, 2)) return undefined;
    return (this.data[this.offset + 2]! << 8) | this.data[this.offset + 3]!;
  }

  /** The DIO's byte of the G flag (0x80), MOP (bits 5-3) and Prf (bits 2-0). */
  get modeAndPreference(): number | undefined {
    return this.code === RplCode.DIO ? this.#byte(4) : undefined;
  }

  /** G: the DODAG is grounded (DIO). */
  get grounded(): boolean | undefined {
    const value = this.modeAndPreference;
    return value === undefined ? undefined : (value & 0x80) !== 0;
  }

  /** MOP, the mode of operation (DIO): 0 non-storing, 1 storing, 2 and 3 with multicast. */
  get modeOfOperation(): number | undefined {
    const value = this.modeAndPreference;
    return value === undefined ? undefined : (value >> 3) & 7;
  }

  /** Prf, the DODAG preference (DIO), 0 least preferred to 7. */
  get preference(): number | undefined {
    const value = this.modeAndPreference;
    return value === undefined ? undefined : value & 7;
  }

  /** DTSN, the destination advertisement trigger sequence number (DIO). */
  get dtsn(): number | undefined {
    return this.code === RplCode.DIO ? this.#byte(5) : undefined;
  }

  /**
   * The flags byte: the DIS's first byte, the DIO's after the DTSN, the DAO's (K 0x80,
   * D 0x40) and the DAO-ACK's (D 0x80).
   */
  get flags(): number | undefined {
    const code = this.code;
    if (code === RplCode.DIS) return this.#byte(0);
    if (code === RplCode.DIO) return this.#byte(6);
    return code === RplCode.DAO || code === RplCode.DAO_ACK ? this.#byte(1) : undefined;
  }

  /** K: the DAO asks for an acknowledgement. */
  get acknowledgementRequested(): boolean | undefined {
    const flags = this.code === RplCode.DAO ? this.flags : undefined;
    return flags === undefined ? undefined : (flags & 0x80) !== 0;
  }

  /** D: a DAO or DAO-ACK carries the DODAG ID (the DIO always does). */
  get dodagIdPresent(): boolean | undefined {
    if (this.code === RplCode.DIO) return true;
    const flags = this.code === RplCode.DAO || this.code === RplCode.DAO_ACK
      ? this.flags
      : undefined;
    if (flags === undefined) return undefined;
    return (flags & (this.code === RplCode.DAO ? 0x40 : 0x80)) !== 0;
  }

  /** The DAOSequence of a DAO or DAO-ACK. */
  get sequence(): number | undefined {
    if (this.code === RplCode.DAO) return this.#byte(3);
    return this.code === RplCode.DAO_ACK ? this.#byte(2) : undefined;
  }

  /** The Status of a DAO-ACK (0 accepted, 128 and up rejected). */
  get status(): number | undefined {
    return this.code === RplCode.DAO_ACK ? this.#byte(3) : undefined;
  }

  /**
   * Where the DODAG ID starts (an offset into {@linkcode RplMessage.data}): 8 bytes into
   * a DIO, 4 into a DAO or DAO-ACK whose D flag is set; `undefined` otherwise.
   */
  get dodagIdOffset(): number | undefined {
    if (this.code === RplCode.DIO) return this.offset + 8;
    return this.dodagIdPresent ? this.offset + DAO_MIN_LENGTH : undefined;
  }

  /** The DODAG ID as text, when present and captured. */
  get dodagId(): string | undefined {
    const at = this.dodagIdOffset;
    if (at === undefined || at + DODAG_ID_LENGTH > this.end) return undefined;
    return formatIpv6(this.data, at);
  }

  /**
   * Where the options start (an offset into {@linkcode RplMessage.data}): after the
   * fixed part of a DIS (2 bytes), DIO (24), DAO or DAO-ACK (4, 20 with a DODAG ID);
   * `undefined` for a secured or unknown message, or a flags byte not captured.
   */
  get optionsOffset(): number | undefined {
    const code = this.code;
    if (code === RplCode.DIS) return this.offset + 2;
    if (code === RplCode.DIO) return this.offset + DIO_LENGTH;
    const present = this.dodagIdPresent;
    if (present === undefined) return undefined;
    return this.offset + DAO_MIN_LENGTH + (present ? DODAG_ID_LENGTH : 0);
  }

  /**
   * The whole length of the option at `at` (1 for Pad1, else 2 plus its length byte),
   * allocating nothing: `undefined` when its type or length byte was not captured.
   *
   * @param at Where the option starts (an offset into {@linkcode RplMessage.data}).
   * @returns The length in bytes.
   */
  optionLength(at: number): number | undefined {
    if (at >= this.end) return undefined;
    if (this.data[at] === RplOptionType.PAD1) return 1;
    return at + 1 < this.end ? this.data[at + 1]! + 2 : undefined;
  }

  /**
   * The options up to the body's length, in order, as far as they were captured whole
   * and lie within the body (a walk stops at the first that does not). Builds a new
   * array on each call.
   */
  get options(): RplOption[] {
    const options: RplOption[] = [];
    const start = this.optionsOffset;
    if (start === undefined) return options;
    const limit = Math.min(this.end, this.offset + this.length);
    for (let at = start; at < limit;) {
      const length = this.optionLength(at);
      if (length === undefined || at + length > limit) break;
      options.push({
        type: this.data[at]!,
        length,
        data: this.data.subarray(at + Math.min(length, 2), at + length),
      });
      at += length;
    }
    return options;
  }

  /** Returns the message's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    const json: Record<string, unknown> = { secured: this.secured };
    const fields: [string, unknown][] = [
      ["instanceId", this.instanceId],
      ["version", this.version],
      ["rank", this.rank],
      ["grounded", this.grounded],
      ["modeOfOperation", this.modeOfOperation],
      ["preference", this.preference],
      ["dtsn", this.dtsn],
      ["flags", this.flags],
      ["sequence", this.sequence],
      ["status", this.status],
      ["dodagId", this.dodagId],
    ];
    for (const [key, value] of fields) if (value !== undefined) json[key] = value;
    json.options = this.options.map((o) => ({ type: o.type, length: o.length }));
    return json;
  }
}
