/**
 * Filter expressions in the pipeline: matching packets read by wirekit's own readers
 * against a libpcap-compiled filter (one program per link type, compiled when a packet of
 * that link type first comes), and printing a compiled program as `tcpdump -d`, `-dd` and
 * `-ddd` do.
 *
 * @module
 */

import { type BpfProgram, compileFilter } from "../capture/filter.ts";
import { MAXIMUM_SNAPLEN } from "./source.ts";

/**
 * A filter expression compiled for each link type it meets, as libpcap compiles a filter
 * for a file it reads (netmask 0, optimised). Needs `--allow-ffi`.
 *
 * @example Keep the UDP packets of a file
 * ```ts ignore
 * import { PacketFilter } from "./filter.ts";
 *
 * using filter = new PacketFilter("udp");
 * console.log(filter.matches(1, frame, frame.length));
 * ```
 */
export class PacketFilter implements Disposable {
  /** The expression. */
  readonly expression: string;
  #snapLength: number;
  #programs = new Map<number, BpfProgram>();

  /**
   * Compiles nothing yet: each link type's program is compiled at its first packet.
   *
   * @param expression The filter, in tcpdump's syntax.
   * @param snapLength The snapshot length to compile for (default 262144).
   */
  constructor(expression: string, snapLength: number = MAXIMUM_SNAPLEN) {
    this.expression = expression;
    this.#snapLength = snapLength === 0 ? MAXIMUM_SNAPLEN : snapLength;
  }

  /**
   * The program for a link type, compiled on first use.
   *
   * @param linkType The link type.
   * @returns The program.
   * @throws {CaptureError} With code `bad-filter` when the expression does not compile.
   */
  program(linkType: number): BpfProgram {
    let program = this.#programs.get(linkType);
    if (program === undefined) {
      program = compileFilter(this.expression, {
        linkType,
        snapLength: this.#snapLength,
        netmask: 0,
      });
      this.#programs.set(linkType, program);
    }
    return program;
  }

  /**
   * Whether the filter accepts a packet.
   *
   * @param linkType The packet's link type.
   * @param data Its captured bytes.
   * @param originalLength Its length on the wire.
   * @returns `true` when it matches.
   */
  matches(linkType: number, data: Uint8Array, originalLength: number): boolean {
    return this.program(linkType).matches(data, originalLength);
  }

  /** Frees the compiled programs. Idempotent. */
  close(): void {
    for (const program of this.#programs.values()) program.close();
    this.#programs.clear();
  }

  /** Same as {@linkcode PacketFilter.prototype.close}, for `using`. */
  [Symbol.dispose](): void {
    this.close();
  }
}

const hex8 = (n: number) => n.toString(16).padStart(8, "0");

/**
 * A compiled program as tcpdump prints it for `-d` (level 1: libpcap's `bpf_image` text),
 * `-dd` (2: a C array) and `-ddd` (3: the count, then decimal numbers): libpcap's
 * `bpf_dump()`.
 *
 * @param program The compiled program.
 * @param level How many `d`s (3 or more print as 3).
 * @returns The text, each line ending in a newline.
 *
 * @example Print a program as `tcpdump -ddd`
 * ```ts ignore
 * import { bpfDump } from "./filter.ts";
 * import { compileFilter } from "../capture/filter.ts";
 *
 * using program = compileFilter("");
 * console.log(bpfDump(program, 3)); // "1\n6 0 0 262144\n"
 * ```
 */
export function bpfDump(program: BpfProgram, level: number): string {
  if (level <= 1) return program.length === 0 ? "" : `${program.toString()}\n`;
  const instructions = program.instructions();
  if (level === 2) {
    return instructions.map((insn) =>
      `{ 0x${insn.code.toString(16)}, ${insn.jt}, ${insn.jf}, 0x${hex8(insn.k)} },\n`
    ).join("");
  }
  return `${instructions.length}\n` +
    instructions.map((insn) => `${insn.code} ${insn.jt} ${insn.jf} ${insn.k}\n`).join("");
}
