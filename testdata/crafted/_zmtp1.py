# The ZMTP/1.0 frames of zmtp1_messages.py and pgm_zmtp1_messages.py.
import struct


def short(flags, body):
    # A frame with an 8-bit length: flags and body.
    return bytes([1 + len(body), flags]) + body


def long(length, flags=None, body=b""):
    # A frame with 0xff and a 64-bit length (flags and body as given, whatever the length).
    return b"\xff" + struct.pack(">Q", length) + (b"" if flags is None else bytes([flags])) + body


# 200 bytes, printable and not: more than -v's 128 shown.
TEXT = bytes(range(32, 127)) + bytes(range(0, 105))
