# Writes arista_timestamp.pcap: Arista vendor-specific EtherType (0xd28b) frames for
# tcpdump's arista_ethertype_print(): the timestamp subtype with each timescale (TAI, UTC,
# unknown), each format (64-bit, 48-bit, unknown) and hardware info (R/R2, R3, unknown),
# nanoseconds of a second or more, inner IPv4, 802.1Q, MPLS, ARP, an 802.3 length with
# LLC, an unknown EtherType, a MACsec SecTAG and a second Arista header; an unknown subtype;
# the header after an 802.1Q tag and inside MACsec; and frames cut by the capture at every
# byte.
import struct

DST = bytes.fromhex("000000000001")
SRC = bytes.fromhex("001122334455")


def ip_packet():
    body = b"arista!!"
    total = 20 + len(body)
    hdr = bytearray(struct.pack(">BBHHHBBH4s4s", 0x45, 0, total, 7, 0, 64, 63, 0,
                                bytes([10, 136, 1, 32]), bytes([10, 2, 23, 24])))
    s = sum((hdr[i] << 8) | hdr[i + 1] for i in range(0, 20, 2))
    s = (s & 0xFFFF) + (s >> 16)
    hdr[10:12] = struct.pack(">H", ~s & 0xFFFF)
    return bytes(hdr) + body


IP = ip_packet()
ARP = bytes.fromhex("0001080006040001") + SRC + bytes([10, 0, 0, 1]) + bytes(6) + bytes(
    [10, 0, 0, 2]
)


def ts(timescale=0, fmt=1, hw=0, seconds=0x5CEEED57, ns=944724424, subtype=1):
    head = struct.pack(">HBB", subtype, timescale, (fmt << 4) | hw)
    if fmt == 1:
        return head + struct.pack(">II", seconds, ns)
    if fmt == 2:
        return head + struct.pack(">HI", seconds & 0xFFFF, ns)
    return head


def frame(body, tag=b""):
    return DST + SRC + tag + b"\xd2\x8b" + body


packets = [
    frame(ts() + b"\x08\x00" + IP),
    frame(ts(1, 1, 1) + b"\x08\x00" + IP),
    frame(ts(7, 1, 9, ns=3_999_999_999) + b"\x08\x00" + IP),
    frame(ts(0, 2, 0, seconds=0x1234) + b"\x08\x00" + IP),
    frame(ts(1, 2, 1, seconds=0xFFFF, ns=2_500_000_000) + b"\x08\x00" + IP),
    frame(ts(0, 1, 0, seconds=0xFFFFFFFF, ns=0xFFFFFFFF) + b"\x08\x00" + IP),
    frame(ts() + b"\x81\x00\x00\x64\x08\x00" + IP),
    frame(ts() + b"\x88\x47\x00\x40\x01\x40" + IP),
    frame(ts() + b"\x08\x06" + ARP),
    frame(ts() + struct.pack(">H", 7) + bytes.fromhex("424203000000") + b"\x00"),
    frame(ts() + struct.pack(">H", 200) + bytes.fromhex("424203000000") + b"\x00"),
    frame(ts() + b"\x88\xb7" + b"vendor-data"),
    frame(ts() + b"\xd2\x8b" + ts(1, 2) + b"\x08\x00" + IP),
    frame(ts() + b"\x88\xe5" + bytes.fromhex("200000000044") + bytes(range(8)) + b"\x08\x00"
          + IP + bytes(16)),
    # Unknown format and subtype.
    frame(ts(0, 3, 0) + bytes(range(12))),
    frame(ts(1, 0, 1) + bytes(range(12))),
    frame(ts(subtype=2) + b"\x08\x00" + IP),
    # After an 802.1Q tag, and inside MACsec.
    frame(ts() + b"\x08\x00" + IP, tag=b"\x81\x00\x00\x2a"),
    DST + SRC + b"\x88\xe5" + bytes.fromhex("000000000009") + b"\xd2\x8b" + ts() + b"\x08\x00"
    + IP + bytes(16),
    # Ethernet padding.
    frame(ts() + b"\x08\x06" + ARP + bytes(8)),
]

# Cuts: (frame, captured length) at every byte of the header and the inner type.
cuts = []
for data in (packets[0], packets[3], packets[14], packets[16], packets[17]):
    cuts += [(data, n) for n in range(12, min(len(data), 34))]

with open("arista_timestamp.pcap", "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    records = [(data, len(data)) for data in packets] + cuts
    for i, (data, n) in enumerate(records):
        f.write(struct.pack("<IIII", 1_700_000_000 + i, 0, n, len(data)))
        f.write(data[:n])
