/**
 * sniff: tcpdump's command line over wirekit. It captures live traffic through libpcap (or
 * wirekit's own AF_PACKET ring), or reads a capture file, and prints the packets as
 * `tcpdump -n` does, writes JSON lines, counts them, or writes them to pcap files. The
 * work is done by `lib/pipeline/`; this script parses the flags and wires them up.
 *
 * ```sh
 * # Live capture: needs --allow-ffi (and root, or CAP_NET_RAW and CAP_NET_ADMIN)
 * deno run --allow-ffi scripts/sniff.ts [-i IFACE] [-c N] [print options] [EXPRESSION]
 * deno run --allow-ffi --allow-write scripts/sniff.ts -i IFACE -w OUT [-C MB] [-G S] [-W N]
 * deno run --allow-ffi scripts/sniff.ts -D | -L [-i IFACE] | --version
 * # Files (pcap, pcapng, gzip or xz compressed; - for stdin): --allow-read; with a filter
 * # expression or -d also --allow-ffi (libpcap compiles the filter)
 * deno run --allow-read scripts/sniff.ts -r FILE [print options] [-w OUT]
 * deno run --allow-ffi --allow-read scripts/sniff.ts -r FILE EXPRESSION
 * # Drop root once the capture is open (-Z), parse in a process with no permissions
 * # (--sandbox: needs --allow-run for the deno executable)
 * deno run --allow-ffi --allow-run=$(command -v deno) scripts/sniff.ts -i IFACE -Z USER --sandbox
 * ```
 *
 * `deno run ... scripts/sniff.ts --help` lists every flag, one a line. Without a
 * permission it needs, sniff stops with one message naming the flag and the command line
 * to use. Errors (no such device, permission denied, a bad filter, libpcap missing, an
 * unreadable file) are one line on stderr and exit status 1; usage errors exit with 2.
 *
 * @module
 */

import { missingPermissions, permissionMessage } from "./_permissions.ts";
import { helpText, StdoutError, writeStdout } from "./_cli.ts";
import {
  HELP,
  parseSniffArgs,
  sandboxed,
  type SniffArgs,
  sniffPermissions,
  USAGE,
} from "./_sniff_args.ts";
import {
  MAXIMUM_SNAPLEN,
  openCaptureInput,
  readerLinkType,
  readingFromLine,
} from "../lib/pipeline/source.ts";
import { type PipelineOutput, runPipeline, timestampFormat } from "../lib/pipeline/print.ts";
import type { DumpWriter, PacketSink } from "../lib/pipeline/dump.ts";
import type { LiveSource } from "../lib/pipeline/live.ts";
import type { SandboxOutput, SandboxPrinter } from "../lib/pipeline/sandbox.ts";
import type { PcapHeader } from "../lib/formats/pcap_reader.ts";
import { snapshotBatches } from "../lib/pipeline/snapshot.ts";
import { oneLine } from "../lib/_one_line.ts";

// Only what reading and printing a file needs is imported up front; live capture, libpcap
// (filters, interfaces), dumping, the sandbox and -Z load when a flag asks for them, which
// keeps the start-up of `sniff.ts -r FILE` short.

const SCRIPT = "scripts/sniff.ts";

export { parseSniffArgs, type SniffArgs, sniffPermissions };

/** Where {@linkcode sniff} writes. */
export interface SniffOutput {
  /** Writes bytes to standard output. */
  stdout(bytes: Uint8Array): Promise<void> | void;
  /** Writes a message line to standard error. */
  stderr(text: string): void;
  /** Standard input, for `-r -` (default: the process's). */
  stdin?: ReadableStream<Uint8Array>;
}

/** Options of {@linkcode sniff}. */
export interface SniffRunOptions {
  /** Stops a live capture (or the reading of a file) as Ctrl-C does. */
  signal?: AbortSignal;
}

const processOutput: SniffOutput = {
  stdout: writeStdout,
  stderr: (text) => console.error(text),
};

