# Writes ospf_opaque.pcap: OSPFv2 LS-Updates with opaque LSAs (RFC 5250): Traffic
# Engineering (RFC 3630) with every Link sub-TLV tcpdump prints (RFC 4203, RFC 4124) and
# each length it rejects, Graceful Restart (RFC 3623), Router Information, an unknown
# opaque type, the walks' early ends, and LSAs cut by the capture.
import struct
from _inet import csum


def tlv(kind, value, length=None):
    n = len(value) if length is None else length
    pad = (4 - len(value) % 4) % 4
    return struct.pack(">HH", kind, n) + value + bytes(pad)


def lsa(ls_type, opaque_type, body, length=None):
    n = 20 + len(body) if length is None else length
    header = struct.pack(">HBB", 9, 0x02, ls_type) + bytes([opaque_type, 0, 0, 9])
    header += bytes([10, 255, 245, 37]) + struct.pack(">IHH", 0x80000002, 0, n)
    return header + body


def update(*lsas, count=None):
    body = struct.pack(">I", len(lsas) if count is None else count) + b"".join(lsas)
    ospf = struct.pack(">BBH4s4sHHQ", 2, 4, 24 + len(body), bytes([10, 255, 245, 35]), bytes(4), 0, 0, 0) + body
    ospf = ospf[:12] + struct.pack(">H", csum(ospf)) + ospf[14:]
    ip = struct.pack(">BBHHHBBH4s4s", 0x45, 0xC0, 20 + len(ospf), 1, 0, 1, 89, 0, bytes([40, 35, 1, 2]), bytes([224, 0, 0, 5]))
    ip = ip[:10] + struct.pack(">H", csum(ip)) + ip[12:]
    return bytes.fromhex("01005e000005") + bytes.fromhex("020000000001") + b"\x08\x00" + ip + ospf


FLOAT = lambda f: struct.pack(">f", f)
SUBTLVS = (
    tlv(1, b"\x01") + tlv(1, b"\x02") + tlv(1, b"\x07")
    + tlv(2, bytes([10, 0, 0, 1])) + tlv(11, bytes([0, 0, 0, 5, 0, 0, 0, 6]))
    + tlv(3, bytes([10, 0, 0, 2])) + tlv(4, bytes([10, 0, 0, 3]))
    + tlv(5, struct.pack(">I", 10))
    + tlv(6, FLOAT(1.25e8)) + tlv(7, FLOAT(7812.5)) + tlv(7, FLOAT(float("nan")))
    + tlv(8, b"".join(FLOAT(1e6 * i) for i in range(8)))
    + tlv(9, struct.pack(">I", 0xF0))
    + tlv(14, bytes([0x12, 0, 0, 0])) + tlv(14, bytes(4))
    + tlv(15, bytes([51, 2, 0, 0]) + b"".join(FLOAT(1e5 * i) for i in range(8)))
    + tlv(16, struct.pack(">III", 1, 2, 3)) + tlv(16, b"")[0:0]
    + tlv(17, bytes([0, 0, 0, 0]) + FLOAT(1e6) + FLOAT(2e6))
    + tlv(17, bytes([254, 0, 0, 0])) + tlv(99, bytes([1, 2, 3]))
)
TE_LINK = tlv(2, SUBTLVS)
TE_ROUTER = tlv(1, bytes([10, 255, 245, 37]))
invalid_subs = [
    tlv(1, b"\x01\x02"), tlv(2, bytes(5)), tlv(3, bytes(8)), tlv(6, bytes(2)),
    tlv(8, bytes(28)), tlv(9, bytes(2)), tlv(5, bytes(8)), tlv(14, bytes(2)),
    tlv(15, bytes(32)), tlv(16, bytes(6)), tlv(17, bytes(2)), tlv(17, bytes(6)),
    tlv(17, bytes(40)), struct.pack(">HH", 0, 4) + bytes(4),
]
GRACE = tlv(1, struct.pack(">I", 120)) + tlv(2, b"\x01") + tlv(2, b"\x09") + tlv(3, bytes([10, 0, 0, 9])) + tlv(7, b"xyz")
RI = tlv(1, struct.pack(">I", 0x3F0)) + tlv(1, struct.pack(">I", 0)) + tlv(5, b"ab")

packets = [
    update(lsa(10, 1, TE_ROUTER + TE_LINK)),
    *[update(lsa(10, 1, tlv(2, sub)), lsa(10, 1, TE_ROUTER)) for sub in invalid_subs],
    update(lsa(10, 1, tlv(2, SUBTLVS[:8]) + tlv(7, b"??") + tlv(0, b"abcd"))),
    update(lsa(10, 1, tlv(1, bytes(2)))),
    update(lsa(10, 1, struct.pack(">HH", 2, 40) + bytes(8))),
    update(lsa(10, 1, struct.pack(">HH", 2, 3) + bytes(4))),
    update(lsa(10, 1, struct.pack(">HH", 2, 8) + struct.pack(">HH", 1, 9) + bytes(4))),
    update(lsa(10, 1, tlv(1, bytes(4)) + b"\x00\x01")),
    update(lsa(10, 1, TE_ROUTER, length=20 + 6)),
    update(lsa(11, 3, GRACE)),
    update(lsa(9, 3, tlv(1, bytes(2)) + tlv(2, bytes(2)))),
    update(lsa(9, 3, tlv(0, bytes(4)))),
    update(lsa(9, 3, struct.pack(">HH", 1, 50) + bytes(4))),
    update(lsa(9, 3, tlv(3, bytes(4)) + b"\x00\x01")),
    update(lsa(10, 4, RI)),
    update(lsa(10, 4, tlv(1, bytes(2)))),
    update(lsa(10, 4, struct.pack(">HH", 1, 40) + bytes(4))),
    update(lsa(10, 7, bytes(range(12)))),
    update(lsa(10, 1, TE_ROUTER + TE_LINK), lsa(11, 3, GRACE), lsa(10, 4, RI)),
]
cut = [
    (update(lsa(10, 1, TE_ROUTER + TE_LINK)), 14 + 20 + 28 + 20 + 8 + 6),
    (update(lsa(10, 1, TE_ROUTER + TE_LINK)), 14 + 20 + 28 + 20 + 8 + 2),
    (update(lsa(10, 1, TE_ROUTER + TE_LINK)), 14 + 20 + 28 + 20 + 2),
    (update(lsa(10, 1, TE_ROUTER + TE_LINK)), 14 + 20 + 28 + 20 + 8 + 12 + 6),
    (update(lsa(10, 1, TE_ROUTER + TE_LINK), lsa(10, 4, RI)), 14 + 20 + 28 + 20 + 8 + 60),
    (update(lsa(11, 3, GRACE)), 14 + 20 + 28 + 20 + 6),
    (update(lsa(10, 4, RI)), 14 + 20 + 28 + 20 + 6),
    (update(lsa(10, 4, RI)), 14 + 20 + 28 + 20 + 2),
]
records = [(p, len(p)) for p in packets] + [(p[:n], len(p)) for p, n in cut]
with open("ospf_opaque.pcap", "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    for i, (data, wire) in enumerate(records):
        f.write(struct.pack("<IIII", 1_700_000_000 + i, 0, len(data), wire))
        f.write(data)
