/**
 * follow: the bytes of TCP and UDP streams of a capture file, as tshark's `follow`
 * prints them (`tshark -q -r FILE -z follow,tcp,ascii,N`, byte for byte), and each
 * direction of every TCP and UDP stream written to its own file, named as tcpflow names them.
 *
 * Run it with read permission on the file (and write permission on the folder of `-w`):
 *
 * ```sh
 * deno run --allow-read scripts/follow.ts -r FILE -z follow,tcp,ascii,0
 * deno run --allow-read --allow-write scripts/follow.ts -r FILE -w DIR
 * ```
 *
 * - `-z follow,PROTOCOL,MODE,FILTER[,RANGE]`: PROTOCOL `tcp` or `udp`; MODE `ascii`,
 *   `hex` or `raw`; FILTER a stream number (`tcp.stream`/`udp.stream`) or two ends
 *   `ADDRESS:PORT,ADDRESS:PORT` (`[ADDRESS]:PORT` for IPv6); RANGE the chunks shown (`N`
 *   or `N-M`). May be repeated; as tshark does, the last one given is printed first.
 * - `-w DIR`: write each direction of each TCP stream to `DIR/SENDER-RECEIVER`
 *   (`192.168.001.002.00080-010.000.000.001.54321`, tcpflow's names, with `c1`, `c2`...
 *   after a name that an earlier stream used), and each direction of each UDP stream (its
 *   datagrams' payloads one after the other; tcpflow writes no UDP) to
 *   `DIR/udp-SENDER-RECEIVER`, creating DIR. `--protocol tcp` or `--protocol udp` writes
 *   only those streams.
 * - `--json`: instead of tshark's text, one JSON object per `-z` (in the order given):
 *   `follow`, `filter`, `node0`, `node1` (`{ address, port }`) and `chunks` (`node`,
 *   `offset` in that node's bytes, `length`, `hex`, `missing`); with `-w`, one object per
 *   file written (`path`, `stream`, `direction`, `bytes`).
 * - `--overlap first|last`: which bytes win where out-of-order segments overlap with
 *   different contents (default `first`, as tshark and most stacks).
 *
 * A progress bar is drawn on stderr for files over 64 MiB when stderr is a terminal.
 *
 * @module
 */

import { requirePermissions } from "./_permissions.ts";
import { parseOrExit, reportUnreadable } from "./_cli.ts";
import { clearProgress, progressBar } from "./_progress.ts";
import { reassembleFile, type ReassembleFileOptions } from "../lib/reassembly/stream_file.ts";
import { followFilter, type FollowSpec, parseFollowSpec } from "../lib/reassembly/follow_spec.ts";
import { FollowCollector, type FollowResult } from "../lib/reassembly/follow_collector.ts";
import { formatFollow } from "../lib/reassembly/follow_format.ts";
import { FlowFileWriter } from "../lib/reassembly/follow_files.ts";
import { FileWriteError } from "../lib/reassembly/_file_ops.ts";
import type { StreamHandler } from "../lib/reassembly/stream_types.ts";

const USAGE = "-r FILE [-z follow,tcp|udp,ascii|hex|raw,N|A:P,B:P[,RANGE]]... [-w DIR] [--json]";
const PROGRESS_THRESHOLD = 64 * 1024 * 1024;

/** Calls each handler's method in turn. */
function fanOut(handlers: readonly StreamHandler[]): StreamHandler {
  if (handlers.length === 1) return handlers[0]!;
  return {
    opened: (...args) => handlers.forEach((handler) => handler.opened?.(...args)),
    data: (...args) => handlers.forEach((handler) => handler.data?.(...args)),
    gap: (...args) => handlers.forEach((handler) => handler.gap?.(...args)),
    closed: (...args) => handlers.forEach((handler) => handler.closed?.(...args)),
  };
}

function hex(data: Uint8Array): string {
  let text = "";
  for (const byte of data) text += byte.toString(16).padStart(2, "0");
  return text;
}

function followJson(spec: FollowSpec, text: string, result: FollowResult): string {
  const position = [0, 0];
  const chunks = result.chunks.map(({ direction, data, missing }) => {
    const chunk = { node: direction, offset: position[direction]!, length: data.length };
    position[direction]! += data.length;
    return { ...chunk, hex: hex(data), missing };
  });
  return JSON.stringify({
    follow: text.slice("follow,".length).split(",").slice(0, 2).join(","),
    filter: followFilter(spec),
    node0: { address: result.clientAddress, port: result.clientPort },
    node1: { address: result.serverAddress, port: result.serverPort },
    chunks,
  });
}

