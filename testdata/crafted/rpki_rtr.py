# Writes rpki_rtr.pcap: RPKI-RTR (RFC 6810/8210) on TCP port 323, to and from it. Every PDU
# type tcpdump names (Serial Notify, Serial Query, Reset Query, Cache Response, IPv4 and
# IPv6 Prefix, End of Data, Cache Reset, Error Report) and unknown types; error reports
# with and without an encapsulated PDU and a text (every error code, an unknown one, a
# text of control and high bytes), an encapsulated error report, an encapsulated PDU of
# version 1 or of a bad length; versions 1 and 2 (the rest of the segment goes with them);
# several PDUs in one segment; bad lengths: a segment of 1 to 7 bytes, a PDU length under
# 8 or past the segment, each fixed type one byte short and long, an error report under
# 12 bytes, encapsulated PDU and text lengths past the PDU and so large that tcpdump's
# 32-bit sums wrap; port 323 against BGP's 179, DNS's 53 and LDP's 646 (tcpdump's order);
# then each PDU, and a segment of several, cut by the capture at every byte.
import struct

from _inet import tcp_segment, write_pcap


def segment(payload, seq, sport=40000, dport=323):
    return tcp_segment(payload, seq, sport, dport, window=8192)


def pdu(pdu_type, field=0, body=b"", version=0, length=None):
    return struct.pack(">BBHI", version, pdu_type, field, 8 + len(body) if length is None else length) + body


def prefix4(flags, plen, mlen, addr, asn, length=None):
    return pdu(4, 0, struct.pack(">BBBx4sI", flags, plen, mlen, bytes(addr), asn), length=length)


def prefix6(flags, plen, mlen, addr, asn, length=None):
    return pdu(6, 0, struct.pack(">BBBx16sI", flags, plen, mlen, bytes.fromhex(addr), asn), length=length)


def error(code, inner=b"", text=b"", inner_length=None, text_length=None, length=None):
    body = struct.pack(">I", len(inner) if inner_length is None else inner_length) + inner
    body += struct.pack(">I", len(text) if text_length is None else text_length) + text
    return pdu(10, code, body, length=length)


NOTIFY = pdu(0, 0x1234, struct.pack(">I", 4000000000))
QUERY = pdu(1, 0xABCD, struct.pack(">I", 17))
RESET = pdu(2)
RESPONSE = pdu(3, 0x00FE)
V4 = prefix4(1, 24, 32, [192, 0, 2, 0], 64512)
V6 = prefix6(0, 32, 48, "20010db8000000000000000000000000", 4200000000)
END = pdu(7, 0x0102, struct.pack(">I", 99))
CACHE_RESET = pdu(8)
ERROR = error(4, QUERY, b"version 9 is not supported")
UNKNOWN = pdu(5, 7, b"\xde\xad\xbe\xef\x01")

messages = [NOTIFY, QUERY, RESET, RESPONSE, V4, V6, END, CACHE_RESET, ERROR, UNKNOWN]
messages += [pdu(t, t, bytes(range(t))) for t in (9, 11, 12, 255)]
messages += [pdu(2, 0xFFFF), pdu(0, 0, struct.pack(">I", 0)), prefix4(0xFF, 0, 0, [0, 0, 0, 0], 0)]
messages += [prefix6(2, 128, 128, "fe800000000000000000000000000001", 1)]
messages += [error(code) for code in range(9)] + [error(0xFFFF, text=b"x")]
messages += [error(1, text=b"tab\there \x01\x7f\x80\xff end")]
messages += [error(0, RESET), error(2, V4, b"cut"), error(5, UNKNOWN), error(3, ERROR, b"outer")]
messages += [error(3, pdu(2, version=1), b"v1"), error(3, pdu(1, length=3), b"short")]
messages += [error(3, pdu(3, length=100), b"long"), error(3, pdu(3, length=9) + b"\0", b"odd")]
messages += [error(3, b"\0\x01\0", b"three"), error(3, error(1, RESET, b"in"), b"nest")]
messages += [error(3, error(1, RESET, text_length=50), b"in bad")]
messages += [error(3, error(1, RESET, inner_length=40), b"in bad encaps")]
# Versions other than 0, alone and after a PDU of version 0.
messages += [pdu(2, version=1), pdu(0, 5, struct.pack(">I", 6), version=1), pdu(3, version=2)]
messages += [RESET + pdu(2, version=1) + RESET, NOTIFY + V4 + V6 + END + CACHE_RESET + ERROR]
# Bad lengths.
messages += [RESET[:n] for n in range(1, 8)] + [RESET + RESET[:5]]
messages += [pdu(2, length=n) for n in (0, 4, 7, 9, 100)] + [RESET + pdu(2, length=9)]
messages += [pdu(t, length=length + d) + bytes(length) for t, length in
             ((0, 12), (1, 12), (2, 8), (3, 8), (4, 20), (6, 32), (7, 12), (8, 8)) for d in (-1, 1)]
messages += [pdu(10, 1, b"\0\0"), pdu(10, 1, b"\0\0\0\0"), pdu(10, 1, bytes(8), length=11)]
messages += [error(1, RESET, b"x", length=18), error(1, RESET, b"x", length=20), error(1, RESET, b"xy", length=29)]
messages += [error(1, RESET, b"abc", inner_length=50), error(1, RESET, b"abc", text_length=50)]
messages += [error(1, b"", b"text", text_length=n) for n in (0xFFFFFFFF, 0xFFFFFFF0, 0x80000000)]
messages += [error(1, RESET, b"text", inner_length=n) for n in (0xFFFFFFFF, 0xFFFFFFF4, 0xFFFFFFF2, 0xFFFFFFF0)]
messages += [error(1, pdu(0x3F, length=0xFFFFFFF4), b"t", inner_length=0xFFFFFFF4)]
messages += [pdu(0x3F, 0, b"z", length=0xFFFFFFFF)]

frames = [segment(m, 1000 * i) for i, m in enumerate(messages)]
# Port 323 as the source; against the ports tcpdump tries first (BGP, DNS) and after (LDP).
frames += [segment(V4, 7, 323, 40000), segment(RESET, 8, 179, 323), segment(RESET, 9, 323, 53),
           segment(RESET, 10, 646, 323), segment(b"", 11), segment(b"", 12, 323, 179)]
records = [(f, len(f)) for f in frames]
cuts = [NOTIFY, RESET, RESPONSE, V4, V6, END, ERROR, UNKNOWN, error(3, ERROR, b"outer"),
        error(3, error(1, RESET, b"in"), b"nest"), RESET + V4, pdu(2, version=1) + RESET,
        pdu(2, length=4) + RESET, error(1, RESET, b"abc", text_length=50)]
for i, m in enumerate(cuts):
    f = segment(m, 900000 + 1000 * i)
    for n in range(len(m)):
        records.append((f[: 14 + 20 + 20 + n], len(f)))
write_pcap("rpki_rtr.pcap", records)
