# Writes stp_cuts.pcap: spanning-tree BPDUs (802.1D configuration and TCN, 802.1w RST,
# 802.1s MST with two MSTIs, 802.1aq SPB) cut by the capture at every byte, as tcpdump's
# stp_print() reads them field by field and stops with [|stp] at the first one not captured
# (the 802.3 length says the whole BPDU). Then the checks against the length on the wire
# (the 802.3 length short of each type's length: (invalid)), a version 1 length not 0, a
# version 3 length longer than the BPDU, SPB version 4 lengths too long and too short, MST
# configuration names ending in a NUL before the cut and not, a version 3 length announcing
# part of an MSTI, unknown versions, types and protocol identifiers cut short, a
# configuration BPDU of versions 2 and 3 and an RST type of version 0, and PVST+ (SNAP)
# BPDUs cut short.
import struct

from _inet import write_pcap

DST = bytes.fromhex("0180c2000000")
SRC = bytes.fromhex("00005e005301")


def bridge(priority, last):
    return struct.pack(">H", priority) + bytes.fromhex("00005e0053") + bytes([last])


def common(version, kind, flags=0x3C, v1=None):
    body = struct.pack(">HBBB", 0, version, kind, flags)
    body += bridge(0x8000, 1) + struct.pack(">I", 20000) + bridge(0x8001, 2)
    body += struct.pack(">HHHHH", 0x8002, 256, 20 * 256, 2 * 256 + 32, 15 * 256)
    return body if v1 is None else body + bytes([v1])


def mst_part(msti_count=2, name=b"region-one", v3=None, extra=b""):
    mstis = b""
    for i in range(msti_count):
        mstis += bytes([0x7C - i]) + bridge(0x8000 | (i + 1), 3 + i) + struct.pack(">I", 2000 * (i + 1))
        mstis += bytes([0x80, 0x90, 20 - i])
    body = bytes([0]) + name.ljust(32, b"\0") + struct.pack(">H", 7) + bytes(range(16))
    body += struct.pack(">I", 300) + bridge(0x8000, 9) + bytes([19]) + mstis + extra
    length = 64 + len(mstis) + len(extra) if v3 is None else v3
    return struct.pack(">H", length) + body


def spb_part(v4=None):
    body = bytes([0]) + b"aux-name".ljust(32, b"\0") + struct.pack(">H", 3) + bytes(range(16, 32))
    body += bytes([0xDC, 0, 0x12, 0x34]) + struct.pack(">H", 5) + bytes(8) + bytes(range(40, 60))
    return struct.pack(">H", 85 if v4 is None else v4) + body


CONFIG = common(0, 0x00)[:35]
TCN = struct.pack(">HBB", 0, 0, 0x80)
RSTP = common(2, 0x02, v1=0)
MSTP = common(3, 0x02, v1=0) + mst_part()
SPB = common(4, 0x02, 0x7E, v1=0) + mst_part(1) + spb_part()


def llc_frame(bpdu, dot3=None):
    llc = bytes.fromhex("424203") + bpdu
    return DST + SRC + struct.pack(">H", len(llc) if dot3 is None else dot3) + llc


def cuts(bpdu, frame=llc_frame):
    whole = frame(bpdu)
    head = len(whole) - len(bpdu)
    return [(whole[: head + n], len(whole)) for n in range(len(bpdu))]


frames = []
for bpdu in (CONFIG, TCN, RSTP, MSTP, SPB):
    frames.append((llc_frame(bpdu), None))
    frames += cuts(bpdu)
# Shorter on the wire (the 802.3 length) than each type needs.
for bpdu, short in ((CONFIG, 34), (RSTP, 35), (MSTP, 101), (TCN, 3), (SPB, 101)):
    frames.append((llc_frame(bpdu[:short]), None))
    frames.append((llc_frame(bpdu[:short])[: 17 + 2], 17 + short))
frames.append((llc_frame(b""), None))
# A version 1 length not 0; a version 3 length longer than the BPDU; SPB's version 4
# length too long, and too short (under 87 - 2), cut by the capture or not.
bad_v1 = MSTP[:35] + b"\x01" + MSTP[36:]
long_v3 = common(3, 0x02, v1=0) + mst_part(v3=200)
long_v4 = common(4, 0x02, v1=0) + mst_part(1) + spb_part(200)
short_v4 = common(4, 0x02, v1=0) + mst_part(1) + spb_part(84)
for bpdu in (bad_v1, long_v3, long_v4, short_v4):
    frames.append((llc_frame(bpdu), None))
    frames.append((llc_frame(bpdu)[:17 + 36], 17 + len(bpdu)))
for n in (140, 150, 158):
    frames.append((llc_frame(long_v4)[: 17 + n], 17 + len(long_v4)))
    frames.append((llc_frame(short_v4)[: 17 + n], 17 + len(short_v4)))
# MST names: a NUL inside the captured bytes then a cut; a full 32-byte name cut.
for name in (b"ab", b"N" * 32):
    bpdu = common(3, 0x02, v1=0) + mst_part(0, name)
    for n in (39, 40, 41, 42, 60, 71, 72):
        frames.append((llc_frame(bpdu)[: 17 + n], 17 + len(bpdu)))
    frames.append((llc_frame(bpdu), None))
# A version 3 length announcing an MSTI and a half (the half is not read), cut or not.
half = common(3, 0x02, v1=0) + mst_part(1, v3=64 + 24, extra=bytes(8))
frames.append((llc_frame(half), None))
frames.append((llc_frame(half)[: 17 + 120], 17 + len(half)))
# Unknown versions, types and protocol identifiers, whole and cut.
for bpdu in (
    common(1, 0x00),
    common(5, 0x02, v1=0),
    common(0, 0x01),
    common(2, 0x7F, v1=0),
    b"\x00\x01" + common(0, 0)[2:],
):
    frames.append((llc_frame(bpdu), None))
    frames += cuts(bpdu[:5])
# Configuration BPDUs of versions 2 and 3, an RST type of version 0, whole and cut.
for bpdu in (common(2, 0x00)[:35], common(3, 0x00)[:35], common(0, 0x02, v1=0)):
    frames.append((llc_frame(bpdu), None))
    for n in (4, 5, 26, 27, 34):
        frames.append((llc_frame(bpdu)[: 17 + n], 17 + len(bpdu)))


def pvst(bpdu):
    snap = bytes.fromhex("aaaa03 00000c 010b") + bpdu
    return bytes.fromhex("01000ccccccd") + SRC + struct.pack(">H", len(snap)) + snap


frames.append((pvst(RSTP + bytes.fromhex("0000 0002 0005")), None))
for n in (0, 2, 3, 4, 5, 20, 30, 35):
    frames.append((pvst(RSTP)[: 22 + n], 22 + len(RSTP)))
write_pcap("stp_cuts.pcap", frames)
