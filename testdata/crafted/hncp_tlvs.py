# Writes hncp_tlvs.pcap: HNCP packets (RFC 7788/7787) on UDP port 8231, over IPv6 and IPv4,
# one per case: every TLV tcpdump names with its fields and nested TLVs, every type range,
# each TLV with a body too short or too long for it, IPv4-mapped and IPv6 prefixes (also of
# impossible length or past the body), every prefix policy, DNS labels with and without a
# root, DHCPv4/DHCPv6 data (servers, search lists with compression pointers, unknown options,
# bad lengths, short headers, overruns), runs of one type printed in line, TLVs past the UDP
# length, the port choices against RADIUS and AHCP, and one packet cut at every byte.
import struct

from _inet import csum

SRC6 = bytes.fromhex("fe800000000000000218f3fffea9914e")
DST6 = bytes.fromhex("ff020000000000000000000000000011")
SRC4 = bytes([10, 0, 0, 1])
DST4 = bytes([224, 0, 0, 9])


def udp6(payload, sport=8231, dport=8231, udp_extra=0):
    udp = struct.pack(">HHHH", sport, dport, 8 + len(payload) - udp_extra, 0) + payload
    pseudo = SRC6 + DST6 + struct.pack(">IxxxB", len(udp), 17)
    udp = udp[:6] + struct.pack(">H", csum(pseudo + udp)) + udp[8:]
    ip = struct.pack(">IHBB", 0x60000000, len(udp), 17, 1) + SRC6 + DST6
    return bytes.fromhex("333300000011020000000001") + b"\x86\xdd" + ip + udp


def udp4(payload, sport=8231, dport=8231):
    udp = struct.pack(">HHHH", sport, dport, 8 + len(payload), 0) + payload
    pseudo = SRC4 + DST4 + struct.pack(">BBH", 0, 17, len(udp))
    udp = udp[:6] + struct.pack(">H", csum(pseudo + udp)) + udp[8:]
    ip = struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 1, 0, 1, 17, 0, SRC4, DST4)
    ip = ip[:10] + struct.pack(">H", csum(ip)) + ip[12:]
    return bytes.fromhex("01005e000009020000000001") + b"\x08\x00" + ip + udp


def tlv(kind, body, length=None):
    pad = b"\0" * (-len(body) % 4)
    return struct.pack(">HH", kind, len(body) if length is None else length) + body + pad


NID = bytes.fromhex("31da78d2")
V6 = bytes.fromhex("fd1ff88ce207dbbc000000000000001b")
MAPPED = bytes(10) + b"\xff\xff" + bytes([10, 0, 101, 27])
HASH = bytes.fromhex("2ae5f77255200bcc")


