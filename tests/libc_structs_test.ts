import assert from "node:assert/strict";
import {
  AfAlgIv,
  afAlgIv,
  Alg,
  Cmsghdr,
  cmsgLength,
  cmsgSpace,
  controlMessages,
  File,
  IfNameindex,
  Ifreq,
  In6Pktinfo,
  Iovec,
  Msghdr,
  msghdr,
  PacketMreq,
  packetMreq,
  Passwd,
  Pollfd,
  Raw,
  Ring,
  Sock,
  SockaddrAlg,
  sockaddrAlg,
  SockaddrIn,
  sockaddrIn,
  SockaddrIn6,
  sockaddrIn6,
  SockaddrLl,
  sockaddrLl,
  SockFilter,
  SockFprog,
  sockFprog,
  Timespec,
  Tpacket3Hdr,
  TpacketAuxdata,
  TpacketBlockDesc,
  TpacketReq3,
  TpacketStats,
  u32,
} from "../ffi/libc_structs.ts";
import { hasCommand } from "./_shared.ts";
import { SllPacketType } from "../lib/link/sll.ts";

// What the C headers say, printed by a program that gcc compiles (when installed).
const C_PROGRAM = `
#define _GNU_SOURCE
#include <stdio.h>
#include <stddef.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <linux/if_alg.h>
#include <linux/if_packet.h>
#include <linux/if_ether.h>
#include <linux/filter.h>
#include <netinet/in.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <poll.h>
#include <time.h>
#include <sys/mman.h>
#include <pwd.h>
#define P(name, value) printf("%s %ld\\n", name, (long)(value))
int main(void) {
  P("sockaddr_alg.size", sizeof(struct sockaddr_alg));
  P("sockaddr_alg.family", offsetof(struct sockaddr_alg, salg_family));
  P("sockaddr_alg.type", offsetof(struct sockaddr_alg, salg_type));
  P("sockaddr_alg.typeLength", sizeof(((struct sockaddr_alg *)0)->salg_type));
  P("sockaddr_alg.feat", offsetof(struct sockaddr_alg, salg_feat));
  P("sockaddr_alg.mask", offsetof(struct sockaddr_alg, salg_mask));
  P("sockaddr_alg.name", offsetof(struct sockaddr_alg, salg_name));
  P("sockaddr_alg.nameLength", sizeof(((struct sockaddr_alg *)0)->salg_name));
  P("if_nameindex.size", sizeof(struct if_nameindex));
  P("if_nameindex.index", offsetof(struct if_nameindex, if_index));
  P("if_nameindex.name", offsetof(struct if_nameindex, if_name));
  P("iovec.size", sizeof(struct iovec));
  P("iovec.base", offsetof(struct iovec, iov_base));
  P("iovec.length", offsetof(struct iovec, iov_len));
  P("msghdr.size", sizeof(struct msghdr));
  P("msghdr.name", offsetof(struct msghdr, msg_name));
  P("msghdr.nameLength", offsetof(struct msghdr, msg_namelen));
  P("msghdr.iov", offsetof(struct msghdr, msg_iov));
  P("msghdr.iovLength", offsetof(struct msghdr, msg_iovlen));
  P("msghdr.control", offsetof(struct msghdr, msg_control));
  P("msghdr.controlLength", offsetof(struct msghdr, msg_controllen));
  P("msghdr.flags", offsetof(struct msghdr, msg_flags));
  P("cmsghdr.size", sizeof(struct cmsghdr));
  P("cmsghdr.length", offsetof(struct cmsghdr, cmsg_len));
  P("cmsghdr.level", offsetof(struct cmsghdr, cmsg_level));
  P("cmsghdr.type", offsetof(struct cmsghdr, cmsg_type));
  P("CMSG_LEN(4)", CMSG_LEN(4));
  P("CMSG_SPACE(4)", CMSG_SPACE(4));
  P("CMSG_SPACE(20)", CMSG_SPACE(20));
  P("af_alg_iv.ivLength", offsetof(struct af_alg_iv, ivlen));
  P("af_alg_iv.iv", offsetof(struct af_alg_iv, iv));
  P("AF_ALG", AF_ALG);
  P("SOL_ALG", SOL_ALG);
  P("SOCK_SEQPACKET", SOCK_SEQPACKET);
  P("SOCK_CLOEXEC", SOCK_CLOEXEC);
  P("MSG_MORE", MSG_MORE);
  P("MSG_DONTWAIT", MSG_DONTWAIT);
  P("SO_SNDBUF", SO_SNDBUF);
  P("SO_RCVBUF", SO_RCVBUF);
  P("SO_SNDBUFFORCE", SO_SNDBUFFORCE);
  P("SO_RCVBUFFORCE", SO_RCVBUFFORCE);
  P("ALG_SET_KEY", ALG_SET_KEY);
  P("ALG_SET_IV", ALG_SET_IV);
  P("ALG_SET_OP", ALG_SET_OP);
  P("ALG_SET_AEAD_ASSOCLEN", ALG_SET_AEAD_ASSOCLEN);
  P("ALG_SET_AEAD_AUTHSIZE", ALG_SET_AEAD_AUTHSIZE);
  P("ALG_OP_DECRYPT", ALG_OP_DECRYPT);
  P("ALG_OP_ENCRYPT", ALG_OP_ENCRYPT);
  P("O_CLOEXEC", O_CLOEXEC);
  P("F_SETPIPE_SZ", F_SETPIPE_SZ);
  P("SPLICE_F_MOVE", SPLICE_F_MOVE);
  P("SPLICE_F_MORE", SPLICE_F_MORE);
  P("sockaddr_ll.size", sizeof(struct sockaddr_ll));
  P("sockaddr_ll.family", offsetof(struct sockaddr_ll, sll_family));
  P("sockaddr_ll.protocol", offsetof(struct sockaddr_ll, sll_protocol));
  P("sockaddr_ll.ifindex", offsetof(struct sockaddr_ll, sll_ifindex));
  P("sockaddr_ll.hatype", offsetof(struct sockaddr_ll, sll_hatype));
  P("sockaddr_ll.pkttype", offsetof(struct sockaddr_ll, sll_pkttype));
  P("sockaddr_ll.halen", offsetof(struct sockaddr_ll, sll_halen));
  P("sockaddr_ll.addr", offsetof(struct sockaddr_ll, sll_addr));
  P("sockaddr_in.size", sizeof(struct sockaddr_in));
  P("sockaddr_in.family", offsetof(struct sockaddr_in, sin_family));
  P("sockaddr_in.port", offsetof(struct sockaddr_in, sin_port));
  P("sockaddr_in.addr", offsetof(struct sockaddr_in, sin_addr));
  P("sockaddr_in6.size", sizeof(struct sockaddr_in6));
  P("sockaddr_in6.family", offsetof(struct sockaddr_in6, sin6_family));
  P("sockaddr_in6.port", offsetof(struct sockaddr_in6, sin6_port));
  P("sockaddr_in6.flowinfo", offsetof(struct sockaddr_in6, sin6_flowinfo));
  P("sockaddr_in6.addr", offsetof(struct sockaddr_in6, sin6_addr));
  P("sockaddr_in6.scopeId", offsetof(struct sockaddr_in6, sin6_scope_id));
  P("in6_pktinfo.size", sizeof(struct in6_pktinfo));
  P("in6_pktinfo.addr", offsetof(struct in6_pktinfo, ipi6_addr));
  P("in6_pktinfo.ifindex", offsetof(struct in6_pktinfo, ipi6_ifindex));
  P("packet_mreq.size", sizeof(struct packet_mreq));
  P("packet_mreq.ifindex", offsetof(struct packet_mreq, mr_ifindex));
  P("packet_mreq.type", offsetof(struct packet_mreq, mr_type));
  P("packet_mreq.alen", offsetof(struct packet_mreq, mr_alen));
  P("packet_mreq.address", offsetof(struct packet_mreq, mr_address));
  P("sock_filter.size", sizeof(struct sock_filter));
  P("sock_filter.code", offsetof(struct sock_filter, code));
  P("sock_filter.jt", offsetof(struct sock_filter, jt));
  P("sock_filter.jf", offsetof(struct sock_filter, jf));
  P("sock_filter.k", offsetof(struct sock_filter, k));
  P("sock_fprog.size", sizeof(struct sock_fprog));
  P("sock_fprog.len", offsetof(struct sock_fprog, len));
  P("sock_fprog.filter", offsetof(struct sock_fprog, filter));
  P("tpacket_auxdata.size", sizeof(struct tpacket_auxdata));
  P("tpacket_auxdata.status", offsetof(struct tpacket_auxdata, tp_status));
  P("tpacket_auxdata.len", offsetof(struct tpacket_auxdata, tp_len));
  P("tpacket_auxdata.vlanTci", offsetof(struct tpacket_auxdata, tp_vlan_tci));
  P("tpacket_auxdata.vlanTpid", offsetof(struct tpacket_auxdata, tp_vlan_tpid));
  P("tpacket_req3.size", sizeof(struct tpacket_req3));
  P("tpacket_req3.blockSize", offsetof(struct tpacket_req3, tp_block_size));
  P("tpacket_req3.blockCount", offsetof(struct tpacket_req3, tp_block_nr));
  P("tpacket_req3.frameSize", offsetof(struct tpacket_req3, tp_frame_size));
  P("tpacket_req3.frameCount", offsetof(struct tpacket_req3, tp_frame_nr));
  P("tpacket_req3.retireTimeout", offsetof(struct tpacket_req3, tp_retire_blk_tov));
  P("tpacket_req3.sizeofPriv", offsetof(struct tpacket_req3, tp_sizeof_priv));
  P("tpacket_req3.featureWord", offsetof(struct tpacket_req3, tp_feature_req_word));
  P("tpacket_block_desc.size", sizeof(struct tpacket_block_desc));
  P("tpacket_block_desc.version", offsetof(struct tpacket_block_desc, version));
  P("tpacket_block_desc.status", offsetof(struct tpacket_block_desc, hdr.bh1.block_status));
  P("tpacket_block_desc.packetCount", offsetof(struct tpacket_block_desc, hdr.bh1.num_pkts));
  P("tpacket_block_desc.firstPacket", offsetof(struct tpacket_block_desc, hdr.bh1.offset_to_first_pkt));
  P("tpacket_block_desc.length", offsetof(struct tpacket_block_desc, hdr.bh1.blk_len));
  P("tpacket_block_desc.sequence", offsetof(struct tpacket_block_desc, hdr.bh1.seq_num));
  P("tpacket3_hdr.size", sizeof(struct tpacket3_hdr));
  P("tpacket3_hdr.nextOffset", offsetof(struct tpacket3_hdr, tp_next_offset));
  P("tpacket3_hdr.sec", offsetof(struct tpacket3_hdr, tp_sec));
  P("tpacket3_hdr.nsec", offsetof(struct tpacket3_hdr, tp_nsec));
  P("tpacket3_hdr.snaplen", offsetof(struct tpacket3_hdr, tp_snaplen));
  P("tpacket3_hdr.len", offsetof(struct tpacket3_hdr, tp_len));
  P("tpacket3_hdr.status", offsetof(struct tpacket3_hdr, tp_status));
  P("tpacket3_hdr.mac", offsetof(struct tpacket3_hdr, tp_mac));
  P("tpacket3_hdr.net", offsetof(struct tpacket3_hdr, tp_net));
  P("tpacket3_hdr.vlanTci", offsetof(struct tpacket3_hdr, hv1.tp_vlan_tci));
  P("tpacket3_hdr.vlanTpid", offsetof(struct tpacket3_hdr, hv1.tp_vlan_tpid));
  P("tpacket3_hdr.address", TPACKET_ALIGN(sizeof(struct tpacket3_hdr)));
  P("tpacket3_hdr.withAddress", TPACKET3_HDRLEN);
  P("PACKET_IGNORE_OUTGOING", PACKET_IGNORE_OUTGOING);
  P("PACKET_RX_RING", PACKET_RX_RING);
  P("PACKET_AUXDATA", PACKET_AUXDATA);
  P("PACKET_VERSION", PACKET_VERSION);
  P("TPACKET_V3", TPACKET_V3);
  P("TPACKET_ALIGNMENT", TPACKET_ALIGNMENT);
  P("TP_STATUS_KERNEL", TP_STATUS_KERNEL);
  P("TP_STATUS_USER", TP_STATUS_USER);
  P("TP_STATUS_VLAN_VALID", TP_STATUS_VLAN_VALID);
  P("TP_STATUS_VLAN_TPID_VALID", TP_STATUS_VLAN_TPID_VALID);
  P("PROT_READ", PROT_READ);
  P("PROT_WRITE", PROT_WRITE);
  P("MAP_SHARED", MAP_SHARED);
  P("tpacket_stats.size", sizeof(struct tpacket_stats));
  P("tpacket_stats.packets", offsetof(struct tpacket_stats, tp_packets));
  P("tpacket_stats.drops", offsetof(struct tpacket_stats, tp_drops));
  P("pollfd.size", sizeof(struct pollfd));
  P("pollfd.fd", offsetof(struct pollfd, fd));
  P("pollfd.events", offsetof(struct pollfd, events));
  P("pollfd.revents", offsetof(struct pollfd, revents));
  P("timespec.size", sizeof(struct timespec));
  P("timespec.sec", offsetof(struct timespec, tv_sec));
  P("timespec.nsec", offsetof(struct timespec, tv_nsec));
  P("ifreq.size", sizeof(struct ifreq));
  P("ifreq.name", offsetof(struct ifreq, ifr_name));
  P("ifreq.hwaddr", offsetof(struct ifreq, ifr_hwaddr));
  P("ifreq.hwaddrData", offsetof(struct ifreq, ifr_hwaddr.sa_data));
  P("AF_INET", AF_INET);
  P("AF_INET6", AF_INET6);
  P("AF_PACKET", AF_PACKET);
  P("SOCK_RAW", SOCK_RAW);
  P("SOCK_NONBLOCK", SOCK_NONBLOCK);
  P("ETH_P_ALL", ETH_P_ALL);
  P("SOL_PACKET", SOL_PACKET);
  P("PACKET_ADD_MEMBERSHIP", PACKET_ADD_MEMBERSHIP);
  P("PACKET_DROP_MEMBERSHIP", PACKET_DROP_MEMBERSHIP);
  P("PACKET_STATISTICS", PACKET_STATISTICS);
  P("PACKET_MR_PROMISC", PACKET_MR_PROMISC);
  P("SO_BINDTODEVICE", SO_BINDTODEVICE);
  P("SO_ATTACH_FILTER", SO_ATTACH_FILTER);
  P("SO_TIMESTAMPNS", SO_TIMESTAMPNS);
  P("IPPROTO_IP", IPPROTO_IP);
  P("IP_HDRINCL", IP_HDRINCL);
  P("IPPROTO_IPV6", IPPROTO_IPV6);
  P("IPV6_RECVPKTINFO", IPV6_RECVPKTINFO);
  P("IPV6_PKTINFO", IPV6_PKTINFO);
  P("IPV6_RECVHOPLIMIT", IPV6_RECVHOPLIMIT);
  P("IPV6_HOPLIMIT", IPV6_HOPLIMIT);
  P("IPV6_RECVTCLASS", IPV6_RECVTCLASS);
  P("IPV6_TCLASS", IPV6_TCLASS);
  P("MSG_TRUNC", MSG_TRUNC);
  P("POLLIN", POLLIN);
  P("SIOCGIFHWADDR", SIOCGIFHWADDR);
  P("SIOCGIFADDR", SIOCGIFADDR);
  P("ifreq.addr", offsetof(struct ifreq, ifr_addr));
  P("passwd.uid", offsetof(struct passwd, pw_uid));
  P("passwd.gid", offsetof(struct passwd, pw_gid));
  P("IFNAMSIZ", IFNAMSIZ);
  P("PACKET_HOST", PACKET_HOST);
  P("PACKET_BROADCAST", PACKET_BROADCAST);
  P("PACKET_MULTICAST", PACKET_MULTICAST);
  P("PACKET_OTHERHOST", PACKET_OTHERHOST);
  P("PACKET_OUTGOING", PACKET_OUTGOING);
  P("sizeof(sll_addr)", sizeof(((struct sockaddr_ll *)0)->sll_addr));
  return 0;
}
`;

