# Writes dccp_packets.pcap: DCCP (RFC 4340, IP protocol 33) packets for tcpdump's
# dccp_print(), over IPv4 and IPv6: every packet type (and unknown ones) with short (24-bit)
# and extended (48-bit) sequence numbers, every option tcpdump names (and unnamed, CCID,
# too short, past the header's end), checksums right and wrong with full and partial
# coverage (CsCov), Data Offsets shorter and longer than the packet, IP lengths that end
# inside each fixed field, an IPv4 first fragment, Ethernet padding, and packets cut by
# the capture at every byte.
import struct

from _inet import csum

MACS = bytes.fromhex("00000c9ff001" "0050568a1b2c")
SRC4 = bytes([192, 0, 2, 1])
DST4 = bytes([198, 51, 100, 7])
SRC6 = bytes.fromhex("20010db8000000000000000000000001")
DST6 = bytes.fromhex("20010db80000000000000000000000fe")


def dccp(ptype, x=1, seq=0x0102030405, ack=0xA0B0C0D0E0, body=b"", options=b"",
         doff=None, ccval=3, cscov=0, sport=5001, dport=52667):
    if x:
        generic = struct.pack(">HHBBHBB", sport, dport, 0, (ccval << 4) | cscov, 0,
                              (ptype << 1) | 1, 0) + seq.to_bytes(6, "big")
        acks = b"\0\0" + ack.to_bytes(6, "big")
    else:
        generic = struct.pack(">HHBBHB", sport, dport, 0, (ccval << 4) | cscov, 0,
                              ptype << 1) + (seq & 0xFFFFFF).to_bytes(3, "big")
        acks = b"\0" + (ack & 0xFFFFFF).to_bytes(3, "big")
    if ptype in (0, 2):
        fixed = generic + body
    else:
        fixed = generic + acks + body
    packet = fixed + options
    if doff is None:
        packet += bytes(-len(packet) % 4)
        doff = len(packet) // 4
    return bytearray(packet[:4] + bytes([doff]) + packet[5:])


def checksum(packet, pseudo, cscov_override=None):
    cscov = packet[5] & 0xF
    cov = len(packet) if cscov == 0 else min(len(packet), (packet[4] + cscov - 1) * 4)
    packet[6:8] = b"\0\0"
    packet[6:8] = struct.pack(">H", csum(pseudo + bytes(packet[:cov])))


def ipv4(packet, good=True, mf=False, tail=b""):
    packet = bytearray(packet)
    pseudo = SRC4 + DST4 + struct.pack(">BBH", 0, 33, len(packet))
    checksum(packet, pseudo)
    if not good:
        packet[7] ^= 0x5A
    header = bytearray(struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + len(packet), 0x1234,
                                   0x2000 if mf else 0, 64, 33, 0, SRC4, DST4))
    header[10:12] = struct.pack(">H", csum(bytes(header)))
    return MACS + b"\x08\x00" + bytes(header) + bytes(packet) + tail


def ipv6(packet, good=True):
    packet = bytearray(packet)
    pseudo = SRC6 + DST6 + struct.pack(">I3xB", len(packet), 33)
    checksum(packet, pseudo)
    if not good:
        packet[6] ^= 0x33
    header = struct.pack(">IHBB16s16s", 0x60000000, len(packet), 33, 64, SRC6, DST6)
    return MACS + b"\x86\xdd" + header + bytes(packet)


def ipv6_ext(packet, ext_type, ext, final=DST6):
    """IPv6 with one extension header (its Next Header byte set to DCCP); the checksum's
    pseudo-header has `final`, the last address of a routing header."""
    packet = bytearray(packet)
    checksum(packet, SRC6 + final + struct.pack(">I3xB", len(packet), 33))
    payload = bytes([33]) + ext[1:] + bytes(packet)
    header = struct.pack(">IHBB16s16s", 0x60000000, len(payload), ext_type, 64, SRC6, DST6)
    return MACS + b"\x86\xdd" + header + payload


