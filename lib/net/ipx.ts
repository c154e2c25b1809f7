/**
 * Novell IPX datagrams: over Ethernet II (EtherType `0x8137`), raw 802.3 (the frame's
 * payload starts with the checksum `ff ff`), LLC SAP `0xe0` and SNAP.
 *
 * @module
 */

import { readUint16, readUint32 } from "../_bytes.ts";
import { DecodeError } from "../errors.ts";
import { decodeOne } from "../_decode_one.ts";
import { formatMac } from "../address.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";

/** The IPX header's length. */
export const IPX_HEADER_LENGTH = 30;

/** Well-known IPX sockets. */
export const IpxSocket = {
  /** NetWare Core Protocol. */
  NCP: 0x0451,
  /** Service Advertising Protocol. */
  SAP: 0x0452,
  /** Routing Information Protocol. */
  RIP: 0x0453,
  /** NetBIOS. */
  NETBIOS: 0x0455,
  /** Diagnostics. */
  DIAGNOSTICS: 0x0456,
  /** NWLink datagrams (may carry SMB). */
  NWLINK_DGM: 0x0553,
  /** Cisco EIGRP over IPX. */
  EIGRP: 0x85be,
} as const;

/** One server of a SAP response: its type, then where its name and address lie. */
export interface IpxSapServer {
  /** The server type. */
  readonly serverType: number;
  /** Where its 48-byte name starts (`-1`: the message ends before it). */
  readonly nameOffset: number;
  /** Where its 10-byte address (network and node) starts (`-1`: the message ends before it). */
  readonly addressOffset: number;
}

/**
 * A SAP message (socket `0x452`): the operation, and for responses (2, 4) up to 8
 * servers; for requests (1, 3) the server type asked for.
 */
export interface IpxSap {
  /** The operation: 1 request, 2 response, 3 nearest request, 4 nearest response. */
  readonly operation: number;
  /** The server type of a request, `undefined` when the message ends before it. */
  readonly serverType?: number;
  /** The servers of a response. */
  readonly servers: readonly IpxSapServer[];
  /**
   * Why the walk stopped early: the IPX length ends inside an entry (`"invalid"`) or the
   * captured bytes do (`"truncated"`).
   */
  readonly stop?: "invalid" | "truncated";
}

/** One route of a RIP message: network, hops and ticks. */
export interface IpxRipRoute {
  /** The network number. */
  readonly network: number;
  /** Hops to it. */
  readonly hops: number;
  /** Ticks (1/18 s) to it. */
  readonly ticks: number;
}

/** A RIP message (socket `0x453`): the operation (1 request, 2 response) and routes. */
export interface IpxRip {
  /** The operation. */
  readonly operation: number;
  /** The routes (a request carries at most one, a response at most 50). */
  readonly routes: readonly IpxRipRoute[];
  /** Why the walk stopped early, as in {@linkcode IpxSap.stop}. */
  readonly stop?: "invalid" | "truncated";
}

/**
 * An IPX header: checksum, length, transport control, packet type, then the destination
 * and the source, each a network number, a node (MAC) address and a socket. The payload
 * is what the length field covers after the header.
 *
 * @example Decode a RIP request
 * ```ts
 * import { decodeIpx } from "./ipx.ts";
 * import assert from "node:assert/strict";
 *
 * const bytes = new Uint8Array(40);
 * bytes.set([0xff, 0xff, 0, 40, 0, 1, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 4, 0x53]);
 * bytes.set([0, 0, 0, 0, 0, 0x0c, 0x29, 1, 2, 3, 4, 0x53, 0, 1, 0xff, 0xff, 0xff, 0xff, 0, 0], 18);
 * const ipx = decodeIpx(bytes);
 * assert.equal(ipx.length, 40);
 * assert.equal(ipx.destinationSocket, 0x453);
 * assert.equal(ipx.sourceNode, "00:0c:29:01:02:03");
 * assert.equal(ipx.rip()?.operation, 1);
 * assert.equal(ipx.rip()?.routes[0]?.network, 0xffffffff);
 * ```
 */
export class Ipx extends LayerBase {
  /** The discriminant. */
  readonly kind = "ipx" as const;
  /** The checksum (`0xffff`: none). */
  checksum = 0;
  /** The length field: header and data. */
  length = 0;
  /** Transport control (the hop count). */
  transportControl = 0;
  /** The packet type. */
  packetType = 0;
  /** The destination network number. */
  destinationNetwork = 0;
  /** The destination socket. */
  destinationSocket = 0;
  /** The source network number. */
  sourceNetwork = 0;
  /** The source socket. */
  sourceSocket = 0;
  /** Where the captured bytes end (past `end` when the length field is shorter). */
  captureEnd = 0;

  /** The destination node address. */
  get destinationNode(): string {
    return formatMac(this.data, this.offset + 10);
  }

  /** The source node address. */
  get sourceNode(): string {
    return formatMac(this.data, this.offset + 22);
  }

  /** Where the destination node address starts in `data`. */
  get destinationNodeOffset(): number {
    return this.offset + 10;
  }

