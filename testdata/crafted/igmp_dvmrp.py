# Writes igmp_dvmrp.pcap: DVMRP in IGMP (type 0x13) for tcpdump's dvmrp_print(): every type
# (Probe, Report, Ask-neighbors old and 2, Neighbors old and 2, Prune, Graft, Graft-ACK,
# unknown), a Probe's generation ID and neighbors, Report netmasks of each origin width with
# routes ending at the metric's top bit, Neighbors2 versions and every flag, and what
# dvmrp_print() finds malformed by the IP length: a message under 8 bytes, a Probe under 4,
# a rest under 4 after the neighbors, a Report under 3 and a route past the end, entries
# under 7 or 8 bytes, neighbors past the end, a Neighbors2 count past the end; bad checksums
# (-v), Ethernet padding past the IP length, and messages cut by the capture at every byte
# after the IGMP header.
import struct

from _inet import csum

DST = bytes.fromhex("01005e000004")
SRC = bytes.fromhex("0080ad91d86f")


def ip(payload, total=None):
    length = 20 + len(payload) if total is None else total
    header = struct.pack(">BBHHHBBH4s4s", 0x45, 0xC0, length, 185, 0, 255, 2, 0,
                         bytes([2, 2, 2, 2]), bytes([10, 0, 0, 1]))
    return header[:10] + struct.pack(">H", csum(header)) + header[12:] + payload


def frame(payload, pad=False):
    data = DST + SRC + b"\x08\x00" + payload
    return data + bytes(max(0, 60 - len(data))) if pad else data


def dvmrp(code, body=b"", group=b"\x00\x00\x04\x0c", bad=False):
    message = bytes([0x13, code, 0, 0]) + group + body
    checksum = csum(message) ^ (0x1111 if bad else 0)
    return message[:2] + struct.pack(">H", checksum) + message[4:]


def a(*octets):
    return bytes(octets)


def entry2(local, metric, thresh, flags, neighbors, count=None):
    n = len(neighbors) if count is None else count
    return local + bytes([metric, thresh, flags, n]) + b"".join(neighbors)


def entry(local, metric, thresh, neighbors, count=None):
    n = len(neighbors) if count is None else count
    return local + bytes([metric, thresh, n]) + b"".join(neighbors)


PROBE = dvmrp(1, struct.pack(">I", 0x12345678) + a(10, 0, 0, 2) + a(10, 0, 0, 3))
REPORT = dvmrp(2, bytes([0, 0, 0]) + a(10, 3) + a(11, 0x81)        # /8, width 1
               + bytes([255, 0, 0]) + a(172, 16, 0x05) + a(172, 17, 0x90)  # /16: width 2
               + bytes([255, 255, 0]) + a(192, 168, 1, 0x82)         # /24: width 3
               + bytes([255, 255, 252]) + a(10, 1, 2, 4, 0xFF)       # /30: width 4
               + bytes([0, 255, 0]) + a(9, 9, 9, 0x80))              # odd mask: width 3
NEIGHBORS2 = dvmrp(6, entry2(a(10, 0, 0, 2), 1, 0, 0x40, [a(10, 0, 0, 1)])
                   + entry2(a(10, 0, 0, 9), 1, 0, 0, [a(10, 0, 0, 10)]))
NEIGHBORS = dvmrp(4, entry(a(10, 0, 0, 2), 1, 2, [a(10, 0, 0, 1), a(10, 0, 0, 5)])
                  + entry(a(10, 0, 0, 9), 3, 4, []))
PRUNE = dvmrp(7, a(10, 1, 1, 1) + a(239, 1, 1, 1) + struct.pack(">I", 7384))

