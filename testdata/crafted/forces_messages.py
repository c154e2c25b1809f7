# Writes forces_messages.pcap: ForCES messages (RFC 5810) in SCTP DATA chunks over IPv4, one
# case per packet: every message type (HeartBeat, Association Setup/Response/TearDown,
# Config, Query, Event Notification, Packet Redirect, Config and Query Response), every
# operation (Set, SetProp, Del, Get, GetResp, Report, Commit, RCommit, vendor, invalid),
# every path content (FULLDATA with and without padding, SPARSEDATA ILVs, RESULT codes,
# KEYINFO, nested PATH-DATA), path flags (key, table range, append, both), the errors
# tcpdump names (bad types, lengths, TLVs that overrun or leave bytes), ForCES found by the
# PPID on other ports and two messages in one packet, and messages cut by the capture or
# by the IP packet's end.
import struct

from _inet import csum

SRC, DST = bytes([192, 0, 2, 1]), bytes([192, 0, 2, 2])


def sctp(chunks, sport=40000, dport=6704):
    return struct.pack(">HHII", sport, dport, 1, 0) + chunks


def data_chunk(payload, ppid=0, tsn=1, pad=True):
    body = struct.pack(">IHHI", tsn, 0, 1, ppid) + payload
    chunk = struct.pack(">BBH", 0, 3, 4 + len(body)) + body
    return chunk + (b"\0" * (-len(chunk) % 4) if pad else b"")


def frame(seg, trailer=b""):
    ip = struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + len(seg), 1, 0x4000, 64, 132, 0, SRC, DST)
    ip = ip[:10] + struct.pack(">H", csum(ip)) + ip[12:]
    return bytes.fromhex("020000000002020000000001") + b"\x08\x00" + ip + seg + trailer


def tlv(kind, body, pad=True, length=None):
    n = 4 + len(body) if length is None else length
    raw = struct.pack(">HH", kind, n) + body
    return raw + (b"\0" * (-len(raw) % 4) if pad else b"")


def ilv(kind, body, length=None):
    n = 8 + len(body) if length is None else length
    raw = struct.pack(">II", kind, n) + body
    return raw + b"\0" * (-len(raw) % 4)


def msg(tom, body=b"", flags=0x38400000, src=2, dst=0x40000001, cor=1, length=None, vers=1):
    n = (24 + len(body)) // 4 if length is None else length
    return struct.pack(">BBHIIQI", vers << 4, tom, n, src, dst, cor, flags) + body


def lfb(ops, cls=1, inst=1):
    return tlv(0x1000, struct.pack(">II", cls, inst) + ops)


def path(content=b"", ids=(2,), flags=0):
    return tlv(0x110, struct.pack(">HH", flags, len(ids)) + b"".join(struct.pack(">I", i) for i in ids) + content)


def full(data):
    return tlv(0x112, data)


def result(code, size=4):
    return tlv(0x114, bytes([code]) + b"\0" * (size - 1))


def sparse(*ilvs):
    return tlv(0x113, b"".join(ilvs))


messages = [
    msg(0x0F, flags=0xC0400000),
    msg(0x0F, tlv(1, b"abcd")),  # HeartBeat with a TLV
    msg(0x01),  # Association Setup without TLVs
    msg(0x01, lfb(tlv(11, path(full(b"\x01\x02\x03\x04"))), cls=2)),
    msg(0x01, lfb(tlv(11, path(full(b"x"))), cls=7) + lfb(tlv(11, path(full(b"y"))), cls=0xFFFFFFFF)),
]
for code in range(6):
    messages.append(msg(0x02, tlv(0x11, struct.pack(">I", code)), flags=0))
messages += [
    msg(0x02, tlv(0x11, struct.pack(">I", 256))),
    msg(0x02, tlv(0x11, struct.pack(">IH", 1, 2))),
    msg(0x02),  # no TLV
]
for code in range(5):
    messages.append(msg(0x11, tlv(0x10, struct.pack(">I", code)), src=0x7FFFFFFF, dst=0xC0000001))
