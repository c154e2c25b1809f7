/**
 * ISAKMP/IKE as tcpdump's isakmp_print() and isakmp_rfc3948_print() write them: the
 * header summary (phase, initiator or responder, exchange type, flags), at `-v` the
 * version, message ID and payloads, and at `-vv` the cookies.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { Isakmp } from "../../app/isakmp.ts";
import type { ByteWriter } from "../_writer.ts";
import { printIsakmpPayloads } from "./_isakmp_payloads.ts";

/**
 * Prints an ISAKMP message (or its UDP encapsulation) after its UDP header.
 *
 * @param ctx The print context.
 * @param ike The layer.
 */
export function printIsakmp(ctx: PrintContext, ike: Isakmp): void {
  const out = ctx.out;
  ctx.done = true;
  let length = ike.wireLength;
  switch (ike.encapsulation) {
    case "keepalive":
      out.ascii("isakmp-nat-keep-alive");
      return;
    case "esp":
      out.ascii("UDP-encap: ");
      ctx.done = false;
      return;
    case "non-esp":
      out.ascii("NONESP-encap: ");
      length -= 4;
      break;
  }
  if (ike.truncated) {
    const marker = ike.natTraversal && ike.encapsulation === "none";
    out.ascii(marker ? " [|isakmp_rfc3948]" : " [|isakmp]");
    return;
  }
  out.ascii("isakmp");
  const verbose = ctx.verbose;
  if (verbose > 0) {
    out.ascii(` ${ike.majorVersion}.${ike.minorVersion} msgid `);
    hexBytes(out, ike.messageIdBytes);
  }
  if (verbose > 1) {
    out.ascii(" cookie ");
    hexBytes(out, ike.initiatorCookie);
    out.ascii("->");
    hexBytes(out, ike.responderCookie);
  }
  out.byte(0x3a);
  const flags = ike.flags;
  if (ike.majorVersion === 1) {
    out.ascii(ike.messageId === 0 ? " phase 1" : " phase 2/others");
    out.ascii(side(ctx, ike));
    out.ascii(` ${exchangeName(ike.exchangeType)}`);
    if (flags !== 0) out.ascii(`[${flags & 1 ? "E" : ""}${flags & 2 ? "C" : ""}]`);
  } else if (ike.majorVersion === 2) {
    out.ascii(ike.messageId === 0 ? " parent_sa" : " child_sa ");
    out.ascii(` ${exchangeName(ike.exchangeType)}`);
    if (flags !== 0) {
      out.ascii(`[${flags & 8 ? "I" : ""}${flags & 0x10 ? "V" : ""}${flags & 0x20 ? "R" : ""}]`);
    }
  } else {
    return;
  }
  if (verbose > 0) {
    out.byte(0x3a);
    if ((flags & 1) !== 0) {
      out.ascii(` [encrypted ${payloadName(ike.nextPayload)}]`);
    } else if (!printIsakmpPayloads(ctx, ike)) {
      return;
    }
    if (ike.messageLength !== length) {
      out.ascii(` (len mismatch: isakmp ${ike.messageLength}/ip ${length})`);
    }
  }
}

function hexBytes(out: ByteWriter, bytes: Uint8Array): void {
  for (const b of bytes) out.hex(b, 2);
}

/** The exchange type's name, as tcpdump's etypestr table has it, else `#N`. */
export function exchangeName(type: number): string {
  return EXCHANGE_TYPES[type] ?? `#${type}`;
}

/** The payload type's name, as tcpdump's npstr table has it, else `#N`. */
export function payloadName(type: number): string {
  return PAYLOAD_TYPES[type] ?? `#${type}`;
}

/** What tcpdump remembers of IKEv1 exchanges: initiator cookies and addresses. */
interface CookieEntry {
  cookie: string;
  version: number;
  initiator: string;
  responder: string;
}

const caches = new WeakMap<PrintContext, { entries: CookieEntry[]; next: number }>();

/** ` I`, ` R` or ` ?`: which side sent an IKEv1 message, as tcpdump tracks cookies. */
function side(ctx: PrintContext, ike: Isakmp): string {
  let cache = caches.get(ctx);
  if (cache === undefined) {
    // tcpdump's table starts as 20 zeroed entries (cookie 0, no IP version).
    const zero = "0".repeat(16);
    const entries = Array.from({ length: 20 }, () => ({
      cookie: zero,
      version: 0,
      initiator: "",
      responder: "",
    }));
    cache = { entries, next: 0 };
    caches.set(ctx, cache);
  }
  const cookie = hex(ike.initiatorCookie);
  const index = cache.entries.findIndex((e) => e.cookie === cookie);
  const version = ctx.ipVersion;
  const size = version === 6 ? 16 : 4;
  const source = hex(ctx.data.subarray(ctx.addressAt, ctx.addressAt + size));
  if (index < 0) {
    if (!ike.responderCookie.every((b) => b === 0)) return " ?";
    if (version === 4 || version === 6) {
      const destination = hex(ctx.data.subarray(ctx.addressAt + size, ctx.addressAt + 2 * size));
      cache.entries[cache.next] = { cookie, version, initiator: source, responder: destination };
      cache.next = (cache.next + 1) % 20;
    }
    return " I";
  }
  const entry = cache.entries[index]!;
  if (entry.version === version && entry.initiator === source) return " I";
  if (entry.version === version && entry.responder === source) return " R";
  return " ?";
}

function hex(bytes: Uint8Array): string {
  let text = "";
  for (const b of bytes) text += b.toString(16).padStart(2, "0");
  return text;
}

const EXCHANGE_TYPES: Readonly<Record<number, string>> = {
  0: "none",
  1: "base",
  2: "ident",
  3: "auth",
  4: "agg",
  5: "inf",
  32: "oakley-quick",
  33: "oakley-newgroup",
  34: "ikev2_init",
  35: "ikev2_auth",
  36: "child_sa",
  37: "inf2",
};

const PAYLOAD_TYPES: Readonly<Record<number, string>> = {
  0: "none",
  1: "sa",
  2: "p",
  3: "t",
  4: "ke",
  5: "id",
  6: "cert",
  7: "cr",
  8: "hash",
  9: "sig",
  10: "nonce",
  11: "n",
  12: "d",
  13: "vid",
  14: "pay14",
  15: "pay15",
  16: "pay16",
  17: "pay17",
  18: "pay18",
  19: "pay19",
  20: "pay20",
  21: "pay21",
  22: "pay22",
  23: "pay23",
  24: "pay24",
  25: "pay25",
  26: "pay26",
  27: "pay27",
  28: "pay28",
  29: "pay29",
  30: "pay30",
  31: "pay31",
  32: "pay32",
  33: "v2sa",
  34: "v2ke",
  35: "v2IDi",
  36: "v2IDr",
  37: "v2cert",
  38: "v2cr",
  39: "v2auth",
  40: "v2nonce",
  41: "v2n",
  42: "v2d",
  43: "v2vid",
  44: "v2TSi",
  45: "v2TSr",
  46: "v2e",
  47: "v2cp",
  48: "v2eap",
};
