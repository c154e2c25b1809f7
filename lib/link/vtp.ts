/**
 * Cisco's VLAN Trunking Protocol (VTP), carried in SNAP frames (OUI `00-00-0c`, protocol
 * `0x2003`): a 36-byte header (version, message code, a byte whose meaning the code gives,
 * the management domain's name), then the message.
 *
 * @module
 */

import type { DecodeError } from "../errors.ts";
import { formatIpv4 } from "../address.ts";
import { readCString, readUint16, readUint32 } from "../_bytes.ts";
import { encodeHex } from "../_hex.ts";
import { beginPartialHeader } from "../_begin_layer.ts";
import { decodeOne } from "../_decode_one.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";

/**
 * VTP message codes.
 *
 * @example Tell a summary advertisement
 * ```ts
 * import { VtpCode } from "./vtp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(VtpCode.SUMMARY_ADVERTISEMENT, 1);
 * ```
 */
export const VtpCode = {
  /** The domain's configuration revision and digest. */
  SUMMARY_ADVERTISEMENT: 1,
  /** VLAN information, one or more messages after a summary. */
  SUBSET_ADVERTISEMENT: 2,
  /** A request for advertisements from a start value. */
  ADVERTISEMENT_REQUEST: 3,
  /** A pruning join message. */
  JOIN: 4,
} as const;

/** The bytes before a message's own fields: version, code, a byte, the domain (32). */
const HEADER = 36;

/** The bytes of a VLAN information field before the VLAN's name. */
const VLAN_FIXED = 12;

/** One TLV after a VLAN's name: a type byte, a length in 16-bit words, the value. */
export interface VtpVlanTlv {
  /** Where the TLV starts in the layer's `data`. */
  readonly offset: number;
  /** The type (3 STP type, 6 pruning, 7 bridge type, 9 max STE hop count...). */
  readonly type: number;
  /** The length of the value in 16-bit words. */
  readonly length: number;
  /** The value, when the length is one word. */
  readonly value?: number;
}

/** One VLAN information field of a subset advertisement. */
export interface VtpVlanInfo {
  /** Where the field starts in the layer's `data`. */
  readonly offset: number;
  /** The field's length in bytes. */
  readonly length: number;
  /** 0: operational, 1: suspended. */
  readonly status: number;
  /** 1 Ethernet, 2 FDDI, 3 TrCRF, 4 FDDI-net, 5 TrBRF. */
  readonly type: number;
  /** The length of the VLAN's name in bytes (the name is padded to 4-byte words). */
  readonly nameLength: number;
  /** The VLAN's ID. */
  readonly vlanId: number;
  /** The VLAN's MTU. */
  readonly mtu: number;
  /** The 802.10 SAID. */
  readonly said: number;
  /** The TLVs after the name. */
  readonly tlvs: readonly VtpVlanTlv[];
  /**
   * Why the field's walk stopped early: `"name"`, its length leaves no room for the padded
   * name; `"tlv-short"`, one byte left for a TLV; `"tlv-past-end"`, the last TLV runs past
   * the field; `"tlv-length"`, the last TLV's value is not one word.
   */
  readonly problem?: "name" | "tlv-short" | "tlv-past-end" | "tlv-length";
}

/** The VLAN information fields of a subset advertisement, and what ended their walk. */
export interface VtpVlanList {
  /** The fields; the last one may carry a `problem`. */
  readonly vlans: readonly VtpVlanInfo[];
  /**
   * `"truncated"`: the capture ends inside a field (or before its length byte);
   * `"short"`: a field's length is below its 12 fixed bytes.
   */
  readonly problem?: "truncated" | "short";
}

