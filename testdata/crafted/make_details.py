#!/usr/bin/env python3
"""Makes the crafted captures of printing details (no third-party bytes): run it from anywhere,
it writes next to itself, raw IP packets (LINKTYPE_RAW, 101) unless said otherwise, one a
second from 1000 s.
bfd.pcap: BFD control packets of versions 0, 1 and 2 to the control, multihop and LAG ports,
with each authentication type, bad lengths and cut sections, and echo packets.
icmp_types.pcap: ICMP messages of every type tcpdump names, each unreachable code, RFC 4884
extensions (MPLS label stacks, other objects, bad checksums and versions) and cut messages.
ipv6_cut_extensions.pcap: IPv6 routing and fragment headers, whole and cut by the capture.
ipv4_bad_headers.pcap (Ethernet): IPv4 headers of other versions, bad header and total lengths,
cut inside their options.
tcp_options.pcap: TCP options of known kinds whose length byte disagrees with their size (tcpdump
reads the size, notes "[len N]" and walks on from there), the obsolete echo, connection-count and
SCPS options, Fast Open and SACK of odd lengths, bad lengths, and options cut by the capture.
mptcp_options.pcap: Multipath TCP options of every subtype, on the handshake steps and lengths
tcpdump accepts for each and on others (its "[bad opt]"), DSS options cut short, and subtypes it
does not name."""
import os, struct
from _inet import csum
HERE = os.path.dirname(os.path.abspath(__file__))

def write_pcap(name, packets, link_type=101):
    """A packet given as (bytes, captured_length) is cut to that length, as by a snapshot
    length."""
    with open(os.path.join(HERE, name), 'wb') as out:
        out.write(struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 65535, link_type))
        for i, p in enumerate(packets):
            b, cap = p if isinstance(p, tuple) else (p, len(p))
            out.write(struct.pack('<IIII', 1000 + i, 0, cap, len(b)))
            out.write(b[:cap])

def ip(proto, payload, src=(10, 0, 0, 1), dst=(10, 0, 0, 2), ttl=64, options=b''):
    hl = 5 + len(options) // 4
    h = struct.pack('!BBHHHBBH4s4s', 0x40 | hl, 0, hl * 4 + len(payload), 1, 0, ttl, proto, 0,
                    bytes(src), bytes(dst)) + options
    return h[:10] + struct.pack('!H', csum(h)) + h[12:] + payload

def udp(payload, sport, dport):
    return struct.pack('!HHHH', sport, dport, 8 + len(payload), 0) + payload

# ---- BFD ----------------------------------------------------------------------------------
def bfd(version=1, diag=0, state=3, flags=0x08, mult=3, length=None, my=1, your=2,
        tx=300000, rx=300000, echo=50000, auth=b''):
    first = (version << 5) | diag
    second = (state << 6) | flags if version == 1 else flags
    body = struct.pack('!IIIII', my, your, tx, rx, echo)
    return struct.pack('!BBBB', first, second, mult, 24 + len(auth) if length is None else length) + body + auth

def bfd_udp(payload, dport=3784, sport=49153):
    return ip(17, udp(payload, sport, dport), ttl=255)

