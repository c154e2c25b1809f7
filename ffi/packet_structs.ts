/**
 * C constants and struct layouts of raw sockets and the TPACKET_V3 ring, for the libc calls
 * in `libc.ts`, for Linux on 64-bit little-endian machines (x86-64, aarch64):
 * `sockaddr_ll`, `sockaddr_in`, `sockaddr_in6`, `in6_pktinfo`, `packet_mreq`, `sock_filter`,
 * `sock_fprog`, `tpacket_stats`, `tpacket_auxdata`, the ring's headers, `pollfd`, `timespec`
 * and `ifreq`. Each layout is an `as const` object of byte offsets and a size, and a builder
 * writes it into a `Uint8Array` that can be passed as a `"buffer"` parameter.
 * `libc_structs.ts` re-exports all of it; `tests/libc_structs_test.ts` checks the offsets
 * against the C headers.
 *
 * @module
 */

import { addressOf } from "./_address.ts";

/** Raw socket constants (`<sys/socket.h>`, `<linux/if_packet.h>`, `<linux/if_ether.h>`). */
export const Raw = {
  /** `AF_INET`. */
  AF_INET: 2,
  /** `AF_INET6`. */
  AF_INET6: 10,
  /** `AF_PACKET`: link-layer sockets. */
  AF_PACKET: 17,
  /** `SOCK_RAW`. */
  SOCK_RAW: 3,
  /** `SOCK_NONBLOCK`. */
  SOCK_NONBLOCK: 0o4000,
  /** `ETH_P_ALL`: every protocol (host byte order; `htons` it for the socket). */
  ETH_P_ALL: 0x0003,
  /** `SOL_PACKET`: the socket option level of AF_PACKET. */
  SOL_PACKET: 263,
  /** `PACKET_ADD_MEMBERSHIP`. */
  PACKET_ADD_MEMBERSHIP: 1,
  /** `PACKET_DROP_MEMBERSHIP`. */
  PACKET_DROP_MEMBERSHIP: 2,
  /** `PACKET_STATISTICS`: `struct tpacket_stats`, reset by each read. */
  PACKET_STATISTICS: 6,
  /** `PACKET_MR_PROMISC`. */
  PACKET_MR_PROMISC: 1,
  /** `PACKET_IGNORE_OUTGOING` (Linux 4.20): do not queue packets this host sends. */
  PACKET_IGNORE_OUTGOING: 23,
  /** `SO_BINDTODEVICE`. */
  SO_BINDTODEVICE: 25,
  /** `SO_ATTACH_FILTER`: a classic BPF program (`struct sock_fprog`). */
  SO_ATTACH_FILTER: 26,
  /** `SO_TIMESTAMPNS` (`SO_TIMESTAMPNS_OLD`): a `struct timespec` control message. */
  SO_TIMESTAMPNS: 35,
  /** `IPPROTO_IP`: the socket option level of IPv4. */
  IPPROTO_IP: 0,
  /** `IP_HDRINCL`: the application writes the IPv4 header. */
  IP_HDRINCL: 3,
  /** `IPPROTO_IPV6`: the socket option and control message level of IPv6. */
  IPPROTO_IPV6: 41,
  /** `IPV6_RECVPKTINFO`: deliver an `IPV6_PKTINFO` control message with each packet. */
  IPV6_RECVPKTINFO: 49,
  /** `IPV6_PKTINFO`: a `struct in6_pktinfo` (destination address, interface index). */
  IPV6_PKTINFO: 50,
  /** `IPV6_RECVHOPLIMIT`: deliver an `IPV6_HOPLIMIT` control message with each packet. */
  IPV6_RECVHOPLIMIT: 51,
  /** `IPV6_HOPLIMIT`: the hop limit, an `int`. */
  IPV6_HOPLIMIT: 52,
  /** `IPV6_RECVTCLASS`: deliver an `IPV6_TCLASS` control message with each packet. */
  IPV6_RECVTCLASS: 66,
  /** `IPV6_TCLASS`: the traffic class, an `int`. */
  IPV6_TCLASS: 67,
  /** `MSG_TRUNC`: return the real length of a packet longer than the buffer. */
  MSG_TRUNC: 0x20,
  /** `POLLIN`. */
  POLLIN: 0x001,
  /** `SIOCGIFHWADDR`: the hardware type and address of an interface (`struct ifreq`). */
  SIOCGIFHWADDR: 0x8927,
  /** `SIOCGIFADDR`: the IPv4 address of an interface (`struct ifreq`). */
  SIOCGIFADDR: 0x8915,
  /** `IFNAMSIZ`: interface names take at most 15 bytes and a NUL. */
  IFNAMSIZ: 16,
} as const;

