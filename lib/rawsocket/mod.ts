/**
 * Raw sockets through libc (Deno FFI), without libpcap: AF_PACKET sockets for whole frames
 * ({@linkcode openPacketSocket}) or through a TPACKET_V3 memory-mapped ring read in zero-copy
 * batches ({@linkcode openPacketRing}), AF_INET sockets for the IPv4 packets of one protocol
 * ({@linkcode openIpSocket}) and AF_INET6 sockets for the IPv6 packets of one protocol, with
 * a synthesized IPv6 header ({@linkcode openIp6Socket}). Records have the shape of the file readers' `CaptureRecord`.
 * Needs Linux, `--allow-ffi`, and root or `CAP_NET_RAW`; filters in tcpdump's syntax also
 * need libpcap (BPF instructions do not).
 *
 * @example Count ICMP packets for five seconds
 * ```ts ignore
 * import { openIpSocket } from "./mod.ts";
 *
 * using socket = openIpSocket({ protocol: "icmp", timeout: 5000 });
 * let n = 0;
 * for await (const _ of socket) n++;
 * console.log(n);
 * ```
 *
 * @module
 */

export * from "./errors.ts";
export {
  type PacketDirection,
  packetDirection,
  type RawReceiveOptions,
  type RawRecord,
  type RawSocketStats,
  type RawStopReason,
} from "./_socket_setup.ts";
export { RawSocketBase } from "./_socket.ts";
export { type IpCommonOptions, IpSocketCommon } from "./_ip.ts";
export type { SockFilterInstruction } from "../../ffi/libc_structs.ts";
export * from "./packet_socket.ts";
export * from "./packet_ring.ts";
export * from "./ip_socket.ts";
export * from "./ip6_socket.ts";
export * from "./ping.ts";
export * from "./arping.ts";
