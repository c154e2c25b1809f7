/**
 * The Realtek layer 2 protocols of EtherType `0x8899`, as tcpdump's rtl_print() tells them
 * apart by their first byte: the Realtek Remote Control Protocol (RRCP: hello, get and set
 * of a switch's registers, queries and replies), the Realtek Echo Protocol (REP), the
 * Realtek Loop Detection Protocol (RLDP, two values) and the switch tags of some Realtek
 * chips. RRCP's multi-byte fields mix byte orders: the register address and data are
 * little-endian, the authentication key, cookies, vendor and chip ids big-endian.
 *
 * @module
 */

import type { DecodeError } from "../errors.ts";
import { formatMac } from "../address.ts";
import { readUint16, readUint16Le, readUint32, readUint32Le } from "../_bytes.ts";
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
 * The protocols the first byte names (tcpdump's `RTL_PROTOCOL_*`).
 *
 * @example Tell an RLDP frame by its first byte
 * ```ts
 * import { decodeRealtek, RealtekProtocol } from "./realtek.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(decodeRealtek(new Uint8Array([0x23])).protocol, RealtekProtocol.RLDP2);
 * ```
 */
export const RealtekProtocol = {
  /** Realtek Remote Control Protocol. */
  RRCP: 0x01,
  /** Realtek Echo Protocol (no payload). */
  REP: 0x02,
  /** Realtek Loop Detection Protocol. */
  RLDP: 0x03,
  /** Also RLDP (the loop detection of the RTL8305NB and others). */
  RLDP2: 0x23,
  /** An 8-byte switch tag of some chips. */
  DSA: 0x04,
  /** An RTL8306 4-byte switch tag (the upper half of the byte; the lower half is data). */
  RTL8306_DSA: 0x90,
  /** An RTL8366RB 4-byte switch tag (the upper half of the byte). */
  RTL8366RB_DSA: 0xa0,
} as const;

/**
 * The RRCP opcodes (the low 7 bits of the second byte).
 *
 * @example Read a hello query's opcode
 * ```ts
 * import { decodeRealtek, RrcpOpcode } from "./realtek.ts";
 * import assert from "node:assert/strict";
 *
 * const hello = decodeRealtek(new Uint8Array([0x01, 0x00, 0x23, 0x79]));
 * assert.equal(hello.opcode, RrcpOpcode.HELLO);
 * assert.equal(hello.isReply, false);
 * ```
 */
export const RrcpOpcode = {
  /** Hello: a query for the switches, whose replies describe them. */
  HELLO: 0x00,
  /** Get a register's value. */
  GET: 0x01,
  /** Set a register's value. */
  SET: 0x02,
} as const;

/** The bit of RRCP's second byte that marks a reply from a switch. */
const RRCP_REPLY = 0x80;

/**
 * The bytes a hello reply, get or set reaches: its cookies or its vendor id end there.
 *
 * @example The length of a get's fields
 * ```ts
 * import { decodeRealtek, RRCP_LONG_LENGTH } from "./realtek.ts";
 * import assert from "node:assert/strict";
 *
 * const get = decodeRealtek(new Uint8Array(RRCP_LONG_LENGTH).fill(1));
 * assert.equal(get.headerLength, RRCP_LONG_LENGTH);
 * ```
 */
export const RRCP_LONG_LENGTH = 18;
/**
 * The bytes every other RRCP message reaches: its authentication key ends there.
 *
 * @example The length of a hello query's fields
 * ```ts
 * import { decodeRealtek, RRCP_SHORT_LENGTH } from "./realtek.ts";
 * import assert from "node:assert/strict";
 *
 * const hello = decodeRealtek(new Uint8Array([0x01, 0x00, 0x23, 0x79, 0, 0]));
 * assert.equal(hello.headerLength, RRCP_SHORT_LENGTH);
 * ```
 */
export const RRCP_SHORT_LENGTH = 4;

/**
 * A Realtek protocol message. Every field is read from the bytes when asked for and is -1
 * when it was not captured (or does not belong to the message): a message cut short of the
 * fields its type has is kept as a partial layer (`partial`), as tcpdump prints what it can.
 *
 * @example Decode an RRCP get reply
 * ```ts
 * import { decodeRealtek, RealtekProtocol, RrcpOpcode } from "./realtek.ts";
 * import assert from "node:assert/strict";
 *
 * const rrcp = decodeRealtek(new Uint8Array([
 *   0x01, 0x81, 0x23, 0x79, 0x00, 0x02, 0x78, 0x56, 0x34, 0x12,
 *   0, 0, 0, 1, 0, 0, 0, 2,
 * ]));
 * assert.equal(rrcp.protocol, RealtekProtocol.RRCP);
 * assert.equal(rrcp.opcode, RrcpOpcode.GET);
 * assert.equal(rrcp.isReply, true);
 * assert.equal(rrcp.authKey, 0x2379);
 * assert.equal(rrcp.registerAddress, 0x0200);
 * assert.equal(rrcp.registerData, 0x12345678);
 * assert.equal(rrcp.cookie1, 1);
 * assert.equal(rrcp.cookie2, 2);
 * ```
 */
export class Realtek extends LayerBase {
  /** The discriminant. */
  readonly kind = "realtek" as const;
  /** Fewer than the bytes of the message's fields were captured. */
  partial = false;

  /** The protocol byte ({@linkcode RealtekProtocol}), or -1 when not captured. */
  get protocol(): number {
    return this.#uint8(0);
  }

  /** RRCP's opcode ({@linkcode RrcpOpcode}, the low 7 bits), or -1 (not captured, not RRCP). */
  get opcode(): number {
    const byte = this.#rrcp(1, 1);
    return byte < 0 ? -1 : byte & ~RRCP_REPLY;
  }

  /** Whether the RRCP message is a reply from a switch (`false` when not captured). */
  get isReply(): boolean {
    const byte = this.#rrcp(1, 1);
    return byte >= 0 && (byte & RRCP_REPLY) !== 0;
  }

  /** RRCP's authentication key (big-endian, `0x2379` by default), or -1. */
  get authKey(): number {
    return this.#rrcp(2, 2);
  }

  /** A get or set's register address (little-endian), or -1. */
  get registerAddress(): number {
    return this.#register(4, 2, true);
  }

  /** A get or set's register data (little-endian), or -1. */
  get registerData(): number {
    return this.#register(6, 4, true);
  }

  /** A get or set's first cookie (big-endian, bytes 10 to 13), or -1. */
  get cookie1(): number {
    return this.#register(10, 4);
  }

  /** A get or set's second cookie (big-endian, bytes 14 to 17), or -1. */
  get cookie2(): number {
    return this.#register(14, 4);
  }

  /** A hello reply's downlink port, or -1. */
  get downlinkPort(): number {
    return this.#helloReply(4, 1);
  }

  /** A hello reply's uplink port, or -1. */
  get uplinkPort(): number {
    return this.#helloReply(5, 1);
  }

  /** Where a hello reply's uplink MAC address lies in `data`, or -1. */
  get uplinkMacOffset(): number {
    const at = this.offset + 6;
    return this.#isHelloReply() && at + 6 <= this.end ? at : -1;
  }

  /** A hello reply's uplink MAC address, or `""`. */
  get uplinkMac(): string {
    const at = this.uplinkMacOffset;
    return at < 0 ? "" : formatMac(this.data, at);
  }

  /** A hello reply's chip id (big-endian), or -1. */
  get chipId(): number {
    return this.#helloReply(12, 2);
  }

  /** A hello reply's vendor id (big-endian), or -1. */
  get vendorId(): number {
    return this.#helloReply(14, 4);
  }

  /** The length of the fields that the message's type and opcode give it. */
  get fieldsLength(): number {
    const protocol = this.protocol;
    if (protocol !== RealtekProtocol.RRCP) return 1;
    const opcode = this.opcode;
    if (opcode < 0) return 2;
    return opcode === RrcpOpcode.GET || opcode === RrcpOpcode.SET || this.#isHelloReply()
      ? RRCP_LONG_LENGTH
      : RRCP_SHORT_LENGTH;
  }

  /** The unsigned byte `relative` bytes in, or -1 past the capture. */
  #uint8(relative: number): number {
    const at = this.offset + relative;
    return at < this.end ? this.data[at]! : -1;
  }

  /**
   * RRCP's field of `size` bytes `relative` bytes in (big-endian unless `little`), or -1
   * when not captured or not RRCP.
   */
  #rrcp(relative: number, size: 1 | 2 | 4, little = false): number {
    const at = this.offset + relative;
    if (at + size > this.end || this.data[this.offset] !== RealtekProtocol.RRCP) return -1;
    const d = this.data;
    if (size === 1) return d[at]!;
    if (size === 2) return little ? readUint16Le(d, at) : readUint16(d, at);
    return little ? readUint32Le(d, at) : readUint32(d, at);
  }

  /** A get or set's field (the register's little-endian), or -1. */
  #register(relative: number, size: 2 | 4, little = false): number {
    const opcode = this.opcode;
    return opcode === RrcpOpcode.GET || opcode === RrcpOpcode.SET
      ? this.#rrcp(relative, size, little)
      : -1;
  }

  /** Whether the message is an RRCP hello reply. */
  #isHelloReply(): boolean {
    return this.opcode === RrcpOpcode.HELLO && this.isReply;
  }

  /** A hello reply's field, or -1. */
  #helloReply(relative: number, size: 1 | 2 | 4): number {
    return this.#isHelloReply() ? this.#rrcp(relative, size) : -1;
  }

  /**
   * Decodes the message at `offset`, returning the error instead of throwing. A message
   * shorter than its fields is kept as a partial layer.
   */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    _context: DecodeContext,
  ): DecodeError | undefined {
    this.data = data;
    this.offset = offset;
    this.end = end;
    return beginPartialHeader(this, data, offset, end, this.fieldsLength);
  }

  /** Picks the decoder of the payload: none (tcpdump prints none). */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /** Returns the captured fields as a plain object. */
  toJSON(): Record<string, unknown> {
    const fields: Record<string, unknown> = this.partial ? { partial: true } : {};
    if (this.protocol >= 0) fields.protocol = this.protocol;
    if (this.opcode >= 0) {
      fields.opcode = this.opcode;
      fields.isReply = this.isReply;
    }
    const named: Record<string, number | string> = {
      authKey: this.authKey,
      registerAddress: this.registerAddress,
      registerData: this.registerData,
      cookie1: this.cookie1,
      cookie2: this.cookie2,
      downlinkPort: this.downlinkPort,
      uplinkPort: this.uplinkPort,
      uplinkMac: this.uplinkMac,
      chipId: this.chipId,
      vendorId: this.vendorId,
    };
    for (const [name, value] of Object.entries(named)) {
      // -1 and "" mark a field not captured or not in the message.
      if (value !== -1 && value !== "") fields[name] = value;
    }
    return fields;
  }
}

/**
 * Creates {@linkcode Realtek} layers; bound to EtherType `0x8899`.
 *
 * @example Create a Realtek layer
 * ```ts
 * import { realtekDecoder } from "./realtek.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(realtekDecoder.create().kind, "realtek");
 * ```
 */
export const realtekDecoder: ProtocolDescriptor<Realtek> = defineProtocol({
  kind: "realtek",
  name: "Realtek",
  tcpdumpName: "rtl",
  create: () => new Realtek(),
  bindings: { etherTypes: [0x8899] },
});

/**
 * Decodes a Realtek protocol message.
 *
 * @param data The bytes.
 * @param offset Where it starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When fewer bytes remain than the message's fields need.
 *
 * @example Reject a truncated RRCP hello reply
 * ```ts
 * import { decodeRealtek } from "./realtek.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeRealtek(new Uint8Array([0x01, 0x80, 0x23, 0x79])), {
 *   message: "Cannot decode Realtek header: 18 bytes required, received 4",
 * });
 * ```
 */
export function decodeRealtek(data: Uint8Array, offset = 0): Realtek {
  return decodeOne(new Realtek(), data, offset);
}