/**
 * `struct if_nameindex` (`<net/if.h>`): byte offsets and size of one entry of the array
 * `if_nameindex()` returns, which ends with an entry of index 0.
 */
export const IfNameindex = {
  /** `unsigned int if_index`. */
  index: 0,
  /** `char *if_name`. */
  name: 8,
  /** `sizeof(struct if_nameindex)`. */
  size: 16,
} as const;

/** `struct sockaddr_ll` (`<linux/if_packet.h>`): byte offsets and size. */
export const SockaddrLl = {
  /** `unsigned short sll_family`. */
  family: 0,
  /** `__be16 sll_protocol`: the EtherType, network byte order. */
  protocol: 2,
  /** `int sll_ifindex`. */
  ifindex: 4,
  /** `unsigned short sll_hatype`: the `ARPHRD_*` type. */
  hatype: 8,
  /** `unsigned char sll_pkttype`: see `SllPacketType` in lib/link/sll.ts. */
  pkttype: 10,
  /** `unsigned char sll_halen`. */
  halen: 11,
  /** `unsigned char sll_addr[8]`. */
  addr: 12,
  /** `sizeof(struct sockaddr_ll)`. */
  size: 20,
} as const;

/** `struct sockaddr_in` (`<netinet/in.h>`): byte offsets and size. */
export const SockaddrIn = {
  /** `sa_family_t sin_family`. */
  family: 0,
  /** `in_port_t sin_port`, network byte order. */
  port: 2,
  /** `struct in_addr sin_addr`. */
  addr: 4,
  /** `sizeof(struct sockaddr_in)`. */
  size: 16,
} as const;

/** `struct sockaddr_in6` (`<netinet/in.h>`): byte offsets and size. */
export const SockaddrIn6 = {
  /** `sa_family_t sin6_family`. */
  family: 0,
  /** `in_port_t sin6_port`. */
  port: 2,
  /** `uint32_t sin6_flowinfo`. */
  flowinfo: 4,
  /** `struct in6_addr sin6_addr`. */
  addr: 8,
  /** `uint32_t sin6_scope_id`. */
  scopeId: 24,
  /** `sizeof(struct sockaddr_in6)`. */
  size: 28,
} as const;

/** `struct in6_pktinfo` (`<netinet/in.h>`): byte offsets and size. */
export const In6Pktinfo = {
  /** `struct in6_addr ipi6_addr`: the destination address of a received packet. */
  addr: 0,
  /** `unsigned int ipi6_ifindex`: the interface it arrived on. */
  ifindex: 16,
  /** `sizeof(struct in6_pktinfo)`. */
  size: 20,
} as const;

/** `struct packet_mreq` (`<linux/if_packet.h>`): byte offsets and size. */
export const PacketMreq = {
  /** `int mr_ifindex`. */
  ifindex: 0,
  /** `unsigned short mr_type`: `PACKET_MR_PROMISC`... */
  type: 4,
  /** `unsigned short mr_alen`. */
  alen: 6,
  /** `unsigned char mr_address[8]`. */
  address: 8,
  /** `sizeof(struct packet_mreq)`. */
  size: 16,
} as const;

/** `struct sock_filter` (`<linux/filter.h>`): one classic BPF instruction. */
export const SockFilter = {
  /** `__u16 code`. */
  code: 0,
  /** `__u8 jt`. */
  jt: 2,
  /** `__u8 jf`. */
  jf: 3,
  /** `__u32 k`. */
  k: 4,
  /** `sizeof(struct sock_filter)`. */
  size: 8,
} as const;

/** `struct sock_fprog` (`<linux/filter.h>`): byte offsets and size. */
export const SockFprog = {
  /** `unsigned short len`: the number of instructions. */
  len: 0,
  /** `struct sock_filter *filter`. */
  filter: 8,
  /** `sizeof(struct sock_fprog)`. */
  size: 16,
} as const;

/** `struct tpacket_stats` (`<linux/if_packet.h>`): byte offsets and size. */
export const TpacketStats = {
  /** `unsigned int tp_packets`: packets received, drops included. */
  packets: 0,
  /** `unsigned int tp_drops`: packets dropped because the socket buffer was full. */
  drops: 4,
  /** `sizeof(struct tpacket_stats)`. */
  size: 8,
} as const;

