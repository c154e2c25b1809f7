/**
 * Telnet as tcpdump's telnet_print() writes it: the commands at the start of a segment in
 * brackets, ` [telnet DO SUPPRESS GO AHEAD, WILL TERMINAL TYPE]`, nothing for data.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import { type Telnet, TelnetCommand, TelnetOption } from "../../app/telnet.ts";
import { truncatedRead } from "../_truncation.ts";

const COMMANDS = [
  "EOF",
  "SUSP",
  "ABORT",
  "EOR",
  "SE",
  "NOP",
  "DMARK",
  "BRK",
  "IP",
  "AO",
  "AYT",
  "EC",
  "EL",
  "GA",
  "SB",
  "WILL",
  "WONT",
  "DO",
  "DONT",
  "IAC",
];

const OPTIONS = [
  "BINARY",
  "ECHO",
  "RCP",
  "SUPPRESS GO AHEAD",
  "NAME",
  "STATUS",
  "TIMING MARK",
  "RCTE",
  "NAOL",
  "NAOP",
  "NAOCRD",
  "NAOHTS",
  "NAOHTD",
  "NAOFFD",
  "NAOVTS",
  "NAOVTD",
  "NAOLFD",
  "EXTEND ASCII",
  "LOGOUT",
  "BYTE MACRO",
  "DATA ENTRY TERMINAL",
  "SUPDUP",
  "SUPDUP OUTPUT",
  "SEND LOCATION",
  "TERMINAL TYPE",
  "END OF RECORD",
  "TACACS UID",
  "OUTPUT MARKING",
  "TTYLOC",
  "3270 REGIME",
  "X.3 PAD",
  "NAWS",
  "TSPEED",
  "LFLOW",
  "LINEMODE",
  "XDISPLOC",
  "OLD-ENVIRON",
  "AUTHENTICATION",
  "ENCRYPT",
  "NEW-ENVIRON",
];

const QUALIFIERS = ["IS", "SEND", "INFO"];
const AUTH_COMMANDS = ["IS", "SEND", "REPLY", "NAME"];
const AUTH_TYPES = [
  "NULL",
  "KERBEROS_V4",
  "KERBEROS_V5",
  "SPX",
  "MINK",
  "SRP",
  "RSA",
  "SSL",
  undefined,
  undefined,
  "LOKI",
  "SSA",
  "KEA_SJ",
  "KEA_SJ_INTEG",
  "DSS",
  "NTLM",
];
const ENCRYPT_COMMANDS = [
  "IS",
  "SUPPORT",
  "REPLY",
  "START",
  "END",
  "REQUEST-START",
  "REQUEST-END",
  "END_KEYID",
  "DEC_KEYID",
];
const ENCRYPT_TYPES = [
  "NULL",
  "DES_CFB64",
  "DES_OFB64",
  "DES3_CFB64",
  "DES3_OFB64",
  undefined,
  "CAST5_40_CFB64",
  "CAST5_40_OFB64",
  "CAST128_CFB64",
  "CAST128_OFB64",
];

/** A number as C's `%#x`: `0` or `0x1f`. */
function hexNumber(n: number): string {
  return n === 0 ? "0" : `0x${n.toString(16)}`;
}

function named(n: number, table: readonly (string | undefined)[]): string {
  return table[n] ?? hexNumber(n);
}

/**
 * Prints a Telnet segment's commands.
 *
 * @param ctx The print context.
 * @param telnet The layer.
 */
export function printTelnet(ctx: PrintContext, telnet: Telnet): void {
  const out = ctx.out;
  ctx.done = true;
  let first = true;
  // With -X and -vvv tcpdump shows each command's bytes in hex, then its text.
  const dump = ctx.ascii && ctx.verbose > 2;
  for (const c of telnet.commands) {
    if (dump) {
      if (first) out.ascii("\nTelnet:");
      hexWithOffset(ctx, telnet, c.offset, c.length);
      out.ascii(c.length > 8 ? "\n\t\t\t\t" : `${" ".repeat((8 - c.length) * 3)}\t`);
    } else out.ascii(first ? " [telnet " : ", ");
    first = false;
    if (c.command === TelnetCommand.IAC) {
      out.ascii("IAC IAC");
      continue;
    }
    out.ascii(COMMANDS[c.command - TelnetCommand.EOF]!);
    if (c.option === undefined) continue;
    out.byte(0x20);
    out.ascii(OPTIONS[c.option] ?? hexNumber(c.option));
    const parameters = c.parameters;
    if (parameters === undefined) continue;
    let i = 0;
    if (parameters.length > 0) {
      const auth = c.option === TelnetOption.AUTHENTICATION;
      const encrypt = c.option === TelnetOption.ENCRYPT;
      out.byte(0x20);
      out.ascii(
        named(parameters[i++]!, auth ? AUTH_COMMANDS : encrypt ? ENCRYPT_COMMANDS : QUALIFIERS),
      );
      if ((auth || encrypt) && i < parameters.length) {
        out.byte(0x20);
        out.ascii(named(parameters[i++]!, auth ? AUTH_TYPES : ENCRYPT_TYPES));
      }
    }
    for (; i < parameters.length; i++) {
      out.byte(0x20);
      out.ascii(hexNumber(parameters[i]!));
    }
    out.ascii(" SE");
  }
  // Bytes that end inside a command: the capture cut them (tcpdump's truncation mark,
  // without the closing bracket), or the segment did (the command is not printed). After
  // a subnegotiation's option tcpdump reads on, past the captured bytes: cut too.
  const wireEnd = ctx.network ? ctx.ipEnd : telnet.end;
  const ending = telnet.commandsEnd;
  if ((ending === "cut" && wireEnd > telnet.end) || ending === "option") {
    return truncatedRead(ctx, "telnet");
  }
  if (!first) out.ascii(dump ? "\n" : "]");
}

/** Bytes as tcpdump's hex_print_with_offset() writes them, from the segment's start. */
function hexWithOffset(ctx: PrintContext, telnet: Telnet, at: number, length: number): void {
  const out = ctx.out;
  const d = telnet.data;
  let offset = at - telnet.offset;
  for (let i = 0; i < length; i += 2) {
    if (i % 16 === 0) {
      out.ascii("\n0x");
      out.hex(offset, 4);
      out.ascii(": ");
      offset += 16;
    }
    out.byte(0x20);
    out.hexBytes(d, at + i, at + Math.min(i + 2, length));
  }
}
