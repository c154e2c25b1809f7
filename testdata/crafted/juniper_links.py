# Writes juniper_links_<type>.pcap, one capture per Juniper link type besides Ethernet
# (ES 132, ATM1 137, ATM2 135, PPP 179, C-HDLC 181, Frame Relay 180, PPPoE 167, PPPoE ATM
# 168, MLPPP 130, MLFR 131, MFR 134, GGSN 133, Services 136, Monitor 164): the pseudo-header
# with and without extension TLVs and the no-L2 flag, each kind of cookie (the PIC's own, a
# Link Services cookie 0x54, an AS cookie 0x47, one too long), the PIC's headers (ES IPsec
# types, Services, Monitor, GGSN protocols, ATM2 control words, LSQ protocols and bundles),
# every frame the printers hand on (IP, PPP, C-HDLC, Frame Relay, Ethernet, LLC/SNAP, OSI NLPID,
# an unknown EtherType, ATM OAM cells), and captures cut at every field.
import struct

from _inet import ipv4_udp, ipv6_udp

IP = ipv4_udp(b"juniper")
IP6 = ipv6_udp(b"juniper")
ETHER_IP = bytes.fromhex("0050568b5e9f0050568b6dde0800") + IP
PPPOE = bytes.fromhex("0050568b5e9f0050568b6dde8864") + struct.pack(">BBHH", 0x11, 0, 7, 2 + len(IP)) + b"\x00\x21" + IP
LCP = bytes.fromhex("c021090100080000abcd")
CLNP = bytes.fromhex("811c0100") + bytes(24)


def juniper(flags=0x00, tlvs=None):
    header = b"MGC" + bytes([flags])
    if tlvs is not None:
        ext = b"".join(bytes([t, len(v)]) + v for t, v in tlvs)
        header += struct.pack(">H", len(ext)) + ext
    return header


TLVS = [(1, struct.pack("<H", 140)), (3, b"\x02"), (6, b"\x0e")]


def common(cookie, frame):
    """Cases every link type shares: flags, extensions, no-L2, a bad magic, header cuts."""
    whole = juniper(0x01) + cookie + frame
    ext = juniper(0x81, TLVS) + cookie + frame
    return [
        (whole, None),
        (juniper(0x00) + cookie + frame, None),
        (ext, None),
        (juniper(0x82, TLVS) + bytes(4) + IP, None),
        (juniper(0x02) + bytes(4) + IP6, None),
        (juniper(0x02) + bytes(4) + b"\x30" + bytes(20), None),
        (b"MGD\x00" + cookie + frame, None),
        (whole[:3], len(whole)),
        (ext[:5], len(ext)),
        (ext[:12], len(ext)),
    ]


def cuts(frame, sizes):
    return [(frame[:n], len(frame)) for n in sizes if n < len(frame)]


def pic_cookies(length, frame, extra=b""):
    """The PIC's own cookie, a Link Services and an AS cookie, with cuts through them."""
    own = juniper(0x01) + bytes([0x11] + [i for i in range(2, length + 1)])[:length] + extra + frame
    ls = juniper(0x01) + b"\x54\x07" + bytes(length) + extra + frame
    as_ = juniper(0x01) + b"\x47\x01\x02\x03\x04\x05\x06\x07" + extra + frame
    out = [(own, None), (ls, None), (as_, None)]
    for f in (own, ls, as_):
        out += cuts(f, range(4, 4 + min(12, len(f) - 4)))
    return out


files = {}

# ES: no cookie (a Link Services or AS cookie byte makes one); the 16-byte IPsec header.
def es(kind, body):
    return struct.pack(">HBBI4s4s", 7, 64, kind, 0x1234, bytes([10, 1, 1, 1]), bytes([10, 2, 2, 2])) + body

es_frames = common(b"", es(3, IP))
for kind in (3, 4, 5):
    es_frames.append((juniper(0x01) + es(kind, IP), None))
