#!/usr/bin/env bash
# Records testdata/fragments_ipv4.pcap and testdata/fragments_ipv6.pcap: IP fragments sent by
# the Linux stack between two network namespaces joined by a veth pair whose MTU is 1280.
# Run as root, on demand (CI does not run it):
#
#   sudo testdata/record_fragments.sh
#
# Needs: ip (iproute2), tcpdump, python3, ping (iputils-ping); ethtool too, to turn off checksum
# offload. Namespace wk-frag-a holds wk-fveth-a (10.78.0.1/24, fd78::1/64), wk-frag-b holds
# wk-fveth-b (10.78.0.2/24, fd78::2/64); both ends have MTU 1280. The capture runs on wk-fveth-a,
# and keeps only fragments (IPv4 with MF set or an offset; IPv6 with a fragment header). What is
# sent, for tests/defrag_recorded_test.ts to check against:
#
#   1. ping -c 1 -s 4000 -p 77697265 10.78.0.2: an echo request and its reply, 4008 bytes of
#      ICMP each, 4 fragments each way. The echo data is the pattern "wire" repeated, its first
#      16 bytes overwritten by ping's timestamp.
#   2. a UDP datagram 10.78.0.1:40000 -> 10.78.0.2:9000 of 3000 bytes, byte i = (7 * i + 3) % 256,
#      sent with IP_PMTUDISC_DONT: 3 fragments.
#   3. ping -6 -c 1 -s 3000 -p 77697265 fd78::2: 3 fragments each way.
#   4. the UDP datagram again over IPv6, [fd78::1]:40000 -> [fd78::2]:9000: 3 fragments.
#
# The namespaces are removed on exit, even on failure.
source "$(dirname "${BASH_SOURCE[0]}")/_netns.sh"
out4="$here/fragments_ipv4.pcap"
out6="$here/fragments_ipv6.pcap"
ns_a=wk-frag-a
ns_b=wk-frag-b
if_a=wk-fveth-a
if_b=wk-fveth-b
netns_require "apt-get install iproute2 tcpdump python3 iputils-ping ethtool" \
  ip tcpdump python3 ping

in_a() { ip netns exec "$ns_a" "$@"; }

echo "== setting up $ns_a <-> $ns_b (MTU 1280)"
netns_pair "$ns_a" "$if_a" "$ns_b" "$if_b"
ip -n "$ns_a" link set "$if_a" mtu 1280
ip -n "$ns_b" link set "$if_b" mtu 1280
netns_offload "$ns_a" "$if_a" tx
netns_offload "$ns_b" "$if_b" tx
netns_addr "$ns_a" "$if_a" 10.78.0.1/24 fd78::1/64
netns_addr "$ns_b" "$if_b" 10.78.0.2/24 fd78::2/64
sleep 2

echo "== capturing on $ns_a/$if_a"
# Fragments only: IPv4 with MF or an offset, IPv6 whose first next header is a fragment header.
netns_capture "$ns_a" "$if_a" "$work/all.pcap" \
  '(ip and ip[6:2] & 0x3fff != 0) or (ip6 and ip6[6] == 44)'

cat >"$work/udp.py" <<'PY'
import socket, sys

# Sends one UDP datagram of 3000 bytes, byte i = (7 * i + 3) % 256, to port 9000 of the peer
# given on the command line, letting the kernel fragment it.
peer = sys.argv[1]
family = socket.AF_INET6 if ":" in peer else socket.AF_INET
payload = bytes((7 * i + 3) % 256 for i in range(3000))
with socket.socket(family, socket.SOCK_DGRAM) as udp:
    if family == socket.AF_INET:
        udp.setsockopt(socket.IPPROTO_IP, 10, 0)  # IP_MTU_DISCOVER = IP_PMTUDISC_DONT
    udp.bind(("::" if family == socket.AF_INET6 else "0.0.0.0", 40000))
    udp.sendto(payload, (peer, 9000))
PY

in_a ping -n -c 1 -s 4000 -p 77697265 10.78.0.2 >/dev/null
in_a python3 "$work/udp.py" 10.78.0.2
in_a ping -6 -n -c 1 -s 3000 -p 77697265 fd78::2 >/dev/null
in_a python3 "$work/udp.py" fd78::2

netns_stop_capture

tcpdump -Z root -r "$work/all.pcap" -w "$out4" ip 2>/dev/null
tcpdump -Z root -r "$work/all.pcap" -w "$out6" ip6 2>/dev/null
chmod 644 "$out4" "$out6"
ls -l "$out4" "$out6"
tcpdump -r "$out4" -n -v 2>/dev/null
tcpdump -r "$out6" -n -v 2>/dev/null
