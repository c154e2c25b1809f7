/**
 * HTTP as tcpdump's http_print() writes it: `HTTP`, and for a segment that starts a
 * request or response its first line, or with `-v` every line.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { Http } from "../../app/http.ts";
import { printText } from "./_text.ts";

/**
 * Prints an HTTP segment.
 *
 * @param ctx The print context.
 * @param http The layer.
 */
export function printHttp(ctx: PrintContext, http: Http): void {
  printText(ctx, http, "HTTP", http.startsMessage);
}