# Types 1 and 2 keep no tunnel header: IP starts at the IPsec header.
es_frames.append((juniper(0x01) + IP, None))
es_frames.append((juniper(0x01) + b"\x45\x00\x00\x02" + IP[4:], None))
es_frames.append((juniper(0x01) + es(9, IP), None))
es_frames.append((juniper(0x01) + es(0, IP), None))
es_frames.append((juniper(0x01) + b"\x54\x01" + es(3, IP), None))
es_frames.append((juniper(0x01) + b"\x47\x01\x02\x03\x04\x05\x06\x07" + es(3, IP), None))
es_frames += cuts(juniper(0x01) + es(3, IP), range(4, 40))
files["es"] = (132, es_frames)

# ATM1: a 4-byte cookie (0x80: an OAM cell), then LLC/SNAP, NLPID, Cisco NLPID or VC-mux IP.
SNAP_IP = bytes.fromhex("aaaa030000000800") + IP
NLPID_CLNP = bytes.fromhex("fefe03") + CLNP
atm1 = common(b"\x00\x00\x01\x05", SNAP_IP)
atm1 += pic_cookies(4, SNAP_IP)
for frame in (SNAP_IP, NLPID_CLNP, b"\x03\xcc" + IP, b"\x03" + CLNP, IP, IP6, b"\x30" + bytes(20)):
    atm1.append((juniper(0x01) + b"\x00\x00\x01\x05" + frame, None))
# OAM cells (cookie 0x80): print-atm.c's oam_print() without a HEC byte; loopback, AIS,
# RDI and other cells, F4 and F5, whole and cut.
def oam(vci, kind, fill=0x6a):
    return struct.pack(">I", (1 << 20) | (vci << 4) | (5 << 1)) + bytes([kind]) + bytes([fill] * 45) + b"\x02\x1b"

OAM = [oam(3, 0x18), oam(4, 0x10), oam(5, 0x11), oam(5, 0x28), oam(9, 0x18, 0)]
for cell in OAM:
    atm1.append((juniper(0x01) + b"\x80\x00\x01\x05" + cell, None))
atm1 += cuts(juniper(0x01) + b"\x80\x00\x01\x05" + OAM[0], (8, 11, 12, 13, 20, 40, 55))
atm1.append((juniper(0x01) + b"\x80\x00\x01\x05" + bytes(4)[:3], 60))
atm1 += cuts(juniper(0x01) + b"\x00\x00\x01\x05" + SNAP_IP, range(8, 20))
files["atm1"] = (137, atm1)

# ATM2: an 8-byte cookie (its last byte's packet type bits: a control word, an OAM cell),
# then LLC, Ethernet (outgoing, a gap count), Cisco NLPID, PPP or IP.
C = b"\x00\x00\x00\x01\x00\x00\x00\x00"
atm2 = common(C, SNAP_IP)
atm2 += pic_cookies(8, SNAP_IP)
for frame in (SNAP_IP, NLPID_CLNP, b"\x03\xcc" + IP, b"\xff\x03\x00\x21" + IP, b"\x00\x21" + IP, LCP, IP, IP6, bytes(20)):
    atm2.append((juniper(0x01) + C + frame, None))
atm2.append((juniper(0x00) + C + ETHER_IP, None))
atm2.append((juniper(0x00) + b"\x00\x00\x00\x00" + C[4:] + IP, None))
# A control word comes with an OAM cell: cells cut before oam_print()'s first reads.
for word in (0, 0x08000000, 0x08380000, 0x12345678):
    # An unknown control word stays in the cell, which then starts with it.
    cell = bytes(3) if word in (0, 0x08000000, 0x08380000) else b""
    atm2.append((juniper(0x01) + C[:7] + b"\x10" + struct.pack(">I", word) + cell, 60))
for word in (0x08380000, 0x12345678):
    for cell in OAM[:3]:
        atm2.append((juniper(0x01) + C[:7] + b"\x10" + struct.pack(">I", word) + cell, None))
atm2 += cuts(juniper(0x01) + C[:7] + b"\x10" + struct.pack(">I", 0x08380000) + OAM[0], (18, 20, 21, 40))
atm2.append((juniper(0x01) + C[:7] + b"\x10" + b"\x08\x00", 60))
atm2 += cuts(juniper(0x01) + C + SNAP_IP, range(12, 18))
files["atm2"] = (135, atm2)

