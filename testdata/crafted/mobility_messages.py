# Writes mobility_messages.pcap: IPv6 Mobility headers (RFC 6275, next header 135 and the
# old 62) for tcpdump's mobility_print(): every message type tcpdump names and unknown
# ones, Binding Update flags, the Acknowledgement's K flag, every option (Pad1, PadN,
# refresh, alternate care-of address, nonce indices, authorization data, unknown) with
# room and without, options that run past the header or end at the last captured byte,
# header lengths too small for each type, IPv6 payload lengths that end inside the
# header, a payload length of 0, the header after hop-by-hop, destination options,
# routing and fragment headers, after AH and IPv4 (where tcpdump prints ip-proto-135),
# and messages cut by the capture at every byte.
import struct

ETH = bytes.fromhex("00000c9ff001" "0050568a1b2c")
SRC = bytes.fromhex("20010db8000000000000000000000001")
DST = bytes.fromhex("20010db8000000000000000000000002")
HOME = bytes.fromhex("20010db8000000000000000000000abc")


def mh(mtype, body=b"", length=None, proto=59, cksum=0x1234):
    # A Mobility header: its length field counts 8-octet units after the first 8.
    raw = struct.pack(">BBBBH", proto, 0, mtype, 0, cksum) + body
    if length is None:
        raw += bytes(-len(raw) % 8)
        length = len(raw) // 8 - 1
    return raw[:1] + bytes([length]) + raw[2:]


def ip6(nh, payload, plen=None):
    if plen is None:
        plen = len(payload)
    return ETH + b"\x86\xdd" + struct.pack(">IHBB", 0x60000000, plen, nh, 64) + SRC + DST + payload


def opts(*options):
    return b"".join(options)


PAD1 = b"\x00"


def padn(n):
    return bytes([1, n]) + bytes(n)


def refresh(units):
    return struct.pack(">BBH", 2, 2, units)


ALTCOA = bytes([3, 16]) + HOME
NI = struct.pack(">BBHH", 4, 4, 0x04D2, 0x162E)
AUTH = bytes([5, 10]) + bytes(range(10))

HOTI = mh(1, b"\0\0" + bytes.fromhex("0102030405060708"))
COTI = mh(2, b"\0\0" + bytes.fromhex("090a0b0c0d0e0f10"))
HOT = mh(3, struct.pack(">H", 0x90A) + bytes.fromhex("0b0c0d0e0f1004d2" "1112131415161718"))
COT = mh(4, struct.pack(">H", 0x1) + bytes.fromhex("a0b0c0d0e0f00000" "ffffffff00000001"))


def bu(flags=0x8, seq=1000, life=3600, options=b"", length=None):
    return mh(5, struct.pack(">HBBH", seq, flags << 4, 0, life) + options, length)


def ba(status=0, k=0, seq=1000, life=3600, options=b"", length=None):
    return mh(6, struct.pack(">BBHH", status, 0x80 if k else 0, seq, life) + options, length)


BE = mh(7, struct.pack(">BB", 1, 0) + HOME)

records = []


def add(frame, wire=None):
    records.append((frame, len(frame) if wire is None else wire))


# Every type, with and without options.
for header in (mh(0), HOTI, COTI, HOT, COT, bu(), ba(), BE, mh(8, b"\0\0\1\2\3\4"), mh(255)):
    add(ip6(135, header))
add(ip6(62, bu(options=padn(2))))
for flags in range(16):
    add(ip6(135, bu(flags=flags, seq=flags, life=flags * 0x1111)))
add(ip6(135, ba(status=129, k=1, seq=65535, life=65535)))
add(ip6(135, bu(options=opts(ALTCOA, padn(0)))))
add(ip6(135, bu(options=opts(NI, padn(0), AUTH, padn(2)))))
add(ip6(135, ba(options=opts(refresh(1800), AUTH, padn(0)))))
add(ip6(135, mh(0, opts(PAD1, PAD1, padn(2), bytes([0x3C, 0]), bytes([0xFF, 2, 1, 2])))))
add(ip6(135, mh(8, b"\0\0" + opts(NI, padn(6)))))
# Options that need more room than the header has left (tcpdump checks the room, not the
# option's own length): each with a byte after the header, and each without.
for short in (bytes([2, 0]), bytes([3, 2, 0, 0]), bytes([4, 2, 0, 0]), bytes([5, 6]) + bytes(6)):
    fill = 8 - len(short)
    lead = padn(fill - 2) if fill >= 2 else PAD1 * fill
    for tail in (b"\xee", b""):
        add(ip6(135, mh(0, b"\0\0" + lead + short) + tail))
