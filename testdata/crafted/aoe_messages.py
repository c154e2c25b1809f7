# Writes aoe_messages.pcap: ATA over Ethernet (EtherType 0x88a2) frames for tcpdump's
# aoe_print(): versions other than 1, lengths under the header, every flag and error code,
# each command (Issue ATA Command with every AFlags bit and data, Query Config Information
# with every CCmd and config strings of odd bytes and bad lengths, MAC Mask List with every
# MCmd/MError/DCmd and a directive count too big, Reserve/Release with every RCmd and address
# counts the length does not match), an unknown command, Ethernet padding, an 802.1Q tag,
# and messages cut by the capture at every byte.
import struct

DST = bytes.fromhex("00030349967e")
SRC = bytes.fromhex("c0c1c0a09b9d")
MAC1 = bytes.fromhex("0a1b2c3d4e5f")
MAC2 = bytes.fromhex("f0e0d0c0b0a0")


def frame(aoe, pad=False, vlan=False):
    tag = bytes.fromhex("8100002a") if vlan else b""
    data = DST + SRC + tag + b"\x88\xa2" + aoe
    return data + bytes(max(0, 60 - len(data))) if pad else data


def header(command, flags=0, error=0, version=1, major=0x1234, minor=0x56, tag=0xDEADBEEF):
    return struct.pack(">BBHBBI", (version << 4) | flags, error, major, minor, command, tag)


def issue(aflags=0x53, regs=(0, 1, 0x25, 1, 2, 3, 4, 5, 6), data=b""):
    return bytes([aflags]) + bytes(regs) + b"\0\0" + data


def query(ccmd=0, string=b"", length=None, version=1):
    n = len(string) if length is None else length
    return struct.pack(">HHBBH", 16, 0x4019, 2, (version << 4) | ccmd, n) + string


def directive(dcmd, mac):
    return bytes([0, dcmd]) + mac


def mask(mcmd=1, merror=0, directives=(), count=None):
    n = len(directives) if count is None else count
    return bytes([0, mcmd, merror, n]) + b"".join(directives)


def reserve(rcmd=1, macs=(), count=None):
    n = len(macs) if count is None else count
    return bytes([rcmd, n]) + b"".join(macs)


ISSUE = header(0) + issue(data=b"\xab" * 4)
QUERY = header(1, flags=8) + query(0, b"conf\x01\x7f\xe9!")
MASK = header(2, flags=8) + mask(1, 0, (directive(1, MAC1), directive(2, MAC2)))
RESERVE = header(3, flags=0xC, error=6) + reserve(1, (MAC1, MAC2))

packets = [
    # Versions and lengths.
    frame(header(1, version=0) + bytes(8)),
    frame(header(1, version=2, flags=0xF)),
    frame(b""),
    frame(bytes([0x10, 0, 0, 0, 0])),
    frame(bytes([0x00])),
    # Flags, errors, commands.
    frame(header(9, flags=0x3)),
    frame(header(9, flags=0x8)),
    *[frame(header(1, flags=0xC, error=e) + query()) for e in range(0, 8)],
    frame(header(1, flags=0x4, error=255) + query()),
    # Issue ATA Command.
    frame(ISSUE),
    frame(header(0, flags=8) + issue(0xAC, (0, 0, 0x50, 0xFF, 0xFF, 0xFF, 0, 0, 0)) + bytes(512)),
    frame(header(0) + issue(0x00), pad=True),
    frame(header(0) + issue(0xFF)),
    frame(header(0) + bytes(11)),
    frame(header(0)),
    # Query Config Information.
    frame(QUERY),
    *[frame(header(1, flags=8) + query(c, b"x", version=c)) for c in range(0, 7)],
    frame(header(1, flags=8) + query(15, version=15)),
    frame(header(1) + query(0), pad=True),
    frame(header(1, flags=8) + query(3, b"abc", length=4)),
    frame(header(1, flags=8) + query(3, b"a" * 1025)),
    frame(header(1, flags=8) + query(3, b"a" * 1024)),
    frame(header(1, flags=8) + query(3, bytes(range(0, 256)))),
    frame(header(1, flags=8) + bytes(7)),
    # MAC Mask List.
    frame(MASK),
    frame(header(2) + mask(0, 0)),
    frame(header(2, flags=8) + mask(7, 1, (directive(0, MAC1), directive(9, MAC2)))),
    frame(header(2, flags=8) + mask(0, 2)),
    frame(header(2, flags=8) + mask(0, 3)),
    frame(header(2, flags=8) + mask(0, 200)),
    frame(header(2, flags=8) + mask(0, 0, count=200)),
    frame(header(2, flags=8) + mask(1, 0, (directive(1, MAC1),), count=2)),
    frame(header(2) + mask(0, 0), pad=True),
    frame(header(2) + bytes(3)),
    # Reserve/Release.
    frame(RESERVE),
    frame(header(3) + reserve(0)),
    frame(header(3) + reserve(0), pad=True),
    frame(header(3) + reserve(2, (MAC1,))),
    frame(header(3) + reserve(7, (MAC1, MAC2, MAC1))),
    frame(header(3) + reserve(1, (MAC1,), count=2)),
    frame(header(3) + reserve(1, (MAC1, MAC2), count=0)),
    frame(header(3) + reserve(1, (MAC1,)) + b"\0"),
    frame(header(3) + b"\x01"),
    # Tagged.
    frame(QUERY, vlan=True),
]

# Cuts: (frame, captured length) at every byte of each message, and of invalid ones.
cuts = []
for message in (ISSUE, QUERY, MASK, RESERVE):
    data = frame(message)
    cuts += [(data, n) for n in range(14, len(data))]
for message in (
    header(0) + bytes(11),
    header(1, flags=8) + query(3, b"abc", length=4),
    header(2, flags=8) + mask(0, 0, count=200) + bytes(4),
    header(3) + reserve(1, (MAC1,), count=2),
    header(3) + reserve(1, (MAC1,)) + b"\0",
    bytes([0x10, 0, 0, 0, 0]),
):
    data = frame(message)
    cuts += [(data, len(data) - 1), (data, 15)]

with open("aoe_messages.pcap", "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    records = [(data, len(data)) for data in packets] + cuts
    for i, (data, n) in enumerate(records):
        f.write(struct.pack("<IIII", 1_700_000_000 + i, 0, n, len(data)))
        f.write(data[:n])
