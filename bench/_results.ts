/**
 * `bench/RESULTS.md` is written by several benchmarks: `compare.ts` writes the document
 * up to the sections that others own, `live_capture.ts` the "Live capture" section,
 * `print_compare.ts` the "Printing" section, and `export_bench.sh`'s figures the "Captures as
 * tables" section; each keeps what the others wrote.
 *
 * @module
 */

/** `bench/RESULTS.md`. */
export const RESULTS_PATH: string = new URL("./RESULTS.md", import.meta.url).pathname;

/** The section of bench/RESULTS.md that bench/live_capture.ts writes. */
export const LIVE_CAPTURE_HEADING = "Live capture";

/** The section of bench/RESULTS.md that bench/print_compare.ts writes. */
export const PRINTING_HEADING = "Printing";

/** The section of bench/RESULTS.md that bench/export_bench.sh's figures fill. */
export const TABLES_HEADING = "Captures as tables";

const OWNED = [LIVE_CAPTURE_HEADING, PRINTING_HEADING, TABLES_HEADING];

/**
 * Splits Markdown into its preamble and its `## ` sections, keyed by heading.
 *
 * @param markdown The document.
 * @returns The text before the first section, then each section with its heading line.
 */
function sections(markdown: string): { preamble: string; parts: [string, string][] } {
  const lines = markdown.split("\n");
  const parts: [string, string][] = [];
  const preamble: string[] = [];
  for (const line of lines) {
    if (line.startsWith("## ")) parts.push([line.slice(3).trim(), line + "\n"]);
    else if (parts.length > 0) parts[parts.length - 1]![1] += line + "\n";
    else preamble.push(line);
  }
  return { preamble: preamble.join("\n"), parts };
}

/**
 * Replaces (or appends) one `## heading` section of a Markdown document.
 *
 * @param markdown The document.
 * @param heading The heading, without `## `.
 * @param body The new section, without its heading line.
 * @returns The document with the section replaced.
 */
export function replaceSection(markdown: string, heading: string, body: string): string {
  const { preamble, parts } = sections(markdown);
  const text = `## ${heading}\n\n${body.trim()}\n\n`;
  const at = parts.findIndex(([name]) => name === heading);
  if (at >= 0) parts[at]![1] = text;
  else parts.push([heading, text]);
  const before = preamble.endsWith("\n") ? preamble : preamble + "\n";
  return (before + parts.map(([, part]) => part).join("")).trimEnd() + "\n";
}

/**
 * The `## heading` section of a Markdown document, heading line included.
 *
 * @param markdown The document.
 * @param heading The heading, without `## `.
 * @returns The section, or `""` when there is none.
 */
export function sectionOf(markdown: string, heading: string): string {
  return sections(markdown).parts.find(([name]) => name === heading)?.[1] ?? "";
}

/**
 * Rewrites one benchmark's part of `bench/RESULTS.md`, keeping the others', and formats it.
 *
 * @param part `"main"` for `compare.ts`'s document, `"print"` for the "Printing" section
 * (given with or without its heading line).
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
  const joined = part === "print"
    ? replaceSection(text, PRINTING_HEADING, markdown.replace(/^## Printing[^\n]*\n/, ""))
    : [markdown.trimEnd(), ...OWNED.map((heading) => sectionOf(text, heading).trimEnd())]
      .filter((chunk) => chunk !== "").join("\n\n") + "\n";
  await Deno.writeTextFile(path, joined);
  const fmt = new Deno.Command(Deno.execPath(), {
    args: ["fmt", "--quiet", path],
    stdout: "null",
    stderr: "null",
  });
  await fmt.output();
}
