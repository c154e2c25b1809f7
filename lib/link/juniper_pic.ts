/**
 * The Juniper link types besides Ethernet (`LINKTYPE_JUNIPER_*`: ES, ATM1, ATM2, PPP,
 * C-HDLC, Frame Relay, PPPoE, PPPoE over ATM, MLPPP, MLFR, MFR, GGSN, Services, Monitor): the
 * pseudo-header of `juniper.ts`, then for most a cookie that the PIC (the router's
 * interface card) prepends, then the frame: IP, PPP, C-HDLC, Frame Relay, Ethernet, LLC,
 * OSI, FRF.16 or an ATM OAM cell, as tcpdump's juniper_parse_header() and the link types' printers
 * of print-juniper.c read them.
 *
 * @module
 */

import { LinkType } from "../link_type.ts";
import type { DecodeError } from "../errors.ts";
import { decodeOne } from "../_decode_one.ts";
import { JuniperFlag, JuniperHeader } from "./juniper.ts";
import { llcDecoder } from "./llc.ts";
import { OamCell } from "./atm_cells.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  type LayerDecoder,
  type ProtocolDescriptor,
} from "../layer.ts";

/**
 * Where the capture ended after the pseudo-header, if it did: before the cookie's first
 * byte (`"cookie-id"`), in the cookie, in the 2 bytes after it (`"proto"`), in an ATM2
 * PIC's control word, in the ES, Monitor or Services PIC's header (`"pic-header"`), or in
 * the first bytes of the frame that tcpdump reads to tell its encapsulation (`"frame"`).
 */
export type JuniperPicCut =
  | "cookie-id"
  | "cookie"
  | "proto"
  | "control-word"
  | "pic-header"
  | "frame"
  | undefined;

/**
 * What follows a Juniper PIC's headers, as tcpdump's printer picks it: `"ip"` (IPv4 for
 * ES and IPv4 GGSN), `"ip6"`, `"ip-guess"` (IPv4 or IPv6 by the first byte, or nothing),
 * `"ppp"`, `"chdlc"`, `"frelay"`, `"ether"`, `"ethertype"` (PPPoE over ATM: an EtherType,
 * then its frame), `"llc"`, `"isoclns"` (a Cisco-style NLPID after a `0x03` byte),
 * `"mpls"`, `"oam"` (an ATM OAM cell), `"mfr"` (an FRF.16 fragment of an MFR child link),
 * `"unknown"` (MLFR and MFR protocols tcpdump names unknown), or `"none"`.
 */
export type JuniperFrame =
  | "ip"
  | "ip6"
  | "ip-guess"
  | "ppp"
  | "chdlc"
  | "frelay"
  | "ether"
  | "ethertype"
  | "llc"
  | "isoclns"
  | "mpls"
  | "oam"
  | "mfr"
  | "unknown"
  | "none";

/** The cookie of each PIC that has one: its length and tcpdump's name of the PIC. */
const COOKIES: ReadonlyMap<number, readonly [number, string]> = new Map([
  [LinkType.JUNIPER_ATM1, [4, "ATM1"]],
  [LinkType.JUNIPER_ATM2, [8, "ATM2"]],
  [LinkType.JUNIPER_MLPPP, [2, "MLPPP"]],
  [LinkType.JUNIPER_MLFR, [2, "MLFR"]],
  [LinkType.JUNIPER_MFR, [4, "MFR"]],
  [LinkType.JUNIPER_PPPOE, [0, "PPPoE"]],
  [LinkType.JUNIPER_PPPOE_ATM, [0, "PPPoE ATM"]],
  [LinkType.JUNIPER_GGSN, [8, "GGSN"]],
  [LinkType.JUNIPER_MONITOR, [8, "MONITOR"]],
  [LinkType.JUNIPER_SERVICES, [8, "AS"]],
  [LinkType.JUNIPER_ES, [0, "ES"]],
]);

/** The cookie's first byte of a Link Services PIC (2 bytes more) and of an AS PIC (8). */
const LS_COOKIE = 0x54;
const AS_COOKIE = 0x47;
/** The PPP protocols that tell an ATM2 frame PPP over ATM (juniper_ppp_heuristic_guess()). */
const PPP_GUESS: ReadonlySet<number> = new Set([
  0x0021,
  0x0023,
  0x0281,
  0x0283,
  0x8021,
  0x8023,
  0x8281,
  0xc021,
  0xc023,
  0xc223,
  0x003d,
  0x0057,
  0x8057,
]);
/** OAM cells as the ATM PICs capture them: without the HEC byte (tcpdump's ATM_OAM_NOHEC). */
const OAM_NO_HEC: LayerDecoder<"oam"> = { kind: "oam", create: () => new OamCell(0) };

