/**
 * The control messages of the Point-to-Point Tunneling Protocol (PPTP, RFC 2637) on TCP
 * port 1723: a 12-byte header (length, message type, magic cookie, control message type),
 * then the fields of one of 15 control messages. (PPTP's data travels in GRE, decoded by
 * `lib/net/gre.ts`.)
 *
 * @module
 */

import { DecodeError } from "../errors.ts";
import { readCString, readUintN } from "../_bytes.ts";
import { beginLayer } from "../_begin_layer.ts";
import { decodeOne } from "../_decode_one.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";

/**
 * PPTP control message types (RFC 2637 section 2).
 *
 * @example Tell a Start-Control-Connection-Request
 * ```ts
 * import { PptpControlMessage } from "./pptp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(PptpControlMessage.SCCRQ, 1);
 * ```
 */
export const PptpControlMessage = {
  /** Start-Control-Connection-Request. */
  SCCRQ: 1,
  /** Start-Control-Connection-Reply. */
  SCCRP: 2,
  /** Stop-Control-Connection-Request. */
  STOP_CCRQ: 3,
  /** Stop-Control-Connection-Reply. */
  STOP_CCRP: 4,
  /** Echo-Request. */
  ECHO_REQUEST: 5,
  /** Echo-Reply. */
  ECHO_REPLY: 6,
  /** Outgoing-Call-Request. */
  OCRQ: 7,
  /** Outgoing-Call-Reply. */
  OCRP: 8,
  /** Incoming-Call-Request. */
  ICRQ: 9,
  /** Incoming-Call-Reply. */
  ICRP: 10,
  /** Incoming-Call-Connected. */
  ICCN: 11,
  /** Call-Clear-Request. */
  CCRQ: 12,
  /** Call-Disconnect-Notify. */
  CDN: 13,
  /** WAN-Error-Notify. */
  WEN: 14,
  /** Set-Link-Info. */
  SLI: 15,
} as const;

/** The magic cookie of every PPTP message. */
export const PPTP_MAGIC_COOKIE = 0x1a2b3c4d;

/** The header's bytes: length, message type, magic cookie, control type, reserved. */
const HEADER = 12;

/** A field's encoding: an unsigned number of 1, 2 or 4 bytes, or text padded with NULs. */
type FieldKind = 1 | 2 | 4 | "text";

/** The name, offset after the header, and encoding of a message's field. */
type FieldSpec = readonly [name: string, at: number, kind: FieldKind, size?: number];

const CONNECTION: readonly FieldSpec[] = [
  ["framingCapabilities", 4, 4],
  ["bearerCapabilities", 8, 4],
  ["maximumChannels", 12, 2],
  ["firmwareRevision", 14, 2],
  ["hostName", 16, "text", 64],
  ["vendor", 80, "text", 64],
];

