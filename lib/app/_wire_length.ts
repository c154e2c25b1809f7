/**
 * The wire length of an application payload, and the start of decoding one, shared by the
 * UDP application decoders.
 *
 * @module
 */

import { DecodeError } from "../errors.ts";
import { beginLayer } from "../_begin_layer.ts";
import type { DecodeContext, Decoder, LayerBase } from "../layer.ts";
import { Ipv4 } from "../net/ipv4.ts";
import { Ipv6 } from "../net/ipv6.ts";

/**
 * The length on the wire of the transport payload that starts at `offset`: the UDP length
 * field and the IP length fields bound it (as tcpdump computes it); without IP, the
 * packet's length on the wire when the caller gave it; else the captured bytes
 * (`available`).
 */
export function wireLength(context: DecodeContext, offset: number, available: number): number {
  const transport = context.transport;
  const network = context.network;
  let length = -1;
  if (network instanceof Ipv4 && network.totalLength !== 0) {
    length = network.offset + network.totalLength - offset;
  } else if (network instanceof Ipv6 && network.payloadLength !== 0) {
    length = network.offset + 40 + network.payloadLength - offset;
  } else if (network instanceof Ipv6 && network.jumboPayloadLength !== 0) {
    length = network.offset + 40 + network.jumboPayloadLength - offset;
  }
  if (transport !== undefined && transport.kind === "udp" && transport.length >= 8) {
    const udpLength = transport.length - 8;
    if (length < 0 || udpLength < length) length = udpLength;
  }
  if (network === undefined && context.wireEnd !== undefined) {
    length = Math.max(0, context.wireEnd - offset);
  }
  return length < 0 ? available : length;
}

/** A layer over a transport payload that knows the payload's length on the wire. */
interface MessageLayer extends LayerBase {
  wireLength: number;
}

/**
 * Starts decoding a message at `offset`: {@linkcode beginLayer}, then the layer's
 * {@linkcode wireLength}.
 *
 * @returns The truncation error, or `undefined` when the layer was started.
 */
export function beginMessage(
  layer: MessageLayer,
  data: Uint8Array,
  offset: number,
  end: number,
  context: DecodeContext,
  required = 1,
): DecodeError | undefined {
  const error = beginLayer(layer, data, offset, end, required);
  if (error !== undefined) return error;
  layer.wireLength = wireLength(context, offset, end - offset);
  return undefined;
}

/**
 * Where the captured bytes of the innermost IP packet end (tcpdump's snapend for the
 * protocols inside it): past the UDP length when the IP length is longer. `end` when no
 * IP header is known.
 */
export function capturedEnd(context: DecodeContext, end: number): number {
  const network = context.network;
  if (network instanceof Ipv4 || network instanceof Ipv6) return Math.max(end, network.end);
  return end;
}

/**
 * {@linkcode beginMessage} for a printer that reads past the UDP length, to the IP packet's
 * captured end (tcpdump's rtcp_print() and cnfp_print()): the layer's `snapEnd` is that end,
 * which must hold a byte; its `end` stays `end`.
 *
 * @returns The truncation error, or `undefined` when the layer was started.
 */
export function beginMessageToSnapEnd(
  layer: MessageLayer & { snapEnd: number },
  data: Uint8Array,
  offset: number,
  end: number,
  context: DecodeContext,
): DecodeError | undefined {
  layer.snapEnd = capturedEnd(context, end);
  const error = beginMessage(layer, data, offset, layer.snapEnd, context);
  if (error !== undefined) return error;
  layer.end = end;
  return undefined;
}

/**
 * {@linkcode beginMessage} for a protocol that udp_print() takes by its destination port
 * only: a datagram over UDP sent to another port is malformed for it (its source port
 * alone chose it), unless the tables bind that port to the protocol too (tcpdump's `-T`
 * binds every port).
 *
 * @returns The error, or `undefined` when the layer was started.
 */
export function beginMessageTo(
  port: number,
  layer: MessageLayer,
  data: Uint8Array,
  offset: number,
  end: number,
  context: DecodeContext,
): DecodeError | undefined {
  const udp = context.transport;
  if (
    udp !== undefined && udp.kind === "udp" && udp.destinationPort !== port &&
    !boundTo(context.tables.udpPorts.get(udp.destinationPort), layer.kind)
  ) {
    return DecodeError.malformed(layer.kind, offset, 0, 0, `not sent to port ${port}`);
  }
  return beginMessage(layer, data, offset, end, context);
}

/** Whether `decoder` creates layers of `kind` (a dispatcher picks by the bytes: no). */
function boundTo(decoder: Decoder | undefined, kind: string): boolean {
  return decoder !== undefined && "kind" in decoder && decoder.kind === kind;
}
