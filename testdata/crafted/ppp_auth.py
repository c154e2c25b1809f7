# Writes ppp_auth.pcap (LINKTYPE_PPP, 9) and ppp_auth_pppoe.pcap (Ethernet, PPPoE
# session): PPP's authentication protocols as tcpdump's handle_pap(), handle_chap() and
# handle_bap() read them. PAP: every code (Auth-Req with its Peer-ID and Password,
# Auth-ACK and Auth-NACK with a message, unknown codes), lengths under the RFC's least
# (6, 5), under 4 and past the packet, fields that run past the length; CHAP: Challenge,
# Response (Value and Name), Success and Failure (Msg), unknown codes, lengths that leave
# the Name or Msg negative (tcpdump reads on to the capture's end) or longer than the
# packet, a Value past the payload; payloads of 0 to 3 bytes; each packet cut by the
# capture at every byte; PPPoE with a length shorter and longer than the frame.
import struct


def auth(code, ident, body, length=None):
    return struct.pack(">BBH", code, ident, 4 + len(body) if length is None else length) + body


def counted(data):
    return bytes([len(data)]) + data


def ppp(protocol, body, framed=True):
    return (b"\xff\x03" if framed else b"") + struct.pack(">H", protocol) + body


PAP = 0xC023
CHAP = 0xC223
BAP = 0xC02D
PAP_REQ = auth(1, 1, counted(b"alice") + counted(b"s3cret\x01\xff"))
PAP_ACK = auth(2, 1, counted(b"Welcome"))
PAP_NAK = auth(3, 2, counted(b"bad password"))
VALUE = bytes(range(0xA0, 0xB0))
CHAP_CHAL = auth(1, 7, counted(VALUE) + b"router")
CHAP_RESP = auth(2, 7, counted(VALUE[:8]) + b"alice\x7f")
CHAP_SUCC = auth(3, 7, b"Welcome")
CHAP_FAIL = auth(4, 7, b"E=691 R=0")
packets = [
    (PAP, PAP_REQ),
    (PAP, PAP_ACK),
    (PAP, PAP_NAK),
    (PAP, auth(1, 3, counted(b"") + counted(b""))),
    (PAP, auth(2, 3, counted(b""))),
    (PAP, auth(5, 4, b"\x01\x02")),
    (PAP, auth(0, 4, b"")),
    # Under the RFC's least lengths.
    (PAP, auth(1, 5, b"\x00", length=5)),
    (PAP, auth(2, 5, b"", length=4)),
    (PAP, auth(3, 5, b"\x00\x00", length=4)),
    # The length past the payload, under the header's.
    (PAP, auth(1, 6, counted(b"bob") + counted(b"pw"), length=40)),
    (PAP, auth(2, 6, counted(b"x"), length=3)),
    (PAP, auth(2, 6, counted(b"x"), length=0)),
    # Fields past the length: the Peer-ID, the Password's length byte, the Password, the
    # Message; bytes after the length.
    (PAP, auth(1, 8, counted(b"bob") + counted(b"pw"), length=7)),
    (PAP, auth(1, 8, counted(b"bob") + counted(b"pw"), length=8)),
    (PAP, auth(1, 8, counted(b"bob") + counted(b"pw"), length=9)),
    (PAP, auth(1, 8, counted(b"bob") + counted(b"pw"), length=10)),
    (PAP, auth(2, 8, counted(b"hello"), length=8)),
    (PAP, auth(2, 8, counted(b"hi"), length=7) + b"trailing"),
    # Payloads of 0 to 3 bytes.
    (PAP, b""),
    (PAP, b"\x01"),
    (PAP, b"\x02\x01\x00"),
    (CHAP, CHAP_CHAL),
    (CHAP, CHAP_RESP),
    (CHAP, CHAP_SUCC),
    (CHAP, CHAP_FAIL),
    (CHAP, auth(1, 8, counted(b""))),
    (CHAP, auth(3, 8, b"")),
    (CHAP, auth(0, 8, b"abc")),
    (CHAP, auth(9, 8, b"")),
    # The Name or Msg by a length too small (read on to the capture's end) or too large.
    (CHAP, auth(1, 9, counted(b"\x01\x02") + b"name", length=5)),
    (CHAP, auth(2, 9, counted(b"\x01\x02") + b"name", length=8)),
    (CHAP, auth(3, 9, b"msg", length=2)),
    (CHAP, auth(4, 9, b"msg", length=30)),
    (CHAP, auth(2, 9, counted(b"\x01\x02") + b"name", length=40)),
    (CHAP, auth(3, 9, b"msg", length=5) + b"more"),
    # The Value past the payload, its length byte last; the Value's length byte missing.
    (CHAP, auth(1, 10, b"\x09\x01\x02")),
    (CHAP, auth(1, 10, b"\x00", length=4)),
    (CHAP, auth(2, 10, b"")),
    (CHAP, b""),
    (CHAP, b"\x03"),
    (CHAP, b"\x04\x01"),
    # BAP: handle_bap() prints nothing.
    (BAP, b"\x01\x02\x00\x04"),
]
frames = [ppp(p, body) for p, body in packets]
frames += [ppp(PAP, PAP_REQ, framed=False), ppp(CHAP, CHAP_SUCC, framed=False)]
records = [(f, len(f)) for f in frames]
# Cut by the capture at every byte of the packet.
for protocol, body in [
    (PAP, PAP_REQ),
    (PAP, PAP_ACK),
    (CHAP, CHAP_CHAL),
    (CHAP, CHAP_SUCC),
    (PAP, auth(1, 11, counted(b"bob") + counted(b"pw"), length=5)),
    (CHAP, auth(1, 11, counted(b"\x01\x02") + b"name", length=5)),
]:
    frame = ppp(protocol, body)
    records += [(frame[:n], len(frame)) for n in range(4, len(frame))]