/** Each control message's fields, in the order of the message (tcpdump prints them so). */
const MESSAGES: ReadonlyMap<number, readonly FieldSpec[]> = new Map([
  [1, [["protocolVersion", 0, 2], ["reserved", 2, 2], ...CONNECTION]],
  [2, [["protocolVersion", 0, 2], ["resultCode", 2, 1], ["errorCode", 3, 1], ...CONNECTION]],
  [3, [["reason", 0, 1], ["reserved", 1, 1], ["reserved", 2, 2]]],
  [4, [["resultCode", 0, 1], ["errorCode", 1, 1], ["reserved", 2, 2]]],
  [5, [["identifier", 0, 4]]],
  [6, [["identifier", 0, 4], ["resultCode", 4, 1], ["errorCode", 5, 1], ["reserved", 6, 2]]],
  [7, [
    ["callId", 0, 2],
    ["callSerialNumber", 2, 2],
    ["minimumBps", 4, 4],
    ["maximumBps", 8, 4],
    ["bearerType", 12, 4],
    ["framingType", 16, 4],
    ["receiveWindowSize", 20, 2],
    ["processingDelay", 22, 2],
    ["phoneNumberLength", 24, 2],
    ["reserved", 26, 2],
    ["phoneNumber", 28, "text", 64],
    ["subaddress", 92, "text", 64],
  ]],
  [8, [
    ["callId", 0, 2],
    ["peerCallId", 2, 2],
    ["resultCode", 4, 1],
    ["errorCode", 5, 1],
    ["causeCode", 6, 2],
    ["connectSpeed", 8, 4],
    ["receiveWindowSize", 12, 2],
    ["processingDelay", 14, 2],
    ["physicalChannelId", 16, 4],
  ]],
  [9, [
    ["callId", 0, 2],
    ["callSerialNumber", 2, 2],
    ["bearerType", 4, 4],
    ["physicalChannelId", 8, 4],
    ["dialedNumberLength", 12, 2],
    ["dialingNumberLength", 14, 2],
    ["dialedNumber", 16, "text", 64],
    ["dialingNumber", 80, "text", 64],
    ["subaddress", 144, "text", 64],
  ]],
  [10, [
    ["callId", 0, 2],
    ["peerCallId", 2, 2],
    ["resultCode", 4, 1],
    ["errorCode", 5, 1],
    ["receiveWindowSize", 6, 2],
    ["processingDelay", 8, 2],
    ["reserved", 10, 2],
  ]],
  [11, [
    ["peerCallId", 0, 2],
    ["reserved", 2, 2],
    ["connectSpeed", 4, 4],
    ["receiveWindowSize", 8, 2],
    ["processingDelay", 10, 2],
    ["framingType", 12, 4],
  ]],
  [12, [["callId", 0, 2], ["reserved", 2, 2]]],
  [13, [
    ["callId", 0, 2],
    ["resultCode", 2, 1],
    ["errorCode", 3, 1],
    ["causeCode", 4, 2],
    ["reserved", 6, 2],
    ["callStatistics", 8, "text", 128],
  ]],
  [14, [
    ["peerCallId", 0, 2],
    ["reserved", 2, 2],
    ["crcErrors", 4, 4],
    ["framingErrors", 8, 4],
    ["hardwareOverruns", 12, 4],
    ["bufferOverruns", 16, 4],
    ["timeoutErrors", 20, 4],
    ["alignmentErrors", 24, 4],
  ]],
  [15, [["peerCallId", 0, 2], ["reserved", 2, 2], ["sendAccm", 4, 4], ["receiveAccm", 8, 4]]],
]);

/** The text fields whose length another field gives (at most their 64 bytes). */
const LENGTH_OF: ReadonlyMap<string, string> = new Map([
  ["phoneNumber", "phoneNumberLength"],
  ["dialedNumber", "dialedNumberLength"],
  ["dialingNumber", "dialingNumberLength"],
]);

/** One field of a PPTP control message. */
export interface PptpField {
  /** The field's name (`callId`, `hostName`...; `reserved` for a reserved field). */
  readonly name: string;
  /** Where the field starts in the layer's `data`. */
  readonly offset: number;
  /**
   * The field's size in bytes; for a text field, the most bytes it may hold (64 or 128, or
   * the length another field gives a number, at most 64).
   */
  readonly size: number;
  /** A number's value; `undefined` for text, and for a number the capture cut. */
  readonly value?: number;
  /** Whether the field is text, padded with NULs. */
  readonly text: boolean;
}

/**
 * A PPTP control message on TCP. The header's fields are decoded; `fields()` lists the
 * message's own. A segment shorter than the 12-byte header is kept as a partial layer
 * (`partial`, the fields not captured 0), as tcpdump prints what the capture holds.
 *
 * @example Decode an Echo-Request
 * ```ts
 * import { decodePptp, PptpControlMessage } from "./pptp.ts";
 * import assert from "node:assert/strict";
 *
 * const bytes = new Uint8Array([
 *   0, 16, 0, 1, 0x1a, 0x2b, 0x3c, 0x4d, 0, 5, 0, 0, 0, 0, 0, 7,
 * ]);
 * const pptp = decodePptp(bytes);
 * assert.equal(pptp.controlMessageType, PptpControlMessage.ECHO_REQUEST);
 * assert.deepEqual(pptp.fields().map((f) => [f.name, f.value]), [["identifier", 7]]);
 * ```
 */