# An option running past the header, a type at the header's last byte, an option that ends
# where the capture does, unknown options of every short length.
add(ip6(135, mh(0, b"\0\0" + bytes([1, 7]) + bytes(6), length=1) + b"\xee"))
add(ip6(135, mh(0, b"\0\0" + padn(5) + b"\x01", length=1) + b"\xee"))
add(ip6(135, mh(0, b"\0\0" + padn(5) + b"\x00", length=1)))
for n in range(6):
    rest = 6 - n
    lead = padn(rest - 2) if rest >= 2 else PAD1 * rest
    add(ip6(135, mh(0, b"\0\0" + bytes([0x40 + n, n]) + bytes(n) + lead) + b"\xee"))
# Header lengths too small for each type.
for mtype in range(8):
    add(ip6(135, mh(mtype, bytes(30), length=0)))
for mtype in (3, 4, 7):
    add(ip6(135, mh(mtype, bytes(30), length=1)))
add(ip6(135, mh(9, bytes(6), length=0)))
# IPv6 payload lengths that end inside the header, and a payload length of 0.
for plen in (1, 2, 3, 7, 9, 11, 15, 23):
    add(ip6(135, bu(options=opts(NI, padn(0))), plen=plen))
    add(ip6(135, HOT, plen=plen))
add(ip6(135, ba(options=padn(2)), plen=0))
# After other extension headers, AH, in IPv4.
add(ip6(0, bytes([135, 0, 1, 4, 0, 0, 0, 0]) + bu(options=padn(2))))
add(ip6(60, bytes([135, 0, 1, 4, 0, 0, 0, 0]) + HOTI))
add(ip6(43, bytes([135, 2, 2, 1, 0, 0, 0, 0]) + HOME + BE))
add(ip6(44, struct.pack(">BBHI", 135, 0, 0x0001, 0xABCD) + COT))
add(ip6(44, struct.pack(">BBHI", 135, 0, 0x0100, 0xABCD) + COT))
add(ip6(60, bytes([135, 0, 1, 4, 0, 0, 0, 0])))
add(ip6(51, bytes([135, 4, 0, 0, 0, 0, 0x10, 1, 0, 0, 0, 1]) + bytes(12) + bu()))
add(ip6(51, bytes([62, 4, 0, 0, 0, 0, 0x10, 1, 0, 0, 0, 1]) + bytes(12) + HOTI))
ipv4 = struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + 16, 1, 0, 64, 135, 0, bytes([10, 0, 0, 1]),
                   bytes([10, 0, 0, 2]))
add(ETH + b"\x08\x00" + ipv4 + bu())
# Cut by the capture at every byte (the wire had all of it).
full = [
    mh(0, b"\0\0" + padn(6)),
    bu(options=opts(refresh(7), padn(0))),
    ba(k=1, options=opts(NI, padn(0))),
    bu(options=opts(ALTCOA, padn(0))),
    HOTI,
    COT,
    BE,
    mh(0, b"\0\0" + opts(PAD1, AUTH, padn(1))),
]
for header in full:
    frame = ip6(135, header)
    for cut in range(54, len(frame)):
        add(frame[:cut], len(frame))
add(ip6(60, bytes([135, 0, 1, 4, 0, 0, 0, 0]) + HOTI)[:62 + 2], 62 + len(HOTI) + 8)

with open("mobility_messages.pcap", "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    for i, (frame, wire) in enumerate(records):
        f.write(struct.pack("<IIII", 1_700_000_000 + i, 0, len(frame), wire))
        f.write(frame)