md5 = struct.pack('!BBBBI', 2, 24, 5, 0, 0x01020304) + bytes(range(16))
sha1 = struct.pack('!BBBBI', 4, 28, 6, 0, 0xfffffffe) + bytes(range(0x20, 0x34))
bfd_packets = [
    bfd_udp(bfd(diag=3)),
    bfd_udp(bfd(state=1, flags=0x04, auth=struct.pack('!BBB', 1, 9, 1) + b'secret')),
    bfd_udp(bfd(state=2, flags=0x24, auth=md5)),
    bfd_udp(bfd(flags=0x14, auth=struct.pack('!BBBBI', 3, 24, 7, 0, 9) + bytes(16))),
    bfd_udp(bfd(flags=0x04, auth=sha1)),
    bfd_udp(bfd(flags=0x04, auth=struct.pack('!BBBBI', 5, 28, 8, 0, 10) + bytes(20))),
    bfd_udp(bfd(flags=0x04, auth=struct.pack('!BBB', 1, 2, 1) + b'x')),
    bfd_udp(bfd(flags=0x04, auth=struct.pack('!BBBB', 2, 20, 1, 0) + bytes(16))),
    bfd_udp(bfd(flags=0x04, auth=struct.pack('!BBBB', 9, 4, 1, 0))),
    bfd_udp(bfd(version=0, diag=8, flags=0xc4, auth=struct.pack('!BBB', 1, 7, 2) + b'pass')),
    bfd_udp(bfd(version=0, diag=20, flags=0x00)),
    bfd_udp(bfd(version=2, flags=0x3f)),
    bfd_udp(bfd(state=0, diag=7, flags=0x03, mult=255, tx=0xffffffff), dport=4784),
    bfd_udp(bfd(state=2, flags=0x00, rx=1000), dport=6784),
    bfd_udp(b'echo-payload-0123456789', dport=3785),
    (bfd_udp(bfd()), 28 + 20),
    (bfd_udp(bfd(flags=0x04, auth=md5)), 28 + 26),
    (bfd_udp(bfd(flags=0x04, auth=md5)), 28 + 30),
    (bfd_udp(bfd(flags=0x04, auth=md5)), 28 + 40),
    (bfd_udp(bfd(flags=0x04, auth=struct.pack('!BBB', 1, 19, 1) + b'0123456789abcdef')), 28 + 33),
]
write_pcap('bfd.pcap', bfd_packets)

# ---- ICMP ---------------------------------------------------------------------------------
def icmp(t, code, rest, body=b''):
    m = struct.pack('!BBH', t, code, 0) + rest + body
    return m[:2] + struct.pack('!H', csum(m)) + m[4:]

def quoted(proto=17, dst=(192, 0, 2, 9), payload=struct.pack('!HHHH', 40000, 33434, 8, 0), hl=5, total=None):
    h = struct.pack('!BBHHHBBH4s4s', 0x40 | hl, 0, total or hl * 4 + len(payload), 7, 0, 1, proto,
                    0, bytes([10, 0, 0, 2]), bytes(dst)) + b'\0' * (hl * 4 - 20)
    return h + payload

def mpls_extension(entries, cls=1, ctype=1, version=2, good=True, extra=b''):
    obj = b''.join(struct.pack('!I', e) for e in entries)
    objects = struct.pack('!HBB', 4 + len(obj), cls, ctype) + obj + extra
    header = struct.pack('!BBH', version << 4, 0, 0)
    ext = header + objects
    return ext[:2] + struct.pack('!H', csum(ext) if good else 0x1234) + ext[4:]

def with_extension(t, code, ext, length_field=32, rest=None):
    body = quoted().ljust(128, b'\0')
    r = rest if rest is not None else struct.pack('!BBH', 0, length_field, 0)
    return ip(1, icmp(t, code, r, body + ext), src=(10, 0, 0, 254))

