import struct
def ip(payload, proto=113, src=bytes([10,0,0,1]), dst=bytes([239,1,2,3])):
    h = struct.pack('!BBHHHBBH4s4s',0x45,0,20+len(payload),1,0,64,proto,0,src,dst)
    s=sum(struct.unpack('!10H',h)); s=(s&0xffff)+(s>>16); s=(s&0xffff)+(s>>16)
    h=h[:10]+struct.pack('!H',~s&0xffff)+h[12:]
    return h+payload
def pgm(t, body, opts=0, tsdu=0):
    return struct.pack('!HHBBH6sH',1000,2000,t,opts,0,bytes([1,2,3,4,5,6]),tsdu)+body
pkts = [
 pgm(0x05, struct.pack('!II',7,3)+b'abcd', tsdu=4),  # RDATA
 pgm(0x08, struct.pack('!IHH4sHH4s',9,1,0,bytes([10,0,0,1]),1,0,bytes([0,1,2,3]))),  # NAK ok
 pgm(0x0a, struct.pack('!IHH4sHH4s',9,1,0,bytes([10,0,0,1]),1,0,bytes([239,1,2,3]))),  # NCF trunc
 pgm(0x02, struct.pack('!IHH',5,6,0)),  # POLR
 pgm(0x0d, struct.pack('!II',11,0xff)),  # ACK
 pgm(0x0c, b''),  # SPMR
 pgm(0x33, b''),  # unknown
 pgm(0x04, struct.pack('!II',8,2)+struct.pack('!BBH',0,4,24)+struct.pack('!BBHIII',0x81,16,0,100,200,300)+b'xy', opts=1, tsdu=2),  # ODATA + options
 pgm(0x04, struct.pack('!II',8,2)+struct.pack('!BBH',1,4,24), opts=1),  # bad first
 pgm(0x01, struct.pack('!IHHHH4sIII',3,4,0,1,0,bytes([10,0,0,9]),100,0xdeadbeef,0xff)),  # POLL
 pgm(0x04, struct.pack('!II',8,2)+struct.pack('!BBH',0,4,20)+struct.pack('!BBHII',0x82,12,0,5,6), opts=1),  # NAK list
 pgm(0x04, struct.pack('!II',8,2)+struct.pack('!BBH',0,4,12)+struct.pack('!BBHI',0x83,7,0,5), opts=1),  # bad JOIN length
 pgm(0x04, struct.pack('!II',8,2)+struct.pack('!BBH',0,4,12)+struct.pack('!BBHI',0xe3,8,0,5), opts=1),  # unknown opt 0x63
 struct.pack('!HHBBHH',1000,2000,0,0,0,0),  # 10 bytes
 pgm(0x00, struct.pack('!III',1,2,3)),  # SPM truncated
 pgm(0x33, b'', opts=1),  # unknown type with options: read from the header's start
 # unknown type 0x1f whose header reads as OPT_LENGTH (ports 4, 32) and an unknown option
 # 0x1f of 13 bytes, which pgm_print() steps over 2 bytes too far, onto SYN|END
 struct.pack('!HHBBH6sH',4,32,0x1f,13,0,bytes([1,2,3,4,5,6]),0)+bytes(3)+bytes([0x8d,4,0,0])+bytes(9),
 struct.pack('!HHBBH6sH',4,32,0x0c,13,0,bytes([1,2,3,4,5,6]),0)+bytes(3)+bytes([0x8d,4,0,0])+bytes(9),  # SPMR, the same
]
with open('pgm_crafted.pcap','wb') as f:
    f.write(struct.pack('<IHHiIII',0xa1b2c3d4,2,4,0,0,65535,101))
    for i,p in enumerate(pkts):
        d=ip(p)
        f.write(struct.pack('<IIII',i,0,len(d),len(d))); f.write(d)
