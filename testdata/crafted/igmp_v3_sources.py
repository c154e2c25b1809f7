# Writes igmp_v3_sources.pcap: IGMPv3 reports whose record's sources tcpdump prints from
# -vv on ({ 10.0.0.1 10.0.0.2 }), whole and cut by the capture inside the sources (a cut
# source ends the packet with [|igmp]); at -v it prints their number.
import struct

IGMP = bytes.fromhex("22000000 00000001 02000002 efffffa0 0a000001 0a000002")


def ip(payload, wire):
    header = bytes.fromhex("4500") + struct.pack(">H", 20 + wire) + bytes.fromhex(
        "000100000102 0000 0a000001 e0000016")
    return header + payload


records = [ip(IGMP[:len(IGMP) - cut], len(IGMP)) for cut in (0, 2, 4, 6)]
with open("igmp_v3_sources.pcap", "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 101))
    for i, record in enumerate(records):
        f.write(struct.pack("<IIII", 1_700_000_000 + i, 0, len(record), 20 + len(IGMP)))
        f.write(record)
