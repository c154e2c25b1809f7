# Writes slow_protocols.pcap: IEEE 802.3 Slow Protocols (EtherType 0x8809) frames for
# tcpdump's slow_print(): LACP and Marker (other versions, every TLV, unknown TLVs, the
# Terminator, lengths shorter than a TLV header, than a TLV's fixed size and than the PDU),
# OAM (every code and flag, Information TLVs Local/Remote/organization-specific/reserved
# with every state, config flag and a known OUI, Event Notification with every link event,
# Loopback Control with every command, lengths too short for each part), unknown
# subtypes, lengths of 0 and 1, Ethernet padding, an 802.1Q tag, and PDUs cut by the
# capture at every byte.
import struct

DST = bytes.fromhex("0180c2000002")
SRC = bytes.fromhex("0013c4120f0d")
SYS1 = bytes.fromhex("0013c4120f00")
SYS2 = bytes.fromhex("000e8316f500")


def frame(pdu, pad=False, vlan=False):
    tag = bytes.fromhex("8100002a") if vlan else b""
    data = DST + SRC + tag + b"\x88\x09" + pdu
    return data + bytes(max(0, 60 - len(data))) if pad else data


def tlv(t, value, length=None):
    n = len(value) + 2 if length is None else length
    return bytes([t, n]) + value


def actor(t=1, state=0x85, sysprio=32768, system=SYS1, key=13, portprio=32768, port=22):
    return tlv(t, struct.pack(">H6sHHHB3s", sysprio, system, key, portprio, port, state, bytes(3)))


def collector(delay=32768):
    return tlv(3, struct.pack(">H12s", delay, bytes(12)))


def marker_info(t=1, port=22, system=SYS1, trans=0x12345678):
    return tlv(t, struct.pack(">H6sI2s", port, system, trans, bytes(2)))


TERMINATOR = bytes(52)


def lacp(*tlvs, version=1):
    return bytes([1, version]) + b"".join(tlvs)


def marker(*tlvs, version=1):
    return bytes([2, version]) + b"".join(tlvs)


def oam(code, data=b"", flags=0x0050):
    return bytes([3]) + struct.pack(">HB", flags, code) + data


def info(t=1, ver=1, rev=7, state=0, config=0x1F, pdu=0xF5EE, oui=0x00120F, vendor=0xDEADBEEF):
    return bytes([t, 16, ver]) + struct.pack(">HBBH", rev, state, config, pdu) + \
        oui.to_bytes(3, "big") + struct.pack(">I", vendor)


def event(t=1, length=40, ts=655, values=(1, 2, 3, 2**64 - 1), total=0xFFFFFFFF):
    return bytes([t, length]) + struct.pack(">HQQQQI", ts, *values, total)


LACP = lacp(actor(1), actor(2, 0x3A, system=SYS2, port=25), collector(), TERMINATOR)
MARKER = marker(marker_info(1), marker_info(2, 25, SYS2, 0xFFFFFFFF), TERMINATOR[:40])
INFO = oam(0, info(1) + info(2, state=5, config=0) + tlv(0xFE, b"\x00\x12\x0f\x01\x02") + bytes(2))
EVENTS = oam(1, struct.pack(">H", 513) + event(1) + event(2, values=(0, 0, 0, 0), total=0)
             + event(3) + event(4) + tlv(0xFE, b"\x00\x12\x0f\xaa") + b"\x00\x00")
LOOPBACK = oam(4, b"\x01")

