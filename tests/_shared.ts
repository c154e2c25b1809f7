/**
 * Small helpers that tests share: where the public test captures are, and whether an
 * external command (tcpdump, tshark, gcc...) is installed, so that tests needing them skip
 * cleanly. Private to the tests.
 *
 * @module
 */

/** The project root (the folder that holds `deno.json`), seen from `tests/`. */
export const projectRoot: URL = new URL("../", import.meta.url);

/** The project's `testdata/` folder. */
export const testdataDir: URL = new URL("testdata/", projectRoot);

/**
 * Locates the public test captures: the folder `shared/captures/` beside the project root
 * (`<root>/../shared/captures/`), which CI provides read-only and a plain clone lacks.
 *
 * @returns The folder URL (ending in `/`), or `undefined` when it does not exist.
 * @throws {Deno.errors.NotCapable} When the test may not read there: grant `--allow-read`.
 *
 * @example Read the manifest when the captures are there
 * ```ts
 * import { sharedCaptures } from "./_shared.ts";
 *
 * const captures = sharedCaptures();
 * if (captures !== undefined) {
 *   const manifest = Deno.readTextFileSync(new URL("MANIFEST.tsv", captures));
 *   console.log(manifest.split("\n").length);
 * }
 * ```
 */
export function sharedCaptures(): URL | undefined {
  const dir = new URL("../shared/captures/", projectRoot);
  try {
    return Deno.statSync(dir).isDirectory ? dir : undefined;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  }
}

const commands = new Map<string, Promise<boolean>>();

async function isExecutable(path: string): Promise<boolean> {
  try {
    const info = await Deno.stat(path);
    // `mode` is null on Windows, where any file found on PATH counts.
    return info.isFile && (info.mode === null || (info.mode & 0o111) !== 0);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound || error instanceof Deno.errors.NotADirectory) {
      return false;
    }
    throw error;
  }
}

async function lookUp(name: string): Promise<boolean> {
  if (name.includes("/")) return await isExecutable(name);
  const separator = Deno.build.os === "windows" ? ";" : ":";
  const suffixes = Deno.build.os === "windows" ? ["", ".exe", ".cmd", ".bat"] : [""];
  for (const dir of (Deno.env.get("PATH") ?? "").split(separator)) {
    if (dir === "") continue;
    for (const suffix of suffixes) {
      if (await isExecutable(`${dir}/${name}${suffix}`)) return true;
    }
  }
  return false;
}

/**
 * Tells whether an executable is installed, by looking for it on `PATH` (without running
 * it). Results are cached per name.
 *
 * @param name A command name such as `"tcpdump"`, or a path containing `/`.
 * @returns `true` when an executable file of that name is on `PATH`.
 * @throws {Deno.errors.NotCapable} Without `--allow-env=PATH` and read access to `PATH`.
 *
 * @example Look for commands (pass the result to `Deno.test`'s `ignore`)
 * ```ts
 * import { hasCommand } from "./_shared.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(await hasCommand("wirekit-no-such-command"), false);
 * console.log("tcpdump:", await hasCommand("tcpdump"));
 * ```
 */
export function hasCommand(name: string): Promise<boolean> {
  let found = commands.get(name);
  if (found === undefined) {
    found = lookUp(name);
    commands.set(name, found);
  }
  return found;
}
