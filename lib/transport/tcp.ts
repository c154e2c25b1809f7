/**
 * TCP (RFC 9293), with its options (RFC 7323 window scale and timestamps, RFC 2018 SACK,
 * RFC 2385 MD5, RFC 5482 user timeout, RFC 7413 Fast Open) and the AccECN flag
 * (RFC 9768, formerly NS of RFC 3540).
 *
 * @module
 */

import { IpProtocol } from "../ip_protocol.ts";
import { foldChecksum, sumWords } from "../checksum.ts";
import { DecodeError } from "../errors.ts";
import { readUint32 } from "../_bytes.ts";
import { decodeOne } from "../_decode_one.ts";
import { portDecoder } from "./_ports.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type NetworkLayer,
  type ProtocolDescriptor,
} from "../layer.ts";
import { Ipv4 } from "../net/ipv4.ts";
import { Ipv6 } from "../net/ipv6.ts";
import { optionToJSON, TcpOptionCursor } from "./_tcp_option_cursor.ts";
import { type TcpOption, TcpOptionKind } from "./_tcp_options.ts";

export * from "./_tcp_options.ts";
export { TcpOptionCursor } from "./_tcp_option_cursor.ts";

/** The IP protocol number of TCP. */
const TCP = 6;

/** Returned by the option walk when it stopped at a malformed option. */
const WALK_MALFORMED = -2;

/**
 * The TCP flag bits as they sit in the 9-bit `flags` field.
 *
 * @example Test flags
 * ```ts
 * import { TcpFlag } from "./tcp.ts";
 * import assert from "node:assert/strict";
 *
 * const flags = TcpFlag.SYN | TcpFlag.ACK;
 * assert.equal(flags, 0x012);
 * assert.ok((flags & TcpFlag.RST) === 0);
 * ```
 */
export const TcpFlag = {
  FIN: 0x001,
  SYN: 0x002,
  RST: 0x004,
  PSH: 0x008,
  ACK: 0x010,
  URG: 0x020,
  ECE: 0x040,
  CWR: 0x080,
  /** Accurate ECN (RFC 9768); the same bit was NS, the ECN nonce of RFC 3540. */
  AE: 0x100,
  /** The former name of {@linkcode TcpFlag.AE} (RFC 3540, historic). */
  NS: 0x100,
} as const;

/** A TCP flag bit that wirekit names. */
export type TcpFlag = typeof TcpFlag[keyof typeof TcpFlag];

/**
 * Tells whether the capture holds the whole upper-layer packet that ends at `end`: the
 * IPv4 total length or IPv6 payload length reaches no further, and the IPv4 packet is not
 * a fragment. A zero length field (TSO, jumbogram) counts as whole, as the IP layer then
 * uses the rest of the capture. (A first fragment behind an IPv6 fragment header is not
 * detected: the IPv6 layer does not know of it.)
 */
function capturedWhole(network: NetworkLayer, end: number): boolean {
  if (network instanceof Ipv4) {
    if (network.isFragment) return false;
    return network.totalLength === 0 || network.offset + network.totalLength <= end;
  }
  if (network instanceof Ipv6) {
    return network.payloadLength === 0 || network.offset + 40 + network.payloadLength <= end;
  }
  return true;
}

/**
 * Tells whether the capture, not the IP length, ends the bytes at `end` before
 * `headerEnd`: the IP layer's length field reaches `headerEnd`.
 */
function cutByCapture(network: NetworkLayer | undefined, headerEnd: number, end: number): boolean {
  if (network instanceof Ipv4) {
    return network.totalLength !== 0 && network.offset + network.totalLength >= headerEnd &&
      end < headerEnd;
  }
  if (network instanceof Ipv6) {
    return network.payloadLength !== 0 &&
      network.offset + 40 + network.payloadLength >= headerEnd && end < headerEnd;
  }
  return false;
}

