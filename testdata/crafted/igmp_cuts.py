# Writes igmp_cuts.pcap: IGMP messages as tcpdump's igmp_print() reads them when they are
# short or odd: version 1 and 2 queries and a version 1 report longer than 8 bytes
# ([len N]), version 3 queries (general with sources, with a group and sources, a length
# not a multiple of 4, more sources than the message holds), version 3 reports of 8 and
# 18 bytes ([invalid len N]), an unknown type of 4 bytes; then each message cut by the
# capture at every byte (the first byte included).
import struct

from _inet import csum, write_pcap

SRC = bytes([10, 0, 0, 1])
DST = bytes([224, 0, 0, 1])
ETH = bytes.fromhex("01005e000001" "c2033d800001" "0800")


def ip4(message):
    header = struct.pack(">BBHHHBBH4s4s", 0x45, 0xC0, 20 + len(message), 1, 0, 1, 2, 0, SRC, DST)
    return ETH + header[:10] + struct.pack(">H", csum(header)) + header[12:] + message


def igmp(type_, code, rest):
    message = struct.pack(">BBH", type_, code, 0) + rest
    return message[:2] + struct.pack(">H", csum(message)) + message[4:]


def v3_query(group, sources, count=None, code=100, extra=b""):
    n = len(sources) if count is None else count
    body = bytes(group) + struct.pack(">BBH", 2, 125, n) + b"".join(bytes(s) for s in sources)
    return igmp(0x11, code, body + extra)


V2_QUERY = igmp(0x11, 20, bytes([239, 1, 1, 1]))
V1_REPORT = igmp(0x12, 0, bytes([239, 0, 0, 1]))
V2_REPORT = igmp(0x16, 0, bytes([239, 0, 0, 2]))
LEAVE = igmp(0x17, 0, bytes([239, 0, 0, 3]))
V3_REPORT = igmp(0x22, 0, struct.pack(">HH", 0, 1) + struct.pack(">BBH4s", 4, 0, 0, bytes([239, 0, 0, 4])))
V3_QUERY = v3_query([239, 1, 1, 1], [[1, 2, 3, 4], [5, 6, 7, 8]])
UNKNOWN = igmp(0x30, 0, bytes(4))

frames = [
    ip4(igmp(0x11, 0, bytes(5))),
    ip4(igmp(0x11, 0, bytes([239, 1, 1, 1]) + bytes(3))),
    ip4(igmp(0x11, 100, bytes(4) + bytes(2))),
    ip4(igmp(0x12, 0, bytes([239, 0, 0, 1, 0, 0]))),
    ip4(v3_query([0, 0, 0, 0], [[1, 2, 3, 4], [5, 6, 7, 8]])),
    ip4(V3_QUERY),
    ip4(v3_query([239, 1, 1, 1], [])),
    ip4(v3_query([239, 1, 1, 1], [[1, 2, 3, 4]], count=3)),
    ip4(v3_query([239, 1, 1, 1], [], code=0x8A, extra=b"\0")),
    ip4(igmp(0x22, 0, struct.pack(">HH", 0, 0))),
    ip4(igmp(0x22, 0, struct.pack(">HH", 0, 1) + bytes(10))),
    ip4(igmp(0x30, 0, b"")),
]
frames = [(f, None) for f in frames]
for message in (V2_QUERY, V1_REPORT, V2_REPORT, LEAVE, V3_REPORT, V3_QUERY, UNKNOWN):
    f = ip4(message)
    for n in range(len(message)):
        frames.append((f[: 14 + 20 + n], len(f)))
write_pcap("igmp_cuts.pcap", frames)
