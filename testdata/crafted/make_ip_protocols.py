#!/usr/bin/env python3
"""Makes the crafted IP-protocol captures of testdata/crafted/ (no third-party bytes): run it from
anywhere, it writes next to itself. vrrp.pcap: VRRP versions 2 and 3 over IPv4 and IPv6,
with passwords, bad checksums, other TTLs and types, cut addresses, and a CARP packet.
pim.pcap: PIM Hello messages with each option tcpdump names, bad
lengths and checksums, over IPv4 and IPv6, and pim_types.pcap: the other message types.
ospf.pcap: OSPFv2 packets of every type, with router,
network, summary, external and NSSA LSAs, passwords and MD5 digests, link-local signaling,
bogus and cut lists.
eigrp.pcap: EIGRP packets with each TLV tcpdump decodes, unknown,
short, bad-length and cut TLVs. sctp_chunks.pcap: SCTP packets with every chunk type
tcpdump names, bundles, SACK gap blocks, bogus and cut chunks, and snapshot-cut packets."""
import os, struct
from _inet import csum
HERE = os.path.dirname(os.path.abspath(__file__))

def write_pcap(path, packets):
    """Writes raw IP packets (LINKTYPE_RAW, 101), one a second from 1000 s; a packet given
    as (bytes, captured_length) is cut to that length, as by a snapshot length."""
    with open(path, 'wb') as out:
        out.write(struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 65535, 101))
        for i, p in enumerate(packets):
            b, cap = p if isinstance(p, tuple) else (p, len(p))
            out.write(struct.pack('<IIII', 1000 + i, 0, cap, len(b)))
            out.write(b[:cap])
def ip(proto, payload, src=[10,0,0,1], dst=[10,0,0,2], ttl=64, extra=0):
    h=struct.pack('!BBHHHBBH4s4s',0x45,0,20+len(payload)+extra,1,0,ttl,proto,0,bytes(src),bytes(dst))
    h=h[:10]+struct.pack('!H',csum(h))+h[12:]
    return h+payload
def ip6(nh, payload):
    return struct.pack('!IHBB',0x60000000,len(payload),nh,64)+bytes.fromhex('20010db8000000000000000000000001')+bytes.fromhex('20010db8000000000000000000000002')+payload
def chunk(t, f, v, pad=True, length=None):
    l = 4+len(v) if length is None else length
    c = struct.pack('!BBH',t,f,l)+v
    if pad: c += b'\0'*((4-len(c)%4)%4)
    return c
def sctp(chunks, sp=2905, dp=2905, tag=0x01020304):
    return struct.pack('!HHII',sp,dp,tag,0)+b''.join(chunks)
