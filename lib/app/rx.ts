/**
 * AFS's RX protocol over UDP ports 7000-7009: the 28-byte RX header (epoch, connection
 * and call numbers, sequence and serial numbers, packet type, flags, security index,
 * service ID), and a cursor over the call's argument words that the service printers
 * walk, as tcpdump's rx_print() reads them.
 *
 * @module
 */

import type { DecodeError } from "../errors.ts";
import { decodeOne } from "../_decode_one.ts";
import { readUint16, readUint32 } from "../_bytes.ts";
import { beginMessage } from "./_wire_length.ts";
import { RxCursor } from "./_rx_cursor.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";

export { RxCursor } from "./_rx_cursor.ts";

/** The size of an RX header. */
export const RX_HEADER_LENGTH = 28;

/** RX packet types. */
export const RxPacketType = {
  DATA: 1,
  ACK: 2,
  BUSY: 3,
  ABORT: 4,
  ACKALL: 5,
  CHALLENGE: 6,
  RESPONSE: 7,
  DEBUG: 8,
  PARAMS: 9,
  VERSION: 13,
} as const;

/** RX header flags. */
export const RxFlag = {
  CLIENT_INITIATED: 1,
  REQUEST_ACK: 2,
  LAST_PACKET: 4,
  MORE_PACKETS: 8,
  FREE_PACKET: 16,
  /** Slow start (acks) or jumbogram (data). */
  SLOW_START_OR_JUMBO: 32,
} as const;

/** The first and last UDP ports tcpdump hands to its RX printer. */
const FIRST_PORT = 7000;
const LAST_PORT = 7009;

/**
 * An RX packet: the header's fields (zero when the header was cut) and a cursor over
 * what follows it.
 *
 * @example Read an RX header
 * ```ts
 * import { decodeRx } from "./rx.ts";
 * import assert from "node:assert/strict";
 *
 * const bytes = new Uint8Array(32);
 * bytes.set([0, 0, 0, 7], 8); // call number
 * bytes[20] = 1; // data
 * bytes.set([0, 0, 0, 132], 28); // fetch-status
 * const rx = decodeRx(bytes);
 * assert.equal(rx.callNumber, 7);
 * assert.equal(rx.type, 1);
 * assert.equal(rx.cursor().uint32(), 132);
 * ```
 */
export class Rx extends LayerBase {
  /** The discriminant. */
  readonly kind = "rx" as const;
  /** The UDP source port. */
  sourcePort = 0;
  /** The UDP destination port (which names the service of a call). */
  destinationPort = 0;
  /** The connection epoch. */
  epoch = 0;
  /** The connection ID. */
  cid = 0;
  /** The call number. */
  callNumber = 0;
  /** The packet's sequence number within the call. */
  sequence = 0;
  /** The packet's serial number. */
  serial = 0;
  /** The packet type ({@linkcode RxPacketType}). */
  type = 0;
  /** The flags ({@linkcode RxFlag}). */
  flags = 0;
  /** The user status byte. */
  userStatus = 0;
  /** The security index. */
  securityIndex = 0;
  /** The spare (checksum) field. */
  spare = 0;
  /** The service ID. */
  serviceId = 0;
  /** Whether the 28-byte header was captured. */
  complete = false;
  /** The RX bytes the transport declares. */
  wireLength = 0;
  /**
   * The 32-bit words at offsets 12 and 16 of the IP header (IPv4's addresses), which
   * tcpdump's call cache compares to match a reply with its call, whatever the IP version.
   */
  ipSourceWord = 0;
  /** See {@linkcode Rx.ipSourceWord}. */
  ipDestinationWord = 0;
  readonly #cursor = new RxCursor();

  /**
   * A cursor at the first byte after the header (the call's opcode, the ack's fields),
   * reset at each call: the layer holds one.
   */
  cursor(): RxCursor {
    return this.#cursor.reset(this.data, this.offset + RX_HEADER_LENGTH, this.end);
  }

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    context: DecodeContext,
  ): DecodeError | undefined {
    const udp = context.transport;
    if (udp !== undefined && udp.kind === "udp") {
      this.sourcePort = udp.sourcePort;
      this.destinationPort = udp.destinationPort;
    }
    const network = context.network;
    this.ipSourceWord = this.ipDestinationWord = 0;
    if (network instanceof LayerBase && network.offset + 20 <= network.data.length) {
      this.ipSourceWord = readUint32(network.data, network.offset + 12);
      this.ipDestinationWord = readUint32(network.data, network.offset + 16);
    }
    const error = beginMessage(this, data, offset, end, context);
    if (error !== undefined) return error;
    this.complete = end - offset >= RX_HEADER_LENGTH;
    this.headerLength = Math.min(RX_HEADER_LENGTH, end - offset);
    // A cut header reads as zeros: tcpdump prints only its length then.
    const read = this.complete;
    this.epoch = read ? readUint32(data, offset) : 0;
    this.cid = read ? readUint32(data, offset + 4) : 0;
    this.callNumber = read ? readUint32(data, offset + 8) : 0;
    this.sequence = read ? readUint32(data, offset + 12) : 0;
    this.serial = read ? readUint32(data, offset + 16) : 0;
    this.type = read ? data[offset + 20]! : 0;
    this.flags = read ? data[offset + 21]! : 0;
    this.userStatus = read ? data[offset + 22]! : 0;
    this.securityIndex = read ? data[offset + 23]! : 0;
    this.spare = read ? readUint16(data, offset + 24) : 0;
    this.serviceId = read ? readUint16(data, offset + 26) : 0;
    return undefined;
  }

  /** Picks the decoder of the payload from the context's tables. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return {
      epoch: this.epoch,
      cid: this.cid,
      callNumber: this.callNumber,
      sequence: this.sequence,
      serial: this.serial,
      type: this.type,
      flags: this.flags,
      userStatus: this.userStatus,
      securityIndex: this.securityIndex,
      spare: this.spare,
      serviceId: this.serviceId,
    };
  }
}

/**
 * Creates {@linkcode Rx} layers; bound to UDP ports 7000-7009 (either port, as tcpdump
 * reads them).
 *
 * @example Create an RX layer
 * ```ts
 * import { rxDecoder } from "./rx.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(rxDecoder.create().kind, "rx");
 * ```
 */
export const rxDecoder: ProtocolDescriptor<Rx> = defineProtocol({
  kind: "rx",
  name: "RX",
  tcpdumpName: "rx",
  create: () => new Rx(),
  bindings: {
    udpPorts: Array.from({ length: LAST_PORT - FIRST_PORT + 1 }, (_, i) => FIRST_PORT + i),
  },
});

/**
 * Decodes an RX packet.
 *
 * @param data The bytes.
 * @param offset Where the packet starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When no byte remains.
 *
 * @example Decode an ack's header
 * ```ts
 * import { decodeRx, RxPacketType } from "./rx.ts";
 * import assert from "node:assert/strict";
 *
 * const bytes = new Uint8Array(28);
 * bytes[20] = RxPacketType.ACK;
 * assert.equal(decodeRx(bytes).type, RxPacketType.ACK);
 * ```
 */
export function decodeRx(data: Uint8Array, offset = 0): Rx {
  return decodeOne(new Rx(), data, offset);
}
