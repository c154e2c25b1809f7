/**
 * Printing decoded packets as tcpdump does: {@linkcode TcpdumpPrinter} for captures,
 * {@linkcode packetSummary} for one line, the {@linkcode printers} table with one printer
 * per protocol, and the {@linkcode PrintContext} they share (for printers of protocols
 * added outside wirekit).
 *
 * @module
 */

export * from "./context.ts";
export * from "./printers.ts";
export * from "./tcpdump_printer.ts";
export * from "./packet_summary.ts";
export * from "./time.ts";
export * from "./packet_type.ts";
export { ByteWriter } from "./_writer.ts";
