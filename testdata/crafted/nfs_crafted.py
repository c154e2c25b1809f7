import struct, random
from _inet import csum
random.seed(5)
def ip(payload, proto, src, dst):
    h = struct.pack('!BBHHHBBH4s4s',0x45,0,20+len(payload),1,0,64,proto,0,src,dst)
    return h[:10]+struct.pack('!H',csum(h))+h[12:]+payload
C=bytes([10,0,0,1]); S=bytes([10,0,0,2])
def udp(sp,dp,data): return struct.pack('!HHHH',sp,dp,8+len(data),0)+data
def w(*a): return b''.join(struct.pack('!I',x) for x in a)
def h(x): return struct.pack('!Q',x)
def opaque(b): return w(len(b))+b+b'\0'*((4-len(b)%4)%4)
cred = w(1)+opaque(w(0)+opaque(b'host')+w(0,0,1,0))
verf = w(0,0)
def call(xid, vers, proc, args): return w(xid,0,2,100003,vers,proc)+cred+verf+args
def reply(xid, body, astat=0): return w(xid,1,0,0,0,astat)+body
fh3=opaque(bytes([0x00,0x10,0x10,0x85,0,0,0,0x0a,0,0x0a,0,0,0,0,0xb2,0x5a,0,0,0,0x29,0,0x0a,0,0]))
fh2=bytes([1,0,0,0, 0,0,0,0, 0,0,0,0, 0,0,0x30,0x39]+[7]*16)
fhbad=opaque(bytes([1,0,6,0x81]+[0xab]*28))
name=lambda s: opaque(s.encode())
def fattr3(t=1,mode=0o100644,size=11): return w(t,mode,1,0,1)+h(size)+h(4096)+w(0,0)+h(0x101085)+h(0xb25a)+w(100,200,300,400,500,600)
def fattr2(t=1,mode=0o100644): return w(t,mode,1,0,1,11,4096,0,8,0x101085,0xb25a,100,200,300,400,500,600)
post=lambda: w(1)+fattr3()
wcc=lambda: w(1)+h(10)+w(1,2,3,4)+post()
sattr=w(1,0o755,1,5,0,0,2,7,8,1)
pk=[]
x=[1000]
def pair(vers, proc, args, res):
    x[0]+=1
    pk.append(ip(udp(700,2049,call(x[0],vers,proc,args)),17,C,S))
    if res is not None: pk.append(ip(udp(2049,700,reply(x[0],res)),17,S,C))
