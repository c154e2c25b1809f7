/**
 * RESP as tcpdump's resp_print() writes it: `RESP`, then each value of the segment in
 * order (an array's elements after it, the array itself unprinted): a string's, error's,
 * integer's or inline command's text in quotes, `empty`, `null`, and the marks of a length
 * it cannot take.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import { type Resp, RespLength } from "../../app/resp.ts";
import { truncated, truncatedRead } from "../_truncation.ts";
import { printChars } from "../_chars.ts";

/** The words of a length that is not a count. */
const LENGTH_WORDS: ReadonlyMap<number, string> = new Map([
  [RespLength.NULL, " null"],
  [RespLength.TOO_LARGE, " length too large"],
  [RespLength.NEGATIVE, " length negative and not -1"],
  [RespLength.INVALID, " invalid"],
]);

/**
 * Prints a RESP segment.
 *
 * @param ctx The print context.
 * @param resp The layer.
 */
export function printResp(ctx: PrintContext, resp: Resp): void {
  const out = ctx.out;
  ctx.done = true;
  out.ascii(": RESP");
  const d = resp.data;
  for (const value of resp.values) {
    if (value.textStart >= 0) {
      out.ascii(' "');
      printChars(out, d, value.textStart, value.textEnd);
      out.byte(0x22);
    } else if (value.length === 0) out.ascii(" empty");
    else if (value.length < 0) out.ascii(LENGTH_WORDS.get(value.length)!);
    // An array of values prints nothing of its own.
  }
  const end = resp.endState;
  // A read past the capture is tcpdump's longjmp, which also dumps the whole packet.
  if (end === "cut") truncatedRead(ctx, "resp");
  else if (end === "truncated") truncated(ctx, "resp");
}