init = struct.pack('!IIHHI',0xdeadbeef,65536,10,65535,12345)+bytes.fromhex('000c00060005')
pk=[]
pk.append(ip(132, sctp([chunk(1,0,init)],tag=0)))
pk.append(ip(132, sctp([chunk(2,0,init+bytes.fromhex('0007000800112233'))])))
pk.append(ip(132, sctp([chunk(10,0,b'cookie!')])))
pk.append(ip(132, sctp([chunk(11,0,b'')])))
pk.append(ip(132, sctp([chunk(0,3,struct.pack('!IHHI',100,1,2,3)+b'hello')])))
pk.append(ip(132, sctp([chunk(0,4,struct.pack('!IHHI',101,0,0,46)+b'abcd'), chunk(0,2,struct.pack('!IHHI',102,0,0,99)+b'x')])))
pk.append(ip(132, sctp([chunk(3,0,struct.pack('!IIHH',100,5000,2,1)+struct.pack('!HHHH',2,3,5,6)+struct.pack('!I',99))])))
pk.append(ip(132, sctp([chunk(4,0,bytes.fromhex('0001000c0102030405060708')), chunk(5,0,bytes.fromhex('0001000c0102030405060708'))])))
pk.append(ip(132, sctp([chunk(7,0,struct.pack('!I',5)), chunk(8,0,b''), chunk(14,1,b''), chunk(6,0,b''), chunk(9,0,b''), chunk(12,0,b'\0\0\0\1'), chunk(13,0,b'\0\0\0\1'), chunk(0xc0,0,b'\0\0\0\1'), chunk(0x80,0,b'zz'), chunk(0xc1,0,b''), chunk(0xc2,0,b'')])))
pk.append(ip(132, sctp([chunk(0,3,struct.pack('!IHHI',100,1,2,3))])))  # bogus (no payload)
pk.append(ip(132, sctp([chunk(0,0,b'\0\0\0\0\0\0', pad=False)])))  # bogus short data
pk.append(ip(132, sctp([chunk(11,0,b'',length=2)])))  # bad chunk length < 4
pk.append(ip(132, sctp([chunk(11,0,b'')])+b'\0\0'))  # cut descriptor
pk.append(ip(132, sctp([chunk(11,0,b'abcdefgh')]), extra=0)+b'')
pk.append(ip(132, sctp([chunk(3,0,struct.pack('!IIHH',100,5000,3,0)+struct.pack('!HH',2,3))])))  # sack bogus? gap count 3 only 1
pk.append(ip6(132, sctp([chunk(1,0,init)], sp=5060, dp=5061)))
pk.append(ip(132, sctp([chunk(0,3,struct.pack('!IHHI',100,1,2,18)+b'hello world')], sp=36412, dp=36412)))
# (ForCES ports left out: wirekit does not print ForCES)
pk.append(ip(132, sctp([chunk(11,0,b'a'*7)]))[:-1])  # IP len says 1 byte less than padded
pk.append(ip(132, sctp([chunk(11,0,b'abcd', length=200)])))  # chunk length beyond packet
# Cut by the snapshot length.
pk.append((ip(132, sctp([chunk(1,0,init)])), 40))
pk.append((ip(132, sctp([chunk(11,0,b''), chunk(0,3,struct.pack('!IHHI',100,1,2,3)+b'hello')])), 40))
pk.append((ip(132, sctp([chunk(11,0,b'')])), 30))
write_pcap(os.path.join(HERE, 'sctp_chunks.pcap'), pk)


def ip6_pseudo(payload, nh, src, dst):
    return src + dst + struct.pack('!IxxxB', len(payload), nh) + payload

def vrrp2(vrid, prio, addrs, auth=0, password=b'', interval=1, fix=True, first=0x21):
    body = struct.pack('!BBBBBBH', first, vrid, prio, len(addrs), auth, interval, 0)
    body += b''.join(bytes(a) for a in addrs) + password
    if fix:
        body = body[:6] + struct.pack('!H', csum(body)) + body[8:]
    return body

def vrrp3(vrid, prio, addrs, interval=100, pseudo=None, first=0x31):
    body = struct.pack('!BBBBHH', first, vrid, prio, len(addrs), interval, 0)
    body += b''.join(bytes(a) for a in addrs)
    if pseudo is not None:
        body = body[:6] + struct.pack('!H', csum(pseudo(body))) + body[8:]
    return body

src6 = bytes.fromhex('fe800000000000000000000000000001')
dst6 = bytes.fromhex('ff020000000000000000000000000012')
def ip6ll(nh, payload, hlim=255):
    return struct.pack('!IHBB', 0x60000000, len(payload), nh, hlim) + src6 + dst6 + payload
def v4pseudo(body, src=[10,0,0,1], dst=[224,0,0,18]):
    return bytes(src) + bytes(dst) + struct.pack('!BBH', 0, 112, len(body)) + body

