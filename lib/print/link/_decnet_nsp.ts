/**
 * The NSP message of a DECnet data message, as tcpdump's print_nsp() writes it: data and
 * interrupt segments with their acknowledgements, link service, data and other-data
 * acknowledgements, connect, confirm and disconnect messages (private to the DECnet
 * printer).
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import { type Decnet, NspOffset as N } from "../../link/decnet.ts";
import { captured, truncatedRead } from "../_truncation.ts";

const PROTO = "decnet";

/** A sequence word's number (its low twelve bits). */
const SEQUENCE_MASK = 0xfff;
/** An acknowledgement word (bit 15); with bit 12, a negative one. */
const ACK = 0x8000;
const NAK = 0x9000;
/** An acknowledgement of the other channel (bit 15 or 13 set); with bits 12 and 13, negative. */
const OTHER_ACK = 0xa000;
const OTHER_NAK = 0xb000;

/** The reasons of disconnect messages, in tcpdump's words. */
const REASONS = new Map([
  [0, "object rejected connect"],
  [1, "insufficient resources"],
  [2, "unrecognized node name"],
  [3, "node is shutting down"],
  [4, "unrecognized object"],
  [5, "invalid object name format"],
  [6, "object too busy"],
  [7, "protocol error discovered"],
  [8, "third party abort"],
  [9, "user abort"],
  [10, "invalid node name format"],
  [11, "local node shutting down"],
  [32, "insufficient local resources"],
  [33, "insufficient remote user resources"],
  [34, "invalid access control information"],
  [36, "bad ACCOUNT information"],
  [38, "no response from object"],
  [39, "node unreachable"],
  [41, "no link terminate"],
  [42, "disconnect complete"],
  [43, "bad image data in connect"],
  [54, "cryptographic service mismatch"],
]);

const VERSIONS = ["ver 3.2 ", "ver 3.1 ", "ver 4.0 ", "ver 4.1 "];
/** The flow control of the services byte: none, segment, message (and a reserved value). */
const FLOW_CONTROL = ["", "seg ", "msg ", ""];

/** The names of the first and second acknowledgement words, negative or not. */
interface AckNames {
  readonly ack: string;
  readonly nak: string;
  readonly other: string;
  readonly otherNak: string;
}

/** A data segment's and data acknowledgement's: the other is the other-data channel. */
const DATA_ACKS: AckNames = { ack: "ack", nak: "nak", other: "oack", otherNak: "onak" };
/** An interrupt's, link service's and their acknowledgement's: the other is the data one. */
const OTHER_ACKS: AckNames = { ack: "ack", nak: "nak", other: "ackdat", otherNak: "nakdat" };

/**
 * Prints an NSP message of `length` bytes at `at` (after the route header).
 *
 * @returns `false` when the message is shorter than its type needs (tcpdump then marks
 *   the packet invalid); a field not captured ends the packet.
 */
export function printNsp(ctx: PrintContext, decnet: Decnet, at: number, length: number): boolean {
  const out = ctx.out;
  if (length < N.HEADER_LENGTH) {
    out.ascii(` (nsplen ${length} < ${N.HEADER_LENGTH})`);
    return false;
  }
  if (!captured(decnet.end, at, N.HEADER_LENGTH)) return cut(ctx);
  const flags = decnet.byte(at + N.FLAGS);
  const destination = decnet.word(at + N.DESTINATION);
  const source = decnet.word(at + N.SOURCE);
  const link = `${source}>${destination} `;
  const reserved = (what: string) =>
    out.ascii(`reserved-${what}? ${flags.toString(16)} ${source} > ${destination}`);
  const subtype = flags & 0x70;
  switch (flags & 0x0c) {
    case 0x00:
      if (subtype === 0x00 || subtype === 0x20 || subtype === 0x40 || subtype === 0x60) {
        out.ascii(`data ${link}`);
        return segment(ctx, decnet, at, length, DATA_ACKS);
      }
      if (subtype === 0x30) {
        out.ascii("intr ");
        return segment(ctx, decnet, at, length, OTHER_ACKS);
      }
      if (subtype === 0x10) {
        out.ascii(`link-service ${link}`);
        return linkService(ctx, decnet, at, length);
      }
      reserved("subtype");
      return true;
    case 0x04:
      if (subtype === 0x00 || subtype === 0x10) {
        out.ascii(subtype === 0x00 ? `data-ack ${link}` : `ils-ack ${link}`);
        if (length < N.SEQUENCE + 4) return false;
        if (!captured(decnet.end, at, N.SEQUENCE + 4)) return cut(ctx);
        // An acknowledgement has no segment number: the word after the two is not printed.
        acknowledgements(ctx, decnet, at, -1, subtype === 0x00 ? DATA_ACKS : OTHER_ACKS);
        return true;
      }
      if (subtype === 0x20) out.ascii(`conn-ack ${destination}`);
      else reserved("acktype");
      return true;
    case 0x08: {
      const result = control(ctx, decnet, at, length, flags, link);
      if (result !== undefined) return result;
      reserved("ctltype");
      return true;
    }
    default:
      reserved("type");
      return true;
  }
}

/** tcpdump's read past the capture: the mark, and the packet ends. */
function cut(ctx: PrintContext): true {
  truncatedRead(ctx, PROTO);
  return true;
}

