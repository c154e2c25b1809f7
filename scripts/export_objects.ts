/**
 * export_objects: saves the HTTP objects of a capture as `tshark --export-objects http,DIR`
 * does, with the same file names and bytes: every request and response body, dechunked
 * and decoded, named after the request target's last path segment. Unlike tshark 4.0, a
 * pipelined response is named after its own request. TCP streams are reassembled first.
 *
 * ```sh
 * deno run --allow-read=FILE --allow-write=DIR scripts/export_objects.ts [--force] http,DIR FILE...
 * ```
 *
 * - `http,DIR`: the protocol (only `http`) and the directory, created when missing.
 * - `--force`: write into a directory that already has files (same names are overwritten);
 *   without it such a directory is refused.
 *
 * @module
 */

import { join } from "node:path";
import { forEachFile, parseOrExit } from "./_cli.ts";
import { requirePermissions } from "./_permissions.ts";
import { openCapture } from "../lib/formats/open_capture.ts";
import { reassemble } from "../lib/reassembly/stream_events.ts";
import type { PacketRecord } from "../lib/reassembly/stream_events.ts";
import { HttpObjects } from "../lib/app/http_objects.ts";

const USAGE = "[--force] http,DIR FILE...";

/** Yields the records, keeping the number of the latest in `counter.frame`. */
async function* numbered(
  source: AsyncIterable<PacketRecord>,
  counter: { frame: number },
): AsyncGenerator<PacketRecord> {
  for await (const record of source) {
    counter.frame++;
    yield record;
  }
}

async function isEmptyDirectory(dir: string): Promise<boolean> {
  try {
    for await (const _ of Deno.readDir(dir)) return false;
    return true;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return true;
    throw error;
  }
}

async function main(args: string[]): Promise<number> {
  const { values, positionals } = parseOrExit(
    args,
    {
      force: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    `Usage: deno run --allow-read=FILE --allow-write=DIR scripts/export_objects.ts ${USAGE}`,
    [
      { flags: "--force", text: "write into a directory that already has files" },
      { flags: "-h, --help", text: "print this help and exit" },
    ],
  );
  const [spec, ...files] = positionals;
  const match = spec === undefined ? null : /^([^,]*),(.+)$/.exec(spec);
  if (match === null || files.length === 0) {
    console.error(`Usage: deno run scripts/export_objects.ts ${USAGE}`);
    return 2;
  }
  const [, protocol, dir] = match as unknown as [string, string, string];
  if (protocol !== "http") {
    console.error(`Cannot export objects: protocol "${protocol}" is not http`);
    return 2;
  }
  requirePermissions({
    script: "scripts/export_objects.ts",
    usage: USAGE,
    needs: [
      ...files.map((path) => ({ name: "read" as const, path })),
      { name: "read", path: dir },
      { name: "write", path: dir },
    ],
  });
  try {
    if (!values.force && !await isEmptyDirectory(dir)) {
      console.error(`Cannot export objects: ${dir} is not empty (use --force)`);
      return 1;
    }
    await Deno.mkdir(dir, { recursive: true });
  } catch (error) {
    console.error(`Cannot export objects: ${error instanceof Error ? error.message : error}`);
    return 1;
  }
  // One namer across files, so names stay unique within DIR.
  const objects = new HttpObjects();
  return await forEachFile(files, async (file) => {
    await using reader = await openCapture(file);
    const counter = { frame: 0 };
    for await (const event of reassemble(numbered(reader, counter))) {
      for (const object of objects.add(event, counter.frame)) {
        await Deno.writeFile(join(dir, object.name), object.data);
      }
    }
  });
}

if (import.meta.main) Deno.exit(await main(Deno.args));
