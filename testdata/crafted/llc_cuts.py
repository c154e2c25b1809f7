# Writes llc_cuts.pcap: 802.3 frames whose LLC, SNAP or CDP header the capture cuts (longer
# on the wire), as tcpdump's llc_print(), snap_print() and cdp_print() stop: [|llc] with the
# bytes there are, [|snap] (after the LLC header with -e), CDP's version and TTL before
# [|cdp], a CDP message shorter on the wire than its header, an XID frame cut in its
# format identifier's fields, and an I frame's bytes (left out with -q).
import struct

ETH = bytes([1, 0x80, 0xC2, 0, 0, 0]) + bytes([2, 0, 0, 0, 0, 1])
SNAP_CDP = bytes.fromhex("aaaa03 00000c 2000 02b4")
records = []
for cut in range(len(SNAP_CDP) + 1):
    records.append((ETH + struct.pack(">H", 30) + SNAP_CDP[:cut], 20))
# An I frame's control field (2 bytes) cut after its first byte; a whole I frame.
records.append((ETH + struct.pack(">H", 30) + bytes.fromhex("4242 00"), 20))
records.append((ETH + struct.pack(">H", 30) + bytes.fromhex("f0f0 0001"), 20))
# A CDP message of 1 byte on the wire (the 802.3 length says so), and one of 2 bytes.
records.append((ETH + struct.pack(">H", 9) + SNAP_CDP[:9], 0))
records.append((ETH + struct.pack(">H", 10) + SNAP_CDP[:10], 0))
# XID frames: the basic format cut after 1 and 2 bytes, and whole.
for cut in (1, 2, 3):
    records.append((ETH + struct.pack(">H", 30) + bytes.fromhex("0000af 810102")[: 3 + cut], 20))
# A SNAP header cut inside an 802.1Q tag's frame.
records.append((ETH + bytes.fromhex("8100 0005") + struct.pack(">H", 30) + bytes.fromhex("aaaa0300"), 20))
with open("llc_cuts.pcap", "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    for i, (record, missing) in enumerate(records):
        f.write(struct.pack("<IIII", 1_700_000_000 + i, 0, len(record), len(record) + missing))
        f.write(record)
