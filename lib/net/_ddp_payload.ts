/**
 * What DDP carries that tcpdump's printer reads, after the long (`ddp.ts`) or the short
 * (LocalTalk's `llap.ts`) header: an ATP header (Inside AppleTalk, chapter 9), and the
 * Name Binding Protocol's packets (NBP, DDP type 2; chapter 7) as nbp_print() walks them:
 * a control byte (function and tuple count) and an id, then tuples of network, node,
 * socket and enumerator, each followed by three counted strings (object, type, zone). The
 * walk follows the captured bytes, not the DDP length, and stops at a string longer than
 * NBP's 32 bytes. Private to `lib/`.
 *
 * @module
 */

import { readUint16, readUint32 } from "../_bytes.ts";

/** The length of an ATP header. */
export const ATP_HEADER_LENGTH = 8;

/** An ATP header: the control field, the bitmap or sequence number, the transaction id and the user bytes. */
export interface AtpHeader {
  /** The control field: function code (top 2 bits), XO, EOM and STS flags. */
  readonly control: number;
  /** The bitmap of a request or release, the sequence number of a response. */
  readonly bitmap: number;
  /** The transaction id. */
  readonly transactionId: number;
  /** The 4 user bytes. */
  readonly userData: number;
}

/**
 * The fields of a DDP datagram, long or short, that its payload's printers read: the type,
 * the source (NBP compares its tuples' addresses with it), the ATP and NBP readers.
 */
export interface DdpDatagram {
  /** The DDP type. */
  readonly type: number;
  /** The source network (0 for a short header). */
  readonly sourceNet: number;
  /** The source node (the LocalTalk source for a short header). */
  readonly sourceNode: number;
  /** The source socket. */
  readonly sourceSocket: number;
  /** Where the payload starts. */
  readonly payloadOffset: number;
  /** The ATP header, `undefined` when its 8 bytes were not captured. */
  atp(): AtpHeader | undefined;
  /** The NBP packet, `undefined` when its 2-byte header was not captured. */
  nbp(): NbpPacket | undefined;
}

/**
 * Reads an ATP header at `offset`.
 *
 * @returns The header, `undefined` when its 8 bytes are not all before `end`.
 */
export function readAtp(data: Uint8Array, offset: number, end: number): AtpHeader | undefined {
  if (end - offset < ATP_HEADER_LENGTH) return undefined;
  return {
    control: data[offset]!,
    bitmap: data[offset + 1]!,
    transactionId: readUint16(data, offset + 2),
    userData: readUint32(data, offset + 4),
  };
}

/** The length of an NBP header (control and id). */
export const NBP_HEADER_LENGTH = 2;

/** The length of a tuple's address and enumerator, before its names. */
export const NBP_TUPLE_LENGTH = 5;

/** NBP's functions (the control byte's top 4 bits). */
export const NbpFunction = {
  /** Broadcast request. */
  BROADCAST_REQUEST: 0x10,
  /** Lookup. */
  LOOKUP: 0x20,
  /** Lookup reply. */
  LOOKUP_REPLY: 0x30,
} as const;

/** NBP's longest string. */
const NBP_MAX_STRING = 32;

/** One counted string of a tuple: where its captured characters lie. */
export interface NbpName {
  /** Where its characters start. */
  readonly offset: number;
  /** How many of its characters were captured. */
  readonly length: number;
  /** Every character was captured. */
  readonly complete: boolean;
}

/** An NBP tuple: its entity address, enumerator and names. */
export interface NbpTuple {
  /** The network. */
  readonly net: number;
  /** The node. */
  readonly node: number;
  /** The socket. */
  readonly socket: number;
  /** The enumerator. */
  readonly enumerator: number;
  /** The object, type and zone strings read (fewer when the walk stopped). */
  readonly names: readonly NbpName[];
  /**
   * Why the names stopped early: the capture ended (`"truncated"`), or a string's length
   * byte is over 32 (`"bad-length"`, the byte in {@linkcode badLength}).
   */
  readonly stop?: "truncated" | "bad-length";
  /** The length byte over 32 that stopped the names. */
  readonly badLength?: number;
}

/** An NBP packet: its control byte, id and the tuples read. */
export interface NbpPacket {
  /** The control byte: the function (top 4 bits) and the tuple count. */
  readonly control: number;
  /** The NBP id. */
  readonly id: number;
  /** The tuples read. */
  readonly tuples: readonly NbpTuple[];
  /** The capture ended within a tuple's address and enumerator (after `tuples`). */
  readonly cut: boolean;
}

/**
 * Reads an NBP packet and the tuples nbp_print() reads within `end`: one for a lookup or
 * a broadcast request, the count of the control byte for a reply, none for another
 * function. A tuple whose names stopped early ends the walk.
 *
 * @returns The packet, `undefined` when its header was not captured.
 */
export function readNbp(data: Uint8Array, offset: number, end: number): NbpPacket | undefined {
  if (end - offset < NBP_HEADER_LENGTH) return undefined;
  const control = data[offset]!;
  const fn = control & 0xf0;
  const count = fn === NbpFunction.LOOKUP_REPLY
    ? control & 0x0f
    : fn === NbpFunction.BROADCAST_REQUEST || fn === NbpFunction.LOOKUP
    ? 1
    : 0;
  const tuples: NbpTuple[] = [];
  let at = offset + NBP_HEADER_LENGTH;
  let cut = false;
  for (let i = 0; i < count; i++) {
    if (end - at < NBP_TUPLE_LENGTH) {
      cut = true;
      break;
    }
    const tuple = readTuple(data, at, end);
    tuples.push(tuple);
    if (tuple.stop !== undefined) break;
    at = tuple.names[2]!.offset + tuple.names[2]!.length;
  }
  return { control, id: data[offset + 1]!, tuples, cut };
}

/** Reads a tuple whose address and enumerator were captured, and its names. */
function readTuple(data: Uint8Array, offset: number, end: number): NbpTuple {
  const names: NbpName[] = [];
  const tuple = {
    net: readUint16(data, offset),
    node: data[offset + 2]!,
    socket: data[offset + 3]!,
    enumerator: data[offset + 4]!,
    names,
  };
  let at = offset + NBP_TUPLE_LENGTH;
  for (let k = 0; k < 3; k++) {
    if (at >= end) return { ...tuple, stop: "truncated" };
    const length = data[at]!;
    at++;
    if (length > NBP_MAX_STRING) return { ...tuple, stop: "bad-length", badLength: length };
    const captured = Math.min(length, end - at);
    names.push({ offset: at, length: captured, complete: captured === length });
    if (captured < length) return { ...tuple, stop: "truncated" };
    at += length;
  }
  return tuple;
}
