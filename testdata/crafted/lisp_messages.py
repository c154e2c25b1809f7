# Writes lisp_messages.pcap: LISP control messages on UDP port 4342 (IPv4 and IPv6), one
# packet per case: every message type tcpdump names and unknown ones, Map-Register and
# Map-Notify with every header flag, key id, authentication lengths (none, odd, longer than
# the capture, wrapping tcpdump's 16-bit position), IPv4 and IPv6 EID records and locators,
# locators of other families, EIDs of other families (LCAF), every action, authoritative
# bit and locator flag, record counts of 0 and more than the records, the xTR-ID and
# site-ID (and too few bytes for them), trailing data (odd and even), UDP and IP lengths
# shorter than the capture, other ports first, and cuts at every byte of two messages.
import struct

from _inet import csum

ETH_DST = bytes.fromhex("0200000000aa")
ETH_SRC = bytes.fromhex("0200000000bb")
SRC4 = bytes([192, 168, 0, 105])
DST4 = bytes([10, 1, 2, 3])
SRC6 = bytes.fromhex("20010db8000000000000000000000001")
DST6 = bytes.fromhex("20010db8000000000000000000000002")
V4 = [bytes([20, 20, 8, n]) for n in range(250, 256)]
V6 = bytes.fromhex("20010db885a3000000008a2e03707334")
V6_MAPPED = bytes.fromhex("00000000000000000000ffff0a000001")


def udp4(payload, sport=4342, dport=4342, udp_length=None, ip_extra=0):
    length = 8 + len(payload) if udp_length is None else udp_length
    udp = struct.pack(">HHHH", sport, dport, length, 0) + payload
    pseudo = SRC4 + DST4 + struct.pack(">BBH", 0, 17, len(udp))
    udp = udp[:6] + struct.pack(">H", csum(pseudo + udp)) + udp[8:]
    total = 20 + len(udp) - ip_extra
    ip = struct.pack(">BBHHHBBH4s4s", 0x45, 0, total, 1, 0, 64, 17, 0, SRC4, DST4)
    ip = ip[:10] + struct.pack(">H", csum(ip)) + ip[12:]
    return ETH_DST + ETH_SRC + b"\x08\x00" + ip + udp


def udp6(payload, sport=4342, dport=4342):
    udp = struct.pack(">HHHH", sport, dport, 8 + len(payload), 0) + payload
    pseudo = SRC6 + DST6 + struct.pack(">IxxxB", len(udp), 17)
    udp = udp[:6] + struct.pack(">H", csum(pseudo + udp)) + udp[8:]
    ip = struct.pack(">IHBB", 0x60000000, len(udp), 17, 64) + SRC6 + DST6
    return ETH_DST + ETH_SRC + b"\x86\xdd" + ip + udp


AUTH20 = bytes.fromhex("4bbb9614a67a860404077995453719068366cd1d")


def header(msg_type, count, flags=0, key=1, auth=AUTH20, auth_length=None):
    # flags: bits of the first 32-bit word between the type and the record count.
    word = (msg_type << 28) | flags | count
    length = len(auth) if auth_length is None else auth_length
    return struct.pack(">IQHH", word, 0x1122334455667788, key, length) + auth


def locator(afi=1, addr=V4[0], prio=1, weight=100, flags=0x0001):
    return struct.pack(">BBBBHH", prio, weight, 2, 50, flags, afi) + addr


def record(eid=bytes([10, 30, 1, 100]), afi=1, mask=32, locs=(), count=None, act=0x10,
           version=0, ttl=1440):
    n = len(locs) if count is None else count
    return struct.pack(">IBBBBHH", ttl, n, mask, act, 0, version, afi) + eid + b"".join(locs)


XTR = bytes(range(0x90, 0xA0)) + struct.pack(">Q", 18446744073709551615)
REGISTER = header(3, 2, flags=0x02000100) + record(locs=[locator()]) + record(
    eid=V6, afi=2, mask=80, locs=[locator(), locator(2, V6, flags=7)]) + XTR
NOTIFY = header(4, 1, flags=0x08000000, key=2, auth=AUTH20[:7]) + record(
    locs=[locator(2, V6_MAPPED), locator(), locator(9, b"")], act=0xE0) + XTR[:24]

