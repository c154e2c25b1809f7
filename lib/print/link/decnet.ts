/**
 * DECnet Phase IV routing (EtherType `0x6003`) as tcpdump's decnet_print() writes it: the
 * length and padding checks, a routing control message (hellos, routing messages,
 * initialization, verification, test), or a data message's route header (`src > dst
 * length`, with `-v` its flags and hops) before its NSP message (`_decnet_nsp.ts`).
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import {
  type Decnet,
  DECNET_MIN_LENGTH,
  DecnetControl,
  DecnetFlag,
  DecnetFormat,
  DecnetOffset as O,
  formatDecnetAddress as address,
} from "../../link/decnet.ts";
import { captured, invalid, truncatedRead } from "../_truncation.ts";
import { linkPayloadLength } from "../_shared.ts";
import { hexAndAsciiPrint } from "../_hex.ts";
import { printNsp } from "./_decnet_nsp.ts";

/** tcpdump's name of the protocol in its truncation mark. */
const PROTO = "decnet";
/** tcpdump's check of a routing message's entries: a larger count ends the list. */
const MAX_ROUTE_COUNT = 1024;

/**
 * Prints a DECnet Phase IV routing message.
 *
 * @param ctx The print context.
 * @param decnet The layer.
 */
export function printDecnet(ctx: PrintContext, decnet: Decnet): void {
  ctx.done = true;
  const out = ctx.out;
  let length = linkPayloadLength(ctx, decnet.offset);
  let caplen = decnet.end - decnet.offset;
  if (length < DECNET_MIN_LENGTH) {
    out.ascii(` (length ${length} < ${DECNET_MIN_LENGTH})`);
    return invalid(ctx);
  }
  const packetLength = decnet.packetLength;
  if (packetLength < 0) return truncatedRead(ctx, PROTO);
  if (packetLength < DECNET_MIN_LENGTH) {
    out.ascii(` (pktlen ${packetLength} < ${DECNET_MIN_LENGTH})`);
    return invalid(ctx);
  }
  if (packetLength > length) {
    out.ascii(` (pktlen ${packetLength} > ${length})`);
    return invalid(ctx);
  }
  length = packetLength;
  let start = decnet.offset;
  const first = decnet.byte(start + 2);
  if (first < 0) return truncatedRead(ctx, PROTO);
  if ((first & DecnetFlag.PAD) !== 0) {
    const padLength = decnet.padLength;
    if (ctx.verbose > 0) out.ascii(`[pad:${padLength}] `);
    if (length < padLength + 2) {
      out.ascii(` (length ${length} < ${padLength + 2})`);
      return invalid(ctx);
    }
    if (!captured(decnet.end, start + 2, padLength)) return truncatedRead(ctx, PROTO);
    // tcpdump moves its start past the padding: the length word is then read no more,
    // but what it dumps of an unknown message starts two bytes before the flags.
    start += padLength;
    length -= padLength;
    caplen -= padLength;
  }
  const flags = decnet.flags;
  if (flags < 0) return truncatedRead(ctx, PROTO);
  if ((flags & DecnetFlag.FUTURE_VERSION) !== 0) {
    out.ascii("future-version-decnet");
    return defaultPrint(ctx, decnet, start, Math.min(length, caplen));
  }
  if ((flags & DecnetFlag.CONTROL) !== 0) {
    if (!printControl(ctx, decnet, flags, length, caplen)) invalid(ctx);
    return;
  }
  const route = decnet.routeOffset;
  let destination: number, source: number, hops: number, nsp: number, nspLength: number;
  switch (flags & 7) {
    case DecnetFormat.LONG:
      if (length < O.LONG_LENGTH) {
        out.ascii(` (length ${length} < ${O.LONG_LENGTH})`);
        return invalid(ctx);
      }
      if (!captured(decnet.end, route, O.LONG_LENGTH)) return truncatedRead(ctx, PROTO);
      destination = decnet.word(route + O.LONG_DESTINATION);
      source = decnet.word(route + O.LONG_SOURCE);
      hops = decnet.byte(route + O.LONG_VISITS);
      nsp = route + O.LONG_LENGTH;
      nspLength = length - O.LONG_LENGTH;
      break;
    case DecnetFormat.SHORT: {
      destination = decnet.word(route + O.SHORT_DESTINATION);
      source = decnet.word(route + O.SHORT_SOURCE);
      const visits = decnet.byte(route + O.SHORT_VISITS);
      if (destination < 0 || source < 0 || visits < 0) return truncatedRead(ctx, PROTO);
      hops = (visits & 0x3f) + 1;
      nsp = route + O.SHORT_LENGTH;
      // tcpdump's unsigned length wraps when padding left fewer bytes than the header.
      nspLength = (length - O.SHORT_LENGTH) >>> 0;
      break;
    }
    default:
      out.ascii("unknown message flags under mask");
      return defaultPrint(ctx, decnet, start, Math.min(length, caplen));
  }
  out.ascii(`${address(source)} > ${address(destination)} ${packetLength} `);
  if (ctx.verbose > 0) {
    if ((flags & DecnetFlag.RETURN_REQUESTED) !== 0) out.ascii("RQR ");
    if ((flags & DecnetFlag.RETURNING) !== 0) out.ascii("RTS ");
    if ((flags & DecnetFlag.INTRA_ETHERNET) !== 0) out.ascii("IE ");
    out.ascii(`${hops} hops `);
  }
  if (!printNsp(ctx, decnet, nsp, nspLength)) invalid(ctx);
}

