# Writes olsr_messages.pcap: OLSR packets (RFC 3626) on UDP port 698, over IPv4 and IPv6,
# one per case: HELLO and Hello-LQ links of every link and neighbor type (and an unknown
# one), TC and TC-LQ neighbor lists, MID interfaces, HNA networks (contiguous and not
# contiguous masks, olsrd's smart gateway entries with every flag and speed), the name
# service (entries, padding, bad counts and lengths), Powerinfo and unknown types dumped,
# message and link lengths too short or too long, a zero type or length, the packet length
# shorter than the UDP payload, the port choice against syslog, and packets cut by the
# capture at every byte, over both IP versions. Every time byte and link-quality byte once.
import struct

from _inet import csum

SRC6 = bytes.fromhex("fe800000000000000218f3fffea9914e")
DST6 = bytes.fromhex("ff020000000000000000000000000001")
SRC4 = bytes([10, 0, 0, 1])
DST4 = bytes([255, 255, 255, 255])


def udp6(payload, sport=698, dport=698):
    udp = struct.pack(">HHHH", sport, dport, 8 + len(payload), 0) + payload
    pseudo = SRC6 + DST6 + struct.pack(">IxxxB", len(udp), 17)
    udp = udp[:6] + struct.pack(">H", csum(pseudo + udp)) + udp[8:]
    ip = struct.pack(">IHBB", 0x60000000, len(udp), 17, 1) + SRC6 + DST6
    return bytes.fromhex("333300000001020000000001") + b"\x86\xdd" + ip + udp


def udp4(payload, sport=698, dport=698):
    udp = struct.pack(">HHHH", sport, dport, 8 + len(payload), 0) + payload
    pseudo = SRC4 + DST4 + struct.pack(">BBH", 0, 17, len(udp))
    udp = udp[:6] + struct.pack(">H", csum(pseudo + udp)) + udp[8:]
    ip = struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 1, 0, 1, 17, 0, SRC4, DST4)
    ip = ip[:10] + struct.pack(">H", csum(ip)) + ip[12:]
    return bytes.fromhex("ffffffffffff020000000001") + b"\x08\x00" + ip + udp


A4 = [bytes([10, 0, 0, n]) for n in range(1, 9)]
A6 = [bytes.fromhex("20010db8") + bytes(11) + bytes([n]) for n in range(1, 9)]


def msg(kind, body, v6=False, length=None, vtime=0x86, seq=7, ttl=255, hop=0):
    orig = A6[0] if v6 else A4[0]
    size = 24 if v6 else 12
    n = size + len(body) if length is None else length
    return struct.pack(">BBH", kind, vtime, n) + orig + struct.pack(">BBH", ttl, hop, seq) + body


def packet(*messages, seq=0x1234, length=None):
    body = b"".join(messages)
    return struct.pack(">HH", 4 + len(body) if length is None else length, seq) + body


def link(code, addrs, length=None):
    body = b"".join(addrs)
    return struct.pack(">BxH", code, 4 + len(body) if length is None else length) + body


def hello(links, htime=0x05, will=3):
    return struct.pack(">xxBB", htime, will) + b"".join(links)


def lq(addr, q=255, nq=128):
    return addr + bytes([q, nq, 0, 0])


def name(kind, text, addr):
    return struct.pack(">HH", kind, len(text)) + addr + text + b"\0" * (-len(text) % 4)


