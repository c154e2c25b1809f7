/**
 * sniff: tcpdump's command line over wirekit. It captures live traffic through libpcap, or
 * reads a capture file, and prints the packets as `tcpdump -n` does, or writes them to a
 * pcap file.
 *
 * ```sh
 * # Live capture: needs --allow-ffi (and root, or CAP_NET_RAW and CAP_NET_ADMIN)
 * deno run --allow-ffi scripts/sniff.ts [-i IFACE] [-c N] [-s SNAPLEN] [-p] [-B KIB]
 *   [--immediate] [-Q in|out|inout] [print options] [EXPRESSION]
 * deno run --allow-ffi --allow-write scripts/sniff.ts -i IFACE -w OUT [EXPRESSION]
 * deno run --allow-ffi scripts/sniff.ts -D
 * # Without libpcap: wirekit's own AF_PACKET ring (an EXPRESSION still needs libpcap)
 * deno run --allow-ffi scripts/sniff.ts --ring -i IFACE [-c N] [...]
 * # Files: --allow-read; with a filter expression also --allow-ffi (libpcap reads the file)
 * deno run --allow-read scripts/sniff.ts -r FILE [print options] [-w OUT]
 * deno run --allow-ffi --allow-read scripts/sniff.ts -r FILE EXPRESSION
 * ```
 *
 * `-w OUT` also needs `--allow-write` (for that file). Without a flag it needs, sniff stops
 * with one message that names the flag and the command line to use.
 *
 * Capture:
 * - `-i IFACE`: the interface (a name, or a number from `-D`); default: the first `-D` lists.
 * - `-D`: list the interfaces, numbered, with their flags, as `tcpdump -D` does.
 * - `-c N`: stop after N packets. `-s SNAPLEN`: bytes kept of each packet (0: 262144).
 * - `-p`: no promiscuous mode. `-B KIB`: the kernel buffer size in KiB. `--immediate`
 *   (`--immediate-mode`): deliver each packet at once. `-Q in|out|inout`: the direction.
 * - `EXPRESSION`: a filter in libpcap's syntax; the remaining arguments, joined by spaces.
 * - `--ring`: capture through wirekit's TPACKET_V3 ring on an AF_PACKET socket (Linux,
 *   `openPacketRing`) instead of libpcap, which is then needed only to compile an
 *   EXPRESSION. Needs `-i` with a name; `-B` sizes the ring, `--immediate` sets a 1 ms
 *   block timeout (10 ms otherwise).
 * - Live, stderr gets tcpdump's banner (`listening on eth0, link-type EN10MB (Ethernet),
 *   snapshot length 262144 bytes`) and, at the end (`-c` reached, Ctrl-C or SIGTERM), its
 *   closing lines (`N packets captured`, `N packets received by filter`, `N packets dropped
 *   by kernel`). A second Ctrl-C exits at once.
 * - `-r FILE`: read a pcap or pcapng file instead: with wirekit's own reader, or through
 *   libpcap (`openOffline`) when there is a filter expression.
 *
 * Printing (as tcpdump):
 * - `-n`: accepted; sniff never resolves names. `-e`: the link-level header. `-q`: shorter
 *   lines. `-S`: absolute TCP sequence numbers. `-v`: IP header fields and checksums.
 * - `-t`: no time; `-tt`: Unix seconds; `-ttt`: delta to the previous packet; `-tttt`:
 *   date and time; `-ttttt`: delta to the first packet. Local time, as `TZ` says.
 *   `--nano`: nanoseconds (live: nanosecond timestamps; with `-w`: a nanosecond file).
 * - `-x`/`-X`: hex dump (with ASCII) from the network header; `-xx`/`-XX` from the link
 *   header. `-#`: number the packets. `-l`: accepted (output is written per batch anyway).
 * - `--json`: one JSON object per packet instead (JSON lines).
 * - `-w OUT`: write the packets to a pcap file instead of printing them, flushed at the end
 *   (`-U`: after every batch of packets).
 *
 * Errors (no such device, permission denied, a bad filter, libpcap missing, an unreadable
 * file) are one line on stderr and exit status 1; usage errors exit with 2.
 *
 * @module
 */

