# Writes port_order.pcap: UDP and TCP packets whose two ports are both bound to a wirekit
# decoder, where tcpdump's udp_print() and tcp_print() pick the printer in their own order
# (RIP before ISAKMP, TFTP before NTP, SNMP before NTP, SIP since HSRP is tried as the
# destination only; SMTP before HTTP, BGP before FTP, SSH before DNS), each way round.
import struct

from udp_empty_payloads import frame, write

RIP = bytes([1, 2, 0, 0]) + bytes(20)
TFTP = b"\x00\x01a\x00octet\x00"
NTP = bytes([0x1B]) + bytes(47)
SIP = b"INVITE sip:a SIP/2.0\r\n\r\n"
UDP = [(500, 520, RIP), (123, 69, TFTP), (161, 123, NTP), (1985, 5060, SIP)]
TCP = [(80, 25, b"HELO x\r\n"), (21, 179, b"USER x\r\n"), (53, 22, b"SSH-2.0-x\r\n")]


def main():
    packets = []
    for sport, dport, payload in UDP:
        for a, b in ((sport, dport), (dport, sport)):
            udp = struct.pack("!HHHH", a, b, 8 + len(payload), 0)
            packets.append((frame(False, 17, udp, 6, payload), 0, 0))
    for sport, dport, payload in TCP:
        for a, b in ((sport, dport), (dport, sport)):
            tcp = struct.pack("!HHIIBBHHH", a, b, 1, 1, 0x50, 0x18, 1000, 0, 0)
            packets.append((frame(False, 6, tcp, 16, payload), 0, 0))
    write(__file__.replace(".py", ".pcap"), packets)


main()
