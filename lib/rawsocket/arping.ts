/**
 * ARP ping (arping) over an AF_PACKET socket: ARP requests for an IPv4 address on one
 * interface, the replies as they come, and the summary that iputils' `arping` prints.
 *
 * @module
 */

import { formatMac, parseIpv4 } from "../address.ts";
import { buildArp } from "../craft/arp.ts";
import { buildEthernet } from "../craft/ethernet.ts";
import { decode } from "../decode.ts";
import { etherTypeFilter, openPacketSocket } from "./packet_socket.ts";

/** Options of {@linkcode arping}. */
export interface ArpingOptions {
  /** The IPv4 address to resolve. */
  destination: string;
  /** The interface to send on. */
  iface: string;
  /** How many requests to send (default 4). */
  count?: number;
  /** Milliseconds between requests (default 1000). */
  interval?: number;
  /** Milliseconds to wait for the last reply (default: the interval). */
  timeout?: number;
  /** The sender IPv4 address (default: the interface's). */
  source?: string;
  /** Send every request to the broadcast address (default: unicast once a reply came). */
  broadcastOnly?: boolean;
  /** Stops early; the summary counts what was sent. */
  signal?: AbortSignal;
}

/** What {@linkcode arping} reports before the first request. */
export interface ArpingStart {
  /** What the event is. */
  kind: "start";
  /** The address that was probed. */
  destination: string;
  /** The source address used. */
  source: string;
  /** The interface used. */
  iface: string;
}

/** One ARP reply. */
export interface ArpingReply {
  /** What the event is. */
  kind: "reply";
  /** Whether the reply was sent to this host's address rather than broadcast. */
  unicast: boolean;
  /** The address that replied. */
  source: string;
  /** Its MAC address. */
  mac: string;
  /** Milliseconds since the request. */
  time: number;
}

/** What iputils prints at the end. */
export interface ArpingSummary {
  /** What the event is. */
  kind: "summary";
  /** Requests sent. */
  sent: number;
  /** Requests sent to the broadcast address. */
  broadcasts: number;
  /** Replies received. */
  received: number;
}

/**
 * Sends ARP requests and yields the start, each reply, then the summary. Needs root or
 * `CAP_NET_RAW`.
 *
 * @param options Destination, interface, count, interval...
 * @returns The events.
 * @throws {TypeError} When the interface has no IPv4 address and no `source` is given.
 *
 * @example
 * ```ts ignore
 * import { arping, formatArping } from "./arping.ts";
 *
 * for await (const event of arping({ destination: "10.0.0.1", iface: "eth0", count: 3 })) {
 *   for (const line of formatArping(event)) console.log(line);
 * }
 * ```
 */
export async function* arping(
  options: ArpingOptions,
): AsyncGenerator<ArpingStart | ArpingReply | ArpingSummary, void, undefined> {
  const target = parseIpv4(options.destination);
  const count = options.count ?? 4;
  const interval = options.interval ?? 1000;
  const lastWait = options.timeout ?? interval;
  using socket = openPacketSocket({
    iface: options.iface,
    filter: etherTypeFilter(0x0806),
    direction: "in",
  });
  const source = options.source === undefined ? socket.ipv4Address : parseIpv4(options.source);
  if (source === undefined) {
    throw new TypeError(
      `Cannot arping from "${options.iface}": it has no IPv4 address; give a source address`,
    );
  }
  const sourceText = Array.from(source).join(".");
  yield {
    kind: "start",
    destination: options.destination,
    source: sourceText,
    iface: options.iface,
  };
  const ownMac = socket.hardwareAddress;
  let peer: Uint8Array | undefined;
  let sent = 0;
  let broadcasts = 0;
  let received = 0;
  const aborted = () => options.signal?.aborted === true;
  const onAbort = () => socket.stop();
  options.signal?.addEventListener("abort", onAbort, { once: true });
  try {
    for (let probe = 1; probe <= count && !aborted(); probe++) {
      const broadcast = peer === undefined || options.broadcastOnly === true;
      const destination = broadcast ? new Uint8Array(6).fill(0xff) : peer!;
      socket.send(buildEthernet({
        destination,
        source: ownMac,
        etherType: 0x0806,
        payload: buildArp({
          operation: "request",
          senderMac: ownMac,
          senderIp: source,
          targetIp: target,
        }),
      }));
      const sentAt = performance.now();
      sent++;
      if (broadcast) broadcasts++;
      const until = sentAt + (probe === count ? lastWait : interval);
      let answered = false;
      while (!aborted()) {
        const record = socket.receive();
        if (record === undefined) {
          const left = until - performance.now();
          if (left <= 0 || (probe === count && answered)) break;
          await socket.waitReadable(left);
          continue;
        }
        const packet = decode(record.linkType, record.data);
        const arp = packet.layer("arp");
        if (arp === undefined || arp.operation !== 2) continue;
        if (arp.senderProtocolAddress !== options.destination) continue;
        if (arp.targetProtocolAddress !== sourceText) continue;
        received++;
        answered = true;
        peer = arp.senderHardwareAddressBytes.slice();
        yield {
          kind: "reply",
          unicast: record.direction === "host",
          source: arp.senderProtocolAddress,
          mac: formatMac(peer, 0),
          time: performance.now() - sentAt,
        };
      }
    }
  } finally {
    options.signal?.removeEventListener("abort", onAbort);
  }
  yield { kind: "summary", sent, broadcasts, received };
}

/**
 * The lines iputils' `arping` prints for an event.
 *
 * @param event The start, a reply or the summary.
 * @returns The lines.
 *
 * @example
 * ```ts
 * import { formatArping } from "./arping.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(
 *   formatArping({ kind: "reply", unicast: true, source: "10.0.0.2", mac: "02:00:00:00:00:0a", time: 0.5 }),
 *   ["Unicast reply from 10.0.0.2 [02:00:00:00:00:0A]  0.500ms"],
 * );
 * ```
 */
export function formatArping(event: ArpingStart | ArpingReply | ArpingSummary): string[] {
  switch (event.kind) {
    case "start":
      return [`ARPING ${event.destination} from ${event.source} ${event.iface}`];
    case "reply":
      return [
        `${event.unicast ? "Unicast" : "Broadcast"} reply from ${event.source} ` +
        `[${event.mac.toUpperCase()}]  ${event.time.toFixed(3)}ms`,
      ];
    case "summary":
      return [
        `Sent ${event.sent} probes (${event.broadcasts} broadcast(s))`,
        `Received ${event.received} response(s)`,
      ];
  }
}
