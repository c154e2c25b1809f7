# Writes ieee802154.pcap (LINKTYPE_IEEE802_15_4_WITHFCS, 195), ieee802154_nofcs.pcap
# (LINKTYPE_IEEE802_15_4_NOFCS, 230) and ieee802154_tap.pcap (LINKTYPE_IEEE802_15_4_TAP,
# 283: TAP headers with and without TLVs, a bad version, lengths under 4 and past the
# capture, cut at every byte): IEEE 802.15.4 frames as tcpdump's print-802_15_4.c reads them. Beacon, data, ack and command frames of versions 0, 1 and 2 with every
# addressing mode pair and PAN ID Compression bit (the 2015 rules and tcpdump's 6TiSCH
# case), sequence numbers suppressed, reserved addressing modes; 2-byte, 4-byte and wrong
# FCSs; the auxiliary security header at every security level and key identifier mode,
# with and without a frame counter, cut before each field and before the MIC; Header IEs
# (vendor, CSL, RIT, DSME PAN descriptors, rendezvous time, time correction, reserved
# element IDs, terminations) and Payload IEs (MLME sub-IEs short and long: channel
# hopping, TSCH synchronization, slotframes and links, timeslots; vendor, 802.15.9
# multiplexed, IETF, ESDU, list termination), encrypted payload IEs; beacons with GTS and
# pending address lists, whole and cut; every command ID with good and bad lengths;
# multipurpose frames with short and long frame controls; reserved, fragment and extended
# frame types; and frames cut at every byte by the capture.
import struct


def crc16(data):
    """tcpdump's ieee802_15_4_crc16()."""
    def rev8(y):
        y = ((y & 0xAA) >> 1) | ((y & 0x55) << 1)
        y = ((y & 0xCC) >> 2) | ((y & 0x33) << 2)
        return ((y & 0xF0) >> 4) | ((y & 0x0F) << 4)
    crc = 0
    for b in data:
        x = ((crc >> 8) ^ rev8(b)) & 0xFF
        x ^= x >> 4
        crc = ((crc << 8) ^ (x << 12) ^ (x << 5) ^ x) & 0xFFFF
    crc = ((crc & 0xAAAA) >> 1) | ((crc & 0x5555) << 1)
    crc = ((crc & 0xCCCC) >> 2) | ((crc & 0x3333) << 2)
    crc = ((crc & 0xF0F0) >> 4) | ((crc & 0x0F0F) << 4)
    return ((crc & 0xFF00) >> 8) | ((crc & 0x00FF) << 8)


def rev32(x):
    x = ((x & 0x55555555) << 1) | ((x >> 1) & 0x55555555)
    x = ((x & 0x33333333) << 2) | ((x >> 2) & 0x33333333)
    x = ((x & 0x0F0F0F0F) << 4) | ((x >> 4) & 0x0F0F0F0F)
    x &= 0xFFFFFFFF
    return ((x << 24) | ((x & 0xFF00) << 8) | ((x >> 8) & 0xFF00) | (x >> 24)) & 0xFFFFFFFF


def crc32(data):
    """tcpdump's ieee802_15_4_crc32()."""
    crc = 0
    for b in data:
        byte = rev32(b)
        for _ in range(8):
            crc = ((crc << 1) ^ 0x04C11DB7) if (crc ^ byte) & 0x80000000 else (crc << 1)
            crc &= 0xFFFFFFFF
            byte = (byte << 1) & 0xFFFFFFFF
    return rev32(crc)


def fcs16(frame):
    return frame + struct.pack("<H", crc16(frame))


def fcs32(frame):
    return frame + struct.pack("<I", crc32(frame))


def fc(ftype, dmode=2, smode=2, ver=0, sec=0, pend=0, ar=0, panc=0, seqsup=0, ie=0):
    return struct.pack("<H", ftype | sec << 3 | pend << 4 | ar << 5 | panc << 6 | seqsup << 8
                       | ie << 9 | dmode << 10 | ver << 12 | smode << 14)


SHORT = {0: b"", 2: b"\x34\x12", 3: bytes(range(0x11, 0x19))}
SRC = {0: b"", 2: b"\x78\x56", 3: bytes(range(0xA1, 0xA9))}
PAN = b"\xcd\xab"
SPAN = b"\x22\x11"


