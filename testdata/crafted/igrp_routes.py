# Writes igrp_routes.pcap: Cisco IGRP (IP protocol 9) as tcpdump's igrp_print() reads it:
# updates, requests and unknown opcodes of several versions, interior, system and exterior
# routes, every metric field at 0 and at its largest (a zero bandwidth, a saturated composite
# metric), bytes past the counted routes (a whole entry more, or less than one), counts the
# entries do not fill, over IPv6, with Ethernet padding past the IP packet, an IP length
# longer than the frame, a first fragment, then updates cut by the capture at every byte.
import struct

from _inet import csum, write_pcap

SRC = bytes([10, 0, 0, 1])
DST = bytes([255, 255, 255, 255])
SRC6 = bytes.fromhex("fe800000000000000000000000000001")
DST6 = bytes.fromhex("ff020000000000000000000000000002")
ETH = bytes.fromhex("ffffffffffff" "00000c010203" "0800")
ETH6 = bytes.fromhex("333300000002" "00000c010203" "86dd")


def header(op=1, version=1, edition=5, asn=100, nint=0, nsys=0, next_=0, checksum=None):
    body = struct.pack(">BBHHHHH", (version << 4) | op, edition, asn, nint, nsys, next_, 0)
    value = csum(body) if checksum is None else checksum
    return body[:10] + struct.pack(">H", value)


def entry(net=(10, 1, 2), delay=100, bw=1000, mtu=1500, rel=255, load=1, hops=0):
    return bytes(net) + delay.to_bytes(3, "big") + bw.to_bytes(3, "big") + struct.pack(
        ">HBBB", mtu, rel, load, hops)


def igrp(hdr, entries=(), extra=b""):
    return hdr + b"".join(entries) + extra


def ip4(message, total=None, flags=0):
    length = 20 + len(message) if total is None else total
    ip = struct.pack(">BBHHHBBH4s4s", 0x45, 0xC0, length, 1, flags, 2, 9, 0, SRC, DST)
    return ETH + ip[:10] + struct.pack(">H", csum(ip)) + ip[12:] + message


def ip6(message):
    return ETH6 + struct.pack(">IHBB", 0x60000000, len(message), 9, 255) + SRC6 + DST6 + message


E1 = entry()
E2 = entry(net=(172, 16, 0), delay=2000, bw=10000, mtu=4470, rel=200, load=30, hops=2)
E3 = entry(net=(192, 168, 7), delay=0xFFFFFF, bw=0xFFFFFF, mtu=0xFFFF, rel=255, load=255, hops=255)
E0 = entry(net=(0, 0, 0), delay=0, bw=0, mtu=0, rel=0, load=0, hops=0)
UPDATE = igrp(header(nint=1, nsys=1, next_=1), [E1, E2, E3])
frames = [
    ip4(UPDATE),
    ip4(igrp(header(op=2, nint=0, nsys=0, next_=0))),
    ip4(igrp(header(op=2, version=0, edition=0, asn=0))),
    ip4(igrp(header(op=0, version=15, edition=255, asn=65535))),
    ip4(igrp(header(op=3))),
    ip4(igrp(header(op=15, version=2))),
    ip4(igrp(header(nint=2), [E1, E2])),
    ip4(igrp(header(nsys=3), [E1, E2, E3])),
    ip4(igrp(header(next_=2), [E2, E3])),
    ip4(igrp(header(nint=1, next_=1), [E1, E0])),
    ip4(igrp(header(nsys=1), [E0])),
    ip4(igrp(header(nsys=1), [entry(bw=1)])),
    ip4(igrp(header(nsys=1), [entry(bw=3)])),
    ip4(igrp(header(nsys=1), [entry(delay=0xFFFFFF, bw=1)])),
    ip4(igrp(header(nsys=1), [entry(delay=0xFFFFF0, bw=0x0F)])),
    ip4(igrp(header(nsys=1), [entry(delay=0xFFFFF0, bw=0x10)])),
    # Counts past the entries, entries past the counts, bytes that are no whole entry.
    ip4(igrp(header(nint=65535, nsys=65535, next_=65535), [E1])),
    ip4(igrp(header(nint=1, nsys=1, next_=1), [E1, E2])),
    ip4(igrp(header(nsys=1), [E1, E2])),
    ip4(igrp(header(nsys=1), [E1, E2, E3])),
    ip4(igrp(header(), [E1])),
    ip4(igrp(header(), [E1], b"\x01\x02\x03")),
    ip4(igrp(header(nsys=1), [E1], b"\x01")),
    ip4(igrp(header(nsys=1), [E1], bytes(13))),
    ip4(igrp(header(nsys=2), [E1], bytes(13))),
    ip4(igrp(header(), [], bytes(13))),
    ip4(igrp(header(nint=1), [], bytes(5))),
    ip4(igrp(header(checksum=0xBEEF), [], b"")),
    ip4(igrp(header(nint=1, nsys=1, next_=1), [E1, E2, E3], bytes(14) + b"\xaa")),
    # Over IPv6; Ethernet padding past the IP packet; an IP length longer than the frame;
    # a first fragment.
    ip6(UPDATE),
    ip6(igrp(header(op=2))),
    ip4(igrp(header(op=2))) + bytes(30),
    ip4(igrp(header(nsys=1), [E1])) + bytes(14),
    ip4(igrp(header(nsys=2), [E1]), total=20 + 12 + 28),
    ip4(UPDATE, flags=0x2000),
    # Shorter than a header, on the wire.
    ip4(UPDATE[:11]),
    ip4(UPDATE[:10]),
    ip4(UPDATE[:9]),
    ip4(UPDATE[:4]),
    ip4(UPDATE[:1]),
    ip4(b""),
]
frames = [(f, None) for f in frames]
for message in (UPDATE, igrp(header(op=2, nint=1, nsys=0, next_=1), [E1, E3], b"\x05")):
    f = ip4(message)
    for n in range(len(message)):
        frames.append((f[: 14 + 20 + n], len(f)))
f = ip6(UPDATE)
for n in range(0, 30):
    frames.append((f[: 14 + 40 + n], len(f)))
write_pcap("igrp_routes.pcap", frames)