import { missingPermissions, permissionMessage, type PermissionNeed } from "./_permissions.ts";
import { openCapture } from "../lib/formats/open_capture.ts";
import { PcapWriter, type PcapWriterOptions } from "../lib/formats/pcap.ts";
import type { CaptureBatch } from "../lib/formats/capture_reader.ts";
import { PacketParser } from "../lib/decode.ts";
import { type PrintRecord, TcpdumpPrinter, type TimestampFormat } from "../lib/print/mod.ts";
import { packetToJsonLine } from "../lib/output/json.ts";
import { capture, type CaptureDirection, type LiveCapture } from "../lib/capture/live.ts";
import { openOffline } from "../lib/capture/offline.ts";
import { CaptureError } from "../lib/capture/errors.ts";
import type { CaptureStats } from "../lib/capture/handle.ts";
import { listInterfaces, type NetworkInterface } from "../lib/capture/interfaces.ts";
import { PcapIfFlag } from "../ffi/libpcap.ts";
import { openPacketRing } from "../lib/rawsocket/packet_ring.ts";

const SCRIPT = "scripts/sniff.ts";
const USAGE =
  "[-i IFACE | -r FILE] [-D] [-c N] [-s SNAPLEN] [-p] [-B KIB] [--immediate] [--ring] " +
  "[-Q DIR] [-n] [-e] [-t...] [-v...] [-q] [-S] [-x|-X...] [-#] [--nano] [--json] [-w OUT] " +
  "[EXPRESSION]";
const FLUSH_AT = 1 << 20;
/** tcpdump's `MAXIMUM_SNAPLEN`, the default snapshot length. */
const MAXIMUM_SNAPLEN = 262144;
const TIMESTAMPS: readonly TimestampFormat[] = [
  "time",
  "none",
  "unix",
  "delta",
  "date",
  "since-first",
];

/** The parsed command line. */
export interface SniffArgs {
  /** `-r`: the file to read. */
  file: string | undefined;
  /** `-w`: the file to write. */
  write: string | undefined;
  /** `-c`: the most packets to handle. */
  count: number;
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
  /** `-#`. */
  number: boolean;
  /** `--nano`. */
  nano: boolean;
  /** `--json`. */
  json: boolean;
  /** `-h`/`--help`. */
  help: boolean;
  /** `-i`: the interface to capture on. */
  interface: string | undefined;
  /** `-D`: list the interfaces. */
  listInterfaces: boolean;
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
  /** `-U`: flush the `-w` file after every batch of packets. */
  packetBuffered: boolean;
  /** What is left: the filter expression, word by word. */
  filter: string[];
}

/** Long options that take a value, and the short flag each stands for. */
const LONG_WITH_VALUE: Readonly<Record<string, string>> = {
  "--interface": "i",
  "--count": "c",
  "--snapshot-length": "s",
  "--buffer-size": "B",
  "--direction": "Q",
  "--time-stamp-precision": "",
};

/** Long options without a value, and the short flag each stands for. */
const LONG_FLAGS: Readonly<Record<string, string>> = {
  "--list-interfaces": "D",
  "--no-promiscuous-mode": "p",
  "--packet-buffered": "U",
  "--number": "#",
  "--help": "h",
};

/** Short flags that take a value, attached (`-c5`) or in the next argument. */
const SHORT_WITH_VALUE = new Set(["c", "r", "w", "i", "s", "B", "Q"]);

function positiveInteger(flag: string, value: string, zero: boolean): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < (zero ? 0 : 1) || value.trim() === "") {
    const what = zero ? "a count of 0 or more" : "a positive count";
    throw new TypeError(`Cannot parse -${flag}: ${what} is required, received ${value}`);
  }
  return n;
}

function setValue(parsed: SniffArgs, flag: string, value: string): void {
  switch (flag) {
    case "c":
      parsed.count = positiveInteger("c", value, false);
      return;
    case "r":
      parsed.file = value;
      return;
    case "w":
      parsed.write = value;
      return;
    case "i":
      parsed.interface = value;
      return;
    case "s": {
      const n = positiveInteger("s", value, true);
      if (n > MAXIMUM_SNAPLEN) {
        throw new TypeError(
          `Cannot parse -s: the snapshot length must be 0 to ${MAXIMUM_SNAPLEN}, received ${value}`,
        );
      }
      parsed.snapLength = n === 0 ? MAXIMUM_SNAPLEN : n;
      return;
    }
    case "B":
      parsed.bufferSize = positiveInteger("B", value, false);
      return;
    case "Q":
      if (value !== "in" && value !== "out" && value !== "inout") {
        throw new TypeError(`Cannot parse -Q: in, out or inout is required, received ${value}`);
      }
      parsed.direction = value;
      return;
    default:
      // --time-stamp-precision
      if (value === "nano") parsed.nano = true;
      else if (value !== "micro") {
        throw new TypeError(
          `Cannot parse --time-stamp-precision: micro or nano is required, received ${value}`,
        );
      }
  }
}

