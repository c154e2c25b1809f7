/**
 * Helpers of the table tests (private): run `export.ts`, `query.ts`, `pcapinfo.ts` and
 * `flows.ts` as a user does, and pick the captures to compare.
 *
 * @module
 */

import { projectRoot, sharedCaptures, testdataDir } from "./_shared.ts";

const decoder = new TextDecoder();

/** What a script printed and its exit status. */
export interface ScriptRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `scripts/NAME.ts` from the project root with the given permission flags.
 *
 * @param name The script, such as `export`.
 * @param flags The `--allow-*` flags.
 * @param args The arguments.
 * @returns The exit status and output.
 */
export async function runScript(
  name: string,
  flags: readonly string[],
  args: readonly string[],
): Promise<ScriptRun> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--no-prompt", ...flags, `scripts/${name}.ts`, ...args],
    cwd: projectRoot.pathname,
    stdout: "piped",
    stderr: "piped",
  }).output();
  return { code: out.code, stdout: decoder.decode(out.stdout), stderr: decoder.decode(out.stderr) };
}

/** The capture files of `testdata/`. */
export function testdataCaptures(): string[] {
  return [...Deno.readDirSync(testdataDir)]
    .filter((entry) => entry.isFile && /\.(pcap|pcapng)$/.test(entry.name))
    .map((entry) => `testdata/${entry.name}`)
    .sort();
}

/**
 * Every `step`-th capture of the shared corpus (sorted by path), to keep the tests'
 * time modest; `[]` without the corpus.
 *
 * @param step Take one file in this many.
 * @returns Absolute paths.
 */
export function sampledSharedCaptures(step: number): string[] {
  const root = sharedCaptures();
  if (root === undefined) return [];
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of Deno.readDirSync(dir)) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory) walk(path);
      else if (/\.(pcap|pcapng|cap)$/i.test(entry.name)) files.push(path);
    }
  };
  walk(root.pathname.replace(/\/$/, ""));
  return files.sort().filter((_, i) => i % step === 0);
}
