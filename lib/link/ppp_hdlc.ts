/**
 * PPP frames whose protocol's high byte is the HDLC flag `0x7e`: tcpdump's ppp_hdlc()
 * takes the bytes from the protocol's low byte on for a frame in HDLC-like framing with
 * octet stuffing (RFC 1662 section 4.2), un-escapes them and guesses the protocol of the
 * result. Also {@linkcode PppFrame}, what the PPP layers share: the protocol, the control
 * protocol packet it may carry, and the decoder of its payload.
 *
 * @module
 */

import type { DecodeError } from "../errors.ts";
import { decodeOne } from "../_decode_one.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";
import { type PppAuthPacket, readPppAuth } from "./ppp_auth.ts";

/**
 * The PPP control protocols whose packets share the LCP layout (RFC 1661 section 5): a
 * code, an identifier, a length, then data (options for the Configure codes).
 */
const CONTROL_PROTOCOLS: ReadonlySet<number> = new Set([
  0xc021, // LCP
  0x8021, // IPCP
  0x8023, // OSICP
  0x8281, // MPLSCP
  0x8057, // IPV6CP
  0x80fd, // CCP
  0xc02b, // BACP
]);

/**
 * The EtherType that the registry's EtherType table reads each decoded PPP protocol by:
 * tcpdump's handle_ppp() also takes IPv4's and IPv6's EtherTypes, and uncompressed Van
 * Jacobson TCP/IP, for IP.
 */
const ETHERTYPE_OF: ReadonlyMap<number, number> = new Map([
  [0x0021, 0x0800],
  [0x002f, 0x0800],
  [0x0800, 0x0800],
  [0x0057, 0x86dd],
  [0x86dd, 0x86dd],
  [0x0281, 0x8847],
  [0x0283, 0x8848],
]);

/** Multilink PPP's protocol (RFC 1990), whose payload starts with a fragment header. */
const MULTILINK_PROTOCOL = 0x003d;
/** PPP's protocol number of OSI PDUs, and the EtherType whose decoder reads them. */
const OSI = 0x0023;
const OSI_ETHERTYPE = 0xfefe;

/** The HDLC flag that tcpdump takes for a stuffed frame when it leads a protocol. */
const FLAG = 0x7e;
/** RFC 1662's control escape: the next byte is XORed with `0x20`. */
const ESCAPE = 0x7d;

/** One configuration option of a control protocol packet (RFC 1661 section 6). */
export interface PppOption {
  /** The option type (LCP: 1 MRU, 3 Auth-Protocol, 5 Magic-Number...; IPCP: 3 IP-Address...). */
  readonly type: number;
  /** The length field: type, length and value bytes. */
  readonly length: number;
  /** Offset of the option's type byte in the packet's bytes. */
  readonly offset: number;
  /**
   * The value bytes (a view), cut to the bytes captured: shorter than `length - 2` when the
   * capture or the length field cut it.
   */
  readonly value: Uint8Array;
}

/**
 * How a control packet's option list ended: `complete` (the options fill the encoded
 * length exactly), `short-length` (the last option's length is under 2), `overrun` (the
 * last option's length runs past the encoded length), `cut` (the capture ended before
 * the next option's type and length).
 */
export type PppOptionsEnd = "complete" | "short-length" | "overrun" | "cut";

/** A control protocol packet (LCP, IPCP, IPV6CP, CCP...): RFC 1661 section 5. */
export interface PppControlPacket {
  /** The code: 1 Configure-Request, 2 Configure-Ack... 9 Echo-Request... */
  readonly code: number;
  /** The identifier. */
  readonly identifier: number;
  /** The length field (code to the end of the data), or `undefined` when not captured. */
  readonly length: number | undefined;
  /** Offset of the data after the 4-byte header in the packet's bytes. */
  readonly dataOffset: number;
  /**
   * The options of a Configure-Request, -Ack, -Nak or -Reject, in order (empty for the
   * other codes, and when the length field is under 4 or past the packet).
   */
  readonly options: readonly PppOption[];
  /** How the option list ended (`complete` when there is none). */
  readonly optionsEnd: PppOptionsEnd;
}

/**
 * What the PPP layers share (`Ppp`, `PppSerial`, {@linkcode PppHdlc}):
 * the protocol of the payload, the control protocol packet (LCP, IPCP...) it holds, and
 * the decoder of the payload: IP through the registry's EtherType table, and for a
 * protocol whose high byte is `0x7e` the stuffed frame ({@linkcode PppHdlc}) that starts
 * at its low byte, where the header then ends.
 */
export abstract class PppFrame extends LayerBase {
  /** The protocol of the payload (`0x0021` IPv4, `0xc021` LCP...). */
  protocol = 0;

  #control: PppControlPacket | undefined = undefined;
  #controlRead = false;

