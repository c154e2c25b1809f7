/**
 * sniff's command line: the flags, their help lines, the parser and the permissions a
 * command line needs. {@linkcode parseSniffArgs}, {@linkcode sniffPermissions} and
 * {@linkcode SniffArgs} are exported from `scripts/sniff.ts`.
 *
 * @module
 */

import type { PermissionNeed } from "./_permissions.ts";
import { type OptionHelp, parseCommandLine } from "./_cli.ts";
import { MAXIMUM_SNAPLEN } from "../lib/pipeline/source.ts";
import type { CaptureDirection } from "../lib/capture/live.ts";
import { packetTypeBinding } from "../lib/print/packet_type.ts";

export const USAGE = `Usage: deno run --allow-ffi scripts/sniff.ts [-AdDehLnpqStUvxX#] [-B KIB] ` +
  "[-c N] [--count] [-C SIZE] [-F FILE] [-G SECONDS] [-i IFACE] [--immediate-mode] " +
  "[--json] [--nano] [-Q in|out|inout] [-r FILE] [--ring] [--sandbox] [-s SNAPLEN] [-T TYPE] " +
  "[--version] [-w FILE] [-W N] [-y TYPE] [-Z USER] [EXPRESSION]";

/** The flags: parseArgs' configuration, the help line, in `--help` order. */
const FLAGS = {
  ascii: {
    type: "boolean",
    short: "A",
    multiple: true,
    help: "-A, -AA: print each packet in ASCII (-AA: from the link header)",
  },
  "buffer-size": { type: "string", short: "B", help: "-B KIB, --buffer-size KIB: kernel buffer" },
  packets: { type: "string", short: "c", help: "-c N: stop after N packets" },
  count: { type: "boolean", help: "--count: print only the number of packets read" },
  "file-size": {
    type: "string",
    short: "C",
    help: "-C SIZE: new -w file once one is over SIZE millions of bytes",
  },
  "dump-filter": {
    type: "boolean",
    short: "d",
    multiple: true,
    help: "-d, -dd, -ddd: print the compiled filter (as code, C array, decimal) and exit",
  },
  "list-interfaces": {
    type: "boolean",
    short: "D",
    help: "-D, --list-interfaces: list the interfaces",
  },
  link: { type: "boolean", short: "e", help: "-e: print the link-level header" },
  "filter-file": { type: "string", short: "F", help: "-F FILE: read the filter from FILE" },
  "rotate-seconds": {
    type: "string",
    short: "G",
    help: "-G SECONDS: new -w file (a strftime name) every SECONDS",
  },
  help: { type: "boolean", short: "h", help: "-h, --help: print this help and exit" },
  interface: { type: "string", short: "i", help: "-i IFACE, --interface IFACE: capture on" },
  immediate: { type: "boolean", help: "--immediate, --immediate-mode: deliver at once" },
  "immediate-mode": { type: "boolean" },
  json: { type: "boolean", help: "--json: one JSON object per packet (JSON lines)" },
  "list-data-link-types": {
    type: "boolean",
    short: "L",
    help: "-L, --list-data-link-types: list the interface's link types",
  },
  "line-buffered": { type: "boolean", short: "l", help: "-l: accepted (output is per batch)" },
  "no-names": { type: "boolean", short: "n", multiple: true, help: "-n: accepted (no names)" },
  nano: { type: "boolean", help: "--nano: nanosecond timestamps (capture, print, -w)" },
  "no-promiscuous-mode": {
    type: "boolean",
    short: "p",
    help: "-p, --no-promiscuous-mode: no promiscuous mode",
  },
  quiet: { type: "boolean", short: "q", help: "-q: shorter lines" },
  direction: {
    type: "string",
    short: "Q",
    help: "-Q in|out|inout, --direction DIR: directions to capture",
  },
  read: { type: "string", short: "r", help: "-r FILE: read FILE (- for stdin; .gz, .xz)" },
  ring: { type: "boolean", help: "--ring: capture with wirekit's AF_PACKET ring" },
  sandbox: {
    type: "boolean",
    help: "--sandbox: decode and print in a Deno process with no permissions",
  },
  "snapshot-length": {
    type: "string",
    short: "s",
    help: "-s SNAPLEN, --snapshot-length N: bytes kept (0: 262144)",
  },
  absolute: { type: "boolean", short: "S", help: "-S: absolute TCP sequence numbers" },
  time: {
    type: "boolean",
    short: "t",
    multiple: true,
    help: "-t, -tt, -ttt, -tttt, -ttttt: no time, Unix, delta, date, since first",
  },
  "packet-type": {
    type: "string",
    short: "T",
    help: "-T TYPE: print every UDP datagram as TYPE (domain, snmp, tftp...), as tcpdump -T",
  },
  "time-stamp-precision": {
    type: "string",
    help: "--time-stamp-precision micro|nano: as --nano for nano",
  },
  "packet-buffered": {
    type: "boolean",
    short: "U",
    help: "-U, --packet-buffered: flush -w after every batch",
  },
  verbose: { type: "boolean", short: "v", multiple: true, help: "-v, -vv, -vvv: more detail" },
  version: { type: "boolean", help: "--version: print the versions and exit" },
  write: { type: "string", short: "w", help: "-w FILE: write packets to FILE (- for stdout)" },
  "file-count": {
    type: "string",
    short: "W",
    help: "-W N: with -C, a ring of N files; with -G, stop after N files",
  },
  hex: { type: "boolean", short: "x", multiple: true, help: "-x, -xx: hex dump (-xx: link)" },
  "hex-ascii": {
    type: "boolean",
    short: "X",
    multiple: true,
    help: "-X, -XX: hex and ASCII dump (-XX: link)",
  },
  linktype: { type: "string", short: "y", help: "-y TYPE, --linktype TYPE: link type to use" },
  number: { type: "boolean", short: "#", help: "-#, --number: number the packets" },
  "relinquish-privileges": {
    type: "string",
    short: "Z",
    help: "-Z USER, --relinquish-privileges USER: run as USER once the capture is open",
  },
} as const;

