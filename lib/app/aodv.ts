/**
 * AODV, the Ad hoc On-Demand Distance Vector routing protocol (RFC 3561), and its IPv6
 * variant (draft-perkins-manet-aodv6), on UDP port 654: one message a datagram, its type
 * in the first byte. Route requests (RREQ), replies (RREP), errors (RERR) and reply
 * acknowledgements (RREP-ACK) have types 1 to 4; over IPv6 the same types carry IPv6
 * addresses, and draft-perkins-manet-aodv6-01's types 16 to 19 order the fields otherwise
 * (the sequence numbers before the addresses) whatever IP carries them. An RREQ or RREP
 * may be followed by an extension (type, length, value: the Hello interval). The layer
 * reads the fields at the offsets of its message's layout, as tcpdump's aodv_print() does.
 *
 * @module
 */

import { formatIpv4, formatIpv6 } from "../address.ts";
import type { DecodeError } from "../errors.ts";
import { readUint32 } from "../_bytes.ts";
import { decodeOne } from "../_decode_one.ts";
import { beginMessage, capturedEnd } from "./_wire_length.ts";
import { Ipv6 } from "../net/ipv6.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";

/** The message types tcpdump names. */
export const AodvMessageType = {
  RREQ: 1,
  RREP: 2,
  RERR: 3,
  RREP_ACK: 4,
  V6_DRAFT_01_RREQ: 16,
  V6_DRAFT_01_RREP: 17,
  V6_DRAFT_01_RERR: 18,
  V6_DRAFT_01_RREP_ACK: 19,
} as const;

/** The RREQ flag bits (RFC 3561 section 5.1): join, repair, gratuitous, destination only, unknown. */
export const AodvRreqFlag = {
  JOIN: 0x80,
  REPAIR: 0x40,
  GRATUITOUS: 0x20,
  DEST: 0x10,
  UNKNOWN: 0x08,
} as const;

/** The RREP flag bits (RFC 3561 section 5.2): repair and acknowledgement required. */
export const AodvRrepFlag = { REPAIR: 0x80, ACK: 0x40 } as const;

/** The RERR flag bit (RFC 3561 section 5.3): no delete. */
export const AODV_RERR_NO_DELETE = 0x80;

/** The extension type of the Hello interval (RFC 3561 section 6.9). */
export const AODV_EXT_HELLO = 1;

/**
 * Where the fields of a message with a fixed layout lie, from its first byte. RREQ:
 * request ID, destination and originator with their sequence numbers; RREP: destination
 * and its sequence number, originator, lifetime; RERR: the 4-byte header, then its
 * unreachable destinations (an address and a sequence number each).
 */
export interface AodvLayout {
  /** The message: `"rreq"`, `"rrep"` or `"rerr"`. */
  readonly message: "rreq" | "rrep" | "rerr";
  /** The size of the fixed part (the RERR header alone). */
  readonly size: number;
  /** The size of an address: 4 or 16. */
  readonly addressSize: 4 | 16;
  /** The destination address's offset (RREQ, RREP; -1 for RERR, as the three below). */
  readonly destination: number;
  /** The destination sequence number's offset (RREQ, RREP). */
  readonly destinationSequence: number;
  /** The originator address's offset (RREQ, RREP). */
  readonly originator: number;
  /** The originator sequence number's (RREQ) or the lifetime's (RREP) offset. */
  readonly last: number;
}

function layout(
  message: AodvLayout["message"],
  size: number,
  addressSize: 4 | 16,
  [destination, destinationSequence, originator, last]: readonly number[] = [-1, -1, -1, -1],
): AodvLayout {
  return {
    message,
    size,
    addressSize,
    destination: destination!,
    destinationSequence: destinationSequence!,
    originator: originator!,
    last: last!,
  };
}

// RFC 3561 (IPv4), the same over IPv6, and draft-perkins-manet-aodv6-01's order.
const RREQ = layout("rreq", 24, 4, [8, 12, 16, 20]);
const RREQ6 = layout("rreq", 48, 16, [8, 24, 28, 44]);
const RREQ6_DRAFT = layout("rreq", 48, 16, [16, 8, 32, 12]);
const RREP = layout("rrep", 20, 4, [4, 8, 12, 16]);
const RREP6 = layout("rrep", 44, 16, [4, 20, 24, 40]);
const RREP6_DRAFT = layout("rrep", 44, 16, [8, 4, 24, 40]);
const RERR = layout("rerr", 4, 4);
const RERR6 = layout("rerr", 4, 16);

/**
 * The layout of a message of `type`, carried over IPv6 or not; `undefined` for the types
 * without one (RREP-ACK and unknown types).
 *
 * @example The draft's RREQ has IPv6 addresses over IPv4 too
 * ```ts
 * import { aodvLayout } from "./aodv.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(aodvLayout(1, false)?.size, 24);
 * assert.equal(aodvLayout(1, true)?.size, 48);
 * assert.equal(aodvLayout(16, false)?.addressSize, 16);
 * assert.equal(aodvLayout(4, false), undefined);
 * ```
 */
