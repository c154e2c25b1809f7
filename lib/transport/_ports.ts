import type { Decoder } from "../layer.ts";

/**
 * Looks up the application decoder of a TCP or UDP packet: the `first` port's if it is
 * given and bound, else the lower port first, since a service usually sits on the lower,
 * well-known port (as Wireshark tries them). An empty table (a registry decoding to
 * layer 4 only) costs no lookup.
 */
export function portDecoder(
  ports: Map<number, Decoder>,
  sourcePort: number,
  destinationPort: number,
  first?: number,
): Decoder | undefined {
  if (ports.size === 0) return undefined;
  const chosen = first === undefined ? undefined : ports.get(first);
  if (chosen !== undefined) return chosen;
  const low = sourcePort < destinationPort ? sourcePort : destinationPort;
  const high = sourcePort < destinationPort ? destinationPort : sourcePort;
  return ports.get(low) ?? ports.get(high);
}
