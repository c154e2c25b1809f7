# Writes clnp_esis.pcap (link type EN10MB): CLNP (ISO 8473) and ES-IS (ISO 9542) PDUs over
# 802.3/LLC (SAP 0xfe), EtherType 0xfefe and GRE (protocol type 0x00fe): every PDU type,
# option and address layout tcpdump's clnp_print() and esis_print() decode, their
# malformed lengths, and copies of some PDUs cut at every byte of their header.
import struct

MAC = bytes.fromhex("09002b000005") + bytes.fromhex("0000c0ffee01")


def cksum(pdu, at):
    """Sets the ISO 8473 checksum of pdu (its field at offset at) over its header."""
    b = bytearray(pdu[:pdu[1]])
    b[at:at + 2] = b"\0\0"
    c0 = c1 = 0
    for x in b:
        c0 = (c0 + x) % 255
        c1 = (c1 + c0) % 255
    n = len(b)
    x = ((n - at - 1) * c0 - c1) % 255 or 255
    y = (c1 - (n - at) * c0) % 255 or 255
    b[at:at + 2] = bytes([x, y])
    return bytes(b) + pdu[pdu[1]:]


def llc(pdu):
    return MAC + struct.pack(">H", len(pdu) + 3) + b"\xfe\xfe\x03" + pdu


def ether_osi(payload):
    return MAC + b"\xfe\xfe" + payload


def gre_osi(pdu):
    gre = b"\x00\x00\x00\xfe" + pdu
    ip = struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + len(gre), 1, 0, 64, 47, 0,
                     bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2]))
    return MAC[:12] + b"\x08\x00" + ip + gre


def opt(code, value):
    return bytes([code, len(value)]) + value


def clnp(ptype, dst, src, options=b"", data=b"", seg=None, version=1, li=None, lifetime=40,
         flags=0, checksum=True):
    rest = bytes([len(dst)]) + dst + bytes([len(src)]) + src
    if seg is not None:
        rest += struct.pack(">HHH", *seg)
    rest += options
    hl = 9 + len(rest) if li is None else li
    head = bytes([0x81, hl, version, lifetime, ptype | flags]) + struct.pack(">HH", 9 + len(rest) + len(data), 0)
    pdu = head + rest + data
    return cksum(pdu, 7) if checksum and li is None else pdu


def esis(ptype, body, options=b"", version=1, li=None, holding=30, checksum=True, tail=b""):
    hl = 9 + len(body) + len(options) if li is None else li
    pdu = bytes([0x82, hl, version, 0, ptype]) + struct.pack(">HH", holding, 0) + body + options + tail
    return cksum(pdu, 7) if checksum and li is None else pdu


A1 = bytes.fromhex("490001aabbccddeeff00")
A2 = bytes.fromhex("39840f800000000000000001")
NET = bytes.fromhex("49000100000000000100")
SR = bytes([0, 3]) + bytes([3]) + bytes.fromhex("490001") + bytes([2]) + bytes.fromhex("4900")
full_options = (opt(205, b"\x0b") + opt(195, b"\xd5") + opt(197, b"\x40\x07") + opt(193, b"\x81")
                + opt(204, b"\0\0") + opt(200, SR) + opt(203, bytes([1, 3, 0, 0])) + opt(0x99, b"\1\2\3"))
DT = clnp(28, A1, A2, full_options, b"payload!", seg=(0x1234, 0, 100), flags=0xe0)
ERQ = clnp(30, A2, A1, data=b"echo", checksum=False)
INNER = clnp(28, A1, A2, opt(205, b"\x02"), seg=(7, 8, 9), flags=0x80)
ER = clnp(1, A2, A1, opt(193, b"\xa1"), INNER + b"data of the original", lifetime=9)
ERP_OTHER = clnp(31, A2, A1, data=b"\x42not clnp")
ER_NESTED_CUT = clnp(1, A2, A1, data=INNER[:5])
ESH = esis(2, bytes([2, len(NET)]) + NET + b"\x03\x49\x00\x01",
           opt(198, b"\x00\x3c") + opt(129, b"\x81\xcc\x8e") + opt(197, b"\x01\x02") + opt(198, b"\0\0\0"))
ISH = esis(4, bytes([len(NET)]) + NET, opt(195, b"\x11"))
REDIRECT = esis(6, bytes([len(A1)]) + A1 + b"\x06\x00\x00\x0c\x07\xac\x01" + bytes([len(NET)]) + NET,
                opt(226, b"\xff"))

