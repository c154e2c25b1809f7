# Writes IEEE 802.5 Token Ring frames as tcpdump's print-token.c reads them (raw bytes):
#   token_ring.pcap          LINKTYPE_IEEE802 (6): LLC frames without and with source
#                            routing (every broadcast indicator, both directions, every
#                            largest-frame code, route lengths 0 to 31, odd ones too),
#                            LLC/SNAP IPv4 and ARP, IPX, STP, NetBIOS and unknown SAPs,
#                            unknown SNAP, MAC frames, and cuts at every byte of the
#                            header and of the route field;
#   token_ring_bridged.pcap  LINKTYPE_ATM_RFC1483 (100): RFC 2684 bridged Token Ring and
#                            FDDI frames (with and without FCS) after LLC/SNAP and the
#                            bridge pad, and cuts in the pad and in the bridged header;
#   token_ring_fr.pcap       LINKTYPE_FRELAY (107): RFC 2427 bridged Ethernet, Token Ring
#                            and FDDI frames after the SNAP NLPID (no bridge pad; FDDI's
#                            skipped byte), with and without the pad byte after the control
#                            field, and cuts in the SNAP header, the skipped byte and the
#                            bridged headers.
import struct
from _inet import ipv4_udp, write_pcap

DST = bytes.fromhex("400000000002")
SRC = bytes.fromhex("100000000001")
IP = ipv4_udp()
SNAP_IP = bytes.fromhex("aaaa03000000") + struct.pack(">H", 0x0800) + IP
ARP = bytes.fromhex("0006080006040001") + SRC + bytes([10, 0, 0, 1]) + bytes(6) + bytes(
    [10, 0, 0, 2]
)
SNAP_ARP = bytes.fromhex("aaaa03000000") + struct.pack(">H", 0x0806) + ARP
IPX = bytes.fromhex("e0e003") + bytes.fromhex(
    "ffff001e0004" + "00000001" + "ffffffffffff" + "5000" + "00000002" + "100000000001" + "5001"
)
STP = bytes.fromhex("424203") + bytes.fromhex(
    "0000" + "00" + "00" + "00" + "8000" + "400000000002" + "00000000" + "8000" + "100000000001"
    + "8001" + "0000" + "1400" + "0200" + "0f00"
)
NETBIOS = bytes.fromhex("f0f003") + b"netbios"
UNKNOWN_SAP = bytes.fromhex("30300300112233")
UNKNOWN_SNAP = bytes.fromhex("aaaa03123456abcd") + b"data"


def token(payload, fc=0x40, ac=0x10, dst=DST, src=SRC, route=None):
    # A Token Ring frame; a route field sets the source's route-information bit.
    if route is not None:
        src = bytes([src[0] | 0x80]) + src[1:]
    return bytes([ac, fc]) + dst + src + (route or b"") + payload


def rif(rcf, segments=()):
    return struct.pack(">H", rcf) + b"".join(struct.pack(">H", s) for s in segments)


def whole(frames):
    return [(f, None) for f in frames]


def cuts(frame, lengths):
    return [(frame[:n], len(frame)) for n in lengths if 0 < n <= len(frame)]


frames = whole(
    [
        token(SNAP_IP),
        token(SNAP_ARP, ac=0x00),
        token(IPX),
        token(STP, dst=bytes.fromhex("c00000000100")),
        token(NETBIOS),
        token(UNKNOWN_SAP),
        token(UNKNOWN_SNAP),
        token(b"\x00\x1c\x00\x20macframe", fc=0x00),
        token(b"other", fc=0x81),
        token(b"third", fc=0xc1),
        token(SNAP_IP, fc=0x50),
    ]
)
# Source routing: every broadcast indicator, direction and largest frame.
for broadcast in range(8):
    for direction in (0, 1):
        frames += whole(
            [
                token(
                    SNAP_IP,
                    route=rif(
                        (broadcast << 13) | (6 << 8) | (direction << 7) | (broadcast << 4),
                        (0x0011, 0xFFF2),
                    ),
                )
            ]
        )
# Every route length (the field says how long it is, odd lengths and 0 and 1 too).
for length in range(32):
    route = rif((length << 8) | 0x30, range(0x1231, 0x1231 + 16))[:length]
    if length < 2:
        route = rif((length << 8) | 0x30)
    frames += whole([token(SNAP_IP, route=route)])