pair(3,1,fh3,w(0)+fattr3(2,0o40755,96))
pair(3,2,fh3+sattr+w(0),w(0)+wcc())
pair(3,3,fh3+name("abc"),w(0)+fh3+post()+post())
pair(3,3,fh3+name("nope"),w(2)+post())
pair(3,4,fh3+w(0x3f),w(0)+post()+w(0x1f))
pair(3,4,fh3+w(0x41),w(13)+w(0))
pair(3,5,fh3,w(0)+post()+name("target"))
pair(3,6,fh3+h(8192)+w(4096),w(0)+post()+w(4096,1)+opaque(b'x'*8))
pair(3,7,fh3+h(0)+w(17,2,17)+opaque(b'y'*17),w(0)+wcc()+w(17,2)+h(0x1234abcd))
pair(3,8,fh3+name("new")+w(0)+sattr,w(0)+w(1)+fh3+post()+wcc())
pair(3,9,fh3+name("dir")+sattr,w(17)+wcc())
pair(3,10,fh3+name("ln")+sattr+name("/t"),w(0)+w(0)+wcc())
pair(3,11,fh3+name("dev")+w(4)+sattr+w(5,6),w(0)+w(1)+fh3+w(0)+wcc())
pair(3,12,fh3+name("f"),w(0)+wcc())
pair(3,13,fh3+name("d"),w(66)+wcc())
pair(3,14,fh3+name("a")+fh3+name("b"),w(0)+wcc()+wcc())
pair(3,15,fh3+fh3+name("l"),w(0)+post()+wcc())
pair(3,16,fh3+h(0)+w(0,0,1024),w(0)+post()+w(1,2)+w(0))
pair(3,17,fh3+h(5)+w(3,4,512,4096),w(0)+post()+w(5,6)+w(0))
pair(3,18,fh3,w(0)+post()+h(1)+h(2)+h(3)+h(4)+h(5)+h(6)+w(7))
pair(3,19,fh3,w(0)+post()+w(1,2,3,4,5,6,7)+h(99)+w(1,0,27))
pair(3,20,fh3,w(0)+post()+w(255,255,1,1,0,1))
pair(3,21,fh3+h(0)+w(100),w(0)+wcc()+h(0xfeed))
pair(3,0,b'',b'')
pair(3,30,b'',b'')
# v2
pair(2,1,fh2,w(0)+fattr2())
pair(2,4,fh2+name("x"),w(0)+fh2+fattr2())
pair(2,6,fh2+w(0,512,0),w(0)+fattr2())
pair(2,8,fh2+w(0,64,0,10)+opaque(b'z'*10),w(0)+fattr2())
pair(2,11,fh2+name("a")+fh2+name("b"),w(0))
pair(2,16,fh2+w(0,1024),w(0)+w(0,0,1))
pair(2,17,fh2,w(0)+w(8192,4096,100,50,40))
pair(2,17,fh2,w(70))
# v4 compound
pair(4,1,w(0)+w(0,1)+w(9)+fh2,w(0,0,0))
# errors
x[0]+=1; pk.append(ip(udp(700,2049,call(x[0],3,1,fhbad)),17,C,S)); pk.append(ip(udp(2049,700,reply(x[0],b'',1)),17,S,C))
x[0]+=1; pk.append(ip(udp(2049,700,w(x[0],1,1,0,2,3)),17,S,C))
x[0]+=1; pk.append(ip(udp(2049,700,w(x[0],1,1,1,5)),17,S,C))
x[0]+=1; pk.append(ip(udp(2049,700,w(x[0],1,1,7)),17,S,C))
x[0]+=1; pk.append(ip(udp(2049,700,w(x[0],1,2)),17,S,C))
# names whose length cannot be padded to 4 bytes (tcpdump: invalid, then cut), and write
# stability modes past the known ones (tcpdump writes them signed)
pair(3,3,fh3+w(0xfffffffd),None)
pair(3,14,fh3+name("a")+fh3+w(0xffffffff)+name("b"),None)
pair(3,10,fh3+name("ln")+sattr+w(0xfffffffe),None)
pair(3,5,fh3,w(0)+post()+w(0xfffffffd))
pair(2,5,fh2,w(0)+w(0xffffffff))
pair(3,7,fh3+h(0)+w(17,0xaaaaaaaa,17)+opaque(b'y'*17),w(0)+wcc()+w(17,0x80000000)+h(1))
pair(3,7,fh3+h(0)+w(17,7,17)+opaque(b'y'*17),w(0)+wcc()+w(17,3)+h(1))
# credentials and verifiers of sizes near 2^32: tcpdump's roundup2() wraps to 0 for its
# checks, then its pointer steps over the whole size, past the capture (a read's cut)
def raw_call(v, proc, auth, args): x[0]+=1; return ip(udp(700,2049,w(x[0],0,2,100003,v,proc)+auth+args),17,C,S)
pk.append(raw_call(3,17,w(0,0xffffffff)+w(0,0),fh3+h(0)+h(0)+w(512,1024)))
pk.append(raw_call(3,17,cred+w(0,0xfffffffd),fh3+h(0)+h(0)+w(512,1024)))
pk.append(raw_call(2,4,w(0,0xfffffffe)+w(0,0),fh2))
# cut inside the credentials: in the size word (a read) and in the body (a check)
cuts=[]
full=raw_call(3,1,cred+verf,fh3)
for n in (20+8+28+2, 20+8+28+6, 20+8+28+20, 20+8+60+2):
    cuts.append((full[:n], len(full)))
with open('nfs_crafted.pcap','wb') as f:
    f.write(struct.pack('<IHHiIII',0xa1b2c3d4,2,4,0,0,65535,101))
    for i,p in enumerate(pk):
        f.write(struct.pack('<IIII',i,0,len(p),len(p))); f.write(p)
    # truncated copies of some calls
    for i,p in enumerate(pk[:20]):
        cl=min(len(p), 28+40+random.randint(0,100))
        f.write(struct.pack('<IIII',100+i,0,cl,len(p))); f.write(p[:cl])
    for i,(p,wire) in enumerate(cuts):
        f.write(struct.pack('<IIII',200+i,0,len(p),wire)); f.write(p)