/** The multilink link types, whose cookies name a bundle. */
const MULTILINK: ReadonlySet<number> = new Set([
  LinkType.JUNIPER_MLPPP,
  LinkType.JUNIPER_MLFR,
  LinkType.JUNIPER_MFR,
]);
/** An ES PIC's IPsec header: SA index, TTL, type, SPI, tunnel source and destination. */
const ES_HEADER = 16;

/**
 * A Juniper pseudo-header with a PIC's cookie and headers, of one of the Juniper link
 * types besides Ethernet. tcpdump's cookie length goes in `cookieLength` (one more
 * byte pair after a Link Services cookie's `0x54`, 8 bytes after an AS cookie's `0x47`);
 * `proto` holds the 2 bytes after it (or an AS cookie's layer 3 protocol bits),
 * `linkHeaderLength` what tcpdump counts as the link header, and `frame` what follows at
 * `frameAt` (where `headerLength` ends: before the link header's end where tcpdump hands
 * on bytes of it, after it where it skips an ES PIC's IPsec header).
 *
 * @example Decode an ES PIC's header before an IPv4 packet
 * ```ts
 * import { decodeJuniperPic } from "./juniper_pic.ts";
 * import { LinkType } from "../link_type.ts";
 * import assert from "node:assert/strict";
 *
 * const layer = decodeJuniperPic(LinkType.JUNIPER_ES, new Uint8Array([
 *   0x4d, 0x47, 0x43, 0x00, 0, 1, 64, 3, ...new Array(12).fill(0), 0x45, ...new Array(19).fill(0),
 * ]));
 * assert.equal(layer.pic, "ES");
 * assert.equal(layer.esType, 3);
 * assert.equal(layer.frame, "ip");
 * assert.equal(layer.frameAt, 20);
 * ```
 */
export class JuniperPic extends JuniperHeader {
  /** The discriminant. */
  readonly kind = "juniper-pic" as const;
  /** The link type (`LinkType.JUNIPER_ES`...). */
  readonly linkType: number;
  /** tcpdump's name of the PIC (`"ATM1"`), or `undefined` for a link type without cookie. */
  readonly pic: string | undefined;
  /** Where the cookie starts (right after the pseudo-header). */
  cookieAt = 0;
  /** The cookie's length, as tcpdump counts it (more than 8 is invalid). */
  cookieLength = 0;
  /** The kind of cookie: a Link Services PIC's, an AS PIC's, or the PIC's own. */
  cookieType: "ls" | "as" | "pic" = "pic";
  /** The 2 bytes after the cookie, or the layer 3 protocol bits of an AS cookie. */
  proto = 0;
  /** The bundle of a multilink PIC's cookie. */
  bundle = 0;
  /** An ATM2 PIC's control word, when its cookie says one is present. */
  controlWord: number | undefined = undefined;
  /** The ES PIC's IPsec header type (1 to 5 are known). */
  esType = 0;
  /** Where the capture ended after the pseudo-header, if it did. */
  picCut: JuniperPicCut = undefined;
  /** What follows the PIC's headers (meaningful when whole and not cut). */
  frame: JuniperFrame = "none";
  /** Where it starts. */
  frameAt = 0;
  /** The link header's length as tcpdump counts it (its `hlen`), once the cookie was read. */
  linkHeaderLength = 0;
  /**
   * What tcpdump takes off the wire length for the frame: the pseudo-header, the cookie
   * and 2 bytes of some MLFR headers, not an ATM2 control word (its `l2info.length`).
   */
  lengthDeducted = 0;

  /**
   * Makes a layer of one link type.
   *
   * @param linkType The link type.
   */
  constructor(linkType: number) {
    super();
    this.linkType = linkType;
    this.pic = COOKIES.get(linkType)?.[1];
  }

  /**
   * The cookie's byte `index`, as tcpdump's zeroed copy holds it (0 past its length).
   *
   * @param index From 0 to 7.
   * @returns The byte.
   */
  cookie(index: number): number {
    return index < this.cookieLength ? this.data[this.cookieAt + index]! : 0;
  }

