# Writes openflow_messages.pcap: OpenFlow on TCP ports 6653 and 6633. Every OpenFlow 1.3
# message type, OpenFlow 1.0's STATS_REQUEST and STATS_REPLY bodies of each statistics type and
# QUEUE_GET_CONFIG_REPLY's queues and properties, VENDOR messages and Big Switch Networks'
# messages and actions (valid, invalid lengths, cut), every other 1.0 message type (the bodies tcpdump decodes with names, unknown codes and bogus bits), HELLO
# elements valid and invalid, lengths too short or not the type's, 1.0 and unknown
# versions and types, several messages in one segment, a segment that ends inside a
# message or inside a header, and segments the capture cuts in a header, in body fields,
# in a port name, in data and in a HELLO element.
import struct
from _inet import csum


def segment(payload, seq, port=6653):
    src, dst = bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2])
    tcp = struct.pack(">HHIIBBHHH", 40000, port, seq, 1, 0x50, 0x18, 8192, 0, 0) + payload
    pseudo = src + dst + struct.pack(">BBH", 0, 6, len(tcp))
    tcp = tcp[:16] + struct.pack(">H", csum(pseudo + tcp)) + tcp[18:]
    ip = struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), 1, 0, 64, 6, 0, src, dst)
    ip = ip[:10] + struct.pack(">H", csum(ip)) + ip[12:]
    return bytes.fromhex("020000000002020000000001") + b"\x08\x00" + ip + tcp


def of(msg_type, body=b"", version=4, xid=1, length=None):
    return struct.pack(">BBHI", version, msg_type, 8 + len(body) if length is None else length, xid) + body


def element(el_type, body, length=None):
    return struct.pack(">HH", el_type, 4 + len(body) if length is None else length) + body


def port(no, name, config=0x41, state=4, curr=0x280A, speed=10000000):
    return struct.pack(">I4x6s2x16sIIIIIIII", no, bytes.fromhex("0a0b0c0d0e0f"), name,
                       config, state, curr, curr | 0x10000, 0xFFFF, 0, speed, speed * 10)


ASYNC = struct.pack(">6I", 3, 0x80000002, 7, 2, 0xF, 4)


def match(wildcards, in_port=3, vlan=10, pcp=2, dl_type=0x0800, tos=0x10, proto=6, tp=(80, 443)):
    return struct.pack(">IH6s6sHBxHBB2x4s4sHH", wildcards, in_port, bytes.fromhex("00000000aa01"),
                       bytes.fromhex("00000000bb02"), vlan, pcp, dl_type, tos, proto,
                       bytes([10, 1, 0, 0]), bytes([192, 168, 7, 9]), *tp)


def flow_mod(m, command=0, actions=b"", buffer_id=0xFFFFFFFF, out_port=0xFFFF, flags=1, prio=0x8000):
    return of(14, m + struct.pack(">QHHHHIHH", 0x12, command, 5, 0, prio, buffer_id, out_port, flags) + actions,
              version=1)


def action(a_type, body, length=None):
    return struct.pack(">HH", a_type, 4 + len(body) if length is None else length) + body


ACTIONS = b"".join([
    action(0, struct.pack(">HH", 2, 0)),
    action(0, struct.pack(">HH", 0xFFFD, 128)),
    action(1, struct.pack(">H2x", 100)),
    action(1, struct.pack(">H2x", 0xFFFF)),
    action(1, struct.pack(">H2x", 0)),
    action(2, struct.pack(">B3x", 9)),
    action(3, b"\0" * 4),
    action(4, bytes.fromhex("020000000001") + b"\0" * 6),
    action(5, bytes.fromhex("020000000002") + b"\0" * 6),
    action(6, bytes([10, 0, 0, 1])),
    action(7, bytes([10, 0, 0, 2])),
    action(8, struct.pack(">B3x", 0x20)),
    action(9, struct.pack(">H2x", 8080)),
    action(10, struct.pack(">H2x", 53)),
    action(11, struct.pack(">H6xI", 0xFFF8, 7)),
    action(11, struct.pack(">H6xI", 1, 0xFFFFFFFF)),
    action(0xFFFF, struct.pack(">I", 0x00D0F0DB) + b"vendor!!"),
    action(0xFFFF, struct.pack(">I", 0xFF000001)),
    action(0, struct.pack(">HH4x", 1, 0)),
    action(99, b"\0" * 4),
])
def phy_port(no, name, state=0x200, config=0x11, curr=0x281):
    return struct.pack(">H6s16sIIIIII", no, bytes.fromhex("0a0000000001"), name, config, state, curr,
                       0x1000 | curr, 0xFFF, 0)


