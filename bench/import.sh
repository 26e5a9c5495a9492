#!/usr/bin/env bash
# The import benchmark (issue 3): N case records (default 1,000,000) from JSON lines into a fresh
# database with `mera submit`, and the same rows as CSV with SQLite's own `.import`, in one run.
# Reports wall time, records per second and peak memory of each, and the ratio. Run by hand on
# a release build:
#   cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release && cmake --build build
#   bash bench/import.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000000}
mera=${MERA:-build/mera}  # MERA=build-rel/mera to measure another build
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 bench/gen_cases.py "$n" "$work/cases.jsonl" "$work/cases.csv"
echo "records: $n; JSON lines $(du -h "$work/cases.jsonl" | cut -f1), CSV $(du -h "$work/cases.csv" | cut -f1)"

"$mera" init --db "$work/mera.db" bench/cases >/dev/null
measure() {  # label, command...: prints seconds and peak KB
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null
  read -r secs kb <"$work/time"
  awk -v l="$label" -v s="$secs" -v k="$kb" -v n="$n" 'BEGIN { printf "%-16s %8.2f s %10.0f records/s %6.0f MB peak\n", l, s, n / s, k / 1024 }'
  echo "$secs" >"$work/$label.secs"
}
measure mera_submit "$mera" submit --db "$work/mera.db" "$work/cases.jsonl"

# SQLite's .import into a table of the same columns, in WAL mode with synchronous=FULL as mera.
sqlite3 "$work/sqlite.db" "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;
  CREATE TABLE cases(form TEXT, unit TEXT, case_id TEXT, opened TEXT, closed TEXT, children INTEGER, level TEXT, safe TEXT);" >/dev/null
measure sqlite3_import sqlite3 "$work/sqlite.db" ".import --csv --skip 1 $work/cases.csv cases"

awk -v a="$(cat "$work/mera_submit.secs")" -v b="$(cat "$work/sqlite3_import.secs")" 'BEGIN { printf "ratio mera/sqlite3 (time): %.2f\n", a / b }'
printf 'database size: mera %s, sqlite3 %s\n' "$(du -h "$work/mera.db" | cut -f1)" "$(du -h "$work/sqlite.db" | cut -f1)"
