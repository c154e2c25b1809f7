#!/usr/bin/env bash
# Reassembles every TCP stream of a capture and writes each direction to its own file, with
# wirekit's scripts/follow.ts -w --protocol tcp (tcpflow writes no UDP) and with tcpflow -r,
# timing both with /usr/bin/time -v (wall time, CPU time user+sys, peak memory), then compares the file sets and, on a sample of the files
# both wrote, their bytes. Run it on demand (CI does not):
#
#   bench/follow_vs_tcpflow.sh [CAPTURE]     # default bench/out/1m.pcap (bench/make_capture.ts)
#
# Needs: deno, tcpflow (apt-get install tcpflow), GNU time (apt-get install time).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
capture=${1:-$here/out/1m.pcap}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

measure() {
  local name=$1
  shift
  /usr/bin/time -v "$@" >/dev/null 2>"$work/$name.time"
  local wall user sys rss
  wall=$(grep "Elapsed (wall clock)" "$work/$name.time" | awk '{print $NF}')
  user=$(grep "User time" "$work/$name.time" | awk '{print $NF}')
  sys=$(grep "System time" "$work/$name.time" | awk '{print $NF}')
  rss=$(grep "Maximum resident set size" "$work/$name.time" | awk '{print $NF}')
  echo "$name: wall $wall, CPU ${user}s user + ${sys}s sys, peak RSS $((rss / 1024)) MiB"
}

measure "wirekit follow.ts -w" deno run --allow-read --allow-write "$here/../scripts/follow.ts" \
  -r "$capture" -w "$work/wirekit" --protocol tcp
measure "tcpflow -r" tcpflow -r "$capture" -o "$work/tcpflow"
rm -f "$work/tcpflow/report.xml"

ls "$work/wirekit" | sort >"$work/wirekit.list"
ls "$work/tcpflow" | sort >"$work/tcpflow.list"
comm -12 "$work/wirekit.list" "$work/tcpflow.list" >"$work/both.list"
echo "files: wirekit $(wc -l <"$work/wirekit.list"), tcpflow $(wc -l <"$work/tcpflow.list"), same name $(wc -l <"$work/both.list")"
echo "tcpflow names with a VLAN suffix (--N): $(grep -c -- '--[0-9]*$' "$work/tcpflow.list" || true)"
sampled=0
equal=0
prefix=0
while read -r name; do
  sampled=$((sampled + 1))
  if cmp -s "$work/wirekit/$name" "$work/tcpflow/$name"; then
    equal=$((equal + 1))
  elif cmp -s -n "$(stat -c %s "$work/wirekit/$name")" "$work/wirekit/$name" "$work/tcpflow/$name"; then
    prefix=$((prefix + 1))
  fi
done < <(awk 'NR % 50 == 0' "$work/both.list")
echo "sampled $sampled files: $equal identical, $prefix where tcpflow's holds ours plus trailing bytes"