/**
 * tcpdump's default print of a message it does not decode: the bytes as hex and ASCII
 * whatever the options (decnet_print() calls it directly), cut as a read past the capture.
 */
function defaultPrint(ctx: PrintContext, decnet: Decnet, from: number, length: number): void {
  const to = from + length;
  hexAndAsciiPrint(ctx, from, Math.min(to, decnet.end), decnet.data);
  if (to > decnet.end) truncatedRead(ctx, PROTO);
}

/** The node type of an initialization message's information byte, and its flags. */
function initInfo(info: number): string {
  const flags = (info & 0x04 ? "verif " : "") + (info & 0x08 ? "blo " : "");
  return NODE_TYPES[info & 3] + flags;
}

/** The node type of a hello's information byte, and its flags. */
function helloInfo(info: number): string {
  const flags = (info & 0x04 ? "verif " : "") + (info & 0x20 ? "nomcast " : "") +
    (info & 0x40 ? "blo " : "");
  return NODE_TYPES[info & 3] + flags;
}

const NODE_TYPES = ["reserved-ntype? ", "l2rout ", "l1rout ", "endnode "];

/**
 * Prints a control message; returns `false` when it is shorter than its type needs
 * (tcpdump then marks it invalid). A field not captured ends the packet.
 */
function printControl(
  ctx: PrintContext,
  decnet: Decnet,
  flags: number,
  length: number,
  caplen: number,
): boolean {
  const out = ctx.out;
  const r = decnet.routeOffset;
  const cut = (size: number) => !captured(decnet.end, r, size);
  const source = () => address(decnet.word(r + O.CONTROL_SOURCE));
  switch (flags & 15) {
    case DecnetControl.INIT:
      out.ascii("init ");
      if (length < O.INIT_LENGTH) return false;
      if (cut(O.INIT_LENGTH)) break;
      out.ascii(
        `${initInfo(decnet.byte(r + O.INIT_INFO))}src ${source()}blksize ${
          decnet.word(r + O.INIT_BLOCK_SIZE)
        } vers ${decnet.byte(r + O.INIT_VERSION)} eco ${decnet.byte(r + O.INIT_ECO)} ueco ${
          decnet.byte(r + O.INIT_USER_ECO)
        } hello ${decnet.word(r + O.INIT_HELLO)}`,
      );
      return true;
    case DecnetControl.VERIFICATION:
    case DecnetControl.TEST: {
      const test = (flags & 15) === DecnetControl.TEST;
      out.ascii(test ? "test " : "verification ");
      if (length < O.CONTROL_LENGTH) return false;
      if (cut(O.CONTROL_LENGTH)) break;
      const value = decnet.byte(r + O.CONTROL_VALUE).toString(8);
      out.ascii(`src ${source()} ${test ? "data" : "fcnval"} ${value}`);
      return true;
    }
    case DecnetControl.L1_ROUTING:
    case DecnetControl.L2_ROUTING: {
      const level1 = (flags & 15) === DecnetControl.L1_ROUTING;
      out.ascii(level1 ? "lev-1-routing " : "lev-2-routing ");
      if (length < O.CONTROL_LENGTH) return false;
      if (cut(O.CONTROL_LENGTH)) break;
      out.ascii(`src ${source()} `);
      printRoutes(ctx, decnet, r + O.CONTROL_LENGTH, length - O.CONTROL_LENGTH, level1);
      return true;
    }
    case DecnetControl.ROUTER_HELLO:
      out.ascii("router-hello ");
      if (length < O.ROUTER_HELLO_LENGTH) return false;
      if (cut(O.ROUTER_HELLO_LENGTH)) break;
      // tcpdump leaves the list of routers that follows unprinted.
      out.ascii(
        `${helloInfo(decnet.byte(r + O.HELLO_INFO))}${hello(decnet)} pri ${
          decnet.byte(r + O.ROUTER_PRIORITY)
        } hello ${decnet.word(r + O.ROUTER_HELLO_TIMER)}`,
      );
      return true;
    case DecnetControl.ENDNODE_HELLO:
      out.ascii("endnode-hello ");
      if (length < O.ENDNODE_HELLO_LENGTH) return false;
      if (cut(O.ENDNODE_HELLO_LENGTH)) break;
      out.ascii(
        `${helloInfo(decnet.byte(r + O.HELLO_INFO))}${hello(decnet)} rtr ${
          address(decnet.word(r + O.ENDNODE_ROUTER))
        } hello ${decnet.word(r + O.ENDNODE_HELLO_TIMER)} data ${
          decnet.byte(r + O.ENDNODE_DATA).toString(8)
        }`,
      );
      return true;
    default:
      out.ascii("unknown control message");
      defaultPrint(ctx, decnet, r, Math.min(length, caplen));
      return true;
  }
  truncatedRead(ctx, PROTO);
  return true;
}

