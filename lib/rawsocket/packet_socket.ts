/**
 * AF_PACKET raw sockets (Linux): whole frames from one interface or all of them, for every
 * EtherType or one, with promiscuous mode, a classic BPF filter, the direction of each
 * packet and the kernel's drop counters; and sending frames. No libpcap needed (except to
 * compile a filter written in tcpdump's syntax).
 *
 * @module
 */

import { ErrnoError, libc } from "../../ffi/libc.ts";
import {
  Ifreq,
  packetMreq,
  PacketType,
  Raw,
  SockaddrLl,
  sockaddrLl,
  type SockFilterInstruction,
  TpacketStats,
} from "../../ffi/libc_structs.ts";
import type { CaptureDirection } from "../capture/live.ts";
import { LinkType } from "../link_type.ts";
import { RawSocketError } from "./errors.ts";
import {
  interfaceIndex,
  openSocket,
  type PacketDirection,
  packetDirection,
  type RawReceiveOptions,
  type RawRecord,
  RawSocketBase,
} from "./_socket.ts";

/** `ARPHRD_*` hardware types whose frames start with an Ethernet header. */
const ETHERNET_HARDWARE = new Set([1, 772]); // ARPHRD_ETHER, ARPHRD_LOOPBACK
/** `ARPHRD_*` hardware types whose packets start with the IP header. */
const IP_HARDWARE = new Set([65534, 768, 776, 778]); // NONE, TUNNEL, SIT, IPGRE
/** `ARPHRD_LOOPBACK`. */
const ARPHRD_LOOPBACK = 772;

/** Options of {@linkcode openPacketSocket}. */
export interface PacketSocketOptions extends RawReceiveOptions {
  /** The interface, by name; every interface when absent. */
  iface?: string;
  /**
   * The EtherType to receive (host byte order, such as `0x0806`); default every one. The
   * kernel passes packets this host sends only to sockets of every EtherType: to see both
   * directions of one protocol, keep the default and use a filter.
   */
  etherType?: number;
  /** Put the interface in promiscuous mode while the socket is open (`PACKET_ADD_MEMBERSHIP`). */
  promiscuous?: boolean;
  /**
   * Which packets to keep: received (`in`), sent by this host (`out`) or both (default).
   * On loopback, where each packet is seen leaving and arriving, `inout` keeps it once.
   */
  direction?: CaptureDirection;
}

/**
 * The link type of an `ARPHRD_*` hardware type.
 *
 * @param hardwareType The `sll_hatype` or `ifr_hwaddr.sa_family`.
 * @returns `LinkType.EN10MB`, `LinkType.RAW`, or `undefined` for other types.
 */
export function linkTypeOfHardware(hardwareType: number): number | undefined {
  if (ETHERNET_HARDWARE.has(hardwareType)) return LinkType.EN10MB;
  if (IP_HARDWARE.has(hardwareType)) return LinkType.RAW;
  return undefined;
}

/**
 * An AF_PACKET, SOCK_RAW socket: an async iterable of {@linkcode RawRecord}s that can also
 * send frames. Open it with {@linkcode openPacketSocket}.
 */
export class PacketSocket extends RawSocketBase {
  /** The interface name, or `undefined` for every interface. */
  readonly iface: string | undefined;
  /** The interface index, or 0 for every interface. */
  readonly interfaceIndex: number;
  /** The `ARPHRD_*` hardware type of the interface (1 Ethernet, 772 loopback), or 0. */
  readonly hardwareType: number;
  /** The interface's hardware (MAC) address, or empty. */
  readonly hardwareAddress: Uint8Array;
  /** The interface's IPv4 address (`SIOCGIFADDR`), or `undefined` when it has none. */
  readonly ipv4Address: Uint8Array | undefined;
  /** The EtherType the socket is bound to (`ETH_P_ALL` = 3 for every one). */
  readonly etherType: number;
  readonly #direction: CaptureDirection;
  readonly #statsBuffer = new Uint8Array(TpacketStats.size);
  readonly #statsLength = new Uint8Array(4);