/**
 * A TCP header. The payload runs from the end of the header (the data offset) to the end
 * of the IP packet; Ethernet padding is already excluded by the IP layer.
 *
 * Options are decoded only when asked for: {@linkcode Tcp.options} lists them all, and the
 * getters {@linkcode Tcp.mss}, {@linkcode Tcp.windowScale}, {@linkcode Tcp.sackPermitted}
 * and {@linkcode Tcp.timestamp} find one without building the list.
 *
 * @example Decode a SYN with options
 * ```ts
 * import { decodeTcp } from "./tcp.ts";
 * import assert from "node:assert/strict";
 *
 * const segment = new Uint8Array([
 *   0xc0, 0x00, 0x00, 0x50, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00,
 *   0x80, 0x02, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00,
 *   0x02, 0x04, 0x05, 0xb4, 0x01, 0x03, 0x03, 0x07, 0x04, 0x02, 0x00, 0x00,
 * ]);
 * const tcp = decodeTcp(segment);
 * assert.equal(tcp.sourcePort, 49152);
 * assert.equal(tcp.destinationPort, 80);
 * assert.ok(tcp.syn && !tcp.ack);
 * assert.equal(tcp.headerLength, 32);
 * assert.equal(tcp.mss, 1460);
 * assert.equal(tcp.windowScale, 7);
 * assert.equal(tcp.sackPermitted, true);
 * assert.deepEqual(tcp.options.map((option) => option.name), [
 *   "mss", "nop", "window-scale", "sack-permitted", "eol",
 * ]);
 * ```
 */
export class Tcp extends LayerBase {
  /** The discriminant. */
  readonly kind = "tcp" as const;
  /** Source port. */
  sourcePort = 0;
  /** Destination port. */
  destinationPort = 0;
  /** Sequence number (uint32). */
  sequenceNumber = 0;
  /** Acknowledgment number (uint32; meaningful when `ack` is set). */
  acknowledgmentNumber = 0;
  /**
   * The capture ended inside the options (a partial decode: see
   * {@linkcode DecodeError.partial}): `headerLength` counts the captured bytes, and
   * {@linkcode Tcp.options} ends with a `"truncated"` entry.
   */
  truncated = false;
  /** The data offset field: the header length in 32-bit words (5 to 15); `headerLength` is in bytes. */
  dataOffset = 0;
  /** The three reserved bits between the data offset and the flags. */
  reserved = 0;
  /** The 9 flag bits, AE (former NS) down to FIN; test them with {@linkcode TcpFlag}. */
  flags = 0;
  /** Receive window (unscaled). */
  window = 0;
  /** The checksum field. */
  checksum = 0;
  /** Urgent pointer (meaningful when `urg` is set). */
  urgentPointer = 0;
  #network: NetworkLayer | undefined = undefined;

  /** FIN: no more data from the sender. */
  get fin(): boolean {
    return (this.flags & TcpFlag.FIN) !== 0;
  }

  /** SYN: synchronize sequence numbers. */
  get syn(): boolean {
    return (this.flags & TcpFlag.SYN) !== 0;
  }

  /** RST: reset the connection. */
  get rst(): boolean {
    return (this.flags & TcpFlag.RST) !== 0;
  }

  /** PSH: push function. */
  get psh(): boolean {
    return (this.flags & TcpFlag.PSH) !== 0;
  }

  /** ACK: the acknowledgment number is significant. */
  get ack(): boolean {
    return (this.flags & TcpFlag.ACK) !== 0;
  }

  /** URG: the urgent pointer is significant. */
  get urg(): boolean {
    return (this.flags & TcpFlag.URG) !== 0;
  }

  /** ECE: ECN-Echo (RFC 3168). */
  get ece(): boolean {
    return (this.flags & TcpFlag.ECE) !== 0;
  }

  /** CWR: congestion window reduced (RFC 3168). */
  get cwr(): boolean {
    return (this.flags & TcpFlag.CWR) !== 0;
  }

