/**
 * `node:crypto`, loaded at its first use (private): importing it costs Deno about 40 ms of
 * start-up (its Node.js layer), which every decoding script paid although only TLS
 * fingerprints (MD5, SHA-256) and certificates use it.
 *
 * @module
 */

import type * as NodeCrypto from "node:crypto";

let loaded: typeof NodeCrypto | undefined;

/**
 * The `node:crypto` module.
 *
 * @returns The module, loaded on the first call.
 */
export function nodeCrypto(): typeof NodeCrypto {
  const node = globalThis as unknown as {
    process: { getBuiltinModule(name: "node:crypto"): typeof NodeCrypto };
  };
  return loaded ??= node.process.getBuiltinModule("node:crypto");
}
