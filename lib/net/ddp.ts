/**
 * AppleTalk's Datagram Delivery Protocol (DDP; Inside AppleTalk, chapter 4) with its long
 * header, as EtherTalk (EtherType `0x809b`, or LLC/SNAP with Apple's OUI `0x080007`) and
 * ARCNET carry it: 13 bytes of hop count and length, checksum, destination and source
 * networks, nodes and sockets, and the DDP type. Its ATP header and NBP tuples
 * (`_ddp_nbp.ts`) are read here for the printer; EIGRP over DDP (type 88) is the one
 * further layer.
 *
 * @module
 */

import type { DecodeError } from "../errors.ts";
import { readUint16 } from "../_bytes.ts";
import { beginPartialHeader } from "../_begin_layer.ts";
import { decodeOne } from "../_decode_one.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";
import { eigrpDecoder } from "./eigrp.ts";
import {
  type AtpHeader,
  type DdpDatagram,
  type NbpPacket,
  readAtp,
  readNbp,
} from "./_ddp_payload.ts";

export { ATP_HEADER_LENGTH, NbpFunction } from "./_ddp_payload.ts";
export type { AtpHeader, DdpDatagram, NbpName, NbpPacket, NbpTuple } from "./_ddp_payload.ts";

/** The length of DDP's long header. */
export const DDP_HEADER_LENGTH = 13;

/** DDP types that wirekit's printer tells apart. */
export const DdpType = {
  /** Routing Table Maintenance Protocol data. */
  RTMP: 1,
  /** Name Binding Protocol. */
  NBP: 2,
  /** AppleTalk Transaction Protocol. */
  ATP: 3,
  /** AppleTalk Echo Protocol. */
  ECHO: 4,
  /** RTMP request. */
  RTMP_REQUEST: 5,
  /** IP over DDP. */
  IP: 22,
  /** ARP over DDP. */
  ARP: 23,
  /** Kinetics KLAP. */
  KLAP: 0x4b,
  /** Cisco EIGRP over AppleTalk. */
  EIGRP: 88,
} as const;

/**
 * A DDP datagram with the long header. A datagram the capture cut before its 13th byte is
 * kept as a partial layer (`partial`) whose fields must not be read, as tcpdump prints only
 * that it was cut.
 *
 * @example Decode an ATP request
 * ```ts
 * import { decodeDdp } from "./ddp.ts";
 * import assert from "node:assert/strict";
 *
 * const bytes = new Uint8Array([
 *   0, 21, 0, 0, 0xff, 0, 0x12, 0x34, 200, 9, 2, 253, 3,
 *   0x40, 0xff, 0x12, 0x34, 0, 0, 0, 0,
 * ]);
 * const ddp = decodeDdp(bytes);
 * assert.equal(ddp.sourceNet, 0x1234);
 * assert.equal(ddp.destinationSocket, 2);
 * assert.equal(ddp.type, 3);
 * assert.equal(ddp.atp()?.transactionId, 0x1234);
 * ```
 */
export class Ddp extends LayerBase implements DdpDatagram {
  /** The discriminant. */
  readonly kind = "ddp" as const;
  /** Fewer than the header's 13 bytes were captured. */
  partial = false;

  /** The hop count (the top 6 bits of the first 2 bytes). */
  get hops(): number {
    return (this.data[this.offset]! >> 2) & 0x0f;
  }

  /** The datagram's length field (10 bits), which tcpdump does not use. */
  get length(): number {
    return readUint16(this.data, this.offset) & 0x3ff;
  }

  /** The checksum (0: none). */
  get checksum(): number {
    return readUint16(this.data, this.offset + 2);
  }

  /** The destination network. */
  get destinationNet(): number {
    return readUint16(this.data, this.offset + 4);
  }

  /** The source network. */
  get sourceNet(): number {
    return readUint16(this.data, this.offset + 6);
  }

  /** The destination node (255: broadcast). */
  get destinationNode(): number {
    return this.data[this.offset + 8]!;
  }

  /** The source node. */
  get sourceNode(): number {
    return this.data[this.offset + 9]!;
  }

  /** The destination socket. */
  get destinationSocket(): number {
    return this.data[this.offset + 10]!;
  }

  /** The source socket. */
  get sourceSocket(): number {
    return this.data[this.offset + 11]!;
  }

  /** The DDP type ({@linkcode DdpType}). */
  get type(): number {
    return this.data[this.offset + 12]!;
  }

  /** Where the payload starts. */
  get payloadOffset(): number {
    return this.offset + DDP_HEADER_LENGTH;
  }

  /** The ATP header after the DDP header, `undefined` when its 8 bytes were not captured. */
  atp(): AtpHeader | undefined {
    return this.partial ? undefined : readAtp(this.data, this.payloadOffset, this.end);
  }

  /**
   * The NBP packet after the DDP header, its tuples walked within the captured bytes (not
   * the DDP length), `undefined` when its 2-byte header was not captured.
   */
  nbp(): NbpPacket | undefined {
    return this.partial ? undefined : readNbp(this.data, this.payloadOffset, this.end);
  }

  /**
   * Decodes the header at `offset`, returning the error instead of throwing. A header
   * shorter than 13 bytes is kept as a partial layer.
   */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    _context: DecodeContext,
  ): DecodeError | undefined {
    return beginPartialHeader(this, data, offset, end, DDP_HEADER_LENGTH);
  }

  /** EIGRP (type 88) is the one layer after DDP. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return !this.partial && this.type === DdpType.EIGRP ? eigrpDecoder : undefined;
  }

  /** Returns the header's fields as a plain object (`{ partial: true }` when cut). */
  toJSON(): Record<string, unknown> {
    if (this.partial) return { partial: true };
    return {
      hops: this.hops,
      length: this.length,
      checksum: this.checksum,
      destinationNet: this.destinationNet,
      destinationNode: this.destinationNode,
      destinationSocket: this.destinationSocket,
      sourceNet: this.sourceNet,
      sourceNode: this.sourceNode,
      sourceSocket: this.sourceSocket,
      type: this.type,
    };
  }
}

/**
 * Creates {@linkcode Ddp} layers; bound to EtherType `0x809b` (Ethernet II, SNAP, and
 * ARCNET's AppleTalk type, which looks the EtherType up).
 *
 * @example Create a DDP layer
 * ```ts
 * import { ddpDecoder } from "./ddp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(ddpDecoder.create().kind, "ddp");
 * ```
 */
export const ddpDecoder: ProtocolDescriptor<Ddp> = defineProtocol({
  kind: "ddp",
  name: "DDP",
  tcpdumpName: "ddp",
  create: () => new Ddp(),
  bindings: { etherTypes: [0x809b] },
});

/**
 * Decodes a DDP long header.
 *
 * @param data The bytes.
 * @param offset Where it starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When fewer than 13 bytes remain.
 *
 * @example Reject a truncated header
 * ```ts
 * import { decodeDdp } from "./ddp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeDdp(new Uint8Array(10)), {
 *   message: "Cannot decode DDP header: 13 bytes required, received 10",
 * });
 * ```
 */
export function decodeDdp(data: Uint8Array, offset = 0): Ddp {
  return decodeOne(new Ddp(), data, offset);
}
