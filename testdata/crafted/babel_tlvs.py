# Writes babel_tlvs.pcap: Babel packets (RFC 8966) on UDP port 6696 over IPv6 (and 6697
# over IPv4), one packet per case: every TLV type tcpdump prints, the address encodings
# (AE 0 any, 1 IPv4, 2 IPv6, 3 link-local, 4 unknown), Update's prefix compression from
# earlier Updates of the packet (and not from the body into the trailer), every sub-TLV
# (Pad1, PadN, Diversity, Timestamp in a Hello, an IHU and an Update, mandatory unknown),
# TLVs too short for their type, TLVs and sub-TLVs that overrun, a trailer, bad headers,
# and packets the capture cuts in the header, a TLV's type, length and body.
import struct

from _inet import csum

SRC6 = bytes.fromhex("fe800000000000000000000000000001")
DST6 = bytes.fromhex("ff020000000000000000000000010006")


def udp6(payload, port=6696):
    udp = struct.pack(">HHHH", port, port, 8 + len(payload), 0) + payload
    pseudo = SRC6 + DST6 + struct.pack(">IxxxB", len(udp), 17)
    udp = udp[:6] + struct.pack(">H", csum(pseudo + udp)) + udp[8:]
    ip = struct.pack(">IHBB", 0x60000000, len(udp), 17, 1) + SRC6 + DST6
    return bytes.fromhex("333300010006020000000001") + b"\x86\xdd" + ip + udp


def udp4(payload, port=6697, udp_length=None):
    src, dst = bytes([192, 0, 2, 1]), bytes([224, 0, 0, 111])
    length = 8 + len(payload) if udp_length is None else udp_length
    udp = struct.pack(">HHHH", port, port, length, 0) + payload
    ip = struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 1, 0, 1, 17, 0, src, dst)
    ip = ip[:10] + struct.pack(">H", csum(ip)) + ip[12:]
    return bytes.fromhex("01005e00006f020000000001") + b"\x08\x00" + ip + udp


def tlv(kind, body):
    return bytes([kind, len(body)]) + body


def packet(body, trailer=b"", magic=42, version=2, body_length=None):
    length = len(body) if body_length is None else body_length
    return struct.pack(">BBH", magic, version, length) + body + trailer


def hello(seqno, interval, flags=0, extra=b""):
    return tlv(4, struct.pack(">HHH", flags, seqno, interval) + extra)


def ihu(ae, address, rxcost=96, interval=6000, extra=b""):
    return tlv(5, struct.pack(">BxHH", ae, rxcost, interval) + address + extra)


def update(ae, flags, plen, omitted, prefix, metric=1, seqno=7, interval=400, extra=b""):
    return tlv(8, struct.pack(">BBBBHHH", ae, flags, plen, omitted, interval, seqno, metric) + prefix + extra)


def sub(kind, body):
    return bytes([kind, len(body)]) + body