def std(ftype, body=b"", dmode=2, smode=2, ver=0, panc=1, seqsup=0, seq=7, dpan=True,
        span=None, aux=b"", ie=0, sec=0, **kw):
    out = fc(ftype, dmode, smode, ver, sec=sec, panc=panc, seqsup=seqsup, ie=ie, **kw)
    if not seqsup:
        out += bytes([seq])
    if dpan and dmode:
        out += PAN
    out += SHORT.get(dmode, b"")
    if span is None:
        span = not panc and smode
    if span:
        out += SPAN
    out += SRC.get(smode, b"")
    return out + aux + body


def hie(eid, data, length=None, type1=0):
    n = len(data) if length is None else length
    return struct.pack("<H", (n & 0x7F) | (eid & 0xFF) << 7 | type1 << 15) + data


def pie(gid, data, length=None, type1=1):
    n = len(data) if length is None else length
    return struct.pack("<H", (n & 0x3FF) | (gid & 0xF) << 11 | type1 << 15) + data


def mlme_short(sub, data, length=None):
    n = len(data) if length is None else length
    return struct.pack("<H", (n & 0xFF) | (sub & 0x7F) << 8) + data


def mlme_long(sub, data, length=None):
    n = len(data) if length is None else length
    return struct.pack("<H", (n & 0x3FF) | (sub & 0xF) << 11 | 0x8000) + data


def aux(level, mode, counter=True, source=None):
    out = bytes([level | mode << 3 | (0 if counter else 0x20)])
    if counter:
        out += b"\x01\x02\x03\x04"
    if mode == 2:
        out += b"\x11\x22\x33\x44" if source is None else source
    if mode == 3:
        out += bytes(range(0x51, 0x59)) if source is None else source
    if mode:
        out += b"\x05"
    return out


PAYLOAD = b"hello 802.15.4 payload!"
frames = []

# Data and ack frames of each version with every addressing mode pair and compression bit.
for ver in (0, 1, 2):
    for dmode in (0, 2, 3):
        for smode in (0, 2, 3):
            for panc in (0, 1):
                frames.append(fcs16(std(1, PAYLOAD[:5], dmode, smode, ver, panc, seq=dmode * 4 + smode)))
frames += [
    fcs16(fc(2) + b"\x33"),
    fcs16(fc(2, 0, 0, pend=1) + b"\x34"),
    fcs16(fc(2, 0, 0, ver=2, seqsup=1)),
    fcs32(std(1, PAYLOAD, 3, 3, 1, 0)),
    fcs32(std(1, PAYLOAD, 2, 2, 0, 1, ar=1, pend=1)),
    std(1, PAYLOAD, 2, 2, 0, 1),  # no FCS: the last bytes are taken as a wrong one
    std(1, PAYLOAD * 4, 3, 2, 0, 1) + b"\x00\x00",  # wrong FCS
    fcs16(std(1, b"", 2, 2, 0, 1)),  # empty payload
    fcs16(std(1, PAYLOAD, 2, 2, 0, 1, seqsup=1)),  # suppressed sequence in version 0
    fcs16(std(1, PAYLOAD, 2, 2, 2, 1, seqsup=1)),
    fcs16(std(1, PAYLOAD, 1, 2, 0, 1)),  # reserved destination mode
    fcs16(std(1, PAYLOAD, 2, 1, 0, 1)),  # reserved source mode
    fcs16(std(1, PAYLOAD, 1, 1, 2, 1)),
    fcs16(std(1, PAYLOAD, 3, 3, 3, 0)),  # version 3
    fcs16(fc(1)),  # frame control only, with an FCS
    fc(1) + b"\x01",
    fc(1) + b"\x01\x02",
    b"\x41",
    b"\x00\x00\x00\x00",  # a 4-byte frame whose CRC-32 matches: nothing left
    fcs16(b"\x41\x88"),  # the CRC-16 matches: 2 bytes left
]

# Frame types without a printer: reserved, fragment, extended.
frames += [fcs16(fc(t) + b"\x01" + PAYLOAD) for t in (4, 6, 7)]

