/**
 * ISAKMP/IKE as tcpdump's isakmp_print() and isakmp_rfc3948_print() write them: the
 * header summary (phase, initiator or responder, exchange type, flags), at `-v` the
 * version, message ID and payloads, and at `-vv` the cookies.
 *
 * @module
 */

import { truncated, truncatedRead } from "../_truncation.ts";
import type { PrintContext } from "../context.ts";
import type { Isakmp } from "../../app/isakmp.ts";
import type { ByteWriter } from "../_writer.ts";
import { printIsakmpPayloads } from "./_isakmp_payloads.ts";
import { exchangeName, payloadName } from "./_isakmp_names.ts";

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
    // isakmp_rfc3948_print() reads the marker of a payload long enough for one.
    if (marker && length >= 4) truncatedRead(ctx, "isakmp_rfc3948");
    else truncated(ctx, marker ? "isakmp_rfc3948" : "isakmp");
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
