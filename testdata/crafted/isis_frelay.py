# Writes isis_frelay.pcap (link type FRELAY): IS-IS PDUs in Frame Relay with the NLPID
# 0x83 (RFC 2427), with and without the pad byte, with a control byte other than UI,
# and cut by the capture inside the IS-IS header and a TLV.
import struct


def tlv(kind, value):
    return bytes([kind, len(value)]) + value


def iih(tlvs):
    body = b"".join(tlvs)
    length = 27 + len(body)
    return (bytes([0x83, 27, 1, 0, 16, 1, 0, 0, 3]) + bytes.fromhex("fed0f90f58af") + struct.pack(">HH", 30, length)
            + b"\x40" + bytes.fromhex("010500880201") + b"\x01" + b"".join(tlvs))


PDU = iih([tlv(1, bytes.fromhex("0349000a")), tlv(137, b"frelay"), tlv(129, b"\xcc\x8e")])
frames = [
    (bytes.fromhex("0401") + b"\x03" + PDU, None),
    (bytes.fromhex("0401") + b"\x03\x00" + PDU, None),
    (bytes.fromhex("fc01") + b"\x22" + PDU, None),
]
F = bytes.fromhex("0401") + b"\x03" + PDU
frames += [(F[:12], len(F)), (F[:3 + 27 + 8], len(F))]
with open("isis_frelay.pcap", "wb") as out:
    out.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 107))
    for i, (data, wire) in enumerate(frames):
        out.write(struct.pack("<IIII", 1_700_000_000 + i, 0, len(data), wire or len(data)))
        out.write(data)
