/**
 * AF_INET6 raw sockets: the IPv6 packets of one protocol (ICMPv6, TCP, UDP... by number).
 * The kernel delivers an IPv6 raw socket only what follows the IPv6 header and its extension
 * headers; each record gets a synthesized IPv6 header in front, so the decoders see an
 * ordinary IPv6 packet (link type `RAW`).
 *
 * @module
 */

import { ErrnoError } from "../../ffi/libc.ts";
import {
  In6Pktinfo,
  Raw,
  SockaddrIn6,
  sockaddrIn6,
  type SockFilterInstruction,
} from "../../ffi/libc_structs.ts";
import { LinkType } from "../link_type.ts";
import { RawSocketError } from "./errors.ts";
import {
  findControlMessage,
  type RawReceiveOptions,
  type RawRecord,
  setIntOption,
} from "./_socket_setup.ts";
import { IpSocketCommon, openIpFamilySocket } from "./_ip.ts";

/** The length of the fixed IPv6 header. */
const IPV6_HEADER_LENGTH = 40;

/** The protocols that {@linkcode openIp6Socket} knows by name. */
export const RawIp6Protocol = {
  icmpv6: 58,
  tcp: 6,
  udp: 17,
  gre: 47,
  esp: 50,
  ah: 51,
  sctp: 132,
} as const;

/** A protocol name of {@linkcode RawIp6Protocol}. */
export type RawIp6ProtocolName = keyof typeof RawIp6Protocol;

/** Options of {@linkcode openIp6Socket}. */
export interface Ip6SocketOptions extends Omit<RawReceiveOptions, "filter"> {
  /**
   * A filter: classic BPF instructions, which see the message from its first byte (the
   * kernel runs them before the IPv6 header is synthesized, so tcpdump expressions, which
   * expect one, are not taken).
   */
  filter?: readonly SockFilterInstruction[];
  /** The IP protocol: a number or a name (`icmpv6`, `tcp`, `udp`...). Default `icmpv6`. */
  protocol?: number | RawIp6ProtocolName;
  /** Receive only what arrives on this interface (`SO_BINDTODEVICE`). */
  iface?: string;
}

/**
 * An AF_INET6, SOCK_RAW socket of one protocol: an async iterable of {@linkcode RawRecord}s
 * (link type `RAW`) that can also send messages of its protocol. Open it with
 * {@linkcode openIp6Socket}.
 *
 * The kernel keeps the IPv6 header from raw sockets, so each record starts with one built
 * from what it does tell: the source address (`recvmsg()`'s name), the destination address
 * and interface (`IPV6_PKTINFO`), the hop limit (`IPV6_HOPLIMIT`) and the traffic class
 * (`IPV6_TCLASS`). The flow label is always 0; the payload length is the length of what
 * the kernel delivered; the next header is the socket's protocol, with no extension
 * headers (the kernel has already processed them). A filter sees the message without that
 * header (offset 0 is the first byte of the protocol's header).
 */
export class Ip6Socket extends IpSocketCommon {
  /**
   * Wraps an open socket. Use {@linkcode openIp6Socket}.
   *
   * @param fd The socket.
   * @param protocol The protocol number.
   * @param index The interface index, or 0.
   * @param options The options.
   */
  constructor(fd: number, protocol: number, index: number, options: Ip6SocketOptions) {
    super(fd, protocol, index, options);
  }

  /**
   * Sets the socket up (done by `openIp6Socket`): filter, interface, and the control
   * messages the IPv6 header is built from.
   *
   * @param options The options.
   */
  setUp(options: Ip6SocketOptions): void {
    this.setUpFilterAndInterface(options, "raw IPv6 socket");
    for (
      const [option, name] of [
        [Raw.IPV6_RECVPKTINFO, "IPV6_RECVPKTINFO"],
        [Raw.IPV6_RECVHOPLIMIT, "IPV6_RECVHOPLIMIT"],
        [Raw.IPV6_RECVTCLASS, "IPV6_RECVTCLASS"],
      ] as const
    ) {
      if (setIntOption(this.fd, Raw.IPPROTO_IPV6, option, 1) !== 0) {
        const cause = ErrnoError.last("setsockopt");
        throw new RawSocketError("failed", `Cannot set ${name}: ${cause.message}`, cause);
      }
    }
  }

