# Writes ppp_short.pcap (link type PPP): frames captured shorter than ppp_if_print()'s 4
# bytes, which it prints as ' [|ppp]' with every captured byte counted as link header (so
# -x dumps nothing), whatever they hold: an address byte, address and control, a protocol
# after them, a 2-byte or compressed protocol before an IPv4 byte; then a 4-byte header
# whose IPv4 packet is not captured, and a 3-byte frame that was 3 bytes on the wire.
from _inet import write_pcap

write_pcap(
    "ppp_short.pcap",
    [
        (b"\xff", 60),
        (b"\xff\x03", 60),
        (b"\xff\x03\x00", 60),
        (b"\x00\x21\x45", 60),
        (b"\xc0", 60),
        (b"\xff\x03\x00\x21", 60),
        (b"\x21\x45\x00", 3),
    ],
    link_type=9,
)
