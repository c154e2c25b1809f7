# Writes lmp_objects.pcap: LMP messages (RFC 4204, UNI 1.0 service discovery) on UDP port
# 701 over IPv4, one per case: every message type and an unknown one, every object class
# and class type tcpdump decodes (IPv4, IPv6 and unnumbered IDs, Config, Hello, Verify
# Begin/ACK/ID, TE and Data Links with their subobjects, Channel Status and Request, Error
# Codes, Service Config with each link type), bodies of the wrong length, unknown class
# types and classes (dumped), bad subobjects, bad header and object lengths, a message
# longer than the datagram, another version, then one message cut by the capture at every
# byte.
import struct

from _inet import csum

SRC = bytes([10, 0, 12, 1])
DST = bytes([10, 0, 12, 2])


def frame(payload, udp_length=None):
    length = 8 + len(payload) if udp_length is None else udp_length
    udp = struct.pack(">HHHH", 701, 701, length, 0) + payload
    pseudo = SRC + DST + struct.pack(">BBH", 0, 17, len(udp))
    udp = udp[:6] + struct.pack(">H", csum(pseudo + udp)) + udp[8:]
    ip = struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 1, 0, 1, 17, 0, SRC, DST)
    ip = ip[:10] + struct.pack(">H", csum(ip)) + ip[12:]
    return bytes.fromhex("000b64001072" "0080ad91d86f" "0800") + ip + udp


def lmp(msg_type, objects, version=1, flags=0, length=None):
    body = b"".join(objects)
    size = 8 + len(body) if length is None else length
    return struct.pack(">HBBHH", version << 12, flags, msg_type, size, 0) + body


def obj(cls, ctype, body, negotiable=False, length=None):
    size = 4 + len(body) if length is None else length
    return struct.pack(">BBH", ctype | (0x80 if negotiable else 0), cls, size) + body


V4 = bytes([192, 0, 2, 1])
V4B = bytes([192, 0, 2, 2])
V6 = bytes.fromhex("20010db8000000000000000000000001")
V6B = bytes.fromhex("20010db8000000000000000000000002")
u32 = lambda n: struct.pack(">I", n)
f32 = lambda x: struct.pack(">f", x)

