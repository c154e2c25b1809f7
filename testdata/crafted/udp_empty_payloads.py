# Writes udp_empty_payloads.pcap: for every UDP port that wirekit binds a decoder to, an
# empty datagram (UDP length 8), one whose 20-byte payload the capture did not keep, and
# one cut after its first payload byte; over IPv4, then the first of each port set over
# IPv6. tcpdump's udp_print() hands each to the port's printer, which says what is missing.
import struct

from _inet import csum

PORTS = [53, 5353, 67, 68, 69, 88, 123, 161, 162, 319, 320, 500, 514, 520, 521, 546, 547]
PORTS += [646, 750, 1701, 1985, 2049, 2152, 3784, 3785, 4500, 4784, 4789, 5060, 5359]
PORTS += [6081, 6343, 6635, 6696, 6697, 6784] + list(range(7000, 7010)) + [7500, 8500]
SRC4, DST4 = bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2])
SRC6 = bytes.fromhex("20010db8000000000000000000000001")
DST6 = bytes.fromhex("20010db8000000000000000000000002")
CASES = ((0, 0), (20, 0), (20, 1))  # (payload length, payload bytes captured)


def udp(dport, paylen, pseudo):
    data = struct.pack("!HHHH", 40000, dport, 8 + paylen, 0) + bytes(paylen)
    return data[:6] + struct.pack("!H", csum(pseudo + data) or 0xFFFF) + data[8:]


def ipv4(dport, paylen):
    pseudo = SRC4 + DST4 + struct.pack("!BBH", 0, 17, 8 + paylen)
    ip = struct.pack("!BBHHHBBH", 0x45, 0, 28 + paylen, 1, 0, 64, 17, 0) + SRC4 + DST4
    ip = ip[:10] + struct.pack("!H", csum(ip)) + ip[12:]
    return b"\x08\x00" + ip + udp(dport, paylen, pseudo)


def ipv6(dport, paylen):
    pseudo = SRC6 + DST6 + struct.pack("!IxxxB", 8 + paylen, 17)
    ip = struct.pack("!IHBB", 0x60000000, 8 + paylen, 17, 64) + SRC6 + DST6
    return b"\x86\xdd" + ip + udp(dport, paylen, pseudo)


def main():
    out = struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1)
    packets = [(ipv4, port) for port in PORTS] + [(ipv6, port) for port in PORTS]
    for n, (net, port) in enumerate(packets):
        for paylen, cap in CASES:
            frame = bytes.fromhex("020000000002020000000001") + net(port, paylen)
            data = frame[: len(frame) - paylen + cap]
            out += struct.pack("<IIII", 1 + n, 0, len(data), len(frame)) + data
    with open(__file__.replace(".py", ".pcap"), "wb") as f:
        f.write(out)


main()
