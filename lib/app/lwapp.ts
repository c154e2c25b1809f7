/**
 * The Lightweight Access Point Protocol (LWAPP, RFC 5412): data frames on UDP port 12222,
 * control frames on 12223. A 6-byte transport header (version, radio id, control,
 * fragment and not-last bits; fragment id; length; status) starts each frame; a control
 * frame sent to port 12223 carries the access point's MAC address before it, and control
 * messages (type, sequence number, length, session id, elements) after it.
 *
 * @module
 */

import type { DecodeError } from "../errors.ts";
import { readUint16, readUint32 } from "../_bytes.ts";
import { decodeOne } from "../_decode_one.ts";
import { beginMessage, capturedEnd } from "./_wire_length.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";

/** The UDP port of LWAPP data frames. */
const DATA_PORT = 12222;
/** The UDP port of LWAPP control frames. */
const CONTROL_PORT = 12223;
/** The transport header's size. */
const TRANSPORT_HEADER = 6;
/** A control message header's size (type, sequence, length, session id). */
const CONTROL_HEADER = 8;

/**
 * How a frame is read, after the UDP ports as tcpdump's udp_print() picks its printer:
 * `control-ap` for control frames sent to port 12223 (the AP's MAC address first),
 * `control` for those sent from it, `data` for port 12222.
 */
export type LwappMode = "control-ap" | "control" | "data";

/** One control message header, read as lwapp_control_print() reads it. */
export interface LwappMessage {
  /** Offset of the header in the layer's `data`. */
  readonly at: number;
  /** The message type. */
  readonly type: number;
  /** The sequence number. */
  readonly sequence: number;
  /** The length of the message elements. */
  readonly length: number;
  /** The session id. */
  readonly session: number;
  /** Whether the capture holds `length` bytes from the header's start (tcpdump's check). */
  readonly captured: boolean;
}

/** The control messages of a frame, and why their walk stopped. */
export interface LwappMessages {
  /** The messages whose header was read; only the last one may be uncaptured. */
  readonly messages: LwappMessage[];
  /**
   * `capture` when a header was not captured, `pdu` when a header or its message runs past
   * the transport header's length, `undefined` otherwise.
   */
  readonly cut: "capture" | "pdu" | undefined;
}

/**
 * An LWAPP frame. The header's fields read as -1 unless it was captured.
 *
 * @example Decode a control frame sent by an access point
 * ```ts
 * import { decodeLwapp } from "./lwapp.ts";
 * import assert from "node:assert/strict";
 *
 * const lwapp = decodeLwapp(new Uint8Array([
 *   0, 0x0b, 0x85, 0x24, 0xe8, 0x90,
 *   0x04, 0, 0, 8, 0, 0,
 *   22, 1, 0, 0, 0, 0, 0, 1,
 * ]), 0, "control-ap");
 * assert.equal(lwapp.controlBit, true);
 * assert.deepEqual(lwapp.messages().messages.map((m) => m.type), [22]);
 * ```
 */
export class Lwapp extends LayerBase {
  /** The discriminant. */
  readonly kind = "lwapp" as const;
  /** How the frame is read (from the UDP ports). */
  mode: LwappMode = "data";
  /** The frame's length on the wire (the UDP payload's, bounded by the IP payload's). */
  wireLength = 0;
  /** Where the captured bytes end (tcpdump's snapend: the IP packet's). */
  snapEnd = 0;
  /** Offset of the transport header in `data` (6 bytes on in `control-ap` frames). */
  transportAt = 0;
  /** The first byte: version, radio id, control, fragment and last-fragment bits; or -1. */
  flagsByte: number = -1;
  /** The fragment id; -1 when the header was not captured. */
  fragmentId: number = -1;
  /** The transport header's length field; -1 likewise. */
  length: number = -1;

  /** Whether the transport header (and the AP identity before it) was captured. */
  get headerCaptured(): boolean {
    return this.flagsByte >= 0;
  }

  /** The version (0 is the only one); -1 when the header was not captured. */
  get version(): number {
    return this.flagsByte < 0 ? -1 : this.flagsByte >> 6;
  }

  /** The radio id. */
  get radioId(): number {
    return (this.flagsByte >> 3) & 7;
  }

  /** Whether the control bit is set. */
  get controlBit(): boolean {
    return (this.flagsByte & 4) !== 0;
  }

  /** The control, fragment and last-fragment bits. */
  get flags(): number {
    return this.flagsByte & 7;
  }

