/**
 * A process started in the background for live tests: its stderr is read as it comes, so a
 * test can wait for a banner (`listening on`) before it sends traffic.
 *
 * @module
 */

const ROOT = new URL("../", import.meta.url).pathname;

/** A process started in the background, its stderr read line by line as it comes. */
export interface Background {
  /** The process. */
  child: Deno.ChildProcess;
  /** Resolves when stderr has a line containing `text`. */
  stderrLine(text: string): Promise<void>;
  /** Waits for the exit; returns the status and all output. */
  done(): Promise<{ code: number; stdout: string; stderr: string }>;
}

/**
 * Starts a process with piped stdout and stderr (stdin closed).
 *
 * @param program The program.
 * @param args Its arguments.
 * @param cwd Where it runs (default the repository's root).
 * @returns The process, a wait for a stderr line and a wait for the end.
 */
export function start(
  program: string,
  args: readonly string[],
  cwd: string = ROOT,
): Background {
  const child = new Deno.Command(program, {
    args: [...args],
    cwd,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const stdout = new Response(child.stdout).text();
  let stderr = "";
  const waiters: { text: string; resolve: () => void }[] = [];
  const reading = (async () => {
    for await (const chunk of child.stderr.pipeThrough(new TextDecoderStream())) {
      stderr += chunk;
      for (const waiter of waiters.filter((w) => stderr.includes(w.text))) waiter.resolve();
    }
  })();
  const status = child.status;
  return {
    child,
    stderrLine(text) {
      if (stderr.includes(text)) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`${program} did not print "${text}" in 10 s: ${stderr}`)),
          10_000,
        );
        waiters.push({
          text,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
        reading.then(() => {
          clearTimeout(timer);
          if (!stderr.includes(text)) reject(new Error(`${program} ended first: ${stderr}`));
        });
      });
    },
    async done() {
      const { code } = await status;
      await reading;
      return { code, stdout: await stdout, stderr };
    },
  };
}
