/**
 * BIND 9's lightweight resolver protocol (lwres), UDP port 921: the 28-byte packet header
 * (length, version, flags, serial, opcode, result, receive length, authentication type and
 * length) and the bodies of the no-op, get-addresses-by-name, get-name-by-address and
 * get-rdata-by-name requests and responses, walked as tcpdump's lwres_print() reads them.
 *
 * @module
 */

import { readUint16, readUint32 } from "../_bytes.ts";
import { decodeOne } from "../_decode_one.ts";
import type { DecodeError } from "../errors.ts";
import { beginMessage } from "./_wire_length.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";

/** lwres opcodes. */
export const LwresOpcode = {
  NOOP: 0,
  GET_ADDRS_BY_NAME: 0x00010001,
  GET_NAME_BY_ADDR: 0x00010002,
  GET_RDATA_BY_NAME: 0x00010003,
} as const;

/** The size of the packet header. */
const HEADER_SIZE = 28;

/**
 * One field of an lwres body, in the order of the packet: `word` a fixed field (its
 * `name` says which), `name` a counted name followed by a NUL, `address` an address
 * (family, length, bytes), `binary` counted bytes.
 */
export type LwresItem =
  | { readonly type: "word"; readonly name: string; readonly value: number }
  | {
    readonly type: "name";
    /** Offset of the name's first byte in `data`. */
    readonly at: number;
    /** The name's length. */
    readonly length: number;
    /** The byte after the name is not 0; `undefined` when it was not captured. */
    readonly unterminated: boolean | undefined;
  }
  | {
    readonly type: "address";
    /** The address family (1 IPv4, 2 IPv6). */
    readonly family: number;
    /** Offset of the address bytes in `data`. */
    readonly at: number;
    /** The address length field. */
    readonly length: number;
  }
  | {
    readonly type: "binary";
    /** Offset of the bytes in `data`. */
    readonly at: number;
    /** The length field. */
    readonly length: number;
  };

/** The body of an lwres packet, as far as it was read. */
export interface LwresBody {
  /** The fields, in order. */
  readonly items: readonly LwresItem[];
  /**
   * How the walk ended: `"done"`, `"truncated"` (the captured bytes ended: the last item
   * may be cut), `"invalid"` (an IPv4 or IPv6 address shorter than its family's size).
   */
  readonly end: "done" | "truncated" | "invalid";
  /** Bytes from the packet's start to the end of the body read (0 when unknown). */
  readonly consumed: number;
  /** The opcode has no known body (for version 0). */
  readonly unsupported: boolean;
}

/**
 * An lwres packet.
 *
 * @example Decode a no-op request header
 * ```ts
 * import { decodeLwres } from "./lwres.ts";
 * import assert from "node:assert/strict";
 *
 * const header = new Uint8Array(28);
 * header[3] = 28;
 * header[11] = 7;
 * const lwres = decodeLwres(header);
 * assert.equal(lwres.length, 28);
 * assert.equal(lwres.serial, 7);
 * assert.equal(lwres.isResponse, false);
 * assert.equal(lwres.body().unsupported, false);
 * ```
 */
export class Lwres extends LayerBase {
  /** The discriminant. */
  readonly kind = "lwres" as const;
  /** The length field (the whole packet's). */
  length = 0;
  /** The version (0). */
  version = 0;
  /** The packet flags (0x0001: response). */
  flags = 0;
  /** The serial number. */
  serial = 0;
  /** The opcode ({@linkcode LwresOpcode}). */
  opcode = 0;
  /** The result code. */
  result = 0;
  /** The receive length. */
  receiveLength = 0;
  /** The authentication type. */
  authType = 0;
  /** The authentication length. */
  authLength = 0;
  /** The datagram's length on the wire (the UDP payload's). */
  wireLength = 0;

  /** Whether the packet is a response. */
  get isResponse(): boolean {
    return (this.flags & 1) !== 0;
  }

