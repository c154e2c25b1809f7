# Writes decnet_messages.pcap: DECnet Phase IV routing (EtherType 0x6003) frames for
# tcpdump's decnet_print(): lengths under 6 and over the frame, padding (with a bad pad
# length), future versions, every control message (initialization with each node type and
# flag, verification, test, level 1 and level 2 routing with entries, an over-large count
# and a checksum, router and endnode hellos with each information bit, unknown types),
# control messages shorter than their type, short and long route headers with every route
# flag, an unknown format, and every NSP message kind: data segments (BOM, MOM, EOM, both)
# with ack/nak and oack/onak, interrupts, link service with each flow control modifier and
# interpretation, reserved subtypes, data and ILS acks, connect ack, connect initiate and
# its retransmission, confirm with optional data, disconnect initiate and confirm with
# named and unnamed reasons, reserved types; NSP messages shorter than they need; an
# 802.1Q tag and Ethernet padding; and messages cut by the capture at every byte.
import struct

DST = bytes.fromhex("aa0004000104")
SRC = bytes.fromhex("aa0004000804")


def frame(msg, pad=False, vlan=False, length=None):
    n = len(msg) if length is None else length
    tag = bytes.fromhex("8100002a") if vlan else b""
    data = DST + SRC + tag + b"\x60\x03" + struct.pack("<H", n) + msg
    return data + bytes(max(0, 60 - len(data))) if pad else data


def w(*words):
    return struct.pack("<%dH" % len(words), *words)


def node(area, number):
    return (area << 10) | number


def hiord(address):
    return bytes.fromhex("aa000400") + w(address)


def short(nsp, flags=0x02, dst=node(1, 4), src=node(1, 8), visits=0):
    return bytes([flags]) + w(dst, src) + bytes([visits]) + nsp


def long(nsp, flags=0x26, dst=node(2, 7), src=node(3, 9), visits=5):
    return (bytes([flags, 0, 0]) + hiord(dst) + bytes([0, 0]) + hiord(src)
            + bytes([0, visits, 0, 0]) + nsp)


def nsp(flags, *rest, dst=0x2003, src=0x2004):
    return bytes([flags]) + w(dst, src) + b"".join(rest)


def init(info, blksize=1498, vers=2, eco=0, ueco=0, hello=15):
    return bytes([0x01]) + w(node(1, 8)) + bytes([info]) + w(blksize) + bytes(
        [vers, eco, ueco]) + w(hello) + b"\0"


def routing(kind, entries, count_extra=b""):
    body = b"".join(w(c, i, info) for c, i, info in entries)
    return bytes([kind]) + w(node(1, 8)) + b"\0" + body + count_extra + w(0xBEEF)


def rhello(info, priority=64):
    return (bytes([0x0B, 2, 0, 0]) + hiord(node(1, 8)) + bytes([info]) + w(1498)
            + bytes([priority, 0]) + w(15) + b"\0" + bytes(7))


def ehello(info, router=node(1, 3), data=0xAA):
    return (bytes([0x0D, 2, 0, 0]) + hiord(node(1, 8)) + bytes([info]) + w(1498)
            + b"\0" + bytes(8) + hiord(router) + w(10) + b"\0" + bytes([data]))


ACK, NAK, OACK, ONAK = 0x8000, 0x9000, 0xA000, 0xB000
SEGMENTS = [
    w(5),
    w(ACK | 3, 7),
    w(NAK | 3, 7),
    w(ACK | 3, OACK | 1, 9),
    w(NAK | 3, ONAK | 1, 9),
    w(ACK | 3, 0x2000 | 2, 9),
]
NSP = []
for sub in (0x00, 0x20, 0x40, 0x60):
    NSP += [nsp(sub, s, b"data") for s in SEGMENTS]
NSP += [nsp(0x30, s, b"int") for s in SEGMENTS]
for lsflags in (0x00, 0x01, 0x02, 0x03, 0x04, 0x08, 0x0C, 0x05):
    NSP += [nsp(0x10, w(ACK | 1, OACK | 2, 4), bytes([lsflags, 3]))]
