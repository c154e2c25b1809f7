/**
 * Apple's PKTAP header (`LINKTYPE_PKTAP`, 258, and the `DLT_USER2` number 149 that macOS
 * writes for it): a little-endian header of at least 108 bytes that names the interface,
 * the process and the link type of the frame after it, as `tcpdump -i pktap` on macOS
 * captures them.
 *
 * @module
 */

import { readCString, readUint16Le, readUint32Le } from "../_bytes.ts";
import { DecodeError } from "../errors.ts";
import { decodeOne } from "../_decode_one.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";
import { LinkType } from "../link_type.ts";

/** The size of the header's fixed fields (`sizeof(pktap_header_t)`). */
export const PKTAP_HEADER_LENGTH = 108;

/** The fields read before anything else: the header length, record type and link type. */
const FIRST_FIELDS = 12;

/** PKTAP record types (`pkt_rectype`). */
export const PktapRecordType = {
  /** Nothing follows the header. */
  NONE: 0,
  /** A frame of the header's link type follows it. */
  PACKET: 1,
} as const;

/**
 * A PKTAP header. A record of type {@linkcode PktapRecordType.PACKET} goes on to the frame
 * after it by its link type. A header length field below 108 decodes with `validLength`
 * false and nothing after it, as tcpdump prints it (` (pkt_len too small, 50 < 108)
 * (invalid)`); a header cut short by the capture is kept, partial (`complete` false, the
 * fields not captured 0), since tcpdump checks the wire length and the length field before
 * it reads the rest.
 *
 * @example Decode a PKTAP header before an Ethernet frame
 * ```ts
 * import { decodePktap } from "./pktap.ts";
 * import assert from "node:assert/strict";
 *
 * const header = new Uint8Array(108);
 * const view = new DataView(header.buffer);
 * view.setUint32(0, 108, true); // pkt_len
 * view.setUint32(4, 1, true); // a packet follows
 * view.setUint32(8, 1, true); // DLT_EN10MB
 * header.set(new TextEncoder().encode("en0"), 12);
 * const pktap = decodePktap(header);
 * assert.equal(pktap.linkType, 1);
 * assert.equal(pktap.interfaceName, "en0");
 * assert.equal(pktap.headerLength, 108);
 * ```
 */
export class Pktap extends LayerBase {
  /** The discriminant. */
  readonly kind = "pktap" as const;
  /** The header length field (`pkt_len`), its fixed 108 bytes included. */
  length = 0;
  /** The record type (`pkt_rectype`): see {@linkcode PktapRecordType}. */
  recordType = 0;
  /** The link type (DLT) of the frame after the header (`pkt_dlt`). */
  linkType = 0;
  /** Whether the length field is at least 108. */
  validLength = true;
  /** Whether the capture holds the whole header (`length` bytes, and at least 12). */
  complete = true;

  /** The interface's name (`pkt_ifname`), or `""` when not captured. */
  get interfaceName(): string {
    return this.#text(12, 24);
  }

  /** The flags (`pkt_flags`), or 0 when not captured. */
  get flags(): number {
    return this.#uint32(36);
  }

  /** The protocol family (`pkt_pfamily`), or 0 when not captured. */
  get protocolFamily(): number {
    return this.#uint32(40);
  }

  /** The link-layer header length (`pkt_llhdrlen`), or 0 when not captured. */
  get linkHeaderLength(): number {
    return this.#uint32(44);
  }

  /** The link-layer trailer length (`pkt_lltrlrlen`), or 0 when not captured. */
  get linkTrailerLength(): number {
    return this.#uint32(48);
  }

  /** The process ID (`pkt_pid`), or 0 when not captured. */
  get pid(): number {
    return this.#uint32(52);
  }

  /** The process's command name (`pkt_cmdname`), or `""` when not captured. */
  get command(): string {
    return this.#text(56, 20);
  }

  /** The service class (`pkt_svc_class`), or 0 when not captured. */
  get serviceClass(): number {
    return this.#uint32(76);
  }

