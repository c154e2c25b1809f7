# Writes aarp_packets.pcap: AppleTalk ARP (EtherType 0x80f3) over Ethernet, in an 802.1Q
# VLAN and in 802.3 LLC/SNAP (OUI 0). Requests, responses and probes (a node of 255 prints
# as the network alone), other operations (0, 4, 0xffff), hardware and protocol types and
# address lengths other than Ethernet's and AppleTalk's (a protocol type of 0 prints as 0),
# Ethernet padding after the 28 bytes, then a request cut by the capture at every byte.
import struct

from _inet import write_pcap

SRC = bytes.fromhex("080007123456")
DST = bytes.fromhex("090007ffffff")


def aarp(op, snet=0x1234, snode=9, tnet=0xFF00, tnode=200, htype=1, ptype=0x809B, halen=6, palen=4,
         sha=SRC, tha=bytes(6)):
    return struct.pack(">HHBBH6s4s6s4s", htype, ptype, halen, palen, op, sha,
                       struct.pack(">BHB", 0, snet, snode), tha, struct.pack(">BHB", 0, tnet, tnode))


def ether(payload, ether_type=0x80F3):
    return DST + SRC + struct.pack(">H", ether_type) + payload


def vlan(payload):
    return ether(struct.pack(">HH", 5, 0x80F3) + payload, 0x8100)


def snap(payload):
    body = b"\xaa\xaa\x03\x00\x00\x00\x80\xf3" + payload
    return DST + SRC + struct.pack(">H", len(body)) + body


packets = [aarp(1), aarp(2), aarp(3), aarp(1, tnode=255), aarp(3, 0, 0, 65535, 255)]
packets += [aarp(2, 1, 255, sha=bytes.fromhex("ffffffffffff"))]
packets += [aarp(op) for op in (0, 4, 0xFFFF)]
packets += [aarp(1, htype=6), aarp(2, ptype=0), aarp(3, ptype=0x0800), aarp(1, halen=8), aarp(1, palen=5)]
packets += [aarp(2, htype=0, ptype=0, halen=0, palen=0)]
frames = [ether(p) for p in packets]
frames += [ether(aarp(1) + bytes(18)), ether(aarp(9) + b"\x55" * 18), vlan(aarp(2)), vlan(aarp(7))]
frames += [snap(aarp(3)), snap(aarp(0x10))]
records = [(f, len(f)) for f in frames]
for frame in (ether(aarp(1)), ether(aarp(5)), vlan(aarp(2)), snap(aarp(3))):
    for n in range(len(frame) - 28, len(frame)):
        records.append((frame[:n], len(frame)))
write_pcap("aarp_packets.pcap", records)
