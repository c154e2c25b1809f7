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
