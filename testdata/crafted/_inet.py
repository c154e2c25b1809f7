# The Internet checksum (RFC 1071) of the crafted captures' generators, which import it,
# and the small UDP datagrams that several of them carry.
import struct


def csum(data):
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


def ipv4_udp(payload=b"hi", ttl=64, src=bytes([10, 0, 0, 1]), dst=bytes([10, 0, 0, 2])):
    # An IPv4 UDP datagram from port 1024 to 9, both checksums set.
    udp = struct.pack(">HHHH", 1024, 9, 8 + len(payload), 0) + payload
    pseudo = src + dst + struct.pack(">BBH", 0, 17, len(udp))
    udp = udp[:6] + struct.pack(">H", csum(pseudo + udp)) + udp[8:]
    ip = struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 1, 0, ttl, 17, 0, src, dst)
    return ip[:10] + struct.pack(">H", csum(ip)) + ip[12:] + udp


def ipv6_udp(payload=b"hi"):
    # An IPv6 UDP datagram from fe80::1 port 1024 to fe80::2 port 9.
    src = bytes.fromhex("fe800000000000000000000000000001")
    dst = bytes.fromhex("fe800000000000000000000000000002")
    udp = struct.pack(">HHHH", 1024, 9, 8 + len(payload), 0) + payload
    pseudo = src + dst + struct.pack(">IxxxB", len(udp), 17)
    udp = udp[:6] + struct.pack(">H", csum(pseudo + udp)) + udp[8:]
    return struct.pack(">IHBB", 0x60000000, len(udp), 17, 64) + src + dst + udp


def ipv4_udp_frame(payload, src, dst, sport, dport, udp_length=None, ip_extra=b"", eth=b""):
    # An Ethernet frame (to the multicast MAC of dst) holding an IPv4 UDP datagram, both
    # checksums set; the UDP length field may say less than the payload (ip_extra follows
    # the datagram inside the IP packet).
    length = 8 + len(payload) if udp_length is None else udp_length
    udp = struct.pack(">HHHH", sport, dport, length, 0) + payload
    pseudo = src + dst + struct.pack(">BBH", 0, 17, len(udp))
    udp = udp[:6] + struct.pack(">H", csum(pseudo + udp)) + udp[8:] + ip_extra
    ip = struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 1, 0, 1, 17, 0, src, dst)
    ip = ip[:10] + struct.pack(">H", csum(ip)) + ip[12:]
    mac = bytes([1, 0, 0x5E, dst[1] & 0x7F, dst[2], dst[3]])
    return mac + bytes.fromhex("0080ad91d86f" "0800") + ip + udp


def tcp_segment(payload, seq, sport=40000, dport=179, window=16384):
    # An Ethernet frame holding an IPv4 TCP segment (PSH|ACK) from 10.0.0.1 to 10.0.0.2,
    # both checksums set.
    src, dst = bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2])
    tcp = struct.pack(">HHIIBBHHH", sport, dport, seq, 1, 0x50, 0x18, window, 0, 0) + payload
    pseudo = src + dst + struct.pack(">BBH", 0, 6, len(tcp))
    tcp = tcp[:16] + struct.pack(">H", csum(pseudo + tcp)) + tcp[18:]
    ip = struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), 1, 0, 64, 6, 0, src, dst)
    ip = ip[:10] + struct.pack(">H", csum(ip)) + ip[12:]
    return bytes.fromhex("020000000002020000000001") + b"\x08\x00" + ip + tcp


# The hosts and MACs of the IP length generators (inner_ip_lengths.py, pppoe_short_length.py).
A4, B4 = bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2])
A6 = bytes.fromhex("20010db8000000000000000000000001")
B6 = bytes.fromhex("20010db8000000000000000000000002")
MACS = bytes.fromhex("020000000002" "020000000001")


def ipv4_packet(payload, protocol=17, total=None, flags=0):
    # An IPv4 packet from A4 to B4 (id 7, TTL 64), its header checksum set; `total` gives
    # a length field other than the packet's.
    length = 20 + len(payload) if total is None else total
    header = struct.pack(">BBHHHBBH4s4s", 0x45, 0, length, 7, flags, 64, protocol, 0, A4, B4)
    return header[:10] + struct.pack(">H", csum(header)) + header[12:] + payload


def ipv6_packet(payload, next_header=17, payload_length=None):
    # An IPv6 packet from A6 to B6 (hop limit 64); `payload_length` gives a length field
    # other than the payload's.
    length = len(payload) if payload_length is None else payload_length
    return struct.pack(">IHBB", 0x60000000, length, next_header, 64) + A6 + B6 + payload


def pppoe_session(packet, protocol, length=None):
    # An Ethernet frame of a PPPoE session (0x0f07) carrying `packet` as PPP `protocol`;
    # `length` gives a length field other than the PPP frame's.
    ppp = struct.pack(">H", protocol) + packet
    size = len(ppp) if length is None else length
    return MACS + b"\x88\x64" + struct.pack(">BBHH", 0x11, 0, 0x0F07, size) + ppp


def write_pcap(name, frames, link_type=1):
    # Writes (data, length on the wire or None) frames as a pcap (Ethernet unless told), a
    # second apart.
    with open(name, "wb") as out:
        out.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, link_type))
        for i, (data, wire) in enumerate(frames):
            out.write(struct.pack("<IIII", 1_700_000_000 + i, 0, len(data), wire or len(data)))
            out.write(data)


def ipx_packet(socket=0x0452, payload=b"\x00\x01sap"):
    # An IPX packet (checksum ff ff, as Novell's raw 802.3 frames start) from
    # 00000002.02:00:00:00:00:aa.4000 to the broadcast node of network 1, to `socket`.
    header = struct.pack(">HHBB", 0xFFFF, 30 + len(payload), 0, 4)
    header += bytes.fromhex("00000001") + b"\xff" * 6 + struct.pack(">H", socket)
    header += bytes.fromhex("00000002" "0200000000aa") + struct.pack(">H", 0x4000)
    return header + payload


# An LLC/SNAP frame of an IPv4 UDP datagram (10.0.0.1:1000 to 10.0.0.2:2000, empty).
SNAP_IPV4_UDP = bytes.fromhex("aaaa03000000") + b"\x08\x00" + bytes.fromhex(
    "4500001c000100004011f9e70a0000010a000002") + struct.pack(">HHHH", 1000, 2000, 8, 0)