subobjs = (
    b"\x01\x0c\x96\x08" + f32(1.25e8) + f32(2.5e9)
    + b"\x02\x08\x00\x00" + u32(1550)
    + b"\x01\x0c\x33\x0b" + bytes.fromhex("7fc00000 7f800000")
)
OBJECTS = [
    obj(1, 1, u32(1)), obj(1, 2, u32(0xFFFFFFFF), True), obj(1, 3, u32(5)), obj(1, 1, u32(1) * 2),
    obj(2, 1, V4), obj(2, 2, V4B), obj(2, 1, b""), obj(2, 9, V4),
    *[obj(c, t, V4) for c in (3, 4) for t in (1, 2, 5, 6)],
    *[obj(c, t, V6) for c in (3, 4) for t in (3, 4)],
    obj(3, 3, V4), obj(4, 1, V6), obj(3, 7, V4),
    obj(5, 1, u32(3)), obj(5, 2, u32(4)), obj(5, 3, u32(5)), obj(5, 1, b""),
    obj(6, 1, struct.pack(">HH", 5, 15), True), obj(6, 1, bytes(8)), obj(6, 2, bytes(4)),
    obj(7, 1, u32(50) + u32(60)), obj(7, 1, u32(50)), obj(7, 2, bytes(8)),
    obj(8, 1, struct.pack(">HHIBBH", 3, 20, 30, 8, 0, 0x8000) + f32(1000.0) + u32(8)),
    obj(8, 1, struct.pack(">HHIBBH", 0, 1, 2, 99, 0, 0x1F40) + f32(0.5) + u32(9)),
    obj(8, 1, bytes(16)), obj(8, 2, bytes(20)),
    obj(9, 1, struct.pack(">HH", 7, 8)), obj(9, 1, bytes(8)), obj(9, 2, bytes(4)),
    obj(10, 1, u32(77)), obj(10, 1, bytes(8)), obj(10, 2, bytes(4)),
    obj(11, 1, b"\x03\0\0\0" + V4 + V4B), obj(11, 2, b"\x01\0\0\0" + V6 + V6B),
    obj(11, 3, b"\x00\0\0\0" + u32(10) + u32(20)), obj(11, 1, bytes(8)), obj(11, 2, bytes(12)),
    obj(11, 3, bytes(16)), obj(11, 4, bytes(12)),
    obj(12, 1, b"\x07\0\0\0" + V4 + V4B + subobjs), obj(12, 2, b"\x00\0\0\0" + V6 + V6B),
    obj(12, 3, b"\x02\0\0\0" + u32(1) + u32(2) + b"\x02\x08\0\0" + u32(3)),
    obj(12, 1, bytes(8)), obj(12, 2, bytes(32)), obj(12, 3, bytes(4)), obj(12, 5, bytes(12)),
    obj(12, 3, bytes(12) + b"\x09\x08\0\0" + u32(1) + b"\x02\x04\0\0"),
    obj(12, 3, bytes(12) + b"\x02\x02\0\0"), obj(12, 3, bytes(12) + b"\x02\x06\0\0\0\0\0\0"),
    obj(12, 3, bytes(12) + b"\x02\x10\0\0\0\0\0\0"),
    obj(13, 1, V4 + u32(0x80000001) + V4B + u32(0x40000002) + b"\0\0"),
    obj(13, 2, V6 + u32(0xC0000003) + V6B + u32(4)),
    obj(13, 3, u32(9) + u32(0x3FFFFFF)), obj(13, 4, bytes(4)), obj(13, 1, b""),
    obj(14, 1, V4 + V4B), obj(14, 2, V6 + V6B[:4]), obj(14, 3, u32(1) + u32(2)), obj(14, 0, b""),
    obj(20, 1, u32(0x1F)), obj(20, 2, u32(0x3F)), obj(20, 1, u32(0)), obj(20, 2, bytes(8)),
    obj(20, 3, bytes(4)),
    obj(51, 1, b"\x03\x01\0\0"), obj(51, 1, bytes(8)),
    obj(51, 2, b"\x05\x06\x07\x01" + struct.pack(">HHHH", 1, 2, 3, 4) + V4),
    obj(51, 2, b"\x06\x0c\x00\x00" + bytes(8) + V4B), obj(51, 2, b"\x07\x05\0\0" + bytes(12)),
    obj(51, 2, b"\x05\x63\0\0" + bytes(12)), obj(51, 2, bytes(4)),
    obj(51, 3, u32(3) + b"\0\0\0\x01"), obj(51, 3, bytes(4)),
    obj(51, 4, b"\0\0\0\x07"), obj(51, 4, bytes(8)), obj(51, 5, bytes(4)),
    obj(99, 1, b"unknown object!!"), obj(0, 0, b""),
]
TYPES = list(range(0, 22)) + [50, 51, 52, 99]
messages = [lmp(t, [OBJECTS[i % len(OBJECTS)]], flags=i % 4) for i, t in enumerate(TYPES)]
messages += [lmp(1, OBJECTS[k : k + 8]) for k in range(0, len(OBJECTS), 8)]
messages += [
    lmp(4, [obj(7, 1, bytes(8))], version=2),
    lmp(4, [obj(7, 1, bytes(8))], version=0),
    lmp(4, [], length=6),
    lmp(4, [obj(7, 1, bytes(8))], length=40),
    lmp(4, [obj(7, 1, bytes(8), length=2)]),
    lmp(4, [obj(7, 1, bytes(8), length=10)]),
    lmp(4, [obj(7, 1, bytes(8), length=16) + bytes(4)], length=16),
    lmp(4, [obj(7, 1, bytes(8), length=64)]),
    lmp(4, [obj(1, 1, u32(1)), b"\x01\x01"]),
]
frames = [(frame(m), None) for m in messages]
frames.append((frame(lmp(4, [obj(7, 1, bytes(8))]), udp_length=18), None))
# A message cut by the capture at every byte (header, object headers, each field).
FULL = lmp(1, [
    obj(1, 1, u32(1)), obj(2, 1, V4), obj(3, 3, V6), obj(6, 1, bytes(4)), obj(7, 1, bytes(8)),
    obj(8, 1, bytes(20)), obj(9, 1, bytes(4)), obj(10, 1, bytes(4)),
    obj(11, 2, bytes(4) + V6 + V6B), obj(12, 1, bytes(12) + subobjs[:20]),
    obj(13, 2, V6 + u32(1)), obj(14, 1, V4), obj(20, 1, bytes(4)), obj(51, 1, bytes(4)),
    obj(51, 2, b"\x05\x06" + bytes(14)), obj(51, 3, bytes(8)), obj(51, 4, bytes(4)),
    obj(99, 1, bytes(4)),
])
f = frame(FULL)
for n in range(0, len(FULL)):
    frames.append((f[: 14 + 20 + 8 + n], len(f)))
# A Data Link whose last subobject reads past the object into the capture's end.
f = frame(lmp(1, [obj(12, 3, bytes(12) + b"\x01\x04\0\0")]))
frames.append((f, None))
with open("lmp_objects.pcap", "wb") as out:
    out.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    for i, (data, wire) in enumerate(frames):
        out.write(struct.pack("<IIII", 1_700_000_000 + i, 0, len(data), wire or len(data)))
        out.write(data)