messages += [
    msg(0x11, tlv(0x10, b"\0\0")),
    # Config: Set with FULLDATA (padded and not), SetProp with SPARSEDATA, Del, Commit, RTRCOMP.
    msg(0x03, lfb(tlv(1, path(full(b"\xaa\xbb\xcc\xdd\xee"))) + tlv(2, path(sparse(ilv(7, b"\x01\x02"), ilv(8, b"")))))),
    msg(0x03, lfb(tlv(5, path(ids=(1, 2, 3))) + tlv(12, b"\0" * 8) + tlv(14, b"\0" * 8))),
    msg(0x03, lfb(tlv(7, path()))),  # Get is no Config operation
    msg(0x03, lfb(tlv(0x8001, b"\1\2\3\4\5\6\7\x08\x09"))),  # a vendor operation
    msg(0x03, lfb(tlv(1, b"\0\0\0\0"))),  # an operation shorter than a path
    msg(0x03, lfb(tlv(1, path(full(b"abcd"))) + b"\0\x01\0\x40")),  # an oper TLV too long
    msg(0x03, lfb(b"")),  # a selector without operations
    msg(0x03, tlv(0x1000, b"\0\0\0\1\0\0\0\1" + tlv(1, path(full(b"a"))), length=30)),
    msg(0x03, tlv(0x9999, b"abcd")),  # a top-level TLV type tcpdump rejects
    msg(0x03, tlv(0x1000, b"abcdefgh", length=80)),  # a top-level TLV too long
    msg(0x03),  # no top-level TLV
    msg(0x03, lfb(tlv(1, path(full(b"abcd"), flags=4)))),  # table append
    msg(0x03, lfb(tlv(1, path(sparse(ilv(7, b"ab", length=60)))))),
    msg(0x03, lfb(tlv(1, path(sparse(ilv(7, b"ab", length=4)))))),
    msg(0x03, lfb(tlv(1, path(tlv(0x113, b"abcd"))))),  # SPARSEDATA shorter than an ILV
    msg(0x03, lfb(tlv(1, path(full(b"abcd") + path(full(b"efgh"), ids=(9,)))))),  # more PATH-DATA after
    msg(0x03, lfb(tlv(1, path(path(full(b"abcd"), ids=(5,)), ids=(4,))))),  # an inner PATH-DATA
    # Config Response: results, illegal codes and sizes, RCommit.
    msg(0x13, lfb(tlv(3, path(result(0))) + tlv(4, path(result(0x17))) + tlv(6, path(result(0xFF))))),
    msg(0x13, lfb(tlv(3, path(result(0x18))))),
    msg(0x13, lfb(tlv(3, path(result(1, size=8))))),
    msg(0x13, lfb(tlv(13, path(result(0))))),
    msg(0x13, lfb(tlv(13, tlv(0x110, b"\0\0\0\0") + b"\0\0\0\0"))),
    msg(0x13, lfb(tlv(13, tlv(0x0200, b"\0\0\0\0")))),
    msg(0x13, lfb(tlv(13, tlv(0x110, b"\0\0\0\0", length=40)))),
    msg(0x13, lfb(tlv(3, path(full(b"abcd"))))),  # FULLDATA where a result is expected
    # Query: keys, ranges, both, IDs cut short, contents tcpdump rejects.
    msg(0x04, lfb(tlv(7, path(struct.pack(">I", 5) + tlv(0x200, b"kk") + tlv(0x111, struct.pack(">I", 7) + full(b"abcd")), flags=1)))),
    msg(0x04, lfb(tlv(7, path(struct.pack(">I", 5) + tlv(0x200, b"kk") + full(b"abcd"), flags=1)))),
    msg(0x04, lfb(tlv(7, path(b"\0\0\0\0", flags=1)))),
    msg(0x04, lfb(tlv(7, path(struct.pack(">I", 5) + struct.pack(">HH", 0x200, 2) + b"\0\0\0\0", flags=1)))),
    msg(0x04, lfb(tlv(7, path(struct.pack(">I", 5) + struct.pack(">HH", 0x200, 40) + b"\0\0\0\0", flags=1)))),
    msg(0x04, lfb(tlv(8, path(struct.pack(">HHII", 0x117, 12, 10, 20) + full(b"abcd"), flags=2)))),
    msg(0x04, lfb(tlv(8, path(struct.pack(">HH", 0x117, 12), flags=2)))),
    msg(0x04, lfb(tlv(8, path(b"\0" * 12, flags=3)))),
    msg(0x04, lfb(tlv(7, tlv(0x110, struct.pack(">HHI", 0, 3, 1))))),  # IDs cut short
    msg(0x04, lfb(tlv(7, path(tlv(0x118, b"abcd"))))),
    msg(0x04, lfb(tlv(7, path(tlv(0x118, b"")[:2] + b"\0\0")))),  # a content of length 0
    msg(0x04, lfb(tlv(7, path(struct.pack(">HH", 0x112, 60) + b"abcd")))),
    msg(0x04, lfb(tlv(7, path(full(b"abcd"))))),  # FULLDATA in a Get
    msg(0x04, lfb(tlv(7, path(tlv(0x111, struct.pack(">I", 7) + struct.pack(">HH", 0x112, 40)))))),
    msg(0x04, lfb(tlv(7, path(tlv(0x111, struct.pack(">I", 7) + tlv(0x113, b"abcd")))))),
    # Query Response and Event Notification.
    msg(0x14, lfb(tlv(9, path(full(bytes(range(40))))) + tlv(10, path(result(0))))),
    msg(0x14, lfb(tlv(9, path(tlv(0x112, b"abcd")[:2] + b"\0\x03")))),
    msg(0x05, lfb(tlv(11, path(full(b"ev")))), flags=0x3FFFFFFF),
    msg(0x05, lfb(tlv(11, path(full(b"ev")))) + lfb(tlv(11, path(full(b"ev"))))),
    # Packet Redirect: metadata ILVs, redirected data, unknown and bad TLVs.
    msg(0x06, tlv(1, tlv(0x115, ilv(1, b"\x01\x02\x03") + ilv(2, b"")) + tlv(0x116, bytes(range(20))))),
    msg(0x06, tlv(1, tlv(0x117, b"abcd") + tlv(0x115, ilv(1, b"x", length=50)))),
    msg(0x06, tlv(1, tlv(0x116, b"abcd") + b"\0\x01\0\x30")),
    msg(0x06, tlv(1, b"abcd")),
    # Bad messages: types, lengths, versions, node IDs.
    msg(0x00), msg(0x07), msg(0x10), msg(0x12), msg(0x15),
    msg(0x0F, length=7),
    msg(0x0F, vers=2, src=0xFFFFFFFD, dst=0xFFFFFFFE),
    msg(0x0F, src=0xFFFFFFFF, dst=0xFFFFFFF5, cor=0x123456789ABCDEF0),
    msg(0x0F, length=1)[:20],
]
frames = []
ports = [6704, 6705, 6706]
for i, m in enumerate(messages):
    frames.append((frame(sctp(data_chunk(m), dport=ports[i % 3])), None))