packets = [
    # Lengths and subtypes.
    frame(b""),
    frame(b"\x01"),
    frame(b"\x02"),
    frame(b"\x03"),
    frame(b"\x03\x00\x00"),
    frame(b"\x00"),
    frame(b"\x04\x01\x02\x03"),
    frame(bytes([0xFF]) + bytes(range(40))),
    frame(b"\x0a", pad=True),
    # LACP.
    frame(LACP),
    frame(lacp(actor(1, 0xFF), actor(2, 0x00), collector(0), TERMINATOR)),
    frame(lacp(actor(1, 0x40), actor(2, 0x02), collector(1))),
    frame(lacp(version=2) + bytes(20)),
    frame(lacp(version=0)),
    frame(lacp()),
    frame(lacp(), pad=True),
    frame(lacp(tlv(1, bytes(17)), collector())),
    frame(lacp(tlv(1, bytes(19)), collector())),
    frame(lacp(tlv(2, b"")) + TERMINATOR),
    frame(lacp(tlv(3, bytes(13)), tlv(3, bytes(15)), TERMINATOR)),
    frame(lacp(tlv(4, b"\x01\x02\x03\x04\x05"), tlv(0x80, b""), TERMINATOR)),
    frame(lacp(tlv(9, b"", length=1))),
    frame(lacp(tlv(9, b"", length=0), TERMINATOR)),
    frame(lacp(tlv(1, b"", length=20))),
    frame(lacp(b"\x01")),
    frame(lacp(tlv(0, b"", length=9))),
    frame(lacp(marker_info(1))),
    frame(LACP, vlan=True),
    # Marker.
    frame(MARKER),
    frame(marker(marker_info(2, 0, SYS1, 0))),
    frame(marker(marker_info(1), tlv(2, bytes(14)), tlv(3, bytes(3)), TERMINATOR)),
    frame(marker(tlv(1, bytes(10)), tlv(1, bytes(20)), TERMINATOR)),
    frame(marker(actor(1), collector(), TERMINATOR)),
    frame(marker(version=3)),
    frame(marker(tlv(5, b"", length=1))),
    frame(marker(), pad=True),
    # OAM Information.
    frame(INFO),
    *[frame(oam(0, info(1, state=s))) for s in range(0, 8)],
    *[frame(oam(0, info(2, config=1 << b, oui=o)), pad=True)
      for b, o in enumerate((0x000000, 0x00000C, 0x0080C2, 0x009069, 0xD0F0DB, 0x123456))],
    frame(oam(0, info(1, pdu=0x0040, ver=255, rev=65535, vendor=0))),
    frame(oam(0, tlv(1, bytes(10)) + tlv(2, bytes(20)) + tlv(0x10, b"ab") + tlv(0xFE, b""))),
    frame(oam(0, tlv(3, b"", length=1))),
    frame(oam(0, tlv(0, b"", length=0))),
    frame(oam(0, tlv(0xFE, b"\x01\x02\x03", length=9))),
    frame(oam(0, b"\x01")),
    frame(oam(0, b"")),
    *[frame(oam(0, flags=f)) for f in (0x0001, 0x0002, 0x0004, 0x0008, 0x0020, 0x0040, 0xFF80, 0xFFFF, 0)],
    # OAM Event Notification.
    frame(EVENTS),
    frame(oam(1, b"\x00\x01" + event(5) + event(2, length=39)[:39] + event(3, length=41) + bytes(1))),
    frame(oam(1, b"\x00\x01" + tlv(0, b"", length=40))),
    frame(oam(1, b"\x00\x01" + tlv(1, b"", length=1))),
    frame(oam(1, b"\x00\x01" + event(4)[:30])),
    frame(oam(1, b"\x00\x01\x04")),
    frame(oam(1, b"\x00")),
    frame(oam(1, b"")),
    frame(oam(1, b"\xff\xff"), pad=True),
    # OAM Loopback Control, other codes.
    frame(LOOPBACK),
    frame(oam(4, b"\x02")),
    frame(oam(4, b"\x00")),
    frame(oam(4, b"\xff"), pad=True),
    frame(oam(4, b"")),
    frame(oam(2, b"\x07\x00\x02\x07\x00\x10")),
    frame(oam(3, b"\x07\x00\x02\x04\x00\x00\x00\x01" + bytes(30))),
    frame(oam(0xFE, b"\x00\x12\x0f" + bytes(range(20)))),
    frame(oam(0x05, b"\x01\x02")),
    frame(oam(0x80, b"")),
    frame(INFO, vlan=True),
]

# Cuts: (frame, captured length) at every byte of each PDU.
cuts = []
for pdu in (LACP[:60], MARKER[:40], INFO, EVENTS, LOOPBACK, oam(3, bytes(8)),
            bytes([0x05]) + bytes(6)):
    data = frame(pdu)
    cuts += [(data, n) for n in range(14, len(data))]
# Whole frames where the wire length claims more than the PDU carries (captured in full).
for pdu in (LACP[:46], INFO[:40], EVENTS[:50]):
    data = frame(pdu)
    cuts += [(data + bytes(20), len(data))]

with open("slow_protocols.pcap", "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    records = [(data, len(data)) for data in packets] + cuts
    for i, (data, n) in enumerate(records):
        f.write(struct.pack("<IIII", 1_700_000_000 + i, 0, n, len(data)))
        f.write(data[:n])
