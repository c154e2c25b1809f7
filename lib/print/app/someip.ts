/**
 * SOME/IP as tcpdump's someip_print() writes it.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { SomeIp } from "../../app/someip.ts";
import { invalid, truncatedRead } from "../_truncation.ts";

/**
 * Prints a SOME/IP message header after its UDP header: each field once its bytes were
 * captured, ` [|someip]` where they end, and a line break after the return code (which
 * tcpdump 4.99 writes, so a blank line follows the message).
 *
 * @param ctx The print context.
 * @param someip The layer.
 */
export function printSomeIp(ctx: PrintContext, someip: SomeIp): void {
  const out = ctx.out;
  ctx.done = true;
  const captured = someip.captured;
  out.ascii("SOMEIP");
  if (someip.wireLength < 16) return invalid(ctx);
  if (captured < 4) return truncatedRead(ctx, "someip");
  out.ascii(`, service ${someip.serviceId}, ${someip.event ? "event" : "method"} `);
  out.uint(someip.methodId);
  if (captured < 8) return truncatedRead(ctx, "someip");
  out.ascii(", len ");
  out.uint(someip.length);
  if (captured < 12) return truncatedRead(ctx, "someip");
  out.ascii(`, client ${someip.clientId}, session ${someip.sessionId}`);
  if (captured < 13) return truncatedRead(ctx, "someip");
  out.ascii(`, pver ${someip.protocolVersion}`);
  if (captured < 14) return truncatedRead(ctx, "someip");
  out.ascii(`, iver ${someip.interfaceVersion}`);
  if (captured < 15) return truncatedRead(ctx, "someip");
  out.ascii(`, msgtype ${MESSAGE_TYPES[someip.messageType] ?? "Unknown"}`);
  if (captured < 16) return truncatedRead(ctx, "someip");
  out.ascii(`, retcode ${RETURN_CODES[someip.returnCode] ?? "Unknown"}\n`);
}

const MESSAGE_TYPES: Readonly<Record<number, string>> = {
  0x00: "REQUEST",
  0x01: "REQUEST_NO_RETURN",
  0x02: "NOTIFICATION",
  0x80: "RESPONSE",
  0x81: "ERROR",
  0x20: "TP_REQUEST",
  0x21: "TP_REQUEST_NO_RETURN",
  0x22: "TP_NOTIFICATION",
  0xa0: "TP_RESPONSE",
  0xa1: "TP_ERROR",
};

const RETURN_CODES: readonly string[] = [
  "E_OK",
  "E_NOT_OK",
  "E_UNKNOWN_SERVICE",
  "E_UNKNOWN_METHOD",
  "E_NOT_READY",
  "E_NOT_REACHABLE",
  "E_TIMEOUT",
  "E_WRONG_PROTOCOL_VERSION",
  "E_WRONG_INTERFACE_VERSION",
  "E_MALFORMED_MESSAGE",
  "E_WRONG_MESSAGE_TYPE",
  "E_E2E_REPEATED",
  "E_E2E_WRONG_SEQUENCE",
  "E_E2E",
  "E_E2E_NOT_AVAILABLE",
  "E_E2E_NO_NEW_DATA",
];