# Beacons.
SF = b"\xff\xcf"  # orders 15, final CAP 15, PAN coordinator, association permit, BLE
frames += [
    fcs16(std(0, SF + b"\x00\x00" + b"beacon", 0, 2, 0, 0, span=True)),
    fcs16(std(0, b"\x12\x10" + b"\x00\x00", 0, 3, 0, 0, span=True)),
    fcs16(std(0, SF + b"\x82\x05" + b"\x01\x00\x21" + b"\x02\x00\x43" + b"\x21"
               + b"\x11\x11" + bytes(range(8)) + b"tail", 0, 2, 0, 0, span=True)),
    fcs16(std(0, SF + b"\x83\x05" + b"\x01\x00\x21", 0, 2, 0, 0, span=True)),  # GTS cut
    fcs16(std(0, SF + b"\x00" + b"\x32\x01\x00", 0, 2, 0, 0, span=True)),  # pending cut
    fcs16(std(0, SF + b"\x00", 0, 2, 0, 0, span=True)),  # no pending addresses
    fcs16(std(0, SF, 0, 2, 0, 0, span=True)),  # no GTS
    fcs16(std(0, b"\x01", 0, 2, 0, 0, span=True)),  # no superframe
    fcs16(std(0, SF + b"\x00\x00", 0, 2, 2, 0, span=True)),  # version 2: payload only
    fcs16(std(0, SF + b"\x00\x00", 2, 2, 1, 1)),
]

# Commands.
CMDS = [
    (1, b"\x8e"), (1, b"\x00"), (1, b"\x40\x00"),
    (2, b"\x01\x02\x00"), (2, b"\x01\x02\x01"), (2, b"\x01\x02\x02"), (2, b"\x01\x02\x03"),
    (2, b"\x01\x02\x80"), (2, b"\x01\x02\x7f"), (2, b"\x01\x02"),
    (3, b"\x00"), (3, b"\x01"), (3, b"\x02"), (3, b"\x09"), (3, b"\x01\x02"),
    (4, b""), (4, b"extra"), (5, b""), (6, b""), (7, b""),
    (8, b"\xcd\xab\x00\x00\x0b\x34\x12"), (8, b"\xcd\xab\x00\x00\x0b\x34\x12\x00"),
    (8, b"\xcd\xab\x00\x00\x0b\x34\x12\x81"), (8, b"\xcd\xab\x00\x00\x0b\x34"),
    (9, b"\x3f"), (9, b"\x05"), (9, b""), (9, b"\x01\x02"),
]
CMDS += [(i, b"\xde\xad") for i in range(0x0A, 0x30)]
CMDS += [(0, b"\x01"), (0x30, b"\x01"), (0xFF, b"")]
for cid, data in CMDS:
    frames.append(fcs16(std(3, bytes([cid]) + data, 2, 3, 0, 1)))
frames.append(fcs16(std(3, b"", 2, 3, 0, 1)))  # no command ID
frames.append(std(3, b"\x03\x05", 2, 3, 0, 1))  # reason read past the frame

# Security: every level and key identifier mode, frame counter suppressed, cuts.
SECURED = b"0123456789abcdef0123"
for level in range(8):
    for mode in range(4):
        frames.append(fcs16(std(1, SECURED, 2, 2, 1, 1, aux=aux(level, mode), sec=1)))
for mode in range(4):
    frames.append(fcs16(std(1, SECURED, 2, 2, 2, 1, aux=aux(5, mode, counter=False), sec=1)))
full = aux(1, 3)
for n in range(len(full)):
    frames.append(fcs16(std(1, b"", 2, 2, 1, 1, aux=full[:n], sec=1)))
full = aux(6, 2)
for n in range(len(full)):
    frames.append(fcs16(std(1, b"", 2, 2, 1, 1, aux=full[:n], sec=1)))
frames.append(fcs16(std(1, b"abc", 2, 2, 1, 1, aux=aux(3, 1), sec=1)))  # MIC cut
frames.append(fcs16(std(0, SF + b"\x00\x00" + b"mic!", 0, 2, 1, 0, span=True, aux=aux(1, 0), sec=1)))
frames.append(fcs16(std(3, b"\x07mic!", 2, 2, 1, 1, aux=aux(1, 1), sec=1)))