ID = bytes.fromhex("0218f3fffea9914e")
V6 = bytes.fromhex("20010db8000000010000000000000001")
packets = [
    # Pad1, PadN, Ack-Req, Ack, Router-Id, Hello (unicast, unscheduled), a bogus interval.
    packet(b"\x00" + tlv(1, b"\0\0\0") + tlv(2, struct.pack(">HHH", 0, 0xBEEF, 250)) + tlv(3, b"\x12\x34")),
    packet(tlv(6, b"\0\0" + ID) + hello(1, 0, 0x8000) + hello(2, 2000) + tlv(2, struct.pack(">HHH", 0, 1, 0))),
    # Hello with sub-TLVs: Pad1, PadN, a timestamp, a diversity (bogus here), an unknown one.
    packet(hello(3, 400, extra=b"\x00" + sub(1, b"\0\0") + sub(3, struct.pack(">I", 1234567890)) + sub(2, b"\x01") + sub(9, b"x"))),
    # ... a mandatory unknown sub-TLV, a short timestamp, a sub-TLV that overruns, a lone type.
    packet(hello(4, 400, extra=sub(0x85, b"ab")) + hello(5, 400, extra=sub(3, b"\0\0")) + hello(6, 400, extra=b"\x01\x09")),
    packet(hello(7, 400, extra=b"\x02") + hello(8, 400, extra=b"\x83")),
    # IHU: AE 0, 1, 2, 3; with timestamps; a bad AE (tcpdump marks it cut and goes on).
    packet(ihu(0, b"") + ihu(1, bytes([10, 0, 0, 1])) + ihu(2, V6) + ihu(3, bytes(7) + b"\x01")),
    packet(ihu(2, V6, extra=sub(3, struct.pack(">II", 4294967295, 5)) + sub(2, b"")) + ihu(4, b"") + ihu(1, b"\x0a\x00", interval=0)),
    packet(ihu(3, b"\0" * 8, extra=sub(3, b"\0" * 7))),
    # Next Hop: AE 1, 2, 3, 0, 4.
    packet(tlv(7, b"\x01\0" + bytes([192, 168, 4, 25])) + tlv(7, b"\x02\0" + V6) + tlv(7, b"\x03\0" + bytes(7) + b"\x09") + tlv(7, b"\x00\0")),
    packet(tlv(7, b"\x04\0")),
    packet(tlv(7, b"\x01\0\x0a")),
    # Updates: IPv4, compressed from the one before (flag 0x80), IPv6 compressed, link-local,
    # AE 0 retraction, an IPv4-mapped IPv6 prefix of at least 96 bits, flags /id /unknown,
    # infinite interval, diversity channels, an Update that sets no state.
    packet(
        update(1, 0x80, 24, 0, bytes([10, 1, 2]))
        + update(1, 0x00, 32, 3, b"\x09")
        + update(1, 0x00, 32, 2, b"\x07\x08")
        + update(2, 0xC0, 64, 0, V6[:8])
        + update(2, 0x80, 128, 8, V6[8:])
        + update(2, 0x00, 128, 14, b"\xab\xcd")
        + update(3, 0x80, 128, 0, bytes(7) + b"\x05")
        + update(2, 0x00, 128, 2, bytes(14))
        + update(0, 0x80, 0, 0, b"", metric=0xFFFF, interval=0xFFFF)
        + update(2, 0x00, 64, 4, bytes(4))
    ),
    packet(
        update(2, 0x3F, 120, 0, bytes(10) + b"\xff\xff\x0a\x00\x00", extra=sub(2, bytes([0, 5, 255])))
        + update(1, 0x40, 0, 0, b"", extra=sub(2, b"") + sub(3, b"\0\0\0\0"))
        + update(1, 0x80, 16, 5, b"")
    ),
    # Updates with a bad encoding: AE 1 prefix over 32 bits, omitted too long, AE 5.
    packet(update(1, 0, 40, 0, bytes(5))),
    packet(update(1, 0, 32, 5, b"")),
    packet(update(2, 0, 128, 17, b"")),
    packet(update(5, 0, 0, 0, b"")),
    packet(update(2, 0, 200, 0, b"")),
    packet(update(2, 0, 128, 0, bytes(15))),
    packet(update(3, 0, 128, 0, bytes(3))),
    # Route and Seqno Requests: any, IPv4, IPv6, link-local; AE 0 seqno request; bad ones.
    packet(tlv(9, b"\0\0") + tlv(9, b"\x01\x18\x0a\x01\x02") + tlv(9, b"\x02\x40" + V6[:8]) + tlv(9, b"\x03\x80" + bytes(8))),
    packet(tlv(10, struct.pack(">BBHBx", 2, 128, 40150, 127) + ID + V6) + tlv(10, struct.pack(">BBHBx", 0, 0, 1, 2) + ID)),
    packet(tlv(10, struct.pack(">BBHBx", 1, 32, 9, 3) + ID + bytes([10, 0, 0, 9]))),
    packet(tlv(9, b"\x01\x21" + bytes(5))),
    packet(tlv(10, struct.pack(">BBHBx", 1, 33, 9, 3) + ID)),
    # TS/PC, HMAC, MAC, PC, challenges, an unknown type.
    packet(tlv(11, struct.pack(">HI", 17, 3000000000)) + tlv(12, struct.pack(">H", 5) + bytes(range(0xF0, 0x100)))),
    packet(tlv(16, bytes(20)) + tlv(17, struct.pack(">I", 42) + b"idx") + tlv(18, b"nonce") + tlv(19, b"reply") + tlv(25, b"?")),
    packet(tlv(18, bytes(193))),
    packet(tlv(19, bytes(193))),
    # Source-specific Update, Request, Multi-hop Request (draft-boutier-babel-source-specific).
    packet(
        update(2, 0x80, 64, 0, V6[:8])
        + tlv(13, struct.pack(">BBBBHHH", 2, 48, 128, 4, 400, 9, 3) + V6[4:] + V6[:6] + sub(2, b"\x03"))
        + tlv(13, struct.pack(">BBBBHHH", 1, 8, 24, 0, 0xFFFF, 9, 3) + b"\x0a\x01\x02\x0b")
        + tlv(13, struct.pack(">BBBBHHH", 0, 0, 0, 0, 400, 9, 3))
    ),
    packet(tlv(14, b"\x02\x40\x30" + V6[:8] + V6[:6]) + tlv(14, b"\x00\x00\x00") + tlv(14, b"\x01\x20\x08\x0a\x00\x00\x01\x0b")),
    packet(tlv(15, struct.pack(">BBHBB", 2, 64, 77, 5, 16) + ID + V6[:8] + V6[:2]) + tlv(15, struct.pack(">BBHBB", 1, 32, 78, 6, 8) + ID + b"\x0a\0\0\x01\x0b")),
    packet(tlv(13, struct.pack(">BBBBHHH", 1, 40, 24, 0, 1, 2, 3))),
    packet(tlv(14, b"\x01\x20\x28" + bytes(9))),
    packet(tlv(15, struct.pack(">BBHBB", 1, 32, 1, 1, 33) + ID + bytes(9))),
    # Too short for their type: each stops the walk with -v.
    *[packet(tlv(t, bytes(n)) + tlv(1, b"")) for t, n in [(2, 5), (3, 1), (4, 5), (5, 5), (6, 9), (7, 1), (9, 1), (10, 13), (11, 5), (12, 17), (13, 9), (14, 2), (15, 13), (17, 3)]],
    # An Update too short stops the walk without -v too.
    packet(tlv(8, bytes(9)) + hello(1, 1)),
    # A TLV whose length overruns the body; a body ending after a type byte.
    packet(hello(1, 1) + b"\x04\x09" + bytes(6)),
    packet(hello(1, 1) + b"\x04"),
    # A trailer: Pad1, PC and HMAC; its Updates start from fresh compression state.
    packet(update(1, 0x80, 24, 0, bytes([10, 1, 2])), b"\x00" + tlv(17, struct.pack(">I", 1)) + tlv(12, struct.pack(">H", 1) + bytes(16))),
    packet(update(1, 0x80, 24, 0, bytes([10, 1, 2])), update(1, 0, 32, 3, b"\x09")),
    packet(hello(1, 1), tlv(3, b"\0")),
    packet(hello(1, 1), b"\x04\x07\x00"),
    # Bad headers: magic, version, a body longer than the packet.
    packet(hello(1, 1), magic=41),
    packet(hello(1, 1), version=1),
    packet(hello(1, 1), body_length=20),
]
frames = [(udp6(p), None) for p in packets]
# Over IPv4 on the old port, and with a UDP length shorter than the header.
frames.append((udp4(packet(hello(9, 400))), None))
frames.append((udp4(packet(b"") + bytes(4), udp_length=10), None))
# Cut by the capture: in the header, at a TLV's type, its length, its body; in the trailer.
CUT = packet(hello(1, 1) + ihu(2, V6), tlv(3, b"\0\0"))
for n in (2, 12, 13, 20, 36, 37, 38):
    f = udp6(CUT)
    frames.append((f[: 14 + 40 + 8 + n], len(f)))
with open("babel_tlvs.pcap", "wb") as out:
    out.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    for i, (data, wire) in enumerate(frames):
        out.write(struct.pack("<IIII", 1_700_000_000 + i, 0, len(data), wire or len(data)))
        out.write(data)
