# Writes ppp_ethertype.pcap: PPP frames carried by EtherType 0x880b (tcpdump's
# ethertype_print() hands them to ppp_print() after ": "), plain and after an 802.1Q tag: an
# unknown protocol (dumped in hex), IPv4, LCP, a compressed address and control field, and
# frames of 0 and 1 byte or cut by the capture inside the PPP header.
import struct

from _inet import write_pcap

MACS = bytes.fromhex("020000000002020000000001")
ETHER = MACS + b"\x88\x0b"
VLAN = MACS + b"\x81\x00\x00\x05\x88\x0b"
IPV4 = bytes.fromhex("450000140001000040ff0000") + bytes([10, 0, 0, 1, 10, 0, 0, 2])
LCP = bytes.fromhex("c02101010004")

records = [
    (ETHER + bytes.fromhex("ff030001") + bytes(42), 60),
    (ETHER + bytes.fromhex("ff030021") + IPV4 + bytes(22), 60),
    (ETHER + bytes.fromhex("ff03") + LCP + bytes(38), 60),
    (ETHER + LCP + bytes(40), 60),
    (VLAN + bytes.fromhex("ff03") + LCP, 26),
    (ETHER, 14),
    (VLAN, 18),
    (ETHER + b"\xff", 15),
    (ETHER + b"\xff", 60),
    (ETHER + b"\xff\x03", 60),
    (ETHER + b"\xff\x03\xc0", 60),
]
write_pcap("ppp_ethertype.pcap", records)
