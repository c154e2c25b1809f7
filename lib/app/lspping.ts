/**
 * MPLS LSP ping and traceroute (RFC 4379, RFC 8029), UDP port 3503: a 32-byte common
 * header (version, global flags, message type, reply mode, return code and subcode,
 * sender's handle, sequence number, the sent and received NTP timestamps), then TLVs
 * (target FEC stack, downstream mapping, pad, vendor enterprise, BFD discriminator...)
 * whose values are read through {@linkcode LspPing.tlvAt} and the sub-TLV layouts of
 * `_lspping_fec.ts`.
 *
 * @module
 */

import { DecodeError } from "../errors.ts";
import { decodeOne } from "../_decode_one.ts";
import { readUint16, readUint32 } from "../_bytes.ts";
import { beginMessage, capturedEnd } from "./_wire_length.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";

/** The size of the LSP ping common header. */
export const LSPPING_HEADER_LENGTH = 32;

/** The header a capture cut reads as. */
const NO_HEADER = new Uint8Array(LSPPING_HEADER_LENGTH);

/** The LSP ping UDP port. */
export const LSPPING_PORT = 3503;

/** The TLV types with a layout of their own (RFC 4379 section 3). */
export const LspPingTlvType = {
  TARGET_FEC_STACK: 1,
  DOWNSTREAM_MAPPING: 2,
  PAD: 3,
  VENDOR_ENTERPRISE: 5,
  INTERFACE_LABEL_STACK: 7,
  ERROR_CODE: 9,
  REPLY_TOS_BYTE: 10,
  BFD_DISCRIMINATOR: 15,
  VENDOR_PRIVATE: 0xfc00,
} as const;

/** A TLV's (or sub-TLV's) 4-byte header: its type, length and where its value starts. */
export interface LspPingTlv {
  /** The type. */
  type: number;
  /** The length of the value, in bytes (the header not included). */
  length: number;
  /** Where the value starts in the layer's `data`. */
  valueAt: number;
}

/**
 * An LSP ping message: the common header's fields (zero when the capture cut the header:
 * {@linkcode LspPing.complete} says) and its TLVs' headers.
 *
 * @example Read an echo request's header
 * ```ts
 * import { decodeLspPing } from "./lspping.ts";
 * import assert from "node:assert/strict";
 *
 * const bytes = new Uint8Array(32);
 * bytes.set([0, 1, 0, 0, 1, 2]);
 * const ping = decodeLspPing(bytes);
 * assert.equal(ping.version, 1);
 * assert.equal(ping.messageType, 1);
 * assert.equal(ping.replyMode, 2);
 * ```
 */
export class LspPing extends LayerBase {
  /** The discriminant. */
  readonly kind = "lspping" as const;
  /** The version number (1). */
  version = 0;
  /** The global flags. */
  globalFlags = 0;
  /** The message type: 1 echo request, 2 echo reply. */
  messageType = 0;
  /** The reply mode. */
  replyMode = 0;
  /** The return code. */
  returnCode = 0;
  /** The return subcode (the stack depth of some return codes). */
  returnSubcode = 0;
  /** The sender's handle. */
  senderHandle = 0;
  /** The sequence number. */
  sequenceNumber = 0;
  /** The seconds of the time the request was sent (NTP, since 1900). */
  sentSeconds = 0;
  /** The fraction of a second of the sent time, in units of 2^-32 s. */
  sentFraction = 0;
  /** The seconds of the time the request was received (0 in a request). */
  receivedSeconds = 0;
  /** The fraction of a second of the received time. */
  receivedFraction = 0;
  /** Whether the 32-byte header was captured. */
  complete = false;
  /** The message's length on the wire (from the UDP and IP lengths). */
  wireLength = 0;
  /** Where the captured bytes of the IP packet end, in `data` (past the UDP length too). */
  capturedEnd = 0;

  /**
   * The TLV (or sub-TLV) header at `at`, when its 4 bytes were captured.
   *
   * @param at Where the header starts in `data`.
   * @returns Its type, length and value offset, or `undefined`.
   */
  tlvAt(at: number): LspPingTlv | undefined {
    if (at < this.offset || at + 4 > this.capturedEnd) return undefined;
    const data = this.data;
    return { type: readUint16(data, at), length: readUint16(data, at + 2), valueAt: at + 4 };
  }

  /**
   * Whether the `length` bytes at `at` were captured.
   *
   * @param at The first byte.
   * @param length How many.
   */
  has(at: number, length: number): boolean {
    return at >= this.offset && at + length <= this.capturedEnd;
  }

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    context: DecodeContext,
  ): DecodeError | undefined {
    const udp = context.transport;
    if (
      udp !== undefined && udp.kind === "udp" && udp.sourcePort !== LSPPING_PORT &&
      udp.destinationPort !== LSPPING_PORT
    ) {
      return DecodeError.malformed(this.kind, offset, 0, 0, "not on the LSP ping port");
    }
    const error = beginMessage(this, data, offset, end, context);
    if (error !== undefined) return error;
    this.capturedEnd = capturedEnd(context, end);
    this.complete = this.capturedEnd - offset >= LSPPING_HEADER_LENGTH;
    this.headerLength = Math.min(LSPPING_HEADER_LENGTH, end - offset);
    // tcpdump checks the whole header before it reads a field of it: a cut header reads as
    // zeros (the layer may be reused from an earlier packet).
    const d = this.complete ? data : NO_HEADER;
    const at = this.complete ? offset : 0;
    this.version = readUint16(d, at);
    this.globalFlags = readUint16(d, at + 2);
    this.messageType = d[at + 4]!;
    this.replyMode = d[at + 5]!;
    this.returnCode = d[at + 6]!;
    this.returnSubcode = d[at + 7]!;
    this.senderHandle = readUint32(d, at + 8);
    this.sequenceNumber = readUint32(d, at + 12);
    this.sentSeconds = readUint32(d, at + 16);
    this.sentFraction = readUint32(d, at + 20);
    this.receivedSeconds = readUint32(d, at + 24);
    this.receivedFraction = readUint32(d, at + 28);
    return undefined;
  }

  /** LSP ping carries no further layer. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return {
      version: this.version,
      globalFlags: this.globalFlags,
      messageType: this.messageType,
      replyMode: this.replyMode,
      returnCode: this.returnCode,
      returnSubcode: this.returnSubcode,
      senderHandle: this.senderHandle,
      sequenceNumber: this.sequenceNumber,
      sentSeconds: this.sentSeconds,
      sentFraction: this.sentFraction,
      receivedSeconds: this.receivedSeconds,
      receivedFraction: this.receivedFraction,
      complete: this.complete,
    };
  }
}

/**
 * Creates {@linkcode LspPing} layers; bound to UDP port 3503 (source or destination).
 *
 * @example Create an LSP ping layer
 * ```ts
 * import { lspPingDecoder } from "./lspping.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(lspPingDecoder.create().kind, "lspping");
 * ```
 */
export const lspPingDecoder: ProtocolDescriptor<LspPing> = defineProtocol({
  kind: "lspping",
  name: "LSP ping",
  tcpdumpName: "lspping",
  create: () => new LspPing(),
  bindings: { udpPorts: [LSPPING_PORT] },
});

/**
 * Decodes an LSP ping message.
 *
 * @param data The bytes.
 * @param offset Where it starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When no byte remains.
 *
 * @example Reject an empty message
 * ```ts
 * import { decodeLspPing } from "./lspping.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeLspPing(new Uint8Array(0)));
 * ```
 */
export function decodeLspPing(data: Uint8Array, offset = 0): LspPing {
  return decodeOne(new LspPing(), data, offset);
}
