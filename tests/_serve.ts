// Helpers of the serve.ts tests: sniff.ts's lines for the same file, and serve.ts started
// as a user starts it (bench/_serve_process.ts, shared with bench/serve_rate.ts).

import assert from "node:assert/strict";
import { projectRoot, testdataDir } from "./_shared.ts";

export { startServe } from "../bench/_serve_process.ts";

/** The capture the serve tests show. */
export const SERVE_FILE: string = new URL("namespaces.pcap", testdataDir).pathname;

/**
 * The lines of `sniff.ts -n -t -r FILE [FILTER]` (libpcap compiles the filter: --allow-ffi).
 *
 * @param filter The filter words.
 * @returns The lines.
 */
export function sniffLines(filter: readonly string[] = []): string[] {
  const output = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-read",
      "--allow-ffi",
      "scripts/sniff.ts",
      "-n",
      "-t",
      "-r",
      SERVE_FILE,
      ...filter,
    ],
    cwd: new URL(projectRoot).pathname,
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).outputSync();
  assert.equal(output.code, 0, new TextDecoder().decode(output.stderr));
  return new TextDecoder().decode(output.stdout).trimEnd().split("\n");
}

/** Where a test saves its screenshots, and whether the folder goes when the test ends. */
export interface ScreenshotFolder extends AsyncDisposable {
  /** The folder. */
  path: string;
}

/**
 * The folder for a test's screenshots: `$WIREKIT_ARTIFACTS`, kept for a person or CI to
 * look at, or else a new temporary folder, removed with the screenshots when the test ends
 * (with `await using`), so that test runs leave nothing behind in /tmp.
 *
 * @returns The folder.
 */
export async function screenshotFolder(): Promise<ScreenshotFolder> {
  const kept = Deno.env.get("WIREKIT_ARTIFACTS");
  const path = kept ?? await Deno.makeTempDir({ prefix: "wirekit-serve-" });
  await Deno.mkdir(path, { recursive: true });
  return {
    path,
    [Symbol.asyncDispose]: async () => {
      if (kept === undefined) await Deno.remove(path, { recursive: true });
    },
  };
}

/**
 * Whether a PNG has content: the share of non-zero bytes in its filtered scanlines.
 *
 * @param png The PNG file's bytes.
 * @returns A share from 0 (blank) to 1.
 */
export async function inkShare(png: Uint8Array): Promise<number> {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const idat: Uint8Array[] = [];
  for (let at = 8; at < png.length;) {
    const length = view.getUint32(at);
    const type = new TextDecoder().decode(png.subarray(at + 4, at + 8));
    if (type === "IDAT") idat.push(png.slice(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = new Uint8Array(
    await new Response(
      ReadableStream.from(idat).pipeThrough(new DecompressionStream("deflate") as TransformStream),
    ).arrayBuffer(),
  );
  let ink = 0;
  for (const byte of raw) if (byte !== 0) ink++;
  return ink / raw.length;
}