export class Pptp extends LayerBase {
  /** The discriminant. */
  readonly kind = "pptp" as const;
  /** The message's length, header included. */
  length = 0;
  /** 1: control message, 2: management message. */
  messageType = 0;
  /** The magic cookie ({@linkcode PPTP_MAGIC_COOKIE} in a valid message). */
  magicCookie = 0;
  /** The control message type (see {@linkcode PptpControlMessage}). */
  controlMessageType = 0;
  /** The reserved field after the control message type (0 in a valid message). */
  reserved = 0;
  /** Fewer than the header's 12 bytes were captured. */
  partial = false;

  /**
   * Decodes the header at `offset`, returning the error instead of throwing; a header cut
   * by the capture is kept as a partial layer, with the error.
   */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    _context: DecodeContext,
  ): DecodeError | undefined {
    const error = beginLayer(this, data, offset, end);
    if (error !== undefined) return error;
    const available = end - offset;
    // Each field the capture holds, the others 0.
    const field = (at: number, size: 2 | 4) =>
      at + size > available ? 0 : readUintN(data, offset + at, size);
    this.length = field(0, 2);
    this.messageType = field(2, 2);
    this.magicCookie = field(4, 4);
    this.controlMessageType = field(8, 2);
    this.reserved = field(10, 2);
    this.partial = available < HEADER;
    this.headerLength = Math.min(available, HEADER);
    if (this.partial) return DecodeError.truncated(this.kind, offset, HEADER, available, true);
    return undefined;
  }

  /** PPTP carries no further layer on TCP. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /**
   * The fields of the control message, in order (none for an unknown type or a partial
   * header). A number the capture cut has no `value`; the fields after it are listed too.
   *
   * @returns The fields.
   */
  fields(): PptpField[] {
    const specs = this.partial ? undefined : MESSAGES.get(this.controlMessageType);
    if (specs === undefined) return [];
    const out: PptpField[] = [];
    const values = new Map<string, number>();
    for (const [name, at, kind, size] of specs) {
      const offset = this.offset + HEADER + at;
      if (kind === "text") {
        const given = LENGTH_OF.get(name);
        const length = given === undefined ? size! : Math.min(64, values.get(given) ?? 0);
        out.push({ name, offset, size: length, text: true });
        continue;
      }
      const captured = offset + kind <= this.end;
      const value = captured ? readUintN(this.data, offset, kind) : undefined;
      if (value !== undefined) values.set(name, value);
      out.push(
        value === undefined ? { name, offset, size: kind, text: false } : {
          name,
          offset,
          size: kind,
          value,
          text: false,
        },
      );
    }
    return out;
  }

  /** Returns the header's fields and the message's (text up to a NUL) as a plain object. */
  toJSON(): Record<string, unknown> {
    if (this.partial) return { partial: true };
    const json: Record<string, unknown> = {
      length: this.length,
      messageType: this.messageType,
      magicCookie: this.magicCookie,
      controlMessageType: this.controlMessageType,
    };
    for (const field of this.fields()) {
      if (field.name === "reserved") continue;
      if (!field.text) {
        if (field.value !== undefined) json[field.name] = field.value;
        continue;
      }
      const size = Math.min(field.size, this.end - field.offset);
      json[field.name] = readCString(this.data, field.offset, Math.max(0, size));
    }
    return json;
  }
}

/**
 * Creates {@linkcode Pptp} layers; the registry entry for TCP port 1723.
 *
 * @example Create a PPTP layer
 * ```ts
 * import { pptpDecoder } from "./pptp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(pptpDecoder.create().kind, "pptp");
 * ```
 */
export const pptpDecoder: ProtocolDescriptor<Pptp> = defineProtocol({
  kind: "pptp",
  name: "PPTP",
  tcpdumpName: "pptp",
  create: () => new Pptp(),
  bindings: { tcpPorts: [1723] },
});

/**
 * Decodes a PPTP control message.
 *
 * @param data The bytes.
 * @param offset Where the message starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When fewer than the header's 12 bytes remain.
 *
 * @example Reject a cut header
 * ```ts
 * import { decodePptp } from "./pptp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodePptp(new Uint8Array(6)), {
 *   message: "Cannot decode PPTP header: 12 bytes required, received 6",
 * });
 * ```
 */
export function decodePptp(data: Uint8Array, offset = 0): Pptp {
  return decodeOne(new Pptp(), data, offset);
}
