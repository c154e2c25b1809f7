#!/usr/bin/env python3
"""Makes the crafted captures of printing details (no third-party bytes): run it from anywhere,
it writes next to itself, raw IP packets (LINKTYPE_RAW, 101), one a second from 1000 s.
bfd.pcap: BFD control packets of versions 0, 1 and 2 to the control, multihop and LAG ports,
with each authentication type, bad lengths and cut sections, and echo packets."""
import os, struct
HERE = os.path.dirname(os.path.abspath(__file__))

def write_pcap(name, packets):
    """A packet given as (bytes, captured_length) is cut to that length, as by a snapshot
    length."""
    with open(os.path.join(HERE, name), 'wb') as out:
        out.write(struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 65535, 101))
        for i, p in enumerate(packets):
            b, cap = p if isinstance(p, tuple) else (p, len(p))
            out.write(struct.pack('<IIII', 1000 + i, 0, cap, len(b)))
            out.write(b[:cap])

def csum(b):
    if len(b) % 2: b += b'\0'
    s = sum(struct.unpack('!%dH' % (len(b) // 2), b))
    while s >> 16: s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff

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
