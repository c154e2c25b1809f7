# Writes bgp_updates.pcap: BGP UPDATE messages (RFC 4271) on TCP port 179, one segment
# each unless noted: every path attribute tcpdump decodes (2- and 4-byte AS paths, all
# segment types, communities, MP_REACH/MP_UNREACH for IPv4 and IPv6 unicast, multicast,
# labeled, VPN and route target families, MDT, multicast VPN routes of each type, layer 2
# VPN routes with their TLVs (past tcpdump's 164-byte buffer too), NSAP prefixes and next
# hops, link-local next hops and SNPAs, extended communities of each printed type, PMSI
# tunnels, AIGP, ATTR_SET, large communities), unknown attributes and families, Add-Path
# prefixes, End-of-RIB markers, wrong lengths, attributes and prefixes that pass their
# section or the message, and segments the capture cuts. Then OPEN messages whose options
# and capabilities run past the message and the capture, and one shorter than its fixed
# part: each ND_TCHECK's cut prints [|bgp] and returns to its caller, which goes on.
import socket
import struct
from _inet import tcp_segment


def message(kind, body):
    return b"\xff" * 16 + struct.pack(">HB", 19 + len(body), kind) + body


def update(withdrawn=b"", attrs=b"", nlri=b"", wlen=None, alen=None):
    wlen = len(withdrawn) if wlen is None else wlen
    alen = len(attrs) if alen is None else alen
    return message(2, struct.pack(">H", wlen) + withdrawn + struct.pack(">H", alen) + attrs + nlri)


def attr(flags, kind, value, length=None):
    length = len(value) if length is None else length
    if flags & 0x10:
        return struct.pack(">BBH", flags, kind, length) + value
    return struct.pack(">BBB", flags, kind, length) + value


def ip4(text):
    return socket.inet_pton(socket.AF_INET, text)


def ip6(text):
    return socket.inet_pton(socket.AF_INET6, text)


