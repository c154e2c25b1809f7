/**
 * IEEE 802.15.4 MAC frames (`LINKTYPE_IEEE802_15_4_WITHFCS` 195 and
 * `LINKTYPE_IEEE802_15_4_NOFCS` 230), laid out as tcpdump's print-802_15_4.c reads them:
 * the frame control field, the sequence number, the PAN IDs and addresses (with the
 * PAN ID Compression rules of frame versions 0/1 and of the 2015 version 2), the auxiliary
 * security header, and a frame check sequence found as tcpdump finds it, by trying a 4-byte
 * then a 2-byte CRC over the captured bytes (both link types alike). Multipurpose frames
 * (type 5) have their own short or long frame control. Information elements, beacon and
 * command payloads are read from {@linkcode Ieee802154.payloadAt} with the readers
 * ({@linkcode Ieee802154.u8}, {@linkcode headerIe}...).
 *
 * @module
 */

import { DecodeError } from "../errors.ts";
import { beginLayer } from "../_begin_layer.ts";
import { readUint16Le, readUint32Le } from "../_bytes.ts";
import { decodeOne } from "../_decode_one.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";
import { LinkType } from "../link_type.ts";
import { ieee802154Crc16, ieee802154Crc32 } from "./_ieee802154_fcs.ts";

export * from "./_ieee802154_ies.ts";
export { ieee802154Crc16, ieee802154Crc32 } from "./_ieee802154_fcs.ts";

/**
 * Frame types (802.15.4-2015 Table 7-1), the low 3 bits of the frame control.
 *
 * @example Tell a beacon
 * ```ts
 * import { decodeIeee802154, Ieee802154FrameType } from "./ieee802154.ts";
 * import assert from "node:assert/strict";
 *
 * const frame = decodeIeee802154(new Uint8Array([0x00, 0x80, 0x07, 0x22, 0x11, 0x78, 0x56]));
 * assert.equal(frame.frameType, Ieee802154FrameType.BEACON);
 * ```
 */
export const Ieee802154FrameType = {
  /** Beacon. */
  BEACON: 0,
  /** Data. */
  DATA: 1,
  /** Acknowledgment. */
  ACK: 2,
  /** MAC command. */
  COMMAND: 3,
  /** Reserved. */
  RESERVED: 4,
  /** Multipurpose (LECIM, TVWS, SUN): its own frame control. */
  MULTIPURPOSE: 5,
  /** Fragment or Frak. */
  FRAGMENT: 6,
  /** Extended. */
  EXTENDED: 7,
} as const;

/** The length of an address by its addressing mode: none, reserved (-1), short, extended. */
const ADDRESS_LENGTHS: readonly number[] = [0, -1, 2, 8];

/** The MIC length by security level (0-7). */
const MIC_LENGTHS: readonly number[] = [0, 4, 8, 16, 0, 4, 8, 16];

/** The key source length by key identifier mode (0-3). */
const KEY_SOURCE_LENGTHS: readonly number[] = [0, 0, 4, 8];

/**
 * An IEEE 802.15.4 frame. Offsets are into `data`; -1 marks a field the frame has not.
 * The frame's bytes end at {@linkcode Ieee802154.bodyEnd}, before the FCS when one was
 * found ({@linkcode Ieee802154.fcsLength} 2 or 4, its value `fcs` equal to `fcsComputed`).
 * A MAC header cut by the capture (or running into the FCS) is kept as a partial layer
 * (`partial`), its fields past the cut at -1 where their layout needs a byte not captured.
 *
 * @example Decode a data frame with a 2-byte FCS
 * ```ts
 * import { decodeIeee802154 } from "./ieee802154.ts";
 * import assert from "node:assert/strict";
 *
 * const frame = decodeIeee802154(new Uint8Array([
 *   0x41, 0x88, 0x05, 0xcd, 0xab, 0xff, 0xff, 0x01, 0x00, 0x7e, 0x3e, 0x63,
 * ]));
 * assert.equal(frame.frameType, 1);
 * assert.equal(frame.sequence, 5);
 * assert.equal(frame.dstPanAt, 3);
 * assert.equal(frame.srcAddressAt, 7);
 * assert.equal(frame.fcsLength, 2);
 * assert.equal(frame.payloadAt, 9);
 * ```
 */
