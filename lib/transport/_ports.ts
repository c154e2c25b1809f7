import type { Decoder } from "../layer.ts";

/**
 * Looks up the application decoder of a TCP or UDP packet: the lower port first, since a
 * service usually sits on the lower, well-known port (as Wireshark tries them). An empty
 * table (a registry decoding to layer 4 only) costs no lookup.
 */
export function portDecoder(
  ports: Map<number, Decoder>,
  sourcePort: number,
  destinationPort: number,
): Decoder | undefined {
  if (ports.size === 0) return undefined;
  const low = sourcePort < destinationPort ? sourcePort : destinationPort;
  const high = sourcePort < destinationPort ? destinationPort : sourcePort;
  return ports.get(low) ?? ports.get(high);
}
