# Writes rsvp_objects.pcap: RSVP messages (IP protocol 46) over IPv4 with the objects whose
# bodies tcpdump's rsvp_obj_print() decodes beyond the basic ones: ERO and RRO subobjects
# (IPv4 prefixes strict and loose, labels, unknown types; zero length, longer than the
# object, a wrong length or prefix length), Hello, Class Type and Class Type (old),
# Restart Capability, Capability (reserved bits), Generalized UNI subobjects (TNA
# addresses of each family, diversity, egress label, service level, unknown; too short,
# invalid lengths), each also too short for its class type and with an unknown class type.
import struct

from _inet import csum

SRC = bytes([10, 0, 0, 1])
DST = bytes([10, 0, 0, 2])


def frame(payload):
    ip = struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), 1, 0, 64, 46, 0, SRC, DST)
    ip = ip[:10] + struct.pack(">H", csum(ip)) + ip[12:]
    return bytes.fromhex("020000000002" "020000000001" "0800") + ip + payload


def rsvp(msg_type, objects):
    body = b"".join(objects)
    head = struct.pack(">BBHBBH", 0x10, msg_type, 0, 64, 0, 8 + len(body)) + body
    return head[:2] + struct.pack(">H", csum(head)) + head[4:]


def obj(cls, ctype, body):
    return struct.pack(">HBB", 4 + len(body), cls, ctype) + body


V4 = bytes([192, 0, 2, 1])
V6 = bytes.fromhex("20010db8000000000000000000000001")
u32 = lambda n: struct.pack(">I", n)


def sub(t, body):
    return bytes([t, 2 + len(body)]) + body


def uni(t, af, body, length=None):
    return struct.pack(">HBB", 4 + len(body) if length is None else length, t, af) + body


ROUTE = [
    sub(1, V4 + b"\x20\x00"), sub(0x81, V4 + b"\x20\x0f"), sub(3, b"\x00\x01" + u32(42)),
    sub(3, b"\x01\x02" + u32(7)), sub(32, b"\x00\x01"), sub(64, b"\x00\x00\x00\x00\x00\x00"),
]
CASES = [
    [obj(20, 1, b"".join(ROUTE))], [obj(21, 1, b"".join(ROUTE))],
    [obj(20, 1, sub(1, V4 + b"\x20\x00") + b"\x03\x00\x00\x00"), obj(5, 1, u32(30000))],
    [obj(20, 1, b"\x01\x20\x00\x00"), obj(5, 1, u32(1))],
    [obj(20, 1, sub(1, V4 + b"\x18\x00"))], [obj(21, 1, b"\x01\x04\x00\x00")],
    [obj(20, 1, b"\x03\x04\x00\x00")], [obj(20, 2, b"abcd")], [obj(20, 1, b"")],
    [obj(22, 1, u32(0x4A44672B) + u32(0xE86EB75B)), obj(22, 2, u32(1) + u32(2))],
    [obj(22, 1, u32(1))], [obj(22, 3, bytes(8))],
    [obj(66, 1, u32(0xFFFFFFFF)), obj(125, 1, u32(3)), obj(66, 2, bytes(4))],
    [obj(125, 1, b""), obj(5, 1, u32(1))],
    [obj(131, 1, u32(120000) + u32(5000)), obj(131, 2, bytes(8))], [obj(131, 1, u32(1))],
    [obj(134, 1, u32(3)), obj(134, 1, u32(0xF0000004)), obj(134, 1, u32(0)), obj(134, 2, bytes(4))],
    [obj(134, 1, b"")],
    [obj(229, 1, uni(1, 1, V4) + uni(2, 2, V6) + uni(1, 3, bytes(8)) + uni(2, 99, b"")
         + uni(3, 0, b"") + uni(3, 0, bytes(4)) + uni(4, 0, u32(0x800000FF) + u32(5) + u32(6))
         + uni(5, 0, b"\x07\0\0\0") + uni(9, 4, bytes(4))), obj(5, 1, u32(1))],
    [obj(229, 1, uni(1, 1, b""))], [obj(229, 1, uni(2, 2, V4))], [obj(229, 1, uni(4, 0, bytes(8)))],
    [obj(229, 1, uni(5, 0, b""))], [obj(229, 1, uni(1, 1, V4, length=2))],
    [obj(229, 1, uni(1, 1, V4, length=12))], [obj(229, 1, uni(3, 0, b"") + b"\x00\x04")],
    [obj(229, 1, b"")], [obj(229, 2, bytes(8))],
]
frames = [frame(rsvp(1 + i % 2, c)) for i, c in enumerate(CASES)]
with open("rsvp_objects.pcap", "wb") as out:
    out.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    for i, data in enumerate(frames):
        out.write(struct.pack("<IIII", 1_700_000_000 + i, 0, len(data), len(data)))
        out.write(data)
