/**
 * `scripts/serve.ts` started as a user starts it, ready once it printed its address
 * (private; used by `bench/serve_rate.ts` and the serve tests through `tests/_serve.ts`).
 *
 * @module
 */

import { readFirstLine, ROOT } from "./_tools.ts";

const SERVE = new URL("../scripts/serve.ts", import.meta.url).pathname;

/** serve.ts running: its page's address, and how to stop it. */
export interface ServeProcess extends AsyncDisposable {
  /** The page's address (with the token, if any). */
  url: string;
  /** The lines it printed on stdout. */
  lines: string[];
}

/** Options of {@linkcode startServe}. */
export interface StartServeOptions {
  /** The `--allow-net` host (default `127.0.0.1`). */
  allow?: string;
  /** A network namespace to run it in (`ip netns exec`), instead of this one. */
  namespace?: string;
}

/**
 * Starts `scripts/serve.ts` with the permissions it states, on a free port.
 *
 * @param args Its arguments (`--port 0` is added).
 * @param options The host it may listen on, and the namespace it runs in.
 * @returns The process, once it printed its address; disposing of it stops it (SIGINT).
 */
export async function startServe(
  args: readonly string[],
  options: StartServeOptions = {},
): Promise<ServeProcess> {
  const { allow = "127.0.0.1", namespace } = options;
  const command = [
    ...(namespace === undefined ? [] : ["ip", "netns", "exec", namespace]),
    Deno.execPath(),
    "run",
    `--allow-net=${allow}`,
    "--allow-read",
    "--allow-ffi",
    SERVE,
    "--port",
    "0",
    ...args,
  ];
  const child = new Deno.Command(command[0]!, {
    args: command.slice(1),
    cwd: ROOT,
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  const text = await readFirstLine(reader);
  reader.releaseLock();
  void child.stdout.cancel().catch(() => {});
  const lines = text.trimEnd().split("\n");
  const url = lines[0]?.match(/^Serving on (\S+)$/)?.[1];
  if (url === undefined) {
    child.kill();
    await child.status;
    throw new Error(`Cannot start serve.ts: it printed ${JSON.stringify(text)}`);
  }
  return {
    url,
    lines,
    async [Symbol.asyncDispose]() {
      child.kill("SIGINT");
      await child.status;
    },
  };
}
