/**
 * M3UA in an SCTP DATA chunk, as tcpdump's m3ua_print() writes it (from -vv on): the
 * message class and type, then each parameter's name and value.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import { invalid, readCut } from "../_truncation.ts";
import { decodeM3uaHeader, M3UA_HEADER_LENGTH, m3uaParameters } from "../../app/m3ua.ts";
import { hex2 } from "../../_hex.ts";

const CLASSES: ReadonlyMap<number, string> = new Map([
  [0, "Management"],
  [1, "Transfer"],
  [2, "SS7"],
  [3, "ASP"],
  [4, "ASP"],
  [9, "Routing Key Management"],
]);

/** The message types of each class (uint2tokary()'s tables). */
const MESSAGES: ReadonlyMap<number, ReadonlyMap<number, string>> = new Map([
  [0, new Map([[0, "Error"], [1, "Notify"]])],
  [1, new Map([[1, "Data"]])],
  [
    2,
    new Map([
      [1, "Destination Unavailable"],
      [2, "Destination Available"],
      [3, "Destination State Audit"],
      [4, "Signalling Congestion"],
      [5, "Destination User Part Unavailable"],
      [6, "Destination Restricted"],
    ]),
  ],
  [
    3,
    new Map([
      [1, "Up"],
      [2, "Down"],
      [3, "Heartbeat"],
      [4, "Up Acknowledgement"],
      [5, "Down Acknowledgement"],
      [6, "Heartbeat Acknowledgement"],
    ]),
  ],
  [
    4,
    new Map([
      [1, "Active"],
      [2, "Inactive"],
      [3, "Active Acknowledgement"],
      [4, "Inactive Acknowledgement"],
    ]),
  ],
  [
    9,
    new Map([
      [1, "Registration Request"],
      [2, "Registration Response"],
      [3, "Deregistration Request"],
      [4, "Deregistration Response"],
    ]),
  ],
]);

const PARAMETERS: ReadonlyMap<number, string> = new Map([
  [0x0004, "INFO String"],
  [0x0006, "Routing Context"],
  [0x0007, "Diagnostic Info"],
  [0x0009, "Heartbeat Data"],
  [0x000b, "Traffic Mode Type"],
  [0x000c, "Error Code"],
  [0x000d, "Status"],
  [0x0011, "ASP Identifier"],
  [0x0012, "Affected Point Code"],
  [0x0013, "Correlation ID"],
  [0x0200, "Network Appearance"],
  [0x0204, "User/Cause"],
  [0x0205, "Congestion Indications"],
  [0x0206, "Concerned Destination"],
  [0x0207, "Routing Key"],
  [0x0208, "Registration Result"],
  [0x0209, "Deregistration Result"],
  [0x020a, "Local Routing Key Identifier"],
  [0x020b, "Destination Point Code"],
  [0x020c, "Service Indicators"],
  [0x020e, "Originating Point Code List"],
  [0x0210, "Protocol Data"],
  [0x0212, "Registration Status"],
  [0x0213, "Deregistration Status"],
]);

/** The parameters whose 4-byte value tcpdump prints in hex: the others print their length. */
const HEX_VALUED: ReadonlySet<number> = new Set([0x0006, 0x0013, 0x0200]);

/**
 * Prints the M3UA message of a DATA chunk's user data.
 *
 * @param ctx The print context.
 * @param data The bytes.
 * @param at Where the user data starts.
 * @param size Its length by the chunk's length (captured whole: the SCTP printer checks).
 * @param end Where the captured bytes end.
 * @returns `false` where tcpdump gives up the packet (a read past the capture).
 *
 * @example Print an ASP Up message
 * ```ts
 * import { printM3ua } from "./m3ua.ts";
 * import { PrintContext } from "../context.ts";
 * import { defaultRegistry } from "../../registry.ts";
 * import assert from "node:assert/strict";
 *
 * const ctx = new PrintContext({ verbose: 2 }, new Map(), defaultRegistry);
 * const message = new Uint8Array([1, 0, 3, 1, 0, 0, 0, 8]);
 * assert.equal(printM3ua(ctx, message, 0, 8, 8), true);
 * assert.equal(ctx.out.text(), "\n\t\tASP Up Message");
 * ```
 */
export function printM3ua(
  ctx: PrintContext,
  data: Uint8Array,
  at: number,
  size: number,
  end: number,
): boolean {
  const out = ctx.out;
  const header = decodeM3uaHeader(data, at, Math.min(end, at + size));
  if (!("version" in header)) {
    invalid(ctx);
    return true;
  }
  if (header.version !== 1) return true;
  const type = header.messageClass;
  out.ascii(`\n\t\t${CLASSES.get(type) ?? `Unknown message class ${type}`}`);
  const types = MESSAGES.get(type);
  if (types !== undefined) {
    const name = types.get(header.messageType) ?? `Unknown (0x${hex2(header.messageType)})`;
    out.ascii(` ${name} Message`);
  }
  if (size !== header.length) {
    out.ascii(`\n\t\t\t@@@@@@ Corrupted length ${header.length} of message @@@@@@`);
    return true;
  }
  const from = at + M3UA_HEADER_LENGTH;
  const { parameters, stop } = m3uaParameters(data, from, size - M3UA_HEADER_LENGTH, end);
  for (const { tag, length } of parameters) {
    out.ascii(`\n\t\t\t${parameterName(tag)}: `);
    if (!HEX_VALUED.has(tag)) out.ascii(`(length ${length})`);
    else if (length - 4 < 4) invalid(ctx);
    // tcpdump hands tag_value_print() the parameter's header, not its value: the hex is
    // the tag and the length.
    else out.ascii(`0x${(((tag << 16) | length) >>> 0).toString(16).padStart(8, "0")}`);
  }
  if (stop === undefined) return true;
  if (stop.kind !== "short") out.ascii(`\n\t\t\t${parameterName(stop.tag)}: `);
  if (stop.kind !== "cut") {
    invalid(ctx);
    return true;
  }
  return readCut(ctx, "m3ua");
}

function parameterName(tag: number): string {
  return PARAMETERS.get(tag) ?? `Unknown Parameter (0x${tag.toString(16).padStart(4, "0")})`;
}
