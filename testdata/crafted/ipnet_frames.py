# Writes ipnet_frames.pcap: LINKTYPE_IPNET (226), Solaris's 24-byte ipnet header as
# tcpdump's ipnet_if_print() reads it: IPv4 and IPv6 (families 2 and 26), families it
# does not decode (Linux's IPv6 10, 0, 255: printed with the header and the bytes in hex),
# zone ids up to 2^32-1, an empty payload, and frames cut at every byte of the header and
# in the IP header.
import struct
from _inet import ipv4_udp, ipv6_udp

IP = ipv4_udp()


def header(family, src_zone=0, dst_zone=0, version=1, htype=0, pktlen=0, ifindex=3):
    return struct.pack(">BBHIIIII", version, family, htype, pktlen, ifindex, 0, src_zone, dst_zone)


frames = [
    header(2, 0xFFFFFFFF, 0, pktlen=len(IP)) + IP,
    header(2, 0, 0xFFFFFFFF, version=2, htype=0x1234, pktlen=1) + IP,
    header(26, 7, 8) + ipv6_udp(),
    header(10, 1, 2) + ipv6_udp(),
    header(0) + b"\x01\x02\x03\x04",
    header(255, 5, 6) + bytes(range(40)),
    header(7),
    header(2),
    header(26),
    header(2) + IP[:10],
    header(2) + b"\x60" + IP[1:],
]
full = header(2, 1, 2) + IP
records = [(f, len(f)) for f in frames]
records += [(full[:n], len(full)) for n in (0, 1, 2, 4, 8, 16, 20, 23, 24, 25, 30, 44)]
with open("ipnet_frames.pcap", "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 226))
    for i, (data, wire) in enumerate(records):
        f.write(struct.pack("<IIII", 1_700_000_000 + i, 1000 * i, len(data), wire))
        f.write(data)
