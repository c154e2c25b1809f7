# Writes ahcp_options.pcap: AHCP packets (draft-chroboczek-ahcp-00) on UDP port 5359 over
# IPv6, one per case: every message type, every option tcpdump names (times, addresses,
# prefixes, Pad, Mandatory, the IPv4 Prefix it only sizes, unknown ones), options whose
# value is not a whole number of its elements, options that overrun the body or lack their
# length, bad headers, and packets the capture cuts in the header, the message and an option.
import struct

from _inet import csum

SRC6 = bytes.fromhex("fe800000000000000000000000000001")
DST6 = bytes.fromhex("ff02000000000000cca6c0f9e1825359")


def udp6(payload):
    udp = struct.pack(">HHHH", 5359, 5359, 8 + len(payload), 0) + payload
    pseudo = SRC6 + DST6 + struct.pack(">IxxxB", len(udp), 17)
    udp = udp[:6] + struct.pack(">H", csum(pseudo + udp)) + udp[8:]
    ip = struct.pack(">IHBB", 0x60000000, len(udp), 17, 1) + SRC6 + DST6
    return bytes.fromhex("3333e1825359020000000001") + b"\x86\xdd" + ip + udp


def ahcp(msg_type, options, magic=43, version=1, mbz=0, body_length=None, extra=b""):
    body = b"".join(options)
    length = len(body) if body_length is None else body_length
    header = struct.pack(">BBBBI", magic, version, 2, 3, 0xDE3E5127)
    header += bytes.fromhex("0218f3fffea9914e") + b"\xff" * 8
    return header + struct.pack(">BBH", msg_type, mbz, length) + body + extra


def opt(kind, value):
    return bytes([kind, len(value)]) + value


V6 = bytes.fromhex("20010db8000000010000000000000001")
ALL = [
    b"\x00",
    b"\x01",
    opt(2, struct.pack(">I", 1302205531)),
    opt(3, struct.pack(">I", 3768)),
    opt(4, V6),
    opt(5, bytes([10, 0, 0, 1, 10, 0, 0, 2])),
    opt(6, V6 + b"\x40"),
    opt(7, bytes([10, 0, 0, 0, 8])),
    opt(8, V6 + bytes(16)),
    opt(9, bytes([192, 0, 2, 9])),
    opt(10, V6 + b"\x30" + V6 + b"\x38"),
    opt(11, bytes([10, 1, 0, 0, 16])),
    opt(12, V6),
    opt(13, bytes(16)),
    opt(14, b"x"),
    opt(200, b""),
    opt(4, b""),
]
packets = [ahcp(t, ALL if t == 1 else [opt(3, struct.pack(">I", t))]) for t in range(0, 7)]
packets += [
    ahcp(2, [opt(2, b"\0\0\0"), opt(3, bytes(5)), opt(4, bytes(17)), opt(5, bytes(6))]),
    ahcp(2, [opt(6, bytes(16)), opt(10, bytes(18)), opt(11, bytes(4)), opt(9, b"")]),
    ahcp(3, [opt(2, bytes(4)), b"\x03\x09\x00\x00"]),
    ahcp(3, [opt(2, bytes(4)), b"\x0d"]),
    ahcp(3, [], mbz=7),
    ahcp(3, [], extra=b"trailing"),
    ahcp(4, [opt(3, bytes(4))], body_length=9),
    ahcp(0, [], magic=42),
    ahcp(0, [], version=2),
    ahcp(0, [])[:20],
    ahcp(0, [])[:26],
    b"\x2b",
]
frames = [(udp6(p), None) for p in packets]
# Cut by the capture: in the header's fields, the message's, an option's type, length and
# value, an element, and after an option that overruns the body.
FULL = ahcp(1, [opt(2, bytes(4)), opt(4, V6 + V6), b"\x00"])
for n in (1, 3, 6, 10, 20, 26, 28, 29, 31, 35, 60, 70):
    f = udp6(FULL)
    frames.append((f[: 14 + 40 + 8 + n], len(f)))
OVER = ahcp(1, [b"\x04\x20" + bytes(6)])
f = udp6(OVER)
frames.append((f[: 14 + 40 + 8 + 31], len(f)))
with open("ahcp_options.pcap", "wb") as out:
    out.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    for i, (data, wire) in enumerate(frames):
        out.write(struct.pack("<IIII", 1_700_000_000 + i, 0, len(data), wire or len(data)))
        out.write(data)
