# Writes realtek.pcap: the Realtek protocols of EtherType 0x8899 for tcpdump's rtl_print()
# and rrcp_print(): RRCP hello, get and set queries and replies (hello reply fields, register
# address and data, cookies, authentication keys at edge values), unknown RRCP opcodes, REP,
# RLDP (0x03 and 0x23, with and without a payload), the switch tags tcpdump names (0x04, the
# RTL8306 0x9X and RTL8366RB 0xAX families), unknown types, in padded and unpadded frames,
# under 802.1Q and QinQ tags, in LLC/SNAP (with an 802.3 length that cuts the message), in
# Geneve (no link addresses), in Ethernet frames inside VXLAN, GRE and Geneve (their own
# addresses), short on the wire, and cut by the capture at every byte.
import struct

from _inet import csum

DST = bytes.fromhex("ffffffffffff")
SRC = bytes.fromhex("d80d17d655ab")


def rrcp(opcode, reply=False, auth=0x2379, rest=b""):
    return bytes([0x01, opcode | (0x80 if reply else 0)]) + struct.pack(">H", auth) + rest


def register(opcode, reply=False, auth=0x2379, addr=0x0200, data=0x12345678,
             cookie1=0x11223344, cookie2=0x55667788):
    return rrcp(opcode, reply, auth, struct.pack("<HI", addr, data)
                + struct.pack(">II", cookie1, cookie2))


def hello_reply(auth=0x2379, down=3, up=24, mac=bytes.fromhex("001a2b3c4d5e"), chip=0x8326,
                vendor=0x0000_10EC):
    return rrcp(0, True, auth, bytes([down, up]) + mac + struct.pack(">HI", chip, vendor))


def frame(payload, pad=True, tags=(), ethertype=0x8899, dst=DST, src=SRC):
    tag = b"".join(struct.pack(">HH", tpid, tci) for tpid, tci in tags)
    data = dst + src + tag + struct.pack(">H", ethertype) + payload
    return data + bytes(max(0, 60 - len(data))) if pad else data


def snap(payload, length=None, trailer=b""):
    llc = bytes.fromhex("aaaa030000008899") + payload
    return DST + SRC + struct.pack(">H", len(llc) if length is None else length) + llc + trailer


def ipv4(proto, body):
    ip = struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + len(body), 1, 0, 64, proto, 0,
                     bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2]))
    return frame(ip[:10] + struct.pack(">H", csum(ip)) + ip[12:] + body, ethertype=0x0800)


def udp(port, header, payload):
    return ipv4(17, struct.pack(">HHHH", 40000, port, 8 + 8 + len(payload), 0) + header + payload)


def geneve(payload, ethertype=0x8899):
    return udp(6081, struct.pack(">HHI", 0, ethertype, 0x123400), payload)


def inner(payload):
    # An Ethernet frame inside a tunnel, with its own addresses.
    return frame(payload, pad=False, dst=bytes.fromhex("0180c2000002"),
                 src=bytes.fromhex("020000000009"))


HELLO = rrcp(0)
HELLO_REPLY = hello_reply()
GET = register(1)
GET_REPLY = register(1, True, data=0xDEADBEEF)
SET = register(2, data=0x00000001)
# A loop detection frame as the RTL8306E describes it (0x0300 and a TTL), and one as seen
# on the wire (0x23, an unknown address, the originator's).
LOOP = bytes.fromhex("0300000f")
LOOP2 = bytes.fromhex("23") + bytes.fromhex("0a0b0c0d0e0f") + SRC + bytes.fromhex("0d")
TEAMS = bytes.fromhex("25800000d80d17d655ab0000800000d80d17d655ab8008")

