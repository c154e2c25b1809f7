# Writes geonet_calm_fast.pcap: ETSI GeoNetworking (EtherTypes 0x0707 and 0x8947) and ISO
# CALM FAST (EtherType 0x1111) frames for tcpdump's geonet_print() and calm_fast_print():
# every next header (BTP-A, BTP-B, IPv6, unknown) and header type/subtype tcpdump names (and
# unknown ones), the extended headers it skips (none, 32 bytes for a multi-hop broadcast) and
# those it does not, BTP headers with ITS PDU headers of every message type, lengths under
# the common header, the extended header and the BTP header, bodies of 0 and 1 byte, CALM FAST
# packets of 0, 1, 2 and more bytes, Ethernet padding, an 802.1Q tag, LLC/SNAP (with bytes
# past the 802.3 length), GeoNet in Geneve (no link address), and packets cut by the capture
# at every byte.
import struct

DST = bytes.fromhex("ffffffffffff")
SRC = bytes.fromhex("000c426954be")
GN_ADDR = bytes.fromhex("c0cc000c426954be")


def frame(ethertype, payload, pad=False, vlan=False):
    tag = bytes.fromhex("8100002a") if vlan else b""
    data = DST + SRC + tag + struct.pack(">H", ethertype) + payload
    return data + bytes(max(0, 60 - len(data))) if pad else data


def snap(ethertype, payload, trailer=b""):
    llc = bytes.fromhex("aaaa03000000") + struct.pack(">H", ethertype) + payload
    return DST + SRC + struct.pack(">H", len(llc)) + llc + trailer


def checksum(data):
    total = sum(struct.unpack(f">{len(data) // 2}H", data))
    while total > 0xFFFF:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


def geneve(ethertype, payload):
    udp = struct.pack(">HHHH", 40000, 6081, 8 + 8 + len(payload), 0)
    body = udp + bytes([0, 0]) + struct.pack(">H", ethertype) + bytes.fromhex("00123400") + payload
    ip = struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + len(body), 1, 0, 64, 17, 0,
                     bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2]))
    ip = ip[:10] + struct.pack(">H", checksum(ip)) + ip[12:]
    return frame(0x0800, ip + body)


def common(nh=1, ht=5, hst=1, version=0, payload=0, hop=2, lat=514775183, lon=56605966):
    return (bytes([(version << 4) | nh, (ht << 4) | hst, 0, 0]) + struct.pack(">H", payload)
            + bytes([0, hop]) + GN_ADDR + bytes(4) + struct.pack(">II", lat, lon)
            + bytes.fromhex("000c00b4003c0000"))


def btp(dst=5000, src=5000, body=b"\x00\x00\x01\x3c\xf7\xd0"):
    return struct.pack(">HH", dst, src) + body


MH = bytes.fromhex("0000013cf7d0912d0000001984006bf4d607abb56c8009f600ab") + bytes(6)
CAM = common(payload=29) + MH + btp()
BEACON = common(nh=0, ht=1, hst=0, hop=1)
SH = common(nh=2, ht=5, hst=0) + btp(2001, 0, b"\x01\x01" + b"denm")
CALM = bytes([0, 0]) + bytes.fromhex("000001ac8005445535401c02a2b30290")

packets = [
    # Next headers, on each header type tcpdump skips.
    frame(0x0707, BEACON),
    frame(0x8947, BEACON, pad=True),
    frame(0x0707, CAM),
    frame(0x8947, SH),
    *[frame(0x8947, common(nh=nh, ht=ht, hst=0) + btp()) for nh in (0, 1, 2, 3, 6, 15)
      for ht in (0, 1)],
    frame(0x8947, common(nh=3, ht=5, hst=1) + MH + bytes(40)),
    # Every header type and subtype, with the extended header tcpdump does not skip.
    *[frame(0x8947, common(ht=ht, hst=hst, version=ht) + MH + btp())
      for ht in range(0, 8) for hst in range(0, 4)],
    frame(0x8947, common(ht=15, hst=15, version=15, hop=255, lat=0xFFFFFFFF, lon=0x80000000)
          + btp()),
    # ITS PDU message types.
    *[frame(0x8947, common(nh=2, ht=5, hst=0) + btp(2001, 0, bytes([1, t, 9, 9])))
      for t in (0, 1, 2, 100, 101, 102, 103, 104, 105, 106, 107, 108, 150, 255)],
    # Bodies of 1 and 0 bytes; BTP headers under 4 bytes; extended headers under their size.
    frame(0x8947, common(nh=1, ht=1, hst=0) + btp(body=b"\x07")),
    frame(0x8947, common(nh=2, ht=5, hst=0) + btp(body=b"")),
    frame(0x8947, common(nh=1, ht=0, hst=0) + b"\x13\x88\x13"),
    frame(0x8947, common(nh=2, ht=5, hst=1) + MH + b"\x13"),
    frame(0x8947, common(nh=1, ht=5, hst=1) + MH[:31]),
    frame(0x8947, common(nh=1, ht=5, hst=1)),
    frame(0x8947, common(nh=0, ht=5, hst=1) + MH[:20]),
    # Under the common header (no padding: the wire holds that few bytes).
    frame(0x8947, BEACON[:35]),
    frame(0x0707, BEACON[:8]),
    frame(0x0707, b""),
    # An 802.1Q tag, LLC/SNAP, Geneve.
    frame(0x8947, CAM, vlan=True),
    frame(0x1111, CALM, vlan=True),
    snap(0x8947, CAM),
    snap(0x1111, CALM),
    snap(0x8947, CAM[:40], b"\xee" * 12),
    snap(0x1111, CALM, b"\xee" * 4),
    geneve(0x8947, CAM),
    geneve(0x1111, CALM),
    # CALM FAST: lengths 0 to 3, padding, a message.
    frame(0x1111, CALM),
    frame(0x1111, bytes([7, 200, 0xAB])),
    frame(0x1111, bytes([255, 1])),
    frame(0x1111, bytes([5])),
    frame(0x1111, b""),
    frame(0x1111, bytes([3, 4]), pad=True),
]

# Cuts: (frame, captured length) at every byte of each packet.
cuts = []
for ethertype, message in ((0x0707, CAM), (0x8947, SH), (0x8947, BEACON), (0x1111, CALM),
                           (0x8947, common(nh=1, ht=2, hst=0) + bytes(24) + btp()),
                           (0x8947, common(nh=1, ht=1, hst=0) + b"\x13\x88\x13"),
                           (0x1111, bytes([5]))):
    data = frame(ethertype, message)
    cuts += [(data, n) for n in range(14, len(data))]
data = frame(0x8947, CAM, vlan=True)
cuts += [(data, n) for n in (16, 18, 19, 30)]

with open("geonet_calm_fast.pcap", "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    records = [(data, len(data)) for data in packets] + cuts
    for i, (data, n) in enumerate(records):
        f.write(struct.pack("<IIII", 1_700_000_000 + i, 0, n, len(data)))
        f.write(data[:n])
