# Writes ip_undecoded_next.pcap: what follows the last IPv6 extension header when wirekit
# does not decode it (tcpdump's ip_demux_print(): "ip-proto-N LEN", "no next header"), after
# routing, destination options, hop-by-hop and fragment headers, chained or alone, with a
# full, short or empty payload; and IPv4 headers of which no byte was captured (tcpdump's
# read of the version ends the packet before "IP "), after Ethernet, 802.1Q and IPv6.
import struct

SRC = bytes(15) + b"\x01"
DST = bytes(15) + b"\x02"
ETH = bytes(6) + bytes([2, 0, 0, 0, 0, 1])


def ip6(next_header, payload):
    return struct.pack("!IHBB", 0x60000000, len(payload), next_header, 64) + SRC + DST + payload


def routing(next_header):
    return struct.pack("!BBBB", next_header, 2, 2, 1) + bytes(4) + bytes(15) + b"\x03"


def options(next_header):
    return struct.pack("!BB", next_header, 0) + bytes([1, 4, 0, 0, 0, 0])


def fragment(next_header, offset):
    return struct.pack("!BBHI", next_header, 0, offset << 3, 0x1234)


records = []
for nxt in (165, 59, 200, 4, 41):
    records.append(ETH + b"\x86\xdd" + ip6(43, routing(nxt) + bytes(36)))
    records.append(ETH + b"\x86\xdd" + ip6(60, options(nxt) + bytes(36)))
    records.append(ETH + b"\x86\xdd" + ip6(0, options(nxt) + bytes(36)))
    records.append(ETH + b"\x86\xdd" + ip6(44, fragment(nxt, 0) + bytes(36)))
    records.append(ETH + b"\x86\xdd" + ip6(44, fragment(nxt, 5) + bytes(36)))
    records.append(ETH + b"\x86\xdd" + ip6(0, options(60) + options(43) + routing(nxt) + bytes(36)))
    records.append(ETH + b"\x86\xdd" + ip6(60, options(nxt) + bytes(10)))
    records.append(ETH + b"\x86\xdd" + ip6(60, options(nxt)))
ipv4 = bytes.fromhex("4500001c000100004011000a0a0000010a000002")
records += [
    ETH + b"\x08\x00",
    ETH + b"\x08\x00" + ipv4[:1],
    ETH + b"\x08\x00" + ipv4[:10],
    ETH + b"\x81\x00\x00\x05\x08\x00",
    ETH + b"\x86\xdd" + ip6(60, options(4)),
    ETH + b"\x86\xdd" + ip6(60, options(4) + ipv4[:1]),
]
with open("ip_undecoded_next.pcap", "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    for i, record in enumerate(records):
        # The IPv4 frames were longer on the wire than captured.
        f.write(struct.pack("<IIII", 1_700_000_000 + i, 0, len(record), len(record) + 40))
        f.write(record)
