import struct
from _inet import csum
def ip(payload, proto=6, src=bytes([10,0,0,1]), dst=bytes([10,0,0,2]), total=None):
    h = struct.pack('!BBHHHBBH4s4s',0x45,0,total or 20+len(payload),1,0,64,proto,0,src,dst)
    h=h[:10]+struct.pack('!H',csum(h))+h[12:]
    return h+payload
def tcp(data, sport=1550, dport=23):
    return struct.pack('!HHIIBBHHH',sport,dport,1000,2000,0x50,0x18,512,0,0)+data
pk=[
 tcp(bytes([255,253,3,255,251,24,255,251,31])),
 tcp(bytes([255,250,24,1,255,240])),
 tcp(bytes([255,250,37,2,1,0x41,0,255,240])),
 tcp(bytes([255,250,38,1,3,255,240])),
 tcp(bytes([255,250,200,9,255,240,255,241,255,255,255,244,0x61])),
 tcp(bytes([255,251,99,255,246])),
 tcp(bytes([0x61,255,253,3])),
 tcp(bytes([255,253])),
 tcp(bytes([255,250,24,1,2])),
 tcp(bytes([255,100,3])),
 # the segment ends just after a subnegotiation's option: tcpdump reads past it (cut)
 tcp(bytes([255,253,1,255,250,24,1,255,240,255,250,0x7b])),
 tcp(bytes([255,250,24])),
 tcp(bytes([255,250])),
]
with open('telnet_crafted.pcap','wb') as f:
    f.write(struct.pack('<IHHiIII',0xa1b2c3d4,2,4,0,0,65535,101))
    for i,p in enumerate(pk):
        d=ip(p)
        f.write(struct.pack('<IIII',i,0,len(d),len(d))); f.write(d)
    # cut capture: telnet SB cut by snaplen
    d=ip(tcp(bytes([255,253,1,255,250,24,1,2,3,255,240])))
    f.write(struct.pack('<IIII',20,0,len(d)-4,len(d))); f.write(d[:-4])