/** The fields both hellos start with: versions, source and block size. */
function hello(decnet: Decnet): string {
  const r = decnet.routeOffset;
  return `vers ${decnet.byte(r + O.HELLO_VERSION)} eco ${decnet.byte(r + O.HELLO_ECO)} ueco ${
    decnet.byte(r + O.HELLO_USER_ECO)
  } src ${address(decnet.word(r + O.HELLO_SOURCE))} blksize ${decnet.word(r + O.HELLO_BLOCK_SIZE)}`;
}

/**
 * A routing message's entries, as tcpdump prints them: while more than an entry's bytes
 * remain (the last word is a checksum), the range of node ids (level 1) or areas (level
 * 2), the cost and the hops; a count over 1024 ends the list.
 */
function printRoutes(
  ctx: PrintContext,
  decnet: Decnet,
  at: number,
  length: number,
  level1: boolean,
): void {
  const entry = O.ROUTE_ENTRY_LENGTH;
  for (; length > entry; at += entry, length -= entry) {
    if (!captured(decnet.end, at, entry)) return truncatedRead(ctx, PROTO);
    const count = decnet.word(at);
    if (count > MAX_ROUTE_COUNT) return;
    const first = decnet.word(at + 2);
    const info = decnet.word(at + 4);
    ctx.out.ascii(
      `{${level1 ? "ids" : "areas"} ${first}-${first + count} cost ${info & 0x1ff} hops ${
        (info >> 10) & 0x1f
      }} `,
    );
  }
}