# Header IEs.
DSME = (b"\xff\xcf" + b"\x11" + b"\x01\x00" + bytes(8) + b"\x12"
        + b"\x01\x02\x03\x04\x05\x06" + b"\x07\x00" + b"\x03\x00\x02\x00" + b"\xaa\xbb"
        + b"\x05\x06" + b"\x07\x00" + b"\x01\x00" + b"\xcc")
DSME_X = (b"\xff\xcf" + b"\x00" + b"\x05\x1d" + b"\x01\x02\x03\x04\x05\x06" + b"\x07\x00"
          + b"\x03\x00\x01\x00" + b"\xaa" + b"\x05\x06" + b"\x07\x00" + b"\x02\x00" + b"\xcc\xdd"
          + b"\x02" + b"\x0b\x00\x0c\x00")
HEADER_IES = [
    hie(0x00, b"\x00\x12\x4b\x01\x02"), hie(0x00, b"\x00\x12"),
    hie(0x1A, b"\x01\x00\x02\x00"), hie(0x1A, b"\x01\x00\x02\x00\x03\x00"),
    hie(0x1A, b"\x01\x00\x02\x00\x03"), hie(0x1A, b"\x01\x00"),
    hie(0x1B, b"\x01\x02\x03\x00"), hie(0x1B, b"\x01"),
    hie(0x1C, DSME), hie(0x21, DSME_X), hie(0x1C, b"\x01"), hie(0x1C, b"\xff\xcf"),
    hie(0x1C, DSME[:3]), hie(0x1C, DSME[:4]), hie(0x1C, DSME[:12]), hie(0x1C, DSME[:16]),
    hie(0x1C, DSME[:21]), hie(0x1C, DSME[:24]), hie(0x1C, DSME[:28]),
    hie(0x21, DSME_X[:4]), hie(0x21, DSME_X[:29]), hie(0x21, DSME_X[:32]),
    hie(0x1C, b"\xff\xcf\x01\x00"),
    hie(0x1D, b"\x01\x00\x02\x00"), hie(0x1D, b"\x01\x00"),
    hie(0x1E, b"\x10\x00"), hie(0x1E, b"\xf0\x8f"), hie(0x1E, b"\x01\x08"), hie(0x1E, b"\x01"),
    hie(0x22, b"\x01\x02"), hie(0x2A, b""), hie(0x05, b"\x01"), hie(0x40, b"\x99"),
]
for h in HEADER_IES:
    frames.append(fcs16(std(1, h + hie(0x7F, b"") + b"data", 2, 2, 2, 1, ie=1)))
frames.append(fcs16(std(1, b"".join(HEADER_IES[:6]) + b"no termination", 2, 2, 2, 1, ie=1)))
frames.append(fcs16(std(1, hie(0x12, b"\x01", type1=1) + hie(0x7F, b""), 2, 2, 2, 1, ie=1)))
frames.append(fcs16(std(1, hie(0x1A, b"\x01\x00\x02\x00", length=9), 2, 2, 2, 1, ie=1)))
frames.append(fcs16(std(1, hie(0x1A, b"\x01\x00\x02\x00") + b"\x01", 2, 2, 2, 1, ie=1)))
frames.append(fcs16(std(1, b"", 2, 2, 2, 1, ie=1)))

