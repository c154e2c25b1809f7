# Syslog over UDP at its edges, as tcpdump 4.99.3's syslog_print() reads it: it reads the
# `<PRI>` up to the IP packet's captured end, past the UDP length (an empty datagram
# too, which it calls invalid, or cut, or prints with length 0), and stops at 3 digits.
# Each datagram: (UDP payload, bytes past the UDP length inside the IP packet, bytes the
# capture keeps of the IP packet or None for all, source port, destination port).
import struct
from _inet import csum

SRC = bytes([10, 0, 0, 1])
DST = bytes([10, 0, 0, 2])


def datagram(payload, past=b"", sport=40000, dport=514):
    udp = struct.pack(">HHHH", sport, dport, 8 + len(payload), 0) + payload
    pseudo = SRC + DST + struct.pack(">BBH", 0, 17, len(udp))
    udp = udp[:6] + struct.pack(">H", csum(pseudo + udp)) + udp[8:]
    body = udp + past
    ip = struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + len(body), 1, 0, 64, 17, 0, SRC, DST)
    return ip[:10] + struct.pack(">H", csum(ip)) + ip[12:] + body


CASES = [
    (b"", b"", None, 40000, 514),  # empty, nothing past: cut
    (b"", b"x", None, 40000, 514),  # empty, a byte past that is not '<': invalid
    (b"", b"<13>hi there", None, 40000, 514),  # empty, a whole <PRI> past: length 0
    (b"", b"<13", None, 40000, 514),  # empty, a <PRI> past that the IP packet cuts
    (b"", b"<", None, 514, 40000),  # from the port, '<' past, then nothing
    (b"<1", b"3>abc", None, 40000, 514),  # <PRI> finished past the UDP length
    (b"<13>", b"", None, 40000, 514),  # an empty message
    (b"<34>su: 'su root' failed", b"", None, 40000, 514),
    (b"<191>local7 debug", b"", None, 40000, 514),
    (b"<192>too big", b"", None, 40000, 514),  # facility 24: unknown
    (b"<1234>four digits", b"", None, 40000, 514),  # invalid after 3 digits
    (b"<>no digits", b"", None, 40000, 514),
    (b"hello", b"", None, 40000, 514),
    (b"<13", b"", None, 40000, 514),  # cut in the <PRI> by the IP length
    (b"<165>1 2003-10-11T22:14:15.003Z host app - ID47 msg", b"", 34, 40000, 514),  # cut by the capture
    (b"<165>1 2003", b"", 30, 40000, 514),  # the capture ends in the digits
    (b"", b"<1", 29, 40000, 514),  # empty, the capture ends past the UDP length
    (b"<5>\x00\x01\x7f\xff ctl", b"", None, 40000, 514),  # control bytes in the message
    (b"<6>x", b"", None, 53, 514),  # DNS's port comes first
]

with open("syslog_edges.pcap", "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 101))
    for i, (payload, past, keep, sport, dport) in enumerate(CASES):
        p = datagram(payload, past, sport, dport)
        kept = p if keep is None else p[:keep]
        f.write(struct.pack("<IIII", i, 0, len(kept), len(p)))
        f.write(kept)
