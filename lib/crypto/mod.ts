/**
 * The Linux kernel crypto API (AF_ALG sockets) through Deno FFI into libc: hashes and
 * HMACs (one-shot, streamed, whole files with zero copies), symmetric ciphers, AEADs,
 * RNGs, PKCS#7 padding, and what `/proc/crypto` lists. Hashes also have a `node:crypto`
 * engine under the same kernel names (`NodeHash`, `openHash()` with a fallback), for
 * kernels without AF_ALG.
 *
 * Needs Linux with AF_ALG and `--allow-ffi` (but not the `node:crypto` hashes);
 * `--allow-read=/proc/crypto` adds key, IV and block sizes to checks and error messages.
 *
 * @example Hash, as the seed does
 * ```ts ignore
 * import { Hash } from "./mod.ts";
 *
 * using sha = new Hash("sha256");
 * console.log(sha.update("Python is awesome!").digestHex());
 * ```
 *
 * @module
 */

export * from "./errors.ts";
export * from "./hash.ts";
export * from "./node_hash.ts";
export * from "./open_hash.ts";
export * from "./digest_file.ts";
export * from "./skcipher.ts";
export * from "./aead.ts";
export * from "./rng.ts";
export * from "./padding.ts";
export * from "./proc_crypto.ts";
export { probeAfAlg } from "./_af_alg.ts";
