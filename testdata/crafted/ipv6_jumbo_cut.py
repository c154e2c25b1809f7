# Writes ipv6_jumbo_cut.pcap: IPv6 jumbograms (payload length 0, a hop-by-hop jumbo payload
# option) whose wire length is short of the jumbo payload length and whose capture is cut,
# as fuzzers and broken stacks write them: ip6_print() says how many bytes are missing and
# still hands the protocol after the option the jumbo length less the option header, so
# ICMPv6 and TCP print that length (and no checksum: the bytes are not there) and UDP's
# length 0 stands for it. One jumbogram sent whole (the wire as long as the option says)
# for comparison.
import struct
from _inet import write_pcap

SRC = bytes.fromhex("20010db8000000000000000000000001")
DST = bytes.fromhex("20010db8000000000000000000000002")
ETH = bytes.fromhex("000000000002000000000001") + b"\x86\xdd"


def jumbogram(next_header, payload, jumbo, short_by, captured=120):
    hbh = bytes([next_header, 0, 0xC2, 4]) + struct.pack(">I", jumbo)
    frame = ETH + struct.pack(">IHBB", 0x60000000, 0, 0, 64) + SRC + DST + hbh + payload
    return frame[:captured], len(ETH) + 40 + jumbo - short_by


ECHO = bytes.fromhex("8000 0000 1234 0001".replace(" ", "")) + bytes(range(64))
UDP = struct.pack(">HHHH", 40000, 443, 0, 0) + bytes(64)
UDP_DNS = struct.pack(">HHHH", 40000, 53, 0, 0) + bytes.fromhex("12340100000100000000000003777777") + bytes(48)
TCP = struct.pack(">HHIIBBHHH", 40000, 80, 1, 0, 0x50, 0x18, 512, 0, 0) + b"GET / HTTP/1.1\r\n" + bytes(48)
records = []
for jumbo, short_by in ((65537, 1), (65536, 200), (70000, 0), (1 << 20, 4000)):
    for proto, payload in ((58, ECHO), (17, UDP), (17, UDP_DNS), (6, TCP)):
        records.append(jumbogram(proto, payload, jumbo, short_by))
write_pcap("ipv6_jumbo_cut.pcap", records)
