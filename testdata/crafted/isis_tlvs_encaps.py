# Writes isis_tlvs_encaps.pcap: IS-IS LSPs over Ethernet/LLC with the TLVs and sub-TLVs
# tcpdump prints beyond the common ones: IS alias IDs (with sub-TLVs, cut short), the
# prefix SID sub-TLV of extended IPv4 reachability (index, label, too short for either),
# prefix neighbors (semi-octet prefixes, a prefix length under 2, one longer than the
# TLV, one longer than an NSAP, a TLV too short for its metric block), an LSP whose PDU
# length is shorter than its header, authentication (simple, HMAC-MD5 of the right and a
# wrong length, generic crypto with and without its key ID, private, unknown, empty), an
# instance identifier the capture cuts, prefix sub-TLVs counted past their TLV; then IS-IS carried in GRE (protocol 0x00fe,
# tcpdump's GRE-OSI) over IPv4, whole and cut by the capture.
import struct

from _inet import csum

SYS = bytes.fromhex("1921680000ff")


def tlv(kind, value):
    return bytes([kind, len(value)]) + value


def llc_frame(pdu):
    llc = b"\xfe\xfe\x03" + pdu
    return bytes.fromhex("0180c2000014020000000001") + struct.pack(">H", len(llc)) + llc


def lsp(tlvs, pdu_length=None, level=18):
    body = b"".join(tlvs)
    length = 27 + len(body) if pdu_length is None else pdu_length
    header = bytes([0x83, 27, 1, 0, level, 1, 0, 0]) + struct.pack(">HH", length, 900)
    return header + SYS + b"\x00\x00" + struct.pack(">IHB", 0x1C, 0, 0x0B) + body


def gre_ipv4(pdu):
    gre = struct.pack(">HH", 0, 0x00FE) + pdu
    src, dst = bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2])
    ip = struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + len(gre), 1, 0, 64, 47, 0, src, dst)
    ip = ip[:10] + struct.pack(">H", csum(ip)) + ip[12:]
    return bytes.fromhex("000000000002000000000001") + b"\x08\x00" + ip + gre


NODE = bytes.fromhex("19216800000102")


def ext_ip(prefix_bits, prefix, subs):
    s = b"".join(subs)
    return struct.pack(">IB", 10, 0x40 | prefix_bits) + prefix + bytes([len(s)]) + s


pdus = [
    lsp([tlv(24, NODE + b"\x00" + NODE + b"\x08" + tlv(4, bytes(4)) + b"\x09\x00")]),
    lsp([tlv(24, NODE + b"\x03" + b"\x06\x04")]),
    lsp([tlv(24, NODE)]),
    lsp([tlv(135, ext_ip(32, bytes([10, 0, 0, 1]), [tlv(3, bytes.fromhex("400000000028"))])
             + ext_ip(24, bytes([10, 1, 0]), [tlv(3, bytes.fromhex("880100abcd"))])
             + ext_ip(24, bytes([10, 2, 0]), [tlv(3, bytes.fromhex("fc0200000005"))]))]),
    lsp([tlv(135, ext_ip(32, bytes([10, 0, 0, 1]), [tlv(3, bytes.fromhex("0000000028"))]))]),
    lsp([tlv(135, ext_ip(32, bytes([10, 0, 0, 1]), [tlv(3, bytes.fromhex("08000001"))]))]),
    lsp([tlv(5, bytes.fromhex("0a80c000") + b"\x06\x49\x00\x01" + b"\x05\x39\x99" + b"\x28" + bytes(20))]),
    lsp([tlv(5, bytes.fromhex("0a808080") + b"\x01" + bytes(3)), tlv(5, bytes.fromhex("0a808080") + b"\x08\x49")]),
    lsp([tlv(5, bytes.fromhex("0a808080") + b"\x2a" + bytes(21)), tlv(5, b"\x0a\x80")]),
    lsp([tlv(8, b"")], pdu_length=20),
    lsp([tlv(10, b"\x01secret"), tlv(10, b"\x36" + bytes(range(16))), tlv(10, b"\x36\xab\xcd")]),
    lsp([tlv(10, b"\x03\x00\x07\xde\xad"), tlv(10, b"\x03\x01"), tlv(10, b"\xff\x01\x02")]),
    lsp([tlv(10, b"\x05"), tlv(10, b""), tlv(10, b"\x01pass\x00word")]),
    # Sub-TLVs counted past their TLV: tcpdump reads on into the next TLV, its count
    # wrapping round, until the capture ends.
    lsp([b"\x87\x0c" + ext_ip(32, bytes([10, 0, 0, 9]), [b"\x01\x04"]) + bytes([10, 3]), tlv(137, b"next")]),
]
frames = [(llc_frame(p), None) for p in pdus]
I = llc_frame(lsp([tlv(7, struct.pack(">H", 346) + struct.pack(">6H", 1, 2, 3, 4, 5, 6))]))
frames += [(I[:-5], len(I)), (I[: 17 + 27 + 3], len(I))]
G = gre_ipv4(lsp([tlv(137, b"gre-isis"), tlv(129, b"\xcc")], level=20))
frames += [(G, None), (G[: 14 + 20 + 4 + 30], len(G))]
with open("isis_tlvs_encaps.pcap", "wb") as out:
    out.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    for i, (data, wire) in enumerate(frames):
        out.write(struct.pack("<IIII", 1_700_000_000 + i, 0, len(data), wire or len(data)))
        out.write(data)