/**
 * A VTP message. The header's fields are decoded; a message's own fields are read by the
 * getters, which return `undefined` for a field of another code or one not captured.
 *
 * @example Decode an advertisement request
 * ```ts
 * import { decodeVtp, VtpCode } from "./vtp.ts";
 * import assert from "node:assert/strict";
 *
 * const bytes = new Uint8Array(40);
 * bytes.set([1, 3, 0, 5, 0x63, 0x69, 0x73, 0x63, 0x6f]);
 * bytes.set([0, 0, 0, 1], 36);
 * const vtp = decodeVtp(bytes);
 * assert.equal(vtp.code, VtpCode.ADVERTISEMENT_REQUEST);
 * assert.equal(vtp.domainName, "cisco");
 * assert.equal(vtp.startValue, 1);
 * ```
 */
export class Vtp extends LayerBase {
  /** The discriminant. */
  readonly kind = "vtp" as const;
  /** The version (1 to 3). */
  version = 0;
  /** The message code (see {@linkcode VtpCode}). */
  code = 0;
  /**
   * The third byte: the followers of a summary advertisement, the sequence number of a
   * subset advertisement, reserved in the others.
   */
  headerByte = 0;
  /** The length of the management domain's name (at most 32 in a valid message). */
  domainNameLength = 0;
  /** Fewer than the header's 36 bytes were captured: only the layer's place is known. */
  partial = false;

  /** The management domain's name: up to its length, or to a NUL before it. */
  get domainName(): string {
    return readCString(this.data, this.offset + 4, Math.min(this.domainNameLength, 32));
  }

  /** The configuration revision of a summary or subset advertisement. */
  get configRevision(): number | undefined {
    if (this.code !== 1 && this.code !== 2) return undefined;
    return this.#word(HEADER);
  }

  /** The address of the switch that last updated the configuration (summary). */
  get updaterIdentity(): string | undefined {
    if (this.code !== 1 || !this.#has(HEADER + 4, 4)) return undefined;
    return formatIpv4(this.data, this.offset + HEADER + 4);
  }

  /** The update timestamp's 12 bytes (summary; ASCII digits, `yymmddhhmmss`). */
  get updateTimestamp(): Uint8Array | undefined {
    if (this.code !== 1 || !this.#has(HEADER + 8, 12)) return undefined;
    const start = this.offset + HEADER + 8;
    return this.data.subarray(start, start + 12);
  }

  /** The MD5 digest's 16 bytes (summary). */
  get md5Digest(): Uint8Array | undefined {
    if (this.code !== 1 || !this.#has(HEADER + 20, 16)) return undefined;
    const start = this.offset + HEADER + 20;
    return this.data.subarray(start, start + 16);
  }

  /** The start value of an advertisement request. */
  get startValue(): number | undefined {
    return this.code === 3 ? this.#word(HEADER) : undefined;
  }

  /**
   * Decodes the header at `offset`, returning the error instead of throwing. A message
   * shorter than its header is kept as a partial layer (`partial`, all fields 0), as
   * tcpdump prints one: its printer tells an invalid length from a capture cut short.
   */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    _context: DecodeContext,
  ): DecodeError | undefined {
    const error = beginPartialHeader(this, data, offset, end, HEADER);
    if (error !== undefined) {
      this.version =
        this.code =
        this.headerByte =
        this.domainNameLength =
          0;
      return error;
    }
    this.version = data[offset]!;
    this.code = data[offset + 1]!;
    this.headerByte = data[offset + 2]!;
    this.domainNameLength = data[offset + 3]!;
    return undefined;
  }

  /** Picks the decoder of the payload from the context's tables. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /**
   * Walks the VLAN information fields of a subset advertisement, as tcpdump does: from
   * byte 40 while within `length` bytes of the message, up to a field of length 0.
   *
   * @param length The message's length (on the wire; by default the bytes captured).
   * @returns The fields, and why the walk stopped early if it did.
   */
  vlanList(length: number = this.end - this.offset): VtpVlanList {
    const d = this.data;
    const vlans: VtpVlanInfo[] = [];
    let at = this.offset + HEADER + 4;
    while (at - this.offset < length) {
      if (at >= this.end) return { vlans, problem: "truncated" };
      const size = d[at]!;
      if (size === 0) break;
      if (at + size > this.end) return { vlans, problem: "truncated" };
      if (size < VLAN_FIXED) return { vlans, problem: "short" };
      const info = vlanInfo(d, at, size);
      vlans.push(info);
      if (info.problem !== undefined) break;
      at += size;
    }
    return { vlans };
  }

  /** Returns the header's fields, and those of its message, as a plain object. */
  toJSON(): Record<string, unknown> {
    if (this.partial) return { partial: true };
    const json: Record<string, unknown> = {
      version: this.version,
      code: this.code,
      headerByte: this.headerByte,
      domainNameLength: this.domainNameLength,
      domainName: this.domainName,
    };
    const fields = {
      configRevision: this.configRevision,
      updaterIdentity: this.updaterIdentity,
      updateTimestamp: this.updateTimestamp && encodeHex(this.updateTimestamp),
      md5Digest: this.md5Digest && encodeHex(this.md5Digest),
      startValue: this.startValue,
    };
    for (const [name, value] of Object.entries(fields)) if (value !== undefined) json[name] = value;
    if (this.code === 2) json.vlans = this.vlanList().vlans;
    return json;
  }

  /** Whether `length` bytes at `at` (from the header's start) were captured. */
  #has(at: number, length: number): boolean {
    return this.offset + at + length <= this.end;
  }

  /** The 32-bit word at `at` from the header's start, if captured. */
  #word(at: number): number | undefined {
    return this.#has(at, 4) ? readUint32(this.data, this.offset + at) : undefined;
  }
}

