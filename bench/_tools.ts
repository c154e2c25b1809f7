/**
 * Helpers of the benchmark scripts: running commands, the machine's description, and
 * number formats.
 *
 * @module
 */

/** The repository root, where the benchmarks run commands. */
export const ROOT: string = new URL("../", import.meta.url).pathname;

/** The Python of the dpkt comparisons (Debian's). */
export const PYTHON = "/usr/bin/python3";

/** Quotes an argument for `sh`. */
export function quote(s: string): string {
  return `'${s.replaceAll("'", `'\\''`)}'`;
}

/** Runs a command in the repository root and returns its standard output. */
export async function run(
  command: string,
  args: string[],
  options: { allowFailure?: boolean } = {},
): Promise<string> {
  let output: Deno.CommandOutput;
  try {
    output = await new Deno.Command(command, { args, cwd: ROOT, stdout: "piped", stderr: "piped" })
      .output();
  } catch (error) {
    if (options.allowFailure === true) return "";
    throw new Error(`Cannot run ${command}: ${(error as Error).message}`, { cause: error });
  }
  const stdout = new TextDecoder().decode(output.stdout);
  if (!output.success && options.allowFailure !== true) {
    const stderr = new TextDecoder().decode(output.stderr);
    throw new Error(
      `Cannot run ${command} ${args.join(" ")}: exit code ${output.code}\n${stderr}${stdout}`,
    );
  }
  return stdout;
}

/** Whether a command runs and exits with 0. */
export async function succeeds(command: string, args: string[]): Promise<boolean> {
  try {
    const options = { args, cwd: ROOT, stdout: "null", stderr: "null" } as const;
    return (await new Deno.Command(command, options).output()).success;
  } catch {
    return false;
  }
}

/**
 * The CPU time a process has used, user and system apart, in seconds, from
 * `/proc/PID/stat`; at the clock tick's resolution (10 ms).
 */
export function cpuTimes(pid: number): { user: number; system: number } {
  const stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // Fields 14 and 15 of stat(5), counted after the name (field 2): utime, stime.
  return { user: Number(fields[11]) / 100, system: Number(fields[12]) / 100 };
}

/**
 * Reads a text stream until its first line has ended, or the stream has.
 *
 * @param reader The stream's reader (still locked after, for more reads).
 * @returns What was read: through the first `\n` and whatever came with it, or the whole
 * text of a stream that ended before one.
 */
export async function readFirstLine(reader: ReadableStreamDefaultReader<string>): Promise<string> {
  let text = "";
  while (!text.includes("\n")) {
    const { done, value } = await reader.read();
    if (done) break;
    text += value;
  }
  return text;
}

/** Whether `sh` finds a command. */
export function has(command: string): Promise<boolean> {
  return succeeds("sh", ["-c", `command -v ${quote(command)}`]);
}

/** Whether a path is a file. */
export function exists(path: string): boolean {
  try {
    return Deno.statSync(path).isFile;
  } catch {
    return false;
  }
}

/** The CPU model (Deno reads `/proc` only with `--allow-all`, so a child process does). */
export async function cpuModel(): Promise<string> {
  const info = await run("cat", ["/proc/cpuinfo"], { allowFailure: true });
  return /^model name\s*:\s*(.*)$/m.exec(info)?.[1]?.trim() ?? "unknown";
}

/** The load averages, or `unknown`. */
export function loadAverage(): string {
  try {
    return Deno.loadavg().map((n) => n.toFixed(2)).join(" ");
  } catch {
    return "unknown";
  }
}

/** Seconds as `1.23 s`, `12.3 s` or `456 ms`. */
export function fmtSeconds(s: number): string {
  return s >= 10
    ? `${s.toFixed(1)} s`
    : s >= 1
    ? `${s.toFixed(2)} s`
    : `${(s * 1000).toFixed(0)} ms`;
}

/**
 * The link, network and transport kinds that the C program (`bench/c/decode_l4.c`) counts,
 * in its order: what its counts are compared with wirekit's on.
 */
export const C_PROGRAM_KINDS: readonly string[] = [
  "ethernet",
  "llc",
  "vlan",
  "arp",
  "ipv4",
  "ipv6",
  "ipv6-hop-by-hop",
  "ipv6-routing",
  "ipv6-fragment",
  "ipv6-destination",
  "ah",
  "esp",
  "tcp",
  "udp",
  "icmp",
  "icmpv6",
];

/**
 * Bundles a script with `deno bundle` into `bench/out/NAME.bundle/` (start-up then loads a
 * few modules instead of dozens: Deno spends about 0.3 ms on each module it loads), with
 * code splitting: what the script only imports dynamically (the command-line parser of
 * `count_protocols.ts`, the rare protocols of `sniff.ts`) goes to files of its own, loaded
 * when needed. npm packages stay imports (`--external npm:*`): the bundle holds wirekit's
 * code alone, without esbuild's CommonJS helper, whose `node:module` import costs about
 * 20 ms of every start. Minified, as the smaller text is parsed sooner (about 10 ms of
 * `sniff.ts`'s start-up; esbuild renames local names only, and no output depends on one).
 * Returns the entry file, or `undefined` (with a note) when this Deno cannot bundle.
 *
 * @param script The script, relative to the repository root.
 * @param dir The folder of the bundle (default `bench/out/NAME.bundle/`), emptied first.
 * @returns The bundled script.
 */
export async function bundle(script: string, dir?: string): Promise<string | undefined> {
  const name = script.replace(/^.*\//, "").replace(/\.ts$/, "");
  dir = `${(dir ?? `${ROOT}bench/out/${name}.bundle`).replace(/\/$/, "")}/`;
  try {
    await Deno.remove(dir, { recursive: true }).catch(() => {});
    await run(Deno.execPath(), [
      "bundle",
      "--quiet",
      "--code-splitting",
      "--minify",
      "--external",
      "npm:*",
      "--outdir",
      dir,
      script,
    ]);
    return `${dir}${name}.js`;
  } catch (error) {
    console.error(`Skipping the bundled ${script}: ${(error as Error).message.split("\n")[0]}`);
    return undefined;
  }
}