# PPP, C-HDLC and Frame Relay: no cookie, the frame after the pseudo-header.
PPP = b"\xff\x03\x00\x21" + IP
ppp = common(b"", PPP)
for frame in (b"\x00\x21" + IP, b"\x00\x57" + IP6, LCP, b"\x80\x21\x01\x01\x00\x04", b"\x12\x34abcd", b"\x21" + IP):
    ppp.append((juniper(0x01) + frame, None))
ppp += cuts(juniper(0x01) + PPP, range(4, 10))
files["ppp"] = (179, ppp)

CHDLC = b"\x0f\x00\x08\x00" + IP
chdlc = common(b"", CHDLC)
for frame in (b"\x8f\x00\x86\xdd" + IP6, b"\x0f\x00\x80\x35" + bytes(20), b"\x0f\x00\x12\x34abcd"):
    chdlc.append((juniper(0x01) + frame, None))
chdlc += cuts(juniper(0x01) + CHDLC, range(4, 10))
files["chdlc"] = (181, chdlc)

FR = b"\x18\x41\x03\xcc" + IP
frelay = common(b"", FR)
for frame in (b"\x18\x41\x03\x81" + CLNP[1:], b"\x18\x41\x03\x80\x00\x00\x00\x08\x00" + IP, b"\x18\x41\x03\x08\x00\x75\x95\x01\x01\x00\x03\x02\x01\x00"):
    frelay.append((juniper(0x01) + frame, None))
frelay += cuts(juniper(0x01) + FR, range(4, 10))
files["frelay"] = (180, frelay)

# PPPoE: no cookie of its own, an Ethernet frame; PPPoE ATM: an EtherType, then its frame.
pppoe = common(b"", PPPOE)
pppoe.append((juniper(0x01) + b"\x54\x01" + PPPOE, None))
pppoe.append((juniper(0x01) + b"\x47\x01\x02\x03\x04\x05\x06\x07" + PPPOE, None))
pppoe += cuts(juniper(0x01) + PPPOE, range(4, 20))
files["pppoe"] = (167, pppoe)

PPPOE_ATM = PPPOE[12:]
pppoe_atm = common(b"", PPPOE_ATM)
for frame in (b"\x08\x00" + IP, b"\x12\x34abcd", b"\x88\x63" + bytes.fromhex("1109000000040101000000")):
    pppoe_atm.append((juniper(0x01) + frame, None))
pppoe_atm += cuts(juniper(0x01) + PPPOE_ATM, range(4, 12))
files["pppoe_atm"] = (168, pppoe_atm)

# MLPPP: a 2-byte cookie (0x0023 or 0xff03: a child link), the LSQ protocols of an AS
# cookie (IPv4, to the RE, IPv6, MPLS, ISO), else PPP.
mlppp = common(b"\x00\x05", b"\x00\x21" + IP)
mlppp += pic_cookies(2, b"\x00\x21" + IP)
for cookie, frame in (
    (b"\x00\x05", b"\x00\x21" + IP),
    (b"\xff\x03", b"\x00\x21" + IP),
    (b"\x00\x23", CLNP),
    (b"\x00\x23", b"\x03\xcc" + IP),
    (b"\x00\x05", LCP),
    (b"\x00\x05", b"\x00\x00" + IP),
):
    mlppp.append((juniper(0x01) + cookie + frame, None))
for proto, frame in ((0x00, IP), (0x10, IP6), (0x20, b"\x00\x01\x01\x40" + IP), (0x30, CLNP)):
    mlppp.append((juniper(0x01) + b"\x47\x00\x00\x00\x00" + bytes([proto]) + b"\x00\x28" + frame, None))
mlppp.append((juniper(0x01) + b"\x47\x00\x00\x00\x0c\x00\x00\x28" + b"\x00\x21" + IP, None))
files["mlppp"] = (130, mlppp)

