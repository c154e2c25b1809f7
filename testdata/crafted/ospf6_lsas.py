# Writes ospf6_lsas.pcap: OSPFv3 (RFC 5340) packets over IPv6 whose LSAs tcpdump's
# ospf6_print_lsa() prints at -vv: router LSAs (point-to-point, transit, virtual and unknown
# link types, every RLA flag), network, inter-area prefix (prefix lengths 0 to 128, every
# prefix option, a bogus length over 128), inter-area router, AS-external (with and without
# forwarding address, tag and referenced LS ID), link and intra-area prefix LSAs, Grace and
# Intra-Area-TE LSAs, unknown types, scopes and the U bit; LSA lengths below the header or
# past the packet, each body field cut short by the LSA length, LS counts below and above
# the LSAs carried; Database Description and LS-Ack headers; a Hello whose neighbor is cut;
# and packets cut by the capture at every byte of each LSA type.
import struct

SRC = bytes.fromhex("fe800000000000000000000000000001")
DST = bytes.fromhex("ff020000000000000000000000000005")


def prefix(length, options=0, metric=0, address=b""):
    words = (length + 31) // 32
    body = (address + bytes(16))[: 4 * words]
    return struct.pack(">BBH", length, options, metric) + body


def lsa(ls_type, body, lsid=0, adv=(1, 1, 1, 1), length=None, age=15, seq=0x80000001):
    n = 20 + len(body) if length is None else length
    return struct.pack(">HH4s4sIHH", age, ls_type, struct.pack(">I", lsid), bytes(adv), seq, 0, n) + body


def ospf(kind, body, length=None, area=1, instance=0):
    n = 16 + len(body) if length is None else length
    return struct.pack(">BBH4sIHBB", 3, kind, n, bytes([2, 2, 2, 2]), area, 0, instance, 0) + body


def packet(payload):
    ip6 = struct.pack(">IHBB", 0x6E000000, len(payload), 89, 1) + SRC + DST
    return bytes.fromhex("333300000005" "c2011ffa0001" "86dd") + ip6 + payload


def update(*lsas, count=None, length=None):
    body = struct.pack(">I", len(lsas) if count is None else count) + b"".join(lsas)
    return ospf(4, body, length=length)


V6ADDR = bytes.fromhex("20010db8000000340000000000000001")
LL = bytes.fromhex("fe800000000000000202b3fffe1e8329")

ROUTER = lsa(0x2001, struct.pack(">I", 0x1F000033)
             + struct.pack(">BBHIII", 1, 0, 10, 5, 6, 0x03030303)
             + struct.pack(">BBHIII", 2, 0, 20, 5, 7, 0x04040404)
             + struct.pack(">BBHIII", 4, 0, 65535, 8, 9, 0x05050505))
ROUTER_UNKNOWN_LINK = lsa(0x2001, struct.pack(">I", 0x00000000)
                          + struct.pack(">BBHIII", 3, 0, 1, 1, 1, 1)
                          + struct.pack(">BBHIII", 1, 0, 1, 1, 1, 1))
NETWORK = lsa(0x2002, struct.pack(">I", 0x0713) + bytes([2, 2, 2, 2, 1, 1, 1, 1]), lsid=5)
INTER_AP = lsa(0x2003, struct.pack(">I", 0xFF00004A)
               + prefix(0) + prefix(1, 0x01, 1, V6ADDR) + prefix(33, 0x02, 2, V6ADDR)
               + prefix(64, 0x04, 3, V6ADDR) + prefix(96, 0x08, 4, V6ADDR)
               + prefix(127, 0x10, 5, V6ADDR) + prefix(128, 0x20, 6, V6ADDR)
               + prefix(48, 0x3F, 65535, V6ADDR) + prefix(64, 0xC0, 7, V6ADDR))
INTER_AP_BOGUS = lsa(0x2003, struct.pack(">I", 10) + prefix(64, 0, 1, V6ADDR)
                     + struct.pack(">BBH", 129, 0, 1) + bytes(20))
INTER_AR = lsa(0x2004, struct.pack(">III", 0x33, 20, 0x09090909))
ASE_FULL = lsa(0x4005, struct.pack(">I", 0x83000014) + prefix(64, 0x08, 0x0001, V6ADDR)
               + LL + bytes([10, 0, 0, 1]) + bytes([0, 0, 0, 7]))
ASE_PLAIN = lsa(0x4005, struct.pack(">I", 0x00FFFFFF) + prefix(0))
ASE_REF = lsa(0x4005, struct.pack(">I", 0x01000005) + prefix(56, 0, 0x2001, V6ADDR)
              + bytes([0, 0, 0, 9]) + bytes([0, 0, 0, 3]))
LINK = lsa(0x0008, struct.pack(">I", 0x01000013) + LL + struct.pack(">I", 3)
           + prefix(64, 0, 0, V6ADDR) + prefix(128, 0x02, 0, V6ADDR) + prefix(0, 0x01))
INTRA = lsa(0x2009, struct.pack(">HHII", 2, 0x2001, 0, 0x01010101)
            + prefix(64, 0, 10, V6ADDR) + prefix(128, 0x02, 0, V6ADDR))
