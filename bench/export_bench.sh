#!/bin/bash
# Captures as tables on the 1M-packet capture: export.ts to Parquet, CSV and a partitioned
# dataset, query.ts group-bys over the dataset, the Parquet writers compared, and tshark -T fields
# writing the same columns to CSV; each under /usr/bin/time -v (wall time, CPU, peak memory).
# Usage: bench/export_bench.sh [CAPTURE] [OUTPUT_DIR]   (deno and tshark on the PATH)
cd "$(dirname "$0")/.."
F=${1:-bench/out/1m.pcap}
O=${2:-/tmp/wirekit-export-bench}
mkdir -p "$O" && rm -rf "$O/1m.parquet" "$O/1m.csv" "$O/ds" "$O/tshark.csv"
uptime > $O/load.txt
/usr/bin/time -v deno run --allow-read --allow-write scripts/export.ts -o $O/1m.parquet $F 2> $O/parquet.time
/usr/bin/time -v deno run --allow-read --allow-write scripts/export.ts --format csv -o $O/1m.csv $F 2> $O/csv.time
/usr/bin/time -v deno run --allow-read --allow-write scripts/export.ts --partition hour -o $O/ds $F 2> $O/ds.time
/usr/bin/time -v deno run --allow-read --allow-ffi scripts/query.ts "SELECT ip_protocol, count(*) AS packets, sum(original_length) AS bytes FROM packets GROUP BY ALL ORDER BY packets DESC" $O/ds > $O/query.out 2> $O/query.time
/usr/bin/time -v deno run --allow-read --allow-ffi scripts/query.ts "SELECT ip_src, count(*) AS packets FROM packets GROUP BY ALL ORDER BY packets DESC LIMIT 5" $O/1m.parquet > $O/query2.out 2> $O/query2.time
uptime >> $O/load.txt
deno run --allow-read bench/parquet_writers.ts $F > $O/writers.txt 2>&1
uptime >> $O/load.txt
/usr/bin/time -v tshark -r $F -T fields -E separator=, -E quote=d -E header=y -e frame.number -e frame.time_epoch -e frame.interface_id -e frame.cap_len -e frame.len -e frame.protocols -e eth.src -e eth.dst -e vlan.id -e ip.version -e ip.src -e ip.dst -e ip.proto -e ip.ttl -e ip.id -e ip.flags.df -e ip.flags.mf -e ip.frag_offset -e ipv6.src -e ipv6.dst -e ipv6.nxt -e ipv6.hlim -e tcp.srcport -e tcp.dstport -e udp.srcport -e udp.dstport -e tcp.flags -e tcp.seq_raw -e tcp.ack_raw -e tcp.window_size_value -e tcp.len -e dns.qry.name -e dns.qry.type -e dns.flags.response -e dns.flags.rcode > $O/tshark.csv 2> $O/tshark.time
uptime >> $O/load.txt
echo done > $O/done