export class Ieee802154 extends LayerBase {
  /** The discriminant. */
  readonly kind = "ieee802154" as const;
  /** The MAC header was cut before its end (or the frame control itself). */
  partial = false;
  /** The frame control field, little-endian (a short multipurpose one in its low byte). */
  frameControl = 0;
  /** The frame type ({@linkcode Ieee802154FrameType}). */
  frameType = 0;
  /** The frame version (bits 12-13); 0 for a short multipurpose frame control. */
  frameVersion = 0;
  /** A multipurpose frame with the long (2-byte) frame control. */
  longFrameControl = false;
  /** The FCS found at the end of the captured bytes: 0 (none), 2 or 4 bytes. */
  fcsLength = 0;
  /** The FCS value read (or the last 2 bytes tried, when none matched; 0 when not tried). */
  fcs = 0;
  /** The CRC computed over the bytes before `fcs` (0 when not tried). */
  fcsComputed = 0;
  /** The frame control's Security Enabled bit. */
  securityEnabled = false;
  /** The sequence number is suppressed. */
  sequenceSuppressed = false;
  /** The frame control's IE Present bit. */
  iePresent = false;
  /** PAN ID Compression (standard frames) or PAN ID Present (long multipurpose). */
  panIdBit = false;
  /** Where the sequence number is (-1 when suppressed). */
  sequenceAt: number = -1;
  /** The destination address length (0, 2, 8; -1 for the reserved mode). */
  dstAddressLength = 0;
  /** The source address length (0, 2, 8; -1 for the reserved mode). */
  srcAddressLength = 0;
  /** Where the destination PAN ID is (-1 when absent). */
  dstPanAt: number = -1;
  /** Where the destination address is (-1 when absent or not laid out). */
  dstAddressAt: number = -1;
  /** Where the source PAN ID is (-1 when absent). */
  srcPanAt: number = -1;
  /** Where the source address is (-1 when absent or not laid out). */
  srcAddressAt: number = -1;
  /** Where the auxiliary security header is (-1 without security). */
  securityAt: number = -1;
  /** The security control byte (-1 without security or not captured). */
  securityControl: number = -1;
  /** Where the MAC header's fixed fields end: the IEs or payload start (-1 when unknown). */
  payloadAt: number = -1;

