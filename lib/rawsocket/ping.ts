/**
 * ICMP echo (ping) over a raw AF_INET socket: replies as they come and the summary that
 * iputils' `ping` prints.
 *
 * @module
 */

import { formatIpv6, parseIpv4, parseIpv6 } from "../address.ts";
import { buildIcmpEcho, buildIcmpv6Echo } from "../craft/icmp.ts";
import { decode } from "../decode.ts";
import { openIpSocket } from "./ip_socket.ts";
import { openIp6Socket } from "./ip6_socket.ts";
import { lookup } from "node:dns/promises";

/** Options of {@linkcode ping}. */
export interface PingOptions {
  /** The IPv4 or IPv6 address to ping. */
  destination: string;
  /** The host name the address was resolved from, printed beside it as iputils does. */
  name?: string;
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
  /** The host name of the destination, when it was given by name. */
  name?: string;
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
  /** The address that was probed, or its host name when it was given by name. */
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
  const v6 = options.destination.includes(":");
  const destination = v6 ? parseIpv6(options.destination) : parseIpv4(options.destination);
  // Replies are matched by the address as the decoders format it.
  const target = v6 ? formatIpv6(destination, 0) : options.destination;
  const count = options.count ?? 4;
  const interval = options.interval ?? 1000;
  const lastWait = Math.max(options.timeout ?? 2000, interval);
  const size = options.size ?? 56;
  const identifier = options.identifier ?? (Deno.pid & 0xffff);
  const iface = options.iface === undefined ? {} : { iface: options.iface };
  // The kernel fills in the ICMPv6 checksum of a raw ICMPv6 socket (RFC 3542).
  using socket = v6
    ? openIp6Socket({ protocol: "icmpv6", ...iface })
    : openIpSocket({ protocol: "icmp", headerIncluded: false, ...iface });
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
      const echo = { identifier, sequence: sequence & 0xffff, payload };
      const message = v6
        ? buildIcmpv6Echo({ ...echo, source: "::", destination })
        : buildIcmpEcho(echo);
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
        const reply = echoReply(decode(record.linkType, record.data), identifier, target);
        if (reply === undefined) continue;
        const sent = sentAt.get(reply.sequence);
        if (sent === undefined) continue;
        sentAt.delete(reply.sequence);
        const time = performance.now() - sent;
        times.push(time);
        yield {
          kind: "reply",
          bytes: reply.bytes,
          source: target,
          ...(options.name === undefined ? {} : { name: options.name }),
          sequence: reply.sequence,
          ttl: reply.ttl,
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
    destination: options.name ?? options.destination,
    transmitted,
    received: times.length,
    loss: transmitted === 0 ? 0 : Math.floor(((transmitted - times.length) * 100) / transmitted),
    time: Math.round(performance.now() - start),
  };
  if (times.length > 0) {
    const avg = times.reduce((a, b) => a + b, 0) / times.length;
    const mean2 = times.reduce((a, b) => a + b * b, 0) / times.length;
    summary.rtt = {
      // reduce(), not a spread: a long run has more replies than a call takes arguments.
      min: times.reduce((a, b) => Math.min(a, b)),
      avg,
      max: times.reduce((a, b) => Math.max(a, b)),
      mdev: Math.sqrt(Math.max(0, mean2 - avg * avg)),
    };
  }
  yield summary;
}

/** The echo reply of ours in a received packet: its sequence, ICMP bytes and TTL. */
function echoReply(
  packet: ReturnType<typeof decode>,
  identifier: number,
  from: string,
): { sequence: number; bytes: number; ttl: number } | undefined {
  const ip = packet.layer("ipv4") ?? packet.layer("ipv6");
  if (ip === undefined || ip.source !== from) return undefined;
  if (ip.kind === "ipv4") {
    const icmp = packet.layer("icmp");
    if (icmp?.type !== 0 || icmp.identifier !== identifier) return undefined;
    const sequence = icmp.sequenceNumber;
    if (sequence === undefined) return undefined;
    return { sequence, bytes: ip.totalLength - ip.headerLength, ttl: ip.timeToLive };
  }
  const icmp = packet.layer("icmpv6");
  if (icmp?.type !== 129 || icmp.identifier !== identifier) return undefined;
  const sequence = icmp.sequenceNumber;
  if (sequence === undefined) return undefined;
  return { sequence, bytes: ip.payloadLength, ttl: ip.hopLimit };
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
    const from = event.name === undefined ? event.source : `${event.name} (${event.source})`;
    return [
      `${event.bytes} bytes from ${from}: icmp_seq=${event.sequence} ttl=${event.ttl} time=${time} ms`,
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

/** Where {@linkcode resolvePingTarget} found a host. */
export interface PingTarget {
  /** The address to ping. */
  address: string;
  /** The host name, when the target was one (not an address). */
  name?: string;
  /** The address family. */
  family: 4 | 6;
}

/**
 * Turns what a user typed into the address to ping: an IPv4 or IPv6 address as it is, a
 * host name through the system resolver (`/etc/hosts`, then DNS: getaddrinfo, as iputils
 * does; needs `--allow-net`).
 *
 * @param host An address or a host name.
 * @param family 4 or 6 to accept only that family (`ping -4`, `-6`); by default the
 * first address the resolver gives.
 * @returns The address, the name and the family.
 * @throws {Error} `HOST: Name or service not known` when the name does not resolve, or
 * `HOST: Address family for hostname not supported` when it has no address of `family`.
 *
 * @example An address stays as it is
 * ```ts
 * import { resolvePingTarget } from "./ping.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(await resolvePingTarget("::1"), { address: "::1", family: 6 });
 * assert.deepEqual(await resolvePingTarget("127.0.0.1"), { address: "127.0.0.1", family: 4 });
 * ```
 */
export async function resolvePingTarget(host: string, family?: 4 | 6): Promise<PingTarget> {
  const literal = addressFamily(host);
  if (literal !== undefined) {
    if (family !== undefined && family !== literal) {
      throw new Error(`${host}: Address family for hostname not supported`);
    }
    return { address: literal === 6 ? formatIpv6(parseIpv6(host), 0) : host, family: literal };
  }
  let found: { address: string; family: number }[];
  try {
    found = await lookup(host, { all: true, ...(family === undefined ? {} : { family }) });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "ENOTFOUND" || code === "EAI_NONAME" || code === "ENODATA") {
      throw new Error(
        family === undefined
          ? `${host}: Name or service not known`
          : `${host}: Address family for hostname not supported`,
      );
    }
    throw error;
  }
  const first = found[0];
  if (first === undefined) throw new Error(`${host}: Name or service not known`);
  return { address: first.address, name: host, family: first.family === 6 ? 6 : 4 };
}

function addressFamily(text: string): 4 | 6 | undefined {
  try {
    if (text.includes(":")) {
      parseIpv6(text);
      return 6;
    }
    parseIpv4(text);
    return 4;
  } catch {
    return undefined;
  }
}
