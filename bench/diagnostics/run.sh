#!/usr/bin/env bash
# The diagnostics benchmark (issue 13, item 5): four inputs whose diagnostics used to cost as
# much as their line is long (see generate.py), each given to `mera submit` under GNU time.
# Prints wall time, peak memory and the size of what mera printed. Run by hand on a release
# build (never as a timed test):
#   cmake -S . -B build -G Ninja && cmake --build build
#   bash bench/diagnostics/run.sh
#   MERA=/tmp/mera-old LIMIT=300 REPEATS=30000 bash bench/diagnostics/run.sh
# LIMIT (seconds, default 600) stops a run that takes longer; it is then shown as "> LIMIT s".
set -euo pipefail
cd "$(dirname "$0")/../.."
mera=${MERA:-build/mera}
limit=${LIMIT:-600}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 bench/diagnostics/generate.py "$work"
"$mera" init --db "$work/mera.db" bench/cases >/dev/null
for input in repeated.json columns.csv long_line.json long_unit.json; do
  size=$(du -h "$work/$input" | cut -f1)
  set +e
  /usr/bin/time -f "%e %M" -o "$work/time" timeout "$limit" "$mera" submit --db "$work/mera.db" "$work/$input" >"$work/out" 2>&1
  rc=$?
  set -e
  read -r secs kb < <(tail -n 1 "$work/time") || true
  [ "$rc" = 124 ] && secs="> $limit"
  printf '%-16s %6s  %10s s %8.0f MB peak  exit %s  printed %s lines, %s bytes\n' "$input" "$size" "$secs" \
    "$(awk -v k="${kb:-0}" 'BEGIN { print k / 1024 }')" "$rc" "$(wc -l <"$work/out")" "$(wc -c <"$work/out")"
done
