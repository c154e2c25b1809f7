# Writes m3ua_messages.pcap: M3UA (RFC 4666) messages in SCTP DATA chunks (PPID 3) over
# IPv4, one case per packet: every message class and type tcpdump names, unknown types and
# classes, another version, a chunk under 8 bytes, a length that disagrees with the chunk,
# every parameter tcpdump names with its value (the hex-valued ones at 8, 6 and 4 bytes),
# unknown parameters, padding, a parameter length under 4, a parameter header cut by the
# message's end, a parameter whose padding runs past the capture, two messages in one
# packet, and a packet cut at every byte.
import struct

from _inet import csum

SRC, DST = bytes([192, 0, 2, 1]), bytes([192, 0, 2, 2])


def sctp(chunks, sport=2905, dport=2905):
    return struct.pack(">HHII", sport, dport, 7, 0) + chunks


def data_chunk(payload, ppid=3, tsn=1, pad=True):
    body = struct.pack(">IHHI", tsn, 0, 1, ppid) + payload
    chunk = struct.pack(">BBH", 0, 3, 4 + len(body)) + body
    return chunk + (b"\0" * (-len(chunk) % 4) if pad else b"")


def frame(seg):
    ip = struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + len(seg), 1, 0x4000, 64, 132, 0, SRC, DST)
    ip = ip[:10] + struct.pack(">H", csum(ip)) + ip[12:]
    return bytes.fromhex("020000000002020000000001") + b"\x08\x00" + ip + seg


def param(tag, value, length=None, pad=True):
    n = 4 + len(value) if length is None else length
    raw = struct.pack(">HH", tag, n) + value
    return raw + (b"\0" * (-len(raw) % 4) if pad else b"")


def msg(cls, kind, body=b"", version=1, length=None):
    n = 8 + len(body) if length is None else length
    return struct.pack(">BBBBI", version, 0, cls, kind, n) + body


TYPES = {0: [0, 1, 2], 1: [1, 2], 2: [1, 2, 3, 4, 5, 6, 7], 3: [1, 2, 3, 4, 5, 6, 7],
         4: [1, 2, 3, 4, 5], 9: [1, 2, 3, 4, 5]}
messages = [msg(cls, kind) for cls, kinds in TYPES.items() for kind in kinds]
messages += [
    msg(5, 1), msg(255, 0),  # unknown classes
    msg(3, 1, version=2), msg(3, 1, version=0),  # not version 1: nothing printed
    msg(3, 1)[:7], b"\x01",  # under 8 bytes
    msg(3, 1, length=12), msg(3, 1, param(6, b"\0\0\0\1"), length=8),  # lengths disagree
]
NAMED = [0x0004, 0x0006, 0x0007, 0x0009, 0x000B, 0x000C, 0x000D, 0x0011, 0x0012, 0x0013,
         0x0200, 0x0204, 0x0205, 0x0206, 0x0207, 0x0208, 0x0209, 0x020A, 0x020B, 0x020C,
         0x020E, 0x0210, 0x0212, 0x0213]
for tag in NAMED:
    messages.append(msg(1, 1, param(tag, b"\x12\x34\x56\x78")))
    messages.append(msg(1, 1, param(tag, b"\x12\x34")))
    messages.append(msg(1, 1, param(tag, b"")))
messages += [
    msg(0, 0, param(0x0001, b"abc") + param(0x7FFF, b"abcdefgh") + param(0xFFFF, b"")),  # unknown
    msg(0, 1, param(4, b"hello") + param(6, b"\0\0\0\7")),  # padding after INFO
    msg(0, 1, param(4, b"x" * 300)),  # long
    msg(3, 3, param(9, b"", length=3)),  # length under 4
    msg(3, 3, param(9, b"", length=0)),
    msg(3, 3, param(6, b"\0\0\0\1") + b"\0\4\0"),  # header cut by the message's end
    msg(3, 3, param(6, b"\0\0\0\1") + b"\0"),
    msg(3, 3, param(9, b"ab", length=40)),  # length past the message
]
frames = []
for i, m in enumerate(messages):
    frames.append((frame(sctp(data_chunk(m, tsn=i + 1))), None))
# Two messages and another PPID in one packet.
frames.append((frame(sctp(data_chunk(msg(3, 1)) + data_chunk(b"hello", ppid=5) + data_chunk(msg(4, 1, param(6, b"\0\0\0\2"))))), None))
# A last parameter whose padding the capture does not hold (the chunk unpadded at the end).
frames.append((frame(sctp(data_chunk(msg(1, 1, param(4, b"abcde", pad=False)), pad=False))), None))
frames.append((frame(sctp(data_chunk(msg(1, 1, param(4, b"abcd") + param(4, b"xy", pad=False)), pad=False))), None))
# Cut by the capture at every byte of a Data message.
CUT = frame(sctp(data_chunk(msg(1, 1, param(0x200, b"\0\0\0\1") + param(0x210, b"payload!")))))
for n in range(14 + 20 + 12, len(CUT)):
    frames.append((CUT[:n], len(CUT)))
with open("m3ua_messages.pcap", "wb") as out:
    out.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    for i, (data, wire) in enumerate(frames):
        out.write(struct.pack("<IIII", 1_700_000_000 + i, 0, len(data), wire or len(data)))
        out.write(data)
