# Writes invalid_headers.pcap: Ethernet records whose headers tcpdump rejects as it prints
# them ("[Invalid header: ...]"), between sound ones.
import struct

arp = bytes(6) + bytes([2, 0, 0, 0, 0, 1]) + b"\x08\x06" + bytes.fromhex(
    "0001080006040001" "020000000001" "0a000001" "000000000000" "0a000002"
)
records = [
    (len(arp), len(arp), arp),  # sound
    (0, 0, b""),  # caplen==0, len==0
    (0, 60, b""),  # caplen==0
    (len(arp), 0, arp),  # len==0
    (len(arp), 20, arp),  # len(20) < caplen(42)
    (len(arp), 300000, arp),  # len(300000) > 262144
    (len(arp), 60, arp),  # sound, padding not captured
]
with open("invalid_headers.pcap", "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    for i, (captured, wire, data) in enumerate(records):
        f.write(struct.pack("<IIII", 1_700_000_000 + i, 0, captured, wire))
        f.write(data)
