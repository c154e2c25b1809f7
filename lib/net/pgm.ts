/**
 * Pragmatic General Multicast (RFC 3208), IP protocol 113: the common header, the body of
 * each packet type (SPM, POLL, POLR, ODATA, RDATA, NAK, NNAK, NCF, ACK, SPMR) and the
 * options that follow it.
 *
 * @module
 */

import { DecodeError } from "../errors.ts";
import { decodeOne } from "../_decode_one.ts";
import { formatIpv4, formatIpv6 } from "../address.ts";
import { capturedEnd, wireLength } from "../app/_wire_length.ts";
import { readUint32 as u32 } from "../_bytes.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";

/** PGM's IP protocol number. */
const IPPROTO_PGM = 113;

/** PGM packet types (RFC 3208 section 8). */
export const PgmType = {
  SPM: 0x00,
  POLL: 0x01,
  POLR: 0x02,
  ODATA: 0x04,
  RDATA: 0x05,
  NAK: 0x08,
  NNAK: 0x09,
  NCF: 0x0a,
  SPMR: 0x0c,
  /** ACK of PGMCC congestion control (as tcpdump numbers it). */
  ACK: 0x0b,
} as const;

/** PGM option types (the low 7 bits of an option's first byte; RFC 3208 section 9). */
export const PgmOptionType = {
  LENGTH: 0x00,
  FRAGMENT: 0x01,
  NAK_LIST: 0x02,
  JOIN: 0x03,
  NAK_BO_IVL: 0x04,
  NAK_BO_RNG: 0x05,
  REDIRECT: 0x07,
  PARITY_PRM: 0x08,
  PARITY_GRP: 0x09,
  CURR_TGSIZE: 0x0a,
  NBR_UNREACH: 0x0b,
  PATH_NLA: 0x0c,
  SYN: 0x0d,
  FIN: 0x0e,
  RST: 0x0f,
  CR: 0x10,
  CRQST: 0x11,
  PGMCC_DATA: 0x12,
  PGMCC_FEEDBACK: 0x13,
} as const;

/** The option types that pgm_print() knows. */
const KNOWN_OPTIONS: ReadonlySet<number> = new Set(Object.values(PgmOptionType));

/** The known option types whose length pgm_print() skips from after the length byte. */
const OVERSTEPPED: ReadonlySet<number> = new Set([PgmOptionType.PATH_NLA, PgmOptionType.CR]);

/** The body of a PGM packet after the common header, by type. */
export type PgmBody =
  | {
    readonly type: "spm";
    readonly sequence: number;
    readonly trailing: number;
    readonly leading: number;
    /** The network-layer address of the source (IPv4 or IPv6 text). */
    readonly nla: string;
  }
  | {
    readonly type: "poll";
    readonly sequence: number;
    readonly round: number;
    readonly nla: string;
    readonly interval: number;
    readonly random: number;
    readonly mask: number;
  }
  | { readonly type: "polr"; readonly sequence: number; readonly round: number }
  | {
    readonly type: "odata" | "rdata";
    readonly sequence: number;
    readonly trailing: number;
  }
  | {
    readonly type: "nak" | "nnak" | "ncf";
    readonly sequence: number;
    /** The source NLA, IPv4 or IPv6 text. */
    readonly source: string;
    /** The multicast group NLA: `undefined` when its address family is neither 1 nor 2. */
    readonly group: string | undefined;
  }
  | { readonly type: "ack"; readonly sequence: number; readonly bitmap: number }
  | { readonly type: "spmr" }
  | { readonly type: "unknown"; readonly code: number };

/**
 * One PGM option. `values` holds its numeric fields in the order of RFC 3208 (FRAGMENT:
 * first sequence, offset, length; NAK_LIST: the sequence numbers; JOIN, PARITY_GRP: a
 * sequence; NAK_BO_IVL: interval and its sequence; NAK_BO_RNG: maximum and minimum;
 * PARITY_PRM, CURR_TGSIZE: a size; PGMCC_DATA/FEEDBACK: the timestamp), `address` the
 * NLA of REDIRECT and PGMCC options.
 */
export interface PgmOption {
  /** The type byte, with the end-of-options bit (0x80). */
  readonly type: number;
  /** The option's length, its 2-byte type and length included. */
  readonly length: number;
  /** Offset of the option in the packet. */
  readonly offset: number;
  /** Numeric fields (see above). */
  readonly values: readonly number[];
  /** The NLA of a REDIRECT or PGMCC option. */
  readonly address?: string;
}

