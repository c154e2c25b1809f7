# Writes carp_messages.pcap: CARP (OpenBSD's Common Address Redundancy Protocol) on IP
# protocol 112, as tcpdump's -T carp prints it (and as VRRP without -T): advertisements
# with a good and a bad checksum, TTLs 255 and other, versions 1 and 3 and type 2, every
# field at 0 and 255, a counter of 2^64 - 1, messages of odd length, of 6 and 7 bytes and
# longer than the 36 of an advertisement, over IPv6, Ethernet padding past the IP packet,
# a UDP datagram and a TCP segment (printed as nothing after IP with -T carp), then an
# advertisement cut by the capture at every byte.
import struct

from _inet import csum, ipv4_udp, write_pcap

SRC = bytes([192, 168, 1, 2])
DST = bytes([224, 0, 0, 18])
SRC6 = bytes.fromhex("fe800000000000000000000000000002")
DST6 = bytes.fromhex("ff020000000000000000000000000012")
ETH = bytes.fromhex("01005e000012" "00005e000101" "0800")
ETH6 = bytes.fromhex("333300000012" "00005e000101" "86dd")


def carp(vt=0x21, vhid=1, skew=0, authlen=7, demote=0, base=1, counter=0x0102030405060708,
         hmac=bytes(range(20)), checksum=None):
    message = struct.pack(">BBBBBBHQ", vt, vhid, skew, authlen, demote, base, 0, counter) + hmac
    good = csum(message)
    value = good if checksum is None else checksum
    return message[:6] + struct.pack(">H", value) + message[8:]


def ip4(message, ttl=255, total=None):
    length = 20 + len(message) if total is None else total
    ip = struct.pack(">BBHHHBBH4s4s", 0x45, 0xC0, length, 1, 0, ttl, 112, 0, SRC, DST)
    return ETH + ip[:10] + struct.pack(">H", csum(ip)) + ip[12:] + message


def ip6(message, hlim=255):
    return ETH6 + struct.pack(">IHBB", 0x60000000, len(message), 112, hlim) + SRC6 + DST6 + message


ADVERT = carp()
frames = [
    ip4(ADVERT),
    ip4(carp(checksum=0x1234)),
    ip4(carp(checksum=0x000F)),
    ip4(ADVERT, ttl=64),
    ip4(carp(checksum=0xBEEF), ttl=1),
    ip4(carp(vt=0x11)),
    ip4(carp(vt=0x31)),
    ip4(carp(vt=0x22)),
    ip4(carp(vt=0x20)),
    ip4(carp(vt=0x2F), ttl=0),
    ip4(carp(vhid=0, skew=0, authlen=0, demote=0, base=0, counter=0)),
    ip4(carp(vhid=255, skew=255, authlen=255, demote=255, base=255, counter=2**64 - 1)),
    ip4(carp(counter=2**53 + 1)),
    ip4(carp(hmac=bytes(21))),
    ip4(carp(hmac=bytes(21), checksum=0x4242)),
    ip4(carp(hmac=b"")),
    ip4(carp(hmac=b"x" * 40)),
    ip4(ADVERT[:6]),
    ip4(ADVERT[:7]),
    ip4(ADVERT[:8]),
    ip4(ADVERT[:15]),
    ip4(ADVERT[:16]),
    ip4(b"\x21\x00\x00\x00\x00\x00"),
    ip4(b"\x21\x00\x00\x00\x00\x00\x00"),
    ip4(b"\x21\x01\x01\x01\x01\x01"),
    ip4(b"\x21\x01\x01\x01\x01\x01\x01"),
    ip4(b"\x21"),
    ip4(b"\x11"),
    ip4(b""),
    ip6(ADVERT),
    ip6(carp(checksum=0x1111), hlim=64),
    ip6(ADVERT[:10]),
    # Ethernet padding past the IP packet, and an IP length longer than the frame.
    ip4(ADVERT[:16], total=20 + 16) + bytes(12),
    ip4(ADVERT, total=20 + 40),
    # Other protocols: UDP (nothing after IP with -T carp), TCP.
    ETH + ipv4_udp(b"\x21\x01\x00\x07"),
    ETH + bytes.fromhex("450000280001000040060000c0a80102c0a80101") + struct.pack(">HHIIBBHHH", 1024, 80, 1, 0, 0x50, 2, 512, 0, 0),
]
frames = [(f, None) for f in frames]
f = ip4(ADVERT)
for n in range(len(ADVERT)):
    frames.append((f[: 14 + 20 + n], len(f)))
f = ip4(carp(checksum=0x1234), ttl=7)
for n in range(17):
    frames.append((f[: 14 + 20 + n], len(f)))
write_pcap("carp_messages.pcap", frames)