vr = []
g = [224, 0, 0, 18]
vr.append(ip(112, vrrp2(1, 100, [[192,168,0,1]]), dst=g, ttl=255))
vr.append(ip(112, vrrp2(2, 254, [[192,168,0,1],[192,168,0,2]], auth=1, password=b'secret\0\0'), dst=g, ttl=255))
vr.append(ip(112, vrrp2(3, 1, [[10,1,1,1]], auth=2, password=b'\0' * 8), dst=g, ttl=64))
vr.append(ip(112, vrrp2(4, 100, [[10,1,1,1]], fix=False), dst=g, ttl=255))
vr.append(ip(112, vrrp2(5, 100, [[10,1,1,1]], auth=7), dst=g, ttl=255))
vr.append(ip(112, vrrp2(6, 100, [[10,1,1,1]], first=0x22), dst=g, ttl=255))
vr.append(ip(112, vrrp3(7, 100, [[10,2,2,2]], pseudo=v4pseudo), dst=g, ttl=255))
vr.append(ip(112, vrrp3(8, 100, [[10,2,2,2]], interval=0x1234), dst=g, ttl=255))
vr.append(ip6ll(112, vrrp3(9, 200, [list(bytes.fromhex('fe800000000000000000000000000009')), list(bytes.fromhex('20010db8000000000000000000000009'))], pseudo=lambda b: ip6_pseudo(b, 112, src6, dst6))))
vr.append(ip6ll(112, vrrp3(10, 200, [list(bytes.fromhex('fe80000000000000000000000000000a'))]), hlim=1))
vr.append(ip(112, vrrp2(11, 100, [[10,1,1,1]], first=0x11), dst=g, ttl=255))
# CARP (version 2, type 1, vhid 12, advskew 0, authlen 7, demote 0, advbase 1, counter, HMAC)
vr.append(ip(112, bytes.fromhex('210c0007000100000000000000000001') + bytes(20), dst=g, ttl=255))
# Addresses and password cut by the snapshot length.
vr.append((ip(112, vrrp2(13, 100, [[10,1,1,1],[10,1,1,2]]), dst=g, ttl=255), 32))
vr.append((ip(112, vrrp2(14, 100, [[10,1,1,1]], auth=1, password=b'abcdefgh'), dst=g, ttl=255), 34))
vr.append((ip(112, vrrp2(15, 100, [[10,1,1,1]]), dst=g, ttl=255), 26))
write_pcap(os.path.join(HERE, 'vrrp.pcap'), vr)


def pim(type_, body, pseudo=None, fix=True, version=2, reserved=0):
    msg = struct.pack('!BBH', (version << 4) | type_, reserved, 0) + body
    if fix:
        c = csum(pseudo(msg) if pseudo else msg)
        msg = msg[:2] + struct.pack('!H', c) + msg[4:]
    return msg

def opt(t, v):
    return struct.pack('!HH', t, len(v)) + v

allopts = (opt(1, b'\x00\x69') + opt(2, struct.pack('!HH', 0x81f4, 2500)) + opt(19, struct.pack('!I', 7))
           + opt(18, b'') + opt(20, bytes.fromhex('3f0ef4cd')) + opt(21, bytes.fromhex('013c0000'))
           + opt(22, b'') + opt(24, bytes.fromhex('0100c0a80001')) + opt(65001, bytes.fromhex('0100c0a80002'))
           + opt(21, bytes.fromhex('02000102')) + opt(99, bytes(range(20))))
pimall = [224, 0, 0, 13]
pm = []
pm.append(ip(103, pim(0, allopts), dst=pimall, ttl=1))
pm.append(ip(103, pim(0, opt(1, b'\x00\x69'), fix=False), dst=pimall, ttl=1))
pm.append(ip(103, pim(0, opt(1, b'\x00\x69\x00')), dst=pimall, ttl=1))
pm.append(ip(103, pim(0, opt(19, b'\x00\x01')), dst=pimall, ttl=1))
pm.append(ip(103, pim(0, opt(20, b'\x00\x01')), dst=pimall, ttl=1))
pm.append(ip(103, pim(0, opt(21, b'\x00')), dst=pimall, ttl=1))
pm.append(ip(103, pim(0, opt(2, b'\x00')), dst=pimall, ttl=1))
pm.append(ip(103, pim(0, opt(1, b'\x00\x69') + b'\x00\x01'), dst=pimall, ttl=1))
pm.append(ip(103, pim(0, struct.pack('!HH', 1, 8) + b'\x00\x69'), dst=pimall, ttl=1))
pm.append(ip(103, pim(0, opt(1, b'\x00\x69'), reserved=0x01), dst=pimall, ttl=1))
pm.append(ip6ll(103, pim(0, opt(1, b'\x00\x69') + opt(20, bytes.fromhex('01020304')),
                         pseudo=lambda b: ip6_pseudo(b, 103, src6, bytes.fromhex('ff02000000000000000000000000000d'))), hlim=1))