# Payload IEs after a Header Termination 1 IE.
HOP = b"\x01" + b"\x00" + b"\x03\x00" + b"\x01\x02\x03\x04" + b"\x02\x00" + b"\x0b\x00\x0c\x00" + b"\x05\x00"
HOP9 = b"\x01" + b"\x09" + b"\x0a\x00" + b"\x01\x02\x03\x04" + b"\xff\x03" + b"\x01\x00" + b"\x0b\x00" + b"\x05\x00"
SLOTS = b"\x02" + b"\x00\x65\x00\x02" + b"\x00\x00\x01\x00\x0f" + b"\x05\x00\x02\x00\x10" + b"\x01\x07\x00\x01" + b"\x03\x00\x04\x00\x03"
TIMESLOT25 = b"\x01" + bytes(range(2, 26))
TIMESLOT27 = b"\x01" + bytes(range(2, 28))
MLME = [
    mlme_short(0x1A, b"\x01\x02\x03\x04\x05\x06"), mlme_short(0x1A, b"\x01\x02\x03\x04\x05"),
    mlme_short(0x1B, SLOTS), mlme_short(0x1B, SLOTS[:8]), mlme_short(0x1B, SLOTS[:3]),
    mlme_short(0x1B, b""), mlme_short(0x1C, b"\x07"), mlme_short(0x1C, TIMESLOT25),
    mlme_short(0x1C, TIMESLOT27), mlme_short(0x1C, b"\x01\x02"), mlme_short(0x1D, b"\x01\x02"),
    mlme_short(0x05, b"\x09"), mlme_long(0x08, b"\x00\x12\x4b\x01"), mlme_long(0x08, b"\x00"),
    mlme_long(0x09, b"\x01"), mlme_long(0x09, b""), mlme_long(0x09, HOP), mlme_long(0x09, HOP9),
    mlme_long(0x09, HOP[:5]), mlme_long(0x09, HOP[:9]), mlme_long(0x09, HOP[:12]),
    mlme_long(0x09, HOP[:15]), mlme_long(0x09, HOP9[:9]), mlme_long(0x02, b"\x01"),
]
MPX = [b"\x08\x34\x12" + b"up", b"\x08\x34", b"\x09" + b"up", b"\x0a\x00\x20\x00\x34\x12" + b"up",
       b"\x0a\x00\x20", b"\x0a\x01" + b"up", b"\x0c\x02" + b"up", b"\x0a", b"\x0e", b"\x0e\x00\x01",
       b"\x0e\x01\x02\x03\x04", b"\x0b" + b"up", b"\x0d", b"\x0f\x01"]
PAYLOAD_IES = [pie(1, m) for m in MLME]
PAYLOAD_IES += [pie(1, b"".join(MLME[:3])), pie(1, b"\x01"), pie(1, mlme_short(0x1A, b"\x01", length=5))]
PAYLOAD_IES += [pie(2, b"\x00\x12\x4b\x01\x02"), pie(2, b"\x00")]
PAYLOAD_IES += [pie(3, m) for m in MPX]
PAYLOAD_IES += [pie(5, b"\x01\x02\x03"), pie(5, b"\x01"), pie(0, b"esdu"), pie(4, b""), pie(9, b"\x01"),
                pie(1, b"\x01\x02", type1=0)]
for p in PAYLOAD_IES:
    frames.append(fcs16(std(1, hie(0x7E, b"") + p + pie(0xF, b"") + b"data", 2, 2, 2, 1, ie=1)))
frames.append(fcs16(std(1, hie(0x7E, b"") + b"".join(PAYLOAD_IES[:5]), 2, 2, 2, 1, ie=1)))
frames.append(fcs16(std(1, hie(0x7E, b"") + pie(1, b"\x01\x02", length=9), 2, 2, 2, 1, ie=1)))
frames.append(fcs16(std(1, hie(0x7E, b"") + b"\x01", 2, 2, 2, 1, ie=1)))
frames.append(fcs16(std(1, hie(0x7E, b"") + pie(0, b"x") + b"data", 2, 2, 2, 1, ie=1,
                        aux=aux(5, 1), sec=1) + b"MIC!"))
frames.append(fcs16(std(1, hie(0x7E, b"") + pie(0, b"x") + pie(0xF, b"") + b"data", 2, 2, 2, 1,
                        ie=1, aux=aux(1, 1), sec=1) + b"MIC!"))
frames.append(fcs16(std(0, hie(0x7E, b"") + pie(1, MLME[0]) + pie(0xF, b"") + b"eb", 0, 3, 2, 0, ie=1,
                        span=False)))

# Multipurpose frames: short frame control (1 byte and the sequence number), long one.
def mp_short(dmode, smode, seq=9):
    return bytes([5 | dmode << 4 | smode << 6, seq])


def mp_long(dmode=2, smode=2, ver=0, pan=1, sec=0, seqsup=0, ie=0, pend=0, ar=0):
    return struct.pack("<H", 5 | 8 | dmode << 4 | smode << 6 | pan << 8 | sec << 9 | seqsup << 10
                       | pend << 11 | ver << 12 | ar << 14 | ie << 15)


