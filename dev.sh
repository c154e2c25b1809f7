#!/usr/bin/env bash
# wirekit's two commands (see README.md):
#
#   ./dev.sh demo [ARGS...]   decode testdata/namespaces.pcap: one line per packet, then a
#                             capinfos-style summary (ARGS go to scripts/pcapinfo.ts).
#                             Needs no root and no system package.
#   ./dev.sh test             install the Debian packages the tests use (when root), then run
#                             deno fmt --check, deno lint, deno task check, deno doc --lint mod.ts and deno task test
#                             (its two tasks, test:docs and test:files);
#                             the last line is "N passed, N failed".
#
# Both first make sure that Deno is installed: the version pinned in package.json, from the
# npm registry into node_modules/ (npm ci). Only Node.js and npm are needed beforehand.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

# The logs of the test runs: removed however the script ends (Ctrl-C included).
logs=()
trap 'rm -f "${logs[@]}"' EXIT

# The Debian packages that some tests use; without them those tests skip.
test_packages=(tcpdump tshark libpcap0.8 libpcap-dev python3-dpkt iproute2 gcc iputils-ping
  netsniff-ng ethtool chromium)

usage() {
  cat <<'EOF'
Usage: ./dev.sh demo [ARGS...]   decode testdata/namespaces.pcap with scripts/pcapinfo.ts
       ./dev.sh test             install test tools (as root), run fmt, lint, check and tests
EOF
}

# Sets $deno to a working Deno of the version pinned in package.json, running npm ci first
# when node_modules/ lacks it.
ensure_deno() {
  local wanted
  wanted=$(sed -n 's/^ *"deno": *"\([^"]*\)".*/\1/p' package.json | head -n 1)
  if ! deno_works "$wanted"; then
    if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
      cat >&2 <<'EOF'
dev.sh: Node.js and npm are needed to install Deno (from the npm registry). Install them:
  Debian/Ubuntu:  sudo apt-get install nodejs npm
  elsewhere:      https://nodejs.org/en/download (Node.js 18 or later, with npm)
then run this command again.
EOF
      exit 1
    fi
    echo "== npm ci: installing Deno ${wanted:-(see package.json)} into node_modules/"
    # The binary comes in an optional per-platform package (@deno/linux-x64-glibc...), so
    # optional dependencies must not be omitted. Install scripts are not needed: the deno
    # package's bin.cjs finds the binary itself (see fix_deno_bin below).
    npm ci --no-audit --no-fund --no-update-notifier --include=optional --ignore-scripts </dev/null
    if ! deno_works "$wanted"; then
      echo "dev.sh: npm ci finished but node_modules/.bin/deno does not run Deno $wanted" >&2
      "${deno:-node_modules/.bin/deno}" --version >&2 || true
      exit 1
    fi
  fi
}

# `deno task` looks commands up in node_modules/.bin first and runs what it finds there as
# JavaScript, even `deno` itself. The deno package's postinstall script points .bin/deno at
# the native binary, which breaks every task that calls `deno` ("Uncaught SyntaxError" at
# node_modules/deno/deno:1:1); pointed at the package's bin.cjs, a task runs that script,
# which starts the native binary. So keep .bin/deno on bin.cjs.
fix_deno_bin() {
  local bin=node_modules/.bin/deno
  if [[ -L $bin && -f node_modules/deno/bin.cjs && $(readlink "$bin") != *.cjs ]]; then
    ln -sfn ../deno/bin.cjs "$bin"
  fi
}

# Tells whether node_modules holds a working Deno of version $1; sets $deno to it.
deno_works() {
  fix_deno_bin
  # The native binary once bin.cjs (or the postinstall script) put it in place; else bin.cjs.
  deno=node_modules/.bin/deno
  [[ -x node_modules/deno/deno ]] && deno=node_modules/deno/deno
  [[ -x $deno ]] || return 1
  local version
  version=$("$deno" --version 2>/dev/null | head -n 1) || return 1
  [[ $version == "deno $1 "* ]] || return 1
  # The library's npm dependencies (package.json "dependencies") must be there too.
  [[ -f node_modules/xz-decompress/package.json ]]
}

# Prints the test packages that are not installed (for libpcap0.8, the t64 name counts too).
missing_packages() {
  local package status
  for package in "${test_packages[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
    if [[ $status != *" installed" && $package == libpcap0.8 ]]; then
      status=$(dpkg-query -W -f='${Status}' libpcap0.8t64 2>/dev/null || true)
    fi
    [[ $status == *" installed" ]] || echo "$package"
  done
}

# apt-get install of the named packages, renaming libpcap0.8 where Debian calls it libpcap0.8t64.
apt_install() {
  local names=() package
  for package in "$@"; do
    if [[ $package == libpcap0.8 ]] && apt-cache show libpcap0.8t64 >/dev/null 2>&1; then
      package=libpcap0.8t64
    fi
    names+=("$package")
  done
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${names[@]}" \
    </dev/null
}