frames = [
    (udp4(REGISTER), None),
    (udp6(NOTIFY), None),
    # Every type tcpdump names and some it does not: just the name (and its comma).
    *[(udp4(header(t, 1)), None) for t in (0, 1, 2, 5, 8, 15)],
    # Every Map-Register flag, each alone; Map-Notify's two and the others.
    *[(udp4(header(3, 1, flags=f) + record(locs=[locator()])), None)
      for f in (0x08000000, 0x04000000, 0x01000000, 0x100, 0x0FFFFF00, 0x00F0FE00, 0)],
    *[(udp4(header(4, 1, flags=f) + record(locs=[locator()])), None)
      for f in (0x04000000, 0x02000000, 0x0FFFFF00)],
    # Key ids: none, SHA256, unknown; no authentication data, one byte, 33 bytes.
    *[(udp4(header(3, 1, key=k, auth=a) + record()), None)
      for k, a in ((0, b""), (2, b"\xab"), (7, bytes(range(33))))],
    # Every action and the authoritative bit; map versions; every locator flag.
    *[(udp4(header(4, 1) + record(act=a, version=0xF123, locs=[locator(flags=f)])), None)
      for a, f in ((0x00, 0), (0x30, 2), (0x50, 4), (0x70, 3), (0x90, 5), (0xFF, 0xFFFF))],
    # IPv6 EIDs and locators, the zero address, a mapped address, priorities 255.
    (udp6(header(3, 1) + record(eid=bytes(16), afi=2, mask=0,
                               locs=[locator(2, V6_MAPPED, 255, 255)])), None),
    # An EID of another family (LCAF 16387): tcpdump stops after the record's fields.
    (udp4(header(3, 2) + record(eid=b"\x00\x01", afi=16387) + record()), None),
    (udp4(header(3, 1, flags=0x02000000) + record(afi=0)), None),
    # Locators of other families: no address read, the walk goes on after 8 bytes.
    (udp4(header(3, 1) + record(locs=[locator(0, b""), locator(16387, b""), locator()])),
     None),
    # A record count of 0 (invalid), with and without -v's authentication first.
    (udp4(header(3, 0) + record()), None),
    (udp4(header(4, 0, flags=0x08000000)), None),
    # More records than the message holds: the walk stops at the wire length.
    (udp4(header(3, 5) + record(locs=[locator()])), None),
    (udp4(header(4, 3, flags=0x08000000) + record() + XTR), None),
    # Fewer records than bytes: the rest as Data (even and odd), or as the xTR-ID.
    (udp4(header(3, 1) + record() + bytes(range(9))), None),
    (udp4(header(3, 1) + record() + bytes(range(34))), None),
    (udp4(header(3, 1, flags=0x02000000) + record() + XTR + b"\xee"), None),
    # The I bit with fewer than 24 bytes left (invalid).
    (udp4(header(3, 1, flags=0x02000000) + record() + XTR[:23]), None),
    (udp4(header(4, 1, flags=0x08000000) + record()), None),
    # More locators than the record holds; a locator count of 0.
    (udp4(header(3, 1) + record(locs=[locator()], count=3)), None),
    (udp4(header(3, 1) + record(count=0) + record()), None),
    # An authentication length past the capture: the records are cut.
    (udp4(header(3, 1, auth_length=200) + record()), None),
    # An authentication length wrapping tcpdump's 16-bit position back into the header.
    (udp4(header(3, 1, auth=b"", auth_length=0xFFF0) + record()), None),
    (udp4(header(4, 2, auth=b"", auth_length=0xFFFC) + record()), None),
    # A UDP length short of the records (the IP length longer); an IP length short of
    # the capture (its end stops the reads).
    (udp4(REGISTER, udp_length=8 + 60), None),
    (udp4(REGISTER, ip_extra=10), None),
    (udp4(REGISTER, udp_length=8 + 10), None),
    # Other ports first: DNS on one side goes to DNS; 4342 on the source only.
    (udp4(header(3, 1) + record(), sport=53), None),
    (udp4(header(3, 1) + record(), sport=4342, dport=40000), None),
    (udp4(header(3, 1) + record(), sport=40000, dport=4342), None),
    # Shorter than the header on the wire, and empty.
    (udp4(header(3, 1)[:10]), None),
    (udp4(b""), None),
]
# Cut by the capture at every byte of a Map-Register (IPv4 and IPv6 records, locators,
# xTR-ID) and of a Map-Notify over IPv6.
for full in (udp4(REGISTER), udp6(NOTIFY)):
    start = len(full) - len(REGISTER if full[12:14] == b"\x08\x00" else NOTIFY)
    for n in range(start, len(full)):
        frames.append((full[:n], len(full)))
with open("lisp_messages.pcap", "wb") as out:
    out.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    for i, (data, wire) in enumerate(frames):
        out.write(struct.pack("<IIII", 1_700_000_000 + i, 0, len(data), wire or len(data)))
        out.write(data)
