/**
 * `bench/RESULTS.md` is written by two scripts: `compare.ts` writes the part before the
 * printing section, `print_compare.ts` the printing section; each keeps the other's part.
 *
 * @module
 */

/** `bench/RESULTS.md`. */
export const RESULTS_PATH: string = new URL("./RESULTS.md", import.meta.url).pathname;

/** The line that starts the section of `print_compare.ts`. */
const PRINT_MARKER = "<!-- Printing: written by bench/print_compare.ts -->";

/**
 * Replaces one part of `bench/RESULTS.md`, keeping the other, and formats the file.
 *
 * @param part `"main"` for `compare.ts`'s part, `"print"` for the printing section.
 * @param markdown The part's new text.
 * @param path The file (default `bench/RESULTS.md`).
 */
export async function writeResults(
  part: "main" | "print",
  markdown: string,
  path: string = RESULTS_PATH,
): Promise<void> {
  let text = "";
  try {
    text = await Deno.readTextFile(path);
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  const at = text.indexOf(PRINT_MARKER);
  const main = at < 0 ? text : text.slice(0, at);
  const print = at < 0 ? "" : text.slice(at);
  const joined = part === "main"
    ? `${markdown.trimEnd()}\n\n${print}`
    : `${main.trimEnd()}\n\n${PRINT_MARKER}\n\n${markdown.trimEnd()}\n`;
  await Deno.writeTextFile(path, joined.trimStart());
  const fmt = new Deno.Command(Deno.execPath(), {
    args: ["fmt", "--quiet", path],
    stdout: "null",
    stderr: "null",
  });
  await fmt.output();
}