function setFlag(parsed: SniffArgs, flag: string): void {
  switch (flag) {
    case "n":
    case "l":
      break;
    case "e":
      parsed.link = true;
      break;
    case "t":
      parsed.t++;
      break;
    case "v":
      parsed.verbose++;
      break;
    case "q":
      parsed.quiet = true;
      break;
    case "S":
      parsed.absolute = true;
      break;
    case "x":
      parsed.hex++;
      break;
    case "X":
      parsed.hex++;
      parsed.ascii = true;
      break;
    case "#":
      parsed.number = true;
      break;
    case "h":
      parsed.help = true;
      break;
    case "D":
      parsed.listInterfaces = true;
      break;
    case "p":
      parsed.promiscuous = false;
      break;
    case "U":
      parsed.packetBuffered = true;
      break;
    default:
      throw new TypeError(`Cannot parse arguments: unknown option -${flag}`);
  }
}

/**
 * Parses a tcpdump-style command line: short flags can be grouped (`-nne`, `-tttt`,
 * `-vv`); `-c`, `-r`, `-w`, `-i`, `-s`, `-B` and `-Q` take a value attached or in the next
 * argument; tcpdump's long options (`--interface=eth0`, `--immediate-mode`...) are accepted
 * too. The arguments left over are the filter expression.
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
  const parsed: SniffArgs = {
    file: undefined,
    write: undefined,
    count: Infinity,
    link: false,
    t: 0,
    verbose: 0,
    quiet: false,
    absolute: false,
    hex: 0,
    ascii: false,
    number: false,
    nano: false,
    json: false,
    help: false,
    interface: undefined,
    listInterfaces: false,
    snapLength: undefined,
    promiscuous: true,
    bufferSize: undefined,
    immediate: false,
    direction: undefined,
    ring: false,
    packetBuffered: false,
    filter: [],
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--") {
      parsed.filter.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith("--")) {
      const equals = arg.indexOf("=");
      const name = equals < 0 ? arg : arg.slice(0, equals);
      const attached = equals < 0 ? undefined : arg.slice(equals + 1);
      const valueFlag = LONG_WITH_VALUE[name];
      if (valueFlag !== undefined) {
        const value = attached ?? args[++i];
        if (value === undefined) {
          throw new TypeError(`Cannot parse arguments: ${name} needs a value`);
        }
        setValue(parsed, valueFlag, value);
        continue;
      }
      if (attached !== undefined) {
        throw new TypeError(`Cannot parse arguments: ${name} takes no value`);
      }
      const flag = LONG_FLAGS[name];
      if (flag !== undefined) setFlag(parsed, flag);
      else if (name === "--nano") parsed.nano = true;
      else if (name === "--json") parsed.json = true;
      else if (name === "--ring") parsed.ring = true;
      else if (name === "--immediate" || name === "--immediate-mode") parsed.immediate = true;
      else throw new TypeError(`Cannot parse arguments: unknown option ${name}`);
      continue;
    }
    if (!arg.startsWith("-") || arg === "-") {
      parsed.filter.push(arg);
      continue;
    }
    for (let j = 1; j < arg.length; j++) {
      const flag = arg[j]!;
      if (!SHORT_WITH_VALUE.has(flag)) {
        setFlag(parsed, flag);
        continue;
      }
      let value = arg.slice(j + 1);
      if (value === "") {
        const nextArg = args[++i];
        if (nextArg === undefined) {
          throw new TypeError(`Cannot parse arguments: -${flag} needs a value`);
        }
        value = nextArg;
      }
      setValue(parsed, flag, value);
      break;
    }
  }
  if (parsed.ring && (parsed.file !== undefined || parsed.listInterfaces)) {
    throw new TypeError("Cannot parse arguments: --ring captures live, without -r or -D");
  }
  if (parsed.ring && parsed.interface === undefined) {
    throw new TypeError("Cannot parse arguments: --ring needs an interface (-i IFACE)");
  }
  return parsed;
}

/**
 * The permissions a command line needs: `--allow-ffi` for live capture, `-D` and `-r` with
 * a filter; `--allow-read` for `-r`; `--allow-write` for `-w`.
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
  const needs: PermissionNeed[] = [];
  if (options.listInterfaces) return [{ name: "ffi" }];
  if (options.file === undefined || options.filter.length > 0) needs.push({ name: "ffi" });
  if (options.file !== undefined) needs.push({ name: "read", path: options.file });
  if (options.write !== undefined) needs.push({ name: "write", path: options.write });
  return needs;
}

/** Where {@linkcode sniff} writes. */
export interface SniffOutput {
  /** Writes bytes to standard output. */
  stdout(bytes: Uint8Array): Promise<void> | void;
  /** Writes a message line to standard error. */
  stderr(text: string): void;
}

