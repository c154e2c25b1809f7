# Writes icmpv6_mobile.pcap: the ICMPv6 messages of Mobile IPv6 (RFC 6275 sections 6.5 to
# 6.8) for tcpdump's icmp6_print(): home agent address discovery requests and replies
# (with no, one, two home agent addresses and a partial one), mobile prefix solicitations
# and advertisements (M/O flags, prefix information and other options, a malformed
# option), checksums right and wrong, and each message cut by the capture at every byte
# from its checksum on.
import struct

from _inet import csum

ETH = bytes.fromhex("00000c9ff001" "0050568a1b2c")
SRC = bytes.fromhex("20010db8000000000000000000000001")
DST = bytes.fromhex("20010db8000000000000000000000002")
HA1 = bytes.fromhex("20010db8000000000000000000000aaa")
HA2 = bytes.fromhex("20010db8000000000000000000000bbb")


def icmp6(mtype, ident, rest=b"", flags=0, good=True):
    body = struct.pack(">BBHHH", mtype, 0, 0, ident, flags) + rest
    pseudo = SRC + DST + struct.pack(">I3xB", len(body), 58)
    value = csum(pseudo + body) ^ (0 if good else 0x5A5A)
    return body[:2] + struct.pack(">H", value) + body[4:]


def ip6(payload):
    return ETH + b"\x86\xdd" + struct.pack(">IHBB", 0x60000000, len(payload), 58, 255) + SRC + DST + payload


PREFIX = struct.pack(">BBBBIII", 3, 4, 64, 0xC0, 3600, 1800, 0) + HA1[:8] + bytes(8)
SLLA = bytes([1, 1]) + bytes.fromhex("0050568a1b2c")

records = []


def add(frame, wire=None):
    records.append((frame, len(frame) if wire is None else wire))


messages = [
    icmp6(144, 0x1234),
    icmp6(144, 0xBEEF, good=False),
    icmp6(145, 0x1234),
    icmp6(145, 0x1234, HA1),
    icmp6(145, 0x4321, HA1 + HA2),
    icmp6(145, 0x4321, HA1 + HA2[:10]),
    icmp6(146, 0x00FF),
    icmp6(147, 0x1234),
    icmp6(147, 0x1234, PREFIX, flags=0x8000),
    icmp6(147, 0x1234, PREFIX + SLLA, flags=0x4000),
    icmp6(147, 0x1234, SLLA, flags=0xC000),
    icmp6(147, 0x1234, bytes([9, 0, 1, 2]), flags=0x3FFF),
    icmp6(147, 0x1234, bytes([25, 1, 0, 0, 0, 0, 0, 0])),
]
for message in messages:
    add(ip6(message))
for message in (icmp6(144, 0x1234), icmp6(145, 0x4321, HA1), icmp6(146, 0x00FF),
                icmp6(147, 0x1234, SLLA, flags=0xC000)):
    frame = ip6(message)
    for cut in range(58, len(frame)):
        add(frame[:cut], len(frame))

with open("icmpv6_mobile.pcap", "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    for i, (frame, wire) in enumerate(records):
        f.write(struct.pack("<IIII", 1_700_000_000 + i, 0, len(frame), wire))
        f.write(frame)