def pfx(bits, address):
    return bytes([bits]) + address[: (bits + 7) // 8]


def segs(size, *segments):
    fmt = ">H" if size == 2 else ">I"
    out = b""
    for kind, numbers in segments:
        out += bytes([kind, len(numbers)]) + b"".join(struct.pack(fmt, n) for n in numbers)
    return out


def ext(kind, value):
    return struct.pack(">H", kind) + value


def mp_reach(afi, safi, hops, nlri, snpas=()):
    body = struct.pack(">HBB", afi, safi, len(hops)) + hops + bytes([len(snpas)])
    for s in snpas:
        body += bytes([len(s)]) + s
    return body + nlri


def l2vpn(rd, tlvs):
    body = rd + struct.pack(">HH", 1, 2) + b"\x00\x10\x01" + tlvs
    return struct.pack(">H", len(body)) + body


T, O, OT = 0x40, 0x80, 0xC0
rd0 = struct.pack(">HHI", 0, 65001, 7)
rd1 = struct.pack(">H4sH", 1, ip4("192.0.2.1"), 9)
rd2 = struct.pack(">HIH", 2, 4200000000, 3)
label = bytes([0x00, 0x64, 0x11])
basic = b"".join([
    attr(T, 1, b"\x00"),
    attr(T, 2, segs(2, (2, [65001, 65010]), (1, [1, 2]), (3, [7]), (4, [8, 9]))),
    attr(T, 3, ip4("192.0.2.1")),
    attr(O, 4, struct.pack(">I", 100)),
    attr(T, 5, struct.pack(">I", 4294967295)),
    attr(T, 6, b""),
    attr(OT, 7, struct.pack(">H", 65001) + ip4("192.0.2.9")),
    attr(OT, 8, struct.pack(">IIIII", 0xFDE90064, 0xFFFFFF01, 0xFFFFFF02, 0xFFFFFF03, 0x00010002)),
    attr(O, 9, ip4("10.1.1.1")),
    attr(O, 10, ip4("10.2.2.2") + ip4("10.3.3.3")),
])
four = b"".join([
    attr(T, 1, b"\x02"),
    attr(0x50, 2, segs(4, (2, [4200000000, 65001]), (1, [70000])), ),
    attr(OT, 7, struct.pack(">I", 4200000001) + ip4("192.0.2.8")),
    attr(OT | 0x20, 17, segs(4, (2, [4200000000, 23456]), (3, [1]))),
    attr(OT | 0x0F, 18, struct.pack(">I", 70000) + ip4("192.0.2.7")),
    attr(0, 1, b"\x07"),
    attr(T, 2, segs(4, (9, [5]))),
])
extended = b"".join([
    ext(0x0002, struct.pack(">HI", 65001, 100)),
    ext(0x0102, ip4("192.0.2.1") + struct.pack(">H", 5)),
    ext(0x0202, struct.pack(">IH", 4200000000, 6)),
    ext(0x0003, struct.pack(">HI", 1, 2)),
    ext(0x0103, ip4("192.0.2.2") + struct.pack(">H", 7)),
    ext(0x0203, struct.pack(">IH", 70000, 8)),
    ext(0x4004, struct.pack(">Hf", 65001, 12500000.0)),
    ext(0x0005, ip4("0.0.0.5") + b"\x00\x00"),
    ext(0x8005, ip4("0.0.0.6") + b"\x00\x00"),
    ext(0x0306, ip4("0.0.0.1") + b"\x05\x01"),
    ext(0x0306, ip4("0.0.0.2") + b"\x09\x00"),
    ext(0x8000, ip4("0.0.0.3") + b"\x01\x00"),
    ext(0x0107, ip4("1.1.1.1") + b"\x00\x00"),
    ext(0x800A, b"\x05\x03" + struct.pack(">HH", 1500, 0)),
    ext(0x800A, b"\x63\x00" + struct.pack(">HH", 9000, 0)),
    ext(0x0009, struct.pack(">HI", 65002, 0)),
    ext(0x030C, b"\x00" * 4 + struct.pack(">H", 8)),
    ext(0x030C, b"\x00" * 4 + struct.pack(">H", 99)),
    ext(0x010B, ip4("192.0.2.3") + struct.pack(">H", 10)),
    ext(0x000A, struct.pack(">HI", 2, 3)),
    ext(0x8800, bytes(range(1, 7))),
    ext(0x1234, bytes(range(10, 16))),
])
aigp = struct.pack(">BHQ", 1, 11, 0x123456789ABCDEF0) + struct.pack(">BH", 2, 5) + b"\xAA\xBB"
pmsi = b"".join([
    attr(OT, 22, b"\x01\x06" + b"\x00\x06\x41" + ip4("192.0.2.4")),
    attr(OT, 22, b"\x00\x03" + b"\x00\x00\x01" + ip4("192.0.2.5") + ip4("232.1.1.1")),
    attr(OT, 22, b"\x00\x01" + b"\x00\x00\x01" + ip4("192.0.2.6") + struct.pack(">I", 0xABCD)),
    attr(OT, 22, b"\x00\x02" + b"\x00\x00\x01" + ip4("192.0.2.6") + struct.pack(">I", 0x12)),
    attr(OT, 22, b"\x00\x09" + b"\x00\x00\x01" + b"\xde\xad"),
])
inner = attr(T, 1, b"\x01") + attr(T, 2, segs(2, (2, [100])))
attr_set = attr(OT, 128, struct.pack(">I", 65100) + inner + attr(OT, 128, struct.pack(">I", 7) + inner))
v6hops = ip6("2001:db8::1") + ip6("fe80::1")
messages = [
    update(attrs=basic, nlri=pfx(8, ip4("10.0.0.0")) + pfx(25, ip4("192.168.1.255")) + pfx(0, b"")),
    update(),
    update(withdrawn=pfx(24, ip4("10.9.8.0")) + pfx(32, ip4("10.9.8.7")) + pfx(17, ip4("172.16.255.0"))),
    update(withdrawn=b"\x00"),
    update(attrs=four, nlri=pfx(16, ip4("172.16.0.0"))),
    update(attrs=attr(0x90, 14, mp_reach(2, 1, v6hops, pfx(32, ip6("2001:db8::")) + pfx(48, ip6("2001:db8:1::"))
                                         + pfx(0, b"") + pfx(127, ip6("2001:db8::ffff"))))
           + attr(0x90, 15, struct.pack(">HB", 2, 1) + pfx(64, ip6("2001:db8:2::")))),
    update(attrs=attr(0x90, 15, struct.pack(">HB", 1, 1))),
    update(attrs=attr(0x90, 15, struct.pack(">HB", 2, 2))),
    update(attrs=attr(O, 14, mp_reach(1, 2, ip4("192.0.2.1") + ip4("192.0.2.2") + b"\x01\x02",
                                      pfx(24, ip4("224.1.2.0")), snpas=(b"\x01\x02", b"\x01\x02\x03")))),
    update(attrs=attr(O, 14, mp_reach(99, 7, ip4("192.0.2.1"), b"\x01\x02"))
           + attr(O, 15, struct.pack(">HB", 25, 70) + b"\x01\x02\x03")),
    update(attrs=attr(O, 14, mp_reach(1, 4, ip4("192.0.2.1"), bytes([40]) + label + b"\x0a\x01"
                                      + bytes([24]) + b"\x00\x00\x10" + bytes([10]) + label))),
    update(attrs=attr(O, 14, mp_reach(2, 4, ip6("2001:db8::1"), bytes([24 + 32]) + label + ip6("2001:db8::")[:4]))),
    update(attrs=attr(O, 14, mp_reach(1, 128, rd0 + ip4("192.0.2.1"),
                                      bytes([88 + 24]) + label + rd0 + b"\x0a\x02\x03"
                                      + bytes([88 + 8]) + b"\x00\x64\x10" + rd1 + b"\x0b"
                                      + bytes([88 + 16]) + label + rd2 + b"\x0c\x0d"))
           + attr(O, 14, mp_reach(2, 128, rd1 + ip6("2001:db8::9"),
                                  bytes([88 + 32]) + label + rd1 + ip6("2001:db8::")[:4]))),
    update(attrs=attr(O, 14, mp_reach(1, 132, ip4("192.0.2.1"),
                                      b"\x00" + bytes([32]) + struct.pack(">I", 65001)
                                      + bytes([96]) + struct.pack(">I", 65002) + ext(0x0002, struct.pack(">HI", 1, 2))
                                      + bytes([32 + 40]) + struct.pack(">I", 65003) + ext(0x0102, ip4("1.2.3.4"))[:5]
                                      + bytes([32 + 8]) + struct.pack(">I", 65004) + b"\x00"
                                      + bytes([32 + 64]) + struct.pack(">I", 65005) + ext(0x0202, struct.pack(">IH", 70000, 1))
                                      + bytes([32 + 64]) + struct.pack(">I", 65006) + ext(0x0777, b"\x00" * 6)))),
    update(attrs=attr(O, 14, mp_reach(1, 132, ip4("192.0.2.1"), bytes([20]) + b"\x00\x00"))),
    update(attrs=attr(O, 14, mp_reach(1, 5, ip4("192.0.2.1"), b"".join([
        bytes([1, 12]) + rd0 + ip4("192.0.2.11"),
        bytes([1, 9]) + rd0 + b"\x01",
        bytes([2, 12]) + rd1 + struct.pack(">I", 4200000000),
        bytes([3, 22]) + rd0 + bytes([32]) + ip4("10.0.0.5") + bytes([32]) + ip4("232.0.0.5") + ip4("192.0.2.12"),
        bytes([5, 14]) + rd2 + bytes([32]) + ip4("10.0.0.6") + bytes([0]),
        bytes([6, 18]) + rd0 + struct.pack(">I", 65001) + bytes([8, 1]) + bytes([24]) + b"\xef\x00\x00",
        bytes([7, 14]) + rd0 + struct.pack(">I", 65002) + bytes([0, 0]),
        bytes([4, 3]) + b"\x01\x02\x03",
        bytes([9, 2]) + b"\x00\x00",
        bytes([3, 14]) + rd0 + bytes([32]) + ip4("10.0.0.5") + bytes([32]) + ip4("232.0.0.5"),
    ])))),
    update(attrs=attr(O, 14, mp_reach(1, 5, ip4("192.0.2.1"), bytes([2, 12]) + rd0[:4]))),
    update(attrs=attr(O, 14, mp_reach(1, 5, ip4("192.0.2.1"), bytes([3, 10]) + rd0 + bytes([0, 0])))),
    update(attrs=attr(O, 14, mp_reach(2, 5, ip6("2001:db8::1"), bytes([1, 8]) + rd0))),
    update(attrs=attr(O, 14, mp_reach(25, 65, ip4("192.0.2.1"), b"".join([
        struct.pack(">H", 12) + rd0 + ip4("192.0.2.13"),
        l2vpn(rd1, struct.pack(">BH", 1, 16) + b"\x12\x34" + struct.pack(">BH", 5, 8) + b"\x00"),
        l2vpn(rd0, struct.pack(">BH", 1, 24) + b"\xab"),
        l2vpn(rd0, struct.pack(">BH", 7, 64) + b"\x00\x00"),
        l2vpn(rd2, struct.pack(">BH", 1, 8 * 70) + bytes(range(70))),
    ])))),
    update(attrs=attr(O, 15, struct.pack(">HB", 196, 128) + struct.pack(">H", 17) + rd0 + b"\x00" * 9)),
    update(attrs=attr(O, 15, struct.pack(">HB", 196, 129) + struct.pack(">H", 12) + rd0[:5])),
    update(attrs=attr(O, 14, mp_reach(1, 66, ip4("192.0.2.1"), bytes([128]) + rd0 + ip4("10.0.0.1") + ip4("239.1.1.1")
                                      + bytes([64]) + rd0))),
    update(attrs=attr(O, 14, mp_reach(1, 66, ip4("192.0.2.1"), bytes([128]) + rd1[:6]))),
    update(attrs=attr(O, 14, mp_reach(3, 1, bytes.fromhex("49000100000000000a00"),
                                      bytes([24]) + bytes.fromhex("490001") + b"\x00" * 3 + bytes([0]) + bytes([200])))
           + attr(O, 15, struct.pack(">HB", 3, 2) + bytes([12]) + bytes.fromhex("000000ffff"))),
    update(attrs=attr(O, 14, mp_reach(3, 128, rd0 + bytes.fromhex("47000601c0000201"),
                                      bytes([88 + 24]) + label + rd0 + bytes.fromhex("490001")))
           + attr(O, 14, mp_reach(3, 128, rd1 + bytes.fromhex("350000") + ip6("2001:db8::1"), b""))
           + attr(O, 14, mp_reach(3, 129, rd2 + b"\x49\x00", b""))
           + attr(O, 14, mp_reach(3, 130, b"\x00" * 5, b""))),
    update(attrs=attr(OT, 16, extended)),
    update(attrs=attr(OT, 32, struct.pack(">III", 65001, 1, 2) + struct.pack(">III", 4200000000, 3, 4))
           + attr(OT, 32, struct.pack(">II", 1, 2)) + attr(OT, 32, b"")),
    update(attrs=attr(O, 26, aigp) + attr(O, 26, struct.pack(">BH", 1, 2))),
    update(attrs=attr(O, 26, struct.pack(">BHI", 1, 7, 5))),
    update(attrs=attr(OT, 99, bytes(range(6))) + attr(OT | 0x10, 255, bytes(range(20)))),
    update(attrs=pmsi),
    update(attrs=attr(OT, 22, b"\x00\x04")),
    update(attrs=attr_set),
    update(attrs=attr(OT, 128, struct.pack(">I", 7) + b"\x40\x01\x05\x00")),
    update(attrs=attr(OT, 128, struct.pack(">I", 7) + b"\x40")),
    update(attrs=attr(OT, 128, struct.pack(">I", 7) + b"\x50\x01\x00")),
    update(attrs=attr(OT, 128, b"\x00\x01")),
    update(attrs=attr(T, 1, b"\x00"), nlri=struct.pack(">I", 1) + pfx(8, ip4("10.0.0.0"))
           + struct.pack(">I", 2) + pfx(24, ip4("10.1.2.0"))),
    update(withdrawn=struct.pack(">I", 5) + pfx(16, ip4("10.5.0.0")) + struct.pack(">I", 6) + pfx(0, b"")),
    update(withdrawn=struct.pack(">I", 5) + pfx(16, ip4("10.5.0.0")) + b"\x00\x00\x00"),
    update(attrs=attr(T, 1, b"\x00") + attr(0x90, 14, mp_reach(2, 1, ip6("2001:db8::1"),
                                                          struct.pack(">I", 9) + pfx(64, ip6("2001:db8:5::"))
                                                          + struct.pack(">I", 10) + pfx(200, b"")))),
    update(attrs=b"".join([
        attr(T, 1, b"\x00\x00"), attr(T, 3, b"\x01\x02\x03"), attr(O, 4, b"\x00\x01"), attr(T, 6, b"\x01"),
        attr(OT, 7, b"\x00" * 5), attr(OT, 8, b"\x00" * 3), attr(O, 9, b"\x00" * 5), attr(O, 10, b"\x00" * 6),
        attr(OT, 16, b"\x00" * 7), attr(T, 2, b"\x02\x01\x00"), attr(T, 2, b""), attr(OT, 18, b"\x00" * 6),
        attr(T, 5, b""),
    ])),
    update(attrs=attr(T, 1, b"\x00"), nlri=pfx(8, ip4("10.0.0.0")) + b"\x21\x01\x02\x03\x04\x05"),
    update(withdrawn=pfx(8, ip4("10.0.0.0")) + b"\x28\x01\x02\x03\x04\x05"),
    update(withdrawn=pfx(8, ip4("10.0.0.0")), wlen=40),
    update(attrs=attr(T, 1, b"\x00"), alen=40),
    update(attrs=attr(T, 1, b"\x00"), nlri=b"\x18\x0a\x01"),
    update(withdrawn=b"\x18\x0a\x01"),
    update(attrs=attr(T, 1, b"\x00") + b"\x40\x02\x09\x02\x01"),
    update(attrs=attr(T, 1, b"\x00") + b"\x40"),
    update(attrs=attr(T, 1, b"\x00") + b"\x50\x02\x00"),
    update(attrs=attr(T, 1, b"\x00") + b"\x40", nlri=pfx(8, ip4("10.0.0.0"))),
    update(attrs=attr(T, 1, b"\x00") + b"\x50\x02", nlri=pfx(8, ip4("10.0.0.0"))),
    update(attrs=attr(OT, 128, struct.pack(">I", 7) + b"\x40") + attr(T, 1, b"\x00")),
    update(attrs=attr(OT, 128, struct.pack(">I", 7) + b"\x50\x01\x00") + attr(T, 1, b"\x00")),
    update(attrs=attr(T, 2, b"\x02\x09\x00\x01\x00\x02")),
    update(attrs=attr(T, 2, b"\x02\x02\x00\x01")),
    update(attrs=attr(O, 14, b"\x00\x01")),
    update(attrs=attr(O, 14, b"\x00\x01\x01")),
    update(attrs=attr(O, 14, b"\x00\x01\x01\x08\x01\x02")),
    update(attrs=attr(O, 14, b"\x00\x01\x01\x04\x01\x02\x03\x04")),
    update(attrs=attr(O, 14, b"\x00\x01\x01\x04\x01\x02\x03\x04\x02\x03\x00")),
    update(attrs=attr(O, 14, mp_reach(1, 1, ip4("192.0.2.1")[:3], pfx(8, ip4("10.0.0.0")) + b"\x21\x00"))),
    update(attrs=attr(O, 15, b"\x00\x01")),
    update(attrs=attr(O, 15, b"\x00\x02\x01\x80\x20\x01")),
]
frames = [tcp_segment(m, 1 + 1000 * i) for i, m in enumerate(messages)]
# Two messages in a segment: a prefix that passes its MP_UNREACH_NLRI is read on from the
# KEEPALIVE after it.
two = update(attrs=attr(O, 15, struct.pack(">HB", 1, 1) + b"\x20\x0a")) + message(4, b"")
frames.append(tcp_segment(two, 700000))
records = [(f, len(f)) for f in frames]
# The same alone: the prefix passes the captured bytes (tcpdump gives up the packet), as
# does a PMSI tunnel's address; and an UPDATE the capture cuts in its attributes.
alone = update(attrs=attr(O, 15, struct.pack(">HB", 1, 1) + b"\x20\x0a"))
for f in (tcp_segment(alone, 800000), tcp_segment(update(attrs=attr(OT, 22, b"\x00\x03\x00\x00\x01\x01\x02")), 800001)):
    records.append((f, len(f)))
cut = tcp_segment(messages[0], 800002)
records.append((cut[: 14 + 20 + 20 + 40], len(cut)))

def bgp_open(options, optslen=None, length=None):
    fixed = struct.pack(">BHH4sB", 4, 65001, 180, ip4("10.0.0.1"), len(options) if optslen is None else optslen)
    body = fixed + options
    whole = message(1, body)
    return whole if length is None else whole[:16] + struct.pack(">H", length) + whole[18:length]


caps = bytes([2, 6, 1, 4, 0, 1, 0, 1])
for opening in (
    bgp_open(bytes([2, 18]) + bytes([0, 1, 0x68]), optslen=30),
    bgp_open(bytes([2, 18]) + bytes([0, 1, 0x68]), optslen=20),
    bgp_open(caps + bytes([2, 40]) + bytes([65, 4, 0, 0]), optslen=60),
    bgp_open(b"", length=25),
    bgp_open(b"", length=25) + message(4, b""),
):
    f = tcp_segment(opening, 900000)
    records.append((f, len(f)))
with open("bgp_updates.pcap", "wb") as out:
    out.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    for i, (data, wire) in enumerate(records):
        out.write(struct.pack("<IIII", 1_700_000_000 + i, 0, len(data), wire))
        out.write(data)