  /** Decodes the frame at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    _context: DecodeContext,
  ): DecodeError | undefined {
    const error = beginLayer(this, data, offset, end, 0);
    if (error !== undefined) return error;
    this.#reset();
    if (end - offset < 2) {
      this.partial = true;
      this.headerLength = end - offset;
      return DecodeError.truncated(this.kind, offset, 2, end - offset, true);
    }
    const fc = readUint16Le(data, offset);
    this.frameControl = fc;
    this.frameType = fc & 7;
    this.headerLength = 2;
    if (this.frameType <= 3) this.#standard(fc);
    else if (this.frameType === 5) this.#multipurpose(fc);
    else return undefined;
    return this.#finish();
  }

  /** Clears the fields of a previous frame. */
  #reset(): void {
    this.partial = false;
    this.frameControl = 0;
    this.frameType = 0;
    this.frameVersion = 0;
    this.longFrameControl = false;
    this.fcsLength = 0;
    this.fcs = 0;
    this.fcsComputed = 0;
    this.securityEnabled = false;
    this.sequenceSuppressed = false;
    this.iePresent = false;
    this.panIdBit = false;
    this.sequenceAt = -1;
    this.dstAddressLength = 0;
    this.srcAddressLength = 0;
    this.dstPanAt = -1;
    this.dstAddressAt = -1;
    this.srcPanAt = -1;
    this.srcAddressAt = -1;
    this.securityAt = -1;
    this.securityControl = -1;
    this.payloadAt = -1;
  }

  /**
   * The FCS as tcpdump finds it: from `least` captured bytes, a 4-byte CRC when `least`
   * allows one, else (or when it does not match) a 2-byte one.
   */
  #findFcs(least: number, crc32From: number): void {
    const { data, offset, end } = this;
    const length = end - offset;
    if (length < least) return;
    if (length >= crc32From) {
      this.fcs = readUint32Le(data, end - 4);
      this.fcsComputed = ieee802154Crc32(data, offset, end - 4);
      if (this.fcs === this.fcsComputed) {
        this.fcsLength = 4;
        return;
      }
      // A standard frame tries the 2-byte CRC then; a multipurpose one only when long enough.
    }
    this.fcs = readUint16Le(data, end - 2);
    this.fcsComputed = ieee802154Crc16(data, offset, end - 2);
    if (this.fcs === this.fcsComputed) this.fcsLength = 2;
  }

  /** Beacon, data, acknowledgment and command frames. */
  #standard(fc: number): void {
    this.#findFcs(4, 4);
    this.frameVersion = (fc >> 12) & 3;
    this.securityEnabled = (fc & 0x08) !== 0;
    this.panIdBit = (fc & 0x40) !== 0;
    this.sequenceSuppressed = (fc & 0x100) !== 0;
    this.iePresent = (fc & 0x200) !== 0;
    let at = this.offset + 2;
    if (!this.sequenceSuppressed) this.sequenceAt = at++;
    const dst = ADDRESS_LENGTHS[(fc >> 10) & 3]!;
    const src = ADDRESS_LENGTHS[(fc >> 14) & 3]!;
    this.dstAddressLength = dst;
    this.srcAddressLength = src;
    this.headerLength = at - this.offset;
    if (dst < 0 || src < 0) return;
    const [dstPan, srcPan] = this.#pans(dst, src);
    this.#addresses(at, dstPan, srcPan);
  }

  /** Which PAN IDs a standard frame carries (tcpdump's reading of the compression rules). */
  #pans(dst: number, src: number): [boolean, boolean] {
    const compressed = this.panIdBit;
    let dstPan = dst > 0;
    let srcPan = !compressed && src > 0;
    if (this.frameVersion < 2) return [dstPan, srcPan];
    if (compressed) {
      if (src === 0 && dst === 0) dstPan = true;
      else if (src === 0 || dst === 0 || (src === 8 && dst === 8)) dstPan = srcPan = false;
    } else {
      if (src === 8 && dst === 8) [dstPan, srcPan] = [true, false];
      // tcpdump's BROKEN_6TISCH_PAN_ID_COMPRESSION: an extended source after a short
      // destination has no source PAN ID.
      if (src === 8 && dst === 2) srcPan = false;
    }
    return [dstPan, srcPan];
  }

  /** Lays out the PAN IDs and addresses from `at`, then the auxiliary security header. */
  #addresses(at: number, dstPan: boolean, srcPan: boolean): void {
    if (dstPan) {
      this.dstPanAt = at;
      at += 2;
    }
    this.dstAddressAt = at;
    at += this.dstAddressLength;
    if (srcPan) {
      this.srcPanAt = at;
      at += 2;
    }
    this.srcAddressAt = at;
    at += this.srcAddressLength;
    this.headerLength = at - this.offset;
    if (!this.securityEnabled) {
      this.payloadAt = at;
      return;
    }
    this.securityAt = at;
    if (at >= this.end) return;
    const control = this.data[at]!;
    this.securityControl = control;
    this.payloadAt = at + 1 + ((control & 0x20) !== 0 ? 0 : 4) +
      KEY_SOURCE_LENGTHS[(control >> 3) & 3]! + (((control >> 3) & 3) !== 0 ? 1 : 0);
    this.headerLength = this.payloadAt - this.offset;
  }

  /** Multipurpose frames: a 1-byte frame control, or a 2-byte one (bit 3 set). */
  #multipurpose(fc: number): void {
    this.#findFcs(3, 5);
    let at = this.offset + 2;
    this.longFrameControl = (fc & 0x08) !== 0;
    if (this.longFrameControl) {
      this.frameVersion = (fc >> 12) & 3;
      this.panIdBit = (fc & 0x100) !== 0;
      this.securityEnabled = (fc & 0x200) !== 0;
      this.sequenceSuppressed = (fc & 0x400) !== 0;
      this.iePresent = (fc & 0x8000) !== 0;
      if (!this.sequenceSuppressed) this.sequenceAt = at++;
    } else {
      this.sequenceAt = this.offset + 1;
    }
    const dst = ADDRESS_LENGTHS[(fc >> 4) & 3]!;
    const src = ADDRESS_LENGTHS[(fc >> 6) & 3]!;
    this.dstAddressLength = dst;
    this.srcAddressLength = src;
    this.headerLength = at - this.offset;
    if (dst < 0 || src < 0) return;
    this.#addresses(at, this.panIdBit, false);
  }

  /** The header's length and the partial mark, from what the layout reached. */
  #finish(): DecodeError | undefined {
    const bodyEnd = this.bodyEnd;
    if (this.payloadAt < 0 && (this.dstAddressLength < 0 || this.srcAddressLength < 0)) {
      this.headerLength = Math.min(this.headerLength, bodyEnd - this.offset);
      return DecodeError.malformed(this.kind, this.offset, 0, 1, "reserved addressing mode", true);
    }
    if (this.payloadAt >= 0 && this.payloadAt <= bodyEnd) return undefined;
    this.partial = true;
    const required = this.payloadAt >= 0 ? this.payloadAt - this.offset : this.headerLength + 1;
    this.headerLength = Math.max(0, Math.min(this.headerLength, bodyEnd - this.offset));
    return DecodeError.truncated(this.kind, this.offset, required, bodyEnd - this.offset, true);
  }

  /** Where the frame's bytes end: before the FCS when one was found. */
  get bodyEnd(): number {
    return this.end - this.fcsLength;
  }

  /** The sequence number (-1 when suppressed or not captured). */
  get sequence(): number {
    return this.u8(this.sequenceAt);
  }

  /** The security level (0-7) of the security control byte (0 without one). */
  get securityLevel(): number {
    return this.securityControl < 0 ? 0 : this.securityControl & 7;
  }

  /** The key identifier mode (0-3) of the security control byte. */
  get keyIdMode(): number {
    return this.securityControl < 0 ? 0 : (this.securityControl >> 3) & 3;
  }

  /** Whether the frame counter is suppressed (security control bit 5). */
  get frameCounterSuppressed(): boolean {
    return this.securityControl >= 0 && (this.securityControl & 0x20) !== 0;
  }

  /** The length of the key source of the key identifier mode (0, 4 or 8). */
  get keySourceLength(): number {
    return KEY_SOURCE_LENGTHS[this.keyIdMode]!;
  }

  /** The length of the MIC at the end of the frame, by the security level. */
  get micLength(): number {
    return MIC_LENGTHS[this.securityLevel]!;
  }

  /**
   * The byte at `at`.
   *
   * @param at Where it is.
   * @returns The value, or -1 when it was not captured.
   */
  u8(at: number): number {
    return at >= this.offset && at < this.end ? this.data[at]! : -1;
  }

  /**
   * The little-endian unsigned integer of `size` bytes (1 to 6) at `at`.
   *
   * @param at Where it starts.
   * @param size How many bytes.
   * @returns The value, or -1 when its bytes were not captured.
   */
  le(at: number, size: number): number {
    if (at < this.offset || at + size > this.end) return -1;
    let value = 0;
    for (let i = size - 1; i >= 0; i--) value = value * 256 + this.data[at + i]!;
    return value;
  }

  /** Returns the frame's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    const json: Record<string, unknown> = {
      frameControl: this.frameControl,
      frameType: this.frameType,
      frameVersion: this.frameVersion,
      fcsLength: this.fcsLength,
    };
    if (this.sequenceAt >= 0) json.sequence = this.sequence;
    if (this.dstPanAt >= 0) json.dstPan = this.le(this.dstPanAt, 2);
    if (this.srcPanAt >= 0) json.srcPan = this.le(this.srcPanAt, 2);
    if (this.securityControl >= 0) json.securityControl = this.securityControl;
    if (this.payloadAt >= 0) json.payloadAt = this.payloadAt - this.offset;
    if (this.partial) json.partial = true;
    return json;
  }

  /** Nothing: tcpdump prints no protocol above the MAC (6LoWPAN, ZigBee). */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }
}