/**
 * Why the option list could not be read to its end: `first-not-length` (the first
 * option is not OPT_LENGTH; `value` its type), `length-option` (OPT_LENGTH's length is
 * not 4; `value` that length), `total` (the total length is below 4; `value` it), `room`
 * (the total length leaves no room for the next option), `short` (an option shorter
 * than 4 bytes; `value` its length), `option-length` (an option's length does not fit
 * its type; `value` the length, the option's `type` in `type`), `nak-list` (a NAK list
 * not a multiple of 4), `truncated` (the bytes ended, or an NLA of an unknown family).
 */
export interface PgmOptionProblem {
  /** What went wrong (see above). */
  readonly kind:
    | "first-not-length"
    | "length-option"
    | "total"
    | "room"
    | "short"
    | "option-length"
    | "nak-list"
    | "truncated";
  /** The number the problem is about, as `kind` says (0 when none). */
  readonly value: number;
  /** With `option-length` and `nak-list`, the option's type (else 0). */
  readonly type: number;
}

/** Fixed lengths of the options that have one. */
const FIXED_LENGTHS = new Map<number, number>([
  [PgmOptionType.LENGTH, 4],
  [PgmOptionType.FRAGMENT, 16],
  [PgmOptionType.JOIN, 8],
  [PgmOptionType.NAK_BO_IVL, 12],
  [PgmOptionType.NAK_BO_RNG, 12],
  [PgmOptionType.PARITY_PRM, 8],
  [PgmOptionType.PARITY_GRP, 8],
  [PgmOptionType.CURR_TGSIZE, 8],
  [PgmOptionType.NBR_UNREACH, 4],
  [PgmOptionType.SYN, 4],
  [PgmOptionType.FIN, 4],
  [PgmOptionType.RST, 4],
  [PgmOptionType.CRQST, 4],
]);

/** The fixed part of the options that end in an NLA (REDIRECT, PGMCC). */
const NLA_FIXED_LENGTHS = new Map<number, number>([
  [PgmOptionType.REDIRECT, 8],
  [PgmOptionType.PGMCC_DATA, 12],
  [PgmOptionType.PGMCC_FEEDBACK, 12],
]);

/**
 * The fixed length of an option type: its exact length, or for the options that end in
 * an NLA the length before the address.
 *
 * @param type The option type (low 7 bits).
 * @returns The length, or `undefined` for types of variable length.
 */
export function pgmOptionFixedLength(type: number): number | undefined {
  return FIXED_LENGTHS.get(type) ?? NLA_FIXED_LENGTHS.get(type);
}

/**
 * A PGM packet: the common header (ports, type, options byte, checksum, global source ID,
 * TSDU length), the body of its type ({@linkcode Pgm.body}) and its options
 * ({@linkcode Pgm.options}), both read when first asked.
 *
 * @example Decode an ODATA packet
 * ```ts
 * import { decodePgm } from "./pgm.ts";
 * import assert from "node:assert/strict";
 *
 * const pgm = decodePgm(new Uint8Array([
 *   0xd6, 0x25, 0x00, 0x7b, 0x04, 0x00, 0, 0, 1, 2, 3, 4, 5, 6, 0, 3,
 *   0, 0, 0, 9, 0, 0, 0, 7, 0x61, 0x62, 0x63,
 * ]));
 * assert.equal(pgm.sourcePort, 54821);
 * assert.equal(pgm.type, 4);
 * assert.equal(pgm.tsduLength, 3);
 * assert.deepEqual(pgm.body, { type: "odata", sequence: 9, trailing: 7 });
 * ```
 */
export class Pgm extends LayerBase {
  /** The discriminant. */
  readonly kind = "pgm" as const;
  /** Source port. */
  sourcePort = 0;
  /** Destination port. */
  destinationPort = 0;
  /** Packet type ({@linkcode PgmType}). */
  type = 0;
  /** The options byte: 0x01 options present, 0x02 network-significant, 0x40, 0x80 parity. */
  optionsByte = 0;
  /** Checksum. */
  checksum = 0;
  /** TSDU length: the length of the data after the options. */
  tsduLength = 0;
  /**
   * The header's fields could not all be read: only the ports are valid (-1 when they were
   * not captured either).
   */
  partial = false;
  /**
   * The message's length by the IP and UDP length fields (over UDP, tcpdump's `-T pgm`):
   * what tcpdump's pgm_print() is given.
   */
  wireLength = 0;
  /** Where the captured bytes of the IP packet end (tcpdump's snapend). */
  capturedEnd = 0;
  #body: PgmBody | null | undefined = undefined;
  #bodyEnd = 0;
  #options: PgmOptionsRead | undefined = undefined;