ms = lambda h, m, s, x: ((h * 60 + m) * 60 + s) * 1000 + x
icmp_packets = [
    ip(1, icmp(13, 0, struct.pack('!HH', 0x1234, 7), struct.pack('!III', ms(4, 28, 51, 171), 0, 0))),
    ip(1, icmp(14, 0, struct.pack('!HH', 0x1234, 7),
               struct.pack('!III', ms(4, 28, 51, 171), ms(23, 59, 59, 999), 0xfffffff0))),
    (ip(1, icmp(14, 0, struct.pack('!HH', 1, 1), struct.pack('!III', 1, 2, 3))), 20 + 18),
    (ip(1, icmp(13, 0, struct.pack('!HH', 1, 1), struct.pack('!III', 1, 2, 3))), 20 + 6),
    ip(1, icmp(15, 0, struct.pack('!HH', 1, 2))),
    ip(1, icmp(16, 0, struct.pack('!HH', 1, 2))),
    ip(1, icmp(17, 0, struct.pack('!HH', 1, 2), b'\0' * 4)),
    ip(1, icmp(18, 0, struct.pack('!HH', 1, 2), bytes([255, 255, 240, 0]))),
    (ip(1, icmp(18, 0, struct.pack('!HH', 1, 2), bytes([255, 255, 240, 0]))), 20 + 10),
    ip(1, icmp(10, 0, b'\0' * 4)),
    ip(1, icmp(9, 0, struct.pack('!BBH', 2, 2, 1800), struct.pack('!4sI4sI', bytes([10, 0, 0, 1]), 0, bytes([10, 0, 0, 3]), 0xffffffff))),
    ip(1, icmp(9, 0, struct.pack('!BBH', 0, 2, 7200), b'')),
    ip(1, icmp(9, 0, struct.pack('!BBH', 1, 3, 30), b'\0' * 12)),
    ip(1, icmp(9, 0, struct.pack('!BBH', 3, 2, 30), b'\0' * 16)),
    ip(1, icmp(5, 0, bytes([10, 0, 0, 254]), quoted())),
    ip(1, icmp(5, 1, bytes([10, 0, 0, 254]), quoted())),
    ip(1, icmp(5, 2, bytes([10, 0, 0, 254]), quoted())),
    ip(1, icmp(5, 3, bytes([10, 0, 0, 254]), quoted())),
    ip(1, icmp(5, 9, bytes([10, 0, 0, 254]), quoted())),
    ip(1, icmp(4, 0, b'\0' * 4, quoted())),
    ip(1, icmp(11, 0, b'\0' * 4, quoted())),
    ip(1, icmp(11, 1, b'\0' * 4, quoted())),
    ip(1, icmp(11, 5, b'\0' * 4, quoted())),
    ip(1, icmp(12, 0, bytes([20, 0, 0, 0]), quoted())),
    ip(1, icmp(12, 1, b'\0' * 4, quoted())),
    ip(1, icmp(3, 3, b'\0' * 4, quoted(proto=6, payload=struct.pack('!HHI', 40000, 80, 1)))),
    ip(1, icmp(3, 3, b'\0' * 4, quoted(proto=132, payload=struct.pack('!HHI', 40000, 9899, 1)))),
    ip(1, icmp(3, 3, b'\0' * 4, quoted(hl=0))),
    ip(1, icmp(3, 4, struct.pack('!HH', 0, 1400), quoted())),
    ip(1, icmp(3, 4, struct.pack('!HH', 0, 0), quoted())),
] + [ip(1, icmp(3, code, b'\0' * 4, quoted())) for code in [0, 1, 2, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]] + [
    (ip(1, icmp(3, 1, b'\0' * 4, quoted())), 20 + 8 + 18),
    (ip(1, icmp(11, 0, b'\0' * 4, quoted())), 20 + 8 + 12),
    (ip(1, icmp(8, 0, struct.pack('!HH', 5, 6))), 20 + 5),
    (ip(1, icmp(49, 0, b'')), 20 + 3),
    (ip(1, icmp(3, 3, b'\0' * 4, quoted())), 20 + 1),
    with_extension(11, 0, mpls_extension([(16001 << 12) | (5 << 9) | 0x100 | 1])),
    with_extension(3, 1, mpls_extension([(24000 << 12) | 254, (16 << 12) | 0x100 | 1])),
    with_extension(12, 0, mpls_extension([1 << 12], cls=1, ctype=2), rest=bytes([20, 32, 0, 0])),
    with_extension(11, 0, mpls_extension([0x01020304, 0x05060708], cls=2, ctype=14)),
    with_extension(11, 0, mpls_extension([1], cls=9, ctype=1)),
    with_extension(11, 0, mpls_extension([(16 << 12) | 1], good=False)),
    with_extension(11, 0, mpls_extension([(16 << 12) | 1], good=False), length_field=0),
    with_extension(11, 0, mpls_extension([(16 << 12) | 1]), length_field=0),
    with_extension(11, 0, mpls_extension([(16 << 12) | 1], version=1)),
    with_extension(11, 0, mpls_extension([], cls=0)),
    with_extension(11, 0, mpls_extension([], cls=1, ctype=1, extra=b'')[:4] + struct.pack('!HBB', 2, 1, 1)),
    (with_extension(11, 0, mpls_extension([(16 << 12) | 1, (17 << 12) | 1])), 20 + 136 + 6),
    (with_extension(11, 0, mpls_extension([(16 << 12) | 1])), 20 + 136 + 10),
    (with_extension(11, 0, mpls_extension([1, 2], cls=2)), 20 + 136 + 12),
    with_extension(4, 0, mpls_extension([(16 << 12) | 1])),
]
write_pcap('icmp_types.pcap', icmp_packets)