NSP += [
    nsp(0x10, w(7, 0, 0), b"\x02\x01"),
    nsp(0x10, w(NAK | 1, ONAK | 2, 4), b"\x00\x00"),
    nsp(0x10, w(ACK | 1, 5, 0), b"\x00\x00"),
    nsp(0x50, w(1)),
    nsp(0x70, w(1)),
    nsp(0x04, w(ACK | 5, OACK | 6)),
    nsp(0x04, w(NAK | 5, ONAK | 6)),
    nsp(0x04, w(5, 6)),
    nsp(0x04, w(ACK | 5, 6)),
    nsp(0x14, w(ACK | 5, OACK | 6)),
    nsp(0x14, w(NAK | 5, ONAK | 6)),
    nsp(0x24),
    nsp(0x34, w(1, 2)),
    nsp(0x54, w(1, 2)),
]
for services in (0x01, 0x05, 0x09, 0x0D):
    for info in (0, 1, 2, 3):
        NSP += [nsp(0x18, bytes([services, info]), w(1459), b"\x00\x00", dst=0)]
NSP += [
    nsp(0x68, bytes([0x05, 0x02]), w(512), dst=0),
    nsp(0x28, bytes([0x01, 0x03]), w(1459), b"\x00"),
    nsp(0x28, bytes([0x05, 0x03]), w(1459), b"\x04abcd"),
]
for reason in (0, 1, 3, 9, 11, 34, 36, 38, 39, 41, 42, 43, 54, 12, 500):
    NSP += [nsp(0x38, w(reason), b"\x00"), nsp(0x48, w(reason))]
NSP += [
    nsp(0x38, w(5), b"\x03xyz"),
    nsp(0x08, w(1)),
    nsp(0x58, w(1)),
    nsp(0x78, w(1)),
    nsp(0x0C, w(1)),
    nsp(0x7C, w(1)),
]
# NSP messages shorter than they need (the route header's length says so).
SHORT_NSP = [
    b"",
    nsp(0x00)[:3],
    nsp(0x00),
    nsp(0x00, w(ACK | 1)),
    nsp(0x00, w(ACK | 1, OACK | 2)),
    nsp(0x30, w(ACK | 1)),
    nsp(0x10, w(ACK | 1, OACK | 2, 3), b"\x00"),
    nsp(0x04, w(ACK | 1)),
    nsp(0x14, w(ACK | 1)),
    nsp(0x18, bytes([1, 1]), b"\x00"),
    nsp(0x28, bytes([1, 1]), w(9)),
    nsp(0x38, w(1)),
    nsp(0x48),
]

