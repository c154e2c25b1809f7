# Writes macsec_sectag.pcap: MACsec (IEEE 802.1AE, EtherType 0x88e5) frames for tcpdump's
# macsec_print(): every TCI flag alone and together (E, C, S, B, I), each association
# number, with and without the secure channel identifier, short lengths (0, valid, larger
# than the secure data, too small for an EtherType), the version bit and the short length's
# reserved bits set (invalid), integrity-only frames carrying IPv4, ARP, an 802.1Q tag, an
# 802.3 length with LLC, an unknown EtherType, a MACsec tag inside (not decoded again), a
# MACsec EtherType after an 802.1Q tag (not decoded), encrypted frames, frames with less
# than an ICV, and every frame cut by the capture at every byte.
import struct

DST = bytes.fromhex("3e6ff374237c")
SRC = bytes.fromhex("2eb73f3995c3")
SCI = bytes.fromhex("2eb73f3995c30001")
# ICMP echo request in IPv4 (checksums right).
IPV4 = bytes.fromhex("45000024d12040004001064ac0a87101c0a87102") + bytes.fromhex(
    "0800f7f403b4000100010203040506070809"
)[:16]
ICV = bytes(range(0xA0, 0xB0))


def ip_packet():
    body = bytes.fromhex("0800") + bytes(2) + bytes.fromhex("03b40001") + b"abcdefgh"
    s = 0
    for i in range(0, len(body), 2):
        s += (body[i] << 8) | body[i + 1]
    s = (s & 0xFFFF) + (s >> 16)
    body = body[:2] + struct.pack(">H", ~s & 0xFFFF) + body[4:]
    total = 20 + len(body)
    hdr = bytearray(struct.pack(">BBHHHBBH4s4s", 0x45, 0, total, 0x1234, 0, 64, 1, 0,
                                bytes([192, 168, 113, 1]), bytes([192, 168, 113, 2])))
    s = sum((hdr[i] << 8) | hdr[i + 1] for i in range(0, 20, 2))
    s = (s & 0xFFFF) + (s >> 16)
    hdr[10:12] = struct.pack(">H", ~s & 0xFFFF)
    return bytes(hdr) + body


IP = ip_packet()
ARP = bytes.fromhex("0001080006040001") + SRC + bytes([192, 168, 113, 1]) + bytes(6) + bytes(
    [192, 168, 113, 2]
)


def sectag(tci=0x20, an=0, sl=0, pn=68, sci=SCI):
    tag = bytes([tci | an, sl]) + struct.pack(">I", pn)
    return tag + (sci if tci & 0x20 else b"")


def frame(body, vlan=False):
    tag = bytes.fromhex("8100002a") if vlan else b""
    return DST + SRC + tag + b"\x88\xe5" + body


def clear(payload, **kw):
    return frame(sectag(**kw) + payload + ICV)


packets = [
    # Integrity only: IPv4, with and without the SCI, each association number.
    clear(b"\x08\x00" + IP),
    clear(b"\x08\x00" + IP, tci=0x00, an=1, pn=1),
    clear(b"\x08\x00" + IP, tci=0x40, an=2, pn=0xFFFFFFFF),
    clear(b"\x08\x00" + IP, tci=0x10, an=3, pn=0),
    clear(b"\x08\x00" + IP, tci=0x70, an=3),
    # Other payloads: ARP, an 802.1Q tag, an 802.3 length with LLC, an unknown EtherType,
    # a MACsec EtherType again.
    clear(b"\x08\x06" + ARP),
    clear(b"\x81\x00\x00\x64\x08\x00" + IP),
    clear(struct.pack(">H", 7) + bytes.fromhex("424203000000") + b"\x00"),
    clear(b"\x88\xb7" + b"vendor"),
    clear(b"\x88\xe5" + sectag() + b"\x08\x00" + IP),
    # Short lengths: valid (the frame's secure data), smaller than the data (trims it),
    # larger than the data, too small for an EtherType (1 and 2).
    clear(b"\x08\x06" + ARP, sl=2 + len(ARP)),
    clear(b"\x08\x06" + ARP + bytes(4), sl=2 + len(ARP)),
    clear(b"\x08\x06" + ARP, sl=40),
    clear(b"\x08\x06" + ARP, sl=1),
    clear(b"\x08\x06" + ARP, sl=2),
    clear(b"\x08\x00" + IP[:20], sl=22),
    # Invalid: the version bit, the short length's reserved bits.
    frame(sectag(tci=0xA0) + b"\x08\x00" + IP + ICV),
    frame(bytes([0x20, 0x40]) + sectag()[2:] + b"\x08\x00" + IP + ICV),
    frame(bytes([0x00, 0x80]) + struct.pack(">I", 5) + b"\x08\x00" + IP + ICV),
    # Encrypted and changed: every combination with E and C, with and without the SCI.
    frame(sectag(tci=0x2C, pn=72) + bytes(range(40)) + ICV),
    frame(sectag(tci=0x24, pn=6) + b"\x08\x00" + IP + ICV),
    frame(sectag(tci=0x08, an=1, sl=20) + bytes(range(20)) + ICV),
    frame(sectag(tci=0x7C, an=3, sl=47) + bytes(range(47)) + ICV),
    frame(sectag(tci=0x0C)),
    frame(sectag(tci=0x2C, sl=0x3F)),
    # Less than an ICV after the SecTAG, and an ICV only (no room for the EtherType).
    frame(sectag() + bytes(15)),
    frame(sectag(tci=0)),
    frame(sectag() + ICV),
    frame(sectag() + b"\x08" + ICV),
    # A SecTAG cut on the wire: 0 to 13 bytes.
    frame(b""),
    frame(sectag()[:5]),
    frame(sectag()[:13]),
    frame(sectag(tci=0)[:5]),
    # MACsec after an 802.1Q tag: tcpdump prints it as an unknown EtherType.
    frame(sectag() + b"\x08\x00" + IP + ICV, vlan=True),
    # Ethernet padding after a short frame.
    clear(b"\x08\x06" + ARP, sl=2 + len(ARP)) + bytes(6),
]

# Cuts: (frame, captured length) at every byte of the SecTAG, the EtherType, the payload
# and the ICV.
cuts = []
for data in (packets[0], packets[1], packets[10], packets[19], packets[21]):
    cuts += [(data, n) for n in range(14, len(data))]

with open("macsec_sectag.pcap", "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    records = [(data, len(data)) for data in packets] + cuts
    for i, (data, n) in enumerate(records):
        f.write(struct.pack("<IIII", 1_700_000_000 + i, 0, n, len(data)))
        f.write(data[:n])