  /** Decodes the headers at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    _context: DecodeContext,
  ): DecodeError | undefined {
    const error = this.decodePseudoHeader(data, offset, end);
    if (error !== undefined) return error;
    const at = offset + this.pseudoHeaderLength;
    this.cookieAt = at;
    this.cookieLength = 0;
    this.#resetCookieType();
    this.proto = 0;
    this.bundle = 0;
    this.controlWord = undefined;
    this.esType = 0;
    this.picCut = undefined;
    this.frame = "none";
    this.frameAt = at;
    this.linkHeaderLength = 0;
    this.lengthDeducted = this.pseudoHeaderLength;
    if (!this.whole || this.flags & JuniperFlag.NO_L2) return undefined;
    const cookie = COOKIES.get(this.linkType);
    if (cookie !== undefined && !this.#readCookie(data, at, end, cookie[0])) return undefined;
    let hlen = this.pseudoHeaderLength + this.cookieLength;
    // MLFR and MFR count the 2 bytes after a Link Services cookie (MLFR: after its own
    // too) as header.
    if (
      (this.linkType === LinkType.JUNIPER_MLFR && this.cookieType !== "as") ||
      (this.linkType === LinkType.JUNIPER_MFR && this.cookieType === "ls")
    ) hlen += 2;
    this.lengthDeducted = hlen;
    if (this.linkType === LinkType.JUNIPER_ATM2) {
      if (end - (at + this.cookieLength) < 4) {
        this.picCut = "control-word";
        return undefined;
      }
      if (this.cookie(7) & 0x70) {
        const p = at + this.cookieLength;
        const word = (data[p]! << 24 | data[p + 1]! << 16 | data[p + 2]! << 8 | data[p + 3]!) >>> 0;
        this.controlWord = word;
        // tcpdump's heuristics: the known control words count as header, not as length.
        if (word === 0 || word === 0x08000000 || word === 0x08380000) hlen += 4;
      }
    }
    this.linkHeaderLength = hlen;
    this.frameAt = offset + hlen;
    this.#pickPayload(data, this.frameAt, end);
    this.headerLength = this.frameAt - offset;
    return undefined;
  }

  /** Forgets the last packet's cookie type (a method, so that no narrowing outlives it). */
  #resetCookieType(): void {
    this.cookieType = "pic";
  }

  /** Reads the cookie and the 2 bytes after it; false where the capture or the length ends it. */
  #readCookie(data: Uint8Array, at: number, end: number, length: number): boolean {
    if (at >= end) {
      this.picCut = "cookie-id";
      return false;
    }
    const id = data[at]!;
    if (id === LS_COOKIE) {
      this.cookieType = "ls";
      length += 2;
    } else if (id === AS_COOKIE) {
      this.cookieType = "as";
      length = 8;
    }
    // FRF.16 child links carry no cookie: the fragment header's B and E bits are both set.
    if (this.linkType === LinkType.JUNIPER_MFR && (id & 0xc0) === 0xc0) length = 0;
    this.cookieLength = length;
    if (length > 8) return false;
    if (end - at < length) {
      this.picCut = "cookie";
      return false;
    }
    if (end - at < length + 2) {
      this.picCut = "proto";
      return false;
    }
    this.proto = data[at + length]! << 8 | data[at + length + 1]!;
    if (MULTILINK.has(this.linkType)) {
      if (this.cookieType === "as") {
        this.bundle = ((data[at + 6]! << 8 | data[at + 7]!) >> 3) & 0xfff;
        this.proto = data[at + 5]! & 0x170;
      } else this.bundle = this.cookie(this.cookieType === "ls" ? 1 : 0);
    }
    return true;
  }

  /** Whether the cookie is longer than the 8 bytes tcpdump keeps (invalid). */
  get cookieInvalid(): boolean {
    return this.cookieLength > 8;
  }

  /** Picks what follows the headers at `p`, as the link type's tcpdump printer does. */
  #pickPayload(data: Uint8Array, p: number, end: number): void {
    const left = end - p;
    const cut = (need: number, where: JuniperPicCut = "frame") => {
      if (left >= need) return false;
      this.picCut = where;
      return true;
    };
    switch (this.linkType) {
      case LinkType.JUNIPER_ES: {
        if (cut(ES_HEADER, "pic-header")) return;
        this.esType = data[p + 3]!;
        if (this.esType < 1 || this.esType > 5) return;
        // The types of one protocol leave no tunnel header: IP starts at the IPsec header.
        this.frameAt = p + (this.esType >= 3 ? ES_HEADER : 0);
        this.frame = "ip";
        return;
      }
      case LinkType.JUNIPER_MONITOR:
      case LinkType.JUNIPER_SERVICES:
        // The PIC's 8-byte header and the IP guess read the same bytes.
        if (cut(8, "pic-header")) return;
        this.frame = "ip-guess";
        return;
      case LinkType.JUNIPER_GGSN: {
        const protocol = this.cookie(2);
        this.frame = protocol === 2 ? "ip" : protocol === 6 ? "ip6" : "none";
        return;
      }
      case LinkType.JUNIPER_PPPOE:
        this.frame = "ether";
        return;
      case LinkType.JUNIPER_PPPOE_ATM:
        if (cut(2)) return;
        this.frame = "ethertype";
        this.frameAt = p + 2;
        return;
      case LinkType.JUNIPER_PPP:
        this.frame = "ppp";
        return;
      case LinkType.JUNIPER_CHDLC:
        this.frame = "chdlc";
        return;
      case LinkType.JUNIPER_FRELAY:
        this.frame = "frelay";
        return;
      case LinkType.JUNIPER_MLPPP:
        this.#pickMlppp(p);
        return;
      case LinkType.JUNIPER_MLFR:
      case LinkType.JUNIPER_MFR:
        this.#pickFrameRelay(p, left);
        return;
      case LinkType.JUNIPER_ATM1:
      case LinkType.JUNIPER_ATM2:
        this.#pickAtm(data, p, left);
        return;
    }
  }

  /** MLPPP: an LSQ layer 3 protocol, else PPP (from the cookie's PPP_OSI protocol on). */
  #pickMlppp(p: number): void {
    this.#pickLsq(p);
    if (this.frame === "ppp" && this.proto !== 0) {
      if ((this.cookie(0) << 8 | this.cookie(1)) === 0x0023) this.frameAt = p - 2;
    }
  }

  /** The LSQ layer 3 protocols: IPv4, IPv6, MPLS, ISO; else `"ppp"`. */
  #pickLsq(p: number): void {
    const proto = this.proto;
    if (proto === 0x000) {
      // Incoming to the routing engine without a cookie: IS-IS over PPP (MLPPP only).
      this.frame = this.linkType === LinkType.JUNIPER_MLPPP && this.cookie(4) === 0x0c
        ? "ppp"
        : "ip";
    } else if (proto === 0x010) this.frame = "ip6";
    else if (proto === 0x020) this.frame = "mpls";
    else if (proto === 0x030) {
      // isoclns_print() at the NLPID: the OSI layer reads it one byte on.
      this.frame = "isoclns";
      this.frameAt = p - 1;
    } else this.frame = "ppp";
  }

  /**
   * MLFR and MFR: an FRF.16 fragment (an MFR child link), the LSQ protocols of an MFR AS
   * cookie, or OSI by the protocol bytes, where tcpdump hands isoclns_print() a byte
   * before or after them (the OSI layer reads its NLPID one byte on).
   */
  #pickFrameRelay(p: number, left: number): void {
    const proto = this.proto;
    if (this.linkType === LinkType.JUNIPER_MFR) {
      if (this.cookieLength === 0) {
        this.frame = "mfr";
        return;
      }
      if (this.cookieLength === 8) {
        this.#pickLsq(p);
        if (this.frame === "ppp") this.frame = "none";
        return;
      }
      if (proto === 0xfefe) {
        if (left < 1) {
          this.picCut = "frame";
          return;
        }
        this.frame = "isoclns";
        return;
      }
    } else if (proto === 0x0003 || proto === 0x0300) {
      this.frame = "isoclns";
      this.frameAt = p - 1;
      return;
    }
    if (proto === 0x0308 || proto === 0x03cc || proto === 0x038e) {
      this.frame = "isoclns";
      this.frameAt = p - 2;
    } else this.frame = "unknown";
  }

  /** ATM1 and ATM2: an OAM cell, LLC, (ATM2) Ethernet or PPP, a Cisco NLPID, or IP. */
  #pickAtm(data: Uint8Array, p: number, left: number): void {
    const atm2 = this.linkType === LinkType.JUNIPER_ATM2;
    if (atm2 ? this.cookie(7) & 0x70 : this.cookie(0) === 0x80) {
      this.frame = "oam";
      return;
    }
    if (left < 3) {
      this.picCut = "frame";
      return;
    }
    const three = data[p]! << 16 | data[p + 1]! << 8 | data[p + 2]!;
    if (three === 0xfefe03 || three === 0xaaaa03) this.frame = "llc";
    else if (
      atm2 && !(this.flags & JuniperFlag.IN) &&
      (this.cookie(0) << 24 | this.cookie(1) << 16 | this.cookie(2) << 8 | this.cookie(3)) & 0x3f
    ) this.frame = "ether";
    else if (data[p] === 0x03) this.frame = "isoclns";
    else if (atm2 && PPP_GUESS.has(data[p]! << 8 | data[p + 1]!)) this.frame = "ppp";
    else this.frame = "ip-guess";
  }

  /** The decoder of what follows, through the registry's tables. */
  nextDecoder(context: DecodeContext): Decoder | undefined {
    if (!this.whole) return undefined;
    const tables = context.tables;
    if (this.flags & JuniperFlag.NO_L2) {
      return this.ipGuess(context, this.offset + this.headerLength);
    }
    if (this.picCut !== undefined || this.cookieInvalid) return undefined;
    const at = this.frameAt;
    switch (this.frame) {
      case "ip":
        return tables.etherTypes.get(0x0800);
      case "ip6":
        return tables.etherTypes.get(0x86dd);
      case "ip-guess":
        return this.ipGuess(context, at);
      case "ppp":
        return tables.linkTypes.get(LinkType.PPP);
      case "chdlc":
        return tables.linkTypes.get(LinkType.C_HDLC);
      case "frelay":
        return tables.linkTypes.get(LinkType.FRELAY);
      case "ether":
        return tables.linkTypes.get(LinkType.EN10MB);
      case "ethertype":
        return tables.etherTypes.get(this.data[at - 2]! << 8 | this.data[at - 1]!);
      case "llc":
        return llcDecoder;
      case "isoclns":
        return tables.etherTypes.get(0xfefe);
      case "mpls":
        return tables.etherTypes.get(0x8847);
      case "mfr":
        return tables.linkTypes.get(LinkType.MFR);
      case "oam":
        return OAM_NO_HEC;
      default:
        return undefined;
    }
  }

  /** Returns the header's fields as a plain object. */
  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      linkType: this.linkType,
      linkHeaderLength: this.linkHeaderLength,
      cookieType: this.cookieType,
      cookieLength: this.cookieLength,
      proto: this.proto,
      bundle: this.bundle,
      controlWord: this.controlWord,
      picCut: this.picCut,
      frame: this.frame,
    };
  }
}