  /**
   * Whether the protocol's high byte is `0x7e`: tcpdump reads the bytes from its low byte
   * on as an octet-stuffed frame, so the header ends before that byte.
   */
  get stuffed(): boolean {
    return (this.protocol & 0xff00) === FLAG << 8;
  }

  /** Offset just past the protocol field (one byte past the header of a stuffed frame). */
  get protocolEnd(): number {
    return this.offset + this.headerLength + (this.stuffed ? 1 : 0);
  }

  /** Whether the protocol is a control protocol with LCP's packet layout. */
  get isControl(): boolean {
    return CONTROL_PROTOCOLS.has(this.protocol);
  }

  /**
   * The control protocol packet (LCP, IPCP, IPV6CP, CCP, BACP...) that the payload holds,
   * with its configuration options; `undefined` for other protocols and when fewer than
   * 2 bytes are captured. Built on first use.
   */
  get controlPacket(): PppControlPacket | undefined {
    if (!this.#controlRead) {
      this.#controlRead = true;
      this.#control = this.isControl
        ? readControl(this.data, this.protocolEnd, this.end)
        : undefined;
    }
    return this.#control;
  }

  /**
   * The first 16 bits of a multilink PPP fragment header (protocol `0x003d`, RFC 1990's
   * short sequence number format): the B and E flags in the top bits, the sequence number
   * in the low 12; `undefined` for other protocols and when the 2 bytes are not captured.
   */
  get multilinkHeader(): number | undefined {
    const at = this.protocolEnd;
    return this.protocol === MULTILINK_PROTOCOL && at + 2 <= this.end
      ? (this.data[at]! << 8) | this.data[at + 1]!
      : undefined;
  }

  /**
   * The PAP or CHAP packet that the payload holds (protocol `0xc023` or `0xc223`);
   * `undefined` for other protocols and when no byte of it is captured.
   */
  get authPacket(): PppAuthPacket | undefined {
    return readPppAuth(this.data, this.protocol, this.protocolEnd, this.end);
  }

  /** Forgets the control packet of the previous decode. */
  protected resetControl(): void {
    this.#control = undefined;
    this.#controlRead = false;
  }

  /** Picks the decoder of the payload from the context's tables. */
  nextDecoder(context: DecodeContext): Decoder | undefined {
    if (this.stuffed) return pppHdlcDecoder;
    if (this.end <= this.offset + this.headerLength) return undefined;
    if (this.protocol === OSI) {
      // The OSI decoder of EtherType 0xfefe, told that no byte precedes the identifier.
      context.osiAt = this.protocolEnd;
      return context.tables.etherTypes.get(OSI_ETHERTYPE);
    }
    const etherType = ETHERTYPE_OF.get(this.protocol);
    return etherType === undefined ? undefined : context.tables.etherTypes.get(etherType);
  }
}

function readControl(d: Uint8Array, at: number, end: number): PppControlPacket | undefined {
  if (at + 2 > end) return undefined;
  const code = d[at]!;
  const identifier = d[at + 1]!;
  const length = at + 4 <= end ? (d[at + 2]! << 8) | d[at + 3]! : undefined;
  const options: PppOption[] = [];
  let optionsEnd: PppOptionsEnd = "complete";
  if (length !== undefined && length >= 4 && code >= 1 && code <= 4) {
    const limit = at + length;
    let p = at + 4;
    while (p < limit) {
      if (p + 2 > end) {
        optionsEnd = "cut";
        break;
      }
      const type = d[p]!;
      const size = d[p + 1]!;
      const valueEnd = Math.min(end, p + Math.max(size, 2));
      options.push({ type, length: size, offset: p, value: d.subarray(p + 2, valueEnd) });
      if (size < 2) {
        optionsEnd = "short-length";
        break;
      }
      if (p + size > limit) {
        optionsEnd = "overrun";
        break;
      }
      p += size;
    }
  }
  return { code, identifier, length, dataOffset: at + 4, options, optionsEnd };
}

/**
 * How tcpdump's ppp_hdlc() guessed the protocol of the un-escaped bytes: `octet` (a
 * one-byte IPv4 `0x21` or IPv6 `0x57`), `framed` (`ff 03` then a 2-byte protocol),
 * `protocol` (a 2-byte protocol), or `cut` (too few bytes for the guess).
 */
export type PppHdlcGuess = "octet" | "framed" | "protocol" | "cut";

/**
 * The frame that a PPP protocol field whose high byte is `0x7e` starts, from its low
 * byte on, read as tcpdump's ppp_hdlc() reads it: the captured bytes un-escaped
 * (RFC 1662: `0x7d` then a byte XORed with `0x20`), then the protocol guessed. Without
 * an escape the layer is a view of the packet's bytes; with one, `data` is an un-escaped
 * copy (the layer's own buffer, reused by the next decode) and the layers after it
 * decode from that copy.
 *
 * @example Un-escape a frame and guess its protocol
 * ```ts
 * import { decodePppHdlc } from "./ppp_hdlc.ts";
 * import assert from "node:assert/strict";
 *
 * const frame = decodePppHdlc(new Uint8Array([0x7d, 0xdf, 0x7d, 0x23, 0xc0, 0x21, 9]));
 * assert.equal(frame.escaped, true);
 * assert.equal(frame.guess, "framed");
 * assert.equal(frame.protocol, 0xc021);
 * assert.deepEqual(frame.payload, new Uint8Array([9]));
 * ```
 */
