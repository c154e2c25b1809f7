/**
 * Reassembly: IP defragmentation ({@linkcode Defragmenter}, {@linkcode defragmentRecords}).
 *
 * @example Reassemble IPv4 fragments
 * ```ts
 * import { Defragmenter } from "./mod.ts";
 * import assert from "node:assert/strict";
 *
 * const defrag = new Defragmenter({ policy: "linux" });
 * assert.equal(defrag.pendingDatagrams, 0);
 * ```
 *
 * @module
 */

export * from "./defrag_policy.ts";
export * from "./defrag_stats.ts";
export * from "./defragmenter.ts";
export * from "./defrag_records.ts";