  /** AE: accurate ECN (RFC 9768), formerly NS (RFC 3540). */
  get ae(): boolean {
    return (this.flags & TcpFlag.AE) !== 0;
  }

  /**
   * Whether the checksum is correct over the pseudo-header and the whole segment:
   * `undefined` when it cannot be told (no IP layer below, an IP fragment, or a capture
   * that cut the segment short).
   */
  get checksumValid(): boolean | undefined {
    const network = this.#network;
    if (network === undefined || !capturedWhole(network, this.end)) return undefined;
    const length = this.end - this.offset;
    const sum = sumWords(this.data, this.offset, this.end, network.pseudoHeaderSum(TCP, length));
    return foldChecksum(sum) === 0;
  }

  /**
   * Every option in header order, up to an EOL (the rest is padding) or the end of the
   * header. A malformed option (length byte missing, below 2, or past the header) stops
   * the walk and ends the list as a `"malformed"` entry; in a header cut short by the
   * capture, an option not all captured ends it as a `"truncated"` entry. Builds a new
   * array on each call; {@linkcode TcpOptionCursor} walks the options without allocating.
   */
  get options(): TcpOption[] {
    const options: TcpOption[] = [];
    const cursor = new TcpOptionCursor().reset(this);
    while (cursor.next()) options.push(cursor.toOption());
    return options;
  }

  /** Whether the option walk stops at a malformed option (see {@linkcode Tcp.options}). */
  get optionsMalformed(): boolean {
    return this.#find(-1) === WALK_MALFORMED;
  }

  /** The maximum segment size option's value, if the header has a well-formed one. */
  get mss(): number | undefined {
    const at = this.#find(TcpOptionKind.MSS);
    if (at < 0 || this.data[at + 1] !== 4) return undefined;
    return (this.data[at + 2]! << 8) | this.data[at + 3]!;
  }

  /** The window scale shift count, if the header has a well-formed option. */
  get windowScale(): number | undefined {
    const at = this.#find(TcpOptionKind.WINDOW_SCALE);
    if (at < 0 || this.data[at + 1] !== 3) return undefined;
    return this.data[at + 2]!;
  }

  /** Whether the header has a SACK-permitted option. */
  get sackPermitted(): boolean {
    const at = this.#find(TcpOptionKind.SACK_PERMITTED);
    return at >= 0 && this.data[at + 1] === 2;
  }

  /** The timestamps option (TSval and TSecr), if the header has a well-formed one. */
  get timestamp(): { value: number; echo: number } | undefined {
    const at = this.#find(TcpOptionKind.TIMESTAMPS);
    if (at < 0 || this.data[at + 1] !== 10) return undefined;
    return { value: readUint32(this.data, at + 2), echo: readUint32(this.data, at + 6) };
  }

