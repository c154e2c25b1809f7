#!/usr/bin/env bash
# Records testdata/http_sessions.pcap: HTTP/1.x between two network namespaces joined by a
# veth pair, with every framing case HttpSession handles. Run as root, on demand (CI does
# not run it):
#
#   sudo PATH="$PWD/node_modules/deno:$PATH" testdata/record_http.sh
#
# Needs: ip (iproute2), ethtool, tcpdump, curl, deno. Namespace wk-http-s (10.79.0.1) runs
# _http_server.ts on port 8080; namespace wk-http-c (10.79.0.2) sends requests with curl and,
# for pipelining, with bash's /dev/tcp. The namespaces are removed on exit, even on failure.
source "$(dirname "${BASH_SOURCE[0]}")/_netns.sh"
out="$here/http_sessions.pcap"
ns_s=wk-http-s
ns_c=wk-http-c
netns_require "apt-get install iproute2 ethtool tcpdump curl; deno: see README" \
  ip ethtool tcpdump curl deno

netns_pair "$ns_s" wk-http-vs "$ns_c" wk-http-vc
for pair in "$ns_s wk-http-vs 10.79.0.1" "$ns_c wk-http-vc 10.79.0.2"; do
  read -r ns dev v4 <<<"$pair"
  ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1
  netns_addr "$ns" "$dev" "$v4/24"
  # Small segments, so that heads and bodies span several.
  ip -n "$ns" route change 10.79.0.0/24 dev "$dev" advmss 536
  netns_offload "$ns" "$dev" tso gso gro tx rx
done

ip netns exec "$ns_s" deno run --allow-net "$here/_http_server.ts" 8080 &
netns_pids+=($!)
netns_capture "$ns_s" wk-http-vs "$out" tcp port 8080
sleep 3

base=http://10.79.0.1:8080
c() { ip netns exec "$ns_c" "$@" >/dev/null 2>&1 || true; }
c curl -s "$base/plain" "$base/gzip" "$base/deflate" "$base/chunked-br"
c curl -s -I "$base/plain"
c curl -s "$base/empty" -H 'If-None-Match: "v1"' "$base/cached"
c curl -s -H "Expect: 100-continue" --data-binary "@$here/_http_server.ts" "$base/upload"
c curl -s --http1.0 "$base/old"
c curl -s "$base/close"
ip netns exec "$ns_c" bash -c 'exec 3<>/dev/tcp/10.79.0.1/8080
  printf "GET /pipe-1 HTTP/1.1\r\nHost: 10.79.0.1\r\n\r\nHEAD /pipe-2 HTTP/1.1\r\nHost: 10.79.0.1\r\n\r\nGET /pipe-3 HTTP/1.1\r\nHost: 10.79.0.1\r\nConnection: close\r\n\r\n" >&3
  cat <&3 >/dev/null' || true
netns_stop_capture
echo "record_http.sh: wrote $out"
