# Writes ppp_serial.pcap: LINKTYPE_PPP_SERIAL (50), PPP in HDLC-like framing (RFC 1662)
# and Cisco HDLC frames as tcpdump's ppp_hdlc_if_print() reads them: PPP with IPv4, IPv6,
# LCP, IPCP, a control byte that is not 0x03, unknown protocols; Cisco HDLC IPv4 and
# SLARP; an unknown address; headers cut by the capture; and protocols whose high byte is
# 0x7e, which tcpdump un-escapes (RFC 1662 octet stuffing) from the low byte on before it
# guesses the protocol: one octet (IPv4, IPv6), "ff 03" and a protocol, a 2-octet
# protocol, an invalid 0x7eXX one, with and without escapes, and cut.
import struct
from _inet import ipv4_udp, ipv6_udp


def stuff(data):
    # RFC 1662 octet stuffing of the flag, the escape and control characters.
    out = b""
    for b in data:
        out += bytes([0x7D, b ^ 0x20]) if b in (0x7E, 0x7D) or b < 0x20 else bytes([b])
    return out


def ppp(protocol, body, control=0x03):
    return struct.pack(">BBH", 0xFF, control, protocol) + body


LCP_REQUEST = struct.pack(">BBH", 1, 1, 14) + bytes([1, 4, 0x05, 0xDC, 5, 6, 0x12, 0x34, 0x56, 0x78])
LCP_ECHO = struct.pack(">BBHI", 9, 2, 8, 0x12345678)
IPCP_REQUEST = struct.pack(">BBH", 1, 3, 10) + bytes([3, 6, 10, 0, 0, 1])
IP = ipv4_udp()
# TTL 0x7d and an address with 0x7e: stuffed, they read right only after un-escaping.
IP_ESCAPED = ipv4_udp(b"~}x", ttl=0x7D, src=bytes([10, 0, 0, 0x7E]))
frames = [
    ppp(0x0021, IP),
    ppp(0x0057, ipv6_udp()),
    ppp(0xC021, LCP_REQUEST),
    ppp(0xC021, LCP_ECHO),
    ppp(0x8021, IPCP_REQUEST),
    ppp(0x0021, IP, control=0x00),
    ppp(0x1234, b"\x01\x02\x03\x04"),
    ppp(0xC025, b"\xaa\xbb"),
    ppp(0x0800, IP),
    ppp(0x86DD, ipv6_udp()),
    ppp(0x002F, IP),
    # Cisco HDLC: unicast IPv4, broadcast SLARP keepalive.
    struct.pack(">BBH", 0x0F, 0, 0x0800) + IP,
    struct.pack(">BBH", 0x8F, 0, 0x8035) + struct.pack(">IIIH", 2, 7, 6, 0xFFFF) + b"\x00\x01\x02\x03",
    # An unknown address.
    struct.pack(">BBH", 0x01, 0x03, 0x0021) + IP,
    # 0x7e protocols, no escape: the 2-octet guess, the one-octet guesses, "ff 03".
    ppp(0x7E08, b"\x00" + IP),
    ppp(0x7E21, IP),
    ppp(0x7E57, ipv6_udp()),
    ppp(0x7EFF, b"\x03\x00\x21" + IP),
    ppp(0x7EFF, b"\x03\xc0\x21" + LCP_ECHO),
    ppp(0x7EFF, b"\x03\x7e\x10\x00"),
    ppp(0x7E7E, b"\x55\x00"),
    ppp(0x7EC0, b"\x21" + LCP_REQUEST),
    ppp(0x7E12, b"\x34\xaa\xbb\xcc"),
    ppp(0x7E80, b"\x21" + IPCP_REQUEST),
    # Escapes: the IPv4 packet stuffed; "ff 03" behind escapes; the guess's first octet
    # escaped; an escape as the last byte.
    ppp(0x7E08, b"\x00" + stuff(IP_ESCAPED)),
    ppp(0x7E7D, b"\xdf\x7d\x23\x00\x21" + stuff(IP)),
    ppp(0x7E7D, b"\x01" + stuff(IP_ESCAPED)),
    ppp(0x7E7D, b"\x77" + stuff(ipv6_udp(b"\x7e\x7e"))),
    ppp(0x7E08, b"\x00" + stuff(IP) + b"\x7d"),
    ppp(0x7E7D, b"\xe0\x7d\x21" + stuff(LCP_ECHO)),
    # Nothing after the protocol.
    ppp(0x7E08, b""),
]
records = [(f, len(f)) for f in frames]
# Cut by the capture: the link header (PPP, Cisco HDLC, unknown address), the guesses.
cuts = [
    (ppp(0x0021, IP), 1),
    (ppp(0x0021, IP), 3),
    (struct.pack(">BBH", 0x0F, 0, 0x0800) + IP, 1),
    (struct.pack(">BBH", 0x0F, 0, 0x0800) + IP, 3),
    (struct.pack(">BBH", 0x8F, 0, 0x8035) + bytes(18), 12),
    (struct.pack(">BBH", 0x05, 0x03, 0x0021) + IP, 3),
    (ppp(0xC021, LCP_REQUEST), 6),
    (ppp(0x7E7D, b"\x01" + IP), 4),
    (ppp(0x7E08, b"\x00" + IP), 4),
    (ppp(0x7EFF, b"\x03\x00\x21" + IP), 6),
    (ppp(0x7EFF, b"\x03\x00\x21" + IP), 7),
    (ppp(0x7E08, b"\x00" + stuff(IP_ESCAPED)), 20),
    (ppp(0x7E08, b"\x00" + IP), 30),
    (ppp(0x7E21, IP), 4),
]
records += [(f[:n], len(f)) for f, n in cuts]
with open("ppp_serial.pcap", "wb") as out:
    out.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 50))
    for i, (data, wire) in enumerate(records):
        out.write(struct.pack("<IIII", 1_700_000_000 + i, 0, len(data), wire))
        out.write(data)
