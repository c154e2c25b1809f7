# Writes zmtp1_messages.pcap: ZMTP/1.0 (ZeroMQ) frames in TCP segments over IPv4 and IPv6,
# as tcpdump's -T zmtp1 prints them: 8-bit and 64-bit lengths (0, 1, 2, bodies longer
# than -v's 128 bytes, 2^53 and above, 2^64 - 1, the infinite-loop length 2^64 - 9), every
# flag bit, several frames a segment, a frame longer than the segment, a 64-bit length cut
# by the segment's end, a SYN and a FIN without payload, a RST with data, then a segment of
# several frames cut by the capture at every byte.
import struct

from _inet import csum, write_pcap
from _zmtp1 import TEXT, long, short

SRC = bytes([10, 0, 0, 1])
DST = bytes([10, 0, 0, 2])
SRC6 = bytes.fromhex("20010db8000000000000000000000001")
DST6 = bytes.fromhex("20010db8000000000000000000000002")
ETH = bytes.fromhex("0200000000020200000000010800")
ETH6 = bytes.fromhex("02000000000202000000000186dd")


def tcp(payload, flags=0x18, sport=40000, dport=5555, seq=1000, ack=2000, src=SRC, dst=DST, six=False):
    header = struct.pack(">HHIIBBHHH", sport, dport, seq, ack, 5 << 4, flags, 8192, 0, 0)
    segment = header + payload
    if six:
        pseudo = src + dst + struct.pack(">IxxxB", len(segment), 6)
    else:
        pseudo = src + dst + struct.pack(">BBH", 0, 6, len(segment))
    return segment[:16] + struct.pack(">H", csum(pseudo + segment)) + segment[18:]


def frame4(payload, **kw):
    segment = tcp(payload, **kw)
    ip = struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + len(segment), 7, 0x4000, 64, 6, 0, SRC, DST)
    return ETH + ip[:10] + struct.pack(">H", csum(ip)) + ip[12:] + segment


def frame6(payload, **kw):
    segment = tcp(payload, src=SRC6, dst=DST6, six=True, **kw)
    return ETH6 + struct.pack(">IHBB", 0x60000000, len(segment), 6, 64) + SRC6 + DST6 + segment



GREETING = short(0x01, b"") + short(0x00, b"hello, world")
messages = [
    GREETING,
    short(0x00, b"A"),
    short(0x00, b""),
    b"\x00" + short(0x01, b"xy") + b"\x00",
    short(0x01, b"x" * 253),
    short(0x00, TEXT),
    short(0x00, TEXT[:127]),
    short(0x00, TEXT[:128]),
    short(0x00, TEXT[:129]),
]
messages += [short(1 << bit, b"bit") for bit in range(8)]
messages += [short(0xFF, b"all"), short(0x7E, b"mbz")]
messages += [
    long(0),
    long(0) + short(0, b"after"),
    long(1, 0x01),
    long(6, 0x00, b"small"),
    long(300, 0x00, TEXT + TEXT[:59]),
    long(2**53, 0x00, b"big"),
    long(2**53 + 1, 0x01, b"big"),
    long(2**64 - 1, 0x02, b"huge"),
    long(2**64 - 9, 0x00, b"loop"),
    long(0xFFFFFFFF, 0x00, b"x"),
    long(0x100000000, 0x00, b"x"),
    # A frame longer than the segment, and a length the segment ends in.
    short(0x00, b"abc") + bytes([200, 0]) + b"rest",
    bytes([255, 0, 0, 0]),
    b"\xff",
    short(0x01, b"a") + bytes([9]),
    # A 1-byte and a 2-byte frame, with no body, then one with a body of 1 byte.
    bytes([1, 0, 1, 1, 2, 1, 0x41]),
]
frames = [(frame4(m), None) for m in messages]
frames += [(frame6(m, sport=5555, dport=40000), None) for m in (GREETING, long(5, 1, b"six!"))]
# Segments without payload, and a reset with data (printed as such at -v).
frames.append((frame4(b"", flags=0x02, ack=0), None))
frames.append((frame4(b"", flags=0x11), None))
frames.append((frame4(GREETING, flags=0x14), None))
frames.append((frame4(short(0, b"urgent"), flags=0x38), None))
# Segments cut by the capture at every byte (the length on the wire kept).
for message in (GREETING + long(7, 0x01, b"cutme") + short(0x80, TEXT[:20]), long(2**60, 0)):
    f = frame4(message)
    for n in range(len(message)):
        frames.append((f[: 14 + 20 + 20 + n], len(f)))
write_pcap("zmtp1_messages.pcap", frames)
