/**
 * The network interfaces libpcap can capture on (`pcap_findalldevs`), with their addresses
 * and flags, and the default one as tcpdump picks it.
 *
 * @module
 */

import { AddressFamily, Layout, PcapIfFlag, sockaddrFamily } from "../../ffi/libpcap.ts";
import { formatIpv4, formatIpv6, formatMac } from "../address.ts";
import { CaptureError } from "./errors.ts";
import { errbuf, errbufText, lib, pointerAt, readCString } from "./_native.ts";

/** An address of an interface: IPv4, IPv6 or link layer. */
export interface InterfaceAddress {
  /** `ipv4`, `ipv6` or `link` (a hardware address: `AF_PACKET` on Linux, `AF_LINK` on BSD). */
  family: "ipv4" | "ipv6" | "link";
  /** The address as text: `192.0.2.1`, `fe80::1`, `02:00:00:00:00:01`. */
  address: string;
  /** The netmask, when there is one. */
  netmask?: string;
  /** The broadcast address, when there is one. */
  broadcast?: string;
  /** The other end of a point-to-point link, when there is one. */
  destination?: string;
  /** The IPv6 scope id (interface index of a link-local address). */
  scopeId?: number;
}

/** The connection status of an interface (`PCAP_IF_CONNECTION_STATUS_*`). */
export type ConnectionStatus = "unknown" | "connected" | "disconnected" | "not-applicable";

/** An interface libpcap can capture on. */
export interface NetworkInterface {
  /** The name to pass to `capture({ iface })`, such as `eth0`. */
  name: string;
  /** libpcap's description, when it has one (`Pseudo-device that captures on all...`). */
  description?: string;
  /** Its addresses. */
  addresses: InterfaceAddress[];
  /** Whether it is a loopback interface. */
  loopback: boolean;
  /** Whether it is up. */
  up: boolean;
  /** Whether it is running (up, and the link is there). */
  running: boolean;
  /** Whether it is a wireless interface. */
  wireless: boolean;
  /** Whether it is connected. */
  connectionStatus: ConnectionStatus;
  /** The raw `PCAP_IF_*` flags. */
  flags: number;
}

function connectionStatus(flags: number): ConnectionStatus {
  switch (flags & PcapIfFlag.CONNECTION_STATUS) {
    case PcapIfFlag.CONNECTION_STATUS_CONNECTED:
      return "connected";
    case PcapIfFlag.CONNECTION_STATUS_DISCONNECTED:
      return "disconnected";
    case PcapIfFlag.CONNECTION_STATUS_NOT_APPLICABLE:
      return "not-applicable";
    default:
      return "unknown";
  }
}

function bytesAt(view: Deno.UnsafePointerView, offset: number, length: number): Uint8Array {
  const out = new Uint8Array(length);
  view.copyInto(out, offset);
  return out;
}

interface ParsedSockaddr {
  family: InterfaceAddress["family"];
  text: string;
  scopeId?: number;
}

function parseSockaddr(pointer: Deno.PointerValue): ParsedSockaddr | undefined {
  if (pointer === null) return undefined;
  const view = new Deno.UnsafePointerView(pointer);
  const family = sockaddrFamily(view);
  if (family === AddressFamily.INET) {
    return { family: "ipv4", text: formatIpv4(bytesAt(view, Layout.sockaddr_in.sin_addr, 4), 0) };
  }
  if (family === AddressFamily.INET6) {
    const text = formatIpv6(bytesAt(view, Layout.sockaddr_in6.sin6_addr, 16), 0);
    const scopeId = view.getUint32(Layout.sockaddr_in6.sin6_scope_id);
    return scopeId === 0 ? { family: "ipv6", text } : { family: "ipv6", text, scopeId };
  }
  if (family === AddressFamily.PACKET) {
    const length = Math.min(view.getUint8(Layout.sockaddr_ll.sll_halen), 8);
    return {
      family: "link",
      text: formatMac(bytesAt(view, Layout.sockaddr_ll.sll_addr, length), 0, length),
    };
  }
  if (family === AddressFamily.LINK) {
    const nameLength = view.getUint8(Layout.sockaddr_dl.sdl_nlen);
    const length = view.getUint8(Layout.sockaddr_dl.sdl_alen);
    if (length === 0) return undefined;
    const bytes = bytesAt(view, Layout.sockaddr_dl.sdl_data + nameLength, length);
    return { family: "link", text: formatMac(bytes, 0, length) };
  }
  return undefined;
}