FEATURES_1_0 = of(6, struct.pack(">QIB3xII", 0x10001E88AE0E2, 256, 6, 0x97, 0x137)
                  + phy_port(1, b"Te 0/0") + phy_port(0xFFFE, b"local-port-name!", state=0x301, config=0x80),
                  version=1)
FRAME = bytes.fromhex("ffffffffffff020000000001") + b"\x08\x06" + bytes(46)
PACKET_OUT = of(13, struct.pack(">IHH", 0xFFFFFFFF, 0xFFFD, 16) + action(0, struct.pack(">HH", 1, 0))
                + action(0xFFFF, struct.pack(">I", 0x00D0F0DB)) + FRAME, version=1)
FLOW_MOD = flow_mod(match(0x3000C0), actions=ACTIONS)
HELLO = of(0, element(1, struct.pack(">I", 0x80000018)) + element(7, b"ab") + element(1, b"\0" * 8))
ERROR = of(1, struct.pack(">HH", 1, 6) + of(14, b"\0" * 8))
ECHO = of(2, b"ping data \x01\x02 more bytes of echo")
EXPERIMENTER = of(4, struct.pack(">II", 0x4F4E4600, 0x65) + b"\1\2\3")
FEATURES = of(6, struct.pack(">QIBB2xII", 0x26A2B46FD9BA, 256, 64, 1, 0x14F, 0))
PORT_STATUS = of(12, struct.pack(">B7x", 0) + port(2, b"veth0"))
PORT_MOD = of(16, struct.pack(">I4x6s2xIIII", 1, bytes.fromhex("0aea8310db09"), 0x40, 0x65, 0x1080A, 0))


def stats(msg_type, stats_type, body, flags=0):
    return of(msg_type, struct.pack(">HH", stats_type, flags) + body, version=1)


def flow_stats(actions, table=0, length=None, wildcards=0x3FFFFF):
    return struct.pack(">HBx", 88 + len(actions) if length is None else length, table) + match(wildcards) + \
        struct.pack(">IIHHH6xQQQ", 30, 5000, 0x8000, 60, 0, 0xABC, 12, 3400) + actions


def queue(queue_id, props, length=None):
    return struct.pack(">IH2x", queue_id, 8 + len(props) if length is None else length) + props


def prop(p_type, body, length=None):
    return struct.pack(">HH4x", p_type, 8 + len(body) if length is None else length) + body


def text(s, n):
    return s + b"\0" * (n - len(s))


DESC_STATS = text(b"Nicira, Inc.", 256) + text(b"Open vSwitch", 256) + b"s" * 256 + text(b"None", 32) + \
    text(b"dp\x01desc", 256)