cases = []
for v6 in (False, True):
    A = A6 if v6 else A4
    up = udp6 if v6 else udp4
    # HELLO: every link type and neighbor type, an unknown neighbor type, an empty link.
    links = [link(c, A4[:c % 4 + 1]) for c in range(0, 16)] + [link(2, [])]
    cases.append(up(packet(msg(1, hello(links), v6))))
    # HELLO with a link length too long, then too short; a body with no room for links.
    cases.append(up(packet(msg(1, hello([link(6, A4[:2], length=40)]), v6))))
    cases.append(up(packet(msg(1, hello([link(6, A4[:2], length=3)]), v6))))
    cases.append(up(packet(msg(1, b"\0\0\5", v6))))
    cases.append(up(packet(msg(1, hello([]) + b"\1\2\3", v6))))
    # HELLO neighbors not a multiple of 4 bytes.
    cases.append(up(packet(msg(1, hello([link(6, [A4[0], b"\1\2"])]), v6))))
    # Hello-LQ with qualities, a partial neighbor.
    cases.append(up(packet(msg(201, hello([link(10, [lq(A[1], 255, 0), lq(A[2], 1, 254)]),
                                           link(5, [lq(A[3], 100, 101), b"\1\2\3"])]), v6))))
    # TC and TC-LQ; a body too short; odd bytes.
    cases.append(up(packet(msg(2, struct.pack(">Hxx", 0x55) + b"".join(A4[:6]) + b"\1", v6))))
    cases.append(up(packet(msg(2, b"\0\1", v6))))
    cases.append(up(packet(msg(202, struct.pack(">Hxx", 0x66) + lq(A[1], 51, 204) + lq(A[2], 0, 3) + b"\9", v6))))
    # MID: addresses and a partial one.
    cases.append(up(packet(msg(3, b"".join(A[1:4]) + b"\7\7", v6))))
    cases.append(up(packet(msg(3, b"", v6))))
    # HNA: networks, masks contiguous and not, smart gateways, a partial entry.
    if v6:
        masks = [bytes([0xff] * 8 + [0] * 8), bytes([0xff] * 16), bytes(16),
                 bytes([0xff, 0xfe] + [0] * 14), bytes([0xff, 0x0f] + [0xff] * 14),
                 bytes([0xff, 0xff, 0xc0, 0x01] + [0] * 12)]
        ents = b"".join(A[i] + m for i, m in enumerate(masks))
    else:
        ents = b"".join([
            A4[0] + bytes([255, 255, 255, 0]),
            bytes(4) + bytes([0, 0x07, 0x4b, 0x4b]),
            bytes(4) + bytes([0, 0x1f, 0xff, 0x01]),
            bytes(4) + bytes([0, 0x1e, 0x4b, 0x4b]),
            bytes(4) + bytes([0, 0x01, 0x00, 0x07]),
            bytes(4) + bytes([0, 0xe0, 0x12, 0x34]),
            bytes(4) + bytes([1, 0x07, 0x4b, 0x4b]),
            bytes(4) + bytes(4),
            A4[1] + bytes([255, 0, 255, 0]),
            bytes([0, 0, 0, 1]) + bytes([0, 3, 9, 9]),
            A4[2] + bytes([255, 255, 255, 255]),
        ])
    cases.append(up(packet(msg(4, ents + b"\1\2\3", v6))))
    cases.append(up(packet(msg(4, b"", v6))))
    # Name service: entries with padding, every length class, bad counts and lengths.
    ns = struct.pack(">HH", 1, 4) + name(0, b"host", A[1]) + name(1, b"srv.x", A[2]) \
        + name(0x1234, b"a\x01\x7f\xc8", A[3]) + name(2, b"ab", A[4])
    cases.append(up(packet(msg(130, ns, v6))))
    cases.append(up(packet(msg(130, struct.pack(">HH", 1, 0), v6))))
    cases.append(up(packet(msg(130, struct.pack(">HH", 1, 9) + name(0, b"x", A[1]), v6))))
    cases.append(up(packet(msg(130, struct.pack(">HH", 1, 2) + name(0, b"host", A[1]) + struct.pack(">HH", 0, 0) + A[2] + b"zzzz", v6))))
    cases.append(up(packet(msg(130, struct.pack(">HH", 1, 2) + name(0, b"host", A[1]) + struct.pack(">HH", 0, 200) + A[2] + b"zzzz", v6))))
    cases.append(up(packet(msg(130, struct.pack(">HH", 1, 1) + struct.pack(">HH", 0, 3) + A[1] + b"abc", v6))))
    cases.append(up(packet(msg(130, struct.pack(">HH", 1, 2) + name(0, b"host", A[1]) + b"\0\1", v6))))
    cases.append(up(packet(msg(130, b"\0\1\0", v6))))
    # Powerinfo and unknown types: dumped; an empty body.
    cases.append(up(packet(msg(128, bytes(range(20)), v6), msg(77, b"abcdefgh", v6), msg(99, b"", v6))))
    # Message lengths: too short, past the packet, zero, a zero type; vtime values.
    size = 24 if v6 else 12
    cases.append(up(packet(msg(3, A[1], v6, length=size - 1))))
    cases.append(up(packet(msg(3, A[1], v6, length=500))))
    cases.append(up(packet(msg(3, A[1], v6, length=0), msg(3, A[1], v6))))
    cases.append(up(packet(msg(0, A[1], v6), msg(3, A[1], v6))))
    cases.append(up(packet(*[msg(3, b"", v6, vtime=v, seq=v) for v in (0, 0x01, 0x10, 0x13, 0x2f, 0xff, 0x84, 0x0b)])))
    # Every time byte (vtime and hello-time) and every link-quality byte.
    cases.append(up(packet(*[msg(3, b"", v6, vtime=v) for v in range(256)])))
    cases.append(up(packet(*[msg(1, hello([], htime=v), v6) for v in range(1, 256, 2)])))
    cases.append(up(packet(msg(201, hello([link(6, [lq(A[1], q, 255 - q) for q in range(128)])]), v6))))
    cases.append(up(packet(msg(202, struct.pack(">Hxx", 9) + b"".join(lq(A[2], q, q ^ 0x55) for q in range(128, 256)), v6))))
    # Packet length shorter and longer than the payload; header shorter than 4 bytes.
    cases.append(up(packet(msg(3, A[1], v6), msg(3, A[2], v6), length=4 + size + 4)))
    cases.append(up(packet(msg(3, A[1], v6), length=2000)))
    cases.append(up(packet(msg(3, A[1], v6), length=2)))
    cases.append(up(packet(length=4)))
    cases.append(up(b"\0\4\0"))
    cases.append(up(b""))
    # The port choice: OLSR as the source against syslog (514), and against lower ports.
    cases.append(up(packet(msg(3, A[1], v6)), dport=514))
    cases.append(up(packet(msg(3, A[1], v6)), sport=646))
    cases.append(up(packet(msg(3, A[1], v6)), sport=3503))

