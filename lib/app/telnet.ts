/**
 * Telnet over TCP port 23 (RFC 854, 855): the commands at the start of a segment (option
 * negotiation `IAC DO/DONT/WILL/WONT`, subnegotiation `IAC SB ... IAC SE`, and the other
 * `IAC` commands), read as tcpdump's telnet_parse() reads them. The data after them is not
 * decoded.
 *
 * @module
 */

import type { DecodeError } from "../errors.ts";
import { beginLayer } from "../_begin_layer.ts";
import { decodeOne } from "../_decode_one.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";

/** Telnet command codes (RFC 854). */
export const TelnetCommand = {
  EOF: 236,
  SUSP: 237,
  ABORT: 238,
  EOR: 239,
  SE: 240,
  NOP: 241,
  DM: 242,
  BREAK: 243,
  IP: 244,
  AO: 245,
  AYT: 246,
  EC: 247,
  EL: 248,
  GA: 249,
  SB: 250,
  WILL: 251,
  WONT: 252,
  DO: 253,
  DONT: 254,
  IAC: 255,
} as const;

/** Telnet option codes that tcpdump gives a special subnegotiation format. */
export const TelnetOption = {
  AUTHENTICATION: 37,
  ENCRYPT: 38,
} as const;

/** One Telnet command: `IAC` and what follows it. */
export interface TelnetCommandEntry {
  /** Offset of its `IAC` byte. */
  readonly offset: number;
  /** Its length in bytes (with `IAC SE` for a subnegotiation). */
  readonly length: number;
  /** The command code (236 to 255; 255 is an escaped data byte `IAC IAC`). */
  readonly command: number;
  /** The option of DO, DONT, WILL, WONT and SB. */
  readonly option?: number;
  /**
   * The bytes of a subnegotiation between the option and `IAC SE`: the qualifier (IS,
   * SEND...) first, then (for AUTHENTICATION and ENCRYPT) the type, then the rest.
   */
  readonly parameters?: readonly number[];
}

/**
 * How the commands ended: `data` (a byte other than `IAC`, or the end of the bytes after
 * a whole command), `invalid` (an `IAC` followed by a code below 236, or a subnegotiation
 * whose `IAC SE` is missing), `cut` (the bytes ended inside a command), `option` (they
 * ended just after a subnegotiation's option: tcpdump's telnet_parse() then reads the byte
 * past them for an `IAC`).
 */
export type TelnetEnd = "data" | "invalid" | "cut" | "option";

/**
 * A Telnet segment: its leading commands ({@linkcode Telnet.commands}), read when first
 * asked.
 *
 * @example Read option negotiation
 * ```ts
 * import { decodeTelnet } from "./telnet.ts";
 * import assert from "node:assert/strict";
 *
 * const telnet = decodeTelnet(new Uint8Array([255, 253, 3, 255, 251, 24]));
 * assert.deepEqual(telnet.commands.map((c) => [c.command, c.option]), [[253, 3], [251, 24]]);
 * assert.equal(telnet.commandsEnd, "data");
 * ```
 */
export class Telnet extends LayerBase {
  /** The discriminant. */
  readonly kind = "telnet" as const;
  #commands: TelnetCommandEntry[] | undefined = undefined;
  #ending: TelnetEnd = "data";

  /** The commands at the start of the segment, up to the first data byte. */
  get commands(): readonly TelnetCommandEntry[] {
    if (this.#commands === undefined) this.#read();
    return this.#commands!;
  }

  /** How the commands ended. */
  get commandsEnd(): TelnetEnd {
    if (this.#commands === undefined) this.#read();
    return this.#ending;
  }

  /** Decodes the segment at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    _context: DecodeContext,
  ): DecodeError | undefined {
    const error = beginLayer(this, data, offset, end);
    if (error !== undefined) return error;
    this.headerLength = end - offset;
    this.#commands = undefined;
    return undefined;
  }

  /** Telnet data is not decoded further. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /** Returns the commands as a plain object. */
  toJSON(): Record<string, unknown> {
    return {
      commands: this.commands.map((c) => ({ ...c, offset: c.offset - this.offset })),
      commandsEnd: this.commandsEnd,
    };
  }

  #read(): void {
    const d = this.data;
    const end = this.end;
    const commands: TelnetCommandEntry[] = [];
    this.#commands = commands;
    let at = this.offset;
    for (;;) {
      if (at >= end || d[at] !== TelnetCommand.IAC) {
        this.#ending = "data";
        return;
      }
      if (at + 1 >= end) return void (this.#ending = "cut");
      const command = d[at + 1]!;
      if (command < TelnetCommand.EOF) return void (this.#ending = "invalid");
      if (command < TelnetCommand.SB || command === TelnetCommand.IAC) {
        commands.push({ offset: at, length: 2, command });
        at += 2;
        continue;
      }
      if (at + 2 >= end) return void (this.#ending = "cut");
      const option = d[at + 2]!;
      if (command !== TelnetCommand.SB) {
        commands.push({ offset: at, length: 3, command, option });
        at += 3;
        continue;
      }
      // IAC SB option ... IAC SE
      if (at + 3 === end) return void (this.#ending = "option");
      let p = at + 3;
      while (p + 1 < end && !(d[p] === TelnetCommand.IAC && d[p + 1] === TelnetCommand.SE)) p++;
      if (p + 1 >= end) return void (this.#ending = "cut");
      const parameters = Array.from(d.subarray(at + 3, p));
      commands.push({ offset: at, length: p + 2 - at, command, option, parameters });
      at = p + 2;
    }
  }
}

/**
 * Creates {@linkcode Telnet} layers; the registry entry for TCP port 23.
 *
 * @example Create a Telnet layer
 * ```ts
 * import { telnetDecoder } from "./telnet.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(telnetDecoder.create().kind, "telnet");
 * ```
 */
export const telnetDecoder: ProtocolDescriptor<Telnet> = defineProtocol({
  kind: "telnet",
  name: "Telnet",
  tcpdumpName: "telnet",
  create: () => new Telnet(),
  bindings: { tcpPorts: [23] },
});

/**
 * Decodes a Telnet segment.
 *
 * @param data The bytes (the TCP payload).
 * @param offset Where the payload starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When the payload is empty.
 *
 * @example Read a subnegotiation
 * ```ts
 * import { decodeTelnet } from "./telnet.ts";
 * import assert from "node:assert/strict";
 *
 * const telnet = decodeTelnet(new Uint8Array([255, 250, 24, 1, 255, 240, 0x61]));
 * assert.deepEqual(telnet.commands[0]?.parameters, [1]);
 * assert.equal(telnet.commands[0]?.length, 6);
 * ```
 */
export function decodeTelnet(data: Uint8Array, offset = 0): Telnet {
  return decodeOne(new Telnet(), data, offset);
}
