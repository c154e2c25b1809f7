# Writes cfm_pdus.pcap: IEEE 802.1ag CFM PDUs (EtherType 0x8902, and 0xabcd) for tcpdump's
# cfm_print(): other versions, lengths under the common header, every OpCode (CCM with every
# interval, RDI, every MD and MA name format, names too long; LTM and LTR with their flags
# and relay actions; LBM, LBR and unknown OpCodes dumped up to the TLVs), First TLV Offsets
# too small and too large, every TLV type (Sender ID with every chassis ID subtype, network
# addresses of each family and bad lengths, management domain and address, and each length
# that runs out; Port and Interface Status; Organization-Specific; unknown), TLV headers and
# values longer than the PDU, an 802.1Q tag, padding, and PDUs cut by the capture at every
# byte.
import struct

DST = bytes.fromhex("0180c2000037")
SRC = bytes.fromhex("001b21a0b1c2")
MAC1 = bytes.fromhex("0a1b2c3d4e5f")
MAC2 = bytes.fromhex("f0e0d0c0b0a0")


def frame(pdu, pad=False, vlan=False, ethertype=0x8902):
    tag = bytes.fromhex("8100a00a") if vlan else b""
    data = DST + SRC + tag + struct.pack(">H", ethertype) + pdu
    return data + bytes(max(0, 60 - len(data))) if pad else data


def header(opcode, first, flags=0, level=7, version=0):
    return bytes([(level << 5) | version, opcode, flags, first])


def tlv(kind, value, length=None):
    n = len(value) if length is None else length
    return struct.pack(">BH", kind, n) + value


END = b"\0"


def names(md_format=4, md=b"example.org", ma_format=2, ma=b"ma-1", md_length=None, ma_length=None):
    if md_format == 1:
        body = bytes([1])
    else:
        body = bytes([md_format, len(md) if md_length is None else md_length]) + md
    body += bytes([ma_format, len(ma) if ma_length is None else ma_length]) + ma
    return body + bytes(48 - len(body))


def ccm(flags=0x04, seq=0x12345678, mep=0x01F4, nm=None, first=70, tlvs=END):
    message = struct.pack(">IH", seq, mep) + (names() if nm is None else nm) + bytes(16)
    return header(1, first, flags) + message + bytes(first - 70) + tlvs


def ltm(flags=0x80, ttl=64, first=17, tlvs=END):
    message = struct.pack(">IB", 0xCAFE0001, ttl) + MAC1 + MAC2
    return header(5, first, flags) + message + bytes(max(0, first - 17)) + tlvs


def ltr(flags=0xE0, action=1, first=6, tlvs=END):
    message = struct.pack(">IBB", 0xCAFE0001, 63, action)
    return header(4, first, flags) + message + bytes(max(0, first - 6)) + tlvs


def lb(opcode=3, first=4, tlvs=END, extra=b""):
    return header(opcode, first) + struct.pack(">I", 0xB0B0) + extra + tlvs


def sender(chassis=b"", chassis_type=None, rest=b"", length=None):
    value = bytes([len(chassis)]) if chassis_type is None else bytes([len(chassis), chassis_type])
    return tlv(1, value + chassis + rest, length)


def mgmt(domain=b"\x06\x08\x2b\x06\x01\x06\x01\x01", address=b"\xc0\x00\x02\x01\x00\xa1"):
    return bytes([len(domain)]) + domain + bytes([len(address)]) + address


IPV4 = bytes([1, 192, 0, 2, 7])
IPV6 = bytes([2]) + bytes.fromhex("20010db8000000000000000000000001")

