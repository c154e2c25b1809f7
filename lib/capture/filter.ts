/**
 * BPF filters in tcpdump's syntax, compiled by libpcap: the instructions, their text, and
 * matching packets in memory or from files without root (`pcap_open_dead` and
 * `pcap_offline_filter`).
 *
 * @module
 */

import { Layout } from "../../ffi/libpcap.ts";
import { LinkType } from "../link_type.ts";
import { CaptureError } from "./errors.ts";
import { cString, handleError, lib, readCString } from "./_native.ts";

/** `PCAP_NETMASK_UNKNOWN`: the netmask to compile with when the network is not known. */
export const NETMASK_UNKNOWN = 0xffffffff;

/** One BPF instruction (`struct bpf_insn`). */
export interface BpfInstruction {
  /** The opcode. */
  code: number;
  /** Jump offset when the test is true. */
  jt: number;
  /** Jump offset when the test is false. */
  jf: number;
  /** The constant operand. */
  k: number;
}

/** Options of {@linkcode compileFilter}. */
export interface CompileFilterOptions {
  /** The link-layer header type of the packets to match (default `LinkType.EN10MB`). */
  linkType?: number;
  /** The snapshot length (default 262144); `ret` instructions return it for a match. */
  snapLength?: number;
  /** Whether libpcap optimises the program, as tcpdump does (default `true`). */
  optimize?: boolean;
  /**
   * The IPv4 netmask of the network, for `ip broadcast` (default: unknown, and such
   * expressions fail to compile).
   */
  netmask?: number;
}

const registry = new FinalizationRegistry<Uint8Array>((program) => {
  lib().symbols.pcap_freecode(program);
});

/**
 * A compiled BPF program. It owns memory that libpcap allocated: `close()` it (or `using`);
 * a finalizer frees it otherwise.
 *
 * @example Match packets in memory, no root needed
 * ```ts ignore
 * import { compileFilter } from "./filter.ts";
 *
 * using program = compileFilter("udp port 53");
 * console.log(program.matches(frameBytes), program.toString());
 * ```
 */
export class BpfProgram implements Disposable {
  /** The filter expression it was compiled from. */
  readonly expression: string;
  /** The link-layer header type it was compiled for. */
  readonly linkType: number;
  /** The snapshot length it was compiled for. */
  readonly snapLength: number;
  #program: Uint8Array<ArrayBuffer> | undefined;
  #header = new Uint8Array(Layout.pcap_pkthdr.size);
  #headerView = new DataView(this.#header.buffer);

  /**
   * Wraps a `struct bpf_program` that `pcap_compile` filled. Use {@linkcode compileFilter}.
   *
   * @param program The struct's bytes (its instructions are owned by libpcap).
   * @param expression The expression.
   * @param linkType The link type.
   * @param snapLength The snapshot length.
   */
  constructor(
    program: Uint8Array<ArrayBuffer>,
    expression: string,
    linkType: number,
    snapLength: number,
  ) {
    this.#program = program;
    this.expression = expression;
    this.linkType = linkType;
    this.snapLength = snapLength;
    registry.register(this, program, this);
  }

  /** The `struct bpf_program` bytes, for `pcap_setfilter`. */
  get native(): Uint8Array<ArrayBuffer> {
    if (this.#program === undefined) {
      throw new CaptureError("closed", "Cannot use BPF program: it is closed");
    }
    return this.#program;
  }

  /** How many instructions the program has. */
  get length(): number {
    return new DataView(this.native.buffer).getUint32(Layout.bpf_program.bf_len, true);
  }

