/**
 * encrypt: AES-CBC (PKCS#7 padded) or AES-GCM encryption and decryption of a file or
 * standard input, computed by the Linux kernel (AF_ALG).
 *
 * Minimal permissions: `--allow-ffi` (libc), `--allow-read` (input, key file and
 * `/proc/crypto`), and `--allow-write` only with `-o`:
 *
 * ```sh
 * deno run --allow-ffi --allow-read scripts/encrypt.ts -e -k HEX [-m cbc|gcm] < in > out
 * deno run --allow-ffi --allow-read --allow-write scripts/encrypt.ts -d --key-file KEY -i in -o out
 * ```
 *
 * - `-e` encrypts, `-d` decrypts; `-m cbc` (default, streamed) or `-m gcm` (one kernel
 *   operation per file: a few hundred KiB with Debian's default `net.core.optmem_max`).
 * - The key: `-k HEX` or `--key-file FILE` (raw bytes, or hex text); 16, 24 or 32 bytes.
 * - Output is the IV (16 bytes for CBC, 12 for GCM) then the ciphertext (then the GCM tag);
 *   decryption reads the IV from there. `--iv HEX` sets the IV; with `--raw` the IV is not
 *   written or read (`openssl enc -aes-256-cbc -K KEY -iv IV` compatible for CBC).
 *
 * @module
 */

import { type PermissionNeed, requirePermissions } from "./_permissions.ts";
import { parseOrExit } from "./_cli.ts";
import {
  Aead,
  AuthenticationError,
  PaddingError,
  pkcs7Unpad,
  SymmetricCipher,
} from "../lib/crypto/mod.ts";
import { decodeHex } from "../lib/_hex.ts";

const USAGE = "(-e|-d) [-m cbc|gcm] (-k HEX|--key-file FILE) [--iv HEX] [--raw] [-i IN] [-o OUT]";

class UsageError extends Error {}

function fromHex(text: string, what: string): Uint8Array {
  const clean = text.trim();
  if (!/^([0-9a-fA-F]{2})+$/.test(clean)) {
    throw new UsageError(`${what} must be an even number of hex digits`);
  }
  return decodeHex(clean);
}

/** The key from a file: raw bytes, or hex text. The caller zeroes it. */
function readKeyFile(path: string): Uint8Array {
  const bytes = Deno.readFileSync(path);
  const text = new TextDecoder().decode(bytes).trim();
  if (/^([0-9a-fA-F]{2}){16,32}$/.test(text) && bytes.length >= 32) {
    const key = fromHex(text, "the key file");
    bytes.fill(0);
    return key;
  }
  return bytes;
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const buffer = await new Response(stream).arrayBuffer();
  return new Uint8Array(buffer);
}

interface Io {
  input: ReadableStream<Uint8Array>;
  write: (bytes: Uint8Array) => Promise<void>;
  close: () => void;
}

async function openIo(input: string | undefined, output: string | undefined): Promise<Io> {
  const source = input === undefined || input === "-"
    ? Deno.stdin.readable
    : (await Deno.open(input)).readable;
  const file = output === undefined || output === "-"
    ? undefined
    : await Deno.open(output, { write: true, create: true, truncate: true });
  const target = file ?? Deno.stdout;
  return {
    input: source,
    write: async (bytes) => {
      let offset = 0;
      while (offset < bytes.length) offset += await target.write(bytes.subarray(offset));
    },
    close: () => file?.close(),
  };
}

/** CBC, streamed: PKCS#7 padding added after the last byte, checked and removed on decrypt. */
async function cbc(
  encrypting: boolean,
  key: Uint8Array,
  ivOption: Uint8Array | undefined,
  raw: boolean,
  io: Io,
): Promise<void> {
  using aes = new SymmetricCipher("cbc(aes)", key);
  key.fill(0);
  const reader = io.input.getReader();
  let iv = ivOption;
  // The IV: given, generated (encrypt), or the first 16 bytes of the input (decrypt).
  let head = new Uint8Array(0);
  if (encrypting) {
    iv ??= crypto.getRandomValues(new Uint8Array(16));
    if (!raw) await io.write(iv);
  } else if (!raw) {
    while (head.length < 16) {
      const { value, done } = await reader.read();
      if (done) throw new UsageError("the input is shorter than its 16-byte IV");
      const joined = new Uint8Array(head.length + value.length);
      joined.set(head);
      joined.set(value, head.length);
      head = joined;
    }
    iv = head.slice(0, 16);
    head = head.subarray(16);
  }
  if (iv === undefined) throw new UsageError("--raw decryption needs --iv");
  using stream = encrypting ? aes.encryptor(iv) : aes.decryptor(iv);
  let total = 0;
  // Decryption holds back the last block, which carries the padding.
  let held = new Uint8Array(0);
  const emit = async (bytes: Uint8Array) => {
    if (encrypting) return await io.write(bytes);
    const joined = new Uint8Array(held.length + bytes.length);
    joined.set(held);
    joined.set(bytes, held.length);
    const keep = Math.min(16, joined.length);
    await io.write(joined.subarray(0, joined.length - keep));
    held = joined.slice(joined.length - keep);
  };
  if (head.length > 0) {
    total += head.length;
    await emit(stream.update(head));
  }
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    total += value.length;
    await emit(stream.update(value));
  }
  if (encrypting) {
    const padding = 16 - total % 16;
    await emit(stream.update(new Uint8Array(padding).fill(padding)));
    await emit(stream.final());
  } else {
    await emit(stream.final());
    await io.write(pkcs7Unpad(held, 16));
  }
}

