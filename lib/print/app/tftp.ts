/**
 * TFTP as tcpdump's tftp_print() writes it.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { Tftp, TftpString } from "../../app/tftp.ts";
import { truncated, truncatedRead } from "../_truncation.ts";
import { printChars } from "../_chars.ts";

/**
 * Prints a TFTP packet after its UDP header.
 *
 * @param ctx The print context.
 * @param tftp The layer.
 */
export function printTftp(ctx: PrintContext, tftp: Tftp): void {
  const out = ctx.out;
  ctx.done = true;
  out.ascii(`TFTP, length ${tftp.wireLength}`);
  const opcode = tftp.opcode;
  // A field that the length holds but the capture does not: tcpdump jumps out.
  const cut = (need: number) => {
    if (tftp.wireLength >= need) truncatedRead(ctx, "tftp");
    else truncated(ctx, "tftp");
  };
  if (opcode === undefined) return cut(2);
  const name = OPCODES[opcode];
  if (name === undefined) {
    out.ascii(`, tftp-#${opcode}`);
    return;
  }
  out.ascii(`, ${name}`);
  const string = (s: TftpString) => printChars(out, tftp.data, s.start, s.end, s.end);
  const trunc = () => truncated(ctx, "tftp");
  switch (opcode) {
    case 1:
    case 2: {
      const strings = tftp.strings();
      const [file, mode, ...options] = strings;
      if (file === undefined) return trunc();
      out.ascii(' "');
      string(file);
      out.byte(0x22);
      if (!file.terminated) return trunc();
      if (mode === undefined) return trunc();
      out.byte(0x20);
      string(mode);
      if (!mode.terminated) return trunc();
      for (const option of options) {
        if (option.end > option.start) out.byte(0x20);
        string(option);
        if (!option.terminated) return trunc();
      }
      break;
    }
    case 6:
      for (const option of tftp.strings()) {
        if (option.end > option.start) out.byte(0x20);
        string(option);
        if (!option.terminated) return trunc();
      }
      break;
    case 3:
    case 4:
      if (tftp.block === undefined) return cut(4);
      out.ascii(` block ${tftp.block}`);
      break;
    case 5: {
      const code = tftp.errorCode;
      if (code === undefined) return cut(4);
      out.ascii(` ${ERRORS[code] ?? `tftp-err-#${code} "`}`);
      const [message] = tftp.strings();
      if (message === undefined) return trunc();
      out.ascii(' "');
      string(message);
      out.byte(0x22);
      if (!message.terminated) return trunc();
      break;
    }
  }
}

const OPCODES: Readonly<Record<number, string>> = {
  1: "RRQ",
  2: "WRQ",
  3: "DATA",
  4: "ACK",
  5: "ERROR",
  6: "OACK",
};

const ERRORS: readonly string[] = [
  "EUNDEF",
  "ENOTFOUND",
  "EACCESS",
  "ENOSPACE",
  "EBADOP",
  "EBADID",
  "EEXISTS",
  "ENOUSER",
];
