/**
 * The Ethernet frame of an OpenFlow 1.0 PACKET_IN or PACKET_OUT, as tcpdump's
 * of10_packet_data_print() writes it: its length, and from `-vvv` the frame decoded and
 * printed three `-v` lower. Private to the OpenFlow printer.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import { type OpenFlow, OPENFLOW_HEADER_LENGTH, type OpenFlowMessage } from "../../app/openflow.ts";
import { protocolOf } from "../../layer.ts";
import { decodeWith } from "../../_packet.ts";
import { LinkType } from "../../link_type.ts";
import { captured } from "../_truncation.ts";
import { printError } from "../_undecoded.ts";

/**
 * The frame's length below `-vvv`; from `-vvv` the frame, decoded from its bytes that the
 * capture holds (its length on the wire the message's), printed at three `-v` less.
 *
 * @returns `false` when the capture ends inside the frame below `-vvv`.
 */
export function printFrameData(
  ctx: PrintContext,
  of: OpenFlow,
  at: number,
  length: number,
): boolean {
  if (length <= 0) return true;
  ctx.out.ascii(`\n\t data (${length} octets)`);
  if (ctx.verbose < 3) return captured(of.end, at, length);
  ctx.out.ascii(", frame decoding below\n");
  const inner = decodeWith(
    LinkType.EN10MB,
    of.data.subarray(at, Math.min(of.end, at + length)),
    { registry: ctx.registry },
  );
  const { data, start, end, linkEnd, originalLength, ipEnd, frameLength, macAt } = ctx;
  const { network, networkLayer, error } = ctx;
  ctx.data = inner.data;
  ctx.start = 0;
  ctx.end = inner.data.length;
  ctx.linkEnd = 0;
  ctx.originalLength = length;
  ctx.network = false;
  ctx.networkLayer = undefined;
  ctx.frameLength = -1;
  ctx.macAt = -1;
  ctx.error = inner.error;
  ctx.done = false;
  ctx.verbose -= 3;
  ctx.printLayers(inner.layers, 0, inner.count);
  if (!ctx.done && ctx.error !== undefined) printError(ctx, ctx.error);
  ctx.verbose += 3;
  Object.assign(ctx, { data, start, end, linkEnd, originalLength, ipEnd, frameLength, macAt });
  Object.assign(ctx, { network, networkLayer, error, done: true });
  return true;
}

/**
 * The protocol that tcpdump's printers of a PACKET_IN's or PACKET_OUT's frame reached last
 * (its `ndo_protocol`, which names the next truncation mark): that of the frame's layer
 * that failed to decode, else of its last layer.
 *
 * @param ctx The print context.
 * @param of The layer.
 * @param m A 1.0 PACKET_IN or PACKET_OUT whose frame was printed.
 * @returns tcpdump's name of the protocol.
 */
export function frameProtocol(ctx: PrintContext, of: OpenFlow, m: OpenFlowMessage): string {
  const actions = of.fields(m).find((f) => f.name === "actions_len");
  const at = actions === undefined
    ? of.dataAt(m)!
    : m.offset + OPENFLOW_HEADER_LENGTH + 8 + Number(actions.value);
  const inner = decodeWith(LinkType.EN10MB, of.data.subarray(at, of.end), {
    registry: ctx.registry,
  });
  // A layer that failed to decode was the last one printed.
  const last = inner.error?.layer ??
    (inner.count > 0 ? inner.layers[inner.count - 1]!.kind : "ethernet");
  return protocolOf(last)?.tcpdumpName ?? last;
}
