import { type Decoder, type PortRanks, UNRANKED_PORT } from "../layer.ts";

/**
 * Looks up the application decoder of a TCP or UDP packet: the lower port first, since a
 * service usually sits on the lower, well-known port (as Wireshark tries them), unless
 * both ports are bound and `ranks` put the higher first. With `ranks`, a port ranked one
 * way only (tcpdump's printers taken by the destination port alone, or the source port)
 * picks its decoder only that way. An empty table (a registry decoding to layer 4 only)
 * costs no lookup.
 */
export function portDecoder(
  ports: Map<number, Decoder>,
  ranks: PortRanks | undefined,
  sourcePort: number,
  destinationPort: number,
): Decoder | undefined {
  if (ports.size === 0) return undefined;
  const low = sourcePort < destinationPort ? sourcePort : destinationPort;
  const high = sourcePort < destinationPort ? destinationPort : sourcePort;
  const first = ports.get(low);
  if (ranks === undefined) return first ?? ports.get(high);
  const lowPicks = first !== undefined && picks(ranks, low, sourcePort, destinationPort);
  // The ranks matter only when both ports are bound; read first, they answer most packets
  // (neither port ranked) with two array reads, cheaper than a lookup of the other port.
  if (lowPicks && rankedPort(ranks, sourcePort, destinationPort) !== high) return first;
  const second = ports.get(high);
  if (second !== undefined && picks(ranks, high, sourcePort, destinationPort)) return second;
  return lowPicks ? first : undefined;
}

/** Whether a bound port picks its decoder: a port ranked one way only, only that way. */
function picks(
  ranks: PortRanks,
  port: number,
  sourcePort: number,
  destinationPort: number,
): boolean {
  const asDestination = ranks.destination[port]!;
  const asSource = ranks.source[port]!;
  if ((asDestination === UNRANKED_PORT) === (asSource === UNRANKED_PORT)) return true;
  return (port === destinationPort && asDestination !== UNRANKED_PORT) ||
    (port === sourcePort && asSource !== UNRANKED_PORT);
}

/**
 * The port of a packet that `ranks` put first: the destination's rank against the
 * source's, the destination on a tie.
 *
 * @returns The port, or `undefined` when neither is ranked.
 */
export function rankedPort(
  ranks: PortRanks,
  sourcePort: number,
  destinationPort: number,
): number | undefined {
  const byDestination = ranks.destination[destinationPort]!;
  const bySource = ranks.source[sourcePort]!;
  if (byDestination === UNRANKED_PORT && bySource === UNRANKED_PORT) return undefined;
  return byDestination <= bySource ? destinationPort : sourcePort;
}
