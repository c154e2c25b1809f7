# Writes rx_calls.pcap: AFS RX packets on UDP ports 7000-7007: every packet type (and an
# unknown one) with every flag; calls of the fs, cb, pt, vldb, kauth, vol and bos services
# and Ubik's with the arguments tcpdump prints, unknown opcodes, and the replies that the
# remembered calls let tcpdump print (data and abort); acks with acked and nacked ranges,
# each reason and the -vv trailer; and packets the capture cuts: in the header, in an
# opcode, in a checked argument ([|fs]), in a plain read ([|rx]), in an ack.
import struct
from _inet import csum

CLIENT, SERVER = bytes([10, 7, 0, 1]), bytes([10, 7, 0, 2])


def datagram(src, dst, sport, dport, payload):
    udp = struct.pack(">HHHH", sport, dport, 8 + len(payload), 0) + payload
    pseudo = src + dst + struct.pack(">BBH", 0, 17, len(udp))
    udp = udp[:6] + struct.pack(">H", csum(pseudo + udp) or 0xFFFF) + udp[8:]
    ip = struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 1, 0, 64, 17, 0, src, dst)
    ip = ip[:10] + struct.pack(">H", csum(ip)) + ip[12:]
    return bytes.fromhex("0800209f6b72") + bytes(6) + b"\x08\x00" + ip + udp


def header(call, ptype, flags, seq=1, service=1):
    return struct.pack(">IIIIIBBBBHH", 0x38000000, 0x9A8B7C00, call, seq, 40 + call, ptype, flags, 0, 2, 0, service)


def words(*values):
    return b"".join(struct.pack(">i" if v < 0 else ">I", v) for v in values)


def string(s):
    return struct.pack(">I", len(s)) + s + bytes(-len(s) % 4)


def vec(s, size):
    return b"".join(struct.pack(">I", c) for c in s.ljust(size, b"\0"))


FID = words(536871098, 1, 1)
STORE = words(0x41F, 942356784, 5, 6, 0o40755, 4096)
UUID = words(0x12345678, 0xABCD, 0xEF01, *range(0xF0, 0xF8))
records = []
call_number = [100]


def packet(src, dst, sport, dport, payload, cut=None):
    frame = datagram(src, dst, sport, dport, payload)
    records.append((frame if cut is None else frame[: 42 + cut], len(frame)))


def exchange(port, op, args, results=None, abort=None, service=1):
    """A call to the service on `port`, then its reply (data) or abort."""
    call_number[0] += 1
    n = call_number[0]
    packet(CLIENT, SERVER, 7001, port, header(n, 1, 0x01 | 0x04, service=service) + struct.pack(">I", op) + args)
    if results is not None:
        packet(SERVER, CLIENT, port, 7001, header(n, 1, 0x04, service=service) + results)
    if abort is not None:
        packet(SERVER, CLIENT, port, 7001, header(n, 4, 0, service=service) + struct.pack(">i", abort))


# Every packet type, every flag (slow-start for acks, jumbogram for data).
for ptype in (1, 2, 3, 4, 5, 6, 7, 8, 9, 13, 20):
    packet(CLIENT, SERVER, 7001, 7009, header(1, ptype, 0x3F, seq=2) + bytes(24))