  /** The 6-byte global source ID (a view). */
  get globalSourceId(): Uint8Array {
    return this.data.subarray(this.offset + 8, this.offset + 14);
  }

  /** Whether options follow the body (bit 0x01 of the options byte). */
  get optionsPresent(): boolean {
    return (this.optionsByte & 0x01) !== 0;
  }

  /**
   * The body of the packet's type, or `undefined` when it was cut short (or an NLA has an
   * address family other than IPv4 or IPv6).
   */
  get body(): PgmBody | undefined {
    if (this.#body === undefined) this.#body = this.#readBody() ?? null;
    return this.#body ?? undefined;
  }

  /** The options, when the options bit is set and the body decoded. */
  get options(): readonly PgmOption[] {
    return this.#readOptions().options;
  }

  /** The total length of the options (OPT_LENGTH's value), or `undefined`. */
  get optionsLength(): number | undefined {
    return this.#readOptions().total;
  }

  /** Why the option list stopped early, or `undefined` when it was read to its end. */
  get optionsProblem(): PgmOptionProblem | undefined {
    return this.#readOptions().problem;
  }

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    context: DecodeContext,
  ): DecodeError | undefined {
    const available = end - offset;
    this.data = data;
    this.offset = offset;
    this.end = end;
    this.wireLength = wireLength(context, offset, available);
    this.capturedEnd = capturedEnd(context, end);
    this.#body = undefined;
    this.#options = undefined;
    // Cut before the destination port: pgm_print() prints the IP addresses alone.
    this.sourcePort = available < 4 ? -1 : (data[offset]! << 8) | data[offset + 1]!;
    this.destinationPort = available < 4 ? -1 : (data[offset + 2]! << 8) | data[offset + 3]!;
    if (available < 16) {
      this.partial = true;
      this.headerLength = available;
      this.type =
        this.optionsByte =
        this.checksum =
        this.tsduLength =
          0;
      return DecodeError.truncated(this.kind, offset, 16, available, true);
    }
    this.partial = false;
    this.headerLength = 16;
    this.type = data[offset + 4]!;
    this.optionsByte = data[offset + 5]!;
    this.checksum = (data[offset + 6]! << 8) | data[offset + 7]!;
    this.tsduLength = (data[offset + 14]! << 8) | data[offset + 15]!;
    return undefined;
  }

  /**
   * Where pgm_print() stops reading: past the body and the options it walked (an ODATA or
   * RDATA packet's data starts there), or -1 when it stops at a bad or cut body or option.
   */
  get dataOffset(): number {
    if (this.body === undefined) return -1;
    if (!this.optionsPresent) return this.#bodyEnd;
    const read = this.#readOptions();
    return read.problem !== undefined && read.problem.kind !== "short" ? -1 : read.end;
  }

