/**
 * The printer of every layer kind that wirekit decodes, in one table: a kind without a
 * printer fails `deno check`, since {@linkcode PrinterTable} maps every `LayerKind`.
 *
 * @module
 */

import type { PrinterTable } from "./context.ts";
import { commonPrinters } from "./_common_printers.ts";
import { rarePrinters } from "./_rare_printers.ts";

/** The tcpdump printer of each layer kind. */
export const printers: PrinterTable = { ...commonPrinters, ...rarePrinters };