packets = [
    # RRCP: every opcode, query and reply.
    frame(HELLO),
    frame(rrcp(0, rest=bytes(14))),
    frame(HELLO_REPLY),
    frame(hello_reply(auth=0, down=0, up=255, mac=bytes(6), chip=0xFFFF, vendor=0xFFFFFFFF)),
    frame(hello_reply(auth=0xFFFF, down=17, up=1, mac=bytes.fromhex("0123456789ab"), chip=1,
                      vendor=0x12345678)),
    frame(GET),
    frame(GET_REPLY),
    frame(SET),
    frame(register(2, True, auth=0xABCD, addr=0xFFFF, data=0xFFFFFFFF, cookie1=0xFFFFFFFF,
                   cookie2=0)),
    frame(register(1, auth=0, addr=0, data=0, cookie1=0, cookie2=0)),
    frame(register(2, auth=0x0102, addr=0x0a0b, data=0x80000000, cookie1=1, cookie2=2)),
    *[frame(rrcp(op, reply, rest=bytes(range(4, 18)))) for op in (3, 0x10, 0x7F)
      for reply in (False, True)],
    # Short RRCP messages on the wire: tcpdump reads only what each opcode prints.
    frame(HELLO, pad=False),
    frame(HELLO_REPLY[:12], pad=False),
    frame(GET[:10], pad=False),
    frame(rrcp(5), pad=False),
    frame(b"\x01\x80", pad=False),
    # REP, RLDP, the switch tags and unknown types.
    frame(b"\x02"),
    frame(b"\x02" + bytes(range(1, 20))),
    frame(b"\x03"),
    frame(LOOP),
    frame(b"\x23"),
    frame(LOOP2),
    frame(b"\x04" + bytes(7)),
    *[frame(bytes([t, 0x12, 0x34, 0x56])) for t in (0x90, 0x95, 0x9F, 0xA0, 0xA7, 0xAF)],
    *[frame(bytes([t]) + bytes(4)) for t in (0x00, 0x05, 0x10, 0x22, 0x24, 0x25, 0x80,
                                              0x81, 0x8F, 0xB0, 0xF0, 0xFF)],
    frame(TEAMS),
    frame(b"\x02", pad=False),
    frame(b"\x25", pad=False),
    frame(b"", pad=False),
    # Other addresses.
    frame(GET_REPLY, dst=bytes.fromhex("0180c2000001"), src=bytes.fromhex("020000000001")),
    # VLAN tags.
    frame(GET, tags=[(0x8100, 0x002A)]),
    frame(HELLO_REPLY, tags=[(0x8100, 0xE001)]),
    frame(b"\x23" + bytes(10), tags=[(0x88A8, 0x0064), (0x8100, 0x2005)]),
    frame(b"\x02", pad=False, tags=[(0x8100, 0x0001)]),
    # LLC/SNAP: the 802.3 length bounds what tcpdump reads.
    snap(GET_REPLY),
    snap(HELLO, trailer=b"\xee" * 30),
    snap(GET_REPLY, length=8 + 12, trailer=bytes(10)),
    snap(HELLO_REPLY, length=8 + 2),
    snap(HELLO_REPLY, length=8 + 0),
    snap(b"\x02", trailer=bytes(40)),
    # Geneve: no link addresses.
    geneve(GET),
    geneve(HELLO_REPLY[:9]),
    geneve(b"\x03"),
    # Ethernet frames inside tunnels: their own addresses.
    udp(4789, bytes.fromhex("0800000000000100"), inner(GET)),
    ipv4(47, bytes.fromhex("00006558") + inner(HELLO_REPLY)),
    geneve(inner(b"\x02"), ethertype=0x6558),
    udp(4789, bytes.fromhex("0800000000000100"), inner(b"")),
]

# Cuts by the capture: every byte of each message's fields and one past them, plain and
# under an 802.1Q tag.
cuts = []
for message in (HELLO, HELLO_REPLY, GET, SET, rrcp(0x33, True), b"\x02", b"\x25"):
    for tags in ((), ((0x8100, 0x0064),)):
        start = 14 + 4 * len(tags)
        cuts += [(frame(message, tags=tags), n) for n in range(12, start + len(message) + 2)]

with open("realtek.pcap", "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    records = [(data, len(data), len(data)) for data in packets]
    records += [(data, n, len(data)) for data, n in cuts]
    for i, (data, n, wire) in enumerate(records):
        f.write(struct.pack("<IIII", 1_700_000_000 + i, 0, n, wire))
        f.write(data[:n])
