# Writes zephyr.pcap: Zephyr notices on UDP ports 2103 and 2104 over IPv4, one per branch
# of tcpdump's zephyr_print(): every kind (and kinds it does not name), a server ack with
# and without "SENT", versions other than 0.2 and not Zephyr at all, each class, instance
# and opcode it names, empty senders and recipients, strings over the 255 bytes of its
# buffer, bytes it escapes, integers as strtol(s, 0, 16) reads them, then notices whose
# fields the UDP length ends (too few: invalid) and the capture cuts (at every field).
from _inet import ipv4_udp_frame, write_pcap

SRC = bytes([18, 7, 21, 1])
DST = bytes([18, 7, 21, 2])


def frame(payload, sport=2104, dport=2103, udp_length=None, ip_extra=b""):
    return ipv4_udp_frame(payload, SRC, DST, sport, dport, udp_length, ip_extra)


def notice(kind="2", cls="MESSAGE", inst="personal", opcode="", sender="alice@ATHENA.MIT.EDU",
           recipient="bob@ATHENA.MIT.EDU", body=(), version="ZEPH0.2"):
    fields = [version, "11", kind, "uid-1234", "8f0", "1", "0", "", cls, inst, opcode,
              sender, recipient, "text/plain", "1a2b", "0", ""] + list(body)
    return b"".join((f if isinstance(f, bytes) else f.encode("latin-1")) + b"\0" for f in fields)


LONG = "C" * 300
packets = [notice(kind=str(k), body=("hello",)) for k in range(9)]
packets += [notice(kind=k) for k in ("9", "ffffffff", "-3", " 5", "\t+4", "0x6", "0X7", "0xg",
                                     "0x", "", "g", "5zz", "00000000000000000003",
                                     "7fffffffffffffff", "8000000000000000",
                                     "-8000000000000000", "-8000000000000001",
                                     "fffffffffffffffffff", "100000001", "-ffffffff")]
# Server acks: SENT says nothing, another answer is lowercased (255 bytes at most).
packets += [notice(kind="5", body=(a,)) for a in ("SENT", "LOST", "NotSent\x01\x9f", "A" * 300, "")]
packets += [notice(kind="5", body=())]
# Versions: 0.2 with more after it, others, Zephyr's name alone, not Zephyr.
packets += [notice(version=v) for v in ("ZEPH0.25", "ZEPH0.3", "ZEPH1.0", "ZEPH", "ZEPH0.",
                                         "ZEPH0\x01\xfe", "ZEPX0.2", "ZEP", "", "zeph0.2")]
# The sender and recipient empty.
packets += [notice(sender=""), notice(recipient=""), notice(sender="", recipient="", opcode="PING")]
# The classes tcpdump names.
packets += [notice(cls="USER_LOCATE", opcode=o, inst="carol") for o in ("USER_HIDE", "USER_UNHIDE",
                                                                        "LOCATE", "")]
packets += [notice(cls="ZEPHYR_ADMIN", opcode=o) for o in ("STATE-Dump", "X" * 300)]
for kind in ("2", "5"):
    for o in ("SUBSCRIBE", "SUBSCRIBE_NODEFS", "UNSUBSCRIBE"):
        packets.append(notice(kind=kind, cls="ZEPHYR_CTL", inst="CLIENT", opcode=o,
                              body=("MESSAGE", "*", "")))
packets += [notice(cls="ZEPHYR_CTL", inst="CLIENT", opcode="SUBSCRIBE", body=b)
            for b in (("message", "personal", "bob@R"), ("c", "i", "r", "more"), (LONG, "i", "r"),
                      ("c", LONG, ""), ("c", "i", LONG), ("\x01\x7f", "\xe9", "\x80"),
                      ("c", "i"), ("c",), ())]
packets += [notice(cls="ZEPHYR_CTL", inst="CLIENT", opcode=o)
            for o in ("GIMME", "GIMMEDEFS", "CLEARSUB", "FLUSH_Now", "")]
