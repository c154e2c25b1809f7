/**
 * SIP (RFC 3261) over UDP, read as tcpdump reads a text protocol: the request method or
 * the status code, and the message's lines.
 *
 * @module
 */

import type { DecodeError } from "../errors.ts";
import { decodeOne } from "../_decode_one.ts";
import { beginMessage } from "./_wire_length.ts";
import { readTextLines, readToken, type TextLines } from "./_text.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";

export type { TextEnd, TextLine, TextLines } from "./_text.ts";

/** The request methods that tcpdump recognizes in SIP. */
export const SIP_METHODS: readonly string[] = [
  "ACK",
  "BYE",
  "CANCEL",
  "DO",
  "INFO",
  "INVITE",
  "MESSAGE",
  "NOTIFY",
  "OPTIONS",
  "PRACK",
  "QAUTH",
  "REFER",
  "REGISTER",
  "SPRACK",
  "SUBSCRIBE",
  "UPDATE",
  "PUBLISH",
];

/**
 * A SIP message. `method` is set for a request whose first token is a known method,
 * `statusCode` for a response (a three-digit second token); a message with neither is
 * not recognized (tcpdump prints only the protocol's name).
 *
 * @example Decode a request line
 * ```ts
 * import { decodeSip } from "./sip.ts";
 * import assert from "node:assert/strict";
 *
 * const sip = decodeSip(new TextEncoder().encode("OPTIONS sip:a@b SIP/2.0\r\nVia: x\r\n\r\n"));
 * assert.equal(sip.method, "OPTIONS");
 * assert.equal(sip.recognized, true);
 * assert.equal(sip.lines().lines.length, 3);
 * ```
 */
export class Sip extends LayerBase {
  /** The discriminant. */
  readonly kind = "sip" as const;
  /** The request method (upper case), or `undefined`. */
  method: string | undefined = undefined;
  /** The status code of a response, or `undefined`. */
  statusCode: number | undefined = undefined;
  /** The message length the transport declares (the captured bytes may be fewer). */
  wireLength = 0;

  /** Whether it starts like a SIP request or response. */
  get recognized(): boolean {
    return this.method !== undefined || this.statusCode !== undefined;
  }

  /**
   * The message's lines, as far as they are printable text.
   *
   * @param limit The most lines to read.
   */
  lines(limit = Infinity): TextLines {
    return readTextLines(this.data, this.offset, this.wireLength, this.end, limit);
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
    this.headerLength = 0;
    this.method = undefined;
    this.statusCode = undefined;
    const messageEnd = offset + this.wireLength;
    const first = readToken(data, offset, messageEnd, end);
    if (first === undefined) return undefined;
    const upper = first.token.toUpperCase();
    if (SIP_METHODS.includes(upper)) this.method = upper;
    const second = readToken(data, first.next, messageEnd, end);
    if (second !== undefined && /^[0-9]{3}$/.test(second.token)) {
      this.statusCode = Number(second.token);
    }
    return undefined;
  }

  /** Picks the decoder of the payload from the context's tables. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return { method: this.method, statusCode: this.statusCode };
  }
}

/**
 * Creates {@linkcode Sip} layers; the registry entry for UDP port 5060.
 *
 * @example Create a SIP layer
 * ```ts
 * import { sipDecoder } from "./sip.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(sipDecoder.create().kind, "sip");
 * ```
 */
export const sipDecoder: ProtocolDescriptor<Sip> = defineProtocol({
  kind: "sip",
  name: "SIP",
  tcpdumpName: "sip",
  create: () => new Sip(),
  bindings: { udpPorts: [5060] },
});

/**
 * Decodes a SIP message.
 *
 * @param data The bytes.
 * @param offset Where the message starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When no byte remains.
 *
 * @example Decode a status line
 * ```ts
 * import { decodeSip } from "./sip.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(decodeSip(new TextEncoder().encode("SIP/2.0 200 OK\r\n")).statusCode, 200);
 * ```
 */
export function decodeSip(data: Uint8Array, offset = 0): Sip {
  return decodeOne(new Sip(), data, offset);
}
