# Writes the ATM link types as tcpdump's print-sunatm.c, print-atm.c, print-cip.c and
# print-lane.c read them (raw bytes: scapy has no layers for these):
#   atm_sunatm.pcap   LINKTYPE_SUNATM (123): Q.2931 signalling (every message type, an
#                     unknown one, SSCOP), broadcast and meta-signalling, ILMI (SNMP, whole
#                     and cut in every part of the message), OAM F4 and F5 cells (every cell
#                     type, fault management functions, loopback request and reply, AIS,
#                     RDI, good and bad CRC-10, every payload type),
#                     LLC and unknown traffic, LANE control and data frames, and cuts in the
#                     pseudo-header, in signalling, in every OAM field and in LANE;
#   atm_rfc1483.pcap  LINKTYPE_ATM_RFC1483 (100): LLC/SNAP, the IP and ISO SAPs, Cisco's
#                     NLPID format, 802.6 headers, LLC XID/I/S frames, cuts everywhere;
#   atm_cip.pcap      LINKTYPE_ATM_CLIP (106): LLC/SNAP or bare IP, and cuts before 6 bytes.
import struct
from _inet import ipv4_udp, ipv6_udp

IP = ipv4_udp()
SNAP_IP = bytes.fromhex("aaaa03000000") + struct.pack(">H", 0x0800) + IP


def pcap(name, link_type, records):
    with open(name, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, link_type))
        for i, (data, wire) in enumerate(records):
            f.write(struct.pack("<IIII", 1_700_000_000 + i, 1000 * i, len(data), wire))
            f.write(data)


def whole(frames):
    return [(f, len(f)) for f in frames]


def cuts(frame, lengths):
    return [(frame[:n], len(frame)) for n in lengths if 0 < n <= len(frame)]


# SunATM: flags (0x80 transmitted; traffic type 1 LANE, 2 LLC), VPI, VCI.
def sunatm(vci, payload, flags=0x02, vpi=0):
    return bytes([flags, vpi]) + struct.pack(">H", vci) + payload


def q2931(msg_type, call_ref=0x801234):
    return bytes([0x09, 0x03]) + call_ref.to_bytes(3, "big") + bytes([msg_type, 0x80, 0x00, 0x00])


def crc10(data):
    accum = 0
    for byte in data:
        table = accum >> 2 & 0xFF
        value = table << 2
        for _ in range(8):
            value <<= 1
            if value & 0x400:
                value ^= 0x633
        accum = ((accum << 8) & 0x3FF) ^ value ^ byte
    return accum & 0x3FF


def oam_payload(cell_type, func_type, specific, good=True):
    body = bytes([cell_type << 4 | func_type]) + specific.ljust(45, b"\x6a")[:45]
    for value in range(1024):
        candidate = body + struct.pack(">H", 0xFC00 | value)
        if crc10(candidate) == 0:
            return candidate if good else body + struct.pack(">H", 0xFC00 | (value ^ 0x155))
    raise ValueError("no CRC-10")


def oam_cell(vpi, vci, pti, clp, payload):
    header = vpi << 20 | vci << 4 | pti << 1 | clp
    return b"\x55" + struct.pack(">I", header) + payload


LOOPBACK_REQUEST = bytes([0x01]) + struct.pack(">I", 0xDEADBEEF) + bytes(range(1, 13)) + bytes(range(0x21, 0x2D))
LOOPBACK_REPLY = bytes([0xFE]) + struct.pack(">I", 7) + b"\xff" * 12 + bytes(12)
AIS = bytes([0x6A]) + bytes(range(0x40, 0x50))

def snmp_get():
    oid = bytes.fromhex("06082b06010201010100") + b"\x05\x00"
    varbind = b"\x30" + bytes([len(oid)]) + oid
    varbinds = b"\x30" + bytes([len(varbind)]) + varbind
    pdu_body = bytes.fromhex("020101020100020100") + varbinds
    pdu = b"\xa0" + bytes([len(pdu_body)]) + pdu_body
    body = bytes.fromhex("020100") + b"\x04\x04ILMI" + pdu
    return b"\x30" + bytes([len(body)]) + body


ETHER_IP = bytes.fromhex("00000c0102030800200405060800") + IP
ETHER_UNKNOWN = bytes.fromhex("00000c0102030800200405061234") + b"data"
ETHER_8023 = bytes.fromhex("00000c010203080020040506000a") + bytes.fromhex("f0f003") + b"netbeui"
# RFC 2684 bridged Ethernet (without FCS): LLC/SNAP with OUI 00-80-c2, then 2 pad bytes.
BRIDGED = bytes.fromhex("aaaa030080c20007") + bytes(2)

