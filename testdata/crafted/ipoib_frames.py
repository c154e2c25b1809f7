# Writes ipoib_frames.pcap: LINKTYPE_IPOIB (242), the 44-byte pseudo-header of IP over
# InfiniBand as tcpdump's ipoib_if_print() reads it: IPv4, IPv6, ARP with InfiniBand
# hardware addresses, EtherTypes tcpdump names but does not decode, unknown ones and
# values below 0x0600 (printed with the header in hex: there is no 802.3 length here),
# a non-zero reserved field, and frames cut at every byte of the header and in the payload.
import struct
from _inet import ipv4_udp, ipv6_udp


# The hardware address part: a 20-byte IPoIB address and padding, as Linux captures it.
ADDRESS = bytes.fromhex("80000550fe8000000000000000100e000664ab45") + bytes(20)
HW = bytes.fromhex("80000550fe800000000000000010e000664ab451")
ARP = struct.pack(">HHBBH", 32, 0x0800, 20, 4, 1) + HW + bytes([10, 0, 0, 1]) + bytes(20) + bytes([10, 0, 0, 2])
IP = ipv4_udp()


def header(ether_type, reserved=0):
    return ADDRESS + struct.pack(">HH", ether_type, reserved)


frames = [
    header(0x0800) + IP,
    header(0x86DD) + ipv6_udp(),
    header(0x0806) + ARP,
    header(0x0800, 0xABCD) + IP,
    header(0x1234) + b"\x01\x02\x03\x04",
    header(0x0000) + b"\x01\x02",
    header(0x05DC) + b"\xaa\xaa\x03\x00\x00\x00\x08\x00" + IP,
    header(0x88B5) + b"local",
    header(0x0200) + b"pup",
    header(0x6000) + b"dec",
    header(0x0800),
    header(0x1234),
]
full = header(0x0800) + IP
records = [(f, len(f)) for f in frames]
records += [(full[:n], len(full)) for n in (0, 1, 20, 39, 40, 41, 42, 43, 44, 45, 54)]
with open("ipoib_frames.pcap", "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 242))
    for i, (data, wire) in enumerate(records):
        f.write(struct.pack("<IIII", 1_700_000_000 + i, 1000 * i, len(data), wire))
        f.write(data)