/** The link types this file decodes, each with its own descriptor. */
const LINK_TYPES = [
  LinkType.JUNIPER_ES,
  LinkType.JUNIPER_ATM1,
  LinkType.JUNIPER_ATM2,
  LinkType.JUNIPER_PPP,
  LinkType.JUNIPER_CHDLC,
  LinkType.JUNIPER_FRELAY,
  LinkType.JUNIPER_PPPOE,
  LinkType.JUNIPER_PPPOE_ATM,
  LinkType.JUNIPER_MLPPP,
  LinkType.JUNIPER_MLFR,
  LinkType.JUNIPER_MFR,
  LinkType.JUNIPER_GGSN,
  LinkType.JUNIPER_SERVICES,
  LinkType.JUNIPER_MONITOR,
] as const;

/**
 * Creates {@linkcode JuniperPic} layers of each Juniper link type besides Ethernet: one
 * registry entry per link type, since the layer reads its headers by its link type.
 *
 * @example Create a layer of link type JUNIPER_ATM1
 * ```ts
 * import { juniperPicDecoders } from "./juniper_pic.ts";
 * import assert from "node:assert/strict";
 *
 * const atm1 = juniperPicDecoders.find((d) => d.bindings.linkTypes?.[0] === 137)!;
 * assert.equal(atm1.create().pic, "ATM1");
 * ```
 */
