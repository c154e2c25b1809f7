/**
 * SOME/IP, AUTOSAR's Scalable service-Oriented MiddlewarE over IP, over UDP port 30490
 * (the port of its Service Discovery): the 16-byte header that tcpdump 4.99's
 * someip_print() reads.
 *
 * @module
 */

import type { DecodeError } from "../errors.ts";
import { decodeOne } from "../_decode_one.ts";
import { readUint8Before } from "../_bytes.ts";
import { beginMessage, capturedEnd } from "./_wire_length.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";

/**
 * A SOME/IP message header. Its fields lie at fixed offsets; `captured` says how many of
 * the message's bytes were captured (fields past it read as 0), so a printer can stop
 * where the capture does.
 *
 * @example Decode a notification of event 256 of service 65535
 * ```ts
 * import { decodeSomeIp } from "./someip.ts";
 * import assert from "node:assert/strict";
 *
 * const someip = decodeSomeIp(new Uint8Array([
 *   0xff, 0xff, 0x81, 0x00, 0, 0, 0, 8, 0, 0, 0, 0, 1, 1, 2, 0,
 * ]));
 * assert.equal(someip.serviceId, 65535);
 * assert.equal(someip.event, true);
 * assert.equal(someip.methodId, 256);
 * assert.equal(someip.messageType, 2);
 * ```
 */
export class SomeIp extends LayerBase {
  /** The discriminant. */
  readonly kind = "someip" as const;
  /** The service ID (the Message ID's upper half). */
  serviceId = 0;
  /** Whether the Message ID names an event (its bit 15) rather than a method. */
  event = false;
  /** The method or event ID (the Message ID's low 15 bits). */
  methodId = 0;
  /** The Length field: the bytes after it (Request ID, versions, types and payload). */
  length = 0;
  /** The client ID (the Request ID's upper half). */
  clientId = 0;
  /** The session ID (the Request ID's lower half). */
  sessionId = 0;
  /** The protocol version. */
  protocolVersion = 0;
  /** The interface version. */
  interfaceVersion = 0;
  /** The message type (0 request, 1 request without return, 2 notification, 0x80 response...). */
  messageType = 0;
  /** The return code (0 E_OK...). */
  returnCode = 0;
  /** How many of the message's bytes were captured, up to the IP packet's end (at most 16 are read). */
  captured = 0;
  /** The message length the transport declares. */
  wireLength = 0;

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    context: DecodeContext,
  ): DecodeError | undefined {
    const error = beginMessage(this, data, offset, end, context);
    if (error !== undefined) return error;
    // someip_print() reads up to tcpdump's snapend, past a UDP length shorter than the IP's.
    const readEnd = Math.min(capturedEnd(context, end), data.length);
    this.captured = readEnd - offset;
    this.headerLength = Math.min(16, end - offset);
    const byte = (at: number) => readUint8Before(data, offset + at, readEnd);
    this.serviceId = byte(0) << 8 | byte(1);
    this.event = (byte(2) & 0x80) !== 0;
    this.methodId = (byte(2) & 0x7f) << 8 | byte(3);
    this.length = (byte(4) << 24 | byte(5) << 16 | byte(6) << 8 | byte(7)) >>> 0;
    this.clientId = byte(8) << 8 | byte(9);
    this.sessionId = byte(10) << 8 | byte(11);
    this.protocolVersion = byte(12);
    this.interfaceVersion = byte(13);
    this.messageType = byte(14);
    this.returnCode = byte(15);
    return undefined;
  }

  /** Picks the decoder of the payload from the context's tables: none (the payload is opaque). */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return {
      serviceId: this.serviceId,
      event: this.event,
      methodId: this.methodId,
      length: this.length,
      clientId: this.clientId,
      sessionId: this.sessionId,
      protocolVersion: this.protocolVersion,
      interfaceVersion: this.interfaceVersion,
      messageType: this.messageType,
      returnCode: this.returnCode,
    };
  }
}

/**
 * Creates {@linkcode SomeIp} layers; the registry entry for UDP port 30490.
 *
 * @example Create a SOME/IP layer
 * ```ts
 * import { someIpDecoder } from "./someip.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(someIpDecoder.create().kind, "someip");
 * ```
 */
export const someIpDecoder: ProtocolDescriptor<SomeIp> = defineProtocol({
  kind: "someip",
  name: "SOME/IP",
  tcpdumpName: "someip",
  create: () => new SomeIp(),
  bindings: { udpPorts: [30490] },
});

/**
 * Decodes a SOME/IP message header.
 *
 * @param data The bytes.
 * @param offset Where the message starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When no byte remains.
 *
 * @example Decode a header cut short
 * ```ts
 * import { decodeSomeIp } from "./someip.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(decodeSomeIp(new Uint8Array([0, 1, 0, 2, 0])).captured, 5);
 * ```
 */
export function decodeSomeIp(data: Uint8Array, offset = 0): SomeIp {
  return decodeOne(new SomeIp(), data, offset);
}
