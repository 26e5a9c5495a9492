#!/usr/bin/env bash
# The service benchmark (issue 14): acknowledged submissions per second and latency with 1, 8
# and 64 clients on loopback, single Tomsk blood_families reports; the Tomsk dashboard over
# HTTP; and, in the same run, the physical limit: plain SQLite inserts at mera's durability
# (WAL, synchronous=FULL), one transaction per insert and 64 per transaction. Run by hand:
#   cmake -S . -B build-rel -G Ninja -DCMAKE_BUILD_TYPE=Release -DMERA_BENCH=ON && cmake --build build-rel
#   bash bench/service.sh [SECONDS] [BUILD]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
build=${2:-build-rel}
mera=$build/mera
load=$build/service_load
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT

"$mera" demo --db "$work/tomsk.db" >/dev/null
for n in 01 02 03 04 05 06 07 08 09 10; do
  echo "pw of org$n 7Xq!" | "$mera" users add --db "$work/tomsk.db" --login "org$n" --unit "org$n" --role submitter >/dev/null
done
echo "pw of dept 7Xq!" | "$mera" users add --db "$work/tomsk.db" --login dept --unit department --role viewer >/dev/null

"$mera" serve --db "$work/tomsk.db" --listen 127.0.0.1:0 --threads 80 2>"$work/serve.log" &
server=$!
until grep -q "listening on" "$work/serve.log"; do sleep 0.1; done
port=$(sed -n 's/.*listening on http:\/\/127.0.0.1:\([0-9]*\).*/\1/p' "$work/serve.log")
token() {
  curl -sS -d "{\"login\":\"$1\",\"password\":\"pw of $1 7Xq!\"}" "http://127.0.0.1:$port/api/login" |
    sed 's/.*"token":"\([^"]*\)".*/\1/'
  echo  # the answer has no newline of its own
}
for n in 01 02 03 04 05 06 07 08 09 10; do token "org$n"; done >"$work/tokens"
dept=$(token dept)

echo "# $(nproc) cores, $(date -u +%F), ${seconds}s each"
# The dashboard first, on the demo's two years of reports as the region has them; then again
# after the load, whose 64 reports then have thousands of versions each.
"$load" get "$port" 1 "$seconds" "$dept" "/api/dashboard?period=2023Q1"
"$load" get "$port" 8 "$seconds" "$dept" "/api/dashboard?period=2023Q1"
for clients in 1 8 64; do "$load" submit "$port" "$clients" "$seconds" "$work/tokens"; done
"$load" get "$port" 1 "$seconds" "$dept" "/api/dashboard?period=2023Q1"
kill -TERM $server; wait $server || true
grep "stopped" "$work/serve.log"
"$load" sqlite "$work/plain.db" 2000 1
"$load" sqlite "$work/plain.db" 200000 64