packets = []
# Lengths: under 6 on the wire, the length word under 6 and over the frame.
packets += [
    DST + SRC + b"\x60\x03\x05\x00\x02\x00\x00",
    frame(short(nsp(0x04, w(1, 2))), length=4),
    frame(short(nsp(0x04, w(1, 2))), length=40),
    frame(short(nsp(0x04, w(ACK | 1, 2))), length=12),
]
# Padding: printed with -v, then the message; a pad longer than the length; no padding.
packets += [
    frame(b"\x83\0\0" + short(nsp(0x04, w(ACK | 1, 2)))),
    frame(b"\x82\0" + ehello(0x03)),
    frame(b"\x90" + bytes(15) + b"\x02"),
    frame(b"\x80" + short(b"")),
    frame(b"\x85\0\0\0\0\x41abc"),
    frame(b"\x84\0\0\0\x02\x04"),
    # Padding that leaves less than a control message or a short route header needs
    # (tcpdump's NSP length then wraps below zero).
    frame(b"\x83\0\0\x03\x08\x04"),
    frame(b"\x83\0\0\x05\x08\x04"),
    frame(b"\x83\0\0\x07\x08\x04" + bytes(20), length=6),
    frame(b"\x83\0\0\x09\x08\x04" + bytes(20), length=6),
    frame(b"\x84\0\0\0" + short(nsp(0x04, w(ACK | 1, 2))), length=8),
    frame(b"\x84\0\0\0" + short(nsp(0x00, w(ACK | 1, OACK | 2, 3))), length=8),
]
# Future versions and unknown formats.
packets += [frame(bytes([0x42]) + bytes(10)), frame(bytes([0x41, 1, 2, 3]))]
packets += [frame(short(nsp(0x04, w(1, 2)), flags=f)) for f in (0x00, 0x04, 0x03 ^ 0x01)]
# Control messages.
packets += [frame(init(info)) for info in (0, 1, 2, 3, 4, 8, 0x0F)]
packets += [
    frame(init(3, blksize=576, vers=1, eco=3, ueco=7, hello=300)),
    frame(bytes([0x03]) + w(node(1, 8)) + b"\x0a"),
    frame(bytes([0x03]) + w(node(63, 1023)) + b"\xff" + b"seedseed"),
    frame(bytes([0x05]) + w(node(1, 8)) + b"\xaa"),
    frame(bytes([0x05]) + w(node(1, 8)) + b"\xaa" + b"\xaa" * 10),
    frame(routing(0x07, [(3, 0, 0x0401), (0, 4, 0x7FFF), (2, 1000, 0x1C05)])),
    frame(routing(0x07, [(3, 0, 0x0401), (1025, 4, 1), (2, 5, 5)])),
    frame(routing(0x07, [])),
    frame(bytes([0x07]) + w(node(1, 8)) + b"\0" + w(1, 2, 3) + b"\x01"),
    frame(routing(0x09, [(1, 1, 0x0802), (62, 2, 0xFC1FF)[0:2] + (0xFDFF,)])),
    frame(routing(0x09, [(1024, 1, 3)])),
]
packets += [frame(rhello(info)) for info in (0, 1, 2, 3, 0x07, 0x23, 0x43, 0x67)]
packets += [frame(ehello(info, data=d)) for info, d in ((3, 0xAA), (0x27, 0), (0x40, 0o17))]
packets += [frame(bytes([t]) + bytes(20)) for t in (0x0F, 0x1F, 0x8F & 0x7F)]
# Control messages shorter than their type.
packets += [
    frame(init(3)[:11]),
    frame(b"\x03\x08\x04"),
    frame(b"\x05\x08\x04"),
    frame(b"\x07\x08\x04"),
    frame(b"\x09\x08\x04"),
    frame(rhello(3)[:17]),
    frame(ehello(3)[:31]),
]
# Route headers: every flag, short and long, then each NSP message.
packets += [frame(short(nsp(0x04, w(ACK | 1, 2)), flags=0x02 | f, visits=v))
            for f, v in ((0x08, 0), (0x10, 3), (0x20, 63), (0x38, 0xFF))]
packets += [frame(long(nsp(0x04, w(ACK | 1, 2)), flags=0x06 | f)) for f in (0, 0x08, 0x30)]
packets += [frame(long(b"")[:20])]
packets += [frame(short(m)) for m in NSP]
packets += [frame(long(m)) for m in NSP[::7]]
packets += [frame(short(m)) for m in SHORT_NSP]
# Tagged, and padded to the Ethernet minimum.
packets += [frame(ehello(3), vlan=True), frame(short(nsp(0x24)), pad=True)]

# Cuts: (frame, captured length) at every byte of each message kind.
cuts = []
for message in (
    init(3),
    b"\x03\x08\x04\x0a",
    b"\x05\x08\x04\x0a",
    routing(0x07, [(3, 0, 0x0401), (2, 4, 3)]),
    routing(0x09, [(3, 0, 0x0401)]),
    rhello(3),
    ehello(3),
    bytes([0x0F]) + bytes(8),
    bytes([0x42]) + bytes(8),
    b"\x83\0\0" + short(nsp(0x04, w(ACK | 1, 2))),
    long(nsp(0x00, w(ACK | 1, OACK | 2, 3))),
    short(nsp(0x00, w(ACK | 1, OACK | 2, 3))),
    short(nsp(0x30, w(NAK | 1, ONAK | 2, 3))),
    short(nsp(0x10, w(ACK | 1, OACK | 2, 4), b"\x01\x03")),
    short(nsp(0x04, w(ACK | 5, OACK | 6))),
    short(nsp(0x14, w(ACK | 5, OACK | 6))),
    short(nsp(0x24)),
    short(nsp(0x18, bytes([5, 1]), w(1459), dst=0)),
    short(nsp(0x28, bytes([5, 1]), w(1459), b"\x04abcd")),
    short(nsp(0x38, w(38), b"\x00")),
    short(nsp(0x48, w(42))),
):
    data = frame(message)
    cuts += [(data, n) for n in range(14, len(data))]

with open("decnet_messages.pcap", "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    records = [(data, len(data)) for data in packets] + cuts
    for i, (data, n) in enumerate(records):
        f.write(struct.pack("<IIII", 1_700_000_000 + i, 0, n, len(data)))
        f.write(data[:n])
