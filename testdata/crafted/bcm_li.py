# Writes bcm_li.pcap: Broadcom LI shims (tcpdump's bcm_li_print()) in UDP from source port
# 49152 over IPv4, one per case: every direction, packet type and subtype tcpdump names and
# unknown ones, the largest LI ID; IPv4, IPv6 and Ethernet (untagged, one and two VLAN
# tags, an unknown EtherType after a tag) packets after the shim, an undecided type told by
# the version nibble (4, 6, other); the port rules (the source port only; DNS's port before
# it, BFD's after it); payloads shorter than the shim, a shim with nothing after it, an
# inner IPv4 packet longer than the payload, a UDP length field shorter than the IP
# payload; and packets the capture cuts in the shim's fields, right after it, in the inner
# IPv4, IPv6 and Ethernet headers and in a VLAN tag.
import struct

from _inet import csum, ipv4_udp, ipv6_udp

SRC = bytes([192, 0, 2, 1])
DST = bytes([192, 0, 2, 2])
ETH = bytes.fromhex("020000000002020000000001") + b"\x08\x00"


def frame(payload, sport=49152, dport=49153, udp_length=None, ip_extra=b""):
    # An Ethernet frame with an IPv4 UDP datagram, checksums set; ip_extra pads the frame
    # after the IP packet.
    ulen = 8 + len(payload) if udp_length is None else udp_length
    udp = struct.pack(">HHHH", sport, dport, ulen, 0) + payload
    pseudo = SRC + DST + struct.pack(">BBH", 0, 17, len(udp))
    udp = udp[:6] + struct.pack(">H", csum(pseudo + udp)) + udp[8:]
    ip = struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 7, 0, 59, 17, 0, SRC, DST)
    return ETH + ip[:10] + struct.pack(">H", csum(ip)) + ip[12:] + udp + ip_extra


def shim(direction, pkt_type, subtype, li_id=66666):
    return struct.pack(">I", direction << 29 | pkt_type << 25 | subtype << 22 | li_id)


IP4 = ipv4_udp(b"intercepted")
IP6 = ipv6_udp(b"intercepted")
INNER_ETH = bytes.fromhex("0a000000000b0a000000000a")
ETH_IP4 = INNER_ETH + b"\x08\x00" + IP4
ETH_VLAN = INNER_ETH + bytes.fromhex("8100 2064") + b"\x08\x00" + IP4
ETH_QINQ = INNER_ETH + bytes.fromhex("88a8 00d1 8100 0007") + b"\x86\xdd" + IP6

frames = []
# Every direction (0 and 4-7 unknown), packet type (0-3 and 8-15 unknown: invalid with
# -v) and subtype (0 and 4-7 unknown), the largest LI ID.
for d in range(8):
    frames.append(frame(shim(d, 5, 3) + IP4))
for t in range(16):
    body = {4: IP4, 5: IP4, 6: IP6, 7: ETH_IP4}.get(t, b"payload")
    frames.append(frame(shim(3, t, 1) + body))
for s in range(8):
    frames.append(frame(shim(2, 6, s) + IP6))
frames.append(frame(shim(7, 15, 7, 0x3FFFFF) + b"x"))
# Undecided: IPv4, IPv6, another nibble.
frames.append(frame(shim(3, 4, 2) + IP6))
frames.append(frame(shim(3, 4, 2) + b"\x5f" + bytes(30)))
# Ethernet with one and two VLAN tags.
frames.append(frame(shim(2, 7, 1) + ETH_VLAN))
frames.append(frame(shim(2, 7, 2) + ETH_QINQ))
# Ethernet whose EtherType after a VLAN tag nothing decodes: its header and bytes.
frames.append(frame(shim(2, 7, 1) + INNER_ETH + bytes.fromhex("8100 0064 88b5") + b"data"))
# Ports: 49152 as the destination only is not BCM LI; DNS's port goes first, BFD's after.
frames.append(frame(shim(3, 5, 3) + IP4, sport=49153, dport=49152))
frames.append(frame(shim(3, 5, 3) + IP4, dport=3784))
frames.append(frame(bytes(12), dport=53))
# Payloads shorter than the shim (the UDP length says so: then the IP length), a shim
# alone, an inner IPv4 packet longer than the payload.
frames.append(frame(b""))
frames.append(frame(b"\x68\x81"))
frames.append(frame(shim(3, 5, 3) + IP4, udp_length=10))
frames.append(frame(shim(3, 4, 2)))
frames.append(frame(shim(3, 7, 2)))
frames.append(frame(shim(3, 6, 2)))
frames.append(frame(shim(3, 5, 3) + IP4[:24]))
# A UDP length below the IP payload's: the inner printers get the shorter length but read
# on to the IP packet's end (an empty payload, a frame, IPv4 and IPv6 headers longer than
# it, an IPv4 packet longer than it).
frames.append(frame(shim(3, 4, 2) + IP4, udp_length=8))
frames.append(frame(shim(2, 7, 2) + ETH_IP4, udp_length=8 + 4 + 30))
frames.append(frame(shim(3, 5, 2) + IP4, udp_length=8 + 4 + 12))
frames.append(frame(shim(3, 6, 2) + IP6, udp_length=8 + 4 + 30))
frames.append(frame(shim(3, 4, 2) + IP4, udp_length=8 + 4 + 30))
cuts = []
# Cut by the capture: in the shim, right after it, in each inner header.
for pkt_type, body in ((4, IP4), (5, IP4), (6, IP6), (7, ETH_IP4), (7, ETH_QINQ)):
    full = frame(shim(3, pkt_type, 2) + body)
    for n in (1, 2, 3, 4, 5, 12, 13, 17, 19, 20, 24, 28, 44):
        if n == 4 and pkt_type == 5:
            continue  # ip_print() reads the version nibble past the capture.
        cuts.append((full[: 14 + 20 + 8 + n], len(full)))
with open("bcm_li.pcap", "wb") as out:
    out.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    for i, (data, wire) in enumerate([(f, len(f)) for f in frames] + cuts):
        out.write(struct.pack("<IIII", 1_700_000_000 + i, 0, len(data), wire))
        out.write(data)
