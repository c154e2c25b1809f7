# Writes igmp_pimv1.pcap: PIM version 1 messages in IGMP (type 0x14, the PIM type in the
# code byte), as tcpdump's pimv1_print() reads them: Queries of every mode and hold time,
# Register (with the packet header inside, and too short for it), Register-Stop,
# RP-Reachable (mask all ones and not), Assert (RP tree and SPT), Join/Prune of one group
# and one source (joined and pruned, hold 180 and other, every flag) and of several groups
# and sources, Graft, Graft-Ack, an unknown type, version 2, a bad checksum, Ethernet
# padding past the IP packet; then messages cut by the capture at every byte and cut by
# the IP length (a message shorter than its fields) at every byte.
import struct

from _inet import csum, write_pcap

SRC = bytes([10, 0, 0, 1])
DST = bytes([224, 0, 0, 2])
ETH = bytes.fromhex("01005e000002" "c2033d800001" "0800")


def ip(a):
    return bytes(int(x) for x in a.split("."))


def pimv1(ptype, body=b"", version=0x10, checksum=None):
    message = struct.pack(">BBHB3x", 0x14, ptype, 0, version) + body
    value = csum(message) if checksum is None else checksum
    return message[:2] + struct.pack(">H", value) + message[4:]


def ip4(message, total=None):
    length = 20 + len(message) if total is None else total
    header = struct.pack(">BBHHHBBH4s4s", 0x45, 0xC0, length, 1, 0, 1, 2, 0, SRC, DST)
    return ETH + header[:10] + struct.pack(">H", csum(header)) + header[12:] + message


def query(mode, hold):
    return pimv1(0, struct.pack(">BxH", mode << 4, hold))


def register(inner_src, inner_dst, payload=b""):
    inner = struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), 7, 0, 64, 17, 0,
                        ip(inner_src), ip(inner_dst))
    return pimv1(1, inner + payload)


def rp_reachable(group, mask, rp, hold):
    return pimv1(4, ip(group) + ip(mask) + ip(rp) + struct.pack(">HH", 0, hold))


def assert_(group, mask, source, rpt, pref, metric):
    word = (0x80000000 if rpt else 0) | pref
    return pimv1(5, ip(group) + ip(mask) + ip(source) + struct.pack(">II", word, metric))


def source(addr, sparse=1, wc=0, rp=0, masklen=32):
    return struct.pack(">BB", sparse, (0x80 if wc else 0) | (0x40 if rp else 0) | masklen) + ip(addr)


def group(addr, mask, joins, prunes):
    return ip(addr) + ip(mask) + struct.pack(">HH", len(joins), len(prunes)) + b"".join(joins + prunes)


def join_prune(upstream, hold, groups, ptype=3, count=None):
    n = len(groups) if count is None else count
    return pimv1(ptype, ip(upstream) + struct.pack(">HHxxxB", 0, hold, n) + b"".join(groups))


ONE = join_prune("10.0.0.13", 210, [group("239.1.2.3", "255.255.255.255", [source("1.1.1.1")], [])])
MANY = join_prune("10.0.0.13", 180, [
    group("239.1.2.3", "255.255.255.0", [source("1.1.1.1"), source("1.1.1.2", 0, 1, 1, 8)],
          [source("2.2.2.2", 1, 0, 1, 24)]),
    group("239.9.9.9", "255.255.255.255", [], [source("3.3.3.3", 0)]),
])
RP = rp_reachable("239.123.123.123", "255.255.255.255", "1.1.1.1", 270)
ASSERT = assert_("239.1.1.1", "255.255.0.0", "10.1.1.1", True, 101, 20)
REGISTER = register("10.1.1.1", "239.2.2.2", b"data")

frames = [
    ip4(query(0, 105)),
    ip4(query(1, 0)),
    ip4(query(2, 3600 + 61)),
    ip4(query(3, 65535)),
    ip4(query(15, 1)),
    ip4(pimv1(0)),
    ip4(pimv1(0, b"\x10")),
    ip4(REGISTER),
    ip4(register("192.168.0.1", "224.1.1.1")),
    ip4(pimv1(1, bytes(19))),
    ip4(pimv1(2, ip("239.3.3.3") + ip("10.3.3.3"))),
    ip4(RP),
    ip4(rp_reachable("239.0.0.0", "255.0.0.0", "10.9.9.9", 0)),
    ip4(rp_reachable("239.0.0.0", "255.255.255.255", "10.9.9.9", 180), total=20 + 28) + bytes(8),
    ip4(ASSERT),
    ip4(assert_("239.1.1.1", "255.255.255.255", "10.1.1.1", False, 0x7FFFFFFF, 0xFFFFFFFF)),
    ip4(ONE),
    ip4(join_prune("10.0.0.13", 180, [group("239.1.2.3", "255.255.255.255", [], [source("1.1.1.1", 0, 1, 1, 24)])])),
    ip4(join_prune("10.0.0.13", 0, [group("239.1.2.3", "255.255.0.0", [source("1.1.1.1", 1, 1, 0, 16)], [])], ptype=6)),
    ip4(join_prune("10.0.0.13", 65535, [group("239.1.2.3", "255.255.0.0", [source("1.1.1.1")], [])], ptype=7)),
    ip4(MANY),
    ip4(join_prune("10.0.0.14", 30, [], count=0)),
    ip4(join_prune("10.0.0.14", 30, [group("239.1.2.3", "255.255.255.255", [source("1.1.1.1")], [])], count=2)),
    ip4(join_prune("10.0.0.14", 30, [group("239.1.2.3", "255.255.255.255", [source("1.1.1.1"), source("1.1.1.2")], [])], count=1)),
    ip4(pimv1(9, bytes(8))),
    ip4(pimv1(255)),
    ip4(query(1, 105)[:4] + b"\x20" + query(1, 105)[5:]),
    ip4(pimv1(4, RP[8:], version=0x20)),
    ip4(pimv1(3, MANY[8:], version=0x00)),
    ip4(pimv1(4, RP[8:], checksum=0x1234)),
    ip4(pimv1(3, ONE[8:], checksum=0xBEEF)),
    ip4(pimv1(0, b"", checksum=0)),
]
frames = [(f, None) for f in frames]
# Cut by the capture at every byte: the IP header gives the whole length.
for message in (query(1, 105), REGISTER, pimv1(2, ip("239.3.3.3") + ip("10.3.3.3")), RP,
                ASSERT, ONE, MANY):
    f = ip4(message)
    for n in range(len(message)):
        frames.append((f[: 14 + 20 + n], len(f)))
# Cut by the IP length at every byte: the message itself is short (all captured).
for message in (REGISTER, RP, ONE, MANY):
    for n in range(len(message)):
        frames.append((ip4(message[:n]), None))
write_pcap("igmp_pimv1.pcap", frames)