export const juniperPicDecoders: readonly ProtocolDescriptor<JuniperPic>[] = LINK_TYPES.map((
  linkType,
) =>
  defineProtocol({
    kind: "juniper-pic",
    name: "Juniper PIC",
    tcpdumpName: "juniper",
    create: () => new JuniperPic(linkType),
    bindings: { linkTypes: [linkType] },
  })
);

/**
 * Decodes the headers of a Juniper link type besides Ethernet.
 *
 * @param linkType The link type (`LinkType.JUNIPER_ATM1`...).
 * @param data The bytes.
 * @param offset Where the pseudo-header starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When no byte remains.
 *
 * @example Read an ATM1 PIC's cookie
 * ```ts
 * import { decodeJuniperPic } from "./juniper_pic.ts";
 * import { LinkType } from "../link_type.ts";
 * import assert from "node:assert/strict";
 *
 * const layer = decodeJuniperPic(LinkType.JUNIPER_ATM1, new Uint8Array([
 *   0x4d, 0x47, 0x43, 0x01, 0x80, 0, 0, 5, 0, 0, 0, 5, 1, 2, 3,
 * ]));
 * assert.equal(layer.cookieLength, 4);
 * assert.equal(layer.frame, "oam");
 * ```
 */
export function decodeJuniperPic(linkType: number, data: Uint8Array, offset = 0): JuniperPic {
  return decodeOne(new JuniperPic(linkType), data, offset);
}
