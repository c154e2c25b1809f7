# Writes lwres_packets.pcap: BIND 9's lightweight resolver protocol (UDP port 921) as
# tcpdump's lwres_print() reads it: no-op, get-addresses-by-name, get-name-by-address and
# get-rdata-by-name requests and responses with every field (address types, IPv4, IPv6 and
# other address families, aliases, rdata and signatures, names with and without their NUL
# and with control and high bytes, DNS types and classes, TTLs), extra packet flags,
# unknown opcodes, other versions, a length field other than the datagram's, bytes past
# the body, addresses too short for their family, the port as the source, over IPv6, then
# every message cut by the capture at every byte.
import struct

from _inet import csum, write_pcap

SRC = bytes([10, 0, 0, 1])
DST = bytes([10, 0, 0, 2])
ETH = bytes.fromhex("000000000002" "000000000001" "0800")
ETH6 = bytes.fromhex("000000000002" "000000000001" "86dd")
SRC6 = bytes.fromhex("fe800000000000000000000000000001")
DST6 = bytes.fromhex("fe800000000000000000000000000002")


def lwres(opcode, body=b"", flags=0, version=0, length=None, serial=0x1234, result=0,
          recvlen=4096, authtype=0, authlen=0):
    size = 28 + len(body) if length is None else length
    return struct.pack(">IHHIIIIHH", size, version, flags, serial, opcode, result, recvlen,
                       authtype, authlen) + body


def name(text, nul=b"\0"):
    return text + nul


def counted(text, nul=b"\0"):
    return struct.pack(">H", len(text)) + text + nul


def addr(family, data, length=None):
    return struct.pack(">IH", family, len(data) if length is None else length) + data


def udp4(payload, sport=1024, dport=921):
    udp = struct.pack(">HHHH", sport, dport, 8 + len(payload), 0) + payload
    pseudo = SRC + DST + struct.pack(">BBH", 0, 17, len(udp))
    udp = udp[:6] + struct.pack(">H", csum(pseudo + udp)) + udp[8:]
    ip = struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 1, 0, 64, 17, 0, SRC, DST)
    return ETH + ip[:10] + struct.pack(">H", csum(ip)) + ip[12:] + udp


def udp6(payload, sport=1024, dport=921):
    udp = struct.pack(">HHHH", sport, dport, 8 + len(payload), 0) + payload
    pseudo = SRC6 + DST6 + struct.pack(">IxxxB", len(udp), 17)
    udp = udp[:6] + struct.pack(">H", csum(pseudo + udp)) + udp[8:]
    return ETH6 + struct.pack(">IHBB", 0x60000000, len(udp), 17, 64) + SRC6 + DST6 + udp


GABN, GNBA, GRBN = 0x00010001, 0x00010002, 0x00010003
V4 = bytes([192, 0, 2, 1])
V6 = bytes.fromhex("20010db8000000000000000000000001")
NAME = b"www.example.com"
GABN_Q = struct.pack(">IIH", 0, 3, len(NAME)) + name(NAME)
GABN_R = struct.pack(">IHHH", 0, 2, 3, 8) + name(b"host.org") + counted(b"alias1") + \
    counted(b"a2") + addr(1, V4) + addr(2, V6) + addr(7, b"\xab\xcd\xef")
GNBA_Q = struct.pack(">I", 0) + addr(1, V4)
GNBA_R = struct.pack(">IHH", 0, 2, 8) + name(b"host.org") + counted(b"alias1") + counted(b"")
GRBN_Q = struct.pack(">IHHH", 0, 1, 16, len(NAME)) + name(NAME)
GRBN_R = struct.pack(">IHHIHH", 0, 1, 16, 93784, 2, 1) + counted(b"example.com") + \
    counted(b"\x01\x02\x03") + counted(b"") + counted(b"\xff\xee")
