# Writes whois_lines.pcap: WHOIS (RFC 3912) segments on TCP port 43 over IPv4, one per
# case: a query, answers with LF and CRLF line ends and empty lines, an unterminated last
# line, a message that ends with a lone CR, binary data after a line and at the start, a
# long line, an empty segment, port 43 against SMTP's port (SMTP's printer comes first) and
# BGP's (WHOIS comes first), and segments the capture cuts before the payload, in the first
# line and in a later one.
import struct

from _inet import csum

SRC = bytes([10, 0, 2, 15])
DST = bytes([192, 0, 47, 59])


def segment(payload, sport=44188, dport=43, flags=0x18):
    tcp = struct.pack(">HHIIBBHHH", sport, dport, 1000, 2000, 0x50, flags, 29200, 0, 0)
    tcp += payload
    pseudo = SRC + DST + struct.pack(">BBH", 0, 6, len(tcp))
    tcp = tcp[:16] + struct.pack(">H", csum(pseudo + tcp)) + tcp[18:]
    ip = struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), 1, 0x4000, 64, 6, 0, SRC, DST)
    ip = ip[:10] + struct.pack(">H", csum(ip)) + ip[12:]
    return bytes.fromhex("5254001235020800270c7ef70800") + ip + tcp


ANSWER = (b"% IANA WHOIS server\n% for more information on IANA, visit http://www.iana.org\n"
          b"\ndomain:       EXAMPLE.COM\n\nsource:       IANA\n\n")
frames = [
    segment(b"example.com\r\n"),
    segment(ANSWER, sport=43, dport=44188),
    segment(b"refer: whois.verisign-grs.com\r\n\r\nstatus: ACTIVE\r\n", sport=43, dport=44188),
    segment(b"domain: EXAMPLE\r\nunterminated", sport=43, dport=44188),
    segment(b"a line\r\nends with CR\r", sport=43, dport=44188),
    segment(b"text\r\n\x00\x01binary\r\n", sport=43, dport=44188),
    segment(b"\x80\x81\r\n", sport=43, dport=44188),
    segment(b"x" * 300 + b"\n", sport=43, dport=44188),
    segment(b"\tindented\t line \r\n", sport=43, dport=44188),
    segment(b"", flags=0x10),
    segment(b"EHLO a\r\n", sport=43, dport=25),
    segment(b"example.net\r\n", sport=179, dport=43),
]
frames = [(f, None) for f in frames]
CUT = segment(b"first line\r\nsecond line\r\n", sport=43, dport=44188)
for n in (0, 1, 5, 10, 11, 12, 18):
    frames.append((CUT[: 14 + 20 + 20 + n], len(CUT)))
with open("whois_lines.pcap", "wb") as out:
    out.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    for i, (data, wire) in enumerate(frames):
        out.write(struct.pack("<IIII", 1_700_000_000 + i, 0, len(data), wire or len(data)))
        out.write(data)
