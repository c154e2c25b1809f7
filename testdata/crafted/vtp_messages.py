# Writes vtp_messages.pcap: Cisco VTP (SNAP OUI 00-00-0c, protocol 0x2003) in 802.3
# frames: each message code, subset advertisements whose VLAN information fields carry
# every TLV tcpdump names and each malformation it reports, a domain name of a bad length,
# an 802.3 length shorter than the header, and messages cut by the capture.
import struct

DST = bytes.fromhex("01000ccccccc")
SRC = bytes.fromhex("001f6d96ec04")
SNAP = bytes.fromhex("aaaa0300000c2003")


def frame(vtp, length=None, cut=None):
    body = SNAP + vtp
    size = len(body) if length is None else length
    data = DST + SRC + struct.pack(">H", size) + body
    data = data + bytes(max(0, 60 - len(data)))
    return data if cut is None else data[:cut]


def header(code, byte, domain=b"cisco", domain_length=None):
    n = len(domain) if domain_length is None else domain_length
    return struct.pack(">BBBB", 1, code, byte, n) + domain.ljust(32, b"\0")


def vlan(status, kind, vid, name, tlvs=b"", size=None):
    padded = name.ljust(4 * ((len(name) + 3) // 4), b"\0")
    body = struct.pack(">BBBHHI", status, kind, len(name), vid, 1500, 100000 + vid)
    body += padded + tlvs
    n = 1 + len(body) if size is None else size
    return bytes([n]) + body


def tlv(kind, value, words=1):
    return bytes([kind, words]) + struct.pack(">H", value) + bytes(2 * (words - 1))


SUMMARY = header(1, 0) + struct.pack(">I", 0x2A) + bytes([155, 1, 37, 7])
SUMMARY += b"930301000900" + bytes.fromhex("fb393cf67014e50aa79c7c5b193f6fe1")
TLVS = (
    tlv(3, 1) + tlv(3, 2) + tlv(3, 3) + tlv(3, 7) + tlv(6, 1) + tlv(6, 0) + tlv(7, 1)
    + tlv(7, 2) + tlv(9, 7) + tlv(10, 1) + tlv(10, 0) + tlv(1, 0x0FFF) + tlv(8, 7) + tlv(99, 5)
)
SUBSET = header(2, 1) + struct.pack(">I", 0x2A)
SUBSET += vlan(0, 1, 1, b"default") + vlan(1, 3, 1003, b"token-ring-default", TLVS)
SUBSET += vlan(0, 2, 1002, b"fddi", tlv(5, 0)) + vlan(0, 6, 30, b"") + bytes(4)

packets = [
    frame(SUMMARY),
    frame(SUBSET),
    frame(header(3, 0) + struct.pack(">I", 1000)),
    frame(header(4, 0) + bytes(8)),
    frame(header(9, 7)),
    frame(header(1, 0, b"", 0) + bytes(36)),
    frame(header(1, 0, b"x" * 32, 33) + bytes(36)),
    frame(header(1, 0, b"ab\0cd") + bytes(36)),
    frame(SUMMARY, length=30),
    frame(SUMMARY, cut=14 + 8 + 30),
    frame(SUMMARY, cut=14 + 8 + 42),
    frame(SUMMARY, cut=14 + 8 + 60),
    frame(SUMMARY, cut=14 + 8 + 70),
    frame(header(3, 0), cut=14 + 8 + 38),
    frame(header(2, 0) + bytes(2), cut=14 + 8 + 38),
    frame(header(2, 3) + struct.pack(">I", 5) + vlan(0, 1, 5, b"name", size=14)),
    frame(header(2, 3) + struct.pack(">I", 5) + vlan(0, 1, 5, b"vlan5") + bytes([0, 0, 0, 0])),
    frame(header(2, 3) + struct.pack(">I", 5) + vlan(0, 1, 5, b"v", tlv(3, 1) + b"\x07")),
    frame(header(2, 3) + struct.pack(">I", 5) + vlan(0, 1, 5, b"v", bytes([3, 4, 0, 1]))),
    frame(header(2, 3) + struct.pack(">I", 5) + vlan(0, 1, 5, b"v", tlv(3, 1, words=2))),
    frame(header(2, 3) + struct.pack(">I", 5) + bytes([8]) + bytes(7)),
    frame(header(2, 3) + struct.pack(">I", 5) + vlan(0, 1, 5, b"long-name")[:20], cut=14 + 8 + 60),
    frame(header(2, 3) + struct.pack(">I", 5) + vlan(0, 1, 5, b"v"), length=8 + 40),
    frame(header(2, 3) + struct.pack(">I", 5) + vlan(0, 1, 5, b"v"), length=8 + 60, cut=14 + 8 + 56),
]
with open("vtp_messages.pcap", "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    for i, data in enumerate(packets):
        f.write(struct.pack("<IIII", 1_700_000_000 + i, 0, len(data), max(len(data), 60)))
        f.write(data)