frames = [(c, None) for c in cases]
# Packets with a message of every kind, cut by the capture at every byte.
for v6 in (False, True):
    A = A6 if v6 else A4
    up = udp6 if v6 else udp4
    full = packet(
        msg(1, hello([link(6, A4[:2])]), v6),
        msg(201, hello([link(10, [lq(A[1])])]), v6),
        msg(2, struct.pack(">Hxx", 1) + A4[1] + A4[2], v6),
        msg(202, struct.pack(">Hxx", 2) + lq(A[2]), v6),
        msg(3, A[3], v6),
        msg(4, (A[4] + b"\xff" * (16 if v6 else 4)) + ((bytes(4) + bytes([0, 1, 9, 9])) if not v6 else b""), v6),
        msg(130, struct.pack(">HH", 1, 2) + name(0, b"hst", A[1]) + name(1, b"four", A[2]), v6),
        msg(128, b"\1\2\3\4\5", v6),
    )
    f = up(full)
    head = 14 + (40 if v6 else 20) + 8
    for n in range(0, len(full)):
        frames.append((f[: head + n], len(f)))
with open("olsr_messages.pcap", "wb") as out:
    out.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    for i, (data, wire) in enumerate(frames):
        out.write(struct.pack("<IIII", 1_700_000_000 + i, 0, len(data), wire or len(data)))
        out.write(data)