frames = [
    llc(DT),
    llc(ERQ),
    llc(clnp(29, A1, A2, data=b"md")),
    llc(clnp(5, A1, A2)),
    llc(ER),
    llc(ERP_OTHER),
    llc(clnp(31, A2, A1)),
    llc(ER_NESTED_CUT),
    llc(clnp(28, A1, A2, version=2)),
    llc(clnp(28, A1, A2, li=200)),
    llc(clnp(28, A1, A2, li=8)),
    llc(clnp(28, A1, A2, li=9)),
    llc(clnp(28, A1, A2, li=12)),
    llc(clnp(28, A1, A2, li=9 + 1 + len(A1) + 1)),
    llc(clnp(28, A1, A2, data=b"abc", flags=0x80, li=9 + 2 + len(A1) + len(A2) + 3)),
    llc(clnp(28, A1, A2, b"\xcd", li=9 + 2 + len(A1) + len(A2) + 1)),
    llc(clnp(28, A1, A2, b"\xcd\x05\x00", li=9 + 2 + len(A1) + len(A2) + 3)),
    llc(clnp(28, A1, A2, opt(205, b""))),
    llc(clnp(28, A1, A2, opt(200, b"\x00"))),
    llc(clnp(28, A1, A2, opt(197, b"\x40"))),
    llc(clnp(28, A1, A2, opt(195, b""))),
    llc(clnp(28, A1, A2, opt(193, b""))),
    llc(clnp(28, A1, A2, opt(200, b"\x02\x00") + opt(203, b"\x00\x09\x00") + opt(200, b"\x01\x03\x09\x01"))),
    llc(clnp(28, A1, A2, opt(203, b"\x00\x03\x00\x00\x00") + opt(200, b"\x00\x03"))),
    llc(clnp(28, A1, A2, opt(193, b"\x1f") + opt(193, b"\x0f") + opt(193, b"\xc0") + opt(193, b"\xb4"))),
    llc(clnp(28, A1, A2, opt(195, b"\x40") + opt(195, b"\x3f") + opt(195, b"\xc0") + opt(197, b"\x80\x01"))),
    llc(clnp(28, b"", bytes(21))),
    llc(clnp(28, A1, A2, data=b"x", checksum=False)[:7] + b"\x12\x34" + clnp(28, A1, A2, data=b"x")[9:]),
    ether_osi(b"\xfe" + ERQ),
    ether_osi(b"\xfe\x00\x01\x02"),
    ether_osi(b"\xfe\x42\x01\x02\x03"),
    ether_osi(b"\xfe"),
    gre_osi(ISH),
    gre_osi(ERQ),
    llc(ESH),
    llc(ISH),
    llc(REDIRECT),
    llc(esis(6, bytes([len(A1)]) + A1 + b"\x03\x01\x02\x03\x00")),
    llc(esis(9, b"\x01\x02\x03\x04")),
    llc(esis(2, b"\x00\x00", version=2)),
    llc(esis(2, b"\x00\x00", li=80)),
    llc(esis(2, b"\x00\x00", li=10)),
    llc(b"\x82\x0b"),
    llc(esis(2, b"\x02\x03\x49\x00\x01", li=14)),
    llc(esis(4, b"\x05\x49\x00", li=12)),
    llc(esis(6, bytes([len(A1)]) + A1, li=9 + 1 + len(A1))),
    llc(esis(6, bytes([len(A1)]) + A1 + b"\x00\x01", li=9 + 1 + len(A1) + 1)),
    llc(esis(4, b"\x01\x49", b"\x81")),
    llc(esis(4, b"\x01\x49", b"\x81\x05\x00")),
    llc(esis(4, b"\x01\x49", opt(129, b""))),
]
cuts = []
for pdu in (DT, ER, ESH, REDIRECT):
    frame = llc(pdu)
    for cut in range(len(frame) - len(pdu), len(frame)):
        cuts.append((frame, cut))
with open("clnp_esis.pcap", "wb") as out:
    out.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    for i, (data, cap) in enumerate([(f, len(f)) for f in frames] + cuts):
        out.write(struct.pack("<IIII", 1_700_000_000 + i, 0, cap, len(data)))
        out.write(data[:cap])
