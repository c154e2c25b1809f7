# Writes udp_empty_payloads.pcap: for every UDP port that wirekit binds a decoder to, an
# empty datagram (UDP length 8), one whose 20-byte payload the capture did not keep, and
# one cut after its first payload byte; over IPv4, then over IPv6. tcpdump's udp_print()
# hands each to the port's printer, which says what is missing. tcp_empty_payloads.py
# builds its frames with frame() and write().
import struct

from _inet import csum

PORTS = [53, 5353, 67, 68, 69, 88, 123, 161, 162, 319, 320, 500, 514, 520, 521, 546, 547]
PORTS += [646, 750, 1701, 1985, 2049, 2152, 3784, 3785, 4500, 4784, 4789, 5060, 5359]
PORTS += [6081, 6343, 6635, 6696, 6697, 6784] + list(range(7000, 7010)) + [7500, 8500]
SRC4, DST4 = bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2])
SRC6 = bytes.fromhex("20010db8000000000000000000000001")
DST6 = bytes.fromhex("20010db8000000000000000000000002")
CASES = ((0, 0), (20, 0), (20, 1))  # (payload length, payload bytes captured)


def frame(ipv6, proto, header, checksum_at, payload):
    """An Ethernet frame: IP, then the transport header with its checksum and payload."""
    data = header + payload
    if ipv6:
        pseudo = SRC6 + DST6 + struct.pack("!IxxxB", len(data), proto)
        ip = struct.pack("!IHBB", 0x60000000, len(data), proto, 64) + SRC6 + DST6
        link = b"\x86\xdd"
    else:
        pseudo = SRC4 + DST4 + struct.pack("!BBH", 0, proto, len(data))
        ip = struct.pack("!BBHHHBBH", 0x45, 0, 20 + len(data), 1, 0, 64, proto, 0) + SRC4 + DST4
        ip = ip[:10] + struct.pack("!H", csum(ip)) + ip[12:]
        link = b"\x08\x00"
    sum_ = csum(pseudo + data) or (0xFFFF if proto == 17 else 0)
    data = data[:checksum_at] + struct.pack("!H", sum_) + data[checksum_at + 2 :]
    return bytes.fromhex("020000000002020000000001") + link + ip + data


def write(path, packets):
    """Writes (frame, payload length, payload bytes captured) records to `path`."""
    out = struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1)
    for n, (data, paylen, cap) in enumerate(packets):
        kept = data[: len(data) - paylen + cap]
        out += struct.pack("<IIII", 1 + n, 0, len(kept), len(data)) + kept
    with open(path, "wb") as f:
        f.write(out)


def main():
    packets = []
    for ipv6 in (False, True):
        for port in PORTS:
            for paylen, cap in CASES:
                udp = struct.pack("!HHHH", 40000, port, 8 + paylen, 0)
                packets.append((frame(ipv6, 17, udp, 6, bytes(paylen)), paylen, cap))
    write(__file__.replace(".py", ".pcap"), packets)


if __name__ == "__main__":
    main()