/** Options of {@linkcode sniff}. */
export interface SniffRunOptions {
  /** Stops a live capture (or the reading of a file) as Ctrl-C does. */
  signal?: AbortSignal;
}

async function writeAll(bytes: Uint8Array): Promise<void> {
  let done = 0;
  while (done < bytes.length) done += await Deno.stdout.write(bytes.subarray(done));
}

const processOutput: SniffOutput = {
  stdout: writeAll,
  stderr: (text) => console.error(text),
};

/** `PLURAL_SUFFIX()` of tcpdump. */
const plural = (n: number): string => n === 1 ? "" : "s";

/**
 * tcpdump's closing lines of a live capture: packets captured, received by the filter,
 * dropped by the kernel and, when there are any, dropped by the interface.
 *
 * @param captured How many packets were handled.
 * @param stats The capture statistics.
 * @returns The lines, without newlines.
 *
 * @example The lines after one packet
 * ```ts
 * import { closingLines } from "./sniff.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(closingLines(1, { received: 2, dropped: 0, interfaceDropped: 0 }), [
 *   "1 packet captured",
 *   "2 packets received by filter",
 *   "0 packets dropped by kernel",
 * ]);
 * ```
 */
export function closingLines(captured: number, stats: CaptureStats): string[] {
  const lines = [
    `${captured} packet${plural(captured)} captured`,
    `${stats.received} packet${plural(stats.received)} received by filter`,
    `${stats.dropped} packet${plural(stats.dropped)} dropped by kernel`,
  ];
  if (stats.interfaceDropped !== 0) {
    lines.push(
      `${stats.interfaceDropped} packet${plural(stats.interfaceDropped)} dropped by interface`,
    );
  }
  return lines;
}

/** libpcap's name and description of the link types (`pcap_datalink_val_to_*`). */
const LINK_TYPES: ReadonlyMap<number, readonly [string, string]> = new Map([
  [0, ["NULL", "BSD loopback"]],
  [1, ["EN10MB", "Ethernet"]],
  [9, ["PPP", "PPP"]],
  [12, ["RAW", "Raw IP"]],
  [14, ["RAW", "Raw IP"]],
  [101, ["RAW", "Raw IP"]],
  [105, ["IEEE802_11", "802.11"]],
  [108, ["LOOP", "OpenBSD loopback"]],
  [113, ["LINUX_SLL", "Linux cooked v1"]],
  [127, ["IEEE802_11_RADIO", "802.11 plus radiotap header"]],
  [220, ["USB_LINUX_MMAPPED", "USB with padded Linux header"]],
  [228, ["IPV4", "Raw IPv4"]],
  [229, ["IPV6", "Raw IPv6"]],
  [231, ["DBUS", "D-Bus"]],
  [239, ["NFLOG", "Linux netfilter log messages"]],
  [253, ["NETLINK", "Linux netlink"]],
  [254, ["BLUETOOTH_LINUX_MONITOR", "Bluetooth Linux Monitor"]],
  [276, ["LINUX_SLL2", "Linux cooked v2"]],
]);

/**
 * The link type as tcpdump's banners put it: `EN10MB (Ethernet)`, or the number.
 *
 * @param linkType The `DLT_*` or `LINKTYPE_*` number.
 * @returns The text after `link-type `.
 *
 * @example Name Ethernet
 * ```ts
 * import { linkTypeText } from "./sniff.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(linkTypeText(1), "EN10MB (Ethernet)");
 * assert.equal(linkTypeText(4242), "4242");
 * ```
 */
export function linkTypeText(linkType: number): string {
  const known = LINK_TYPES.get(linkType);
  return known === undefined ? String(linkType) : `${known[0]} (${known[1]})`;
}