  /**
   * The body's fields, read as tcpdump's lwres_print() reads them (version 0 only).
   *
   * @returns The fields and how the walk ended.
   */
  body(): LwresBody {
    return new BodyWalk(this).run();
  }

  /** Decodes the packet header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    context: DecodeContext,
  ): DecodeError | undefined {
    const error = beginMessage(this, data, offset, end, context, HEADER_SIZE);
    if (error !== undefined) return error;
    this.headerLength = HEADER_SIZE;
    this.length = readUint32(data, offset);
    this.version = readUint16(data, offset + 4);
    this.flags = readUint16(data, offset + 6);
    this.serial = readUint32(data, offset + 8);
    this.opcode = readUint32(data, offset + 12);
    this.result = readUint32(data, offset + 16);
    this.receiveLength = readUint32(data, offset + 20);
    this.authType = readUint16(data, offset + 24);
    this.authLength = readUint16(data, offset + 26);
    return undefined;
  }

  /** lwres carries no further layer. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return {
      length: this.length,
      version: this.version,
      flags: this.flags,
      serial: this.serial,
      opcode: this.opcode,
      result: this.result,
      receiveLength: this.receiveLength,
      authType: this.authType,
      authLength: this.authLength,
    };
  }
}

/** Signals that the captured bytes ended (tcpdump's longjmp out of a GET_ macro). */
const CUT = Symbol("cut");

/** One walk over a body: a cursor `at` and the items read so far. */
class BodyWalk {
  readonly items: LwresItem[] = [];
  at: number;

  constructor(readonly lwres: Lwres) {
    this.at = lwres.offset + HEADER_SIZE;
  }

  run(): LwresBody {
    const { lwres } = this;
    // tcpdump skips the body of another version, to the end its length field says.
    if (lwres.version !== 0) {
      return { items: [], end: "done", consumed: lwres.length, unsupported: false };
    }
    try {
      const ok = lwres.isResponse ? this.response() : this.request();
      if (ok === undefined) return this.result("done", true);
      return this.result(ok ? "done" : "invalid", false);
    } catch (error) {
      if (error !== CUT) throw error;
      return this.result("truncated", false);
    }
  }

  result(end: LwresBody["end"], unsupported: boolean): LwresBody {
    const consumed = end === "done" ? this.at - this.lwres.offset : 0;
    return { items: this.items, end, consumed, unsupported };
  }

  /** Checks that `size` bytes at `at` were captured. */
  need(at: number, size: number): void {
    if (at + size > this.lwres.end) throw CUT;
  }

  u16(at: number): number {
    this.need(at, 2);
    return readUint16(this.lwres.data, at);
  }

  word(name: string, at: number, size: 2 | 4): void {
    this.need(at, size);
    const d = this.lwres.data;
    this.items.push({
      type: "word",
      name,
      value: size === 2 ? readUint16(d, at) : readUint32(d, at),
    });
  }

  /** A name of `length` bytes at `at` and its NUL. */
  name(at: number, length: number): void {
    const end = this.lwres.end;
    const unterminated = at + length < end ? this.lwres.data[at + length] !== 0 : undefined;
    this.items.push({ type: "name", at, length, unterminated });
    if (unterminated === undefined) throw CUT;
    this.at = at + length + 1;
  }

  /** A name after its 2-byte length. */
  countedName(): void {
    const length = this.u16(this.at);
    this.name(this.at + 2, length);
  }

  /** Counted bytes (each read as it is printed). */
  binary(): void {
    const length = this.u16(this.at);
    this.items.push({ type: "binary", at: this.at + 2, length });
    this.need(this.at + 2, length);
    this.at += 2 + length;
  }

  /** An address: `false` when an IPv4 or IPv6 address is too short. */
  address(): boolean {
    const length = this.u16(this.at + 4);
    this.need(this.at + 6, length);
    const family = readUint32(this.lwres.data, this.at);
    if ((family === 1 && length < 4) || (family === 2 && length < 16)) return false;
    this.items.push({ type: "address", family, at: this.at + 6, length });
    this.at += 6 + (family === 1 ? 4 : family === 2 ? 16 : length);
    return true;
  }

