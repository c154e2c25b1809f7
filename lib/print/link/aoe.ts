/**
 * ATA over Ethernet (EtherType `0x88a2`) as tcpdump's aoe_print() writes it: the length,
 * version and flags, and with `-v` the common header and the command's argument.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import { type Aoe, AOE_HEADER_LENGTH, AoeCommand, AoeFlag } from "../../link/aoe.ts";
import { captured, invalid, truncatedRead } from "../_truncation.ts";
import { bitNames, linkPayloadLength } from "../_shared.ts";
import { printChars } from "../_chars.ts";

const FLAGS = [[0x08, "Response"], [0x04, "Error"], [0x02, "MBZ-1"], [0x01, "MBZ-0"]] as const;
const COMMANDS = new Map([
  [0, "Issue ATA Command"],
  [1, "Query Config Information"],
  [2, "MAC Mask List"],
  [3, "Reserve/Release"],
]);
const ERRORS = new Map([
  [1, "Unrecognized command code"],
  [2, "Bad argument parameter"],
  [3, "Device unavailable"],
  [4, "Config string present"],
  [5, "Unsupported version"],
  [6, "Target is reserved"],
]);
const ATA_FLAGS = [
  [0x80, "MBZ-7"],
  [0x40, "Ext48"],
  [0x20, "MBZ-5"],
  [0x10, "Device"],
  [0x08, "MBZ-3"],
  [0x04, "MBZ-2"],
  [0x02, "Async"],
  [0x01, "Write"],
] as const;
/** What precedes each byte of the Issue ATA Command argument after AFlags. */
const ATA_LABELS = [
  ", Err/Feature: ",
  ", Sector Count: ",
  ", Cmd/Status: ",
  "\n\tlba0: ",
  ", lba1: ",
  ", lba2: ",
  ", lba3: ",
  ", lba4: ",
  ", lba5: ",
];
const CONFIG_COMMANDS = new Map([
  [0, "read config string"],
  [1, "test config string"],
  [2, "test config string prefix"],
  [3, "set config string"],
  [4, "force set config string"],
]);
const MASK_COMMANDS = new Map([[0, "Read Mac Mask List"], [1, "Edit Mac Mask List"]]);
const MASK_ERRORS = new Map([
  [1, "Unspecified Error"],
  [2, "Bad DCmd directive"],
  [3, "Mask list full"],
]);
const DIRECTIVES = new Map([
  [0, "No Directive"],
  [1, "Add mac address to mask list"],
  [2, "Delete mac address from mask list"],
]);
const RESERVE_COMMANDS = new Map([
  [0, "Read reserve list"],
  [1, "Set reserve list"],
  [2, "Force set reserve list"],
]);
/** tcpdump's longest config string. */
const MAX_CONFIG_STRING = 1024;

/** tcpdump's tok2str() with its `Unknown (0x%02x)` default. */
function named(names: ReadonlyMap<number, string>, value: number): string {
  return names.get(value) ?? `Unknown (0x${value.toString(16).padStart(2, "0")})`;
}

/**
 * ` (invalid)`, then tcpdump's check that the rest of the message (`length` bytes at
 * `at`) was captured; its bounds checks jump out of the packet ([|aoe], whole-packet dump).
 */
function invalidRest(ctx: PrintContext, aoe: Aoe, at: number, length: number): void {
  invalid(ctx);
  if (!captured(aoe.end, at, length)) truncatedRead(ctx, "aoe");
}

/**
 * Prints an AoE message.
 *
 * @param ctx The print context.
 * @param aoe The layer.
 */
export function printAoe(ctx: PrintContext, aoe: Aoe): void {
  ctx.done = true;
  const out = ctx.out;
  const length = linkPayloadLength(ctx, aoe.offset);
  out.ascii(`AoE length ${length}`);
  if (length < 1) return invalidRest(ctx, aoe, aoe.offset, length);
  const version = aoe.version;
  if (version < 0) return truncatedRead(ctx, "aoe");
  out.ascii(`, Ver ${version}`);
  // tcpdump knows version 1 only and prints nothing more of another.
  if (version !== 1) return;
  if (length < AOE_HEADER_LENGTH) return invalidRest(ctx, aoe, aoe.offset, length);
  const flags = aoe.flags;
  out.ascii(`, Flags: [${bitNames(FLAGS, flags)}]`);
  if (ctx.verbose < 1) return;
  // The error byte is read only when the Error flag says it holds one.
  if ((flags & AoeFlag.ERROR) !== 0) {
    const error = aoe.error;
    if (error < 0) return truncatedRead(ctx, "aoe");
    out.ascii(`\n\tError: ${ERRORS.get(error) ?? `Invalid (${error})`}`);
  }
  const major = aoe.major;
  if (major < 0) return truncatedRead(ctx, "aoe");
  out.ascii(`\n\tMajor: 0x${major.toString(16).padStart(4, "0")}`);
  const minor = aoe.minor;
  if (minor < 0) return truncatedRead(ctx, "aoe");
  out.ascii(`, Minor: 0x${minor.toString(16).padStart(2, "0")}`);
  const command = aoe.command;
  if (command < 0) return truncatedRead(ctx, "aoe");
  out.ascii(`, Command: ${named(COMMANDS, command)}`);
  const tag = aoe.tag;
  if (tag < 0) return truncatedRead(ctx, "aoe");
  out.ascii(`, Tag: 0x${tag.toString(16).padStart(8, "0")}`);
  const rest = length - AOE_HEADER_LENGTH;
  switch (command) {
    case AoeCommand.ISSUE_ATA_COMMAND:
      return issue(ctx, aoe, rest);
    case AoeCommand.QUERY_CONFIG_INFORMATION:
      return query(ctx, aoe, rest);
    case AoeCommand.MAC_MASK_LIST:
      return maskList(ctx, aoe, rest);
    case AoeCommand.RESERVE_RELEASE:
      return reserve(ctx, aoe, rest);
  }
}

