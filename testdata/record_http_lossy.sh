#!/usr/bin/env bash
# Records testdata/http_lossy.pcap: curl downloading two files over HTTP from a python3
# http.server between two network namespaces, over a lossy link, so that TCP retransmits
# for real. Run as root, on demand (CI does not run it):
#
#   sudo testdata/record_http_lossy.sh
#
# Needs: ip (iproute2), nft (nftables), ethtool, tcpdump, curl, python3, deno.
# Namespace wk-la holds wk-lveth-a (10.78.0.1/24), the client; wk-lb holds wk-lveth-b
# (10.78.0.2/24), the server. Offloads are off (no TSO/GSO/GRO: every segment is a packet
# of the MTU). Losses, from nftables rules with `numgen random`:
# - wk-lb drops LOSS_OUT% (default 4) of its TCP packets on output: the capture, on the
#   client's interface, never sees them, so segments arrive out of order after the hole;
# - wk-la drops LOSS_IN% (default 4) of the TCP packets it receives, on input, after the
#   capture saw them: the capture holds both the lost copy and its retransmission.
# The files served are made by testdata/http_bodies.ts. The namespaces are removed on
# exit, even on failure.
source "$(dirname "${BASH_SOURCE[0]}")/_netns.sh"
out="$here/http_lossy.pcap"
ns_a=wk-la
ns_b=wk-lb
if_a=wk-lveth-a
if_b=wk-lveth-b
loss_out=${LOSS_OUT:-4}
loss_in=${LOSS_IN:-4}
netns_require \
  "apt-get install iproute2 nftables ethtool tcpdump curl python3" \
  ip nft ethtool tcpdump curl python3 deno

echo "== setting up $ns_a <-> $ns_b (loss: $loss_out% out of the server, $loss_in% into the client)"
netns_pair "$ns_a" "$if_a" "$ns_b" "$if_b"
netns_addr "$ns_a" "$if_a" 10.78.0.1/24
netns_addr "$ns_b" "$if_b" 10.78.0.2/24
netns_offload "$ns_a" "$if_a" tso gso gro tx rx
netns_offload "$ns_b" "$if_b" tso gso gro tx rx
ip netns exec "$ns_b" nft add table inet lossy
ip netns exec "$ns_b" nft add chain inet lossy out '{ type filter hook output priority 0; }'
ip netns exec "$ns_b" nft add rule inet lossy out meta l4proto tcp numgen random mod 100 '<' "$loss_out" drop
ip netns exec "$ns_a" nft add table inet lossy
ip netns exec "$ns_a" nft add chain inet lossy in '{ type filter hook input priority 0; }'
ip netns exec "$ns_a" nft add rule inet lossy in meta l4proto tcp numgen random mod 100 '<' "$loss_in" drop

mkdir "$work/www"
deno run --allow-write="$work/www" "$here/http_bodies.ts" "$work/www"
ip netns exec "$ns_b" python3 -m http.server 8000 --bind 10.78.0.2 --directory "$work/www" \
  >/dev/null 2>&1 &
netns_pids+=($!)
netns_capture "$ns_a" "$if_a" "$work/http_lossy.pcap" tcp port 8000
sleep 2

echo "== downloading"
for name in a.bin b.bin; do
  ip netns exec "$ns_a" curl -sS --retry 3 --retry-connrefused -o "$work/$name.got" "http://10.78.0.2:8000/$name"
  cmp "$work/www/$name" "$work/$name.got"
done
sleep 1
netns_stop_capture
cp "$work/http_lossy.pcap" "$out"
echo "== wrote $out ($(stat -c %s "$out") bytes)"