/** `struct tpacket_auxdata` (`<linux/if_packet.h>`), the `PACKET_AUXDATA` control message. */
export const TpacketAuxdata = {
  /** `__u32 tp_status`: `TP_STATUS_VLAN_VALID`... (see {@linkcode Ring}). */
  status: 0,
  /** `__u32 tp_len`: the packet's length. */
  len: 4,
  /** `__u16 tp_vlan_tci`: the VLAN tag the kernel took out of the frame. */
  vlanTci: 16,
  /** `__u16 tp_vlan_tpid`: its TPID. */
  vlanTpid: 18,
  /** `sizeof(struct tpacket_auxdata)`. */
  size: 20,
} as const;

/** `struct tpacket_req3` (`<linux/if_packet.h>`), the `PACKET_RX_RING` request of TPACKET_V3. */
export const TpacketReq3 = {
  /** `unsigned int tp_block_size`: a multiple of the page size. */
  blockSize: 0,
  /** `unsigned int tp_block_nr`. */
  blockCount: 4,
  /** `unsigned int tp_frame_size`. */
  frameSize: 8,
  /** `unsigned int tp_frame_nr`. */
  frameCount: 12,
  /** `unsigned int tp_retire_blk_tov`: milliseconds before a block is handed over unfilled. */
  retireTimeout: 16,
  /** `unsigned int tp_sizeof_priv`. */
  sizeofPriv: 20,
  /** `unsigned int tp_feature_req_word`. */
  featureWord: 24,
  /** `sizeof(struct tpacket_req3)`. */
  size: 28,
} as const;

/**
 * `struct tpacket_block_desc` with its `struct tpacket_hdr_v1` (`<linux/if_packet.h>`): the
 * header of each TPACKET_V3 block.
 */
export const TpacketBlockDesc = {
  /** `__u32 version`. */
  version: 0,
  /** `hdr.bh1.block_status`: `TP_STATUS_KERNEL` or `TP_STATUS_USER` (and flags). */
  status: 8,
  /** `hdr.bh1.num_pkts`. */
  packetCount: 12,
  /** `hdr.bh1.offset_to_first_pkt`: from the start of the block. */
  firstPacket: 16,
  /** `hdr.bh1.blk_len`. */
  length: 20,
  /** `hdr.bh1.seq_num`. */
  sequence: 24,
  /** `sizeof(struct tpacket_block_desc)`. */
  size: 48,
} as const;

/** `struct tpacket3_hdr` (`<linux/if_packet.h>`): the header of each packet in a block. */
export const Tpacket3Hdr = {
  /** `__u32 tp_next_offset`: from this header to the next packet's, 0 for the last. */
  nextOffset: 0,
  /** `__u32 tp_sec`. */
  sec: 4,
  /** `__u32 tp_nsec`. */
  nsec: 8,
  /** `__u32 tp_snaplen`: bytes captured. */
  snaplen: 12,
  /** `__u32 tp_len`: the packet's length. */
  len: 16,
  /** `__u32 tp_status`. */
  status: 20,
  /** `__u16 tp_mac`: from this header to the link-layer header. */
  mac: 24,
  /** `__u16 tp_net`. */
  net: 26,
  /** `hv1.tp_vlan_tci`. */
  vlanTci: 32,
  /** `hv1.tp_vlan_tpid`. */
  vlanTpid: 36,
  /** `sizeof(struct tpacket3_hdr)`. */
  size: 48,
  /** `TPACKET_ALIGN(sizeof(struct tpacket3_hdr))`: where the `sockaddr_ll` follows. */
  address: 48,
  /** `TPACKET3_HDRLEN`: header and `sockaddr_ll`; the packet's bytes start later. */
  withAddress: 68,
} as const;

/** TPACKET_V3 ring constants (`<linux/if_packet.h>`, `<sys/mman.h>`). */
export const Ring = {
  /** `PACKET_RX_RING`. */
  PACKET_RX_RING: 5,
  /** `PACKET_AUXDATA`: deliver a `struct tpacket_auxdata` control message. */
  PACKET_AUXDATA: 8,
  /** `PACKET_VERSION`. */
  PACKET_VERSION: 10,
  /** `TPACKET_V3`: variable-length packets in blocks. */
  TPACKET_V3: 2,
  /** `TPACKET_ALIGNMENT`. */
  TPACKET_ALIGNMENT: 16,
  /** `TP_STATUS_KERNEL`: the block belongs to the kernel. */
  TP_STATUS_KERNEL: 0,
  /** `TP_STATUS_USER`: the block is ready to be read. */
  TP_STATUS_USER: 1,
  /** `TP_STATUS_VLAN_VALID`: `tp_vlan_tci` holds a tag taken out of the frame. */
  TP_STATUS_VLAN_VALID: 0x10,
  /** `TP_STATUS_VLAN_TPID_VALID`: `tp_vlan_tpid` is set. */
  TP_STATUS_VLAN_TPID_VALID: 0x40,
  /** `PROT_READ`. */
  PROT_READ: 1,
  /** `PROT_WRITE`. */
  PROT_WRITE: 2,
  /** `MAP_SHARED`. */
  MAP_SHARED: 1,
} as const;

