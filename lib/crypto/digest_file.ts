/**
 * Several digests of one file in a single streamed read, computed by `node:crypto` (as
 * capinfos' `-H` prints SHA256, RIPEMD160 and SHA1): no FFI, only read permission.
 *
 * @module
 */

import { NodeHash } from "./node_hash.ts";
import { readChunks } from "./_read_chunks.ts";

/** Bytes read at a time. */
const CHUNK = 1024 * 1024;

/**
 * Reads a file once, in chunks of 1 MiB, and returns its digest under each algorithm.
 *
 * @param path The file.
 * @param algorithms Kernel hash names that `node:crypto` computes, such as `sha256`,
 *   `rmd160` and `sha1`.
 * @returns The lowercase hex digests, keyed by algorithm, in the order given.
 * @throws {NodeHashError} For an algorithm `node:crypto` lacks.
 * @throws {Deno.errors.NotFound} When the file does not exist.
 *
 * @example Digest a file
 * ```ts
 * import { digestFile } from "./digest_file.ts";
 * import assert from "node:assert/strict";
 *
 * const path = await Deno.makeTempFile();
 * await Deno.writeTextFile(path, "abc");
 * const digests = await digestFile(path, ["md5", "sha1"]);
 * await Deno.remove(path);
 * assert.deepEqual(digests, {
 *   md5: "900150983cd24fb0d6963f7d28e17f72",
 *   sha1: "a9993e364706816aba3e25717850c26c9cd0d89d",
 * });
 * ```
 */
export async function digestFile<const A extends string>(
  path: string,
  algorithms: readonly A[],
): Promise<Record<A, string>> {
  const hashers = algorithms.map((algorithm) => new NodeHash(algorithm));
  for await (const chunk of readChunks(path, CHUNK)) {
    for (const hasher of hashers) hasher.update(chunk);
  }
  const digests = {} as Record<A, string>;
  for (const [i, algorithm] of algorithms.entries()) digests[algorithm] = hashers[i]!.digestHex();
  return digests;
}
