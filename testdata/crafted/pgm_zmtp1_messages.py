# Writes pgm_zmtp1_messages.pcap: ZeroMQ datagrams (zmq_pgm(7)) in the data of PGM ODATA
# and RDATA packets, over IPv4 (protocol 113) and over UDP, as tcpdump's -v -T pgm_zmtp1
# prints them: frame offsets 0, within the data, 0xffff (with TSDU lengths 0 and 1 too)
# and past the datagram, intermediate parts longer than -v's 128 bytes and than the
# capture, frames of 8-bit and 64-bit lengths, a TSDU length shorter than the data (a
# frame header past the datagram's end) and longer, PGM options (ended by the end bit,
# by their total length, and by an option shorter than 4 bytes), packets of other types
# and a bad option, then an ODATA packet cut by the capture at every byte.
import struct

from _inet import csum, ipv4_udp_frame, write_pcap
from _zmtp1 import TEXT, long, short

SRC = bytes([10, 0, 0, 1])
DST = bytes([239, 192, 0, 1])
GSID = bytes.fromhex("a1b2c3d4e5f6")
ODATA, RDATA, SPM, NAK = 0x04, 0x05, 0x00, 0x08


def pgm(ptype, body, tsdu, options=b"", sport=3055, dport=7500):
    opts = 0x01 if options else 0
    header = struct.pack(">HHBBH6sH", sport, dport, ptype, opts, 0, GSID, tsdu)
    return header + body + options


def data(ptype, payload, tsdu=None, options=b"", seq=7, trail=3):
    body = struct.pack(">II", seq, trail)
    return pgm(ptype, body, len(payload) if tsdu is None else tsdu, options) + payload


def over_ip(message):
    ip = struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + len(message), 1, 0, 16, 113, 0, SRC, DST)
    ip = ip[:10] + struct.pack(">H", csum(ip)) + ip[12:]
    return bytes([1, 0, 0x5E, 0x40, 0, 1]) + bytes.fromhex("0080ad91d86f0800") + ip + message


def over_udp(message):
    return ipv4_udp_frame(message, SRC, DST, 3056, 3055)



FRAMES = short(0x01, b"topic") + short(0x00, b"hello, world")
OPT_END = bytes([0x00, 4, 0, 20]) + bytes([0x81, 16]) + struct.pack(">III", 1, 2, 3)
OPT_TOTAL = bytes([0x00, 4, 0, 20]) + bytes([0x01, 16]) + struct.pack(">III", 1, 2, 3)
OPT_SHORT = bytes([0x00, 4, 0, 12]) + bytes([0x01, 2]) + bytes(6)
messages = [
    data(ODATA, b"\x00\x00" + FRAMES),
    data(RDATA, b"\x00\x00" + FRAMES),
    data(ODATA, b"\x00\x03abc" + FRAMES),
    data(ODATA, b"\x00\x01z" + short(0, b"one")),
    data(ODATA, b"\xff\xff" + TEXT),
    data(ODATA, b"\xff\xff" + TEXT[:129]),
    data(ODATA, b"\xff\xff" + TEXT[:3]),
    data(ODATA, b"\xff\xff" + b"q"),
    data(ODATA, b"\xff\xff", tsdu=0),
    data(ODATA, b"\xff\xff", tsdu=1),
    data(ODATA, b"\x00\x40" + FRAMES),
    data(ODATA, b"\x00\x00"),
    data(ODATA, b"\x00"),
    data(ODATA, b""),
    data(ODATA, b"\x00\x00" + long(5, 0x01, b"long") + long(0) + short(0xFE, b"")),
    data(ODATA, b"\x00\x00" + long(2**64 - 1, 0x00, b"big")),
    data(ODATA, b"\x00\x00" + short(0, TEXT)),
    # A TSDU length shorter than the data: frames past it are not printed, and a frame
    # header that ends past it wraps tcpdump's captured count.
    data(ODATA, b"\x00\x00" + FRAMES, tsdu=9),
    data(ODATA, b"\x00\x00" + long(2**64 - 1, 0x00, b"x"), tsdu=5),
    data(ODATA, b"\x00\x00" + long(2**64 - 7, 0x00, b"x"), tsdu=5),
    data(ODATA, b"\x00\x00" + long(12, 0x00, b"x"), tsdu=4),
    data(ODATA, b"\x00\x00" + short(0, b"abc"), tsdu=3),
    # A TSDU length longer than the data.
    data(ODATA, b"\x00\x00" + FRAMES, tsdu=60),
    data(ODATA, b"\x00\x30" + FRAMES, tsdu=80),
    data(ODATA, b"\xff\xff" + TEXT[:10], tsdu=200),
    # Options.
    data(ODATA, b"\x00\x00" + FRAMES, options=OPT_END),
    data(RDATA, b"\x00\x02--" + FRAMES, options=OPT_TOTAL),
    data(ODATA, b"\x00\x00" + FRAMES, options=OPT_SHORT),
    data(ODATA, b"\x00\x00" + FRAMES, options=bytes([0x05, 4, 0, 8])),
    data(ODATA, b"\x00\x00" + FRAMES, options=bytes([0x00, 4, 0])),
    # Other types: no ZeroMQ.
    pgm(SPM, struct.pack(">IIIHH4s", 1, 2, 3, 1, 0, SRC), 0) + b"\x00\x00" + FRAMES,
    pgm(NAK, struct.pack(">IHH4sHH4s", 9, 1, 0, SRC, 1, 0, DST), 0),
    pgm(0x0D, b"", 4) + b"\x00\x00\x01\x00",
]
frames = [(over_ip(m), None) for m in messages]
frames += [(over_udp(m), None) for m in messages]
for message in (data(ODATA, b"\x00\x02ab" + FRAMES), data(RDATA, b"\x00\x00" + long(3, 1, b"xy"))):
    for make in (over_ip, over_udp):
        f = make(message)
        start = len(f) - len(message)
        for n in range(len(message)):
            frames.append((f[: start + n], len(f)))
write_pcap("pgm_zmtp1_messages.pcap", frames)
