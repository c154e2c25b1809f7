#!/usr/bin/env bash
# Records testdata/tls_handshakes.pcap and testdata/dtls_handshakes.pcap: real TLS and DTLS
# handshakes between two network namespaces
# joined by a veth pair whose routes advertise an MSS of 300, so that the larger hellos and
# the certificate span TCP segments. Run as root, on demand (CI does not run it):
#
#   sudo testdata/record_tls.sh
#
# Needs: ip (iproute2), ethtool, tcpdump, openssl, curl.
# Namespace wk-tls-s (10.78.0.1, fd78::1) runs `openssl s_server -www` on port 4433 with a
# throw-away self-signed certificate for tls.example.test; namespace wk-tls-c (10.78.0.2,
# fd78::2) connects with curl (TLS 1.3 and 1.2, ALPN h2/http1.1, with and without SNI) and
# openssl s_client; then `openssl s_server -dtls` on UDP port 4434 answers two
# `openssl s_client -dtls` handshakes (DTLS 1.2 with SNI and ALPN, DTLS 1.0) for
# dtls_handshakes.pcap. The namespaces are removed on exit, even on failure.
source "$(dirname "${BASH_SOURCE[0]}")/_netns.sh"
out="$here/tls_handshakes.pcap"
out_dtls="$here/dtls_handshakes.pcap"
ns_s=wk-tls-s
ns_c=wk-tls-c
netns_require "apt-get install iproute2 ethtool tcpdump openssl curl" \
  ip ethtool tcpdump openssl curl

netns_pair "$ns_s" wk-tls-vs "$ns_c" wk-tls-vc
for pair in "$ns_s wk-tls-vs 10.78.0.1 fd78::1" "$ns_c wk-tls-vc 10.78.0.2 fd78::2"; do
  read -r ns dev v4 v6 <<<"$pair"
  netns_addr "$ns" "$dev" "$v4/24" "$v6/64"
  ip -n "$ns" route change 10.78.0.0/24 dev "$dev" advmss 300
  ip -n "$ns" -6 route change fd78::/64 dev "$dev" metric 256 proto kernel advmss 300
  netns_offload "$ns" "$dev" tso gso gro tx rx
done

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
  -keyout "$work/key.pem" -out "$work/cert.pem" -days 3650 \
  -subj "/CN=tls.example.test/O=wirekit testdata" \
  -addext "subjectAltName=DNS:tls.example.test,DNS:www.tls.example.test,IP:10.78.0.1" 2>/dev/null

ip netns exec "$ns_s" openssl s_server -quiet -www -accept 4433 \
  -cert "$work/cert.pem" -key "$work/key.pem" >/dev/null 2>&1 &
netns_pids+=($!)
netns_capture "$ns_s" wk-tls-vs "$out" tcp port 4433
sleep 1.5

resolve=(--resolve tls.example.test:4433:10.78.0.1 --cacert "$work/cert.pem")
c() { ip netns exec "$ns_c" "$@" >/dev/null 2>&1 || true; }
c curl -s --tlsv1.3 "${resolve[@]}" https://tls.example.test:4433/
c curl -s --http1.1 --tlsv1.2 --tls-max 1.2 "${resolve[@]}" https://tls.example.test:4433/
c curl -s -k --tls-max 1.2 https://10.78.0.1:4433/
c curl -s -k -6 --tlsv1.3 "https://[fd78::1]:4433/"
echo Q | c openssl s_client -connect 10.78.0.1:4433 -servername www.tls.example.test \
  -tls1_2 -alpn "x-custom,http/1.1" -cipher ECDHE-ECDSA-AES128-GCM-SHA256
netns_stop_capture
echo "record_tls.sh: wrote $out"

netns_capture "$ns_s" wk-tls-vs "$out_dtls" udp port 4434
dtls_server() {
  ip netns exec "$ns_s" timeout 10 openssl s_server -quiet -dtls -accept 4434 \
    -cert "$work/cert.pem" -key "$work/key.pem" -alpn x-dtls >/dev/null 2>&1 &
  netns_pids+=($!)
  sleep 1
}
dtls_server
(sleep 2; echo Q) | c timeout 5 openssl s_client -dtls1_2 -connect 10.78.0.1:4434 \
  -servername dtls.example.test -alpn x-dtls || true
dtls_server
(sleep 2; echo Q) | c timeout 5 openssl s_client -dtls1 -connect 10.78.0.1:4434 -cipher 'DEFAULT:@SECLEVEL=0' || true
netns_stop_capture
echo "record_tls.sh: wrote $out_dtls"