const PARSE_OPTIONS = Object.fromEntries(
  Object.entries(FLAGS).map(([name, flag]) => {
    const { help: _, ...config } = flag as typeof flag & { help?: string };
    return [name, config];
  }),
) as { [K in keyof typeof FLAGS]: Omit<typeof FLAGS[K], "help"> };

export const HELP: OptionHelp[] = Object.values(FLAGS).flatMap((flag) => {
  const text = (flag as { help?: string }).help;
  if (text === undefined) return [];
  const colon = text.indexOf(": ");
  return [{ flags: text.slice(0, colon), text: text.slice(colon + 2) }];
});

/** tcpdump's long options that are another name of a flag above. */
const LONG_ALIASES: Readonly<Record<string, string>> = {
  "--number": "-#",
};

/** The short flags that take a value. */
const SHORT_WITH_VALUE = new Map(
  Object.entries(FLAGS).flatMap(([name, flag]) =>
    flag.type === "string" && "short" in flag ? [[flag.short as string, name]] : []
  ),
);

/**
 * Expands tcpdump's bundled short flags for `parseArgs`: `-nnvvX` becomes `-n -n -v -v -X`,
 * and a flag that takes a value takes the rest of its argument or the next one
 * (`-c5`, `-ni lo`): `--name=value`, so that a value such as `-` is never read as a flag.
 *
 * @param args The arguments.
 * @returns The arguments for `parseArgs`.
 */
function expandShortFlags(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--") {
      out.push(...args.slice(i));
      break;
    }
    if (arg.startsWith("--")) {
      out.push(LONG_ALIASES[arg] ?? arg);
      continue;
    }
    if (!arg.startsWith("-") || arg === "-") {
      out.push(arg);
      continue;
    }
    for (let j = 1; j < arg.length; j++) {
      const flag = arg[j]!;
      const name = SHORT_WITH_VALUE.get(flag);
      if (name === undefined) {
        out.push(`-${flag}`);
        continue;
      }
      let value: string | undefined = arg.slice(j + 1);
      if (value === "") value = args[++i];
      // Without a value, parseArgs names the flag in its error.
      out.push(value === undefined ? `-${flag}` : `--${name}=${value}`);
      break;
    }
  }
  return out;
}

