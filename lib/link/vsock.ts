/**
 * Linux vsock monitor messages (`LINKTYPE_VSOCK`, 271), as the `vsockmon` device captures
 * them: a 32-byte header, a transport header (44 bytes for virtio), then the payload. All
 * fields are little-endian.
 *
 * @module
 */

import { LinkType } from "../link_type.ts";
import type { DecodeError } from "../errors.ts";
import { beginLayer } from "../_begin_layer.ts";
import { readUint16Le as le16, readUint32Le as le32 } from "../_bytes.ts";
import { decodeOne } from "../_decode_one.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";

/**
 * The transports a vsock monitor header names, and the operations it records.
 *
 * @example Tell a virtio message carrying data
 * ```ts
 * import { VsockTransport, VsockOp } from "./vsock.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(VsockTransport.VIRTIO, 2);
 * assert.equal(VsockOp.PAYLOAD, 4);
 * ```
 */
export const VsockTransport = {
  /** Unknown transport. */
  UNKNOWN: 0,
  /** No transport information. */
  NO_INFO: 1,
  /** A virtio transport header (44 bytes) follows. */
  VIRTIO: 2,
} as const;

/** The operations of a vsock monitor header (see {@linkcode VsockTransport}). */
export const VsockOp = {
  /** Unknown. */
  UNKNOWN: 0,
  /** A connection request or response. */
  CONNECT: 1,
  /** A disconnection. */
  DISCONNECT: 2,
  /** A control message. */
  CONTROL: 3,
  /** Data. */
  PAYLOAD: 4,
} as const;

/** The length of the virtio transport header. */
const VIRTIO_HEADER_LENGTH = 44;

function le64(data: Uint8Array, at: number): bigint {
  return (BigInt(le32(data, at + 4)) << 32n) | BigInt(le32(data, at));
}

/**
 * A vsock monitor header: source and destination context ids (8 bytes each), source and
 * destination ports (4 each), the operation, the transport and the transport header's
 * length (2 each) and 2 reserved bytes. The virtio transport header after it is read by
 * the getters `virtio*` when {@linkcode Vsock.transportHeaderCaptured} says it was
 * captured. The header length is the 32 bytes of the monitor header (what tcpdump counts
 * as the link header); nothing decodes the rest.
 *
 * @example Decode a CONNECT over virtio
 * ```ts
 * import { decodeVsock } from "./vsock.ts";
 * import assert from "node:assert/strict";
 *
 * const bytes = new Uint8Array(76);
 * bytes.set([3], 0);
 * bytes.set([2], 8);
 * bytes.set([0x00, 0x04, 0, 0, 0xd2, 0x04], 16);
 * bytes.set([1, 0, 2, 0, 44, 0], 24);
 * const vsock = decodeVsock(bytes);
 * assert.equal(vsock.sourceCid, 3n);
 * assert.equal(vsock.sourcePort, 1024);
 * assert.equal(vsock.destinationPort, 1234);
 * assert.equal(vsock.transport, 2);
 * assert.ok(vsock.transportHeaderCaptured);
 * ```
 */
export class Vsock extends LayerBase {
  /** The discriminant. */
  readonly kind = "vsock" as const;
  /** The source context id. */
  sourceCid = 0n;
  /** The destination context id. */
  destinationCid = 0n;
  /** The source port. */
  sourcePort = 0;
  /** The destination port. */
  destinationPort = 0;
  /** The operation (see {@linkcode VsockOp}). */
  op = 0;
  /** The transport (see {@linkcode VsockTransport}). */
  transport = 0;
  /** The transport header's length, as the header states it. */
  transportLength = 0;

  /** The length of the transport header that follows: 44 for virtio, else 0. */
  get transportHeaderLength(): number {
    return this.transport === VsockTransport.VIRTIO ? VIRTIO_HEADER_LENGTH : 0;
  }

  /** Whether the whole transport header was captured. */
  get transportHeaderCaptured(): boolean {
    return this.end - this.offset >= 32 + this.transportHeaderLength;
  }

  /** The virtio header's payload length (0 when the virtio header was not captured). */
  get virtioLength(): number {
    return this.#virtio(56, le32);
  }

  /** The virtio header's socket type (1: stream). */
  get virtioType(): number {
    return this.#virtio(60, le16);
  }

  /** The virtio header's operation (1 request ... 7 credit request). */
  get virtioOp(): number {
    return this.#virtio(62, le16);
  }

  /** The virtio header's flags. */
  get virtioFlags(): number {
    return this.#virtio(64, le32);
  }

  /** The virtio header's receive buffer space. */
  get virtioBufferAlloc(): number {
    return this.#virtio(68, le32);
  }

  /** The virtio header's count of bytes forwarded. */
  get virtioForwardCount(): number {
    return this.#virtio(72, le32);
  }

  // A virtio field, or 0 when the transport header is not virtio or was not captured whole.
  #virtio(at: number, read: (data: Uint8Array, at: number) => number): number {
    const captured = this.transport === VsockTransport.VIRTIO && this.transportHeaderCaptured;
    return captured ? read(this.data, this.offset + at) : 0;
  }

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    _context: DecodeContext,
  ): DecodeError | undefined {
    const error = beginLayer(this, data, offset, end, 32);
    if (error !== undefined) return error;
    this.headerLength = 32;
    this.sourceCid = le64(data, offset);
    this.destinationCid = le64(data, offset + 8);
    this.sourcePort = le32(data, offset + 16);
    this.destinationPort = le32(data, offset + 20);
    this.op = le16(data, offset + 24);
    this.transport = le16(data, offset + 26);
    this.transportLength = le16(data, offset + 28);
    return undefined;
  }

  /** Nothing decodes the transport header and payload. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return {
      sourceCid: String(this.sourceCid),
      destinationCid: String(this.destinationCid),
      sourcePort: this.sourcePort,
      destinationPort: this.destinationPort,
      op: this.op,
      transport: this.transport,
      transportLength: this.transportLength,
    };
  }
}

/**
 * Creates {@linkcode Vsock} layers; the registry entry for `LinkType.VSOCK`.
 *
 * @example Create a layer
 * ```ts
 * import { vsockDecoder } from "./vsock.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(vsockDecoder.create().kind, "vsock");
 * ```
 */
export const vsockDecoder: ProtocolDescriptor<Vsock> = defineProtocol({
  kind: "vsock",
  name: "vsock",
  tcpdumpName: "vsock",
  create: () => new Vsock(),
  bindings: { linkTypes: [LinkType.VSOCK] },
});

/**
 * Decodes a vsock monitor header.
 *
 * @param data The bytes.
 * @param offset Where the header starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When fewer than 32 bytes remain.
 *
 * @example Reject a truncated header
 * ```ts
 * import { decodeVsock } from "./vsock.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeVsock(new Uint8Array(31)), {
 *   message: "Cannot decode vsock header: 32 bytes required, received 31",
 * });
 * ```
 */
export function decodeVsock(data: Uint8Array, offset = 0): Vsock {
  return decodeOne(new Vsock(), data, offset);
}
