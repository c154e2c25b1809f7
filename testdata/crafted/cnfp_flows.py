# Writes cnfp_flows.pcap: Cisco NetFlow export datagrams over IPv4 UDP (port 2055; tcpdump
# prints them only with -T cnfp, whatever the ports), one per case: versions 1, 5 and 6 with
# 0 to 3 records (print-cnfp.c reads 32 bits at the count field, so an uptime of 65536 ms or
# more, or a count, reads as more records than the datagram holds), every TCP flag, other
# protocols, masks, ASes and version 6's encapsulation sizes, milliseconds and nanoseconds
# that need their zeros, versions 7, 9 and others (named alone), a datagram shorter than
# its header, records past the UDP length inside the IP packet; then a datagram of each
# version cut by the capture at every byte.
import struct

from _inet import ipv4_udp_frame, write_pcap

SRC = bytes([10, 0, 0, 1])
DST = bytes([10, 0, 0, 2])


def frame(payload, udp_length=None, ip_extra=b""):
    return ipv4_udp_frame(payload, SRC, DST, 2055, 2055, udp_length, ip_extra)


def addr(a, b, c, d):
    return bytes([a, b, c, d])


def rec1(n, proto=6, flags=0x1B, tos=0):
    return (addr(192, 168, 0, n) + addr(10, 1, 2, n) + addr(172, 16, 0, 1)
            + struct.pack(">HHIIIIHH", 1, 2, 10 + n, 1500 * n, 1005 * n, 99999 + n, 1024 + n, 80)
            + bytes(2) + struct.pack(">BBB", proto, tos, flags) + bytes(3) + struct.pack(">I", 0))


def rec5(n, proto=17, flags=0, tos=0x10, encaps=0):
    return (addr(192, 168, 1, n) + addr(8, 8, 8, n) + addr(0, 0, 0, 0)
            + struct.pack(">HHIIIIHH", 3, 4, 7 * n, 65535 * n, 1000 * n, 12, 53, 3000 + n)
            + struct.pack(">BBBBHHBBH", 0, flags, proto, tos, 65000 + n, 13335, 24, 16 + n, encaps)
            + addr(10, 9, 9, 9))


def hdr1(count, uptime=1234, secs=1700000000, nsecs=5):
    return struct.pack(">HHIII", 1, count, uptime, secs, nsecs)


def hdr56(version, count, uptime=1, secs=1700000001, nsecs=123456789, seq=42, rest=0x01020304):
    return struct.pack(">HHIIIII", version, count, uptime, secs, nsecs, seq, rest)


V1 = hdr1(2) + rec1(1) + rec1(2, flags=0xFF)
V5 = hdr56(5, 2) + rec5(1, proto=6, flags=0x12) + rec5(2)
V6 = hdr56(6, 2) + rec5(1, encaps=0x1410) + rec5(2, proto=6, flags=0xC0, encaps=0xFF00)
datagrams = [
    hdr1(0),
    hdr1(0, uptime=65535),
    hdr1(0, uptime=65536),
    hdr1(1) + rec1(1),
    hdr1(3) + rec1(1, proto=6, flags=0x01) + rec1(2, proto=6, flags=0x20) + rec1(3, proto=1, flags=0xFF),
    hdr1(1, uptime=0, nsecs=0) + rec1(4, proto=6, flags=0),
    hdr1(1, uptime=4294967295, secs=0, nsecs=4294967295) + rec1(5),
    V1,
    hdr56(5, 0),
    hdr56(5, 0, uptime=999, seq=4294967295),
    hdr56(5, 1) + rec5(3, proto=6, flags=0x3F, tos=255),
    V5,
    hdr56(5, 3) + rec5(1) + rec5(2) + rec5(3),
    hdr56(5, 1) + rec5(1)[:48],
    hdr56(6, 0),
    hdr56(6, 1) + rec5(4, encaps=0x0102),
    V6,
    hdr56(5, 0, uptime=65536 * 3) + rec5(1) + rec5(2),
    struct.pack(">H", 7) + bytes(22),
    struct.pack(">H", 9) + bytes(18),
    struct.pack(">H", 0xABCD),
    struct.pack(">H", 0),
    struct.pack(">H", 10) + bytes(14),
    hdr1(1)[:10],
    hdr56(5, 0)[:20],
    b"\x00",
    V1 + b"\x00" * 5,
]
frames = [(frame(d), None) for d in datagrams]
# The UDP length shorter than the IP payload: cnfp_print() reads on to the IP packet's end.
frames.append((frame(V5[:8], udp_length=16, ip_extra=V5[8:]), None))
frames.append((frame(b"", udp_length=8, ip_extra=V1), None))
frames.append((frame(b"", udp_length=8, ip_extra=b"\x00"), None))
# Each version cut by the capture at every byte (the datagram's length kept).
for message in (hdr1(1) + rec1(7), hdr56(5, 1) + rec5(7), hdr56(6, 1) + rec5(8, encaps=0x0304)):
    f = frame(message)
    for n in range(len(message)):
        frames.append((f[: 14 + 20 + 8 + n], len(f)))
write_pcap("cnfp_flows.pcap", frames)
