# Writes icmpv6_cuts.pcap: ICMPv6 messages cut by the capture inside their first bytes, for
# tcpdump's icmp6_print(): every named type (1-4, 128-147, 151-155) and unknown ones (200,
# 255) cut after each of their first 8 bytes, then the types whose fixed part or first
# fields are longer (the quoted IPv6 header of errors, MLD, router and neighbor discovery,
# router renumbering, node information, mobile IPv6) cut at every byte up to their end;
# the codes of the error types; messages of 1 to 7 bytes held whole (with -v tcpdump
# first reads the checksum of a message it holds whole); and the fields after the fixed
# part (quoted ports, MLDv2 sources and group records, neighbor discovery options, node
# information, home agent addresses, router renumbering) cut at every byte.
import struct

from _inet import csum

ETH = bytes.fromhex("020000000002" "020000000001" "86dd")
SRC = bytes.fromhex("fe800000000000000000000000000001")
DST = bytes.fromhex("ff020000000000000000000000000001")
WIRE = 64  # the message's length on the wire (the IPv6 payload length)


def ip6(message, plen=None):
    plen = len(message) if plen is None else plen
    return ETH + struct.pack(">IHBB", 0x60000000, plen, 58, 64) + SRC + DST + message


def message(mtype, code, fill=0):
    # A message of WIRE bytes with a correct checksum: its body all `fill`, or counting up.
    body = bytes(WIRE - 4) if fill == 0 else bytes((0x40 + i) & 0xFF for i in range(WIRE - 4))
    m = struct.pack(">BBH", mtype, code, 0) + body
    pseudo = SRC + DST + struct.pack(">I3xB", len(m), 58)
    return m[:2] + struct.pack(">H", csum(pseudo + m)) + m[4:]


records = []


def cut(m, upto):
    frame = ip6(m)
    for n in range(1, upto + 1):
        records.append((frame[: 54 + n], len(frame)))


TYPES = [1, 2, 3, 4] + list(range(128, 148)) + list(range(151, 156)) + [200, 255]
for t in TYPES:
    cut(message(t, 0), 8)
# The longer fixed parts, and the fields read past byte 8 (quoted header, MLD address...).
LONGER = {1: 48, 3: 48, 4: 48, 130: 28, 131: 24, 132: 24, 134: 16, 135: 24, 136: 24,
          137: 40, 138: 16, 139: 16, 140: 16, 143: 8, 145: 24, 147: 8}
for t, upto in LONGER.items():
    for fill in (0, 1):
        m = message(t, 0, fill)
        frame = ip6(m)
        for n in range(9 if fill == 0 else 1, upto + 1):
            records.append((frame[: 54 + n], len(frame)))
# Each code of the error types, cut before and after their first fields.
for t, codes in ((1, range(0, 7)), (3, range(0, 3)), (4, range(0, 5)), (138, (0, 1, 255))):
    for code in codes:
        frame = ip6(message(t, code, 1))
        for n in (1, 2, 4, 8, 12, 20, 40, 47, 48):
            records.append((frame[: 54 + n], len(frame)))
# Messages held whole but shorter than their fixed part.
for t in (1, 2, 128, 130, 133, 134, 135, 139, 140, 145, 147, 200):
    for n in range(1, 8):
        frame = ip6(message(t, 0, 1)[:n])
        records.append((frame, len(frame)))



def whole(mtype, code, body):
    # A message of its own length with a correct checksum.
    m = struct.pack(">BBH", mtype, code, 0) + body
    pseudo = SRC + DST + struct.pack(">I3xB", len(m), 58)
    return m[:2] + struct.pack(">H", csum(pseudo + m)) + m[4:]


def every_cut(m, start=1):
    frame = ip6(m)
    for n in range(start, len(m) + 1):
        records.append((frame[: 54 + n], len(frame)))


