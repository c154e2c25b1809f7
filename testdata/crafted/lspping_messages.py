# Writes lspping_messages.pcap: MPLS LSP ping (RFC 4379/8029, UDP port 3503) over IPv4 and
# IPv6, one packet per case: every message type, reply mode and return code (and unknown
# ones), other versions, both timestamps, every TLV tcpdump names (target FEC stack, its
# sub-TLVs with the right and wrong lengths, every route distinguisher format and
# pseudowire type, downstream mapping of each address type, BFD discriminator, vendor
# enterprise, the TLVs it dumps) and unknown ones, zero lengths, TLVs and sub-TLVs longer
# than what holds them, padding past the end, messages shorter than the header on the
# wire, and messages the capture cuts at every byte.
import struct

from _inet import csum

ETH = bytes.fromhex("001122334455") + bytes.fromhex("665544332211")
SRC4 = bytes([10, 0, 0, 1])
DST4 = bytes([127, 0, 0, 1])
SRC6 = bytes.fromhex("20010db8000000000000000000000001")
DST6 = bytes.fromhex("20010db8000000000000000000000002")


def udp4(payload, sport=4786, dport=3503, udp_length=None):
    length = 8 + len(payload) if udp_length is None else udp_length
    udp = struct.pack(">HHHH", sport, dport, length, 0) + payload
    pseudo = SRC4 + DST4 + struct.pack(">BBH", 0, 17, len(udp))
    udp = udp[:6] + struct.pack(">H", csum(pseudo + udp)) + udp[8:]
    ip = struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 1, 0, 64, 17, 0, SRC4, DST4)
    ip = ip[:10] + struct.pack(">H", csum(ip)) + ip[12:]
    return ETH + b"\x08\x00" + ip + udp


def udp6(payload):
    udp = struct.pack(">HHHH", 3503, 4786, 8 + len(payload), 0) + payload
    pseudo = SRC6 + DST6 + struct.pack(">IxxxB", len(udp), 17)
    udp = udp[:6] + struct.pack(">H", csum(pseudo + udp)) + udp[8:]
    ip = struct.pack(">IHBB", 0x60000000, len(udp), 17, 64) + SRC6 + DST6
    return ETH + b"\x86\xdd" + ip + udp


def header(version=1, mtype=1, mode=2, code=0, sub=0, seq=7, received=(0, 0)):
    return struct.pack(
        ">HHBBBBIIIIII", version, 0x0001, mtype, mode, code, sub, 0xCAFE0001, seq,
        3809381051, 1401512012, received[0], received[1],
    )


def tlv(kind, value, length=None, pad=True):
    size = len(value) if length is None else length
    data = struct.pack(">HH", kind, size) + value
    if pad and len(value) % 4:
        data += bytes(4 - len(value) % 4)
    return data


V4 = bytes([192, 0, 2, 1])
V4B = bytes([198, 51, 100, 7])
V6 = bytes.fromhex("20010db8000100000000000000000001")
V6B = bytes.fromhex("20010db80002000000000000000000fe")
RDS = [
    struct.pack(">HHI", 0, 65001, 100),
    struct.pack(">H4sH", 1, V4B, 300),
    struct.pack(">HIH", 2, 4200000001, 17),
    struct.pack(">HIH", 7, 1, 2),
]
SUB_TLVS = {
    1: V4 + b"\x20",
    2: V6 + b"\x40",
    3: V4 + struct.pack(">HH", 0, 0x1234) + V4B + V4 + struct.pack(">HH", 0, 0x00AB),
    4: V6 + struct.pack(">HH", 0, 0x4321) + V6B + V6 + struct.pack(">HH", 0, 0x0CD0),
    6: RDS[0] + V4 + b"\x18",
    7: RDS[1] + V6 + b"\x30",
    8: RDS[2] + struct.pack(">HHH", 11, 22, 5),
    9: V4 + struct.pack(">IH", 0x01020304, 4),
    10: V4B + V4 + struct.pack(">IH", 0xFFFFFFFF, 0x40),
    12: V4 + b"\x10",
    13: V6 + b"\x80",
}