def ipv4_options(packet, options, final=DST4):
    """IPv4 with options (a source route's last address in the checksum's pseudo-header)."""
    packet = bytearray(packet)
    checksum(packet, SRC4 + final + struct.pack(">BBH", 0, 33, len(packet)))
    ihl = 5 + len(options) // 4
    header = bytearray(struct.pack(">BBHHHBBH4s4s", 0x40 | ihl, 0, ihl * 4 + len(packet), 1, 0,
                                   64, 33, 0, SRC4, DST4) + options)
    header[10:12] = struct.pack(">H", csum(bytes(header)))
    return MACS + b"\x08\x00" + bytes(header) + bytes(packet)


def ipv4_length(packet, length):
    """An IPv4 packet whose length field says `length` DCCP bytes: the rest is padding."""
    frame = bytearray(ipv4(packet))
    frame[16:18] = struct.pack(">H", 20 + length)
    frame[24:26] = b"\0\0"
    frame[24:26] = struct.pack(">H", csum(bytes(frame[14:34])))
    return bytes(frame)


def opt(kind, value=b"", length=None):
    return bytes([kind, 2 + len(value) if length is None else length]) + value


SERVICE = struct.pack(">I", 0x01020304)
RESET = bytes([2, 0xAA, 0xBB, 0xCC])
TYPES = [
    (0, SERVICE), (1, SERVICE), (2, b""), (3, b""), (4, b""), (5, b""), (6, b""),
    (7, RESET), (8, b""), (9, b""), (10, b""), (15, b"\0" * 8),
]
OPTIONS = [
    b"\x00", b"\x01", b"\x02", b"\x03", b"\x1f",
    opt(32, b"\x01\x02\x03"), opt(33, b"\x02\x01"), opt(34, b"\x09"), opt(35, b"\x0a\x05"),
    opt(32), opt(36), opt(36, b"\xde\xad\xbe\xef"), opt(37), opt(37, b"\x01\x02\x03"),
    opt(38, b"\x01\x02"), opt(38), opt(39, b"\xff"), opt(40, b"\x10\x20\x30"),
    opt(41, b"\x00\x01\x02\x03"), opt(41, b"\x01\x02"), opt(42, b"\x11\x22\x33\x44"),
    opt(42, b"\x11\x22\x33\x44\x00\x05"), opt(42, b"\x11\x22\x33\x44\x00\x00\x01\x00"),
    opt(42, b"\x11"), opt(43, b"\x00\x10"), opt(43, b"\x00\x01\x00\x00"), opt(43, b"\x01"),
    opt(44, b"\x12\x34\x56\x78"), opt(44), opt(45, b"\x01"), opt(127),
    opt(128), opt(129, b"\x01\x02"), opt(130, b"\x00\x01\x02\x03"), opt(255, b"\x07"),
]

packets = []
# Every packet type, short and extended sequence numbers, both IP versions.
for x in (1, 0):
    for ptype, body in TYPES:
        packets.append(ipv4(dccp(ptype, x=x, body=body)))
        packets.append(ipv6(dccp(ptype, x=x, body=body, ccval=0)))
# Every reset code and some beyond.
for code in range(0, 14):
    packets.append(ipv4(dccp(7, body=bytes([code, 1, 2, 3]))))
packets.append(ipv4(dccp(7, body=bytes([255, 1, 2, 3]))))
# Every option, one at a time and all together (as far as each type's header allows).
for option in OPTIONS:
    packets.append(ipv4(dccp(4, options=option)))
packets.append(ipv4(dccp(1, body=SERVICE, options=b"".join(OPTIONS[:20]))))
packets.append(ipv6(dccp(0, body=SERVICE, options=b"".join(OPTIONS[20:]))))
packets.append(ipv4(dccp(2, x=0, options=b"".join(OPTIONS))))
# Options too short, or longer than the header.
for kind in (32, 36, 41, 100, 128, 200):
    packets.append(ipv4(dccp(3, options=bytes([kind, 1]), doff=7)))
    packets.append(ipv4(dccp(3, options=bytes([kind, 0]) + bytes(2))))
    packets.append(ipv4(dccp(3, options=bytes([kind, 9, 1, 2]), doff=7)))
    packets.append(ipv4(dccp(3, options=b"\x00" + bytes([kind, 6, 1, 2, 3, 4]), doff=8)))