function readAddresses(first: Deno.PointerValue): InterfaceAddress[] {
  const out: InterfaceAddress[] = [];
  for (let pointer = first; pointer !== null;) {
    const view = new Deno.UnsafePointerView(pointer);
    const addr = parseSockaddr(view.getPointer(Layout.pcap_addr.addr));
    if (addr !== undefined) {
      const entry: InterfaceAddress = { family: addr.family, address: addr.text };
      if (addr.scopeId !== undefined) entry.scopeId = addr.scopeId;
      const netmask = parseSockaddr(view.getPointer(Layout.pcap_addr.netmask));
      if (netmask !== undefined && netmask.family === addr.family) entry.netmask = netmask.text;
      const broadcast = parseSockaddr(view.getPointer(Layout.pcap_addr.broadaddr));
      if (broadcast !== undefined) entry.broadcast = broadcast.text;
      const destination = parseSockaddr(view.getPointer(Layout.pcap_addr.dstaddr));
      if (destination !== undefined) entry.destination = destination.text;
      out.push(entry);
    }
    pointer = view.getPointer(Layout.pcap_addr.next);
  }
  return out;
}

/**
 * Lists the interfaces libpcap can capture on, in libpcap's order (up and running
 * interfaces first, loopback after them), as `tcpdump -D` does.
 *
 * @returns The interfaces.
 * @throws {CaptureError} When libpcap cannot list them.
 *
 * @example Print the interfaces and their addresses
 * ```ts ignore
 * import { listInterfaces } from "./interfaces.ts";
 *
 * for (const iface of listInterfaces()) {
 *   console.log(iface.name, iface.up, iface.addresses.map((a) => a.address));
 * }
 * ```
 */
export function listInterfaces(): NetworkInterface[] {
  const symbols = lib().symbols;
  const out = new BigUint64Array(1);
  const error = errbuf();
  if (symbols.pcap_findalldevs(out, error) !== 0) {
    throw new CaptureError("error", `Cannot list interfaces: ${errbufText(error)}`);
  }
  const first = pointerAt(out[0]);
  const interfaces: NetworkInterface[] = [];
  try {
    for (let pointer = first; pointer !== null;) {
      const view = new Deno.UnsafePointerView(pointer);
      const flags = view.getUint32(Layout.pcap_if.flags);
      const iface: NetworkInterface = {
        name: readCString(view.getPointer(Layout.pcap_if.name)),
        addresses: readAddresses(view.getPointer(Layout.pcap_if.addresses)),
        loopback: (flags & PcapIfFlag.LOOPBACK) !== 0,
        up: (flags & PcapIfFlag.UP) !== 0,
        running: (flags & PcapIfFlag.RUNNING) !== 0,
        wireless: (flags & PcapIfFlag.WIRELESS) !== 0,
        connectionStatus: connectionStatus(flags),
        flags,
      };
      const description = view.getPointer(Layout.pcap_if.description);
      if (description !== null) iface.description = readCString(description);
      interfaces.push(iface);
      pointer = view.getPointer(Layout.pcap_if.next);
    }
  } finally {
    if (first !== null) symbols.pcap_freealldevs(first);
  }
  return interfaces;
}

/**
 * The interface tcpdump captures on when none is named: the first one libpcap lists
 * (libpcap sorts up and running, non-loopback interfaces first).
 *
 * @returns The interface name.
 * @throws {CaptureError} With code `no-such-device` when there is no interface at all.
 *
 * @example Capture on the default interface
 * ```ts ignore
 * import { defaultInterface } from "./interfaces.ts";
 *
 * console.log(defaultInterface()); // "eth0"
 * ```
 */
export function defaultInterface(): string {
  const first = listInterfaces()[0];
  if (first === undefined) {
    throw new CaptureError(
      "no-such-device",
      "Cannot choose an interface to capture on: libpcap lists none",
    );
  }
  return first.name;
}
