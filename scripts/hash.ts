/**
 * hash: `sha256sum`-compatible checksums computed by the Linux kernel (AF_ALG), with any
 * kernel hash. Files are spliced into the kernel, so their bytes are never copied into
 * this process; standard input is streamed.
 *
 * Run it with FFI and read permission (the minimum; `--allow-ffi` is needed to call libc,
 * `--allow-read` to open the files and `/proc/crypto`):
 *
 * ```sh
 * deno run --allow-ffi --allow-read scripts/hash.ts [-a ALGORITHM] [--key-hex HEX] [FILE...]
 * deno run --allow-ffi --allow-read scripts/hash.ts [-a ALGORITHM] --check SUMS...
 * ```
 *
 * - `-a`, `--algorithm`: any kernel hash: `sha256` (default), `sha1`, `sha512`, `sha3-256`,
 *   `md5`, `hmac(sha256)` (with `--key-hex`)...
 * - Without FILE, or with `-`, standard input is hashed.
 * - `-c`, `--check`: read `HEX  NAME` lines (as `sha256sum` writes them) and print
 *   `NAME: OK` or `NAME: FAILED`; exit status 1 when any failed.
 *
 * Needs Linux with AF_ALG (`modprobe algif_hash`).
 *
 * @module
 */

import { requirePermissions } from "./_permissions.ts";
import { parseOrExit } from "./_cli.ts";
import { Hash } from "../lib/crypto/mod.ts";
import { decodeHex, encodeHex } from "../lib/_hex.ts";

const USAGE = "[-a ALGORITHM] [--key-hex HEX] [--check] [FILE...]";

function die(message: string): never {
  console.error(`hash: ${message}`);
  Deno.exit(1);
}

/** The key from hex; the caller zeroes it. */
function parseHexKey(text: string): Uint8Array {
  const clean = text.trim();
  if (!/^([0-9a-fA-F]{2})*$/.test(clean)) die("--key-hex must be an even number of hex digits");
  return decodeHex(clean);
}

/** `sha256sum`'s escaping of names holding a backslash or newline. */
function escapeName(name: string): { prefix: string; name: string } {
  if (!name.includes("\\") && !name.includes("\n")) return { prefix: "", name };
  return { prefix: "\\", name: name.replaceAll("\\", "\\\\").replaceAll("\n", "\\n") };
}

function unescapeName(name: string): string {
  return name.replace(/\\(\\|n)/g, (_, c: string) => (c === "n" ? "\n" : "\\"));
}

async function digestOf(hasher: Hash, file: string): Promise<string> {
  if (file === "-") {
    for await (const chunk of Deno.stdin.readable) hasher.update(chunk);
  } else {
    await hasher.updateFile(file);
  }
  return encodeHex(hasher.digest());
}

function describe(error: unknown): string {
  if (error instanceof Deno.errors.NotFound) return "No such file or directory";
  return error instanceof Error ? error.message : String(error);
}

async function check(hasher: Hash, lists: string[]): Promise<number> {
  let failed = 0;
  let unreadable = 0;
  let malformed = 0;
  for (const list of lists) {
    const text = list === "-"
      ? await new Response(Deno.stdin.readable).text()
      : await Deno.readTextFile(list);
    for (const rawLine of text.split("\n")) {
      if (rawLine.trim() === "") continue;
      let line = rawLine;
      const escaped = line.startsWith("\\");
      if (escaped) line = line.slice(1);
      const match = /^([0-9a-fA-F]+) [ *](.+)$/.exec(line);
      if (match === null) {
        malformed++;
        continue;
      }
      const expected = match[1]!.toLowerCase();
      const name = escaped ? unescapeName(match[2]!) : match[2]!;
      let actual: string;
      try {
        actual = await digestOf(hasher, name);
      } catch (error) {
        hasher.digest(); // start over after a partial file
        console.log(`${name}: FAILED open or read`);
        console.error(`hash: ${name}: ${describe(error)}`);
        unreadable++;
        continue;
      }
      const ok = actual === expected;
      if (!ok) failed++;
      console.log(`${name}: ${ok ? "OK" : "FAILED"}`);
    }
  }
  const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);
  if (malformed > 0) {
    console.error(
      `hash: WARNING: ${malformed} ${
        plural(malformed, "line is", "lines are")
      } improperly formatted`,
    );
  }
  if (unreadable > 0) {
    console.error(
      `hash: WARNING: ${unreadable} listed ${
        plural(unreadable, "file", "files")
      } could not be read`,
    );
  }
  if (failed > 0) {
    console.error(
      `hash: WARNING: ${failed} computed ${plural(failed, "checksum", "checksums")} did NOT match`,
    );
  }
  return failed + unreadable > 0 ? 1 : 0;
}

async function main(): Promise<number> {
  const { values, positionals } = parseOrExit(
    Deno.args,
    {
      algorithm: { type: "string", short: "a", default: "sha256" },
      check: { type: "boolean", short: "c", default: false },
      "key-hex": { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
    `Usage: deno run --allow-ffi --allow-read scripts/hash.ts ${USAGE}`,
    [
      {
        flags: "-a, --algorithm NAME",
        text: "a kernel hash: sha256 (default), sha1, hmac(sha256)...",
      },
      { flags: "--key-hex HEX", text: "the key of an HMAC, in hex" },
      { flags: "-c, --check", text: "read HEX  NAME lines and check each file" },
      { flags: "-h, --help", text: "print this help and exit" },
    ],
  );
  requirePermissions({
    script: "scripts/hash.ts",
    usage: USAGE,
    needs: [{ name: "ffi" }, { name: "read" }],
  });
  const files = positionals.length === 0 ? ["-"] : positionals;
  const key = values["key-hex"] === undefined ? undefined : parseHexKey(values["key-hex"]);
  let hasher: Hash;
  try {
    hasher = new Hash(values.algorithm, key === undefined ? {} : { key });
  } catch (error) {
    die(describe(error));
  } finally {
    key?.fill(0);
  }
  using _ = hasher;
  if (values.check) return await check(hasher, files);
  let status = 0;
  for (const file of files) {
    try {
      const digest = await digestOf(hasher, file);
      const { prefix, name } = escapeName(file);
      console.log(`${prefix}${digest}  ${name}`);
    } catch (error) {
      hasher.digest();
      console.error(`hash: ${file}: ${describe(error)}`);
      status = 1;
    }
  }
  return status;
}

if (import.meta.main) Deno.exit(await main());
