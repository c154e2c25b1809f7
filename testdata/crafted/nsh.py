# Writes nsh.pcap: the Network Service Header (RFC 8300) behind EtherType 0x894f and behind
# VXLAN-GPE (UDP port 4790), as tcpdump's nsh_print() and vxlan_gpe_print() read them: MD
# type 1 (four context headers; a length other than 6), MD type 2 (TLVs with values of 0 to
# 9 bytes, padding, a TLV longer than the header), reserved, experimental and unknown MD
# types, the O flag and the unassigned bit, TTLs, versions other than 0, every next protocol
# (IPv4, IPv6, Ethernet, NSH, MPLS, experimental, unknown), lengths below 2 and above the
# packet's, VXLAN-GPE's flags, next protocols and VNIs, the port as source or destination
# (and after VXLAN's and Geneve's), messages of 0-7 bytes, UDP lengths shorter than the IP
# packet, then headers cut by the capture at every byte, by the UDP length at every byte
# (each next protocol, the IP packet holding the rest), GRE and Geneve carrying NSH, and
# padded Ethernet frames.
import struct

from _inet import csum, ipv4_udp, ipv4_udp_frame, ipv6_udp, write_pcap

MACS = bytes.fromhex("00005e005301" "00005e005302")
INNER_ETHER = MACS + b"\x08\x00" + ipv4_udp(b"eth")
ARP = MACS + b"\x08\x06" + bytes.fromhex("0001080006040001" "00005e005301" "c0000201" "000000000000" "c0000202")
IPV4 = ipv4_udp(b"nsh")
IPV6 = ipv6_udp(b"nsh6")


def nsh(next_protocol, md_type=1, context=None, length=None, ttl=63, flags=0, version=0, spi=0x123456, si=255):
    if context is None:
        context = struct.pack(">IIII", 1, 2, 0xDEADBEEF, 0xFFFFFFFF) if md_type == 1 else b""
    words = 2 + len(context) // 4 if length is None else length
    base = (version << 30) | (flags << 28) | (ttl << 22) | (words << 16) | (md_type << 8) | next_protocol
    return struct.pack(">II", base, (spi << 8) | si) + context


def tlv(cls, typ, value, length=None):
    n = len(value) if length is None else length
    return struct.pack(">HBB", cls, typ, n) + value + b"\0" * (-len(value) % 4)


def ether(payload, ethertype=0x894F):
    return MACS[6:] + MACS[:6] + struct.pack(">H", ethertype) + payload


def gpe(next_protocol, payload, flags=0x0C, vni=0xABCDEF, reserved=0):
    return struct.pack(">BHBI", flags, 0, next_protocol, (vni << 8) | reserved) + payload


def udp(message, sport=4790, dport=4790, udp_length=None, ip_extra=b""):
    return ipv4_udp_frame(message, bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2]), sport, dport, udp_length, ip_extra)


TLVS = tlv(1, 2, b"\x12") + tlv(0x8000, 0x81, b"") + tlv(0xFFFF, 0xFF, bytes(range(9))) + tlv(3, 4, b"abcd")
WHOLE1 = nsh(1) + IPV4
WHOLE2 = nsh(1, 2, TLVS) + IPV4
GPE = gpe(4, WHOLE2)

