/**
 * Cisco's VLAN Query Protocol (VQP, VMPS), on UDP port 1589: an 8-byte header (version,
 * message type, error code, item count, sequence number), then the items, each a 4-byte
 * type, a 2-byte length and the value.
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

/**
 * VQP item (object) types, and the sizes tcpdump's vqp_print() requires of some.
 *
 * @example Compare a type
 * ```ts
 * import { VqpObjectType } from "./vqp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(VqpObjectType.MAC_ADDRESS, 0x0c08);
 * ```
 */
export const VqpObjectType = {
  /** The client's IPv4 address (4 bytes). */
  IP_ADDRESS: 0x0c01,
  /** The switch port's name. */
  PORT_NAME: 0x0c02,
  /** The VLAN's name. */
  VLAN_NAME: 0x0c03,
  /** The VTP domain's name. */
  VTP_DOMAIN: 0x0c04,
  /** The Ethernet frame that triggered the request. */
  ETHERNET_PACKET: 0x0c05,
  /** A null MAC address (6 bytes). */
  MAC_NULL: 0x0c06,
  /** The client's MAC address (6 bytes). */
  MAC_ADDRESS: 0x0c08,
} as const;

/**
 * How an item's value ends the walk, as vqp_print() stops: `ok` when it is read, `null`
 * for a zero type or length (nothing more is read), `capture` when the capture ends first,
 * `length` when it runs past the message, `size` when an address has the wrong length.
 */
export type VqpValueStatus = "ok" | "null" | "capture" | "length" | "size";

/** One item, its header read. */
export interface VqpObject {
  /** The 32-bit type ({@linkcode VqpObjectType}). */
  readonly type: number;
  /** The value's length. */
  readonly length: number;
  /** Offset of the value in the layer's `data`. */
  readonly valueAt: number;
  /** Whether the value can be printed, or why the walk stopped there. */
  readonly status: VqpValueStatus;
}

/** The items of a message, and where their reading stopped. */
export interface VqpObjects {
  /** The items whose header was read; only the last one's status may be other than `ok`. */
  readonly objects: VqpObject[];
  /**
   * Why the walk stopped before an item's header: `capture` when the capture ends first,
   * `length` when the header runs past the message; `undefined` otherwise.
   */
  readonly cut: "capture" | "length" | undefined;
}

/** The value sizes vqp_print() requires. */
const SIZES: ReadonlyMap<number, number> = new Map([
  [VqpObjectType.IP_ADDRESS, 4],
  [VqpObjectType.MAC_NULL, 6],
  [VqpObjectType.MAC_ADDRESS, 6],
]);

/**
 * A VQP message. The header's fields read as -1 unless its 8 bytes were captured.
 *
 * @example Decode a Join Port request with a client address
 * ```ts
 * import { decodeVqp } from "./vqp.ts";
 * import assert from "node:assert/strict";
 *
 * const vqp = decodeVqp(new Uint8Array([
 *   1, 1, 0, 1, 0, 0, 0, 7,
 *   0, 0, 0x0c, 0x01, 0, 4, 10, 0, 0, 1,
 * ]));
 * assert.equal(vqp.messageType, 1);
 * assert.equal(vqp.sequence, 7);
 * const { objects, cut } = vqp.objects();
 * assert.equal(cut, undefined);
 * assert.deepEqual(objects.map((o) => [o.type, o.length, o.status]), [[0x0c01, 4, "ok"]]);
 * ```
 */
export class Vqp extends LayerBase {
  /** The discriminant. */
  readonly kind = "vqp" as const;
  /** The message's length on the wire (the UDP payload's, bounded by the IP payload's). */
  wireLength = 0;
  /** Where the captured bytes end (tcpdump's snapend: the IP packet's). */
  snapEnd = 0;
  /** The version (1); -1 when the header was not captured. */
  version: number = -1;
  /** The message type (1 Join Port request, 2 VLAN response, 3/4 reconfirm); -1 likewise. */
  messageType: number = -1;
  /** The error code; -1 likewise. */
  errorCode: number = -1;
  /** The number of items; -1 likewise. */
  itemCount: number = -1;
  /** The sequence number; -1 likewise. */
  sequence: number = -1;

  /** Whether the 8-byte header was captured (tcpdump checks it before anything). */
  get headerCaptured(): boolean {
    return this.offset + 8 <= this.snapEnd;
  }

  /**
   * The items, read as vqp_print() reads them: each header and value first checked
   * against the capture, then against what is left of the message. Built on each call.
   *
   * @returns The items and where their reading stopped.
   */
  objects(): VqpObjects {
    const objects: VqpObject[] = [];
    const d = this.data;
    let at = this.offset + 8;
    let left = this.wireLength - 8;
    for (let n = this.itemCount; n > 0 && left > 0; n--) {
      if (at + 6 > this.snapEnd) return { objects, cut: "capture" };
      if (left < 6) return { objects, cut: "length" };
      const type = readUint32(d, at);
      const length = readUint16(d, at + 4);
      at += 6;
      left -= 6;
      const size = SIZES.get(type);
      const status: VqpValueStatus = type === 0 || length === 0
        ? "null"
        : at + length > this.snapEnd
        ? "capture"
        : length > left
        ? "length"
        : size !== undefined && size !== length
        ? "size"
        : "ok";
      objects.push({ type, length, valueAt: at, status });
      if (status !== "ok") break;
      at += length;
      left -= length;
    }
    return { objects, cut: undefined };
  }

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    context: DecodeContext,
  ): DecodeError | undefined {
    const error = beginMessage(this, data, offset, end, context);
    if (error !== undefined) return error;
    this.snapEnd = capturedEnd(context, end);
    const captured = offset + 8 <= this.snapEnd;
    this.headerLength = Math.min(8, end - offset);
    this.version = captured ? data[offset]! : -1;
    this.messageType = captured ? data[offset + 1]! : -1;
    this.errorCode = captured ? data[offset + 2]! : -1;
    this.itemCount = captured ? data[offset + 3]! : -1;
    this.sequence = captured ? readUint32(data, offset + 4) : -1;
    return undefined;
  }

  /** VQP carries no further layer. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    const { objects, cut } = this.objects();
    return {
      version: this.version,
      messageType: this.messageType,
      errorCode: this.errorCode,
      itemCount: this.itemCount,
      sequence: this.sequence,
      objects: objects.map(({ type, length, status }) => ({ type, length, status })),
      ...(cut === undefined ? {} : { cut }),
    };
  }
}

/**
 * Creates {@linkcode Vqp} layers; the registry entry for UDP port 1589.
 *
 * @example Create a VQP layer
 * ```ts
 * import { vqpDecoder } from "./vqp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(vqpDecoder.create().kind, "vqp");
 * ```
 */
export const vqpDecoder: ProtocolDescriptor<Vqp> = defineProtocol({
  kind: "vqp",
  name: "VQP",
  tcpdumpName: "vqp",
  create: () => new Vqp(),
  bindings: { udpPorts: [1589] },
});

/**
 * Decodes a VQP message.
 *
 * @param data The bytes.
 * @param offset Where the message starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When no byte remains.
 *
 * @example Decode a message cut inside its header
 * ```ts
 * import { decodeVqp } from "./vqp.ts";
 * import assert from "node:assert/strict";
 *
 * const vqp = decodeVqp(new Uint8Array([1, 2, 0]));
 * assert.equal(vqp.headerCaptured, false);
 * assert.equal(vqp.messageType, -1);
 * ```
 */
export function decodeVqp(data: Uint8Array, offset = 0): Vqp {
  return decodeOne(new Vqp(), data, offset);
}