  /** PGM's data is not decoded further. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    const json: Record<string, unknown> = {
      sourcePort: this.sourcePort,
      destinationPort: this.destinationPort,
    };
    if (this.partial) return { ...json, partial: true };
    json.type = this.type;
    json.options = this.optionsByte;
    json.checksum = this.checksum;
    json.globalSourceId = Array.from(this.globalSourceId);
    json.tsduLength = this.tsduLength;
    const body = this.body;
    if (body !== undefined) json.body = body;
    if (this.optionsPresent && body !== undefined) {
      json.optionList = this.options.map(({ offset: _, ...option }) => option);
      if (this.optionsLength !== undefined) json.optionsLength = this.optionsLength;
      if (this.optionsProblem !== undefined) json.optionsProblem = this.optionsProblem;
    }
    return json;
  }

  /** Reads an NLA (AFI at `at`, 2 reserved bytes, the address); sets `#bodyEnd`. */
  #nla(at: number): string | undefined {
    const d = this.data;
    if (at + 4 > this.end) return undefined;
    const afi = (d[at]! << 8) | d[at + 1]!;
    return this.#address(afi, at + 4);
  }

  #address(afi: number, at: number): string | undefined {
    const size = afi === 1 ? 4 : afi === 2 ? 16 : 0;
    if (size === 0 || at + size > this.end) return undefined;
    this.#bodyEnd = at + size;
    return size === 4 ? formatIpv4(this.data, at) : formatIpv6(this.data, at);
  }

  #readBody(): PgmBody | undefined {
    if (this.partial) return undefined;
    const d = this.data;
    const at = this.offset + 16;
    const room = this.end - at;
    const u16 = (i: number) => (d[i]! << 8) | d[i + 1]!;
    switch (this.type) {
      case PgmType.SPM: {
        if (room < 16) return undefined;
        const nla = this.#nla(at + 12);
        if (nla === undefined) return undefined;
        return {
          type: "spm",
          sequence: u32(d, at),
          trailing: u32(d, at + 4),
          leading: u32(d, at + 8),
          nla,
        };
      }
      case PgmType.POLL: {
        if (room < 12) return undefined;
        const nla = this.#nla(at + 8);
        if (nla === undefined) return undefined;
        const rest = this.#bodyEnd;
        if (rest + 12 > this.end) return undefined;
        this.#bodyEnd = rest + 12;
        return {
          type: "poll",
          sequence: u32(d, at),
          round: u16(at + 4),
          nla,
          interval: u32(d, rest),
          random: u32(d, rest + 4),
          mask: u32(d, rest + 8),
        };
      }
      case PgmType.POLR:
        if (room < 8) return undefined;
        this.#bodyEnd = at + 8;
        return { type: "polr", sequence: u32(d, at), round: u16(at + 4) };
      case PgmType.ODATA:
      case PgmType.RDATA:
        if (room < 8) return undefined;
        this.#bodyEnd = at + 8;
        return {
          type: this.type === PgmType.ODATA ? "odata" : "rdata",
          sequence: u32(d, at),
          trailing: u32(d, at + 4),
        };
      case PgmType.NAK:
      case PgmType.NNAK:
      case PgmType.NCF: {
        if (room < 8) return undefined;
        const source = this.#nla(at + 4);
        if (source === undefined) return undefined;
        const groupAt = this.#bodyEnd;
        if (groupAt + 4 > this.end) return undefined;
        const group = this.#address(u16(groupAt), groupAt + 4);
        if (group === undefined) this.#bodyEnd = groupAt + 4;
        return {
          type: this.type === PgmType.NAK ? "nak" : this.type === PgmType.NNAK ? "nnak" : "ncf",
          sequence: u32(d, at),
          source,
          group,
        };
      }
      case PgmType.ACK:
        if (room < 8) return undefined;
        this.#bodyEnd = at + 8;
        return { type: "ack", sequence: u32(d, at), bitmap: u32(d, at + 4) };
      // pgm_print() reads the options of these from the start of the header, which it
      // did not move past: so does the option walk here.
      case PgmType.SPMR:
        this.#bodyEnd = this.offset;
        return { type: "spmr" };
      default:
        this.#bodyEnd = this.offset;
        return { type: "unknown", code: this.type };
    }
  }

  #readOptions(): PgmOptionsRead {
    if (this.#options !== undefined) return this.#options;
    const read: PgmOptionsRead = { options: [], total: undefined, problem: undefined, end: -1 };
    this.#options = read;
    if (!this.optionsPresent || this.body === undefined) return read;
    const d = this.data;
    const end = this.end;
    let at = this.#bodyEnd;
    const problem = (kind: PgmOptionProblem["kind"], value = 0, type = 0) => {
      read.problem = { kind, value, type };
      return read;
    };
    if (at + 4 > end) return problem("truncated");
    if ((d[at]! & 0x7f) !== PgmOptionType.LENGTH) problem("first-not-length", d[at]! & 0x7f);
    if (read.problem !== undefined) return read;
    if (d[at + 1] !== 4) return problem("length-option", d[at + 1]!);
    let total = (d[at + 2]! << 8) | d[at + 3]!;
    if (total < 4) return problem("total", total);
    read.total = total;
    total -= 4;
    at += 4;
    while (total > 0) {
      if (total < 4) return problem("room");
      if (at + 2 > end) return problem("truncated");
      const type = d[at]!;
      const length = d[at + 1]!;
      if (length < 4) {
        // pgm_print() stops after the type and length bytes, and goes on after the loop.
        read.end = at + 2;
        return problem("short", length);
      }
      if (total < length) return problem("room");
      if (at + length > end) return problem("truncated");
      const kind = type & 0x7f;
      const fixed = FIXED_LENGTHS.get(kind);
      if (fixed !== undefined && length !== fixed) return problem("option-length", length, type);
      const values: number[] = [];
      let address: string | undefined;
      const body = at + 4;
      switch (kind) {
        case PgmOptionType.LENGTH:
          values.push((d[at + 2]! << 8) | d[at + 3]!);
          break;
        case PgmOptionType.FRAGMENT:
        case PgmOptionType.NAK_BO_IVL:
        case PgmOptionType.NAK_BO_RNG:
        case PgmOptionType.JOIN:
        case PgmOptionType.PARITY_PRM:
        case PgmOptionType.PARITY_GRP:
        case PgmOptionType.CURR_TGSIZE:
          for (let i = body; i < at + length; i += 4) values.push(u32(d, i));
          break;
        case PgmOptionType.NAK_LIST:
          if ((length - 4) % 4 !== 0) {
            for (let i = body; i + 4 <= at + length; i += 4) values.push(u32(d, i));
            read.options.push({ type, length, offset: at, values });
            return problem("nak-list", length, type);
          }
          for (let i = body; i < at + length; i += 4) values.push(u32(d, i));
          // tcpdump counts the entries but not the option's own 4 bytes against the
          // total; the end bit normally stops the list before that matters.
          total += 4;
          break;
        case PgmOptionType.REDIRECT:
        case PgmOptionType.PGMCC_DATA:
        case PgmOptionType.PGMCC_FEEDBACK: {
          const nlaFixed = NLA_FIXED_LENGTHS.get(kind)!;
          if (length < nlaFixed) return problem("option-length", length, type);
          const afiAt = kind === PgmOptionType.REDIRECT ? at + 4 : at + 8;
          if (kind !== PgmOptionType.REDIRECT) values.push(u32(d, body));
          const afi = (d[afiAt]! << 8) | d[afiAt + 1]!;
          const size = afi === 1 ? 4 : afi === 2 ? 16 : 0;
          if (size === 0) return problem("truncated");
          if (length !== nlaFixed + size) return problem("option-length", length, type);
          address = size === 4 ? formatIpv4(d, afiAt + 4) : formatIpv6(d, afiAt + 4);
          break;
        }
      }
      read.options.push(
        address === undefined
          ? { type, length, offset: at, values }
          : { type, length, offset: at, values, address },
      );
      // pgm_print() moves past PATH_NLA, CR and an option it does not know by their
      // length counted from after the type and length bytes: 2 bytes too far.
      at += length + (OVERSTEPPED.has(kind) || !KNOWN_OPTIONS.has(kind) ? 2 : 0);
      total -= length;
      if ((type & 0x80) !== 0) break;
    }
    read.end = at;
    return read;
  }
}