# The file service.
exchange(7000, 130, FID + words(0, 65536))
exchange(7000, 131, FID, string(b"2 1\nsystem:administrators 127\nnneul 9\n  bad\t 16\n"))
exchange(7000, 132, FID, b"", abort=103)
exchange(7000, 133, FID + STORE + words(1, 2, 3))
exchange(7000, 134, FID + string(b"1 0\nnneul 63\n"), b"")
exchange(7000, 135, FID + words(0, 0, 0, 0, 0, 0), abort=-100)
exchange(7000, 136, FID + string(b"file\x01\x80"), abort=7)
exchange(7000, 137, FID + string(b"new") + STORE, FID)
exchange(7000, 138, FID + string(b"a") + FID + string(b"b"))
exchange(7000, 139, FID + string(b"link") + string(b"#root.cell."))
exchange(7000, 140, FID + string(b"hard") + FID)
exchange(7000, 141, FID + string(b"dir") + words(0x0E, 0, 0, 7, 0o755, 0), FID)
exchange(7000, 142, FID + string(b"dir"))
exchange(7000, 148, string(b"root.cell"))
exchange(7000, 149, words(536870915))
exchange(7000, 151, b"", string(b"root.afs"))
exchange(7000, 153, b"", words(942356784, 0))
exchange(7000, 154, string(b"users"))
exchange(7000, 155, words(2) + FID + FID)
exchange(7000, 65536, words(0))
exchange(7000, 65537, FID + words(1, 0, 0, 4096))
exchange(7000, 65538, FID + STORE + words(0, 1, 0, 2, 0, 3))
exchange(7000, 65541, words(7))
exchange(7000, 999, words(1, 2))
# The callback service: callbacks with versions and expiry, a UUID, replies.
exchange(7001, 204, words(2) + FID + FID + words(2, 1, 942356784, 1, -2, 942356800, 3))
exchange(7001, 204, words(0, 0))
exchange(7001, 214, UUID, b"", abort=5)
exchange(7001, 213, b"", UUID)
# The protection service and Ubik through it.
exchange(7002, 500, string(b"user") + words(5, 0), b"")
exchange(7002, 502, words(3))
exchange(7002, 503, words(5879, -204), abort=267265)
exchange(7002, 504, words(2) + vec(b"nneul", 64) + vec(b"cc\x7fstaff", 64), words(2, 5879, -569))
exchange(7002, 505, words(2, 5879, -204), words(1) + vec(b"system:administrators", 64))
exchange(7002, 505, words(0), words(0))
exchange(7002, 508, words(5879), words(3, 1, 2, 3))
exchange(7002, 509, string(b"grp") + words(1, 2))
exchange(7002, 510, b"", words(5880, -700))
exchange(7002, 511, words(1, 2))
exchange(7002, 513, words(1) + string(b"n") + words(2, 3))
exchange(7002, 514, words(5879), words(0))
exchange(7002, 520, words(1) + string(b"e"))
exchange(7002, 10000, words(1, 942356784, 3, 4, 5, 6), words(0))
exchange(7002, 10000, words(0, 942356784, 3, 4, 5, 6), b"", abort=942356790)
exchange(7002, 20004, b"", words(9, 10))
exchange(7002, 20002, words(1, 2, 3, 4, 5, 1), abort=3)
exchange(7002, 20003, words(1, 2, 3, 4))
exchange(7002, 20005, words(1))
exchange(7002, 20006, words(1, 2, 3, 4))
exchange(7002, 20009, words(1, 2, 3, 4))
exchange(7002, 20012, words(1, 2, 3, 4, 5, 6))
exchange(7002, 10003, words(7))
exchange(7002, 20000, words(1, 2))
# The volume location database.
OLD_ENTRY = vec(b"root.cell", 65) + words(0, 3) + words(0x0A070002, 0x0A070003, 0x0A070004, 0, 0, 0, 0, 0)
OLD_ENTRY += words(0, 1, 30, 0, 0, 0, 0, 0) + bytes(32) + words(536870915, 536870916, 536870917)
N_ENTRY = vec(b"users.nneul", 65) + words(2) + words(0x0A070002, 0x0A070005) + bytes(44)
N_ENTRY += words(1, 27) + bytes(44) + bytes(52) + words(536871098, 536871099, 536871100)
U_ENTRY = vec(b"u", 65) + words(1) + UUID + bytes(44 * 12) + bytes(52) + words(2) + bytes(48)
U_ENTRY += bytes(52) + words(1, 2, 3)
exchange(7003, 501, vec(b"new.vol", 65))
exchange(7003, 503, words(536870915, 1), OLD_ENTRY)
exchange(7003, 502, words(536870915, 7))
exchange(7003, 504, string(b"root.cell"), OLD_ENTRY)
exchange(7003, 505, words(1), words(536870999))
exchange(7003, 506, words(5, 2) + vec(b"x", 65))
exchange(7003, 510, words(4), words(1, 5) + OLD_ENTRY)
exchange(7003, 518, words(536871098, 0), N_ENTRY)
exchange(7003, 519, string(b"users.nneul"), N_ENTRY)
exchange(7003, 521, words(0), words(1, 2) + N_ENTRY)
exchange(7003, 527, string(b"u"), U_ENTRY)
exchange(7003, 20001, words(1, 2), abort=-1)
# Kerberos authentication.
exchange(7004, 21, string(b"admin") + string(b""), b"")
exchange(7004, 23, words(3) + string(b"CELL") + string(b"\x01\x02\x03") + string(b"afs") + string(b""), abort=180490)
exchange(7004, 4, string(b"u") + string(b"i") + words(2))
exchange(7004, 12, string(b"u"))
exchange(7004, 20004, b"", words(1, 2))
# The volume service.
exchange(7005, 100, words(1) + string(b"v") + words(0, 5), words(536871000, 9))
exchange(7005, 101, words(9), abort=22)
exchange(7005, 102, words(1, 2))
exchange(7005, 103, words(1, 942356784, 1, 2, 3, -1))
exchange(7005, 104, words(9), words(0))
exchange(7005, 105, words(1, 2, 3) + string(b"c"), words(536871001))
exchange(7005, 106, words(1, 2))
exchange(7005, 107, words(1), words(4))
exchange(7005, 108, words(1, 2, 3), words(77))
exchange(7005, 109, words(1, 942356784))
exchange(7005, 110, words(3), words(5, 6))
exchange(7005, 111, words(1, 2))
exchange(7005, 112, b"", string(b"name"))
exchange(7005, 113, b"", words(*range(1, 11)) + words(*[942356784 + i for i in range(6)]))
exchange(7005, 114, string(b"s") + words(1, 2, 3))
exchange(7005, 116, words(1, 2), words(2) + vec(b"a", 32) + words(5) + bytes(84) + vec(b"b", 32) + words(6) + bytes(84))
exchange(7005, 117, words(1) + string(b"n") + words(2, 3, 4, 5))
exchange(7005, 119, string(b"/vicepa"))
exchange(7005, 120, words(1))
exchange(7005, 121, words(1, 536871098), words(0))
exchange(7005, 123, words(1, 942356784))
exchange(7005, 126, words(1))
exchange(7005, 128, words(1, 942356784, 2, 1, 2, 3, 4, 5, 6))
exchange(7005, 128, words(1, 942356784, 0))
exchange(7005, 65538, words(1, 942356784, 2))
# The basic overseer.
exchange(7007, 80, string(b"simple") + string(b"fs"), b"")
exchange(7007, 81, string(b"fs"), abort=39100)
exchange(7007, 82, string(b"fs") + words(1))
exchange(7007, 86, string(b"fs") + words(2))
exchange(7007, 84, words(0))
exchange(7007, 105, string(b"/bin/x") + words(1, 2, 3))
exchange(7007, 99, b"")

