/**
 * Conversations as tshark's `-z conv,eth|ip|ipv6|tcp|udp` counts and prints them: for
 * each pair of addresses (with ports for TCP and UDP), the frames and bytes each way, the
 * start relative to the capture's first packet and the duration.
 *
 * @module
 */

import type { Packet, PacketParser } from "../decode.ts";
import { FlowTable } from "./_flow_table.ts";
import {
  forEachTalkerPair,
  formatSize,
  TALKER_TITLES,
  type TalkerPair,
  type TalkerType,
} from "./_talkers.ts";

export { TALKER_TYPES, type TalkerType } from "./_talkers.ts";

/** One conversation: A is the source of its first packet, as in tshark. */
export interface Conversation {
  /** Address A. */
  addressA: string;
  /** Port A (TCP and UDP), else `null`. */
  portA: number | null;
  /** Address B. */
  addressB: string;
  /** Port B (TCP and UDP), else `null`. */
  portB: number | null;
  /** Frames from A to B (tshark's `->` column). */
  framesAToB: number;
  /** Bytes on the wire from A to B. */
  bytesAToB: number;
  /** Frames from B to A (tshark's `<-` column). */
  framesBToA: number;
  /** Bytes on the wire from B to A. */
  bytesBToA: number;
  /** Seconds from the capture's first packet to the conversation's first. */
  relativeStart: number;
  /** Seconds from its first packet to its last. */
  duration: number;
}

interface Row {
  a: string;
  b: string;
  framesA: number;
  bytesA: number;
  framesB: number;
  bytesB: number;
  first: number;
  last: number;
}

/**
 * Accumulates the conversations of one address kind, packet by packet; TCP and UDP are
 * counted by the {@linkcode FlowTable} of `scripts/flows.ts`. {@linkcode formatConversations}
 * prints the result as tshark does.
 *
 * @example The Ethernet conversations of two frames
 * ```ts
 * import { ConversationTable } from "./conversations.ts";
 * import { PacketParser } from "../decode.ts";
 * import { buildEthernet } from "../craft/mod.ts";
 * import assert from "node:assert/strict";
 *
 * const a = "02:00:00:00:00:01", b = "02:00:00:00:00:02";
 * const frames = [
 *   buildEthernet({ source: a, destination: b, etherType: 0x88b5, payload: new Uint8Array(46) }),
 *   buildEthernet({ source: b, destination: a, etherType: 0x88b5, payload: new Uint8Array(46) }),
 * ];
 * const parser = new PacketParser();
 * const table = new ConversationTable("eth");
 * frames.forEach((frame, i) => {
 *   parser.parse(1, frame);
 *   table.add(parser, 10 + i, 0, frame.length);
 * });
 * const [conversation] = table.result();
 * assert.equal(conversation?.addressA, a);
 * assert.equal(conversation?.framesAToB, 1);
 * assert.equal(conversation?.duration, 1);
 * ```
 */
export class ConversationTable {
  /** The address kind counted. */
  readonly type: TalkerType;
  readonly #flows: FlowTable | undefined;
  readonly #rows = new Map<string, Row>();
  readonly #pair: TalkerPair = { source: "", destination: "", sourcePort: 0, destinationPort: 0 };
  #packets = 0;
  #startSeconds = 0;
  #startNanoseconds = 0;
  #time = 0;
  #length = 0;
  readonly #visit = (pair: TalkerPair): void => this.#count(pair);

  /**
   * Makes an empty table.
   *
   * @param type The address kind: `eth`, `ip`, `ipv6`, `tcp` or `udp`.
   */
  constructor(type: TalkerType) {
    this.type = type;
    this.#flows = type === "tcp" || type === "udp" ? new FlowTable() : undefined;
  }

