/**
 * {@linkcode vendorFile}: the files of npm packages that the live view's page loads, the
 * charting library uPlot (small, fast, no dependencies, canvas), served from where npm
 * installed it with the project's dependencies, never copied into the repository.
 *
 * @module
 */

/** Request path → file of an installed package. */
const VENDOR: Record<string, string> = {
  "/vendor/uplot.js": "npm:uplot@1.6.32/dist/uPlot.iife.min.js",
  "/vendor/uplot.css": "npm:uplot@1.6.32/dist/uPlot.min.css",
};

/**
 * The installed file a `/vendor/` request path names.
 *
 * @param pathname The request path, such as `/vendor/uplot.js`.
 * @returns The file; `undefined` for another path; `null` when the package cannot be
 * resolved (not installed, or not in a local `node_modules`).
 *
 * @example
 * ```ts
 * import { vendorFile } from "./vendor.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(vendorFile("/app.js"), undefined);
 * assert.notEqual(vendorFile("/vendor/uplot.js"), undefined);
 * ```
 */
export function vendorFile(pathname: string): URL | null | undefined {
  const specifier = VENDOR[pathname];
  if (specifier === undefined) return undefined;
  try {
    const url = new URL(import.meta.resolve(specifier));
    return url.protocol === "file:" ? url : null;
  } catch {
    return null;
  }
}

/**
 * The folder of the installed charting library, that the server reads.
 *
 * @returns The path, or `undefined` when the library is not installed.
 *
 * @example
 * ```ts
 * import { vendorFolder } from "./vendor.ts";
 * import assert from "node:assert/strict";
 *
 * assert.match(vendorFolder() ?? "/node_modules/uplot/dist/", /uplot\/dist\/$/);
 * ```
 */
export function vendorFolder(): string | undefined {
  const file = vendorFile("/vendor/uplot.js");
  return file ? new URL("./", file).pathname : undefined;
}