SENDER_IDS = [
    sender(),
    sender(rest=mgmt()),
    sender(MAC1, 4),
    sender(MAC1 + b"\0", 4),
    sender(IPV4, 5),
    sender(IPV4 + b"\0", 5),
    sender(IPV6, 5),
    sender(IPV6[:-1], 5),
    sender(bytes([25, 1, 2]), 5),
    sender(bytes([196]), 5),
    sender(bytes([6, 1, 2, 3, 4, 5, 6]), 5),
    sender(b"chassis\x01\xe9", 1),
    sender(b"ifalias", 2),
    sender(b"port", 3),
    sender(b"eth0\0junk", 6),
    sender(b"local", 7),
    sender(b"\x01\x02\x03", 0),
    sender(b"\x01\x02\x03", 8),
    sender(MAC1, 4, mgmt()),
    sender(b"sw1", 7, mgmt(b"\x01", b"\x02\x03\x04")),
    sender(b"sw1", 7, mgmt(b"", b"")[:1]),
    sender(b"sw1", 7, b"\x00" + b"trailing"),
    sender(b"sw1", 7, mgmt(address=b"")),
    sender(b"sw1", 7, mgmt(address=b"") + b"xyz"),
    sender(b"sw1", 7, b"\x04abcd"),
    sender(b"sw1", 7, b"\x05abcd"),
    sender(b"sw1", 7, b"\x02ab\x05abc"),
    sender(b"sw1", 7, b"\x02ab\x05abc") + tlv(2, b"\x02"),
    sender(b"", None, b"", length=0),
    tlv(1, b"\x05"),
    tlv(1, b"\x05\x07ab"),
    tlv(1, b"\x05\x07ab") + tlv(3, b"\x01"),
    tlv(1, b"\x00"),
]

OTHER_TLVS = [
    tlv(2, b"\x00"),
    tlv(2, b"\x01"),
    tlv(2, b"\x02\xff"),
    tlv(2, b"\x03"),
    tlv(2, b""),
    *[tlv(3, bytes([status])) for status in range(0, 9)],
    tlv(3, b""),
    tlv(4, b"data bytes of the loopback message!"),
    tlv(5, bytes([1]) + MAC1 + b"\x03\x07port-42"),
    tlv(6, bytes([2]) + MAC2),
    tlv(31, bytes.fromhex("00000c") + b"\x01" + b"cisco"),
    tlv(31, bytes.fromhex("0080c2") + b"\x07"),
    tlv(31, bytes.fromhex("123456") + b"\x09\xaa"),
    tlv(31, b"\x00\x00\x0c"),
    tlv(7, b"\x01\x02"),
    tlv(0xFF, b""),
]