  /**
   * Adds one decoded packet.
   *
   * @param packet A `PacketParser` right after `parse()`, or a `Packet`.
   * @param seconds The packet time: whole seconds since the epoch.
   * @param nanoseconds The packet time: nanoseconds within the second.
   * @param originalLength The packet's length on the wire.
   * @returns Nothing.
   */
  add(
    packet: PacketParser | Packet,
    seconds: number,
    nanoseconds: number,
    originalLength: number,
  ): void {
    if (this.#flows !== undefined) {
      this.#flows.add(packet, seconds, nanoseconds, originalLength);
      return;
    }
    if (this.#packets++ === 0) {
      this.#startSeconds = seconds;
      this.#startNanoseconds = nanoseconds;
    }
    // Seconds as tshark's nstime_to_sec() makes them: whole seconds plus nanoseconds / 1e9.
    let wholeSeconds = seconds - this.#startSeconds;
    let fraction = nanoseconds - this.#startNanoseconds;
    if (fraction < 0) {
      wholeSeconds--;
      fraction += 1e9;
    }
    this.#time = wholeSeconds + fraction / 1e9;
    this.#length = originalLength;
    forEachTalkerPair(packet, this.type, this.#pair, this.#visit);
  }

  #count(pair: TalkerPair): void {
    const { source, destination } = pair;
    const key = source < destination ? `${source}|${destination}` : `${destination}|${source}`;
    let row = this.#rows.get(key);
    if (row === undefined) {
      row = {
        a: source,
        b: destination,
        framesA: 0,
        bytesA: 0,
        framesB: 0,
        bytesB: 0,
        first: this.#time,
        last: this.#time,
      };
      this.#rows.set(key, row);
    }
    if (source === row.a) {
      row.framesA++;
      row.bytesA += this.#length;
    } else {
      row.framesB++;
      row.bytesB += this.#length;
    }
    if (this.#time < row.first) row.first = this.#time;
    if (this.#time > row.last) row.last = this.#time;
  }

  /**
   * Lists the conversations as tshark does: most frames first, ties in the order they
   * began.
   *
   * @returns The conversations.
   */
  result(): Conversation[] {
    if (this.#flows !== undefined) {
      const { flows, totals } = this.#flows.result();
      const reference = totals.firstTimestamp ?? 0n;
      return flows.filter((flow) => flow.protocol === this.type && flow.portA !== null).map((
        flow,
      ) => ({
        addressA: flow.addressA,
        portA: flow.portA,
        addressB: flow.addressB,
        portB: flow.portB,
        framesAToB: flow.packetsAToB,
        bytesAToB: flow.bytesAToB,
        framesBToA: flow.packetsBToA,
        bytesBToA: flow.bytesBToA,
        relativeStart: seconds(flow.firstTimestamp - reference),
        duration: seconds(flow.lastTimestamp - reference) -
          seconds(flow.firstTimestamp - reference),
      }));
    }
    const rows = [...this.#rows.values()];
    const frames = (row: Row) => row.framesA + row.framesB;
    const order = rows.map((row, i) => ({ row, i }));
    order.sort((x, y) => frames(y.row) - frames(x.row) || x.i - y.i);
    return order.map(({ row }) => ({
      addressA: row.a,
      portA: null,
      addressB: row.b,
      portB: null,
      framesAToB: row.framesA,
      bytesAToB: row.bytesA,
      framesBToA: row.framesB,
      bytesBToA: row.bytesB,
      relativeStart: row.first,
      duration: row.last - row.first,
    }));
  }
}

/** Nanoseconds as seconds the way tshark's nstime_to_sec() makes them (exact whole seconds). */
function seconds(nanoseconds: bigint): number {
  return Number(nanoseconds / 1_000_000_000n) + Number(nanoseconds % 1_000_000_000n) / 1e9;
}

const RULE = "=".repeat(80);

/**
 * Prints conversations as `tshark -q -z conv,TYPE` (4.0) does, with its header, columns
 * and byte sizes (`1626 bytes`, `12 kB`).
 *
 * @param type The address kind, for the title and the column widths.
 * @param conversations The conversations, in the order to print.
 * @returns The table, lines ending in `\n`.
 *
 * @example An empty table
 * ```ts
 * import { formatConversations } from "./conversations.ts";
 * import assert from "node:assert/strict";
 *
 * assert.match(formatConversations("ip", []), /^={80}\nIPv4 Conversations\nFilter:<No Filter>\n/);
 * ```
 */
export function formatConversations(
  type: TalkerType,
  conversations: readonly Conversation[],
): string {
  const ports = type === "tcp" || type === "udp";
  const indent = ports ? " ".repeat(12) : "";
  const width = ports ? 26 : 20;
  let text = `${RULE}\n${TALKER_TITLES[type]} Conversations\nFilter:<No Filter>\n` +
    `${indent}                                               |       <-      | |       ->      | |     Total     |    Relative    |   Duration   |\n` +
    `${indent}                                               | Frames  Bytes | | Frames  Bytes | | Frames  Bytes |      Start     |              |\n`;
  const end = (address: string, port: number | null) =>
    (port === null ? address : `${address}:${port}`).padEnd(width);
  const frames = (n: number) => `${n}`.padStart(6);
  const size = (n: number) => formatSize(n).padEnd(9);
  for (const c of conversations) {
    text += `${end(c.addressA, c.portA)} <-> ${end(c.addressB, c.portB)}  ` +
      `${frames(c.framesBToA)} ${size(c.bytesBToA)}  ${frames(c.framesAToB)} ${
        size(c.bytesAToB)
      }  ` +
      `${frames(c.framesAToB + c.framesBToA)} ${size(c.bytesAToB + c.bytesBToA)}  ` +
      `${c.relativeStart.toFixed(9).padStart(14)}   ${c.duration.toFixed(4).padStart(12)}\n`;
  }
  return `${text}${RULE}\n`;
}
