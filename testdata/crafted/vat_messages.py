# Writes vat_messages.pcap: LBL visual audio tool (vat) and vt packets sent to UDP port
# 3456 over IPv4, one per case: vat headers with every flag, format and the 6 bits above
# the flag, vt headers (each bit of 0xf060 that tells vt from vat), payloads of 0 to 7
# bytes, a UDP length shorter than the IP payload, the port as the source only and against
# other bound ports, then a vat and a vt packet cut by the capture at every byte.
import struct

from _inet import ipv4_udp_frame, write_pcap

SRC = bytes([10, 0, 34, 1])
DST = bytes([224, 2, 0, 1])


def frame(payload, sport=1024, dport=3456, udp_length=None, ip_extra=b""):
    return ipv4_udp_frame(payload, SRC, DST, sport, dport, udp_length, ip_extra)


def vat(word0, ts, audio=b"\x55" * 20):
    return struct.pack(">II", word0, ts) + audio


VAT = vat(0x00010203, 160)
VT = struct.pack(">H", 0x1405) + bytes(30)
packets = [
    VAT,
    vat(0x00000000, 0, b""),
    vat(0x00800001, 4294967295),
    vat(0x001F0000, 7),
    vat(0x3F000000, 8),
    vat(0x80FF7FFF, 9),
    vat(0xC09FABCD, 10),
    vat(0x0F0E0D0C, 11, b"x"),
    VT,
    struct.pack(">H", 0x8000),
    struct.pack(">H", 0x0040) + b"\xff",
    struct.pack(">H", 0x0020),
    struct.pack(">H", 0xFFFF) + bytes(6),
    struct.pack(">H", 0x0F9F) + bytes(10),
]
packets += [VAT[:n] for n in range(8)]
packets += [VT[:n] for n in range(1, 8)]
frames = [(frame(p), None) for p in packets]
# The UDP length shorter than the IP payload: tcpdump reads on to the IP packet's end.
frames.append((frame(VAT[:4], udp_length=12, ip_extra=VAT[4:]), None))
frames.append((frame(VAT[:1], udp_length=9, ip_extra=VAT[1:]), None))
# The port as the source only, and against the ports of other printers.
frames.append((frame(VAT, sport=3456, dport=1024), None))
frames.append((frame(VAT, sport=7001, dport=3456), None))
frames.append((frame(VAT, sport=3456, dport=7001), None))
frames.append((frame(VAT, sport=1701, dport=3456), None))
frames.append((frame(VAT, sport=6696, dport=3456), None))
frames.append((frame(VAT, sport=4567, dport=3456), None))
frames.append((frame(VAT, sport=3456, dport=4567), None))
frames.append((frame(VAT, sport=3456, dport=3456), None))
# Each packet cut by the capture at every byte (the datagram's length kept).
for message in (VAT, VT):
    f = frame(message)
    for n in range(10):
        frames.append((f[: 14 + 20 + 8 + n], len(f)))
write_pcap("vat_messages.pcap", frames)
