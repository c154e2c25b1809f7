# Writes timed.pcap: the BSD time daemon's protocol (TSP, UDP port 525) as tcpdump's
# timed_print() reads it: every message type (0-24) and unknown ones, the hop count of
# TSP_LOOP, the time of TSP_SETTIME/ADJTIME/SETDATE/SETDATEREQ (positive, zero, negative
# with and without microseconds, -1 < t < 0 with its lone minus sign, microseconds of a
# million and more, the 32-bit extremes, and negative microseconds, after which tcpdump
# prints nothing more), names (empty, escaped control/DEL/high-bit bytes, 255 bytes and a
# NUL, 256 bytes and no NUL with more after, a NUL inside, no NUL before the IP packet's
# end even with an Ethernet trailer), the port as source or destination (with DNS's port,
# tried first, and TFTP's and NTP's, tried after), UDP lengths shorter than the IP packet
# (the name read on past them) and longer (kh-timed's UDP, still printed), IPv6; then
# messages cut by the capture at every byte, and messages ending with the IP packet (the
# UDP length too) at every byte.
import struct

from _inet import csum, ipv4_udp_frame, write_pcap

SRC = bytes([10, 0, 0, 1])
DST = bytes([10, 0, 0, 2])


def tsp(type_, union=bytes(8), name=b"host\0", seq=0x1234, version=1):
    return struct.pack(">BBH", type_, version, seq) + union + name


def time(sec, usec):
    return struct.pack(">ii", sec, usec)


def frame(message, sport=525, dport=525, udp_length=None, ip_extra=b"", trailer=b""):
    return ipv4_udp_frame(message, SRC, DST, sport, dport, udp_length, ip_extra) + trailer


def frame6(message, sport=525, dport=525):
    src = bytes.fromhex("fe800000000000000000000000000001")
    dst = bytes.fromhex("fe800000000000000000000000000002")
    udp = struct.pack(">HHHH", sport, dport, 8 + len(message), 0) + message
    pseudo = src + dst + struct.pack(">IxxxB", len(udp), 17)
    udp = udp[:6] + struct.pack(">H", csum(pseudo + udp)) + udp[8:]
    ip6 = struct.pack(">IHBB", 0x60000000, len(udp), 17, 64) + src + dst + udp
    return bytes.fromhex("333300000002" "0080ad91d86f" "86dd") + ip6


SETTIME = tsp(5, time(1700000000, 123456), b"timeserver.example\0")
LOOP = tsp(24, bytes([7]) + bytes(7), b"loop\0")
ACK = tsp(2, bytes(8), b"ab\0")

frames = [frame(tsp(t, time(1, 2), b"name-%d\0" % t, seq=t)) for t in range(25)]
frames += [
    frame(tsp(25)),
    frame(tsp(0x30)),
    frame(tsp(255, version=255, seq=0xFFFF)),
    frame(tsp(24, bytes([0]) + bytes(7))),
    frame(tsp(24, bytes([255]) + b"\xff" * 7)),
]
TIMES = [
    (0, 0),
    (1700000000, 123456),
    (5, 999999),
    (5, 1000000),
    (5, 1500000),
    (-1, 0),
    (-1, 250000),
    (-1, 1),
    (-1, 999999),
    (-1, 1000000),
    (-1, 1000001),
    (-5, 0),
    (-5, 1),
    (-3, 1500000),
    (-2, 1234567),
    (2147483647, 2147483647),
    (-2147483648, 0),
    (-2147483648, 1),
    (-2147483648, 2147483647),
    (0, -1),
    (-1, -1),
    (7, -2147483648),
]
for t in (5, 1, 22, 23):
    frames += [frame(tsp(t, time(s, u))) for s, u in TIMES]
frames += [
    # Names.
    frame(tsp(2, name=b"\0")),
    frame(tsp(2, name=b"a\x01\x1f\x7f\x80\xff\xe9 z\0")),
    frame(tsp(2, name=b"x" * 255 + b"\0")),
    frame(tsp(2, name=b"y" * 256 + b"tail\0")),
    frame(tsp(2, name=b"y" * 256)),
    frame(tsp(2, name=b"in\0side")),
    frame(tsp(2, name=b"noterminator")),
    frame(tsp(2, name=b"")),
    frame(tsp(2, name=b"short"), trailer=b"padding\0" * 2),
    frame(tsp(2, name=b"padded\0"), trailer=bytes(20)),
    # Ports: source or destination alone; DNS's tried before, TFTP's and NTP's after.
    frame(SETTIME, sport=1024),
    frame(SETTIME, dport=1024),
    frame(tsp(2, bytes(8), b"\0" * 12), sport=53),
    frame(SETTIME, sport=69),
    frame(SETTIME, dport=123),
    # The UDP length shorter than the IP packet: the fields and the name read past it.
    frame(SETTIME[:16], ip_extra=SETTIME[16:]),
    frame(SETTIME[:6], ip_extra=SETTIME[6:]),
    frame(SETTIME[:1], ip_extra=SETTIME[1:]),
    frame(ACK[:3], ip_extra=ACK[3:]),
    # The UDP length longer than the IP packet: tcpdump prints the message all the same.
    frame(SETTIME, udp_length=8 + len(SETTIME) + 100),
    frame(SETTIME[:6], udp_length=8 + len(SETTIME)),
    frame(b"", udp_length=20),
    frame(b""),
    frame6(SETTIME),
    frame6(LOOP, sport=1024),
    frame6(SETTIME[:10]),
]
frames = [(f, None) for f in frames]
# Cut by the capture at every byte (the UDP and IP lengths say the whole message).
for message in (SETTIME, LOOP, ACK, tsp(1, time(-1, -5), b"neg\0")):
    f = frame(message)
    head = len(f) - len(message)
    for n in range(len(message)):
        frames.append((f[: head + n], len(f)))
# The message ends with the IP packet (and the UDP length) at every byte.
for message in (SETTIME, LOOP):
    for n in range(len(message)):
        frames.append((frame(message[:n]), None))
write_pcap("timed.pcap", frames)