# MLFR: a 2-byte cookie and the 2 bytes after it (the protocol), then OSI where tcpdump
# hands isoclns_print() a byte before the frame or the NLPID in the protocol; an AS cookie's
# protocol is never one of them.
mlfr = common(b"\x11\x02", b"\x03\xcc" + IP)
mlfr += pic_cookies(2, b"\x03\xcc" + IP)
for proto, frame in ((b"\x03\x00", CLNP), (b"\x00\x03", CLNP), (b"\x03\x8e", IP6), (b"\x12\x34", IP)):
    mlfr.append((juniper(0x01) + b"\x11\x02" + proto + frame, None))
    mlfr.append((juniper(0x01) + b"\x54\x07\x00\x00" + proto + frame, None))
files["mlfr"] = (131, mlfr)

# MFR: a 4-byte cookie, none on a child link (the FRF.16 header's B and E bits), the LSQ
# protocols of an AS cookie, a bundle unless the cookie is 1.
MFR_FRAG = b"\xc0\x01\x18\x41\x03\xcc" + IP
mfr = common(b"\x11\x02\x03\xcc", b"\x03\xcc" + IP)
mfr += pic_cookies(4, b"\x03\xcc" + IP)
mfr.append((juniper(0x01) + MFR_FRAG, None))
mfr.append((juniper(0x00) + b"\xc1\x05" + bytes(10), None))
mfr += cuts(juniper(0x01) + MFR_FRAG, range(5, 10))
for cookie, frame in (
    (b"\x11\x02\x03\xcc", b"\x03\xcc" + IP),
    (b"\x00\x00\x00\x01", b"\x03\xcc" + IP),
    (b"\x11\x02\x03\x81", b"\x03\x08" + bytes(20)),
    (b"\x11\x02\x03\x04", b"\xfe\xfe\x03" + CLNP),
    (b"\x11\x02\x03\x04", b"\xfe\xfe"),
    (b"\x11\x02\x03\x04", b"\x12\x34" + IP),
    (b"\x54\x07\x00\x00\x00\x00", b"\x03\xcc" + IP),
    (b"\x54\x07\x00\x00\x00\x00", b"\x03\x8e" + IP6),
):
    mfr.append((juniper(0x01) + cookie + frame, None))
for proto, frame in ((0x00, IP), (0x10, IP6), (0x20, b"\x00\x01\x01\x40" + IP), (0x30, CLNP), (0x40, IP)):
    mfr.append((juniper(0x01) + b"\x47\x00\x00\x00\x00" + bytes([proto]) + b"\x00\x28" + frame, None))
files["mfr"] = (134, mfr)

# GGSN: an 8-byte cookie whose third byte is the protocol and fifth and sixth the VLAN.
def ggsn(proto):
    return bytes([0x11, 0, proto, 0, 0, 7, 0, 0])

ggsn_frames = common(ggsn(2), IP)
ggsn_frames += [(juniper(0x01) + ggsn(p) + f, None) for p, f in ((6, IP6), (1, IP), (9, IP))]
ggsn_frames.append((juniper(0x01) + b"\x54\x01" + bytes(8) + IP, None))
ggsn_frames.append((juniper(0x01) + b"\x47\x00\x02\x00\x00\x09\x00\x00" + IP, None))
ggsn_frames += cuts(juniper(0x01) + ggsn(2) + IP, range(4, 16))
files["ggsn"] = (133, ggsn_frames)

# Services and Monitor: an 8-byte cookie, then an 8-byte header read over the IP packet.
for name, lt in (("services", 136), ("monitor", 164)):
    frames = common(bytes(8), IP)
    frames += [(juniper(0x01) + bytes(8) + f, None) for f in (IP6, b"\x30" + bytes(20), b"\x47\x02" + IP)]
    frames.append((juniper(0x01) + b"\x47\x01\x02\x03\x04\x05\x06\x07" + IP, None))
    frames += cuts(juniper(0x01) + bytes(8) + IP, range(12, 22))
    files[name] = (lt, frames)

for name, (link_type, frames) in files.items():
    with open(f"juniper_links_{name}.pcap", "wb") as out:
        out.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, link_type))
        for i, (data, wire) in enumerate(frames):
            out.write(struct.pack("<IIII", 1_700_000_000 + i, 0, len(data), wire or len(data)))
            out.write(data)
