# Writes rtp_rtcp.pcap: RTP and RTCP over IPv4 UDP (port 5004 to 5004 and 5005; tcpdump
# prints them only with -T rtp or -T rtcp, whatever the ports), one per case. RTP: version
# 2 with every flag, payload type 31 (H.261), the extension header of every fitting and too
# long length, versions 0 and 3 (read as 2), version 1 with its options (several, of length
# 0 and past the packet, the last-option bit) and payload type 31, lengths 0 to 11. RTCP:
# sender and receiver reports with 0 to 3 blocks, lengths that disagree with the count,
# SDES, BYE, APP and other types, several packets in one datagram, a length field that goes
# past the datagram, bytes past the UDP length inside the IP packet, NTP fractions that
# print as a tie; then RTP and RTCP packets cut by the capture at every byte.
import struct

from _inet import ipv4_udp_frame, write_pcap

SRC = bytes([10, 0, 0, 1])
DST = bytes([10, 0, 0, 2])


def frame(payload, dport=5004, udp_length=None, ip_extra=b""):
    return ipv4_udp_frame(payload, SRC, DST, 5004, dport, udp_length, ip_extra)


def rtp2(flags=0x80, pt=0, seq=1, ts=160, ssrc=0x12345678, rest=b"\x55" * 8):
    return struct.pack(">BBHII", flags, pt, seq, ts, ssrc) + rest


def rtp1(word0, ts=77, rest=b""):
    return struct.pack(">II", word0, ts) + rest


def opt(last, length, fill=0):
    # A version 1 option: the top bit marks the last one, bits 16-23 its length in words.
    return struct.pack(">I", (0x80000000 if last else 0) | (length << 16) | fill) + bytes(4 * max(length - 1, 0))


RTP = [
    rtp2(),
    rtp2(0x80, 0x80 | 8, 65535, 4294967295, 4294967295),
    rtp2(0xBF, 0x7F, 0, 0, 0),
    rtp2(0xA0, 96, 3, 3, 3),
    rtp2(0x8F, 0x1F, 4, 4, 4, b"\x12\x34\x56\x78" * 2),
    rtp2(0x90, 0, 5, 5, 5, struct.pack(">HH", 0xBEDE, 1) + b"\x01\x02\x03\x04"),
    rtp2(0x90, 0x1F, 6, 6, 6, struct.pack(">HH", 0xBEDE, 1) + b"\x01\x02\x03\x04" + b"\xab\xcd\xef\x01"),
    rtp2(0x90, 0x1F, 7, 7, 7, struct.pack(">HH", 0xBEDE, 0) + b"\xab\xcd\xef\x01"),
    rtp2(0x90, 0, 8, 8, 8, struct.pack(">HH", 0xBEDE, 1)),
    rtp2(0x90, 0, 9, 9, 9, struct.pack(">HH", 0xBEDE, 5) + bytes(8)),
    rtp2(0x90, 0x1F, 10, 10, 10, struct.pack(">HH", 0, 1) + bytes(4)),
    rtp2(0x90, 0x9F, 11, 11, 11, b""),
    rtp2(0x00, 0, 12, 12, 12),
    rtp2(0xC0, 0x1F, 13, 13, 13, b"\x11\x22\x33\x44"),
    rtp2(0x80, 0x1F, 14, 14, 14, b""),
    rtp2(0x80, 0x1F, 14, 14, 14, b"\x11\x22"),
    rtp1(0x40000001),
    rtp1(0x40400002, 5, bytes(4)),
    rtp1(0x405F0003, 6, b"\xca\xfe\xba\xbe"),
    rtp1(0x40DF0004, 7, opt(True, 1) + b"\x99\x88\x77\x66"),
    rtp1(0x40800005, 8, opt(False, 2) + opt(False, 1) + opt(True, 1)),
    rtp1(0x40800006, 9, opt(True, 0)),
    rtp1(0x40800007, 10, opt(False, 1) + opt(True, 3)),
    rtp1(0x40800008, 11, opt(False, 1)),
    rtp1(0x40800009, 12, b""),
    rtp1(0x409F000A, 13, opt(True, 1)),
    rtp1(0x7FFFFFFF, 14, bytes(8)),
]
RTP += [rtp2()[:n] for n in range(12)]


def header(count, pt, length_words, ssrc, padding=0):
    return struct.pack(">BBHI", 0x80 | padding | count, pt, length_words, ssrc)


def block(n):
    return struct.pack(">IIIIII", 0x1000 + n, 0xFF000000 | n * 3, 0x10000 + n, 40 * n, 0x12348000 + n, 0x00024000 * n)


def sr(count, length_words=None, ntp=(3900000000, 0x80000000)):
    body = struct.pack(">IIIII", ntp[0], ntp[1], 1600, 100, 16000) + b"".join(block(i) for i in range(count))
    words = len(body) // 4 + 1 if length_words is None else length_words
    return header(count, 200, words, 0xAABBCCDD) + body


def rr(count, length_words=None):
    body = b"".join(block(i) for i in range(count))
    words = len(body) // 4 + 1 if length_words is None else length_words
    return header(count, 201, words, 0x01020304) + body


SDES = header(1, 202, 3, 0x11111111) + b"\x01\x04abcd\x00\x00"
BYE = header(1, 203, 1, 0x22222222)
APP = header(3, 204, 3, 0x33333333) + b"name" + b"data"
RTCP = [
    sr(0),
    sr(1),
    sr(2, ntp=(1, 0x20000000)),
    sr(0, ntp=(2, 0xA0000000)),
    sr(0, ntp=(4294967295, 0xFFFFFFFF)),
    sr(1, length_words=3),
    rr(0),
    rr(1),
    rr(3),
    rr(2, length_words=7),
    rr(0) + sr(1) + SDES + BYE,
    SDES,
    BYE,
    APP,
    header(0, 0, 1, 5),
    header(31, 255, 65535, 6),
    rr(1) + BYE,
    rr(1, length_words=0) + BYE,
    rr(2)[:40],
    BYE + b"\x81",
    BYE + bytes(7),
    struct.pack(">BBHI", 0x9F, 201, 0, 7),
]
RTCP += [sr(1)[:n] for n in range(1, 60, 3)]

frames = [(frame(p), None) for p in RTP + RTCP]
# The UDP length shorter than the IP payload: RTCP is read on to the IP packet's end.
frames.append((frame(rr(1)[:8], udp_length=16, ip_extra=rr(1)[8:] + BYE), None))
frames.append((frame(b"", udp_length=8, ip_extra=BYE), None))
frames.append((frame(rtp2()[:4], udp_length=12, ip_extra=rtp2()[4:]), None))
frames.append((frame(rtp2(0x80, 0x1F)[:12], ip_extra=b"\x01\x02\x03\x04"), None))
# Each packet cut by the capture at every byte (the datagram's length kept).
for message in (rtp2(0x90, 0x1F, 6, 6, 6, struct.pack(">HH", 0xBEDE, 1) + bytes(4) + b"\xab\xcd\xef\x01"),
                rtp1(0x40DF0004, 7, opt(False, 1) + opt(True, 1) + b"\x99\x88\x77\x66"),
                sr(2) + BYE):
    f = frame(message)
    for n in range(len(message)):
        frames.append((f[: 14 + 20 + 8 + n], len(f)))
write_pcap("rtp_rtcp.pcap", frames)
