/**
 * ATA over Ethernet (AoE, EtherType `0x88a2`), as the AoE r11 specification lays it out:
 * the common header (version and flags, error, major and minor address, command, tag),
 * then the argument of the command (Issue ATA Command, Query Config Information, MAC Mask
 * List, Reserve/Release).
 *
 * @module
 */

import type { DecodeError } from "../errors.ts";
import { formatMac } from "../address.ts";
import { readUint16, readUint32 } from "../_bytes.ts";
import { beginPartialHeader } from "../_begin_layer.ts";
import { decodeOne } from "../_decode_one.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";

/** The common header's length, up to the argument. */
export const AOE_HEADER_LENGTH = 10;

/** The commands of AoE version 1. */
export const AoeCommand = {
  /** Issue ATA Command: an ATA register set, then data. */
  ISSUE_ATA_COMMAND: 0,
  /** Query Config Information: buffer count, firmware version, config string. */
  QUERY_CONFIG_INFORMATION: 1,
  /** MAC Mask List: a list of directives. */
  MAC_MASK_LIST: 2,
  /** Reserve/Release: a list of MAC addresses. */
  RESERVE_RELEASE: 3,
} as const;

/** The flag bits of the first byte's low half (version 1). */
export const AoeFlag = {
  /** The message is a response. */
  RESPONSE: 0x08,
  /** The response reports an error (the error byte holds it). */
  ERROR: 0x04,
} as const;

/**
 * An AoE message. Every field is read from the bytes when asked for, and is -1 (`""` for
 * an address) when it was not captured: a message cut short is kept as a partial layer
 * (`partial`), as tcpdump prints what it can of one.
 *
 * @example Decode a Query Config Information request
 * ```ts
 * import { AoeCommand, decodeAoe } from "./aoe.ts";
 * import assert from "node:assert/strict";
 *
 * const aoe = decodeAoe(new Uint8Array([0x10, 0, 0xff, 0xff, 0xff, 1, 0, 0, 0, 7]));
 * assert.equal(aoe.version, 1);
 * assert.equal(aoe.major, 0xffff);
 * assert.equal(aoe.command, AoeCommand.QUERY_CONFIG_INFORMATION);
 * assert.equal(aoe.tag, 7);
 * ```
 */
export class Aoe extends LayerBase {
  /** The discriminant. */
  readonly kind = "aoe" as const;
  /** Fewer than the common header's 10 bytes were captured. */
  partial = false;

  /** Where the command's argument starts. */
  get argumentOffset(): number {
    return this.offset + AOE_HEADER_LENGTH;
  }

  /** The version (the first byte's high half). */
  get version(): number {
    return this.#u8(0) < 0 ? -1 : this.#u8(0) >> 4;
  }

  /** The flags (the first byte's low half, see {@linkcode AoeFlag}). */
  get flags(): number {
    return this.#u8(0) < 0 ? -1 : this.#u8(0) & 0x0f;
  }

  /** The error code (meaningful when the Error flag is set). */
  get error(): number {
    return this.#u8(1);
  }

  /** The major (shelf) address. */
  get major(): number {
    return this.#u16(2);
  }

  /** The minor (slot) address. */
  get minor(): number {
    return this.#u8(4);
  }

  /** The command (see {@linkcode AoeCommand}). */
  get command(): number {
    return this.#u8(5);
  }

  /** The tag the initiator chose. */
  get tag(): number {
    return this.#has(6, 4) ? readUint32(this.data, this.offset + 6) : -1;
  }

  /**
   * A byte of the Issue ATA Command argument: 0 AFlags, 1 Err/Feature, 2 Sector Count,
   * 3 Cmd/Status, 4 to 9 lba0 to lba5.
   *
   * @param index The byte's index in the argument (0 to 9).
   * @returns The byte, or -1 when not captured or `index` is out of range.
   */
  ataRegister(index: number): number {
    if (!(index >= 0 && index <= 9)) return -1;
    return this.#u8(AOE_HEADER_LENGTH + index);
  }

  /** Query Config Information: the buffer count. */
  get bufferCount(): number {
    return this.#u16(AOE_HEADER_LENGTH);
  }

  /** Query Config Information: the firmware version. */
  get firmwareVersion(): number {
    return this.#u16(AOE_HEADER_LENGTH + 2);
  }

  /** Query Config Information: the most sectors one command may carry. */
  get querySectorCount(): number {
    return this.#u8(AOE_HEADER_LENGTH + 4);
  }

