# Writes tcp_empty_payloads.pcap: for every TCP port that wirekit binds a decoder to (and
# one it does not), a segment whose 20-byte payload the capture did not keep and one cut
# after its first payload byte, plus a 1-byte segment on the DNS port; over IPv4, then
# IPv6. tcp_print() hands each to the port's printer, which says what is missing.
import struct

from udp_empty_payloads import frame, write

PORTS = [21, 22, 23, 25, 53, 80, 179, 646, 1723, 2049, 6633, 6653, 8080, 9999]
CASES = [(port, 20, cap) for port in PORTS for cap in (0, 1)] + [(53, 1, 0)]


def main():
    packets = []
    for ipv6 in (False, True):
        for port, paylen, cap in CASES:
            tcp = struct.pack("!HHIIBBHHH", 40000, port, 1, 1, 0x50, 0x18, 1000, 0, 0)
            packets.append((frame(ipv6, 6, tcp, 16, bytes(paylen)), paylen, cap))
    write(__file__.replace(".py", ".pcap"), packets)


main()
