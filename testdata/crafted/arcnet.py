# Writes arcnet.pcap (LINKTYPE_ARCNET_BSD, 7) and arcnet_linux.pcap (LINKTYPE_ARCNET_LINUX,
# 129): ARCNET headers before every payload tcpdump's arcnet_encap_print() hands on (IPv4 by
# RFC 1051 and RFC 1201 codes, IPv6, ARP old and new, RARP, IPX) and the codes it does not
# (Banyan, diagnostics, unknown codes: their bytes in hex); BSD RFC 1201 headers unfragmented,
# first fragments, later fragments (nothing printed after the header) and exception packets
# (split flag 0xff, the real flag 4 bytes on) of each kind; headers cut by the capture at
# every byte (short header, " phds", " phds extended"), headers with nothing after them, and
# payloads cut inside their own headers. Linux headers with buffer offsets whose first byte
# tcpdump names as the type with -e. AppleTalk (code 221): DDP datagrams whole, in an
# exception packet, and cut inside the DDP header (tcpdump's heapoverflow-atalk tests).
import struct

from _inet import csum, ipv4_udp, ipv6_udp, write_pcap

SRC = bytes([10, 80, 131, 1])
DST = bytes([10, 80, 131, 254])


def icmp_echo(payload=b"ping" * 4):
    icmp = struct.pack(">BBHHH", 8, 0, 0, 0x1234, 1) + payload
    icmp = icmp[:2] + struct.pack(">H", csum(icmp)) + icmp[4:]
    ip = struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + len(icmp), 7, 0, 64, 1, 0, SRC, DST)
    return ip[:10] + struct.pack(">H", csum(ip)) + ip[12:] + icmp


def arp(op, sha=0xBE, tha=0x00, spa=SRC, tpa=DST, hrd=7):
    # ARP over ARCNET: 1-byte hardware addresses (ARPHRD_ARCNET).
    return struct.pack(">HHBBH", hrd, 0x0800, 1, 4, op) + bytes([sha]) + spa + bytes([tha]) + tpa


def ipx(socket, payload):
    header = struct.pack(">HHBB", 0xFFFF, 30 + len(payload), 0, 4)
    header += bytes.fromhex("00000001ffffffffffff") + struct.pack(">H", socket)
    header += bytes.fromhex("00000001020000000001") + struct.pack(">H", socket)
    return header + payload


ICMP = icmp_echo()
UDP = ipv4_udp(b"hello", src=SRC, dst=DST)
BIG_UDP = ipv4_udp(b"x" * 600, src=SRC, dst=DST)
UDP6 = ipv6_udp(b"hello")
ARP_REQUEST = arp(1)
ARP_REPLY = arp(2, sha=0x50, tha=0xBE, spa=DST, tpa=SRC)
RARP_REQUEST = arp(3, sha=0x50, tha=0x50, spa=bytes(4), tpa=bytes(4))
RARP_REPLY = arp(4, sha=0xBE, tha=0x50, spa=SRC, tpa=DST)
ARP_ETHER = arp(1, hrd=1)
IPX_SAP = ipx(0x0452, struct.pack(">HH", 1, 4))
IPX_NETBIOS = ipx(0x0455, b"netbios!")
DATA = bytes(range(0x30, 0x30 + 20))

# (system code, payload): every code tcpdump names, and unnamed ones.
PAYLOADS = [
    (240, ICMP),
    (240, UDP),
    (241, ARP_REQUEST),
    (241, ARP_REPLY),
    (212, ICMP),
    (212, UDP),
    (213, ARP_REQUEST),
    (213, ARP_REPLY),
    (213, ARP_ETHER),
    (214, RARP_REQUEST),
    (214, RARP_REPLY),
    (0xC4, UDP6),
    (250, IPX_SAP),
    (250, IPX_NETBIOS),
    (247, DATA),
    (0x80, DATA),
    (0x42, DATA),
    (0x00, DATA),
    (0xFF, DATA),
    # The code says IPv4, the payload is not.
    (212, UDP6),
    (240, b"\x45"),
]

RFC1051 = {240, 241, 0x80}


def bsd(src, dst, code, payload, flag=0, seqid=0x1234, exception=False):
    head = bytes([src, dst, code])
    if code not in RFC1051:
        if exception:
            head += b"\xff\x00\x00" + bytes([code, flag]) + struct.pack(">H", seqid)
        else:
            head += bytes([flag]) + struct.pack(">H", seqid)
    return head + payload


def linux(src, dst, code, payload, offset=0, flag=0, seqid=0x4321):
    head = bytes([src, dst]) + struct.pack(">H", offset) + bytes([code])
    if code not in RFC1051:
        head += bytes([flag]) + struct.pack(">H", seqid)
    return head + payload


records = []
# Every payload, unfragmented.
for code, payload in PAYLOADS:
    records.append((bsd(0xBE, 0x50, code, payload), None))
# The same in exception packets.
for code, payload in PAYLOADS[4:12]:
    records.append((bsd(0x50, 0xBE, code, payload, exception=True), None))
# Fragments: the first of 2, 3 and 129 (its flag as odd as it gets), later fragments.
for flag in (1, 3, 5, 0xFD):
    records.append((bsd(0xBE, 0x00, 212, BIG_UDP[:504], flag=flag), None))
for flag in (2, 4, 0xFE):
    records.append((bsd(0xBE, 0x00, 212, BIG_UDP[504:], flag=flag), None))
