# Writes autorp_messages.pcap: Cisco Auto-RP on UDP port 496 as tcpdump's
# cisco_autorp_print() reads it: candidate advertisements and mappings, an unknown type, hold
# times 0 (FOREVER) and others, no RP and several, every PIM version value and reserved
# bits, negative, bidir and reserved prefix flags, the port as source or destination (with
# DNS's port, tried first, and RADIUS's, tried after), a UDP length shorter than the IP
# packet, empty and 1-7 byte messages; then messages cut by the capture at every byte, and
# cut by the UDP length at every byte.
import struct

from _inet import ipv4_udp_frame, write_pcap

SRC = bytes([10, 0, 0, 1])
ANNOUNCE = bytes([224, 0, 1, 39])
DISCOVERY = bytes([224, 0, 1, 40])


def ip(a):
    return bytes(int(x) for x in a.split("."))


def prefix(addr, masklen, negative=0, bidir=0, reserved=0):
    return struct.pack(">BB", reserved | (2 if bidir else 0) | (1 if negative else 0), masklen) + ip(addr)


def rp(addr, versions, prefixes):
    return ip(addr) + struct.pack(">BB", versions, len(prefixes)) + b"".join(prefixes)


def autorp(type_, hold, rps, count=None):
    n = len(rps) if count is None else count
    return struct.pack(">BBHI", type_, n, hold, 0) + b"".join(rps)


def frame(message, dst=DISCOVERY, sport=496, dport=496, udp_length=None, ip_extra=b""):
    return ipv4_udp_frame(message, SRC, dst, sport, dport, udp_length, ip_extra)


CANDIDATE = autorp(0x11, 181, [rp("10.1.1.1", 3, [prefix("224.0.0.0", 4)])])
MAPPING = autorp(0x12, 0, [
    rp("10.1.1.1", 2, [prefix("239.0.0.0", 8), prefix("239.1.0.0", 16, negative=1)]),
    rp("10.2.2.2", 1, [prefix("232.0.0.0", 8, bidir=1), prefix("233.0.0.0", 8, 1, 1, 0xA8)]),
    rp("10.3.3.3", 0xFC, []),
])

frames = [
    frame(CANDIDATE, ANNOUNCE),
    frame(MAPPING),
    frame(autorp(0x11, 65535, [rp("10.1.1.1", 0, [prefix("224.0.0.0", 4)])]), ANNOUNCE),
    frame(autorp(0x12, 3600 + 61, [])),
    frame(autorp(0x21, 60, [rp("10.1.1.1", 0x81, [prefix("224.0.0.0", 255, reserved=0x04)])])),
    frame(autorp(0x00, 1, [])),
    frame(autorp(0xFF, 65534, [], count=1)),
    frame(CANDIDATE, ANNOUNCE, sport=1024),
    frame(MAPPING, sport=1024, dport=496),
    frame(MAPPING, dport=1024),
    # Ports udp_print() tries before (DNS) and after (RADIUS) 496.
    frame(MAPPING, sport=1812),
    frame(bytes(12), sport=53),
    frame(CANDIDATE, ANNOUNCE, udp_length=8 + 12, ip_extra=CANDIDATE[12:]),
    frame(CANDIDATE + b"extra", ANNOUNCE),
    frame(b""),
    frame(b"\x11"),
    frame(CANDIDATE[:7]),
]
frames = [(f, None) for f in frames]
# Cut by the capture at every byte (the UDP and IP lengths say the whole message).
for message in (CANDIDATE, MAPPING):
    f = frame(message)
    head = len(f) - len(message)
    for n in range(len(message)):
        frames.append((f[: head + n], len(f)))
# Cut by the UDP length at every byte: the message ends there.
for n in range(len(MAPPING)):
    frames.append((frame(MAPPING[:n]), None))
write_pcap("autorp_messages.pcap", frames)
