# Writes lwapp.pcap: LWAPP (RFC 5412) as tcpdump's lwapp_control_print() and
# lwapp_data_print() read it. Data frames on UDP port 12222 (every flag combination, radio
# ids, a transport length of 0-5, equal to, shorter and longer than the datagram, the IP
# packet holding bytes past the UDP length); control frames sent to port 12223 (the AP's
# MAC address first) and from it, with every message type and unknown ones, several
# messages, a message or header past the transport length, a transport length past the
# capture, a message body past the capture; versions 1-3 (not supported); the ports'
# precedence (control before data, DNS, VQP and sFlow before both); then frames cut by
# the capture at every byte and by the UDP length at every byte.
import struct

from _inet import ipv4_udp_frame, write_pcap

SRC = bytes([10, 0, 0, 1])
DST = bytes([10, 0, 0, 2])
AP = bytes.fromhex("000b8524e890")


def transport(length, version=0, rid=1, flags=0, frag=7, status=0):
    return struct.pack(">BBHH", (version << 6) | (rid << 3) | flags, frag, length, status)


def msg(type_, body=b"", seq=1, session=0x01020304, length=None):
    n = len(body) if length is None else length
    return struct.pack(">BBHI", type_, seq, n, session) + body


def control(messages, ap=True, length=None, **kw):
    body = b"".join(messages)
    n = len(body) if length is None else length
    return (AP if ap else b"") + transport(n, flags=kw.pop("flags", 4), **kw) + body


def data(payload, length=None, **kw):
    n = 6 + len(payload) if length is None else length
    return transport(n, **kw) + payload


def frame(payload, sport=20105, dport=12222, udp_length=None, ip_extra=b""):
    return ipv4_udp_frame(payload, SRC, DST, sport, dport, udp_length, ip_extra)


DOT11 = bytes.fromhex("08010000000b8524e890000b8532e405000b8524e890c0a1aaaa030000000800")
DATA = data(DOT11)
TYPES = [1, 2, 3, 4, 5, 6, 10, 11, 12, 13, 14, 15, 16, 17, 22, 23, 24, 25, 26, 27, 30, 31,
         32, 33, 34, 35, 36, 37, 38, 39, 40]
ECHO = control([msg(22, b"\x00\x01\x00\x02ab", seq=9, session=0xDEADBEEF)])
JOIN = control([msg(3, bytes(range(12))), msg(4, b"", seq=2), msg(99, b"xyz", seq=255)])

frames = [
    frame(DATA),
    frame(DATA, sport=12222, dport=20105),
    frame(DATA, sport=12222, dport=12222),
]
# Every flag combination and radio id.
frames += [frame(data(DOT11[:10], flags=f, rid=f, frag=f * 30)) for f in range(8)]
# Transport lengths below the header, equal to it, shorter and longer than the datagram.
frames += [frame(data(DOT11[:8], length=n)) for n in (0, 1, 5, 6, 7, 20, 200, 65535)]
# The UDP length ends the frame early: the IP packet holds the rest (tcpdump reads it).
frames += [frame(DATA[:3], ip_extra=DATA[3:]), frame(DATA[:10], ip_extra=DATA[10:])]
frames += [frame(ECHO[:5], dport=12223, ip_extra=ECHO[5:])]
frames += [frame(ECHO[:20], dport=12223, ip_extra=ECHO[20:])]
# An empty datagram: the IP packet holds the frame, whole or cut inside the header.
frames += [frame(b"", dport=12223, ip_extra=ECHO), frame(b"", ip_extra=DATA)]
frames += [frame(b"", dport=12223, ip_extra=ECHO[:8]), frame(b"", ip_extra=DATA[:3])]
frames += [frame(b"", sport=12223, ip_extra=ECHO[6:]), frame(b"", sport=514, ip_extra=DATA)]
frames += [frame(b"", sport=53, dport=12223, ip_extra=bytes(20))]
frames += [frame(b"", sport=1589, dport=12222, ip_extra=ECHO)]
frames += [frame(b"", sport=12223, dport=5060, ip_extra=ECHO)]
# The UDP length longer than the IP packet.
frames += [frame(DATA, udp_length=8 + len(DATA) + 50)]
# Control frames to the port (AP identity first) and from it (none).
frames += [frame(ECHO, dport=12223), frame(JOIN, dport=12223)]
frames += [frame(control([msg(22, b"ab")], ap=False), sport=12223, dport=20105)]
frames += [frame(JOIN[6:], sport=12223, dport=20105)]
# Every message type, and unknown ones, to the port and from it.
for t in TYPES + [0, 7, 18, 41, 128, 255]:
    frames.append(frame(control([msg(t, bytes([t]) * 3, seq=t)]), dport=12223))
frames.append(frame(control([msg(t, seq=t) for t in TYPES], ap=False), sport=12223))
# Flags in control frames; a control frame without the control bit; a data frame with it.
frames += [frame(control([msg(1)], flags=f, rid=7 - f, frag=f), dport=12223) for f in range(8)]
frames += [frame(data(DOT11[:4], flags=4))]
# No message, a transport length of 1-7 (a header past the PDU), a message past it.
frames += [frame(control([]), dport=12223)]
frames += [frame(control([msg(1)], length=n), dport=12223) for n in (1, 7, 8, 9, 15)]
frames += [frame(control([msg(1, b"abcd", length=5)]), dport=12223)]
frames += [frame(control([msg(1, b"abcd"), msg(2, b"ef", length=9)]), dport=12223)]
frames += [frame(control([msg(1, b"abcd")], ap=False, length=13), sport=12223)]
# A transport length past the datagram: the walk goes on to the capture's end.
frames += [frame(control([msg(1, b"abcd")], length=100), dport=12223)]
frames += [frame(control([msg(1, b"abcd"), b"\x02\x00"], length=100), dport=12223)]
# A message body past the capture (tcpdump tests it from the header's start).
frames += [frame(control([msg(1, b"ab", length=12)], length=20), dport=12223)]
frames += [frame(control([msg(1, b"ab" * 6, length=20)], length=28), dport=12223)]
# Versions 1-3: not supported.
for v in (1, 2, 3):
    frames.append(frame(data(DOT11[:4], version=v)))
    frames.append(frame(control([msg(1)], version=v), dport=12223))
    frames.append(frame(control([msg(1)], ap=False, version=v), sport=12223))
# Ports: control before data either way; DNS, VQP and sFlow tried before LWAPP.
frames += [frame(ECHO, sport=12222, dport=12223), frame(ECHO[6:], sport=12223, dport=12222)]
frames += [frame(bytes(12), sport=53, dport=12223), frame(ECHO, sport=1589, dport=12223)]
frames += [frame(DATA, sport=6343, dport=12222), frame(DATA, sport=12223, dport=6343)]
# Short datagrams: empty, 1-11 bytes.
frames += [frame(ECHO[:n], dport=12223) for n in range(12)]
frames += [frame(DATA[:n]) for n in range(7)]
frames = [(f, None) for f in frames]
# Cut by the capture at every byte (the UDP and IP lengths say the whole frame).
for payload, dport in ((JOIN, 12223), (DATA[:16], 12222), (ECHO[6:], 20105)):
    sport = 12223 if dport == 20105 else 20105
    f = frame(payload, sport=sport, dport=dport)
    head = len(f) - len(payload)
    for n in range(len(payload)):
        frames.append((f[: head + n], len(f)))
# Cut by the UDP length at every byte.
for n in range(len(JOIN)):
    frames.append((frame(JOIN[:n], dport=12223), None))
write_pcap("lwapp.pcap", frames)