/** `struct pollfd` (`<poll.h>`): byte offsets and size. */
export const Pollfd = {
  /** `int fd`. */
  fd: 0,
  /** `short events`. */
  events: 4,
  /** `short revents`. */
  revents: 6,
  /** `sizeof(struct pollfd)`. */
  size: 8,
} as const;

/** `struct timespec` (`<time.h>`, 64-bit): byte offsets and size. */
export const Timespec = {
  /** `time_t tv_sec`. */
  sec: 0,
  /** `long tv_nsec`. */
  nsec: 8,
  /** `sizeof(struct timespec)`. */
  size: 16,
} as const;

/** `struct ifreq` (`<net/if.h>`): the offsets `SIOCGIFHWADDR` uses, and the size. */
export const Ifreq = {
  /** `char ifr_name[IFNAMSIZ]`. */
  name: 0,
  /** `struct sockaddr ifr_hwaddr`: `sa_family` holds the `ARPHRD_*` type. */
  hwaddr: 16,
  /** `ifr_hwaddr.sa_data`: the hardware address. */
  hwaddrData: 18,
  /** `struct sockaddr ifr_addr` (a `sockaddr_in` for `SIOCGIFADDR`). */
  addr: 16,
  /** `sizeof(struct ifreq)`. */
  size: 40,
} as const;

/**
 * Builds a `struct sockaddr_ll` for `bind()` or `sendto()` on an AF_PACKET socket.
 *
 * @param protocol The EtherType in host byte order (written big-endian), such as
 * `Raw.ETH_P_ALL`.
 * @param ifindex The interface index (0: every interface).
 * @param address The destination hardware address for `sendto()` (at most 8 bytes).
 * @returns The 20 bytes.
 *
 * @example Bind to every protocol on interface 2
 * ```ts
 * import { Raw, sockaddrLl } from "./packet_structs.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual([...sockaddrLl(Raw.ETH_P_ALL, 2).subarray(0, 8)], [17, 0, 0, 3, 2, 0, 0, 0]);
 * ```
 */
export function sockaddrLl(
  protocol: number,
  ifindex: number,
  address: Uint8Array = new Uint8Array(0),
): Uint8Array<ArrayBuffer> {
  if (address.length > 8) {
    throw new RangeError(
      `Cannot build sockaddr_ll: at most 8 address bytes allowed, received ${address.length}`,
    );
  }
  const bytes = new Uint8Array(SockaddrLl.size);
  const view = new DataView(bytes.buffer);
  view.setUint16(SockaddrLl.family, Raw.AF_PACKET, true);
  view.setUint16(SockaddrLl.protocol, protocol);
  view.setInt32(SockaddrLl.ifindex, ifindex, true);
  bytes[SockaddrLl.halen] = address.length;
  bytes.set(address, SockaddrLl.addr);
  return bytes;
}

/**
 * Builds a `struct sockaddr_in`.
 *
 * @param address The IPv4 address (4 bytes).
 * @param port The port (0 for raw sockets).
 * @returns The 16 bytes.
 *
 * @example
 * ```ts
 * import { sockaddrIn } from "./packet_structs.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual([...sockaddrIn(new Uint8Array([127, 0, 0, 1])).subarray(0, 8)], [2, 0, 0, 0, 127, 0, 0, 1]);
 * ```
 */
export function sockaddrIn(address: Uint8Array, port = 0): Uint8Array<ArrayBuffer> {
  if (address.length !== 4) {
    throw new RangeError(
      `Cannot build sockaddr_in: 4 address bytes required, received ${address.length}`,
    );
  }
  const bytes = new Uint8Array(SockaddrIn.size);
  const view = new DataView(bytes.buffer);
  view.setUint16(SockaddrIn.family, Raw.AF_INET, true);
  view.setUint16(SockaddrIn.port, port);
  bytes.set(address, SockaddrIn.addr);
  return bytes;
}

/**
 * Builds a `struct sockaddr_in6`.
 *
 * @param address The IPv6 address (16 bytes).
 * @param scopeId The scope (interface index) for link-local addresses.
 * @returns The 28 bytes.
 *
 * @example
 * ```ts
 * import { sockaddrIn6 } from "./packet_structs.ts";
 * import assert from "node:assert/strict";
 *
 * const loopback = new Uint8Array(16);
 * loopback[15] = 1;
 * assert.equal(sockaddrIn6(loopback)[23], 1);
 * ```
 */
