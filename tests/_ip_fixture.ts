/**
 * An IPv4 UDP datagram (10.0.0.1.1024 > 10.0.0.2.9, two bytes) that link-layer tests carry
 * in their frames, and the line tcpdump prints for it after the link header.
 *
 * @module
 */

import { buildIpv4, buildUdp } from "../lib/craft/mod.ts";

/** The datagram's bytes. */
export const IP_UDP: Uint8Array = buildIpv4({
  source: "10.0.0.1",
  destination: "10.0.0.2",
  protocol: 17,
  payload: buildUdp({
    source: "10.0.0.1",
    destination: "10.0.0.2",
    sourcePort: 1024,
    destinationPort: 9,
    payload: new Uint8Array([0x68, 0x69]),
  }),
});

/** What tcpdump prints for it. */
export const IP_UDP_TEXT = "10.0.0.1.1024 > 10.0.0.2.9: UDP, length 2";
