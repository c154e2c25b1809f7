# Writes vqp_messages.pcap: Cisco's VLAN Query Protocol on UDP port 1589 as tcpdump's
# vqp_print() reads it: the four message types and an unknown one, every error code and an
# unknown one, version 2 (not supported), every object type (client IP address, port,
# VLAN and VTP domain names, Ethernet packet, MAC null and MAC address) and unknown ones
# (a hex dump up to -v), names with a NUL, control and high-bit bytes, a zero type and a
# zero length (the walk stops), addresses of the wrong size, a value or an object header
# past the message, fewer and more items than the count says, the port as source or
# destination (with DNS's port, tried first, and sFlow's, tried after), a UDP length
# shorter than the IP packet and one longer, empty and 1-7 byte messages; then messages
# cut by the capture at every byte, and cut by the UDP length at every byte.
import struct

from _inet import ipv4_udp_frame, write_pcap

SRC = bytes([10, 0, 0, 1])
DST = bytes([10, 0, 0, 2])


def obj(type_, value):
    return struct.pack(">IH", type_, len(value)) + value


def vqp(type_, error, objects, seq=0x1234, count=None, version=1):
    n = len(objects) if count is None else count
    return struct.pack(">BBBBI", version, type_, error, n, seq) + b"".join(objects)


def frame(message, sport=1589, dport=1589, udp_length=None, ip_extra=b""):
    return ipv4_udp_frame(message, SRC, DST, sport, dport, udp_length, ip_extra)


MAC = bytes.fromhex("00005e0053af")
JOIN = vqp(1, 0, [
    obj(0x0C01, bytes([192, 0, 2, 10])),
    obj(0x0C02, b"Fa0/1"),
    obj(0x0C03, b""),
    obj(0x0C04, b"CORP"),
    obj(0x0C05, bytes.fromhex("ffffffffffff00005e0053af0806")),
    obj(0x0C06, bytes(6)),
    obj(0x0C08, MAC),
], count=7)
RESPONSE = vqp(2, 0, [obj(0x0C03, b"engineering"), obj(0x0C08, MAC)], seq=0xDEADBEEF)
UNKNOWN = vqp(3, 4, [
    obj(0x0C07, bytes(range(20))),
    obj(0x12345678, b"\x01\x02\x03"),
    obj(0x0C02, b"Gi1/0/1"),
])

frames = [
    frame(JOIN),
    frame(RESPONSE),
    frame(vqp(3, 0, [obj(0x0C01, bytes([10, 1, 2, 3])), obj(0x0C02, b"Fa0/2")])),
    frame(vqp(4, 0, [obj(0x0C03, b"default")])),
    frame(vqp(2, 3, [])),
    frame(vqp(2, 4, [])),
    frame(vqp(2, 5, [])),
    frame(vqp(2, 7, [])),
    frame(vqp(0, 0, [])),
    frame(vqp(200, 255, [], seq=0xFFFFFFFF)),
    frame(vqp(1, 0, [], version=2)),
    frame(vqp(1, 0, [], version=0)),
    frame(UNKNOWN),
    # Names: a NUL ends the print; control, DEL and high-bit bytes escaped.
    frame(vqp(1, 0, [obj(0x0C02, b"Fa\x000/1"), obj(0x0C04, b"a\x01\x7f\x80\xe9z\x1b")])),
    # A zero type, a zero length: the object's header, then nothing more.
    frame(vqp(1, 0, [obj(0x0C02, b"x"), obj(0, b"abc"), obj(0x0C02, b"y")])),
    frame(vqp(1, 0, [obj(0x0C04, b""), obj(0x0C02, b"y")])),
    # Addresses of the wrong size.
    frame(vqp(1, 0, [obj(0x0C01, bytes(5)), obj(0x0C02, b"y")])),
    frame(vqp(1, 0, [obj(0x0C01, bytes(3))])),
    frame(vqp(1, 0, [obj(0x0C08, bytes(4))])),
    frame(vqp(1, 0, [obj(0x0C06, bytes(7))])),
    # A value past the message (the UDP length ends it; the IP packet holds the rest).
    frame(vqp(1, 0, [obj(0x0C02, b"abcdef")])[:-2], ip_extra=b"ef"),
    # An object header past the message, in the IP packet, and past the capture too.
    frame(vqp(1, 0, [obj(0x0C02, b"a")], count=2) + b"\x00\x00\x0c", ip_extra=b"\x02\x00\x01"),
    frame(vqp(1, 0, [obj(0x0C02, b"a")], count=2) + b"\x00\x00\x0c"),
    # Fewer items than the count (the walk ends with the message), more (extra ignored).
    frame(vqp(1, 0, [obj(0x0C02, b"a")], count=5)),
    frame(vqp(1, 0, [obj(0x0C02, b"a"), obj(0x0C02, b"b")], count=1)),
    frame(vqp(1, 0, [obj(0x0C02, b"a")], count=0)),
    # Ports: source or destination alone; DNS tried before, sFlow after.
    frame(RESPONSE, sport=1024),
    frame(JOIN, dport=1024),
    frame(bytes(12), sport=53),
    frame(RESPONSE, sport=6343),
    # The UDP length shorter than the IP packet: the header in the IP packet, past the length.
    frame(RESPONSE[:4], ip_extra=RESPONSE[4:]),
    frame(b"", ip_extra=RESPONSE),
    frame(RESPONSE[:8], ip_extra=RESPONSE[8:]),
    # The UDP length longer than the IP packet: the IP payload's length is the message's.
    frame(RESPONSE, udp_length=8 + len(RESPONSE) + 100),
    frame(RESPONSE[:6], udp_length=8 + len(RESPONSE)),
    frame(RESPONSE + b"zz"),
]
frames = [(f, None) for f in frames]
frames += [(frame(RESPONSE[:n]), None) for n in range(8)]
# Cut by the capture at every byte (the UDP and IP lengths say the whole message).
for message in (JOIN, UNKNOWN):
    f = frame(message)
    head = len(f) - len(message)
    for n in range(len(message)):
        frames.append((f[: head + n], len(f)))
# Cut by the UDP length at every byte: the message ends there.
for n in range(len(JOIN)):
    frames.append((frame(JOIN[:n]), None))
write_pcap("vqp_messages.pcap", frames)
