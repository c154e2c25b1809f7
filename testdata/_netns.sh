# Shared by the testdata/record_*.sh scripts, which source it first: two network namespaces
# joined by a veth pair, a capture inside one of them, and the clean-up on exit. Sourcing it
# sets `set -euo pipefail` and $here (the testdata folder); otherwise it only defines
# functions, each of which exits the script with a one-line message when something is missing.
#
#   netns_require HINT CMD...          root and the commands, or "SCRIPT: CMD is missing (HINT)"
#   netns_pair NS_A IF_A NS_B IF_B     namespaces and veth; removed on exit with netns_pids and $work
#   netns_addr NS IF V4/LEN [V6/LEN]   addresses (IPv6 without DAD), then the link up
#   netns_offload NS IF FEATURE...     `ethtool -K IF FEATURE off ...`, ignored without ethtool
#   netns_capture NS IF FILE FILTER... tcpdump in the background, returns once it listens
#   netns_stop_capture                 stops it, prints tcpdump's "packets captured" line
#
# Background jobs the script starts go into netns_pids, so that the exit trap ends them.

set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
netns_script=$(basename "$0")
netns_names=()
netns_pids=()
netns_capture_pid=""
work=""

netns_require() {
  local hint=$1 cmd
  shift
  if [[ $EUID -ne 0 ]]; then
    echo "$netns_script: run as root (it creates network namespaces)" >&2
    exit 1
  fi
  for cmd in "$@"; do
    if ! command -v "$cmd" >/dev/null 2>&1; then
      echo "$netns_script: $cmd is missing ($hint)" >&2
      exit 1
    fi
  done
  work=$(mktemp -d)
  trap netns_cleanup EXIT
}

netns_cleanup() {
  local pid ns
  for pid in "${netns_pids[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  for ns in "${netns_names[@]}"; do
    ip netns del "$ns" 2>/dev/null || true
  done
  if [[ -n $work ]]; then
    rm -rf "$work"
  fi
}

netns_pair() {
  local ns_a=$1 if_a=$2 ns_b=$3 if_b=$4 ns
  netns_names=("$ns_a" "$ns_b")
  # Leftovers of an interrupted run carry our names only: remove them.
  for ns in "$ns_a" "$ns_b"; do
    ip netns del "$ns" 2>/dev/null || true
  done
  for ns in "$ns_a" "$ns_b"; do
    ip netns add "$ns"
    # No router solicitations: keep the capture to the traffic the script makes.
    ip netns exec "$ns" sysctl -qw net.ipv6.conf.default.router_solicitations=0
    ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.router_solicitations=0
    ip -n "$ns" link set lo up
  done
  ip link add "$if_a" netns "$ns_a" type veth peer name "$if_b" netns "$ns_b"
}

netns_addr() {
  local ns=$1 dev=$2 v4=$3 v6=${4:-}
  ip -n "$ns" addr add "$v4" dev "$dev"
  if [[ -n $v6 ]]; then
    ip -n "$ns" -6 addr add "$v6" dev "$dev" nodad
  fi
  ip -n "$ns" link set "$dev" up
}

netns_offload() {
  local ns=$1 dev=$2 feature args=()
  shift 2
  if ! command -v ethtool >/dev/null 2>&1; then
    echo "   (ethtool is missing: checksums in the capture may be left unfilled)"
    return
  fi
  for feature in "$@"; do args+=("$feature" off); done
  ip netns exec "$ns" ethtool -K "$dev" "${args[@]}" >/dev/null 2>&1 || true
}

netns_capture() {
  local ns=$1 dev=$2 file=$3
  shift 3
  # -Z root: write the file as root (Debian's tcpdump otherwise drops to user tcpdump first).
  ip netns exec "$ns" tcpdump -i "$dev" -n -s 0 -U -Z root -w "$file" "$@" 2>"$work/tcpdump.err" &
  netns_capture_pid=$!
  netns_pids+=("$netns_capture_pid")
  for _ in $(seq 100); do
    grep -q "listening on" "$work/tcpdump.err" 2>/dev/null && return
    sleep 0.1
  done
  cat "$work/tcpdump.err" >&2
  exit 1
}

netns_stop_capture() {
  sleep 1
  kill -INT "$netns_capture_pid"
  wait "$netns_capture_pid" || true
  sed -n '/packets captured/p' "$work/tcpdump.err"
}
