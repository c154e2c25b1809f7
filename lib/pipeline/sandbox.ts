/**
 * Privilege separation of the parsing: the process that captures (and holds FFI, root, the
 * files) does not decode a single captured byte. It passes the packets, as pcapng, on a
 * pipe to a second Deno process that runs with no permission at all (no read, write, net,
 * env, run, ffi, sys or import), which decodes and prints them, as `runPipeline()` does, to
 * its standard output. A decoder bug that hostile bytes reach is then confined to a
 * process that can open no file and no socket.
 *
 * @module
 */

import type { CaptureBatch } from "../formats/capture_reader.ts";
import { PcapngWriter } from "../formats/pcapng_writer.ts";
import type { PcapHeader } from "../formats/pcap_reader.ts";
import { PcapWriter } from "../formats/pcap_writer.ts";
import type { DumpPacket, PacketSink } from "./dump.ts";
import type { PipelineOutput } from "./print.ts";

/** What the sandboxed process does with the packets: print them, or write JSON lines. */
export type SandboxOutput = Extract<PipelineOutput, { kind: "print" | "json" }>;

/** Options of {@linkcode SandboxPrinter}. */
export interface SandboxOptions {
  /** Print as tcpdump does (with its options), or JSON lines. */
  output: SandboxOutput;
  /**
   * Where the printed text goes. By default the sandboxed process writes to this process's
   * standard output (inherited); with a function, its output is piped here.
   */
  write?: (bytes: Uint8Array) => Promise<void> | void;
  /**
   * The module the sandboxed process runs (default wirekit's printer,
   * `_sandbox_child.ts`). A test hook: a module that probes its permissions, then prints.
   */
  module?: URL;
  /**
   * The header of the pcap file the packets come from: the pipe then carries pcap with
   * its link type, snapshot length and timestamp unit, and each record's fields as the
   * file holds them (an invalid timestamp's too, which tcpdump prints as it is), rather
   * than pcapng.
   */
  pcap?: PcapHeader;
}

/**
 * The error of a sandboxed process that could not start or did not end well.
 *
 * @example Read the exit status
 * ```ts
 * import { SandboxError } from "./sandbox.ts";
 * import assert from "node:assert/strict";
 *
 * const error = new SandboxError("Cannot print packets: the sandboxed process exited with status 1", 1);
 * assert.equal(error.code, "sandbox-failed");
 * assert.equal(error.status, 1);
 * ```
 */
export class SandboxError extends Error {
  /** Always `sandbox-failed`. */
  readonly code = "sandbox-failed";
  /** The exit status of the process, when it ran. */
  readonly status: number | undefined;

  /**
   * Creates the error.
   *
   * @param message The message.
   * @param status The exit status, when the process ran.
   * @param options The cause.
   */
  constructor(message: string, status?: number, options?: ErrorOptions) {
    super(message, options);
    this.name = "SandboxError";
    this.status = status;
  }
}

const CHILD = new URL("./_sandbox_child.ts", import.meta.url);

/** Every permission Deno has, each denied outright in the sandboxed process. */
const DENIED = ["read", "write", "net", "env", "run", "ffi", "sys", "import"] as const;

/**
 * The `deno` arguments that start the sandboxed process: `run` with no `--allow-*` flag,
 * every permission denied (`--deny-*`), no prompt, no configuration file, no lock file, no
 * remote or npm module, then the module and the output as JSON.
 *
 * @param output What the process prints.
 * @param module The module to run (default wirekit's printer).
 * @returns The arguments after the `deno` executable.
 *
 * @example No permission is granted
 * ```ts
 * import { sandboxArgs } from "./sandbox.ts";
 * import assert from "node:assert/strict";
 *
 * const args = sandboxArgs({ kind: "json" });
 * assert.equal(args[0], "run");
 * assert.ok(args.includes("--no-prompt"));
 * assert.ok(args.every((arg) => !arg.startsWith("--allow")));
 * ```
 */
