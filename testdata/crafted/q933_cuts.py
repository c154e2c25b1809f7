# Q.933 (Frame Relay NLPID 0x08) at its cuts, as tcpdump 4.99.3's q933_print() reads it:
# a one-byte call reference is shown unless the byte after the message type (and a
# leading shift) is 0, a test that reads past the captured bytes when none is left.
# Link type 107 (Frame Relay), Q.922 DLCI 0 UI frames.
import struct

HDR = bytes([0x00, 0x01, 0x03, 0x08])  # DLCI 0, UI, NLPID Q.933

CASES = [
    bytes([0x01, 0x88, 0x6B]),  # call ref 0x88, message type, nothing after: cut
    bytes([0x01, 0x88, 0x6B, 0x98]),  # a non-locking shift, nothing after it: cut
    bytes([0x01, 0x88, 0x6B, 0x95]),  # a locking shift to codeset 5, nothing after: cut
    bytes([0x01, 0x00, 0x75, 0x00]),  # the byte after the type is 0: dummy reference
    bytes([0x01, 0x88, 0x75, 0x01, 0x01, 0x01]),  # shown
    bytes([0x02, 0x12, 0x34, 0x75]),  # two bytes: shown, then the message ends
    bytes([0x00, 0x75]),  # no call reference, nothing after the type
    bytes([0x01, 0x88]),  # cut before the message type
    bytes([0x03, 0x88]),  # cut in the call reference
    bytes([0x01]),  # cut after the call reference length
    bytes([0x11, 0x88, 0x6B, 0x98]),  # q933-heapoverflow-2.pcap's bytes (length nibble 1)
]

with open("q933_cuts.pcap", "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 107))
    for i, body in enumerate(CASES):
        p = HDR + body
        f.write(struct.pack("<IIII", i, 0, len(p), len(p)))
        f.write(p)
