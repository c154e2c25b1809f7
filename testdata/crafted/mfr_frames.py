# Writes mfr_frames.pcap: LINKTYPE_MFR (182), Multilink Frame Relay (FRF.16) as tcpdump's
# mfr_print() reads it: control frames with every message type (and unknown ones) and
# every information element (Bundle and Link IDs with odd characters, NUL-ended, longer
# than 50 bytes; Magic Number of the right and wrong lengths; a 16-byte struct timeval
# Timestamp, a bad one and one of another size; Vendor Extension, Cause, unknown types; an
# element of type 0 and one no longer than its header, which end the walk; trailing bytes),
# fragments with each combination of the Begin, End and Control bits and the widest
# sequence number, first fragments carrying Frame Relay frames (RFC 2427 IPv4, IPv6, SNAP,
# Cisco's encapsulation, IS-IS, FRF.15, an invalid Q.922 address, an unknown NLPID), frames
# shorter than 4 bytes on the wire, and frames cut at every byte by the capture.
import struct
from _inet import ipv4_udp, ipv6_udp


def control(message, ies=b"", first=0xE1):
    return bytes([first, 0, message]) + ies


def ie(kind, value, length=None):
    return bytes([kind, len(value) + 2 if length is None else length]) + value


def timeval(seconds, micros):
    return struct.pack("<qq", seconds, micros)


def frag(flags, sequence, payload):
    return bytes([flags | ((sequence >> 7) & 0x1E) | 1, sequence & 0xFF]) + payload


Q922 = bytes([0x18, 0x41])  # DLCI 100, 2-byte address
FR_IP = Q922 + b"\x03\xcc" + ipv4_udp()
FR_IP6 = Q922 + b"\x03\x8e" + ipv6_udp()
FR_SNAP = Q922 + b"\x03\x00\x80\x00\x00\x00\x08\x00" + ipv4_udp()
FR_CISCO = Q922 + b"\x08\x00" + ipv4_udp()
LSP = bytes.fromhex("831b010012010000") + bytes.fromhex("001b04b0") + bytes(8) + bytes(4) + bytes.fromhex("000003")
FR_ISIS = Q922 + b"\x03" + LSP
FR_FRF15 = Q922 + b"\x03\xb1\xc1\x23" + b"data"
FR_UNKNOWN = Q922 + b"\x03\x77" + b"\x01\x02\x03\x04"
FR_INVALID = b"\x19\x41\x03\xcc"
FR_3BYTE = bytes([0x18, 0x40, 0x01]) + b"\x03\x00\xcc" + ipv4_udp()

ALL_IES = (
    ie(1, b"bundle-1\x00")
    + ie(2, b"link\x01\x7f\xe9!")
    + ie(3, bytes.fromhex("deadbeef"))
    + ie(5, timeval(1_700_000_000, 123_456))
    + ie(6, b"\x00\x00\x0c\x01")
    + ie(7, b"\x05")
    + ie(9, b"unknown")
)

frames = [control(m, b"\x00") for m in range(0, 10)]
frames += [
    control(1, ALL_IES),
    control(4, ie(1, b"x" * 60)),
    control(4, ie(2, b"abc\x00def")),
    control(4, ie(3, b"\x01\x02\x03")),
    control(4, ie(3, b"\x01\x02\x03\x04\x05")),
    control(4, ie(5, timeval(-1, 0))),
    control(4, ie(5, timeval(2**31, 5))),
    control(4, ie(5, timeval(86_399, 2_000_000))),
    control(4, ie(5, b"\x01\x02\x03\x04\x05\x06\x07\x08")),
    control(4, ie(6, b"")),
    control(4, ie(0, b"zero") + ie(1, b"never")),
    control(4, ie(1, b"", length=2) + ie(1, b"never")),
    control(4, ie(1, b"", length=1) + ie(1, b"never")),
    control(4, ie(1, b"a") + b"\x01"),
    control(4, ie(1, b"a") + b"\x01\x05"),
    control(4, ie(1, b"abc", length=40)),
    control(5, ie(3, bytes.fromhex("00000001")), first=0xFF),
    bytes([0xE1, 0x01, 0x04]) + ie(1, b"not-a-control"),
    frag(0x80, 4095, FR_IP),
    frag(0xC0, 1, FR_IP),
    frag(0xC0, 2, FR_IP6),
    frag(0xC0, 3, FR_SNAP),
    frag(0xC0, 4, FR_CISCO),
    frag(0xC0, 5, FR_ISIS),
    frag(0xC0, 6, FR_FRF15),
    frag(0xC0, 7, FR_UNKNOWN),
    frag(0xC0, 8, FR_INVALID),
    frag(0xC0, 9, FR_3BYTE),
    frag(0x00, 10, b"middle of a frame"),
    frag(0x40, 11, b"end of a frame"),
    frag(0x20, 12, b"control bit alone"),
    frag(0x60, 13, b"end and control"),
    frag(0xA0, 14, b"begin and control"),
    frag(0xE0, 15, b"all bits, second byte not 0"),
    frag(0x00, 16, b"x" * 40),
]
records = [(f, len(f)) for f in frames]
# Shorter than 4 bytes on the wire, and cut by the capture before 2 or 4 bytes.
records += [(b"", 10), (b"\xe1", 10), (b"\xe1\x00", 2), (b"\xe1\x00\x01", 3), (b"\xc1\x00", 3)]
records += [(b"\xe1\x00", 10), (b"\xe1\x00\x01", 10)]
# Cut at every byte: a control frame with every element, first fragments with Frame Relay.
for full in (control(1, ALL_IES), frag(0xC0, 20, FR_IP), frag(0x80, 21, FR_SNAP),
             frag(0xC0, 22, FR_3BYTE), frag(0xC0, 23, FR_FRF15), frag(0xC0, 24, FR_ISIS),
             frag(0xC0, 25, Q922 + b"\x22\x33\x00\x00"), frag(0x40, 26, b"last fragment")):
    records += [(full[:n], len(full)) for n in range(2, len(full))]
with open("mfr_frames.pcap", "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 182))
    for i, (data, wire) in enumerate(records):
        f.write(struct.pack("<IIII", 1_700_000_000 + i, 1000 * i, len(data), wire))
        f.write(data)
