/**
 * AF_INET raw sockets: the IPv4 packets of one protocol (ICMP, TCP, UDP... by number) as
 * the kernel delivers them to raw sockets, header included; and sending IPv4 packets that
 * carry their own header (`IP_HDRINCL`).
 *
 * @module
 */

import { ErrnoError } from "../../ffi/libc.ts";
import { Raw, sockaddrIn } from "../../ffi/libc_structs.ts";
import { LinkType } from "../link_type.ts";
import { RawSocketError } from "./errors.ts";
import { type RawReceiveOptions, type RawRecord, setIntOption } from "./_socket_setup.ts";
import { IpSocketCommon, openIpFamilySocket } from "./_ip.ts";

/** `IPPROTO_RAW`: a send-only socket for any protocol, header included. */
const IPPROTO_RAW = 255;

/** The protocols that {@linkcode openIpSocket} knows by name. */
export const RawIpProtocol = {
  icmp: 1,
  igmp: 2,
  tcp: 6,
  udp: 17,
  gre: 47,
  esp: 50,
  ah: 51,
  sctp: 132,
  raw: IPPROTO_RAW,
} as const;

/** A protocol name of {@linkcode RawIpProtocol}. */
export type RawIpProtocolName = keyof typeof RawIpProtocol;

/** Options of {@linkcode openIpSocket}. */
export interface IpSocketOptions extends RawReceiveOptions {
  /** The IP protocol: a number or a name (`icmp`, `tcp`, `udp`...). Default `icmp`. */
  protocol?: number | RawIpProtocolName;
  /** Receive only what arrives on this interface (`SO_BINDTODEVICE`). */
  iface?: string;
  /**
   * Send packets with their own IPv4 header (`IP_HDRINCL`; default `true`). Sockets of
   * protocol `raw` (255) always do.
   */
  headerIncluded?: boolean;
}

/**
 * An AF_INET, SOCK_RAW socket of one protocol: an async iterable of {@linkcode RawRecord}s
 * (link type `RAW`: each starts with the IPv4 header) that can also send IPv4 packets.
 * Open it with {@linkcode openIpSocket}.
 */
export class IpSocket extends IpSocketCommon {
  /**
   * Wraps an open socket. Use {@linkcode openIpSocket}.
   *
   * @param fd The socket.
   * @param protocol The protocol number.
   * @param index The interface index, or 0.
   * @param options The options.
   */
  constructor(fd: number, protocol: number, index: number, options: IpSocketOptions) {
    super(fd, protocol, index, options);
  }

  /**
   * Sets the socket up (done by `openIpSocket`).
   *
   * @param options The options.
   */
  setUp(options: IpSocketOptions): void {
    this.setUpFilterAndInterface(options, "raw IPv4 socket");
    if (options.headerIncluded !== false && this.protocol !== IPPROTO_RAW) {
      if (setIntOption(this.fd, Raw.IPPROTO_IP, Raw.IP_HDRINCL, 1) !== 0) {
        const cause = ErrnoError.last("setsockopt");
        throw new RawSocketError("failed", `Cannot set IP_HDRINCL: ${cause.message}`, cause);
      }
    }
  }

  /** Builds the capture record of a received packet. */
  protected override toRecord(
    data: Uint8Array<ArrayBuffer>,
    originalLength: number,
    timestamp: bigint,
    _name: DataView,
  ): RawRecord {
    return {
      timestamp,
      capturedLength: data.length,
      originalLength,
      linkType: LinkType.RAW,
      data,
      interfaceId: 0,
      interfaceIndex: this.boundIndex,
    };
  }

  /**
   * Sends an IPv4 packet, its header included (with `headerIncluded`, the default): the
   * kernel fills in a zero identification and checksum, and a zero source address, but
   * sends the rest as it is.
   *
   * @param packet The IPv4 packet.
   * @param destination The destination address (4 bytes); default the packet's own.
   * @returns The bytes sent.
   * @throws {RangeError} When the packet is shorter than an IPv4 header.
   * @throws {RawSocketError} When the kernel refuses it.
   */
  send(packet: Uint8Array, destination?: Uint8Array): number {
    if (destination === undefined && packet.length < 20) {
      throw new RangeError(
        `Cannot send IPv4 packet: 20 bytes required, received ${packet.length}`,
      );
    }
    const to = destination ?? packet.subarray(16, 20);
    return this.sendTo(packet, sockaddrIn(to));
  }
}

/**
 * Opens an AF_INET, SOCK_RAW socket for one IP protocol. It receives the IPv4 packets of
 * that protocol that reach this host (header included; link type `RAW`), and sends IPv4
 * packets with their own header.
 *
 * @param options The protocol (default ICMP), the interface, the filter (compiled for
 * link type `RAW`), and when the iteration stops (`count`, `timeout`, `signal`).
 * @returns The socket: iterate it, `send()` packets, `close()` it (or `using`).
 * @throws {RawSocketError} `permission-denied` (not root, no `CAP_NET_RAW`: the message
 * says what to do), `no-such-device`, `bad-filter`.
 *
 * @example Print who pings this host
 * ```ts ignore
 * import { decode, openIpSocket } from "../../mod.ts";
 *
 * using socket = openIpSocket({ protocol: "icmp" });
 * for await (const record of socket) {
 *   const ip = decode(record.linkType, record.data).layer("ipv4");
 *   console.log(`ICMP: ${ip?.source} -> ${ip?.destination}`);
 * }
 * ```
 */
export function openIpSocket(options: IpSocketOptions = {}): IpSocket {
  return openIpFamilySocket(
    "IPv4",
    Raw.AF_INET,
    options.protocol ?? "icmp",
    RawIpProtocol,
    255,
    options,
    (fd, protocol, index) => new IpSocket(fd, protocol, index, options),
    (socket) => socket.setUp(options),
  );
}