const OURS: Record<string, number> = {
  "sockaddr_alg.size": SockaddrAlg.size,
  "sockaddr_alg.family": SockaddrAlg.family,
  "sockaddr_alg.type": SockaddrAlg.type,
  "sockaddr_alg.typeLength": SockaddrAlg.typeLength,
  "sockaddr_alg.feat": SockaddrAlg.feat,
  "sockaddr_alg.mask": SockaddrAlg.mask,
  "sockaddr_alg.name": SockaddrAlg.name,
  "sockaddr_alg.nameLength": SockaddrAlg.nameLength,
  "iovec.size": Iovec.size,
  "iovec.base": Iovec.base,
  "iovec.length": Iovec.length,
  "msghdr.size": Msghdr.size,
  "msghdr.name": Msghdr.name,
  "msghdr.nameLength": Msghdr.nameLength,
  "msghdr.iov": Msghdr.iov,
  "msghdr.iovLength": Msghdr.iovLength,
  "msghdr.control": Msghdr.control,
  "msghdr.controlLength": Msghdr.controlLength,
  "msghdr.flags": Msghdr.flags,
  "cmsghdr.size": Cmsghdr.size,
  "cmsghdr.length": Cmsghdr.length,
  "cmsghdr.level": Cmsghdr.level,
  "cmsghdr.type": Cmsghdr.type,
  "CMSG_LEN(4)": cmsgLength(4),
  "CMSG_SPACE(4)": cmsgSpace(4),
  "CMSG_SPACE(20)": cmsgSpace(20),
  "af_alg_iv.ivLength": AfAlgIv.ivLength,
  "af_alg_iv.iv": AfAlgIv.iv,
  AF_ALG: Sock.AF_ALG,
  SOL_ALG: Sock.SOL_ALG,
  SOCK_SEQPACKET: Sock.SOCK_SEQPACKET,
  SOCK_CLOEXEC: Sock.SOCK_CLOEXEC,
  MSG_MORE: Sock.MSG_MORE,
  MSG_DONTWAIT: Sock.MSG_DONTWAIT,
  SO_SNDBUF: Sock.SO_SNDBUF,
  SO_RCVBUF: Sock.SO_RCVBUF,
  SO_SNDBUFFORCE: Sock.SO_SNDBUFFORCE,
  SO_RCVBUFFORCE: Sock.SO_RCVBUFFORCE,
  ALG_SET_KEY: Alg.SET_KEY,
  ALG_SET_IV: Alg.SET_IV,
  ALG_SET_OP: Alg.SET_OP,
  ALG_SET_AEAD_ASSOCLEN: Alg.SET_AEAD_ASSOCLEN,
  ALG_SET_AEAD_AUTHSIZE: Alg.SET_AEAD_AUTHSIZE,
  ALG_OP_DECRYPT: Alg.OP_DECRYPT,
  ALG_OP_ENCRYPT: Alg.OP_ENCRYPT,
  O_CLOEXEC: File.O_CLOEXEC,
  F_SETPIPE_SZ: File.F_SETPIPE_SZ,
  SPLICE_F_MOVE: File.SPLICE_F_MOVE,
  SPLICE_F_MORE: File.SPLICE_F_MORE,
  "if_nameindex.size": IfNameindex.size,
  "if_nameindex.index": IfNameindex.index,
  "if_nameindex.name": IfNameindex.name,
  "sockaddr_ll.size": SockaddrLl.size,
  "sockaddr_ll.family": SockaddrLl.family,
  "sockaddr_ll.protocol": SockaddrLl.protocol,
  "sockaddr_ll.ifindex": SockaddrLl.ifindex,
  "sockaddr_ll.hatype": SockaddrLl.hatype,
  "sockaddr_ll.pkttype": SockaddrLl.pkttype,
  "sockaddr_ll.halen": SockaddrLl.halen,
  "sockaddr_ll.addr": SockaddrLl.addr,
  "sockaddr_in.size": SockaddrIn.size,
  "sockaddr_in.family": SockaddrIn.family,
  "sockaddr_in.port": SockaddrIn.port,
  "sockaddr_in.addr": SockaddrIn.addr,
  "sockaddr_in6.size": SockaddrIn6.size,
  "sockaddr_in6.family": SockaddrIn6.family,
  "sockaddr_in6.port": SockaddrIn6.port,
  "sockaddr_in6.flowinfo": SockaddrIn6.flowinfo,
  "sockaddr_in6.addr": SockaddrIn6.addr,
  "sockaddr_in6.scopeId": SockaddrIn6.scopeId,
  "in6_pktinfo.size": In6Pktinfo.size,
  "in6_pktinfo.addr": In6Pktinfo.addr,
  "in6_pktinfo.ifindex": In6Pktinfo.ifindex,
  "packet_mreq.size": PacketMreq.size,
  "packet_mreq.ifindex": PacketMreq.ifindex,
  "packet_mreq.type": PacketMreq.type,
  "packet_mreq.alen": PacketMreq.alen,
  "packet_mreq.address": PacketMreq.address,
  "sock_filter.size": SockFilter.size,
  "sock_filter.code": SockFilter.code,
  "sock_filter.jt": SockFilter.jt,
  "sock_filter.jf": SockFilter.jf,
  "sock_filter.k": SockFilter.k,
  "sock_fprog.size": SockFprog.size,
  "sock_fprog.len": SockFprog.len,
  "sock_fprog.filter": SockFprog.filter,
  "tpacket_auxdata.size": TpacketAuxdata.size,
  "tpacket_auxdata.status": TpacketAuxdata.status,
  "tpacket_auxdata.len": TpacketAuxdata.len,
  "tpacket_auxdata.vlanTci": TpacketAuxdata.vlanTci,
  "tpacket_auxdata.vlanTpid": TpacketAuxdata.vlanTpid,
  "tpacket_req3.size": TpacketReq3.size,
  "tpacket_req3.blockSize": TpacketReq3.blockSize,
  "tpacket_req3.blockCount": TpacketReq3.blockCount,
  "tpacket_req3.frameSize": TpacketReq3.frameSize,
  "tpacket_req3.frameCount": TpacketReq3.frameCount,
  "tpacket_req3.retireTimeout": TpacketReq3.retireTimeout,
  "tpacket_req3.sizeofPriv": TpacketReq3.sizeofPriv,
  "tpacket_req3.featureWord": TpacketReq3.featureWord,
  "tpacket_block_desc.size": TpacketBlockDesc.size,
  "tpacket_block_desc.version": TpacketBlockDesc.version,
  "tpacket_block_desc.status": TpacketBlockDesc.status,
  "tpacket_block_desc.packetCount": TpacketBlockDesc.packetCount,
  "tpacket_block_desc.firstPacket": TpacketBlockDesc.firstPacket,
  "tpacket_block_desc.length": TpacketBlockDesc.length,
  "tpacket_block_desc.sequence": TpacketBlockDesc.sequence,
  "tpacket3_hdr.size": Tpacket3Hdr.size,
  "tpacket3_hdr.nextOffset": Tpacket3Hdr.nextOffset,
  "tpacket3_hdr.sec": Tpacket3Hdr.sec,
  "tpacket3_hdr.nsec": Tpacket3Hdr.nsec,
  "tpacket3_hdr.snaplen": Tpacket3Hdr.snaplen,
  "tpacket3_hdr.len": Tpacket3Hdr.len,
  "tpacket3_hdr.status": Tpacket3Hdr.status,
  "tpacket3_hdr.mac": Tpacket3Hdr.mac,
  "tpacket3_hdr.net": Tpacket3Hdr.net,
  "tpacket3_hdr.vlanTci": Tpacket3Hdr.vlanTci,
  "tpacket3_hdr.vlanTpid": Tpacket3Hdr.vlanTpid,
  "tpacket3_hdr.address": Tpacket3Hdr.address,
  "tpacket3_hdr.withAddress": Tpacket3Hdr.withAddress,
  PACKET_IGNORE_OUTGOING: Raw.PACKET_IGNORE_OUTGOING,
  PACKET_RX_RING: Ring.PACKET_RX_RING,
  PACKET_AUXDATA: Ring.PACKET_AUXDATA,
  PACKET_VERSION: Ring.PACKET_VERSION,
  TPACKET_V3: Ring.TPACKET_V3,
  TPACKET_ALIGNMENT: Ring.TPACKET_ALIGNMENT,
  TP_STATUS_KERNEL: Ring.TP_STATUS_KERNEL,
  TP_STATUS_USER: Ring.TP_STATUS_USER,
  TP_STATUS_VLAN_VALID: Ring.TP_STATUS_VLAN_VALID,
  TP_STATUS_VLAN_TPID_VALID: Ring.TP_STATUS_VLAN_TPID_VALID,
  PROT_READ: Ring.PROT_READ,
  PROT_WRITE: Ring.PROT_WRITE,
  MAP_SHARED: Ring.MAP_SHARED,
  "tpacket_stats.size": TpacketStats.size,
  "tpacket_stats.packets": TpacketStats.packets,
  "tpacket_stats.drops": TpacketStats.drops,
  "pollfd.size": Pollfd.size,
  "pollfd.fd": Pollfd.fd,
  "pollfd.events": Pollfd.events,
  "pollfd.revents": Pollfd.revents,
  "timespec.size": Timespec.size,
  "timespec.sec": Timespec.sec,
  "timespec.nsec": Timespec.nsec,
  "ifreq.size": Ifreq.size,
  "ifreq.name": Ifreq.name,
  "ifreq.hwaddr": Ifreq.hwaddr,
  "ifreq.hwaddrData": Ifreq.hwaddrData,
  AF_INET: Raw.AF_INET,
  AF_INET6: Raw.AF_INET6,
  AF_PACKET: Raw.AF_PACKET,
  SOCK_RAW: Raw.SOCK_RAW,
  SOCK_NONBLOCK: Raw.SOCK_NONBLOCK,
  ETH_P_ALL: Raw.ETH_P_ALL,
  SOL_PACKET: Raw.SOL_PACKET,
  PACKET_ADD_MEMBERSHIP: Raw.PACKET_ADD_MEMBERSHIP,
  PACKET_DROP_MEMBERSHIP: Raw.PACKET_DROP_MEMBERSHIP,
  PACKET_STATISTICS: Raw.PACKET_STATISTICS,
  PACKET_MR_PROMISC: Raw.PACKET_MR_PROMISC,
  SO_BINDTODEVICE: Raw.SO_BINDTODEVICE,
  SO_ATTACH_FILTER: Raw.SO_ATTACH_FILTER,
  SO_TIMESTAMPNS: Raw.SO_TIMESTAMPNS,
  IPPROTO_IP: Raw.IPPROTO_IP,
  IP_HDRINCL: Raw.IP_HDRINCL,
  IPPROTO_IPV6: Raw.IPPROTO_IPV6,
  IPV6_RECVPKTINFO: Raw.IPV6_RECVPKTINFO,
  IPV6_PKTINFO: Raw.IPV6_PKTINFO,
  IPV6_RECVHOPLIMIT: Raw.IPV6_RECVHOPLIMIT,
  IPV6_HOPLIMIT: Raw.IPV6_HOPLIMIT,
  IPV6_RECVTCLASS: Raw.IPV6_RECVTCLASS,
  IPV6_TCLASS: Raw.IPV6_TCLASS,
  MSG_TRUNC: Raw.MSG_TRUNC,
  POLLIN: Raw.POLLIN,
  SIOCGIFHWADDR: Raw.SIOCGIFHWADDR,
  SIOCGIFADDR: Raw.SIOCGIFADDR,
  "ifreq.addr": Ifreq.addr,
  "passwd.uid": Passwd.uid,
  "passwd.gid": Passwd.gid,
  IFNAMSIZ: Raw.IFNAMSIZ,
  PACKET_HOST: SllPacketType.HOST,
  PACKET_BROADCAST: SllPacketType.BROADCAST,
  PACKET_MULTICAST: SllPacketType.MULTICAST,
  PACKET_OTHERHOST: SllPacketType.OTHERHOST,
  PACKET_OUTGOING: SllPacketType.OUTGOING,
  "sizeof(sll_addr)": 8,
};