/** GCM: one kernel operation for the whole input. */
async function gcm(
  encrypting: boolean,
  key: Uint8Array,
  ivOption: Uint8Array | undefined,
  raw: boolean,
  io: Io,
): Promise<void> {
  using aead = new Aead("gcm(aes)", key);
  key.fill(0);
  let data = await readAll(io.input);
  let iv = ivOption;
  if (encrypting) {
    iv ??= crypto.getRandomValues(new Uint8Array(12));
    const sealed = aead.encrypt(iv, data);
    if (!raw) await io.write(iv);
    await io.write(sealed);
  } else {
    if (!raw) {
      if (data.length < 12) throw new UsageError("the input is shorter than its 12-byte IV");
      iv = data.slice(0, 12);
      data = data.subarray(12);
    }
    if (iv === undefined) throw new UsageError("--raw decryption needs --iv");
    await io.write(aead.decrypt(iv, data));
  }
}

async function main(): Promise<number> {
  const { values, positionals } = parseOrExit(
    Deno.args,
    {
      encrypt: { type: "boolean", short: "e", default: false },
      decrypt: { type: "boolean", short: "d", default: false },
      mode: { type: "string", short: "m", default: "cbc" },
      key: { type: "string", short: "k" },
      "key-file": { type: "string" },
      iv: { type: "string" },
      raw: { type: "boolean", default: false },
      input: { type: "string", short: "i" },
      output: { type: "string", short: "o" },
      help: { type: "boolean", short: "h", default: false },
    },
    `Usage: deno run --allow-ffi --allow-read [--allow-write] scripts/encrypt.ts ${USAGE}`,
    [
      { flags: "-e", text: "encrypt" },
      { flags: "-d", text: "decrypt" },
      { flags: "-m cbc|gcm", text: "the mode (default cbc)" },
      { flags: "-k HEX", text: "the key in hex (16, 24 or 32 bytes)" },
      { flags: "--key-file FILE", text: "the key: raw bytes, or hex text" },
      { flags: "--iv HEX", text: "the IV (default: random)" },
      { flags: "--raw", text: "neither write nor read the IV (openssl enc compatible for CBC)" },
      { flags: "-i IN", text: "the input (default stdin)" },
      { flags: "-o OUT", text: "the output (default stdout)" },
      { flags: "-h, --help", text: "print this help and exit" },
    ],
  );
  if (positionals.length > 0) {
    console.error(`Cannot parse arguments: unexpected argument ${positionals[0]}`);
    console.error(`Usage: deno run --allow-ffi --allow-read scripts/encrypt.ts ${USAGE}`);
    return 2;
  }
  const needs: PermissionNeed[] = [{ name: "ffi" }, { name: "read" }];
  if (values.output !== undefined && values.output !== "-") needs.push({ name: "write" });
  requirePermissions({ script: "scripts/encrypt.ts", usage: USAGE, needs });
  try {
    if (values.encrypt === values.decrypt) throw new UsageError("give exactly one of -e and -d");
    if (values.mode !== "cbc" && values.mode !== "gcm") {
      throw new UsageError(`-m must be cbc or gcm, received ${values.mode}`);
    }
    if ((values.key === undefined) === (values["key-file"] === undefined)) {
      throw new UsageError("give the key with exactly one of -k HEX and --key-file FILE");
    }
    const key = values.key !== undefined
      ? fromHex(values.key, "-k")
      : readKeyFile(values["key-file"]!);
    const iv = values.iv === undefined ? undefined : fromHex(values.iv, "--iv");
    const io = await openIo(values.input, values.output);
    try {
      const run = values.mode === "cbc" ? cbc : gcm;
      await run(values.encrypt, key, iv, values.raw, io);
    } finally {
      key.fill(0);
      io.close();
    }
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`encrypt: ${error.message}\nUsage: scripts/encrypt.ts ${USAGE}`);
      return 2;
    }
    if (error instanceof AuthenticationError || error instanceof PaddingError) {
      console.error(`encrypt: ${error.message}`);
      return 1;
    }
    console.error(`encrypt: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

if (import.meta.main) Deno.exit(await main());