# ForCES found by the PPID on other ports, after another chunk; two messages in one packet.
frames.append((frame(sctp(data_chunk(b"hello", ppid=5) + data_chunk(msg(0x0F), ppid=22), dport=9)), None))
frames.append((frame(sctp(data_chunk(b"hello", ppid=0), dport=9)), None))
frames.append((frame(sctp(data_chunk(msg(0x0F)) + data_chunk(msg(0x0F, cor=2)), dport=6705)), None))
# The SCTP chunk ends before the header; the IP packet ends before the header (a trailer).
frames.append((frame(sctp(data_chunk(msg(0x0F)[:10], pad=False))), None))
frames.append((frame(sctp(data_chunk(msg(0x0F)[:10])), trailer=b"\0" * 30), None))
# A chunk's padding and the next chunk read as the message's.
frames.append((frame(sctp(data_chunk(msg(0x0F)[:21]) + data_chunk(b"abc"))), None))
# PATH-DATA nested 6000 deep (tcpdump recurses once per level; wirekit must not overflow).
DEEP = full(b"abcd")
for _ in range(6000):
    DEEP = tlv(0x110, struct.pack(">HH", 0, 0) + DEEP)
frames.append((frame(sctp(data_chunk(msg(0x03, lfb(tlv(1, DEEP)))))), None))
# Cut by the capture at every 2 bytes of a Config message.
CUT = frame(sctp(data_chunk(msg(0x03, lfb(tlv(1, path(full(b"abcdef"))))))))
for n in range(14 + 20 + 12, len(CUT), 2):
    frames.append((CUT[:n], len(CUT)))
with open("forces_messages.pcap", "wb") as out:
    out.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    for i, (data, wire) in enumerate(frames):
        out.write(struct.pack("<IIII", 1_700_000_000 + i, 0, len(data), wire or len(data)))
        out.write(data)