# ---- IPv6 extension headers cut short -------------------------------------------------------
def ip6(nh, payload, plen=None):
    return struct.pack('!IHBB', 0x60000000, len(payload) if plen is None else plen, nh, 64) + \
        bytes.fromhex('20010db8000000000000000000000001') + bytes.fromhex('20010db8000000000000000000000002') + payload

def a6(n):
    return bytes.fromhex('20010db8000000000000000000000000')[:15] + bytes([n])

udp6 = struct.pack('!HHHH', 1000, 2000, 12, 0) + b'abcd'
rt0 = struct.pack('!BBBBI', 17, 4, 0, 2, 0) + a6(3) + a6(4)
srh = struct.pack('!BBBBBBH', 17, 4, 4, 1, 1, 0, 0x1234) + a6(5) + a6(6)
ipv6_packets = [
    ip6(43, rt0 + udp6),
    (ip6(43, rt0 + udp6), 40 + 8 + 20),
    (ip6(43, rt0 + udp6), 40 + 6),
    (ip6(43, rt0 + udp6), 40 + 4),
    ip6(43, struct.pack('!BBBBI', 17, 4, 0, 2, 0x2a) + a6(3) + a6(4) + udp6),
    ip6(43, struct.pack('!BBBBI', 17, 2, 2, 1, 0) + a6(7) + udp6),
    ip6(43, srh + udp6),
    ip6(43, struct.pack('!BBBBBBH', 17, 3, 4, 0, 0, 0, 0) + a6(5) + b'\0' * 8 + udp6),
    (ip6(43, srh + udp6), 40 + 5),
    (ip6(43, srh + udp6), 40 + 7),
    ip6(43, struct.pack('!BBBBI', 17, 0, 3, 0, 0) + udp6),
    ip6(44, struct.pack('!BBHI', 17, 0, 1, 0x12345678) + udp6),
    ip6(44, struct.pack('!BBHI', 17, 0, 0x00a8, 0x12345678) + b'fragment'),
    ip6(44, struct.pack('!BBHI', 17, 0, 1, 0x12345678)),
    (ip6(44, struct.pack('!BBHI', 17, 0, 1, 0x12345678) + udp6), 40 + 4),
    (ip6(44, struct.pack('!BBHI', 17, 0, 1, 0x12345678) + udp6), 40 + 6),
    ip6(44, struct.pack('!BBHI', 17, 0, 1, 0x12345678) + udp6, plen=6),
    (ip6(0, struct.pack('!BB', 17, 0) + bytes([1, 4, 0, 0, 0, 0]) + udp6), 40 + 6),
    (ip6(60, struct.pack('!BB', 17, 0) + bytes([1, 4, 0, 0, 0, 0]) + udp6), 40 + 6),
]
write_pcap('ipv6_cut_extensions.pcap', ipv6_packets)

# ---- IPv4 headers: bad versions and lengths, cut inside the options ---------------------------
def raw_ip(first, payload=b'', total=None, proto=17, options=b'', off=0):
    h = struct.pack('!BBHHHBBH4s4s', first, 0, total if total is not None else 20 + len(options) + len(payload),
                    1, off, 64, proto, 0, bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2])) + options
    return h[:10] + struct.pack('!H', csum(h)) + h[12:] + payload

udp4 = struct.pack('!HHHH', 1000, 2000, 12, 0) + b'abcd'
rr = bytes([7, 11, 4]) + bytes([192, 0, 2, 1, 192, 0, 2, 2]) + b'\0'
ts = bytes([68, 12, 5, 0x01]) + struct.pack('!4sI', bytes([192, 0, 2, 1]), 1000)
ipv4_packets = [
    raw_ip(0x55, udp4),
    raw_ip(0x05, udp4),
    raw_ip(0x65, udp4),
    (raw_ip(0x55, udp4), 12),
    raw_ip(0x44, udp4),
    raw_ip(0x45, udp4, total=16),
    raw_ip(0x48, udp4, options=rr),
    (raw_ip(0x48, udp4, options=rr), 20 + 6),
    (raw_ip(0x48, udp4, options=rr), 20 + 1),
    (raw_ip(0x48, udp4, options=rr), 20),
    (raw_ip(0x48, udp4, proto=1, options=rr), 20 + 2),
    (raw_ip(0x48, udp4, proto=6, options=rr), 20 + 11),
    (raw_ip(0x48, udp4, options=ts), 20 + 9),
    (raw_ip(0x48, udp4, options=bytes([1, 1, 148, 4, 0, 0, 0x82, 0x0b, 0, 0, 0, 0])), 20 + 9),
    (raw_ip(0x48, udp4, options=rr, off=100), 20 + 6),
    (raw_ip(0x48, udp4, proto=47, options=rr, off=0x4000), 24),
]
# In Ethernet frames (EtherType IPv4), which tcpdump hands to ip_print() whatever the version.
ETHERNET = bytes.fromhex('020000000002020000000001') + b'\x08\x00'
write_pcap('ipv4_bad_headers.pcap',
           [(ETHERNET + p[0], 14 + p[1]) if isinstance(p, tuple) else ETHERNET + p for p in ipv4_packets], 1)

