/**
 * RPKI-RTR as tcpdump's rpki_rtr_print() writes it: `, RPKI-RTR` after the TCP header, and
 * with `-v` a line per PDU and a line of its fields (an error report's encapsulated PDU
 * nested once), ` (invalid)` where a length breaks the layout, and with `-vv` (or `-v` for
 * an unknown type) the PDU's bytes in hex. Every read past the capture is a longjmp in
 * tcpdump (`[|rpki_rtr]`, then the whole frame's dump with `-x`).
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import {
  RPKI_RTR_HEADER_LENGTH,
  type RpkiRtr,
  type RpkiRtrPdu,
  RpkiRtrPduType,
} from "../../app/rpki_rtr.ts";
import { formatIpv4, formatIpv6 } from "../../address.ts";
import { invalid, truncatedRead } from "../_truncation.ts";
import { unknownData } from "../_hex.ts";
import { printChars } from "../_chars.ts";

const PDU_NAMES: ReadonlyMap<number, string> = new Map([
  [RpkiRtrPduType.SERIAL_NOTIFY, "Serial Notify"],
  [RpkiRtrPduType.SERIAL_QUERY, "Serial Query"],
  [RpkiRtrPduType.RESET_QUERY, "Reset Query"],
  [RpkiRtrPduType.CACHE_RESPONSE, "Cache Response"],
  [RpkiRtrPduType.IPV4_PREFIX, "IPV4 Prefix"],
  [RpkiRtrPduType.IPV6_PREFIX, "IPV6 Prefix"],
  [RpkiRtrPduType.END_OF_DATA, "End of Data"],
  [RpkiRtrPduType.CACHE_RESET, "Cache Reset"],
  [RpkiRtrPduType.ERROR_REPORT, "Error Report"],
]);

const ERROR_CODES = [
  "Corrupt Data",
  "Internal Error",
  "No Data Available",
  "Invalid Request",
  "Unsupported Protocol Version",
  "Unsupported PDU Type",
  "Withdrawal of Unknown Record",
  "Duplicate Announcement Received",
];

/** tcpdump's indent_string(): a new line, a tab per 8 columns, a space per column left. */
function indentString(indent: number): string {
  return "\n" + "\t".repeat(indent >> 3) + " ".repeat(indent & 7);
}

/** The PDU header line's indent, whatever the nesting. */
const HEADER_INDENT = indentString(8);

/**
 * Prints the RPKI-RTR PDUs of a TCP segment after the TCP header.
 *
 * @param ctx The print context.
 * @param layer The layer.
 */
export function printRpkiRtr(ctx: PrintContext, layer: RpkiRtr): void {
  ctx.done = true;
  if (ctx.verbose < 1) {
    ctx.out.ascii(", RPKI-RTR");
    return;
  }
  for (const pdu of layer.pdus()) {
    if (!printPdu(ctx, pdu, true, 8)) return truncatedRead(ctx, "rpki_rtr");
  }
}

/**
 * Prints one PDU as rpki_rtr_pdu_print() does, an error report's encapsulated PDU when
 * `recurse`; `false` where a read went past the capture.
 */
