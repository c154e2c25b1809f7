# Writes tipc_messages.pcap: TIPC (EtherType 0x88ca) frames for tcpdump's tipc_print():
# every user (the payload ones with short and long headers, the internal ones such as link
# state and changeover, neighbour detection, the users tcpdump does not know), every message
# type, header sizes 0 to 15, versions, the largest message size, fields at their widest
# (addresses 255.4095.4095, 32-bit ports), Ethernet padding, an 802.1Q tag, empty and
# short messages, and messages cut by the capture at every byte.
import struct

DST = bytes.fromhex("0a0000000002")
SRC = bytes.fromhex("0a0000000001")
WIDE = 0xFFFFFFFF


def frame(tipc, pad=False, vlan=False):
    tag = bytes.fromhex("8100002a") if vlan else b""
    data = DST + SRC + tag + b"\x88\xca" + tipc
    return data + bytes(max(0, 60 - len(data))) if pad else data


def w0(user, hsize, msize, version=2):
    return (version << 29) | (user << 25) | (hsize << 21) | msize


def addr(zone, cluster, node):
    return (zone << 24) | (cluster << 12) | node


def words(*values):
    return struct.pack(">%dI" % len(values), *values)


def payload(user, mtype=0, hsize=11, version=2, msize=None, ports=(1234, 5678), bcast=7,
            link=(0x1234, 0xABCD)):
    # w0 w1 w2 prev_node orig_port dest_port orig_node dest_node name_type w9 wA
    body = words(
        (mtype << 29) | bcast,
        (link[0] << 16) | link[1],
        addr(1, 1, 2),
        ports[0],
        ports[1],
        addr(1, 2, 3),
        addr(4, 5, 6),
        0x42,
        0x43,
        0x44,
    )
    n = 4 * hsize
    head = words(w0(user, hsize, n if msize is None else msize, version)) + body
    head += bytes(max(0, n - len(head)))
    return head[:n] if n >= 24 else head[:24]


def internal(user, mtype=0, w1_low=0x1FFF0009, hsize=10, msize=None):
    # w0 w1 w2 prev_node w4 w5 orig_node dest_node trans_seq w9
    return words(
        w0(user, hsize, 4 * hsize if msize is None else msize),
        (mtype << 29) | w1_low,
        0x00050009,
        addr(9, 8, 7),
        0x0011000F,
        0x2A2A0000,
        addr(1, 1, 1),
        addr(1, 1, 2),
        0xDEADBEEF,
        0x00031770,
    )


def link_config(mtype=0, hsize=10, sig=0xBEEF, media=1):
    # w0 w1 dest_domain prev_node ntwrk_id w5 media_address[16]
    return words(
        w0(13, hsize, 40),
        (mtype << 29) | sig,
        addr(1, 1, 0),
        addr(1, 1, 5),
        4711,
        0xFFFFFF00 | media,
    ) + bytes(range(16))


LONG = payload(0, mtype=2)
SHORT = payload(0, hsize=6)
LINK_STATE = internal(7)
LINK_CONFIG = link_config()

packets = [
    # Payload users, long and short headers, every message type.
    *[frame(payload(u, mtype=u % 8)) for u in (0, 1, 2, 3, 8, 11)],
    *[frame(payload(u, hsize=6, mtype=7 - u % 8)) for u in (0, 1, 2, 3, 8, 11)],
    *[frame(payload(1, mtype=t)) for t in range(8)],
    *[frame(payload(2, hsize=6, mtype=t)) for t in range(8)],
    # Header sizes: 0 to 6 print the short form, 7 and more the long one.
    *[frame(payload(0, hsize=h, msize=100)) for h in range(0, 16)],
    # Versions, the largest message size, the widest fields.
    *[frame(payload(3, version=v)) for v in range(8)],
    frame(payload(0, msize=0x1FFFF, ports=(WIDE, WIDE), bcast=0xFFFF, link=(0xFFFF, 0xFFFF))),
    frame(words(w0(0, 11, 0x1FFFF, 7), WIDE, WIDE, WIDE, WIDE, WIDE, WIDE, WIDE, 0, 0, 0)),
    frame(words(w0(0, 6, 0x1FFFF, 7), WIDE, WIDE, WIDE, WIDE, WIDE)),
    # Internal users (broadcast, bundler, link state, changeover, fragmenter).
    *[frame(internal(u, mtype=u % 8)) for u in (5, 6, 7, 10, 12)],
    *[frame(internal(7, mtype=t, w1_low=(t << 16) | t)) for t in range(8)],
    frame(internal(6, hsize=15, msize=0x1FFFF)),
    frame(internal(12, w1_low=0x1FFFFFFF) + bytes(20)),
    frame(words(WIDE, WIDE, WIDE, WIDE, WIDE, WIDE, WIDE, WIDE, WIDE, WIDE)),
    # Neighbour detection: request, response, the other types.
    *[frame(link_config(mtype=t)) for t in range(8)],
    frame(link_config(hsize=6, sig=0, media=255)),
    # Users tcpdump prints nothing for.
    *[frame(payload(u)) for u in (4, 9, 14, 15)],
    # Padding, a tag, empty and short messages.
    frame(SHORT, pad=True),
    frame(link_config()[:16], pad=True),
    frame(LONG, vlan=True),
    frame(LINK_STATE, vlan=True),
    frame(b""),
    frame(b"\x40"),
    frame(words(w0(0, 6, 24))),
    frame(words(w0(7, 10, 40), 0, 0, 0)),
    frame(words(w0(13, 10, 40), 0, 0)),
    frame(words(w0(4, 10, 40))),
]

# Cuts: (frame, captured length) at every byte of each layout.
cuts = []
for message in (LONG, SHORT, LINK_STATE, LINK_CONFIG, internal(10), payload(11, hsize=8)):
    data = frame(message)
    cuts += [(data, n) for n in range(14, len(data))]
data = frame(LONG, vlan=True)
cuts += [(data, n) for n in (18, 19, 20, 30, 45)]

with open("tipc_messages.pcap", "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    records = [(data, len(data)) for data in packets] + cuts
    for i, (data, n) in enumerate(records):
        f.write(struct.pack("<IIII", 1_700_000_000 + i, 0, n, len(data)))
        f.write(data[:n])