  #instructionsView(): Deno.UnsafePointerView | undefined {
    const view = new DataView(this.native.buffer);
    const address = view.getBigUint64(Layout.bpf_program.bf_insns, true);
    const pointer = Deno.UnsafePointer.create(address);
    return pointer === null ? undefined : new Deno.UnsafePointerView(pointer);
  }

  /**
   * The instructions, as `tcpdump -dd` prints them.
   *
   * @returns A copy of the instructions.
   */
  instructions(): BpfInstruction[] {
    const count = this.length;
    const view = this.#instructionsView();
    const out: BpfInstruction[] = [];
    if (view === undefined) return out;
    const size = Layout.bpf_insn.size;
    for (let i = 0; i < count; i++) {
      out.push({
        code: view.getUint16(i * size + Layout.bpf_insn.code),
        jt: view.getUint8(i * size + Layout.bpf_insn.jt),
        jf: view.getUint8(i * size + Layout.bpf_insn.jf),
        k: view.getUint32(i * size + Layout.bpf_insn.k),
      });
    }
    return out;
  }

  /**
   * The program as `tcpdump -d` prints it (libpcap's `bpf_image`), one instruction a line.
   *
   * @returns The listing.
   */
  toString(): string {
    const image = lib().symbols.bpf_image;
    const count = this.length;
    const view = new DataView(this.native.buffer);
    const base = view.getBigUint64(Layout.bpf_program.bf_insns, true);
    const lines: string[] = [];
    for (let i = 0; i < count; i++) {
      const pointer = Deno.UnsafePointer.create(base + BigInt(i * Layout.bpf_insn.size));
      if (image === null) {
        const insn = this.instructions()[i]!;
        lines.push(
          `{ 0x${insn.code.toString(16)}, ${insn.jt}, ${insn.jf}, 0x${insn.k.toString(16)} }`,
        );
      } else {
        lines.push(readCString(image(pointer, i)));
      }
    }
    return lines.join("\n");
  }

  /**
   * Runs the program on one packet (`pcap_offline_filter`), as the kernel would.
   *
   * @param data The packet's captured bytes, starting with the link-layer header.
   * @param originalLength Its length on the wire (default `data.length`).
   * @returns Whether the filter accepts it.
   */
  matches(data: Uint8Array, originalLength: number = data.length): boolean {
    this.#headerView.setUint32(Layout.pcap_pkthdr.caplen, data.length, true);
    this.#headerView.setUint32(Layout.pcap_pkthdr.len, originalLength, true);
    return lib().symbols.pcap_offline_filter(this.native, this.#header, data) !== 0;
  }

  /** Whether {@linkcode BpfProgram.prototype.close} was called. */
  get closed(): boolean {
    return this.#program === undefined;
  }

  /** Frees the program (`pcap_freecode`). Idempotent. */
  close(): void {
    const program = this.#program;
    if (program === undefined) return;
    this.#program = undefined;
    registry.unregister(this);
    lib().symbols.pcap_freecode(program);
  }

  /** Same as {@linkcode BpfProgram.prototype.close}, for `using`. */
  [Symbol.dispose](): void {
    this.close();
  }
}

/**
 * Compiles a filter with a handle (live, offline or dead); throws libpcap's message.
 *
 * @param handle The pcap handle.
 * @param expression The filter.
 * @param options Optimisation and netmask.
 * @returns The program.
 */
export function compileWithHandle(
  handle: Deno.PointerObject,
  expression: string,
  options: { optimize?: boolean; netmask?: number; source?: string },
): BpfProgram {
  const symbols = lib().symbols;
  const program = new Uint8Array(Layout.bpf_program.size);
  const status = symbols.pcap_compile(
    handle,
    program,
    cString(expression),
    options.optimize ?? true ? 1 : 0,
    options.netmask ?? NETMASK_UNKNOWN,
  );
  if (status !== 0) {
    const reason = handleError(handle);
    throw new CaptureError("bad-filter", `Cannot compile filter "${expression}": ${reason}`, {
      status,
      ...(options.source === undefined ? {} : { source: options.source }),
    });
  }
  return new BpfProgram(
    program,
    expression,
    symbols.pcap_datalink(handle),
    symbols.pcap_snapshot(handle),
  );
}

/**
 * Compiles a filter in tcpdump's syntax for packets of a link type, without opening a
 * device (`pcap_open_dead`): no root needed.
 *
 * @param expression The filter, such as `tcp port 80 and host 10.0.0.1`.
 * @param options The link type (default Ethernet), snapshot length, optimisation, netmask.
 * @returns The program; `close()` it when done.
 * @throws {CaptureError} With code `bad-filter` and libpcap's message when it does not
 * compile.
 *
 * @example Compile, inspect and run a filter
 * ```ts ignore
 * import { compileFilter } from "./filter.ts";
 *
 * using program = compileFilter("ip6");
 * console.log(program.toString()); // (000) ldh [12] ...
 * ```
 */
export function compileFilter(expression: string, options: CompileFilterOptions = {}): BpfProgram {
  const symbols = lib().symbols;
  const linkType = options.linkType ?? LinkType.EN10MB;
  const handle = symbols.pcap_open_dead(linkType, options.snapLength ?? 262144);
  if (handle === null) {
    throw new CaptureError("error", `Cannot compile filter "${expression}": pcap_open_dead failed`);
  }
  try {
    return compileWithHandle(handle, expression, options);
  } finally {
    symbols.pcap_close(handle);
  }
}
