# Writes otv_frames.pcap: Cisco OTV on UDP port 8472 as tcpdump's otv_print() reads it: the
# I flag set and not, the other flag bits, overlay and instance IDs (0, small, 24-bit
# maximum), a reserved byte, Ethernet frames inside (IPv4/UDP, ARP, an 802.1Q tag, a frame
# shorter than its header), the port as source or destination (with syslog's port, tried
# first, and VXLAN's, tried after), a UDP length shorter than the IP packet (ether_print()'s
# caplen), messages of 0-7 bytes (by the UDP length, with the IP packet holding more or
# not), then a message cut by the capture at every byte and one cut by the UDP length at
# every byte.
import struct

from _inet import ipv4_udp, ipv4_udp_frame, write_pcap

SRC = bytes([10, 0, 0, 1])
DST = bytes([10, 0, 0, 2])
INNER_MACS = bytes.fromhex("00005e005301" "00005e005302")


def otv(flags, overlay, instance, reserved=0):
    return struct.pack(">I", (flags << 24) | overlay) + struct.pack(">I", (instance << 8) | reserved)


def frame(message, sport=8472, dport=8472, udp_length=None, ip_extra=b""):
    return ipv4_udp_frame(message, SRC, DST, sport, dport, udp_length, ip_extra)


IPV4 = INNER_MACS + b"\x08\x00" + ipv4_udp(b"inner")
ARP = INNER_MACS + b"\x08\x06" + bytes.fromhex("0001080006040001" "00005e005301" "c0000201" "000000000000" "c0000202")
TAGGED = INNER_MACS + b"\x81\x00\x00\x64\x08\x00" + ipv4_udp(b"tag")
WHOLE = otv(0x08, 5, 100) + IPV4

frames = [
    frame(WHOLE),
    frame(otv(0x00, 0, 0) + ARP),
    frame(otv(0xF7, 0xFFFFFF, 0xFFFFFF, 0xFF) + TAGGED),
    frame(otv(0x9D, 12124160, 4587520, 0x12) + ARP),
    frame(otv(0x08, 1, 2) + INNER_MACS),
    frame(otv(0x08, 1, 2) + INNER_MACS[:5]),
    frame(otv(0x08, 1, 2)),
    # Ports: source or destination alone; syslog tried before, VXLAN after.
    frame(WHOLE, sport=1024),
    frame(WHOLE, dport=1024),
    frame(WHOLE, sport=514),
    frame(WHOLE, sport=4789),
    # The UDP length shorter than the IP packet: ether_print()'s length below its caplen.
    frame(WHOLE[:30], ip_extra=WHOLE[30:]),
    frame(WHOLE[:8], ip_extra=WHOLE[8:]),
    frame(WHOLE[:5], ip_extra=WHOLE[5:]),
    frame(b"", ip_extra=WHOLE),
    # The UDP length longer than the IP packet.
    frame(WHOLE, udp_length=8 + len(WHOLE) + 50),
    frame(WHOLE[:4], udp_length=8 + len(WHOLE)),
]
frames = [(f, None) for f in frames]
frames += [(frame(WHOLE[:n]), None) for n in range(8)]
# Cut by the capture at every byte (the UDP and IP lengths say the whole message).
f = frame(WHOLE)
head = len(f) - len(WHOLE)
for n in range(len(WHOLE)):
    frames.append((f[: head + n], len(f)))
# Short messages (by the UDP length) cut by the capture.
for n in range(1, 8):
    g = frame(WHOLE[:n])
    for m in range(n):
        frames.append((g[: len(g) - n + m], len(g)))
# Cut by the UDP length at every byte: the message ends there.
for n in range(8, len(WHOLE)):
    frames.append((frame(WHOLE[:n]), None))
write_pcap("otv_frames.pcap", frames)
