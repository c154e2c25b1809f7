# Writes atalk.pcap: AppleTalk DDP (long header) over Ethernet II (EtherType 0x809b), 802.1Q,
# and 802.3 LLC/SNAP (Apple's OUI 0x080007 and OUI 0), as tcpdump's atalk_print() reads it:
# addresses with nodes 0 and 255, every DDP type it names (RTMP, RTMP request, echo, IP,
# ARP, KLAP) and ones it does not (ZIP, AEP data, 200), ATP requests, responses, releases
# and other codes with every flag and bitmap shape and user data, NBP lookups, broadcast
# requests and replies with their tuples (names of every length up to 33, escaped bytes,
# anomalous counts, enumerators and addresses), EIGRP over DDP, payloads too short for ATP
# and NBP, DDP headers too short on the wire, then frames cut by the capture at every byte.
# Also writes atalk_localtalk.pcap: LocalTalk (link type 114, llap_print()) with short and
# long DDP headers carrying the same payloads, other LLAP types, headers too short on the
# wire, and frames cut by the capture at every byte.
import struct

from _inet import write_pcap

SRC = bytes.fromhex("080007123456")
DST = bytes.fromhex("090007ffffff")


def ddp(ddp_type, payload=b"", snet=0x1234, snode=9, sskt=253, dnet=0xFF00, dnode=200, dskt=2,
        length=None):
    if length is None:
        length = 13 + len(payload)
    return struct.pack(">HHHHBBBBB", length, 0, dnet, snet, dnode, snode, dskt, sskt, ddp_type) + payload


def ether(payload, ether_type=0x809B):
    return DST + SRC + struct.pack(">H", ether_type) + payload


def vlan(payload):
    return ether(struct.pack(">HH", 5, 0x809B) + payload, 0x8100)


def snap(payload, oui=b"\x08\x00\x07", pid=0x809B):
    body = b"\xaa\xaa\x03" + oui + struct.pack(">H", pid) + payload
    return DST + SRC + struct.pack(">H", len(body)) + body


def atp(control, bitmap=0xFF, tid=0x1234, user=0, data=b""):
    return struct.pack(">BBHI", control, bitmap, tid, user) + data


def cstr(s):
    b = s if isinstance(s, bytes) else s.encode("latin-1")
    return bytes([len(b)]) + b


def tuple_(net=0x1234, node=9, skt=253, enum=0, obj="Printer", typ="LaserWriter", zone="*"):
    return struct.pack(">HBBB", net, node, skt, enum) + cstr(obj) + cstr(typ) + cstr(zone)


def nbp(control, ident=7, tuples=(b"",)):
    return struct.pack(">BB", control, ident) + b"".join(tuples)


payloads = []
# Addresses: nodes 0 and 255, nets 0 and 65535, sockets of every name.
payloads += [ddp(1, b"\x00\x01\x02\x03", snet=0, snode=0, sskt=1, dnet=65535, dnode=255, dskt=1)]
payloads += [ddp(5, b"\x01", sskt=4, dskt=6), ddp(4, b"\x01hello", dskt=4), ddp(22, b"E" * 20)]
payloads += [ddp(t, b"\x00" * 6) for t in (0, 6, 7, 23, 75, 100, 200, 255)]
payloads += [ddp(1), ddp(6, b"\x05\x00")]
# ATP.
payloads += [ddp(3, atp(0x40 | f, bm)) for f in (0, 0x20, 0x10, 0x08, 0x18, 0x38, 0x07)
             for bm in (0xFF, 0x01, 0x00)]
payloads += [ddp(3, atp(0x40, bm)) for bm in (0x03, 0x07, 0x0F, 0x1F, 0x3F, 0x7F, 0x02, 0x05, 0x80,
                                              0xFE, 0x81, 0xAA)]
payloads += [ddp(3, atp(0x40, 0x01, 0xFFFF, 0x08000000, b"\x00\x08getzones"))]
payloads += [ddp(3, atp(0x80 | f, bm, data=b"x" * n)) for f in (0, 0x10, 0x20, 0x08, 0x28, 0x30, 0x38)
             for bm, n in ((0, 0), (7, 12))]
payloads += [ddp(3, atp(0xC0 | f, bm, user=u, data=b"r" * n)) for f in (0, 0x20, 0x10, 0x08, 0x30,
                                                                          0x18, 0x28, 0x38)
             for bm, u, n in ((0xFF, 0, 0), (0x03, 1, 3))]