export function aodvLayout(type: number, ipv6: boolean): AodvLayout | undefined {
  switch (type) {
    case AodvMessageType.RREQ:
      return ipv6 ? RREQ6 : RREQ;
    case AodvMessageType.RREP:
      return ipv6 ? RREP6 : RREP;
    case AodvMessageType.RERR:
      return ipv6 ? RERR6 : RERR;
    case AodvMessageType.V6_DRAFT_01_RREQ:
      return RREQ6_DRAFT;
    case AodvMessageType.V6_DRAFT_01_RREP:
      return RREP6_DRAFT;
    case AodvMessageType.V6_DRAFT_01_RERR:
      return RERR6;
  }
  return undefined;
}

/** An extension after an RREQ or RREP. */
export interface AodvExtension {
  /** The extension type ({@linkcode AODV_EXT_HELLO}). */
  readonly type: number;
  /** Its length byte. */
  readonly length: number;
  /** The 4 bytes after the header as a number (the Hello interval in ms); -1 when not captured. */
  readonly interval: number;
}

/** An unreachable destination of an RERR. */
export interface AodvUnreachable {
  /** Its address. */
  readonly address: string;
  /** Its sequence number. */
  readonly sequence: number;
}

/**
 * An AODV message. `wireLength` is the UDP payload's length; the capture may hold less
 * (`snapEnd`, up to the IP packet's end). A field the capture did not keep reads as -1
 * (numbers) or `""` (addresses); {@linkcode Aodv.complete} says whether the fixed part
 * of the message's layout was captured.
 *
 * @example Read an RREP
 * ```ts
 * import { decodeAodv } from "./aodv.ts";
 * import assert from "node:assert/strict";
 *
 * const aodv = decodeAodv(new Uint8Array([
 *   2, 0x40, 24, 3, 10, 0, 0, 9, 0, 0, 0, 5, 10, 0, 0, 1, 0, 0, 0x0b, 0xb8,
 * ]));
 * assert.equal(aodv.messageType, 2);
 * assert.ok(aodv.complete);
 * assert.deepEqual(
 *   [aodv.destination, aodv.destinationSequence, aodv.originator, aodv.lifetime],
 *   ["10.0.0.9", 5, "10.0.0.1", 3000],
 * );
 * ```
 */
export class Aodv extends LayerBase {
  /** The discriminant. */
  readonly kind = "aodv" as const;
  /** The message's length on the wire (the UDP payload's). */
  wireLength = 0;
  /** Where the captured bytes end (tcpdump's snapend: the IP packet's). */
  snapEnd = 0;
  /** Whether IPv6 carries the message (types 1 to 3 then have IPv6 addresses). */
  ipv6 = false;
  /** The message type, the first byte. */
  messageType = 0;
  /** The layout of the message's fields; `undefined` for RREP-ACK and unknown types. */
  layout: AodvLayout | undefined = undefined;

  /** Decodes the message at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    context: DecodeContext,
  ): DecodeError | undefined {
    const error = beginMessage(this, data, offset, end, context);
    if (error !== undefined) return error;
    this.snapEnd = capturedEnd(context, end);
    this.ipv6 = context.network instanceof Ipv6;
    this.messageType = data[offset]!;
    this.layout = aodvLayout(this.messageType, this.ipv6);
    this.headerLength = 0;
    return undefined;
  }

  /** AODV carries no further layer. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /** Whether `length` bytes at `at` were captured. */
  has(at: number, length: number): boolean {
    return at + length <= this.snapEnd;
  }

  /** Whether the fixed part of the message's layout was captured (`false` without a layout). */
  get complete(): boolean {
    const layout = this.layout;
    return layout !== undefined && this.has(this.offset, layout.size);
  }

  /** The second byte: the flags of an RREQ, RREP or RERR; -1 when not captured. */
  get flags(): number {
    return this.has(this.offset, 2) ? this.data[this.offset + 1]! : -1;
  }

  /** An RREP's prefix size (the low 5 bits of the third byte); -1 when not captured. */
  get prefixSize(): number {
    return this.has(this.offset, 3) ? this.data[this.offset + 2]! & 0x1f : -1;
  }

  /** The fourth byte: the hop count of an RREQ or RREP; -1 when not captured. */
  get hops(): number {
    return this.has(this.offset, 4) ? this.data[this.offset + 3]! : -1;
  }

  /** An RERR's destination count (the fourth byte); -1 when not captured. */
  get destinationCount(): number {
    return this.hops;
  }

  /** An RREQ's request ID; -1 when not captured. */
  get requestId(): number {
    return this.#number(this.layout?.message === "rreq" ? 4 : -1);
  }

  /** The destination address of an RREQ or RREP; `""` when not captured. */
  get destination(): string {
    return this.#address(this.layout?.destination);
  }