def write(name, link, records):
    with open(name, "wb") as out:
        out.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, link))
        for i, (data, wire) in enumerate(records):
            out.write(struct.pack("<IIII", 1_700_000_000 + i, 0, len(data), wire))
            out.write(data)


write("ppp_auth.pcap", 9, records)

ETHER = bytes.fromhex("00005e0001020000 5e0001018864".replace(" ", ""))


def pppoe(body, length=None):
    payload = body
    return ETHER + struct.pack(">BBHH", 0x11, 0, 0x1234, len(payload) if length is None else length) + payload


sessions = [pppoe(ppp(p, body, framed=False)) for p, body in packets[:6] + packets[22:30]]
sessions += [
    # A PPPoE length shorter than the packet: PAP's length is past it. (CHAP would read
    # on past the PPPoE length into the frame's padding, which wirekit's PPPoE layer
    # drops: not here.)
    pppoe(ppp(PAP, PAP_ACK, framed=False), length=8),
    pppoe(ppp(PAP, PAP_REQ, framed=False), length=0),
    pppoe(ppp(PAP, PAP_REQ, framed=False), length=1),
    # Longer than the frame.
    pppoe(ppp(PAP, PAP_REQ, framed=False), length=60),
    pppoe(ppp(CHAP, CHAP_FAIL, framed=False), length=60),
]
pppoe_records = [(f, len(f)) for f in sessions]
for body in (ppp(PAP, PAP_REQ, framed=False), ppp(CHAP, CHAP_RESP, framed=False)):
    frame = pppoe(body)
    pppoe_records += [(frame[:n], len(frame)) for n in range(20, len(frame))]
# PPP's protocol cut, a PPPoE length under 2.
pppoe_records += [(pppoe(ppp(PAP, PAP_REQ, framed=False), length=1)[:20], 40)]
write("ppp_auth_pppoe.pcap", 1, pppoe_records)
