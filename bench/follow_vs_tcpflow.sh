#!/usr/bin/env bash
# Reassembles every TCP stream of a capture and writes each direction to its own file, with
# wirekit's scripts/follow.ts -w --protocol tcp (tcpflow writes no UDP) and with tcpflow -r,
# timing both with /usr/bin/time -v (wall time, CPU time user+sys, peak memory), ROUNDS times
# (default 3), the two back to back and in turn first, with the load average before each round;
# then compares the file sets and, on a sample of the files both wrote, their bytes. Run it on
# demand (CI does not):
#
#   bench/follow_vs_tcpflow.sh [CAPTURE]     # default bench/out/1m.pcap (bench/make_capture.ts)
#   ROUNDS=5 OUT=/some/dir bench/follow_vs_tcpflow.sh   # OUT: where the files go (default a temp dir)
#
# For a tmpfs OUT, not /dev/shm: Deno asks for -A to write under /dev; mount one elsewhere
# (mount -t tmpfs -o size=2g tmpfs /tmp/ram; 2 GiB holds the files of both tools).
#
# Deno is node_modules/deno/deno when it is there (npm's wrapper in node_modules/.bin costs
# a Node.js start), else the deno on PATH.
# Needs: deno, tcpflow (apt-get install tcpflow), GNU time (apt-get install time).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
capture=${1:-$here/out/1m.pcap}
rounds=${ROUNDS:-3}
work=$(mktemp -d "${OUT:-${TMPDIR:-/tmp}}/follow_vs_tcpflow.XXXXXX")
trap 'rm -rf "$work"' EXIT
deno=$here/../node_modules/deno/deno
[ -x "$deno" ] || deno=deno

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

wirekit() {
  rm -rf "$work/wirekit"
  sync
  measure "wirekit follow.ts -w" "$deno" run --allow-read --allow-write \
    "$here/../scripts/follow.ts" -r "$capture" -w "$work/wirekit" --protocol tcp
}
tcpflow_run() {
  rm -rf "$work/tcpflow"
  sync
  measure "tcpflow -r" tcpflow -r "$capture" -o "$work/tcpflow"
}
for round in $(seq "$rounds"); do
  echo "round $round, load average $(cut -d ' ' -f 1-3 /proc/loadavg)"
  if ((round % 2)); then
    wirekit
    tcpflow_run
  else
    tcpflow_run
    wirekit
  fi
done
rm -f "$work/tcpflow/report.xml"

ls "$work/wirekit" | sort >"$work/wirekit.list"
ls "$work/tcpflow" | sort >"$work/tcpflow.list"
comm -12 "$work/wirekit.list" "$work/tcpflow.list" >"$work/both.list"
echo "files: wirekit $(wc -l <"$work/wirekit.list"), tcpflow $(wc -l <"$work/tcpflow.list"), same name $(wc -l <"$work/both.list")"
echo "tcpflow names with a VLAN suffix (--N): $(grep -c -- '--[0-9]*$' "$work/tcpflow.list" || true)"
# tcpflow takes the Ethernet padding of a short frame (a 54-byte FIN or ACK sent in a 60-byte
# frame) for 6 bytes of data (2 under a VLAN tag): its file is then ours plus trailing zeros.
sampled=0
equal=0
padded=0
while read -r name; do
  sampled=$((sampled + 1))
  ours=$(stat -c %s "$work/wirekit/$name")
  if cmp -s "$work/wirekit/$name" "$work/tcpflow/$name"; then
    equal=$((equal + 1))
  elif cmp -s -n "$ours" "$work/wirekit/$name" "$work/tcpflow/$name" &&
    [ -z "$(tail -c +$((ours + 1)) "$work/tcpflow/$name" | tr -d '\0')" ]; then
    padded=$((padded + 1))
  fi
done < <(awk 'NR % 50 == 0' "$work/both.list")
echo "sampled $sampled files: $equal identical, $padded where tcpflow's is ours plus trailing zeros"
