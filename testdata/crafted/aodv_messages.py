# Writes aodv_messages.pcap: AODV messages (RFC 3561, draft-perkins-manet-aodv6) on UDP
# port 654, over IPv4 and IPv6, one per case: RREQ, RREP and RERR in their IPv4 and IPv6
# layouts (types 1 to 3, chosen by the IP version) and the draft-01 layouts (types 16 to 18,
# whatever the IP version), RREP-ACK (4 and 19) and unknown types; flags and prefix bytes;
# the Hello extension (good, bad length, cut by the message's length), other extensions
# and a byte too few for one; RERRs with several destinations, none, a count past the
# message or the capture; messages shorter than their fixed part (by the capture and by a
# UDP length shorter than the IP payload, whose padding tcpdump may read); the port choice
# against RIP, ISAKMP and DNS; an empty datagram; and messages cut by the capture at every
# byte, over both IP versions.
import struct

from _inet import csum

SRC6 = bytes.fromhex("fe800000000000000218f3fffea9914e")
DST6 = bytes.fromhex("ff020000000000000000000000000001")
SRC4 = bytes([10, 0, 0, 1])
DST4 = bytes([255, 255, 255, 255])


def udp6(payload, sport=654, dport=654, pad=b""):
    # pad: bytes in the IP payload after the UDP datagram (its length field excludes them).
    udp = struct.pack(">HHHH", sport, dport, 8 + len(payload), 0) + payload
    pseudo = SRC6 + DST6 + struct.pack(">IxxxB", len(udp), 17)
    udp = udp[:6] + struct.pack(">H", csum(pseudo + udp)) + udp[8:] + pad
    ip = struct.pack(">IHBB", 0x60000000, len(udp), 17, 1) + SRC6 + DST6
    return bytes.fromhex("333300000001020000000001") + b"\x86\xdd" + ip + udp


def udp4(payload, sport=654, dport=654, pad=b""):
    udp = struct.pack(">HHHH", sport, dport, 8 + len(payload), 0) + payload
    pseudo = SRC4 + DST4 + struct.pack(">BBH", 0, 17, len(udp))
    udp = udp[:6] + struct.pack(">H", csum(pseudo + udp)) + udp[8:] + pad
    ip = struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 1, 0, 1, 17, 0, SRC4, DST4)
    ip = ip[:10] + struct.pack(">H", csum(ip)) + ip[12:]
    return bytes.fromhex("ffffffffffff020000000001") + b"\x08\x00" + ip + udp


A4 = [bytes([10, 0, 0, n]) for n in range(1, 9)]
A6 = [bytes.fromhex("20010db8") + bytes(11) + bytes([n]) for n in range(1, 9)]


def rreq(kind, v6, flags=0x00, hops=3, rid=0x1234ABCD, ds=100, os=4294967295, ext=b""):
    # v6 here: the layout's addresses are IPv6 (types 1 over IPv6, and 16).
    A = A6 if v6 else A4
    head = struct.pack(">BBBBI", kind, flags, 0, hops, rid)
    if kind == 16:
        return head + struct.pack(">II", ds, os) + A[1] + A[0] + ext
    return head + A[1] + struct.pack(">I", ds) + A[0] + struct.pack(">I", os) + ext


def rrep(kind, v6, flags=0x00, ps=0, hops=2, ds=7, life=3000, ext=b""):
    A = A6 if v6 else A4
    head = struct.pack(">BBBB", kind, flags, ps, hops)
    if kind == 17:
        return head + struct.pack(">I", ds) + A[2] + A[0] + struct.pack(">I", life) + ext
    return head + A[2] + struct.pack(">I", ds) + A[0] + struct.pack(">I", life) + ext


def rerr(kind, v6, dests, flags=0x00, count=None):
    A = A6 if v6 else A4
    body = b"".join(A[i + 3] + struct.pack(">I", s) for i, s in enumerate(dests))
    return struct.pack(">BBBB", kind, flags, 0, len(dests) if count is None else count) + body


def hello(ms, length=4):
    return struct.pack(">BBI", 1, length, ms)