packets = [
    # Versions and lengths.
    frame(header(1, 70, version=1) + bytes(8)),
    frame(header(3, 4, version=31)),
    frame(b""),
    frame(b"\x00\x03"),
    frame(b"\x00\x03\x00"),
    frame(header(3, 0)),
    frame(header(3, 1)),
    frame(header(0, 0) + END),
    frame(header(6, 4) + bytes(4) + END),
    frame(header(0x40, 8) + bytes(range(40)) + END),
    frame(header(0xFF, 0) + END),
    # CCM intervals, RDI, sequence and end point.
    *[frame(ccm(flags=interval | rdi)) for interval in range(8) for rdi in (0, 0x80)],
    frame(ccm(flags=0x7F, seq=0xFFFFFFFF, mep=0x1FFF)),
    # CCM names.
    frame(ccm(nm=names(1, b"", 2, b"no md name"))),
    frame(ccm(nm=names(0, b"\x01\x02\x03", 0, b"\x04\x05"))),
    frame(ccm(nm=names(2, b"dns.example\0tail", 1, b"\x00\x64"))),
    frame(ccm(nm=names(3, MAC1 + b"\x00\x01", 3, b"\x00\x10"))),
    frame(ccm(nm=names(3, MAC1, 4, b"\x01\x02\x03\x04\x05\x06\x07"))),
    frame(ccm(nm=names(4, b"ctl\x01\x7f\xe9!", 2, b"abc\0def"))),
    frame(ccm(nm=names(5, b"odd", 5, b"odd2"))),
    frame(ccm(nm=names(4, b"x" * 43, 2, b"y"))),
    frame(ccm(nm=names(4, b"x" * 44, 2, b""))),
    frame(ccm(nm=names(4, b"x" * 42, 2, b"yy"))),
    frame(ccm(nm=names(4, b"x" * 42, 2, b"y", ma_length=3))),
    frame(ccm(nm=names(1, b"", 2, b"z" * 45))),
    frame(ccm(nm=names(1, b"", 2, b"z" * 44, ma_length=46))),
    frame(ccm(nm=names(4, b"", 2, b""))),
    frame(ccm(nm=names(4, b"md", 2, b"m" * 42))),
    frame(ccm(nm=names(4, b"md", 2, b"m" * 42, ma_length=43))),
    frame(ccm(nm=names(4, b"md", 2, b"m" * 42, ma_length=255)), pad=True),
    # CCM First TLV Offsets.
    frame(ccm(first=74, tlvs=tlv(2, b"\x02") + tlv(3, b"\x01") + END)),
    frame(header(1, 69, 4) + bytes(80)),
    frame(header(1, 0, 4) + bytes(80)),
    frame(header(1, 71, 4) + bytes(70)),
    frame(header(1, 70, 4) + bytes(70)),
    frame(header(1, 70, 4) + bytes(69)),
    # LTM and LTR.
    *[frame(ltm(flags=f)) for f in (0, 0x80, 0x7F, 0xFF)],
    frame(ltm(ttl=0, first=20, tlvs=tlv(7, b"\x01") + END)),
    frame(header(5, 16, 0x80) + bytes(40)),
    frame(header(5, 17, 0x80) + bytes(16)),
    frame(header(5, 17, 0x80) + bytes(17)),
    *[frame(ltr(flags=f)) for f in (0, 0x20, 0x40, 0x80, 0x1F, 0xFF)],
    *[frame(ltr(action=a)) for a in range(5)],
    frame(ltr(action=0xFF, first=10)),
    frame(header(4, 5, 0xE0) + bytes(20)),
    frame(header(4, 6, 0xE0) + bytes(5)),
    # Loopback and unknown OpCodes: the dump.
    frame(lb(3)),
    frame(lb(2, tlvs=tlv(4, b"payload") + END)),
    frame(lb(3, first=8, extra=bytes(4), tlvs=tlv(4, b"x" * 20) + END)),
    frame(lb(3, first=0, tlvs=END)),
    frame(lb(2, first=5, tlvs=END)),
    frame(lb(3), pad=True),
    frame(lb(3, tlvs=b""), pad=True),
    frame(header(3, 4) + bytes(4)),
    # Sender ID TLVs (after an LBM), each alone and then followed by an End.
    *[frame(lb(3, tlvs=t + END)) for t in SENDER_IDS],
    *[frame(lb(3, tlvs=t)) for t in SENDER_IDS[:6]],
    # The other TLVs.
    *[frame(lb(3, tlvs=t + END)) for t in OTHER_TLVS],
    frame(lb(2, tlvs=b"".join(OTHER_TLVS) + END)),
    frame(lb(2, tlvs=b"".join(OTHER_TLVS[:6]))),
    # TLV headers and values longer than the PDU.
    frame(lb(3, tlvs=b"\x02")),
    frame(lb(3, tlvs=b"\x02\x00")),
    frame(lb(3, tlvs=tlv(4, b"abc", length=4))),
    frame(lb(3, tlvs=tlv(4, b"abc", length=0xFFFF))),
    frame(lb(3, tlvs=tlv(4, b"") + b"\x04")),
    frame(lb(3, tlvs=tlv(4, b"abc", length=10)), pad=True),
    # Tags, the old EtherType, padding after an End.
    frame(ccm(), vlan=True),
    frame(ccm(), ethertype=0xABCD),
    frame(lb(2), ethertype=0xABCD, vlan=True),
    frame(ltr(), pad=True),
]

# Cuts: (frame, captured length) at every byte of each PDU.
cuts = []
for pdu in (
    ccm(tlvs=tlv(2, b"\x02") + END),
    ltm(tlvs=tlv(31, bytes.fromhex("00000c") + b"\x01ab") + END),
    ltr(tlvs=tlv(3, b"\x01") + END),
    lb(3, tlvs=sender(b"sw1", 7, mgmt()) + tlv(4, b"abcd") + END),
    lb(3, tlvs=sender(IPV6, 5) + END),
    ccm(nm=names(3, MAC1, 0, b"\x01\x02\x03")),
):
    data = frame(pdu)
    cuts += [(data, n) for n in range(14, len(data))]

with open("cfm_pdus.pcap", "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    records = [(data, len(data)) for data in packets] + cuts
    for i, (data, n) in enumerate(records):
        f.write(struct.pack("<IIII", 1_700_000_000 + i, 0, n, len(data)))
        f.write(data[:n])
