# Writes the switch-tag captures, one per link type, as tcpdump's ether_switch_tag_print()
# and brcm_tag_prepend_if_print() read them:
#   dsa_tags_brcm.pcap (LINKTYPE_DSA_TAG_BRCM, 281), dsa_tags_brcm_prepend.pcap (282),
#   dsa_tags_dsa.pcap (LINKTYPE_DSA_TAG_DSA, 284), dsa_tags_edsa.pcap (285).
# Every tag field and name (Broadcom ingress/egress opcodes, tag enforcement values, each
# reason code bit and reserved values; every DSA mode, trunk, tagged, CFI, To CPU code,
# sniff direction, the largest device/port/VID/priority; EDSA EtherTypes and reserved
# bytes), then what follows the tag as Ethernet: IPv4, IPv6, ARP, 802.1Q and QinQ tags,
# 802.3 lengths (shorter and longer than the frame) with LLC, a raw 802.3 IPX frame, an
# unknown EtherType (printed in hex), and frames cut at every byte of the header and in
# the payload.
import struct
from _inet import ipv4_udp, ipv6_udp

DST = bytes.fromhex("ffffffffffff")
SRC = bytes.fromhex("020000000001")


ARP = struct.pack(">HHBBH", 1, 0x0800, 6, 4, 1) + SRC + bytes([10, 0, 0, 1]) + bytes(6) + bytes([10, 0, 0, 2])
IP = ipv4_udp()
# What follows the tag: (type/length field, payload).
PAYLOADS = [
    (0x0800, IP),
    (0x86DD, ipv6_udp()),
    (0x0806, ARP),
    (0x8100, struct.pack(">HH", 0x2005, 0x0800) + IP),
    (0x88A8, struct.pack(">HH", 0x0064, 0x8100) + struct.pack(">HH", 0xF0C8, 0x0800) + IP),
    (0x1234, b"\x01\x02\x03\x04\x05\x06"),
    # 802.3: an LLC UI frame with SNAP IPv4, its length exact, short, and past the end.
    (8 + len(IP), b"\xaa\xaa\x03\x00\x00\x00\x08\x00" + IP),
    (10, b"\xaa\xaa\x03\x00\x00\x00\x08\x00" + IP),
    (200, b"\x42\x42\x03\x00\x00\x00\x00\x00"),
    # Raw 802.3 IPX (no LLC header, the checksum ff ff first).
    (30, b"\xff\xff\x00\x1e\x00\x04" + bytes(24)),
]


def records(frames):
    # (captured bytes, length on the wire)
    return [(f, len(f)) if isinstance(f, bytes) else f for f in frames]


def write(name, linktype, frames):
    with open(name, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, linktype))
        for i, (data, wire) in enumerate(records(frames)):
            f.write(struct.pack("<IIII", 1_700_000_000 + i, 1000 * i, len(data), wire))
            f.write(data)


def tagged(tag, payloads=PAYLOADS):
    return [DST + SRC + tag + struct.pack(">H", t) + p for t, p in payloads]


def cuts(frame, upto):
    # The frame cut after each of its first `upto` bytes, and in the payload.
    out = [(frame[:n], len(frame)) for n in range(0, upto + 1)]
    out.append((frame[: upto + 10], len(frame)))
    return out


def brcm_tags():
    tags = []
    # Ingress (opcode 1): every tag enforcement value, traffic classes, time stamp, maps.
    for te in range(4):
        tags.append(bytes([0x20, (te << 2 if te else 0x1C) | te, 0x00, 1 << te]))
    tags.append(bytes([0x20, 0x80, 0xFF, 0xFF]))  # TS set, map past its 9 bits
    tags.append(bytes([0xE0, 0x9F, 0x01, 0x00]))  # opcode 7
    # Egress (opcode 0): each reason code, none, several bits, reserved bits.
    for rc in (0, 1, 2, 4, 8, 16, 32, 3, 0x40, 0xC0, 0xFF):
        tags.append(bytes([0x00, rc * 3 & 0xFF, rc, 0xE0 | (rc & 0x1F)]))
    tags.append(bytes([0x00, 0xFF, 0x20, 0xFF]))
    # Opcode 2: "IG" (the byte is not 0), egress fields (bit 5 clear).
    tags.append(bytes([0x40, 0x05, 0x20, 0x45]))
    tags.append(bytes([0x1F, 0x05, 0x10, 0x45]))
    return tags


def dsa_tags():
    tags = []
    for mode in range(4):
        for bits in (0x00, 0x04, 0x02, 0x06, 0x01, 0x05):
            for b2 in (0x00, 0x10, 0xEF, 0x1F):
                tags.append(bytes([mode << 6 | (0x20 if b2 & 1 else 0) | (b2 & 0x1F), 0xF8 & (b2 * 8) | bits, b2, 0x39]))
    tags.append(bytes([0xFF, 0xFF, 0xFF, 0xFF]))
    tags.append(bytes([0x00, 0x00, 0x00, 0x00]))
    return tags


brcm = [DST + SRC + tag + struct.pack(">H", 0x0800) + IP for tag in brcm_tags()]
brcm += tagged(bytes([0x00, 0x00, 0x20, 0x05]))
brcm += cuts(DST + SRC + bytes([0x20, 0, 0, 0x80]) + struct.pack(">H", 0x0800) + IP, 19)
write("dsa_tags_brcm.pcap", 281, brcm)

prepend = [tag + DST + SRC + struct.pack(">H", 0x0800) + IP for tag in brcm_tags()]
prepend += [bytes([0x00, 0x00, 0x20, 0x05]) + f for f in tagged(b"")]
prepend += cuts(bytes([0x20, 0, 0, 0x80]) + DST + SRC + struct.pack(">H", 0x0800) + IP, 19)
write("dsa_tags_brcm_prepend.pcap", 282, prepend)

dsa = [DST + SRC + tag + struct.pack(">H", 0x0800) + IP for tag in dsa_tags()]
dsa += tagged(bytes([0xC0, 0x08, 0x00, 0x00]))
dsa += cuts(DST + SRC + bytes([0xC0, 0x08, 0, 0]) + struct.pack(">H", 0x0800) + IP, 19)
write("dsa_tags_dsa.pcap", 284, dsa)

EDSA = [b"\xda\xda\x00\x00", b"\x08\x00\x00\x00", b"\x12\x34\x01\xff", b"\x81\x00\xff\x00"]
edsa = [DST + SRC + e + tag + struct.pack(">H", 0x0800) + IP for e in EDSA for tag in dsa_tags()[::5]]
edsa += tagged(b"\xda\xda\x00\x00\x40\x10\x00\x00")
edsa += cuts(DST + SRC + b"\xda\xda\x00\x00\xc0\x08\x00\x00" + struct.pack(">H", 0x0800) + IP, 23)
write("dsa_tags_edsa.pcap", 285, edsa)
