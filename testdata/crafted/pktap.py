# Writes pktap.pcap (LINKTYPE_PKTAP, 258) and pktap_user2.pcap (149, DLT_USER2, as macOS
# writes PKTAP): Apple's PKTAP header before Ethernet (ARP, IPv4 TCP), raw IP, BSD loopback
# and an unknown link type; a record with no data and one of an unknown type; a header
# longer than its 108 fixed bytes; and each way the header can be wrong or cut: a length
# field below 108 or past the packet, a packet shorter than 108 bytes on the wire, the
# capture cut before the first 12 bytes, inside the header, or inside the frame after it.
import struct

from _inet import write_pcap

ARP = bytes.fromhex("ffffffffffff0011223344550806") + bytes.fromhex(
    "0001080006040001001122334455c0a80001000000000000c0a80002"
)
IPV4_ICMP = bytes.fromhex("4500001c000000004001f0e2c0a80001c0a800020800f7ff00000000")
TCP_SYN = bytes.fromhex(
    "4500002c000140004006b6c5c0a80001c0a80002"
    "c35000500000000100000000600272100000000002040218"
)
ETHER_IPV4 = bytes.fromhex("0011223344550066778899aa0800")


def header(dlt=1, rectype=1, length=108, ifname=b"en0", pid=4321, command=b"curl"):
    fixed = (
        struct.pack("<III", length, rectype, dlt)
        + ifname.ljust(24, b"\0")
        + struct.pack("<IIIII", 0x10, 2, 14, 0, pid)
        + command.ljust(20, b"\0")
        + struct.pack("<IHHI", 0, 6, 0, pid)
        + command.ljust(20, b"\0")
    )
    return fixed + bytes(max(0, length - len(fixed)))


records = [
    (header() + ARP, None),
    (header() + ETHER_IPV4 + TCP_SYN, None),
    (header(dlt=12) + IPV4_ICMP, None),
    (header(dlt=0, ifname=b"lo0") + struct.pack("<I", 2) + IPV4_ICMP, None),
    (header(rectype=0), None),
    (header(rectype=2) + ARP, None),
    (header(dlt=9999) + ARP, None),
    (header(length=112) + ARP, None),
    (header(length=50)[:108] + ARP, None),
    (header(length=300)[:108] + ARP, None),
    (header(length=300) + ARP[:14], None),
    (header()[:60], None),
    (header()[:10], None),
    (header()[:8], 150),
    (header()[:80], 150),
    (header() + ARP[:20], 150),
    (header(), None),
]
write_pcap("pktap.pcap", records, link_type=258)
write_pcap("pktap_user2.pcap", records[:4] + records[8:12], link_type=149)