  /** A request's body: `undefined` for an unknown opcode, `false` for a bad address. */
  request(): boolean | undefined {
    const p = this.at;
    switch (this.lwres.opcode) {
      case LwresOpcode.NOOP:
        return true;
      case LwresOpcode.GET_ADDRS_BY_NAME:
        this.need(p, 10);
        this.word("flags", p, 4);
        this.word("addrtypes", p + 4, 4);
        this.name(p + 10, this.u16(p + 8));
        return true;
      case LwresOpcode.GET_NAME_BY_ADDR:
        this.need(p, 4);
        this.word("flags", p, 4);
        this.at = p + 4;
        return this.address();
      case LwresOpcode.GET_RDATA_BY_NAME:
        this.need(p, 10);
        this.word("flags", p, 4);
        this.word("rdtype", p + 6, 2);
        this.word("rdclass", p + 4, 2);
        this.name(p + 10, this.u16(p + 8));
        return true;
      default:
        return undefined;
    }
  }

  /** A response's body: `undefined` for an unknown opcode, `false` for a bad address. */
  response(): boolean | undefined {
    const p = this.at;
    switch (this.lwres.opcode) {
      case LwresOpcode.NOOP:
        return true;
      case LwresOpcode.GET_ADDRS_BY_NAME: {
        this.need(p, 10);
        this.word("flags", p, 4);
        this.word("naliases", p + 4, 2);
        this.word("naddrs", p + 6, 2);
        this.name(p + 10, this.u16(p + 8));
        for (let i = readUint16(this.lwres.data, p + 4); i > 0; i--) this.countedName();
        for (let i = readUint16(this.lwres.data, p + 6); i > 0; i--) {
          if (!this.address()) return false;
        }
        return true;
      }
      case LwresOpcode.GET_NAME_BY_ADDR:
        this.need(p, 8);
        this.word("flags", p, 4);
        this.word("naliases", p + 4, 2);
        this.name(p + 8, this.u16(p + 6));
        for (let i = readUint16(this.lwres.data, p + 4); i > 0; i--) this.countedName();
        return true;
      case LwresOpcode.GET_RDATA_BY_NAME: {
        this.need(p, 16);
        this.word("flags", p, 4);
        this.word("rdtype", p + 6, 2);
        this.word("rdclass", p + 4, 2);
        this.word("ttl", p + 8, 4);
        this.word("nrdatas", p + 12, 2);
        this.word("nsigs", p + 14, 2);
        this.at = p + 16;
        this.countedName();
        const count = readUint16(this.lwres.data, p + 12) + readUint16(this.lwres.data, p + 14);
        for (let i = 0; i < count; i++) this.binary();
        return true;
      }
      default:
        return undefined;
    }
  }
}

/**
 * Creates {@linkcode Lwres} layers; the registry entry for UDP port 921.
 *
 * @example Create an lwres layer
 * ```ts
 * import { lwresDecoder } from "./lwres.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(lwresDecoder.create().kind, "lwres");
 * ```
 */
export const lwresDecoder: ProtocolDescriptor<Lwres> = defineProtocol({
  kind: "lwres",
  name: "lwres",
  tcpdumpName: "lwres",
  create: () => new Lwres(),
  bindings: { udpPorts: [921] },
});

/**
 * Decodes an lwres packet header.
 *
 * @param data The bytes.
 * @param offset Where the packet starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When the 28-byte header is cut short.
 *
 * @example Reject a cut-off header
 * ```ts
 * import { decodeLwres } from "./lwres.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeLwres(new Uint8Array(20)), {
 *   message: "Cannot decode lwres header: 28 bytes required, received 20",
 * });
 * ```
 */
export function decodeLwres(data: Uint8Array, offset = 0): Lwres {
  return decodeOne(new Lwres(), data, offset);
}
