# Writes bgp_messages.pcap: BGP messages other than UPDATE (RFC 4271) on TCP port 179, as
# tcpdump's bgp_print() reads them: OPEN with every capability it decodes (multiprotocol,
# multiple labels, graceful restart, 4-byte AS, add-path, the empty ones, an unknown one),
# capabilities too short for their fields, options past the options' length, an
# authentication option; NOTIFICATION of every error code and subcode, Cease with the
# maximum prefixes, shutdown communications (empty, text with control and high bytes, a
# length past the message, trailing data); ROUTE-REFRESH; KEEPALIVE; an unknown type;
# several messages in one segment; and nine of them cut by the capture at every byte.
import struct

from _inet import tcp_segment, write_pcap


def message(kind, body, length=None):
    return b"\xff" * 16 + struct.pack(">HB", 19 + len(body) if length is None else length, kind) + body


def capability(kind, value):
    return struct.pack(">BB", kind, len(value)) + value


def bgp_open(options, optslen=None):
    body = struct.pack(">BHH4sB", 4, 65001, 180, bytes([192, 0, 2, 1]), len(options) if optslen is None else optslen)
    return message(1, body + options)


def caps(*items):
    value = b"".join(items)
    return struct.pack(">BB", 2, len(value)) + value


CAPS = caps(
    capability(1, struct.pack(">HBB", 1, 0, 1)),
    capability(1, struct.pack(">HBB", 2, 0, 128)),
    capability(1, b"\x00\x01"),
    capability(2, b""),
    capability(128, b""),
    capability(71, b""),
    capability(8, struct.pack(">HBB", 1, 4, 3) + struct.pack(">HBB", 2, 1, 1) + b"\x00"),
    capability(64, struct.pack(">H", 0x8078) + struct.pack(">HBB", 1, 1, 0x80) + struct.pack(">HBB", 2, 1, 0)),
    capability(64, struct.pack(">H", 0x0010)),
    capability(64, b"\x00"),
    capability(65, struct.pack(">I", 4200000000)),
    capability(65, b"\x00\x01"),
    capability(69, struct.pack(">HBB", 1, 1, 3) + struct.pack(">HBB", 2, 1, 1) + struct.pack(">HBB", 1, 128, 9)),
    capability(69, struct.pack(">HBB", 1, 1, 2) + b"\x00\x01"),
    capability(69, b""),
    capability(70, b""),
    capability(99, b"\x01\x02\x03\x04\x05"),
)
OPENS = [
    bgp_open(b""),
    bgp_open(CAPS),
    bgp_open(struct.pack(">BB", 1, 4) + b"\xde\xad\xbe\xef" + CAPS),
    bgp_open(caps(capability(65, struct.pack(">I", 65536))), optslen=5),
    bgp_open(struct.pack(">BB", 7, 2) + b"\x00\x00"),
]

SUBCODES = {1: 4, 2: 8, 3: 12, 4: 1, 5: 4, 6: 9, 7: 5, 8: 1}
NOTIFICATIONS = [message(3, bytes([major, minor])) for major, n in SUBCODES.items() for minor in range(n)]
NOTIFICATIONS += [
    message(3, bytes([6, 1]) + struct.pack(">HBI", 1, 1, 1000)),
    message(3, bytes([6, 1]) + struct.pack(">HBI", 2, 128, 5)[:5]),
    message(3, bytes([6, 2, 0])),
    message(3, bytes([6, 2, 11]) + b"maintenance"),
    message(3, bytes([6, 4, 6]) + b"a\x01b\x7f\x80\xe9"),
    message(3, bytes([6, 4, 200]) + b"short"),
    message(3, bytes([6, 2, 3]) + b"bye" + bytes(range(20))),
    message(3, bytes([6, 2])),
    message(3, bytes([5])),
    message(3, bytes([9, 9]) + b"\x01\x02"),
]
REFRESHES = [
    message(5, struct.pack(">HBB", 1, 0, 1)),
    message(5, struct.pack(">HBB", 2, 0, 128) + b"\x01\x02\x03"),
    message(5, b"\x00\x01"),
]
OTHERS = [message(4, b""), message(4, b"\x00"), message(9, b"\x01\x02\x03\x04")]


def main():
    records = []
    seq = 1
    for m in OPENS + NOTIFICATIONS + REFRESHES + OTHERS:
        records.append((tcp_segment(m, seq), None))
        seq += len(m)
    together = message(4, b"") + NOTIFICATIONS[20] + REFRESHES[0] + OPENS[3]
    records.append((tcp_segment(together, seq), None))
    # Cut by the capture at every byte past the TCP header (54 bytes of headers).
    for m in [OPENS[1], OPENS[2], OPENS[3], NOTIFICATIONS[-10], NOTIFICATIONS[-7], NOTIFICATIONS[-6], NOTIFICATIONS[-4], REFRESHES[1], together]:
        frame = tcp_segment(m, seq)
        for keep in range(54, len(frame)):
            records.append((frame[:keep], len(frame)))
    write_pcap(__file__.replace(".py", ".pcap"), records)


if __name__ == "__main__":
    main()
