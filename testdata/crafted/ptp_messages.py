# Writes ptp_messages.pcap: PTP (IEEE 1588) over Ethernet (EtherType 0x88f7, also behind an
# 802.1Q tag) and over UDP ports 319 and 320 (IPv4 and IPv6), one packet per case: every
# PTPv2 message type (and the reserved ones), PTPv1, versions tcpdump does not know, every
# flag and control value, messages shorter than the 34-byte header on the wire, UDP and IP
# lengths shorter than the capture, and messages the capture cuts at every header field
# and every body field of each message type.
import struct

from _inet import csum

ETH_DST = bytes.fromhex("011b19000000")
ETH_SRC = bytes.fromhex("7483ef01ac5b")
SRC4 = bytes([192, 168, 1, 10])
DST4 = bytes([224, 0, 1, 129])
SRC6 = bytes.fromhex("fe800000000000000000000000000001")
DST6 = bytes.fromhex("ff0e0000000000000000000000000181")


def ether(payload, vlan=False):
    tag = b"\x81\x00\x00\x07" if vlan else b""
    return ETH_DST + ETH_SRC + tag + b"\x88\xf7" + payload


def udp4(payload, port=319, udp_length=None, ip_extra=0):
    length = 8 + len(payload) if udp_length is None else udp_length
    udp = struct.pack(">HHHH", port, port, length, 0) + payload
    pseudo = SRC4 + DST4 + struct.pack(">BBH", 0, 17, len(udp))
    udp = udp[:6] + struct.pack(">H", csum(pseudo + udp)) + udp[8:]
    total = 20 + len(udp) - ip_extra
    ip = struct.pack(">BBHHHBBH4s4s", 0x45, 0, total, 1, 0, 1, 17, 0, SRC4, DST4)
    ip = ip[:10] + struct.pack(">H", csum(ip)) + ip[12:]
    return bytes.fromhex("01005e000181") + ETH_SRC + b"\x08\x00" + ip + udp


def udp6(payload, port=320):
    udp = struct.pack(">HHHH", port, port, 8 + len(payload), 0) + payload
    pseudo = SRC6 + DST6 + struct.pack(">IxxxB", len(udp), 17)
    udp = udp[:6] + struct.pack(">H", csum(pseudo + udp)) + udp[8:]
    ip = struct.pack(">IHBB", 0x60000000, len(udp), 17, 1) + SRC6 + DST6
    return bytes.fromhex("333300000181") + ETH_SRC + b"\x86\xdd" + ip + udp


def header(msg_type, body_length, version=2, first=0, flags=0x0208, control=0, log=0xFD):
    correction = (123456789 << 16) | 0x8000
    return (
        bytes([first | msg_type, version])
        + struct.pack(">HBBH", 34 + body_length, 24, 7, flags)
        + struct.pack(">Q", correction)
        + struct.pack(">I", 0xDEADBEEF)
        + bytes.fromhex("001b19fffe000001")
        + struct.pack(">HHBB", 2, 4660, control, log)
    )


TIMESTAMP = struct.pack(">HIIx", 0, 1700000000, 123456789)[:10]
PORT_IDENTITY = bytes.fromhex("0011223344556677") + struct.pack(">H", 9)
ANNOUNCE = (
    TIMESTAMP
    + struct.pack(">hBBBBHB", 37, 0, 128, 6, 0x21, 0x4E5D, 129)
    + bytes.fromhex("00a0a5fffe123456")
    + struct.pack(">HB", 1, 0x20)
)
MANAGEMENT = bytes.fromhex("a0112233445566770009") + bytes([3, 2, 0x0F, 0x55]) + b"\x00\x01\x00\x00"
BODIES = {
    0x0: TIMESTAMP,
    0x1: TIMESTAMP,
    0x2: TIMESTAMP + PORT_IDENTITY,
    0x3: TIMESTAMP + PORT_IDENTITY,
    0x8: TIMESTAMP,
    0x9: TIMESTAMP + PORT_IDENTITY,
    0xA: TIMESTAMP + PORT_IDENTITY,
    0xB: ANNOUNCE,
    0xC: PORT_IDENTITY + b"\x00\x01\x00\x02abcd",
    0xD: MANAGEMENT,
}
CONTROLS = {0x0: 0, 0x1: 1, 0x8: 2, 0x9: 3, 0xD: 4}


def message(msg_type, **kwargs):
    body = BODIES.get(msg_type, b"\x01\x02\x03\x04")
    control = CONTROLS.get(msg_type, 5)
    return header(msg_type, len(body), control=control, **kwargs) + body


frames = []
for t in sorted(BODIES) + [0x4, 0x7, 0xE, 0xF]:
    frames.append((ether(message(t)), None))
    frames.append((udp4(message(t), 319 if t < 8 else 320), None))
frames += [
    (udp6(message(0xB)), None),
    (ether(message(0x0), vlan=True), None),
    # v1 compat bit and a transport-specific nibble, every flag (the unknown ones too),
    # no flag, and control values past the ones tcpdump names.
    (ether(message(0x0, first=0x10, flags=0xFFFF)), None),
    (ether(message(0x8, first=0xA0, flags=0)), None),
    (ether(header(0x0, 10, control=6) + TIMESTAMP), None),
    (ether(header(0x0, 10, control=255, log=0x7F) + TIMESTAMP), None),
    # PTPv1 (tcpdump reads no further), minor version 1 (a version byte of 0x12), version 3
    # and version 0.
    (ether(header(0x0, 10, version=1) + TIMESTAMP), None),
    (ether(message(0x0, version=0x12)), None),
    (ether(message(0x0, version=3)), None),
    (udp4(message(0x0, version=0)), None),
    (udp4(header(0x0, 10, version=1) + TIMESTAMP), None),
    # Shorter than the common header on the wire: no version printed.
    (ether(message(0x0)[:33]), None),
    (ether(b""), None),
    (udp4(message(0x0)[:33]), None),
    (udp4(message(0x0)[:20]), None),
    # A UDP length short of the header, the IP length longer; an IP length short of the
    # body (its end stops the reads), the capture longer.
    (udp4(message(0x0), udp_length=8 + 30), None),
    (udp4(message(0x0), ip_extra=4), None),
    (udp4(message(0xB), ip_extra=2), None),
    # A body longer than the message length says (tcpdump reads by type, not length).
    (ether(header(0x0, 2) + TIMESTAMP), None),
]
# Cut by the capture at every byte of the header (none captured, each field and inside each
# field) and of every body, over Ethernet; a few over UDP and behind a tag.
for n in range(0, 34):
    full = ether(message(0xB))
    frames.append((full[: 14 + n], len(full)))
for t in sorted(BODIES):
    full = ether(message(t))
    for n in range(34, len(full) - 14):
        frames.append((full[: 14 + n], len(full)))
for t, n in ((0x0, 1), (0x0, 9), (0x9, 33), (0x9, 50), (0xD, 44), (0xB, 60)):
    full = udp4(message(t))
    frames.append((full[: 14 + 20 + 8 + n], len(full)))
full = udp6(message(0x3))
frames.append((full[: 14 + 40 + 8 + 40], len(full)))
full = ether(message(0x2), vlan=True)
frames.append((full[: 18 + 40], len(full)))
full = ether(header(0x0, 10, version=1) + TIMESTAMP)
frames.append((full[: 14 + 20], len(full)))
with open("ptp_messages.pcap", "wb") as out:
    out.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    for i, (data, wire) in enumerate(frames):
        out.write(struct.pack("<IIII", 1_700_000_000 + i, 0, len(data), wire or len(data)))
        out.write(data)
