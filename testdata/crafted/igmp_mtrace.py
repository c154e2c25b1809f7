# Writes igmp_mtrace.pcap: IGMP multicast traceroute queries (type 0x1f, "mtrace") and
# responses (0x1e, "mresp") for tcpdump's print_mtrace(): the query ID's 24 bits, response
# addresses on each side of the class D range (with-ttl only inside it), a response with hop
# blocks (not printed), messages too short by the IP length (invalid len) at 8, 23 and 24
# bytes, a bad checksum (-v), Ethernet padding, and the message cut by the capture at every
# byte.
import struct

from _inet import csum

DST = bytes.fromhex("01005e000001")
SRC = bytes.fromhex("0080ad91d86f")


def ip(payload, src=(10, 0, 0, 5), dst=(172, 16, 20, 1), total=None):
    length = 20 + len(payload) if total is None else total
    header = struct.pack(">BBHHHBBH4s4s", 0x45, 0, length, 760, 0, 64, 2, 0, bytes(src), bytes(dst))
    return header[:10] + struct.pack(">H", csum(header)) + header[12:] + payload


def frame(payload, pad=False):
    data = DST + SRC + b"\x08\x00" + payload
    return data + bytes(max(0, 60 - len(data))) if pad else data


def igmp(kind, body, group=(224, 0, 1, 32), hops=0, bad=False):
    message = bytes([kind, hops, 0, 0]) + bytes(group) + body
    checksum = csum(message) ^ (0x1111 if bad else 0)
    return message[:2] + struct.pack(">H", checksum) + message[4:]


def query(src=(172, 16, 40, 1), dst=(172, 16, 20, 1), raddr=(172, 16, 40, 1), ttl=32, qid=7):
    return bytes(src) + bytes(dst) + bytes(raddr) + bytes([ttl]) + struct.pack(">I", qid)[1:]


HOP = bytes.fromhex("5a0b1c2d 0a000006 0a000005 0a000001 00000010 00000020 00000030 01 20 18 00")
MTRACE = igmp(0x1F, query())
packets = [
    frame(ip(MTRACE)),
    frame(ip(igmp(0x1E, query() + HOP + HOP, hops=2), src=(10, 0, 0, 6), dst=(10, 0, 0, 5))),
    frame(ip(igmp(0x1F, query(qid=0xFFFFFF, raddr=(224, 0, 0, 1), ttl=0)))),
    frame(ip(igmp(0x1F, query(qid=0, raddr=(239, 255, 255, 255), ttl=255)))),
    frame(ip(igmp(0x1E, query(qid=0x123456, raddr=(240, 0, 0, 0), ttl=9)))),
    frame(ip(igmp(0x1E, query(qid=0x010203, raddr=(223, 255, 255, 255), ttl=9)))),
    frame(ip(igmp(0x1F, query(src=(0, 0, 0, 0), dst=(255, 255, 255, 255), raddr=(0, 0, 0, 0))))),
    frame(ip(igmp(0x1F, query(), bad=True))),
    frame(ip(igmp(0x1E, query() + HOP, bad=True))),
    frame(ip(igmp(0x1F, query() + b"\x07"))),
    # Too short by the IP length: 8, 23 bytes (invalid len), and padding past them.
    frame(ip(igmp(0x1F, b""))),
    frame(ip(igmp(0x1E, query()[:15]))),
    frame(ip(igmp(0x1F, b""), src=(10, 0, 0, 1)), pad=True),
    frame(ip(igmp(0x1F, query()[:15], bad=True))),
    # An IP length that leaves the query out of the message though captured.
    frame(ip(MTRACE, total=20 + 20)),
]

# Cuts by the capture at every byte of the IGMP message.
cuts = [(frame(ip(MTRACE)), n) for n in range(34, 14 + 20 + len(MTRACE))]

with open("igmp_mtrace.pcap", "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    records = [(data, len(data)) for data in packets] + cuts
    for i, (data, n) in enumerate(records):
        f.write(struct.pack("<IIII", 1_700_000_000 + i, 0, n, len(data)))
        f.write(data[:n])
