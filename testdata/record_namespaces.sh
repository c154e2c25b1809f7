#!/usr/bin/env bash
# Records testdata/namespaces.pcap and testdata/namespaces.pcapng: real traffic between two
# network namespaces joined by a veth pair. Run as root, on demand (CI does not run it):
#
#   sudo testdata/record_namespaces.sh
#
# Needs: ip (iproute2), tcpdump, editcap (wireshark-common or tshark), python3, ping
# (iputils-ping); ethtool too, to turn off checksum offload.
# Namespace wk-a holds wk-veth-a (10.77.0.1/24, fd77::1/64, 02:77:00:00:00:01) and, when the
# kernel supports 802.1Q, a VLAN 77 sub-interface wk-veth-a.77 (10.77.77.1/24); namespace wk-b
# mirrors it with .2 / ::2 / :02.
# The capture runs on wk-veth-a. The namespaces are removed on exit, even on failure.
source "$(dirname "${BASH_SOURCE[0]}")/_netns.sh"
out_pcap="$here/namespaces.pcap"
out_pcapng="$here/namespaces.pcapng"
ns_a=wk-a
ns_b=wk-b
if_a=wk-veth-a
if_b=wk-veth-b
vlan_id=77
netns_require \
  "apt-get install iproute2 tcpdump tshark python3 iputils-ping ethtool" \
  ip tcpdump editcap python3 ping

# Background jobs call "ip netns exec" directly (not these functions) so that $! is their pid.
in_a() { ip netns exec "$ns_a" "$@"; }
in_b() { ip netns exec "$ns_b" "$@"; }
server_pids=()

echo "== setting up $ns_a <-> $ns_b"
netns_pair "$ns_a" "$if_a" "$ns_b" "$if_b"
ip -n "$ns_a" link set "$if_a" address 02:77:00:00:00:01
ip -n "$ns_b" link set "$if_b" address 02:77:00:00:00:02
ip -n "$ns_a" addr add 10.77.0.1/24 dev "$if_a"
ip -n "$ns_b" addr add 10.77.0.2/24 dev "$if_b"
ip -n "$ns_a" -6 addr add fd77::1/64 dev "$if_a" nodad
ip -n "$ns_b" -6 addr add fd77::2/64 dev "$if_b" nodad
# 802.1Q sub-interfaces when the kernel has VLAN support (8021q); otherwise the VLAN exchange
# below is sent as hand-made tagged frames through AF_PACKET sockets.
if ip -n "$ns_a" link add link "$if_a" name "$if_a.$vlan_id" type vlan id "$vlan_id" 2>/dev/null; then
  vlan=kernel
  ip -n "$ns_b" link add link "$if_b" name "$if_b.$vlan_id" type vlan id "$vlan_id"
  ip -n "$ns_a" addr add 10.77.77.1/24 dev "$if_a.$vlan_id"
  ip -n "$ns_b" addr add 10.77.77.2/24 dev "$if_b.$vlan_id"
  ip -n "$ns_a" link set "$if_a.$vlan_id" up
  ip -n "$ns_b" link set "$if_b.$vlan_id" up
else
  vlan=crafted
  echo "   (no 802.1Q support in this kernel: the VLAN $vlan_id exchange is sent as raw frames)"
fi
# Without this, veth leaves TCP/UDP checksums of local senders unfilled (checksum offload) and
# the capture shows them as wrong.
netns_offload "$ns_a" "$if_a" tx
netns_offload "$ns_b" "$if_b" tx
ip -n "$ns_a" link set "$if_a" up
ip -n "$ns_b" link set "$if_b" up
# Let link-local addresses, DAD and MLD reports settle before the capture starts.
sleep 3
ip -n "$ns_a" neigh flush all
ip -n "$ns_b" neigh flush all

echo "== capturing on $ns_a/$if_a"
rm -f "$out_pcap" "$out_pcapng"
netns_capture "$ns_a" "$if_a" "$out_pcap"

# 1. ARP, then ICMP echo over IPv4.
in_a ping -n -c 2 -i 0.2 10.77.0.2 >/dev/null
# 2. NDP (neighbor solicitation/advertisement), then ICMPv6 echo.
in_a ping -6 -n -c 2 -i 0.2 fd77::2 >/dev/null
# 3. ARP and ICMP echo inside 802.1Q VLAN 77.
if [[ $vlan == kernel ]]; then
  in_a ping -n -c 2 -i 0.2 10.77.77.2 >/dev/null
else
  cat >"$work/vlan.py" <<'PY'
import socket, struct, sys

# Sends one hand-made 802.1Q-tagged frame (VLAN 77) of the exchange
# "ARP request, ARP reply, ICMP echo request, ICMP echo reply" between
# 10.77.77.1 (02:77:00:00:00:01, namespace wk-a) and 10.77.77.2 (:02, wk-b).
MAC = {1: bytes.fromhex("027700000001"), 2: bytes.fromhex("027700000002")}
IP = {1: socket.inet_aton("10.77.77.1"), 2: socket.inet_aton("10.77.77.2")}

