# Writes ipcomp_headers.pcap: IPComp headers (RFC 3173, IP protocol 108) for tcpdump's
# ipcomp_print(): over IPv4 and IPv6, after AH (both), after IPv6 hop-by-hop, destination
# options, routing and fragment headers, in IPv4 fragments (first and later), with CPIs
# from 0 to 0xffff, IP lengths that end inside the header, and headers cut by the capture
# at every byte.
import struct

from _inet import csum

ETH = bytes.fromhex("00000c9ff001" "0050568a1b2c")
SRC6 = bytes.fromhex("20010db8000000000000000000000001")
DST6 = bytes.fromhex("20010db8000000000000000000000002")
SRC4 = bytes([192, 0, 2, 1])
DST4 = bytes([198, 51, 100, 7])
DEFLATE = bytes.fromhex("789c4b4c4a0600024d0127")


def ipcomp(cpi, nxt=6, flags=0, body=DEFLATE):
    return struct.pack(">BBH", nxt, flags, cpi) + body


def ip4(proto, payload, length=None, frag=0):
    if length is None:
        length = 20 + len(payload)
    header = struct.pack(">BBHHHBBH4s4s", 0x45, 0, length, 0x4242, frag, 64, proto, 0, SRC4, DST4)
    header = header[:10] + struct.pack(">H", csum(header)) + header[12:]
    return ETH + b"\x08\x00" + header + payload


def ip6(nh, payload, plen=None):
    if plen is None:
        plen = len(payload)
    return ETH + b"\x86\xdd" + struct.pack(">IHBB", 0x60000000, plen, nh, 64) + SRC6 + DST6 + payload


def ah(nxt):
    return bytes([nxt, 4, 0, 0]) + struct.pack(">II", 0x1001, 7) + bytes(range(12))


records = []


def add(frame, wire=None):
    records.append((frame, len(frame) if wire is None else wire))


for cpi in (0, 1, 2, 3, 4, 63, 64, 0x635C, 0xE3DE, 0xFFFF):
    add(ip4(108, ipcomp(cpi)))
    add(ip6(108, ipcomp(cpi, nxt=41, flags=0xFF)))
add(ip6(51, ah(108) + ipcomp(0x635C)))
add(ip4(51, ah(108) + ipcomp(0xE3DE, nxt=4)))
add(ip6(0, bytes([108, 0, 1, 4, 0, 0, 0, 0]) + ipcomp(2)))
add(ip6(60, bytes([108, 0, 1, 4, 0, 0, 0, 0]) + ipcomp(3)))
add(ip6(43, bytes([108, 2, 2, 1, 0, 0, 0, 0]) + DST6 + ipcomp(4)))
add(ip6(44, struct.pack(">BBHI", 108, 0, 0x0001, 0xABCD) + ipcomp(5)))
add(ip6(44, struct.pack(">BBHI", 108, 0, 0x0100, 0xABCD) + ipcomp(5)))
add(ip4(108, ipcomp(6), frag=0x2000))
add(ip4(108, ipcomp(7), frag=0x0010))
add(ip4(108, ipcomp(8, body=b"")))
add(ip6(108, ipcomp(9, body=b"")))
# IP lengths that end inside the header (the capture has it all).
for n in range(4):
    add(ip4(108, ipcomp(0x1234), length=20 + n))
    add(ip6(108, ipcomp(0x1234), plen=n))
add(ip6(51, ah(108) + ipcomp(0x1234), plen=24 + 2))
# Cut by the capture at every byte.
for frame in (ip4(108, ipcomp(0xBEEF)), ip6(108, ipcomp(0xBEEF)), ip6(51, ah(108) + ipcomp(0xBEEF))):
    for cut in range(len(frame) - len(DEFLATE) - 4, len(frame) - len(DEFLATE)):
        add(frame[:cut], len(frame))

with open("ipcomp_headers.pcap", "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    for i, (frame, wire) in enumerate(records):
        f.write(struct.pack("<IIII", 1_700_000_000 + i, 0, len(frame), wire))
        f.write(frame)