/** Issue ATA Command: the register bytes, then the data's length. */
function issue(ctx: PrintContext, aoe: Aoe, length: number): void {
  const at = aoe.argumentOffset;
  if (length < 12) return invalidRest(ctx, aoe, at, length);
  const out = ctx.out;
  const aflags = aoe.ataRegister(0);
  if (aflags < 0) return truncatedRead(ctx, "aoe");
  out.ascii(`\n\tAFlags: [${bitNames(ATA_FLAGS, aflags)}]`);
  for (let i = 0; i < ATA_LABELS.length; i++) {
    const value = aoe.ataRegister(i + 1);
    if (value < 0) return truncatedRead(ctx, "aoe");
    out.ascii(`${ATA_LABELS[i]}${value}`);
  }
  // The two reserved bytes are checked, not printed.
  if (!captured(aoe.end, at + 10, 2)) return truncatedRead(ctx, "aoe");
  if (length > 12) out.ascii(`\n\tData: ${length - 12} bytes`);
}

/** Query Config Information: counts, versions and the config string. */
function query(ctx: PrintContext, aoe: Aoe, length: number): void {
  const at = aoe.argumentOffset;
  if (length < 8) return invalidRest(ctx, aoe, at, length);
  const out = ctx.out;
  const buffers = aoe.bufferCount;
  if (buffers < 0) return truncatedRead(ctx, "aoe");
  out.ascii(`\n\tBuffer Count: ${buffers}`);
  const firmware = aoe.firmwareVersion;
  if (firmware < 0) return truncatedRead(ctx, "aoe");
  out.ascii(`, Firmware Version: ${firmware}`);
  const sectors = aoe.querySectorCount;
  if (sectors < 0) return truncatedRead(ctx, "aoe");
  out.ascii(`, Sector Count: ${sectors}`);
  const ccmd = aoe.configCommand;
  if (ccmd < 0) return truncatedRead(ctx, "aoe");
  // tcpdump's default format lacks its '%': the unknown command's value is not printed.
  out.ascii(`, AoE: ${aoe.queryVersion}, CCmd: ${CONFIG_COMMANDS.get(ccmd) ?? "Unknown (0x02x)"}`);
  const stringLength = aoe.configStringLength;
  if (stringLength < 0) return truncatedRead(ctx, "aoe");
  const start = aoe.configStringOffset;
  if (stringLength > MAX_CONFIG_STRING || stringLength > length - 8) {
    return invalidRest(ctx, aoe, start, length - 8);
  }
  if (stringLength === 0) return;
  out.ascii(`\n\tConfig String (length ${stringLength}): `);
  if (printChars(out, aoe.data, start, start + stringLength, aoe.end)) {
    truncatedRead(ctx, "aoe");
  }
}

/** MAC Mask List: the command, error and directives. */
function maskList(ctx: PrintContext, aoe: Aoe, length: number): void {
  const at = aoe.argumentOffset;
  if (length < 4) return invalidRest(ctx, aoe, at, length);
  const out = ctx.out;
  const mcmd = aoe.maskCommand;
  if (mcmd < 0) return truncatedRead(ctx, "aoe");
  out.ascii(`\n\tMCmd: ${named(MASK_COMMANDS, mcmd)}`);
  const merror = aoe.maskError;
  if (merror < 0) return truncatedRead(ctx, "aoe");
  out.ascii(`, MError: ${named(MASK_ERRORS, merror)}`);
  const count = aoe.directiveCount;
  if (count < 0) return truncatedRead(ctx, "aoe");
  out.ascii(`, Dir Count: ${count}`);
  if (count * 8 > length - 4) return invalidRest(ctx, aoe, at + 4, length - 4);
  for (let i = 0; i < count; i++) {
    const dcmd = aoe.directiveCommand(i);
    if (dcmd < 0) return truncatedRead(ctx, "aoe");
    out.ascii(`\n\t DCmd: ${named(DIRECTIVES, dcmd)}`);
    const address = aoe.directiveAddress(i);
    if (address === "") return truncatedRead(ctx, "aoe");
    out.ascii(`, Ethernet Address: ${address}`);
  }
}

/** Reserve/Release: the command and the addresses, whose count the length must match. */
function reserve(ctx: PrintContext, aoe: Aoe, length: number): void {
  const at = aoe.argumentOffset;
  if (length < 2 || (length - 2) % 6 !== 0) return invalidRest(ctx, aoe, at, length);
  const out = ctx.out;
  const rcmd = aoe.reserveCommand;
  if (rcmd < 0) return truncatedRead(ctx, "aoe");
  out.ascii(`\n\tRCmd: ${named(RESERVE_COMMANDS, rcmd)}`);
  const count = aoe.addressCount;
  if (count < 0) return truncatedRead(ctx, "aoe");
  out.ascii(`, NMacs: ${count}`);
  if (count * 6 !== length - 2) return invalidRest(ctx, aoe, at + 2, length - 2);
  for (let i = 0; i < count; i++) {
    const address = aoe.reserveAddress(i);
    if (address === "") return truncatedRead(ctx, "aoe");
    out.ascii(`\n\tEthernet Address ${i}: ${address}`);
  }
}