sunatm_frames = [sunatm(5, q2931(t)) for t in (0x02, 0x07, 0x0F, 0x05, 0x4D, 0x5A, 0x46, 0x4E, 0x7D, 0x75, 0x80, 0x81, 0x82, 0x83, 0x84, 0x99)]
sunatm_frames += [
    sunatm(5, bytes([0x07, 1, 2, 3])),
    sunatm(5, q2931(0x05), flags=0x82),
    sunatm(2, b"broadcast signalling"),
    sunatm(1, b"meta"),
    sunatm(2, b""),
    sunatm(16, snmp_get()),
    sunatm(32, SNAP_IP),
    sunatm(32, SNAP_IP, flags=0x80),
    sunatm(5, SNAP_IP, vpi=1),
    sunatm(3, SNAP_IP, vpi=2, flags=0x03),
    sunatm(32, bytes.fromhex("aaaa030000001234") + b"unknown ethertype"),
    sunatm(32, bytes.fromhex("4242030000000000")),
    sunatm(32, bytes.fromhex("3030bf810100")),
    sunatm(32, bytes.fromhex("30f1af")),
    sunatm(32, BRIDGED + ETHER_IP),
    sunatm(40, bytes.fromhex("ff00010101010101"), flags=0x01),
    sunatm(40, bytes.fromhex("ff0001020107"), flags=0x01),
    sunatm(40, bytes.fromhex("ff00010201ff"), flags=0x81),
    sunatm(40, bytes.fromhex("0042") + ETHER_IP, flags=0x01),
    sunatm(40, bytes.fromhex("abcd") + ETHER_UNKNOWN, flags=0x01),
    sunatm(40, bytes.fromhex("0001") + ETHER_8023, flags=0x01),
]
# OAM cells: F4 segment and end-to-end (VCI 3, 4), F5 (another VCI), every payload type.
for vci in (3, 4):
    sunatm_frames += [
        sunatm(vci, oam_cell(0, vci, 0, 0, oam_payload(1, 8, LOOPBACK_REQUEST))),
        sunatm(vci, oam_cell(0, vci, 0, 0, oam_payload(1, 8, LOOPBACK_REPLY))),
        sunatm(vci, oam_cell(0, vci, 0, 1, oam_payload(1, 0, AIS))),
        sunatm(vci, oam_cell(0, vci, 0, 0, oam_payload(1, 1, AIS, good=False))),
        sunatm(vci, oam_cell(0, vci, 0, 0, oam_payload(1, 4, b""))),
        sunatm(vci, oam_cell(0, vci, 0, 0, oam_payload(1, 8, LOOPBACK_REQUEST, good=False))),
    ]
for cell_type, func_type in ((1, 2), (1, 15), (2, 0), (2, 1), (2, 2), (2, 3), (8, 0), (8, 1), (8, 5), (15, 0), (5, 3), (0, 0)):
    sunatm_frames.append(sunatm(4, oam_cell(0, 4, 0, 0, oam_payload(cell_type, func_type, b"\x01\x02"))))
for pti in range(8):
    sunatm_frames.append(sunatm(3, oam_cell(255, 0x1234 + pti, pti, pti & 1, oam_payload(1, 8, LOOPBACK_REQUEST))))
sunatm_frames.append(sunatm(3, oam_cell(0, 4, 5, 0, oam_payload(1, 8, LOOPBACK_REQUEST)) + b"trailing"))
sunatm_records = whole(sunatm_frames)
sunatm_records += cuts(sunatm(5, q2931(0x05)), range(1, 10))
sunatm_records += cuts(sunatm(5, bytes([0x07])), (4,))
sunatm_records += cuts(sunatm(32, SNAP_IP), (4, 5, 6, 7, 9, 11, 12, 20))
loop = sunatm(4, oam_cell(0, 4, 5, 0, oam_payload(1, 8, LOOPBACK_REQUEST)))
sunatm_records += cuts(loop, (4, 5, 6, 8, 9, 10, 11, 12, 15, 30, 50, 51, 55, 56, 57))
ais = sunatm(3, oam_cell(0, 3, 4, 0, oam_payload(1, 1, AIS)))
sunatm_records += cuts(ais, (11, 20, 55, 56, 57))
cc = sunatm(3, oam_cell(0, 3, 4, 0, oam_payload(1, 4, b"")))
sunatm_records += cuts(cc, (10, 11, 40, 55, 56, 57))
sunatm_records += cuts(sunatm(40, bytes.fromhex("ff00010201ff"), flags=0x01), (4, 5, 6, 7, 8, 9))
sunatm_records += cuts(sunatm(40, bytes.fromhex("0042") + ETHER_IP, flags=0x01), (5, 6, 7, 10, 19, 20, 21, 30))
sunatm_records += cuts(sunatm(16, snmp_get()), (4, 5, 6, 7, 10, 12, 20, 30, 41))
sunatm_records += cuts(sunatm(32, BRIDGED + ETHER_IP), (12, 13, 14, 20))
pcap("atm_sunatm.pcap", 123, sunatm_records)