/** The parsed command line. */
export interface SniffArgs {
  /** `-r`: the file to read (`-` for standard input). */
  file: string | undefined;
  /** `-w`: the file to write (`-` for standard output). */
  write: string | undefined;
  /** `-c`: the most packets to handle. */
  count: number;
  /** `--count`: print only the number of packets. */
  countOnly: boolean;
  /** `-e`. */
  link: boolean;
  /** Number of `-t`. */
  t: number;
  /** Number of `-v`. */
  verbose: number;
  /** `-q`. */
  quiet: boolean;
  /** `-S`. */
  absolute: boolean;
  /** Number of `-x` or `-X`. */
  hex: number;
  /** Whether `-X` (ASCII) was given. */
  ascii: boolean;
  /** `-A`: the payload in ASCII. */
  asciiPayload: number;
  /** `-#`. */
  number: boolean;
  /** `--nano`. */
  nano: boolean;
  /** `--json`. */
  json: boolean;
  /** `-h`/`--help`. */
  help: boolean;
  /** `--version`. */
  version: boolean;
  /** Number of `-d`: print the compiled filter. */
  dumpFilter: number;
  /** `-i`: the interface to capture on. */
  interface: string | undefined;
  /** `-D`: list the interfaces. */
  listInterfaces: boolean;
  /** `-L`: list the interface's data link types. */
  listDataLinks: boolean;
  /** `-y`: the data link type's name. */
  linkType: string | undefined;
  /** `-s`: the snapshot length (0 stands for 262144, as in tcpdump). */
  snapLength: number | undefined;
  /** `-p` clears it: promiscuous mode. */
  promiscuous: boolean;
  /** `-B`: the capture buffer size in KiB. */
  bufferSize: number | undefined;
  /** `--immediate`, `--immediate-mode`. */
  immediate: boolean;
  /** `-Q`: which directions to capture. */
  direction: CaptureDirection | undefined;
  /** `--ring`: capture through wirekit's AF_PACKET ring instead of libpcap. */
  ring: boolean;
  /** `--sandbox`: decode and print in a Deno process with no permissions. */
  sandbox: boolean;
  /** `-Z`: the user to run as once the capture (or `-r` file) is open. */
  user: string | undefined;
  /** `-U`: flush the `-w` file after every batch of packets. */
  packetBuffered: boolean;
  /** `-C`: the file size for rotation, in bytes. */
  fileSize: number | undefined;
  /** `-G`: the rotation period in seconds. */
  rotateSeconds: number | undefined;
  /** `-W`: the number of files. */
  fileCount: number | undefined;
  /** `-F`: the file that holds the filter. */
  filterFile: string | undefined;
  /** `-T`: the protocol every UDP (or TCP) payload is printed as. */
  packetType: string | undefined;
  /** What is left: the filter expression, word by word. */
  filter: string[];
}

function integer(flag: string, value: string, min: number, what: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || value.trim() === "") {
    throw new TypeError(`Cannot parse -${flag}: ${what} is required, received ${value}`);
  }
  return n;
}

/** tcpdump's `-C`: millions of bytes (1,000,000 bytes, as tcpdump 4.99.3 counts them). */
function fileSize(value: string): number {
  return integer("C", value, 1, "a positive size in millions of bytes") * 1_000_000;
}

/**
 * Parses a tcpdump-style command line with `parseArgs`: short flags can be grouped
 * (`-nne`, `-tttt`, `-vv`, `-ddd`); flags that take a value take it attached (`-c5`) or in
 * the next argument; tcpdump's long options (`--interface=eth0`, `--immediate-mode`,
 * `--count`...) are accepted too. The arguments left over are the filter expression.
 *
 * @param args The arguments.
 * @returns The options.
 * @throws {TypeError} On an unknown flag, a missing value or a bad number.
 *
 * @example Parse a live capture command line
 * ```ts
 * import { parseSniffArgs } from "./sniff.ts";
 * import assert from "node:assert/strict";
 *
 * const args = parseSniffArgs(["-ni", "lo", "-c5", "-p", "udp", "port", "53"]);
 * assert.equal(args.interface, "lo");
 * assert.equal(args.count, 5);
 * assert.equal(args.promiscuous, false);
 * assert.deepEqual(args.filter, ["udp", "port", "53"]);
 * ```
 */
