/**
 * hash: `sha256sum`-compatible checksums computed by the Linux kernel (AF_ALG), with any
 * kernel hash. Files are spliced into the kernel, so their bytes are never copied into
 * this process; standard input is streamed. On a kernel without AF_ALG, `node:crypto`
 * computes them instead (files streamed in chunks), after a one-line notice on stderr:
 * `hash: AF_ALG unavailable (EAFNOSUPPORT); using node:crypto`.
 *
 * Run it with FFI and read permission (the minimum; `--allow-ffi` is needed to call libc,
 * `--allow-read` to open the files and `/proc/crypto`); with `--engine node`, read
 * permission alone:
 *
 * ```sh
 * deno run --allow-ffi --allow-read scripts/hash.ts [-a ALGORITHM] [--key-hex HEX] [FILE...]
 * deno run --allow-ffi --allow-read scripts/hash.ts [-a ALGORITHM] --check SUMS...
 * deno run --allow-read scripts/hash.ts --engine node [-a ALGORITHM] [FILE...]
 * ```
 *
 * - `-a`, `--algorithm`: any kernel hash: `sha256` (default), `sha1`, `sha512`, `sha3-256`,
 *   `md5`, `hmac(sha256)` (with `--key-hex`)... `node:crypto` computes the kernel names
 *   `md4`, `md5`, `sha1`, `sha224`, `sha256`, `sha384`, `sha512`, `sha3-224` to `sha3-512`,
 *   `rmd160`, `sm3`, `blake2b-512`, `blake2s-256` and `hmac()` of each but `md4` and `sm3`;
 *   another name is a
 *   one-line error.
 * - `--engine`: `auto` (default: AF_ALG, else `node:crypto`), `afalg` (the kernel only:
 *   without AF_ALG, a one-line error and exit status 1) or `node` (`node:crypto` only).
 * - Without FILE, or with `-`, standard input is hashed.
 * - `-c`, `--check`: read `HEX  NAME` lines (as `sha256sum` writes them) and print
 *   `NAME: OK` or `NAME: FAILED`; exit status 1 when any failed.
 *
 * The output is byte for byte that of `sha256sum`, `sha1sum`, `sha512sum`, `md5sum`... with
 * either engine.
 *
 * @module
 */

import { requirePermissions } from "./_permissions.ts";
import { parseOrExit } from "./_cli.ts";
import { HASH_ENGINES, type HashEngine, type Hasher, openHash } from "../lib/crypto/mod.ts";
import { decodeHex, encodeHex } from "../lib/_hex.ts";

const ARGS = "[-a ALGORITHM] [--key-hex HEX] [--check] [FILE...]";
const USAGE = `[--engine auto|afalg|node] ${ARGS}`;

function die(message: string): never {
  console.error(`hash: ${message}`);
  Deno.exit(1);
}

function parseEngine(text: string): HashEngine {
  const engine = HASH_ENGINES.find((name) => name === text);
  if (engine === undefined) die(`--engine must be auto, afalg or node: received "${text}"`);
  return engine;
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

async function digestOf(hasher: Hasher, file: string): Promise<string> {
  if (file === "-") {
    for await (const chunk of Deno.stdin.readable) hasher.update(chunk);
  } else {
    await hasher.updateFile(file);
  }
  return encodeHex(hasher.digest());
}

function describe(error: unknown): string {
  if (error instanceof Deno.errors.NotFound) return "No such file or directory";
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/ \(os error \d+\).*$/, "");
}

async function check(hasher: Hasher, lists: string[]): Promise<number> {
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
      engine: { type: "string", default: "auto" },
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
      {
        flags: "--engine NAME",
        text: "auto (default: AF_ALG, else node:crypto), afalg (the kernel only) or node",
      },
      { flags: "-c, --check", text: "read HEX  NAME lines and check each file" },
      { flags: "-h, --help", text: "print this help and exit" },
    ],
  );
  const engine = parseEngine(values.engine);
  requirePermissions({
    script: "scripts/hash.ts",
    usage: engine === "node" ? `--engine node ${ARGS}` : USAGE,
    needs: engine === "node" ? [{ name: "read" }] : [{ name: "ffi" }, { name: "read" }],
  });
  const files = positionals.length === 0 ? ["-"] : positionals;
  const key = values["key-hex"] === undefined ? undefined : parseHexKey(values["key-hex"]);
  let hasher: Hasher;
  try {
    hasher = openHash(values.algorithm, {
      engine,
      onFallback: (reason) =>
        console.error(`hash: AF_ALG unavailable (${reason}); using node:crypto`),
      ...(key === undefined ? {} : { key }),
    });
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
