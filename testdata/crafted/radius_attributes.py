# Writes radius_attributes.pcap: RADIUS packets (RFC 2865/2866/5176) over IPv4 on each of
# the UDP ports tcpdump binds (1645, 1812, 1646, 1813, 1700, 3799), one per case: every code
# tcpdump names and an unknown one, every attribute type tcpdump names (1 to 129) with values
# that reach each branch of its print functions (named and unnamed numbers, tunnel tags,
# durations, special addresses, IPv6 prefixes, vendor attributes, EAP messages, ARAP,
# Error-Cause, location, MIP6, times), values of a wrong length, types 0 and past 129,
# attributes too short or running past the packet, a header length below 20 or past the
# datagram, and packets the capture cuts in the header, an attribute's header and values.
import struct

from _inet import csum

PORTS = [1645, 1812, 1646, 1813, 1700, 3799]


def udp4(payload, port, udp_length=None):
    src, dst = bytes([192, 0, 2, 1]), bytes([198, 51, 100, 2])
    length = 8 + len(payload) if udp_length is None else udp_length
    udp = struct.pack(">HHHH", 40000 + port % 7, port, length, 0) + payload
    ip = struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 1, 0, 64, 17, 0, src, dst)
    ip = ip[:10] + struct.pack(">H", csum(ip)) + ip[12:]
    return bytes.fromhex("00000c07ac01020000000001") + b"\x08\x00" + ip + udp


def attr(kind, value):
    return bytes([kind, 2 + len(value)]) + value


def radius(code, attrs, ident=0x5A, length=None, extra=b""):
    body = b"".join(attrs)
    n = 20 + len(body) if length is None else length
    auth = bytes(range(0xA0, 0xB0))
    return struct.pack(">BBH", code, ident, n) + auth + body + extra


def u32(v):
    return struct.pack(">I", v)


def ntp(seconds, fraction=0):
    return struct.pack(">II", seconds, fraction)


