# Writes resp_messages.pcap: RESP (Redis) on TCP port 6379, both ways. Every value type
# (simple string, error, integer, bulk string, array, inline command), pipelined values,
# nested and empty arrays, null and empty strings, characters tcpdump escapes, every
# length that is not a count (too large, negative, no digit, a bad byte after the digits,
# a CR without LF, 2^31 - 1 and 2^31), the CRLF after a bulk string found further on,
# values the segment ends inside (a type byte alone, digits, a CR, a string's bytes, a
# missing CRLF, an array's missing elements, a line without its end, CRs and LFs alone),
# Ethernet padding after the IP packet, and segments the capture cuts in each field (the
# type byte, length digits, the LF of a length, a string's text, its bytes, an inline
# line, after its leading CR).
import struct
from _inet import csum


def segment(payload, seq, server=False, pad=b""):
    src, dst = bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2])
    ports = (6379, 50000) if server else (50000, 6379)
    if server:
        src, dst = dst, src
    tcp = struct.pack(">HHIIBBHHH", *ports, seq, 1, 0x50, 0x18, 8192, 0, 0) + payload
    pseudo = src + dst + struct.pack(">BBH", 0, 6, len(tcp))
    tcp = tcp[:16] + struct.pack(">H", csum(pseudo + tcp)) + tcp[18:]
    ip = struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), 1, 0, 64, 6, 0, src, dst)
    ip = ip[:10] + struct.pack(">H", csum(ip)) + ip[12:]
    return bytes.fromhex("020000000002020000000001") + b"\x08\x00" + ip + tcp + pad


COMPLETE = [
    (b"+OK\r\n", True),
    (b"-ERR unknown command 'x'\r\n", True),
    (b":42\r\n:-7\r\n", True),
    (b"$5\r\nhello\r\n", True),
    (b"$0\r\n\r\n", True),
    (b"$-1\r\n", True),
    (b"*0\r\n", True),
    (b"*-1\r\n", True),
    (b"*2\r\n$3\r\nGET\r\n$1\r\nk\r\n", False),
    (b"*3\r\n*1\r\n:1\r\n*0\r\n+x\r\n", True),
    (b"*2\r\n*2\r\n+a\r\n-b\r\n:3\r\n+after\r\n", True),
    (b"PING\r\n", False),
    (b"PING\nPING\r\r\nset k v\n", False),
    (b"\r\n\r\nPING\r\n", False),
    (b"\nx\r", False),
    (b"+OK\r\n$3\r\nabc\r\nPING\r\n*1\r\n:5\r\n", True),
    (b"+\x01\x1f\x7f\x80\xff\t\"q\r\n$4\r\n\r\n\x00a\r\n", True),
    (b"+\r\n", True),
    (b"+a\rb\nc\r\n", True),
    (b"$3\r\nabcXYZ\r\n+next\r\n", True),
    (b"$00\r\n\r\n$-01\r\n$007\r\n1234567\r\n", True),
    (b"$2147483648\r\n+x\r\n", True),
    (b"$99999999999\r\n*21474836470\r\n", True),
    (b"$-2\r\n*-5\r\n$-99999999999\r\n*-2147483648\r\n", True),
    (b"$abc\r\n", False),
    (b"$-\r\n+x\r\n", True),
    (b"$12x\r\n", True),
    (b"$12\rx\r\n", True),
    (b"*x\r\n:1\r\n", True),
    (b"$\r\n", True),
    # Ends inside a value.
    (b"+OK", True),
    (b"+OK\r", True),
    (b"$", False),
    (b"$5", False),
    (b"$5\r", False),
    (b"$-", False),
    (b"$5\r\nhel", True),
    (b"$3\r\nab\r\n", True),
    (b"$3\r\nabc", True),
    (b"$0\r\n", True),
    (b"$2147483647\r\nabc\r\n", True),
    (b"*3\r\n:1\r\n", True),
    (b"*2147483647\r\n+a\r\n", True),
    (b"*1\r\n", False),
    (b"PING", False),
    (b"\r\n", False),
    (b"+OK\r\nPING", True),
]

# (payload, captured payload bytes): the capture ends before the segment does.
CUTS = [
    (b"+OK\r\n", 0),
    (b"$12345\r\nhello\r\n", 3),
    (b"$5\r\nhello\r\n", 3),
    (b"$5\r\nhello\r\n", 6),
    (b"$5\r\nhello\r\n", 10),
    (b"-ERR x\r\n", 4),
    (b"+OK\r\n", 4),
    (b"PING\r\n", 2),
    (b"\r\nPING\r\n", 1),
    (b"\r\nPING\r\n", 2),
    (b"*2\r\n:1\r\n:2\r\n", 8),
    (b"*2\r\n:1\r\n:2\r\n", 2),
    (b"+OK\r\n$-1\r\n", 7),
    (b"$-12\r\n", 2),
]

records = []
for i, (payload, server) in enumerate(COMPLETE):
    f = segment(payload, 1000 * i + 1, server)
    records.append((f, len(f)))
# Ethernet padding after the IP packet is not RESP.
f = segment(b"PING\r\n", 70001, pad=b"+pad\r\n")
records.append((f, len(f)))
f = segment(b"+OK", 70002, True, pad=b"\r\n\0\0")
records.append((f, len(f)))
for i, (payload, n) in enumerate(CUTS):
    f = segment(payload, 90000 + 1000 * i, i % 2 == 1)
    records.append((f[: 14 + 20 + 20 + n], len(f)))
with open("resp_messages.pcap", "wb") as out:
    out.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    for i, (data, wire) in enumerate(records):
        out.write(struct.pack("<IIII", 1_700_000_000 + i, 0, len(data), wire))
        out.write(data)