for dmode in (0, 2, 3, 1):
    for smode in (0, 2, 3, 1):
        frames.append(fcs16(mp_short(dmode, smode) + SHORT.get(dmode, b"") + SRC.get(smode, b"") + b"mp"))
frames += [
    fcs16(mp_long() + b"\x0a" + PAN + SHORT[2] + SRC[2] + b"mp long"),
    fcs32(mp_long(3, 3, 1, 0, ar=1, pend=1) + b"\x0b" + SHORT[3] + SRC[3] + b"mp long"),
    fcs16(mp_long(2, 0, seqsup=1) + PAN + SHORT[2] + b"seq suppressed"),
    fcs16(mp_long(2, 2, sec=1) + b"\x0c" + PAN + SHORT[2] + SRC[2] + aux(2, 1) + b"secured12345678"),
    fcs16(mp_long(2, 2, ie=1) + b"\x0d" + PAN + SHORT[2] + SRC[2] + hie(0x7E, b"") + pie(0, b"e") + b"x"),
    fcs16(mp_long(1, 2)), fcs16(mp_long(2, 1) + b"\x01"),
    fcs16(mp_long(2, 2) + b"\x0e"),
    mp_long(2, 2) + b"\x0e" + PAN + b"\x34",
    b"\x05\x01", b"\x05\x01\x02",
    fcs16(b"\x05"), fcs16(b"\x05\x01"),  # the CRC-16 leaves 1 and 2 bytes
    fcs32(b"\x25\x02\x03"),
]

records = [(f, len(f)) for f in frames]
# Cut by the capture at every byte.
CUTS = [
    fcs16(std(1, PAYLOAD[:6], 3, 3, 1, 0)),
    fcs16(std(0, SF + b"\x81\x05" + b"\x01\x00\x21" + b"\x11" + b"\x11\x11" + bytes(range(8)), 0, 2, 0, 0, span=True)),
    fcs16(std(3, b"\x08\xcd\xab\x00\x00\x0b\x34\x12\x00", 2, 3, 0, 1)),
    fcs16(std(1, hie(0x1A, b"\x01\x00\x02\x00") + hie(0x7E, b"") + pie(1, MLME[0]) + pie(0xF, b"") + b"xy",
              2, 3, 2, 1, ie=1, aux=aux(1, 2), sec=1) + b"MIC!"),
    fcs16(mp_long(2, 2, sec=1, ie=1) + b"\x0c" + PAN + SHORT[2] + SRC[2] + aux(0, 3) + hie(0x7F, b"") + b"mp"),
]
for full in CUTS:
    records += [(full[:n], len(full)) for n in range(1, len(full))]


def write(name, linktype, records):
    with open(name, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, linktype))
        for i, (data, wire) in enumerate(records):
            f.write(struct.pack("<IIII", 1_700_000_000 + i, 1000 * i, len(data), wire))
            f.write(data)


write("ieee802154.pcap", 195, records)
# The link type without FCS: tcpdump looks for one all the same.
write("ieee802154_nofcs.pcap", 230, [(f, len(f)) for f in frames[:20] + frames[-20:]])


def tap(frame, tlvs=b"", version=0, length=None):
    n = 4 + len(tlvs) if length is None else length
    return bytes([version, 0]) + struct.pack("<H", n) + tlvs + frame


TLVS = struct.pack("<HH", 0, 1) + b"\x01\x00\x00\x00" + struct.pack("<HH", 3, 3) + b"\x0b\x00\x00\x00"
TAPS = [tap(f) for f in frames[:60:3]] + [tap(f, TLVS) for f in frames[100:400:10]]
TAPS += [
    tap(b""), tap(b"\x41"), tap(frames[0], version=1), tap(frames[0], length=3),
    tap(frames[0], length=0), tap(frames[0], length=200), tap(frames[0], TLVS, length=8),
]
tap_records = [(f, len(f)) for f in TAPS]
for full in (tap(CUTS[0], TLVS), tap(CUTS[3])):
    tap_records += [(full[:n], len(full)) for n in range(1, len(full))]
write("ieee802154_tap.pcap", 283, tap_records)