frames += whole(
    [
        token(SNAP_ARP, route=rif(0x8270)),
        token(IPX, route=rif(0xC6B0, (0x0101, 0x0202))),
        token(STP, route=rif(0x0480, (0xABCD,))),
        token(NETBIOS, route=rif(0xC210)),
        token(UNKNOWN_SAP, route=rif(0x0420, (0x0011,))),
        token(UNKNOWN_SNAP, route=rif(0x0420, (0x0011,))),
        token(b"\x00\x1c\x00\x20macframe", fc=0x01, route=rif(0x0630, (0x0011, 0x0022))),
        token(b"\x00\x1c\x00\x20macframe", fc=0x00, route=rif(0x0630)[:1] + b"\x00"),
        token(b"", fc=0x40),
        token(b"", fc=0x00),
    ]
)
# The header cut at every byte, without and with a route field of 3 segments.
plain = token(SNAP_IP)
frames += cuts(plain, range(1, 25))
routed = token(SNAP_IP, route=rif(0x0830, (0x0011, 0x0022, 0x0033)))
frames += cuts(routed, range(1, 32))
frames += cuts(token(IPX, route=rif(0x0630, (0x0011, 0x0022))), (20, 22, 23, 30))
frames += cuts(token(b"\x00\x1c\x00\x20macframe", fc=0x00, route=rif(0x0430, (1,))), (15, 17, 18, 20))
write_pcap("token_ring.pcap", frames, link_type=6)

# RFC 2684 bridged frames over RFC 1483 ATM: LLC/SNAP, OUI 00-80-c2, the PID, 2 pad bytes.
def bridged(pid, frame, pad=b"\x00\x00"):
    return bytes.fromhex("aaaa030080c2") + struct.pack(">H", pid) + pad + frame


FDDI = bytes([0x50]) + bytes.fromhex("aa0004008201") + bytes.fromhex("aa0004008302")
tr_frame = token(SNAP_IP)
tr_routed = token(SNAP_ARP, route=rif(0xC630, (0x0011, 0x0022)))
bridged_frames = whole(
    [
        bridged(0x0003, tr_frame),
        bridged(0x0009, tr_frame),
        bridged(0x0009, tr_routed),
        bridged(0x0009, token(UNKNOWN_SAP)),
        bridged(0x0009, token(b"mac", fc=0x00)),
        bridged(0x0004, b"\x00" + FDDI + SNAP_IP),
        bridged(0x000A, b"\x00" + FDDI + SNAP_ARP),
        bridged(0x000A, b"\x00" + FDDI + UNKNOWN_SAP),
        bridged(0x000A, b"\x00" + bytes([0x41]) + FDDI[1:] + b"smt"),
        bridged(0x0002, b"802.4 frame"),
    ]
)
bridged_frames += cuts(bridged(0x0009, tr_routed), range(8, 33))
bridged_frames += cuts(bridged(0x000A, b"\x00" + FDDI + SNAP_IP), range(8, 28))
write_pcap("token_ring_bridged.pcap", bridged_frames, link_type=100)

# RFC 2427 bridged frames over Frame Relay: Q.922 address (DLCI 100), UI, [pad], NLPID SNAP.
def fr(pid, frame, pad=True):
    return bytes.fromhex("1841") + b"\x03" + (b"\x00" if pad else b"") + b"\x80" + bytes.fromhex(
        "0080c2"
    ) + struct.pack(">H", pid) + frame


ETHER = bytes.fromhex("000000000002" + "000000000001" + "0800") + IP
fr_frames = whole(
    [
        fr(0x0007, ETHER),
        fr(0x0001, ETHER, pad=False),
        fr(0x0003, tr_frame),
        fr(0x0009, tr_routed, pad=False),
        fr(0x0009, token(UNKNOWN_SAP)),
        fr(0x0009, token(b"mac", fc=0x00)),
        fr(0x0004, b"\x00" + FDDI + SNAP_IP),
        fr(0x000A, b"\x00" + FDDI + SNAP_ARP, pad=False),
        fr(0x000A, b"\x00" + FDDI + UNKNOWN_SAP),
        fr(0x000A, b"\x00" + bytes([0x41]) + FDDI[1:] + b"smt"),
        fr(0x0002, b"802.4 frame"),
    ]
)
fr_frames += cuts(fr(0x0009, tr_routed), range(5, 31))
fr_frames += cuts(fr(0x000A, b"\x00" + FDDI + SNAP_IP), range(5, 26))
fr_frames += cuts(fr(0x0007, ETHER), range(10, 26))
write_pcap("token_ring_fr.pcap", fr_frames, link_type=107)