  /** Offset of the AP identity (a MAC address) in `control-ap` frames, else -1. */
  get apIdentityAt(): number {
    return this.mode === "control-ap" ? this.offset : -1;
  }

  /** Offset of what follows the transport header (messages or an 802.11 frame). */
  get payloadAt(): number {
    return this.transportAt + TRANSPORT_HEADER;
  }

  /**
   * The control messages, walked as lwapp_control_print() walks them: over the transport
   * header's length (not the datagram's), each header checked against the capture, then
   * against what is left of that length. Built on each call.
   *
   * @returns The messages and why their walk stopped.
   */
  messages(): LwappMessages {
    const messages: LwappMessage[] = [];
    const d = this.data;
    let at = this.payloadAt;
    let left = this.length;
    while (left > 0) {
      if (at + CONTROL_HEADER > this.snapEnd) return { messages, cut: "capture" };
      const length = readUint16(d, at + 2);
      if (left < CONTROL_HEADER + length) return { messages, cut: "pdu" };
      const captured = at + length <= this.snapEnd;
      messages.push({
        at,
        type: d[at]!,
        sequence: d[at + 1]!,
        length,
        session: readUint32(d, at + 4),
        captured,
      });
      if (!captured) break;
      at += CONTROL_HEADER + length;
      left -= CONTROL_HEADER + length;
    }
    return { messages, cut: undefined };
  }

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    context: DecodeContext,
  ): DecodeError | undefined {
    // The printers read the header up to the IP packet's captured end, past the UDP
    // length (an empty datagram too).
    this.snapEnd = capturedEnd(context, end);
    const error = beginMessage(this, data, offset, this.snapEnd, context);
    if (error !== undefined) return error;
    this.end = end;
    const udp = context.transport;
    if (udp !== undefined && udp.kind === "udp") {
      this.mode = udp.destinationPort === CONTROL_PORT
        ? "control-ap"
        : udp.sourcePort === CONTROL_PORT
        ? "control"
        : "data";
    }
    this.transportAt = offset + (this.mode === "control-ap" ? 6 : 0);
    const at = this.transportAt;
    const captured = at + TRANSPORT_HEADER <= this.snapEnd;
    this.headerLength = Math.max(0, Math.min(at + TRANSPORT_HEADER, end) - offset);
    this.flagsByte = captured ? data[at]! : -1;
    this.fragmentId = captured ? data[at + 1]! : -1;
    this.length = captured ? readUint16(data, at + 2) : -1;
    return undefined;
  }

  /** The 802.11 frame of a data frame is not decoded (tcpdump dumps it in hex). */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    const json: Record<string, unknown> = {
      mode: this.mode,
      version: this.version,
      radioId: this.headerCaptured ? this.radioId : -1,
      flags: this.headerCaptured ? this.flags : -1,
      fragmentId: this.fragmentId,
      length: this.length,
    };
    if (this.mode !== "data" && this.headerCaptured) {
      const { messages, cut } = this.messages();
      json.messages = messages.map(({ type, sequence, length, session }) => ({
        type,
        sequence,
        length,
        session,
      }));
      if (cut !== undefined) json.cut = cut;
    }
    return json;
  }
}

/**
 * Creates {@linkcode Lwapp} layers; the registry entry for UDP ports 12222 and 12223.
 *
 * @example Create an LWAPP layer
 * ```ts
 * import { lwappDecoder } from "./lwapp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(lwappDecoder.create().kind, "lwapp");
 * ```
 */
export const lwappDecoder: ProtocolDescriptor<Lwapp> = defineProtocol({
  kind: "lwapp",
  name: "LWAPP",
  tcpdumpName: "lwapp",
  create: () => new Lwapp(),
  bindings: { udpPorts: [DATA_PORT, CONTROL_PORT] },
});

/**
 * Decodes an LWAPP frame.
 *
 * @param data The bytes.
 * @param offset Where the frame starts.
 * @param mode How to read it (without UDP ports to tell): a data frame unless told.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When no byte remains.
 *
 * @example Decode a data frame cut inside its header
 * ```ts
 * import { decodeLwapp } from "./lwapp.ts";
 * import assert from "node:assert/strict";
 *
 * const lwapp = decodeLwapp(new Uint8Array([0x08, 0x1d, 0]));
 * assert.equal(lwapp.headerCaptured, false);
 * assert.equal(lwapp.version, -1);
 * ```
 */
export function decodeLwapp(data: Uint8Array, offset = 0, mode: LwappMode = "data"): Lwapp {
  const layer = new Lwapp();
  layer.mode = mode;
  return decodeOne(layer, data, offset);
}