/**
 * Creates {@linkcode Ieee802154} layers; the registry entry for link types 195 and 230.
 *
 * @example Create a layer
 * ```ts
 * import { ieee802154Decoder } from "./ieee802154.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(ieee802154Decoder.create().kind, "ieee802154");
 * ```
 */
export const ieee802154Decoder: ProtocolDescriptor<Ieee802154> = defineProtocol({
  kind: "ieee802154",
  name: "IEEE 802.15.4",
  tcpdumpName: "802.15.4",
  create: () => new Ieee802154(),
  bindings: { linkTypes: [LinkType.IEEE802_15_4_WITHFCS, LinkType.IEEE802_15_4_NOFCS] },
});

/**
 * Decodes an IEEE 802.15.4 frame.
 *
 * @param data The bytes.
 * @param offset Where the frame starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When the MAC header is cut or an addressing mode is reserved.
 *
 * @example Reject a truncated frame control
 * ```ts
 * import { decodeIeee802154 } from "./ieee802154.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeIeee802154(new Uint8Array([0x41])), {
 *   message: "Cannot decode IEEE 802.15.4 header: 2 bytes required, received 1",
 * });
 * ```
 */
export function decodeIeee802154(data: Uint8Array, offset = 0): Ieee802154 {
  return decodeOne(new Ieee802154(), data, offset);
}