/**
 * One line of `tcpdump -D`: `1.eth0 [Up, Running, Connected]`, `2.any (Pseudo-device that
 * captures on all interfaces) [Up, Running]`, `4.ifb0 [none]`.
 *
 * @param index The 1-based number.
 * @param iface The interface.
 * @returns The line.
 *
 * @example Print loopback as tcpdump does
 * ```ts
 * import { interfaceLine } from "./sniff.ts";
 * import assert from "node:assert/strict";
 *
 * const lo = {
 *   name: "lo", addresses: [], loopback: true, up: true, running: true, wireless: false,
 *   connectionStatus: "not-applicable" as const, flags: 0x37,
 * };
 * assert.equal(interfaceLine(3, lo), "3.lo [Up, Running, Loopback]");
 * ```
 */
export function interfaceLine(index: number, iface: NetworkInterface): string {
  let line = `${index}.${iface.name}`;
  if (iface.description !== undefined) line += ` (${iface.description})`;
  const flags = iface.flags;
  if (flags === 0) return line;
  const names: string[] = [];
  if (flags & PcapIfFlag.UP) names.push("Up");
  if (flags & PcapIfFlag.RUNNING) names.push("Running");
  if (flags & PcapIfFlag.LOOPBACK) names.push("Loopback");
  if (flags & PcapIfFlag.WIRELESS) names.push("Wireless");
  let status = "";
  const wireless = (flags & PcapIfFlag.WIRELESS) !== 0;
  switch (flags & PcapIfFlag.CONNECTION_STATUS) {
    case PcapIfFlag.CONNECTION_STATUS_UNKNOWN:
      status = wireless ? ", Association status unknown" : ", Connection status unknown";
      break;
    case PcapIfFlag.CONNECTION_STATUS_CONNECTED:
      status = wireless ? ", Associated" : ", Connected";
      break;
    case PcapIfFlag.CONNECTION_STATUS_DISCONNECTED:
      status = wireless ? ", Not associated" : ", Disconnected";
      break;
  }
  return `${line} [${names.length === 0 ? "none" : names.join(", ")}${status}]`;
}

/** Quotes an argument for the suggested command line when the shell would split it. */
function shellWord(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`;
}

/** The message of an error, on one line. */
function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split("\n").map((line) => line.trim()).filter((line) => line !== "").join("; ");
}

/**
 * Runs sniff with a command line: captures or reads packets, and prints (or writes) them.
 *
 * @param args The command line, as tcpdump takes it.
 * @param output Where the output goes (default: the process's stdout and stderr).
 * @param run A signal that stops the capture as Ctrl-C does.
 * @returns The exit status: 0; 1 when capturing or reading fails; 2 on a usage error or a
 * missing permission.
 *
 * @example Print the first two packets of a file
 * ```ts ignore
 * import { sniff } from "./sniff.ts";
 *
 * await sniff(["-n", "-c", "2", "-r", "testdata/namespaces.pcap"]);
 * ```
 */
export async function sniff(
  args: readonly string[],
  output: SniffOutput = processOutput,
  run: SniffRunOptions = {},
): Promise<number> {
  let options: SniffArgs;
  try {
    options = parseSniffArgs(args);
  } catch (error) {
    output.stderr(oneLine(error));
    output.stderr(`Usage: deno run --allow-ffi scripts/sniff.ts ${USAGE}`);
    return 2;
  }
  if (options.help) {
    output.stderr(`Usage: deno run --allow-ffi scripts/sniff.ts ${USAGE}`);
    output.stderr("(--allow-read for -r FILE, --allow-write for -w OUT; see the file header)");
    return 0;
  }
  const needs = sniffPermissions(options);
  const missing = missingPermissions(needs);
  if (missing.length > 0) {
    output.stderr(
      permissionMessage({ script: SCRIPT, usage: args.map(shellWord).join(" "), needs }, missing),
    );
    return 2;
  }
  if (options.t > 5) options.t = 5;
  try {
    if (options.listInterfaces) return await printInterfaces(output);
    if (options.file !== undefined && options.filter.length === 0) {
      return await readFile(options.file, options, output, run.signal);
    }
    if (options.file !== undefined) {
      return await readFiltered(options.file, options, output, run.signal);
    }
    if (options.ring) return await captureRing(options, output, run.signal);
    return await captureLive(options, output, run.signal);
  } catch (error) {
    // A closed pipe (`sniff ... | head`) ends the output, as SIGPIPE ends tcpdump: quietly.
    if (error instanceof Deno.errors.BrokenPipe) return 0;
    output.stderr(oneLine(error));
    return 1;
  }
}

function makePrinter(options: SniffArgs): TcpdumpPrinter {
  return new TcpdumpPrinter({
    timestamps: TIMESTAMPS[options.t]!,
    nano: options.nano,
    link: options.link,
    verbose: options.verbose,
    absoluteSequence: options.absolute,
    quiet: options.quiet,
    hex: Math.min(options.hex, 2) as 0 | 1 | 2,
    ascii: options.ascii,
    number: options.number,
  });
}

async function printInterfaces(output: SniffOutput): Promise<number> {
  const interfaces = listInterfaces();
  if (interfaces.length === 0) {
    output.stderr("Cannot list interfaces: libpcap finds no interface to capture on");
    return 1;
  }
  const lines = interfaces.map((iface, i) => interfaceLine(i + 1, iface)).join("\n") + "\n";
  await output.stdout(new TextEncoder().encode(lines));
  return 0;
}

/** The `-w` file: opened with the capture's link type, or at the first packet of a file. */
class DumpFile {
  readonly path: string;
  #nano: boolean;
  #file: Deno.FsFile | undefined;
  #writer: PcapWriter | undefined;
  #linkType = -1;

  constructor(path: string, nano: boolean) {
    this.path = path;
    this.#nano = nano;
  }

  async open(options: PcapWriterOptions): Promise<void> {
    this.#file = await Deno.open(this.path, { write: true, create: true, truncate: true });
    this.#linkType = options.linkType ?? 1;
    this.#writer = new PcapWriter(this.#file, {
      ...options,
      resolution: this.#nano ? "nanoseconds" : "microseconds",
    });
  }

  /** Writes packet `i` of a batch; returns the writer's promise (no extra async layer). */
  write(batch: CaptureBatch, i: number, start: number, end: number, seen: number): Promise<void> {
    const writer = this.#writer;
    const linkType = batch.linkTypes[i]!;
    if (writer === undefined) {
      return this.open({ linkType }).then(() => this.write(batch, i, start, end, seen));
    }
    if (linkType !== this.#linkType) {
      throw new TypeError(
        `Cannot write ${this.path}: a pcap file holds one link type, ` +
          `${this.#linkType}, and packet ${seen} has ${linkType}`,
      );
    }
    return writer.write({
      timestamp: batch.timestamp(i),
      data: batch.buffer.subarray(start, end),
      originalLength: batch.originalLengths[i]!,
    });
  }

  async flush(): Promise<void> {
    await this.#writer?.flush();
  }

  async close(): Promise<void> {
    try {
      await this.#writer?.close();
    } finally {
      this.#file?.close();
      this.#file = undefined;
    }
  }
}

