// Private: bench/RESULTS.md is written by more than one benchmark; each owns some `## `
// sections and keeps the others.

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

/** The section of bench/RESULTS.md that bench/live_capture.ts writes. */
export const LIVE_CAPTURE_HEADING = "Live capture";
