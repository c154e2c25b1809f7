# Writes mlppp_fragments.pcap (link type PPP) and mlppp_pppoe.pcap (Ethernet, PPPoE
# sessions): multilink PPP (protocol 0x003d) fragment headers with each combination of the
# begin and end flags, 12-bit sequence numbers with the reserved bits set, payloads of 0 to
# 40 bytes, and frames cut by the capture before, inside and after the 2-byte header.
import struct

from _inet import write_pcap


def write_ppp_pcap(name, records):
    # Writes (data, length on the wire) records as a LINKTYPE_PPP (9) pcap, a second apart.
    with open(name, "wb") as out:
        out.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 9))
        for i, (data, wire) in enumerate(records):
            out.write(struct.pack("<IIII", 1_700_000_000 + i, 0, len(data), wire))
            out.write(data)


def mlppp(first, second, payload):
    return b"\x00\x3d" + bytes([first, second]) + payload


fragments = [
    mlppp(0xC0, 0x01, b"\x00\x21" + bytes(20)),
    mlppp(0x80, 0x02, bytes(8)),
    mlppp(0x00, 0x03, bytes(8)),
    mlppp(0x40, 0x04, bytes(3)),
    mlppp(0x3F, 0xFF, b""),
    mlppp(0xFA, 0xBC, bytes(40)),
]
records = [(b"\xff\x03" + f, 2 + len(f)) for f in fragments]
whole = b"\xff\x03" + mlppp(0xC0, 0x12, bytes(6))
records += [(whole[:n], len(whole)) for n in range(4, 7)]
records += [(b"\xff\x03\x00\x3d\x80", 5)]
write_ppp_pcap("mlppp_fragments.pcap", records)

MACS = bytes.fromhex("020000000002020000000001")


def pppoe(ppp, length=None):
    size = len(ppp) if length is None else length
    return MACS + b"\x88\x64" + struct.pack(">BBHH", 0x11, 0, 0x1234, size) + ppp


frames = [(pppoe(f), None) for f in fragments]
frames += [(pppoe(mlppp(0x80, 0x05, b""), 3), None), (pppoe(mlppp(0x40, 0x06, b""), 2), None)]
cut = pppoe(mlppp(0xC0, 0x07, bytes(10)))
frames += [(cut[:n], len(cut)) for n in range(len(cut) - 12, len(cut) - 9)]
write_pcap("mlppp_pppoe.pcap", frames)
