/**
 * The argument walk of tcpdump's AFS printers (its FIDOUT, STROUT, INTOUT, DATEOUT...
 * macros): each step prints one argument from the RX cursor and says whether to go on.
 * A step that finds its bytes cut stops the walk the way tcpdump's macro stops: a
 * `ND_TCHECK` with the service's mark (` [|fs]`, then the packet's length), a `GET_` read
 * with ` [|rx]` and nothing after.
 *
 * @module
 */

import type { RxCursor } from "../../app/rx.ts";
import type { ByteWriter } from "../_writer.ts";
import { printChar } from "../_chars.ts";
import { two } from "../_shared.ts";

/** How a walk ended: it ran to its end, hit a `ND_TCHECK`, or hit a `GET_` read. */
export const RxStop = { NONE: 0, SERVICE: 1, READ: 2 } as const;

/** The printer's state over one packet's arguments. */
export class RxArgs {
  /** Where the text goes. */
  out!: ByteWriter;
  /** The words. */
  c!: RxCursor;
  /** How the walk ended ({@linkcode RxStop}). */
  stop: number = RxStop.NONE;

  /**
   * Starts a walk.
   *
   * @returns This walker.
   */
  begin(out: ByteWriter, cursor: RxCursor): this {
    this.out = out;
    this.c = cursor;
    this.stop = RxStop.NONE;
    return this;
  }

  /** Prints text; always goes on. */
  text(s: string): true {
    this.out.ascii(s);
    return true;
  }

  /** Ends the walk at a `ND_TCHECK`. */
  cut(): false {
    this.stop = RxStop.SERVICE;
    return false;
  }

  /** Ends the walk at a `GET_` read. */
  readCut(): false {
    this.stop = RxStop.READ;
    return false;
  }

  /** Reads a 32-bit count (or any word not printed); -1 when cut. */
  word(): number {
    if (this.c.has(4)) return this.c.uint32();
    this.readCut();
    return -1;
  }

  /** ` label %d`. */
  int(label = ""): boolean {
    return this.#number(label, true);
  }

  /** ` label %u`. */
  uint(label = ""): boolean {
    return this.#number(label, false);
  }