install_test_packages() {
  if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "== not a Debian system: tests that need tcpdump, tshark, libpcap, python3-dpkt or gcc" \
      "skip where those are missing"
    return
  fi
  local missing
  mapfile -t missing < <(missing_packages)
  if ((${#missing[@]} == 0)); then
    echo "== test packages installed: ${test_packages[*]}"
    return
  fi
  if [[ $EUID -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "== apt-get install ${missing[*]}"
    if ! apt_install "${missing[@]}"; then
      echo "== apt-get install failed: apt-get update, then again"
      DEBIAN_FRONTEND=noninteractive apt-get update -q </dev/null || true
      apt_install "${missing[@]}" || true
    fi
    mapfile -t missing < <(missing_packages)
    ((${#missing[@]} == 0)) && return
    echo "== could not install ${missing[*]}: the tests that need them will skip"
  else
    echo "== missing Debian packages: ${missing[*]}"
    echo "   The tests that need them will skip. To run them too (as root):"
    echo "   apt-get install ${missing[*]}"
  fi
}

# The kernel crypto tests (tests/afalg/) need AF_ALG sockets. When this kernel has them,
# `deno task test` above ran them. Otherwise they run in a QEMU guest with Debian's kernel
# (../shared/tools/run-in-vm.sh, about 3 minutes under software emulation): type-checked on
# the host (deno task check), run with --no-check inside. Their counts join the summary;
# when no VM can run, they are reported as skipped, never as passed.
run_afalg_tests() {
  local vm=../shared/tools/run-in-vm.sh log status=0 summary
  if "$deno" eval "import { probeAfAlg } from './lib/crypto/mod.ts';
      Deno.exit(probeAfAlg() === true ? 0 : 1)" 2>/dev/null; then
    report+=("AF_ALG tests: run by deno task test (this kernel has AF_ALG)")
    return
  fi
  if [[ ! -x $vm ]]; then
    report+=("AF_ALG tests: SKIPPED (this kernel has no AF_ALG and $vm is missing)")
    return
  fi
  echo "== AF_ALG tests in a VM (this kernel has no AF_ALG): $vm -- deno test tests/afalg/"
  log=$(mktemp)
  logs+=("$log")
  local started=$SECONDS
  "$vm" -t 1500 -- env NO_COLOR=1 "$deno" test --no-check --cached-only --allow-read \
    --allow-write --allow-run --allow-env --allow-ffi --allow-sys tests/afalg/ 2>&1 |
    tee "$log" || status=$?
  summary=$(test_summary "$log")
  if [[ -n $summary ]]; then
    add_counts "$summary"
    report+=("AF_ALG tests in the VM ($((SECONDS - started)) s): ${summary#* | }")
  elif ((status == 125)) && grep -qE 'run-in-vm: (needs:|could not install)' "$log"; then
    report+=("AF_ALG tests: SKIPPED (no QEMU: $(grep -m1 'run-in-vm:' "$log"))")
  else
    failed=$((failed + 1))
    report+=("AF_ALG tests: the VM run FAILED with status $status (counted as 1 failed)")
  fi
  rm -f "$log"
}

# The last "ok | N passed | N failed" line of a deno test log, colours removed (or nothing).
test_summary() {
  sed -E 's/\x1b\[[0-9;]*m//g' "$1" | grep -E '^(ok|FAILED) \| ' | tail -n 1 || true
}

# Adds the counts of a summary line to the totals; last_failed keeps its failed count.
last_failed=0
add_counts() {
  local n_passed
  n_passed=$(sed -nE 's/.* ([0-9]+) passed.*/\1/p' <<<"$1")
  last_failed=$(sed -nE 's/.* ([0-9]+) failed.*/\1/p' <<<"$1")
  last_failed=${last_failed:-0}
  passed=$((passed + ${n_passed:-0}))
  failed=$((failed + last_failed))
}

# Runs one of deno.json's test tasks and adds its counts to the summary.
run_test_task() {
  local task=$1 log status=0 summary
  echo "== deno task $task"
  log=$(mktemp)
  logs+=("$log")
  "$deno" task "$task" 2>&1 | tee "$log" || status=$?
  summary=$(test_summary "$log")
  rm -f "$log"
  if [[ -n $summary ]]; then
    add_counts "$summary"
    report+=("deno task $task: ${summary#* | }")
    if ((status != 0 && last_failed == 0)); then
      failed=$((failed + 1))
      report+=("deno task $task: exited with status $status (counted as 1 failed)")
    fi
  else
    failed=$((failed + 1))
    report+=("deno task $task: FAILED before reporting results, see above (counted as 1 failed)")
  fi
}

run_tests() {
  install_test_packages
  # Deno colours its output even into a pipe; keep logs plain unless this is a terminal.
  [[ -t 1 ]] || export NO_COLOR=1

  local passed=0 failed=0 report=() name
  local gates=("fmt --check" "lint" "task check" "doc --lint mod.ts")
  for name in "${gates[@]}"; do
    echo "== deno $name"
    # shellcheck disable=SC2086 # $name holds a subcommand and its flag.
    if "$deno" $name; then
      passed=$((passed + 1))
      report+=("deno $name: ok")
    else
      failed=$((failed + 1))
      report+=("deno $name: FAILED (counted as 1 failed)")
    fi
  done

  # deno task test runs these two: both run here even when the first fails.
  run_test_task test:docs
  run_test_task test:files

  run_afalg_tests

  echo "== summary (tests counted one by one; fmt, lint and check as one item each)"
  printf '   %s\n' "${report[@]}"
  echo "$passed passed, $failed failed"
  ((failed == 0))
}

command=${1:-}
case $command in
  demo)
    shift
    ensure_deno
    exec "$deno" run --allow-read scripts/pcapinfo.ts --packets testdata/namespaces.pcap "$@"
    ;;
  test)
    shift
    if (($# > 0)); then
      echo "dev.sh: test takes no arguments (run deno test yourself to pick tests)" >&2
      exit 2
    fi
    ensure_deno
    run_tests
    ;;
  -h | --help | help)
    usage
    ;;
  *)
    usage >&2
    exit 2
    ;;
esac
