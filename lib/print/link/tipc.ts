/**
 * TIPC (EtherType `0x88ca`) as tcpdump's tipc_print() writes it: one line per message in
 * the layout its user picks (payload, internal, link configuration), with `-v` a second
 * line of the layout's other fields; nothing for a user tcpdump does not know.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import { type Tipc, tipcLayout } from "../../link/tipc.ts";
import { truncatedRead } from "../_truncation.ts";

const USERS = new Map([
  [0, "Low Importance Data payload"],
  [1, "Medium Importance Data payload"],
  [2, "High Importance Data payload"],
  [3, "Critical Importance Data payload"],
  [5, "Broadcast Link Protocol internal"],
  [6, "Message Bundler Protocol internal"],
  [7, "Link State Protocol internal"],
  [8, "Connection Manager internal"],
  [10, "Link Changeover Protocol internal"],
  [11, "Name Table Update Protocol internal"],
  [12, "Message Fragmentation Protocol internal"],
  [13, "Neighbor Detection Protocol internal"],
]);

/** tcpdump's message type names, 1 and 3 swapped as its table has them. */
const MESSAGE_TYPES = ["CONN_MSG", "MCAST_MSG", "NAMED_MSG", "DIRECT_MSG"];

const LINK_CONFIG_TYPES = ["Link request", "Link response"];

/** A TIPC address as zone.cluster.node. */
function address(value: number): string {
  return `${value >>> 24}.${(value >>> 12) & 0xfff}.${value & 0xfff}`;
}

/** Whether any of the values was not captured (tcpdump's GET_ macros jump out on the first). */
function missing(...values: number[]): boolean {
  return values.some((value) => value < 0);
}

/** The first line's common middle: sizes, user and message type. */
function sizes(tipc: Tipc, types: readonly string[]): string {
  return `headerlength ${tipc.headerSize} bytes, MessageSize ${tipc.messageSize} bytes, ${
    USERS.get(tipc.user) ?? "unknown"
  }, messageType ${types[tipc.messageType] ?? "Unknown"}`;
}

/**
 * Prints a TIPC message header.
 *
 * @param ctx The print context.
 * @param tipc The layer.
 */
export function printTipc(ctx: PrintContext, tipc: Tipc): void {
  ctx.done = true;
  const user = tipc.user;
  if (user < 0) return truncatedRead(ctx, "tipc");
  switch (tipcLayout(user)) {
    case "payload":
      return payload(ctx, tipc);
    case "internal":
      return internal(ctx, tipc);
    case "link-config":
      return linkConfig(ctx, tipc);
  }
}

/** A payload message: ports, and the nodes when the header is longer than 6 words. */
function payload(ctx: PrintContext, tipc: Tipc): void {
  const out = ctx.out;
  const previous = tipc.previousNode;
  const originPort = tipc.originPort;
  const destinationPort = tipc.destinationPort;
  if (missing(tipc.word(1), previous, originPort, destinationPort)) {
    return truncatedRead(ctx, "tipc");
  }
  const version = tipc.version;
  if (tipc.headerSize <= 24) {
    out.ascii(`TIPC v${version}.0 ${address(previous)}:${originPort} > ${destinationPort}, `);
    out.ascii(sizes(tipc, MESSAGE_TYPES));
    return;
  }
  const origin = tipc.originNode;
  const destination = tipc.destinationNode;
  if (missing(origin, destination)) return truncatedRead(ctx, "tipc");
  out.ascii(`TIPC v${version}.0 ${address(origin)}:${originPort} > `);
  out.ascii(`${address(destination)}:${destinationPort}, ${sizes(tipc, MESSAGE_TYPES)}`);
  if (ctx.verbose < 1) return;
  // Word 2 lies before the ports already read: it was captured.
  out.ascii(`\n\tPrevious Node ${address(previous)}, Broadcast Ack ${tipc.broadcastAck}, `);
  out.ascii(`Link Ack ${tipc.linkAck}, Link Sequence ${tipc.linkSequence}`);
}

/** An internal message: the nodes, the second word in hex, with -v the link's numbers. */
function internal(ctx: PrintContext, tipc: Tipc): void {
  const out = ctx.out;
  const w1 = tipc.word(1);
  const origin = tipc.originNode;
  const destination = tipc.destinationNode;
  if (missing(w1, origin, destination)) return truncatedRead(ctx, "tipc");
  out.ascii(`TIPC v${tipc.version}.0 ${address(origin)} > ${address(destination)}, `);
  out.ascii(`${sizes(tipc, MESSAGE_TYPES)} (0x${w1.toString(16).padStart(8, "0")})`);
  if (ctx.verbose < 1) return;
  // tcpdump reads every field before it prints any: words 8 and 9 are the last.
  const sequence = tipc.transportSequence;
  const count = tipc.messageCount;
  if (missing(sequence, count)) return truncatedRead(ctx, "tipc");
  out.ascii(`\n\tPrevious Node ${address(tipc.previousNode)}, `);
  out.ascii(`Session No. ${tipc.sessionNumber}, Broadcast Ack ${tipc.broadcastAck}, `);
  out.ascii(`Sequence Gap ${tipc.sequenceGap},  Broadcast Gap After ${tipc.broadcastGapAfter}, `);
  out.ascii(`Broadcast Gap To ${tipc.broadcastGapTo}, `);
  out.ascii(`Last Sent Packet No. ${tipc.lastSentPacket}, `);
  out.ascii(`Next sent Packet No. ${tipc.nextSentPacket}, Transport Sequence ${sequence}, `);
  out.ascii(`msg_count ${count}, Link Tolerance ${tipc.linkTolerance}`);
}

/** A link configuration (neighbour detection) message. */
function linkConfig(ctx: PrintContext, tipc: Tipc): void {
  const out = ctx.out;
  const domain = tipc.destinationDomain;
  const previous = tipc.previousNode;
  if (missing(tipc.word(1), domain, previous)) return truncatedRead(ctx, "tipc");
  out.ascii(`TIPC v${tipc.version}.0 ${address(previous)} > ${address(domain)}, `);
  out.ascii(sizes(tipc, LINK_CONFIG_TYPES));
  if (ctx.verbose < 1) return;
  const network = tipc.networkId;
  const media = tipc.mediaId;
  if (missing(network, media)) return truncatedRead(ctx, "tipc");
  out.ascii(`\n\tNodeSignature ${tipc.nodeSignature}, network_id ${network}, `);
  out.ascii(`media_id ${media}`);
}