TABLE_STATS = struct.pack(">B3x32sIIIQQ", 0xFE, b"classifier", 0x3FFFFF, 1000000, 3, 120, 80)
PORT_STATS = struct.pack(">H6x12Q", 0xFFFE, *range(1, 13))
QUEUE_STATS = struct.pack(">H2xIQQQ", 2, 7, 1500, 10, 0)
STATS_REQUESTS = [
    (0, b"", 0),
    (1, match(0x3000C0) + struct.pack(">BxH", 0xFF, 0xFFFF), 0),
    (2, match(0x3FFFFF) + struct.pack(">BxH", 3, 2), 1),
    (3, b"", 0x10),
    (4, struct.pack(">H6x", 0xFFFF), 0),
    (4, struct.pack(">H6x", 3), 0),
    (5, struct.pack(">H2xI", 0xFFFC, 0xFFFFFFFF), 0),
    (5, struct.pack(">H2xI", 1, 4), 0),
    (0xFFFF, struct.pack(">I", 0x2320) + b"nicira data", 0),
    (0xFFFF, struct.pack(">I", 0x5C16C7), 0),
]
STATS_REPLIES = [
    (0, DESC_STATS, 0),
    (1, flow_stats(action(0, struct.pack(">HH", 2, 0)), table=0xFE, wildcards=0x2000C0) + flow_stats(b"", 3), 1),
    (1, flow_stats(action(0, struct.pack(">HH", 1, 0), length=4) + b"\0" * 4), 0),
    (1, b"", 0),
    (2, struct.pack(">QQI4x", 10, 2000, 4), 2),
    (3, TABLE_STATS + struct.pack(">B3x32sIIIQQ", 1, b"t1", 0x400003, 10, 1, 2, 3), 3),
    (3, struct.pack(">B3x32sIIIQQ", 0xFF, b"x" * 32, 0x3000, 1, 1, 1, 1), 0),
    (4, PORT_STATS + struct.pack(">H6x12Q", 1, *[0] * 12), 0),
    (5, QUEUE_STATS + struct.pack(">H2xIQQQ", 0xFFF8, 0xFFFFFFFF, 2 ** 64 - 1, 0, 1), 0),
    (0xFFFF, struct.pack(">I", 0x2320) + b"\1\2\3", 0),
]
QUEUE_CONFIG = of(21, struct.pack(">H6x", 0xFFFE) + queue(1, prop(1, struct.pack(">H6x", 500))) +
                  queue(2, prop(1, struct.pack(">H6x", 1001)) + prop(0, b"") + prop(0, b"\0" * 8) +
                        prop(1, b"\0" * 4) + prop(7, b"seven!!!")) + queue(0xFFFFFFFF, b""), version=1)
def udp_frame():
    udp = struct.pack(">HHHH", 5000, 53, 8 + 4, 0) + b"abcd"
    ip = struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 7, 0, 64, 17, 0, bytes([10, 9, 0, 1]),
                     bytes([10, 9, 0, 2]))
    ip = ip[:10] + struct.pack(">H", csum(ip)) + ip[12:]
    return bytes.fromhex("020000000009020000000008") + b"\x08\x00" + ip + udp


UDP_FRAME = udp_frame()
VLAN_FRAME = UDP_FRAME[:12] + b"\x81\x00\x20\x0a" + UDP_FRAME[12:]


def bsn(subtype, body):
    return of(4, struct.pack(">II", 0x5C16C7, subtype) + body, version=1)


