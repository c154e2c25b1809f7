/**
 * TCP stream reassembly and UDP streams: both directions of each connection in order,
 * with gaps reported instead of waited for, numbered as tshark numbers `tcp.stream` and
 * `udp.stream`; and tshark's `follow` output (`-z follow,tcp,ascii,N`).
 *
 * - {@linkcode reassemble}: an async iterable of stream events over any packet source.
 * - {@linkcode StreamReassembler}, {@linkcode TcpReassembler}, {@linkcode UdpStreams}: the
 *   callback form, for hot loops.
 *
 * - {@linkcode Defragmenter}, {@linkcode defragmentRecords}: IP defragmentation.
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
export * from "./stream_types.ts";
export * from "./stream_events.ts";
export * from "./stream_reassembler.ts";
export * from "./tcp_reassembler.ts";
export * from "./udp_streams.ts";
export * from "./follow_spec.ts";
export * from "./follow_collector.ts";
export * from "./follow_format.ts";
export * from "./follow_files.ts";
export * from "./stream_file.ts";