# An unreachable port quoting UDP and TCP (get_upperlayer() finds the port), and quoting
# ICMPv6 (it finds none); MLDv2 queries and reports with sources; neighbor discovery with
# options: each cut at every byte past their fixed part.
QUOTED = struct.pack(">IHBB", 0x60000000, 8, 17, 64) + DST + SRC
every_cut(whole(1, 4, bytes(4) + QUOTED + struct.pack(">HHHH", 1024, 53, 8, 0)), 40)
every_cut(whole(1, 4, bytes(4) + QUOTED[:6] + b"\x06" + QUOTED[7:] + struct.pack(">HH", 80, 8080)), 40)
every_cut(whole(1, 4, bytes(4) + QUOTED[:6] + b"\x3a" + QUOTED[7:] + bytes(8)), 40)
# Extension headers before the quoted transport header, walked by get_upperlayer(): hop
# by hop, routing, a first and a later fragment, destination options, AH; and a quoted
# header whose version is not 6.
UDP = struct.pack(">HHHH", 1024, 53, 8, 0)
CHAINS = [
    (0, bytes([17, 0]) + bytes(6)),  # hop by hop, UDP
    (43, bytes([6, 0, 0, 1]) + bytes(4)),  # routing, TCP
    (44, bytes([17, 0, 0, 0]) + bytes(4)),  # first fragment, UDP
    (44, bytes([17, 0, 0, 8]) + bytes(4)),  # a later fragment: no port
    (60, bytes([51, 1]) + bytes(14) + bytes([17, 1]) + bytes(10)),  # destination options, AH, UDP
]
for first, chain in CHAINS:
    quoted = QUOTED[:6] + bytes([first]) + QUOTED[7:]
    every_cut(whole(1, 4, bytes(4) + quoted + chain + UDP), 40)
every_cut(whole(1, 4, bytes(4) + bytes([0x40]) + QUOTED[1:] + UDP), 40)
GROUP = bytes.fromhex("ff020000000000000000000000000001")
every_cut(whole(130, 0, struct.pack(">HH", 0x8123, 0) + GROUP + bytes([0x0A, 0x85]) + struct.pack(">H", 2) + SRC + DST), 20)
records2 = (bytes([4, 0]) + struct.pack(">H", 1) + GROUP + SRC
            + bytes([1, 0]) + struct.pack(">H", 0) + GROUP)
every_cut(whole(143, 0, struct.pack(">HH", 0, 2) + records2), 6)
every_cut(whole(143, 0, struct.pack(">HH", 0, 3) + records2))
SLLA = bytes([1, 1, 2, 0, 0, 0, 0, 1])
every_cut(whole(133, 0, bytes(4) + SLLA), 6)
every_cut(whole(134, 0, bytes([64, 0xC8]) + struct.pack(">HII", 1800, 30000, 1000) + SLLA), 6)
every_cut(whole(135, 0, bytes(4) + GROUP + SLLA), 6)
every_cut(whole(136, 0, bytes([0xE0, 0, 0, 0]) + GROUP + SLLA), 6)
every_cut(whole(137, 0, bytes(4) + GROUP + SRC + SLLA), 6)
every_cut(whole(139, 0, struct.pack(">HH", 3, 0x3E) + bytes(8) + SRC), 6)
every_cut(whole(140, 0, struct.pack(">HH", 0, 0) + bytes(8)), 2)
every_cut(whole(145, 0, struct.pack(">HH", 0x1234, 0) + SRC + DST), 4)
every_cut(whole(147, 0, struct.pack(">HH", 0x1234, 0xC000) + SLLA), 4)
every_cut(whole(138, 0, struct.pack(">IBBHI", 7, 1, 0x40, 100, 0) + bytes([1, 3, 64, 48, 0, 0, 0, 0]) + GROUP), 10)
# Node information replies of each code and query type, and DNS names (labels, a Pascal
# string, malformed) in queries and replies, whole and cut.
NAME = b"\x03www\x07example\x00"
NONCE = bytes(range(8))
for code, qtype, flags, data in ((0, 0, 0, b""), (1, 0, 0, b""), (2, 0, 0, bytes(4)), (3, 0, 0, b""),
                                 (0, 1, 1, bytes(4)), (0, 2, 1, struct.pack(">I", 300) + NAME),
                                 (0, 2, 0, bytes(4) + b"\x04abcd"), (0, 2, 0, bytes(4) + b"\x09ab"),
                                 (0, 2, 0, bytes(4) + b"\x02ab\x00\x00"), (0, 2, 0, bytes(4)),
                                 (0, 3, 0x7F, struct.pack(">I", 60) + SRC + struct.pack(">I", 61) + DST + b"\x01"),
                                 (0, 9, 0, b"")):
    m = whole(140, code, struct.pack(">HH", qtype, flags) + NONCE + data)
    records.append((ip6(m), len(ip6(m))))
every_cut(whole(140, 0, struct.pack(">HH", 2, 1) + NONCE + struct.pack(">I", 300) + NAME), 12)
for subject in (NAME, b"\x05ab\x80\x1fz", b"\x02ab\x05"):
    m = whole(139, 1, struct.pack(">HH", 2, 0) + NONCE + subject)
    records.append((ip6(m), len(ip6(m))))
every_cut(whole(139, 1, struct.pack(">HH", 2, 0) + NONCE + NAME), 12)

with open("icmpv6_cuts.pcap", "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    for i, (frame, wire) in enumerate(records):
        f.write(struct.pack("<IIII", 1_700_000_000 + i, 0, len(frame), wire))
        f.write(frame)
