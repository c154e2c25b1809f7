/**
 * HTTP as tcpdump prints a text protocol: its name, and a request or status line.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import { truncated } from "../_truncation.ts";

/** HTTP as tcpdump prints a text protocol: its name, and a request or status line. */
export function http(ctx: PrintContext, start: number, end: number, length: number): void {
  const out = ctx.out;
  const d = ctx.data;
  out.ascii(": HTTP");
  const first = token(d, start, end);
  let known = first !== undefined && HTTP_METHODS.has(first.text.toUpperCase());
  if (first !== undefined) {
    const second = token(d, first.next, end);
    if (second !== undefined && /^[0-9]{3}$/.test(second.text)) known = true;
  }
  if (!known) return;
  if (ctx.verbose > 0) {
    // With -v tcpdump prints every line of the payload; wirekit prints the length only.
    out.ascii(`, length: ${length}`);
    return;
  }
  for (let i = start; i < end; i++) {
    const c = d[i]!;
    if (c === 0x0a || (c === 0x0d && i + 1 < end && d[i + 1] === 0x0a)) {
      out.ascii(": ");
      out.ascii(String.fromCharCode(...d.subarray(start, i)));
      return;
    }
    if ((c < 0x20 || c > 0x7e) && c !== 0x09) return;
  }
  out.ascii(": ");
  out.ascii(String.fromCharCode(...d.subarray(start, end)));
  truncated(ctx, "http");
}

/**
 * The printable token at `at` (up to a space or line end) and where the next one starts,
 * as tcpdump's text-protocol printer reads it; `undefined` when there is none.
 */
function token(
  d: Uint8Array,
  at: number,
  end: number,
): { text: string; next: number } | undefined {
  let i = at;
  let text = "";
  for (; i < end; i++) {
    const c = d[i]!;
    if (c === 0x20 || c === 0x0d || c === 0x0a) break;
    if (c < 0x20 || c > 0x7e) return undefined;
    if (text.length >= 127) return undefined;
    text += String.fromCharCode(c);
  }
  if (i >= end || text === "") return undefined;
  while (i < end && d[i] === 0x20) i++;
  return { text, next: i };
}

const HTTP_METHODS = new Set([
  "GET",
  "PUT",
  "COPY",
  "HEAD",
  "LOCK",
  "MOVE",
  "POLL",
  "POST",
  "BCOPY",
  "BMOVE",
  "MKCOL",
  "TRACE",
  "LABEL",
  "MERGE",
  "DELETE",
  "SEARCH",
  "UNLOCK",
  "REPORT",
  "UPDATE",
  "NOTIFY",
  "BDELETE",
  "CONNECT",
  "OPTIONS",
  "CHECKIN",
  "PROPFIND",
  "CHECKOUT",
  "BPROPFIND",
  "BPROPPATCH",
  "PROPPATCH",
  "SUBSCRIBE",
  "MKACTIVITY",
  "MKWORKSPACE",
  "UNSUBSCRIBE",
  "RPC_CONNECT",
  "VERSION-CONTROL",
  "BASELINE-CONTROL",
]);
