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
  packetMreq,
  Raw,
  Ring,
  SockaddrLl,
  sockaddrLl,
  type SockFilterInstruction,
  TpacketAuxdata,
  TpacketStats,
} from "../../ffi/libc_structs.ts";
import { SllPacketType } from "../link/sll.ts";
import type { CaptureDirection } from "../capture/live.ts";
import { LinkType } from "../link_type.ts";
import { RawSocketError } from "./errors.ts";
import {
  hasVlanTag,
  openPacketSocketWith,
  packetRecord,
  VLAN_TAG_LENGTH,
  VLAN_TAG_OFFSET,
  writeVlanTag,
} from "./_packet.ts";
import {
  findControlMessage,
  type RawReceiveOptions,
  type RawRecord,
  setIntOption,
} from "./_socket_setup.ts";
import { RawSocketBase } from "./_socket.ts";

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

export { packetFlags } from "./_packet.ts";

/** What opening an AF_PACKET socket found out about its interface. */
export interface PacketSocketInit {
  /** The interface name, or `undefined` for every interface. */
  iface: string | undefined;
  /** The interface index, or 0. */
  index: number;
  /** The `ARPHRD_*` hardware type, or 0. */
  hardwareType: number;
  /** The hardware address, or empty. */
  address: Uint8Array;
  /** The IPv4 address, when it has one. */
  ipv4Address?: Uint8Array;
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
  constructor(fd: number, init: PacketSocketInit, options: PacketSocketOptions) {
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
    // VLAN tags the kernel takes out of frames come back as control messages.
    setIntOption(this.fd, Raw.SOL_PACKET, Ring.PACKET_AUXDATA, 1);
    // Only received packets wanted: the kernel need not queue the others (as libpcap asks;
    // older kernels refuse the option, and the direction is checked per packet anyway).
    if (this.#direction === "in") {
      setIntOption(this.fd, Raw.SOL_PACKET, Raw.PACKET_IGNORE_OUTGOING, 1);
    }
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

  /**
   * Whether a packet is kept under the `direction` option.
   *
   * @param packetType Its `sll_pkttype`.
   * @param hardwareType Its `sll_hatype`.
   * @returns Whether to deliver it.
   */
  protected keeps(packetType: number, hardwareType: number): boolean {
    const outgoing = packetType === SllPacketType.OUTGOING;
    if (this.#direction === "in") return !outgoing;
    if (this.#direction === "out") return outgoing;
    // Loopback shows each packet leaving and arriving; keep it once, as libpcap does.
    return !(outgoing && hardwareType === ARPHRD_LOOPBACK);
  }

  /**
   * The link type of a packet: the socket's, or from its hardware type on every interface.
   *
   * @param hardwareType Its `sll_hatype`.
   * @returns The link type.
   */
  protected linkTypeOf(hardwareType: number): number {
    return this.interfaceIndex === 0
      ? linkTypeOfHardware(hardwareType) ?? this.linkType
      : this.linkType;
  }

  /** Whether a packet from this address is kept. */
  protected override accepts(name: DataView): boolean {
    return this.keeps(name.getUint8(SockaddrLl.pkttype), name.getUint16(SockaddrLl.hatype, true));
  }

  /** Builds the capture record of a received packet. */
  protected override toRecord(
    data: Uint8Array<ArrayBuffer>,
    originalLength: number,
    timestamp: bigint,
    name: DataView,
    control: DataView,
    controlLength: number,
  ): RawRecord | undefined {
    const packetType = name.getUint8(SockaddrLl.pkttype);
    const linkType = this.linkTypeOf(name.getUint16(SockaddrLl.hatype, true));
    const aux = findControlMessage(
      control,
      controlLength,
      Raw.SOL_PACKET,
      Ring.PACKET_AUXDATA,
      TpacketAuxdata.size,
    );
    if (aux >= 0 && linkType === LinkType.EN10MB && data.length >= VLAN_TAG_OFFSET) {
      const status = control.getUint32(aux + TpacketAuxdata.status, true);
      const tci = control.getUint16(aux + TpacketAuxdata.vlanTci, true);
      if (hasVlanTag(status, tci)) {
        const tagged = new Uint8Array(
          Math.min(data.length + VLAN_TAG_LENGTH, Math.max(this.snapLength, VLAN_TAG_OFFSET)),
        );
        tagged.set(data.subarray(0, VLAN_TAG_OFFSET));
        const tpid = control.getUint16(aux + TpacketAuxdata.vlanTpid, true);
        writeVlanTag(new DataView(tagged.buffer), VLAN_TAG_OFFSET, status, tci, tpid);
        tagged.set(
          data.subarray(VLAN_TAG_OFFSET, tagged.length - VLAN_TAG_LENGTH),
          VLAN_TAG_OFFSET + VLAN_TAG_LENGTH,
        );
        data = tagged;
        originalLength += VLAN_TAG_LENGTH;
      }
    }
    return packetRecord(
      data,
      originalLength,
      timestamp,
      linkType,
      name.getInt32(SockaddrLl.ifindex, true),
      packetType,
    );
  }

  /** Reads the kernel's received and dropped counters. */
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
  return openPacketSocketWith(
    "packet socket",
    options,
    (fd, init) => new PacketSocket(fd, init, options),
  );
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