  /** The interface type (`pkt_iftype`), or 0 when not captured. */
  get interfaceType(): number {
    return this.#uint16(80);
  }

  /** The interface's unit number (`pkt_ifunit`), or 0 when not captured. */
  get interfaceUnit(): number {
    return this.#uint16(82);
  }

  /** The effective process ID (`pkt_epid`), or 0 when not captured. */
  get effectivePid(): number {
    return this.#uint32(84);
  }

  /** The effective command name (`pkt_ecmdname`), or `""` when not captured. */
  get effectiveCommand(): string {
    return this.#text(88, 20);
  }

  #uint32(at: number): number {
    const p = this.offset + at;
    return p + 4 <= this.end ? readUint32Le(this.data, p) : 0;
  }

  #uint16(at: number): number {
    const p = this.offset + at;
    return p + 2 <= this.end ? readUint16Le(this.data, p) : 0;
  }

  #text(at: number, size: number): string {
    const p = this.offset + at;
    return p + size <= this.end ? readCString(this.data, p, size) : "";
  }

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    _context: DecodeContext,
  ): DecodeError | undefined {
    const available = end - offset;
    this.data = data;
    this.offset = offset;
    this.end = end;
    if (available < FIRST_FIELDS) {
      // Kept, with its fields 0: tcpdump checks the wire length before it reads them.
      this.length = this.recordType = this.linkType = 0;
      this.validLength = true;
      this.complete = false;
      this.headerLength = available;
      return DecodeError.truncated(this.kind, offset, FIRST_FIELDS, available, true);
    }
    const length = readUint32Le(data, offset);
    this.length = length;
    this.recordType = readUint32Le(data, offset + 4);
    this.linkType = readUint32Le(data, offset + 8);
    this.validLength = length >= PKTAP_HEADER_LENGTH;
    this.complete = !this.validLength || available >= length;
    this.headerLength = !this.validLength ? 0 : this.complete ? length : available;
    return this.complete
      ? undefined
      : DecodeError.truncated(this.kind, offset, length, available, true);
  }

  /** Picks the decoder of the payload from the context's tables. */
  nextDecoder(context: DecodeContext): Decoder | undefined {
    return this.validLength && this.complete && this.recordType === PktapRecordType.PACKET
      ? context.tables.linkTypes.get(this.linkType)
      : undefined;
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return {
      length: this.length,
      recordType: this.recordType,
      linkType: this.linkType,
      interfaceName: this.interfaceName,
      flags: this.flags,
      protocolFamily: this.protocolFamily,
      linkHeaderLength: this.linkHeaderLength,
      linkTrailerLength: this.linkTrailerLength,
      pid: this.pid,
      command: this.command,
      serviceClass: this.serviceClass,
      interfaceType: this.interfaceType,
      interfaceUnit: this.interfaceUnit,
      effectivePid: this.effectivePid,
      effectiveCommand: this.effectiveCommand,
    };
  }
}

/**
 * The PKTAP decoder, bound to link type 258 and to 149, the `DLT_USER2` number macOS
 * writes for it.
 *
 * @example
 * ```ts
 * import { pktapDecoder } from "./pktap.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(pktapDecoder.create().kind, "pktap");
 * ```
 */
export const pktapDecoder: ProtocolDescriptor<Pktap> = defineProtocol({
  kind: "pktap",
  name: "PKTAP",
  tcpdumpName: "pktap",
  create: () => new Pktap(),
  bindings: { linkTypes: [LinkType.PKTAP, LinkType.USER2] },
});

/**
 * Decodes a PKTAP header.
 *
 * @param data The bytes.
 * @param offset Where the header starts.
 * @returns The layer.
 * @throws {DecodeError} When fewer bytes than the header length field (or than 12) are
 * captured.
 *
 * @example
 * ```ts
 * import { decodePktap } from "./pktap.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodePktap(new Uint8Array(8)), { code: "truncated" });
 * ```
 */
export function decodePktap(data: Uint8Array, offset = 0): Pktap {
  return decodeOne(new Pktap(), data, offset);
}