frames = [
    ether(WHOLE1),
    ether(WHOLE2),
    ether(nsh(2) + IPV6),
    ether(nsh(3) + INNER_ETHER),
    ether(nsh(3, 2, TLVS) + ARP),
    ether(nsh(3) + INNER_ETHER[:10]),
    ether(nsh(4) + WHOLE1),
    ether(nsh(5) + b"\0\0\x01\xff" + IPV4),
    ether(nsh(0xFE) + IPV4),
    ether(nsh(0xFF) + IPV4),
    ether(nsh(0x77) + IPV4),
    # Flags, TTL, versions.
    ether(nsh(1, flags=2, ttl=0) + IPV4),
    ether(nsh(1, flags=1, ttl=1) + IPV4),
    ether(nsh(1, flags=3, spi=0, si=0) + IPV4),
    ether(nsh(1, version=1) + IPV4),
    ether(nsh(1, version=3)),
    # MD types: reserved, experimental, unknown, type 1 with a length other than 6.
    ether(nsh(1, 0, b"\0" * 8) + IPV4),
    ether(nsh(1, 15, b"\1" * 4) + IPV4),
    ether(nsh(1, 7, b"") + IPV4),
    ether(nsh(1, 1, b"\0" * 8) + IPV4),
    ether(nsh(1, 1, b"") + IPV4),
    # MD type 2: none, zero-length, a TLV past the header, a length with the high bit.
    ether(nsh(1, 2, b"") + IPV4),
    ether(nsh(1, 2, tlv(5, 6, b"")) + IPV4),
    ether(nsh(1, 2, tlv(5, 6, b"\1" * 8)[:8]) + IPV4),
    ether(nsh(1, 2, tlv(5, 6, b"\1\2\3\4\5") + tlv(7, 8, b"\1" * 4), length=6) + IPV4),
    ether(nsh(1, 2, struct.pack(">HBB", 9, 9, 0x81) + b"\xaa\0\0\0") + IPV4),
    # Lengths: below 2, past the frame.
    ether(nsh(1, length=0) + IPV4),
    ether(nsh(1, length=1) + IPV4),
    ether(nsh(1, length=63) + IPV4),
    # Short frames (by the capture too) and no payload.
    ether(WHOLE1[:5]),
    ether(WHOLE1[:8]),
    ether(b""),
    ether(nsh(1)),
    ether(nsh(2)),
    ether(nsh(3)),
    ether(nsh(1) + IPV4[:10]),
    ether(nsh(2) + IPV6[:30]),
    # VXLAN-GPE: every next protocol, flags, VNIs.
    udp(GPE),
    udp(gpe(1, IPV4, flags=0x0F, vni=0)),
    udp(gpe(2, IPV6, flags=0, vni=0xFFFFFF, reserved=0xFF)),
    udp(gpe(3, INNER_ETHER, flags=0xF0)),
    udp(gpe(3, ARP, flags=0x02)),
    udp(gpe(3, INNER_ETHER[:12])),
    udp(gpe(4, nsh(3) + INNER_ETHER)),
    udp(gpe(4, nsh(4) + WHOLE1)),
    udp(gpe(4, WHOLE1[:5])),
    udp(gpe(4, b"")),
    udp(gpe(1, b"")),
    udp(gpe(2, b"")),
    udp(gpe(3, b"")),
    udp(gpe(5, IPV4)),
    udp(gpe(0, IPV4)),
    udp(gpe(0xFF, IPV4)),
    # Ports: one of them; VXLAN's and Geneve's tried before.
    udp(GPE, sport=1024),
    udp(GPE, dport=1024),
    udp(GPE, sport=4789),
    udp(GPE, dport=6081),
    udp(GPE, sport=6635),
    # UDP lengths shorter than the IP packet, and messages of 0-7 bytes.
    udp(GPE[:30], ip_extra=GPE[30:]),
    udp(gpe(3, INNER_ETHER)[:20], ip_extra=gpe(3, INNER_ETHER)[20:]),
    udp(GPE[:5], ip_extra=GPE[5:]),
]
frames = [(f, None) for f in frames]
frames += [(udp(GPE[:n]), None) for n in range(8)]
# Cut by the capture at every byte (the lengths say the whole message).
for whole in (ether(WHOLE1), ether(WHOLE2), udp(GPE)):
    start = 14 if whole[12:14] == b"\x89\x4f" else 42
    for n in range(start, start + 60):
        frames.append((whole[:n], len(whole)))
# Cut by the UDP length at every byte (the capture holds all it says), the IP packet
# holding the rest or not: the packet inside is read to the IP packet's end.
for n in range(8, 60):
    frames.append((udp(GPE[:n]), None))
for g in (GPE, gpe(1, IPV4), gpe(2, IPV6), gpe(3, INNER_ETHER), gpe(4, nsh(2) + IPV6), gpe(4, nsh(3) + INNER_ETHER)):
    for n in range(8, len(g)):
        frames.append((udp(g[:n], ip_extra=g[n:]), None))
# GRE and Geneve carrying NSH by its EtherType.
for body in (WHOLE1, WHOLE2, WHOLE1[:6]):
    ip = struct.pack(">BBHHHBBH4s4s", 0x45, 0, 24 + len(body), 1, 0, 64, 47, 0, bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2]))
    ip = ip[:10] + struct.pack(">H", csum(ip)) + ip[12:]
    frames.append((MACS + b"\x08\x00" + ip + struct.pack(">HH", 0, 0x894F) + body, None))
    frames.append((udp(struct.pack(">BBHI", 0, 0, 0x894F, 100 << 8) + body, sport=1000, dport=6081), None))
# Ethernet frames padded past the NSH packet, or cut inside it.
frames.append((ether(nsh(1, 2, b"") + IPV4[:20]) + b"\0" * 20, None))
frames.append((ether(nsh(1, 2, b"") + IPV4[:20])[:30], 60))
write_pcap("nsh.pcap", frames)