def fec(*subs):
    return tlv(1, b"".join(subs))


def ping(*tlvs, **kwargs):
    return header(**kwargs) + b"".join(tlvs)


payloads = []
# The header: message types, reply modes, return codes (with the stack depth some carry),
# the received timestamp, versions other than 1.
for mtype in (1, 2, 3, 0):
    payloads.append(ping(mtype=mtype))
for mode in range(0, 6):
    payloads.append(ping(mode=mode, mtype=2))
for code in range(0, 15):
    payloads.append(ping(code=code, sub=3, mtype=2, received=(3809381052, 12345)))
payloads.append(ping(received=(0, 1)))
payloads.append(ping(received=(1, 0)))
payloads.append(ping(version=2))
payloads.append(ping(version=0, mtype=9))
# Every sub-TLV of the target FEC stack, the right length and a wrong one; unknown ones.
for kind, value in sorted(SUB_TLVS.items()):
    payloads.append(ping(fec(tlv(kind, value))))
    payloads.append(ping(fec(tlv(kind, value[:-1] if len(value) > 1 else b""))))
for kind in (5, 11, 14, 15, 16, 200):
    payloads.append(ping(fec(tlv(kind, b"\x01\x02\x03\x04\x05\x06"))))
# Route distinguishers of each format, pseudowire types known and not.
for rd in RDS:
    payloads.append(ping(fec(tlv(6, rd + V4 + b"\x18"))))
    payloads.append(ping(fec(tlv(7, rd + V6 + b"\x30"))))
for pw in (0, 1, 0x19, 0x1A, 0x40, 0x8000):
    payloads.append(ping(fec(tlv(8, RDS[0] + struct.pack(">HHH", 1, 2, pw)))))
    payloads.append(ping(fec(tlv(9, V4 + struct.pack(">IH", 9, pw)))))
    payloads.append(ping(fec(tlv(10, V4 + V4B + struct.pack(">IH", 9, pw)))))
# Several sub-TLVs in one stack (tcpdump steps by the padded value, not the header), an
# empty stack, a sub-TLV of length 0, a stack too short for a sub-TLV header, a sub-TLV
# longer than the stack, padding past the stack.
payloads.append(ping(fec(tlv(1, SUB_TLVS[1]), tlv(2, SUB_TLVS[2]))))
payloads.append(ping(fec(tlv(3, SUB_TLVS[3]), tlv(1, SUB_TLVS[1]), tlv(12, SUB_TLVS[12]))))
payloads.append(ping(fec(tlv(16, b""), tlv(16, b""))))
payloads.append(ping(tlv(1, b"")))
payloads.append(ping(tlv(1, b"\x00\x01")))
payloads.append(ping(tlv(1, struct.pack(">HH", 1, 5) + b"\x00\x00\x00\x00\x00\x00\x00\x00")))
payloads.append(ping(tlv(1, struct.pack(">HH", 1, 9) + V4 + b"\x20")))
payloads.append(ping(tlv(1, tlv(1, SUB_TLVS[1], pad=False))))
payloads.append(ping(tlv(1, tlv(1, SUB_TLVS[1], pad=False) + b"\x00\x00")))
payloads.append(ping(tlv(1, tlv(1, SUB_TLVS[1]) + b"\x00\x01")))
# The downstream mapping of each address type, an unknown one, and each part too short.
INFO = struct.pack(">BBH", 0, 0, 0) + struct.pack(">I", 0x00064100)
MAPS = {
    1: V4 + V4B,
    2: V4 + struct.pack(">I", 0x11),
    3: V6 + V6B,
    4: V6 + struct.pack(">I", 0x22),
    9: b"",
    0: b"",
}
for kind, body in MAPS.items():
    fixed = struct.pack(">HBB", 1500, kind, 0x03) + body
    payloads.append(ping(tlv(2, fixed + INFO), mtype=2))
    payloads.append(ping(tlv(2, fixed + INFO[:3]), mtype=2))
    if body:
        payloads.append(ping(tlv(2, fixed[:-1]), mtype=2))
