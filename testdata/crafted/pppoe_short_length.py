# Writes pppoe_short_length.pcap: IP over PPPoE whose length field leaves out captured bytes
# of the IP packet (as in zeek's pppoe-over-qinq.pcap). tcpdump's pppoe_print() hands
# ip_print() the shorter length ("truncated-ip - N bytes missing!") but leaves those bytes
# readable, so it verifies a TCP or UDP checksum over them: TCP and UDP over IPv4 and IPv6,
# right and wrong sums, the capture cut before the IP packet's end (no sum), and IP in IP
# whose outer header ends before the inner one (no sum) or agrees with it. A length that
# cuts the IP, TCP or UDP header leaves it readable too (ppp_print() only counts it), as
# does one that cuts an LCP packet, or the UDP header of RIP, a protocol sniff.ts loads late.
import struct

from _inet import A4, A6, B4, B6, csum, ipv4_packet, ipv6_packet, pppoe_session, write_pcap


def transport(protocol, pseudo, payload, wrong=False):
    if protocol == 6:
        segment = struct.pack(">HHIIBBHHH", 443, 20394, 1000, 2000, 0x50, 0x10, 2146, 0, 0)
        at = 16
    else:
        segment = struct.pack(">HHHH", 40000, 9, 8 + len(payload), 0)
        at = 6
    segment += payload
    sum_ = csum(pseudo(protocol, len(segment)) + segment) ^ (0x1111 if wrong else 0)
    return segment[:at] + struct.pack(">H", sum_) + segment[at + 2:]


def ipv4(protocol, payload, wrong=False, total=None):
    body = transport(protocol, lambda p, n: A4 + B4 + struct.pack(">BBH", 0, p, n), payload,
                     wrong) if protocol in (6, 17) else payload
    return ipv4_packet(body, protocol, total, flags=0x4000)


def ipv6(protocol, payload, wrong=False):
    body = transport(protocol, lambda p, n: A6 + B6 + struct.pack(">IxxxB", n, p), payload,
                     wrong)
    return ipv6_packet(body, protocol)


def pppoe(packet, protocol, short):
    # The PPPoE length leaves out the packet's last `short` bytes, captured all the same.
    return pppoe_session(packet, protocol, 2 + len(packet) - short)


DATA = b"abcdef"
# First, before anything else makes sniff.ts load its rare protocols: a RIPv2 response whose
# UDP header the length cuts (the PPP frame, decoded again, reaches a protocol not loaded).
rip = struct.pack(">BBHHH4s4s4sI", 2, 2, 0, 2, 0, bytes([10, 0, 0, 0]), bytes([255, 0, 0, 0]),
                  bytes(4), 1)
udp = struct.pack(">HHHH", 520, 520, 8 + len(rip), 0) + rip
frames = [(pppoe(ipv4_packet(udp), 0x0021, len(udp) - 4), None)]
for short in (6, 2):
    for wrong in (False, True):
        frames += [
            (pppoe(ipv4(6, DATA, wrong), 0x0021, short), None),
            (pppoe(ipv4(17, DATA, wrong), 0x0021, short), None),
            (pppoe(ipv6(6, DATA, wrong), 0x0057, short), None),
            (pppoe(ipv6(17, DATA, wrong), 0x0057, short), None),
        ]
# The capture ends 3 bytes before the IP packet does.
whole = pppoe(ipv4(6, DATA), 0x0021, 6)
frames.append((whole[:-3], len(whole)))
# IP in IP: the outer length agrees with the inner one, then ends 4 bytes before it.
inner = ipv4(6, DATA)
frames.append((pppoe(ipv4(4, inner), 0x0021, 6), None))
frames.append((pppoe(ipv4(4, inner, total=20 + len(inner) - 4), 0x0021, 6), None))
# Lengths that cut the TCP or UDP header, the IPv4 or IPv6 header.
for short in (10, 30):
    frames += [
        (pppoe(ipv4(6, DATA), 0x0021, short), None),
        (pppoe(ipv4(17, DATA), 0x0021, short), None),
        (pppoe(ipv6(6, DATA), 0x0057, short), None),
        (pppoe(ipv6(17, DATA), 0x0057, short), None),
    ]
# A length that cuts the TCP header, the capture cut inside it too.
whole = pppoe(ipv4(6, DATA), 0x0021, 20)
frames.append((whole[:-16], len(whole)))
# An LCP Echo-Request (its magic number and 4 bytes of data) whose last 6 bytes the length
# leaves out.
lcp = struct.pack(">BBHI", 9, 1, 12, 0x01020304) + b"data"
frames.append((pppoe(lcp, 0xC021, 6), None))
write_pcap("pppoe_short_length.pcap", frames)
