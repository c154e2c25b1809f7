#!/bin/bash
# Captures as tables on the 1M-packet capture: export.ts to Parquet (ROUNDS times, between
# tshark runs), CSV, a partitioned dataset and the flows table, query.ts group-bys over the
# dataset, the Parquet writers compared, and tshark -T fields writing the same columns to CSV
# (twice; tshark 4.0 has no JA4 field: every other column has its field). Each command runs under /usr/bin/time; summary.txt has one line per run: the
# command's label, user and system CPU seconds, peak RSS in KB and wall seconds, and the load
# average before it.
# Usage: [ROUNDS=3] bench/export_bench.sh [CAPTURE] [OUTPUT_DIR]   (deno and tshark on the PATH)
cd "$(dirname "$0")/.."
F=${1:-bench/out/1m.pcap}
O=${2:-/tmp/wirekit-export-bench}
ROUNDS=${ROUNDS:-3}
mkdir -p "$O" && rm -rf "$O/1m.parquet" "$O/1m.csv" "$O/ds" "$O/flows.parquet" "$O/tshark.csv"
: > "$O/summary.txt"
run() { # LABEL COMMAND...: one timed run; its output goes to OUTPUT_DIR/LABEL.out
  local label=$1
  shift
  local load
  load=$(cut -d' ' -f1 /proc/loadavg)
  /usr/bin/time -o "$O/$label.time" -f "%U %S %M %e" "$@" > "$O/$label.out" 2> "$O/$label.err"
  echo "$label $(cat "$O/$label.time") load $load" >> "$O/summary.txt"
}
E="deno run --allow-read --allow-write scripts/export.ts --force"
Q="deno run --allow-read --allow-ffi scripts/query.ts"
TSHARK_FIELDS="-e frame.number -e frame.time_epoch -e frame.interface_id -e frame.cap_len -e frame.len -e frame.protocols -e eth.src -e eth.dst -e vlan.id -e ip.version -e ip.src -e ip.dst -e ip.proto -e ip.ttl -e ip.id -e ip.flags.df -e ip.flags.mf -e ip.frag_offset -e ipv6.src -e ipv6.dst -e ipv6.nxt -e ipv6.hlim -e tcp.srcport -e tcp.dstport -e udp.srcport -e udp.dstport -e tcp.flags -e tcp.seq_raw -e tcp.ack_raw -e tcp.window_size_value -e tcp.len -e dns.qry.name -e dns.qry.type -e dns.flags.response -e dns.flags.rcode -e http.host -e http.request.method -e http.request.uri -e http.response.code -e tls.handshake.extensions_server_name -e tls.handshake.extensions_alpn_str -e tls.handshake.ja3"
TSHARK="tshark -r $F -T fields -E separator=, -E quote=d -E header=y $TSHARK_FIELDS > $O/tshark.csv"
for round in $(seq 1 "$ROUNDS"); do
  run "parquet-$round" $E -o "$O/1m.parquet" "$F"
  [ "$round" -le 2 ] && run "tshark-$round" bash -c "$TSHARK"
done
run csv $E --format csv -o "$O/1m.csv" "$F"
run partition-hour $E --partition hour -o "$O/ds" "$F"
run flows $E --table flows -o "$O/flows.parquet" "$F"
run query-dataset $Q "SELECT ip_protocol, count(*) AS packets, sum(original_length) AS bytes FROM packets GROUP BY ALL ORDER BY packets DESC" "$O/ds"
run query-file $Q "SELECT ip_src, count(*) AS packets FROM packets GROUP BY ALL ORDER BY packets DESC LIMIT 5" "$O/1m.parquet"
deno run --allow-read bench/parquet_writers.ts "$F" > "$O/writers.txt" 2>&1
ls -l "$O/1m.parquet" "$O/1m.csv" "$O/flows.parquet" "$O/tshark.csv" > "$O/sizes.txt"
echo done > "$O/done"