  /** Whether an option ending at `end` ends inside the header that the data offset gives. */
  #fits(end: number): boolean {
    return end <= this.offset + this.dataOffset * 4;
  }

  /**
   * Walks the options as {@linkcode Tcp.options} does, allocating nothing.
   *
   * @returns The offset of the first option of `kind` (length checked against the header),
   * -1 when there is none, or {@linkcode WALK_MALFORMED} when the walk hit a malformed option.
   */
  #find(kind: number): number {
    const data = this.data;
    const end = this.offset + this.headerLength;
    let at = this.offset + 20;
    while (at < end) {
      const current = data[at]!;
      if (current === 0) return -1;
      if (current === 1) {
        at++;
        continue;
      }
      const length = at + 1 < end ? data[at + 1]! : 0;
      // The walk ends where a partial header's capture does.
      if (
        this.truncated &&
        (at + 2 > end || (length >= 2 && at + length > end && this.#fits(at + length)))
      ) return -1;
      if (length < 2 || at + length > end) return WALK_MALFORMED;
      if (current === kind) return at;
      at += length;
    }
    return -1;
  }

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    context: DecodeContext,
  ): DecodeError | undefined {
    if (end - offset < 20) return DecodeError.truncated(this.kind, offset, 20, end - offset);
    const dataOffset = data[offset + 12]! >> 4;
    const headerLength = dataOffset * 4;
    if (headerLength < 20) {
      return DecodeError.malformed(
        this.kind,
        offset,
        20,
        headerLength,
        `header length ${headerLength} is less than 20`,
      );
    }
    // A header whose options the capture cut short (the IP length holds them) is kept as
    // far as it goes; one longer than its IP packet is an error.
    const truncated = end - offset < headerLength;
    const network = context.network;
    if (truncated && !cutByCapture(network, offset + headerLength, end)) {
      return DecodeError.truncated(this.kind, offset, headerLength, end - offset);
    }
    this.data = data;
    this.offset = offset;
    this.headerLength = truncated ? end - offset : headerLength;
    this.truncated = truncated;
    this.end = end;
    this.sourcePort = (data[offset]! << 8) | data[offset + 1]!;
    this.destinationPort = (data[offset + 2]! << 8) | data[offset + 3]!;
    this.sequenceNumber = readUint32(data, offset + 4);
    this.acknowledgmentNumber = readUint32(data, offset + 8);
    this.dataOffset = dataOffset;
    this.reserved = (data[offset + 12]! >> 1) & 0x7;
    this.flags = ((data[offset + 12]! & 1) << 8) | data[offset + 13]!;
    this.window = (data[offset + 14]! << 8) | data[offset + 15]!;
    this.checksum = (data[offset + 16]! << 8) | data[offset + 17]!;
    this.urgentPointer = (data[offset + 18]! << 8) | data[offset + 19]!;
    this.#network = context.network;
    context.transport = this;
    if (truncated) {
      return DecodeError.truncated(this.kind, offset, headerLength, end - offset, true);
    }
    return undefined;
  }

  /**
   * Picks the application decoder by port, the lower one first (or as the tables'
   * `portChoice` says); none without payload.
   */
  nextDecoder(context: DecodeContext): Decoder | undefined {
    if (this.offset + this.headerLength >= this.end) return undefined;
    const tables = context.tables;
    return portDecoder(
      tables.tcpPorts,
      tables.portChoice?.tcp,
      this.sourcePort,
      this.destinationPort,
    );
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return {
      sourcePort: this.sourcePort,
      destinationPort: this.destinationPort,
      sequenceNumber: this.sequenceNumber,
      acknowledgmentNumber: this.acknowledgmentNumber,
      dataOffset: this.dataOffset,
      flags: this.flags,
      window: this.window,
      checksum: this.checksum,
      urgentPointer: this.urgentPointer,
      options: this.options.map(optionToJSON),
    };
  }
}

/** Creates {@linkcode Tcp} layers; the registry entry for IP protocol 6. */
export const tcpDecoder: ProtocolDescriptor<Tcp> = defineProtocol({
  kind: "tcp",
  name: "TCP",
  tcpdumpName: "tcp",
  create: () => new Tcp(),
  bindings: { ipProtocols: [IpProtocol.TCP] },
});

/**
 * Decodes a TCP header.
 *
 * @param data The bytes.
 * @param offset Where the header starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When the header is cut short, or its data offset is below 5.
 *
 * @example Reject a header cut inside its options
 * ```ts
 * import { decodeTcp } from "./tcp.ts";
 * import assert from "node:assert/strict";
 *
 * const segment = new Uint8Array(22);
 * segment[12] = 0x60; // data offset 6: a 24-byte header
 * assert.throws(() => decodeTcp(segment), {
 *   name: "DecodeError",
 *   message: "Cannot decode TCP header: 24 bytes required, received 22",
 * });
 * ```
 */
export function decodeTcp(data: Uint8Array, offset = 0): Tcp {
  return decodeOne(new Tcp(), data, offset);
}