  /** Where the source node address starts in `data`. */
  get sourceNodeOffset(): number {
    return this.offset + 22;
  }

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    _context: DecodeContext,
  ): DecodeError | undefined {
    const available = end - offset;
    if (available < IPX_HEADER_LENGTH) {
      return DecodeError.truncated(this.kind, offset, IPX_HEADER_LENGTH, available);
    }
    this.data = data;
    this.offset = offset;
    this.headerLength = IPX_HEADER_LENGTH;
    this.checksum = readUint16(data, offset);
    this.length = readUint16(data, offset + 2);
    this.transportControl = data[offset + 4]!;
    this.packetType = data[offset + 5]!;
    this.destinationNetwork = readUint32(data, offset + 6);
    this.destinationSocket = readUint16(data, offset + 16);
    this.sourceNetwork = readUint32(data, offset + 18);
    this.sourceSocket = readUint16(data, offset + 28);
    this.captureEnd = end;
    // The length field covers the datagram; a shorter or bad one leaves the bytes captured.
    this.end = this.length >= IPX_HEADER_LENGTH && offset + this.length < end
      ? offset + this.length
      : end;
    return undefined;
  }

  /** Picks the decoder of the payload from the context's tables. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /** The SAP message, when the destination socket is SAP's and the length is valid. */
  sap(): IpxSap | undefined {
    if (this.destinationSocket !== IpxSocket.SAP || this.length < IPX_HEADER_LENGTH) {
      return undefined;
    }
    const d = this.data;
    const limit = this.captureEnd;
    let at = this.offset + IPX_HEADER_LENGTH;
    let length = this.length - IPX_HEADER_LENGTH;
    if (limit - at < 2) return { operation: -1, servers: [], stop: "truncated" };
    const operation = readUint16(d, at);
    if (length < 2) return { operation, servers: [], stop: "invalid" };
    at += 2;
    length -= 2;
    const servers: IpxSapServer[] = [];
    if (operation === 1 || operation === 3) {
      if (limit - at < 2) return { operation, servers, stop: "truncated" };
      return { operation, serverType: readUint16(d, at), servers };
    }
    if (operation !== 2 && operation !== 4) return { operation, servers };
    for (let i = 0; i < 8 && length !== 0; i++) {
      if (limit - at < 2) return { operation, servers, stop: "truncated" };
      if (length < 2) return { operation, servers, stop: "invalid" };
      const serverType = readUint16(d, at);
      at += 2;
      length -= 2;
      if (length < 48) {
        servers.push({ serverType, nameOffset: -1, addressOffset: -1 });
        return { operation, servers, stop: "invalid" };
      }
      const nameOffset = at;
      at += 48;
      length -= 48;
      if (limit - at < 10 || length < 10) {
        servers.push({ serverType, nameOffset, addressOffset: -1 });
        return { operation, servers, stop: limit - at < 10 ? "truncated" : "invalid" };
      }
      servers.push({ serverType, nameOffset, addressOffset: at });
      at += 10;
      length -= 10;
      if (limit - at < 4) return { operation, servers, stop: "truncated" };
      if (length < 4) return { operation, servers, stop: "invalid" };
      at += 4;
      length -= 4;
    }
    return { operation, servers };
  }

  /** The RIP message, when the destination socket is RIP's and the length is valid. */
  rip(): IpxRip | undefined {
    if (this.destinationSocket !== IpxSocket.RIP || this.length < IPX_HEADER_LENGTH) {
      return undefined;
    }
    const d = this.data;
    const limit = this.captureEnd;
    let at = this.offset + IPX_HEADER_LENGTH;
    let length = this.length - IPX_HEADER_LENGTH;
    if (limit - at < 2) return { operation: -1, routes: [], stop: "truncated" };
    const operation = readUint16(d, at);
    if (length < 2) return { operation, routes: [], stop: "invalid" };
    at += 2;
    length -= 2;
    const routes: IpxRipRoute[] = [];
    const max = operation === 1 ? 1 : operation === 2 ? 50 : 0;
    for (let i = 0; i < max && length !== 0; i++) {
      if (length < 8) return { operation, routes, stop: "invalid" };
      if (limit - at < 8) return { operation, routes, stop: "truncated" };
      routes.push({
        network: readUint32(d, at),
        hops: readUint16(d, at + 4),
        ticks: readUint16(d, at + 6),
      });
      at += 8;
      length -= 8;
    }
    return { operation, routes };
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return {
      checksum: this.checksum,
      length: this.length,
      transportControl: this.transportControl,
      packetType: this.packetType,
      destinationNetwork: this.destinationNetwork,
      destinationNode: this.destinationNode,
      destinationSocket: this.destinationSocket,
      sourceNetwork: this.sourceNetwork,
      sourceNode: this.sourceNode,
      sourceSocket: this.sourceSocket,
    };
  }
}

/**
 * Creates {@linkcode Ipx} layers; bound to EtherType `0x8137`, and picked by 802.3 frames
 * starting `ff ff` and by LLC SAP `0xe0`.
 *
 * @example Create an IPX layer
 * ```ts
 * import { ipxDecoder } from "./ipx.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(ipxDecoder.create().kind, "ipx");
 * ```
 */
export const ipxDecoder: ProtocolDescriptor<Ipx> = defineProtocol({
  kind: "ipx",
  name: "IPX",
  tcpdumpName: "ipx",
  tcpdumpCut: "read",
  create: () => new Ipx(),
  bindings: { etherTypes: [0x8137] },
});

/**
 * Decodes an IPX header.
 *
 * @param data The bytes.
 * @param offset Where the header starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When fewer than 30 bytes remain.
 *
 * @example Reject a short header
 * ```ts
 * import { decodeIpx } from "./ipx.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeIpx(new Uint8Array(20)), {
 *   message: "Cannot decode IPX header: 30 bytes required, received 20",
 * });
 * ```
 */
export function decodeIpx(data: Uint8Array, offset = 0): Ipx {
  return decodeOne(new Ipx(), data, offset);
}