/** Quotes an argument for the suggested command line when the shell would split it. */
function shellWord(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`;
}

/** tcpdump's `read_infile()`: the filter file, `#` comments blanked out. */
async function readFilterFile(path: string): Promise<string> {
  const text = await Deno.readTextFile(path);
  return text.replace(/#[^\n]*/g, (comment) => " ".repeat(comment.length));
}

const encoder = new TextEncoder();
const NEWLINE = new Uint8Array([0x0a]);

/**
 * Runs sniff with a command line: captures or reads packets, and prints (or writes) them.
 *
 * @param args The command line, as tcpdump takes it.
 * @param output Where the output goes (default: the process's stdin, stdout and stderr).
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
    output.stderr(USAGE);
    return 2;
  }
  if (options.help) {
    await output.stdout(encoder.encode(helpText(USAGE, HELP) + "\n"));
    return 0;
  }
  if (options.version) return await printVersion(output);
  const needs = sniffPermissions(options);
  const missing = missingPermissions(needs);
  if (missing.length > 0) {
    output.stderr(
      permissionMessage({ script: SCRIPT, usage: args.map(shellWord).join(" "), needs }, missing),
    );
    return 2;
  }
  try {
    const expression = options.filterFile === undefined
      ? options.filter.join(" ")
      : await readFilterFile(options.filterFile);
    if (options.listInterfaces) return await printInterfaces(output);
    if (options.listDataLinks) return await printDataLinks(options, output);
    if (options.dumpFilter > 0) return await printFilter(options, expression, output);
    if (options.file !== undefined) {
      return await readInput(options.file, options, expression, output, run.signal);
    }
    return await captureLive(options, expression, output, run.signal);
  } catch (error) {
    // A closed pipe (`sniff ... | head`) ends the output, as SIGPIPE ends tcpdump: quietly.
    if (error instanceof Deno.errors.BrokenPipe) return 0;
    output.stderr(oneLine(error));
    return 1;
  }
}

async function printVersion(output: SniffOutput): Promise<number> {
  const { libpcapVersion } = await import("../lib/capture/datalinks.ts");
  const { default: denoJson } = await import("../deno.json", { with: { type: "json" } });
  let libpcap: string;
  try {
    libpcap = Deno.permissions.querySync({ name: "ffi" }).state === "granted"
      ? libpcapVersion()
      : "libpcap version unknown (run with --allow-ffi to load it)";
  } catch (error) {
    libpcap = `libpcap not loaded: ${oneLine(error)}`;
  }
  const text = `sniff.ts (wirekit) version ${denoJson.version}\n${libpcap}\n`;
  await output.stdout(encoder.encode(text));
  return 0;
}

async function printInterfaces(output: SniffOutput): Promise<number> {
  const { listInterfaces } = await import("../lib/capture/interfaces.ts");
  const { interfaceLine } = await import("../lib/pipeline/live.ts");
  const interfaces = listInterfaces();
  if (interfaces.length === 0) {
    output.stderr("Cannot list interfaces: libpcap finds no interface to capture on");
    return 1;
  }
  const lines = interfaces.map((iface, i) => interfaceLine(i + 1, iface)).join("\n") + "\n";
  await output.stdout(encoder.encode(lines));
  return 0;
}

/** `-L`: opens the interface and lists its data link types on stderr, as tcpdump 4.99 does. */
async function printDataLinks(options: SniffArgs, output: SniffOutput): Promise<number> {
  const { dataLinkLines, openByNameOrNumber } = await import("../lib/pipeline/live.ts");
  const { capture } = await import("../lib/capture/live.ts");
  const live = openByNameOrNumber(options.interface, (iface) =>
    capture({
      ...(iface === undefined ? {} : { iface }),
      promiscuous: false,
      snapLength: options.snapLength ?? MAXIMUM_SNAPLEN,
    }));
  try {
    for (const line of dataLinkLines(live.iface, live.dataLinks())) output.stderr(line);
  } finally {
    await live.close();
  }
  return 0;
}

/** `-y NAME`: libpcap's number for a data link type name. */
async function chosenLinkType(options: SniffArgs): Promise<number | undefined> {
  if (options.linkType === undefined) return undefined;
  const { dataLinkFromName } = await import("../lib/capture/datalinks.ts");
  const value = dataLinkFromName(options.linkType);
  if (value === undefined) {
    throw new TypeError(`Cannot capture: invalid data link type ${options.linkType}`);
  }
  return value;
}

/** `-d`: the compiled filter for the file's link type, the interface's, or Ethernet. */
async function printFilter(
  options: SniffArgs,
  expression: string,
  output: SniffOutput,
): Promise<number> {
  let linkType = 1;
  let snapLength = options.snapLength ?? MAXIMUM_SNAPLEN;
  if (options.file !== undefined) {
    const input = await openCaptureInput(options.file, stdinOf(output));
    await using _ = input.reader;
    let header = readerLinkType(input.reader);
    if (header === undefined) {
      for await (const _batch of input.reader.batches()) break;
      header = readerLinkType(input.reader);
    }
    if (header !== undefined) {
      output.stderr(readingFromLine(input.name, header.linkType, header.snapLength));
      linkType = header.linkType;
      snapLength = header.snapLength === 0 ? MAXIMUM_SNAPLEN : header.snapLength;
    }
  } else if (options.interface !== undefined) {
    const live = await openLive(options, expression, undefined);
    linkType = live.linkType;
    snapLength = live.snapLength;
    await live.close();
  } else {
    output.stderr("Warning: assuming Ethernet");
  }
  const { compileFilter } = await import("../lib/capture/filter.ts");
  const { bpfDump } = await import("../lib/pipeline/filter.ts");
  using program = compileFilter(expression, {
    linkType,
    snapLength,
    ...(options.file === undefined ? {} : { netmask: 0 }),
  });
  await output.stdout(encoder.encode(bpfDump(program, options.dumpFilter)));
  return 0;
}

function stdinOf(output: SniffOutput): { stdin?: ReadableStream<Uint8Array> } {
  return output.stdin === undefined ? {} : { stdin: output.stdin };
}

async function makeDump(
  options: SniffArgs,
  output: SniffOutput,
): Promise<DumpWriter | undefined> {
  if (options.write === undefined) return undefined;
  const { DumpWriter } = await import("../lib/pipeline/dump.ts");
  return new DumpWriter({
    path: options.write,
    // `-w -`: the pcap goes where printed text would go.
    stdout: {
      write: async (bytes: Uint8Array) => {
        await output.stdout(bytes);
        return bytes.length;
      },
    },
    nano: options.nano,
    ...(options.fileSize === undefined ? {} : { fileSize: options.fileSize }),
    ...(options.rotateSeconds === undefined ? {} : { rotateSeconds: options.rotateSeconds }),
    ...(options.fileCount === undefined ? {} : { fileCount: options.fileCount }),
  });
}

/**
 * The host's interface names for the printers, read through libc: only with `--allow-ffi`
 * (without it there are none), so that reading a file does not load the FFI bindings.
 */
async function hostInterfaceNames(): Promise<Record<number, string>> {
  if (Deno.permissions.querySync({ name: "ffi" }).state !== "granted") return {};
  return (await import("../lib/capture/interface_indexes.ts")).interfaceIndexes();
}

/** What printing gives: tcpdump's text with the print options, or `--json` lines. */
async function printOutput(options: SniffArgs): Promise<SandboxOutput> {
  if (options.json) return { kind: "json" };
  return {
    kind: "print",
    printer: {
      timestamps: timestampFormat(options.t),
      nano: options.nano,
      link: options.link,
      verbose: options.verbose,
      absoluteSequence: options.absolute,
      quiet: options.quiet,
      hex: Math.min(options.hex, 2) as 0 | 1 | 2,
      ascii: options.ascii,
      number: options.number,
      asciiPayload: Math.min(options.asciiPayload, 2) as 0 | 1 | 2,
      packetType: options.packetType,
      interfaceNames: await hostInterfaceNames(),
    },
  };
}

/** `--sandbox`: the process with no permissions that decodes and prints the packets. */
async function makeSandbox(
  options: SniffArgs,
  output: SniffOutput,
  pcap?: PcapHeader,
): Promise<SandboxPrinter | undefined> {
  if (!sandboxed(options)) return undefined;
  const { SandboxPrinter } = await import("../lib/pipeline/sandbox.ts");
  return new SandboxPrinter({
    output: await printOutput(options),
    // A pcap file's records go over as they are: the sandbox prints what sniff prints.
    ...(pcap === undefined ? {} : { pcap }),
    // sniff's own process output is inherited; any other is piped to it.
    ...(output === processOutput ? {} : { write: (bytes: Uint8Array) => output.stdout(bytes) }),
  });
}

async function pipelineOutput(
  options: SniffArgs,
  sink: PacketSink | undefined,
): Promise<PipelineOutput> {
  if (sink !== undefined) return { kind: "dump", dump: sink };
  if (options.countOnly) return { kind: "count" };
  return await printOutput(options);
}

/** After a dump's last file with `-G` and `-W`, tcpdump's line. */
function reportLimit(options: SniffArgs, dump: DumpWriter | undefined, output: SniffOutput): void {
  if (dump?.limitReached === true) {
    output.stderr(`Maximum file limit reached: ${options.fileCount}`);
  }
}

/** `-r FILE`: wirekit's reader (any file, stdin, gzip, xz); libpcap compiles the filter. */
async function readInput(
  file: string,
  options: SniffArgs,
  expression: string,
  output: SniffOutput,
  signal: AbortSignal | undefined,
): Promise<number> {
  let input: Awaited<ReturnType<typeof openCaptureInput>>;
  try {
    input = await openCaptureInput(file, stdinOf(output));
  } catch (error) {
    output.stderr(`Cannot read ${file}: ${oneLine(error)}`);
    return 1;
  }
  await using _ = input.reader;
  // As tcpdump: root is dropped once the file is open.
  if (options.user !== undefined) {
    const { dropPrivileges } = await import("../lib/capture/privileges.ts");
    dropPrivileges(options.user);
  }
  let banner = false;
  const announce = () => {
    if (banner) return;
    const header = readerLinkType(input.reader);
    if (header === undefined) return;
    output.stderr(readingFromLine(input.name, header.linkType, header.snapLength));
    banner = true;
  };
  announce();
  const header = readerLinkType(input.reader);
  using filter = expression.trim() === ""
    ? undefined
    : new (await import("../lib/pipeline/filter.ts")).PacketFilter(
      expression,
      header?.snapLength ?? MAXIMUM_SNAPLEN,
    );
  if (header !== undefined) filter?.program(header.linkType); // a bad filter fails first
  const dump = await makeDump(options, output);
  const sandbox = await makeSandbox(
    options,
    output,
    input.reader.format === "pcap" ? input.reader.header : undefined,
  );
  let handled: number;
  try {
    if (header !== undefined) await dump?.open(header);
    // libpcap hands tcpdump a pcap file's packets cut to its snapshot length.
    const batches = input.reader.batches({ reuseBuffers: true });
    const snapLength = input.reader.format === "pcap" ? input.reader.header.snapLength : 0;
    handled = await runPipeline(snapshotBatches(batches, snapLength), {
      output: await pipelineOutput(options, dump ?? sandbox),
      write: (bytes) => output.stdout(bytes),
      ...(filter === undefined ? {} : { filter }),
      count: options.count,
      packetBuffered: options.packetBuffered || sandbox !== undefined,
      ...(signal === undefined ? {} : { signal }),
      onFirstBatch: announce,
    });
    announce();
  } catch (error) {
    if (error instanceof Deno.errors.BrokenPipe || error instanceof StdoutError) throw error;
    output.stderr(`Cannot read ${file}: ${oneLine(error)}`);
    return 1;
  } finally {
    await dump?.close();
    await sandbox?.close();
  }
  reportLimit(options, dump, output);
  if (options.countOnly) {
    await output.stdout(encoder.encode(`${handled} packet${handled === 1 ? "" : "s"}\n`));
  } else if (signal?.aborted === true && dump === undefined) {
    await output.stdout(NEWLINE);
  }
  return 0;
}

async function openLive(
  options: SniffArgs,
  expression: string,
  signal: AbortSignal | undefined,
): Promise<LiveSource> {
  const linkType = await chosenLinkType(options);
  const { openLiveSource } = await import("../lib/pipeline/live.ts");
  return openLiveSource({
    ...(options.interface === undefined ? {} : { iface: options.interface }),
    ...(expression.trim() === "" ? {} : { filter: expression }),
    ...(options.snapLength === undefined ? {} : { snapLength: options.snapLength }),
    promiscuous: options.promiscuous,
    ...(options.bufferSize === undefined ? {} : { bufferSize: options.bufferSize * 1024 }),
    immediate: options.immediate,
    ...(options.direction === undefined ? {} : { direction: options.direction }),
    ...(linkType === undefined ? {} : { linkType }),
    nano: options.nano,
    count: options.count,
    ...(signal === undefined ? {} : { signal }),
    ring: options.ring,
    ...(options.user === undefined ? {} : { user: options.user }),
  });
}

/** Live capture: tcpdump's banner, the packets, its closing lines. */
async function captureLive(
  options: SniffArgs,
  expression: string,
  output: SniffOutput,
  signal: AbortSignal | undefined,
): Promise<number> {
  const { closingLines, listeningLines } = await import("../lib/pipeline/live.ts");
  const live = await openLive(options, expression, signal);
  for (const warning of live.warnings) output.stderr(`Warning: ${oneLine(warning)}`);
  let captured = 0;
  let dump: DumpWriter | undefined;
  let sandbox: SandboxPrinter | undefined;
  try {
    // After openLive(), which dropped root for -Z: these files and processes are the user's.
    dump = await makeDump(options, output);
    sandbox = await makeSandbox(options, output);
    await dump?.open(live);
    const quietHint = options.verbose === 0 && dump === undefined;
    for (const line of listeningLines(live, quietHint)) output.stderr(line);
    captured = await runPipeline(live.batches, {
      output: await pipelineOutput(options, dump ?? sandbox),
      write: (bytes) => output.stdout(bytes),
      count: options.count,
      packetBuffered: options.packetBuffered || sandbox !== undefined,
      ...(signal === undefined ? {} : { signal }),
    });
  } finally {
    await live.close();
    await dump?.close();
    await sandbox?.close();
  }
  reportLimit(options, dump, output);
  // As tcpdump: an interrupted line may be unfinished, so end it (not when writing a file).
  if (signal?.aborted === true && dump === undefined) await output.stdout(NEWLINE);
  for (const line of closingLines(captured, live.stats())) output.stderr(line);
  return 0;
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
