# Writes vsock_frames.pcap: LINKTYPE_VSOCK (271), Linux vsock monitor messages as
# tcpdump's vsock_if_print() reads them: every transport (UNKNOWN, NO_INFO, VIRTIO and an
# invalid one), every monitor operation and an invalid one, every virtio operation and an
# invalid one, an invalid virtio type, flags in hex, 64-bit context ids, PAYLOAD messages
# with payloads longer than a hex line and with none (-vv), and frames cut in the monitor
# header, in the virtio header and in the payload.
import struct


def monitor(op, transport, src_cid=3, dst_cid=2, src_port=1024, dst_port=1234, tlen=44):
    return struct.pack("<QQIIHHH2s", src_cid, dst_cid, src_port, dst_port, op, transport, tlen, b"\0\0")


def virtio(length=0, vtype=1, vop=5, flags=0, buf_alloc=262144, fwd_cnt=0):
    return struct.pack("<QQIIIHHIII", 3, 2, 1024, 1234, length, vtype, vop, flags, buf_alloc, fwd_cnt)


frames = [
    monitor(1, 2) + virtio(vop=1),
    monitor(1, 2, 2, 3, 1234, 1024) + virtio(vop=2),
    monitor(2, 2) + virtio(vop=3),
    monitor(2, 2) + virtio(vop=4, flags=3),
    monitor(4, 2) + virtio(6, vop=5) + b"Hello\n",
    monitor(4, 2) + virtio(40, vop=5) + bytes(range(0x30, 0x58)),
    monitor(3, 2) + virtio(vop=6, fwd_cnt=6),
    monitor(3, 2) + virtio(vop=7, flags=0xDEADBEEF, buf_alloc=0xFFFFFFFF),
    monitor(3, 2) + virtio(vop=0),
    monitor(3, 2) + virtio(vop=8, vtype=2),
    monitor(3, 2) + virtio(vop=0xFFFF, vtype=0xFFFF),
    monitor(0, 2) + virtio(vop=1),
    monitor(9, 2) + virtio(vop=1),
    monitor(0xFFFF, 2) + virtio(vop=1),
    monitor(4, 2) + virtio(vop=5),
    monitor(4, 1, tlen=0) + b"data",
    monitor(4, 1, tlen=0),
    monitor(1, 0, tlen=0),
    monitor(4, 0, tlen=0) + b"x" * 17,
    monitor(4, 3, tlen=0) + b"abc",
    monitor(1, 0xFFFF, tlen=0),
    monitor(1, 2, 0xFFFFFFFFFFFFFFFF, 0x123456789ABCDEF0, 0xFFFFFFFF, 0) + virtio(vop=1),
]
full = monitor(4, 2) + virtio(6, vop=5) + b"Hello\n"
records = [(f, len(f)) for f in frames]
records += [(full[:n], len(full)) for n in (1, 8, 16, 24, 26, 28, 31, 32, 33, 50, 60, 75, 76, 77, 81)]
nextra = monitor(4, 1, tlen=0) + b"data"
records += [(nextra[:n], len(nextra)) for n in (31, 32, 33)]
with open("vsock_frames.pcap", "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 271))
    for i, (data, wire) in enumerate(records):
        f.write(struct.pack("<IIII", 1_700_000_000 + i, 1000 * i, len(data), wire))
        f.write(data)
