# Writes inner_ip_lengths.pcap: IP headers whose length says more than what carries them
# gives them, where tcpdump's ip_print() and ip6_print() print "truncated-ip - N bytes
# missing!" and "truncated-ip6 - N bytes missing!": IP in IP (IPv4 and IPv6 inside IPv4 and
# IPv6, with a hop-by-hop header between), and IP over PPPoE whose length field is short; each
# also with lengths that agree, and inner headers too short for the length they are given.
import struct

from _inet import MACS, write_pcap
from _inet import ipv4_packet as ipv4
from _inet import ipv6_packet as ipv6
from _inet import pppoe_session as pppoe


def udp(payload=b"ping"):
    return struct.pack(">HHHH", 40000, 9, 8 + len(payload), 0) + payload


def ether(packet, ethertype):
    # A trailer after the IP packet: the frame is longer than the outer IP header says.
    return MACS + struct.pack(">H", ethertype) + packet + bytes(range(32))


frames = []
for extra in (0, 6, 30):
    # An inner header that claims `extra` bytes more than the outer one holds for it.
    inner4 = ipv4(udp(), total=32 + extra)
    inner6 = ipv6(udp(), payload_length=12 + extra)
    frames += [
        ether(ipv4(inner4, protocol=4), 0x0800),
        ether(ipv4(inner6, protocol=41), 0x0800),
        ether(ipv6(inner4, next_header=4), 0x86DD),
        ether(ipv6(inner6, next_header=41), 0x86DD),
        # A hop-by-hop header (a PadN option) between the outer IPv6 and the inner one.
        ether(ipv6(bytes([41, 0, 1, 4, 0, 0, 0, 0]) + inner6, next_header=0), 0x86DD),
    ]
# PPPoE lengths that leave out part of the UDP payload. wirekit's PPPoE decoder ends the PPP
# frame at the length, where tcpdump reads on to the captured end (its printers do for
# checksums: pppoe_short_length.py), so these cut no header.
frames.append(pppoe(ipv6(udp()), 0x0057))
for short in (0, 1, 4):
    frames.append(pppoe(ipv4(udp()), 0x0021, length=2 + 32 - short))
# The outer header leaves fewer bytes than an inner header needs.
frames += [
    ether(ipv4(ipv4(udp())[:20], protocol=4, total=20 + 12), 0x0800),
    ether(ipv6(ipv6(udp())[:40], next_header=41, payload_length=30), 0x86DD),
]
write_pcap("inner_ip_lengths.pcap", [(frame, None) for frame in frames])