export function sandboxArgs(output: SandboxOutput, module: URL = CHILD): string[] {
  if (module.protocol !== "file:") {
    throw new SandboxError(
      `Cannot start the sandbox: its module must be a local file, received ${module.href}`,
    );
  }
  return [
    "run",
    "--no-prompt",
    "--no-config",
    "--no-lock",
    "--no-remote",
    "--no-npm",
    ...DENIED.map((name) => `--deny-${name}`),
    module.href,
    JSON.stringify(output),
  ];
}

const UNITS_LIMIT = 1n << 64n;

/**
 * The decimal resolution (`if_tsresol` exponent) of the interface that carries a timestamp:
 * nanoseconds, unless the count of nanoseconds overflows pcapng's 64 bits (a file of
 * microseconds far in the future); then the finest of microseconds, milliseconds and
 * seconds that holds the timestamp exactly.
 */
function exponentFor(timestamp: bigint): number {
  if (timestamp < UNITS_LIMIT) return 9;
  for (const exponent of [6, 3, 0]) {
    const unit = 10n ** BigInt(9 - exponent);
    if (timestamp % unit === 0n && timestamp / unit < UNITS_LIMIT) return exponent;
  }
  return 0;
}

/** Starts the sandboxed process, its standard output inherited or piped. */
function spawnSandbox(
  output: SandboxOutput,
  module: URL | undefined,
  inherit: boolean,
): Deno.ChildProcess {
  const args = sandboxArgs(output, module);
  try {
    return new Deno.Command(Deno.execPath(), {
      args,
      stdin: "piped",
      stdout: inherit ? "inherit" : "piped",
      stderr: "inherit",
    }).spawn();
  } catch (error) {
    throw new SandboxError(
      `Cannot start the sandbox: ${(error as Error).message.split("\n")[0]}`,
      undefined,
      { cause: error },
    );
  }
}

/**
 * The packet sink of `--sandbox`: it starts a Deno process with no permission
 * ({@linkcode sandboxArgs}) and writes each packet it takes to that process's standard
 * input as pcapng, with its timestamp (in nanoseconds, or in microseconds when that many
 * nanoseconds overflow 64 bits), lengths, link type and interface (or, for the packets of
 * a pcap file, as pcap with that file's header); the process decodes and prints it. Give it to `runPipeline()` as its `dump` output with
 * `packetBuffered` so that live packets go over batch by batch, then `close()` it: that
 * ends the pipe and waits for the printing to finish. Starting it needs
 * `--allow-run` for `Deno.execPath()`.
 *
 * @example Print a file in the sandbox
 * ```ts ignore
 * import { openCaptureInput, runPipeline, SandboxPrinter } from "./mod.ts";
 *
 * const input = await openCaptureInput("capture.pcap");
 * await using _ = input.reader;
 * await using sandbox = new SandboxPrinter({ output: { kind: "print", printer: {} } });
 * await runPipeline(input.reader.batches({ reuseBuffers: true }), {
 *   output: { kind: "dump", dump: sandbox },
 *   write: () => {},
 *   packetBuffered: true,
 * });
 * await sandbox.close();
 * ```
 */
export class SandboxPrinter implements PacketSink, AsyncDisposable {
  readonly #child: Deno.ChildProcess;
  readonly #stdin: WritableStreamDefaultWriter<Uint8Array>;
  readonly #sink: { write(bytes: Uint8Array): Promise<number> };
  readonly #pump: Promise<void>;
  // The pipe's writer: pcapng (a new one for each section), or pcap with the `pcap` option.
  #writer: PcapngWriter | PcapWriter;
  /** The link type and timestamp exponent of each interface of the current section. */
  #interfaces: { linkType: number; exponent: number }[] = [];
  #closed: Promise<void> | undefined;