# RFC 1483: LLC with SNAP, IP or ISO SAPs; Cisco's NLPID format; else an 802.6 header.
MAC_802_6 = bytes(range(0x10, 0x24))
CLNP_ER = bytes.fromhex("8111011e0010000b0a4900010000000000010a490001000000000002")
rfc1483_frames = [
    SNAP_IP,
    bytes.fromhex("060603") + IP,
    bytes.fromhex("aaaa03000000") + struct.pack(">H", 0x86DD) + ipv6_udp(),
    bytes.fromhex("aaaa03000000abcd") + b"unknown",
    BRIDGED + ETHER_IP,
    bytes.fromhex("aaaa030080c20001") + bytes(2) + ETHER_IP + b"fcs!",
    BRIDGED + ETHER_UNKNOWN,
    BRIDGED + ETHER_8023,
    bytes.fromhex("aaaa030080c2000e") + bytes(4),
    bytes.fromhex("03cc") + IP,
    bytes.fromhex("038e") + ipv6_udp(),
    bytes.fromhex("0300") + b"null",
    bytes.fromhex("0342") + b"unknown nlpid",
    bytes.fromhex("0342"),
    bytes.fromhex("03") + CLNP_ER,
    bytes.fromhex("fefe03") + CLNP_ER,
    MAC_802_6 + SNAP_IP,
    MAC_802_6 + bytes.fromhex("3030bf"),
    MAC_802_6 + bytes.fromhex("3030af"),
    MAC_802_6 + bytes.fromhex("f0f0af810100"),
    MAC_802_6 + bytes.fromhex("f0f1af8101"),
    MAC_802_6 + bytes.fromhex("f0f0af420000"),
    MAC_802_6 + bytes.fromhex("f0f0e3") + b"test",
    MAC_802_6 + bytes.fromhex("04051002") + b"info",
    MAC_802_6 + bytes.fromhex("04050103"),
    MAC_802_6 + bytes.fromhex("04040904"),
    MAC_802_6 + bytes.fromhex("42420300000000"),
]
rfc1483_records = whole(rfc1483_frames)
rfc1483_records += [(MAC_802_6 + bytes.fromhex("3030bf"), 262144)]
rfc1483_records += cuts(SNAP_IP, (1, 2, 3, 5, 8, 9, 20))
rfc1483_records += cuts(bytes.fromhex("03cc") + IP, (1, 2, 5))
rfc1483_records += cuts(MAC_802_6 + SNAP_IP, (3, 10, 15, 16, 17, 19, 20, 21, 22, 23, 25, 28, 30))
rfc1483_records += cuts(MAC_802_6 + bytes.fromhex("f0f0af810100"), (23, 24, 25))
rfc1483_records += cuts(MAC_802_6 + bytes.fromhex("04051002"), (23,))
rfc1483_records += cuts(BRIDGED + ETHER_IP, (8, 9, 10, 11, 23, 24, 25, 30))
rfc1483_records += cuts(MAC_802_6 + BRIDGED + ETHER_IP, (28, 29, 30, 44))
pcap("atm_rfc1483.pcap", 100, rfc1483_records)


# Classical IP over ATM: the LLC/SNAP header's first 6 bytes, or IP.
cip_frames = [
    SNAP_IP,
    IP,
    ipv6_udp(),
    bytes.fromhex("aaaa030000001234") + b"unknown",
    bytes.fromhex("aaaa030000010800") + IP,
    bytes.fromhex("aaaa03000000"),
]
cip_records = whole(cip_frames) + cuts(SNAP_IP, (1, 3, 5, 6, 7, 8, 9, 20)) + cuts(IP, (1, 5, 6, 12))
pcap("atm_cip.pcap", 106, cip_records)
