/**
 * The payloads of an ISAKMP message as tcpdump prints them at `-v`. Private to
 * `lib/print/app/`.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { Isakmp } from "../../app/isakmp.ts";

/**
 * Prints the payloads of an unencrypted message.
 *
 * @returns `false` when the output stopped (truncated).
 */
export function printIsakmpPayloads(_ctx: PrintContext, _ike: Isakmp): boolean {
  return true;
}