V6 = bytes.fromhex("20010db8000000010000000000000001")
STRINGS = [attr(t, b"text-%d" % t) for t in range(1, 130)]
NUMBERS = [
    attr(5, u32(7)),
    attr(6, u32(2)),
    attr(6, u32(0)),
    attr(6, u32(19)),
    attr(6, u32(20)),
    attr(7, u32(7)),
    attr(7, u32(8)),
    attr(10, u32(0)),
    attr(10, u32(3)),
    attr(10, u32(4)),
    attr(12, u32(1500)),
    attr(13, u32(3)),
    attr(15, u32(8)),
    attr(15, u32(9)),
    attr(16, u32(23)),
    attr(23, u32(0xFFFFFFFE)),
    attr(23, u32(0xFFFFFFFF)),
    attr(27, u32(5)),
    attr(28, u32(59)),
    attr(41, u32(60)),
    attr(46, u32(3599)),
    attr(85, u32(3600)),
    attr(27, u32(363599)),
    attr(28, u32(0xFFFFFFFF)),
    attr(29, u32(1)),
    attr(29, u32(2)),
    attr(37, u32(0)),
    attr(37, u32(12)),
    attr(38, u32(0)),
    attr(38, u32(9)),
    attr(40, u32(15)),
    attr(40, u32(16)),
    attr(45, u32(4)),
    attr(49, u32(23)),
    attr(49, u32(24)),
    attr(56, b"\x31\x00\x00\x7b"),
    attr(56, b"\x32\x00\x0f\xff"),
    attr(56, b"\x33\x00\x00\x01"),
    attr(57, u32(1)),
    attr(57, u32(3)),
    attr(61, u32(43)),
    attr(61, u32(44)),
    attr(62, u32(4)),
    attr(64, b"\x00\x00\x00\x0d"),
    attr(64, b"\x05\x00\x00\x0e"),
    attr(65, b"\x01\x00\x00\x0f"),
    attr(65, b"\x00\x01\x00\x00"),
    attr(72, u32(4)),
    attr(75, u32(3)),
    attr(76, u32(1)),
    attr(76, u32(2)),
    attr(83, b"\x00\x00\x00\x02"),
    attr(83, b"\x09\x01\x00\x00"),
    attr(86, u32(3)),
    attr(5, b"\x00\x01"),
    attr(6, bytes(6)),
]
ADDRESSES = [
    attr(4, bytes([10, 0, 0, 1])),
    attr(8, u32(0xFFFFFFFF)),
    attr(8, u32(0xFFFFFFFE)),
    attr(8, bytes([10, 0, 0, 9])),
    attr(9, u32(0xFFFFFFFF)),
    attr(14, u32(0xFFFFFFFE)),
    attr(14, bytes([192, 0, 2, 14])),
    attr(4, bytes(3)),
    attr(95, V6),
    attr(98, bytes(16)),
    attr(95, bytes(4)),
    attr(97, b"\x00\x40" + V6[:8]),
    attr(97, b"\x00\x80" + V6),
    attr(97, b"\x00\x30" + V6[:4]),
    attr(97, b"\x00\x00"),
    attr(97, b"\x00"),
    attr(97, bytes(17)),
    attr(123, b"\x00\x81" + V6),
    attr(123, b"\x00\x38" + V6[:7]),
    attr(125, b"\x40" + V6),
    attr(125, b"\x81" + V6),
    attr(125, V6),
]
TEXTS = [
    attr(1, b"bob\x01\x7f\xff"),
    attr(1, b"cut\x00hidden"),
    attr(18, b"Hello, world"),
    attr(69, b"\x05\x12\x34secret"),
    attr(69, b"\x00\x00\x01"),
    attr(69, b"\x20\x00\x01x"),
    attr(69, b"\x01\x02"),
    attr(66, b"\x00host"),
    attr(67, b"\x07host"),
    attr(81, b"\x1fvlan"),
    attr(82, b"Aid"),
    attr(90, b"\x20client"),
    attr(91, b"\x01"),
    attr(58, b"\x31blue"),
    attr(58, b"\x32red"),
    attr(58, b"\x00grey"),
    attr(80, bytes(range(0xF0, 0x100))),
]
VENDORS = [
    attr(26, u32(9) + attr(1, b"shell:priv-lvl=15") + attr(2, b"")),
    attr(26, u32(311) + attr(16, b"\x00\x01\xff")),
    attr(26, u32(46098)),
    attr(26, u32(123456) + attr(3, b"x") + b"\x07"),
    attr(26, u32(14122) + b"\x01\x01"),
    attr(26, u32(3561) + b"\x02\x09abc"),
    attr(26, b"\x00\x00\x09"),
]
EAP = [
    attr(79, bytes([2, 1, 0, 10, 1]) + b"alice"),
    attr(79, bytes([1, 2, 0, 5, 1])),
    attr(79, bytes([1, 3, 0, 6, 2, 0x41])),
    attr(79, bytes([2, 4, 0, 7, 3, 13, 25])),
    attr(79, bytes([1, 5, 0, 10, 13, 0x80, 0, 0, 1, 0])),
    attr(79, bytes([1, 6, 0, 6, 21, 0x21])),
    attr(79, bytes([1, 7, 0, 8, 43, 0xA1, 0, 0])),
    attr(79, bytes([2, 8, 0, 6, 18, 11])),
    attr(79, bytes([2, 9, 0, 6, 23, 1])),
    attr(79, bytes([3, 10, 0, 4])),
    attr(79, bytes([4, 11, 0, 4])),
    attr(79, bytes([1, 12, 0, 4])),
    attr(79, bytes([1, 13, 0, 5, 4])),
    attr(79, bytes([1, 14, 0, 9, 1])),
    attr(79, bytes([9, 15, 0, 5, 1])),
    attr(79, bytes([1, 16, 0, 5, 2])),
    attr(79, bytes([1, 17, 0, 5, 13])),
    attr(79, bytes([1, 18, 0, 5, 23])),
    attr(79, bytes([1, 19, 0, 5, 3])),
]
STRANGE = [
    attr(70, bytes(range(1, 17))),
    attr(70, bytes(15)),
    attr(71, b"\x01\x08" + bytes(range(0x10, 0x1C))),
    attr(71, b"\x00\x06" + bytes(12)),
    attr(71, bytes(13)),
    attr(84, bytes(range(0xA0, 0xA8))),
    attr(84, bytes(range(0xA0, 0xAA))),
    attr(84, bytes(7)),
    attr(101, u32(201)),
    attr(101, u32(509)),
    attr(101, u32(999)),
    attr(101, bytes(5)),
    attr(55, u32(0)),
    attr(55, u32(1234567890)),
    attr(55, u32(0xFFFFFFFF)),
    attr(55, bytes(2)),
    attr(124, struct.pack(">Q", 0x0003FF0000000003)),
    attr(124, bytes(8)),
    attr(124, bytes(4)),
]
LOCATION = [
    attr(126, b"\x31example.com"),
    attr(126, b"\x30\x01\xff"),
    attr(126, b"\x40x"),
    attr(126, b"\x33"),
    attr(127, b"\x00\x01\x00\x01" + ntp(3900000000, 0x80000000) + ntp(0) + b"GPS"),
    attr(127, b"\x01\x02\x07\x09" + ntp(1) + ntp(2, 1) + b"\xc3"),
    attr(127, bytes(19)),
    attr(128, b"\x00\x03" + bytes(range(0x30, 0x50))),
    attr(128, b"\x00\x04"),
    attr(129, b"\x80\x01" + ntp(3900000000)),
    attr(129, b"\x00\x00" + ntp(0) + b"note"),
    attr(129, bytes(7)),
]
OTHERS = [
    attr(2, bytes(16)),
    attr(3, bytes(17)),
    attr(17, b"x"),
    attr(59, bytes(8)),
    attr(94, b"\x00\x01"),
    attr(96, bytes(8)),
    attr(102, b"key"),
    attr(130, b"new"),
    attr(254, b"vendor"),
    attr(0, b"zero"),
    attr(1, b""),
]
CASES = [
    radius(1, STRINGS[:40]),
    radius(2, STRINGS[40:85]),
    radius(3, STRINGS[85:]),
    radius(4, NUMBERS),
    radius(5, ADDRESSES),
    radius(11, TEXTS),
    radius(12, VENDORS),
    radius(13, EAP),
    radius(40, STRANGE),
    radius(41, LOCATION),
    radius(42, OTHERS),
    radius(43, []),
    radius(44, [attr(1, b"a")], ident=0),
    radius(45, [attr(1, b"a")], ident=0xFF),
    radius(255, [attr(1, b"a")]),
    radius(99, [attr(1, b"a")]),
    radius(1, [attr(1, b"a"), b"\x01\x01", attr(1, b"b")]),
    radius(1, [attr(1, b"a"), b"\x01\x00"]),
    radius(1, [attr(1, b"a"), b"\x01\x09abc"]),
    radius(1, [attr(1, b"a"), b"\x01"]),
    radius(1, [attr(1, b"a")], length=19),
    radius(1, [attr(1, b"a")], length=0),
    radius(1, [attr(1, b"a"), attr(1, b"b")], length=23),
    radius(1, [attr(1, b"a")], length=200),
    radius(1, [attr(1, b"a")], extra=b"trailing"),
]
frames = [(udp4(p, PORTS[i % len(PORTS)]), None) for i, p in enumerate(CASES)]
# Datagrams shorter than the header, empty, and a UDP length shorter than the header.
for n in (0, 1, 19):
    frames.append((udp4(radius(1, [])[:n], 1812), None))