/** Reads the file through the reassembler, drawing progress when asked. */
async function readStreams(
  file: string,
  handler: StreamHandler,
  options: ReassembleFileOptions,
): Promise<void> {
  let size = 0;
  try {
    size = Deno.statSync(file).size;
  } catch {
    // reassembleFile reports the error.
  }
  const onProgress = progressBar(file, size, PROGRESS_THRESHOLD);
  try {
    await reassembleFile(
      file,
      handler,
      onProgress === undefined ? options : { ...options, onProgress },
    );
  } finally {
    if (onProgress !== undefined) clearProgress();
  }
}

async function main(args: string[]): Promise<number> {
  const { values, positionals } = parseOrExit(
    args,
    {
      read: { type: "string", short: "r" },
      z: { type: "string", short: "z", multiple: true, default: [] },
      write: { type: "string", short: "w" },
      json: { type: "boolean", default: false },
      overlap: { type: "string", default: "first" },
      protocol: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
    `Usage: deno run --allow-read scripts/follow.ts ${USAGE}`,
    [
      { flags: "-r FILE", text: "the capture file to read (pcap or pcapng, maybe gzip or xz)" },
      {
        flags: "-z follow,P,MODE,FILTER",
        text: "follow a tcp or udp stream as tshark (ascii, hex, raw; N or A:P,B:P)",
      },
      { flags: "-w DIR", text: "write each direction of each stream to a file (tcpflow)" },
      { flags: "--protocol P", text: "with -w, write only tcp or only udp streams" },
      { flags: "--json", text: "JSON lines instead of tshark's text" },
      { flags: "--overlap POLICY", text: "first (default) or last: overlapping bytes kept" },
      { flags: "-h, --help", text: "print this help and exit" },
    ],
  );
  const usage = `Usage: deno run --allow-read scripts/follow.ts ${USAGE}`;
  const file = values.read;
  if (file === undefined || positionals.length > 0 || (values.z.length === 0 && !values.write)) {
    console.error(positionals.length > 0 ? `Unexpected argument: ${positionals[0]}` : usage);
    if (positionals.length > 0) console.error(usage);
    return 2;
  }
  if (values.overlap !== "first" && values.overlap !== "last") {
    console.error(`Invalid overlap policy for --overlap: ${values.overlap} (first or last)`);
    return 2;
  }
  const protocol = values.protocol;
  if (protocol !== undefined && protocol !== "tcp" && protocol !== "udp") {
    console.error(`Invalid protocol for --protocol: ${protocol} (tcp or udp)`);
    return 2;
  }
  let specs: FollowSpec[];
  try {
    specs = values.z.map(parseFollowSpec);
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  const folder = values.write;
  requirePermissions({
    script: "scripts/follow.ts",
    usage: `-r ${file} ...`,
    needs: [
      { name: "read", path: file },
      ...(folder === undefined ? [] : [{ name: "write" as const, path: folder }]),
    ],
  });
  const collectors = specs.map((spec) => new FollowCollector(spec));
  const handlers: StreamHandler[] = [...collectors];
  let writer: FlowFileWriter | undefined;
  if (folder !== undefined) {
    try {
      Deno.mkdirSync(folder, { recursive: true });
    } catch (error) {
      console.error(`Cannot create ${folder}: ${(error as Error).message}`);
      return 1;
    }
    writer = new FlowFileWriter(folder, {
      protocols: protocol === undefined ? ["tcp", "udp"] : [protocol],
    });
    handlers.push(writer);
  }
  try {
    await readStreams(file, fanOut(handlers), {
      overlap: values.overlap,
      udp: specs.some((spec) => spec.protocol === "udp") ||
        (writer !== undefined && protocol !== "tcp"),
      // tshark never closes a stream for idleness: a stream that resumes keeps its number.
      idleTimeout: Infinity,
    });
    await writer?.close();
  } catch (error) {
    if (error instanceof FileWriteError) console.error(error.message);
    else reportUnreadable(file, error);
    return 1;
  }
  let out = "";
  if (values.json) {
    specs.forEach((spec, i) => {
      out += followJson(spec, values.z[i]!, collectors[i]!.result) + "\n";
    });
    for (const written of writer?.files ?? []) out += JSON.stringify(written) + "\n";
  } else {
    for (let i = specs.length - 1; i >= 0; i--) {
      out += formatFollow(specs[i]!, collectors[i]!.result);
    }
  }
  const bytes = new TextEncoder().encode(out);
  for (let written = 0; written < bytes.length;) {
    written += Deno.stdout.writeSync(bytes.subarray(written));
  }
  return 0;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