BSN_MESSAGES = [
    (0, struct.pack(">B3x4s", 1, bytes([255, 0, 14, 0]))),
    (1, struct.pack(">B7x", 3)),
    (2, struct.pack(">B3x4s", 0, bytes([255] * 4))),
    *[(t, struct.pack(">B3x", v)) for t, v in [(3, 1), (4, 0), (5, 7)]],
    (6, struct.pack(">I", 2) + b"show clock\x01"),
    (7, b"Mon Dec 5\n"),
    (8, struct.pack(">I", 0xDEAD)),
    *[(t, b"") for t in (9, 13, 19, 21, 27)],
    (17, struct.pack(">I", 70000)),
    *[(t, b"\0" * 4) for t in (10, 11, 12, 14, 15, 16, 18, 20, 22, 23, 24, 25, 26, 28, 29, 31, 32, 33, 34, 35)],
]
BSN_ACTIONS = b"".join([
    action(0xFFFF, struct.pack(">IIIIB3x", 0x5C16C7, 1, 7, 0x8100A00A, 1)),
    action(0xFFFF, struct.pack(">IIIIB3x", 0x5C16C7, 1, 7, 0x81001005, 0)),
    action(0xFFFF, struct.pack(">IIIIB3x", 0x5C16C7, 1, 7, 0, 9)),
    action(0xFFFF, struct.pack(">IIIIB3x", 0x5C16C7, 1, 7, 0x88A80001, 0)),
    action(0xFFFF, struct.pack(">III", 0x5C16C7, 1, 0)),
    action(0xFFFF, struct.pack(">II", 0x5C16C7, 2) + b"\0" * 8),
    action(0xFFFF, struct.pack(">I", 0x5C16C7)),
])
messages = [
    of(0),
    of(0, element(1, struct.pack(">I", 0x15))),
    HELLO,
    of(0, element(1, struct.pack(">I", 0x10)) + b"\0\1"),
    of(0, element(1, b"", length=3)),
    of(0, element(2, b"\0" * 4, length=40)),
    ERROR,
    of(1, struct.pack(">HH", 6, 99)),
    of(1, struct.pack(">HH", 0xFFFF, 1) + b"x"),
    of(1, struct.pack(">HH", 77, 0)),
    *[of(1, struct.pack(">HH", t, c)) for t, c in [(0, 1), (2, 15), (3, 8), (4, 11), (5, 7),
                                                   (7, 4), (8, 2), (9, 2), (10, 2), (11, 2),
                                                   (12, 11), (13, 5)]],
    ECHO,
    of(3),
    EXPERIMENTER,
    *[of(4, struct.pack(">II", e, 0x65) + d) for e, d in [(0xD0F0DB, b""), (0x123456, b""), (0xFF00000A, b""),
                                                          (0xFE000000, b"")]],
    of(5),
    FEATURES,
    of(6, struct.pack(">QIBB2xII", 1, 0, 0, 0, 0x80000000, 0)),
    of(7),
    *[of(8, struct.pack(">HH", f, m)) for f, m in [(0, 128), (2, 0xFFE5), (3, 0xFFFF)]],
    of(9, struct.pack(">HH", 1, 200)),
    of(10, b"\0" * 24),
    of(11, b"\0" * 40),
    PORT_STATUS,
    of(12, struct.pack(">B7x", 9) + port(0xFFFFFFFE, b"sixteen-chars-xx", config=0x80, state=8, curr=0x10000)),
    of(13, b"\0" * 16),
    of(14, b"\0" * 40),
    of(15, b"\0" * 8),
    PORT_MOD,
    of(16, struct.pack(">I4x6s2xIIII", 0xFFFFFFFD, bytes(6), 0, 0, 0, 0)),
    *[of(17, struct.pack(">B3xI", t, c)) for t, c in [(1, 0), (0xFE, 3), (0xFF, 0xFFFFFFFF)]],
    of(18, b"\0" * 8),
    of(19, b"\0" * 8),
    of(20),
    of(21),
    of(22, struct.pack(">I4x", 1)),
    of(22, struct.pack(">I4x", 0xFFFFFFFB)),
    of(23, b"\0" * 8),
    *[of(t, struct.pack(">I4xQ", r, g)) for t, r, g in [(24, 2, 0x12E248A), (25, 0, 1), (24, 4, 0xFFFFFFFFFFFFFFFF)]],
    of(26),
    of(27, ASYNC),
    of(28, ASYNC),
    of(29, b"\0" * 8),
    of(30),
    of(0xFF, b"abc"),
    # Lengths that break the type's rule, or the header's.
    of(6, b"\0" * 22),
    of(1, b"\0\1"),
    of(20, b"\0" * 4),
    of(2, length=4),
    of(2, length=0) + of(3),
    # Other versions: 1.0's HELLO and ECHO data, a 1.0 type past its last, 1.1 and unknown.
    of(0, b"hello 1.0", version=1),
    of(2, b"e", version=1) + of(3, version=1) + of(5, version=1) + of(18, version=1),
    of(22, version=1),
    of(0, b"\0" * 4, version=2),
    of(9, version=0x07),
    of(0, version=0),
    # OpenFlow 1.0: ERROR, switch config, QUEUE_GET_CONFIG_REQUEST, FLOW_REMOVED, FLOW_MOD.
    *[of(1, struct.pack(">HH", t, c) + d, version=1) for t, c, d in [(0, 0, b""), (1, 8, b"abc"), (2, 8, b""),
                                                                     (3, 5, b""), (4, 1, b""), (5, 2, b""),
                                                                     (5, 3, b""), (6, 0, b""), (0xFFFF, 1, b"")]],
    of(9, struct.pack(">HH", 1, 128), version=1),
    of(8, struct.pack(">HH", 7, 0xFFFF), version=1),
    of(20, struct.pack(">H2x", 0xFFFD), version=1),
    of(20, struct.pack(">H2x", 12), version=1),
    *[of(11, match(w, **kw) + struct.pack(">QHBxIIH2xQQ", 0x99, p, r, 5, 500, i, 10, 1500), version=1)
      for w, kw, p, r, i in [(0x3FFFFF, {}, 0, 0, 0), (0, {}, 7, 1, 60),
                             (0x2000C0, {"dl_type": 0x0806, "proto": 2}, 1, 2, 0),
                             (0x200003, {"proto": 1, "tp": (8, 0)}, 1, 9, 0),
                             (0x400000 | 0x3FFFFF, {}, 0, 0, 0),
                             (0x1C000 | 0x800, {"vlan": 0xFFFF, "pcp": 8}, 0, 0, 0),
                             (0x0, {"vlan": 4095, "in_port": 0xFFFE}, 0, 0, 0)]],
    FLOW_MOD,
    FEATURES_1_0,
    *[of(10, struct.pack(">IHHBx", b, 60, p, r) + FRAME, version=1)
      for b, p, r in [(0xFFFFFFFF, 1, 0), (0x42, 0xFFFE, 1), (7, 2, 5)]],
    of(10, struct.pack(">IHHBx", 1, 0, 1, 0), version=1),
    PACKET_OUT,
    of(13, struct.pack(">IHH", 0x100, 3, 0), version=1),
    of(13, struct.pack(">IHH", 0x100, 3, 40) + action(0, struct.pack(">HH", 1, 0)), version=1),
    of(6, struct.pack(">QIB3xII", 1, 0, 1, 0x10, 0x1000) + phy_port(2, b"") + b"\0" * 10, version=1),
    of(6, struct.pack(">QIB3xII", 1, 0, 1, 0x11, 0), version=1),
    *[of(12, struct.pack(">B7x", r) + phy_port(3, b"eth3", state=st), version=1)
      for r, st in [(0, 0), (1, 0x101), (2, 0x300), (5, 0x4)]],
    of(15, struct.pack(">H6sIIII", 5, bytes.fromhex("0a0000000005"), 0x41, 0x7F, 0x80A, 0), version=1),
    of(15, struct.pack(">H6sIIII", 0xFFF8, bytes(6), 0x100, 0, 0x10000, 0), version=1),
    flow_mod(match(0x3FFFFF), command=1, buffer_id=0x100, flags=0x18),
    flow_mod(match(0x3FFFFF), command=3, out_port=0xFFFD, prio=0, flags=0),
    flow_mod(match(0x3FFFFF), command=4, out_port=7, actions=action(0, struct.pack(">HH", 1, 0), length=4) + b"\0" * 4),
    flow_mod(match(0x3FFFFF), command=9, actions=action(0, struct.pack(">HH", 1, 0), length=24)),
    flow_mod(match(0x3FFFFF), actions=action(0, struct.pack(">HH", 1, 0)) + b"\0" * 4),
    flow_mod(match(0x3FFFFF), actions=action(6, b"\0" * 12) + action(0xFFFF, b"\0" * 8)),
    # OpenFlow 1.0 STATS_REQUEST bodies of each type, lengths not the type's, an unknown type.
    *[stats(16, t, body, flags) for t, body, flags in STATS_REQUESTS],
    *[stats(16, t, b"\0" * n) for t, n in [(0, 4), (1, 40), (4, 6), (5, 9), (0xFFFF, 3), (3, 1)]],
    stats(16, 9, b"\0" * 8),
    # STATS_REPLY bodies: records of each type, flags, invalid lengths, undersized tails.
    *[stats(17, t, body, flags) for t, body, flags in STATS_REPLIES],
    stats(17, 1, flow_stats(b"", length=80)),
    stats(17, 1, flow_stats(b"", length=200)),
    stats(17, 1, flow_stats(b"") + b"\0" * 20),
    *[stats(17, t, b"\0" * n) for t, n in [(0, 100), (2, 20), (3, 63), (4, 110), (5, 40), (0xFFFF, 0)]],
    stats(17, 0x77, b"abc"),
    stats(17, 3, TABLE_STATS + TABLE_STATS),
    QUEUE_CONFIG,
    *[of(21, struct.pack(">H6x", 1) + q, version=1) for q in [queue(1, b"", length=4), queue(2, b"", length=90),
                                                               queue(3, b"\0" * 4),
                                                               queue(4, prop(1, struct.pack(">H6x", 5), length=4)),
                                                               queue(5, prop(1, b"", length=30))]],
    # OpenFlow 1.0 VENDOR: data, and Big Switch Networks' messages of each subtype tcpdump decodes,
    # lengths not the subtype's, unknown subtypes; BSN actions in a FLOW_MOD.
    of(4, struct.pack(">I", 0x2320) + b"nx data", version=1),
    of(4, struct.pack(">I", 0x2320), version=1),
    *[bsn(t, body) for t, body in BSN_MESSAGES],
    *[bsn(t, b"\0" * n) for t, n in [(0, 4), (1, 9), (3, 0), (6, 2), (8, 8), (9, 4), (17, 2), (40, 3)]],
    of(4, struct.pack(">I", 0x5C16C7) + b"\0\0", version=1),
    flow_mod(match(0x3FFFFF), actions=BSN_ACTIONS),
    # Frames of PACKET_IN and PACKET_OUT that tcpdump decodes from -vvv: IPv4/UDP, 802.1Q, a
    # frame under 14 bytes, and a PACKET_IN whose frame ends the capture with a message after it.
    of(10, struct.pack(">IHHBx", 5, len(UDP_FRAME), 3, 0) + UDP_FRAME, version=1),
    of(13, struct.pack(">IHH", 0xFFFFFFFF, 1, 8) + action(0, struct.pack(">HH", 2, 0)) + VLAN_FRAME, version=1),
    of(10, struct.pack(">IHHBx", 5, 10, 3, 0) + b"\x02" * 10, version=1),
    # Several messages in one segment.
    of(2, xid=7) + of(3, xid=7) + of(20, xid=8) + of(21, xid=8) + of(0, element(1, struct.pack(">I", 0x10))),
    # A segment that ends inside a message, and inside the next message's header.
    of(14, b"\0" * 100)[:40],
    of(2, b"data", xid=9)[:10],
    of(3) + of(2)[:1],
    of(3) + of(2)[:3],
    of(3) + of(2)[:7],
]
frames = [segment(m, 1 + 1000 * i, 6633 if i % 5 == 0 else 6653) for i, m in enumerate(messages)]
# Cut by the capture: in the header (after 1, 2, 3, 6 bytes), in FEATURES_REPLY's fields,
# in PORT_STATUS's name and its state, in PORT_MOD's pad, in ERROR's data, in ECHO's data,
# in a HELLO element's header and bitmap, in a second message's header.
cuts = [(of(2, b"abcd"), n) for n in (1, 2, 3, 6)]
cuts += [(FEATURES, n) for n in (12, 17, 21, 26, 30)]
cuts += [(PORT_STATUS, n) for n in (20, 30, 40, 60)]
cuts += [(PORT_MOD, 38), (ERROR, 20), (ECHO, 20), (EXPERIMENTER, 14), (EXPERIMENTER, 18)]
cuts += [(HELLO, n) for n in (10, 14, 18)]
cuts += [(of(3) + of(2, b"xx"), n) for n in (9, 12, 17)]
cuts += [(FLOW_MOD, n) for n in (10, 14, 20, 27, 30, 33, 37, 41, 46, 47, 50, 56, 60, 66, 71, 73, 76, 79, 84)]
cuts += [(FLOW_MOD, n) for n in range(88, 8 + len(ACTIONS), 6)]
cuts += [(of(11, match(0) + struct.pack(">QHBxIIH2xQQ", 1, 1, 0, 5, 500, 3, 10, 1500), version=1), n)
         for n in (30, 44, 50, 57, 59, 62, 66, 70, 80, 90)]