export class PppHdlc extends PppFrame {
  /** The discriminant. */
  readonly kind = "ppp-hdlc" as const;
  /** Whether the captured bytes held an escape: `data` is then the un-escaped copy. */
  escaped = false;
  /** How the protocol was guessed. */
  guess: PppHdlcGuess = "cut";

  #buffer: Uint8Array | undefined = undefined;

  /** Whether the guessed protocol's high byte is `0x7e` again, which tcpdump calls invalid. */
  get invalid(): boolean {
    return this.guess !== "cut" && this.stuffed;
  }

  /** The header's end: a stuffed frame's protocol is not split here. */
  override get protocolEnd(): number {
    return this.offset + this.headerLength;
  }

  /** Decodes the frame at `offset`; never fails (a frame too short is guessed `cut`). */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    context: DecodeContext,
  ): DecodeError | undefined {
    const escape = data.indexOf(ESCAPE, offset);
    this.escaped = escape !== -1 && escape < end;
    if (this.escaped) {
      data = this.#unescape(data, offset, end);
      offset = 0;
      end = data.length;
      context.bytes = data;
    }
    this.data = data;
    this.offset = offset;
    this.end = end;
    const available = end - offset;
    const first = data[offset];
    this.protocol = 0;
    if (first === 0x21 || first === 0x57) {
      this.guess = "octet";
      this.protocol = first;
      this.headerLength = 1;
    } else if (available < 2) {
      this.guess = "cut";
      this.headerLength = available;
    } else if (first === 0xff && data[offset + 1] === 0x03) {
      this.guess = available < 4 ? "cut" : "framed";
      this.headerLength = available < 4 ? available : 4;
      if (available >= 4) this.protocol = (data[offset + 2]! << 8) | data[offset + 3]!;
    } else {
      this.guess = "protocol";
      this.headerLength = 2;
      this.protocol = (first! << 8) | data[offset + 1]!;
    }
    this.resetControl();
    return undefined;
  }

  /** Copies `data[offset..end)` un-escaped into the layer's buffer; an escape last is dropped. */
  #unescape(data: Uint8Array, offset: number, end: number): Uint8Array {
    let buffer = this.#buffer;
    if (buffer === undefined || buffer.length < end - offset) {
      buffer = this.#buffer = new Uint8Array(end - offset);
    }
    let n = 0;
    for (let i = offset; i < end; i++) {
      let c = data[i]!;
      if (c === ESCAPE) {
        if (++i === end) break;
        c = data[i]! ^ 0x20;
      }
      buffer[n++] = c;
    }
    return buffer.subarray(0, n);
  }

  /** Picks the decoder of the payload; none when the guess failed or is invalid. */
  override nextDecoder(context: DecodeContext): Decoder | undefined {
    return this.guess === "cut" || this.invalid ? undefined : super.nextDecoder(context);
  }

  /** Returns the frame's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return { escaped: this.escaped, guess: this.guess, protocol: this.protocol };
  }
}

/**
 * Creates {@linkcode PppHdlc} layers: the decoder of a PPP payload whose protocol's high
 * byte is `0x7e` (bound to no number).
 *
 * @example Create a layer
 * ```ts
 * import { pppHdlcDecoder } from "./ppp_hdlc.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(pppHdlcDecoder.create().kind, "ppp-hdlc");
 * ```
 */
export const pppHdlcDecoder: ProtocolDescriptor<PppHdlc> = defineProtocol({
  kind: "ppp-hdlc",
  name: "PPP in HDLC-like framing",
  tcpdumpName: "ppp",
  create: () => new PppHdlc(),
  bindings: {},
});

/**
 * Decodes a stuffed PPP frame from the protocol's low byte on.
 *
 * @param data The bytes.
 * @param offset Where the frame starts.
 * @returns The layer: a view over `data`, or over its un-escaped copy.
 *
 * @example Guess a one-octet IPv4 protocol
 * ```ts
 * import { decodePppHdlc } from "./ppp_hdlc.ts";
 * import assert from "node:assert/strict";
 *
 * const frame = decodePppHdlc(new Uint8Array([0x21, 0x45]));
 * assert.equal(frame.escaped, false);
 * assert.equal(frame.guess, "octet");
 * assert.equal(frame.protocol, 0x21);
 * ```
 */
export function decodePppHdlc(data: Uint8Array, offset = 0): PppHdlc {
  return decodeOne(new PppHdlc(), data, offset);
}
