/**
 * Multilink Frame Relay (FRF.16) as tcpdump's mfr_print() writes it: `FRF.16 Control,
 * Flags [...], MESSAGE, length N` (with `-v` each information element), or `FRF.16 Frag,
 * seq N, Flags [...], ` and the Frame Relay frame of a first fragment, or the hex of any
 * other fragment.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { Mfr } from "../../link/mfr.ts";
import { MFR_CONTROL_HEADER_LENGTH } from "../../link/mfr.ts";
import { bitNames } from "../_shared.ts";
import { unknownData } from "../_hex.ts";
import { printChar } from "../_chars.ts";
import { invalid, truncated } from "../_truncation.ts";

/** tcpdump's frf_flag_values: FRF.16's and FRF.15's Begin, End and Control bits. */
export const FRF_FLAGS: readonly [number, string][] = [
  [0x80, "Begin"],
  [0x40, "End"],
  [0x20, "Control"],
];

/** tcpdump's mfr_ctrl_msg_values. */
const MESSAGES: readonly string[] = [
  "",
  "Add Link",
  "Add Link ACK",
  "Add Link Reject",
  "Hello",
  "Hello ACK",
  "Remove Link",
  "Remove Link ACK",
];

/** tcpdump's mfr_ctrl_ie_values. */
const IES: ReadonlyMap<number, string> = new Map([
  [1, "Bundle ID"],
  [2, "Link ID"],
  [3, "Magic Number"],
  [5, "Timestamp"],
  [6, "Vendor Extension"],
  [7, "Cause"],
]);

/** The bytes of a struct timeval on the 64-bit Linux tcpdump reads it with. */
const TIMEVAL_LENGTH = 16;

/** The most bytes of a Bundle or Link ID that tcpdump prints. */
const ID_MAX = 50;

/**
 * Prints an FRF.16 header as tcpdump's mfr_if_print() does, then lets Frame Relay print
 * the frame of a first fragment.
 *
 * @param ctx The print context.
 * @param mfr The layer.
 */
export function printMfr(ctx: PrintContext, mfr: Mfr): void {
  const out = ctx.out;
  // A link printer (Juniper MFR's) may have handed mfr_print() the frame after its header.
  const length = mfr.offset === ctx.handedAt ? ctx.tunnelLength : ctx.originalLength;
  // A header tcpdump does not read counts whole as the link header: -x dumps none of it.
  ctx.linkEnd = ctx.end;
  if (length < 4) {
    out.ascii(`[length ${length} < 4]`);
    invalid(ctx);
    ctx.done = true;
    return;
  }
  if (mfr.partial) return cut(ctx);
  const flags = bitNames(FRF_FLAGS, mfr.flags);
  if (mfr.control) {
    const type = mfr.messageType;
    const name = MESSAGES[type] || `Unknown Message (0x${type.toString(16).padStart(2, "0")})`;
    out.ascii(`FRF.16 Control, Flags [${flags}], ${name}, length ${length}`);
    ctx.linkEnd = mfr.offset + MFR_CONTROL_HEADER_LENGTH;
    if (ctx.verbose > 0) printElements(ctx, mfr, length - MFR_CONTROL_HEADER_LENGTH);
    ctx.done = true;
    return;
  }
  out.ascii(`FRF.16 Frag, seq ${mfr.sequence}, Flags [${flags}]`);
  if (mfr.beginning) {
    out.ascii(", ");
    ctx.linkEnd = mfr.offset + 2;
    ctx.tunnelLength = length - 2;
    return;
  }
  // A middle or last fragment: its bytes, the header with them, and no link header for -x.
  unknownData(ctx, mfr.offset, length, "\n\t");
  ctx.linkEnd = mfr.offset;
  ctx.done = true;
}

/**
 * The information elements of a control message, as mfr_print()'s loop walks them: while
 * more than 2 bytes are left by the length on the wire (which wraps as an unsigned count
 * when an element claims more), up to an element of type 0 or no longer than its header.
 */
function printElements(ctx: PrintContext, mfr: Mfr, left: number): void {
  const out = ctx.out;
  let at = mfr.offset + MFR_CONTROL_HEADER_LENGTH;
  while (left > 2) {
    const type = mfr.ieType(at);
    const length = mfr.ieLength(at);
    if (length < 0) return cut(ctx);
    out.ascii(`\n\tIE ${IES.get(type) ?? "Unknown"} (${type}), length ${length}: `);
    if (type === 0 || length <= 2) return;
    if (at + length > mfr.end) return cut(ctx);
    const value = at + 2;
    const size = length - 2;
    switch (type) {
      case 3:
        if (size !== 4) {
          out.ascii(`[IE data length ${size} != 4]`);
          invalid(ctx);
        } else {
          out.ascii("0x");
          out.hex(mfr.magicNumber(value), 8);
        }
        break;
      case 1:
      case 2:
        for (let i = value; i < value + Math.min(size, ID_MAX) && mfr.data[i] !== 0; i++) {
          printChar(out, mfr.data[i]!);
        }
        break;
      default:
        // A timestamp of another size is dumped as the elements tcpdump does not decode.
        if (type === 5 && size === TIMEVAL_LENGTH) printTimeval(ctx, mfr, value);
        else if (ctx.verbose <= 1) unknownData(ctx, value, size, "\n\t  ");
    }
    // -vv dumps every element's data (those above too).
    if (ctx.verbose > 1) unknownData(ctx, value, size, "\n\t  ");
    left = (left - length) >>> 0;
    at += length;
  }
}

/** tcpdump's [|mfr], after which mfr_print() returns the whole length as its header's. */
function cut(ctx: PrintContext): void {
  truncated(ctx, "mfr");
  ctx.linkEnd = ctx.end;
}

/**
 * A Timestamp element's struct timeval, read as tcpdump reads it (the host's: 64-bit
 * little-endian seconds and microseconds), printed as a packet's timestamp with ts_print().
 */
function printTimeval(ctx: PrintContext, mfr: Mfr, at: number): void {
  const view = new DataView(mfr.data.buffer, mfr.data.byteOffset + at, TIMEVAL_LENGTH);
  const seconds = Number(view.getBigInt64(0, true));
  // ts_frac_print() prints the microseconds as an unsigned int.
  const fraction = view.getUint32(8, true);
  const nanoseconds = fraction < 1e6 ? fraction * 1000 : 0;
  ctx.time?.write(ctx.out, seconds, nanoseconds, { seconds, fraction, nano: false });
}