frames.append((udp4(radius(1, [attr(1, b"a")]), 1813, udp_length=8 + 16), None))
# Cut by the capture: in the header, an attribute's header, a string, a number and its tag,
# an address, a vendor attribute, ARAP bytes, a feature vector, an EAP header.
CUTS = [
    (radius(1, [attr(1, b"abcdef")]), (5, 19, 20, 21, 22, 25)),
    (radius(4, [attr(64, b"\x05\x00\x00\x0d"), attr(1, b"a")]), (22, 23, 25)),
    (radius(4, [attr(5, u32(7))]), (23,)),
    (radius(4, [attr(83, b"\x05\x00\x00\x02")]), (23,)),
    (radius(4, [attr(56, b"\x31\x00\x00\x02")]), (22, 24)),
    (radius(5, [attr(8, bytes(4))]), (24,)),
    (radius(5, [attr(95, V6)]), (30,)),
    (radius(5, [attr(97, b"\x00\x40" + V6[:8])]), (25,)),
    (radius(5, [attr(125, b"\x40" + V6)]), (25,)),
    (radius(12, [attr(26, u32(9) + attr(1, b"abc") + attr(2, b"de"))]), (24, 27, 28, 30, 33)),
    (radius(12, [attr(26, u32(9)), attr(1, b"x")]), (26,)),
    (radius(40, [attr(70, bytes(range(1, 17)))]), (22, 26, 33)),
    (radius(40, [attr(71, b"\x01\x08" + bytes(12))]), (22, 23, 25, 30, 35)),
    (radius(40, [attr(84, bytes(8))]), (25,)),
    (radius(40, [attr(101, u32(201))]), (23,)),
    (radius(40, [attr(55, u32(0))]), (23,)),
    (radius(40, [attr(124, bytes(8))]), (25,)),
    (radius(41, [attr(126, b"\x31abc")]), (24,)),
    (radius(41, [attr(127, bytes(21))]), (30,)),
    (radius(41, [attr(128, bytes(5))]), (24,)),
    (radius(41, [attr(129, bytes(10))]), (26,)),
    (radius(13, [attr(79, bytes([2, 1, 0, 10, 1]) + b"alice")]), (24, 26)),
    (radius(13, [attr(79, b"\x02\x01"), attr(1, b"ab")]), (24, 25)),
    (radius(11, [attr(69, b"\x05\x12\x34secret"), attr(1, b"a")]), (24, 32)),
]
for payload, cuts in CUTS:
    for n in cuts:
        f = udp4(payload, 1812)
        frames.append((f[: 14 + 20 + 8 + n], len(f)))
with open("radius_attributes.pcap", "wb") as out:
    out.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    for i, (data, wire) in enumerate(frames):
        out.write(struct.pack("<IIII", 1_700_000_000 + i, 0, len(data), wire or len(data)))
        out.write(data)
