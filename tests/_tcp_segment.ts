/**
 * A TCP segment (10.0.0.1 to 10.0.0.2, PSH and ACK, sequence and acknowledgment 1, window
 * 512) in an IPv4 packet, which the text protocols' tests carry their lines in.
 *
 * @module
 */

import { buildIpv4, buildTcp } from "../lib/craft/mod.ts";

/** The raw IPv4 packet of a segment from `sourcePort` to `destinationPort`. */
export function tcpSegment(
  sourcePort: number,
  destinationPort: number,
  payload: Uint8Array,
): Uint8Array {
  const tcp = buildTcp({
    source: "10.0.0.1",
    destination: "10.0.0.2",
    sourcePort,
    destinationPort,
    sequence: 1,
    acknowledgment: 1,
    flags: 0x18,
    window: 512,
    payload,
  });
  return buildIpv4({ source: "10.0.0.1", destination: "10.0.0.2", protocol: 6, payload: tcp });
}
