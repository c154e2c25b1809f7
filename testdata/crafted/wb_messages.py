# Writes wb_messages.pcap: LBL whiteboard (WB) packets sent to UDP port 4567 over IPv4, one
# per case: every packet type tcpdump names (drawing ops, announcements, repair requests
# and replies, page vector requests and replies, kill) with and without flags, unknown
# types, every drawing op type (SKIP and HOLE in, above and below the range, unknown ones,
# a range ending at 2^32 - 1), announcements with odd site names and too many ids, bodies
# one byte short of each type's minimum, headers shorter than 12 bytes, a UDP length
# shorter than the IP payload, the port as the source only and against other bound ports,
# then a message of each type cut by the capture at every byte.
import struct

from _inet import ipv4_udp_frame, write_pcap

SRC = bytes([10, 0, 45, 1])
DST = bytes([224, 2, 127, 254])


def frame(payload, sport=1024, dport=4567, udp_length=None, ip_extra=b""):
    return ipv4_udp_frame(payload, SRC, DST, sport, dport, udp_length, ip_extra)


def wb(ptype, body, flags=0, version=2):
    return struct.pack(">IIHBB", 0x0A002D01, 123456789, version, ptype, flags) + body


def page(sid, uid):
    return bytes(sid) + struct.pack(">I", uid)


def pgstate(slot, sid, uid, pairs, nid=None):
    n = len(pairs) if nid is None else nid
    return struct.pack(">I", slot) + page(sid, uid) + struct.pack(">HH", n, 0) + b"".join(
        bytes(a) + struct.pack(">I", off) for a, off in pairs
    )


def dop(dtype, body=b"", ts=0, flags=0, length=None):
    size = len(body) if length is None else length
    op = struct.pack(">IHBB", ts, size, flags, dtype) + body
    return op + bytes(-len(op) % 4)


def drawop(sseq, eseq, ops, sid=(10, 0, 45, 7), uid=3):
    return page(sid, uid) + struct.pack(">II", sseq, eseq) + b"".join(ops)


A = (10, 0, 45, 2)
B = (192, 168, 1, 9)
PAIRS = [(A, 100), (B, 4000000000), ((10, 1, 2, 3), 0)]
ID = wb(1, struct.pack(">I", 5) + page(B, 6) + pgstate(2, A, 3, PAIRS) + b"whiteboard\0")
ALL_OPS = [dop(t, b"xy" * t) for t in range(2, 14)]
DROP = drawop(10, 21, ALL_OPS)
RREP = wb(3, struct.pack(">I", 0x0A002D09) + drawop(1, 3, [dop(2), dop(9, b"abc"), dop(4)]))
RREQ = wb(2, bytes(A) + page(B, 77) + struct.pack(">II", 5, 9))
PREQ = wb(5, page(A, 8) + struct.pack(">II", 1, 20))
PREP = wb(7, struct.pack(">I", 2) + pgstate(1, A, 2, PAIRS[:2]) + pgstate(4, B, 5, []))

packets = [
    wb(0, DROP),
    wb(0, DROP, flags=1),
    wb(0, drawop(5, 4, [dop(2)])),
    wb(0, drawop(1, 6, [dop(2), dop(14, ts=4), dop(3)])),
    wb(0, drawop(1, 6, [dop(15, ts=6), dop(2)])),
    wb(0, drawop(1, 6, [dop(14, ts=9), dop(2)])),
    wb(0, drawop(3, 6, [dop(2), dop(15, ts=2), dop(2)])),
    wb(0, drawop(1, 4, [dop(0), dop(1), dop(16), dop(255)])),
    wb(0, drawop(1, 3, [dop(7, length=65535)])),
    wb(0, drawop(0xFFFFFFFE, 0xFFFFFFFF, [dop(2)] * 6)),
    wb(0, drawop(0, 0xFFFFFFFF, [dop(14, ts=0xFFFFFFFF), dop(3), dop(4)])),
    wb(0, drawop(1, 2, [])),
    wb(0, drawop(1, 2, [])[:15]),
    wb(0, b""),
    ID,
    wb(1, struct.pack(">I", 5) + page(B, 6) + pgstate(2, A, 3, PAIRS) + b"white\0board"),
    wb(1, struct.pack(">I", 0) + page(B, 0) + pgstate(0, A, 0, []) + b"\x01\x7f\x80\xff~ a"),
    wb(1, struct.pack(">I", 1) + page(B, 1) + pgstate(1, A, 1, [])),
    wb(1, struct.pack(">I", 1) + page(B, 1) + pgstate(1, A, 1, PAIRS[:1], nid=2)),
    wb(1, struct.pack(">I", 1) + page(B, 1) + pgstate(1, A, 1, [], nid=0xFFFF) + bytes(16)),
    wb(1, bytes(27)),
    RREQ,
    wb(2, bytes(19), flags=0x80),
    RREP,
    wb(3, struct.pack(">I", 1) + drawop(7, 8, [dop(12, bytes(9)), dop(10)]), flags=2),
    wb(3, bytes(19)),
    wb(3, struct.pack(">I", 1) + drawop(1, 1, [])),
    wb(4, b""),
    wb(4, b"", flags=3),
    PREQ,
    wb(5, bytes(15)),
    PREP,
    wb(7, struct.pack(">I", 0)),
    wb(7, struct.pack(">I", 1) + pgstate(1, A, 2, PAIRS[:2], nid=0x0280)),
    wb(7, struct.pack(">I", 1) + pgstate(1, A, 2, PAIRS[:2], nid=0x0102)),
    wb(7, b"\0\0\0"),
    wb(6, bytes(8)),
    wb(8, b""),
    wb(255, bytes(40), flags=0xFF),
]
frames = [(frame(p), None) for p in packets]
# Headers shorter than 12 bytes, the empty datagram included.
frames += [(frame(wb(4, b"")[:n]), None) for n in range(12)]
# The UDP length shorter than the IP payload: tcpdump reads on to the IP packet's end.
frames.append((frame(PREP[:20], udp_length=8 + 20, ip_extra=PREP[20:]), None))
frames.append((frame(wb(4, b"")[:8], udp_length=16, ip_extra=b"\0\0\0\4"), None))
# The port as the source only, and against the ports of other printers.
frames.append((frame(RREQ, sport=4567, dport=1024), None))
frames.append((frame(RREQ, sport=3503, dport=4567), None))
frames.append((frame(RREQ, sport=4567, dport=3503), None))
frames.append((frame(RREQ, sport=1812, dport=4567), None))
frames.append((frame(RREQ, sport=8231, dport=4567), None))
frames.append((frame(RREQ, sport=4567, dport=4567), None))
# Each message cut by the capture at every byte (the datagram's length kept).
for message in (ID, wb(0, DROP), RREP, RREQ, PREQ, PREP):
    f = frame(message)
    for n in range(len(message)):
        frames.append((f[: 14 + 20 + 8 + n], len(f)))
write_pcap("wb_messages.pcap", frames)
