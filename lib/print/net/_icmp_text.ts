/**
 * The one-line description of an ICMP message, as tcpdump's icmp_print() builds it
 * before it prints `ICMP <text>, length N`. Private to `lib/print/`.
 *
 * @module
 */

import type { Icmp } from "../../net/icmp.ts";
import { two } from "../_shared.ts";

/** tcpdump's names of the types it prints without reading more than the type. */
const TYPE_NAMES: ReadonlyMap<number, string> = new Map([
  [4, "source quench"],
  [10, "router solicitation"],
  [15, "information request"],
  [16, "information reply"],
  [17, "address mask request"],
]);

/** Destination unreachable codes 5 to 15: where the address goes, then the words after. */
const UNREACHABLE: readonly (readonly [string, string])[] = [
  ["", "unreachable - source route failed"],
  ["net ", "unreachable - unknown"],
  ["host ", "unreachable - unknown"],
  ["", "unreachable - source host isolated"],
  ["net ", "unreachable - admin prohibited"],
  ["host ", "unreachable - admin prohibited"],
  ["net ", "unreachable - tos prohibited"],
  ["host ", "unreachable - tos prohibited"],
  ["host ", "unreachable - admin prohibited filter"],
  ["host ", "unreachable - host precedence violation"],
  ["host ", "unreachable - precedence cutoff"],
];

/** Milliseconds since midnight UT as tcpdump's icmp_tstamp_print() writes them. */
function timestamp(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  const minutes = Math.floor(seconds / 60);
  const hours = Math.floor(minutes / 60);
  return `${two(hours)}:${two(minutes % 60)}:${two(seconds % 60)}.${
    String(ms % 1000).padStart(3, "0")
  }`;
}

/**
 * The text tcpdump prints for a message other than an echo (which the printer writes
 * itself, the common case), or `undefined` when a field it reads was not captured (tcpdump
 * then prints only ` [|icmp]`).
 *
 * @param icmp The layer.
 * @returns The text, or `undefined`.
 */
export function icmpText(icmp: Icmp): string | undefined {
  const { type, code } = icmp;
  switch (type) {
    case 3:
      return unreachable(icmp);
    case 5: {
      const target = icmp.quoted?.destination;
      const gateway = icmp.gateway;
      if (target === undefined || gateway === undefined) return undefined;
      if (code > 3) return `redirect-#${code} ${target} to ${gateway}`;
      const word = code >= 2 ? "redirect-tos" : "redirect";
      return `${word} ${target} to ${(code & 1) === 0 ? "net" : "host"} ${gateway}`;
    }
    case 9:
      return routerAdvertisement(icmp);
    case 11:
      if (icmp.quoted?.destination === undefined) return undefined;
      if (code === 0) return "time exceeded in-transit";
      return code === 1 ? "ip reassembly time exceeded" : `time exceeded-#${code}`;
    case 12:
      if (code !== 0) return `parameter problem - code ${code}`;
      return icmp.pointer === undefined ? undefined : `parameter problem - octet ${icmp.pointer}`;
    case 13:
      if (icmp.identifier === undefined) return undefined;
      return `time stamp query id ${icmp.identifier} seq ${icmp.sequenceNumber}`;
    case 14: {
      const transmit = icmp.transmitTimestamp;
      if (transmit === undefined) return undefined;
      return `time stamp reply id ${icmp.identifier} seq ${icmp.sequenceNumber}: org ${
        timestamp(icmp.originateTimestamp!)
      }, recv ${timestamp(icmp.receiveTimestamp!)}, xmit ${timestamp(transmit)}`;
    }
    case 18: {
      const mask = icmp.addressMask;
      if (mask === undefined) return undefined;
      const hex = mask.split(".").map((n) => Number(n).toString(16).padStart(2, "0")).join("");
      return `address mask is 0x${hex}`;
    }
    default:
      return TYPE_NAMES.get(type) ?? `type-#${type}`;
  }
}

/** A destination unreachable (type 3). */
function unreachable(icmp: Icmp): string | undefined {
  const code = icmp.code;
  const quoted = icmp.quoted!;
  const target = quoted.destination;
  if (code === 3) {
    const { protocol, destinationPort: port } = quoted;
    if (protocol === undefined || port === undefined || target === undefined) return undefined;
    if (protocol === 6) return `${target} tcp port ${port} unreachable`;
    if (protocol === 17) return `${target} udp port ${port} unreachable`;
    return `${target} protocol ${protocol} port ${port} unreachable`;
  }
  if (code === 4) {
    const mtu = icmp.nextHopMtu;
    if (mtu === undefined || target === undefined) return undefined;
    return `${target} unreachable - need to frag${mtu === 0 ? "" : ` (mtu ${mtu})`}`;
  }
  if (target === undefined) return undefined;
  switch (code) {
    case 0:
      return `net ${target} unreachable`;
    case 1:
      return `host ${target} unreachable`;
    case 2:
      return `${target} protocol ${quoted.protocol} unreachable`;
  }
  const words = UNREACHABLE[code - 5];
  if (words === undefined) return `${target} unreachable - #${code}`;
  return `${words[0]}${target} ${words[1]}`;
}

/** A router advertisement (type 9, RFC 1256). */
function routerAdvertisement(icmp: Icmp): string | undefined {
  const lifetime = icmp.lifetime;
  if (lifetime === undefined) return undefined;
  const time = lifetime < 60
    ? `${lifetime}`
    : lifetime < 3600
    ? `${Math.floor(lifetime / 60)}:${two(lifetime % 60)}`
    : `${Math.floor(lifetime / 3600)}:${two(Math.floor(lifetime / 60) % 60)}:${two(lifetime % 60)}`;
  const count = icmp.addressCount!;
  const text = `router advertisement lifetime ${time} ${count}:`;
  if (icmp.addressEntrySize !== 2) return `${text} [size ${icmp.addressEntrySize}]`;
  const entries = icmp.routerAddresses!;
  // tcpdump reads every announced entry: one not captured ends the packet.
  if (entries.length < count) return undefined;
  return text + entries.map((entry) => ` {${entry.address} ${entry.preference >>> 0}}`).join("");
}
