# OSI PDUs over PPP and PPP over OSI, as tcpdump 4.99.3 hands them on: PPP's protocol
# 0x0023 goes to isoclns_print() with the payload (the identifier first), and an NLPID of
# 0xcf (PPP) or 0x08 (Q.933) in an EtherType 0xfefe frame (after the byte ether_print()
# skips) to ppp_print() and q933_print() after the identifier. Writes osi_ppp_link.pcap
# (link type PPP) and osi_ppp_ether.pcap (Ethernet).
import struct
from _inet import ipv4_udp

IIH = bytes([0x83, 27, 1, 0, 15, 1, 0, 0, 1]) + bytes.fromhex("0000000000aa") + struct.pack(">HH", 9, 29)
IIH += b"\x40" + bytes.fromhex("0000000000aa01") + bytes([8, 0])
ESH = bytes([0x82, 9, 1, 0, 2, 0, 30, 0, 0, 1, 0x49]) + bytes(2)
Q933_ENQUIRY = bytes([0x00, 0x75, 0x95, 0x01, 0x01, 0x01, 0x03, 0x02, 0x05, 0x04])
Q933_CUT_IE = bytes([0x30, 0x30, 0x30, 0x30, 0x30, 0x30])  # an element longer than the frame
LCP = bytes([0x01, 0x07, 0x00, 0x08, 0x05, 0x06, 0x12, 0x34])[:4] + bytes([0x01, 0x04, 0x05, 0xDC])
LCP = bytes([0x01, 0x07, 0x00, 0x08, 0x01, 0x04, 0x05, 0xDC])
IP = ipv4_udp(b"osi")

# PPP payloads after the 0x0023 protocol: an identifier, then its PDU.
OSI_PDUS = [
    b"\x08" + Q933_ENQUIRY,
    b"\x08" + Q933_CUT_IE,
    b"\x08",  # Q.933 with no byte
    IIH,
    ESH,
    b"\x00\x01\x02\x03",  # the null network layer
    b"\x42\x01\x02",  # an unknown identifier: its bytes
    b"\x42",
    b"\xcc" + IP,
    b"\xcf\xff\x03\xc0\x21" + LCP,  # PPP in OSI in PPP
    b"",  # nothing after the protocol: isoclns_print()'s first read fails
]


def ppp_link(payload, framed=True, compressed=False):
    head = b"\xff\x03" if framed else b""
    return head + (b"\x23" if compressed else b"\x00\x23") + payload


link_frames = [ppp_link(p) for p in OSI_PDUS]
link_frames += [ppp_link(OSI_PDUS[0], framed=False, compressed=True), ppp_link(IIH, compressed=True)]

MAC = bytes.fromhex("0200000000010200000000020000")[:12]


def osi_ether(nlpid_and_pdu):
    return MAC + b"\xfe\xfe" + b"\xfe" + nlpid_and_pdu


ether_frames = [
    osi_ether(b"\xcf\xff\x03\x00\x21" + IP),  # PPP in OSI: IPv4
    osi_ether(b"\xcf\xff\x03\xc0\x21" + LCP),  # LCP
    osi_ether(b"\xcf\xff\x03\x23"),  # OSI in PPP in OSI, cut (isoclns-oobr.pcap)
    osi_ether(b"\xcf\xff\x03\x23" + IIH),
    osi_ether(b"\xcf\x00\x23\x08" + Q933_ENQUIRY),
    osi_ether(b"\xcf\x21" + IP),  # a compressed protocol, no address and control
    osi_ether(b"\xcf\xff"),  # one byte: ppp_print()'s length check
    osi_ether(b"\xcf"),
    osi_ether(b"\x08" + Q933_ENQUIRY),
    osi_ether(b"\x08" + Q933_CUT_IE),
    osi_ether(b"\x08\x01\x88\x75"),  # the call reference test reads past the frame
]


def write(name, linktype, frames, cut=()):
    with open(name, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, linktype))
        for i, data in enumerate(frames):
            f.write(struct.pack("<IIII", i, 0, len(data), len(data)))
            f.write(data)
        # the same frames cut by the capture after 6 bytes of the PDU's start
        for i, data in enumerate(cut):
            kept = data[:-3]
            f.write(struct.pack("<IIII", 100 + i, 0, len(kept), len(data)))
            f.write(kept)


# (a link frame cut under PPP's 4 bytes is ppp_if_print()'s, not OSI's: not cut here)
write("osi_ppp_link.pcap", 9, link_frames, [f for f in link_frames[:5] if len(f) > 8])
write("osi_ppp_ether.pcap", 1, ether_frames, ether_frames[:5])