messages = [
    lwres(0),
    lwres(0, flags=1),
    lwres(0, flags=0x8000),
    lwres(0, flags=0x8001, serial=0xFFFFFFFF, result=0xFFFFFFFF, recvlen=0xFFFFFFFF,
          authtype=0xFFFF, authlen=0xFFFF),
    lwres(0, b"\x00\x05hello"),
    lwres(GABN, GABN_Q),
    lwres(GABN, struct.pack(">IIH", 0xFFFFFFFF, 1, 1) + b"a\0"),
    lwres(GABN, struct.pack(">IIH", 0, 2, 0) + b"\0"),
    lwres(GABN, struct.pack(">IIH", 0, 0, 2) + b"ab"),
    lwres(GABN, struct.pack(">IIH", 0, 0xF0, 4) + b"\x01\x7f\xc1 x"),
    lwres(GABN, struct.pack(">IIH", 0, 0xFFFFFFFF, 3) + b"abc\0" + b"extra"),
    lwres(GABN, GABN_R, flags=1),
    lwres(GABN, struct.pack(">IHHH", 0, 0, 0, 0) + b"\0", flags=1),
    lwres(GABN, struct.pack(">IHHH", 0, 0, 1, 1) + b"x\0" + addr(1, V4[:3]), flags=1),
    lwres(GABN, struct.pack(">IHHH", 0, 0, 1, 1) + b"x\0" + addr(2, V6[:15]), flags=1),
    lwres(GABN, struct.pack(">IHHH", 0, 0, 2, 1) + b"x\0" + addr(1, V4 + b"\x09\x09") +
          addr(0, b""), flags=1),
    lwres(GNBA, GNBA_Q),
    lwres(GNBA, struct.pack(">I", 7) + addr(2, V6)),
    lwres(GNBA, struct.pack(">I", 0) + addr(1, b"\x01\x02")),
    lwres(GNBA, struct.pack(">I", 0) + addr(0xFFFFFFFF, b"\x00\x11\x22")),
    lwres(GNBA, GNBA_R, flags=1),
    lwres(GNBA, struct.pack(">IHH", 0, 0, 1) + b"z\x01", flags=1),
    lwres(GRBN, GRBN_Q),
    lwres(GRBN, struct.pack(">IHHH", 0, 3, 99, 1) + b"q\0"),
    lwres(GRBN, struct.pack(">IHHH", 0, 77, 65535, 1) + b"q\0"),
    lwres(GRBN, struct.pack(">IHHH", 0, 4, 28, 1) + b"q\0"),
    lwres(GRBN, GRBN_R, flags=1),
    lwres(GRBN, struct.pack(">IHHIHH", 0, 255, 1, 0, 0, 0) + counted(b""), flags=1),
    lwres(GRBN, struct.pack(">IHHIHH", 5, 254, 33, 0xFFFFFFFF, 0, 0) + counted(b"n"), flags=1),
    lwres(0x00020000),
    lwres(0x00020000, b"abc", flags=1),
    lwres(0, version=1),
    lwres(0, version=0xFFFF, flags=0x8000),
    lwres(0, length=100),
    lwres(0, length=10),
    lwres(GABN, GABN_Q, length=200),
]
frames = [udp4(m) for m in messages]
frames += [udp4(lwres(GNBA, GNBA_R, flags=1), sport=921, dport=3000), udp6(lwres(GABN, GABN_R, flags=1)),
           udp6(lwres(GNBA, GNBA_Q)), udp4(b""), udp4(b"\0" * 10)]
frames = [(f, None) for f in frames]
for m in (lwres(GABN, GABN_Q), lwres(GABN, GABN_R, flags=1), lwres(GNBA, GNBA_Q),
          lwres(GNBA, GNBA_R, flags=1), lwres(GRBN, GRBN_Q), lwres(GRBN, GRBN_R, flags=1),
          lwres(GNBA, struct.pack(">I", 0) + addr(9, b"\x01\x02\x03"))):
    f = udp4(m)
    for n in range(len(m)):
        frames.append((f[: 14 + 28 + n], len(f)))
write_pcap("lwres_packets.pcap", frames)