interface PgmOptionsRead {
  options: PgmOption[];
  total: number | undefined;
  problem: PgmOptionProblem | undefined;
  /** Where the walk ended (-1 when it stopped on a problem other than a short option). */
  end: number;
}

/**
 * Creates {@linkcode Pgm} layers; the registry entry for IP protocol 113.
 *
 * @example Create a PGM layer
 * ```ts
 * import { pgmDecoder } from "./pgm.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(pgmDecoder.create().kind, "pgm");
 * ```
 */
export const pgmDecoder: ProtocolDescriptor<Pgm> = defineProtocol({
  kind: "pgm",
  name: "PGM",
  tcpdumpName: "pgm",
  create: () => new Pgm(),
  bindings: { ipProtocols: [IPPROTO_PGM] },
});

/**
 * Decodes a PGM packet.
 *
 * @param data The bytes.
 * @param offset Where the header starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When the common header is cut short.
 *
 * @example Read an SPM's source address
 * ```ts
 * import { decodePgm } from "./pgm.ts";
 * import assert from "node:assert/strict";
 *
 * const pgm = decodePgm(new Uint8Array([
 *   0xd6, 0x25, 0x00, 0x7b, 0x00, 0x00, 0, 0, 1, 2, 3, 4, 5, 6, 0, 0,
 *   0, 0, 0, 3, 0, 0, 0, 1, 0, 0, 0, 2, 0, 1, 0, 0, 10, 0, 0, 1,
 * ]));
 * assert.deepEqual(pgm.body, { type: "spm", sequence: 3, trailing: 1, leading: 2, nla: "10.0.0.1" });
 * assert.throws(() => decodePgm(new Uint8Array(8)), {
 *   message: "Cannot decode PGM header: 16 bytes required, received 8",
 * });
 * ```
 */
export function decodePgm(data: Uint8Array, offset = 0): Pgm {
  return decodeOne(new Pgm(), data, offset);
}