payloads += [ddp(3, atp(c, 9, 0, 0xDEADBEEF, b"q" * 5)) for c in (0x00, 0x3F, 0x27)]
payloads += [ddp(3, atp(0x40)[:n]) for n in range(8)]
# NBP.
payloads += [ddp(2, nbp(c, tuples=(tuple_(),))) for c in (0x11, 0x21, 0x10, 0x22, 0x2F, 0x01, 0x41,
                                                          0xF1)]
payloads += [ddp(2, nbp(0x21, tuples=(tuple_(enum=3),))), ddp(2, nbp(0x21, tuples=(tuple_(net=1),))),
             ddp(2, nbp(0x11, tuples=(tuple_(node=8, skt=2),))),
             ddp(2, nbp(0x21, tuples=(tuple_(net=5, node=255, skt=1, enum=9),)))]
payloads += [ddp(2, nbp(0x21, tuples=(tuple_(obj=o, typ=t, zone=z),)))
             for o, t, z in (("", "", ""), ("=", "=", "*"), ("A" * 32, "B" * 32, "C" * 32),
                             ("A" * 33, "x", "y"), ("x", "B" * 40, "y"), ("x", "y", "C" * 255),
                             (b"\x01\x7f\x80\xff\xe9 ", b"\n\t", b"\\\""))]
payloads += [ddp(2, nbp(0x31 + k, tuples=[tuple_(enum=e, skt=s, net=n, obj=f"obj{e}")
                                         for e, s, n in ((1, 253, 0x1234), (2, 128, 0x1234),
                                                         (0, 253, 0x1235), (1, 9, 7))][:k + 1]))
             for k in range(4)]
payloads += [ddp(2, nbp(0x30, tuples=(tuple_(),))), ddp(2, nbp(0x3F, tuples=(tuple_(),) * 2)),
             ddp(2, nbp(0x32, tuples=(tuple_(obj="z" * 40),) * 2)),
             ddp(2, nbp(0x31, tuples=(tuple_(), b"\x00")))]
# NBP lengths: under the header, under a tuple, exactly one tuple with no names.
payloads += [ddp(2, nbp(0x21, tuples=(tuple_(),))[:n]) for n in range(12)]
payloads += [ddp(2, nbp(0x31, tuples=(b"\x12\x34\x09\xfd\x01\x00\x00\x00",)))]
# EIGRP over DDP.
payloads += [ddp(88, bytes.fromhex("0205eeb000000000000000000000000000000064000100100000000f0000000000000064"))]
payloads += [ddp(88, b"\x02\x05")]
frames = [ether(p) for p in payloads]
frames += [vlan(ddp(3, atp(0x40))), snap(ddp(2, nbp(0x21, tuples=(tuple_(),)))), snap(ddp(3, atp(0x90, 1)), b"\0\0\0")]
frames += [snap(ddp(3, atp(0xC0)), pid=0x809C), snap(ddp(1, b"\x00\x01"), oui=b"\x08\x00\x08")]
# Padding after the DDP payload (tcpdump reads it as payload), and DDP length fields that lie.
frames += [ether(ddp(3, atp(0x40)) + bytes(25)), ether(ddp(2, nbp(0x21, tuples=(tuple_(),)), length=5)),
           ether(ddp(1, b"abc", length=0x3FF))]


def snap_length(payload, length, pad=b""):
    body = b"\xaa\xaa\x03\x08\x00\x07\x80\x9b" + payload
    return DST + SRC + struct.pack(">H", length) + body + pad


# 802.3 lengths that end the DDP payload before the frame (tcpdump cuts the capture there),
# after it, and within the DDP header; EIGRP cut by the frame's end.
LOOKUP = nbp(0x21, tuples=(tuple_(),))
EIGRP = bytes.fromhex("0205eeb000000000000000000000000000000064000100100000000f0000000000000064")
frames += [snap_length(ddp(2, LOOKUP), 31), snap_length(ddp(2, LOOKUP)[:23], 31, b"\x05Pr\x00\x00" * 8),
           snap_length(ddp(3, atp(0x40)), 25), snap_length(ddp(3, atp(0x40)), 24, bytes(30)),
           snap_length(ddp(3, atp(0x40)), 18, bytes(30)), snap_length(ddp(3, atp(0x40)), 1500),
           snap_length(ddp(2, LOOKUP), 33, bytes(40)), snap_length(ddp(88, EIGRP), 43, bytes(20)),
           ether(ddp(88, EIGRP)[:27])]
