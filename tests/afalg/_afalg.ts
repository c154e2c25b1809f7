/**
 * What the kernel crypto tests in `tests/afalg/` share: whether this kernel has AF_ALG
 * sockets (they are skipped, loudly, when not: `.ci/run` then runs them in a VM with
 * Debian's kernel), hex helpers and a fast byte comparison. Private to the tests.
 *
 * @module
 */

import assert from "node:assert/strict";
import { probeAfAlg } from "../../lib/crypto/mod.ts";

function probe(): true | string {
  try {
    return probeAfAlg();
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

const result = probe();

/** `true` when this kernel opens AF_ALG sockets. */
export const afAlgAvailable: boolean = result === true;

if (!afAlgAvailable) {
  console.error(
    `%cAF_ALG: this kernel has no AF_ALG sockets (socket(AF_ALG): ${result}); the kernel ` +
      "crypto tests in tests/afalg/ are SKIPPED here, not passed. .ci/run runs them in a " +
      "VM with Debian's kernel (../shared/tools/run-in-vm.sh).",
    "font-weight: bold",
  );
}

/**
 * Registers a test that needs AF_ALG: ignored (reported as such) without it.
 *
 * @param name The test name.
 * @param fn The test.
 */
export function afAlgTest(name: string, fn: (t: Deno.TestContext) => void | Promise<void>): void {
  Deno.test({ name, ignore: !afAlgAvailable, fn });
}

/** Bytes from hex (whitespace ignored), and lowercase hex of bytes: the library's own. */
export { decodeHex as hex, encodeHex as toHexString } from "../../lib/_hex.ts";

/** Asserts that two byte arrays are equal, fast on megabytes; names the first difference. */
export function assertBytes(actual: Uint8Array, expected: Uint8Array, what = "bytes"): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < actual.length; i++) {
    if (actual[i] !== expected[i]) {
      assert.fail(`${what}: first difference at byte ${i}: ${actual[i]} != ${expected[i]}`);
    }
  }
}

/** Deterministic pseudo-random bytes (xorshift32), fast to make in a slow VM. */
export function pseudoRandom(length: number, seed = 0x9e3779b9): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(length);
  const words = new Uint32Array(bytes.buffer, 0, length >>> 2);
  let x = seed >>> 0;
  for (let i = 0; i < words.length; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    words[i] = x;
  }
  for (let i = words.length * 4; i < length; i++) bytes[i] = i & 0xff;
  return bytes;
}