cases = []
for v6 in (False, True):
    up = udp6 if v6 else udp4
    # RREQ in the IP version's layout and in the draft's; every flag byte bit; extensions.
    for flags in (0x00, 0x80, 0x40, 0x20, 0x10, 0x08, 0xF8, 0x07):
        cases.append(up(rreq(1, v6, flags=flags, hops=flags)))
    cases.append(up(rreq(16, True, flags=0xF8, hops=255, rid=0, ds=0, os=1)))
    cases.append(up(rreq(1, v6, ext=hello(1000))))
    cases.append(up(rreq(1, v6, ext=hello(4294967295, length=255))))
    cases.append(up(rreq(1, v6, ext=hello(5, length=3))))
    cases.append(up(rreq(1, v6, ext=hello(5, length=0))))
    cases.append(up(rreq(1, v6, ext=b"\x01\x04\x00\x00\x03")))
    cases.append(up(rreq(1, v6, ext=b"\x01\x04")))
    cases.append(up(rreq(1, v6, ext=b"\x02\x09abcdefghi")))
    cases.append(up(rreq(1, v6, ext=b"\x00\x00")))
    cases.append(up(rreq(1, v6, ext=b"\x01")))
    cases.append(up(rreq(16, True, ext=hello(250))))
    cases.append(up(rreq(16, True, ext=b"\x07\x01")))
    # RREP: flags, prefix sizes (the low 5 bits), extensions; the draft's order.
    for flags, ps in ((0x00, 0), (0x80, 1), (0x40, 31), (0xC0, 0xFF), (0x3F, 0xE0)):
        cases.append(up(rrep(2, v6, flags=flags, ps=ps)))
    cases.append(up(rrep(17, True, flags=0xC0, ps=24, hops=9, ds=0xFFFFFFFF, life=0)))
    cases.append(up(rrep(2, v6, ext=hello(1000))))
    cases.append(up(rrep(2, v6, ext=hello(77, length=1))))
    cases.append(up(rrep(2, v6, ext=b"\x01\x04\x00")))
    cases.append(up(rrep(2, v6, ext=b"\xff\xff")))
    cases.append(up(rrep(17, True, ext=hello(9))))
    # RERR: several destinations, none, the no-delete flag, counts past the message.
    cases.append(up(rerr(3, v6, [1, 2, 3, 4294967295])))
    cases.append(up(rerr(3, v6, [5], flags=0x80)))
    cases.append(up(rerr(3, v6, [], flags=0x7F)))
    cases.append(up(rerr(3, v6, [1, 2], count=3)))
    cases.append(up(rerr(3, v6, [1, 2], count=255)))
    cases.append(up(rerr(3, v6, [1, 2, 3], count=1) + b"junk"))
    cases.append(up(rerr(3, v6, [1]) + b"\x01\x02"))
    cases.append(up(rerr(18, True, [10, 20, 30], flags=0x80)))
    cases.append(up(rerr(18, True, [10], count=2)))
    # RREP-ACK, unknown types; short messages of every type.
    cases.append(up(b"\x04\x00"))
    cases.append(up(b"\x13\x00"))
    cases.append(up(b"\x04"))
    cases.append(up(b"\x13\x00\x01\x02\x03"))
    for kind in (0, 5, 15, 20, 128, 255):
        cases.append(up(bytes([kind]) + b"\x00" * 5))
    for kind in (1, 2, 3, 16, 17, 18):
        cases.append(up(bytes([kind])))
        cases.append(up(bytes([kind, 0, 0])))
    # Shorter than its fixed part by the UDP length, the rest in the IP payload's padding
    # (tcpdump checks the capture first, then the length).
    cases.append(up(rreq(1, v6)[:-1], pad=b"\x09"))
    cases.append(up(rrep(2, v6)[:-4], pad=b"\x00\x00\x0b\xb8"))
    cases.append(up(rreq(16, True)[:20], pad=rreq(16, True)[20:]))
    cases.append(up(rerr(3, v6, [1])[:3], pad=b"\x01"))
    cases.append(up(rerr(3, v6, [1], count=2), pad=(A6 if v6 else A4)[5] + b"\0\0\0\2"))
    cases.append(up(rerr(18, True, [1])[:-1], pad=b"\x01"))
    cases.append(up(rreq(1, v6), pad=hello(100)))
    cases.append(up(rreq(1, v6, ext=b"\x01\x04\x00"), pad=b"\x00\x00\x01"))
    cases.append(up(rrep(2, v6, ext=b"\x05"), pad=b"\x06"))
    # The port choice: AODV as either port, against RIP (first), ISAKMP and DNS.
    cases.append(up(rrep(2, v6), sport=1234))
    cases.append(up(rrep(2, v6), dport=1234))
    cases.append(up(rrep(2, v6), dport=520))
    cases.append(up(rrep(2, v6), dport=500))
    cases.append(up(rrep(2, v6), sport=53))
    cases.append(up(rrep(2, v6), sport=4500))
    # An empty datagram.
    cases.append(up(b""))
# The draft's types over IPv4; types 1 and 3 over IPv6 with bodies of IPv4 sizes.
cases.append(udp4(rreq(16, True, ext=hello(3))))
cases.append(udp4(rrep(17, True)))
cases.append(udp4(rerr(18, True, [1, 2])))
cases.append(udp6(rreq(1, False)))
cases.append(udp6(rerr(3, False, [1, 2])))

frames = [(c, None) for c in cases]
# Messages of every kind, cut by the capture at every byte, over both IP versions.
for v6 in (False, True):
    up = udp6 if v6 else udp4
    head = 14 + (40 if v6 else 20) + 8
    for full in (
        rreq(1, v6, ext=hello(1000)),
        rrep(2, v6, ext=hello(500)),
        rrep(2, v6, ext=b"\x02\x02"),
        rerr(3, v6, [1, 2], flags=0x80),
        rreq(16, True, ext=hello(1)),
        rrep(17, True),
        rerr(18, True, [7]),
        b"\x04\x00",
    ):
        f = up(full)
        for n in range(0, len(full)):
            frames.append((f[: head + n], len(f)))
with open("aodv_messages.pcap", "wb") as out:
    out.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    for i, (data, wire) in enumerate(frames):
        out.write(struct.pack("<IIII", 1_700_000_000 + i, 0, len(data), wire or len(data)))
        out.write(data)
