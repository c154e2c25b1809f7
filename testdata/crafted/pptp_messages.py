# Writes pptp_messages.pcap: PPTP control messages (RFC 2637) on TCP port 1723, one per
# segment: all 15 types with their fields, codes tcpdump names and codes it does not,
# reserved fields that are not zero, a bad magic cookie, management and unknown message
# types, an unknown control type, and segments the capture cuts in the header, in a
# number and in a text field (before and after the text's NUL).
import struct
from _inet import csum


def segment(payload, seq):
    src, dst = bytes([10, 1, 1, 11]), bytes([10, 1, 1, 10])
    tcp = struct.pack(">HHIIBBHHH", 3025, 1723, seq, 1, 0x50, 0x18, 17520, 0, 0) + payload
    pseudo = src + dst + struct.pack(">BBH", 0, 6, len(tcp))
    tcp = tcp[:16] + struct.pack(">H", csum(pseudo + tcp)) + tcp[18:]
    ip = struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), 1, 0, 64, 6, 0, src, dst)
    ip = ip[:10] + struct.pack(">H", csum(ip)) + ip[12:]
    return bytes.fromhex("0800209f6b72") + bytes(6) + b"\x08\x00" + ip + tcp


def message(ctrl, body, msg_type=1, cookie=0x1A2B3C4D, reserved=0):
    return struct.pack(">HHIHH", 12 + len(body), msg_type, cookie, ctrl, reserved) + body


def text(s, size=64):
    return s.ljust(size, b"\0")


CONNECTION = struct.pack(">IIHH", 1, 3, 8, 0x0870) + text(b"host") + text(b"vendor \x01x")
messages = [
    message(1, struct.pack(">HH", 0x0100, 0) + CONNECTION),
    message(1, struct.pack(">HH", 0x0100, 5) + struct.pack(">IIHH", 2, 2, 0, 1) + text(b"") + text(b"v")),
    *[message(2, struct.pack(">HBB", 0x0100, r, e) + CONNECTION) for r, e in [(1, 0), (5, 6), (6, 7)]],
    *[message(3, struct.pack(">BBH", r, x, y)) for r, x, y in [(1, 0, 0), (2, 0, 0), (3, 1, 0), (4, 0, 2)]],
    *[message(4, struct.pack(">BBH", r, e, 0)) for r, e in [(1, 0), (2, 3), (3, 0)]],
    message(5, struct.pack(">I", 0xDEADBEEF)),
    *[message(6, struct.pack(">IBBH", 7, r, e, x)) for r, e, x in [(1, 0, 0), (2, 1, 0), (9, 9, 3)]],
    message(7, struct.pack(">HHIIIIHHHH", 1, 2, 300, 100000000, 3, 3, 64, 0, 5, 0) + text(b"5551234") + text(b"sub")),
    message(7, struct.pack(">HHIIIIHHHH", 1, 2, 0, 0, 9, 9, 0, 0, 200, 1) + text(b"x" * 64) + text(b"")),
    *[message(8, struct.pack(">HHBBHIHHI", 1, 2, r, 0, 0, 64000, 64, 0, 5)) for r in range(0, 9)],
    message(9, struct.pack(">HHIIHH", 1, 2, 1, 5, 3, 20) + text(b"12345") + text(b"98765") + text(b"sa")),
    *[message(10, struct.pack(">HHBBHHH", 1, 2, r, 4, 64, 0, x)) for r, x in [(1, 0), (2, 0), (3, 0), (4, 1)]],
    message(11, struct.pack(">HHIHHI", 2, 0, 64000, 64, 0, 2)),
    message(11, struct.pack(">HHIHHI", 2, 7, 64000, 64, 0, 1)),
    message(12, struct.pack(">HH", 9, 0)),
    *[message(13, struct.pack(">HBBHH", 1, r, 5, 16, 0) + text(b"stats", 128)) for r in range(0, 6)],
    message(14, struct.pack(">HHIIIIII", 2, 0, 1, 2, 3, 4, 5, 6)),
    message(15, struct.pack(">HHII", 2, 0, 0xFFFFFFFF, 0x0000000A)),
    message(16, b"\0" * 8),
    message(0, b""),
    message(5, struct.pack(">I", 1), msg_type=2),
    message(5, struct.pack(">I", 1), msg_type=7),
    message(5, struct.pack(">I", 1), cookie=0x12345678),
    message(5, struct.pack(">I", 1), reserved=3),
]
frames = [segment(m, 1 + 1000 * i) for i, m in enumerate(messages)]
# Cut by the capture: inside the header (3 places), in a number, in text before and after
# its NUL.
cuts = [(message(5, struct.pack(">I", 1)), n) for n in (1, 3, 6, 9, 11, 14)]
cuts += [(messages[0], 12 + 6), (messages[0], 12 + 80 + 3), (messages[0], 12 + 16 + 30)]
records = [(f, len(f)) for f in frames]
for i, (m, n) in enumerate(cuts):
    f = segment(m, 900000 + i)
    records.append((f[: 14 + 20 + 20 + n], len(f)))
with open("pptp_messages.pcap", "wb") as out:
    out.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    for i, (data, wire) in enumerate(records):
        out.write(struct.pack("<IIII", 1_700_000_000 + i, 0, len(data), wire))
        out.write(data)
