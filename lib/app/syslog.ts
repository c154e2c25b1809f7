/**
 * Syslog over UDP (RFC 3164, RFC 5424): the `<PRI>` that starts every message, and the
 * text after it.
 *
 * @module
 */

import type { DecodeError } from "../errors.ts";
import { decodeOne } from "../_decode_one.ts";
import { beginMessage, capturedEnd } from "./_wire_length.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";
import { latin1 } from "../_bytes.ts";

/** The most digits that the priority may have (`<191>`). */
const MAX_DIGITS = 3;

/**
 * A syslog message. `priority` is `undefined` when the message does not start with a
 * well-formed `<PRI>` (`malformed`) or when the capture ends inside it (`truncated`).
 *
 * @example Decode a message
 * ```ts
 * import { decodeSyslog } from "./syslog.ts";
 * import assert from "node:assert/strict";
 *
 * const syslog = decodeSyslog(new TextEncoder().encode("<13>Jan  1 00:00:00 host hi"));
 * assert.equal(syslog.priority, 13);
 * assert.equal(syslog.facility, 1);
 * assert.equal(syslog.severity, 5);
 * assert.equal(syslog.message, "Jan  1 00:00:00 host hi");
 * ```
 */
export class Syslog extends LayerBase {
  /** The discriminant. */
  readonly kind = "syslog" as const;
  /** The priority, facility * 8 + severity; `undefined` when malformed or cut short. */
  priority: number | undefined = undefined;
  /** The bytes do not start with `<`, digits and `>`. */
  malformed = false;
  /** The capture ends inside the `<PRI>`. */
  truncated = false;
  /** The message length the transport declares (the captured bytes may be fewer). */
  wireLength = 0;
  /** Where the captured bytes of the IP packet end (they may go past the UDP length). */
  captured = 0;

  /** The facility (0 kernel, 1 user...); 0 without a priority. */
  get facility(): number {
    return ((this.priority ?? 0) & 0x3f8) >> 3;
  }

  /** The severity (0 emergency to 7 debug); 0 without a priority. */
  get severity(): number {
    return (this.priority ?? 0) & 7;
  }

  /** The text after the `<PRI>` (the captured part, decoded as Latin-1). */
  get message(): string {
    return latin1(this.data, this.offset + this.headerLength, this.end);
  }

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    context: DecodeContext,
  ): DecodeError | undefined {
    // syslog_print() reads the `<PRI>` up to the IP packet's captured end, past the UDP
    // length (an empty datagram too).
    this.captured = capturedEnd(context, end);
    const error = beginMessage(this, data, offset, this.captured, context);
    if (error !== undefined) return error;
    this.end = end;
    this.priority = undefined;
    this.malformed = false;
    this.truncated = false;
    this.headerLength = 0;
    let at = offset;
    if (data[at] !== 0x3c) {
      this.malformed = true;
      return undefined;
    }
    at++;
    let priority = 0;
    const captured = this.captured;
    while (at - offset <= MAX_DIGITS && at < captured && data[at]! >= 0x30 && data[at]! <= 0x39) {
      priority = priority * 10 + data[at]! - 0x30;
      at++;
    }
    if (at >= captured) {
      this.truncated = true;
      return undefined;
    }
    if (data[at] !== 0x3e) {
      this.malformed = true;
      return undefined;
    }
    this.priority = priority;
    // A <PRI> that runs past the UDP length leaves no message; the header ends with it.
    this.headerLength = Math.min(at + 1, end) - offset;
    return undefined;
  }

  /** Picks the decoder of the payload from the context's tables. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return {
      priority: this.priority,
      facility: this.facility,
      severity: this.severity,
      message: this.message,
    };
  }
}

/**
 * Creates {@linkcode Syslog} layers; the registry entry for UDP port 514.
 *
 * @example Create a syslog layer
 * ```ts
 * import { syslogDecoder } from "./syslog.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(syslogDecoder.create().kind, "syslog");
 * ```
 */
export const syslogDecoder: ProtocolDescriptor<Syslog> = defineProtocol({
  kind: "syslog",
  name: "syslog",
  tcpdumpName: "syslog",
  create: () => new Syslog(),
  bindings: { udpPorts: [514] },
});

/**
 * Decodes a syslog message.
 *
 * @param data The bytes.
 * @param offset Where the message starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When no byte remains.
 *
 * @example Decode a message without a priority
 * ```ts
 * import { decodeSyslog } from "./syslog.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(decodeSyslog(new TextEncoder().encode("hello")).malformed, true);
 * ```
 */
export function decodeSyslog(data: Uint8Array, offset = 0): Syslog {
  return decodeOne(new Syslog(), data, offset);
}