function printPdu(ctx: PrintContext, pdu: RpkiRtrPdu, recurse: boolean, indent: number): boolean {
  const out = ctx.out;
  if (!pdu.captured(1)) return false;
  if (pdu.version !== 0) {
    // A later version's PDUs cannot be skipped: the rest of the bytes go with it.
    out.ascii(`${HEADER_INDENT}RPKI-RTRv${pdu.version} (unknown)`);
    return true;
  }
  if (pdu.left < RPKI_RTR_HEADER_LENGTH) {
    out.ascii(`(${pdu.left} bytes is too few to decode)`);
    return invalidPdu(ctx, pdu);
  }
  if (!pdu.captured(RPKI_RTR_HEADER_LENGTH)) return false;
  const type = pdu.type;
  const length = pdu.length;
  out.ascii(
    `${HEADER_INDENT}RPKI-RTRv0, ${
      PDU_NAMES.get(type) ?? "Unknown"
    } PDU (${type}), length: ${length}`,
  );
  if (!pdu.lengthFits) return invalidPdu(ctx, pdu);
  const fields = indentString(indent + 2);
  const fixed = pdu.fixedLength;
  let hexdump = false;
  if (fixed !== undefined) {
    if (length !== fixed) return invalidPdu(ctx, pdu);
    // Each line's reads come before it is printed: a cut field prints none of it.
    if (!pdu.captured(fixed)) return false;
    const session = pdu.sessionId.toString(16).padStart(4, "0");
    if (type === RpkiRtrPduType.IPV4_PREFIX || type === RpkiRtrPduType.IPV6_PREFIX) {
      const v4 = type === RpkiRtrPduType.IPV4_PREFIX;
      const address = (v4 ? formatIpv4 : formatIpv6)(ctx.data, pdu.prefixAt);
      const flags = pdu.flags.toString(16).padStart(2, "0");
      out.ascii(
        `${fields}IPv${v4 ? 4 : 6} Prefix ${address}/${pdu.prefixLength}-${pdu.maxLength}, ` +
          `origin-as ${pdu.originAs}, flags 0x${flags}`,
      );
    } else if (type === RpkiRtrPduType.CACHE_RESPONSE) {
      out.ascii(`${fields}Session ID: 0x${session}`);
    } else if (fixed === 12) {
      out.ascii(`${fields}Session ID: 0x${session}, Serial: ${pdu.serial}`);
    }
  } else if (type === RpkiRtrPduType.ERROR_REPORT) {
    const result = printErrorReport(ctx, pdu, recurse, indent);
    if (result !== true) return result === "invalid" ? invalidPdu(ctx, pdu) : false;
  } else {
    if (!pdu.captured(length)) return false;
    hexdump = true;
  }
  if (ctx.verbose > 1 || hexdump) unknownData(ctx, pdu.at, length, "\n\t  ", pdu.snapEnd);
  return true;
}

/** Prints an error report's fields: `true`, `"invalid"`, or `false` for a cut read. */
function printErrorReport(
  ctx: PrintContext,
  pdu: RpkiRtrPdu,
  recurse: boolean,
  indent: number,
): boolean | "invalid" {
  const out = ctx.out;
  if (pdu.length < 12) return "invalid";
  if (!pdu.captured(12)) return false;
  const code = pdu.errorCode;
  const encapsulated = pdu.encapsulatedLength;
  out.ascii(
    `${indentString(indent + 2)}Error code: ${ERROR_CODES[code] ?? "Unknown"} (${code}), ` +
      `Encapsulated PDU length: ${encapsulated}`,
  );
  if (encapsulated !== 0) {
    if (!pdu.encapsulatedFits) return "invalid";
    if (!recurse) {
      if (!pdu.captured(pdu.textLengthOffset)) return false;
    } else {
      out.ascii(`${indentString(indent + 4)}-----encapsulated PDU-----`);
      if (!printPdu(ctx, pdu.encapsulated(), false, indent + 2)) return false;
    }
  }
  if (!pdu.textLengthFits) return "invalid";
  if (!pdu.captured(pdu.textOffset)) return false;
  const textLength = pdu.textLength;
  if (textLength === 0) return true;
  if (!pdu.textFits) return "invalid";
  out.ascii(`${indentString(indent + 2)}Error text: `);
  const start = pdu.at + pdu.textOffset;
  return !printChars(out, ctx.data, start, start + textLength, pdu.snapEnd);
}

/** tcpdump's invalid end of a PDU: the mark, then a check that every byte left was captured. */
function invalidPdu(ctx: PrintContext, pdu: RpkiRtrPdu): boolean {
  invalid(ctx);
  return pdu.captured(pdu.left);
}
