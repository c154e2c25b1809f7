# Writes invalid_timestamps_micro.pcap and invalid_timestamps_nano.pcap: ARP frames whose
# record headers hold a fraction field of a second or more (up to 2^32 - 1), which libpcap
# hands on unchanged (scaled in 32-bit arithmetic when the units differ) and tcpdump prints
# as it is; sound fractions between them.
import struct

arp = bytes(6) + bytes([2, 0, 0, 0, 0, 1]) + b"\x08\x06" + bytes.fromhex(
    "0001080006040001" "020000000001" "0a000001" "000000000000" "0a000002"
)
for name, magic, second in (("micro", 0xA1B2C3D4, 10**6), ("nano", 0xA1B23C4D, 10**9)):
    fractions = [
        second - 1,  # the largest sound fraction
        second,  # one second: tcpdump prints 7 or 10 digits
        2**31,  # a negative C int
        2**32 - 1,  # the largest field
        3 * second + 123,  # seconds to carry
        0,
    ]
    with open(f"invalid_timestamps_{name}.pcap", "wb") as f:
        f.write(struct.pack("<IHHiIII", magic, 2, 4, 0, 0, 65535, 1))
        for i, fraction in enumerate(fractions):
            f.write(struct.pack("<IIII", 1_700_000_000 + i, fraction, len(arp), 60))
            f.write(arp)
