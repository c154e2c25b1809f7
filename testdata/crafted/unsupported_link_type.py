# Writes unsupported_link_type.pcap: packets of LINKTYPE_USER0 (147), a link type that
# neither tcpdump nor wirekit decodes (tcpdump prints UNSUPPORTED and the bytes).
import struct

packets = [
    bytes([1, 2, 3, 4]) + b"hello",
    b"",
    bytes(range(40)),
    b"GET / HTTP/1.1\r\nHost: example.com\r\n\r\n",
]
with open("unsupported_link_type.pcap", "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 147))
    for i, data in enumerate(packets):
        f.write(struct.pack("<IIII", 1_700_000_000 + i, 250_000 * i, len(data), len(data)))
        f.write(data)
    # A record cut by the capture: 20 of 60 bytes.
    data = bytes(range(60))
    f.write(struct.pack("<IIII", 1_700_000_009, 0, 20, len(data)))
    f.write(data[:20])
