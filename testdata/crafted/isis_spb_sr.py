# Writes isis_spb_sr.pcap: IS-IS PDUs over Ethernet/LLC carrying the shortest path
# bridging TLVs (RFC 6165, RFC 6329) and the segment routing sub-TLVs tcpdump prints:
# the multi-topology-aware port capability (143) with MCID, digest, B-VID and unknown
# sub-TLVs, sub-TLVs too short or longer than the TLV; the multi-topology capability (144)
# with SPB instances (with and without VLAN tuples, a tuple cut short) and SPBM service
# identifiers; the SPB metric and LAN adjacency SID (label, index, V and L disagreeing, a
# label past the capture) sub-TLVs of extended IS reachability (22); and PDUs the capture
# cuts inside those TLVs.
import struct

SYS = bytes.fromhex("888888888888")
NEIGH = bytes.fromhex("222222222222")


def tlv(kind, value):
    return bytes([kind, len(value)]) + value


def frame(pdu):
    llc = b"\xfe\xfe\x03" + pdu
    return bytes.fromhex("0180c2000014") + bytes.fromhex("020000000001") + struct.pack(">H", len(llc)) + llc


def p2p_iih(tlvs):
    body = b"".join(tlvs)
    length = 20 + len(body)
    return bytes([0x83, 20, 1, 0, 17, 1, 0, 0]) + b"\x01" + SYS + struct.pack(">HHB", 30, length, 3) + body


def lsp(tlvs):
    body = b"".join(tlvs)
    length = 27 + len(body)
    header = bytes([0x83, 27, 1, 0, 20, 1, 0, 0]) + struct.pack(">HH", length, 1200)
    return header + SYS + b"\x00\x00" + struct.pack(">IHB", 7, 0, 3) + body


def mcid(fmt, name, lvl, digest):
    return bytes([fmt]) + name.ljust(32, b"\0") + struct.pack(">H", lvl) + digest


DIGEST = bytes(range(0xA0, 0xB0))
MCIDS = mcid(0, b"IEEE802.1 SPB Default", 0, DIGEST) + mcid(1, b"aux\x01\x80name", 7, DIGEST[::-1])
SPB_DIGEST = b"\xb7" + bytes(range(32))
BVIDS = struct.pack(">IH", 0x0080C201, 0x0648) + struct.pack(">IH", 0x0080C202, 0x0654)


def port_cap(word, subs):
    return tlv(143, struct.pack(">H", word) + b"".join(subs))


def instance(trees, tuples, extra=b""):
    v = struct.pack(">IIIH", 0x80000000, 0x0000AB01, 0x10, 4096) + struct.pack(">I", 0x0013000D)
    return v + bytes([trees]) + tuples + extra


TUPLE = bytes([0xE5]) + struct.pack(">I", 0x0080C201) + bytes.fromhex("0650c9")
SI = bytes.fromhex("00005e0053000fa1") + struct.pack(">II", 0xC1000100, 0x40FFFFFF)


def ext_is(subs):
    s = b"".join(subs)
    return NEIGH + b"\x01" + struct.pack(">I", 10)[1:] + bytes([len(s)]) + s


pdus = [
    p2p_iih([port_cap(0x1000, [tlv(4, MCIDS), tlv(5, SPB_DIGEST), tlv(6, BVIDS), tlv(9, b"xy")])]),
    p2p_iih([port_cap(0x0002, [tlv(4, MCIDS[:101])])]),
    p2p_iih([port_cap(0x0002, [tlv(5, SPB_DIGEST[:32])])]),
    p2p_iih([port_cap(0x0002, [tlv(6, BVIDS[:3])])]),
    p2p_iih([port_cap(0x0002, [tlv(6, BVIDS[:5])])]),
    p2p_iih([port_cap(0x0002, [b"\x05\x30" + bytes(4)]), tlv(8, b"")]),
    p2p_iih([port_cap(0x0002, [b"\x04"]), tlv(143, b"\x00"), tlv(143, b"")]),
    lsp([tlv(144, struct.pack(">H", 0xB00A) + tlv(1, instance(2, TUPLE + TUPLE)) + tlv(3, SI) + tlv(7, b"z"))]),
    lsp([tlv(144, struct.pack(">H", 0x0001) + tlv(1, instance(0, b"")))]),
    lsp([tlv(144, struct.pack(">H", 0x0001) + tlv(1, instance(2, TUPLE))), tlv(8, b"")]),
    lsp([tlv(144, struct.pack(">H", 0x0001) + tlv(1, instance(0, b"")[:18]))]),
    lsp([tlv(144, struct.pack(">H", 0x0001) + tlv(3, SI[:7]))]),
    lsp([tlv(144, struct.pack(">H", 0x0001) + b"\x01\x40" + bytes(3)), tlv(144, b"\x80")]),
    lsp([tlv(22, ext_is([tlv(29, bytes.fromhex("004e20020006")), tlv(29, b"\x01\x02")]))]),
    lsp([tlv(22, ext_is([tlv(32, bytes.fromhex("30000192016800020000120f"))]))]),
    lsp([tlv(22, ext_is([tlv(32, bytes.fromhex("c4050192016800020000abcd"))]))]),
    lsp([tlv(22, ext_is([tlv(32, bytes.fromhex("20010192016800020000"))]))]),
    lsp([tlv(22, ext_is([tlv(32, bytes.fromhex("3001019201680002")), tlv(32, b"\x30")]))]),
]
frames = [(frame(p), None) for p in pdus]
# Cut by the capture inside the port capability's MCID, and a LAN adjacency SID whose
# label tcpdump reads past the sub-TLV and the capture.
f = frame(pdus[0])
for n in (14 + 3 + 20 + 3, 14 + 3 + 20 + 60):
    frames.append((f[:n], len(f)))
f = frame(lsp([tlv(22, ext_is([tlv(32, bytes.fromhex("3000019201680002"))]))]))
frames.append((f, None))
with open("isis_spb_sr.pcap", "wb") as out:
    out.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    for i, (data, wire) in enumerate(frames):
        out.write(struct.pack("<IIII", 1_700_000_000 + i, 0, len(data), wire or len(data)))
        out.write(data)
