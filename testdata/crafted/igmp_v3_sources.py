# Writes igmp_v3_sources.pcap: IGMPv3 reports whose record's sources tcpdump prints from
# -vv on ({ 10.0.0.1 10.0.0.2 }), whole and cut by the capture inside the sources (a cut
# source ends the packet with [|igmp]); at -v it prints their number. Then reports as
# print_igmpv3_report() walks them: it steps over a record's sources but not its auxiliary
# data (the next record is read from the aux bytes), names record types 1 to 6 only, checks
# the record and source counts against the IP length, and reads every field it prints (a
# record cut anywhere, at -v and -vv).
import struct

IGMP = bytes.fromhex("22000000 00000001 02000002 efffffa0 0a000001 0a000002")


def ip(payload, wire):
    header = bytes.fromhex("4500") + struct.pack(">H", 20 + wire) + bytes.fromhex(
        "000100000102 0000 0a000001 e0000016")
    return header + payload


def report(count, body):
    return bytes.fromhex("22000000 0000") + struct.pack(">H", count) + body


def record(kind, sources, aux=0, count=None):
    header = bytes([kind, aux]) + struct.pack(">H", len(sources) if count is None else count)
    return header + bytes.fromhex("efffffa1") + b"".join(bytes.fromhex(s) for s in sources) + bytes(4 * aux)


AUX = report(2, record(0, ["0a000003"], aux=1) + record(7, []) + record(6, ["0a000005"]))
SHORT_GROUPS = report(3, record(1, []))
SHORT_SOURCES = report(1, record(2, ["0a000004"], count=5))
TWO = report(2, record(3, ["0a000006"]) + record(4, ["0a000007", "0a000008"]))

messages = [(IGMP[:len(IGMP) - cut], len(IGMP)) for cut in (0, 2, 4, 6)]
messages += [(m, len(m)) for m in (AUX, SHORT_GROUPS, SHORT_SOURCES, TWO)]
messages += [(TWO[:n], len(TWO)) for n in (8, 9, 12, 15, 16, 19, 20, 23, 24, 27, 28, 32, 35, 36, 39)]
with open("igmp_v3_sources.pcap", "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 101))
    for i, (message, wire) in enumerate(messages):
        packet = ip(message, wire)
        f.write(struct.pack("<IIII", 1_700_000_000 + i, 0, len(packet), 20 + wire))
        f.write(packet)