pm.append(ip(103, pim(0, b'', version=1), dst=pimall, ttl=1))
pm.append(ip(103, pim(0, b'', version=3), dst=pimall, ttl=1))
pm.append(ip(103, pim(0, b'', fix=False), dst=pimall, ttl=1))
# Cut by the snapshot length: in the options, and in the header.
pm.append((ip(103, pim(0, allopts), dst=pimall, ttl=1), 40))
pm.append((ip(103, pim(0, allopts), dst=pimall, ttl=1), 22))
pm.append((ip(103, pim(0, allopts), dst=pimall, ttl=1), 21))
write_pcap(os.path.join(HERE, 'pim.pcap'), pm)
# The other message types (wirekit prints their one-line form, not their -v bodies).
write_pcap(os.path.join(HERE, 'pim_types.pcap'),
           [ip(103, pim(t, bytes(8)), dst=[10, 0, 0, 2]) for t in range(1, 16)])


def eigrp(opcode, tlvs, version=2, flags=0, seq=0, ack=0, asn=100):
    msg = struct.pack('!BBHIIIHH', version, opcode, 0, flags, seq, ack, 0, asn) + b''.join(tlvs)
    return msg[:2] + struct.pack('!H', csum(msg)) + msg[4:]

def tlv(t, v, length=None):
    return struct.pack('!HH', t, 4 + len(v) if length is None else length) + v

