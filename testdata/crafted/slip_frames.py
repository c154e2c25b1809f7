# Writes slip_frames.pcap (LINKTYPE_SLIP, 8) and slip_bsdos_frames.pcap (LINKTYPE_SLIP_BSDOS,
# 15) and slip_bsdos102_frames.pcap (102, which libpcap reads as BSD/OS SLIP): the 16-byte
# BPF pseudo-header (direction, then 15 bytes of the link's compressed header) as
# tcpdump's sl_if_print() and sl_bsdos_if_print() read it. For SLIP: both directions and
# invalid ones; IP, uncompressed TCP (the connection number in the copy's protocol field)
# and compressed TCP packets, other types (slip-N!); compressed headers with a new
# connection or not, the two special cases (which print the data length remembered from
# an earlier packet of the connection), every change (U, W, A, S, I) in one byte and in
# three (a zero, then 16 bits; a negative window), changes running into the IP packet and
# past the capture; IPv4, IPv6 and other versions; TCP with options; cuts in the
# pseudo-header, before the IP version, in the IP and the TCP headers.
import struct
from _inet import csum, ipv4_udp, ipv6_udp


def ipv4_tcp(payload=b"hello", options=b""):
    src, dst = bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2])
    off = (20 + len(options)) // 4
    tcp = struct.pack(">HHIIBBHHH", 1024, 23, 1000, 2000, off << 4, 0x18, 4096, 0, 0) + options + payload
    pseudo = src + dst + struct.pack(">BBH", 0, 6, len(tcp))
    tcp = tcp[:16] + struct.pack(">H", csum(pseudo + tcp)) + tcp[18:]
    ip = struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), 1, 0, 64, 6, 0, src, dst)
    return ip[:10] + struct.pack(">H", csum(ip)) + ip[12:] + tcp


TCP = ipv4_tcp()
TCP_OPTS = ipv4_tcp(b"data data", b"\x01\x01\x01\x01\x02\x04\x05\xb4")


def slip(direction, chdr, packet):
    return bytes([direction]) + chdr.ljust(15, b"\0")[:15] + packet


def utcp(conn, type_byte=0x70):
    # The copy of the IP header after the type byte: its protocol field (byte 9) is the
    # connection number.
    return bytes([type_byte]) + bytes(8) + bytes([conn])


frames = [
    slip(0, b"\x40", TCP),
    slip(1, b"\x45", ipv4_udp()),
    slip(0, b"\x4f", ipv6_udp()),
    slip(2, b"\x40", TCP),
    slip(255, b"\x40", TCP),
    slip(0, utcp(3), TCP),
    slip(1, utcp(3), TCP_OPTS),
    slip(7, utcp(9), TCP),
    # Compressed: a new connection 3, every change in one byte (each reads the same byte).
    slip(0, b"\xcf\x03\x12\x34\x05", TCP),
    slip(0, b"\xc0\x03\x12\x34", TCP),
    slip(0, b"\x80\x12\x34", TCP),
    # The special cases, after the lengths remembered from connection 3 (in and out).
    slip(0, b"\x8b\x12\x34", TCP),
    slip(1, b"\x8f\x12\x34", TCP),
    slip(0, b"\xcb\x03\x12\x34", TCP),
    slip(0, b"\xcf\x09\x12\x34", TCP),
    slip(0, b"\xab\x12\x34\x07", TCP),
    # Changes in three bytes: U, W (positive and negative), A, S, I.
    slip(0, b"\x81\x12\x34\x00\x01\x02", TCP),
    slip(0, b"\x82\x12\x34\x00\x7f\xff", TCP),
    slip(0, b"\x82\x12\x34\x00\x80\x00", TCP),
    slip(0, b"\x82\x12\x34\x00\xff\xfe", TCP),
    slip(0, b"\x82\x12\x34\x30", TCP),
    slip(0, b"\x84\x12\x34\x00\x10\x00", TCP),
    slip(0, b"\x88\x12\x34\x00\xff\xff", TCP),
    slip(1, b"\xa7\x12\x34\x00\x00\x01\x00\x00\x02\x00\x00\x03\x00\x00\x04", TCP),
    slip(0, b"\xe7\x05\x12\x34\x00\x00\x01\x00\x00\x02\x00\x00\x03\x00\x00", b"\x04" + TCP[1:]),
    slip(1, b"\xa0\x12\x34\x00\x01\x00", TCP),
    # Other types, and an invalid direction before a compressed or other type.
    slip(0, b"\x00", TCP),
    slip(1, b"\x5a", TCP),
    slip(0, b"\x60", TCP),
    slip(3, b"\xcf\x03", TCP),
    slip(3, b"\x00", TCP),
    # Versions other than 4 and 6, and an IPv6 packet marked IP.
    slip(0, b"\x40", b"\x35" + TCP[1:]),
    slip(1, b"\x40", b"\x00\x00"),
    slip(0, b"\x40", b"\xf0"),
    slip(0, b"\x40", ipv6_udp()),
    slip(0, b"\x40", b""),
]
records = [(f, len(f)) for f in frames]
# Cuts: in the pseudo-header, at the IP version, in the IP and TCP headers, for each type.
for chdr in (b"\x40", utcp(4), b"\xcf\x04\x12\x34", b"\x8f\x12\x34"):
    full = slip(0, chdr, TCP)
    records += [(full[:n], len(full)) for n in (1, 8, 15, 16, 17, 30, 35, 36, 50, 55, 56)]
# Changes past the capture: one byte missing, two of three missing.
full = slip(0, b"\x82\x12\x34", b"")
records += [(full[:n], len(full) + 40) for n in (16,)]
full = slip(1, b"\x87\x12\x34\x00\x00\x01\x00\x00\x02\x00\x00\x03\x00\x00\x04", TCP)
records += [(full[:n], len(full)) for n in (16, 17, 18)]
full = slip(1, b"\x81\x12\x34\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00", b"")
records += [(full, len(full))]


def write(name, link_type, records):
    with open(name, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, link_type))
        for i, (data, wire) in enumerate(records):
            f.write(struct.pack("<IIII", 1_700_000_000 + i, 1000 * i, len(data), wire))
            f.write(data)


write("slip_frames.pcap", 8, records)
bsdos = [slip(0, b"\x40", TCP), slip(1, b"\x40", ipv4_udp()), slip(0, b"\x40", ipv6_udp())]
bsdos += [slip(0, b"\x40", b"\x35" + TCP[1:]), slip(0, b"", b"")]
bsdos_records = [(f, len(f)) for f in bsdos]
bsdos_records += [(bsdos[0][:n], len(bsdos[0])) for n in (1, 15, 16, 17, 30, 36, 50)]
write("slip_bsdos_frames.pcap", 15, bsdos_records)
write("slip_bsdos102_frames.pcap", 102, bsdos_records[:3])