def checksum(data):
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF

def tagged(dst, src, ethertype, payload):
    return dst + src + struct.pack("!HHH", 0x8100, 77, ethertype) + payload

def arp(op, me, peer):
    target = MAC[peer] if op == 2 else bytes(6)
    body = struct.pack("!HHBBH", 1, 0x0800, 6, 4, op) + MAC[me] + IP[me] + target + IP[peer]
    return tagged(b"\xff" * 6 if op == 1 else MAC[peer], MAC[me], 0x0806, body)

def echo(icmp_type, me, peer):
    data = b"wirekit vlan 77!"
    icmp = struct.pack("!BBHHH", icmp_type, 0, 0, 0x7777, 1) + data
    icmp = icmp[:2] + struct.pack("!H", checksum(icmp)) + icmp[4:]
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(icmp), 0x0777 + me, 0x4000, 64, 1, 0,
                     IP[me], IP[peer])
    ip = ip[:10] + struct.pack("!H", checksum(ip)) + ip[12:]
    return tagged(MAC[peer], MAC[me], 0x0800, ip + icmp)

frames = {
    "arp-request": (1, arp(1, 1, 2)),
    "arp-reply": (2, arp(2, 2, 1)),
    "echo-request": (1, echo(8, 1, 2)),
    "echo-reply": (2, echo(0, 2, 1)),
}
me, frame = frames[sys.argv[1]]
with socket.socket(socket.AF_PACKET, socket.SOCK_RAW) as raw:
    raw.bind(("wk-veth-a" if me == 1 else "wk-veth-b", 0))
    raw.send(frame)
PY
  in_a python3 "$work/vlan.py" arp-request
  in_b python3 "$work/vlan.py" arp-reply
  in_a python3 "$work/vlan.py" echo-request
  in_b python3 "$work/vlan.py" echo-reply
fi

# 4. A TCP connection exchanging a few lines: the server answers each line in upper case.
ip netns exec "$ns_b" python3 -c '
import socket
with socket.create_server(("10.77.0.2", 7777)) as server:
    connection, _ = server.accept()
    with connection, connection.makefile("rwb", buffering=0) as stream:
        for line in stream:
            stream.write(line.upper())
' &
netns_pids+=($!)
server_pids+=($!)
# 5. A DNS server on UDP 53 that answers the one query below with an A record.
ip netns exec "$ns_b" python3 -c '
import socket, struct
with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as server:
    server.bind(("10.77.0.2", 53))
    query, client = server.recvfrom(512)
    ident, = struct.unpack("!H", query[:2])
    question = query[12:]
    answer = struct.pack("!HHHLH", 0xC00C, 1, 1, 300, 4) + socket.inet_aton("10.77.0.53")
    header = struct.pack("!HHHHHH", ident, 0x8180, 1, 1, 0, 0)
    server.sendto(header + question + answer, client)
' &
netns_pids+=($!)
server_pids+=($!)
for port in 7777 53; do
  for _ in $(seq 100); do
    in_b ss -Hlnut "sport = :$port" | grep -q . && break
    sleep 0.1
  done
done

in_a python3 -c '
import socket
with socket.create_connection(("10.77.0.2", 7777), timeout=5) as connection:
    stream = connection.makefile("rwb", buffering=0)
    for line in (b"hello wirekit\n", b"second line\n", b"bye\n"):
        connection.sendall(line)
        assert stream.readline() == line.upper()
'
in_a python3 -c '
import socket, struct, time
# A DNS query (RFC 1035): id 0x1234, recursion desired, one question: example.com A IN.
qname = b"".join(bytes([len(label)]) + label for label in (b"example", b"com")) + b"\0"
query = struct.pack("!HHHHHH", 0x1234, 0x0100, 1, 0, 0, 0) + qname + struct.pack("!HH", 1, 1)
with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
    udp.settimeout(5)
    udp.sendto(query, ("10.77.0.2", 53))
    reply, _ = udp.recvfrom(512)
    assert reply[:2] == b"\x12\x34" and reply[-4:] == socket.inet_aton("10.77.0.53")
    # Two datagrams to a closed port: ICMP port unreachable comes back for each.
    for n in range(2):
        udp.sendto(b"wirekit datagram %d\n" % n, ("10.77.0.2", 9999))
        time.sleep(0.2)
with socket.socket(socket.AF_INET6, socket.SOCK_DGRAM) as udp6:
    # The same over IPv6: ICMPv6 destination unreachable (port) comes back.
    udp6.sendto(b"wirekit datagram over IPv6\n", ("fd77::2", 9999))
    time.sleep(0.2)
'
wait "${server_pids[@]}"

netns_stop_capture

editcap -F pcapng --capture-comment "wirekit testdata: two network namespaces joined by a veth pair" \
  "$out_pcap" "$out_pcapng"
chmod 644 "$out_pcap" "$out_pcapng"
ls -l "$out_pcap" "$out_pcapng"
tcpdump -r "$out_pcap" -n -e 2>/dev/null