def prefix6(bits, addr=V6):
    return bytes([bits]) + addr[: (bits + 7) // 8]


def prefix4(bits, addr=bytes([10, 0, 99, 255])):
    return bytes([96 + bits]) + MAPPED[:12] + addr[: (bits + 7) // 8]


def labels(*names):
    return b"".join(bytes([len(n)]) + n for n in names) + b"\0"


def dh4(code, value):
    return bytes([code, len(value)]) + value


def dh6(code, value):
    return struct.pack(">HH", code, len(value)) + value


def name(*parts):
    return b"".join(bytes([len(p)]) + p for p in parts) + b"\0"


ALL_NESTED = (
    tlv(8, NID + bytes.fromhex("0100000001000000"))
    + tlv(32, bytes([0, 0, 0x04, 0x44]) + b"hnetd/cac971d")
    + tlv(
        33,
        tlv(34, struct.pack(">II", 599, 299) + prefix4(8) + b"\0" * 2 + tlv(43, b"\0"))
        + tlv(37, dh4(6, bytes([192, 168, 1, 254]))),
    )
    + tlv(35, struct.pack(">IB", 3, 0x12) + prefix6(64))
    + tlv(35, struct.pack(">IB", 1, 2) + prefix4(24) + b"\0" * 3 + tlv(0, b""))
    + tlv(36, struct.pack(">I", 1) + MAPPED)
    + tlv(36, struct.pack(">I", 3) + V6 + tlv(9, bytes(8)))
    + tlv(39, V6 + b"\x06" + labels(b"lan", b"r", b"home"))
    + tlv(39, V6 + b"\x01" + labels(b"wlan0", b"home") + tlv(40, labels(b"home")))
    + tlv(41, MAPPED + b"\x02r1")
    + tlv(41, V6 + b"\x01r" + b"\0\0" + tlv(44, b"x"))
    + tlv(42, bytes(range(32)) + tlv(1, b""))
)

packets = [
    (tlv(3, NID + b"\3\0\0\0") + tlv(4, HASH), {}),
    (tlv(1, b""), {}),
    (tlv(2, NID) + tlv(2, NID) + tlv(2, bytes(4)) + tlv(4, HASH), {}),
    (tlv(5, NID + struct.pack(">II", 19, 160088) + HASH + ALL_NESTED), {}),
    (tlv(9, struct.pack(">II", 3, 12345)) + tlv(9, struct.pack(">II", 3, 0) + b"more"), {}),
    (tlv(10, b"\x01\0\0\0" + bytes(range(32)) + b"CN=router\0junk"), {}),
    (tlv(32, bytes([0, 0, 0xAB, 0xCD, 0x41])), {}),
    # Every range, types 6 and 7 (future use), and the same class in a row.
    (b"".join(tlv(t, b"ab") for t in (0, 6, 7, 44, 511, 512, 767, 768, 1023, 1024, 65535, 0)), {}),
    (tlv(33, b"".join(tlv(t, b"") for t in (1, 1, 1, 2, 2, 300, 301, 1, 800))), {}),
    # Bodies of the wrong length for each type.
    (
        tlv(1, b"x")
        + tlv(2, bytes(5))
        + tlv(3, bytes(4))
        + tlv(4, bytes(9))
        + tlv(5, bytes(19))
        + tlv(8, bytes(8))
        + tlv(9, bytes(7))
        + tlv(10, bytes(36))
        + tlv(32, bytes(4))
        + tlv(34, bytes(8))
        + tlv(34, bytes(8) + b"\x80" + bytes(4))
        + tlv(43, b""),
        {},
    ),
    (
        tlv(37, b"")
        + tlv(38, b"")
        + tlv(35, bytes(5))
        + tlv(35, bytes(5) + b"\x40" + bytes(3))
        + tlv(36, bytes(19))
        + tlv(39, bytes(16))
        + tlv(40, b"")
        + tlv(41, bytes(16))
        + tlv(41, bytes(16) + b"\x05abc")
        + tlv(41, V6 + bytes([64]) + b"a" * 64)
        + tlv(42, bytes(31)),
        {},
    ),
    # Prefixes: impossible lengths (IPv6 and IPv4-mapped), past the body, odd bit counts.
    (
        tlv(34, bytes(8) + b"\x81" + bytes(17))
        + tlv(34, bytes(8) + b"\xa1" + MAPPED[:12] + bytes(5))
        + tlv(34, bytes(8) + b"\x78" + MAPPED[:12] + b"\x0a")
        + tlv(34, bytes(8) + prefix6(61, bytes([0xff] * 16)))
        + tlv(34, bytes(8) + prefix4(13, bytes([0xff] * 4)))
        + tlv(34, bytes(8) + b"\x60" + MAPPED[:12])
        + tlv(34, bytes(8) + b"\x00")
        + tlv(35, bytes(4) + b"\x02" + b"\x81" + bytes(17))
        + tlv(35, bytes(4) + b"\x02" + b"\x70" + MAPPED[:12] + b"\x0a")
        + tlv(35, bytes(4) + b"\x02" + b"\x68" + MAPPED[:11]),
        {},
    ),
    # Every prefix policy.
    (
        b"".join(
            tlv(43, body)
            for body in (
                b"\0",
                b"\0\0",
                prefix6(48),
                prefix4(16),
                b"\x81" + bytes(17),
                b"\x78" + MAPPED[:12] + b"\x01",
                b"\x40" + bytes(3),
                b"\x81" + labels(b"example", b"com"),
                b"\x81" + b"\x07example\x03co",
                b"\x81",
                b"\x82" + b"opaque\0text",
                b"\x83",
                b"\x83\0",
                b"\x84",
                b"\xff" + b"abc",
            )
        ),
        {},
    ),
    # DNS labels: without root, a label past the field, empty.
    (
        tlv(40, b"\x04home\x03lan")
        + tlv(40, b"\x04home\x09lan")
        + tlv(40, b"\0")
        + tlv(39, V6 + b"\x07" + b"\x03lan")
        + tlv(39, V6 + b"\x00" + labels(b"a") + b"\0\0" + tlv(4, HASH)),
        {},
    ),
    # DHCPv4 data.
    (
        tlv(
            37,
            dh4(6, bytes([192, 168, 1, 254, 8, 8, 8, 8]))
            + dh4(42, bytes([10, 0, 0, 123]))
            + dh4(119, name(b"home", b"arpa") + name(b"lan"))
            + dh4(1, bytes([255, 255, 255, 0]))
            + dh4(119, b"\0")
            + dh4(119, b""),
        )
        + b"".join(
            tlv(33, tlv(37, body))
            for body in (
                dh4(6, bytes(5)),
                dh4(42, b""),
                dh4(6, bytes(4)) + b"\x06",
                dh4(6, bytes(4)) + b"\x06\x09" + bytes(4),
                dh4(119, b"\x04home\xc0\x00"),
                dh4(119, b"\x04home\xc0\x10") + tlv(41, V6 + b"\x04name" + b"\0\0\0"),
                dh4(119, b"\x41\x02") + b"\0\0",
                dh4(119, b"\x04home\x05"),
            )
        ),
        {},
    ),
    # DHCPv6 data.
    (
        tlv(
            38,
            dh6(23, V6 + bytes(16))
            + dh6(31, V6)
            + dh6(24, name(b"home") + name(b"example", b"org"))
            + dh6(23, b"")
            + dh6(7, b"\0\1")
            + dh6(24, b"\0"),
        )
        + tlv(38, dh6(23, bytes(15)))
        + tlv(38, dh6(31, bytes(17)))
        + tlv(38, dh6(24, b"\x04home\xc0\x00"))
        + tlv(38, dh6(24, b"\x03lan\xc0\x0c") + tlv(4, HASH) + b"\x03abc\0")
        + tlv(38, dh6(23, bytes(16)) + b"\0\x17")
        + tlv(38, dh6(23, bytes(16)) + b"\0\x17\0\x20" + bytes(8))
        + tlv(38, b"\x80\x00\x00\x00"),
        {},
    ),
    # A TLV header or body past the UDP length (the capture holds them).
    (tlv(4, HASH) + tlv(4, HASH), {"udp_extra": 4}),
    (tlv(4, HASH) + tlv(4, HASH), {"udp_extra": 14}),
    (tlv(33, tlv(4, HASH) + tlv(4, HASH), length=16) + tlv(1, b""), {}),
    (tlv(33, tlv(4, HASH) + tlv(4, HASH), length=14) + tlv(1, b""), {}),
    (b"", {}),
    (b"\0\1\0", {}),
    # tcpdump tries RADIUS after HNCP and AHCP before.
    (tlv(1, b""), {"sport": 1812}),
    (tlv(1, b""), {"sport": 5359}),
]
frames = [(udp6(p, **kw), None) for p, kw in packets]
frames += [(udp4(p), None) for p, kw in packets[3:6]]
frames.append((udp4(tlv(1, b""), 1812, 8231), None))
# Cut by the capture at every byte of a packet with nested TLVs of every kind of field.
FULL = tlv(3, NID + b"\3\0\0\0") + tlv(
    5,
    NID
    + struct.pack(">II", 19, 160088)
    + HASH
    + tlv(33, tlv(34, struct.pack(">II", 599, 299) + prefix6(48) + tlv(37, dh4(6, bytes(4)))))
    + tlv(41, MAPPED + b"\x02r1")
    + tlv(1, b""),
)
f = udp6(FULL)
for n in range(0, len(FULL)):
    frames.append((f[: 14 + 40 + 8 + n], len(f)))
# And a packet of many top-level TLVs, cut at every byte.
FLAT = (
    tlv(2, NID)
    + tlv(8, NID + bytes(8))
    + tlv(32, bytes([0, 0, 0x04, 0x44]) + b"ua")
    + tlv(36, struct.pack(">I", 1) + MAPPED)
    + tlv(40, labels(b"home"))
    + tlv(700, b"x")
)
f = udp6(FLAT)
for n in range(0, len(FLAT)):
    frames.append((f[: 14 + 40 + 8 + n], len(f)))
with open("hncp_tlvs.pcap", "wb") as out:
    out.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    for i, (data, wire) in enumerate(frames):
        out.write(struct.pack("<IIII", 1_700_000_000 + i, 0, len(data), wire or len(data)))
        out.write(data)
