#!/usr/bin/env bash
# Times scripts/sessions.ts against `tshark -T fields` extracting the same handshake fields
# (stream, handshake type, version, SNI, ALPN, cipher suite, JA3, JA3S) from the same
# capture of many TLS handshakes, side by side: wall, user and system CPU time and peak
# memory from GNU time, each run ROUNDS times (default 3). Run it on demand (CI does not):
#
#   bench/sessions_vs_tshark.sh [CAPTURE]   # default bench/out/tls-handshakes.pcap, made
#                                           # by bench/make_tls_capture.ts when missing
#
# Needs: deno, tshark, GNU time (apt-get install time).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
capture=${1:-$here/out/tls-handshakes.pcap}
rounds=${ROUNDS:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [[ ! -e $capture ]]; then
  deno run --allow-read --allow-write "$here/make_tls_capture.ts" --out "$capture"
fi

measure() {
  local name=$1 out=$2
  shift 2
  for _ in $(seq "$rounds"); do
    /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$@" >"$out"
    read -r wall user sys rss <"$work/time"
    printf '%-28s wall %6.2f s  CPU %6.2f s (user %6.2f, sys %5.2f)  peak RSS %4d MiB\n' \
      "$name" "$wall" "$(echo "$user + $sys" | bc)" "$user" "$sys" "$((rss / 1024))"
  done
}

echo "capture: $capture ($(stat -c %s "$capture") bytes)"
measure "wirekit sessions.ts" "$work/wirekit.txt" \
  deno run --allow-read "$here/../scripts/sessions.ts" -p tls "$capture"
measure "tshark -T fields" "$work/tshark.txt" \
  tshark -r "$capture" -Y "tls.handshake.type == 1 || tls.handshake.type == 2" -T fields \
  -e tcp.stream -e tls.handshake.type -e tls.handshake.extensions.supported_version \
  -e tls.handshake.extensions_server_name -e tls.handshake.extensions_alpn_str \
  -e tls.handshake.ciphersuite -e tls.handshake.ja3 -e tls.handshake.ja3s
echo "handshakes: wirekit $(wc -l <"$work/wirekit.txt") lines," \
  "tshark $(cut -f1 "$work/tshark.txt" | sort -u | wc -l) streams with a hello"