# The options end where the Data Offset says, before the data.
packets.append(ipv4(dccp(2, x=0, options=b"\x00\x02\x00\x00" + b"payload", doff=4)))
packets.append(ipv4(dccp(4, options=opt(41, b"\0\0\0\1") + b"\0\0payload", doff=8)))
# Data Offset beyond the packet, below the fixed header, zero.
packets.append(ipv4(dccp(3, options=b"\x00" * 4, doff=40)))
packets.append(ipv4(dccp(3, doff=2)))
packets.append(ipv6(dccp(0, body=SERVICE, doff=0)))
packets.append(ipv6(dccp(7, body=RESET, options=opt(41, b"\0\0\0\1"), doff=255)))
# Checksums: bad, partial coverage (CsCov 1 to 15), coverage beyond the packet.
for good in (True, False):
    for cscov in (0, 1, 2, 5, 15):
        packets.append(ipv4(dccp(2, cscov=cscov) + b"some data bytes", good))
        packets.append(ipv6(dccp(4, cscov=cscov, options=opt(41, b"\0\0\0\1")) + b"data!", good))
# An odd length, an IPv4 first fragment, Ethernet padding.
packets.append(ipv4(dccp(2) + b"odd"))
packets.append(ipv4(dccp(2) + b"first fragment", mf=True))
packets.append(ipv4(dccp(3, x=0), tail=bytes(10)))
# After IPv6 extension headers (routing headers: the checksum over the final destination)
# and IPv4 options (a loose source route).
FINAL6 = bytes.fromhex("20010db80000000000000000000000aa")
PACKET = dccp(4, options=opt(41, b"\0\0\0\1")) + b"data"
packets.append(ipv6_ext(PACKET, 60, bytes([0, 0, 1, 4, 0, 0, 0, 0])))
packets.append(ipv6_ext(PACKET, 0, bytes([0, 0, 1, 4, 0, 0, 0, 0])))
packets.append(ipv6_ext(PACKET, 43, bytes([0, 2, 0, 1, 0, 0, 0, 0]) + FINAL6, FINAL6))
packets.append(ipv6_ext(PACKET, 43, bytes([0, 2, 2, 1, 0, 0, 0, 0]) + FINAL6, FINAL6))
packets.append(ipv4_options(PACKET, bytes([1, 1, 1, 0])))
packets.append(ipv4_options(PACKET, bytes([1, 0x83, 7, 4, 203, 0, 113, 9]), bytes([203, 0, 113, 9])))
# IP lengths that end inside each fixed field (the rest of the frame is padding).
for ptype, body in TYPES[:10]:
    for x in (1, 0):
        packet = dccp(ptype, x=x, body=body)
        for length in range(0, len(packet)):
            packets.append(ipv4_length(packet, length))
# Cut by the capture at every byte.
records = [(p, len(p)) for p in packets]
for frame in (
    ipv4(dccp(1, body=SERVICE, options=opt(41, b"\0\0\0\7") + opt(32, b"\x01\x02") + b"\x00")),
    ipv6(dccp(7, x=0, body=RESET, options=opt(42, b"\0\0\0\1\0\2") + opt(128, b"\1\2"))),
    ipv4(dccp(3, x=0, options=opt(44, b"\1\2\3\4") + b"\x02")),
    ipv4(dccp(0, body=SERVICE)),
):
    for n in range(15, len(frame)):
        records.append((frame[:n], len(frame)))
with open("dccp_packets.pcap", "wb") as out:
    out.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    for i, (data, wire) in enumerate(records):
        out.write(struct.pack("<IIII", 1_700_000_000 + i, 0, len(data), wire))
        out.write(data)