  /** The destination sequence number of an RREQ or RREP; -1 when not captured. */
  get destinationSequence(): number {
    return this.#number(this.layout?.destinationSequence);
  }

  /** The originator address of an RREQ or RREP; `""` when not captured. */
  get originator(): string {
    return this.#address(this.layout?.originator);
  }

  /** An RREQ's originator sequence number; -1 when not captured. */
  get originatorSequence(): number {
    return this.#number(this.layout?.message === "rreq" ? this.layout.last : -1);
  }

  /** An RREP's lifetime in ms; -1 when not captured. */
  get lifetime(): number {
    return this.#number(this.layout?.message === "rrep" ? this.layout.last : -1);
  }

  /** Where the bytes after the fixed part start: an extension's or the first unreachable destination's. */
  get bodyOffset(): number {
    return this.offset + (this.layout?.size ?? 1);
  }

  /** The size of one RERR unreachable destination: its address and a sequence number. */
  get unreachableSize(): number {
    return (this.layout?.addressSize ?? 4) + 4;
  }

  /**
   * An RERR's unreachable destination.
   *
   * @param index Its index, from 0.
   * @returns Its fields, or `undefined` when it was not captured (or the message is no RERR).
   */
  unreachableAt(index: number): AodvUnreachable | undefined {
    const size = this.unreachableSize;
    const at = this.bodyOffset + index * size;
    if (this.layout?.message !== "rerr" || !this.has(at, size)) return undefined;
    return {
      address: this.#address(at - this.offset),
      sequence: readUint32(this.data, at + size - 4),
    };
  }

  /**
   * The extension after an RREQ's or RREP's fixed part.
   *
   * @returns Its header and value, or `undefined` when its 2-byte header was not captured
   *   (or the message is no RREQ or RREP).
   */
  get extension(): AodvExtension | undefined {
    const at = this.bodyOffset;
    const message = this.layout?.message;
    if ((message !== "rreq" && message !== "rrep") || !this.has(at, 2)) return undefined;
    const d = this.data;
    return {
      type: d[at]!,
      length: d[at + 1]!,
      interval: this.has(at + 2, 4) ? readUint32(d, at + 2) : -1,
    };
  }

  /** The 32-bit number at `relative` from the message's start; -1 when not captured. */
  #number(relative = -1): number {
    const at = this.offset + relative;
    return relative >= 0 && this.has(at, 4) ? readUint32(this.data, at) : -1;
  }

  /** The address of the layout's size at `relative`; `""` when not captured. */
  #address(relative = -1): string {
    const at = this.offset + relative;
    const size = this.layout?.addressSize ?? 4;
    if (relative < 0 || !this.has(at, size)) return "";
    return size === 16 ? formatIpv6(this.data, at) : formatIpv4(this.data, at);
  }

  /** The message's type, wire length and fixed fields, for JSON output. */
  toJSON(): Record<string, unknown> {
    const json: Record<string, unknown> = {
      ipv6: this.ipv6,
      wireLength: this.wireLength,
      messageType: this.messageType,
    };
    const layout = this.layout;
    if (layout === undefined || !this.complete) return json;
    json.flags = this.flags;
    if (layout.message === "rerr") {
      json.destinationCount = this.destinationCount;
      return json;
    }
    json.hops = this.hops;
    json.destination = this.destination;
    json.destinationSequence = this.destinationSequence;
    json.originator = this.originator;
    if (layout.message === "rreq") {
      json.requestId = this.requestId;
      json.originatorSequence = this.originatorSequence;
    } else {
      json.prefixSize = this.prefixSize;
      json.lifetime = this.lifetime;
    }
    return json;
  }
}

/**
 * Creates {@linkcode Aodv} layers; the registry entry for UDP port 654.
 *
 * @example Create an AODV layer
 * ```ts
 * import { aodvDecoder } from "./aodv.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(aodvDecoder.create().kind, "aodv");
 * ```
 */
export const aodvDecoder: ProtocolDescriptor<Aodv> = defineProtocol({
  kind: "aodv",
  name: "AODV",
  tcpdumpName: "aodv",
  create: () => new Aodv(),
  bindings: { udpPorts: [654] },
});

/**
 * Decodes an AODV message (as over IPv4: no IP layer precedes it).
 *
 * @param data The bytes.
 * @param offset Where the message starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When no byte remains.
 *
 * @example Read an RREP-ACK's type
 * ```ts
 * import { decodeAodv } from "./aodv.ts";
 * import assert from "node:assert/strict";
 *
 * const aodv = decodeAodv(new Uint8Array([4, 0]));
 * assert.equal(aodv.messageType, 4);
 * assert.equal(aodv.layout, undefined);
 * ```
 */
export function decodeAodv(data: Uint8Array, offset = 0): Aodv {
  return decodeOne(new Aodv(), data, offset);
}