  /** Builds the capture record of a received packet. */
  protected override toRecord(
    data: Uint8Array<ArrayBuffer>,
    originalLength: number,
    timestamp: bigint,
    name: DataView,
    control: DataView,
    controlLength: number,
  ): RawRecord {
    const packet = new Uint8Array(IPV6_HEADER_LENGTH + data.length);
    const view = new DataView(packet.buffer);
    let trafficClass = 0;
    let hopLimit = 0;
    let interfaceIndex = this.boundIndex;
    const info = findControlMessage(
      control,
      controlLength,
      Raw.IPPROTO_IPV6,
      Raw.IPV6_PKTINFO,
      In6Pktinfo.size,
    );
    if (info >= 0) {
      packet.set(new Uint8Array(control.buffer, control.byteOffset + info, 16), 24);
      interfaceIndex = control.getUint32(info + In6Pktinfo.ifindex, true);
    }
    const hops = findControlMessage(control, controlLength, Raw.IPPROTO_IPV6, Raw.IPV6_HOPLIMIT, 4);
    if (hops >= 0) hopLimit = control.getInt32(hops, true) & 0xff;
    const tclass = findControlMessage(control, controlLength, Raw.IPPROTO_IPV6, Raw.IPV6_TCLASS, 4);
    if (tclass >= 0) trafficClass = control.getInt32(tclass, true) & 0xff;
    // Version 6, traffic class, flow label 0.
    view.setUint32(0, (6 << 28) | (trafficClass << 20));
    view.setUint16(4, Math.min(originalLength, 0xffff));
    view.setUint8(6, this.protocol);
    view.setUint8(7, hopLimit);
    packet.set(
      new Uint8Array(name.buffer, name.byteOffset + SockaddrIn6.addr, 16),
      8,
    );
    packet.set(data, IPV6_HEADER_LENGTH);
    return {
      timestamp,
      capturedLength: packet.length,
      originalLength: IPV6_HEADER_LENGTH + originalLength,
      linkType: LinkType.RAW,
      data: packet,
      interfaceId: 0,
      interfaceIndex,
    };
  }

  /**
   * Sends a message of the socket's protocol (without an IPv6 header: the kernel builds
   * it, and fills in the checksum of ICMPv6 messages).
   *
   * @param message The message, such as an ICMPv6 echo request.
   * @param destination The destination address (16 bytes).
   * @param scopeId The interface index, for link-local destinations (default 0).
   * @returns The bytes sent.
   * @throws {RangeError} When the destination is not 16 bytes.
   * @throws {RawSocketError} When the kernel refuses it.
   */
  send(message: Uint8Array, destination: Uint8Array, scopeId = 0): number {
    if (destination.length !== 16) {
      throw new RangeError(
        `Cannot send IPv6 message: a 16-byte destination required, received ${destination.length}`,
      );
    }
    return this.sendTo(message, sockaddrIn6(destination, scopeId));
  }
}

/**
 * Opens an AF_INET6, SOCK_RAW socket for one IP protocol. It receives the IPv6 packets of
 * that protocol that reach this host, each with a synthesized IPv6 header (see
 * {@linkcode Ip6Socket}; link type `RAW`), and sends messages of that protocol.
 *
 * @param options The protocol (default ICMPv6), the interface, the filter (BPF instructions
 * that see the message from its first byte, without the IPv6 header), and when the
 * iteration stops (`count`, `timeout`, `signal`).
 * @returns The socket: iterate it, `send()` messages, `close()` it (or `using`).
 * @throws {RawSocketError} `permission-denied` (not root, no `CAP_NET_RAW`: the message
 * says what to do), `no-such-device`, `bad-filter`.
 *
 * @example Print who pings this host over IPv6
 * ```ts ignore
 * import { decode, openIp6Socket } from "../../mod.ts";
 *
 * using socket = openIp6Socket({ protocol: "icmpv6" });
 * for await (const record of socket) {
 *   const ip = decode(record.linkType, record.data).layer("ipv6");
 *   console.log(`ICMPv6: ${ip?.source} -> ${ip?.destination}`);
 * }
 * ```
 */
export function openIp6Socket(options: Ip6SocketOptions = {}): Ip6Socket {
  return openIpFamilySocket(
    "IPv6",
    Raw.AF_INET6,
    options.protocol ?? "icmpv6",
    RawIp6Protocol,
    254,
    options,
    (fd, protocol, index) => new Ip6Socket(fd, protocol, index, options),
    (socket) => socket.setUp(options),
  );
}