records.append((bsd(0xBE, 0x00, 0x42, DATA, flag=1), None))
records.append((bsd(0xBE, 0x00, 0x42, DATA, flag=2), None))
records.append((bsd(0xBE, 0x00, 0xC4, UDP6, flag=7), None))
records.append((bsd(0xBE, 0x00, 213, ARP_REQUEST, flag=6), None))
# Exception packets of fragments, and one whose real flag is 0xff again.
records.append((bsd(0xBE, 0x00, 212, BIG_UDP[:504], flag=1, exception=True), None))
records.append((bsd(0xBE, 0x00, 212, BIG_UDP[504:], flag=2, exception=True), None))
records.append((bsd(0xBE, 0x00, 212, ICMP, flag=0xFF, exception=True), None))
records.append((bsd(0xBE, 0x00, 0x42, DATA, flag=0, exception=True), None))
# Nothing after the header.
for code in (240, 212, 213, 0xC4, 250, 247, 0x80, 0x42):
    records.append((bsd(0xBE, 0x50, code, b""), None))
records.append((bsd(0xBE, 0x50, 212, b"", exception=True), None))
# Cuts at every byte of each header: short, RFC 1201 and exception headers.
for frame in (
    bsd(0xBE, 0x50, 240, ICMP),
    bsd(0xBE, 0x50, 212, ICMP),
    bsd(0xBE, 0x50, 0x42, DATA),
    bsd(0xBE, 0x50, 212, ICMP, flag=2),
):
    for cut in range(1, 7):
        records.append((frame[:cut], len(frame)))
exception = bsd(0xBE, 0x50, 212, ICMP, flag=1, exception=True)
for cut in range(1, 11):
    records.append((exception[:cut], len(exception)))
# Payloads cut inside their headers.
for code, payload in ((240, ICMP), (212, UDP), (213, ARP_REQUEST), (0xC4, UDP6), (250, IPX_SAP)):
    for cut in (1, 10, len(payload) - 1):
        frame = bsd(0x01, 0x02, code, payload)
        records.append((frame[: len(frame) - len(payload) + cut], len(frame)))
for cut in (1, 21, 29):
    frame = bsd(0x01, 0x02, 212, ICMP, exception=True)
    records.append((frame[: 10 + cut], len(frame)))
# AppleTalk: DDP's echo, an ATP request and an NBP lookup; a DDP header cut by the capture.
DDP_ECHO = bytes.fromhex("000e0000ff001234c80902fd04") + b"\x01"
DDP_ATP = bytes.fromhex("00150000ff001234c80902fd03") + bytes.fromhex("4001123400000000")
NBP = bytes.fromhex("2101") + bytes.fromhex("0000ff0402") + b"\x01=" + b"\x08AFPServer" + b"\x01*"
DDP_NBP = struct.pack(">H", 13 + len(NBP)) + bytes.fromhex("0000ff001234c80902fd02") + NBP
for ddp in (DDP_ECHO, DDP_ATP, DDP_NBP):
    records.append((bsd(0xBE, 0x50, 221, ddp), None))
records.append((bsd(0xBE, 0x50, 221, DDP_ATP, exception=True), None))
cut_ddp = bsd(0xBE, 0x50, 221, DDP_ATP)
for cut in (7, 10, 17, 19, 25):
    records.append((cut_ddp[:cut], len(cut_ddp) + 1000))
write_pcap("arcnet.pcap", records, link_type=7)

records = []
# Every payload, with buffer offsets whose first byte -e names: a named code, another, none.
for i, (code, payload) in enumerate(PAYLOADS):
    offset = (0xD4, 0xF0, 0x00, 0xC4, 0x37, 0xFA)[i % 6] << 8 | i
    records.append((linux(0xBE, 0x50, code, payload, offset=offset), None))
# Linux hands over whole packets: fragment fields are read but not printed.
records.append((linux(0xBE, 0x00, 212, ICMP, offset=0xF100, flag=3, seqid=9), None))
records.append((linux(0xBE, 0x00, 212, ICMP, offset=0xD500, flag=2, seqid=9), None))
records.append((linux(0xBE, 0x00, 0x42, DATA, offset=0xFF00, flag=0xFF), None))
# Nothing after the header.
for code in (240, 212, 213, 0xC4, 250, 247, 0x80, 0x42):
    records.append((linux(0xBE, 0x50, code, b"", offset=0xF600), None))
# Cuts at every byte of both headers.
for frame in (
    linux(0xBE, 0x50, 240, ICMP, offset=0xF000),
    linux(0xBE, 0x50, 212, ICMP, offset=0xD400),
    linux(0xBE, 0x50, 0x42, DATA, offset=0x0100),
):
    for cut in range(1, 9):
        records.append((frame[:cut], len(frame)))
# Payloads cut inside their headers.
for code, payload in ((240, ICMP), (212, UDP), (241, ARP_REPLY), (0xC4, UDP6), (250, IPX_SAP)):
    for cut in (1, 10, len(payload) - 1):
        frame = linux(0x01, 0x02, code, payload, offset=0xEA00)
        records.append((frame[: len(frame) - len(payload) + cut], len(frame)))
for ddp in (DDP_ECHO, DDP_NBP):
    records.append((linux(0xBE, 0x50, 221, ddp), None))
cut_ddp = linux(0xBE, 0x50, 221, DDP_ECHO)
for cut in (9, 12, 20):
    records.append((cut_ddp[:cut], len(cut_ddp) + 1000))
write_pcap("arcnet_linux.pcap", records, link_type=129)
