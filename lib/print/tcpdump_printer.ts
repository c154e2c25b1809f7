/**
 * {@linkcode TcpdumpPrinter}: decoded packets printed as `tcpdump -n` prints them
 * (tcpdump 4.99, Debian's 4.99.3 as the reference), into a byte buffer. Each protocol's
 * printer lives in its own file under `lib/print/` (`link/`, `net/`, `transport/`,
 * `app/`), mirroring the decoders, and is dispatched from the table in `printers.ts`.
 *
 * @module
 */

import type { DecodedPacket } from "../decode.ts";
import type { TcpdumpOptions } from "./context.ts";
import { printers } from "./printers.ts";
import { defaultRegistry } from "../registry.ts";
import { PrinterCore, type PrintRecord } from "./_printer_core.ts";

export type { PrintRecord };

/**
 * Prints decoded packets as `tcpdump -n` does, into a byte buffer that the caller drains
 * with {@linkcode TcpdumpPrinter.take} (the fast path: nothing but the output bytes is
 * allocated for most packets), or one packet at a time as a string with
 * {@linkcode TcpdumpPrinter.format}.
 *
 * A printer keeps state across packets, as tcpdump does: the previous timestamp for
 * `-ttt`, and the first sequence numbers of each TCP connection for relative sequence
 * numbers. Use one printer per capture file.
 *
 * @example Print a TCP handshake with relative sequence numbers
 * ```ts
 * import { TcpdumpPrinter } from "./tcpdump_printer.ts";
 * import { decode } from "../decode.ts";
 * import { LinkType } from "../link_type.ts";
 * import { buildIpv4, buildTcp } from "../craft/mod.ts";
 * import assert from "node:assert/strict";
 *
 * const segment = (out: boolean, seq: number, ack: number, flags: number) => {
 *   const [source, destination] = out ? ["10.0.0.1", "10.0.0.2"] : ["10.0.0.2", "10.0.0.1"];
 *   const tcp = buildTcp({
 *     source,
 *     destination,
 *     sourcePort: out ? 1234 : 80,
 *     destinationPort: out ? 80 : 1234,
 *     sequence: seq,
 *     acknowledgment: ack,
 *     flags,
 *     window: 512,
 *   });
 *   return buildIpv4({ source, destination, protocol: 6, payload: tcp });
 * };
 * const printer = new TcpdumpPrinter({ timestamps: "none" });
 * const lines = [
 *   segment(true, 1000, 0, 0x02),
 *   segment(false, 5000, 1001, 0x12),
 *   segment(true, 1001, 5001, 0x10),
 * ].map((p) =>
 *   printer.format(decode(LinkType.RAW, p), { seconds: 0, nanoseconds: 0, originalLength: 40 })
 * );
 * assert.deepEqual(lines, [
 *   "IP 10.0.0.1.1234 > 10.0.0.2.80: Flags [S], seq 1000, win 512, length 0",
 *   "IP 10.0.0.2.80 > 10.0.0.1.1234: Flags [S.], seq 5000, ack 1001, win 512, length 0",
 *   "IP 10.0.0.1.1234 > 10.0.0.2.80: Flags [.], ack 1, win 512, length 0",
 * ]);
 * ```
 */
export class TcpdumpPrinter {
  readonly #core: PrinterCore;

  /**
   * Makes a printer.
   *
   * @param options The tcpdump flags it follows, and printers for added layer kinds.
   */
  constructor(options: TcpdumpOptions = {}) {
    this.#core = new PrinterCore(options, printers, defaultRegistry);
  }

  /** How many bytes of output wait in the buffer. */
  get buffered(): number {
    return this.#core.buffered;
  }

  /**
   * Returns the buffered output and empties the buffer. The view is valid until the next
   * `print()`.
   *
   * @returns The output bytes (UTF-8 text, one or more lines per packet, each ending in a
   * newline).
   */
  take(): Uint8Array {
    return this.#core.take();
  }

  /**
   * Prints one packet, with its newline, into the buffer.
   *
   * @param packet The decoded packet: a `Packet`, or a `PacketParser` right after `parse()`.
   * @param record Its timestamp, length on the wire and link type.
   * @param start Where the packet starts in a parser's `data` (default 0).
   */
  print(packet: DecodedPacket, record: PrintRecord, start = 0): void {
    this.#core.print(packet, record, start);
  }

  /**
   * Prints one packet and returns it as text (without the final newline). Output that was
   * buffered before is left in the buffer.
   *
   * @param packet The decoded packet.
   * @param record Its timestamp, length on the wire and link type.
   * @param start Where the packet starts in a parser's `data` (default 0).
   * @returns The text: one line, more with `-v` or a hex dump.
   */
  format(packet: DecodedPacket, record: PrintRecord, start = 0): string {
    return this.#core.format(packet, record, start);
  }
}