cuts += [(PACKET_OUT, n) for n in (10, 13, 15, 20, 27, 40)]
cuts += [(of(10, struct.pack(">IHHBx", 1, 60, 1, 0) + FRAME, version=1), n) for n in (10, 13, 15, 17, 18, 30)]
cuts += [(FEATURES_1_0, n) for n in (14, 22, 30, 35, 40, 50, 60, 80, 90, 120)]
cuts += [(of(12, struct.pack(">B7x", 0) + phy_port(3, b"eth3"), version=1), n) for n in (8, 20, 30, 60)]
cuts += [(of(15, struct.pack(">H6sIIII", 5, bytes(6), 1, 2, 3, 0), version=1), n) for n in (9, 12, 18, 22, 30)]
cuts += [(of(1, struct.pack(">HH", 1, 1), version=1), 10), (of(9, struct.pack(">HH", 1, 1), version=1), 10),
         (of(20, struct.pack(">H2x", 1), version=1), 10)]
cuts += [(stats(16, t, body), n) for t, body, _ in STATS_REQUESTS[1:8:2] for n in (9, 11, 13, 30, 50, 53, 55)]
cuts += [(stats(16, 0xFFFF, b"\0\0\x23\x20xyz"), n) for n in (14, 17)]
cuts += [(stats(17, t, body, f), n) for t, body, f in STATS_REPLIES[:2] for n in
         (11, 13, 14, 20, 50, 264, 560, 780, 800, 810, 1100)]
