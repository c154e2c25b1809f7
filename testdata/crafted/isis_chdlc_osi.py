# Writes isis_chdlc_osi.pcap (link type C_HDLC): Cisco HDLC frames of protocol 0xfefe
# (OSI) with an NLPID tcpdump does not know (its bytes dumped), the null network layer
# (0x00), an unknown NLPID of one byte, an IS-IS hello after Cisco's "fudge" byte, and two
# frames cut by the capture before the byte after the NLPID (tcpdump's read of it fails).
import struct


def chdlc(payload):
    return b"\x0f\x00\xfe\xfe" + payload


IIH = bytes([0x83, 27, 1, 0, 15, 1, 0, 0, 1]) + bytes.fromhex("0000000000aa") + struct.pack(">HH", 9, 29)
IIH += b"\x40" + bytes.fromhex("0000000000aa01") + bytes([8, 0])
frames = [
    (chdlc(bytes.fromhex("fe7f4a0100660002") + bytes(24)), 0),
    (chdlc(b"\x00\x01\x02\x03"), 0),
    (chdlc(b"\x42"), 0),
    (chdlc(b"\xfe" + IIH), 0),
    (chdlc(b"\x42"), 40),
    (chdlc(b""), 40),
]
with open("isis_chdlc_osi.pcap", "wb") as out:
    out.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 104))
    for i, (data, wire) in enumerate(frames):
        out.write(struct.pack("<IIII", 1_700_000_000 + i, 0, len(data), wire or len(data)))
        out.write(data)
