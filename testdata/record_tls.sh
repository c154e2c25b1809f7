#!/usr/bin/env bash
# Records testdata/tls_handshakes.pcap: real TLS handshakes between two network namespaces
# joined by a veth pair whose routes advertise an MSS of 300, so that the larger hellos and
# the certificate span TCP segments. Run as root, on demand (CI does not run it):
#
#   sudo testdata/record_tls.sh
#
# Needs: ip (iproute2), ethtool, tcpdump, openssl, curl.
# Namespace wk-tls-s (10.78.0.1, fd78::1) runs `openssl s_server -www` on port 4433 with a
# throw-away self-signed certificate for tls.example.test; namespace wk-tls-c (10.78.0.2,
# fd78::2) connects with curl (TLS 1.3 and 1.2, ALPN h2/http1.1, with and without SNI) and
# openssl s_client. The namespaces are removed on exit, even on failure.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
out="$here/tls_handshakes.pcap"
ns_s=wk-tls-s
ns_c=wk-tls-c

if [[ $EUID -ne 0 ]]; then
  echo "record_tls.sh: run as root (it creates network namespaces)" >&2
  exit 1
fi
for cmd in ip ethtool tcpdump openssl curl; do
  command -v "$cmd" >/dev/null 2>&1 || {
    echo "record_tls.sh: $cmd is missing (apt-get install iproute2 ethtool tcpdump openssl curl)" >&2
    exit 1
  }
done

work=$(mktemp -d)
pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  ip netns del "$ns_s" 2>/dev/null || true
  ip netns del "$ns_c" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
ip netns del "$ns_s" 2>/dev/null || true
ip netns del "$ns_c" 2>/dev/null || true

ip netns add "$ns_s"
ip netns add "$ns_c"
ip link add wk-tls-vs netns "$ns_s" type veth peer name wk-tls-vc netns "$ns_c"
for pair in "$ns_s wk-tls-vs 10.78.0.1 fd78::1" "$ns_c wk-tls-vc 10.78.0.2 fd78::2"; do
  read -r ns dev v4 v6 <<<"$pair"
  ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.router_solicitations=0
  ip -n "$ns" link set lo up
  ip -n "$ns" link set "$dev" up
  ip -n "$ns" addr add "$v4/24" dev "$dev"
  ip -n "$ns" -6 addr add "$v6/64" dev "$dev" nodad
  ip -n "$ns" route change 10.78.0.0/24 dev "$dev" advmss 300
  ip -n "$ns" -6 route change fd78::/64 dev "$dev" metric 256 proto kernel advmss 300
  ip netns exec "$ns" ethtool -K "$dev" tso off gso off gro off tx off rx off >/dev/null 2>&1 || true
done

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
  -keyout "$work/key.pem" -out "$work/cert.pem" -days 3650 \
  -subj "/CN=tls.example.test/O=wirekit testdata" \
  -addext "subjectAltName=DNS:tls.example.test,DNS:www.tls.example.test,IP:10.78.0.1" 2>/dev/null

ip netns exec "$ns_s" openssl s_server -quiet -www -accept 4433 \
  -cert "$work/cert.pem" -key "$work/key.pem" >/dev/null 2>&1 &
pids+=($!)
ip netns exec "$ns_s" tcpdump -q -s 0 -U -i wk-tls-vs -w "$out" tcp port 4433 2>/dev/null &
pids+=($!)
sleep 1.5

resolve=(--resolve tls.example.test:4433:10.78.0.1 --cacert "$work/cert.pem")
c() { ip netns exec "$ns_c" "$@" >/dev/null 2>&1 || true; }
c curl -s --tlsv1.3 "${resolve[@]}" https://tls.example.test:4433/
c curl -s --http1.1 --tlsv1.2 --tls-max 1.2 "${resolve[@]}" https://tls.example.test:4433/
c curl -s -k --tls-max 1.2 https://10.78.0.1:4433/
c curl -s -k -6 --tlsv1.3 "https://[fd78::1]:4433/"
echo Q | c openssl s_client -connect 10.78.0.1:4433 -servername www.tls.example.test \
  -tls1_2 -alpn "x-custom,http/1.1" -cipher ECDHE-ECDSA-AES128-GCM-SHA256
sleep 1
kill "${pids[1]}"
wait "${pids[1]}" 2>/dev/null || true
echo "record_tls.sh: wrote $out"
