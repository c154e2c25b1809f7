# Writes ipx_cuts.pcap: IPX headers cut short in each framing tcpdump names (LLC SAP 0xe0,
# raw 802.3, EtherType 0x8137), where ipx_print() names the protocol and its read of the
# header jumps out (-x then dumps the whole frame), and SAP and RIP messages cut in their
# operation and inside an entry, which ipx_print() reads with GET_ macros too.
import struct

from _inet import write_pcap

MACS = bytes.fromhex("ffffffffffff020000000001")


def ipx(socket, payload):
    header = struct.pack(">HHBB", 0xFFFF, 30 + len(payload), 0, 4)
    header += bytes.fromhex("00000001ffffffffffff") + struct.pack(">H", socket)
    header += bytes.fromhex("00000001020000000001") + struct.pack(">H", socket)
    return header + payload


SAP = struct.pack(">HH", 2, 4) + b"FILESERVER".ljust(48, b"\0")
SAP += bytes.fromhex("0000000a000000000001") + struct.pack(">HH", 0x0451, 1)
RIP = struct.pack(">H", 2) + bytes.fromhex("0000000a00010002") + bytes.fromhex("0000000b00020003")


def llc(data, wire):
    return (MACS + struct.pack(">H", 3 + wire) + b"\xe0\xe0\x03" + data, 17 + wire)


def raw(data, wire):
    return (MACS + struct.pack(">H", wire) + data, 14 + wire)


def ethernet(data, wire):
    return (MACS + b"\x81\x37" + data, 14 + wire)


records = []
sap = ipx(0x0452, SAP)
rip = ipx(0x0453, RIP)
for frame in (llc, raw, ethernet):
    for cut in (0, 1, 10, 29):
        records.append(frame(sap[:cut], len(sap)))
    records.append(frame(sap, len(sap)))
for cut in (30, 31, 33, 40, 94):
    records.append(llc(sap[:cut], len(sap)))
for cut in (30, 31, 32, 36, 44):
    records.append(llc(rip[:cut], len(rip)))
records.append(llc(rip, len(rip)))
write_pcap("ipx_cuts.pcap", records)