  /**
   * Wraps an open socket. Use {@linkcode openPacketSocket}.
   *
   * @param fd The socket.
   * @param init What was found out while opening it.
   * @param options The options.
   */
  constructor(
    fd: number,
    init: {
      iface: string | undefined;
      index: number;
      hardwareType: number;
      address: Uint8Array;
      ipv4Address?: Uint8Array;
    },
    options: PacketSocketOptions,
  ) {
    super(fd, linkTypeOfHardware(init.hardwareType) ?? LinkType.EN10MB, options);
    this.iface = init.iface;
    this.interfaceIndex = init.index;
    this.hardwareType = init.hardwareType;
    this.hardwareAddress = init.address;
    this.ipv4Address = init.ipv4Address;
    this.etherType = options.etherType ?? Raw.ETH_P_ALL;
    this.#direction = options.direction ?? "inout";
  }

  /**
   * Attaches the filter, joins promiscuous mode and binds (done by `openPacketSocket`).
   *
   * @param options The options.
   */
  setUp(options: PacketSocketOptions): void {
    if (options.filter !== undefined) this.attachFilter(options.filter);
    if (options.promiscuous === true) {
      if (this.interfaceIndex === 0) {
        throw new TypeError("Cannot enable promiscuous mode: no interface given (iface)");
      }
      const mreq = packetMreq(this.interfaceIndex, Raw.PACKET_MR_PROMISC);
      if (
        libc().setsockopt(this.fd, Raw.SOL_PACKET, Raw.PACKET_ADD_MEMBERSHIP, mreq, mreq.length) !==
          0
      ) {
        const cause = ErrnoError.last("setsockopt");
        throw new RawSocketError(
          "failed",
          `Cannot enable promiscuous mode on "${this.iface}": ${cause.message}`,
          cause,
        );
      }
    }
    const address = sockaddrLl(this.etherType, this.interfaceIndex);
    if (libc().bind(this.fd, address, address.length) !== 0) {
      const cause = ErrnoError.last("bind");
      const code = cause.code === "ENODEV" ? "no-such-device" : "failed";
      throw new RawSocketError(
        code,
        `Cannot bind packet socket to "${this.iface ?? "any"}": ${cause.message}`,
        cause,
      );
    }
    // Drop what arrived before the filter was attached (none: the socket was opened with
    // protocol 0, which receives nothing until bind()) and reset the counters.
    this.readCounters();
  }

