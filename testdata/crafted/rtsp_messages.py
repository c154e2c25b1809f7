# Writes rtsp_messages.pcap: RTSP over TCP (ports 554 and 8554, either side) as tcpdump's
# rtsp_print() reads it: a request of each method tcpdump knows (one in lower case), a
# response, an unknown method, segments that continue a message (an SDP body), binary
# bytes, a line without its end, a message whose last byte is a CR, an empty segment, a
# reset with data, ports that HTTP's take first, and segments cut by the capture.
import struct

from _inet import csum, write_pcap

MACS = bytes.fromhex("020000000002020000000001")
CLIENT = bytes([10, 1, 1, 10])
SERVER = bytes([10, 2, 2, 2])


def tcp_frame(payload, sport=52470, dport=554, flags=0x18, src=CLIENT, dst=SERVER, seq=1000):
    tcp = struct.pack(">HHIIBBHHH", sport, dport, seq, 5000, 0x50, flags, 1025, 0, 0) + payload
    pseudo = src + dst + struct.pack(">BBH", 0, 6, len(tcp))
    tcp = tcp[:16] + struct.pack(">H", csum(pseudo + tcp)) + tcp[18:]
    ip = struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), 1, 0x4000, 64, 6, 0, src, dst)
    ip = ip[:10] + struct.pack(">H", csum(ip)) + ip[12:]
    return MACS + b"\x08\x00" + ip + tcp


METHODS = ["DESCRIBE", "ANNOUNCE", "GET_PARAMETER", "OPTIONS", "PAUSE", "PLAY", "RECORD",
           "REDIRECT", "SETUP", "SET_PARAMETER", "TEARDOWN"]
frames = []
for i, method in enumerate(METHODS):
    request = f"{method} rtsp://10.2.2.2:8554/cam RTSP/1.0\r\nCSeq: {i + 1}\r\nUser-Agent: x\r\n\r\n"
    frames.append(tcp_frame(request.encode(), dport=8554 if i % 2 else 554))
frames.append(tcp_frame(b"play rtsp://10.2.2.2/ RTSP/1.0\r\nCSeq: 20\r\n\r\n"))
reply = b"RTSP/1.0 200 OK\r\nCSeq: 2\r\nContent-Type: application/sdp\r\nContent-Length: 20\r\n\r\n"
frames.append(tcp_frame(reply, sport=554, dport=52470, src=SERVER, dst=CLIENT))
frames.append(tcp_frame(b"RTSP/1.0 4044 Nope\r\n", sport=8554, dport=40000, src=SERVER, dst=CLIENT))
frames.append(tcp_frame(b"FETCH rtsp://a/ RTSP/1.0\r\n\r\n"))
frames.append(tcp_frame(b"v=0\r\no=- 0 0 IN IP4 10.2.2.2\r\ns=cam\r\n", sport=554, dport=52470,
                        src=SERVER, dst=CLIENT))
frames.append(tcp_frame(b"PLAY rtsp://a/ RTSP/1.0\r\nCSeq: 5\r\n\x00\x01binary"))
frames.append(tcp_frame(b"DESCRIBE rtsp://a/ RTSP/1.0\r\nCSeq: 6"))
frames.append(tcp_frame(b"OPTIONS * RTSP/1.0\r\nCSeq: 7\r"))
frames.append(tcp_frame(b"", flags=0x10))
frames.append(tcp_frame(b"TEARDOWN rtsp://a/ RTSP/1.0\r\n\r\n", flags=0x14))
frames.append(tcp_frame(b"GET / HTTP/1.1\r\nHost: a\r\n\r\n", sport=554, dport=80))
frames.append(tcp_frame(b"OPTIONS * RTSP/1.0\r\n\r\n", sport=554, dport=8080))
frames.append(tcp_frame(b"\x24\x00\x00\x10" + bytes(16), sport=554, dport=52470, src=SERVER,
                        dst=CLIENT))
records = [(f, len(f)) for f in frames]
whole = tcp_frame(b"SETUP rtsp://a/track1 RTSP/1.0\r\nCSeq: 3\r\nTransport: RTP/AVP\r\n\r\n")
for n in range(54, len(whole), 7):
    records.append((whole[:n], len(whole)))
write_pcap("rtsp_messages.pcap", records)