cuts += [(stats(17, t, body, f), n) for t, body, f in STATS_REPLIES[4:10] for n in (14, 18, 26, 30, 44, 70, 84, 100)]
cuts += [(bsn(t, body), n) for t, body in BSN_MESSAGES[:7] + BSN_MESSAGES[9:11] + BSN_MESSAGES[15:16]
         for n in (13, 15, 17, 20, 22)]
cuts += [(flow_mod(match(0x3FFFFF), actions=BSN_ACTIONS), n) for n in range(84, 88 + len(BSN_ACTIONS), 5)]
cuts += [(of(10, struct.pack(">IHHBx", 5, len(UDP_FRAME), 3, 0) + UDP_FRAME, version=1) + of(3, version=1), n)
         for n in (24, 40, 60, 70)]
cuts += [(QUEUE_CONFIG, n) for n in (9, 12, 17, 21, 23, 27, 31, 35, 38, 42, 60, 90)]
cuts += [(of(24, struct.pack(">I4xQ", 1, 5)), 20), (of(28, ASYNC), 25), (of(8, struct.pack(">HH", 0, 1)), 11)]
records = [(f, len(f)) for f in frames]
for i, (m, n) in enumerate(cuts):
    f = segment(m, 900000 + 1000 * i)
    records.append((f[: 14 + 20 + 20 + n], len(f)))
with open("openflow_messages.pcap", "wb") as out:
    out.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    for i, (data, wire) in enumerate(records):
        out.write(struct.pack("<IIII", 1_700_000_000 + i, 0, len(data), wire))
        out.write(data)