  /**
   * Starts the sandboxed process.
   *
   * @param options What it prints, and where.
   * @throws {SandboxError} When the process cannot start.
   */
  constructor(options: SandboxOptions) {
    const write = options.write;
    const child = spawnSandbox(options.output, options.module, write === undefined);
    this.#child = child;
    this.#pump = write === undefined ? Promise.resolve() : (async () => {
      for await (const chunk of child.stdout) await write(chunk);
    })();
    this.#pump.catch(() => {}); // close() reports it
    const stdin = this.#child.stdin.getWriter();
    this.#stdin = stdin;
    this.#sink = {
      write: async (bytes) => {
        await stdin.write(bytes);
        return bytes.length;
      },
    };
    const pcap = options.pcap;
    this.#writer = pcap === undefined ? new PcapngWriter(this.#sink) : new PcapWriter(this.#sink, {
      linkType: pcap.linkType,
      snapLength: pcap.snapLength,
      resolution: pcap.resolution,
      ...(pcap.fcsLength === undefined ? {} : { fcsLength: pcap.fcsLength }),
    });
  }

  /** The process id of the sandboxed process. */
  get pid(): number {
    return this.#child.pid;
  }

  /**
   * Buffers a packet for the sandboxed process (and passes the buffer on when it is full).
   * An interface is described the first time it is seen; a packet whose interface was
   * described with another link type starts a new pcapng section.
   *
   * @param packet The packet.
   * @returns Always `true`: the pipeline goes on.
   */
  async write(packet: DumpPacket): Promise<boolean> {
    let writer = this.#writer;
    if (writer instanceof PcapWriter) {
      await writer.write(packet);
      return true;
    }
    const id = packet.interfaceId ?? 0;
    const linkType = packet.linkType;
    const exponent = exponentFor(packet.timestamp);
    const known = this.#interfaces[id];
    if (known !== undefined && (known.linkType !== linkType || known.exponent !== exponent)) {
      await writer.close(); // flushes; the pipe stays open
      this.#writer = writer = new PcapngWriter(this.#sink);
      this.#interfaces = [];
    }
    while (this.#interfaces.length <= id) {
      writer.addInterface({
        linkType,
        snapLength: 0,
        timestampResolution: { base: 10, exponent },
      });
      this.#interfaces.push({ linkType, exponent });
    }
    await writer.write({
      timestamp: packet.timestamp,
      data: packet.data,
      originalLength: packet.originalLength,
      interfaceId: id,
    });
    return true;
  }

  /**
   * Takes packets `from` to `to` of a batch at once: with the `pcap` option, their records
   * as the batch holds them (no allocation per packet); else one by one, as
   * {@linkcode SandboxPrinter.prototype.write} takes them.
   *
   * @param batch The batch.
   * @param from The first packet.
   * @param to The packet after the last.
   * @returns How many it took: all.
   */
  async writeBatch(batch: CaptureBatch, from: number, to: number): Promise<number> {
    const writer = this.#writer;
    if (writer instanceof PcapWriter) {
      await writer.writeBatch(batch, from, to);
      return to - from;
    }
    for (let i = from; i < to; i++) {
      await this.write({
        timestamp: batch.timestamp(i),
        data: batch.data(i),
        originalLength: batch.originalLengths[i]!,
        linkType: batch.linkTypes[i]!,
        interfaceId: batch.interfaceIds[i]!,
      });
    }
    return to - from;
  }

  /**
   * Passes the buffered packets on to the sandboxed process.
   *
   * @returns When they are written to the pipe.
   */
  async flush(): Promise<void> {
    await this.#writer.flush();
  }

  /**
   * Passes on what is buffered, ends the pipe and waits until the sandboxed process has
   * printed everything and exited. Idempotent.
   *
   * @returns When the process has exited.
   * @throws {SandboxError} When it exited with a status other than 0.
   */
  close(): Promise<void> {
    this.#closed ??= this.#finish();
    return this.#closed;
  }

  async #finish(): Promise<void> {
    let failure: unknown;
    try {
      await this.#writer.close();
      await this.#stdin.close();
    } catch (error) {
      failure = error;
      // The pipe is broken or stuck: the process is gone already, or must go.
      try {
        this.#child.kill();
      } catch {
        // It has exited.
      }
    }
    try {
      await this.#pump;
    } catch (error) {
      failure ??= error;
    }
    const status = await this.#child.status;
    if (!status.success && failure === undefined) {
      throw new SandboxError(
        `Cannot print packets: the sandboxed process exited with ${
          status.signal === null ? `status ${status.code}` : `signal ${status.signal}`
        }`,
        status.code,
      );
    }
    if (failure !== undefined) throw failure;
  }

  /**
   * Same as {@linkcode SandboxPrinter.prototype.close}, for `await using`.
   *
   * @returns When the process has exited.
   */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}
