# Writes arp_layouts.pcap: ATM ARP (RFC 2225, hardware type 19) in each operation tcpdump
# prints, with and without subaddresses, E.164 flags, wrong lengths, a non-IP protocol,
# an operation without a layout and a packet cut inside its addresses; then Ethernet ARP
# operations 8 (Inverse Request) and 10 (NACK, which Ethernet ARP does not lay out); and
# Frame Relay ARP (hardware type 15), whose hardware addresses are Q.922 addresses.
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


def arp(op, sha, spa, tha, tpa, hrd=1):
    return struct.pack(">HHBBH", hrd, 0x0800, len(sha), len(spa), op) + sha + spa + tha + tpa


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
    frame(arp(1, bytes([0x18, 0x41]), IP1, bytes(2), IP2, hrd=15)),
    frame(arp(1, bytes([0x18, 0x41]), IP1, bytes([0x04, 0x01]), IP2, hrd=15)),
    frame(arp(2, bytes([0x18, 0x41]), IP1, bytes([0x04, 0x01]), IP2, hrd=15)),
    frame(arp(8, bytes([0x18, 0x41]), IP1, bytes([0x04, 0x01]), IP2, hrd=15)),
    frame(arp(9, bytes([0x18, 0x40, 0x02, 0x01]), IP1, bytes([0x18, 0x40, 0x03, 0x00]), IP2, hrd=15)),
    frame(arp(9, bytes([0x18, 0x40, 0x05]), IP1, bytes([0x19, 0x40, 0x03]), IP2, hrd=15)),
    frame(arp(8, bytes([0x18]), IP1, bytes([0x18]), IP2, hrd=15)),
    frame(arp(8, bytes([0x18, 0x40]), IP1, bytes([0x18, 0x40]), IP2, hrd=15)),
    frame(arp(1, bytes([0x18, 0x41]), IP1[:2], bytes(2), IP2[:2], hrd=15)),
    frame(arp(2, bytes([0x19, 0x41]), IP1, bytes(2), IP2, hrd=15)),
    frame(arp(2, bytes([0x18, 0x40, 0x04]), IP1, bytes(3), IP2, hrd=15)),
]
with open("arp_layouts.pcap", "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    for i, data in enumerate(packets):
        f.write(struct.pack("<IIII", 1_700_000_000 + i, 125_000 * (i % 8), len(data), len(data)))
        f.write(data)
