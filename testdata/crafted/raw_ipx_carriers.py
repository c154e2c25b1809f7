# Writes raw_ipx_80211.pcap (LINKTYPE_IEEE802_11, 105), raw_ipx_fddi.pcap (LINKTYPE_FDDI,
# 10), raw_ipx_token_ring.pcap (LINKTYPE_IEEE802, 6) and raw_ipx_ethernet.pcap (802.3
# length field): Novell's raw 802.3 IPX, whose
# checksum ff ff sits where an LLC header's SAPs would, carried by each of the links whose
# payload tcpdump hands to llc_print() (which takes both SAPs 0xff for IPX: "IPX 802.3: "
# with -e, after it has 3 bytes), whole, cut in the IPX header, 2 bytes of it alone (an
# LLC cut), and beside an ordinary LLC/SNAP frame.
import struct
from _inet import SNAP_IPV4_UDP as SNAP_IP, ipx_packet as ipx, write_pcap

DST = bytes.fromhex("ffffffffffff")
SRC = bytes.fromhex("0200000000aa")


PAYLOADS = [ipx(), ipx(0x0453, b"rip!"), bytes.fromhex("ffff"), SNAP_IP]

CARRIERS = {
    "raw_ipx_80211.pcap": (105, b"\x08\x00\x00\x00" + DST + SRC + SRC + b"\x00\x00"),
    "raw_ipx_fddi.pcap": (10, b"\x50" + DST + SRC),
    "raw_ipx_token_ring.pcap": (6, b"\x10\x40" + DST + SRC),
    "raw_ipx_ethernet.pcap": (1, DST + SRC),
}
for name, (link_type, header) in CARRIERS.items():
    # Ethernet's 802.3 length field counts the payload.
    framed = (lambda p: header + struct.pack(">H", len(p)) + p) if link_type == 1 else (lambda p: header + p)
    frames = [(framed(payload), None) for payload in PAYLOADS]
    whole = framed(ipx())
    start = len(whole) - len(ipx())
    frames += [(whole[:n], len(whole)) for n in (start + 1, start + 2, start + 3, start + 5, start + 20)]
    write_pcap(name, frames, link_type)