/** One VLAN information field of `size` captured bytes at `at`, and its TLVs. */
function vlanInfo(d: Uint8Array, at: number, size: number): VtpVlanInfo {
  const nameLength = d[at + 3]!;
  const fields = {
    offset: at,
    length: size,
    status: d[at + 1]!,
    type: d[at + 2]!,
    nameLength,
    vlanId: readUint16(d, at + 4),
    mtu: readUint16(d, at + 6),
    said: readUint32(d, at + 8),
  };
  const tlvs: VtpVlanTlv[] = [];
  const padded = 4 * Math.ceil(nameLength / 4);
  let left = size - VLAN_FIXED;
  if (left < padded) return { ...fields, tlvs, problem: "name" };
  left -= padded;
  let p = at + VLAN_FIXED + padded;
  while (left > 0) {
    if (left < 2) return { ...fields, tlvs, problem: "tlv-short" };
    const type = d[p]!;
    const length = d[p + 1]!;
    if (left < 2 + 2 * length) {
      tlvs.push({ offset: p, type, length });
      return { ...fields, tlvs, problem: "tlv-past-end" };
    }
    if (length !== 1) {
      tlvs.push({ offset: p, type, length });
      return { ...fields, tlvs, problem: "tlv-length" };
    }
    tlvs.push({ offset: p, type, length, value: (d[p + 2]! << 8) | d[p + 3]! });
    left -= 2 + 2 * length;
    p += 2 + 2 * length;
  }
  return { ...fields, tlvs };
}

/**
 * Creates {@linkcode Vtp} layers; LLC picks it for SNAP with Cisco's OUI and protocol
 * `0x2003`.
 *
 * @example Create a VTP layer
 * ```ts
 * import { vtpDecoder } from "./vtp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(vtpDecoder.create().kind, "vtp");
 * ```
 */
export const vtpDecoder: ProtocolDescriptor<Vtp> = defineProtocol({
  kind: "vtp",
  name: "VTP",
  tcpdumpName: "vtp",
  create: () => new Vtp(),
  bindings: {},
});

/**
 * Decodes a VTP message.
 *
 * @param data The bytes.
 * @param offset Where the message starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When fewer than the header's 36 bytes remain (the layer is then
 * partial: {@linkcode decode} keeps it, with the error).
 *
 * @example Reject a short message
 * ```ts
 * import { decodeVtp } from "./vtp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeVtp(new Uint8Array(20)), {
 *   message: "Cannot decode VTP header: 36 bytes required, received 20",
 * });
 * ```
 */
export function decodeVtp(data: Uint8Array, offset = 0): Vtp {
  return decodeOne(new Vtp(), data, offset);
}