# ---- TCP options -------------------------------------------------------------------------
def tcp(options, sport=1234, dport=80, flags=0x18):
    options += bytes(-len(options) % 4)
    header = struct.pack('!HHIIBBHHH', sport, dport, 1000, 2000, (5 + len(options) // 4) << 4,
                         flags, 8192, 0, 0) + options
    pseudo = bytes([10, 0, 0, 1, 10, 0, 0, 2, 0, 6]) + struct.pack('!H', len(header))
    return header[:16] + struct.pack('!H', csum(pseudo + header)) + header[18:]

def tcp_ip(options, cut=0, flags=0x18):
    packet = ip(6, tcp(options, flags=flags))
    return (packet, len(packet) - cut) if cut else packet

tcp_option_packets = [tcp_ip(o) for o in [
    b'\x08\x0c' + bytes(range(1, 11)),           # TS of 12 bytes: its tail read as options
    b'\x08\x04\x00\x00\x00\x01' + b'\x01' * 6,  # TS of 4 bytes, reading into the NOPs
    b'\x06\x06\x00\x00\x30\x39', b'\x07\x06\x00\x00\x30\x39',  # echo, echo reply
    b'\x0b\x06\x00\x00\x00\x05', b'\x0c\x06\x00\x00\x00\x05', b'\x0d\x06\x00\x00\x00\x05',
    b'\x04\x04\x01\x01', b'\x04\x06' + b'\x01' * 6,  # SACK-permitted of 4 and 6 bytes
    b'\x02\x06\x05\xb4\x01\x01', b'\x02\x03\x05\x01\x01\x01\x01\x01', b'\x02\x09\x05\xb4',
    b'\x03\x04\x07\x01',
    b'\x14\x04\x01\x02', b'\x14\x06\x01\x02\x03\x04',  # SCPS
    b'\x1c\x06\x80\x05\x01\x01', b'\x1c\x04\x80\x05',
    b'\x08\x0a' + bytes(8) + b'\x08\x06\x00\x00\x00\x01',  # a TS whose 8 bytes pass the header
    b'\x01\x01\x06\x06\x00\x00', b'\x01\x01\x01\x08\x04\x01\x02\x03',
    b'\x13\x14' + bytes(18),                    # MD5 of 20 bytes
    b'\x05\x0a' + bytes(8), b'\x05\x07' + bytes(5) + b'\x01', b'\x05\x02\x01\x01',
    b'\x22\x02\x01\x01', b'\x22\x04\x01\x02', b'\x22\x0a' + bytes(range(8)),
    b'\x22\x05\x01\x02\x03\x01',               # Fast Open: request, bad, cookie, odd
    b'\xfe\x04\xf9\x89', b'\xfe\x0c\xf9\x89' + bytes(range(8)), b'\xfe\x06\x12\x34\x00\x00',
    b'\x08\x01', b'\x1d\x06\x01\x02\x03\x04',
]] + [
    tcp_ip(b'\x08\x0c' + bytes(range(1, 11)), cut=6),  # cut inside the options
    tcp_ip(b'\x08\x04\x00\x00\x00\x01' + b'\x01' * 6, cut=4),
    tcp_ip(b'\x13\x12' + bytes(16) + b'\x01\x01', cut=10),
]
write_pcap('tcp_options.pcap', tcp_option_packets)

# ---- MPTCP options (kind 30) ---------------------------------------------------------------
SYN, SYNACK, ACK = 0x02, 0x12, 0x10
def mp(subtype_etc, body=b''):
    return bytes([30, 3 + len(body), subtype_etc]) + body

KEY_A, KEY_B = bytes.fromhex('1fdb5df328bc3def'), bytes.fromhex('00a6c86981ad933c')
V4, V6 = bytes([192, 0, 2, 7]), bytes.fromhex('20010db8000000000000000000000007')
mptcp_packets = [tcp_ip(o, flags=f) for o, f in [
    (mp(0x00, b'\x01'), SYN), (mp(0x01, b'\x81' + KEY_A), SYN), (mp(0x01, b'\x01' + KEY_B), SYNACK),
    (mp(0x01, b'\x01' + KEY_A + KEY_B), ACK), (mp(0x01, b'\x01' + KEY_A + KEY_B + b'\x20\x00'), ACK),
    (mp(0x01, b'\x01' + KEY_A), ACK), (mp(0x02, b'\x00'), SYN), (mp(0x01, b'\x01'), ACK),
    (mp(0x11, b'\x02' + bytes.fromhex('b5c2a4d5') + bytes.fromhex('0000abcd')), SYN),
    (mp(0x10, b'\x03' + KEY_A + bytes.fromhex('12345678')), SYNACK),
    (mp(0x10, b'\x00' + bytes(range(20))), ACK), (mp(0x10, b'\x02' + bytes(8)), ACK),
    (mp(0x20, b'\x01' + bytes.fromhex('0000fffe')), ACK),
    (mp(0x20, b'\x03' + KEY_A), ACK),
    (mp(0x20, b'\x05' + bytes.fromhex('00000010') + bytes.fromhex('00000020') + bytes.fromhex('00000001') + b'\x05\xdc'), ACK),
    (mp(0x20, b'\x05' + bytes.fromhex('00000010') + bytes.fromhex('00000020') + bytes.fromhex('00000001') + b'\x05\xdc\xbe\xef'), ACK),
    (mp(0x20, b'\x1f' + KEY_A + KEY_B + bytes.fromhex('00000001') + b'\x00\x01'), ACK),
    (mp(0x20, b'\x01\x00'), ACK), (mp(0x20, b'\x05' + bytes.fromhex('00000010') + b'\x00\x00'), ACK),
    (mp(0x20, b'\x04' + bytes.fromhex('00000010') + bytes.fromhex('00000020')), ACK),
    (mp(0x20, b'\x00\x00\x00'), ACK), (mp(0x20, b'\x10'), ACK), (mp(0x20, b'\x01' + bytes(4)), SYN),
    (mp(0x30, b'\x01' + V4), ACK), (mp(0x30, b'\x02' + V4 + b'\x1f\x90'), ACK),
    (mp(0x31, b'\x03' + V4 + KEY_A), ACK), (mp(0x30, b'\x04' + V4 + b'\x1f\x90' + KEY_B), ACK),
    (mp(0x36, b'\x05' + V6), ACK), (mp(0x34, b'\x06' + V6 + b'\x01\xbb'), ACK),
    (mp(0x30, b'\x07' + V6 + KEY_A), ACK), (mp(0x30, b'\x08' + V6 + b'\x01\xbb' + KEY_B), ACK),
    (mp(0x33, b'\x09' + V4), ACK), (mp(0x30, b'\x01' + V4 + b'\x00'), ACK),
    (mp(0x40, b'\x07'), ACK), (mp(0x40, b'\x01\x02\x03'), ACK), (mp(0x40), ACK),
    (mp(0x51), ACK), (mp(0x50, b'\x04'), ACK), (mp(0x51, b'\x04\x00'), ACK),
    (mp(0x60, b'\x00' + KEY_A), ACK), (mp(0x60, b'\x00' + bytes(4)), ACK),
    (mp(0x70, b'\x00' + KEY_B), ACK), (mp(0x70, b'\x00'), ACK),
    (mp(0x80, b'\x00'), 0x14), (mp(0xf0, b'\x00\x01\x02'), ACK), (bytes([30, 2]) + b'\x01\x01', ACK),
    (b'\x01\x01' + mp(0x20, b'\x01' + bytes.fromhex('00000005')) + b'\x01\x01\x04\x02', ACK),
]]
write_pcap('mptcp_options.pcap', mptcp_packets)