export function sockaddrIn6(address: Uint8Array, scopeId = 0): Uint8Array<ArrayBuffer> {
  if (address.length !== 16) {
    throw new RangeError(
      `Cannot build sockaddr_in6: 16 address bytes required, received ${address.length}`,
    );
  }
  const bytes = new Uint8Array(SockaddrIn6.size);
  const view = new DataView(bytes.buffer);
  view.setUint16(SockaddrIn6.family, Raw.AF_INET6, true);
  bytes.set(address, SockaddrIn6.addr);
  view.setUint32(SockaddrIn6.scopeId, scopeId, true);
  return bytes;
}

/**
 * Builds a `struct packet_mreq` for `PACKET_ADD_MEMBERSHIP`.
 *
 * @param ifindex The interface index.
 * @param type The membership, such as `Raw.PACKET_MR_PROMISC`.
 * @returns The 16 bytes.
 *
 * @example Promiscuous mode on interface 3
 * ```ts
 * import { packetMreq, Raw } from "./packet_structs.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual([...packetMreq(3, Raw.PACKET_MR_PROMISC).subarray(0, 8)], [3, 0, 0, 0, 1, 0, 0, 0]);
 * ```
 */
export function packetMreq(ifindex: number, type: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(PacketMreq.size);
  const view = new DataView(bytes.buffer);
  view.setInt32(PacketMreq.ifindex, ifindex, true);
  view.setUint16(PacketMreq.type, type, true);
  return bytes;
}

/** One classic BPF instruction, as `tcpdump -dd` prints it. */
export interface SockFilterInstruction {
  /** The opcode. */
  code: number;
  /** Jump offset when the test is true. */
  jt: number;
  /** Jump offset when the test is false. */
  jf: number;
  /** The constant operand. */
  k: number;
}

/**
 * Builds a `struct sock_fprog` and the `struct sock_filter` array it points to, for
 * `SO_ATTACH_FILTER`. The program points into `filter`: keep it referenced until
 * `setsockopt()` returns.
 *
 * @param instructions The instructions.
 * @returns The `sock_fprog` bytes and the instructions they point to.
 * @throws {RangeError} When there are none or more than 65535, or a field is out of range.
 *
 * @example Accept every packet
 * ```ts
 * import { SockFprog, sockFprog } from "./packet_structs.ts";
 * import assert from "node:assert/strict";
 *
 * const { program, filter } = sockFprog([{ code: 0x06, jt: 0, jf: 0, k: 262144 }]);
 * assert.equal(new DataView(program.buffer).getUint16(SockFprog.len, true), 1);
 * assert.deepEqual([...filter], [6, 0, 0, 0, 0, 0, 4, 0]);
 * ```
 */
export function sockFprog(
  instructions: readonly SockFilterInstruction[],
): { program: Uint8Array<ArrayBuffer>; filter: Uint8Array<ArrayBuffer> } {
  if (instructions.length === 0 || instructions.length > 0xffff) {
    throw new RangeError(
      `Cannot build BPF program: 1 to 65535 instructions required, received ${instructions.length}`,
    );
  }
  const filter = new Uint8Array(instructions.length * SockFilter.size);
  const view = new DataView(filter.buffer);
  instructions.forEach((insn, i) => {
    const ok = Number.isInteger(insn.code) && insn.code >= 0 && insn.code <= 0xffff &&
      Number.isInteger(insn.jt) && insn.jt >= 0 && insn.jt <= 0xff &&
      Number.isInteger(insn.jf) && insn.jf >= 0 && insn.jf <= 0xff &&
      Number.isInteger(insn.k) && insn.k >= -0x80000000 && insn.k <= 0xffffffff;
    if (!ok) {
      throw new RangeError(
        `Cannot build BPF program: instruction ${i} is out of range: ${JSON.stringify(insn)}`,
      );
    }
    const at = i * SockFilter.size;
    view.setUint16(at + SockFilter.code, insn.code, true);
    view.setUint8(at + SockFilter.jt, insn.jt);
    view.setUint8(at + SockFilter.jf, insn.jf);
    view.setUint32(at + SockFilter.k, insn.k >>> 0, true);
  });
  const program = new Uint8Array(SockFprog.size);
  const programView = new DataView(program.buffer);
  programView.setUint16(SockFprog.len, instructions.length, true);
  programView.setBigUint64(SockFprog.filter, addressOf(filter), true);
  return { program, filter };
}