/** Prints, or writes, the packets of a source of batches; returns how many it handled. */
async function consume(
  source: AsyncIterable<CaptureBatch>,
  options: SniffArgs,
  output: SniffOutput,
  dump: DumpFile | undefined,
  signal: AbortSignal | undefined,
  onFirst?: () => void,
): Promise<number> {
  const printer = makePrinter(options);
  const parser = new PacketParser();
  const record: PrintRecord = { seconds: 0, nanoseconds: 0, originalLength: 0, linkType: 1 };
  const encoder = new TextEncoder();
  const limit = options.count;
  let seen = 0;
  let json = "";
  try {
    outer: for await (const batch of source) {
      if (seen === 0) onFirst?.();
      const count = batch.count;
      const buffer = batch.buffer;
      for (let i = 0; i < count; i++) {
        if (seen >= limit) break outer;
        seen++;
        const start = batch.offsets[i]!;
        const end = start + batch.capturedLengths[i]!;
        const linkType = batch.linkTypes[i]!;
        if (dump !== undefined) {
          await dump.write(batch, i, start, end, seen);
          continue;
        }
        parser.parse(linkType, buffer, start, end);
        if (options.json) {
          json += packetToJsonLine({
            timestamp: batch.timestamp(i),
            capturedLength: end - start,
            originalLength: batch.originalLengths[i]!,
            interfaceId: batch.interfaceIds[i]!,
            linkType,
          }, {
            toJSON: () => parserJson(parser),
          }) + "\n";
          continue;
        }
        record.seconds = batch.seconds[i]!;
        record.nanoseconds = batch.nanoseconds[i]!;
        record.originalLength = batch.originalLengths[i]!;
        record.linkType = linkType;
        record.capturedLength = end - start;
        printer.print(parser, record, start);
        if (printer.buffered >= FLUSH_AT) await output.stdout(printer.take());
      }
      // Live packets are shown (or flushed with -U) batch by batch, as they arrive.
      if (json.length > 0) {
        await output.stdout(encoder.encode(json));
        json = "";
      }
      if (printer.buffered > 0) await output.stdout(printer.take());
      if (options.packetBuffered) await dump?.flush();
      if (signal?.aborted === true || seen >= limit) break;
    }
  } finally {
    if (json !== "") await output.stdout(encoder.encode(json));
    if (printer.buffered > 0) await output.stdout(printer.take());
  }
  return seen;
}