/**
 * The acknowledgement words from `at + N.SEQUENCE`: the first when bit 15 is set, then
 * the second when it acknowledges the other channel. Each word is checked against
 * `length` (unless -1) before it is read, as tcpdump does for segments.
 *
 * @returns The word after the acknowledgements (the segment number), -1 when `length`
 *   ends first (invalid), -2 when the capture does.
 */
function acknowledgements(
  ctx: PrintContext,
  decnet: Decnet,
  at: number,
  length: number,
  names: AckNames,
): number {
  const out = ctx.out;
  let offset = N.SEQUENCE;
  let word = decnet.word(at + offset);
  if (word < 0) return -2;
  if ((word & ACK) === 0) return word;
  out.ascii(`${(word & NAK) === NAK ? names.nak : names.ack} ${word & SEQUENCE_MASK} `);
  offset += 2;
  if (length >= 0 && length < offset + 2) return -1;
  word = decnet.word(at + offset);
  if (word < 0) return -2;
  if ((word & OTHER_ACK) === 0) return word;
  const other = (word & OTHER_NAK) === OTHER_NAK ? names.otherNak : names.other;
  out.ascii(`${other} ${word & SEQUENCE_MASK} `);
  offset += 2;
  if (length >= 0 && length < offset + 2) return -1;
  word = decnet.word(at + offset);
  return word < 0 ? -2 : word;
}

/** A data or interrupt segment: its acknowledgements, then its number. */
function segment(
  ctx: PrintContext,
  decnet: Decnet,
  at: number,
  length: number,
  names: AckNames,
): boolean {
  if (length < N.SEQUENCE + 2) return false;
  const number = acknowledgements(ctx, decnet, at, length, names);
  if (number === -1) return false;
  if (number === -2) return cut(ctx);
  ctx.out.ascii(`seg ${number & SEQUENCE_MASK} `);
  return true;
}

/** A link service message: acknowledgements, segment number, then its flow control. */
function linkService(ctx: PrintContext, decnet: Decnet, at: number, length: number): boolean {
  if (length < N.LINK_SERVICE_VALUE + 1) return false;
  const number = acknowledgements(ctx, decnet, at, -1, OTHER_ACKS);
  if (number === -2) return cut(ctx);
  const out = ctx.out;
  out.ascii(`seg ${number & SEQUENCE_MASK} `);
  const flags = decnet.byte(at + N.LINK_SERVICE_FLAGS);
  if (flags < 0) return cut(ctx);
  const value = decnet.byte(at + N.LINK_SERVICE_VALUE);
  if (value < 0) return cut(ctx);
  switch (flags & 0x0c) {
    case 0x00:
      out.ascii(`dat seg count ${value} `);
      if ((flags & 3) === 1) out.ascii("donotsend-data ");
      else if ((flags & 3) === 2) out.ascii("send-data ");
      else if ((flags & 3) === 3) out.ascii(`reserved-fcmod? ${flags.toString(16)}`);
      break;
    case 0x04:
      out.ascii(`intr req count ${value} `);
      break;
    default:
      out.ascii(`reserved-fcval-int? ${flags.toString(16)}`);
  }
  return true;
}

/**
 * A control message: connect initiate (or its retransmission), confirm, disconnect
 * initiate and confirm.
 *
 * @returns `undefined` for a reserved subtype (the caller prints it), `false` for a
 *   message shorter than its subtype needs, `true` otherwise.
 */
function control(
  ctx: PrintContext,
  decnet: Decnet,
  at: number,
  length: number,
  flags: number,
  link: string,
): boolean | undefined {
  const out = ctx.out;
  const subtype = flags & 0x70;
  const need = (size: number): boolean | undefined =>
    length < size ? false : !captured(decnet.end, at, size) ? cut(ctx) : undefined;
  switch (subtype) {
    case 0x10:
    case 0x60:
    case 0x20: {
      const confirm = subtype === 0x20;
      out.ascii(
        confirm ? "conn-confirm " : subtype === 0x10 ? "conn-initiate " : "retrans-conn-initiate ",
      );
      out.ascii(link);
      const done = need(confirm ? N.CONFIRM_DATA_LENGTH + 1 : N.SEGMENT_SIZE + 2);
      if (done !== undefined) return done;
      out.ascii(FLOW_CONTROL[(decnet.byte(at + N.SERVICES) >> 2) & 3]!);
      out.ascii(VERSIONS[decnet.byte(at + N.INFO) & 3]!);
      out.ascii(`segsize ${decnet.word(at + N.SEGMENT_SIZE)} `);
      if (confirm) optionalLength(ctx, decnet.byte(at + N.CONFIRM_DATA_LENGTH));
      return true;
    }
    case 0x30:
    case 0x40: {
      const initiate = subtype === 0x30;
      out.ascii(`${initiate ? "disconn-initiate" : "disconn-confirm"} ${link}`);
      // tcpdump checks the initiate's length only.
      const done = initiate
        ? need(N.DISCONNECT_DATA_LENGTH + 1)
        : captured(decnet.end, at, N.REASON + 2)
        ? undefined
        : cut(ctx);
      if (done !== undefined) return done;
      const reason = decnet.word(at + N.REASON);
      out.ascii(`${REASONS.get(reason) ?? `reason-${reason}`} `);
      if (initiate) optionalLength(ctx, decnet.byte(at + N.DISCONNECT_DATA_LENGTH));
      return true;
    }
  }
  return undefined;
}

/** The optional data's length, when not zero. */
function optionalLength(ctx: PrintContext, length: number): void {
  if (length !== 0) ctx.out.ascii(`optlen ${length} `);
}