Deno.test({
  name: "libc_structs offsets, sizes and constants match the C headers (gcc)",
  ignore: Deno.build.os !== "linux" ||
    Deno.build.arch !== "x86_64" && Deno.build.arch !== "aarch64" ||
    !(await hasCommand("gcc")),
  fn: async () => {
    const dir = await Deno.makeTempDir();
    try {
      await Deno.writeTextFile(`${dir}/layout.c`, C_PROGRAM);
      const compiled = await new Deno.Command("gcc", {
        args: ["-o", `${dir}/layout`, `${dir}/layout.c`],
        stderr: "piped",
      }).output();
      assert.equal(compiled.code, 0, new TextDecoder().decode(compiled.stderr));
      const output = await new Deno.Command(`${dir}/layout`, { stdout: "piped" }).output();
      const theirs: Record<string, number> = {};
      for (const line of new TextDecoder().decode(output.stdout).trim().split("\n")) {
        const [name, value] = line.split(" ");
        theirs[name!] = Number(value);
      }
      assert.deepEqual(OURS, theirs);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test("sockaddrAlg() lays out family, type and name", () => {
  const bytes = sockaddrAlg("skcipher", "cbc(aes)");
  assert.equal(bytes.length, 88);
  assert.deepEqual([...bytes.subarray(0, 2)], [38, 0]);
  assert.equal(new TextDecoder().decode(bytes.subarray(2, 10)), "skcipher");
  assert.equal(bytes[10], 0);
  assert.deepEqual([...bytes.subarray(16, 24)], [0, 0, 0, 0, 0, 0, 0, 0]);
  assert.equal(new TextDecoder().decode(bytes.subarray(24, 32)), "cbc(aes)");
  assert.ok(bytes.subarray(32).every((b) => b === 0));
});

Deno.test("sockaddrAlg() rejects names that do not fit", () => {
  assert.throws(() => sockaddrAlg("hash", "x".repeat(64)), /at most 63 bytes allowed, received 64/);
  assert.throws(() => sockaddrAlg("x".repeat(14), "sha256"), RangeError);
  assert.equal(sockaddrAlg("hash", "x".repeat(63)).length, 88);
});

Deno.test("controlMessages() lays out ALG_SET_OP, ALG_SET_IV and ALG_SET_AEAD_ASSOCLEN", () => {
  const iv = new Uint8Array(12).fill(0xab);
  const bytes = controlMessages([
    { level: Sock.SOL_ALG, type: Alg.SET_OP, data: u32(Alg.OP_ENCRYPT) },
    { level: Sock.SOL_ALG, type: Alg.SET_IV, data: afAlgIv(iv) },
    { level: Sock.SOL_ALG, type: Alg.SET_AEAD_ASSOCLEN, data: u32(20) },
  ]);
  const view = new DataView(bytes.buffer);
  assert.equal(bytes.length, 24 + 32 + 24);
  assert.equal(view.getBigUint64(0, true), 20n);
  assert.equal(view.getInt32(8, true), 279);
  assert.equal(view.getInt32(12, true), 3);
  assert.equal(view.getUint32(16, true), 1);
  assert.equal(view.getBigUint64(24, true), 32n); // 16 + 4 + 12
  assert.equal(view.getInt32(36, true), 2);
  assert.equal(view.getUint32(40, true), 12);
  assert.deepEqual([...bytes.subarray(44, 56)], [...iv]);
  assert.equal(view.getBigUint64(56, true), 20n);
  assert.equal(view.getInt32(64, true), 279);
  assert.equal(view.getInt32(68, true), 4);
  assert.equal(view.getUint32(72, true), 20);
});

Deno.test("msghdr() points at one iovec over the data and at the control bytes", () => {
  const data = new Uint8Array(5);
  const control = new Uint8Array(24);
  const { header, iov } = msghdr(data, control);
  const view = new DataView(header.buffer);
  const iovView = new DataView(iov.buffer);
  const address = (buffer: Uint8Array) =>
    BigInt(Deno.UnsafePointer.value(Deno.UnsafePointer.of(buffer)));
  assert.equal(view.getBigUint64(Msghdr.name, true), 0n);
  assert.equal(view.getBigUint64(Msghdr.iov, true), address(iov));
  assert.equal(view.getBigUint64(Msghdr.iovLength, true), 1n);
  assert.equal(view.getBigUint64(Msghdr.control, true), address(control));
  assert.equal(view.getBigUint64(Msghdr.controlLength, true), 24n);
  assert.equal(iovView.getBigUint64(Iovec.base, true), address(data));
  assert.equal(iovView.getBigUint64(Iovec.length, true), 5n);
  const empty = msghdr(new Uint8Array(0), new Uint8Array(0));
  assert.equal(new DataView(empty.header.buffer).getBigUint64(Msghdr.control, true), 0n);
});

Deno.test("sockaddrLl() lays out family, big-endian protocol, index and address", () => {
  const bytes = sockaddrLl(0x0806, 7, new Uint8Array([1, 2, 3, 4, 5, 6]));
  assert.equal(bytes.length, 20);
  assert.deepEqual([...bytes], [17, 0, 8, 6, 7, 0, 0, 0, 0, 0, 0, 6, 1, 2, 3, 4, 5, 6, 0, 0]);
  assert.throws(() => sockaddrLl(3, 1, new Uint8Array(9)), RangeError);
});

Deno.test("sockaddrIn() and sockaddrIn6() lay out family, port and address", () => {
  assert.deepEqual(
    [...sockaddrIn(new Uint8Array([10, 0, 0, 1]), 80)],
    [2, 0, 0, 80, 10, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0],
  );
  const address = new Uint8Array(16).fill(0xfe);
  const bytes = sockaddrIn6(address, 5);
  assert.equal(bytes.length, 28);
  assert.deepEqual([...bytes.subarray(0, 8)], [10, 0, 0, 0, 0, 0, 0, 0]);
  assert.deepEqual([...bytes.subarray(8, 24)], [...address]);
  assert.deepEqual([...bytes.subarray(24)], [5, 0, 0, 0]);
  assert.throws(() => sockaddrIn(new Uint8Array(3)), /4 address bytes required, received 3/);
  assert.throws(() => sockaddrIn6(new Uint8Array(4)), RangeError);
});

Deno.test("packetMreq() lays out index and membership type", () => {
  assert.deepEqual([...packetMreq(0x0102, Raw.PACKET_MR_PROMISC)], [
    2,
    1,
    0,
    0,
    1,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
  ]);
});

Deno.test("sockFprog() points at the instructions in host byte order", () => {
  const { program, filter } = sockFprog([
    { code: 0x28, jt: 0, jf: 0, k: 12 },
    { code: 0x15, jt: 0, jf: 1, k: 0x800 },
    { code: 0x06, jt: 0, jf: 0, k: 0xffffffff },
    { code: 0x06, jt: 0, jf: 0, k: 0 },
  ]);
  const view = new DataView(program.buffer);
  assert.equal(view.getUint16(SockFprog.len, true), 4);
  assert.equal(
    view.getBigUint64(SockFprog.filter, true),
    BigInt(Deno.UnsafePointer.value(Deno.UnsafePointer.of(filter))),
  );
  assert.deepEqual([...filter.subarray(8, 16)], [0x15, 0, 0, 1, 0, 8, 0, 0]);
  assert.deepEqual([...filter.subarray(16, 24)], [6, 0, 0, 0, 0xff, 0xff, 0xff, 0xff]);
  assert.throws(() => sockFprog([]), /1 to 65535 instructions required, received 0/);
  assert.throws(() => sockFprog([{ code: 0x10000, jt: 0, jf: 0, k: 0 }]), /instruction 0/);
  assert.throws(() => sockFprog([{ code: 6, jt: 256, jf: 0, k: 0 }]), RangeError);
});
