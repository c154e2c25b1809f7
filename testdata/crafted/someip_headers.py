# Writes someip_headers.pcap: SOME/IP messages (AUTOSAR) on UDP port 30490 over IPv4, one
# per case: every message type and return code tcpdump names and unknown ones, methods and
# events, the port as source or destination, a payload after the header, payloads shorter
# than the 16-byte header (invalid), a UDP length shorter than the IP payload (tcpdump reads
# the header to the IP packet's end), DNS on the other port (its printer comes first), and
# packets the capture cuts in each field of the header.
import struct

from _inet import csum

SRC = bytes([192, 168, 88, 8])
DST = bytes([192, 168, 88, 9])


def udp4(payload, sport=31490, dport=30490, udp_length=None):
    length = 8 + len(payload) if udp_length is None else udp_length
    udp = struct.pack(">HHHH", sport, dport, length, 0) + payload
    pseudo = SRC + DST + struct.pack(">BBH", 0, 17, len(udp))
    udp = udp[:6] + struct.pack(">H", csum(pseudo + udp)) + udp[8:]
    ip = struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 1, 0, 64, 17, 0, SRC, DST)
    ip = ip[:10] + struct.pack(">H", csum(ip)) + ip[12:]
    return bytes.fromhex("0200000000020200000000010800") + ip + udp


def someip(service, method, msg_type, code, payload=b"", client=8, session=5, event=False):
    message_id = service << 16 | (0x8000 if event else 0) | method
    return struct.pack(">III4B", message_id, 8 + len(payload), client << 16 | session, 1, 1,
                       msg_type, code) + payload


TYPES = [0x00, 0x01, 0x02, 0x80, 0x81, 0x20, 0x21, 0x22, 0xA0, 0xA1, 0x03, 0xFF]
frames = [udp4(someip(1, 2, t, 0)) for t in TYPES]
frames += [udp4(someip(0xFFFF, 0x7FFF, 0x80, c, event=c % 2 == 1)) for c in range(0, 18)]
frames += [
    udp4(someip(0xFFFF, 256, 2, 0, payload=bytes(40), event=True), sport=30490, dport=31490),
    udp4(someip(0x1234, 0, 0, 0xFF, client=0xFFFF, session=0xFFFF)),
    udp4(b""),
    udp4(bytes(1)),
    udp4(bytes(15)),
    udp4(someip(1, 2, 0, 0) + b"tail", udp_length=8 + 10),
    udp4(someip(1, 2, 0, 0), sport=53),
]
frames = [(f, None) for f in frames]
FULL = udp4(someip(0x0102, 0x0304, 0x81, 0x09, payload=b"abcd"))
for n in range(0, 16):
    frames.append((FULL[: 14 + 20 + 8 + n], len(FULL)))
with open("someip_headers.pcap", "wb") as out:
    out.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    for i, (data, wire) in enumerate(frames):
        out.write(struct.pack("<IIII", 1_700_000_000 + i, 0, len(data), wire or len(data)))
        out.write(data)
