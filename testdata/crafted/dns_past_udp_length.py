# Writes dns_past_udp_length.pcap: DNS messages whose UDP length field says less than the IP
# packet holds, over IPv4 and IPv6, to ports 53 and 5353. tcpdump's ns_print() reads the
# questions and records up to the end of the IP packet's captured bytes (its snapend), while it
# prints the UDP length: queries and responses (A, AAAA, CNAME, MX, an EDNS OPT record) with
# the UDP length cut at every byte from the header's 12 on; the IP packet holding all of the
# message, or part of it; the UDP length below 12; and a cut capture.
import struct

from _inet import csum, ipv4_udp_frame, write_pcap

SRC4, DST4 = bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2])
SRC6 = bytes.fromhex("20010db8000000000000000000000001")
DST6 = bytes.fromhex("20010db8000000000000000000000002")


def name(text):
    return b"".join(bytes([len(label)]) + label.encode() for label in text.split(".")) + b"\0"


def header(ident, flags, qd, an, ns, ar):
    return struct.pack(">HHHHHH", ident, flags, qd, an, ns, ar)


QUERY = header(0x1234, 0x0100, 1, 0, 0, 0) + name("www.example.com") + struct.pack(">HH", 1, 1)
RESPONSE = (
    header(0x1234, 0x8180, 1, 3, 0, 1)
    + name("www.example.com")
    + struct.pack(">HH", 1, 1)
    + b"\xc0\x0c" + struct.pack(">HHIH", 5, 1, 300, 6) + name("web")[:-1] + b"\xc0\x10"
    + b"\xc0\x2d" + struct.pack(">HHIH", 1, 1, 60, 4) + bytes([192, 0, 2, 7])
    + b"\xc0\x10" + struct.pack(">HHIHH", 15, 1, 3600, 4, 10) + b"\xc0\x2d"
    # An OPT record: UDP size 1232, extended RCODE 0, version 0, DO set.
    + b"\x00" + struct.pack(">HHBBHH", 41, 1232, 0, 0, 0x8000, 0)
)
MDNS = (
    header(0, 0x8400, 0, 2, 0, 0)
    + name("printer.local") + struct.pack(">HHIH", 1, 0x8001, 120, 4) + bytes([192, 168, 1, 9])
    + b"\xc0\x0c" + struct.pack(">HHIH", 28, 0x8001, 120, 16) + SRC6
)


def ipv6_udp_frame(payload, sport, dport, udp_length):
    # An Ethernet frame holding an IPv6 UDP datagram whose UDP length field is `udp_length`
    # while the IP payload holds all of `payload`; the checksum covers what the length says.
    udp = struct.pack(">HHHH", sport, dport, udp_length, 0) + payload
    pseudo = SRC6 + DST6 + struct.pack(">IxxxB", udp_length, 17)
    udp = udp[:6] + struct.pack(">H", csum(pseudo + udp[:udp_length])) + udp[8:]
    ip = struct.pack(">IHBB", 0x60000000, len(udp), 17, 64) + SRC6 + DST6
    return bytes.fromhex("333300000002" "0080ad91d86f" "86dd") + ip + udp


frames = []
for message, sport, dport in ((QUERY, 40000, 53), (RESPONSE, 53, 40000), (MDNS, 5353, 5353)):
    # The UDP length from below the header to the whole message; the IP packet holds it all.
    for length in range(10, len(message) + 1):
        frames.append((ipv4_udp_frame(message[:length], SRC4, DST4, sport, dport, 8 + length,
                                      message[length:]), None))
    for length in (12, 17, len(message) - 1):
        frames.append((ipv6_udp_frame(message, sport, dport, 8 + length), None))
    # The IP packet ends inside the message, past the UDP length.
    for held in (14, 30, len(message) - 3):
        frames.append((ipv4_udp_frame(message[:12], SRC4, DST4, sport, dport, 20,
                                      message[12:held]), None))
    # The capture ends inside the message, past the UDP length.
    frame = ipv4_udp_frame(message[:12], SRC4, DST4, sport, dport, 20, message[12:])
    frames.append((frame[: len(frame) - 6], len(frame)))
write_pcap("dns_past_udp_length.pcap", frames)