/** `reading from file F, link-type EN10MB (Ethernet), snapshot length 262144`. */
function readingFrom(file: string, linkType: number, snapLength: number): string {
  return `reading from file ${file}, link-type ${linkTypeText(linkType)}, snapshot length ${
    snapLength === 0 ? MAXIMUM_SNAPLEN : snapLength
  }`;
}

/** `-r FILE` without a filter: wirekit's own reader, no libpcap. */
async function readFile(
  file: string,
  options: SniffArgs,
  output: SniffOutput,
  signal: AbortSignal | undefined,
): Promise<number> {
  let reader: Awaited<ReturnType<typeof openCapture>>;
  try {
    reader = await openCapture(file);
  } catch (error) {
    output.stderr(`Cannot read ${file}: ${oneLine(error)}`);
    return 1;
  }
  await using _ = reader;
  let banner = false;
  const announce = () => {
    if (banner) return;
    if (reader.format === "pcap") {
      output.stderr(readingFrom(file, reader.header.linkType, reader.header.snapLength));
    } else {
      const first = reader.section.interfaces[0];
      if (first === undefined) return;
      output.stderr(readingFrom(file, first.linkType, first.snapLength));
    }
    banner = true;
  };
  if (reader.format === "pcap") announce();
  const dump = options.write === undefined ? undefined : new DumpFile(options.write, options.nano);
  try {
    await consume(reader.batches({ reuseBuffers: true }), options, output, dump, signal, announce);
    announce();
  } catch (error) {
    output.stderr(`Cannot read ${file}: ${oneLine(error)}`);
    return 1;
  } finally {
    await dump?.close();
  }
  if (signal?.aborted === true && dump === undefined) await output.stdout(NEWLINE);
  return 0;
}

const NEWLINE = new Uint8Array([0x0a]);

/** `-r FILE EXPRESSION`: libpcap reads and filters the file. */
async function readFiltered(
  file: string,
  options: SniffArgs,
  output: SniffOutput,
  signal: AbortSignal | undefined,
): Promise<number> {
  await using offline = openOffline(file, {
    filter: options.filter.join(" "),
    ...(signal === undefined ? {} : { signal }),
  });
  output.stderr(readingFrom(file, offline.linkType, offline.snapLength));
  const dump = options.write === undefined ? undefined : new DumpFile(options.write, options.nano);
  try {
    await dump?.open({ linkType: offline.linkType, snapLength: offline.snapLength });
    await consume(offline.batches({ reuseBuffers: true }), options, output, dump, signal);
  } finally {
    await dump?.close();
  }
  if (signal?.aborted === true && dump === undefined) await output.stdout(NEWLINE);
  return 0;
}

/** Opens the capture; a number that names no interface is taken as a `-D` number. */
function openLive(options: SniffArgs, signal: AbortSignal | undefined): LiveCapture {
  const open = (iface: string | undefined) =>
    capture({
      ...(iface === undefined ? {} : { iface }),
      ...(options.filter.length === 0 ? {} : { filter: options.filter.join(" ") }),
      snapLength: options.snapLength ?? MAXIMUM_SNAPLEN,
      promiscuous: options.promiscuous,
      immediate: options.immediate,
      ...(options.bufferSize === undefined ? {} : { bufferSize: options.bufferSize * 1024 }),
      ...(options.direction === undefined ? {} : { direction: options.direction }),
      precision: options.nano ? "nano" : "micro",
      ...(Number.isFinite(options.count) ? { count: options.count } : {}),
      ...(signal === undefined ? {} : { signal }),
    });
  const iface = options.interface;
  try {
    return open(iface);
  } catch (error) {
    if (
      iface === undefined || !/^\d+$/.test(iface) ||
      !(error instanceof CaptureError) || error.code !== "no-such-device"
    ) {
      throw error;
    }
    const interfaces = listInterfaces();
    const chosen = interfaces[Number(iface) - 1];
    if (chosen === undefined) {
      throw new CaptureError(
        "no-such-device",
        `Cannot capture on interface ${iface}: no interface has that name, and there are ` +
          `only ${interfaces.length} interfaces (see -D)`,
        { cause: error },
      );
    }
    return open(chosen.name);
  }
}

