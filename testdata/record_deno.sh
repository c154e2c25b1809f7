#!/usr/bin/env bash
# Records testdata/deno_tls.pcap and testdata/deno_quic.pcap: handshakes made by Deno's own
# TLS (rustls) and QUIC (quinn, `--unstable-net`) endpoints between two network namespaces
# joined by a veth pair. Run as root, on demand (CI does not run it):
#
#   sudo PATH="$PWD/node_modules/.bin:$PATH" testdata/record_deno.sh
#
# Needs: ip (iproute2), ethtool, tcpdump, openssl, deno. A throw-away CA signs a certificate for
# deno.example.test and quic.example.test; the server sends both (the leaf, then the CA).
# Namespace wk-deno-s (10.76.0.1, fd76::1) runs _deno_peers.ts: TLS on TCP 4443 (ALPN h2,
# http/1.1, x-wirekit) and QUIC on UDP 4443 (ALPN h3, x-wirekit); and `openssl s_server
# -tls1_2 -rev` on TCP 4444. Namespace wk-deno-c (10.76.0.2, fd76::2) connects:
#
#   deno_tls.pcap (TCP 4443 and 4444)
#   1. Deno to Deno, SNI deno.example.test, ALPN h2,http/1.1 (TLS 1.3, h2 chosen)
#   2. Deno to Deno over IPv6, SNI deno.example.test, ALPN x-wirekit (TLS 1.3)
#   3. openssl s_client -tls1_2 to Deno, SNI deno.example.test, ALPN http/1.1 (TLS 1.2)
#   4. Deno to openssl s_server -tls1_2, SNI deno.example.test, ALPN http/1.1 (TLS 1.2)
#   deno_quic.pcap (UDP 4443)
#   5. Deno to Deno over QUIC, SNI quic.example.test, ALPN h3
#   6. the same over IPv6, ALPN x-wirekit,h3 (x-wirekit chosen)
#
# Each connection carries one line, sent back by the server. The namespaces are removed on
# exit, even on failure.
source "$(dirname "${BASH_SOURCE[0]}")/_netns.sh"
out_tls="$here/deno_tls.pcap"
out_quic="$here/deno_quic.pcap"
ns_s=wk-deno-s
ns_c=wk-deno-c
netns_require "apt-get install iproute2 ethtool tcpdump openssl; deno: see README" \
  ip ethtool tcpdump openssl deno
# The binary itself, not a wrapper, so that killing the pid ends the server.
deno=$(deno eval 'console.log(Deno.execPath())')

netns_pair "$ns_s" wk-deno-vs "$ns_c" wk-deno-vc
netns_addr "$ns_s" wk-deno-vs 10.76.0.1/24 fd76::1/64
netns_addr "$ns_c" wk-deno-vc 10.76.0.2/24 fd76::2/64
netns_offload "$ns_s" wk-deno-vs tso gso gro tx rx
netns_offload "$ns_c" wk-deno-vc tso gso gro tx rx

ec=(-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes)
openssl req -x509 "${ec[@]}" -keyout "$work/ca.key" -out "$work/ca.pem" -days 3650 \
  -subj "/CN=wirekit testdata CA" 2>/dev/null
openssl req "${ec[@]}" -keyout "$work/key.pem" -out "$work/leaf.csr" \
  -subj "/CN=deno.example.test/O=wirekit testdata" 2>/dev/null
printf '%s\n' "subjectAltName=DNS:deno.example.test,DNS:quic.example.test" \
  "basicConstraints=critical,CA:FALSE" "extendedKeyUsage=serverAuth" >"$work/leaf.ext"
openssl x509 -req -in "$work/leaf.csr" -CA "$work/ca.pem" -CAkey "$work/ca.key" \
  -CAcreateserial -days 3650 -extfile "$work/leaf.ext" -out "$work/leaf.pem" 2>/dev/null
cat "$work/leaf.pem" "$work/ca.pem" >"$work/chain.pem"

peers=("$deno" run --unstable-net --no-lock -A "$here/_deno_peers.ts")
ip netns exec "$ns_s" "${peers[@]}" server "$work/chain.pem" "$work/key.pem" &
netns_pids+=($!)
ip netns exec "$ns_s" openssl s_server -quiet -rev -tls1_2 -accept 4444 -alpn http/1.1 \
  -cert "$work/chain.pem" -key "$work/key.pem" >/dev/null 2>&1 &
netns_pids+=($!)
c() { ip netns exec "$ns_c" timeout 10 "$@" >/dev/null; }

netns_capture "$ns_s" wk-deno-vs "$out_tls" tcp port 4443 or tcp port 4444
sleep 2
c "${peers[@]}" tls 10.76.0.1 4443 "$work/ca.pem" deno.example.test h2,http/1.1
c "${peers[@]}" tls fd76::1 4443 "$work/ca.pem" deno.example.test x-wirekit
(sleep 1; echo Q) | c openssl s_client -quiet -connect 10.76.0.1:4443 -tls1_2 \
  -servername deno.example.test -alpn http/1.1 -CAfile "$work/ca.pem" 2>/dev/null || true
c "${peers[@]}" tls 10.76.0.1 4444 "$work/ca.pem" deno.example.test http/1.1
netns_stop_capture
echo "record_deno.sh: wrote $out_tls"

netns_capture "$ns_s" wk-deno-vs "$out_quic" udp port 4443
c "${peers[@]}" quic 10.76.0.1 4443 "$work/ca.pem" quic.example.test h3
c "${peers[@]}" quic fd76::1 4443 "$work/ca.pem" quic.example.test x-wirekit,h3
netns_stop_capture
echo "record_deno.sh: wrote $out_quic"
chmod 644 "$out_tls" "$out_quic"
ls -l "$out_tls" "$out_quic"
