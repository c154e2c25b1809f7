# Writes raw_ipx_sll.pcap (LINKTYPE_LINUX_SLL, 113) and raw_ipx_sll2.pcap
# (LINKTYPE_LINUX_SLL2, 276): Linux cooked captures of Novell IPX, which tcpdump's
# sll_print() hands on by the protocol field: ETH_P_802_3 (1) straight to ipx_print(),
# ETH_P_802_2 (4) to llc_print(), which takes both SAPs 0xff for raw 802.3 IPX ("IPX
# 802.3: " with -e, once it has the control field). Whole, cut in the IPX header, 2 bytes
# alone, and beside an ordinary LLC/SNAP frame and an unknown pseudo-type.
import struct
from _inet import SNAP_IPV4_UDP as SNAP_IP, ipx_packet as ipx, write_pcap

SRC = bytes.fromhex("0200000000aa")


def sll(protocol, payload):
    # Sent to us (0), ARPHRD_ETHER, a 6-byte address.
    return struct.pack(">HHH", 0, 1, 6) + SRC + b"\x00\x00" + struct.pack(">H", protocol) + payload


def sll2(protocol, payload):
    # Protocol, reserved, interface index 2, ARPHRD_ETHER, to us, a 6-byte address.
    return struct.pack(">HHIHBB", protocol, 0, 2, 1, 0, 6) + SRC + b"\x00\x00" + payload


for name, link_type, cooked in (("raw_ipx_sll.pcap", 113, sll), ("raw_ipx_sll2.pcap", 276, sll2)):
    frames = [(cooked(protocol, payload), None) for protocol, payload in (
        (1, ipx()), (1, ipx(0x0453, b"rip!")), (4, ipx()), (4, ipx(0x0453, b"rip!")),
        (4, bytes.fromhex("ffff")), (4, SNAP_IP), (1, bytes.fromhex("ffff")), (5, ipx()))]
    for protocol in (1, 4):
        whole = cooked(protocol, ipx())
        start = len(whole) - len(ipx())
        frames += [(whole[:n], len(whole)) for n in (start + 1, start + 2, start + 3, start + 5, start + 20)]
    write_pcap(name, frames, link_type)