  /** Query Config Information: the AoE version the target supports (high half). */
  get queryVersion(): number {
    const byte = this.#u8(AOE_HEADER_LENGTH + 5);
    return byte < 0 ? -1 : byte >> 4;
  }

  /** Query Config Information: the config string command (low half). */
  get configCommand(): number {
    const byte = this.#u8(AOE_HEADER_LENGTH + 5);
    return byte < 0 ? -1 : byte & 0x0f;
  }

  /** Query Config Information: the config string's length. */
  get configStringLength(): number {
    return this.#u16(AOE_HEADER_LENGTH + 6);
  }

  /** Query Config Information: where the config string starts. */
  get configStringOffset(): number {
    return this.offset + AOE_HEADER_LENGTH + 8;
  }

  /** MAC Mask List: the command (read or edit). */
  get maskCommand(): number {
    return this.#u8(AOE_HEADER_LENGTH + 1);
  }

  /** MAC Mask List: the error. */
  get maskError(): number {
    return this.#u8(AOE_HEADER_LENGTH + 2);
  }

  /** MAC Mask List: the number of directives. */
  get directiveCount(): number {
    return this.#u8(AOE_HEADER_LENGTH + 3);
  }

  /**
   * MAC Mask List: a directive's command.
   *
   * @param index The directive's index.
   * @returns The command, or -1 when not captured.
   */
  directiveCommand(index: number): number {
    return this.#u8(AOE_HEADER_LENGTH + 4 + 8 * index + 1);
  }

  /**
   * MAC Mask List: a directive's Ethernet address.
   *
   * @param index The directive's index.
   * @returns The address, or `""` when not captured.
   */
  directiveAddress(index: number): string {
    return this.#mac(AOE_HEADER_LENGTH + 4 + 8 * index + 2);
  }

  /** Reserve/Release: the command. */
  get reserveCommand(): number {
    return this.#u8(AOE_HEADER_LENGTH);
  }

  /** Reserve/Release: the number of addresses. */
  get addressCount(): number {
    return this.#u8(AOE_HEADER_LENGTH + 1);
  }

  /**
   * Reserve/Release: an address of the list.
   *
   * @param index The address's index.
   * @returns The address, or `""` when not captured.
   */
  reserveAddress(index: number): string {
    return this.#mac(AOE_HEADER_LENGTH + 2 + 6 * index);
  }

  /**
   * Decodes the header at `offset`, returning the error instead of throwing. A message
   * shorter than its common header is kept as a partial layer.
   */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    _context: DecodeContext,
  ): DecodeError | undefined {
    return beginPartialHeader(this, data, offset, end, AOE_HEADER_LENGTH);
  }

  /** Picks the decoder of the payload: none, the printer reads the argument. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /** Returns the header's captured fields as a plain object. */
  toJSON(): Record<string, unknown> {
    if (this.partial) return { partial: true, version: this.version, flags: this.flags };
    return {
      version: this.version,
      flags: this.flags,
      error: this.error,
      major: this.major,
      minor: this.minor,
      command: this.command,
      tag: this.tag,
    };
  }

  #has(at: number, length: number): boolean {
    return this.offset + at + length <= this.end;
  }

  #u8(at: number): number {
    return this.#has(at, 1) ? this.data[this.offset + at]! : -1;
  }

  #u16(at: number): number {
    return this.#has(at, 2) ? readUint16(this.data, this.offset + at) : -1;
  }

  #mac(at: number): string {
    return this.#has(at, 6) ? formatMac(this.data, this.offset + at) : "";
  }
}

/**
 * Creates {@linkcode Aoe} layers; bound to EtherType `0x88a2`.
 *
 * @example Create an AoE layer
 * ```ts
 * import { aoeDecoder } from "./aoe.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(aoeDecoder.create().kind, "aoe");
 * ```
 */
export const aoeDecoder: ProtocolDescriptor<Aoe> = defineProtocol({
  kind: "aoe",
  name: "AoE",
  tcpdumpName: "aoe",
  create: () => new Aoe(),
  bindings: { etherTypes: [0x88a2] },
});

/**
 * Decodes an AoE message.
 *
 * @param data The bytes.
 * @param offset Where it starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When fewer than the common header's 10 bytes remain.
 *
 * @example Reject a truncated header
 * ```ts
 * import { decodeAoe } from "./aoe.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeAoe(new Uint8Array(4)), {
 *   message: "Cannot decode AoE header: 10 bytes required, received 4",
 * });
 * ```
 */
export function decodeAoe(data: Uint8Array, offset = 0): Aoe {
  return decodeOne(new Aoe(), data, offset);
}