  /** ` label` and a 32-bit number, signed or not. */
  #number(label: string, signed: boolean): boolean {
    this.out.ascii(label);
    if (!this.c.has(4)) return this.readCut();
    this.out.ascii(` ${signed ? this.c.int32() : this.c.uint32()}`);
    return true;
  }

  /** ` label %llu`. */
  uint64(label: string): boolean {
    this.out.ascii(label);
    if (!this.c.has(8)) return this.readCut();
    this.out.ascii(` ${this.c.uint64()}`);
    return true;
  }

  /** ` label YYYY/MM/DD HH:MM:SS`, a signed Unix time in local time. */
  date(label = ""): boolean {
    this.out.ascii(label);
    if (!this.c.has(4)) return this.readCut();
    this.formatDate(this.c.int32());
    return true;
  }

  /** Prints a Unix time as strftime's `%Y/%m/%d %H:%M:%S` in local time. */
  formatDate(seconds: number): void {
    const d = new Date(seconds * 1000);
    this.out.ascii(
      ` ${d.getFullYear()}/${two(d.getMonth() + 1)}/${two(d.getDate())} ${two(d.getHours())}:${
        two(d.getMinutes())
      }:${two(d.getSeconds())}`,
    );
  }

  /** ` fid %u/%u/%u`. */
  fid(label = ""): boolean {
    this.out.ascii(label);
    if (!this.c.has(12)) return this.cut();
    const c = this.c;
    this.out.ascii(` fid ${c.uint32()}/${c.uint32()}/${c.uint32()}`);
    return true;
  }

  /** ` server %u:%u:%u`. */
  destServer(): boolean {
    if (!this.c.has(12)) return this.cut();
    const c = this.c;
    this.out.ascii(` server ${c.uint32()}:${c.uint32()}:${c.uint32()}`);
    return true;
  }

  /** ` %u.%u`, a Ubik version or transaction ID. */
  ubikVersion(label: string): boolean {
    this.out.ascii(label);
    if (!this.c.has(8)) return this.cut();
    this.out.ascii(` ${this.c.uint32()}.${this.c.uint32()}`);
    return true;
  }

  /** A counted string padded to words, longer than `max` not printed: ` "text"`. */
  str(max: number, label = ""): boolean {
    this.out.ascii(label);
    const n = this.word();
    if (n < 0) return false;
    if (n > max) return this.cut();
    this.out.ascii(' "');
    const c = this.c;
    const stop = Math.min(c.at + n, c.end);
    for (let i = c.at; i < stop; i++) printChar(this.out, c.data[i]!);
    if (c.at + n > c.end) return this.cut();
    this.out.byte(0x22);
    c.skip((n + 3) & ~3);
    return true;
  }

  /** A string of `max` characters, one per word, up to a NUL: ` "text"`. */
  vec(max: number, label = ""): boolean {
    this.out.ascii(label);
    const c = this.c;
    if (!c.has(max * 4)) return this.cut();
    this.out.ascii(' "');
    let ended = false;
    for (let k = 0; k < max; k++) {
      const ch = c.uint32() & 0xff;
      if (ch === 0) ended = true;
      if (!ended) printChar(this.out, ch);
    }
    this.out.byte(0x22);
    return true;
  }

  /** ` %08x%04x%04x%02x...`, an AFS UUID of 11 words. */
  uuid(label = ""): boolean {
    this.out.ascii(label);
    const c = this.c;
    if (!c.has(44)) return this.cut();
    this.out.ascii(" ");
    this.out.hex(c.uint32(), 8);
    this.out.hex(c.uint32(), 4);
    this.out.hex(c.uint32(), 4);
    for (let i = 0; i < 8; i++) this.out.hex(c.uint32() & 0xff, 2);
    return true;
  }

  /** A file's StoreStatus: its mask, then the fields the mask names. */
  storeStatus(): boolean {
    const c = this.c;
    if (!c.has(24)) return this.cut();
    const mask = c.uint32();
    const date = c.int32();
    const owner = c.uint32();
    const group = c.uint32();
    const mode = c.uint32();
    const segment = c.uint32();
    const out = this.out;
    if (mask !== 0) out.ascii(" StoreStatus");
    if (mask & 1) {
      out.ascii(" date");
      this.formatDate(date);
    }
    if (mask & 2) out.ascii(` owner ${owner}`);
    if (mask & 4) out.ascii(` group ${group}`);
    if (mask & 8) out.ascii(` mode ${(mode & 0o7777).toString(8)}`);
    if (mask & 16) out.ascii(` segsize ${segment}`);
    if (mask & 1024) out.ascii(" fsync");
    return true;
  }

  /**
   * A counted list: `item` for each (`,` between when `comma`), ` <none!>` when empty.
   */
  list(item: () => boolean, comma: boolean): boolean {
    const n = this.word();
    if (n < 0) return false;
    for (let i = 0; i < n; i++) {
      if (!item()) return false;
      if (comma && i !== n - 1) this.out.byte(0x2c);
    }
    if (n === 0) this.out.ascii(" <none!>");
    return true;
  }
}

/** One AFS service: its name, its opcodes' names, and its printers. */
export interface RxService {
  /** tcpdump's name of the service (`fs`, `pt`...), also its truncation mark. */
  readonly name: string;
  /** The opcodes' names. */
  readonly names: ReadonlyMap<number, string>;
  /** Whether Ubik's opcodes are the service's own (pt, vldb, kauth). */
  readonly ubik: boolean;
  /** Prints a call's arguments after its opcode; `false` when the walk stopped. */
  readonly call: (a: RxArgs, op: number) => boolean;
  /** Prints a reply (a data or abort packet); `false` when the walk stopped. */
  readonly reply: (a: RxArgs, op: number, type: number) => boolean;
}

/** Names by number, as tcpdump's tok2str() with `op#%u` for the others. */
export function opName(names: ReadonlyMap<number, string>, op: number): string {
  return names.get(op) ?? `op#${op}`;
}
