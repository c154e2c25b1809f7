import type { Decoder, PortChoice } from "../layer.ts";

/**
 * Looks up the application decoder of a TCP or UDP packet: the lower port first, since a
 * service usually sits on the lower, well-known port (as Wireshark tries them), unless
 * both ports are bound and `choice` names the higher. An empty table (a registry
 * decoding to layer 4 only) costs no lookup.
 */
export function portDecoder(
  ports: Map<number, Decoder>,
  transport: "tcp" | "udp",
  sourcePort: number,
  destinationPort: number,
  choice: PortChoice | undefined,
): Decoder | undefined {
  if (ports.size === 0) return undefined;
  const low = sourcePort < destinationPort ? sourcePort : destinationPort;
  const high = sourcePort < destinationPort ? destinationPort : sourcePort;
  const first = ports.get(low);
  if (first === undefined) return ports.get(high);
  // The choice matters only when both ports are bound; asked first, it answers most
  // packets (neither port on its list) with two array reads, cheaper than a lookup.
  if (choice === undefined || choice(transport, sourcePort, destinationPort) !== high) {
    return first;
  }
  return ports.get(high) ?? first;
}
