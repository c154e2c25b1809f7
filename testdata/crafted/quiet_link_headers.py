# Writes quiet_link_headers_en10mb.pcap and quiet_link_headers_sll.pcap: link headers as
# tcpdump prints them with -q (and -q -e): Ethernet with a named, an unnamed and an 802.3
# type, 802.1Q tags, and Linux cooked headers (v1 and v2 files) with IPv4, a VLAN tag,
# the 802.2 and 802.3 pseudo-protocols and an unnamed type.
import struct

IPV4_UDP = bytes.fromhex("4500001c00010000401100000a0000010a000002") + bytes.fromhex(
    "303900350008" "0000")
ARP = bytes.fromhex("0001080006040001") + bytes([2, 0, 0, 0, 0, 1]) + bytes(
    [10, 0, 0, 1]) + bytes(6) + bytes([10, 0, 0, 2])
LLC_STP = bytes.fromhex("424203") + bytes(35)
ETH = bytes([0, 0, 0, 0, 0, 2]) + bytes([2, 0, 0, 0, 0, 1])


def pcap(name, link_type, records):
    with open(name, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, link_type))
        for i, record in enumerate(records):
            f.write(struct.pack("<IIII", 1_700_000_000 + i, 0, len(record), len(record)))
            f.write(record)


pcap("quiet_link_headers_en10mb.pcap", 1, [
    ETH + b"\x08\x00" + IPV4_UDP,
    ETH + b"\x08\x06" + ARP,
    ETH + b"\x88\xb7" + bytes(20),
    ETH + struct.pack(">H", len(LLC_STP)) + LLC_STP,
    ETH + b"\x81\x00\x20\x05\x08\x00" + IPV4_UDP,
    ETH + b"\x81\x00\x00\x05\x88\xb7" + bytes(20),
    ETH + b"\x88\xa8\x00\x05\x81\x00\x00\x07\x08\x06" + ARP,
])


def sll(protocol, payload, address=bytes([2, 0, 0, 0, 0, 1])):
    return struct.pack(">HHH", 0, 1, len(address)) + address.ljust(8, b"\0") + struct.pack(
        ">H", protocol) + payload


def sll2(protocol, payload):
    return struct.pack(">HHIHBB", protocol, 0, 2, 1, 0, 6) + bytes([2, 0, 0, 0, 0, 1, 0, 0]) + payload


pcap("quiet_link_headers_sll.pcap", 113, [
    sll(0x0800, IPV4_UDP),
    sll(0x0806, ARP),
    sll(0x8100, b"\x20\x05\x08\x00" + IPV4_UDP),
    sll(0x8100, b"\x00\x05\x88\xb7" + bytes(20)),
    sll(0x0004, LLC_STP),
    sll(0x88b7, bytes(20)),
    sll(0x0800, IPV4_UDP, address=bytes(4)),
])
pcap("quiet_link_headers_sll2.pcap", 276, [
    sll2(0x0800, IPV4_UDP),
    sll2(0x8100, b"\x20\x05\x08\x00" + IPV4_UDP),
    sll2(0x0004, LLC_STP),
    sll2(0x88b7, bytes(20)),
])