packets = [
    dvmrp(5),
    NEIGHBORS2,
    dvmrp(3),
    PROBE,
    dvmrp(1, struct.pack(">I", 0)),
    dvmrp(1, struct.pack(">I", 0xFFFFFFFF) + a(10, 0, 0, 2) + b"\x01\x02"),  # rest < 4
    dvmrp(1, b"\x00\x00\x01"),  # under 4
    dvmrp(1),
    REPORT,
    dvmrp(2),
    dvmrp(2, bytes([0, 0, 0]) + a(10, 3) + b"\x00"),  # routes past the end
    dvmrp(2, bytes([255, 0, 0]) + a(172, 16, 0x85) + b"\xff\xff"),  # mask under 3
    dvmrp(2, bytes([255, 255, 255]) + a(10, 0, 0, 1)),  # route of 5 bytes in 4
    NEIGHBORS,
    dvmrp(4, entry(a(10, 0, 0, 2), 1, 2, [a(10, 0, 0, 1)], count=2)),  # neighbor past end
    dvmrp(4, entry(a(10, 0, 0, 2), 1, 2, [a(10, 0, 0, 1)]) + b"\x01\x02\x03"),  # under 7
    dvmrp(4, entry(a(10, 0, 0, 2), 1, 2, [a(10, 0, 0, 1)], count=2) + b"\x01\x02"),
    dvmrp(6, entry2(a(10, 0, 0, 2), 255, 255, 0x73, [a(10, 0, 0, 1), a(10, 0, 0, 3)]),
          group=b"\x00\x00\x05\x03"),
    *[dvmrp(6, entry2(a(10, 0, 0, 2), 1, 1, f, [a(10, 0, 0, 1)])) for f in
      (0x01, 0x02, 0x10, 0x20, 0x40, 0x80, 0xFF)],
    dvmrp(6, entry2(a(10, 0, 0, 2), 1, 0, 0, [a(10, 0, 0, 1)], count=3)),  # ncount
    dvmrp(6, entry2(a(10, 0, 0, 2), 1, 0, 0, [a(10, 0, 0, 1)], count=2) + b"\x01\x02"),
    dvmrp(6, entry2(a(10, 0, 0, 2), 1, 0, 0, [], count=0) + b"\x01\x02\x03\x04\x05"),
    dvmrp(6),
    PRUNE,
    dvmrp(7, a(10, 1, 1, 1) + a(239, 1, 1, 1) + struct.pack(">I", 0)),
    dvmrp(7, a(10, 1, 1, 1) + a(239, 1, 1, 1) + struct.pack(">I", 0xFFFFFFFF)),
    dvmrp(8, a(10, 1, 1, 1) + a(239, 1, 1, 1)),
    dvmrp(9, a(10, 1, 1, 1) + a(239, 1, 1, 1)),
    dvmrp(0),
    dvmrp(10, b"\x01\x02\x03\x04"),
    dvmrp(255),
    dvmrp(1, struct.pack(">I", 5), bad=True),
    dvmrp(6, bad=True),
]

frames = [(frame(ip(p)), None) for p in packets]
# Padding past the IP length: the walks stop at the IP length, reads too.
frames += [
    (frame(ip(dvmrp(7, a(10, 1, 1, 1))), pad=True), None),
    (frame(ip(dvmrp(8)), pad=True), None),
    (frame(ip(dvmrp(1, struct.pack(">I", 9)), total=20 + 8), pad=True), None),
    (frame(ip(dvmrp(2, bytes([0, 0, 0]) + a(10, 0x83)), total=20 + 10), pad=True), None),
]

# Cuts by the capture at every byte after the IGMP header (wirekit keeps no IGMP header of
# under 8 bytes, where tcpdump prints what its type lets it read).
cuts = []
for message in (PROBE, REPORT, NEIGHBORS, NEIGHBORS2, PRUNE, dvmrp(8, a(10, 1, 1, 1) * 2)):
    data = frame(ip(message))
    cuts += [(data, n) for n in range(34 + 8, len(data))]

with open("igmp_dvmrp.pcap", "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    records = [(data, len(data)) for data, _ in frames] + cuts
    for i, (data, n) in enumerate(records):
        f.write(struct.pack("<IIII", 1_700_000_000 + i, 0, n, len(data)))
        f.write(data[:n])