export function parseSniffArgs(args: readonly string[]): SniffArgs {
  const { values: v, positionals } = parseCommandLine(expandShortFlags(args), PARSE_OPTIONS);
  const times = (list: readonly boolean[] | undefined) => list?.length ?? 0;
  const snap = v["snapshot-length"];
  const direction = v.direction;
  if (
    direction !== undefined && direction !== "in" && direction !== "out" && direction !== "inout"
  ) {
    throw new TypeError(`Cannot parse -Q: in, out or inout is required, received ${direction}`);
  }
  const precision = v["time-stamp-precision"];
  if (precision !== undefined && precision !== "micro" && precision !== "nano") {
    throw new TypeError(
      `Cannot parse --time-stamp-precision: micro or nano is required, received ${precision}`,
    );
  }
  let snapLength: number | undefined;
  if (snap !== undefined) {
    snapLength = integer("s", snap, 0, `a length of 0 to ${MAXIMUM_SNAPLEN}`);
    if (snapLength > MAXIMUM_SNAPLEN) {
      throw new TypeError(
        `Cannot parse -s: the snapshot length must be 0 to ${MAXIMUM_SNAPLEN}, received ${snap}`,
      );
    }
    if (snapLength === 0) snapLength = MAXIMUM_SNAPLEN;
  }
  const parsed: SniffArgs = {
    file: v.read,
    write: v.write,
    count: v.packets === undefined ? Infinity : integer("c", v.packets, 1, "a positive count"),
    countOnly: v.count === true,
    link: v.link === true,
    t: times(v.time),
    verbose: times(v.verbose),
    quiet: v.quiet === true,
    absolute: v.absolute === true,
    hex: times(v.hex) + times(v["hex-ascii"]),
    ascii: times(v["hex-ascii"]) > 0,
    asciiPayload: times(v.ascii),
    number: v.number === true,
    nano: v.nano === true || precision === "nano",
    json: v.json === true,
    help: v.help === true,
    version: v.version === true,
    dumpFilter: times(v["dump-filter"]),
    interface: v.interface,
    listInterfaces: v["list-interfaces"] === true,
    listDataLinks: v["list-data-link-types"] === true,
    linkType: v.linktype,
    snapLength,
    promiscuous: v["no-promiscuous-mode"] !== true,
    bufferSize: v["buffer-size"] === undefined
      ? undefined
      : integer("B", v["buffer-size"], 1, "a positive count"),
    immediate: v.immediate === true || v["immediate-mode"] === true,
    direction,
    ring: v.ring === true,
    sandbox: v.sandbox === true,
    user: v["relinquish-privileges"],
    packetBuffered: v["packet-buffered"] === true,
    fileSize: v["file-size"] === undefined ? undefined : fileSize(v["file-size"]),
    rotateSeconds: v["rotate-seconds"] === undefined
      ? undefined
      : integer("G", v["rotate-seconds"], 1, "a positive number of seconds"),
    fileCount: v["file-count"] === undefined
      ? undefined
      : integer("W", v["file-count"], 1, "a positive number of files"),
    filterFile: v["filter-file"],
    packetType: v["packet-type"],
    filter: positionals,
  };
  // The type is checked before anything is opened.
  if (parsed.packetType !== undefined) packetTypeBinding(parsed.packetType);
  if (parsed.ring && (parsed.file !== undefined || parsed.listInterfaces)) {
    throw new TypeError("Cannot parse arguments: --ring captures live, without -r or -D");
  }
  if (parsed.ring && parsed.interface === undefined) {
    throw new TypeError("Cannot parse arguments: --ring needs an interface (-i IFACE)");
  }
  const rotates = parsed.fileSize !== undefined || parsed.rotateSeconds !== undefined;
  if ((rotates || parsed.fileCount !== undefined) && parsed.write === undefined) {
    throw new TypeError("Cannot parse arguments: -C, -G and -W need -w FILE");
  }
  if (rotates && parsed.write === "-") {
    throw new TypeError("Cannot parse arguments: -C and -G need a file name, not -w -");
  }
  return parsed;
}

/**
 * Whether the packets are decoded in the sandbox: `--sandbox` when they are printed or
 * written as JSON (with `-w` or `--count` nothing is decoded), not for `-d`.
 *
 * @param options The parsed command line.
 * @returns Whether a sandboxed process prints them.
 */
export function sandboxed(options: SniffArgs): boolean {
  return options.sandbox && options.write === undefined && !options.countOnly &&
    options.dumpFilter === 0;
}

/** The directory of a path, for `--allow-write` on rotated files. */
function directoryOf(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash < 0 ? "." : slash === 0 ? "/" : path.slice(0, slash);
}

/**
 * The permissions a command line needs: `--allow-ffi` for live capture, `-D`, `-L`, `-d`,
 * `-Z` and `-r` with a filter; `--allow-read` for `-r` (not `-r -`) and `-F`;
 * `--allow-write` for `-w` (not `-w -`; its directory with `-C` or `-G`); `--allow-run` for
 * `Deno.execPath()` with `--sandbox` when it prints (not with `-w` or `--count`).
 *
 * @param options The parsed command line.
 * @returns The permissions, in the order of their flags on the suggested command line.
 *
 * @example A filtered file needs FFI and read
 * ```ts
 * import { parseSniffArgs, sniffPermissions } from "./sniff.ts";
 * import assert from "node:assert/strict";
 *
 * const needs = sniffPermissions(parseSniffArgs(["-r", "in.pcap", "tcp"]));
 * assert.deepEqual(needs.map((need) => need.name), ["ffi", "read"]);
 * ```
 */
export function sniffPermissions(options: SniffArgs): PermissionNeed[] {
  if (options.listInterfaces || options.listDataLinks) return [{ name: "ffi" }];
  const needs: PermissionNeed[] = [];
  const filtered = options.filter.length > 0 || options.filterFile !== undefined;
  if (
    options.file === undefined || filtered || options.dumpFilter > 0 || options.user !== undefined
  ) {
    needs.push({ name: "ffi" });
  }
  if (options.file !== undefined && options.file !== "-") {
    needs.push({ name: "read", path: options.file });
  }
  if (options.filterFile !== undefined) needs.push({ name: "read", path: options.filterFile });
  if (options.write !== undefined && options.write !== "-" && options.dumpFilter === 0) {
    const rotates = options.fileSize !== undefined || options.rotateSeconds !== undefined;
    needs.push({ name: "write", path: rotates ? directoryOf(options.write) : options.write });
  }
  if (sandboxed(options)) needs.push({ name: "run", command: Deno.execPath() });
  return needs;
}
