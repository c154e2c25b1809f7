# Writes ppp_stuffed.pcap: link type PPP (9) frames that reach tcpdump's handle_ppp() with
# what link type 50's capture (ppp_serial.py) also covers: protocols whose high byte is
# 0x7e, un-escaped (RFC 1662) and guessed as ppp_hdlc() does, with and without escapes,
# invalid and cut; IPv4 by its EtherType and as VJNC; compressed data; unknown protocols
# in hex; a control packet cut before its length.
import struct
from _inet import csum


def ipv4_udp(payload=b"hi", ttl=64, src=bytes([10, 0, 0, 1])):
    dst = bytes([10, 0, 0, 2])
    udp = struct.pack(">HHHH", 1024, 9, 8 + len(payload), 0) + payload
    pseudo = src + dst + struct.pack(">BBH", 0, 17, len(udp))
    udp = udp[:6] + struct.pack(">H", csum(pseudo + udp)) + udp[8:]
    ip = struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 1, 0, ttl, 17, 0, src, dst)
    return ip[:10] + struct.pack(">H", csum(ip)) + ip[12:] + udp


def stuff(data):
    out = b""
    for b in data:
        out += bytes([0x7D, b ^ 0x20]) if b in (0x7E, 0x7D) or b < 0x20 else bytes([b])
    return out


def ppp(protocol, body):
    return struct.pack(">BBH", 0xFF, 0x03, protocol) + body


IP = ipv4_udp()
IP_ESCAPED = ipv4_udp(b"~}", ttl=0x7D, src=bytes([10, 0, 0, 0x7E]))
LCP_ECHO = struct.pack(">BBHI", 9, 2, 8, 0x12345678)
frames = [
    ppp(0x1234, bytes(range(20))),
    ppp(0xC025, b"\xaa\xbb"),
    ppp(0x0800, IP),
    ppp(0x002F, IP),
    ppp(0x00FD, b"\x01\x02"),
    ppp(0x7E08, b"\x00" + IP),
    ppp(0x7E08, b"\x00" + stuff(IP_ESCAPED)),
    ppp(0x7E7D, b"\xdf\x7d\x23\xc0\x21" + stuff(LCP_ECHO)),
    ppp(0x7EFF, b"\x03\x7e\x10\x00"),
    ppp(0x7E12, b"\x34\xaa\xbb"),
    struct.pack(">H", 0x7E21) + IP,
]
records = [(f, len(f)) for f in frames]
cuts = [(ppp(0x7E21, IP), 4), (ppp(0x7E08, b"\x00" + IP), 5), (ppp(0xC021, LCP_ECHO), 6)]
records += [(f[:n], len(f)) for f, n in cuts]
with open("ppp_stuffed.pcap", "wb") as out:
    out.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 9))
    for i, (data, wire) in enumerate(records):
        out.write(struct.pack("<IIII", 1_700_000_000 + i, 0, len(data), wire))
        out.write(data)