/** What {@linkcode reportLive} reads from a live capture, libpcap's or the ring. */
interface LiveSource {
  iface: string;
  linkType: number;
  snapLength: number;
  batches: AsyncIterable<CaptureBatch>;
  stats(): CaptureStats;
  close(): Promise<void> | void;
}

/** Live capture: tcpdump's banner, the packets, its closing lines. */
async function reportLive(
  live: LiveSource,
  options: SniffArgs,
  output: SniffOutput,
  signal: AbortSignal | undefined,
): Promise<number> {
  let captured = 0;
  let dump: DumpFile | undefined;
  try {
    if (options.write !== undefined) {
      dump = new DumpFile(options.write, options.nano);
      await dump.open({ linkType: live.linkType, snapLength: live.snapLength });
    }
    const listening = `listening on ${live.iface}, link-type ${
      linkTypeText(live.linkType)
    }, snapshot length ${live.snapLength} bytes`;
    if (options.verbose === 0 && dump === undefined) {
      output.stderr("tcpdump: verbose output suppressed, use -v[v]... for full protocol decode");
      output.stderr(listening);
    } else {
      output.stderr(`tcpdump: ${listening}`);
    }
    captured = await consume(live.batches, options, output, dump, signal);
  } finally {
    await live.close();
    await dump?.close();
  }
  // As tcpdump: an interrupted line may be unfinished, so end it (not when writing a file).
  if (signal?.aborted === true && dump === undefined) await output.stdout(NEWLINE);
  for (const line of closingLines(captured, live.stats())) output.stderr(line);
  return 0;
}

/** Live capture through libpcap. */
function captureLive(
  options: SniffArgs,
  output: SniffOutput,
  signal: AbortSignal | undefined,
): Promise<number> {
  const live = openLive(options, signal);
  for (const warning of live.warnings) output.stderr(`Warning: ${oneLine(warning)}`);
  return reportLive(
    {
      iface: live.iface,
      linkType: live.linkType,
      snapLength: live.snapLength,
      batches: live.batches({ reuseBuffers: true }),
      stats: () => live.stats(),
      close: () => live.close(),
    },
    options,
    output,
    signal,
  );
}

/** Live capture through wirekit's TPACKET_V3 ring (`--ring`), without libpcap. */
function captureRing(
  options: SniffArgs,
  output: SniffOutput,
  signal: AbortSignal | undefined,
): Promise<number> {
  const iface = options.interface!;
  const snapLength = options.snapLength ?? MAXIMUM_SNAPLEN;
  const ring = openPacketRing({
    iface,
    snapLength,
    promiscuous: options.promiscuous,
    blockTimeout: options.immediate ? 1 : 10,
    ...(options.bufferSize === undefined ? {} : { bufferSize: options.bufferSize * 1024 }),
    ...(options.filter.length === 0 ? {} : { filter: options.filter.join(" ") }),
    ...(options.direction === undefined ? {} : { direction: options.direction }),
    ...(Number.isFinite(options.count) ? { count: options.count } : {}),
    ...(signal === undefined ? {} : { signal }),
  });
  return reportLive(
    {
      iface,
      linkType: ring.linkType,
      snapLength,
      batches: ring.batches(),
      stats: () => ({ ...ring.stats(), interfaceDropped: 0 }),
      close: () => ring.close(),
    },
    options,
    output,
    signal,
  );
}

/** The JSON of what a parser decoded, as `Packet.toJSON()` builds it. */
function parserJson(parser: PacketParser): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = 0; i < parser.count; i++) {
    const layer = parser.layers[i]!;
    let key: string = layer.kind;
    for (let n = 2; key in out; n++) key = `${layer.kind}_${n}`;
    out[key] = layer.toJSON();
  }
  const error = parser.error;
  if (error !== undefined) {
    out.error = {
      code: error.code,
      layer: error.layer,
      offset: error.offset,
      message: error.message,
    };
  }
  return out;
}

if (import.meta.main) {
  // Ctrl-C (or SIGTERM) stops the capture and prints the closing lines; a second one exits.
  const interrupt = new AbortController();
  const onSignal = () => {
    if (interrupt.signal.aborted) Deno.exit(130);
    interrupt.abort();
  };
  Deno.addSignalListener("SIGINT", onSignal);
  Deno.addSignalListener("SIGTERM", onSignal);
  const status = await sniff(Deno.args, processOutput, { signal: interrupt.signal });
  Deno.exit(status);
}
