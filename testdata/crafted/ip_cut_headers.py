# Writes ip_cut_headers.pcap: Ethernet frames whose IPv6 routing, fragment, hop-by-hop and
# destination options headers, ESP and OSPFv3 packets (of each type), and IPv4 OSPFv2
# packets are cut by the capture at every byte of their first 16 (tcpdump prints the fields
# it could read, names the cut after the header's printer, and dumps the whole frame with -x
# where its read jumps out), with their length on the wire left whole.
import struct

from _inet import write_pcap

MACS = bytes.fromhex("020000000002020000000001")
SRC6 = bytes.fromhex("20010db8000000000000000000000001")
DST6 = bytes.fromhex("ff020000000000000000000000000005")


def ip6(next_header, payload):
    header = struct.pack(">IHBB", 0x60000000, len(payload), next_header, 64) + SRC6 + DST6
    return MACS + b"\x86\xdd" + header + payload


def ip4(protocol, payload):
    header = struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), 1, 0, 1, protocol, 0,
                         bytes([10, 0, 0, 1]), bytes([224, 0, 0, 5]))
    return MACS + b"\x08\x00" + header + payload


def ospf3(kind, body):
    header = struct.pack(">BBH4s4sHBB", 3, kind, 16 + len(body), bytes([1, 2, 3, 4]),
                         bytes([0, 0, 0, 1]), 0, 7, 0)
    return header + body


hello3 = struct.pack(">I4sHH4s4s", 0x13, bytes([0, 0, 0, 5]), 10, 40, bytes([1, 1, 1, 1]),
                     bytes([2, 2, 2, 2])) + bytes([9, 9, 9, 9])
payloads = [
    (ip6, 43, bytes([17, 4, 0, 2, 0, 0, 0, 0]) + bytes(range(0x40, 0x60))),
    (ip6, 43, bytes([17, 2, 2, 1, 0, 0, 0, 0]) + bytes(range(0x40, 0x50))),
    (ip6, 44, struct.pack(">BBHI", 17, 0, 0x12 << 3 | 1, 0xDEADBEEF) + bytes(8)),
    (ip6, 0, bytes([59, 0, 1, 4, 0, 0, 0, 0])),
    (ip6, 60, bytes([59, 0, 1, 4, 0, 0, 0, 0])),
    (ip6, 50, bytes.fromhex("00001001000000020123456789abcdef")),
    (ip6, 89, ospf3(1, hello3)),
    (ip6, 89, ospf3(2, struct.pack(">IHBBI", 0x13, 1500, 7, 0, 0x1234))),
    (ip6, 89, ospf3(3, struct.pack(">HH4s4s", 0, 0x2001, bytes(4), bytes([1, 2, 3, 4])))),
    (ip6, 89, ospf3(4, struct.pack(">I", 0))),
    (ip6, 89, ospf3(5, b"")),
    (ip6, 89, ospf3(9, b"")),
    (ip4, 89, bytes.fromhex("0201002c010203040000000000000000000000000000000"
                            "0ffffff00000a0201000000280000000000000000")),
]
records = []
for build, number, payload in payloads:
    frame = build(number, payload)
    header = len(frame) - len(payload)
    for cut in range(0, min(len(payload), 17)):
        records.append((frame[:header + cut], len(frame)))
write_pcap("ip_cut_headers.pcap", records)
