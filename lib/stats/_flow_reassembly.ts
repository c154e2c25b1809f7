/**
 * What stream reassembly finds in the TCP flows of a `FlowTable` made with
 * `reassembly: true` (private): the segments go through one `TcpReassembler`, and each
 * flow counts the bytes delivered, the gaps and their bytes, and the bytes retransmitted.
 *
 * @module
 */

import type { Ipv4 } from "../net/ipv4.ts";
import type { Ipv6 } from "../net/ipv6.ts";
import type { Tcp } from "../transport/tcp.ts";
import { TcpReassembler } from "../reassembly/tcp_reassembler.ts";
import type { FlowReassembly } from "./flows.ts";
import { grown } from "../_grown.ts";

// The counters of a flow, at 4 * flow + each of these.
const DELIVERED = 0;
const GAPS = 1;
const GAP_BYTES = 2;
const RETRANSMITTED = 3;

/** The reassembly counters of the flows of one `FlowTable`, by flow index. */
export class FlowReassemblyCounts {
  #counts = new Float64Array(4 * 256);
  readonly #reassembler: TcpReassembler;
  // The flow of each TCP stream the reassembler numbered, and the flow of the packet in hand.
  readonly #streamFlows: number[] = [];
  #currentFlow = 0;

  /** Makes empty counters. */
  constructor() {
    const flows = this.#streamFlows;
    const count = (stream: { index: number }, counter: number, value: number) => {
      this.#counts[4 * flows[stream.index]! + counter]! += value;
    };
    this.#reassembler = new TcpReassembler({
      opened: (stream) => {
        flows[stream.index] = this.#currentFlow;
      },
      data: (stream, _direction, data) => count(stream, DELIVERED, data.length),
      gap: (stream, _direction, _offset, size) => {
        count(stream, GAPS, 1);
        count(stream, GAP_BYTES, size);
      },
      retransmitted: (stream, _direction, _offset, size) => count(stream, RETRANSMITTED, size),
    }, { idleTimeout: Infinity });
  }

  /**
   * Reassembles a TCP segment of a flow.
   *
   * @param flow The flow's index in the table.
   * @param ip The segment's IP header.
   * @param tcp Its TCP header (the innermost, as stream reassembly takes it).
   * @param time Its capture time, in seconds.
   */
  add(flow: number, ip: Ipv4 | Ipv6, tcp: Tcp, time: number): void {
    if (4 * flow + 4 > this.#counts.length) {
      this.#counts = grown(this.#counts, 2 * Math.max(this.#counts.length, 4 * flow + 4));
    }
    this.#currentFlow = flow;
    this.#reassembler.add(ip, tcp, time);
  }

  /** Ends the streams: the holes still open are gaps now, the bytes after them delivered. */
  finish(): void {
    this.#reassembler.finish();
  }

  /**
   * The counters of a flow (zero for one never reassembled).
   *
   * @param flow The flow's index in the table.
   * @returns A plain object.
   */
  result(flow: number): FlowReassembly {
    const at = 4 * flow;
    const counts = this.#counts;
    return {
      deliveredBytes: counts[at + DELIVERED] ?? 0,
      gaps: counts[at + GAPS] ?? 0,
      gapBytes: counts[at + GAP_BYTES] ?? 0,
      retransmittedBytes: counts[at + RETRANSMITTED] ?? 0,
    };
  }
}
