# Writes vlan_cut_tags.pcap: Ethernet frames whose 802.1Q/802.1ad tags the capture cuts
# (in the first tag, in a second one, after a complete tag), longer on the wire: tcpdump's
# ether_print() stops in its loop over the tags after the addresses (and the complete
# tags' fields with -e), prints [|vlan], and counts every captured byte as link header.
import struct

ETH = bytes(6) + bytes([2, 0, 0, 0, 0, 1])
IPV4 = bytes.fromhex("4500001c000100004011000a0a0000010a000002")
records = [
    ETH + b"\x81\x00",
    ETH + b"\x81\x00\x00",
    ETH + b"\x81\x00\x00\x05",
    ETH + b"\x81\x00\x00\x05\x08",
    ETH + b"\x81\x00\x00\x05\x08\x00",
    ETH + b"\x81\x00\x00\x05\x08\x00" + IPV4[:5],
    ETH + b"\x88\xa8\x00",
    ETH + b"\x88\xa8\x00\x05\x81\x00",
    ETH + b"\x88\xa8\x00\x05\x81\x00\x00\x07\x08",
    ETH + b"\x91\x00\x00",
    ETH + b"\x81\x00\x00\x05\x81\x00\x00",
]
with open("vlan_cut_tags.pcap", "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    for i, record in enumerate(records):
        f.write(struct.pack("<IIII", 1_700_000_000 + i, 0, len(record), len(record) + 40))
        f.write(record)