packets += [notice(cls="ZEPHYR_CTL", inst="HM", opcode=o) for o in ("BOOT", "Flush", "")]
packets += [notice(cls="ZEPHYR_CTL", inst="REALM", opcode=o)
            for o in ("ADD_SUBSCRIBE", "REQ_SUBSCRIBE", "RLM_SUBSCRIBE", "RLM_UNSUBSCRIBE", "OTHER")]
packets += [notice(cls="ZEPHYR_CTL", inst="OTHER", opcode="SUBSCRIBE")]
packets += [notice(cls="HM_CTL", inst=i, opcode=o) for i, o in (("SERVER_SHUTDOWN", "Boot"),
                                                                ("", ""), ("I" * 300, "o"))]
packets += [notice(cls="HM_STAT", inst=i, opcode=o)
            for i, o in (("HMST_CLIENT", "GIMMESTATS"), ("HMST_CLIENT", "OTHER"), ("X", "GIMMESTATS"))]
packets += [notice(cls="WG_CTL", inst=i, opcode=o) for i, o in (("WG_CLIENT", "WG_REFRESH"), ("", ""))]
packets += [notice(cls="LOGIN", opcode=o) for o in ("USER_FLUSH", "NONE", "OPSTAFF", "REALM-VISIBLE",
                                                    "REALM-ANNOUNCED", "NET-VISIBLE", "NET-ANNOUNCED",
                                                    "USER_LOGIN", "none")]
# The default triple and opcode: long, escaped, empty.
packets += [notice(cls=LONG, opcode="O" * 300), notice(cls="c", inst="I" * 260, recipient="r"),
            notice(cls="M\x00", opcode="\x1b[1m\xff\x7f"), notice(cls="", inst="", recipient=""),
            notice(sender="\x80\x01" * 150 + "z")]
frames = [(frame(p), None) for p in packets]
# No byte, a version with no NUL, and each count of header fields short of 17.
frames.append((frame(b""), None))
frames.append((frame(b"ZEPH0.2"), None))
frames.append((frame(b"HELLO"), None))
FULL = notice(cls="ZEPHYR_CTL", inst="CLIENT", opcode="SUBSCRIBE", body=("MESSAGE", "*", "r"))
ACK = notice(kind="5", body=("LOST",))
ends = [i + 1 for i, b in enumerate(FULL) if b == 0]
ack_ends = [i + 1 for i, b in enumerate(ACK) if b == 0]
# Each field ended by the UDP length (inside the field and at its NUL), the rest in the IP packet.
for cut in sorted(set(ends[:-1] + [e - 2 for e in ends])):
    frames.append((frame(FULL[:cut], udp_length=8 + cut, ip_extra=FULL[cut:]), None))
for cut in (ack_ends[-2], ack_ends[-1] - 2):
    frames.append((frame(ACK[:cut], udp_length=8 + cut, ip_extra=ACK[cut:]), None))
frames.append((frame(notice(version="ZEPH0.3")[:4], udp_length=12), None))
frames.append((frame(b"NOPE", udp_length=12, ip_extra=b"\0rest"), None))
# Each field cut by the capture (inside the field and just after its NUL).
for message in (FULL, ACK):
    f = frame(message)
    for cut in sorted(set([0, 1] + [e for e in (ends if message is FULL else ack_ends)]
                          + [e - 2 for e in (ends if message is FULL else ack_ends)])):
        if cut < len(message):
            frames.append((f[: 14 + 20 + 8 + cut], len(f)))
# A cut past a non-Zephyr version and past the fields tcpdump reads.
f = frame(b"ZEPX\0" + b"x" * 20)
frames.append((f[: 14 + 20 + 8 + 8], len(f)))
f = frame(notice(body=("a", "b", "c")))
frames.append((f[:-3], len(f)))
# The ports: the source alone, both, and against other printers' ports.
for sport, dport in ((2103, 1024), (1024, 2104), (2104, 2104), (53, 2103), (2104, 7001), (7001, 2103),
                     (2103, 3456), (3456, 2104), (2103, 514), (520, 2103)):
    frames.append((frame(notice(), sport=sport, dport=dport), None))
write_pcap("zephyr.pcap", frames)
