# Writes udp_bad_lengths.pcap: UDP headers whose length field is below the header's 8 bytes
# (0 outside an IPv6 jumbogram, 1, 7), then 8 and 9, to an unbound port, to DNS and to
# RADIUS, over IPv4 and IPv6: tcpdump's udp_print() prints "truncated-udplength N" before
# it looks at the checksum or the port.
import struct

SRC = bytes(15) + b"\x01"
DST = bytes(15) + b"\x02"
ETH = bytes(6) + bytes([2, 0, 0, 0, 0, 1])


def ip6(payload):
    return ETH + b"\x86\xdd" + struct.pack("!IHBB", 0x60000000, len(payload), 17, 64) + SRC + DST + payload


def ip4(payload):
    header = struct.pack(
        "!BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), 1, 0, 64, 17, 0, bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2])
    )
    return ETH + b"\x08\x00" + header + payload


records = []
for length in (0, 1, 7, 8, 9):
    for port in (53, 1812, 40000):
        udp = struct.pack("!HHHH", 40001, port, length, 0) + bytes(12)
        records += [ip4(udp), ip6(udp)]
with open("udp_bad_lengths.pcap", "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    for i, record in enumerate(records):
        f.write(struct.pack("<IIII", 1_700_000_000 + i, 0, len(record), len(record)))
        f.write(record)