params = tlv(1, bytes([1, 0, 1, 0, 0, 0]) + struct.pack('!H', 15))
sw = tlv(4, bytes([12, 4, 1, 2]))
internal = tlv(0x102, bytes([0, 0, 0, 0]) + struct.pack('!II', 2816000 // 10, 100000) + bytes([0, 5, 0xdc, 1, 255, 1, 0, 0, 24, 10, 1, 2]))
internal2 = tlv(0x102, bytes([10, 0, 0, 9]) + struct.pack('!II', 25600, 1544) + bytes([0, 5, 0xdc, 0, 255, 1, 0, 0, 30, 192, 168, 3, 4]))
external = tlv(0x103, bytes([0, 0, 0, 0, 10, 9, 9, 9]) + struct.pack('!IIIHBB', 65001, 0xabcd, 20, 0, 9, 0x40)
               + struct.pack('!II', 512000, 10000) + bytes([0, 5, 0xdc, 2, 200, 3, 0, 0, 16, 172, 16]))
eg = []
eigrp_all = [224, 0, 0, 10]
eg.append(ip(88, eigrp(5, [params, sw]), dst=eigrp_all, ttl=2))
eg.append(ip(88, eigrp(1, [internal, internal2, external], flags=9, seq=7, ack=3), dst=[10, 0, 0, 2], ttl=2))
eg.append(ip(88, eigrp(3, [internal]), dst=[10, 0, 0, 2]))
eg.append(ip(88, eigrp(4, [tlv(3, bytes([4, 10, 0, 0, 2])), tlv(5, struct.pack('!I', 9)), tlv(0x9999, b'abc')]), dst=[10, 0, 0, 2]))
eg.append(ip(88, eigrp(5, [tlv(1, bytes(4)), tlv(4, b''), tlv(0x102, bytes(8))]), dst=eigrp_all))
eg.append(ip(88, eigrp(5, [params, tlv(4, b'\0\0', length=40)]), dst=eigrp_all))
eg.append(ip(88, eigrp(5, [params, tlv(4, b'', length=2)]), dst=eigrp_all))
eg.append(ip(88, eigrp(1, [tlv(0x102, bytes(4) + bytes(17) + bytes([33, 1]))]), dst=eigrp_all))
eg.append(ip(88, eigrp(8, []), dst=eigrp_all))
eg.append(ip(88, eigrp(5, [], version=1), dst=eigrp_all))
eg.append((ip(88, eigrp(5, [params, sw]), dst=eigrp_all), 50))
eg.append((ip(88, eigrp(5, [params, sw]), dst=eigrp_all), 46))
eg.append((ip(88, eigrp(5, [params, sw]), dst=eigrp_all), 30))
write_pcap(os.path.join(HERE, 'eigrp.pcap'), eg)


def ospf2(type_, body, router=[10, 0, 0, 1], area=[0, 0, 0, 0], auth=0, authdata=bytes(8), trailer=b'', length=None):
    l = 24 + len(body) if length is None else length
    msg = struct.pack('!BBH4s4sHH', 2, type_, l, bytes(router), bytes(area), 0, auth) + authdata + body
    if auth != 2:
        c = csum(msg[:16] + msg[24:])
        msg = msg[:12] + struct.pack('!H', c) + msg[14:]
    return msg + trailer

def lsahdr(type_, lsid, adv, length, age=30, options=0x22, seq=0x80000001):
    return struct.pack('!HBB4s4sIHH', age, options, type_, bytes(lsid), bytes(adv), seq, 0, length)

def lsa(type_, lsid, adv, body, **kw):
    return lsahdr(type_, lsid, adv, 20 + len(body), **kw) + body

rtr = lsa(1, [1, 1, 1, 1], [1, 1, 1, 1], struct.pack('!BBH', 0x03, 0, 4)
          + bytes([2, 2, 2, 2, 10, 0, 0, 1, 1, 0, 0, 10])
          + bytes([10, 0, 0, 0, 10, 0, 0, 1, 2, 1, 0, 20, 1, 0, 0, 30])
          + bytes([10, 9, 0, 0, 255, 255, 255, 0, 3, 0, 0, 1])
          + bytes([3, 3, 3, 3, 10, 0, 0, 9, 4, 0, 0, 5]))
net = lsa(2, [10, 0, 0, 1], [1, 1, 1, 1], bytes([255, 255, 255, 0, 1, 1, 1, 1, 2, 2, 2, 2]))
summ = lsa(3, [10, 5, 0, 0], [1, 1, 1, 1], bytes([255, 255, 0, 0]) + struct.pack('!II', 100, 0x01000064))
asbr = lsa(4, [4, 4, 4, 4], [1, 1, 1, 1], bytes(4) + struct.pack('!I', 64))
ext = lsa(5, [172, 16, 0, 0], [4, 4, 4, 4], bytes([255, 255, 0, 0]) + struct.pack('!I4s4s', 0x80000014, bytes([10, 0, 0, 7]), bytes([0, 0, 0, 9]))
          + struct.pack('!I4s4s', 0x00ffffff, bytes(4), bytes(4)))
nssa = lsa(7, [192, 168, 0, 0], [4, 4, 4, 4], bytes([255, 255, 255, 0]) + struct.pack('!I4s4s', 0x00000001, bytes([10, 0, 0, 7]), bytes(4)), options=0x08)
hdrs = lsahdr(1, [1, 1, 1, 1], [1, 1, 1, 1], 60) + lsahdr(2, [10, 0, 0, 1], [1, 1, 1, 1], 32) + lsahdr(11, [4, 0, 0, 1], [2, 2, 2, 2], 28, age=3600)
hello = struct.pack('!4sHBBI4s4s', bytes([255, 255, 255, 0]), 10, 0x02, 1, 40, bytes([10, 0, 0, 1]), bytes(4))
os_ = []
allspf = [224, 0, 0, 5]
os_.append(ip(89, ospf2(1, hello, area=[0, 0, 0, 1]), dst=allspf, ttl=1))
os_.append(ip(89, ospf2(1, hello, auth=1, authdata=b'pass\x01\xff\0\0'), dst=allspf, ttl=1))
os_.append(ip(89, ospf2(1, hello, auth=2, authdata=bytes([0, 0, 1, 16, 0, 0, 0, 7]), trailer=bytes(range(16))), dst=allspf, ttl=1))
os_.append(ip(89, ospf2(1, hello, auth=9), dst=allspf, ttl=1))
os_.append(ip(89, ospf2(2, struct.pack('!HBBI', 1500, 0x42, 0x07, 0x1234) + hdrs), dst=[10, 0, 0, 2], ttl=1))
os_.append(ip(89, ospf2(2, struct.pack('!HBBI', 0, 0x02, 0x00, 0x1235)), dst=[10, 0, 0, 2], ttl=1))
os_.append(ip(89, ospf2(3, struct.pack('!I4s4s', 1, bytes([1, 1, 1, 1]), bytes([1, 1, 1, 1])) + struct.pack('!I4s4s', 10, bytes([1, 0, 0, 8]), bytes([1, 1, 1, 1]))), dst=[10, 0, 0, 2], ttl=1))
os_.append(ip(89, ospf2(4, struct.pack('!I', 6) + rtr + net + summ + asbr + ext + nssa), dst=allspf, ttl=1))
os_.append(ip(89, ospf2(5, hdrs), dst=allspf, ttl=1))
os_.append(ip(89, ospf2(5, lsahdr(1, [1, 1, 1, 1], [1, 1, 1, 1], 8)), dst=allspf, ttl=1))
os_.append(ip(89, ospf2(4, struct.pack('!I', 2) + lsahdr(1, [1, 1, 1, 1], [1, 1, 1, 1], 4)), dst=allspf, ttl=1))
os_.append(ip(89, ospf2(4, struct.pack('!I', 3) + net), dst=allspf, ttl=1))
os_.append(ip(89, ospf2(1, hello, length=40), dst=allspf, ttl=1))
os_.append(ip(89, ospf2(9, b''), dst=allspf, ttl=1))
# Link-local signaling after Hello and DD packets (the L option), with and without MD5.
hello_l = hello[:6] + bytes([0x12]) + hello[7:]
lls_eo = struct.pack('!HHHHI', 0xabcd, 3, 1, 4, 1)
lls_both = struct.pack('!HHHHIHH', 0x1234, 9, 1, 4, 3, 2, 20) + struct.pack('!I', 77) + bytes(16)
os_.append(ip(89, ospf2(1, hello_l, length=44, trailer=lls_eo), dst=allspf, ttl=1))
os_.append(ip(89, ospf2(2, struct.pack('!HBBI', 1500, 0x52, 0x07, 0x99), length=32, trailer=lls_both), dst=[10, 0, 0, 2], ttl=1))
os_.append(ip(89, ospf2(1, hello_l, length=44, auth=2, authdata=bytes([0, 0, 1, 16, 0, 0, 0, 8]), trailer=bytes(16) + lls_eo + bytes(16)), dst=allspf, ttl=1))
os_.append(ip(89, ospf2(1, hello_l, length=44, auth=2, authdata=bytes([0, 0, 1, 16, 0, 0, 0, 9]), trailer=bytes(16) + bytes(4)), dst=allspf, ttl=1))
os_.append(ip(89, ospf2(1, hello_l, length=44, trailer=struct.pack('!HHHH', 0, 2, 1, 8)), dst=allspf, ttl=1))
os_.append((ip(89, ospf2(1, hello_l, length=44, trailer=lls_eo), dst=allspf, ttl=1), 74))
os_.append((ip(89, ospf2(4, struct.pack('!I', 1) + rtr), dst=allspf, ttl=1), 80))
os_.append((ip(89, ospf2(3, struct.pack('!I4s4s', 1, bytes([1, 1, 1, 1]), bytes([1, 1, 1, 1])) * 2), dst=allspf, ttl=1), 60))
os_.append((ip(89, ospf2(1, hello), dst=allspf, ttl=1), 40))
write_pcap(os.path.join(HERE, 'ospf.pcap'), os_)