INTRA_NET = lsa(0x2009, struct.pack(">HHII", 1, 0x2002, 5, 0x02020202) + prefix(64, 0, 1, V6ADDR))
GRACE = lsa(0x000B, struct.pack(">HHI", 1, 4, 120) + struct.pack(">HHB3x", 2, 1, 1))
GRACE_BAD = lsa(0x000B, struct.pack(">HHH2x", 1, 2, 0))
TE = lsa(0x000A, struct.pack(">HH4s", 1, 4, bytes([9, 9, 9, 9]))
         + struct.pack(">HH", 2, 8) + struct.pack(">HHB3x", 1, 1, 1))
TE_BAD = lsa(0x000A, struct.pack(">HH", 0, 4) + bytes(4))
UNKNOWNS = [
    lsa(0xA001, bytes(range(8))), lsa(0x2007, bytes(range(12))), lsa(0x6001, b"\x01\x02"),
    lsa(0x800C, bytes(range(20))), lsa(0x2020, b""), lsa(0x0009, bytes(4)),
    lsa(0x4003, bytes(4)), lsa(0x2005, bytes(4)), lsa(0x2008, bytes(4)),
]
ALL = [ROUTER, NETWORK, INTER_AP, INTER_AR, ASE_FULL, ASE_PLAIN, ASE_REF, LINK, INTRA,
       INTRA_NET, GRACE, TE]

packets = [
    update(*ALL),
    update(ROUTER_UNKNOWN_LINK, NETWORK),
    update(INTER_AP_BOGUS, NETWORK),
    update(*UNKNOWNS),
    update(GRACE_BAD, NETWORK),
    update(TE_BAD, NETWORK),
    update(ROUTER, NETWORK, count=1),
    update(ROUTER, NETWORK, count=0),
    update(ROUTER, NETWORK, count=0xFFFFFFFF),
    update(ROUTER, NETWORK, count=3),
    update(ROUTER, bytes(10), count=2),
    update(lsa(0x2001, b"", length=4), NETWORK),
    update(lsa(0x2001, b"", length=19), NETWORK),
    update(NETWORK, lsa(0x2002, bytes(4), length=200)),
    update(ROUTER, length=16 + 4 + 30),
    update(count=5),
    ospf(4, b""),
]
# Bodies the LSA length cuts inside each field (tcpdump's length checks).
shorts = [
    (0x2001, ROUTER[20:], [0, 2, 4, 10, 20]),
    (0x2002, NETWORK[20:], [0, 2, 4, 6, 10]),
    (0x2003, INTER_AP[20:], [0, 3, 4, 6, 8, 9, 12, 16]),
    (0x4005, ASE_FULL[20:], [0, 2, 4, 6, 8, 12, 16, 20, 30, 36, 40, 42]),
    (0x4005, ASE_REF[20:], [0, 4, 8, 12, 16, 18, 20, 22]),
    (0x0008, LINK[20:], [0, 2, 4, 10, 23, 24, 26, 28, 36, 40, 48]),
    (0x2009, INTRA[20:], [0, 2, 4, 5, 6, 8, 12, 14, 16, 20, 24, 26]),
    (0x000B, GRACE[20:], [0, 2, 4, 6, 8]),
    (0x000A, TE[20:], [0, 2, 4, 6, 8, 12]),
]
for ls_type, body, sizes in shorts:
    for n in sizes:
        packets.append(update(lsa(ls_type, body[:n]), NETWORK))
packets += [
    update(lsa(0x0008, LINK[20:44] + b"\xff\xff\xff\xff" + LINK[48:]), NETWORK),
    update(lsa(0x2009, b"\xff\xff" + INTRA[22:]), NETWORK),
]
others = [
    ospf(2, struct.pack(">IHBBI", 0x13, 1500, 0, 7, 0x1D46) + ROUTER[:20] + NETWORK[:20]
         + lsa(0x2001, b"", length=4)[:20]),
    ospf(2, struct.pack(">IHBBI", 0x13, 1500, 0, 7, 0x1D46) + ROUTER[:20] + bytes(10)),
    ospf(5, ROUTER[:20] + NETWORK[:20] + LINK[:20]),
    ospf(5, ROUTER[:20] + bytes(6)),
    ospf(1, struct.pack(">IIHHII", 5, 0x01000013, 10, 40, 0x01010101, 0) + bytes([1, 1, 1, 1, 3, 3, 3, 3])),
]
packets += others
records = [(packet(p), None) for p in packets]
# The same packets cut by the capture at every byte after the OSPF header.
INTER_AP_CUT = lsa(0x2003, INTER_AP[20:24] + prefix(64, 0x04, 3, V6ADDR) + prefix(0))
CUTS = [ROUTER, NETWORK, INTER_AP_CUT, INTER_AR, ASE_FULL, ASE_REF, LINK, INTRA, GRACE, TE]
for p in [update(x) for x in CUTS] + [update(INTER_AP_BOGUS), update(ROUTER, NETWORK)] + others:
    full = packet(p)
    for n in range(14 + 40 + 16, len(full)):
        records.append((full[:n], len(full)))
with open("ospf6_lsas.pcap", "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    for i, (data, wire) in enumerate(records):
        f.write(struct.pack("<IIII", 1_700_000_000 + i, 0, len(data), wire or len(data)))
        f.write(data)
