# Writes msnlb.pcap: Microsoft NLB heartbeats (EtherType 0x886f) for tcpdump's msnlb_print():
# the known fields (two unknown words, the little-endian host priority, the cluster's and the
# host's IPv4 addresses) at edge values, with and without the undocumented rest, in a padded
# frame, under an 802.1Q tag, in LLC/SNAP with an 802.3 length that cuts the heartbeat or
# stops at its end, in Geneve (no link addresses), short heartbeats (0 to 19 bytes on the
# wire), and the heartbeat cut by the capture at every byte.
import struct

from _inet import csum

DST = bytes.fromhex("ffffffffffff")
SRC = bytes.fromhex("0202c0a86450")
REST = bytes.fromhex("0100000001000900 35e33b4fbbcec804 0000000000000000 1990016150000561")


def heartbeat(priority=2, cluster=(192, 168, 100, 80), host=(192, 168, 100, 82), rest=REST):
    return (bytes.fromhex("bf01dec006020000") + struct.pack("<I", priority) + bytes(cluster)
            + bytes(host) + rest)


def frame(payload, pad=False, vlan=False, ethertype=0x886F):
    tag = bytes.fromhex("8100002a") if vlan else b""
    data = DST + SRC + tag + struct.pack(">H", ethertype) + payload
    return data + bytes(max(0, 60 - len(data))) if pad else data


def snap(payload, length=None, trailer=b""):
    llc = bytes.fromhex("aaaa03000000886f") + payload
    return DST + SRC + struct.pack(">H", len(llc) if length is None else length) + llc + trailer


def geneve(payload):
    udp = struct.pack(">HHHH", 40000, 6081, 8 + 8 + len(payload), 0)
    body = udp + bytes.fromhex("0000886f00123400") + payload
    ip = struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + len(body), 1, 0, 64, 17, 0,
                     bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2]))
    return frame(ip[:10] + struct.pack(">H", csum(ip)) + ip[12:] + body, ethertype=0x0800)


HB = heartbeat()
packets = [
    # (frame, length on the wire or None for the captured length)
    (frame(HB), None),
    (frame(heartbeat(rest=b"")), None),
    (frame(heartbeat(priority=0, cluster=(0, 0, 0, 0), host=(255, 255, 255, 255))), None),
    (frame(heartbeat(priority=0xFFFFFFFF, cluster=(10, 1, 2, 3), host=(10, 1, 2, 4))), None),
    (frame(heartbeat(priority=0x01020304, rest=b"\x07")), None),
    (frame(heartbeat(rest=b""), pad=True), None),
    (frame(HB, vlan=True), None),
    (frame(HB), 1510),
    (snap(HB), None),
    (snap(heartbeat(rest=b"")), None),
    (snap(HB, length=8 + 20, trailer=b"\xee" * 4), None),
    (snap(HB, length=8 + 14), None),
    (snap(HB, length=8 + 10), None),
    (snap(HB, length=8 + 3), None),
    (geneve(HB), None),
    (geneve(HB[:13]), None),
    # Heartbeats shorter than their known fields on the wire.
    *[(frame(HB[:n]), None) for n in (0, 1, 7, 8, 11, 12, 15, 16, 19)],
    *[(frame(HB[:n], pad=True), None) for n in (0, 11, 19)],
]

# Cuts by the capture: every byte of the heartbeat's known fields and one past them, plain
# and under an 802.1Q tag.
cuts = []
for data in (frame(HB), frame(HB, vlan=True)):
    start = len(data) - len(HB)
    cuts += [(data, n) for n in range(12, start + 21)]

with open("msnlb.pcap", "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    records = [(data, len(data), wire or len(data)) for data, wire in packets]
    records += [(data, n, len(data)) for data, n in cuts]
    for i, (data, n, wire) in enumerate(records):
        f.write(struct.pack("<IIII", 1_700_000_000 + i, 0, n, wire))
        f.write(data[:n])
