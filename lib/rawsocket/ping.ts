/**
 * ICMP echo (ping) over a raw AF_INET socket: replies as they come and the summary that
 * iputils' `ping` prints.
 *
 * @module
 */

import { parseIpv4 } from "../address.ts";
import { buildIcmpEcho } from "../craft/icmp.ts";
import { decode } from "../decode.ts";
import { openIpSocket } from "./ip_socket.ts";

/** Options of {@linkcode ping}. */
export interface PingOptions {
  /** The IPv4 address to ping. */
  destination: string;
  /** How many requests to send (default 4). */
  count?: number;
  /** Milliseconds between requests (default 1000). */
  interval?: number;
  /** Milliseconds to wait for the last reply (default 2000, or the interval if longer). */
  timeout?: number;
  /** Bytes of data after the ICMP header (default 56). */
  size?: number;
  /** The identifier (default: from the process id). */
  identifier?: number;
  /** Send from this interface (`SO_BINDTODEVICE`). */
  iface?: string;
  /** Stops early; the summary counts what was sent. */
  signal?: AbortSignal;
}

/** One echo reply. */
export interface PingReply {
  /** What the event is. */
  kind: "reply";
  /** Bytes of the ICMP message (header and data). */
  bytes: number;
  /** Who replied. */
  source: string;
  /** The sequence number (from 1). */
  sequence: number;
  /** The reply's TTL. */
  ttl: number;
  /** Round-trip time in milliseconds. */
  time: number;
}

/** What iputils prints at the end. */
export interface PingSummary {
  /** What the event is. */
  kind: "summary";
  /** The address that was probed. */
  destination: string;
  /** Requests sent. */
  transmitted: number;
  /** Replies received. */
  received: number;
  /** Lost requests in percent, rounded down as iputils does. */
  loss: number;
  /** Milliseconds from the first request to the end. */
  time: number;
  /** Round-trip times in milliseconds, when anything was received. */
  rtt?: { min: number; avg: number; max: number; mdev: number };
}

/**
 * Sends ICMP echo requests and yields each reply, then the summary. Needs root or
 * `CAP_NET_RAW`.
 *
 * @param options Destination, count, interval, size...
 * @returns The replies as they come, then one summary.
 *
 * @example Three pings
 * ```ts ignore
 * import { formatPing, ping } from "./ping.ts";
 *
 * for await (const event of ping({ destination: "127.0.0.1", count: 3 })) {
 *   console.log(formatPing(event));
 * }
 * ```
 */
export async function* ping(
  options: PingOptions,
): AsyncGenerator<PingReply | PingSummary, void, undefined> {
  const destination = parseIpv4(options.destination);
  const count = options.count ?? 4;
  const interval = options.interval ?? 1000;
  const lastWait = Math.max(options.timeout ?? 2000, interval);
  const size = options.size ?? 56;
  const identifier = options.identifier ?? (Deno.pid & 0xffff);
  using socket = openIpSocket({
    protocol: "icmp",
    headerIncluded: false,
    ...(options.iface === undefined ? {} : { iface: options.iface }),
  });
  const sentAt = new Map<number, number>();
  const times: number[] = [];
  let transmitted = 0;
  const start = performance.now();
  const aborted = () => options.signal?.aborted === true;
  const onAbort = () => socket.stop();
  options.signal?.addEventListener("abort", onAbort, { once: true });
  try {
    for (let sequence = 1; sequence <= count && !aborted(); sequence++) {
      const payload = new Uint8Array(size);
      for (let i = 0; i < size; i++) payload[i] = (i + 8) & 0xff;
      const message = buildIcmpEcho({ identifier, sequence: sequence & 0xffff, payload });
      sentAt.set(sequence & 0xffff, performance.now());
      socket.send(message, destination);
      transmitted++;
      const until = performance.now() + (sequence === count ? lastWait : interval);
      while (!aborted()) {
        const record = socket.receive();
        if (record === undefined) {
          const left = until - performance.now();
          if (left <= 0) break;
          if (sequence === count && times.length === transmitted) break;
          await socket.waitReadable(left);
          continue;
        }
        const packet = decode(record.linkType, record.data);
        const ip = packet.layer("ipv4");
        const icmp = packet.layer("icmp");
        if (ip === undefined || icmp === undefined || icmp.type !== 0) continue;
        if (icmp.identifier !== identifier || ip.source !== options.destination) continue;
        const sent = sentAt.get(icmp.sequenceNumber ?? -1);
        if (sent === undefined) continue;
        sentAt.delete(icmp.sequenceNumber!);
        const time = performance.now() - sent;
        times.push(time);
        yield {
          kind: "reply",
          bytes: ip.totalLength - ip.headerLength,
          source: ip.source,
          sequence: icmp.sequenceNumber!,
          ttl: ip.timeToLive,
          time,
        };
        if (sequence === count && times.length === transmitted) break;
      }
    }
  } finally {
    options.signal?.removeEventListener("abort", onAbort);
  }
  const summary: PingSummary = {
    kind: "summary",
    destination: options.destination,
    transmitted,
    received: times.length,
    loss: transmitted === 0 ? 0 : Math.floor(((transmitted - times.length) * 100) / transmitted),
    time: Math.round(performance.now() - start),
  };
  if (times.length > 0) {
    const avg = times.reduce((a, b) => a + b, 0) / times.length;
    const mean2 = times.reduce((a, b) => a + b * b, 0) / times.length;
    summary.rtt = {
      min: Math.min(...times),
      avg,
      max: Math.max(...times),
      mdev: Math.sqrt(Math.max(0, mean2 - avg * avg)),
    };
  }
  yield summary;
}

/**
 * The lines iputils' `ping` prints for a reply or the summary.
 *
 * @param event A reply or the summary.
 * @returns The lines.
 *
 * @example
 * ```ts
 * import { formatPing } from "./ping.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(
 *   formatPing({ kind: "reply", bytes: 64, source: "10.0.0.2", sequence: 1, ttl: 64, time: 0.0451 }),
 *   ["64 bytes from 10.0.0.2: icmp_seq=1 ttl=64 time=0.045 ms"],
 * );
 * ```
 */
export function formatPing(event: PingReply | PingSummary): string[] {
  if (event.kind === "reply") {
    // iputils' precision: 3 decimals under 1 ms, 2 under 10, 1 under 100, then none.
    const digits = event.time < 1 ? 3 : event.time < 10 ? 2 : event.time < 100 ? 1 : 0;
    const time = event.time.toFixed(digits);
    return [
      `${event.bytes} bytes from ${event.source}: icmp_seq=${event.sequence} ttl=${event.ttl} time=${time} ms`,
    ];
  }
  const lines = [
    "",
    `--- ${event.destination} ping statistics ---`,
    `${event.transmitted} packets transmitted, ${event.received} received, ${event.loss}% packet loss, time ${event.time}ms`,
  ];
  if (event.rtt !== undefined) {
    const { min, avg, max, mdev } = event.rtt;
    lines.push(
      `rtt min/avg/max/mdev = ${min.toFixed(3)}/${avg.toFixed(3)}/${max.toFixed(3)}/${
        mdev.toFixed(3)
      } ms`,
    );
  }
  return lines;
}