payloads.append(ping(tlv(2, struct.pack(">HB", 1500, 1))))
# BFD discriminator, vendor enterprise (known, unknown), short ones; the TLVs tcpdump dumps
# (pad, error code, interface label stack, reply TOS, vendor private, unknown), empty TLVs.
payloads.append(ping(tlv(15, struct.pack(">I", 0xDEADBEEF))))
payloads.append(ping(tlv(15, b"\x01\x02\x03")))
payloads.append(ping(tlv(5, struct.pack(">I", 9) + b"\x00\x01")))
payloads.append(ping(tlv(5, struct.pack(">I", 0x00FFFFFF))))
payloads.append(ping(tlv(5, b"\x00")))
for kind in (3, 9, 7, 10, 0xFC00, 4, 99, 0xFFFF):
    payloads.append(ping(tlv(kind, bytes(range(1, 23)))))
payloads.append(ping(tlv(3, b""), tlv(99, b""), tlv(15, struct.pack(">I", 5))))
# Several TLVs; a TLV longer than the message, 1 to 3 bytes after the last TLV, padding
# past the message's end.
payloads.append(
    ping(fec(tlv(1, SUB_TLVS[1])), tlv(15, b"\x00\x00\x00\x01"), tlv(3, b"\x01\x02\x03"))
)
payloads.append(ping(tlv(3, b"\x01\x02\x03\x04", length=12, pad=False)))
for n in (1, 2, 3):
    payloads.append(ping(tlv(15, b"\x00\x00\x00\x01")) + bytes(n))
payloads.append(ping(tlv(3, b"\x01\x02\x03", pad=False)))
payloads.append(ping(tlv(3, b"\x01\x02\x03\x04\x05", pad=False)))

frames = []
for i, p in enumerate(payloads):
    frames.append((udp4(p, sport=3503, dport=4786) if i % 3 == 1 else udp4(p), None))
# Over IPv6; shorter than the header on the wire (the capture holding more); empty.
frames.append((udp6(ping(fec(tlv(2, SUB_TLVS[2])), tlv(15, b"\x00\x00\x00\x02"))), None))
frames.append((udp6(ping()[:20]), None))
frames.append((udp4(ping(), udp_length=8 + 31), None))
frames.append((udp4(ping()[:31]), None))
frames.append((udp4(b""), None))
frames.append((udp4(b"", udp_length=8 + 40), None))
# Cut by the capture at every byte of a header, of a stack of each sub-TLV, of a downstream
# mapping of each address type and of the other TLVs.
CUTS = [
    ping(fec(tlv(1, SUB_TLVS[1])), tlv(15, b"\x00\x00\x00\x01")),
    ping(fec(tlv(3, SUB_TLVS[3]), tlv(1, SUB_TLVS[1]))),
    ping(fec(tlv(4, SUB_TLVS[4]))),
    ping(fec(tlv(7, SUB_TLVS[7]))),
    ping(fec(tlv(8, SUB_TLVS[8]))),
    ping(fec(tlv(10, SUB_TLVS[10]))),
    ping(tlv(2, struct.pack(">HBB", 1500, 3, 0) + MAPS[3] + INFO)),
    ping(tlv(2, struct.pack(">HBB", 1500, 2, 0) + MAPS[2] + INFO)),
    ping(tlv(5, struct.pack(">I", 9)), tlv(3, b"\x01\x02\x03")),
]
for p in CUTS:
    full = udp4(p)
    for n in range(0, len(p)):
        frames.append((full[: 14 + 20 + 8 + n], len(full)))
with open("lspping_messages.pcap", "wb") as out:
    out.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    for i, (data, wire) in enumerate(frames):
        out.write(struct.pack("<IIII", 1_700_000_000 + i, 0, len(data), wire or len(data)))
        out.write(data)