records = [(f, len(f)) for f in frames]
records.append((ether(ddp(88, EIGRP)[:27]), 80))
# DDP headers shorter than 13 bytes on the wire.
for n in range(13):
    f = ether(ddp(3, atp(0x40))[:n])
    records.append((f, len(f)))
    f = snap(ddp(3, atp(0x40))[:n])
    records.append((f, len(f)))
# Cut by the capture at every byte.
for frame in (ether(ddp(3, atp(0x48, 0x0F, user=5))), ether(ddp(2, nbp(0x21, tuples=(tuple_(),)))),
              ether(ddp(2, nbp(0x32, tuples=(tuple_(enum=1), tuple_(enum=2, obj="two"))))),
              ether(ddp(2, nbp(0x41, tuples=(tuple_(),)))), ether(ddp(1, b"\x00\x01\x02")),
              ether(ddp(88, bytes.fromhex("0205eeb000000000000000000000000000000064"))),
              snap(ddp(3, atp(0x80))), vlan(ddp(3, atp(0xC0)))):
    for n in range(12, len(frame)):
        records.append((frame[:n], len(frame)))
write_pcap("atalk.pcap", records)


def llap(lap_type, payload, src=9, dst=255):
    return bytes([dst, src, lap_type]) + payload


def sddp(ddp_type, payload=b"", sskt=253, dskt=2, length=None):
    if length is None:
        length = 5 + len(payload)
    return struct.pack(">HBBB", length, dskt, sskt, ddp_type) + payload


bodies = [(1, b"\x00\x01\x02"), (4, b"\x01x"), (6, b"\x05\x00"), (200, b""), (3, atp(0x40)),
          (3, atp(0xB8, 2, data=b"zz")), (3, atp(0xC0, 1, user=7)), (3, atp(0x40)[:5]),
          (2, nbp(0x21, tuples=(tuple_(net=0),))), (2, nbp(0x21, tuples=(tuple_(net=0, skt=9),))),
          (2, nbp(0x11, tuples=(tuple_(),))), (2, nbp(0x32, tuples=(tuple_(net=0, enum=1), tuple_(net=0, node=8, enum=1)))),
          (2, nbp(0x31, tuples=(tuple_(obj="q" * 33),))), (2, b"\x21\x07\x00"), (2, nbp(0x71)),
          (88, bytes.fromhex("0205eeb000000000000000000000000000000064000100100000000f0000000000000064")),
          (88, b"\x02")]
lt = []
for t, body in bodies:
    lt.append(llap(1, sddp(t, body)))
    lt.append(llap(2, ddp(t, body)))
lt += [llap(1, sddp(3, atp(0x40), sskt=1, dskt=4), src=0, dst=255), llap(2, ddp(1, b"", dnode=255), src=1)]
lt += [llap(t, b"\x00\x01\x02\x03") for t in (0, 3, 0x4B, 0x80, 0xFF)] + [llap(7, b"")]
lrecords = [(f, len(f)) for f in lt]
for n in range(1, 3):
    lrecords.append((llap(2, b"")[:n], n))
for n in range(5):
    lrecords.append((llap(1, sddp(3, atp(0x40))[:n]), 3 + n))
for n in range(13):
    lrecords.append((llap(2, ddp(3, atp(0x40))[:n]), 3 + n))
for frame in (llap(1, sddp(3, atp(0x48, 0x0F, user=5))), llap(2, ddp(3, atp(0x40))),
              llap(1, sddp(2, nbp(0x32, tuples=(tuple_(net=0, enum=1), tuple_(net=0, enum=2, obj="two"))))),
              llap(2, ddp(2, nbp(0x21, tuples=(tuple_(),)))), llap(0x4B, b"abcd"),
              llap(1, sddp(88, bytes.fromhex("0205eeb000000000000000000000000000000064")))):
    for n in range(1, len(frame)):
        lrecords.append((frame[:n], len(frame)))
write_pcap("atalk_localtalk.pcap", lrecords, link_type=114)