# Acks: reasons, acked and nacked ranges, the -vv trailer, shorter trailers.
for reason, acks, trailer in [
    (1, b"", words(1444, 1444, 32, 4)),
    (8, bytes([1, 1, 0, 1, 0, 0, 1, 1, 1]), words(1444, 5692, 32, 4)),
    (2, bytes([0, 1, 0, 2, 1]), words(1444, 1444)),
    (12, bytes([1]), b""),
    (9, bytes([0, 0, 1, 1]), words(1, 2, 3, 4)[:7]),
]:
    body = struct.pack(">HHIIIBB", 4, 0, 4294967294, 0, 77, reason, len(acks)) + acks + bytes(3) + trailer
    packet(SERVER, CLIENT, 7000, 7001, header(1, 2, 0x22, seq=0) + body)

# Cut by the capture or short on the wire.
packet(CLIENT, SERVER, 7001, 7000, header(1, 1, 1) + words(132) + FID, cut=20)
packet(CLIENT, SERVER, 7001, 7000, header(1, 1, 1))
packet(CLIENT, SERVER, 7001, 7000, header(2, 1, 1) + words(132) + FID, cut=30)
packet(CLIENT, SERVER, 7001, 7000, header(3, 1, 1) + words(132) + FID, cut=40)
packet(CLIENT, SERVER, 7001, 7000, header(4, 1, 1) + words(130) + FID + words(0, 1), cut=48)
packet(CLIENT, SERVER, 7001, 7000, header(5, 1, 1) + words(136) + FID + string(b"abcdefgh"), cut=50)
packet(CLIENT, SERVER, 7001, 7000, header(6, 1, 1) + words(136) + FID + words(300) + bytes(300))
packet(CLIENT, SERVER, 7001, 7002, header(7, 1, 1) + words(504, 1) + vec(b"x", 64), cut=100)
packet(CLIENT, SERVER, 7001, 7002, header(8, 1, 1) + words(505, 5, 1, 2, 3), cut=44)
packet(CLIENT, SERVER, 7001, 7003, header(9, 1, 1) + words(504) + string(b"a"))
packet(SERVER, CLIENT, 7003, 7001, header(9, 1, 0) + OLD_ENTRY, cut=28 + 65 * 4 + 20)
packet(SERVER, CLIENT, 7000, 7001, header(1, 2, 0) + bytes(10))
packet(SERVER, CLIENT, 7000, 7001, header(1, 2, 0) + struct.pack(">HHIIIBB", 0, 0, 1, 0, 1, 1, 9) + bytes(3))
packet(CLIENT, SERVER, 7001, 7002, header(10, 1, 1) + words(10000, 1, 942356784, 3), cut=48)
packet(CLIENT, SERVER, 7001, 7005, header(11, 1, 1) + words(121, 1, 536871098))
packet(SERVER, CLIENT, 7005, 7001, header(11, 1, 0) + words(1) + vec(b"v", 32), cut=40)

with open("rx_calls.pcap", "wb") as out:
    out.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    for i, (data, wire) in enumerate(records):
        out.write(struct.pack("<IIII", 1_700_000_000 + i, 0, len(data), wire))
        out.write(data)
