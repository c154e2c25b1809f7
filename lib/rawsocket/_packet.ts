/**
 * What AF_PACKET sockets and rings share (private): opening and binding one, and putting
 * back the VLAN tags that the kernel takes out of frames.
 *
 * @module
 */

import { libc } from "../../ffi/libc.ts";
import { Ifreq, Raw, Ring } from "../../ffi/libc_structs.ts";
import { SllPacketType } from "../link/sll.ts";
import type { PacketSocket, PacketSocketInit, PacketSocketOptions } from "./packet_socket.ts";
import {
  adoptSocket,
  interfaceIndex,
  openSocket,
  packetDirection,
  type RawRecord,
} from "./_socket_setup.ts";

/** The VLAN tag (802.1Q header) that libpcap puts back into frames: 4 bytes. */
export const VLAN_TAG_LENGTH = 4;
/** Where the tag goes in an Ethernet frame: after the two MAC addresses. */
export const VLAN_TAG_OFFSET = 12;

/**
 * Writes the 802.1Q header of a VLAN tag that the kernel took out of a frame (hardware
 * offload, or the receive path's untagging): TPID and TCI, big-endian.
 *
 * @param view Where to write.
 * @param offset The offset of the 4 bytes.
 * @param status The `tp_status` of the packet (`TP_STATUS_VLAN_TPID_VALID` says whether
 * the TPID is known; 0x8100 otherwise).
 * @param tci The `tp_vlan_tci`.
 * @param tpid The `tp_vlan_tpid`.
 */
export function writeVlanTag(
  view: DataView,
  offset: number,
  status: number,
  tci: number,
  tpid: number,
): void {
  const known = (status & Ring.TP_STATUS_VLAN_TPID_VALID) !== 0 && tpid !== 0;
  view.setUint16(offset, known ? tpid : 0x8100);
  view.setUint16(offset + 2, tci);
}

/**
 * Whether the kernel took a VLAN tag out of a packet (as libpcap tests it).
 *
 * @param status The `tp_status`.
 * @param tci The `tp_vlan_tci`.
 * @returns Whether to put the tag back.
 */
export function hasVlanTag(status: number, tci: number): boolean {
  return tci !== 0 || (status & Ring.TP_STATUS_VLAN_VALID) !== 0;
}

/**
 * The pcapng `epb_flags` word of a packet (direction and reception type), from its
 * `sll_pkttype`; what libpcap writes into pcapng files.
 *
 * @param packetType The `sll_pkttype`.
 * @returns The flags: bits 0-1 inbound (1) or outbound (2), bits 2-4 unicast (1),
 * multicast (2), broadcast (3) or promiscuous (4).
 *
 * @example
 * ```ts
 * import { packetFlags } from "./packet_socket.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(packetFlags(0), 0b00101); // to this host: inbound, unicast
 * assert.equal(packetFlags(4), 0b00010); // sent by this host: outbound
 * ```
 */
export function packetFlags(packetType: number): number {
  switch (packetType) {
    case SllPacketType.HOST:
      return 1 | (1 << 2);
    case SllPacketType.MULTICAST:
      return 1 | (2 << 2);
    case SllPacketType.BROADCAST:
      return 1 | (3 << 2);
    case SllPacketType.OTHERHOST:
      return 1 | (4 << 2);
    case SllPacketType.OUTGOING:
      return 2;
    default:
      return 0;
  }
}

/**
 * The record of a packet that an AF_PACKET socket or ring received.
 *
 * @param data Its captured bytes (a copy).
 * @param originalLength Its length on the wire.
 * @param timestamp Nanoseconds since the epoch.
 * @param linkType Its link type.
 * @param interfaceIndex The index of the interface it was seen on.
 * @param packetType Its `sll_pkttype`.
 * @returns The record, with `flags` and `direction`.
 */
export function packetRecord(
  data: Uint8Array<ArrayBuffer>,
  originalLength: number,
  timestamp: bigint,
  linkType: number,
  interfaceIndex: number,
  packetType: number,
): RawRecord {
  const record: RawRecord = {
    timestamp,
    capturedLength: data.length,
    originalLength,
    linkType,
    data,
    interfaceId: 0,
    interfaceIndex,
    flags: packetFlags(packetType),
  };
  const direction = packetDirection(packetType);
  if (direction !== undefined) record.direction = direction;
  return record;
}

/**
 * Opens an AF_PACKET socket and sets it up: the filter is attached (and a ring set up)
 * before the socket is bound, so no packet slips through unfiltered.
 *
 * @param what What is being opened, for messages (`packet socket`).
 * @param options The options.
 * @param create Wraps the descriptor in its class.
 * @returns The socket, set up.
 */
export function openPacketSocketWith<T extends PacketSocket>(
  what: string,
  options: PacketSocketOptions,
  create: (fd: number, init: PacketSocketInit) => T,
): T {
  const etherType = options.etherType ?? Raw.ETH_P_ALL;
  if (!Number.isInteger(etherType) || etherType < 0 || etherType > 0xffff) {
    throw new RangeError(
      `Cannot open ${what}: etherType must be 0 to 65535: received ${etherType}`,
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
  const init = { iface: options.iface, index, hardwareType, address };
  return adoptSocket(
    fd,
    () => create(fd, ipv4Address === undefined ? init : { ...init, ipv4Address }),
    (socket) => socket.setUp(options),
  );
}
