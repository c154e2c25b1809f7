/**
 * TFTP (RFC 1350, with the options of RFC 2347) over UDP port 69: the requests that open
 * a transfer (later packets use other ports and stay plain UDP, as in tcpdump).
 *
 * @module
 */

import type { DecodeError } from "../errors.ts";
import { decodeOne } from "../_decode_one.ts";
import { beginMessage } from "./_wire_length.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";
import { latin1 } from "../_bytes.ts";

/** TFTP opcodes. */
export const TftpOpcode = {
  RRQ: 1,
  WRQ: 2,
  DATA: 3,
  ACK: 4,
  ERROR: 5,
  OACK: 6,
} as const;

/** One NUL-terminated string: bytes `[start, end)`; `terminated` false when cut. */
export interface TftpString {
  /** Offset of the first byte. */
  readonly start: number;
  /** Offset of the NUL (or where the bytes ran out). */
  readonly end: number;
  /** Whether the NUL was found within the message and the captured bytes. */
  readonly terminated: boolean;
}

/**
 * A TFTP packet. `opcode` is `undefined` when fewer than 2 bytes are there; `block` (DATA,
 * ACK) and `errorCode` (ERROR) are `undefined` when not captured.
 *
 * @example Decode a read request
 * ```ts
 * import { decodeTftp } from "./tftp.ts";
 * import assert from "node:assert/strict";
 *
 * const tftp = decodeTftp(new TextEncoder().encode("\0\x01file1\0octet\0"));
 * assert.equal(tftp.opcode, 1);
 * assert.deepEqual(tftp.strings().map((s) => tftp.text(s)), ["file1", "octet"]);
 * ```
 */
export class Tftp extends LayerBase {
  /** The discriminant. */
  readonly kind = "tftp" as const;
  /** The opcode (see {@linkcode TftpOpcode}). */
  opcode: number | undefined = undefined;
  /** The block number of DATA and ACK. */
  block: number | undefined = undefined;
  /** The error code of ERROR. */
  errorCode: number | undefined = undefined;
  /** The message length the transport declares (the captured bytes may be fewer). */
  wireLength = 0;

  /**
   * The NUL-terminated strings after the opcode (RRQ/WRQ: file name, mode and options;
   * OACK: options; ERROR: the message after the code), up to the message's end; the last
   * one is unterminated when the message or the capture ends inside it.
   */
  strings(): TftpString[] {
    const strings: TftpString[] = [];
    const skip = this.opcode === TftpOpcode.ERROR ? 4 : 2;
    const end = this.offset + this.wireLength;
    let at = this.offset + skip;
    while (at < end) {
      const start = at;
      while (at < end && at < this.end && this.data[at] !== 0) at++;
      if (at >= end || at >= this.end) {
        strings.push({ start, end: at, terminated: false });
        break;
      }
      strings.push({ start, end: at, terminated: true });
      at++;
    }
    return strings;
  }

  /** A string's bytes as Latin-1 text. */
  text(s: TftpString): string {
    return latin1(this.data, s.start, s.end);
  }

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    context: DecodeContext,
  ): DecodeError | undefined {
    const error = beginMessage(this, data, offset, end, context);
    if (error !== undefined) return error;
    const available = Math.min(end - offset, this.wireLength);
    this.opcode = available >= 2 ? (data[offset]! << 8) | data[offset + 1]! : undefined;
    this.headerLength = available >= 2 ? 2 : 0;
    const word = available >= 4 ? (data[offset + 2]! << 8) | data[offset + 3]! : undefined;
    this.block = this.opcode === 3 || this.opcode === 4 ? word : undefined;
    this.errorCode = this.opcode === 5 ? word : undefined;
    return undefined;
  }

  /** Picks the decoder of the payload from the context's tables. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return {
      opcode: this.opcode,
      block: this.block,
      errorCode: this.errorCode,
      strings: this.strings().map((s) => this.text(s)),
    };
  }
}

/**
 * Creates {@linkcode Tftp} layers; the registry entry for UDP port 69.
 *
 * @example Create a TFTP layer
 * ```ts
 * import { tftpDecoder } from "./tftp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(tftpDecoder.create().kind, "tftp");
 * ```
 */
export const tftpDecoder: ProtocolDescriptor<Tftp> = defineProtocol({
  kind: "tftp",
  name: "TFTP",
  tcpdumpName: "tftp",
  create: () => new Tftp(),
  bindings: { udpPorts: [69] },
});

/**
 * Decodes a TFTP packet.
 *
 * @param data The bytes.
 * @param offset Where the packet starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When no byte remains.
 *
 * @example Decode an acknowledgment
 * ```ts
 * import { decodeTftp } from "./tftp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(decodeTftp(new Uint8Array([0, 4, 0, 7])).block, 7);
 * ```
 */
export function decodeTftp(data: Uint8Array, offset = 0): Tftp {
  return decodeOne(new Tftp(), data, offset);
}
