# Writes icmpv6_rpl.pcap: RPL control messages (RFC 6550, ICMPv6 type 155) for tcpdump's
# rpl_print(): DIS; DIO with every mode of operation, grounded or not, every preference,
# and a body shorter than its fixed part; DAO with and without K and D; DAO-ACK with and
# without D; secured codes and unknown codes; every option type (named, unnamed and
# unknown), Pad1, options longer than the message and a last option of one byte; a wrong
# checksum; messages of 1 to 3 bytes; and messages cut by the capture at every byte from
# the ICMPv6 header on.
import struct

from _inet import csum

ETH = bytes.fromhex("333300000001" "0050568a1b2c")
SRC = bytes.fromhex("fe800000000000000216" "3efffe113424")
DST = bytes.fromhex("ff020000000000000000" "00000000001a")
DODAG = bytes.fromhex("20010db8000000000000000000000001")


def icmp6(code, body, good=True):
    message = struct.pack(">BBH", 155, code, 0) + body
    pseudo = SRC + DST + struct.pack(">I3xB", len(message), 58)
    value = csum(pseudo + message) ^ (0 if good else 0x5A5A)
    return message[:2] + struct.pack(">H", value) + message[4:]


def ip6(payload):
    return ETH + b"\x86\xdd" + struct.pack(">IHBB", 0x60000000, len(payload), 58, 255) + SRC + DST + payload


def opt(otype, data=b""):
    return bytes([otype, len(data)]) + data


def dio(instance, version, rank, mopprf, dtsn, flags=0, options=b""):
    return struct.pack(">BBHBBBB", instance, version, rank, mopprf, dtsn, flags, 0) + DODAG + options


def dao(instance, flags, seq, options=b"", dodag=DODAG):
    return struct.pack(">BBBB", instance, flags, 0, seq) + (dodag if flags & 0x40 else b"") + options


def daoack(instance, flags, seq, status, options=b""):
    return struct.pack(">BBBB", instance, flags, seq, status) + (DODAG if flags & 0x80 else b"") + options


TARGET = opt(5, bytes([0, 64]) + DODAG[:8])
TRANSIT = opt(6, bytes([0x80, 0, 1, 0xFF]))
CONFIG = opt(4, bytes.fromhex("0008030a0001000001000100ff0000"))
METRICS = opt(2, bytes.fromhex("070004000100ff"))
ROUTE = opt(3, bytes([48, 0x08]) + struct.pack(">I", 3600) + DODAG[:6])
PREFIX = opt(8, bytes([64, 0x40]) + struct.pack(">III", 86400, 14400, 0) + DODAG)
EVERY = (b"\x00" + opt(1, bytes(3)) + METRICS + ROUTE + CONFIG + TARGET + TRANSIT
         + opt(7, bytes([1, 0x60, 0, 0]) + DODAG) + PREFIX + opt(9, bytes(4)) + opt(200, bytes(20)))

records = []


def add(frame, wire=None):
    records.append((frame, len(frame) if wire is None else wire))


messages = [
    icmp6(0, bytes(2)),
    icmp6(0, bytes([0x80, 0]) + opt(1, bytes(2)) + b"\x00"),
    icmp6(1, dio(1, 240, 256, 0x88 | 2, 7)),
    icmp6(1, dio(30, 1, 0xFFFF, 0x00, 0, 0xAA, CONFIG + PREFIX)),
    icmp6(1, dio(2, 2, 512, 0x10 | 7, 1, 0, EVERY)),
    icmp6(1, dio(3, 3, 1024, 0x98 | 5, 2, 0, METRICS + b"\x00\x00")),
    icmp6(1, dio(4, 4, 0, 0xA0, 3)),
    icmp6(1, dio(5, 5, 0, 0x28 | 1, 4)),
    icmp6(1, dio(6, 6, 0, 0xB0 | 3, 5)),
    icmp6(1, dio(7, 7, 0, 0x38 | 4, 6, 0, b"\x01")),
    icmp6(1, dio(8, 8, 0, 0x08, 7, 0, opt(1, bytes(30)))),
    icmp6(1, dio(9, 9, 0, 0x08, 7, 0, bytes([1, 40, 0, 0]))),
    icmp6(1, dio(9, 9, 0, 0x08, 7)[:23]),
    icmp6(1, b""),
    icmp6(2, dao(42, 0xC0, 10, TARGET + TRANSIT + b"\x00" * 3)),
    icmp6(2, dao(42, 0x40, 11)),
    icmp6(2, dao(42, 0x80, 12, TARGET + TARGET)),
    icmp6(2, dao(43, 0x00, 13, opt(13, bytes(14)))),
    icmp6(2, dao(43, 0x3F, 14, bytes(16))),
    icmp6(2, dao(43, 0x00, 15)),
    icmp6(2, dao(44, 0x40, 16)[:19]),
    icmp6(3, daoack(43, 0x80, 11, 0)),
    icmp6(3, daoack(43, 0x00, 12, 128, opt(1, bytes(1)) + b"\x00")),
    icmp6(3, daoack(44, 0x7F, 13, 255)),
    icmp6(3, daoack(44, 0x80, 14, 1)[:10]),
    icmp6(3, bytes(2)),
    icmp6(4, bytes(8)),
    icmp6(0x7F, bytes(8)),
    icmp6(0x80, bytes(8)),
    icmp6(0x81, bytes(32)),
    icmp6(0x82, bytes(24)),
    icmp6(0x83, bytes(24)),
    icmp6(0x8A, bytes(24)),
    icmp6(0xFF, b""),
    icmp6(1, dio(1, 240, 256, 0x88 | 2, 7), good=False),
]
for message in messages:
    add(ip6(message))
# Messages of 1 to 3 bytes on the wire (RPL, and an echo request of one byte): with -v
# tcpdump's read of their checksum ends the packet; an echo request cut after its type.
for message in (b"\x9b", b"\x9b\x01", b"\x9b\x02\x00", b"\x9b\x81\x00", b"\x80"):
    add(ip6(message))
echo = ip6(struct.pack(">BBHHH", 128, 0, 0, 1, 1))
add(echo[:55], len(echo))
cuts = [
    icmp6(0, bytes([0x80, 0]) + opt(1, bytes(2)) + b"\x00"),
    icmp6(1, dio(2, 2, 512, 0x10 | 7, 1, 0, b"\x00" + METRICS)),
    icmp6(2, dao(42, 0xC0, 10, b"\x00" + TARGET)),
    icmp6(2, dao(43, 0x00, 15, TRANSIT)),
    icmp6(3, daoack(43, 0x80, 11, 0, b"\x00" + TRANSIT)),
    icmp6(3, daoack(44, 0x00, 13, 255, TRANSIT)),
]
for message in cuts:
    frame = ip6(message)
    for cut in range(55, len(frame)):
        add(frame[:cut], len(frame))

with open("icmpv6_rpl.pcap", "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    for i, (frame, wire) in enumerate(records):
        f.write(struct.pack("<IIII", 1_700_000_000 + i, 0, len(frame), wire))
        f.write(frame)
