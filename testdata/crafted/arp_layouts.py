# Writes arp_layouts.pcap: ATM ARP (RFC 2225, hardware type 19) in each operation tcpdump
# prints, with and without subaddresses, E.164 flags, wrong lengths, a non-IP protocol,
# an operation without a layout and a packet cut inside its addresses; then Ethernet ARP
# operations 8 (Inverse Request) and 10 (NACK, which Ethernet ARP does not lay out).
import struct

DST = bytes.fromhex("ffffffffffff")
SRC = bytes.fromhex("020000000001")


def frame(payload):
    data = DST + SRC + b"\x08\x06" + payload
    return data + bytes(max(0, 60 - len(data)))


def atmarp(op, sha=b"", ssa=b"", spa=b"", tha=b"", tsa=b"", tpa=b"", pro=0x0800, e164=0):
    return struct.pack(
        ">HHBBHBBBB", 19, pro, len(sha) | e164, len(ssa), op, len(spa), len(tha) | e164,
        len(tsa), len(tpa),
    ) + sha + ssa + spa + tha + tsa + tpa


def arp(op, sha, spa, tha, tpa):
    return struct.pack(">HHBBH", 1, 0x0800, len(sha), len(spa), op) + sha + spa + tha + tpa


NUMBER = bytes.fromhex("47000580ffe1000000f21a3c0c")
SUB = bytes.fromhex("0102030405")
IP1 = bytes([192, 0, 2, 1])
IP2 = bytes([192, 0, 2, 2])
MAC1 = SRC
MAC2 = bytes.fromhex("020000000002")

packets = [
    frame(atmarp(1, sha=NUMBER, spa=IP1, tpa=IP2)),
    frame(atmarp(1, sha=NUMBER, ssa=SUB, spa=IP1, tha=NUMBER[:7], tsa=SUB[:2], tpa=IP2)),
    frame(atmarp(2, sha=NUMBER, ssa=SUB, spa=IP2, tha=NUMBER, tpa=IP1)),
    frame(atmarp(2, spa=IP2, tpa=IP1)),
    frame(atmarp(8, sha=NUMBER, spa=IP1, tha=NUMBER[:4], tsa=SUB, tpa=IP2)),
    frame(atmarp(8, spa=IP1, tpa=IP2)),
    frame(atmarp(9, sha=NUMBER, ssa=SUB[:3], spa=IP2, tha=NUMBER, tpa=IP1)),
    frame(atmarp(10, sha=NUMBER, spa=IP2, tpa=IP1)),
    frame(atmarp(1, sha=b"14155550100", spa=IP1, tha=b"14155550123", tpa=IP2, e164=0x40)),
    frame(atmarp(1, sha=NUMBER, spa=IP1[:3], tpa=IP2)),
    frame(atmarp(2, sha=NUMBER, spa=IP1, tpa=IP2 + b"\x00")),
    frame(atmarp(1, sha=NUMBER, spa=IP1[:2], tpa=IP2[:2], pro=0x86DD)),
    frame(atmarp(3, sha=NUMBER, spa=IP1, tpa=IP2)),
    frame(atmarp(1, sha=NUMBER, spa=IP1, tpa=IP2))[:14 + 12 + 10],
    frame(atmarp(1, sha=NUMBER, spa=IP1, tpa=IP2))[:14 + 9],
    frame(arp(8, MAC1, IP1, MAC2, bytes(4))),
    frame(arp(10, MAC1, IP1, MAC2, IP2)),
]
with open("arp_layouts.pcap", "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    for i, data in enumerate(packets):
        f.write(struct.pack("<IIII", 1_700_000_000 + i, 125_000 * (i % 8), len(data), len(data)))
        f.write(data)
