# Writes juniper_ether.pcap (link type 178, JUNIPER_ETHER): Juniper pseudo-headers before
# Ethernet frames, one per case: without extensions in and out, every extension TLV type
# (interface indexes, name, media types and encapsulations known and unknown, big-endian
# types from 128, values of 1 to 4 bytes, longer ones, 0xffffffff), TLVs of type or length
# 0 (the walk stops), a TLV that overruns the extensions (invalid), a bad magic number,
# every flag, the no-L2 flag before IPv4, IPv6 and neither, an EtherType nothing decodes,
# and packets the capture cuts in the flags, the extension length, the extensions, before
# the IP byte of a no-L2 packet and in the Ethernet header.
import struct

from _inet import ipv4_udp, ipv6_udp

ETHER = bytes.fromhex("0050568b5e9f0050568b6dde")


def juniper(flags, payload, tlvs=None, magic=b"MGC"):
    header = magic + bytes([flags])
    if tlvs is not None:
        ext = b"".join(tlvs)
        header += struct.pack(">H", len(ext)) + ext
    return header + payload


def tlv(kind, value):
    return bytes([kind, len(value)]) + value


IP = ipv4_udp(b"juniper")
FRAME = ETHER + b"\x08\x00" + IP
ALL = [
    tlv(1, struct.pack("<H", 140)),
    tlv(2, b"ge-0"),
    tlv(3, b"\x01"),
    tlv(3, b"\x63"),
    tlv(4, struct.pack("<I", 332)),
    tlv(5, struct.pack("<I", 0x80000001)),
    tlv(6, b"\x0e"),
    tlv(6, b"\xc8"),
    tlv(7, struct.pack("<I", 2)),
    tlv(8, b"\x01\x00\x00"),
    tlv(9, b"\x05"),
    tlv(200, b"\x00\x01"),
    tlv(129, b"\x00\x00\x01"),
    tlv(1, b"\xff\xff\xff\xff"),
    tlv(1, bytes(5)),
]
frames = [
    juniper(0x00, FRAME),
    juniper(0x01, FRAME),
    juniper(0x81, FRAME, ALL),
    juniper(0x80, FRAME, []),
    juniper(0x80, FRAME, [tlv(1, b"\x01"), b"\x00\x01\x01", tlv(4, b"\x02")]),
    juniper(0x80, FRAME, [tlv(1, b"\x01"), b"\x05\x00", tlv(4, b"\x02")]),
    juniper(0x80, FRAME, [tlv(1, b"\x01"), b"\x01"]),
    juniper(0x85, FRAME, [tlv(1, b"\x01"), b"\x04\x09\x01"]),
    juniper(0x00, FRAME, magic=b"MGD"),
    juniper(0x44, FRAME),
    juniper(0x02, bytes(4) + IP),
    juniper(0x03, bytes(4) + ipv6_udp(b"juniper")),
    juniper(0x02, bytes(4) + b"\x30" + bytes(30)),
    juniper(0x82, bytes(4) + IP, [tlv(3, b"\x01")]),
    juniper(0x00, ETHER + b"\x88\xb5" + b"undecoded"),
    juniper(0x00, ETHER + b"\x00\x10" + bytes(16)),
]
frames = [(f, None) for f in frames]
WITH_EXT = juniper(0x80, FRAME, [tlv(3, b"\x01"), tlv(4, b"\x02\x00")])
for n in (1, 3, 4, 5, 6, 9, 13, 20, 30):
    frames.append((WITH_EXT[:n], len(WITH_EXT)))
NO_L2 = juniper(0x02, bytes(4) + IP)
for n in (6, 8, 9, 20):
    frames.append((NO_L2[:n], len(NO_L2)))
with open("juniper_ether.pcap", "wb") as out:
    out.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 178))
    for i, (data, wire) in enumerate(frames):
        out.write(struct.pack("<IIII", 1_700_000_000 + i, 0, len(data), wire or len(data)))
        out.write(data)