  protected override toRecord(
    data: Uint8Array<ArrayBuffer>,
    originalLength: number,
    timestamp: bigint,
    name: DataView,
  ): RawRecord | undefined {
    const packetType = name.getUint8(SockaddrLl.pkttype);
    const hardwareType = name.getUint16(SockaddrLl.hatype, true);
    const outgoing = packetType === PacketType.OUTGOING;
    if (this.#direction === "in" && outgoing) return undefined;
    if (this.#direction === "out" && !outgoing) return undefined;
    // Loopback shows each packet leaving and arriving; keep it once, as libpcap does.
    if (this.#direction === "inout" && outgoing && hardwareType === ARPHRD_LOOPBACK) {
      return undefined;
    }
    const direction: PacketDirection | undefined = packetDirection(packetType);
    const record: RawRecord = {
      timestamp,
      capturedLength: data.length,
      originalLength,
      linkType: this.interfaceIndex === 0
        ? linkTypeOfHardware(hardwareType) ?? this.linkType
        : this.linkType,
      data,
      interfaceId: 0,
      interfaceIndex: name.getInt32(SockaddrLl.ifindex, true),
    };
    if (direction !== undefined) record.direction = direction;
    return record;
  }

  protected override readCounters(): { received: number; dropped: number } | undefined {
    new DataView(this.#statsLength.buffer).setUint32(0, TpacketStats.size, true);
    const status = libc().getsockopt(
      this.fd,
      Raw.SOL_PACKET,
      Raw.PACKET_STATISTICS,
      this.#statsBuffer,
      this.#statsLength,
    );
    if (status !== 0) return undefined;
    const view = new DataView(this.#statsBuffer.buffer);
    return {
      received: view.getUint32(TpacketStats.packets, true),
      dropped: view.getUint32(TpacketStats.drops, true),
    };
  }

  /**
   * Sends a frame on the socket's interface, as it is (link-layer header included).
   *
   * @param frame The frame.
   * @returns The bytes sent.
   * @throws {TypeError} When the socket is bound to no interface.
   * @throws {RawSocketError} When the kernel refuses it.
   */
  send(frame: Uint8Array): number {
    if (this.interfaceIndex === 0) {
      throw new TypeError("Cannot send a frame: the socket is bound to no interface (iface)");
    }
    return this.sendTo(frame, sockaddrLl(this.etherType, this.interfaceIndex));
  }
}

/**
 * Opens an AF_PACKET, SOCK_RAW socket: frames with their link-layer header, from one
 * interface or all of them. The filter is attached before the socket is bound, so no
 * packet slips through unfiltered.
 *
 * @param options Interface, EtherType, promiscuous mode, direction, filter, and when the
 * iteration stops (`count`, `timeout`, `signal`).
 * @returns The socket: iterate it, `send()` frames, read `stats()`, `close()` it (or `using`).
 * @throws {RawSocketError} `permission-denied` (not root, no `CAP_NET_RAW`: the message
 * says what to do), `no-such-device`, `bad-filter`.
 *
 * @example Print the ARP packets on eth0
 * ```ts ignore
 * import { decode, openPacketSocket } from "../../mod.ts";
 *
 * using socket = openPacketSocket({ iface: "eth0", etherType: 0x0806, count: 10 });
 * for await (const record of socket) {
 *   console.log(record.direction, decode(record.linkType, record.data).layer("arp"));
 * }
 * ```
 */
export function openPacketSocket(options: PacketSocketOptions = {}): PacketSocket {
  const what = "packet socket";
  const etherType = options.etherType ?? Raw.ETH_P_ALL;
  if (!Number.isInteger(etherType) || etherType < 0 || etherType > 0xffff) {
    throw new RangeError(
      `Cannot open packet socket: etherType must be 0 to 65535: received ${etherType}`,
    );
  }
  const index = options.iface === undefined ? 0 : interfaceIndex(options.iface, what);
  // Protocol 0: nothing is received before bind(), after the filter is in place.
  const fd = openSocket(Raw.AF_PACKET, 0, what);
  let hardwareType = 0;
  let address: Uint8Array = new Uint8Array(0);
  let ipv4Address: Uint8Array | undefined;
  if (options.iface !== undefined) {
    const ifreq = new Uint8Array(Ifreq.size);
    new TextEncoder().encodeInto(options.iface, ifreq);
    if (libc().ioctl(fd, BigInt(Raw.SIOCGIFHWADDR), ifreq) === 0) {
      hardwareType = new DataView(ifreq.buffer).getUint16(Ifreq.hwaddr, true);
      address = ifreq.slice(Ifreq.hwaddrData, Ifreq.hwaddrData + 6);
    }
    const addrReq = new Uint8Array(Ifreq.size);
    new TextEncoder().encodeInto(options.iface, addrReq);
    if (libc().ioctl(fd, BigInt(Raw.SIOCGIFADDR), addrReq) === 0) {
      // A sockaddr_in: the address follows the family and port.
      ipv4Address = addrReq.slice(Ifreq.addr + 4, Ifreq.addr + 8);
    }
  }
  let socket: PacketSocket | undefined;
  try {
    const init = { iface: options.iface, index, hardwareType, address };
    socket = new PacketSocket(fd, ipv4Address === undefined ? init : { ...init, ipv4Address }, {
      ...options,
      etherType,
    });
    socket.setUp(options);
    return socket;
  } catch (error) {
    if (socket === undefined) libc().close(fd);
    else socket.close();
    throw error;
  }
}

/**
 * A classic BPF program that accepts the Ethernet frames of one EtherType (untagged), as
 * `tcpdump -dd ether proto N` compiles it: for sockets that must see both directions of one
 * protocol (the kernel shows sent packets only to sockets of every EtherType).
 *
 * @param etherType The EtherType, such as `0x0806`.
 * @param snapLength The bytes kept of a match (default 262144).
 * @returns The instructions, for the `filter` option.
 *
 * @example Only ARP
 * ```ts
 * import { etherTypeFilter } from "./packet_socket.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(etherTypeFilter(0x0806)[1], { code: 0x15, jt: 0, jf: 1, k: 0x0806 });
 * ```
 */
export function etherTypeFilter(etherType: number, snapLength = 262144): SockFilterInstruction[] {
  return [
    { code: 0x28, jt: 0, jf: 0, k: 12 }, // ldh [12]
    { code: 0x15, jt: 0, jf: 1, k: etherType }, // jeq #etherType
    { code: 0x06, jt: 0, jf: 0, k: snapLength }, // ret #snapLength
    { code: 0x06, jt: 0, jf: 0, k: 0 }, // ret #0
  ];
}
